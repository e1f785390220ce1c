/*
 * api_contacts.h: the contacts area (seed 003): the handlers of routes_contacts.c and what its
 * files share: the organisation's settings, the contact's view, the access rule, the needs.
 */
#ifndef FARO_API_CONTACTS_H
#define FARO_API_CONTACTS_H

#include <jansson.h>

#include "api/api.h"
#include "api/handlers.h"
#include "domain/contacts/contact_rules.h"
#include "store/contacts/store_contact.h"

/* the organisation's contact options (table contact_settings) as the handlers use them */
struct contact_settings {
	json_t *doc; /* owned: {"service_provided","caller_served","requirements","force_close"} */
	int64_t version;		 /* 1: never saved (the defaults) */
	int64_t updated_by, updated_ms;	 /* 0: never saved */
	const char *updated_by_name;	 /* NULL: never saved */
	struct contact_requirements req; /* arrays in the request's arena */
	struct contact_force_policy force;
};
/*
 * contact_settings_load: the saved options in tx, or the defaults when none
 * were saved (version 1). Release with contact_settings_release.
 */
int contact_settings_load(struct db_tx *tx, struct req *rq, struct contact_settings *ret);
void contact_settings_release(struct contact_settings *s);
/* contact_option_ok: 1 when code is one of the choices of list ("service_provided",
 * "caller_served"). */
int contact_option_ok(const struct contact_settings *s, const char *list, const char *code);
/*
 * contact_settings_seed: saves the lines and tags of body ({"lines": [...],
 * "tags": [...]}, the admin's shapes) in tx through the same rules as the
 * admin's PUT, audited (the demo organisation). ERR_INVALID with e filled.
 */
int contact_settings_seed(struct db_tx *tx, struct req *rq, json_t *body, struct field_err *e);

/*
 * contact_view: the full view of c read in tx: profile, case, line, tags,
 * needs and referrals with their names. *ret owned by the caller.
 */
int contact_view(struct db_tx *tx, struct arena *a, const struct contact_rec *c, json_t **ret);
/* contact_brief: the view of c in lists (no notes, needs or referrals); profile NULL: none. */
json_t *contact_brief(const struct contact_rec *c, json_t *profile);
/* contact_profile_json: {"id","display_name","anonymous"} of profile id read in tx, or json null.
 */
int contact_profile_json(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret);

/* contact_may_write: 1 when the session may change c: its own agent, a supervisor or an admin. */
int contact_may_write(struct req *rq, const struct contact_rec *c);
/*
 * contact_for_change: reads contact id in tx into *ret and checks that the
 * session may change it and that it is open. May answer: 403
 * not_your_contact, 409 contact_closed (*ret_answered 1). ERR_NOT_FOUND
 * when there is no such contact.
 */
int contact_for_change(struct db_tx *tx, struct req *rq, struct resp *rs, int64_t id,
		       struct contact_rec *ret, int *ret_answered);
/* contact_closed_answer: the 409 contact_closed answer for c. Returns 0. */
int contact_closed_answer(struct resp *rs, const struct contact_rec *c);
/*
 * contact_reason: the text body[key] gives as a reason (leading spaces
 * skipped) in *ret: 1 to max bytes of text; ERR_INVALID with msg in e
 * otherwise.
 */
int contact_reason(json_t *body, const char *key, size_t max, const char *msg, const char **ret,
		   struct field_err *e);
/* contact_stale_answer: the 409 stale_version answer for the contact as now stored (api_stale). */
int contact_stale_answer(struct db_tx *tx, struct req *rq, struct resp *rs,
			 const struct contact_rec *now);
/*
 * contact_changed_answer: after a versioned write of contact id found it
 * changed (ERR_CONFLICT), answers why from the row as stored now: 409
 * contact_closed when it is read-only, else 409 stale_version.
 */
int contact_changed_answer(struct db_tx *tx, struct req *rq, struct resp *rs, int64_t id);
/*
 * contact_needs_refresh: re-derives the needs of contact id in tx from its
 * active referrals, its manual needs (manual: the new set, or NULL to keep
 * the stored ones) and primary_mark (the contact's primary_term_id).
 */
int contact_needs_refresh(struct db_tx *tx, struct req *rq, int64_t id, const char *const *manual,
			  int nmanual, int keep_manual, const char *primary_mark);
/*
 * contact_answer: reads contact id in w->tx, answers status with {"contact"}
 * and commits w->tx (api_write_answer).
 */
int contact_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		   int64_t id, int status);
/* contact_read: the full view of contact id read in tx (api_view's read). */
int contact_read(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret);

/*
 * contact_finish_answer: closes c (read in w->tx; its version is the one
 * written against) by move: closed, or incomplete by force. Audits
 * contact.close or contact.force_close with detail (stolen, may be NULL)
 * plus status and version, sends the live event contact_closed, answers
 * 200 {"contact"} and commits. When c changed meanwhile: 409
 * contact_closed or stale_version.
 */
int contact_finish_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
			  const struct contact_rec *c, enum contact_move move, json_t *detail);

/* contact_force_json: the view of a force-close request. */
json_t *contact_force_json(const struct contact_force_rec *f);
/*
 * contact_force_settle: once contact_id closes by move, its pending
 * force-close request (if any) is settled in tx: approved by the session's
 * user for a force close, withdrawn for a close through the checklist.
 */
int contact_force_settle(struct db_tx *tx, struct req *rq, int64_t contact_id,
			 enum contact_move move);

/* what a create or an edit asks besides the record's own columns */
struct contact_edit {
	int has_tags, has_needs, has_primary;
	int64_t *tag_ids; /* arena */
	int ntags;
	const char **needs; /* the manual needs, arena */
	int nneeds;
};
/*
 * contact_fields_apply: checks the fields of body that create and PATCH
 * share (profile_id, case_id, source_line_id, caller_number,
 * service_provided, caller_served, tags, needs, primary_term_id) against
 * the store in tx and the settings s, and puts them in c and ed. A refusal
 * fills e and returns ERR_INVALID; a store failure returns the store's error.
 */
int contact_fields_apply(json_t *body, struct db_tx *tx, struct req *rq,
			 const struct contact_settings *s, struct contact_rec *c,
			 struct contact_edit *ed, struct field_err *e);

HANDLER(h_contacts_create);
HANDLER(h_contacts_list);
HANDLER(h_contacts_mine_open);
HANDLER(h_contact_get);
HANDLER(h_contact_update);
HANDLER(h_contact_notes);
HANDLER(h_contact_referral_add);
HANDLER(h_contact_referral_remove);
HANDLER(h_contact_checklist);
HANDLER(h_contact_close);
HANDLER(h_contact_force_close);
HANDLER(h_contact_force_requests);
HANDLER(h_contact_force_approve);
HANDLER(h_contact_force_decline);
HANDLER(h_contact_options);
HANDLER(h_contact_settings_get);
HANDLER(h_contact_settings_put);

#endif
