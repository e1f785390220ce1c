/*
 * people_bench.c: the store-side half of bench/area_people.sh.
 *
 *   people_bench keys WORD...          prints "word<TAB>sound key" (the generator's vocabulary)
 *   people_bench lookup DB_URL N E164_PREFIX COUNT
 *                                      N exact phone lookups as the API runs them, against the plain SQL
 *   people_bench names DB_URL N WORD... N name searches (three passes, as the API) of random word pairs
 *
 * Prints "p50 p99" lines in microseconds. Links the server's own store and
 * domain objects, so what is timed is the code the server runs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/name_key.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_profile.h"

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("%s %.0f %.0f\n", what, t[n / 2], t[(int)(n * 0.99)]);
}

static struct store *open_store(const char *url)
{
	struct store *st;
	struct buf err = BUF_INIT(512);
	if (store_open(url, 2, &st, &err)) {
		fprintf(stderr, "people_bench: %s\n", err.data);
		exit(1);
	}
	buf_release(&err);
	return st;
}

/* the plain SQL a hand-written lookup would run: the yardstick */
static const struct db_stmt plain = {"bench_plain_phone",
				     "SELECT profile_id FROM profile_phones WHERE e164 = $1"};

static int lookup(const char *url, int n, const char *prefix, long count)
{
	struct store *st = open_store(url);
	struct db *db;
	struct buf err = BUF_INIT(512);
	if (db_open(url, 1, &db, &err)) {
		fprintf(stderr, "people_bench: %s\n", err.data);
		return 1;
	}
	double *ta = calloc((size_t)n, sizeof(double)), *tp = calloc((size_t)n, sizeof(double));
	int found = 0;
	srand(7);
	for (int i = 0; i < n; i++) {
		char e164[32];
		long k = (long)(((unsigned long)rand() * 2654435761UL) % (unsigned long)count);
		snprintf(e164, sizeof(e164), "%s%09ld", prefix, k);
		struct arena a;
		arena_init(&a);
		struct db_tx *tx;
		struct profile_hit *hs;
		int nh = 0;
		double t0 = now_us();
		if (!store_begin(st, 2, &tx)) {
			store_profile_by_phone(tx, &a, e164, 50, &hs, &nh);
			store_rollback(tx);
		}
		ta[i] = now_us() - t0;
		found += nh > 0;
		arena_release(&a);
		struct db_res *r = NULL;
		struct db_val v = DBV_TEXT_(e164);
		t0 = now_us();
		if (!db_begin(db, 2, &tx)) {
			db_exec(tx, &plain, &v, 1, &r);
			db_res_free(r);
			db_rollback(tx);
		}
		tp[i] = now_us() - t0;
	}
	report("lookup_store_us", ta, n);
	report("lookup_plain_us", tp, n);
	printf("lookup_found %d/%d\n", found, n);
	db_close(db);
	store_close(st);
	return 0;
}

/* the API's three passes for two words: exact words, word starts, the first word's sound */
static int names(const char *url, int n, char **words, int nw)
{
	struct store *st = open_store(url);
	double *t = calloc((size_t)n, sizeof(double));
	long rows = 0;
	srand(11);
	for (int i = 0; i < n; i++) {
		const char *w[2] = {words[rand() % nw], words[rand() % nw]};
		struct arena a;
		arena_init(&a);
		double t0 = now_us();
		struct db_tx *tx;
		if (!store_begin(st, 0, &tx)) {
			for (int pass = 0; pass < 3; pass++) {
				struct name_term term[2];
				for (int k = 0; k < 2; k++) {
					struct buf s = BUF_INIT(200);
					buf_puts(&s, "p:");
					name_sound_key(w[k], strlen(w[k]), &s);
					term[k].lo = arena_printf(&a, "w:%s", w[k]);
					term[k].hi = arena_printf(&a, "w:%s%s", w[k], pass ? "\x7f" : "\x01");
					term[k].eq = pass ? arena_strdup(&a, s.data) : NULL;
					buf_release(&s);
				}
				if (pass == 2)
					term[0].lo = term[0].hi = NULL;
				else
					term[0].eq = NULL;
				struct profile_hit *hs;
				int nh = 0;
				store_profile_by_name(tx, &a, term, 2, 200, &hs, &nh);
				rows += nh;
			}
			store_rollback(tx);
		}
		t[i] = now_us() - t0;
		arena_release(&a);
	}
	report("names_store_us", t, n);
	printf("names_rows_per_search %.0f\n", (double)rows / n);
	store_close(st);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "keys")) {
		for (int i = 2; i < argc; i++) {
			struct buf b = BUF_INIT(200);
			name_sound_key(argv[i], strlen(argv[i]), &b);
			printf("%s\t%s\n", argv[i], b.data);
			buf_release(&b);
		}
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "lookup"))
		return lookup(argv[2], atoi(argv[3]), argv[4], atol(argv[5]));
	if (argc >= 5 && !strcmp(argv[1], "names"))
		return names(argv[2], atoi(argv[3]), argv + 4, argc - 4);
	fprintf(stderr, "usage: people_bench keys WORD... | lookup URL N PREFIX COUNT | names URL N WORD...\n");
	return 2;
}
