/* api_activities_common.c: field readers, the access rule and the reference checks calls and tasks
 * share. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/activities/activity_rules.h"
#include "store/activities/store_activities.h"
#include "store/cases/store_case.h"
#include "store/people/store_profile.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

int act_id_field(json_t *body, const char *key, struct field_err *e, int64_t *ret)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (json_is_null(v)) {
		*ret = 0;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return field_fail(e, "invalid", key, "must be a record id");
	*ret = json_integer_value(v);
	return 0;
}

int act_time_field(json_t *body, const char *key, int nullable, struct field_err *e, int64_t *ret)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (json_is_null(v) && nullable) {
		*ret = 0;
		return 0;
	}
	buf_reset(&e->msg);
	if (!api_parse_time(v, key, ret, &e->msg))
		return 0;
	e->code = "invalid_time"; /* the message already names the field */
	e->field = key;
	return ERR_INVALID;
}

int act_text_field(json_t *body, const char *key, size_t max, int nullable, struct field_err *e,
		   const char **ret)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (nullable && (json_is_null(v) || (json_is_string(v) && !json_string_length(v)))) {
		*ret = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return field_fail(e, "invalid", key, "must be text");
	const char *s = json_string_value(v);
	if (json_string_length(v) != strlen(s) || utf8_length(s) > max)
		return field_fail(e, "invalid", key, "is too long");
	*ret = s;
	return 0;
}

int act_enum_field(json_t *body, const char *key, const char *const *allowed, struct field_err *e,
		   const char **ret)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	for (int i = 0; json_is_string(v) && allowed[i]; i++)
		if (!strcmp(json_string_value(v), allowed[i])) {
			*ret = allowed[i];
			return 0;
		}
	return field_fail(e, "invalid", key, "has a value that is not one of the choices");
}

int act_int_field(json_t *body, const char *key, int64_t min, int64_t max, int nullable,
		  struct field_err *e, int64_t *ret)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (json_is_null(v) && nullable) {
		*ret = -1;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return field_fail(e, "invalid", key, "is not a whole number in range");
	*ret = json_integer_value(v);
	return 0;
}

int act_may_edit(struct req *rq, int64_t created_by, int64_t assigned_user_id)
{
	struct api_session *s = api_session(rq);
	return activity_may_edit(s->role, s->s.user_id, created_by, assigned_user_id);
}

int act_refs(struct db_tx *tx, struct req *rq, struct activity_rec *r, struct field_err *e)
{
	int rc;
	if (r->case_id) {
		struct case_rec c;
		rc = store_case_get(tx, &rq->arena, r->case_id, &c);
		if (rc == ERR_NOT_FOUND)
			return field_fail(e, "unknown_case", "case_id", "there is no such case");
		if (rc)
			return rc;
		if (!r->profile_id)
			r->profile_id = c.profile_id;
		else if (r->profile_id != c.profile_id)
			return field_fail(e, "case_profile_mismatch", "profile_id",
					  "the case belongs to another profile");
	} else if (r->profile_id) {
		rc = store_profile_exists(tx, r->profile_id);
		if (rc == ERR_NOT_FOUND)
			return field_fail(e, "unknown_profile", "profile_id",
					  "there is no such profile");
		if (rc)
			return rc;
	}
	struct user_rec u;
	rc = store_user_get(tx, &rq->arena, r->assigned_user_id, &u);
	if (rc == ERR_NOT_FOUND)
		return field_fail(e, "unknown_user", "assigned_user_id", "there is no such user");
	if (rc)
		return rc;
	if (u.disabled)
		return field_fail(e, "assignee_disabled", "assigned_user_id",
				  "that user's account is disabled; assign someone else");
	return 0;
}

static json_t *ref_json(int64_t id, const char *k1, const char *v1, const char *k2, const char *v2)
{
	if (!id)
		return json_null();
	json_t *o = json_pack("{s:I}", "id", (json_int_t)id);
	json_object_set_new(o, k1, v1 ? json_string(v1) : json_null());
	if (k2)
		json_object_set_new(o, k2, v2 ? json_string(v2) : json_null());
	return o;
}

#define OPT_INT_JSON(x) ((x) ? json_integer(x) : json_null())

/* the members every activity has, kind first */
static json_t *act_json(const char *kind, const struct activity_rec *r)
{
	return json_pack(
	    "{s:s,s:I,s:s,s:o,s:o,s:o,s:o,s:I,s:I,s:I,s:I}", "kind", kind, "id", (json_int_t)r->id,
	    "subject", r->subject, "case",
	    ref_json(r->case_id, "number", r->case_number, "subject", r->case_subject), "profile",
	    ref_json(r->profile_id, "display_name", r->profile_name, NULL, NULL), "assigned_user",
	    ref_json(r->assigned_user_id, "display_name", r->assigned_name, NULL, NULL),
	    "reminder_minutes",
	    r->reminder_minutes >= 0 ? json_integer(r->reminder_minutes) : json_null(),
	    "created_by", (json_int_t)r->created_by, "created_ms", (json_int_t)r->created_ms,
	    "updated_ms", (json_int_t)r->updated_ms, "version", (json_int_t)r->version);
}

json_t *call_json(const struct call_rec *c)
{
	json_t *o = act_json("call", &c->act);
	json_object_update_new(o, json_pack("{s:s,s:s,s:I,s:I,s:s?}", "direction", c->direction,
					    "status", c->status, "start_ms",
					    (json_int_t)c->start_ms, "duration_min",
					    (json_int_t)c->duration_min, "notes", c->notes));
	return o;
}

json_t *task_json(const struct task_rec *t)
{
	json_t *o = act_json("task", &t->act);
	json_object_update_new(o, json_pack("{s:s?,s:o,s:s,s:s,s:o,s:s?}", "description",
					    t->description, "due_ms", OPT_INT_JSON(t->due_ms),
					    "status", t->status, "priority", t->priority,
					    "completed_ms", OPT_INT_JSON(t->completed_ms),
					    "created_by_name", t->created_name));
	if (t->route_type)
		json_object_set_new(
		    o, "route",
		    json_pack("{s:s,s:s,s:I,s:o,s:o,s:o,s:o}", "type", t->route_type, "state",
			      t->route_state, "requested_ms", (json_int_t)t->route_requested_ms,
			      "acknowledged_ms", OPT_INT_JSON(t->route_acknowledged_ms),
			      "acknowledged_by", OPT_INT_JSON(t->route_acknowledged_by),
			      "completed_ms", OPT_INT_JSON(t->route_completed_ms), "completed_by",
			      OPT_INT_JSON(t->route_completed_by)));
	else
		json_object_set_new(o, "route", json_null());
	return o;
}
