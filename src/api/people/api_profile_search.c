/*
 * api_profile_search.c: the search box (one query: a phone in any format,
 * an email, or names in any order, by word start or by sound) and the
 * phone system's exact lookup. Results say which field matched; every
 * search and every lookup hit is audited.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "domain/people/name_key.h"
#include "domain/phone.h"
#include "api/api.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

#define QUERY_MAX   200 /* bytes of a search query */
#define RESULTS_MAX 50	/* rows a search answers */
#define CANDIDATES                                                                                 \
	60 /* rows each store pass returns before ranking: a scan stops once it has them */
#define QUERY_WORDS	    NAME_TERMS_MAX /* words of a name query that count */
#define TOP		    "\xf4\x8f\xbf\xbf" /* U+10FFFF: sorts after every UTF-8 text, stays valid UTF-8 */
#define SEARCHES_PER_MINUTE 120 /* per account, unless faro serve --search-rate says otherwise */

enum match { NONE, SOUND, PREFIX, EXACT };

struct ranked {
	const struct profile_hit *h;
	int score;
	const char *field;
};

/* how well query word q matches some word of folded */
static enum match word_match(struct arena *a, const char *q, const char *folded)
{
	const char **ws;
	int n;
	enum match best = NONE;
	struct buf qs = BUF_INIT(4 * NAME_KEY_WORD_MAX), ws_key = BUF_INIT(4 * NAME_KEY_WORD_MAX);
	name_words(folded ? folded : "", a, NAME_KEY_WORDS_MAX, &ws, &n);
	name_sound_key(q, strlen(q), &qs);
	for (int i = 0; i < n && best != EXACT; i++) {
		if (!strcmp(ws[i], q))
			best = EXACT;
		else if (!strncmp(ws[i], q, strlen(q)) && best < PREFIX)
			best = PREFIX;
		else if (best < SOUND) {
			buf_reset(&ws_key);
			name_sound_key(ws[i], strlen(ws[i]), &ws_key);
			if (!strcmp(ws_key.data, qs.data))
				best = SOUND;
		}
	}
	buf_release(&qs);
	buf_release(&ws_key);
	return best;
}

static const char *fold_of(struct arena *a, const char *s1, const char *s2)
{
	struct buf f = BUF_INIT(1024);
	const char *all = arena_printf(a, "%s %s", s1 ? s1 : "", s2 ? s2 : "");
	fold_text(all, strlen(all), &f);
	const char *out = arena_strdup(a, f.data);
	buf_release(&f);
	return out;
}

/* the hit's score over every query word, 0 when one word matches nothing; names before alias */
static int rank_hit(struct arena *a, const struct profile_hit *h, const char **qw, int nq,
		    const char **ret_field)
{
	const char *names = fold_of(a, h->first_name, h->last_name),
		   *alias = fold_of(a, h->alias, NULL);
	int score = 0, in_names = 1;
	for (int i = 0; i < nq; i++) {
		enum match m = word_match(a, qw[i], h->name_fold);
		if (m == NONE)
			return 0;
		score += m;
		if (word_match(a, qw[i], names) == NONE)
			in_names = 0;
	}
	*ret_field = in_names || !*alias ? "name" : "alias";
	return score;
}

static int by_score(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->score != b->score)
		return b->score - a->score;
	int c = strcmp(a->h->display_name ? a->h->display_name : "",
		       b->h->display_name ? b->h->display_name : "");
	return c ? c : (a->h->id < b->h->id ? -1 : a->h->id > b->h->id);
}

/* the store's candidates: every word exact, then by its start, then by its sound */
static int name_search(struct db_tx *tx, struct arena *a, const char **qw, int nq,
		       struct profile_hit ***ret, int *ret_n)
{
	struct name_term t[NAME_TERMS_MAX];
	int nt = 0;
	for (int i = 0; i < nq && nt < NAME_TERMS_MAX; i++, nt++) {
		struct buf s = BUF_INIT(4 * NAME_KEY_WORD_MAX);
		t[nt].word = qw[i];
		t[nt].sound = NULL;
		if (!buf_putc(&s, NAME_SOUND_MARK) && !name_sound_key(qw[i], strlen(qw[i]), &s) &&
		    s.len > 1)
			t[nt].sound = arena_strdup(a, s.data);
		buf_release(&s);
	}
	return store_profile_search_names(tx, a, t, nt, RESULTS_MAX, CANDIDATES, ret, ret_n);
}

/*
 * people_over_quota: counts this search, lookup or list page against the
 * account's rate, so nobody scripts the search box (or pages the list) to
 * copy the directory of people. When it is refused rs holds the 429 and
 * *ret_answered is 1; the caller rolls tx back.
 */
int people_over_quota(struct app *app, struct db_tx *tx, struct req *rq, struct resp *rs,
		      int *ret_answered)
{
	int per_minute =
	    app->cfg.search_per_minute > 0 ? app->cfg.search_per_minute : SEARCHES_PER_MINUTE;
	int64_t wait;
	*ret_answered = 0;
	int rc = store_search_quota_take(tx, rq->user_id, rq->now_ms, per_minute, &wait);
	if (rc || !wait)
		return rc;
	resp_header(rs, "Retry-After", arena_printf(&rq->arena, "%" PRId64, (wait + 999) / 1000));
	*ret_answered = 1;
	return api_error(rs, 429, "rate_limited",
			 "Too many searches in a minute; wait and try again.");
}

static json_t *matched(const char *field, const char *value)
{
	return json_pack("{s:s,s:s}", "field", field, "value", value ? value : "");
}

static int search_names(struct db_tx *tx, struct req *rq, const char *q, json_t *items, int limit,
			int *ret_more, struct field_err *e)
{
	struct arena *a = &rq->arena;
	struct buf f = BUF_INIT(1024);
	const char **qw;
	int nq, n, rc;
	struct profile_hit **all;
	if (fold_text(q, strlen(q), &f) ||
	    (name_words(f.data, a, QUERY_WORDS, &qw, &nq), nq == 0)) {
		buf_release(&f);
		return field_fail(e, "invalid", "q", "type a name, a phone number or an email");
	}
	buf_release(&f);
	if ((rc = name_search(tx, a, qw, nq, &all, &n)))
		return rc;
	struct ranked *r = arena_alloc(a, sizeof(*r) * (size_t)(n ? n : 1));
	int nr = 0;
	for (int i = 0; i < n; i++) {
		const char *field;
		int s = rank_hit(a, all[i], qw, nq, &field);
		if (s)
			r[nr++] = (struct ranked){all[i], s, field};
	}
	qsort(r, (size_t)nr, sizeof(*r), by_score);
	for (int i = 0; i < nr && i < limit; i++) {
		json_t *it = profile_hit_json(r[i].h);
		json_object_set_new(it, "matched",
				    matched(r[i].field, !strcmp(r[i].field, "alias")
							    ? r[i].h->alias
							    : r[i].h->display_name));
		json_array_append_new(items, it);
	}
	*ret_more = nr > limit;
	return 0;
}

static int search_email(struct db_tx *tx, struct req *rq, const char *q, json_t *items, int limit,
			int *ret_more)
{
	char *lo = arena_strdup(&rq->arena, q);
	for (char *c = lo; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	struct profile_hit *hs;
	int n, rc = store_profile_by_email(
		   tx, &rq->arena, lo, arena_printf(&rq->arena, "%s" TOP, lo), limit + 1, &hs, &n);
	if (rc)
		return rc;
	for (int i = 0; i < n && i < limit; i++) {
		json_t *it = profile_hit_json(&hs[i]);
		json_object_set_new(it, "matched", matched("email", hs[i].email));
		json_array_append_new(items, it);
	}
	*ret_more = n > limit;
	return 0;
}

static int search_phone(struct db_tx *tx, struct req *rq, const char *e164, json_t *items,
			int limit, int *ret_more)
{
	struct profile_hit *hs;
	int n, rc = store_profile_by_phone(tx, &rq->arena, e164, limit + 1, &hs, &n);
	if (rc)
		return rc;
	for (int i = 0; i < n && i < limit; i++) {
		json_t *it = profile_hit_json(&hs[i]);
		json_object_set_new(it, "matched", matched("phone", hs[i].phone_raw));
		json_array_append_new(items, it);
	}
	*ret_more = n > limit;
	return 0;
}

HANDLER(h_profiles_search)
{
	static const char *const keys[] = {"q", "limit", NULL};
	struct api_write w = API_WRITE_INIT;
	const char *q = NULL, *kind;
	int64_t limit = 20;
	int more = 0, rc = 0, answered;
	char e164[PHONE_E164_MAX];
	json_t *items = json_array();
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "q", QUERY_MAX, &q, NULL) || !q ||
	    jsonx_get_int(w.body, "limit", 1, RESULTS_MAX, &limit, NULL) < 0) {
		rc = field_fail(&w.e, "invalid", "q",
				"q is the text to find (1 to 200 bytes); limit 1 to 50");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = people_over_quota(app, w.tx, rq, rs, &answered)) || answered)
		goto out;
	if (strchr(q, '@')) {
		kind = "email";
		rc = search_email(w.tx, rq, q, items, (int)limit, &more);
	} else if (phone_looks_like(q)) {
		kind = "phone";
		struct buf why = BUF_INIT(200);
		if (phone_normalize(q, people_country(w.tx, &rq->arena), e164, &why))
			rc = field_fail(&w.e, "invalid_phone", "q", why.data);
		buf_release(&why);
		if (!rc)
			rc = search_phone(w.tx, rq, e164, items, (int)limit, &more);
	} else {
		kind = "name";
		rc = search_names(w.tx, rq, q, items, (int)limit, &more, &w.e);
	}
	if (rc || (rc = people_audit_seen(w.tx, rq, "profile.search", items)))
		goto out;
	resp_json(rs, 200, json_pack("{s:s,s:O,s:b}", "kind", kind, "items", items, "more", more));
	if (!strcmp(kind, "phone"))
		json_object_set_new(rs->json, "e164", json_string(e164));
	rc = api_write_commit(app, rq, rs, &w);
out:
	json_decref(items);
	return api_write_end(&w, rs, rc);
}

HANDLER(h_profiles_lookup)
{
	struct api_write w = API_WRITE_INIT;
	const char *phone = req_query(rq, "phone");
	struct profile_hit *hs;
	char e164[PHONE_E164_MAX];
	int n, rc = 0, answered;
	struct buf why = BUF_INIT(200);
	if (!phone || !*phone) {
		rc = field_fail(&w.e, "invalid_phone", "phone", "the phone parameter is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = people_over_quota(app, w.tx, rq, rs, &answered)) || answered)
		goto out;
	if (phone_normalize(phone, people_country(w.tx, &rq->arena), e164, &why)) {
		rc = field_fail(&w.e, "invalid_phone", "phone", why.data);
		goto out;
	}
	if ((rc = store_profile_by_phone(w.tx, &rq->arena, e164, RESULTS_MAX, &hs, &n)))
		goto out;
	json_t *items = json_array();
	for (int i = 0; i < n && !rc; i++) {
		json_t *it = profile_hit_json(&hs[i]);
		json_object_set_new(it, "matched", matched("phone", hs[i].phone_raw));
		json_array_append_new(items, it);
		/* each profile the phone system shows is a read of that profile */
		rc = api_audit(w.tx, rq, "profile.lookup", "profile", hs[i].id, NULL);
	}
	if (rc) {
		json_decref(items);
		goto out;
	}
	resp_json(rs, 200, json_pack("{s:s,s:o}", "e164", e164, "items", items));
	rc = api_write_commit(app, rq, rs, &w);
out:
	buf_release(&why);
	return api_write_end(&w, rs, rc);
}
