/*
 * people_bench.c: the store-side half of bench/area_people.sh.
 *
 *   people_bench keys WORD...          prints "word<TAB>sound key" (the generator's vocabulary)
 *   people_bench lookup DB_URL N E164_PREFIX COUNT
 *                                      N exact phone lookups as the API runs them, against the
 * plain SQL people_bench names DB_URL N SHAPE QUERY... N name searches of those queries (the API's
 * passes), against the bare index query of the SHAPE (exact|prefix|sound) alone
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
#include "core/fold.h"
#include "domain/people/name_key.h"
#include "store/db.h"
#include "store/store.h"
#include "store/people/store_profile.h"

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
		struct db_tx *tx;
		/* the order alternates, so that neither side always finds the pages the other read
		 */
		for (int side = i % 2, s = 0; s < 2; s++, side = !side) {
			double t0 = now_us();
			if (side == 0) {
				struct arena a;
				struct profile_hit *hs;
				int nh = 0;
				arena_init(&a);
				if (!store_begin(st, STORE_READ_ONE, &tx)) {
					store_profile_by_phone(tx, &a, e164, 50, &hs, &nh);
					store_rollback(tx);
				}
				ta[i] = now_us() - t0;
				found += nh > 0;
				arena_release(&a);
			} else {
				struct db_res *r = NULL;
				struct db_val v = DBV_TEXT_(e164);
				if (!db_begin(db, 2, &tx)) {
					db_exec(tx, &plain, &v, 1, &r);
					db_res_free(r);
					db_rollback(tx);
				}
				tp[i] = now_us() - t0;
			}
		}
	}
	report("lookup_store_us", ta, n);
	report("lookup_plain_us", tp, n);
	printf("lookup_found %d/%d\n", found, n);
	db_close(db);
	store_close(st);
	return 0;
}

/* the bare index query a hand-written search would run for the same words: the yardstick */
static const struct db_stmt plain_fts = {
    "bench_plain_fts",
    "SELECT rowid FROM profile_name_fts WHERE profile_name_fts MATCH $1 LIMIT 60"};
static const struct db_stmt plain_ts = {
    "bench_plain_ts",
    "SELECT profile_id FROM profile_name_terms WHERE terms @@ CAST($1 AS tsquery) LIMIT 60"};

/* one query's terms as api_profile_search.c makes them: folded words and their sound keys */
static int terms_of(struct arena *a, const char *q, struct name_term *t)
{
	struct buf f = BUF_INIT(1024);
	const char **w;
	int n;
	fold_text(q, strlen(q), &f);
	name_words(f.data, a, NAME_TERMS_MAX, &w, &n);
	for (int i = 0; i < n; i++) {
		struct buf s = BUF_INIT(200);
		buf_putc(&s, NAME_SOUND_MARK);
		name_sound_key(w[i], strlen(w[i]), &s);
		t[i].word = w[i];
		t[i].sound = s.len > 1 ? arena_strdup(a, s.data) : NULL;
		buf_release(&s);
	}
	buf_release(&f);
	return n;
}

/* the bare index query for q's words: each exact, each a start, or each by its sound alone */
static void plain_query(const struct name_term *t, int n, const char *shape, int pg, struct buf *q)
{
	for (int i = 0; i < n; i++) {
		const char *w = !strcmp(shape, "sound") && t[i].sound ? t[i].sound : t[i].word;
		int prefix = !strcmp(shape, "prefix");
		buf_puts(q, i ? (pg ? " & " : " AND ") : "");
		if (pg)
			buf_printf(q, "'%s'%s", w, prefix ? ":*" : "");
		else
			buf_printf(q, "\"%s\"%s", w, prefix ? "*" : "");
	}
}

/*
 * n name searches of the queries given (taken at random), through the
 * store's passes as the API runs them; then, for the same query, the bare
 * index query of its shape (exact | prefix | sound) alone: the yardstick.
 */
static int names(const char *url, int n, const char *shape, char **qs, int nqs)
{
	struct store *st = open_store(url);
	struct db *db;
	struct buf err = BUF_INIT(512);
	if (db_open(url, 1, &db, &err)) {
		fprintf(stderr, "people_bench: %s\n", err.data);
		return 1;
	}
	int pg = db_kind(db) == DB_POSTGRES;
	double *t = calloc((size_t)n, sizeof(double)), *tp = calloc((size_t)n, sizeof(double));
	long rows = 0;
	srand(11);
	/* a server's connections are warm: the first searches of a new one (its catalog caches,
	 * its prepared statements, pages not yet read) are run but not counted, as the HTTP
	 * benches warm up first */
	int warm = n / 10 > 10 ? n / 10 : 10;
	for (int i = -warm; i < n; i++) {
		struct arena a;
		arena_init(&a);
		struct name_term term[NAME_TERMS_MAX];
		int nt = terms_of(&a, qs[rand() % nqs], term);
		struct buf pq = BUF_INIT(4096);
		plain_query(term, nt, shape, pg, &pq);
		struct db_tx *tx;
		/* the order alternates, so that neither side always finds the pages the other read
		 */
		for (int side = (i + warm) % 2, k = 0; k < 2; k++, side = !side) {
			double t0 = now_us();
			if (side == 0 && !store_begin(st, STORE_READ, &tx)) {
				struct profile_hit **hs;
				int nh = 0;
				store_profile_search_names(tx, &a, term, nt, 50, 60, &hs,
							   &nh); /* as the API */
				rows += i >= 0 ? nh : 0;
				store_rollback(tx);
				if (i >= 0)
					t[i] = now_us() - t0;
			} else if (side == 1 && !db_begin(db, 2, &tx)) {
				struct db_res *r = NULL;
				struct db_val v = DBV_TEXT_(pq.data);
				db_exec(tx, pg ? &plain_ts : &plain_fts, &v, 1, &r);
				db_res_free(r);
				db_rollback(tx);
				if (i >= 0)
					tp[i] = now_us() - t0;
			}
		}
		buf_release(&pq);
		arena_release(&a);
	}
	report("names_store_us", t, n);
	report("names_plain_us", tp, n);
	printf("names_rows_per_search %.0f\n", (double)rows / n);
	db_close(db);
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
	if (argc >= 6 && !strcmp(argv[1], "names"))
		return names(argv[2], atoi(argv[3]), argv[4], argv + 5, argc - 5);
	fprintf(stderr, "usage: people_bench keys WORD... | lookup URL N PREFIX COUNT | names URL "
			"N exact|prefix|sound QUERY...\n");
	return 2;
}
