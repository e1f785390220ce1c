/* test_search_fts.c: the "faro" FTS5 tokenizer: folding, Spanish and English stems, prefixes, stop words. */
#include <sqlite3.h>
#include <string.h>

#include "store/fts_sqlite.h"
#include "store/fts_stem.h"
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
		snprintf(out + n, sizeof(out) - n, "%s%lld", n ? "," : "", sqlite3_column_int64(st, 0));
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
	sqlite3_prepare_v2(db, "SELECT geo_km(6.2518, -75.5636, 4.6097, -74.0817), geo_km(NULL, 1, 2, 3)",
			   -1, &st, NULL);
	sqlite3_step(st);
	double d = sqlite3_column_double(st, 0);
	CHECK(d > 242 && d < 247 && sqlite3_column_type(st, 1) == SQLITE_NULL, "geo_km() %.1f", d);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

int main(void)
{
	test_words();
	test_match();
	return test_done();
}
