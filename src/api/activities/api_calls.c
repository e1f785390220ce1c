/* api_calls.c: calls (Llamadas): "Registrar Llamada" (held) and "Programar llamada" (planned, with
 * a reminder). */
#include "core/err.h"
#include "domain/activities/activity_rules.h"
#include "store/activities/store_activities.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

static const char *const call_keys[] = {
    "subject",	  "direction",	      "status",		  "start", "duration_min", "case_id",
    "profile_id", "assigned_user_id", "reminder_minutes", "notes", "version",	   NULL};

/* a new call: "Registrar Llamada" logs the inbound call in progress, held now, by its author */
static void call_init(void *rec, int64_t now, int64_t user)
{
	*(struct call_rec *)rec =
	    (struct call_rec){.act = {.assigned_user_id = user, .reminder_minutes = -1},
			      .direction = "inbound",
			      .status = "held",
			      .start_ms = now};
}

/* the call's own fields; ERR_INVALID with e filled */
static int call_fields(json_t *body, struct field_err *e, void *rec, const void *before,
		       int64_t now)
{
	struct call_rec *c = rec;
	int rc;
	(void)before;
	(void)now;
	if ((rc = act_enum_field(body, "direction", activity_call_directions, e, &c->direction)) ||
	    (rc = act_enum_field(body, "status", activity_call_statuses, e, &c->status)) ||
	    (rc = act_time_field(body, "start", 0, e, &c->start_ms)) ||
	    (rc = act_int_field(body, "duration_min", 0, ACTIVITY_CALL_MAX_MIN, 0, e,
				&c->duration_min)))
		return rc;
	return act_text_field(body, "notes", ACTIVITY_TEXT_MAX, 1, e, &c->notes);
}

/* a planned call with reminder_minutes has a reminder; anything else has none */
static int64_t call_reminder(const void *rec, int64_t *ret_at)
{
	const struct call_rec *c = rec;
	*ret_at = c->start_ms;
	return activity_call_reminder(c->status, c->start_ms, c->act.reminder_minutes);
}

static json_t *call_json_of(const void *rec)
{
	return call_json(rec);
}

static const struct act_kind call_kind = {
    .name = "call",
    .keys = call_keys,
    .statuses = activity_call_statuses,
    .status_message = "status must be planned, held or not_held",
    .forbidden = "Only the call's agent, its author or a supervisor may change it.",
    .size = sizeof(struct call_rec),
    .init = call_init,
    .fields = call_fields,
    .reminder = call_reminder,
    .store = &store_calls,
    .json = call_json_of,
};

HANDLER(h_call_create)
{
	return act_create(&call_kind, rq, rs, app);
}

HANDLER(h_call_get)
{
	return act_get(&call_kind, rq, rs, app);
}

HANDLER(h_call_update)
{
	return act_update(&call_kind, rq, rs, app);
}

HANDLER(h_call_list)
{
	return act_list(&call_kind, rq, rs, app);
}
