/*
 * api_resources_hsds.c: the HSDS 3.0 read API under /hsds/ (the spec's paths,
 * parameters and Page envelope) for signed-in staff. Lists give flat
 * objects (full=true nests them); one record by id comes fully nested.
 * Search here is a plain folded-substring match; the ranked search lives
 * in the search area.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/geo.h"
#include "domain/resources/hsds_validate.h"
#include "api/api.h"
#include "api/resources/api_resources.h"
#include "api/handlers.h"
#include "core/banned.h"

#define PER_PAGE_DEFAULT     20
#define PER_PAGE_MAX	     100
#define PROXIMITY_MAX	     500000 /* metres */
#define PROXIMITY_CANDIDATES 20000

/* nested: the row as JSON with its nested properties down to depth levels (never back to from) */
static int nested(struct db_tx *tx, struct arena *a, int t, const struct hsds_row *r, int depth,
		  int from, json_t **ret)
{
	json_t *o = hsds_row_json(t, r);
	int rc = 0;
	for (int i = 0; i < hsds_nrels && depth > 0 && !rc; i++) {
		const struct hsds_rel *rel = &hsds_rels[i];
		if (rel->parent != t || rel->child == from)
			continue;
		if (rel->many) {
			struct hsds_row *rows;
			int n;
			if ((rc = store_hsds_by(tx, a, rel->child, rel->link, r->vals[0], &rows,
						&n)))
				break;
			json_t *arr = json_array();
			for (int k = 0; k < n && !rc; k++) {
				json_t *c = NULL;
				rc = nested(tx, a, rel->child, &rows[k], depth - 1, t, &c);
				if (c)
					json_array_append_new(arr, c);
			}
			json_object_set_new(o, rel->prop, arr);
		} else if (r->vals[rel->link]) {
			struct hsds_row one;
			json_t *c = NULL;
			rc = store_hsds_get(tx, a, rel->child, r->vals[rel->link], &one);
			if (rc == ERR_NOT_FOUND) {
				rc = 0;
				continue;
			}
			if (!rc && !(rc = nested(tx, a, rel->child, &one, depth - 1, t, &c)))
				json_object_set_new(o, rel->prop, c);
		}
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*ret = o;
	return 0;
}

struct paging {
	int64_t page, per_page;
	int full;
};

static int query_int(struct req *rq, const char *name, int64_t lo, int64_t hi, int64_t def,
		     int64_t *ret)
{
	const char *v = req_query(rq, name);
	char *end;
	if (!v) {
		*ret = def;
		return 0;
	}
	long long x = strtoll(v, &end, 10);
	if (!*v || *end || x < lo || x > hi)
		return -1;
	*ret = x;
	return 0;
}

/* ?page ?per_page ?full into p; ERR_INVALID with e filled */
static int paging_of(struct req *rq, struct field_err *e, struct paging *p)
{
	const char *full = req_query(rq, "full");
	if (query_int(rq, "page", 1, 1000000, 1, &p->page))
		return field_fail(e, "invalid", "page", "must be 1 or more");
	if (query_int(rq, "per_page", 1, PER_PAGE_MAX, PER_PAGE_DEFAULT, &p->per_page))
		return field_fail(e, "invalid", "per_page", "must be 1 to 100");
	p->full = full && (!strcmp(full, "true") || !strcmp(full, "1"));
	return 0;
}

/* the LIKE pattern of a search text (folded, so no wildcard survives), or NULL when empty;
 * ERR_INVALID with e filled */
static int pattern_of(struct req *rq, struct field_err *e, const char **ret)
{
	const char *q = req_query(rq, "search");
	*ret = NULL;
	if (!q)
		return 0;
	struct buf f = BUF_INIT(512);
	if (strlen(q) > 200 || fold_text(q, strlen(q), &f)) {
		buf_release(&f);
		return field_fail(e, "invalid", "search",
				  "must be UTF-8 text of at most 200 bytes");
	}
	if (f.len)
		*ret = arena_printf(&rq->arena, "%%%s%%", f.data);
	buf_release(&f);
	return 0;
}

/* an optional id parameter; ERR_INVALID with e filled */
static int id_query(struct req *rq, struct field_err *e, const char *name, const char **ret)
{
	const char *v = req_query(rq, name);
	if (v && !hsds_valid_uuid(v))
		return field_fail(e, "invalid", name, "an id must be a UUID");
	*ret = v;
	return 0;
}

/* the id filters a list takes, checked in this order */
enum { BY_ORGANIZATION = 1, BY_TERM = 2, BY_TAXONOMY = 4, BY_PARENT = 8 };

/* a list's query: paging, ?search and the id filters by names, into p and f; ERR_INVALID with e */
static int list_query(struct req *rq, struct field_err *e, unsigned by, struct paging *p,
		      struct hsds_filter *f)
{
	int rc;
	if ((rc = paging_of(rq, e, p)) || (rc = pattern_of(rq, e, &f->pattern)) ||
	    ((by & BY_ORGANIZATION) &&
	     (rc = id_query(rq, e, "organization_id", &f->organization_id))) ||
	    ((by & BY_TERM) && (rc = id_query(rq, e, "taxonomy_term_id", &f->taxonomy_term_id))) ||
	    ((by & BY_TAXONOMY) && (rc = id_query(rq, e, "taxonomy_id", &f->taxonomy_id))) ||
	    ((by & BY_PARENT) && (rc = id_query(rq, e, "parent_id", &f->parent_id))))
		return rc;
	return 0;
}

static json_t *page_json(const struct paging *p, int64_t total, json_t *contents)
{
	int64_t pages = (total + p->per_page - 1) / p->per_page;
	return json_pack("{s:I,s:I,s:I,s:I,s:b,s:b,s:b,s:o}", "total_items", (json_int_t)total,
			 "total_pages", (json_int_t)pages, "page_number", (json_int_t)p->page,
			 "size", (json_int_t)json_array_size(contents), "first_page", p->page == 1,
			 "last_page", p->page >= pages, "empty", json_array_size(contents) == 0,
			 "contents", contents);
}

/* answers a Page of table t's rows for ids */
static int reply_page(struct db_tx *tx, struct req *rq, struct resp *rs, int t,
		      const struct paging *p, const struct hsds_id *ids, int n, int64_t total)
{
	json_t *arr = json_array();
	int rc = 0;
	for (int i = 0; i < n && !rc; i++) {
		struct hsds_row r;
		json_t *o = NULL;
		if ((rc = store_hsds_get(tx, &rq->arena, t, ids[i].id, &r)) ||
		    (rc = nested(tx, &rq->arena, t, &r, p->full ? 2 : 0, -1, &o)))
			break;
		json_array_append_new(arr, o);
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	resp_json(rs, 200, page_json(p, total, arr));
	return 0;
}

static int reply_one(struct app *app, struct req *rq, struct resp *rs, int t, int depth)
{
	const char *id = NULL;
	for (int i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->param_names[i], "id"))
			id = rq->param_values[i];
	if (!id || !hsds_valid_uuid(id))
		return ERR_NOT_FOUND;
	struct db_tx *tx;
	struct hsds_row r;
	json_t *o = NULL;
	int rc = store_begin(app->store, STORE_READ, &tx);
	if (rc)
		return rc;
	if (!(rc = store_hsds_get(tx, &rq->arena, t, id, &r)))
		rc = nested(tx, &rq->arena, t, &r, depth, -1, &o);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200, o);
	return 0;
}

HANDLER(h_hsds_root)
{
	(void)rq, (void)app;
	resp_json(rs, 200,
		  json_pack("{s:s,s:s,s:s}", "version", "3.0", "profile",
			    "https://openreferral.org", "openapi_url",
			    "https://raw.githubusercontent.com/openreferral/specification/3.0/"
			    "schema/openapi.json"));
	return 0;
}

/* hsds_query_fn: a store_hsdsq_* query: ids matching f by id order, a page of them, the total */
typedef int (*hsds_query_fn)(struct db_tx *tx, struct arena *a, const struct hsds_filter *f,
			     int limit, int64_t offset, struct hsds_id **ret, int *ret_n,
			     int64_t *ret_total);

/* list_page: one page of the records of type t that query finds for f, in one read transaction */
static int list_page(struct app *app, struct req *rq, struct resp *rs, const struct paging *p,
		     const struct hsds_filter *f, hsds_query_fn query, int t)
{
	struct db_tx *tx;
	struct hsds_id *ids;
	int n, rc;
	int64_t total;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (!(rc = query(tx, &rq->arena, f, (int)p->per_page, (p->page - 1) * p->per_page, &ids, &n,
			 &total)))
		rc = reply_page(tx, rq, rs, t, p, ids, n, total);
	store_rollback(tx);
	return rc;
}

/* list_answer: a list handler: its query (list_query with by) into f, then list_page */
static int list_answer(struct app *app, struct req *rq, struct resp *rs, unsigned by,
		       struct hsds_filter *f, hsds_query_fn query, int t)
{
	struct paging p;
	struct field_err e = FIELD_ERR_INIT;
	if (list_query(rq, &e, by, &p, f))
		return api_field_answer(rs, &e);
	return list_page(app, rq, rs, &p, f, query, t);
}

#define BY_SERVICE_FILTERS (BY_ORGANIZATION | BY_TERM | BY_TAXONOMY)

HANDLER(h_hsds_services)
{
	struct hsds_filter f = {0};
	return list_answer(app, rq, rs, BY_SERVICE_FILTERS, &f, store_hsdsq_services, HSDS_SERVICE);
}

HANDLER(h_hsds_service)
{
	return reply_one(app, rq, rs, HSDS_SERVICE, 3);
}

struct near {
	struct hsds_id id;
	double m;
};

static int near_cmp(const void *a, const void *b)
{
	const struct near *x = a, *y = b;
	return x->m < y->m ? -1 : x->m > y->m ? 1 : strcmp(x->id.id, y->id.id);
}

HANDLER(h_hsds_sals)
{
	struct paging p;
	struct field_err e = FIELD_ERR_INIT;
	struct hsds_filter f = {0};
	int64_t prox = 0;
	if (list_query(rq, &e, BY_SERVICE_FILTERS, &p, &f))
		return api_field_answer(rs, &e);
	const char *postcode = req_query(rq, "postcode"), *country = req_query(rq, "country");
	if ((postcode && (!*postcode || strlen(postcode) > 16)) ||
	    (country && strlen(country) != 2))
		return api_invalid(rs, "invalid",
				   "postcode has 1 to 16 characters, country 2 letters");
	if (query_int(rq, "proximity", 1, PROXIMITY_MAX, 0, &prox))
		return api_invalid(rs, "invalid", "proximity is a distance in metres, 1 to 500000");
	if (prox && !postcode)
		return api_invalid(rs, "invalid", "proximity needs a postcode to measure from");
	if (!prox) {
		f.postcode = postcode;
		return list_page(app, rq, rs, &p, &f, store_hsdsq_sals, HSDS_SERVICE_AT_LOCATION);
	}
	struct db_tx *tx;
	struct hsds_id *ids;
	int n, rc;
	int64_t total;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	/* within prox metres of the postcode's centroid: a box in SQL, the true distance here */
	struct geo_rec g;
	double la, lo;
	rc = store_geo_get(tx, &rq->arena, country, postcode, &g);
	if (rc == ERR_NOT_FOUND) {
		rc = 0;
		api_error(rs, 400, "unknown_postcode",
			  "That postcode is not in the postal-code table.");
		goto out;
	}
	if (rc ||
	    (rc = hsds_number(g.latitude, &la) || hsds_number(g.longitude, &lo) ? ERR_INTERNAL : 0))
		goto out;
	double box[4];
	struct geo_point at = {la, lo};
	geo_box(at, (double)prox / 1000, &box[0], &box[1], &box[2], &box[3]);
	char b[4][32];
	for (int i = 0; i < 4; i++)
		snprintf(b[i], sizeof(b[i]), "%.6f", box[i]);
	f.lat_min = b[0], f.lat_max = b[1], f.lon_min = b[2], f.lon_max = b[3];
	if ((rc = store_hsdsq_sals(tx, &rq->arena, &f, PROXIMITY_CANDIDATES, 0, &ids, &n, &total)))
		goto out;
	struct near *near = arena_alloc(&rq->arena, sizeof(*near) * (size_t)(n ? n : 1));
	int m = 0;
	for (int i = 0; i < n; i++) {
		double a1, o1;
		if (hsds_number(ids[i].latitude, &a1) || hsds_number(ids[i].longitude, &o1))
			continue;
		double d = geo_km(at, (struct geo_point){a1, o1}) * 1000;
		if (d <= (double)prox)
			near[m].id = ids[i], near[m++].m = d;
	}
	qsort(near, (size_t)m, sizeof(*near), near_cmp); /* nearest first */
	int64_t from = (p.page - 1) * p.per_page;
	int k = 0;
	struct hsds_id *pageids = arena_alloc(&rq->arena, sizeof(*pageids) * (size_t)p.per_page);
	for (int64_t i = from; i < m && k < p.per_page; i++)
		pageids[k++] = near[i].id;
	rc = reply_page(tx, rq, rs, HSDS_SERVICE_AT_LOCATION, &p, pageids, k, m);
out:
	store_rollback(tx);
	return rc;
}

HANDLER(h_hsds_sal)
{
	return reply_one(app, rq, rs, HSDS_SERVICE_AT_LOCATION, 3);
}

HANDLER(h_hsds_organizations)
{
	struct hsds_filter f = {0};
	return list_answer(app, rq, rs, 0, &f, store_hsdsq_organizations, HSDS_ORGANIZATION);
}

HANDLER(h_hsds_organization)
{
	return reply_one(app, rq, rs, HSDS_ORGANIZATION, 2);
}

HANDLER(h_hsds_terms)
{
	const char *top = req_query(rq, "top_only");
	struct hsds_filter f = {.top_only = top && (!strcmp(top, "true") || !strcmp(top, "1"))};
	return list_answer(app, rq, rs, BY_TAXONOMY | BY_PARENT, &f, store_hsdsq_terms,
			   HSDS_TAXONOMY_TERM);
}

HANDLER(h_hsds_term)
{
	return reply_one(app, rq, rs, HSDS_TAXONOMY_TERM, 1);
}

HANDLER(h_hsds_taxonomies)
{
	struct paging p;
	struct field_err e = FIELD_ERR_INIT;
	if (paging_of(rq, &e, &p))
		return api_field_answer(rs, &e);
	struct db_tx *tx;
	struct hsds_row *rows;
	int n, rc;
	int64_t total;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (!(rc = store_hsds_count(tx, HSDS_TAXONOMY, &total)) &&
	    !(rc = store_hsds_page(tx, &rq->arena, HSDS_TAXONOMY, (int)p.per_page,
				   (p.page - 1) * p.per_page, &rows, &n))) {
		json_t *arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, hsds_row_json(HSDS_TAXONOMY, &rows[i]));
		resp_json(rs, 200, page_json(&p, total, arr));
	}
	store_rollback(tx);
	return rc;
}

HANDLER(h_hsds_taxonomy)
{
	return reply_one(app, rq, rs, HSDS_TAXONOMY, 1);
}
