/* api_tasks.c: tasks (Tareas), with "Activar Ruta": saving one alerts the coordinators at once. */
#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/jsonx.h"
#include "../store/store_call.h"
#include "../store/store_reminder.h"
#include "api.h"
#include "api_activities.h"
#include "../core/banned.h"

#define TASK_LIST_MAX 200

static const char *const task_statuses[] = {"not_started", "in_progress", "completed", "deferred", NULL};
static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
/* the care routes a task can activate; the interface names them (es/en catalogs) */
static const char *const route_types[] = {"mental_health",    "suicide_risk",	"gender_violence",
					  "child_protection", "substance_use", "health_services",
					  "social_services",  "other",		NULL};
static const char *const task_keys[] = {
    "subject",	  "description",      "due",	    "status",	      "priority",   "case_id",
    "profile_id", "assigned_user_id", "reminder_minutes", "route_activate", "route_type", "version",
    NULL};

static int task_fields(json_t *body, struct resp *rs, struct task_rec *t, int *ret_activate)
{
	json_t *act = json_object_get(body, "route_activate");
	if (act_text_field(body, "subject", 200, 0, rs, &t->subject) ||
	    act_text_field(body, "description", 10000, 1, rs, &t->description) ||
	    act_time_field(body, "due", 1, rs, &t->due_ms) ||
	    act_enum_field(body, "status", task_statuses, rs, &t->status) ||
	    act_enum_field(body, "priority", priorities, rs, &t->priority) ||
	    act_id_field(body, "case_id", rs, &t->case_id) ||
	    act_id_field(body, "profile_id", rs, &t->profile_id) ||
	    act_id_field(body, "assigned_user_id", rs, &t->assigned_user_id) ||
	    act_int_field(body, "reminder_minutes", 0, 7 * 24 * 60, 1, rs, &t->reminder_minutes))
		return 1;
	if (act && !json_is_boolean(act))
		return act_field_error(rs, "invalid", "route_activate", "must be true or false");
	*ret_activate = act ? json_is_true(act) : -1;
	const char *rtype = NULL;
	if (act_enum_field(body, "route_type", route_types, rs, &rtype))
		return 1;
	if (*ret_activate == 1 && !t->route_type) {
		if (!rtype)
			return act_field_error(rs, "route_type_required", "route_type",
					       "Choose which care route to activate.");
		t->route_type = rtype;
	} else if (rtype && t->route_type && strcmp(rtype, t->route_type)) {
		return act_field_error(rs, "route_locked", "route_type",
				       "The route was already requested; it cannot change.");
	}
	if (*ret_activate == 0 && t->route_type)
		return act_field_error(rs, "route_locked", "route_activate",
				       "The route was already requested; it cannot be withdrawn.");
	if (!t->subject || !*t->subject)
		return act_field_error(rs, "invalid", "subject", "A subject is required.");
	if (!t->assigned_user_id)
		return act_field_error(rs, "invalid", "assigned_user_id", "Someone must be assigned.");
	return 0;
}

/* an open task with a due date and reminder_minutes has a reminder */
static int task_reminder(struct db_tx *tx, const struct task_rec *t)
{
	int64_t due = 0;
	if (strcmp(t->status, "completed") && t->due_ms && t->reminder_minutes >= 0)
		due = t->due_ms - t->reminder_minutes * 60000;
	return store_reminder_set(tx, "task", t->id, t->assigned_user_id, t->subject,
				  t->due_ms, due);
}

HANDLER(h_task_create)
{
	struct api_session *s = api_session(rq);
	struct db_tx *tx = NULL;
	struct task_rec t = {.status = "not_started",
			     .priority = "normal",
			     .assigned_user_id = s->s.user_id,
			     .reminder_minutes = -1};
	int activate = -1, rc = 0;
	json_t *body = api_body(rq, rs, task_keys);
	if (!body || task_fields(body, rs, &t, &activate))
		goto out;
	if (json_object_get(body, "version")) {
		act_field_error(rs, "invalid", "version", "A new task has no version.");
		goto out;
	}
	if (t.route_type) {
		t.route_state = "requested";
		t.route_requested_ms = rq->now_ms;
	}
	if (!strcmp(t.status, "completed"))
		t.completed_ms = rq->now_ms;
	if ((rc = store_begin(((struct app *)app)->store, 1, &tx)))
		goto out;
	if ((rc = act_refs(tx, rq, rs, &t.case_id, &t.profile_id, t.assigned_user_id))) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	if ((rc = store_task_insert(tx, &t, s->s.user_id, rq->now_ms, &t.id)) ||
	    (rc = task_reminder(tx, &t)) || (rc = store_task_get(tx, &rq->arena, t.id, &t)) ||
	    (rc = api_audit(tx, rq, "task.create", "task", t.id, json_pack("{s:o}", "after", task_json(&t)))) ||
	    (t.route_type && (rc = act_route_notify(app, tx, rq, &t))))
		goto out;
	if (t.assigned_user_id != s->s.user_id &&
	    (rc = api_event(tx, rq, "activity", t.assigned_user_id, NULL, 0, "task", t.id)))
		goto out;
	resp_json(rs, 201, json_pack("{s:o}", "task", task_json(&t)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
	if (!rc)
		api_kick_jobs(app);
out:
	store_rollback(tx);
	json_decref(body);
	return rc;
}

HANDLER(h_task_get)
{
	struct task_rec t;
	struct db_tx *tx;
	int64_t id = api_id_param(rq, "id");
	int rc;
	if (!id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(((struct app *)app)->store, 0, &tx)))
		return rc;
	rc = store_task_get(tx, &rq->arena, id, &t);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *o = task_json(&t);
	json_object_set_new(o, "can_edit", json_boolean(act_may_edit(rq, t.created_by, t.assigned_user_id)));
	resp_json(rs, 200, json_pack("{s:o}", "task", o));
	return 0;
}

HANDLER(h_task_update)
{
	struct api_session *s = api_session(rq);
	struct db_tx *tx = NULL;
	struct task_rec before, t;
	int64_t version = 0, id = api_id_param(rq, "id");
	int activate = -1, rc = 0;
	json_t *body = api_body(rq, rs, task_keys);
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
	    (rc = store_task_get(tx, &rq->arena, id, &before)))
		goto out;
	if (!act_may_edit(rq, before.created_by, before.assigned_user_id)) {
		api_error(rs, 403, "forbidden", "Only the task's assignee, its author or a supervisor may change it.");
		goto out;
	}
	t = before;
	t.version = version;
	if (task_fields(body, rs, &t, &activate))
		goto out;
	int newly = t.route_type && !before.route_type;
	if (newly) {
		t.route_state = "requested";
		t.route_requested_ms = rq->now_ms;
	}
	if (!strcmp(t.status, "completed") && !t.completed_ms)
		t.completed_ms = rq->now_ms;
	else if (strcmp(t.status, "completed"))
		t.completed_ms = 0;
	if ((rc = act_refs(tx, rq, rs, &t.case_id, &t.profile_id, t.assigned_user_id))) {
		rc = rc > 0 ? 0 : rc;
		goto out;
	}
	rc = store_task_update(tx, &t, s->s.user_id, rq->now_ms, &t.version);
	if (rc == ERR_CONFLICT) {
		rc = 0;
		api_error(rs, 409, "stale_version", "Someone else changed this task first; reload to see their change.");
		goto out;
	}
	if (rc || (rc = task_reminder(tx, &t)) || (rc = store_task_get(tx, &rq->arena, id, &t)) ||
	    (rc = api_audit(tx, rq, "task.update", "task", id,
			    json_pack("{s:o,s:o}", "before", task_json(&before), "after", task_json(&t)))) ||
	    (newly && (rc = act_route_notify(app, tx, rq, &t))))
		goto out;
	resp_json(rs, 200, json_pack("{s:o}", "task", task_json(&t)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
	if (!rc)
		api_kick_jobs(app);
out:
	store_rollback(tx);
	json_decref(body);
	return rc;
}

HANDLER(h_task_list)
{
	struct activity_filter f = {.limit = TASK_LIST_MAX};
	struct task_rec *ts;
	struct db_tx *tx;
	int n, rc;
	if (act_list_filter(rq, rs, &f))
		return 0;
	const char *st = req_query(rq, "status");
	if (st) {
		for (int i = 0; task_statuses[i]; i++)
			if (!strcmp(st, task_statuses[i]))
				f.status = task_statuses[i];
		if (!f.status)
			return act_field_error(rs, "invalid", "status", "status is not a task status"), 0;
	}
	if ((rc = store_begin(((struct app *)app)->store, 0, &tx)))
		return rc;
	rc = store_task_list(tx, &rq->arena, &f, &ts, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, task_json(&ts[i]));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}
