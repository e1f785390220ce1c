/*
 * store_search.h: the resource search index (migration 0040) and its
 * queries. The index is derived from the HSDS tables: store_search_reindex
 * rebuilds it (after an import or an edit of the directory); the queries
 * return candidates that api/ ranks, evaluates for open-now and pages.
 */
#ifndef FARO_STORE_SEARCH_H
#define FARO_STORE_SEARCH_H

#include <stdint.h>

struct arena;
struct db_tx;

#define SEARCH_PAGE_MAX 25 /* entries store_search_entries reads at once */

/*
 * store_search_reindex: replaces the index with one built from the HSDS
 * tables in tx (services that are not inactive or defunct, at each of their
 * locations). *ret_entries (may be NULL): how many entries it holds.
 */
int store_search_reindex(struct db_tx *tx, int64_t *ret_entries);
/*
 * store_search_reindex_services: rebuilds the index rows of just these
 * services (ids, n of them; a service that is gone or inactive loses its
 * rows), leaving every other row as it is. For edits of the directory.
 */
int store_search_reindex_services(struct db_tx *tx, const char *const *ids, int n);
/* store_search_entry_count: entries in the index. */
/* store_search_needs_rebuild: 1 when the directory has services and the index has no entry */
int store_search_needs_rebuild(struct db_tx *tx, int *ret);
int store_search_entry_count(struct db_tx *tx, int64_t *ret);

/* what to look for; every filter that is set must hold (AND) */
struct search_query {
	const char *const *words; /* folded words; NULL/0: no keywords */
	int nwords;
	int last_prefix;     /* the last word is still being typed: match it as a prefix too */
	const char *term_id; /* taxonomy term, children included; NULL: any */
	int has_box;	     /* only entries inside the box */
	double lat_min, lat_max, lon_min, lon_max;
	int by_distance; /* no keywords: order by distance from (lat, lon) */
	double lat, lon;
	const char *phone_tail; /* last 7 digits of a phone number; NULL: any */
	const char
	    *serves[3]; /* keys of the caller's area ("p:050001", "n:medellin"); NULL when unused */
	int serves_only;      /* only services that serve one of those keys */
	const char *area_key; /* only services with this area ("n:<folded name>"); NULL: any */
	int limit;	      /* candidates at most */
};

/* a candidate: enough to rank, filter on hours and count facets */
struct search_cand {
	int64_t id;
	double rel; /* keyword relevance, higher is better (0 without keywords) */
	int has_geo;
	double lat, lon;
	const char *tz, *hours, *top_terms; /* arena copies; see struct search_entry_rec */
	int serves;			    /* the service serves one of q->serves */
	const char *name_fold;		    /* the folded name, for the name-match bonus */
};

/*
 * store_search_candidates: the entries that match q, best first (keywords:
 * by relevance; by_distance: nearest first; else by name), at most q->limit,
 * in *ret (arena). ERR_INVALID when the keywords leave nothing to look for.
 */
int store_search_candidates(struct db_tx *tx, struct arena *a, const struct search_query *q,
			    struct search_cand **ret, int *ret_n);

/* one entry as shown in results */
struct search_entry_rec {
	int64_t id;
	const char *service_id, *location_id, *sal_id, *organization_id;
	const char *name, *organization, *description, *address, *postal_code, *country;
	int has_geo;
	double lat, lon;
	const char *tz; /* IANA zone, NULL when unknown */
	const char
	    *hours; /* lines "freq|byday|opens_at|closes_at|valid_from|valid_to|description" */
	const char *phones; /* lines "number|type|description" */
	const char *top_terms;
};

/* store_search_entries: the entries with these ids (n <= SEARCH_PAGE_MAX), in the order of ids;
 * missing ones get id 0. */
int store_search_entries(struct db_tx *tx, struct arena *a, const int64_t *ids, int n,
			 struct search_entry_rec *ret);
/* store_search_entries_of_service: every entry of a service (its locations), at most max. */
int store_search_entries_of_service(struct db_tx *tx, struct arena *a, const char *service_id,
				    int max, struct search_entry_rec *ret, int *ret_n);

/* a filter choice with how many services it has */
struct search_choice {
	const char *id, *name, *parent_id;
	int64_t count;
};
/* store_search_categories: taxonomy terms used by indexed services (ancestors included), with
 * service counts. */
int store_search_categories(struct db_tx *tx, struct arena *a, struct search_choice **ret,
			    int *ret_n);
/* store_search_area_names: the distinct service-area names (id = "n:<folded>"), with service
 * counts, at most max. */
int store_search_area_names(struct db_tx *tx, struct arena *a, int max, struct search_choice **ret,
			    int *ret_n);

#endif
