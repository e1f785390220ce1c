/* api_calls.c: calls (Llamadas): "Registrar Llamada" (held) and "Programar llamada" (planned, with a reminder). */
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../domain/validate.h"
#include "../store/store_call.h"
#include "../store/store_reminder.h"
#include "api.h"
#include "api_activities.h"
#include "../core/banned.h"

#define CALL_LIST_MAX 200

static const char *const directions[] = {"inbound", "outbound", NULL};
static const char *const call_statuses[] = {"planned", "held", "not_held", NULL};
static const char *const call_keys[] = {"subject",	    "direction", "status",	 "start",
					"duration_min",	    "case_id",	 "profile_id", "assigned_user_id",
					"reminder_minutes", "notes",	 "version",    NULL};

/* reads the fields present in body into c; 1 after answering 400 */
static int call_fields(json_t *body, struct resp *rs, struct call_rec *c)
{
	if (act_text_field(body, "subject", 200, 0, rs, &c->subject) ||
	    act_enum_field(body, "direction", directions, rs, &c->direction) ||
	    act_enum_field(body, "status", call_statuses, rs, &c->status) ||
	    act_time_field(body, "start", 0, rs, &c->start_ms) ||
	    act_int_field(body, "duration_min", 0, 24 * 60, 0, rs, &c->duration_min) ||
	    act_id_field(body, "case_id", rs, &c->case_id) ||
	    act_id_field(body, "profile_id", rs, &c->profile_id) ||
	    act_id_field(body, "assigned_user_id", rs, &c->assigned_user_id) ||
	    act_int_field(body, "reminder_minutes", 0, 7 * 24 * 60, 1, rs, &c->reminder_minutes) ||
	    act_text_field(body, "notes", 10000, 1, rs, &c->notes))
		return 1;
	if (!c->subject || !*c->subject)
		return act_field_error(rs, "invalid", "subject", "A subject is required.");
	if (!c->assigned_user_id)
		return act_field_error(rs, "invalid", "assigned_user_id", "Someone must be assigned.");
	return 0;
}

/* a planned call with reminder_minutes has a reminder; anything else has none */
static int call_reminder(struct db_tx *tx, const struct call_rec *c)
{
	int64_t due = 0;
	if (!strcmp(c->status, "planned") && c->reminder_minutes >= 0)
		due = c->start_ms - c->reminder_minutes * 60000;
	return store_reminder_set(tx, "call", c->id, c->assigned_user_id, c->subject, c->start_ms, due);
}

HANDLER(h_call_create)
{
	struct api_session *s = api_session(rq);
	struct db_tx *tx = NULL;
	struct call_rec c = {.direction = "inbound",
			     .status = "held",
			     .start_ms = rq->now_ms,
			     .assigned_user_id = s->s.user_id,
			     .reminder_minutes = -1};
	int rc = 0;
	json_t *body = api_body(rq, rs, call_keys);
	if (!body || call_fields(body, rs, &c))
		goto out;
	if (json_object_get(body, "version")) {
		act_field_error(rs, "invalid", "version", "A new call has no version.");
		goto out;
	}
	if ((rc = store_begin(((struct app *)app)->store, 1, &tx)))
		goto out;
	if ((rc = act_refs(tx, rq, rs, &c.case_id, &c.profile_id, c.assigned_user_id))) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	if ((rc = store_call_insert(tx, &c, s->s.user_id, rq->now_ms, &c.id)) ||
	    (rc = call_reminder(tx, &c)) || (rc = store_call_get(tx, &rq->arena, c.id, &c)) ||
	    (rc = api_audit(tx, rq, "call.create", "call", c.id, json_pack("{s:o}", "after", call_json(&c)))))
		goto out;
	if (c.assigned_user_id != s->s.user_id &&
	    (rc = api_event(tx, rq, "activity", c.assigned_user_id, NULL, 0, "call", c.id)))
		goto out;
	resp_json(rs, 201, json_pack("{s:o}", "call", call_json(&c)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
	if (!rc)
		api_kick_jobs(app);
out:
	store_rollback(tx);
	json_decref(body);
	return rc;
}

HANDLER(h_call_get)
{
	struct call_rec c;
	struct db_tx *tx;
	int64_t id = api_id_param(rq, "id");
	int rc;
	if (!id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(((struct app *)app)->store, 0, &tx)))
		return rc;
	rc = store_call_get(tx, &rq->arena, id, &c);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *o = call_json(&c);
	json_object_set_new(o, "can_edit", json_boolean(act_may_edit(rq, c.created_by, c.assigned_user_id)));
	resp_json(rs, 200, json_pack("{s:o}", "call", o));
	return 0;
}

HANDLER(h_call_update)
{
	struct api_session *s = api_session(rq);
	struct db_tx *tx = NULL;
	struct call_rec before, c;
	int64_t version = 0, id = api_id_param(rq, "id");
	int rc = 0;
	json_t *body = api_body(rq, rs, call_keys);
	if (!body)
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if (act_int_field(body, "version", 1, INT64_MAX, 0, rs, &version))
		goto out;
	if (!version) {
		act_field_error(rs, "invalid", "version", "version is required");
		goto out;
	}
	if ((rc = store_begin(((struct app *)app)->store, 1, &tx)) ||
	    (rc = store_call_get(tx, &rq->arena, id, &before)))
		goto out;
	if (!act_may_edit(rq, before.created_by, before.assigned_user_id)) {
		api_error(rs, 403, "forbidden", "Only the call's agent, its author or a supervisor may change it.");
		goto out;
	}
	c = before;
	c.version = version;
	if (call_fields(body, rs, &c))
		goto out;
	if ((rc = act_refs(tx, rq, rs, &c.case_id, &c.profile_id, c.assigned_user_id))) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	rc = store_call_update(tx, &c, s->s.user_id, rq->now_ms, &c.version);
	if (rc == ERR_CONFLICT) {
		rc = 0;
		api_error(rs, 409, "stale_version", "Someone else changed this call first; reload to see their change.");
		goto out;
	}
	if (rc || (rc = call_reminder(tx, &c)) || (rc = store_call_get(tx, &rq->arena, id, &c)) ||
	    (rc = api_audit(tx, rq, "call.update", "call", id,
			    json_pack("{s:o,s:o}", "before", call_json(&before), "after", call_json(&c)))))
		goto out;
	resp_json(rs, 200, json_pack("{s:o}", "call", call_json(&c)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
	if (!rc)
		api_kick_jobs(app);
out:
	store_rollback(tx);
	json_decref(body);
	return rc;
}

HANDLER(h_call_list)
{
	struct activity_filter f = {.limit = CALL_LIST_MAX};
	struct call_rec *cs;
	struct db_tx *tx;
	int n, rc;
	if (act_list_filter(rq, rs, &f))
		return 0;
	const char *st = req_query(rq, "status");
	if (st) {
		for (int i = 0; call_statuses[i]; i++)
			if (!strcmp(st, call_statuses[i]))
				f.status = call_statuses[i];
		if (!f.status)
			return act_field_error(rs, "invalid", "status", "status must be planned, held or not_held"), 0;
	}
	if ((rc = store_begin(((struct app *)app)->store, 0, &tx)))
		return rc;
	rc = store_call_list(tx, &rq->arena, &f, &cs, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, call_json(&cs[i]));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}
