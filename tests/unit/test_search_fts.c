/* test_search_fts.c: the "faro" FTS5 tokenizer: folding, Spanish and English stems, prefixes, stop
 * words. */
#include <sqlite3.h>
#include <string.h>

#include "store/search/fts_sqlite.h"
#include "store/search/fts_stem.h"
#include "store/search/search_tags.h"
#include "test.h"

static sqlite3 *db;

/* hits: the ids (as "1,3") of documents matching q, in id order */
static const char *hits(const char *q)
{
	static char out[256];
	sqlite3_stmt *st;
	out[0] = 0;
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM d WHERE d MATCH ?1 ORDER BY rowid", -1, &st,
			       NULL) != SQLITE_OK)
		return "prepare failed";
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = strlen(out);
		snprintf(out + n, sizeof(out) - n, "%s%lld", n ? "," : "",
			 sqlite3_column_int64(st, 0));
	}
	if (rc != SQLITE_DONE)
		snprintf(out, sizeof(out), "error: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return out;
}

static int collect(void *ud, const char *w, size_t n, size_t s, size_t e)
{
	char *out = ud;
	size_t l = strlen(out);
	snprintf(out + l, 200 - l, "%s%.*s@%zu-%zu", l ? " " : "", (int)n, w, s, e);
	return 0;
}

static void test_words(void)
{
	char out[200] = "";
	CHECK(fts_words("Salúd  MENTAL, niños!", 22, collect, out) == 0 &&
		  strcmp(out, "salud@0-5 mental@6-12 ninos@13-18") == 0,
	      "words folded: %s", out);
	out[0] = 0;
	CHECK(fts_words("\xff\xfe", 2, collect, out) < 0, "malformed UTF-8 is refused");
	struct fts_stem *s = fts_stem_new();
	const char *f[3];
	size_t l[3];
	int k = fts_forms(s, "refugios", 8, f, l);
	CHECK(k == 3 && l[1] == 6 && memcmp(f[1], "refugi", 6) == 0, "refugios: es stem refugi");
	k = fts_forms(s, "shelters", 8, f, l);
	CHECK(k >= 2 && memcmp(f[k - 1], "shelter", 7) == 0, "shelters: en stem shelter");
	k = fts_forms(s, "a", 1, f, l);
	CHECK(k == 1, "duplicate forms are dropped");
	fts_stem_free(s);
	CHECK(fts_stopword("de", 2) && fts_stopword("the", 3) && fts_stopword("y", 1) &&
		  !fts_stopword("sin", 3) && !fts_stopword("d", 1) && !fts_stopword("dee", 3),
	      "stop words");
}

static void test_match(void)
{
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK && fts_sqlite_register(db) == SQLITE_OK,
	      "tokenizer registers");
	char *err = NULL;
	int rc = sqlite3_exec(db,
			      "CREATE VIRTUAL TABLE d USING fts5(name, body, tokenize='faro');"
			      "INSERT INTO d(rowid, name, body) VALUES"
			      " (1, 'Salúd Mental Comunitaria', 'Atención psicológica'),"
			      " (2, 'Refugio Nocturno San José', 'Camas para personas sin hogar'),"
			      " (3, 'Emergency Shelters of Queens', 'Beds and meals for families'),"
			      " (4, 'Banco de Alimentos', 'Mercados para familias'),"
			      " (5, 'ÁREA DE NIÑOS', 'Guardería');",
			      NULL, NULL, &err);
	CHECK(rc == SQLITE_OK, "index builds %s", err ? err : "");
	sqlite3_free(err);
	CHECK(strcmp(hits("\"salud mental\""), "1") == 0, "accents folded: salud mental");
	CHECK(strcmp(hits("SALUD"), "1") == 0, "case folded");
	CHECK(strcmp(hits("refugios"), "2") == 0, "Spanish stem: refugios finds Refugio");
	CHECK(strcmp(hits("shelter"), "3") == 0, "English stem: shelter finds Shelters");
	CHECK(strcmp(hits("familia"), "3,4") == 0, "familia finds familias and (stem) families: %s",
	      hits("familia"));
	CHECK(strcmp(hits("refu*"), "2") == 0, "prefix on the unstemmed word");
	CHECK(strcmp(hits("refugio*"), "2") == 0, "a whole word typed as a prefix still matches");
	CHECK(strcmp(hits("nino"), "5") == 0, "ñ folds to n");
	CHECK(strcmp(hits("banco alimentos"), "4") == 0, "stop words are not needed");
	CHECK(strcmp(hits("name:mental"), "1") == 0 && strcmp(hits("name:camas"), "") == 0,
	      "column filters work");
	CHECK(strcmp(hits("psicologica"), "1") == 0, "body text is searched too");
	sqlite3_stmt *st;
	sqlite3_prepare_v2(
	    db, "SELECT geo_km(6.2518, -75.5636, 4.6097, -74.0817), geo_km(NULL, 1, 2, 3)", -1, &st,
	    NULL);
	sqlite3_step(st);
	double d = sqlite3_column_double(st, 0);
	CHECK(d > 242 && d < 247 && sqlite3_column_type(st, 1) == SQLITE_NULL, "geo_km() %.1f", d);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* rank: faro_rank of the one row matching q in a two-column (name, body) table */
static double rank_of(const char *q)
{
	sqlite3_stmt *st;
	double r = -1;
	if (sqlite3_prepare_v2(db, "SELECT faro_rank(d, 10.0, 1.0) FROM d WHERE d MATCH ?1", -1,
			       &st, NULL) != SQLITE_OK)
		return -2;
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		r = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return r;
}

static void test_rank(void)
{
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK && fts_sqlite_register(db) == SQLITE_OK,
	      "tokenizer registers");
	sqlite3_exec(db,
		     "CREATE VIRTUAL TABLE d USING fts5(name, body, tokenize='faro');"
		     "INSERT INTO d(rowid, name, body) VALUES (1, 'Refugio', 'camas y comida'),"
		     " (2, 'Comedor', 'refugio de noche');",
		     NULL, NULL, NULL);
	CHECK(rank_of("camas") == 1.0 && rank_of("comedor") == 10.0,
	      "a word scores its column's weight (%g, %g)", rank_of("camas"), rank_of("comedor"));
	CHECK(rank_of("refugio AND comida") == 11.0, "each word adds its best column");
	CHECK(rank_of("noche OR comida") == 1.0 && rank_of("name:comedor") == 10.0,
	      "only the phrases that occur score (%g)", rank_of("noche OR comida"));
	sqlite3_exec(db, "INSERT INTO d(rowid, name, body) VALUES (3, 'Noche', 'noche')", NULL,
		     NULL, NULL);
	CHECK(rank_of("noche AND name:noche") == 10.0 + 0.25 + 10.0,
	      "a word in both columns: the best, plus a quarter of the other");
	sqlite3_close(db);
}

/* every point inside a box has its cell among the box's tags, whatever the box */
static void test_tags(void)
{
	char fine[SEARCH_TAG_MAX], coarse[SEARCH_TAG_MAX], cells[SEARCH_BOX_CELLS][SEARCH_TAG_MAX];
	unsigned seed = 7;
	int bad = 0, narrowed = 0, boxes = 2000;
	for (int b = 0; b < boxes; b++) {
		seed = seed * 1103515245u + 12345u;
		double lat = -80 + (seed >> 8) % 16000 / 100.0;
		seed = seed * 1103515245u + 12345u;
		double lon = -170 + (seed >> 8) % 34000 / 100.0;
		double r = 0.01 + (b % 40) * 0.05; /* degrees */
		double la0 = lat - r, la1 = lat + r, lo0 = lon - r, lo1 = lon + r;
		int n = search_tag_box(la0, la1, lo0, lo1, cells);
		narrowed += n > 0;
		for (int k = 0; k < 25 && n; k++) {
			/* a grid of points over the box, edges included */
			double pla = k / 5 == 4 ? la1 : la0 + (la1 - la0) * (k / 5) / 4.0;
			double plo = k % 5 == 4 ? lo1 : lo0 + (lo1 - lo0) * (k % 5) / 4.0;
			search_tag_cells(pla, plo, fine, coarse);
			int found = 0;
			for (int i = 0; i < n; i++)
				found |= !strcmp(cells[i], fine) || !strcmp(cells[i], coarse);
			bad += !found;
		}
	}
	CHECK(bad == 0 && narrowed > boxes / 2,
	      "a box's tags hold the cell of every point in it "
	      "(%d misses, %d of %d boxes narrowed)",
	      bad, narrowed, boxes);
	CHECK(search_tag_box(1, 0, 0, 1, cells) == 0 &&
		  search_tag_box(0, 1, 179.9, -179.9, cells) == 0,
	      "an empty box or one across the antimeridian is not narrowed");
	CHECK(search_tag_box(4.60, 4.69, -74.09, -74.01, cells) == 1 &&
		  !strcmp(cells[0], "g0094601059"),
	      "a small box in Bogotá is one fine cell (%s)", cells[0]);
	char t1[SEARCH_TAG_MAX], t2[SEARCH_TAG_MAX];
	search_tag_term("10d023ed-6edf-8469-a223-e4ebd3b2fda4", t1);
	search_tag_term("10d023ed-6edf-8469-a223-e4ebd3b2fda5", t2);
	CHECK(strlen(t1) == 20 && t1[0] == 'q' && strcmp(t1, t2),
	      "term tags: q and 19 digits, distinct");
}

int main(void)
{
	test_words();
	test_match();
	test_rank();
	test_tags();
	return test_done();
}
