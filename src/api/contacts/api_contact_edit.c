/*
 * api_contact_edit.c: changing an open contact: PATCH of its details (profile, case, line,
 * service provided, caller served, tags, needs and primary mark) with optimistic locking, and
 * the notes' autosave, whose conflicts answer both texts so the agent reconciles them.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/people/people_rules.h"
#include "api/contacts/api_contacts.h"
#include "core/banned.h"

static const char *const patch_keys[] = {
    "version",	     "profile_id", "case_id", "source_line_id",	 "service_provided",
    "caller_served", "tags",	   "needs",   "primary_term_id", NULL};

/* 0 when the contact's primary mark (if any) is one of its needs now, else refuses it */
static int primary_is_need(struct db_tx *tx, struct req *rq, const struct contact_rec *c,
			   struct field_err *e)
{
	struct contact_need_rec *ns;
	int n, rc;
	if (!c->primary_term_id)
		return 0;
	if ((rc = store_contact_needs(tx, &rq->arena, c->id, &ns, &n)))
		return rc;
	for (int i = 0; i < n; i++)
		if (!strcmp(ns[i].term_id, c->primary_term_id))
			return 0;
	return field_fail(e, "not_a_need", "primary_term_id",
			  "mark as primary one of the contact's needs");
}

/* the names of the fields body changes, for the audit row (never their contents) */
static json_t *body_fields(json_t *body)
{
	json_t *out = json_array(), *v;
	const char *k;
	json_object_foreach(body, k, v)
	{
		if (strcmp(k, "version"))
			json_array_append_new(out, json_string(k));
	}
	return out;
}

HANDLER(h_contact_update)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	struct contact_edit ed = {0};
	struct contact_rec before, c;
	int64_t version = 0, id, actor = api_session(rq)->s.user_id;
	int answered;
	int rc = api_write_open(&w, rq, rs, patch_keys, &id, &version);
	if (rc || !w.body)
		goto out;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_for_change(w.tx, rq, rs, id, &before, &answered)) || answered)
		goto out;
	if (before.version != version) {
		rc = contact_stale_answer(w.tx, rq, rs, &before);
		goto out;
	}
	c = before;
	if ((rc = contact_settings_load(w.tx, rq, &s)) ||
	    (rc = contact_fields_apply(w.body, w.tx, rq, &s, &c, &ed, &w.e)))
		goto out;
	rc = store_contact_update(w.tx, &c, actor, rq->now_ms, &c.version);
	if (rc == ERR_CONFLICT) { /* someone saved, or closed it, since we read it */
		rc = contact_changed_answer(w.tx, rq, rs, id);
		goto out;
	}
	if (rc || (ed.has_tags && (rc = store_contact_tags_set(w.tx, id, ed.tag_ids, ed.ntags))))
		goto out;
	if ((ed.has_needs || ed.has_primary) &&
	    (rc = contact_needs_refresh(w.tx, rq, id, ed.needs, ed.nneeds, !ed.has_needs,
					c.primary_term_id)))
		goto out;
	if ((rc = primary_is_need(w.tx, rq, &c, &w.e)) ||
	    (rc = api_audit(w.tx, rq, "contact.update", "contact", id,
			    json_pack("{s:o,s:I}", "fields", body_fields(w.body), "version",
				      (json_int_t)c.version))))
		goto out;
	rc = contact_answer(app, rq, rs, &w, id, 200);
out:
	contact_settings_release(&s);
	return api_write_end(&w, rs, rc);
}

/* 409 notes_conflict: both texts, so the agent reconciles them and nothing is lost */
static int notes_conflict(struct resp *rs, const struct contact_rec *now, const char *yours)
{
	return api_error_with(
	    rs, 409, "notes_conflict",
	    "Someone else saved these notes first; both texts are here to reconcile.",
	    json_pack("{s:s,s:s,s:I,s:o,s:s?}", "yours", yours, "theirs", now->notes,
		      "current_notes_version", (json_int_t)now->notes_version, "saved_ms",
		      now->notes_updated_ms ? json_integer(now->notes_updated_ms) : json_null(),
		      "saved_by", now->notes_updated_by_name));
}

HANDLER(h_contact_notes)
{
	static const char *const keys[] = {"notes", "notes_version", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_rec c, now;
	int64_t nv = 0, saved, id = api_id_param(rq, "id");
	int rc = 0, answered;
	const char *text;
	json_t *v;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	v = json_object_get(w.body, "notes");
	if (!json_is_string(v) || json_string_length(v) > CONTACT_NOTES_MAX ||
	    !people_text_ok(json_string_value(v), 1)) {
		rc = field_fail(&w.e, "invalid", "notes", "text of at most 50000 bytes");
		goto out;
	}
	text = json_string_value(v);
	if (jsonx_get_int(w.body, "notes_version", 1, INT64_MAX, &nv, NULL)) {
		rc = field_fail(&w.e, "invalid", "notes_version",
				"the notes version you last saw is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_for_change(w.tx, rq, rs, id, &c, &answered)) || answered)
		goto out;
	if (c.notes_version != nv) {
		rc = notes_conflict(rs, &c, text);
		goto out;
	}
	rc =
	    store_contact_notes(w.tx, id, nv, text, api_session(rq)->s.user_id, rq->now_ms, &saved);
	if (rc == ERR_CONFLICT) {
		if (!(rc = store_contact_get(w.tx, &rq->arena, id, &now)))
			rc = contact_read_only(contact_status_of(now.status))
				 ? contact_closed_answer(rs, &now)
				 : notes_conflict(rs, &now, text);
		goto out;
	}
	/* the audit row says that the notes changed and how long they are, never what they say */
	if (rc || (rc = api_audit(w.tx, rq, "contact.notes", "contact", id,
				  json_pack("{s:I,s:I}", "length", (json_int_t)strlen(text),
					    "notes_version", (json_int_t)saved))))
		goto out;
	resp_json(rs, 200,
		  json_pack("{s:I,s:I}", "notes_version", (json_int_t)saved, "saved_ms",
			    (json_int_t)rq->now_ms));
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
