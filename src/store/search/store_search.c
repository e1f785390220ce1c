/*
 * store_search.c: the search queries over the index of migration 0040. The
 * keyword part has one text per engine (FTS5 MATCH with bm25 weights in
 * SQLite, a tsquery on the weighted tsvector in PostgreSQL); the filters
 * are the same SQL in both, each one switched off by a NULL parameter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/search/fts_stem.h"
#include "store/search/search_tags.h"
#include "store/store_impl.h"
#include "store/search/store_search.h"
#include "core/banned.h"

/*
 * $1 term, $2-$5 box, $6 phone tail, $7 serves-only flag, $8-$10 serves keys, $11 area, $12 limit.
 * The category is checked in the entry's own list of its service's terms (" id id ... ",
 * migration 0045): a look-up in search_term per candidate read a page of the term's thousands
 * of services each, 14 of 30 ms of the first search near a city on PostgreSQL.
 */
#define SERVES                                                                                     \
	"(CASE WHEN CAST($8 AS TEXT) IS NULL THEN 0 WHEN EXISTS (SELECT 1 FROM search_area a "     \
	"WHERE a.service_id = e.service_id "                                                       \
	"AND a.key IN (CAST($8 AS TEXT), CAST($9 AS TEXT), CAST($10 AS TEXT))) THEN 1 ELSE 0 END)"
#define COLS "e.id, e.latitude, e.longitude, e.tz, e.hours, e.top_terms, " SERVES ", e.name_fold"
#define FILTERS                                                                                    \
	" AND (CAST($1 AS TEXT) IS NULL OR strpos(e.terms, ' ' || CAST($1 AS TEXT) || ' ') > 0)"   \
	" AND (CAST($2 AS DOUBLE PRECISION) IS NULL OR (e.latitude >= CAST($2 AS DOUBLE "          \
	"PRECISION) AND e.latitude <= "                                                            \
	"CAST($3 AS DOUBLE PRECISION) AND e.longitude >= CAST($4 AS DOUBLE PRECISION) AND "        \
	"e.longitude <= CAST($5 AS DOUBLE PRECISION)))"                                            \
	" AND (CAST($6 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM search_phone p WHERE p.tail = "   \
	"$6 AND "                                                                                  \
	"p.entry_id = e.id))"                                                                      \
	" AND (CAST($7 AS INTEGER) IS NULL OR " SERVES " = 1)"                                     \
	" AND (CAST($11 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM search_area a2 WHERE "           \
	"a2.service_id = "                                                                         \
	"e.service_id AND a2.key = $11))"

/*
 * Keywords in SQLite: FTS5 ranks the matches alone (rowid and score), and only
 * the best $12 are joined to their entries: joining first would carry every
 * match's columns (hours, terms) through the sort. Without filters the match
 * needs no entry at all.
 */
#define KW_RANK	 "faro_rank(search_fts, 10.0, 6.0, 3.0, 1.0, 0.0)"
#define KW_OUTER ") k JOIN search_entry e ON e.id = k.rid ORDER BY k.rel DESC, e.id"
static const struct db_stmt kw_sqlite = {
    "search_kw",
    "SELECT " COLS ", k.rel FROM (SELECT rowid AS rid, " KW_RANK " AS rel FROM search_fts "
    "WHERE search_fts MATCH $13 ORDER BY rel DESC, rowid LIMIT $12" KW_OUTER};
static const struct db_stmt kw_sqlite_filtered = {
    "search_kw_filtered",
    "SELECT " COLS ", k.rel FROM (SELECT search_fts.rowid AS rid, " KW_RANK " AS rel FROM "
    "search_fts JOIN search_entry e ON e.id = search_fts.rowid WHERE search_fts MATCH $13" FILTERS
    " ORDER BY rel DESC, rid LIMIT $12" KW_OUTER};
/*
 * Keywords in PostgreSQL: GIN has no order, so ranking every match (ts_rank
 * reads each one's whole tsvector) costs in proportion to the matches:
 * 25-40 ms for a word in one entry of eight at 165,000 entries. Instead the
 * candidates are bounded: at most $12 entries whose name, taxonomy or
 * organization hold the words (search_top, migration 0044), then, while
 * fewer, entries that hold them elsewhere; the Append stops at the LIMIT,
 * so the second part runs only when the first falls short. Only these are
 * ranked, the first part on its few words. Among more than $12 name-level
 * matches the ones taken are the first in the table, as ties of the rank
 * were before.
 */
#define KW_PG_RANK "ts_rank('{0.1, 0.3, 0.6, 1.0}', "
#define KW_PG_REST                                                                                 \
	"(SELECT " COLS ", " KW_PG_RANK "e.fts, $13::tsquery) FROM (SELECT * FROM search_entry "   \
	"WHERE fts @@ $13::tsquery OFFSET 0) e WHERE NOT EXISTS (SELECT 1 FROM search_top t2 "     \
	"WHERE t2.id = e.id AND t2.tsv @@ $13::tsquery)" FILTERS " LIMIT $12) LIMIT $12) k "       \
	"ORDER BY k.rel DESC, k.id"
/* search_top carries the columns of COLS, so it stands as e */
static const struct db_stmt kw_pg = {
    "search_kw_pg",
    "SELECT k.* FROM ((SELECT " COLS ", " KW_PG_RANK "e.tsv, $13::tsquery) AS rel "
    "FROM search_top e WHERE e.tsv @@ $13::tsquery LIMIT $12) UNION ALL " KW_PG_REST};
/* the fences (OFFSET 0) keep the tagged words first and each entry a lookup: the planner,
 * unsure of a tsquery's rows, would start from the box and test every place in it */
static const struct db_stmt kw_pg_filtered = {
    "search_kw_pg_filtered",
    "SELECT k.* FROM ((SELECT " COLS ", " KW_PG_RANK "t.tsv, $13::tsquery) AS rel FROM (SELECT "
    "id, tsv FROM search_top WHERE tsv @@ $13::tsquery OFFSET 0) t, LATERAL (SELECT * FROM "
    "search_entry e WHERE e.id = t.id" FILTERS " OFFSET 0) e LIMIT $12) UNION ALL " KW_PG_REST};

/* with a category or a box, whose tags narrow the matches to a few inside GIN, ranking them
 * all is cheaper than the two bounded parts (3.3 / 18.5 ms p50 / p99 against 4.3 / 36.3), and
 * their columns come along (no second look-up of each); the fence keeps the planner from also
 * reading the box's places from their index (3 ms more) */
static const struct db_stmt kw_pg_tagged = {
    "search_kw_pg_tagged",
    "SELECT " COLS ", " KW_PG_RANK "e.fts, $13::tsquery) AS rel FROM (SELECT * FROM search_entry "
    "WHERE fts @@ $13::tsquery OFFSET 0) e WHERE 1 = 1" FILTERS
    " ORDER BY rel DESC, e.id LIMIT $12"};
static const struct db_stmt geo_sqlite = {
    "search_geo", "SELECT " COLS ", 0 FROM search_entry e WHERE e.latitude IS NOT NULL" FILTERS
		  " ORDER BY geo_km($13, $14, e.latitude, e.longitude), e.id LIMIT $12"};
/* haversine in SQL; the mean Earth radius as in domain/geo.h */
static const struct db_stmt geo_pg = {
    "search_geo_pg",
    "SELECT " COLS ", 0 FROM search_entry e WHERE e.latitude IS NOT NULL" FILTERS
    " ORDER BY 2 * 6371.0088 * asin(sqrt(LEAST(1.0, power(sin(radians(e.latitude - $13::float8) "
    "/ 2), 2) + cos(radians($13::float8)) * cos(radians(e.latitude)) * power(sin(radians("
    "e.longitude - $14::float8) / 2), 2)))), e.id LIMIT $12"};
static const struct db_stmt plain = {"search_plain",
				     "SELECT " COLS ", 0 FROM search_entry e WHERE 1 = 1" FILTERS
				     " ORDER BY e.name_fold, e.id LIMIT $12"};

/* without keywords or a place, the most selective filter drives the query (an index lookup, not a
 * scan) */
static const struct db_stmt by_phone = {
    "search_by_phone",
    "SELECT " COLS ", 0 FROM search_phone ph JOIN search_entry e ON e.id = ph.entry_id WHERE "
    "ph.tail = CAST($6 AS TEXT)" FILTERS " ORDER BY e.name_fold, e.id LIMIT $12"};
static const struct db_stmt by_term = {
    "search_by_term",
    "SELECT " COLS ", 0 FROM search_term t0 JOIN search_entry e ON e.service_id = t0.service_id "
    "WHERE t0.term_id = CAST($1 AS TEXT)" FILTERS " ORDER BY e.name_fold, e.id LIMIT $12"};

#define ENTRY_COLS                                                                                 \
	"id, service_id, location_id, sal_id, organization_id, name, organization, description, "  \
	"address, postal_code, country, latitude, longitude, tz, hours, phones, top_terms"
static const struct db_stmt entries_by_id = {
    "search_entries",
    "SELECT " ENTRY_COLS " FROM search_entry WHERE id IN ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
    "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)"};
static const struct db_stmt entries_of_service = {
    "search_entries_of_service",
    "SELECT " ENTRY_COLS " FROM search_entry WHERE service_id = $1 ORDER BY id LIMIT $2"};
static const struct db_stmt categories = {
    "search_categories",
    "SELECT t.id, t.name, t.parent_id, COUNT(st.service_id) FROM taxonomy_term t JOIN "
    "search_term st ON st.term_id = t.id GROUP BY t.id, t.name, t.parent_id ORDER BY t.name, t.id"};
static const struct db_stmt area_names = {
    "search_area_names",
    "SELECT MIN(label), key, COUNT(*) FROM search_area WHERE key >= 'n:' AND key < 'n;' "
    "GROUP BY key ORDER BY key LIMIT $1"};

/* ---- the keyword part of a query ---- */

/* sqlite_match: an FTS5 expression: every word, the last one also as a prefix */
static int sqlite_match(const struct search_query *q, struct buf *out)
{
	for (int i = 0; i < q->nwords; i++) {
		const char *w = q->words[i];
		if (i)
			buf_puts(out, " AND ");
		/* folded words hold only letters and digits: quoting cannot be escaped */
		if (i == q->nwords - 1 && q->last_prefix)
			buf_printf(out, "(\"%s\" OR \"%s\"*)", w, w);
		else
			buf_printf(out, "\"%s\"", w);
	}
	return out->len ? 0 : ERR_INVALID;
}

/*
 * The indexed words a typed start can finish as (migration 0044): GIN reads
 * a prefix term's lists whole into a bitmap before it intersects anything
 * ("child care": 9 ms with 'care':*, 3 ms with the three words it stands
 * for), so a start that finishes as few words is asked as those words.
 */
#define PREFIX_WORDS 48
static const struct db_stmt words_from = {
    "search_words_from",
    "SELECT word FROM search_word WHERE word >= $1 AND word < $2 ORDER BY word LIMIT $3"};

/* the prefix alternatives of w: its words from the vocabulary, or 'w':* when they are many */
static int pg_prefix(struct db_tx *tx, const char *w, struct buf *out)
{
	struct buf hi = BUF_INIT(256);
	struct db_res *r;
	buf_printf(&hi, "%s\xf4\x8f\xbf\xbf", w);
	struct db_val p[] = {DBV_TEXT_(w), DBV_TEXT_(hi.data), DBV_INT_(PREFIX_WORDS + 1)};
	int rc = db_exec(tx, &words_from, p, 3, &r);
	buf_release(&hi);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	if (n > PREFIX_WORDS)
		buf_printf(out, " | '%s':*", w);
	/* indexed words are folded lexemes: letters and digits, no quote */
	for (int i = 0; n <= PREFIX_WORDS && i < n; i++)
		buf_printf(out, " | '%s'", db_res_text(r, i, 0));
	db_res_free(r);
	return 0;
}

/* pg_tsquery: a tsquery text with each word under its indexed forms: 'w' | 'stem' ... */
static int pg_tsquery(struct db_tx *tx, const struct search_query *q, struct buf *out)
{
	int rc = 0;
	struct fts_stem *st = fts_stem_new();
	if (!st)
		return ERR_NOMEM;
	for (int i = 0; i < q->nwords; i++) {
		const char *forms[3];
		size_t len[3];
		const char *w = q->words[i];
		int k = fts_forms(st, w, strlen(w), forms, len);
		buf_puts(out, i ? " & (" : "(");
		for (int j = 0; j < k; j++)
			buf_printf(out, "%s'%.*s'", j ? " | " : "", (int)len[j], forms[j]);
		if (i == q->nwords - 1 && q->last_prefix && (rc = pg_prefix(tx, w, out)))
			break;
		buf_putc(out, ')');
	}
	fts_stem_free(st);
	return rc ? rc : out->len ? 0 : ERR_INVALID;
}

/*
 * add_tags: the category's and the box's tags (search_tags.h) ANDed to the
 * keyword expression, so the text index itself narrows to the filters
 */
static void add_tags(const struct search_query *q, const char box[4][32], int pg, struct buf *out)
{
	char tag[SEARCH_TAG_MAX], cells[SEARCH_BOX_CELLS][SEARCH_TAG_MAX];
	if (q->term_id) {
		search_tag_term(q->term_id, tag);
		buf_printf(out, pg ? " & '%s'" : " AND tags : \"%s\"", tag);
	}
	/* the cells of the box as the SQL compares it, from the same rounded text */
	int n = q->has_box ? search_tag_box(strtod(box[0], NULL), strtod(box[1], NULL),
					    strtod(box[2], NULL), strtod(box[3], NULL), cells)
			   : 0;
	for (int i = 0; i < n; i++)
		buf_printf(out, pg ? "%s'%s'%s" : "%s\"%s\"%s",
			   i ? (pg ? " | " : " OR ") : (pg ? " & (" : " AND tags : ("), cells[i],
			   i == n - 1 ? ")" : "");
}

static struct db_val opt_text(const char *s)
{
	return s ? DBV_TEXT_(s) : DBV_NULL_;
}

static void cand_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct search_cand *c = rec;
	c->id = db_res_int(r, i, 0);
	c->has_geo = !db_res_isnull(r, i, 1) && !db_res_isnull(r, i, 2);
	c->lat = db_res_double(r, i, 1);
	c->lon = db_res_double(r, i, 2);
	c->tz = store_text(a, r, i, 3);
	c->hours = store_text(a, r, i, 4);
	c->top_terms = store_text(a, r, i, 5);
	c->serves = (int)db_res_int(r, i, 6);
	c->name_fold = store_text(a, r, i, 7);
	c->rel = db_res_double(r, i, 8);
}

int store_search_candidates(struct db_tx *tx, struct arena *a, const struct search_query *q,
			    struct search_cand **ret, int *ret_n)
{
	int pg = db_kind(db_tx_db(tx)) == DB_POSTGRES;
	struct buf match = BUF_INIT(16 * 1024);
	char box[4][32], pt[2][32];
	void *rows;
	int rc = 0;
	snprintf(box[0], sizeof(box[0]), "%.7f", q->lat_min);
	snprintf(box[1], sizeof(box[1]), "%.7f", q->lat_max);
	snprintf(box[2], sizeof(box[2]), "%.7f", q->lon_min);
	snprintf(box[3], sizeof(box[3]), "%.7f", q->lon_max);
	snprintf(pt[0], sizeof(pt[0]), "%.7f", q->lat);
	snprintf(pt[1], sizeof(pt[1]), "%.7f", q->lon);
	struct db_val p[14] = {
	    opt_text(q->term_id),
	    q->has_box ? DBV_TEXT_(box[0]) : DBV_NULL_,
	    q->has_box ? DBV_TEXT_(box[1]) : DBV_NULL_,
	    q->has_box ? DBV_TEXT_(box[2]) : DBV_NULL_,
	    q->has_box ? DBV_TEXT_(box[3]) : DBV_NULL_,
	    opt_text(q->phone_tail),
	    q->serves_only ? DBV_INT_(1) : DBV_NULL_,
	    opt_text(q->serves[0]),
	    opt_text(q->serves[1]),
	    opt_text(q->serves[2]),
	    opt_text(q->area_key),
	    DBV_INT_(q->limit),
	};
	int np = 12;
	const struct db_stmt *st = q->phone_tail ? &by_phone : q->term_id ? &by_term : &plain;
	if (q->nwords) {
		if ((rc = pg ? pg_tsquery(tx, q, &match) : sqlite_match(q, &match)))
			goto out;
		add_tags(q, (const char(*)[32])box, pg, &match);
		p[np++] = DBV_TEXT_(match.data);
		int tagged = q->term_id || q->has_box;
		int filtered = tagged || q->phone_tail || q->serves_only || q->area_key;
		if (!pg)
			st = filtered ? &kw_sqlite_filtered : &kw_sqlite;
		else
			st = tagged ? &kw_pg_tagged : filtered ? &kw_pg_filtered : &kw_pg;
	} else if (q->by_distance) {
		p[np++] = DBV_TEXT_(pt[0]);
		p[np++] = DBV_TEXT_(pt[1]);
		st = pg ? &geo_pg : &geo_sqlite;
	}
	/* a bounded LIMIT over common words tempts PostgreSQL to scan the table (store_impl.h) */
	int no_scan = pg && q->nwords;
	if ((no_scan && (rc = store_pg_seqscan(tx, 0))) ||
	    (rc = store_rows(tx, a, st, p, np, sizeof(**ret), cand_from_row, &rows, ret_n)) ||
	    (no_scan && (rc = store_pg_seqscan(tx, 1))))
		goto out;
	*ret = rows;
out:
	buf_release(&match);
	return rc;
}

static void fill_entry(struct arena *a, const struct db_res *r, int i, struct search_entry_rec *e)
{
	e->id = db_res_int(r, i, 0);
	e->service_id = store_text(a, r, i, 1);
	e->location_id = store_text(a, r, i, 2);
	e->sal_id = store_text(a, r, i, 3);
	e->organization_id = store_text(a, r, i, 4);
	e->name = store_text(a, r, i, 5);
	e->organization = store_text(a, r, i, 6);
	e->description = store_text(a, r, i, 7);
	e->address = store_text(a, r, i, 8);
	e->postal_code = store_text(a, r, i, 9);
	e->country = store_text(a, r, i, 10);
	e->has_geo = !db_res_isnull(r, i, 11) && !db_res_isnull(r, i, 12);
	e->lat = db_res_double(r, i, 11);
	e->lon = db_res_double(r, i, 12);
	e->tz = store_text(a, r, i, 13);
	e->hours = store_text(a, r, i, 14);
	e->phones = store_text(a, r, i, 15);
	e->top_terms = store_text(a, r, i, 16);
}

int store_search_entries(struct db_tx *tx, struct arena *a, const int64_t *ids, int n,
			 struct search_entry_rec *ret)
{
	struct db_val p[SEARCH_PAGE_MAX];
	struct db_res *r;
	if (n > SEARCH_PAGE_MAX)
		return ERR_INVALID;
	for (int i = 0; i < SEARCH_PAGE_MAX; i++)
		p[i] = i < n ? DBV_INT_(ids[i]) : DBV_NULL_;
	int rc = db_exec(tx, &entries_by_id, p, SEARCH_PAGE_MAX, &r);
	if (rc)
		return rc;
	memset(ret, 0, sizeof(*ret) * (size_t)n);
	for (int i = 0; i < db_res_rows(r); i++) {
		int64_t id = db_res_int(r, i, 0);
		for (int k = 0; k < n; k++)
			if (ids[k] == id)
				fill_entry(a, r, i, &ret[k]);
	}
	db_res_free(r);
	return 0;
}

int store_search_entries_of_service(struct db_tx *tx, struct arena *a, const char *service_id,
				    int max, struct search_entry_rec *ret, int *ret_n)
{
	struct db_val p[] = {DBV_TEXT_(service_id), DBV_INT_(max)};
	struct db_res *r;
	int rc = db_exec(tx, &entries_of_service, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++)
		fill_entry(a, r, i, &ret[i]);
	db_res_free(r);
	*ret_n = n;
	return n ? 0 : ERR_NOT_FOUND;
}

static int choices(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
		   const struct db_val *p, int np, int name_col, int id_col, int parent_col,
		   struct search_choice **ret, int *ret_n)
{
	struct db_res *r;
	int rc = db_exec(tx, st, p, np, &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct search_choice *c = arena_alloc(a, sizeof(*c) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		c[i].id = store_text(a, r, i, id_col);
		c[i].name = store_text(a, r, i, name_col);
		c[i].parent_id = parent_col >= 0 ? store_text(a, r, i, parent_col) : NULL;
		c[i].count = db_res_int(r, i, 3 - (parent_col < 0));
	}
	db_res_free(r);
	*ret = c;
	*ret_n = n;
	return 0;
}

int store_search_categories(struct db_tx *tx, struct arena *a, struct search_choice **ret,
			    int *ret_n)
{
	return choices(tx, a, &categories, NULL, 0, 1, 0, 2, ret, ret_n);
}

int store_search_area_names(struct db_tx *tx, struct arena *a, int max, struct search_choice **ret,
			    int *ret_n)
{
	struct db_val p[] = {DBV_INT_(max)};
	return choices(tx, a, &area_names, p, NPARAMS(p), 0, 1, -1, ret, ret_n);
}
