/*
 * api_profile.h: the people area's header: field errors, the profile body
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
struct req;
struct resp;

/* a validation failure: stable code, the field it is about, a message */
struct field_err {
	const char *code;  /* "invalid", "invalid_phone", "invalid_date", "name_required", ... */
	const char *field; /* "phones[1].number"; arena or static */
	struct buf msg;
};
#define FIELD_ERR_INIT                                                                             \
	{                                                                                          \
		"invalid", NULL, BUF_INIT(256)                                                     \
	}

/* field_fail: records code, field and a message in e; returns ERR_INVALID. */
int field_fail(struct field_err *e, const char *code, const char *field, const char *msg);
/* field_error_answer: 400 {"error":{"code","message","field"}} from e; returns 0. */
int field_error_answer(struct resp *rs, struct field_err *e);
/* people_error: status with {"error":{"code","message"}} plus the members of extra (stolen, may be
 * NULL). */
int people_error(struct resp *rs, int status, const char *code, const char *message, json_t *extra);
/*
 * people_stale: 409 stale_version for a profile or case (kind) saved first
 * by saved_by at saved_ms, now at version: the interface shows whose change
 * won and reapplies on that version. Returns 0.
 */
int people_stale(struct resp *rs, const char *kind, const char *saved_by, int64_t saved_ms,
		 int64_t version);

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

/* people_over_quota: takes one search from the account's per-minute rate; 1 when refused (429 in
 * rs) */
int people_over_quota(struct app *app, struct db_tx *tx, struct req *rq, struct resp *rs,
		      int *ret_rc);
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
