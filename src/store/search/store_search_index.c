/*
 * store_search_index.c: builds the search index (migration 0040) from the
 * HSDS tables. One pass per table, joined in memory with string maps, so
 * a directory of 100,000 services costs a handful of scans rather than a
 * query per service.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/hash.h"
#include "core/xalloc.h"
#include "domain/geo.h"
#include "domain/tz.h"
#include "store/search/search_tags.h"
#include "store/store_impl.h"
#include "store/search/store_search.h"
#include "core/banned.h"

/* ---- a string -> list-of-rows map (open addressing; keys owned elsewhere) ---- */
struct smap {
	const char **keys;
	int *head; /* first row of the key's list */
	size_t cap, n;
};

static void smap_init(struct smap *m, size_t expect)
{
	m->cap = 64;
	while (m->cap < expect * 2 + 2)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->head = xcalloc(m->cap, sizeof(*m->head));
	m->n = 0;
}

static void smap_free(struct smap *m)
{
	free(m->keys);
	free(m->head);
}

static size_t smap_slot(const struct smap *m, const char *k)
{
	size_t i = hash_str(k) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], k))
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* smap_get: the head row of key k, or -1 */
static int smap_get(const struct smap *m, const char *k)
{
	if (!k || !*k)
		return -1;
	size_t i = smap_slot(m, k);
	return m->keys[i] ? m->head[i] : -1;
}

/* smap_push: prepends row to k's list, whose links live in next[] */
static void smap_push(struct smap *m, const char *k, int row, int *next)
{
	if (!k || !*k)
		return;
	size_t i = smap_slot(m, k);
	if (!m->keys[i]) {
		m->keys[i] = k;
		m->head[i] = -1;
		m->n++;
	}
	next[row] = m->head[i];
	m->head[i] = row;
}

/* ---- statements ---- */

static const struct db_stmt del_entry = {"search_del_entry", "DELETE FROM search_entry"};
static const struct db_stmt del_fts = {"search_del_fts", "DELETE FROM search_fts"};
static const struct db_stmt del_top = {"search_del_top", "DELETE FROM search_top"};
static const struct db_stmt del_term = {"search_del_term", "DELETE FROM search_term"};
static const struct db_stmt del_phone = {"search_del_phone", "DELETE FROM search_phone"};
static const struct db_stmt del_area = {"search_del_area", "DELETE FROM search_area"};

static const struct db_stmt sel_terms = {
    "search_sel_terms", "SELECT id, parent_id, name FROM taxonomy_term ORDER BY id"};
static const struct db_stmt sel_attrs = {
    "search_sel_attrs",
    "SELECT link_id, taxonomy_term_id FROM attribute WHERE link_entity = 'service'"};
/* the heads of the reads below, shared by the whole-directory and the one-service variants */
#define SEL_ENTRIES                                                                                \
	"SELECT s.id, s.name, s.alternate_name, s.description, o.id, o.name, sal.id, l.id, "       \
	"l.name, "                                                                                 \
	"l.latitude, l.longitude, a.address_1, a.city, a.state_province, a.postal_code, "          \
	"a.country "                                                                               \
	"FROM service s JOIN organization o ON o.id = s.organization_id "                          \
	"LEFT JOIN service_at_location sal ON sal.service_id = s.id "                              \
	"LEFT JOIN location l ON l.id = sal.location_id "                                          \
	"LEFT JOIN address a ON a.id = (SELECT a2.id FROM address a2 WHERE a2.location_id = l.id " \
	"ORDER BY CASE WHEN a2.address_type = 'physical' THEN 0 ELSE 1 END, a2.id LIMIT 1) "       \
	"WHERE s.status NOT IN ('inactive', 'defunct') "
#define SEL_SCHED                                                                                  \
	"SELECT service_id, location_id, service_at_location_id, freq, byday, opens_at, "          \
	"closes_at, "                                                                              \
	"valid_from, valid_to, description FROM schedule "
#define SEL_PHONES                                                                                 \
	"SELECT number, type, description, service_id, location_id, organization_id, "             \
	"service_at_location_id FROM phone "
#define SEL_AREAS "SELECT service_id, name, extent, extent_type FROM service_area "

/*
 * A whole rebuild writes the entries place by place (1° cells, then 0.1° cells within them):
 * the entries a search near a place reads then share pages. By service they were one page
 * each, and a first search of a city read (and PostgreSQL's backend first mapped) hundreds.
 */
static const struct db_stmt sel_entries = {
    "search_sel_entries", SEL_ENTRIES
    "ORDER BY CAST(l.latitude AS INTEGER), CAST(l.longitude AS INTEGER), "
    "CAST(l.latitude * 10 AS INTEGER), CAST(l.longitude * 10 AS INTEGER), s.id, sal.id"};
static const struct db_stmt sel_sched = {"search_sel_sched",
					 SEL_SCHED "ORDER BY opens_at DESC, id DESC"};
static const struct db_stmt sel_phones = {"search_sel_phones", SEL_PHONES "ORDER BY id DESC"};
static const struct db_stmt sel_areas = {"search_sel_areas", SEL_AREAS};

/* the same reads for one service ($1): the rows its entries are built from, and no others */
static const struct db_stmt sel_terms_svc = {
    "search_sel_terms_svc",
    "WITH RECURSIVE up(id) AS (SELECT taxonomy_term_id FROM attribute WHERE link_entity = "
    "'service' "
    "AND link_id = $1 UNION SELECT t.parent_id FROM taxonomy_term t JOIN up ON t.id = up.id "
    "WHERE t.parent_id IS NOT NULL) "
    "SELECT id, parent_id, name FROM taxonomy_term WHERE id IN (SELECT id FROM up) ORDER BY id"};
static const struct db_stmt sel_attrs_svc = {"search_sel_attrs_svc",
					     "SELECT link_id, taxonomy_term_id FROM attribute "
					     "WHERE link_entity = 'service' AND link_id = $1"};
static const struct db_stmt sel_entries_svc = {"search_sel_entries_svc",
					       SEL_ENTRIES "AND s.id = $1 ORDER BY s.id, sal.id"};
/* what can reach the service's entries: its own rows, its places' and (phones) its organization's;
 * a UNION of index lookups (PostgreSQL scans the whole table for an OR of IN subqueries), the
 * same columns as SEL_SCHED / SEL_PHONES, then the id for the order */
#define SCHED_COLS(x)                                                                              \
	x "service_id, " x "location_id, " x "service_at_location_id, " x "freq, " x "byday, " x   \
	  "opens_at, " x "closes_at, " x "valid_from, " x "valid_to, " x "description, " x "id"
#define PHONE_COLS(x)                                                                              \
	x "number, " x "type, " x "description, " x "service_id, " x "location_id, " x             \
	  "organization_id, " x "service_at_location_id, " x "id"
#define OF_SVC_PLACES(cols, table)                                                                 \
	"SELECT " cols(                                                                            \
	    "") " FROM " table " WHERE service_id = $1 UNION "                                     \
		"SELECT " cols(                                                                    \
		    "x.") " FROM " table " x JOIN service_at_location sal ON "                     \
			  "x.service_at_location_id = sal.id WHERE sal.service_id = $1 UNION "     \
			  "SELECT " cols(                                                          \
			      "x.") " FROM " table " x JOIN service_at_location sal ON "           \
				    "x.location_id = sal.location_id WHERE sal.service_id = $1 "
static const struct db_stmt sel_sched_svc = {
    "search_sel_sched_svc", OF_SVC_PLACES(SCHED_COLS, "schedule") "ORDER BY 6 DESC, 11 DESC"};
static const struct db_stmt sel_phones_svc = {
    "search_sel_phones_svc",
    OF_SVC_PLACES(PHONE_COLS, "phone") "UNION SELECT " PHONE_COLS(
	"x.") " FROM phone x JOIN service "
	      "s ON x.organization_id = s.organization_id WHERE s.id = $1 ORDER BY 8 DESC"};
static const struct db_stmt sel_areas_svc = {"search_sel_areas_svc",
					     SEL_AREAS "WHERE service_id = $1"};

/* one service's rows out of the index; the FTS and phone rows go first (they hang on entry ids).
 * A new table of the index needs its delete here too, or a per-service reindex leaves stale rows.
 */
static const struct db_stmt del_fts_svc = {
    "search_del_fts_svc",
    "DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_entry WHERE service_id = $1)"};
static const struct db_stmt del_top_svc = {
    "search_del_top_svc",
    "DELETE FROM search_top WHERE id IN (SELECT id FROM search_entry WHERE service_id = $1)"};
static const struct db_stmt del_phone_svc = {"search_del_phone_svc",
					     "DELETE FROM search_phone WHERE entry_id IN (SELECT "
					     "id FROM search_entry WHERE service_id = $1)"};
static const struct db_stmt del_entry_svc = {"search_del_entry_svc",
					     "DELETE FROM search_entry WHERE service_id = $1"};
static const struct db_stmt del_term_svc = {"search_del_term_svc",
					    "DELETE FROM search_term WHERE service_id = $1"};
static const struct db_stmt del_area_svc = {"search_del_area_svc",
					    "DELETE FROM search_area WHERE service_id = $1"};

/* search_seq's row: taken first by every writer of the index (a row lock on PostgreSQL, so two
 * edits never interleave), then moved past the ids a per-service reindex used */
static const struct db_stmt seq_lock = {
    "search_seq_lock", "UPDATE search_seq SET last_id = last_id WHERE id = 1 RETURNING last_id"};
static const struct db_stmt seq_max = {"search_seq_max",
				       "SELECT COALESCE(MAX(id), 0) FROM search_entry"};
static const struct db_stmt seq_set = {"search_seq_set",
				       "UPDATE search_seq SET last_id = $1 WHERE id = 1"};

/* the reads a build runs: the whole directory, or one service's part of it ($1) */
struct scope {
	const struct db_stmt *terms, *attrs, *sched, *phones, *areas, *entries;
};

static const struct db_stmt ins_entry_sqlite = {
    "search_ins_entry",
    "INSERT INTO search_entry (id, service_id, location_id, sal_id, organization_id, name, "
    "organization, description, address, postal_code, country, latitude, longitude, tz, hours, "
    "phones, top_terms, name_fold, terms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "$12, $13, $14, $15, $16, $17, $18, $22)"};
static const struct db_stmt ins_fts_sqlite = {
    "search_ins_fts",
    "INSERT INTO search_fts (rowid, name, taxonomy, organization, body, tags) VALUES ($1, $2, $3, "
    "$4, $5, $6)"};
#define TSV(p)                                                                                     \
	"to_tsvector('faro_es', " p ") || to_tsvector('faro_en', " p                               \
	") || to_tsvector('faro_simple', " p ")"
/* the entry, and its name, taxonomy, organization and tags in search_top (migration 0044) */
#define TOP_COLS "id, service_id, latitude, longitude, tz, hours, top_terms, name_fold"
/* clang-format off: it splits the TSV() calls mid-string */
static const struct db_stmt ins_entry_pg = {
    "search_ins_entry_pg",
    "WITH e AS (INSERT INTO search_entry (id, service_id, location_id, sal_id, organization_id, "
    "name, organization, description, address, postal_code, country, latitude, longitude, tz, "
    "hours, phones, top_terms, name_fold, terms, fts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11, $12::float8, $13::float8, $14, $15, $16, $17, $18, $22, "
    "setweight(" TSV(
	"$6::text") ", 'A') || "
		    "setweight(" TSV(
			"$19::text") ", 'B') || "
				     "setweight(" TSV(
					 "$7::text") ", 'C') || "
						     "setweight(" TSV(
							 "$20::text") ", 'D') || "
								      "setweight(to_tsvector('faro_"
								      "simple', $21::text), 'D')) "
								      "RETURNING " TOP_COLS
								      ", fts) "
								      "INSERT INTO search_top "
								      "(" TOP_COLS
								      ", tsv) SELECT " TOP_COLS
								      ", ts_filter(fts, '{a,b,c}') "
								      "|| "
								      "strip(to_tsvector('faro_"
								      "simple', $21::text)) FROM "
								      "e"};
/* clang-format on */
static const struct db_stmt ins_term = {
    "search_ins_term",
    "INSERT INTO search_term (term_id, service_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"};
static const struct db_stmt ins_phone = {
    "search_ins_phone", "INSERT INTO search_phone (tail, digits, entry_id) VALUES ($1, $2, $3)"};
static const struct db_stmt ins_area = {
    "search_ins_area",
    "INSERT INTO search_area (key, service_id, label) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"};
/*
 * A whole rebuild follows an import, whose rows the planner has not yet
 * counted: with the tables taken for empty, PostgreSQL joins the directory
 * by scanning one table per row of another (minutes at 100,000 services).
 * ANALYZE in the same transaction counts them (its own inserts included).
 */
static const char analyze_pg[] =
    "ANALYZE organization, service, location, service_at_location, address, phone, schedule, "
    "service_area, attribute, taxonomy_term";

/* the vocabulary a typed start is finished from (store_search.c, migration 0044) */
static const struct db_stmt del_words_pg = {"search_del_words", "DELETE FROM search_word"};
static const struct db_stmt ins_words_pg = {
    "search_ins_words", "INSERT INTO search_word (word) SELECT DISTINCT w FROM search_entry, "
			"unnest(tsvector_to_array(fts)) w"};
static const struct db_stmt add_words_svc_pg = {
    "search_add_words_svc",
    "INSERT INTO search_word (word) SELECT DISTINCT w FROM search_entry, "
    "unnest(tsvector_to_array(fts)) w WHERE service_id = $1 ON CONFLICT DO NOTHING"};

/*
 * the GIN lists of pending entries, which every search would read, merged (migration 0044);
 * only the indexes' owner may merge them: run as another role, Faro leaves it to autovacuum
 */
static const struct db_stmt merge_pending_pg = {
    "search_merge_pending_pg",
    "SELECT gin_clean_pending_list(c.oid) FROM pg_class c WHERE c.oid IN "
    "('search_entry_fts'::regclass, 'search_top_tsv'::regclass) AND pg_has_role(c.relowner, "
    "'USAGE')"};

/* a rebuilt FTS5 index is many segments; merged into one, each word is one lookup */
static const struct db_stmt optimize_fts = {
    "search_optimize_fts", "INSERT INTO search_fts(search_fts) VALUES ('optimize')"};

static const struct db_stmt cnt_entry = {"search_cnt_entry", "SELECT COUNT(*) FROM search_entry"};

/* ---- helpers ---- */

/* clean: s with '|' and line breaks turned into spaces (they separate fields and rows) */
static void put_clean(struct buf *b, const char *s)
{
	for (; s && *s; s++)
		buf_putc(b, (*s == '|' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

/* phone_digits: the digits of number into out (at most 20); their count */
static size_t phone_digits(const char *number, char out[24])
{
	size_t n = 0;
	for (const char *p = number; *p && n < 20; p++)
		if (*p >= '0' && *p <= '9')
			out[n++] = *p;
	out[n] = 0;
	return n;
}

struct terms {
	struct db_res *r;
	struct smap by_id;
	int *next; /* the map's list links */
};

/* top_of: the row of the root ancestor of term row t (guards against cycles) */
static int top_of(const struct terms *tm, int t)
{
	for (int hops = 0; hops < 16; hops++) {
		int p = smap_get(&tm->by_id, db_res_text(tm->r, t, 1));
		if (p < 0)
			return t;
		t = p;
	}
	return t;
}

struct build {
	struct db_tx *tx;
	int pg;
	struct terms tm;
	struct db_res *attrs, *sched, *phones_res, *areas;
	int *attr_next, *sched_next, *phone_next;
	struct smap attr_by_svc;
	struct smap sched_by_sal, sched_by_loc_only, sched_by_svc, phone_by_sal, phone_by_svc,
	    phone_by_loc, phone_by_org;
	struct buf tax, top, hours, phones, body, addr, fold, tags, terms;
	int64_t next_id;
};

/* service_terms: the FTS taxonomy text and top-level ids of service svc; inserts search_term rows
 */
static int service_terms(struct build *b, const char *svc)
{
	buf_reset(&b->tax);
	buf_reset(&b->top);
	buf_reset(&b->tags);
	buf_reset(&b->terms);
	buf_putc(&b->top, ' ');
	buf_putc(&b->terms, ' ');
	for (int i = smap_get(&b->attr_by_svc, svc); i >= 0; i = b->attr_next[i]) {
		int t = smap_get(&b->tm.by_id, db_res_text(b->attrs, i, 1));
		for (int hops = 0; t >= 0 && hops < 16; hops++) {
			const char *id = db_res_text(b->tm.r, t, 0);
			struct db_val p[] = {DBV_TEXT_(id), DBV_TEXT_(svc)};
			int rc = db_exec(b->tx, &ins_term, p, NPARAMS(p), NULL);
			if (rc)
				return rc;
			buf_puts(&b->tax, db_res_text(b->tm.r, t, 2));
			buf_putc(&b->tax, ' ');
			char tag[SEARCH_TAG_MAX];
			search_tag_term(id, tag);
			buf_printf(&b->tags, "%s ", tag);
			buf_printf(&b->terms, "%s ", id);
			t = smap_get(&b->tm.by_id, db_res_text(b->tm.r, t, 1));
		}
		t = smap_get(&b->tm.by_id, db_res_text(b->attrs, i, 1));
		if (t >= 0) {
			const char *top = db_res_text(b->tm.r, top_of(&b->tm, t), 0);
			char pat[80];
			snprintf(pat, sizeof(pat), " %s ", top);
			if (!strstr(b->top.data, pat)) {
				buf_puts(&b->top, top);
				buf_putc(&b->top, ' ');
			}
		}
	}
	return 0;
}

static void add_hours(struct build *b, int row)
{
	for (int c = 3; c <= 9; c++) {
		if (c > 3)
			buf_putc(&b->hours, '|');
		put_clean(&b->hours, db_res_text(b->sched, row, c));
	}
	buf_putc(&b->hours, '\n');
}

/* entry_hours: the schedule rows that apply, most specific first (HSDS lets each level carry them)
 */
static void entry_hours(struct build *b, const char *svc, const char *loc, const char *sal)
{
	buf_reset(&b->hours);
	for (int i = smap_get(&b->sched_by_sal, sal); i >= 0; i = b->sched_next[i])
		add_hours(b, i);
	if (b->hours.len)
		return;
	/* service-wide rows, or the ones a service has at this location */
	for (int i = smap_get(&b->sched_by_svc, svc); i >= 0; i = b->sched_next[i]) {
		const char *l = db_res_text(b->sched, i, 1);
		if (!*l || (loc && !strcmp(l, loc)))
			add_hours(b, i);
	}
	if (b->hours.len || !loc)
		return;
	for (int i = smap_get(&b->sched_by_loc_only, loc); i >= 0; i = b->sched_next[i])
		add_hours(b, i);
}

/* add_phone: the phone at row reaches entry: listed once, searchable by its last 7 digits */
static int add_phone(struct build *b, int row, int64_t entry)
{
	char digits[24], line[512];
	const char *number = db_res_text(b->phones_res, row, 0);
	size_t n = phone_digits(number, digits);
	struct buf l = BUF_INIT(sizeof(line));
	put_clean(&l, number);
	buf_putc(&l, '|');
	put_clean(&l, db_res_text(b->phones_res, row, 1));
	buf_putc(&l, '|');
	put_clean(&l, db_res_text(b->phones_res, row, 2));
	buf_putc(&l, '\n');
	int dup = strstr(b->phones.data, l.data) != NULL;
	if (!dup)
		buf_append(&b->phones, l.data, l.len);
	buf_release(&l);
	if (dup || n < 7)
		return 0;
	struct db_val p[] = {DBV_TEXT_(digits + n - 7), DBV_TEXT_(digits), DBV_INT_(entry)};
	return db_exec(b->tx, &ins_phone, p, NPARAMS(p), NULL);
}

/* entry_phones: the phones of the entry: its own, its service's, its location's, its organization's
 */
static int entry_phones(struct build *b, int64_t entry, const char *svc, const char *loc,
			const char *sal, const char *org)
{
	int rc = 0;
	buf_reset(&b->phones);
	for (int i = smap_get(&b->phone_by_sal, sal); i >= 0 && !rc; i = b->phone_next[i])
		rc = add_phone(b, i, entry);
	for (int i = smap_get(&b->phone_by_svc, svc); i >= 0 && !rc; i = b->phone_next[i]) {
		const char *l = db_res_text(b->phones_res, i, 4);
		if (!*l || (loc && !strcmp(l, loc)))
			rc = add_phone(b, i, entry);
	}
	for (int i = smap_get(&b->phone_by_loc, loc); i >= 0 && !rc; i = b->phone_next[i])
		if (!*db_res_text(b->phones_res, i, 3))
			rc = add_phone(b, i, entry);
	for (int i = smap_get(&b->phone_by_org, org); i >= 0 && !rc; i = b->phone_next[i])
		if (!*db_res_text(b->phones_res, i, 3) && !*db_res_text(b->phones_res, i, 4))
			rc = add_phone(b, i, entry);
	return rc;
}

/* fold_key: prefix and the folded text s into b->fold */
static int fold_key(struct build *b, const char *prefix, const char *s)
{
	buf_reset(&b->fold);
	buf_puts(&b->fold, prefix);
	size_t start = b->fold.len;
	if (fold_text(s, strlen(s), &b->fold) || b->fold.len == start)
		return -1;
	return 0;
}

static int add_areas(struct build *b)
{
	int rc = 0;
	for (int i = 0; i < db_res_rows(b->areas) && !rc; i++) {
		const char *svc = db_res_text(b->areas, i, 0);
		const char *name = db_res_text(b->areas, i, 1);
		const char *extent = db_res_text(b->areas, i, 2);
		if (!*svc)
			continue;
		if (*name && fold_key(b, "n:", name) == 0) {
			struct db_val p[] = {DBV_TEXT_(b->fold.data), DBV_TEXT_(svc),
					     DBV_TEXT_(name)};
			rc = db_exec(b->tx, &ins_area, p, NPARAMS(p), NULL);
		}
		/* a text extent lists postal codes ("050001 050002"); geometries are not read here
		 */
		if (*extent == '{' || *extent == '<')
			continue;
		for (const char *s = extent; *s && !rc;) {
			while (*s == ' ' || *s == ',' || *s == ';' || *s == '\n')
				s++;
			const char *e = s;
			while (*e && *e != ' ' && *e != ',' && *e != ';' && *e != '\n')
				e++;
			size_t n = (size_t)(e - s);
			int digits = n >= 3 && n <= 10;
			for (size_t k = 0; k < n && digits; k++)
				digits =
				    (s[k] >= '0' && s[k] <= '9') || (s[k] >= 'A' && s[k] <= 'Z');
			if (digits) {
				char key[16];
				snprintf(key, sizeof(key), "p:%.*s", (int)n, s);
				struct db_val p[] = {DBV_TEXT_(key), DBV_TEXT_(svc),
						     DBV_TEXT_(key + 2)};
				rc = db_exec(b->tx, &ins_area, p, NPARAMS(p), NULL);
			}
			s = e;
		}
	}
	return rc;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

static int add_entry(struct build *b, const struct db_res *r, int row)
{
	const char *svc = db_res_text(r, row, 0), *name = db_res_text(r, row, 1);
	const char *org = db_res_text(r, row, 4), *org_name = db_res_text(r, row, 5);
	const char *sal = or_null(db_res_text(r, row, 6)), *loc = or_null(db_res_text(r, row, 7));
	const char *city = db_res_text(r, row, 12), *state = db_res_text(r, row, 13);
	const char *postal = db_res_text(r, row, 14), *country = db_res_text(r, row, 15);
	int64_t id = ++b->next_id;
	char lat[32] = "", lon[32] = "";
	char cell[2][SEARCH_TAG_MAX] = {"", ""};
	int rc;
	if (!db_res_isnull(r, row, 9) && !db_res_isnull(r, row, 10)) {
		double la = strtod(db_res_text(r, row, 9), NULL),
		       lo = strtod(db_res_text(r, row, 10), NULL);
		if (geo_valid(la, lo) && !(la == 0 && lo == 0)) {
			snprintf(lat, sizeof(lat), "%.7f", la);
			snprintf(lon, sizeof(lon), "%.7f", lo);
			/* the cells of the point as stored, which the box filter compares */
			search_tag_cells(strtod(lat, NULL), strtod(lon, NULL), cell[0], cell[1]);
		}
	}
	size_t term_tags = b->tags.len;
	buf_printf(&b->tags, "%s %s", cell[0], cell[1]);
	buf_reset(&b->addr);
	if (*db_res_text(r, row, 11)) {
		buf_puts(&b->addr, db_res_text(r, row, 11));
		if (*city)
			buf_printf(&b->addr, ", %s", city);
		if (*state && strcmp(state, city))
			buf_printf(&b->addr, ", %s", state);
		if (*postal)
			buf_printf(&b->addr, " %s", postal);
	}
	buf_reset(&b->body);
	buf_printf(&b->body, "%s %s %s %s", db_res_text(r, row, 2), db_res_text(r, row, 3),
		   db_res_text(r, row, 8), city);
	entry_hours(b, svc, loc, sal);
	if ((rc = entry_phones(b, id, svc, loc, sal, org)))
		return rc;
	const char *zone = tz_for_region(or_null(country), or_null(state));
	buf_reset(&b->fold);
	fold_text(name, strlen(name), &b->fold);
	struct db_val p[] = {DBV_INT_(id),
			     DBV_TEXT_(svc),
			     loc ? DBV_TEXT_(loc) : DBV_NULL_,
			     sal ? DBV_TEXT_(sal) : DBV_NULL_,
			     DBV_TEXT_(org),
			     DBV_TEXT_(name),
			     DBV_TEXT_(org_name),
			     DBV_TEXT_(db_res_text(r, row, 3)),
			     b->addr.len ? DBV_TEXT_(b->addr.data) : DBV_NULL_,
			     *postal ? DBV_TEXT_(postal) : DBV_NULL_,
			     *country ? DBV_TEXT_(country) : DBV_NULL_,
			     *lat ? DBV_TEXT_(lat) : DBV_NULL_,
			     *lon ? DBV_TEXT_(lon) : DBV_NULL_,
			     zone ? DBV_TEXT_(zone) : DBV_NULL_,
			     DBV_TEXT_(b->hours.data),
			     DBV_TEXT_(b->phones.data),
			     DBV_TEXT_(b->top.data),
			     DBV_TEXT_(b->fold.data),
			     DBV_TEXT_(b->tax.data),
			     DBV_TEXT_(b->body.data),
			     DBV_TEXT_(b->tags.data),
			     DBV_TEXT_(b->terms.data)};
	if (b->pg)
		rc = db_exec(b->tx, &ins_entry_pg, p, NPARAMS(p), NULL);
	else if (!(rc = db_exec(b->tx, &ins_entry_sqlite, p, NPARAMS(p), NULL))) {
		struct db_val f[] = {
		    DBV_INT_(id),	 DBV_TEXT_(name),	  DBV_TEXT_(b->tax.data),
		    DBV_TEXT_(org_name), DBV_TEXT_(b->body.data), DBV_TEXT_(b->tags.data)};
		rc = db_exec(b->tx, &ins_fts_sqlite, f, NPARAMS(f), NULL);
	}
	/* the service's term tags stay for its next entry; the cells were this one's */
	b->tags.len = term_tags;
	b->tags.data[term_tags] = 0;
	return rc;
}

/* load: runs a select (params p) into *ret and gives it a next[] array for lists */
static int load(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int np,
		struct db_res **ret, int **ret_next)
{
	int rc = db_exec(tx, st, p, np, ret);
	if (rc)
		return rc;
	int n = db_res_rows(*ret);
	*ret_next = xcalloc((size_t)n + 1, sizeof(int));
	return 0;
}

static const struct scope scope_all = {&sel_terms,  &sel_attrs, &sel_sched,
				       &sel_phones, &sel_areas, &sel_entries};
static const struct scope scope_svc = {&sel_terms_svc,	&sel_attrs_svc, &sel_sched_svc,
				       &sel_phones_svc, &sel_areas_svc, &sel_entries_svc};

static void build_init(struct build *b, struct db_tx *tx)
{
	memset(b, 0, sizeof(*b));
	b->tx = tx;
	b->pg = db_kind(db_tx_db(tx)) == DB_POSTGRES;
	buf_init(&b->tax, 64 * 1024);
	buf_init(&b->top, 4096);
	buf_init(&b->hours, 64 * 1024);
	buf_init(&b->phones, 64 * 1024);
	buf_init(&b->body, 256 * 1024);
	buf_init(&b->addr, 4096);
	buf_init(&b->fold, 64 * 1024);
	buf_init(&b->tags, 4096);
	buf_init(&b->terms, 4096);
}

/* build_clear: frees what one build_run read (the buffers stay for the next run) */
static void build_clear(struct build *b)
{
	db_res_free(b->tm.r);
	db_res_free(b->attrs);
	db_res_free(b->sched);
	db_res_free(b->phones_res);
	db_res_free(b->areas);
	free(b->tm.next);
	free(b->attr_next);
	free(b->sched_next);
	free(b->phone_next);
	struct smap *maps[] = {&b->tm.by_id,	 &b->attr_by_svc,	&b->sched_by_sal,
			       &b->sched_by_svc, &b->sched_by_loc_only, &b->phone_by_sal,
			       &b->phone_by_svc, &b->phone_by_loc,	&b->phone_by_org};
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		smap_free(maps[i]);
	b->tm.r = b->attrs = b->sched = b->phones_res = b->areas = NULL;
	b->tm.next = b->attr_next = b->sched_next = b->phone_next = NULL;
	memset(&b->tm.by_id, 0, sizeof(b->tm.by_id));
	struct smap zero = {0};
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++)
		*maps[i] = zero;
}

static void build_free(struct build *b)
{
	build_clear(b);
	buf_release(&b->tax);
	buf_release(&b->top);
	buf_release(&b->hours);
	buf_release(&b->phones);
	buf_release(&b->body);
	buf_release(&b->addr);
	buf_release(&b->fold);
	buf_release(&b->tags);
	buf_release(&b->terms);
}

/* build_run: reads the scope's rows (params p) and adds their entries, terms, phones and areas */
static int build_run(struct build *b, const struct scope *sc, const struct db_val *p, int np)
{
	struct db_tx *tx = b->tx;
	struct db_res *entries = NULL;
	int rc;
	if ((rc = load(tx, sc->terms, p, np, &b->tm.r, &b->tm.next)) ||
	    (rc = load(tx, sc->attrs, p, np, &b->attrs, &b->attr_next)) ||
	    (rc = load(tx, sc->sched, p, np, &b->sched, &b->sched_next)) ||
	    (rc = load(tx, sc->phones, p, np, &b->phones_res, &b->phone_next)) ||
	    (rc = db_exec(tx, sc->areas, p, np, &b->areas)))
		goto out;
	int nt = db_res_rows(b->tm.r), na = db_res_rows(b->attrs), ns = db_res_rows(b->sched),
	    nph = db_res_rows(b->phones_res);
	smap_init(&b->tm.by_id, (size_t)nt);
	for (int i = 0; i < nt; i++)
		smap_push(&b->tm.by_id, db_res_text(b->tm.r, i, 0), i, b->tm.next);
	smap_init(&b->attr_by_svc, (size_t)na);
	for (int i = 0; i < na; i++)
		smap_push(&b->attr_by_svc, db_res_text(b->attrs, i, 0), i, b->attr_next);
	smap_init(&b->sched_by_sal, (size_t)ns);
	smap_init(&b->sched_by_svc, (size_t)ns);
	smap_init(&b->sched_by_loc_only, (size_t)ns);
	for (int i = 0; i < ns; i++) {
		const char *svc = db_res_text(b->sched, i, 0), *loc = db_res_text(b->sched, i, 1),
			   *sal = db_res_text(b->sched, i, 2);
		if (*sal)
			smap_push(&b->sched_by_sal, sal, i, b->sched_next);
		else if (*svc)
			smap_push(&b->sched_by_svc, svc, i, b->sched_next);
		else if (*loc)
			smap_push(&b->sched_by_loc_only, loc, i, b->sched_next);
	}
	smap_init(&b->phone_by_sal, (size_t)nph);
	smap_init(&b->phone_by_svc, (size_t)nph);
	smap_init(&b->phone_by_loc, (size_t)nph);
	smap_init(&b->phone_by_org, (size_t)nph);
	for (int i = 0; i < nph; i++) {
		const char *svc = db_res_text(b->phones_res, i, 3),
			   *loc = db_res_text(b->phones_res, i, 4),
			   *org = db_res_text(b->phones_res, i, 5),
			   *sal = db_res_text(b->phones_res, i, 6);
		if (*sal)
			smap_push(&b->phone_by_sal, sal, i, b->phone_next);
		else if (*svc)
			smap_push(&b->phone_by_svc, svc, i, b->phone_next);
		else if (*loc)
			smap_push(&b->phone_by_loc, loc, i, b->phone_next);
		else if (*org)
			smap_push(&b->phone_by_org, org, i, b->phone_next);
	}
	if ((rc = db_exec(tx, sc->entries, p, np, &entries)))
		goto out;
	const char *last_svc = "";
	for (int i = 0; i < db_res_rows(entries); i++) {
		const char *svc = db_res_text(entries, i, 0);
		if (strcmp(svc, last_svc)) { /* a service's places may be far apart: terms again */
			if ((rc = service_terms(b, svc)))
				goto out;
			last_svc = svc;
		}
		if ((rc = add_entry(b, entries, i)))
			goto out;
	}
	rc = add_areas(b);
out:
	db_res_free(entries);
	build_clear(b);
	return rc;
}

int store_search_reindex(struct db_tx *tx, int64_t *ret_entries)
{
	struct build b;
	int rc;
	build_init(&b, tx);
	if (b.pg && (rc = db_exec_script(tx, analyze_pg)))
		goto out;
	if ((rc = db_exec(tx, &seq_lock, NULL, 0, NULL)) ||
	    (rc = db_exec(tx, &del_entry, NULL, 0, NULL)) ||
	    (rc = db_exec(tx, b.pg ? &del_top : &del_fts, NULL, 0, NULL)) ||
	    (rc = db_exec(tx, &del_term, NULL, 0, NULL)) ||
	    (rc = db_exec(tx, &del_phone, NULL, 0, NULL)) ||
	    (rc = db_exec(tx, &del_area, NULL, 0, NULL)))
		goto out;
	if ((rc = build_run(&b, &scope_all, NULL, 0)) ||
	    (b.pg && (rc = db_exec(tx, &del_words_pg, NULL, 0, NULL))) ||
	    (b.pg && (rc = db_exec(tx, &ins_words_pg, NULL, 0, NULL))) ||
	    (rc = db_exec(tx, b.pg ? &merge_pending_pg : &optimize_fts, NULL, 0, NULL)))
		goto out;
	struct db_val last = DBV_INT_(b.next_id);
	rc = db_exec(tx, &seq_set, &last, 1, NULL);
	if (!rc && ret_entries)
		*ret_entries = b.next_id;
out:
	build_free(&b);
	return rc;
}

int store_search_reindex_services(struct db_tx *tx, const char *const *ids, int n)
{
	struct build b;
	struct db_res *r = NULL;
	int rc;
	build_init(&b, tx);
	/* the lock first: the max read after it sees every entry a concurrent writer committed */
	if ((rc = store_one(tx, &seq_lock, NULL, 0, &r)))
		goto out;
	b.next_id = db_res_int(r, 0, 0);
	db_res_free(r);
	if ((rc = store_one(tx, &seq_max, NULL, 0, &r)))
		goto out;
	if (db_res_int(r, 0, 0) > b.next_id)
		b.next_id = db_res_int(r, 0, 0);
	db_res_free(r);
	for (int i = 0; i < n && !rc; i++) {
		struct db_val p = DBV_TEXT_(ids[i]);
		if ((rc = db_exec(tx, b.pg ? &del_top_svc : &del_fts_svc, &p, 1, NULL)) ||
		    (rc = db_exec(tx, &del_phone_svc, &p, 1, NULL)) ||
		    (rc = db_exec(tx, &del_entry_svc, &p, 1, NULL)) ||
		    (rc = db_exec(tx, &del_term_svc, &p, 1, NULL)) ||
		    (rc = db_exec(tx, &del_area_svc, &p, 1, NULL)))
			break;
		if (!(rc = build_run(&b, &scope_svc, &p, 1)) && b.pg)
			rc = db_exec(tx, &add_words_svc_pg, &p, 1, NULL);
	}
	if (!rc && b.pg)
		rc = db_exec(tx, &merge_pending_pg, NULL, 0, NULL);
	if (!rc) {
		struct db_val last = DBV_INT_(b.next_id);
		rc = db_exec(tx, &seq_set, &last, 1, NULL);
	}
out:
	build_free(&b);
	return rc;
}

static const struct db_stmt needs_rebuild = {
    "search_needs_rebuild", "SELECT CASE WHEN EXISTS (SELECT 1 FROM service) AND NOT EXISTS "
			    "(SELECT 1 FROM search_entry) THEN 1 ELSE 0 END"};

int store_search_needs_rebuild(struct db_tx *tx, int *ret)
{
	struct db_res *r;
	int rc = store_one(tx, &needs_rebuild, NULL, 0, &r);
	if (rc)
		return rc;
	*ret = (int)db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_search_entry_count(struct db_tx *tx, int64_t *ret)
{
	struct db_res *r;
	int rc = store_one(tx, &cnt_entry, NULL, 0, &r);
	if (rc)
		return rc;
	*ret = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}
