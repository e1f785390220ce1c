/* api_tasks.c: tasks (Tareas), with "Activar Ruta": saving one alerts the coordinators at once. */
#include <string.h>

#include "core/err.h"
#include "store/activities/store_activities.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

static const char *const task_statuses[] = {"not_started", "in_progress", "completed", "deferred",
					    NULL};
static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
/* the care routes a task can activate; the interface names them (es/en catalogs) */
static const char *const route_types[] = {"mental_health",    "suicide_risk",  "gender_violence",
					  "child_protection", "substance_use", "health_services",
					  "social_services",  "other",	       NULL};
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

/* route_activate and route_type: a route once requested is kept as it is; 1 after a 400 */
static int route_fields(json_t *body, struct resp *rs, struct task_rec *t)
{
	json_t *act = json_object_get(body, "route_activate");
	if (act && !json_is_boolean(act))
		return act_field_error(rs, "invalid", "route_activate", "must be true or false");
	int activate = act ? json_is_true(act) : -1;
	const char *rtype = NULL;
	if (act_enum_field(body, "route_type", route_types, rs, &rtype))
		return 1;
	if (activate == 1 && !t->route_type) {
		if (!rtype)
			return act_field_error(rs, "route_type_required", "route_type",
					       "Choose which care route to activate.");
		t->route_type = rtype;
	} else if (rtype && t->route_type && strcmp(rtype, t->route_type)) {
		return act_field_error(rs, "route_locked", "route_type",
				       "The route was already requested; it cannot change.");
	}
	if (activate == 0 && t->route_type)
		return act_field_error(rs, "route_locked", "route_activate",
				       "The route was already requested; it cannot be withdrawn.");
	return 0;
}

/* the task's own fields, then what they stamp: the route's request, the completion time */
static int task_fields(json_t *body, struct resp *rs, void *rec, const void *before, int64_t now)
{
	struct task_rec *t = rec;
	const struct task_rec *b = before;
	if (act_text_field(body, "description", 10000, 1, rs, &t->description) ||
	    act_time_field(body, "due", 1, rs, &t->due_ms) ||
	    act_enum_field(body, "status", task_statuses, rs, &t->status) ||
	    act_enum_field(body, "priority", priorities, rs, &t->priority) ||
	    route_fields(body, rs, t))
		return 1;
	if (t->route_type && !(b && b->route_type)) {
		t->route_state = "requested";
		t->route_requested_ms = now;
	}
	if (!strcmp(t->status, "completed") && !t->completed_ms)
		t->completed_ms = now;
	else if (strcmp(t->status, "completed"))
		t->completed_ms = 0;
	return 0;
}

/* an open task with a due date and reminder_minutes has a reminder */
static int64_t task_reminder(const void *rec, int64_t *ret_at)
{
	const struct task_rec *t = rec;
	*ret_at = t->due_ms;
	if (strcmp(t->status, "completed") && t->due_ms && t->act.reminder_minutes >= 0)
		return t->due_ms - t->act.reminder_minutes * 60000;
	return 0;
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
    .statuses = task_statuses,
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
