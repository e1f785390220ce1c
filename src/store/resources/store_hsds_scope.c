/*
 * store_hsds_scope.c: which services' search entries show a directory row,
 * so that an edit reindexes those services and no others (the rules mirror
 * how store_search_index.c builds an entry).
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/resources/hsds_schema.h"
#include "store/store_impl.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

static const struct db_stmt of_org = {"hsds_scope_org",
				      "SELECT id FROM service WHERE organization_id = $1"};
static const struct db_stmt of_loc = {
    "hsds_scope_loc", "SELECT service_id FROM service_at_location WHERE location_id = $1"};
static const struct db_stmt of_sal = {"hsds_scope_sal",
				      "SELECT service_id FROM service_at_location WHERE id = $1"};
/* a term's name is in the entries of services carrying it or any term under it */
static const struct db_stmt of_term = {
    "hsds_scope_term",
    "WITH RECURSIVE down(id) AS (SELECT id FROM taxonomy_term WHERE id = $1 UNION "
    "SELECT t.id FROM taxonomy_term t JOIN down ON t.parent_id = down.id) "
    "SELECT DISTINCT link_id FROM attribute WHERE link_entity = 'service' "
    "AND taxonomy_term_id IN (SELECT id FROM down)"};

static void add(struct arena *a, struct hsds_idset *set, const char *id)
{
	if (!id || !*id)
		return;
	if (set->n == set->cap) {
		int cap = set->cap ? set->cap * 2 : 16;
		const char **ids = arena_alloc(a, sizeof(*ids) * (size_t)cap);
		if (set->n)
			memcpy(ids, set->ids, sizeof(*ids) * (size_t)set->n);
		set->ids = ids;
		set->cap = cap;
	}
	set->ids[set->n++] = arena_strdup(a, id);
}

static int add_rows(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const char *id,
		    struct hsds_idset *set)
{
	struct db_res *r;
	struct db_val p = DBV_TEXT_(id);
	int rc = db_exec(tx, st, &p, 1, &r);
	if (rc)
		return rc;
	for (int i = 0; i < db_res_rows(r); i++)
		add(a, set, db_res_text(r, i, 0));
	db_res_free(r);
	return 0;
}

/* reach: the services that show the row of table t with this id */
static int reach(struct db_tx *tx, struct arena *a, int t, const char *id, struct hsds_idset *set)
{
	if (!id || !*id)
		return 0;
	switch (t) {
	case HSDS_SERVICE:
		add(a, set, id);
		return 0;
	case HSDS_ORGANIZATION:
		return add_rows(tx, a, &of_org, id, set);
	case HSDS_LOCATION:
		return add_rows(tx, a, &of_loc, id, set);
	case HSDS_SERVICE_AT_LOCATION:
		return add_rows(tx, a, &of_sal, id, set);
	case HSDS_TAXONOMY_TERM:
		return add_rows(tx, a, &of_term, id, set);
	default:
		return 0;
	}
}

static const char *val(int t, const char *const *vals, const char *field)
{
	int f = hsds_field_find(t, field);
	return f >= 0 ? vals[f] : NULL;
}

static int cmp_id(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int store_hsds_services_of(struct db_tx *tx, struct arena *a, int t, const char *const *vals,
			   struct hsds_idset *set)
{
	static const char *const specific[] = {"service_at_location_id", "service_id",
					       "location_id", "organization_id"};
	static const int specific_t[] = {HSDS_SERVICE_AT_LOCATION, HSDS_SERVICE, HSDS_LOCATION,
					 HSDS_ORGANIZATION};
	int rc = 0;
	switch (t) {
	case HSDS_SERVICE:
	case HSDS_ORGANIZATION:
	case HSDS_LOCATION:
	case HSDS_SERVICE_AT_LOCATION:
	case HSDS_TAXONOMY_TERM:
		rc = reach(tx, a, t, vals[0], set);
		break;
	case HSDS_ADDRESS:
		rc = reach(tx, a, HSDS_LOCATION, val(t, vals, "location_id"), set);
		break;
	case HSDS_SERVICE_AREA:
		rc = reach(tx, a, HSDS_SERVICE, val(t, vals, "service_id"), set);
		break;
	case HSDS_ATTRIBUTE: {
		const char *ent = val(t, vals, "link_entity");
		if (ent && !strcmp(ent, "service"))
			rc = reach(tx, a, HSDS_SERVICE, val(t, vals, "link_id"), set);
		break;
	}
	case HSDS_PHONE:
	case HSDS_SCHEDULE: /* the most specific link decides where the index lists it */
		for (int i = 0; i < 4; i++) {
			const char *v = val(t, vals, specific[i]);
			if (hsds_field_find(t, specific[i]) >= 0 && v && *v) {
				rc = reach(tx, a, specific_t[i], v, set);
				break;
			}
		}
		break;
	default:
		break;
	}
	return rc;
}

void store_hsds_idset_unique(struct hsds_idset *set)
{
	if (set->n < 2)
		return;
	qsort(set->ids, (size_t)set->n, sizeof(*set->ids), cmp_id);
	int k = 1;
	for (int i = 1; i < set->n; i++)
		if (strcmp(set->ids[i], set->ids[k - 1]))
			set->ids[k++] = set->ids[i];
	set->n = k;
}
