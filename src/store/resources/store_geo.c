/* store_geo.c: postal-code centroids (country, code -> latitude, longitude) for distance search. */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

static const struct db_stmt geo_put = {
    "geo_put", "INSERT INTO postal_code (country, postcode, latitude, longitude, place_name, "
	       "admin_area) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (country, postcode) DO "
	       "UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude, "
	       "place_name = excluded.place_name, admin_area = excluded.admin_area"};
static const struct db_stmt geo_get = {
    "geo_get", "SELECT country, postcode, latitude, longitude, place_name, admin_area FROM "
	       "postal_code WHERE country = $1 AND postcode = $2"};
static const struct db_stmt geo_any = {
    "geo_any", "SELECT country, postcode, latitude, longitude, place_name, admin_area FROM "
	       "postal_code WHERE postcode = $1 ORDER BY country LIMIT 2"};
static const struct db_stmt geo_count = {"geo_count", "SELECT COUNT(*) FROM postal_code"};

int store_geo_put(struct db_tx *tx, const struct geo_rec *g)
{
	struct db_val p[] = {DBV_TEXT_(g->country),
			     DBV_TEXT_(g->postcode),
			     DBV_TEXT_(g->latitude),
			     DBV_TEXT_(g->longitude),
			     g->place_name && *g->place_name ? DBV_TEXT_(g->place_name) : DBV_NULL_,
			     g->admin_area && *g->admin_area ? DBV_TEXT_(g->admin_area)
							     : DBV_NULL_};
	return db_exec(tx, &geo_put, p, NPARAMS(p), NULL);
}

int store_geo_get(struct db_tx *tx, struct arena *a, const char *country, const char *postcode,
		  struct geo_rec *ret)
{
	struct db_res *r;
	int rc;
	if (country) {
		struct db_val p[] = {DBV_TEXT_(country), DBV_TEXT_(postcode)};
		rc = store_one(tx, &geo_get, p, NPARAMS(p), &r);
	} else {
		struct db_val p[] = {DBV_TEXT_(postcode)};
		rc = store_one(tx, &geo_any, p, NPARAMS(p), &r);
	}
	if (rc)
		return rc;
	ret->country = store_text(a, r, 0, 0);
	ret->postcode = store_text(a, r, 0, 1);
	ret->latitude = store_text(a, r, 0, 2);
	ret->longitude = store_text(a, r, 0, 3);
	ret->place_name = store_text(a, r, 0, 4);
	ret->admin_area = store_text(a, r, 0, 5);
	db_res_free(r);
	return 0;
}

int store_geo_count(struct db_tx *tx, int64_t *ret)
{
	struct db_res *r;
	int rc = store_one(tx, &geo_count, NULL, 0, &r);
	if (rc)
		return rc;
	*ret = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}
