/* store_hsds_query.c: the filtered id lists behind the HSDS read API (search, organization,
 * taxonomy term, postcode, area). */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

/* $1 search pattern ('' = any), $2 organization_id, $3 taxonomy_term_id, $4 taxonomy_id */
#define SVC_WHERE                                                                                  \
	"WHERE ($1 = '' OR s.search_fold LIKE $1) AND ($2 = '' OR s.organization_id = $2) AND "    \
	"($3 = '' OR s.id IN (SELECT link_id FROM attribute WHERE taxonomy_term_id = $3)) AND "    \
	"($4 = '' OR s.id IN (SELECT a.link_id FROM attribute a JOIN taxonomy_term tt ON tt.id = " \
	"a.taxonomy_term_id WHERE tt.taxonomy_id = $4))"

static const struct db_stmt svc_ids = {"hsdsq_svc_ids", "SELECT s.id FROM service s " SVC_WHERE
							" ORDER BY s.id LIMIT $5 OFFSET $6"};
static const struct db_stmt svc_count = {"hsdsq_svc_count",
					 "SELECT COUNT(*) FROM service s " SVC_WHERE};

/* the same filters on the service, then $5 postcode of an address, $6 = 1 to bound the location by
 * $7..$10 (latitude from, to, longitude from, to) */
#define SAL_FROM                                                                                   \
	"FROM service_at_location sal JOIN service s ON s.id = sal.service_id JOIN location l ON " \
	"l.id = sal.location_id " SVC_WHERE                                                        \
	" AND ($5 = '' OR l.id IN (SELECT location_id FROM address WHERE postal_code = $5)) AND "  \
	"($6 = 0 OR (l.latitude >= $7 AND l.latitude <= $8 AND l.longitude >= $9 AND l.longitude " \
	"<= $10))"
static const struct db_stmt sal_ids = {"hsdsq_sal_ids",
				       "SELECT sal.id, l.latitude, l.longitude " SAL_FROM
				       " ORDER BY sal.id LIMIT $11 OFFSET $12"};
static const struct db_stmt sal_count = {"hsdsq_sal_count", "SELECT COUNT(*) " SAL_FROM};

static const struct db_stmt org_ids = {
    "hsdsq_org_ids", "SELECT id FROM organization WHERE ($1 = '' OR search_fold LIKE $1) ORDER BY "
		     "id LIMIT $2 OFFSET $3"};
static const struct db_stmt org_count = {
    "hsdsq_org_count", "SELECT COUNT(*) FROM organization WHERE ($1 = '' OR search_fold LIKE $1)"};

/* $2 taxonomy_id, $3 parent_id, $4 = 1: top level only */
#define TERM_WHERE                                                                                 \
	"WHERE ($1 = '' OR search_fold LIKE $1) AND ($2 = '' OR taxonomy_id = $2) AND ($3 = '' "   \
	"OR "                                                                                      \
	"parent_id = $3) AND ($4 = 0 OR parent_id IS NULL)"
static const struct db_stmt term_ids = {"hsdsq_term_ids", "SELECT id FROM taxonomy_term " TERM_WHERE
							  " ORDER BY code, id LIMIT $5 OFFSET $6"};
static const struct db_stmt term_count = {"hsdsq_term_count",
					  "SELECT COUNT(*) FROM taxonomy_term " TERM_WHERE};

static void id_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct hsds_id *x = rec;
	x->id = store_text(a, r, i, 0);
	if (db_res_cols(r) >= 3) {
		x->latitude = store_text(a, r, i, 1);
		x->longitude = store_text(a, r, i, 2);
	}
}

static int ids_of(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
		  const struct db_val *p, int n, struct hsds_id **ret, int *ret_n)
{
	return STORE_LIST(tx, a, st, p, n, id_from_row, ret, ret_n);
}

#define S(x) DBV_TEXT_((x) ? (x) : "")

int store_hsdsq_services(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
			 int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total)
{
	struct db_val p[] = {S(f->pattern),	S(f->organization_id), S(f->taxonomy_term_id),
			     S(f->taxonomy_id), DBV_INT_(limit),       DBV_INT_(offset)};
	int rc = store_one_int(tx, &svc_count, p, 4, ret_total);
	return rc ? rc : ids_of(tx, a, &svc_ids, p, NPARAMS(p), ret, ret_n);
}

int store_hsdsq_sals(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
		     int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total)
{
	int box = f->lat_min != NULL;
	struct db_val p[] = {S(f->pattern),
			     S(f->organization_id),
			     S(f->taxonomy_term_id),
			     S(f->taxonomy_id),
			     S(f->postcode),
			     DBV_INT_(box),
			     box ? DBV_TEXT_(f->lat_min) : DBV_NULL_,
			     box ? DBV_TEXT_(f->lat_max) : DBV_NULL_,
			     box ? DBV_TEXT_(f->lon_min) : DBV_NULL_,
			     box ? DBV_TEXT_(f->lon_max) : DBV_NULL_,
			     DBV_INT_(limit),
			     DBV_INT_(offset)};
	int rc = store_one_int(tx, &sal_count, p, 10, ret_total);
	return rc ? rc : ids_of(tx, a, &sal_ids, p, NPARAMS(p), ret, ret_n);
}

int store_hsdsq_organizations(struct db_tx *tx, struct arena *a, const struct hsds_filter *f,
			      int limit, int64_t offset, struct hsds_id **ret, int *ret_n,
			      int64_t *ret_total)
{
	struct db_val p[] = {S(f->pattern), DBV_INT_(limit), DBV_INT_(offset)};
	int rc = store_one_int(tx, &org_count, p, 1, ret_total);
	return rc ? rc : ids_of(tx, a, &org_ids, p, NPARAMS(p), ret, ret_n);
}

int store_hsdsq_terms(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
		      int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total)
{
	struct db_val p[] = {S(f->pattern),	    S(f->taxonomy_id), S(f->parent_id),
			     DBV_INT_(f->top_only), DBV_INT_(limit),   DBV_INT_(offset)};
	int rc = store_one_int(tx, &term_count, p, 4, ret_total);
	return rc ? rc : ids_of(tx, a, &term_ids, p, NPARAMS(p), ret, ret_n);
}
