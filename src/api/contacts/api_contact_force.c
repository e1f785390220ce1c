/*
 * api_contact_force.c: Forzar cierre: force closing a contact whose checklist cannot be completed
 * (the caller hung up): at once when the organisation's policy lets the user, else as a request a
 * supervisor approves (the contact closes incomplete) or declines (it stays open).
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "api/contacts/api_contacts.h"
#include "core/banned.h"

#define FORCE_LIST_MAX 100

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *contact_force_json(const struct contact_force_rec *f)
{
	return json_pack(
	    "{s:I,s:I,s:s,s:s,s:I,s:s?,s:I,s:o,s:s?,s:o,s:s?}", "id", (json_int_t)f->id,
	    "contact_id", (json_int_t)f->contact_id, "status", f->status, "reason", f->reason,
	    "requested_by", (json_int_t)f->requested_by, "requested_by_name", f->requested_by_name,
	    "requested_ms", (json_int_t)f->requested_ms, "decided_by", id_or_null(f->decided_by),
	    "decided_by_name", f->decided_by_name, "decided_ms", id_or_null(f->decided_ms),
	    "decision_reason", f->decision_reason);
}

int contact_force_settle(struct db_tx *tx, struct req *rq, int64_t contact_id,
			 enum contact_move move)
{
	int to;
	int rc = contact_force_decide(
	    CONTACT_FORCE_PENDING,
	    move == CONTACT_MOVE_CLOSE ? CONTACT_DECIDE_CLOSED : CONTACT_DECIDE_APPROVE, &to);
	return rc ? rc
		  : store_contact_force_settle(tx, contact_id, contact_force_states[to],
					       api_session(rq)->s.user_id, rq->now_ms);
}

/* 409 force_close_decided: another supervisor decided the request first */
static int decided_answer(struct resp *rs, const struct contact_force_rec *f)
{
	return api_error_with(rs, 409, "force_close_decided", "This request was already decided.",
			      json_pack("{s:s}", "status", f->status));
}

HANDLER(h_contact_force_close)
{
	static const char *const keys[] = {"reason", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	struct contact_force_rec f = {0}, pending;
	struct contact_rec c;
	struct api_session *se = api_session(rq);
	int64_t rid, id = api_id_param(rq, "id");
	int rc = 0, answered;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if ((rc = contact_reason(w.body, "reason", CONTACT_REASON_MAX,
				 "say why the contact cannot be completed, in at most 500 bytes",
				 &f.reason, &w.e)) ||
	    (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_for_change(w.tx, rq, rs, id, &c, &answered)) || answered ||
	    (rc = contact_settings_load(w.tx, rq, &s)))
		goto out;
	enum contact_force how = contact_force_close_check(&s.force, se->role);
	if (how == CONTACT_FORCE_DENIED) {
		rc = api_error(rs, 403, "force_close_not_allowed",
			       "The organisation's policy does not let your role force close.");
		goto out;
	}
	rc = store_contact_force_latest(w.tx, &rq->arena, id, &pending);
	if (rc && rc != ERR_NOT_FOUND)
		goto out;
	int was_pending = !rc && !strcmp(pending.status, "pending");
	if (how == CONTACT_FORCE_APPROVAL && was_pending) {
		rc = api_error_with(rs, 409, "force_close_pending",
				    "A request to force close this contact already waits for a "
				    "supervisor.",
				    json_pack("{s:o}", "request", contact_force_json(&pending)));
		goto out;
	}
	f.contact_id = id;
	f.requested_by = se->s.user_id;
	f.status = how == CONTACT_FORCE_DIRECT ? "approved" : "pending";
	f.decided_by = how == CONTACT_FORCE_DIRECT ? se->s.user_id : 0;
	rc = store_contact_force_insert(w.tx, &f, rq->now_ms, &rid);
	if (rc == ERR_CONFLICT) { /* another tab asked in between: the unique index says so */
		rc = api_error(rs, 409, "force_close_pending",
			       "A request to force close this contact already waits for a "
			       "supervisor.");
		goto out;
	}
	if (rc)
		goto out;
	if (how == CONTACT_FORCE_DIRECT) { /* the approver, or no approval needed: closes now */
		/* a request that waited is approved by this close: its agent hears so */
		if (was_pending && (rc = api_event(w.tx, rq, "force_close_decided",
						   pending.requested_by, NULL, 0, "contact", id)))
			goto out;
		rc = contact_finish_answer(app, rq, rs, &w, &c, CONTACT_MOVE_FORCE_CLOSE,
					   json_pack("{s:I}", "request_id", (json_int_t)rid));
		goto out;
	}
	/* the reason is on the request; the audit row names it, the event only the contact */
	if ((rc = api_audit(w.tx, rq, "contact.force_close.request", "contact", id,
			    json_pack("{s:I}", "request_id", (json_int_t)rid))) ||
	    (rc = api_event(w.tx, rq, "force_close_request", 0, "supervisor", 0, "contact", id)) ||
	    (rc = store_contact_force_get(w.tx, &rq->arena, rid, &f)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 202, "request", contact_force_json(&f));
out:
	contact_settings_release(&s);
	return api_write_end(&w, rs, rc);
}

HANDLER(h_contact_force_requests)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_force_rec *fs;
	const char *status = req_query(rq, "status");
	int n, rc;
	json_t *items = json_array(), *ids = json_array();
	if (status && contact_force_state_of(status) < 0) {
		rc = field_fail(&w.e, "invalid", "status",
				"must be pending, approved, declined or withdrawn");
		goto out;
	}
	/* the brief of each contact names its profile: one audit row says which were shown */
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_contact_force_list(w.tx, &rq->arena, status, FORCE_LIST_MAX, &fs, &n)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct contact_rec c;
		json_t *p = NULL, *o;
		if ((rc = store_contact_get(w.tx, &rq->arena, fs[i].contact_id, &c)) ||
		    (rc = contact_profile_json(w.tx, &rq->arena, c.profile_id, &p)))
			goto out;
		o = contact_force_json(&fs[i]);
		json_object_set_new(o, "contact", contact_brief(&c, p));
		json_object_set_new(o, "agent_name", json_string(fs[i].requested_by_name));
		json_array_append_new(items, o);
		json_array_append_new(ids, json_integer(c.id));
	}
	if ((rc = api_audit(w.tx, rq, "contact.force_close.list", "contact", 0,
			    json_pack("{s:O}", "ids", ids))))
		goto out;
	resp_json(rs, 200, json_pack("{s:O}", "items", items));
	rc = api_write_commit(app, rq, rs, &w);
out:
	json_decref(items);
	json_decref(ids);
	return api_write_end(&w, rs, rc);
}

/*
 * reads request rid for a decision d in w->tx: its state must allow d. May
 * answer 409 force_close_decided (*ret_answered 1); ERR_NOT_FOUND.
 */
static int request_for_decision(struct api_write *w, struct req *rq, struct resp *rs,
				enum contact_force_decision d, struct contact_force_rec *ret,
				int *ret_state, int *ret_answered)
{
	int64_t rid = api_id_param(rq, "rid");
	int rc;
	*ret_answered = 0;
	if (!rid)
		return ERR_NOT_FOUND;
	if ((rc = store_contact_force_get(w->tx, &rq->arena, rid, ret)))
		return rc;
	rc = contact_force_decide(contact_force_state_of(ret->status), d, ret_state);
	if (rc == ERR_CONFLICT) {
		*ret_answered = 1;
		return decided_answer(rs, ret);
	}
	return rc;
}

HANDLER(h_contact_force_approve)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_force_rec f;
	struct contact_rec c;
	int rc, answered, to;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = request_for_decision(&w, rq, rs, CONTACT_DECIDE_APPROVE, &f, &to, &answered)) ||
	    answered || (rc = contact_for_change(w.tx, rq, rs, f.contact_id, &c, &answered)) ||
	    answered)
		goto out;
	rc = store_contact_force_decide(w.tx, f.id, contact_force_states[to], NULL,
					api_session(rq)->s.user_id, rq->now_ms);
	if (rc == ERR_CONFLICT) { /* decided in between */
		rc = decided_answer(rs, &f);
		goto out;
	}
	if (rc || (rc = api_event(w.tx, rq, "force_close_decided", f.requested_by, NULL, 0,
				  "contact", f.contact_id)))
		goto out;
	rc = contact_finish_answer(app, rq, rs, &w, &c, CONTACT_MOVE_FORCE_CLOSE,
				   json_pack("{s:I}", "request_id", (json_int_t)f.id));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_contact_force_decline)
{
	static const char *const keys[] = {"reason", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_force_rec f;
	const char *reason;
	int rc = 0, answered, to;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if ((rc = contact_reason(w.body, "reason", CONTACT_REASON_MAX,
				 "say why the contact stays open, in at most 500 bytes", &reason,
				 &w.e)) ||
	    (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = request_for_decision(&w, rq, rs, CONTACT_DECIDE_DECLINE, &f, &to, &answered)) ||
	    answered)
		goto out;
	rc = store_contact_force_decide(w.tx, f.id, contact_force_states[to], reason,
					api_session(rq)->s.user_id, rq->now_ms);
	if (rc == ERR_CONFLICT) {
		rc = decided_answer(rs, &f);
		goto out;
	}
	if (rc ||
	    (rc = api_audit(w.tx, rq, "contact.force_close.decline", "contact", f.contact_id,
			    json_pack("{s:I}", "request_id", (json_int_t)f.id))) ||
	    (rc = api_event(w.tx, rq, "force_close_decided", f.requested_by, NULL, 0, "contact",
			    f.contact_id)) ||
	    (rc = store_contact_force_get(w.tx, &rq->arena, f.id, &f)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "request", contact_force_json(&f));
out:
	return api_write_end(&w, rs, rc);
}
