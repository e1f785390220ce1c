/*
 * store_hsds.h: the resources area's store: the HSDS 3.0 directory tables,
 * which services a row reaches, postal-code centroids and the HSDS read
 * API's filtered lists. Strings in returned records live in the caller's arena.
 */
#ifndef FARO_STORE_HSDS_H
#define FARO_STORE_HSDS_H

#include <stdint.h>

struct arena;
struct db_tx;

/* ---- resource directory: HSDS 3.0 tables (src/domain/resources/hsds_schema.h names them by index
 * t) ---- */
struct hsds_row {
	const char **vals; /* one per field of the table, in descriptor order; NULL: no value
			      (numbers as text) */
	const char *extra; /* JSON object of columns an import did not know, or NULL */
	int64_t row_version, updated_ms;
};
/*
 * store_hsds_upsert: inserts the row (vals[0] is its id) or, when the id
 * exists, replaces every field and extra and bumps row_version;
 * *ret_inserted (may be NULL) says which. fold: the search_fold text of
 * folded tables (ignored by the others). ERR_CONFLICT on a broken reference.
 */
int store_hsds_upsert(struct db_tx *tx, int t, const char *const *vals, const char *extra,
		      const char *fold, int64_t now, int *ret_inserted);
/* store_hsds_bulk: on (1) before a large import in tx, off (0) after: a bigger page cache (SQLite).
 */
int store_hsds_bulk(struct db_tx *tx, int on);
/* store_hsds_insert: a new row; ERR_CONFLICT when the id exists or a reference is broken. */
int store_hsds_insert(struct db_tx *tx, int t, const char *const *vals, const char *extra,
		      const char *fold, int64_t now);
/*
 * store_hsds_update: writes every field of vals (not extra) when version is
 * still current; ERR_CONFLICT when someone saved first, ERR_NOT_FOUND when
 * the row is gone. *ret_version: the new row_version.
 */
int store_hsds_update(struct db_tx *tx, int t, const char *const *vals, const char *fold,
		      int64_t version, int64_t now, int64_t *ret_version);
/* store_hsds_delete: removes the row at version; ERR_CONFLICT (stale or still referenced),
 * ERR_NOT_FOUND. */
int store_hsds_delete(struct db_tx *tx, int t, const char *id, int64_t version);
/* store_hsds_exists: 0 and the row_version (may be NULL) when the id exists, else ERR_NOT_FOUND. */
int store_hsds_exists(struct db_tx *tx, int t, const char *id, int64_t *ret_version);
int store_hsds_get(struct db_tx *tx, struct arena *a, int t, const char *id, struct hsds_row *ret);
/* store_hsds_after: rows with id > after_id (NULL: from the first), by id, at most limit. */
int store_hsds_after(struct db_tx *tx, struct arena *a, int t, const char *after_id, int limit,
		     struct hsds_row **ret, int *ret_n);
/* store_hsds_page: rows by id, limit from offset (the HSDS API's page numbers). */
int store_hsds_page(struct db_tx *tx, struct arena *a, int t, int limit, int64_t offset,
		    struct hsds_row **ret, int *ret_n);
int store_hsds_count(struct db_tx *tx, int t, int64_t *ret);
/* store_hsds_by: rows of t whose uuid field (index) equals value, by id; ERR_INVALID for other
 * fields. */
int store_hsds_by(struct db_tx *tx, struct arena *a, int t, int field, const char *value,
		  struct hsds_row **ret, int *ret_n);

/* ---- which services a directory row reaches (store_hsds_scope.c) ---- */
struct hsds_idset {
	const char **ids; /* arena copies */
	int n, cap;
};
/*
 * store_hsds_services_of: adds to set (arena-grown) the services whose
 * search entries show the row vals of table t as stored now (a service
 * itself; an organization's services; the services at a location; those
 * carrying a taxonomy term or a term under it; for a phone or schedule the
 * most specific link). Duplicates may remain: see store_hsds_idset_unique.
 */
int store_hsds_services_of(struct db_tx *tx, struct arena *a, int t, const char *const *vals,
			   struct hsds_idset *set);
/* store_hsds_idset_unique: sorts set and drops duplicates. */
void store_hsds_idset_unique(struct hsds_idset *set);

/* ---- postal-code centroids ---- */
struct geo_rec {
	const char *country;		  /* ISO 3166-1 alpha-2 */
	const char *postcode;		  /* as written, leading zeros kept */
	const char *latitude, *longitude; /* decimal degrees as text */
	const char *place_name, *admin_area;
};
/* store_geo_put: inserts or replaces the centroid of (country, postcode). */
int store_geo_put(struct db_tx *tx, const struct geo_rec *g);
/* store_geo_get: the centroid; country NULL: any country's (the first by country code). */
int store_geo_get(struct db_tx *tx, struct arena *a, const char *country, const char *postcode,
		  struct geo_rec *ret);
int store_geo_count(struct db_tx *tx, int64_t *ret);

/* ---- HSDS read API filters (store_hsds_query.c) ---- */
struct hsds_filter {
	const char *pattern; /* LIKE pattern on search_fold ("%food bank%"), or NULL */
	const char *organization_id, *taxonomy_term_id, *taxonomy_id, *parent_id; /* NULL: any */
	const char *postcode; /* service at locations: an address's postal code */
	const char *lat_min, *lat_max, *lon_min,
	    *lon_max; /* a box the location must be in, or NULL */
	int top_only; /* taxonomy terms without a parent */
};
struct hsds_id {
	const char *id;
	const char *latitude, *longitude; /* service at locations only ("" when unknown) */
};
/* store_hsdsq_*: ids matching f by id order, limit from offset, and the total that match. */
int store_hsdsq_services(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
			 int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total);
int store_hsdsq_sals(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
		     int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total);
int store_hsdsq_organizations(struct db_tx *tx, struct arena *a, const struct hsds_filter *f,
			      int limit, int64_t offset, struct hsds_id **ret, int *ret_n,
			      int64_t *ret_total);
int store_hsdsq_terms(struct db_tx *tx, struct arena *a, const struct hsds_filter *f, int limit,
		      int64_t offset, struct hsds_id **ret, int *ret_n, int64_t *ret_total);

#endif
