/*
 * fts_sqlite.c: the FTS5 tokenizer "faro". Indexing emits each folded word
 * together with its Spanish and English stems as colocated tokens, stop
 * words left out; a query word is looked up under the same forms (FTS5
 * treats colocated query tokens as alternatives); a prefix query ("refu"*)
 * is looked up as folded, unstemmed text, which the index also holds.
 */
#include "store/search/fts_sqlite.h"

#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "store/search/fts_stem.h"
#include "core/banned.h"

struct faro_tok {
	struct fts_stem *stem;
};

struct tok_call {
	struct faro_tok *t;
	void *ctx;
	int flags;
	int (*token)(void *, int, const char *, int, int, int);
};

static int tok_create(void *ud, const char **argv, int argc, Fts5Tokenizer **ret)
{
	(void)ud, (void)argv, (void)argc;
	struct faro_tok *t = calloc(1, sizeof(*t));
	if (!t || !(t->stem = fts_stem_new())) {
		free(t);
		return SQLITE_NOMEM;
	}
	*ret = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct faro_tok *t = (struct faro_tok *)p;
	if (t)
		fts_stem_free(t->stem);
	free(t);
}

static int on_word(void *ud, const char *w, size_t n, size_t start, size_t end)
{
	struct tok_call *c = ud;
	int prefix = (c->flags & FTS5_TOKENIZE_QUERY) && (c->flags & FTS5_TOKENIZE_PREFIX);
	if (prefix) /* as typed: the index holds every word unstemmed too */
		return c->token(c->ctx, 0, w, (int)n, (int)start, (int)end);
	if (fts_stopword(w, n))
		return SQLITE_OK;
	const char *forms[3];
	size_t len[3];
	int k = fts_forms(c->t->stem, w, n, forms, len);
	for (int i = 0; i < k; i++) {
		int rc = c->token(c->ctx, i ? FTS5_TOKEN_COLOCATED : 0, forms[i], (int)len[i],
				  (int)start, (int)end);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			int (*token)(void *, int, const char *, int, int, int))
{
	struct tok_call c = {(struct faro_tok *)p, ctx, flags, token};
	if (n <= 0)
		return SQLITE_OK;
	int rc = fts_words(text, (size_t)n, on_word, &c);
	/* malformed UTF-8 indexes nothing rather than failing the write */
	return rc < 0 ? SQLITE_OK : rc;
}

/* strpos(s, sub): PostgreSQL's, so that one filter text serves both engines (store_search.c) */
static void fn_strpos(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *h = (const char *)sqlite3_value_text(argv[0]);
	const char *n = (const char *)sqlite3_value_text(argv[1]);
	if (!h || !n) {
		sqlite3_result_null(ctx);
		return;
	}
	const char *at = strstr(h, n);
	/* in characters, as PostgreSQL counts: the UTF-8 lead bytes before the match, plus one */
	int64_t pos = 0;
	if (at) {
		pos = 1;
		for (const char *c = h; c < at; c++)
			pos += ((unsigned char)*c & 0xC0) != 0x80;
	}
	sqlite3_result_int64(ctx, pos);
}

static void fn_geo_km(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	for (int i = 0; i < 4; i++)
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
			sqlite3_result_null(ctx);
			return;
		}
	struct geo_point a = {sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])};
	struct geo_point b = {sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])};
	sqlite3_result_double(ctx, geo_km(a, b));
}

/*
 * faro_rank(search_fts, w0, w1, ...): each query phrase scores the weight of
 * the best column it occurs in plus a quarter of the others' weights. It
 * reads only the position lists the match already loaded, where bm25 would
 * look up every matching row's column sizes and scan each phrase's whole
 * document list once more for its frequency: that made a common word's
 * search cost grow with the directory. Length and frequency are left to the
 * ranking in C (the name's own words).
 */
#define RANK_COLS_MAX 8
static void fn_rank(const Fts5ExtensionApi *x, Fts5Context *f, sqlite3_context *ctx, int argc,
		    sqlite3_value **argv)
{
	double w[RANK_COLS_MAX] = {0};
	int ncol = x->xColumnCount(f);
	for (int c = 0; c < ncol && c < RANK_COLS_MAX; c++)
		w[c] = c < argc ? sqlite3_value_double(argv[c]) : 1.0;
	double score = 0;
	for (int p = 0, np = x->xPhraseCount(f); p < np; p++) {
		Fts5PhraseIter it;
		int col;
		unsigned seen = 0;
		if (x->xPhraseFirstColumn(f, p, &it, &col) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, SQLITE_ERROR);
			return;
		}
		for (; col >= 0; x->xPhraseNextColumn(f, &it, &col))
			if (col < RANK_COLS_MAX)
				seen |= 1u << col;
		double best = 0, sum = 0;
		for (int c = 0; c < RANK_COLS_MAX; c++)
			if (seen & (1u << c)) {
				sum += w[c];
				if (w[c] > best)
					best = w[c];
			}
		score += best + 0.25 * (sum - best);
	}
	sqlite3_result_double(ctx, score);
}

static fts5_api *fts5_api_of(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int fts_sqlite_register(sqlite3 *h)
{
	fts5_api *api = fts5_api_of(h);
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	int rc = api->xCreateTokenizer(api, "faro", NULL, &tok, NULL);
	if (rc != SQLITE_OK)
		return rc;
	if ((rc = api->xCreateFunction(api, "faro_rank", NULL, fn_rank, NULL)) != SQLITE_OK)
		return rc;
	/* a search reads many pages of the index: map the file instead of a pread per page
	 * (the OS page cache is shared by every connection; SQLite caps it at its own limit) */
	if ((rc = sqlite3_exec(h, "PRAGMA mmap_size = 1073741824", NULL, NULL, NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_create_function(h, "strpos", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
					  fn_strpos, NULL, NULL)) != SQLITE_OK)
		return rc;
	return sqlite3_create_function(h, "geo_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				       fn_geo_km, NULL, NULL);
}
