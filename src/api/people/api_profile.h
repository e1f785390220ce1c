/*
 * api_profile.h: the people area's header: the profile body
 * rules and JSON views, and the handlers of routes_people.c.
 */
#ifndef FARO_API_PROFILE_H
#define FARO_API_PROFILE_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/people/store_profile.h"
#include "api/handlers.h"

struct app;
struct arena;
struct db_tx;
struct field_err;
struct req;
struct resp;

/*
 * profile_apply: applies the fields present in body (create or PATCH) to p,
 * normalising phones with country and recomputing display_name and
 * name_fold. Strings go to rq's arena. ERR_INVALID with e filled.
 * *ret_changed (may be NULL) gets a JSON array of the changed field names.
 */
int profile_apply(json_t *body, struct profile_rec *p, const char *country, struct req *rq,
		  struct field_err *e, json_t **ret_changed);
/* profile_body_keys: the fields a profile body may hold (NULL-ended); with_version adds "version".
 */
extern const char *const profile_body_keys[];
/* profile_json: the full view of p. */
json_t *profile_json(const struct profile_rec *p);
/* profile_hit_json: a list or search line of h. */
json_t *profile_hit_json(const struct profile_hit *h);
/* profile_search_keys: the name keys of p for the store (arena array). */
int profile_search_keys(const struct profile_rec *p, struct arena *a, const char ***ret,
			int *ret_n);
/* people_country: the organisation's default country ("CO"), or NULL when unset; arena string. */
const char *people_country(struct db_tx *tx, struct arena *a);

/*
 * people_over_quota: takes one search from the account's per-minute rate.
 * May answer: when refused it answers 429 and sets *ret_answered to 1 (else
 * 0). Returns 0 or a store error.
 */
int people_over_quota(struct app *app, struct db_tx *tx, struct req *rq, struct resp *rs,
		      int *ret_answered);
/* people_audit_seen: one audit row (action) naming the ids of the profiles in items shown to the
 * user. */
int people_audit_seen(struct db_tx *tx, struct req *rq, const char *action, json_t *items);

HANDLER(h_profiles_list);
HANDLER(h_profiles_create);
HANDLER(h_profile_get);
HANDLER(h_profile_update);
HANDLER(h_profiles_search);
HANDLER(h_profiles_lookup);
HANDLER(h_profile_cases);
HANDLER(h_people_settings_get);
HANDLER(h_people_settings_put);

#endif
