/*
 * store_profile_search.c: the profile list and the searches behind the
 * search box and the phone system's lookup: by phone (exact E.164), by
 * email (prefix) and by name (every word exact, by its start or by its
 * sound, on the full-text index of migration 0012).
 */
#include "store/people/store_profile.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define HIT_COLS                                                                                   \
	"p.id, p.display_name, p.first_name, p.last_name, p.alias, p.name_fold, p.anonymous, "     \
	"p.updated_ms, "
#define FIRST_PHONE                                                                                \
	"(SELECT f.raw FROM profile_phones f WHERE f.profile_id = p.id "                           \
	"ORDER BY f.position LIMIT 1)"

static const struct db_stmt list_recent = {
    "profile_list", "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profiles p "
		    "WHERE p.id < $1 ORDER BY p.id DESC LIMIT $2"};
/* ordered as the index (e164, profile_id) is: SQLite needs no sort for it (ORDER BY p.id did) */
static const struct db_stmt by_phone = {
    "profile_by_phone",
    "SELECT " HIT_COLS "ph.raw, CAST(NULL AS TEXT) FROM profile_phones ph "
    "JOIN profiles p ON p.id = ph.profile_id WHERE ph.e164 = $1 ORDER BY ph.profile_id LIMIT $2"};
static const struct db_stmt by_email = {
    "profile_by_email", "SELECT " HIT_COLS FIRST_PHONE ", e.email FROM profile_emails e "
			"JOIN profiles p ON p.id = e.profile_id "
			"WHERE e.email_fold >= $1 AND e.email_fold < $2 "
			"ORDER BY e.email_fold, p.id LIMIT $3"};

/*
 * Name search runs on the full-text index of migration 0012: one text per
 * engine (an FTS5 MATCH expression, a tsquery), built here from folded
 * words that hold no quote, bound as a parameter, never part of the SQL.
 */
static const struct db_stmt by_name_sqlite = {
    "profile_by_name",
    "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profile_name_fts f "
    "JOIN profiles p ON p.id = f.rowid WHERE profile_name_fts MATCH $1 LIMIT $2"};
static const struct db_stmt by_name_pg = {
    "profile_by_name_pg",
    "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profile_name_terms t "
    "JOIN profiles p ON p.id = t.profile_id WHERE t.terms @@ CAST($1 AS tsquery) LIMIT $2"};
/*
 * PostgreSQL, first: the newest PROBE_ROWS profiles, newest first, each
 * checked against the query, stopping at the LIMIT. When the words are
 * common together ("maria rodriguez") the LIMIT comes within a few
 * thousand rows, sooner than GIN reads two posting lists of a hundred
 * thousand entries; when it does not come, GIN answers. The inner LIMIT
 * keeps the query out of the index scan, so the probe's cost is bounded.
 * Three words or more are seldom that common together: no probe for them.
 */
#define PROBE_ROWS 8000
static const struct db_stmt probe_pg = {
    "profile_by_name_probe_pg",
    "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM (SELECT profile_id, terms FROM "
    "profile_name_terms ORDER BY profile_id DESC LIMIT $3) t JOIN profiles p ON p.id = "
    "t.profile_id WHERE t.terms @@ CAST($1 AS tsquery) LIMIT $2"};
/* whether some profile has (or had) the word: an exact pass with an unknown word finds nothing */
static const struct db_stmt word_known = {"profile_word_known",
					  "SELECT 1 FROM profile_name_words WHERE word = $1"};
/* the indexed words a typed start can finish as */
static const struct db_stmt words_from = {
    "profile_words_from",
    "SELECT word FROM profile_name_words WHERE word >= $1 AND word < $2 ORDER BY word LIMIT $3"};

static void hit_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct profile_hit *h = rec;
	h->id = db_res_int(r, i, 0);
	h->display_name = store_text(a, r, i, 1);
	h->first_name = store_text(a, r, i, 2);
	h->last_name = store_text(a, r, i, 3);
	h->alias = store_text(a, r, i, 4);
	h->name_fold = store_text(a, r, i, 5);
	h->anonymous = (int)db_res_int(r, i, 6);
	h->updated_ms = db_res_int(r, i, 7);
	h->phone_raw = store_text(a, r, i, 8);
	h->email = store_text(a, r, i, 9);
}

static int hits(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *v,
		int nv, struct profile_hit **ret, int *ret_n)
{
	return STORE_LIST(tx, a, st, v, nv, hit_from_row, ret, ret_n);
}

int store_profile_list(struct db_tx *tx, struct arena *a, int64_t before_id, int limit,
		       struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_INT_(before_id > 0 ? before_id : INT64_MAX), DBV_INT_(limit)};
	return hits(tx, a, &list_recent, v, NPARAMS(v), ret, ret_n);
}

int store_profile_by_phone(struct db_tx *tx, struct arena *a, const char *e164, int limit,
			   struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_TEXT_(e164), DBV_INT_(limit)};
	return hits(tx, a, &by_phone, v, NPARAMS(v), ret, ret_n);
}

int store_profile_by_email(struct db_tx *tx, struct arena *a, const char *lo, const char *hi,
			   int limit, struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_TEXT_(lo), DBV_TEXT_(hi), DBV_INT_(limit)};
	return hits(tx, a, &by_email, v, NPARAMS(v), ret, ret_n);
}

/* characters (not bytes) of a UTF-8 word */
static size_t chars(const char *w)
{
	size_t n = 0;
	for (; *w; w++)
		n += ((unsigned char)*w & 0xC0) != 0x80;
	return n;
}

/*
 * The words a start can finish as, from the vocabulary: an OR of a few
 * exact terms keeps the engine's lazy intersection, where a prefix term
 * would first gather the posting lists of every word it matches ("gonz*":
 * every González). In SQLite, starts of up to PREFIX_INDEXED characters
 * use FTS5's own prefix index. PostgreSQL has none: GIN reads a prefix
 * term's whole lists into a bitmap ("luz*": 69,000 of a million profiles,
 * 18 ms where the word "luz" in a three-word query costs 1 ms), so there
 * every start is expanded. NULL *ret: too many words, use a prefix.
 */
#define PREFIX_INDEXED 3
#define PREFIX_WORDS   48
static int finish_words(struct db_tx *tx, struct arena *a, int pg, const char *w, const char ***ret,
			int *ret_n)
{
	struct db_res *r;
	*ret = NULL;
	*ret_n = 0;
	if (!pg && chars(w) <= PREFIX_INDEXED)
		return 0;
	struct db_val v[] = {DBV_TEXT_(w), DBV_TEXT_(arena_printf(a, "%s\xf4\x8f\xbf\xbf", w)),
			     DBV_INT_(PREFIX_WORDS + 1)};
	int rc = db_exec(tx, &words_from, v, NPARAMS(v), &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	if (n <= PREFIX_WORDS) {
		const char **ws = arena_alloc(a, sizeof(*ws) * (size_t)(n + 1));
		for (int i = 0; i < n; i++)
			ws[i] = store_text(a, r, i, 0);
		*ret = ws;
		*ret_n = n;
	}
	db_res_free(r);
	return 0;
}

/* appends one alternative of a word group: an exact term, or a start (prefix) */
static int alt(struct buf *q, int pg, int *first, const char *term, int prefix)
{
	const char *sep = *first ? "" : pg ? " | " : " OR ";
	*first = 0;
	if (pg)
		return buf_printf(q, "%s'%s'%s", sep, term, prefix ? ":*" : "");
	return buf_printf(q, "%s\"%s\"%s", sep, term, prefix ? "*" : "");
}

/* the engine query for one pass; 0 with an empty q when some word cannot match */
static int name_query(struct db_tx *tx, struct arena *a, int pg, const struct name_term *t, int n,
		      enum name_pass pass, struct buf *q)
{
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		int first = 1;
		rc = buf_puts(q, i ? (pg ? " & (" : " AND (") : "(");
		if (!rc && pass == NAME_EXACT) {
			struct db_res *r;
			struct db_val w = DBV_TEXT_(t[i].word);
			if ((rc = db_exec(tx, &word_known, &w, 1, &r)))
				return rc;
			if (db_res_rows(r))
				rc = alt(q, pg, &first, t[i].word, 0);
			db_res_free(r);
		} else if (!rc) {
			const char **ws;
			int nw;
			if ((rc = finish_words(tx, a, pg, t[i].word, &ws, &nw)))
				return rc;
			/* whoever has the word has its sound key: read that list alone */
			int skip = pass == NAME_SOUND && t[i].sound;
			if (!ws)
				rc = alt(q, pg, &first, t[i].word, 1);
			for (int k = 0; ws && k < nw && !rc; k++)
				if (!(skip && !strcmp(ws[k], t[i].word)))
					rc = alt(q, pg, &first, ws[k], 0);
			if (!rc && pass == NAME_SOUND && t[i].sound)
				rc = alt(q, pg, &first, t[i].sound, 0);
		}
		if (!rc && first) { /* nothing can match this word: nothing matches them all */
			buf_reset(q);
			return 0;
		}
		if (!rc)
			rc = buf_putc(q, ')');
	}
	return rc;
}

/* PostgreSQL: the probe of the newest profiles, then (when it found too few) GIN */
static int by_name_pg_run(struct db_tx *tx, struct arena *a, const struct db_val *v, int nwords,
			  int limit, struct profile_hit **ret, int *ret_n)
{
	int rc = 0;
	*ret_n = 0;
	if (nwords <= 2 && ((rc = hits(tx, a, &probe_pg, v, 3, ret, ret_n)) || *ret_n >= limit))
		return rc;
	/* a LIMIT over "common & common" tempts a scan; "luz carlos" rarely meet (store_impl.h) */
	if ((rc = store_pg_seqscan(tx, 0)))
		return rc;
	rc = hits(tx, a, &by_name_pg, v, 2, ret, ret_n);
	int rc2 = store_pg_seqscan(tx, 1);
	return rc ? rc : rc2;
}

/*
 * by_name: store_profile_by_name, and when *last (the query of the pass
 * before) is given and equal to this pass's query, nothing: "marina"
 * starts no other word, and its prefix pass would only repeat the exact one
 */
static int by_name(struct db_tx *tx, struct arena *a, const struct name_term *terms, int n,
		   enum name_pass pass, int limit, const char **last, struct profile_hit **ret,
		   int *ret_n)
{
	if (n < 1 || n > NAME_TERMS_MAX)
		return ERR_INVALID;
	int pg = db_kind(db_tx_db(tx)) == DB_POSTGRES;
	struct buf q = BUF_INIT(64 * 1024);
	int rc = name_query(tx, a, pg, terms, n, pass, &q);
	int repeat = !rc && last && *last && !strcmp(*last, q.len ? q.data : "");
	if (!rc && last)
		*last = arena_strdup(a, q.len ? q.data : "");
	if (!rc && (repeat || !q.len)) {
		*ret = arena_alloc(a, sizeof(**ret));
		*ret_n = 0;
	} else if (!rc) {
		struct db_val v[] = {DBV_TEXT_(q.data), DBV_INT_(limit), DBV_INT_(PROBE_ROWS)};
		if (!pg)
			rc = hits(tx, a, &by_name_sqlite, v, 2, ret, ret_n);
		else
			rc = by_name_pg_run(tx, a, v, n, limit, ret, ret_n);
	}
	buf_release(&q);
	return rc;
}

int store_profile_by_name(struct db_tx *tx, struct arena *a, const struct name_term *terms, int n,
			  enum name_pass pass, int limit, struct profile_hit **ret, int *ret_n)
{
	return by_name(tx, a, terms, n, pass, limit, NULL, ret, ret_n);
}

/* adds the profiles of hs not in all yet */
static void collect(struct profile_hit *hs, int n, struct profile_hit **all, int *nall, int max)
{
	for (int i = 0; i < n && *nall < max; i++) {
		int seen = 0;
		for (int k = 0; k < *nall && !seen; k++)
			seen = all[k]->id == hs[i].id;
		if (!seen)
			all[(*nall)++] = &hs[i];
	}
}

int store_profile_search_names(struct db_tx *tx, struct arena *a, const struct name_term *terms,
			       int n, int want, int cap, struct profile_hit ***ret, int *ret_n)
{
	struct profile_hit **all = arena_alloc(a, sizeof(*all) * (size_t)(3 * cap));
	struct profile_hit *broad = NULL, *hs;
	int nall = 0, nbroad = 0, nh, rc;
	/*
	 * SQLite: the broadest pass first. FTS5 walks the lists lazily, so it
	 * stops at the LIMIT when matches are many, and when it finds fewer
	 * than cap it found every match (exact, start and sound alike) in one
	 * walk, which the caller ranks. PostgreSQL's GIN scan reads every list
	 * of the query before the first row, so there the narrow passes come
	 * first and the broader ones run only while too few were found.
	 */
	if (db_kind(db_tx_db(tx)) == DB_SQLITE &&
	    (rc = store_profile_by_name(tx, a, terms, n, NAME_SOUND, cap, &broad, &nbroad)))
		return rc;
	int last = broad ? NAME_PREFIX : NAME_SOUND;
	const char *query = NULL;
	for (int pass = NAME_EXACT; (!broad || nbroad >= cap) && pass <= last && nall < want;
	     pass++) {
		/* the passes before may come back: ask for enough to add cap new ones */
		if ((rc = by_name(tx, a, terms, n, pass, cap + nall, &query, &hs, &nh)))
			return rc;
		collect(hs, nh, all, &nall, 3 * cap);
	}
	collect(broad, nbroad, all, &nall, 3 * cap);
	*ret = all;
	*ret_n = nall;
	return 0;
}

/* one statement, so two instances (or two tabs) never both take the last search */
static const struct db_stmt quota_take = {
    "search_quota_take",
    "INSERT INTO search_quota (user_id, tat_ms) VALUES ($1, CAST($2 AS BIGINT) + $3) "
    "ON CONFLICT (user_id) DO UPDATE SET tat_ms = CASE WHEN search_quota.tat_ms > "
    "CAST($2 AS BIGINT) THEN search_quota.tat_ms ELSE CAST($2 AS BIGINT) END + $3 "
    "RETURNING tat_ms"};

int store_search_quota_take(struct db_tx *tx, int64_t user_id, int64_t now, int per_minute,
			    int64_t *ret_wait_ms)
{
	struct db_res *r;
	int64_t interval = 60000 / (per_minute > 0 ? per_minute : 1);
	struct db_val v[] = {DBV_INT_(user_id), DBV_INT_(now), DBV_INT_(interval)};
	int rc = store_one(tx, &quota_take, v, NPARAMS(v), &r);
	if (rc)
		return rc;
	int64_t ahead = db_res_int(r, 0, 0) - now;
	db_res_free(r);
	*ret_wait_ms = ahead > 60000 ? ahead - 60000 : 0;
	return 0;
}
