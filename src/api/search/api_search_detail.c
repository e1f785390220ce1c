/*
 * api_search_detail.c: everything about one service for the detail view
 * (GET /api/v1/search/services/:id, read from the HSDS tables and the
 * index), and the filter choices with their counts (GET /api/v1/search/filters).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/geo.h"
#include "domain/resources/hsds_schema.h"
#include "store/search/store_search.h"
#include "api/api.h"
#include "api/search/api_search.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

#define DETAIL_LOCATIONS_MAX 50

/* row_json: the named fields of an HSDS row that have a value */
static json_t *row_json(int t, const struct hsds_row *row, const char *const *names)
{
	json_t *o = json_object();
	for (; *names; names++) {
		int f = hsds_field_find(t, *names);
		if (f >= 0 && row->vals[f] && *row->vals[f])
			json_object_set_new(o, *names, json_string(row->vals[f]));
	}
	return o;
}

static int id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' || s[i] == '_'))
			return 0;
	return 1;
}

/* children: rows of table t whose field equals id, each as the named fields */
static int children(struct db_tx *tx, struct arena *a, int t, const char *field, const char *id,
		    const char *const *names, json_t **ret)
{
	struct hsds_row *rows;
	int n, rc = store_hsds_by(tx, a, t, hsds_field_find(t, field), id, &rows, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, row_json(t, &rows[i], names));
	*ret = arr;
	return 0;
}

HANDLER(h_search_service)
{
	static const char *const svc_fields[] = {"id",
						 "name",
						 "alternate_name",
						 "description",
						 "url",
						 "email",
						 "status",
						 "interpretation_services",
						 "application_process",
						 "fees_description",
						 "wait_time",
						 "eligibility_description",
						 "minimum_age",
						 "maximum_age",
						 "alert",
						 "last_modified",
						 NULL};
	static const char *const org_fields[] = {
	    "id", "name", "alternate_name", "description", "email", "website", NULL};
	static const char *const area_fields[] = {"name", "description", NULL};
	static const char *const lang_fields[] = {"name", "code", "note", NULL};
	static const char *const doc_fields[] = {"document", "uri", NULL};
	const char *id = req_param(rq, "id");
	struct db_tx *tx = NULL;
	struct hsds_row svc, org, *attrs;
	int rc, nattrs;
	double lat = 0, lon = 0;
	int has_point = 0;
	if (!id_ok(id))
		return api_error(rs, 404, "not_found", "no such service");
	const char *la = req_query(rq, "lat"), *lo = req_query(rq, "lon");
	if (la && lo) {
		char *e1, *e2;
		lat = strtod(la, &e1), lon = strtod(lo, &e2);
		if (*e1 || *e2 || !geo_valid(lat, lon))
			return api_invalid(rs, "invalid", "lat and lon are decimal degrees");
		has_point = 1;
	}
	struct api_session *s = api_session(rq);
	int miles = geo_locale_miles(s ? s->s.user.language : NULL);
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_hsds_get(tx, &rq->arena, HSDS_SERVICE, id, &svc);
	if (rc == ERR_NOT_FOUND) {
		store_rollback(tx);
		return api_error(rs, 404, "not_found", "no such service");
	}
	json_t *body = NULL, *areas = NULL, *langs = NULL, *docs = NULL;
	const char *org_id = svc.vals[hsds_field_find(HSDS_SERVICE, "organization_id")];
	if (rc || (rc = store_hsds_get(tx, &rq->arena, HSDS_ORGANIZATION, org_id, &org)) ||
	    (rc = children(tx, &rq->arena, HSDS_SERVICE_AREA, "service_id", id, area_fields,
			   &areas)) ||
	    (rc = children(tx, &rq->arena, HSDS_LANGUAGE, "service_id", id, lang_fields, &langs)) ||
	    (rc = children(tx, &rq->arena, HSDS_REQUIRED_DOCUMENT, "service_id", id, doc_fields,
			   &docs)) ||
	    (rc = store_hsds_by(tx, &rq->arena, HSDS_ATTRIBUTE,
				hsds_field_find(HSDS_ATTRIBUTE, "link_id"), id, &attrs, &nattrs)))
		goto out;
	json_t *cats = json_array();
	int term_f = hsds_field_find(HSDS_ATTRIBUTE, "taxonomy_term_id");
	for (int i = 0; i < nattrs; i++) {
		struct hsds_row term;
		if (store_hsds_get(tx, &rq->arena, HSDS_TAXONOMY_TERM, attrs[i].vals[term_f],
				   &term) == 0)
			json_array_append_new(
			    cats, row_json(HSDS_TAXONOMY_TERM, &term,
					   (const char *const[]){"id", "name", "code", NULL}));
	}
	struct search_entry_rec e[DETAIL_LOCATIONS_MAX];
	int n = 0;
	json_t *locs = json_array();
	rc = store_search_entries_of_service(tx, &rq->arena, id, DETAIL_LOCATIONS_MAX, e, &n);
	if (rc && rc != ERR_NOT_FOUND) {
		json_decref(locs);
		json_decref(cats);
		goto out;
	}
	rc = 0;
	for (int i = 0; i < n; i++) {
		int open = search_open(e[i].hours, e[i].tz, NULL, rq->now_ms);
		json_t *l = json_pack(
		    "{s:o,s:o,s:o,s:o,s:o,s:o}", "location_id", json_str_or_null(e[i].location_id),
		    "address", json_str_or_null(e[i].address), "postal_code",
		    json_str_or_null(e[i].postal_code), "phones", search_phones_json(e[i].phones),
		    "hours", search_hours_json(e[i].hours), "time_zone", json_str_or_null(e[i].tz));
		json_object_set_new(l, "open", open < 0 ? json_null() : json_boolean(open));
		if (e[i].has_geo) {
			json_object_set_new(l, "lat", json_real(e[i].lat));
			json_object_set_new(l, "lon", json_real(e[i].lon));
		}
		if (has_point && e[i].has_geo) {
			double km = geo_km((struct geo_point){lat, lon},
					   (struct geo_point){e[i].lat, e[i].lon});
			json_object_set_new(l, "distance",
					    json_pack("{s:f,s:f,s:s}", "km", round(km * 10) / 10,
						      "value",
						      round(geo_km_to_unit(km, miles) * 10) / 10,
						      "unit", miles ? "mi" : "km"));
		}
		json_array_append_new(locs, l);
	}
	body = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "service",
			 row_json(HSDS_SERVICE, &svc, svc_fields), "organization",
			 row_json(HSDS_ORGANIZATION, &org, org_fields), "locations", locs,
			 "service_areas", areas, "languages", langs, "required_documents", docs,
			 "categories", cats);
	areas = langs = docs = NULL;
	resp_json(rs, 200, body);
out:
	json_decref(areas);
	json_decref(langs);
	json_decref(docs);
	store_rollback(tx);
	return rc;
}

HANDLER(h_search_filters)
{
	struct db_tx *tx;
	struct search_choice *cats, *areas;
	int nc, na, rc;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if ((rc = store_search_categories(tx, &rq->arena, &cats, &nc)) ||
	    (rc = store_search_area_names(tx, &rq->arena, 500, &areas, &na))) {
		store_rollback(tx);
		return rc;
	}
	store_rollback(tx);
	json_t *c = json_array(), *a = json_array();
	for (int i = 0; i < nc; i++)
		json_array_append_new(c, json_pack("{s:s,s:s,s:o,s:I}", "id", cats[i].id, "name",
						   cats[i].name ? cats[i].name : "", "parent_id",
						   json_str_or_null(cats[i].parent_id), "count",
						   (json_int_t)cats[i].count));
	for (int i = 0; i < na; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "key", areas[i].id, "name",
						   areas[i].name ? areas[i].name : "", "count",
						   (json_int_t)areas[i].count));
	resp_json(rs, 200, json_pack("{s:o,s:o}", "categories", c, "areas", a));
	return 0;
}
