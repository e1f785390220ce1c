/*
 * api_search.c: GET /api/v1/search/resources, the search an agent runs
 * while the caller talks: keywords, a place (postal code or point) with
 * distances, service area, category, phone, open now / open at. The store
 * returns up to SEARCH_CAND_MAX candidates; the rules of domain/search check
 * the arguments and filter (radius, hours in each location's time zone),
 * rank and page them; here the request is read, the store asked and the
 * answer written.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/geo.h"
#include "domain/search/search_hours.h"
#include "domain/search/search_params.h"
#include "domain/search/search_rank.h"
#include "store/search/fts_stem.h"
#include "store/search/store_search.h"
#include "api/api.h"
#include "api/search/api_search.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

_Static_assert(SEARCH_LIMIT_MAX <= SEARCH_PAGE_MAX, "a page of results is read at once");
_Static_assert(SEARCH_FORM_MAX >= FTS_MAX_WORD, "every word form fits");

/* ---- hours and phones as stored in the index ---- */

json_t *search_hours_json(const char *hours)
{
	json_t *arr = json_array();
	for (const char *s = hours ? hours : ""; *s;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char f[7][256];
		for (int i = 0; i < 7; i++)
			search_line_field(s, e, i, f[i], sizeof(f[i]));
		json_array_append_new(arr,
				      json_pack("{s:s,s:s,s:s,s:s,s:s*,s:s*,s:s}", "freq", f[0],
						"byday", f[1], "opens_at", f[2], "closes_at", f[3],
						"valid_from", *f[4] ? f[4] : NULL, "valid_to",
						*f[5] ? f[5] : NULL, "description", f[6]));
		s = *e ? e + 1 : e;
	}
	return arr;
}

json_t *search_phones_json(const char *phones)
{
	json_t *arr = json_array();
	for (const char *s = phones ? phones : ""; *s;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char f[3][256];
		for (int i = 0; i < 3; i++)
			search_line_field(s, e, i, f[i], sizeof(f[i]));
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "number", f[0], "type", f[1],
						     "description", f[2]));
		s = *e ? e + 1 : e;
	}
	return arr;
}

/* ---- the request ---- */

struct params {
	struct search_query q;
	const char *words[SEARCH_WORDS_MAX];
	struct search_params a; /* every argument but q, checked by domain/search */
};

struct word_ctx {
	struct req *rq;
	struct params *p;
	int stops; /* stop words skipped */
	const char *last_stop;
};

static int on_word(void *ud, const char *w, size_t n, size_t s, size_t e)
{
	struct word_ctx *c = ud;
	(void)s, (void)e;
	if (c->p->q.nwords == SEARCH_WORDS_MAX)
		return 1;
	const char *copy = arena_strndup(&c->rq->arena, w, n);
	if (fts_stopword(w, n)) {
		c->stops++;
		c->last_stop = copy;
		return 0;
	}
	c->last_stop = NULL;
	c->p->words[c->p->q.nwords++] = copy;
	return 0;
}

/* a refused parameter: its message names it already; ERR_INVALID */
static int bad(struct field_err *e, const char *field_name, const char *msg)
{
	field_fail(e, "invalid", NULL, msg);
	e->field = field_name;
	return ERR_INVALID;
}

/* parse: the query string into p; ERR_INVALID with e filled when it is bad */
static int parse(struct req *rq, struct field_err *e, struct params *p)
{
	memset(p, 0, sizeof(*p));
	const char *q = req_query(rq, "q");
	if (q && strlen(q) > SEARCH_Q_MAX)
		return bad(e, "q", "q is at most 200 bytes");
	if (q && *q) {
		struct word_ctx c = {rq, p, 0, NULL};
		if (fts_words(q, strlen(q), on_word, &c) < 0)
			return bad(e, "q", "q is not valid UTF-8");
		size_t n = strlen(q);
		p->q.last_prefix = n && q[n - 1] != ' ';
		/* a stop word being typed may be the start of a word ("de" -> "desayuno") */
		if (c.last_stop && p->q.last_prefix && p->q.nwords < SEARCH_WORDS_MAX) {
			if (!p->q.nwords)
				p->words[p->q.nwords++] = c.last_stop;
			else
				p->q.last_prefix = 0;
		}
		p->q.words = p->words;
	}
	struct api_session *s = api_session(rq);
	struct search_args in = {.near = req_query(rq, "near"),
				 .country = req_query(rq, "country"),
				 .lat = req_query(rq, "lat"),
				 .lon = req_query(rq, "lon"),
				 .radius_km = req_query(rq, "radius_km"),
				 .category = req_query(rq, "category"),
				 .serves = req_query(rq, "serves"),
				 .serves_only = req_query(rq, "serves_only"),
				 .area = req_query(rq, "area"),
				 .phone = req_query(rq, "phone"),
				 .open_now = req_query(rq, "open_now"),
				 .open_at = req_query(rq, "open_at"),
				 .limit = req_query(rq, "limit"),
				 .offset = req_query(rq, "offset"),
				 .unit = req_query(rq, "unit"),
				 .language = s ? s->s.user.language : NULL};
	search_params_check(&in, &p->a, NULL);
	switch (p->a.refusal) {
	case SEARCH_REFUSE_NONE:
		break;
	case SEARCH_REFUSE_NEAR:
		return bad(e, "near", "near must be a postal code");
	case SEARCH_REFUSE_COUNTRY:
		return bad(e, "country", "country is an ISO 3166 code such as CO or US");
	case SEARCH_REFUSE_POINT:
		return bad(e, "lat", "lat and lon go together, in decimal degrees");
	case SEARCH_REFUSE_RADIUS:
		return bad(e, "radius_km", "radius_km is from 0.1 to 2000");
	case SEARCH_REFUSE_CATEGORY:
		return bad(e, "category", "category is a taxonomy term id");
	case SEARCH_REFUSE_SERVES:
		return bad(e, "serves", "serves must be a postal code");
	case SEARCH_REFUSE_AREA:
		return bad(e, "area", "area is a service-area key from /search/filters");
	case SEARCH_REFUSE_PHONE_CHARS:
		return bad(e, "phone", "phone holds digits, spaces, + - ( ) .");
	case SEARCH_REFUSE_PHONE_SHORT:
		return bad(e, "phone", "phone needs at least 7 digits");
	case SEARCH_REFUSE_OPEN_AT:
		return bad(e, "open_at", "open_at is a local time YYYY-MM-DDTHH:MM");
	case SEARCH_REFUSE_LIMIT:
		return bad(e, "limit", "limit is from 1 to 25");
	case SEARCH_REFUSE_OFFSET:
		return bad(e, "offset", "offset is from 0 to 999");
	case SEARCH_REFUSE_UNIT:
		return bad(e, "unit", "unit is km or mi");
	case SEARCH_REFUSE_SERVES_ONLY:
		return bad(e, "serves_only", "serves_only needs serves or near");
	}
	p->q.lat = p->a.lat;
	p->q.lon = p->a.lon;
	p->q.term_id = p->a.term_id;
	p->q.serves_only = p->a.serves_only;
	p->q.area_key = p->a.area_key;
	p->q.phone_tail = *p->a.phone_tail ? p->a.phone_tail : NULL;
	return 0;
}

/* ---- ranking ---- */

/* each keyword's folded form and stems, for domain/search to spot them in names */
static void name_forms_init(struct search_name_forms *nf, const struct search_query *q)
{
	struct fts_stem *st = fts_stem_new();
	nf->n = st ? q->nwords : 0;
	for (int i = 0; i < nf->n; i++) {
		const char *f[3];
		size_t len[3];
		int k = fts_forms(st, q->words[i], strlen(q->words[i]), f, len);
		for (int j = 0; j < k; j++)
			snprintf(nf->form[i][j], sizeof(nf->form[i][j]), "%.*s", (int)len[j], f[j]);
		nf->nforms[i] = k;
	}
	fts_stem_free(st);
}

/* the category facet: one more for each term id of the entry's list (space-separated) */
static void count_terms(json_t *cats, const char *terms)
{
	for (const char *t = terms ? terms : ""; *t;) {
		while (*t == ' ')
			t++;
		const char *e = strchr(t, ' ');
		if (!e || e == t)
			break;
		char id[80];
		snprintf(id, sizeof(id), "%.*s", (int)(e - t < 79 ? e - t : 79), t);
		json_t *v = json_object_get(cats, id);
		json_object_set_new(cats, id, json_integer(v ? json_integer_value(v) + 1 : 1));
		t = e;
	}
}

/* serves_keys: the caller's area as index keys: the code, and its place and admin area names */
static void serves_keys(struct req *rq, const struct geo_rec *g, const char *code,
			const char **keys)
{
	struct buf f = BUF_INIT(512);
	keys[0] = arena_printf(&rq->arena, "p:%s", code);
	const char *names[2] = {g ? g->place_name : NULL, g ? g->admin_area : NULL};
	for (int i = 0; i < 2; i++) {
		buf_reset(&f);
		buf_puts(&f, "n:");
		if (names[i] && *names[i] && fold_text(names[i], strlen(names[i]), &f) == 0 &&
		    f.len > 2)
			keys[1 + i] = arena_strdup(&rq->arena, f.data);
	}
	buf_release(&f);
}

static json_t *entry_json(const struct search_entry_rec *e, const struct search_hit *r, int miles,
			  int has_serves, int serves)
{
	char desc[244];
	const char *d = e->description ? e->description : "";
	size_t n = strlen(d);
	if (n > 240) { /* cut on a character boundary */
		n = 240;
		while (n && ((unsigned char)d[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(desc, d, n);
	desc[n] = 0;
	json_t *o = json_pack(
	    "{s:I,s:s,s:o,s:s,s:s,s:s,s:o,s:o,s:o,s:o}", "id", (json_int_t)e->id, "service_id",
	    e->service_id, "location_id", json_str_or_null(e->location_id), "name", e->name,
	    "organization", e->organization, "description", desc, "address",
	    json_str_or_null(e->address), "postal_code", json_str_or_null(e->postal_code), "phones",
	    search_phones_json(e->phones), "hours", search_hours_json(e->hours));
	json_object_set_new(o, "description_truncated", json_boolean(n < strlen(d)));
	if (r->km >= 0)
		json_object_set_new(o, "distance",
				    json_pack("{s:f,s:f,s:s}", "km", round(r->km * 10) / 10,
					      "value",
					      round(geo_km_to_unit(r->km, miles) * 10) / 10, "unit",
					      miles ? "mi" : "km"));
	else
		json_object_set_new(o, "distance", json_null());
	json_object_set_new(o, "open", r->open < 0 ? json_null() : json_boolean(r->open));
	json_object_set_new(o, "serves_area", has_serves ? json_boolean(serves) : json_null());
	return o;
}

HANDLER(h_search_resources)
{
	struct params p;
	struct db_tx *tx = NULL;
	struct geo_rec g;
	int rc, found_place = 0;
	struct field_err fe = FIELD_ERR_INIT;
	if (parse(rq, &fe, &p))
		return api_field_answer(rs, &fe);
	json_t *warnings = json_array();
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		goto out;
	if (p.a.near) {
		rc = store_geo_get(tx, &rq->arena, p.a.country, p.a.near, &g);
		if (rc == ERR_NOT_FOUND) {
			json_array_append_new(warnings, json_string("unknown_postal_code"));
		} else if (rc) {
			goto out;
		} else {
			double la = strtod(g.latitude, NULL), lo = strtod(g.longitude, NULL);
			if (geo_valid(la, lo)) {
				p.q.lat = la, p.q.lon = lo;
				p.a.has_point = found_place = 1;
			}
		}
		rc = 0;
	}
	const char *serves_code = p.a.serves_code ? p.a.serves_code : p.a.near;
	int has_serves = serves_code != NULL;
	if (serves_code) {
		struct geo_rec sg;
		int grc = serves_code == p.a.near
			      ? (found_place ? 0 : ERR_NOT_FOUND)
			      : store_geo_get(tx, &rq->arena, p.a.country, serves_code, &sg);
		if (grc && grc != ERR_NOT_FOUND) {
			rc = grc;
			goto out;
		}
		serves_keys(rq,
			    grc			      ? NULL
			    : serves_code == p.a.near ? &g
						      : &sg,
			    serves_code, p.q.serves);
	}
	if (p.a.has_point && p.a.radius_set) {
		p.q.has_box = 1;
		geo_box((struct geo_point){p.q.lat, p.q.lon}, p.a.radius_km, &p.q.lat_min,
			&p.q.lat_max, &p.q.lon_min, &p.q.lon_max);
	}
	p.q.by_distance = search_nearest_first(p.q.nwords, p.a.has_point);
	p.q.limit = SEARCH_CAND_MAX;
	struct search_cand *c = NULL;
	int n = 0;
	/* nearest first without a radius: widen a box until it holds the most we rank (or all) */
	for (int ring = 0; ring < SEARCH_RINGS; ring++) {
		if (p.q.by_distance && !p.a.radius_set) {
			p.q.has_box = search_rings_km[ring] > 0;
			if (p.q.has_box)
				geo_box((struct geo_point){p.q.lat, p.q.lon}, search_rings_km[ring],
					&p.q.lat_min, &p.q.lat_max, &p.q.lon_min, &p.q.lon_max);
		}
		if ((rc = store_search_candidates(tx, &rq->arena, &p.q, &c, &n)))
			goto out;
		if (!search_widen(p.q.by_distance, p.a.radius_set, ring, n))
			break;
	}
	struct search_hit *h = arena_alloc(&rq->arena, sizeof(*h) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		h[i] = (struct search_hit){.id = c[i].id,
					   .idx = i,
					   .rel = c[i].rel,
					   .has_geo = c[i].has_geo,
					   .lat = c[i].lat,
					   .lon = c[i].lon,
					   .hours = c[i].hours,
					   .tz = c[i].tz,
					   .name_fold = c[i].name_fold,
					   .serves = c[i].serves};
	struct search_name_forms nf;
	name_forms_init(&nf, &p.q);
	struct search_rank_in rin = {.nwords = p.q.nwords,
				     .names = &nf,
				     .has_point = p.a.has_point,
				     .lat = p.q.lat,
				     .lon = p.q.lon,
				     .radius_set = p.a.radius_set,
				     .radius_km = p.a.radius_km,
				     .open_only = p.a.open_now || p.a.has_open_at,
				     .open_at = p.a.has_open_at ? &p.a.open_at : NULL,
				     .now_ms = rq->now_ms};
	struct search_rank_out ranked;
	search_rank_keep(&rin, h, n, &ranked);
	int m = ranked.n, from, to;
	json_t *cats = json_object();
	for (int i = 0; i < m; i++)
		count_terms(cats, c[h[i].idx].top_terms);
	search_rank_order(&rin, h, m);
	json_t *items = json_array();
	search_page(p.a.offset, p.a.limit, m, &from, &to);
	if (to > from) {
		int64_t ids[SEARCH_PAGE_MAX];
		struct search_entry_rec e[SEARCH_PAGE_MAX];
		for (int i = from; i < to; i++)
			ids[i - from] = h[i].id;
		if ((rc = store_search_entries(tx, &rq->arena, ids, to - from, e))) {
			json_decref(items);
			json_decref(cats);
			goto out;
		}
		for (int i = from; i < to; i++)
			if (e[i - from].id)
				json_array_append_new(items,
						      entry_json(&e[i - from], &h[i], p.a.miles,
								 has_serves, h[i].serves));
	}
	json_t *place = json_null();
	if (p.a.near)
		place = found_place ? json_pack("{s:s,s:s,s:b,s:f,s:f,s:s*,s:s*}", "postal_code",
						p.a.near, "country", g.country, "found", 1, "lat",
						p.q.lat, "lon", p.q.lon, "place_name", g.place_name,
						"admin_area", g.admin_area)
				    : json_pack("{s:s,s:b}", "postal_code", p.a.near, "found", 0);
	else if (p.a.has_point)
		place = json_pack("{s:b,s:f,s:f}", "found", 1, "lat", p.q.lat, "lon", p.q.lon);
	json_t *body =
	    json_pack("{s:o,s:i,s:b,s:o,s:o,s:s,s:{s:o,s:o,s:i}}", "results", items, "total", m,
		      "total_capped", n >= SEARCH_CAND_MAX, "place", place, "warnings", warnings,
		      "unit", p.a.miles ? "mi" : "km", "facets", "categories", cats, "serves_area",
		      has_serves ? json_integer(ranked.serves_count) : json_null(), "open",
		      ranked.open_count);
	warnings = NULL;
	resp_json(rs, 200, body);
out:
	store_rollback(tx);
	json_decref(warnings);
	return rc;
}
