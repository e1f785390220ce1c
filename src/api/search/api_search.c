/*
 * api_search.c: GET /api/v1/search/resources, the search an agent runs
 * while the caller talks: keywords, a place (postal code or point) with
 * distances, service area, category, phone, open now / open at. The store
 * returns up to SEARCH_CAND_MAX candidates; here they are filtered on
 * hours (which need each location's time zone), ranked, counted and paged.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/geo.h"
#include "domain/resources/schedule.h"
#include "store/search/fts_stem.h"
#include "store/search/store_search.h"
#include "api/api.h"
#include "api/search/api_search.h"
#include "core/banned.h"

#define SEARCH_CAND_MAX	 1000 /* candidates ranked and counted per search */
#define SEARCH_WORDS_MAX 8
#define SEARCH_Q_MAX	 200

/* ---- hours and phones as stored in the index ---- */

/* field: the i-th '|' field of line [s, e) into out (cap n) */
static void field(const char *s, const char *e, int i, char *out, size_t n)
{
	for (; i > 0 && s < e; s++)
		if (*s == '|')
			i--;
	size_t k = 0;
	while (s < e && *s != '|' && k + 1 < n)
		out[k++] = *s++;
	out[k] = 0;
}

json_t *search_hours_json(const char *hours)
{
	json_t *arr = json_array();
	for (const char *s = hours ? hours : ""; *s;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char f[7][256];
		for (int i = 0; i < 7; i++)
			field(s, e, i, f[i], sizeof(f[i]));
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
			field(s, e, i, f[i], sizeof(f[i]));
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "number", f[0], "type", f[1],
						     "description", f[2]));
		s = *e ? e + 1 : e;
	}
	return arr;
}

int search_open(const char *hours, const char *tz, const struct tz_local *at_local, int64_t now_ms)
{
	struct sched_rule rules[16];
	int n = 0;
	for (const char *s = hours ? hours : ""; *s && n < 16;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char f[6][64];
		for (int i = 0; i < 6; i++)
			field(s, e, i, f[i], sizeof(f[i]));
		struct sched_row row = {f[0], f[1], f[2], f[3], f[4], f[5]};
		if (sched_parse(&row, &rules[n], NULL) == 0)
			n++;
		s = *e ? e + 1 : e;
	}
	if (!n)
		return -1;
	if (at_local)
		return sched_open_at(rules, n, *at_local);
	const struct tz *z = tz ? tz_get(tz) : NULL;
	if (!z)
		return -1;
	return sched_open_at(rules, n, tz_localtime(z, now_ms / 1000));
}

/* ---- the request ---- */

struct params {
	struct search_query q;
	const char *words[SEARCH_WORDS_MAX];
	const char *near, *country, *serves_code;
	int has_point, radius_set, open_now, has_open_at, miles, limit, offset;
	double radius_km;
	struct tz_local open_at;
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

/* num: the query argument name as a number in [lo, hi] into *ret; 0 absent, 1 set, -1 bad */
static int num(struct req *rq, const char *name, double lo, double hi, double *ret)
{
	const char *s = req_query(rq, name);
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (!*s || *end || !(v >= lo && v <= hi))
		return -1;
	*ret = v;
	return 1;
}

static int postal_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == ' '))
			return 0;
	return 1;
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
	p->near = req_query(rq, "near");
	if (p->near && (!*p->near || !postal_ok(p->near)))
		return bad(e, "near", "near must be a postal code");
	p->country = req_query(rq, "country");
	if (p->country &&
	    (strlen(p->country) != 2 || !(p->country[0] >= 'A' && p->country[0] <= 'Z') ||
	     !(p->country[1] >= 'A' && p->country[1] <= 'Z')))
		return bad(e, "country", "country is an ISO 3166 code such as CO or US");
	int la = num(rq, "lat", -90, 90, &p->q.lat), lo = num(rq, "lon", -180, 180, &p->q.lon);
	if (la < 0 || lo < 0 || la != lo)
		return bad(e, "lat", "lat and lon go together, in decimal degrees");
	p->has_point = la == 1;
	int r = num(rq, "radius_km", 0.1, 2000, &p->radius_km);
	if (r < 0)
		return bad(e, "radius_km", "radius_km is from 0.1 to 2000");
	p->radius_set = r == 1;
	p->q.term_id = req_query(rq, "category");
	/* no blank or control character: the entry's list of terms is separated by spaces */
	if (p->q.term_id &&
	    (!*p->q.term_id || strlen(p->q.term_id) > 64 || strpbrk(p->q.term_id, " \t\r\n\v\f")))
		return bad(e, "category", "category is a taxonomy term id");
	p->serves_code = req_query(rq, "serves");
	if (p->serves_code && !postal_ok(p->serves_code))
		return bad(e, "serves", "serves must be a postal code");
	const char *so = req_query(rq, "serves_only");
	p->q.serves_only = so && !strcmp(so, "1");
	const char *area = req_query(rq, "area");
	if (area &&
	    (strlen(area) > 200 || strncmp(area, "n:", 2) || !utf8_valid(area, strlen(area))))
		return bad(e, "area", "area is a service-area key from /search/filters");
	p->q.area_key = area;
	const char *phone = req_query(rq, "phone");
	if (phone) {
		char d[24];
		size_t n = 0;
		for (const char *s = phone; *s; s++) {
			if (*s >= '0' && *s <= '9' && n < 20)
				d[n++] = *s;
			else if (!strchr(" +-().", *s))
				return bad(e, "phone", "phone holds digits, spaces, + - ( ) .");
		}
		if (n < 7)
			return bad(e, "phone", "phone needs at least 7 digits");
		d[n] = 0;
		p->q.phone_tail = arena_strdup(&rq->arena, d + n - 7);
	}
	const char *on = req_query(rq, "open_now");
	p->open_now = on && !strcmp(on, "1");
	const char *oa = req_query(rq, "open_at");
	if (oa) {
		if (sched_parse_local(oa, &p->open_at))
			return bad(e, "open_at", "open_at is a local time YYYY-MM-DDTHH:MM");
		p->has_open_at = 1;
	}
	double v;
	p->limit = 10;
	if ((r = num(rq, "limit", 1, SEARCH_PAGE_MAX, &v)) < 0 || (r && v != floor(v)))
		return bad(e, "limit", "limit is from 1 to 25");
	if (r)
		p->limit = (int)v;
	if ((r = num(rq, "offset", 0, SEARCH_CAND_MAX - 1, &v)) < 0 || (r && v != floor(v)))
		return bad(e, "offset", "offset is from 0 to 999");
	if (r)
		p->offset = (int)v;
	struct api_session *s = api_session(rq);
	const char *unit = req_query(rq, "unit");
	if (unit && strcmp(unit, "km") && strcmp(unit, "mi"))
		return bad(e, "unit", "unit is km or mi");
	p->miles = unit ? !strcmp(unit, "mi") : geo_locale_miles(s ? s->s.user.language : NULL);
	return 0;
}

/* ---- ranking ---- */

struct ranked {
	struct search_cand *c;
	double km; /* -1: no distance */
	double score;
	int open; /* 1, 0, -1 */
};

static int by_score(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->c->id < y->c->id ? -1 : x->c->id > y->c->id;
}

static int by_distance(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return x->c->id < y->c->id ? -1 : x->c->id > y->c->id;
}

/* name forms: each query word's folded form and stems, to spot them in names */
struct name_forms {
	char form[SEARCH_WORDS_MAX][3][FTS_MAX_WORD + 1];
	int nforms[SEARCH_WORDS_MAX];
	int n;
};

static void name_forms_init(struct name_forms *nf, const struct search_query *q)
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

/* name_match: the share of query words that begin a word of the folded name (by a form of theirs)
 */
static double name_match(const struct name_forms *nf, const char *name)
{
	int hit = 0;
	for (int i = 0; i < nf->n && name; i++) {
		int found = 0;
		for (const char *t = name; *t && !found;) {
			for (int j = 0; j < nf->nforms[i] && !found; j++)
				found = !strncmp(t, nf->form[i][j], strlen(nf->form[i][j]));
			t = strchr(t, ' ');
			t = t ? t + 1 : "";
		}
		hit += found;
	}
	return nf->n ? (double)hit / nf->n : 0;
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

static json_t *entry_json(const struct search_entry_rec *e, const struct ranked *r, int miles,
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
	if (p.near) {
		rc = store_geo_get(tx, &rq->arena, p.country, p.near, &g);
		if (rc == ERR_NOT_FOUND) {
			json_array_append_new(warnings, json_string("unknown_postal_code"));
		} else if (rc) {
			goto out;
		} else {
			double la = strtod(g.latitude, NULL), lo = strtod(g.longitude, NULL);
			if (geo_valid(la, lo)) {
				p.q.lat = la, p.q.lon = lo;
				p.has_point = found_place = 1;
			}
		}
		rc = 0;
	}
	const char *serves_code = p.serves_code ? p.serves_code : p.near;
	int has_serves = serves_code != NULL;
	if (serves_code) {
		struct geo_rec sg;
		int grc = serves_code == p.near
			      ? (found_place ? 0 : ERR_NOT_FOUND)
			      : store_geo_get(tx, &rq->arena, p.country, serves_code, &sg);
		if (grc && grc != ERR_NOT_FOUND) {
			rc = grc;
			goto out;
		}
		serves_keys(rq,
			    grc			    ? NULL
			    : serves_code == p.near ? &g
						    : &sg,
			    serves_code, p.q.serves);
	} else if (p.q.serves_only) {
		store_rollback(tx);
		json_decref(warnings);
		return api_field_error(rs, "invalid", "serves_only",
				       "serves_only needs serves or near");
	}
	if (p.has_point && p.radius_set) {
		p.q.has_box = 1;
		geo_box((struct geo_point){p.q.lat, p.q.lon}, p.radius_km, &p.q.lat_min,
			&p.q.lat_max, &p.q.lon_min, &p.q.lon_max);
	}
	p.q.by_distance = p.has_point && !p.q.nwords;
	p.q.limit = SEARCH_CAND_MAX;
	struct search_cand *c = NULL;
	int n = 0;
	/* nearest first without a radius: widen a box until it holds the most we rank (or all) */
	static const double rings[] = {10, 50, 250, 0};
	for (size_t ring = 0; ring < sizeof(rings) / sizeof(rings[0]); ring++) {
		if (p.q.by_distance && !p.radius_set && rings[ring] > 0) {
			p.q.has_box = 1;
			geo_box((struct geo_point){p.q.lat, p.q.lon}, rings[ring], &p.q.lat_min,
				&p.q.lat_max, &p.q.lon_min, &p.q.lon_max);
		} else if (p.q.by_distance && !p.radius_set) {
			p.q.has_box = 0;
		}
		if ((rc = store_search_candidates(tx, &rq->arena, &p.q, &c, &n)))
			goto out;
		if (!p.q.by_distance || p.radius_set || n >= SEARCH_CAND_MAX || rings[ring] == 0)
			break;
	}
	struct ranked *r = arena_alloc(&rq->arena, sizeof(*r) * (size_t)(n ? n : 1));
	int m = 0, open_count = 0, serves_count = 0;
	double top = 0;
	for (int i = 0; i < n; i++)
		if (c[i].rel > top)
			top = c[i].rel;
	json_t *cats = json_object();
	struct name_forms nf;
	name_forms_init(&nf, &p.q);
	for (int i = 0; i < n; i++) {
		struct ranked x = {&c[i], -1, 0, -1};
		if (p.has_point && c[i].has_geo) {
			x.km = geo_km((struct geo_point){p.q.lat, p.q.lon},
				      (struct geo_point){c[i].lat, c[i].lon});
			if (p.radius_set && x.km > p.radius_km)
				continue; /* the box's corners */
		}
		x.open =
		    search_open(c[i].hours, c[i].tz, p.has_open_at ? &p.open_at : NULL, rq->now_ms);
		if ((p.open_now || p.has_open_at) && x.open != 1)
			continue;
		/* relevance (bm25 / ts_rank, against the best), plus up to 1 when the name holds
		 * the words (short fields make raw scores unreliable), plus up to 0.5 for nearness
		 */
		x.score = (top > 0 ? c[i].rel / top : 0) + name_match(&nf, c[i].name_fold) +
			  (x.km >= 0 ? 0.5 / (1 + x.km / 10) : 0);
		open_count += x.open == 1;
		serves_count += c[i].serves;
		for (const char *t = c[i].top_terms ? c[i].top_terms : ""; *t;) {
			while (*t == ' ')
				t++;
			const char *e = strchr(t, ' ');
			if (!e || e == t)
				break;
			char id[80];
			snprintf(id, sizeof(id), "%.*s", (int)(e - t < 79 ? e - t : 79), t);
			json_t *v = json_object_get(cats, id);
			json_object_set_new(cats, id,
					    json_integer(v ? json_integer_value(v) + 1 : 1));
			t = e;
		}
		r[m++] = x;
	}
	if (p.q.nwords)
		qsort(r, (size_t)m, sizeof(*r), by_score);
	else if (p.has_point)
		qsort(r, (size_t)m, sizeof(*r), by_distance);
	json_t *items = json_array();
	int from = p.offset < m ? p.offset : m, to = from + p.limit < m ? from + p.limit : m;
	if (to > from) {
		int64_t ids[SEARCH_PAGE_MAX];
		struct search_entry_rec e[SEARCH_PAGE_MAX];
		for (int i = from; i < to; i++)
			ids[i - from] = r[i].c->id;
		if ((rc = store_search_entries(tx, &rq->arena, ids, to - from, e))) {
			json_decref(items);
			json_decref(cats);
			goto out;
		}
		for (int i = from; i < to; i++)
			if (e[i - from].id)
				json_array_append_new(items,
						      entry_json(&e[i - from], &r[i], p.miles,
								 has_serves, r[i].c->serves));
	}
	json_t *place = json_null();
	if (p.near)
		place = found_place ? json_pack("{s:s,s:s,s:b,s:f,s:f,s:s*,s:s*}", "postal_code",
						p.near, "country", g.country, "found", 1, "lat",
						p.q.lat, "lon", p.q.lon, "place_name", g.place_name,
						"admin_area", g.admin_area)
				    : json_pack("{s:s,s:b}", "postal_code", p.near, "found", 0);
	else if (p.has_point)
		place = json_pack("{s:b,s:f,s:f}", "found", 1, "lat", p.q.lat, "lon", p.q.lon);
	json_t *body =
	    json_pack("{s:o,s:i,s:b,s:o,s:o,s:s,s:{s:o,s:o,s:i}}", "results", items, "total", m,
		      "total_capped", n >= SEARCH_CAND_MAX, "place", place, "warnings", warnings,
		      "unit", p.miles ? "mi" : "km", "facets", "categories", cats, "serves_area",
		      has_serves ? json_integer(serves_count) : json_null(), "open", open_count);
	warnings = NULL;
	resp_json(rs, 200, body);
out:
	store_rollback(tx);
	json_decref(warnings);
	return rc;
}
