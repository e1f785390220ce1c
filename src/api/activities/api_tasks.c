/* api_tasks.c: tasks (Tareas), with "Activar Ruta": saving one alerts the coordinators at once. */
#include "core/err.h"
#include "domain/activities/activity_rules.h"
#include "domain/activities/care_route.h"
#include "store/activities/store_activities.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

static const char *const task_keys[] = {"subject",
					"description",
					"due",
					"status",
					"priority",
					"case_id",
					"profile_id",
					"assigned_user_id",
					"reminder_minutes",
					"route_activate",
					"route_type",
					"version",
					NULL};

static void task_init(void *rec, int64_t now, int64_t user)
{
	(void)now;
	*(struct task_rec *)rec =
	    (struct task_rec){.act = {.assigned_user_id = user, .reminder_minutes = -1},
			      .status = "not_started",
			      .priority = "normal"};
}

/*
 * route_activate and route_type: a route once requested is kept as it is
 * (domain/activities/care_route.h); sets *ret_requested when this save
 * requests it; ERR_INVALID with e filled
 */
static int route_fields(json_t *body, struct field_err *e, struct task_rec *t, int *ret_requested)
{
	json_t *act = json_object_get(body, "route_activate");
	if (act && !json_is_boolean(act))
		return field_fail(e, "invalid", "route_activate", "must be true or false");
	int activate = act ? json_is_true(act) : -1;
	const char *rtype = NULL;
	int rc = act_enum_field(body, "route_type", route_types, e, &rtype);
	if (rc)
		return rc;
	struct route_request_in in = {
	    .type_before = t->route_type, .activate = activate, .type = rtype};
	struct route_request_out out;
	int refused = route_request_check(&in, &out, NULL);
	if (refused && out.refusal == ROUTE_REFUSE_TYPE_REQUIRED)
		return field_fail(e, "route_type_required", "route_type",
				  "choose which care route to activate");
	if (refused && out.refusal == ROUTE_REFUSE_TYPE_LOCKED)
		return field_fail(e, "route_locked", "route_type",
				  "the route was already requested; it cannot change");
	if (refused)
		return field_fail(e, "route_locked", "route_activate",
				  "the route was already requested; it cannot be withdrawn");
	t->route_type = out.type;
	*ret_requested = out.requested;
	return 0;
}

/* the task's own fields, then what they stamp: the route's request, the completion time */
static int task_fields(json_t *body, struct field_err *e, void *rec, const void *before,
		       int64_t now)
{
	struct task_rec *t = rec;
	int requested = 0, rc;
	(void)before; /* rec starts as a copy of it: its route is the stored one */
	if ((rc = act_text_field(body, "description", ACTIVITY_TEXT_MAX, 1, e, &t->description)) ||
	    (rc = act_time_field(body, "due", 1, e, &t->due_ms)) ||
	    (rc = act_enum_field(body, "status", activity_task_statuses, e, &t->status)) ||
	    (rc = act_enum_field(body, "priority", activity_task_priorities, e, &t->priority)) ||
	    (rc = route_fields(body, e, t, &requested)))
		return rc;
	if (requested) {
		t->route_state = route_states[ROUTE_REQUESTED];
		t->route_requested_ms = now;
	}
	t->completed_ms = activity_task_completed_ms(t->status, t->completed_ms, now);
	return 0;
}

/* an open task with a due date and reminder_minutes has a reminder */
static int64_t task_reminder(const void *rec, int64_t *ret_at)
{
	const struct task_rec *t = rec;
	*ret_at = t->due_ms;
	return activity_task_reminder(t->status, t->due_ms, t->act.reminder_minutes);
}

/* Activar Ruta: the coordinators hear of a route the moment it is first requested */
static int task_saved(struct app *app, struct db_tx *tx, struct req *rq, const void *rec,
		      const void *before)
{
	const struct task_rec *t = rec, *b = before;
	if (!t->route_type || (b && b->route_type))
		return 0;
	return act_route_notify(app, tx, rq, t);
}

static json_t *task_json_of(const void *rec)
{
	return task_json(rec);
}

static const struct act_kind task_kind = {
    .name = "task",
    .keys = task_keys,
    .statuses = activity_task_statuses,
    .status_message = "status is not a task status",
    .forbidden = "Only the task's assignee, its author or a supervisor may change it.",
    .size = sizeof(struct task_rec),
    .init = task_init,
    .fields = task_fields,
    .reminder = task_reminder,
    .store = &store_tasks,
    .json = task_json_of,
    .saved = task_saved,
};

HANDLER(h_task_create)
{
	return act_create(&task_kind, rq, rs, app);
}

HANDLER(h_task_get)
{
	return act_get(&task_kind, rq, rs, app);
}

HANDLER(h_task_update)
{
	return act_update(&task_kind, rq, rs, app);
}

HANDLER(h_task_list)
{
	return act_list(&task_kind, rq, rs, app);
}
