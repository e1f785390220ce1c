/*
 * api_activities_views.c: the read-only views over calls and tasks:
 * Actividades / Historial of a profile or case, the Planificación
 * calendar, the home page panels, and the pickers the forms use.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/activities/activity_rules.h"
#include "domain/validate.h"
#include "store/activities/store_activities.h"
#include "store/cases/store_case.h"
#include "store/contacts/store_contact.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

#define VIEW_MAX 200
#define DAY_MS	 ACTIVITY_DAY_MS

/* a query-string time: epoch ms digits or ISO 8601 with a zone; ERR_INVALID with e filled */
static int query_time(struct req *rq, const char *key, struct field_err *e, int64_t *ret)
{
	const char *s = req_query(rq, key);
	if (!s)
		return 0;
	json_t *v = json_string(s);
	int64_t ms;
	if (s[0] >= '0' && s[0] <= '9' && !validate_id(s, &ms)) {
		json_decref(v);
		v = json_integer(ms);
	}
	buf_reset(&e->msg);
	int bad = !v || api_parse_time(v, key, ret, &e->msg);
	json_decref(v);
	if (!bad)
		return 0;
	if (!e->msg.len)
		buf_printf(&e->msg, "%s: not a time", key);
	e->code = "invalid_time"; /* the message already names the field */
	e->field = key;
	return ERR_INVALID;
}

/* a query-string record id; ERR_INVALID with e filled */
static int query_id(struct req *rq, const char *key, struct field_err *e, int64_t *ret)
{
	const char *s = req_query(rq, key);
	if (s && validate_id(s, ret))
		return field_fail(e, "invalid", key, "must be a record id");
	return 0;
}

int act_list_filter(struct req *rq, struct field_err *e, struct activity_filter *f)
{
	const char *who = req_query(rq, "assigned");
	int rc;
	if ((rc = query_id(rq, "profile_id", e, &f->profile_id)) ||
	    (rc = query_id(rq, "case_id", e, &f->case_id)) ||
	    (rc = query_time(rq, "from", e, &f->from_ms)) ||
	    (rc = query_time(rq, "to", e, &f->to_ms)))
		return rc;
	if (who && !strcmp(who, "me"))
		f->assigned_user_id = api_session(rq)->s.user_id;
	else if (who && validate_id(who, &f->assigned_user_id))
		return field_fail(e, "invalid", "assigned", "must be me or a user id");
	return 0;
}

struct timed {
	int64_t t;
	json_t *o;
};

static int by_time(const void *a, const void *b)
{
	const struct timed *x = a, *y = b;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int by_time_desc(const void *a, const void *b)
{
	return by_time(b, a);
}

/*
 * the voice contacts linked to case f->case_id as held calls of its Historial: read through the
 * contacts store, so the contact stays the one record (no copy in calls); "source": "contact"
 * and "contact_id" say where the interface opens it. Only the history (closed_only) shows them.
 */
static int contact_calls(struct db_tx *tx, struct req *rq, const struct activity_filter *f,
			 struct timed *out, int cap, int *ret_n)
{
	struct contact_filter cf = {.case_id = f->case_id,
				    .channel = "voice",
				    .limit = cap,
				    .from_ms = f->from_ms,
				    .to_ms = f->to_ms};
	struct contact_rec *cs;
	struct case_rec k;
	int n, rc;
	*ret_n = 0;
	if (!f->case_id || !f->closed_only)
		return 0;
	if ((rc = store_contact_list(tx, &rq->arena, &cf, &cs, &n)) ||
	    (n && (rc = store_case_get(tx, &rq->arena, f->case_id, &k))))
		return rc;
	for (int i = 0; i < n && i < cap; i++) {
		int64_t end = cs[i].ended_ms ? cs[i].ended_ms : cs[i].closed_ms;
		struct call_rec c = {.act = {.id = cs[i].id,
					     .subject = arena_printf(&rq->arena, "Contacto %lld",
								     (long long)cs[i].id),
					     .case_id = k.id,
					     .profile_id = k.profile_id,
					     .assigned_user_id = cs[i].agent_user_id,
					     .reminder_minutes = -1,
					     .created_by = cs[i].created_by,
					     .updated_by = cs[i].updated_by,
					     .created_ms = cs[i].created_ms,
					     .updated_ms = cs[i].updated_ms,
					     .version = cs[i].version,
					     .case_number = k.number,
					     .case_subject = k.subject,
					     .profile_name = k.profile_name,
					     .assigned_name = cs[i].agent_name},
				     .direction = cs[i].direction,
				     .status = "held", /* a contact is a call that took place */
				     .start_ms = cs[i].started_ms,
				     .duration_min = end > cs[i].started_ms
							 ? (end - cs[i].started_ms + 59999) / 60000
							 : 0};
		json_t *o = call_json(&c);
		json_object_set_new(o, "source", json_string("contact"));
		json_object_set_new(o, "contact_id", json_integer(cs[i].id));
		json_object_set_new(o, "contact_status", json_string(cs[i].status));
		out[(*ret_n)++] = (struct timed){cs[i].started_ms, o};
	}
	return 0;
}

/* calls and tasks of f merged into one array ordered by time (desc: newest first) */
static int merged(struct db_tx *tx, struct req *rq, const struct activity_filter *f, int desc,
		  json_t **ret)
{
	struct call_rec *cs;
	struct task_rec *ts;
	int nc, nt, rc;
	if ((rc = store_call_list(tx, &rq->arena, f, &cs, &nc)) ||
	    (rc = store_task_list(tx, &rq->arena, f, &ts, &nt)))
		return rc;
	struct timed *all =
	    arena_alloc(&rq->arena, sizeof(*all) * (size_t)(nc + nt + VIEW_MAX + 1));
	int n = 0;
	if ((rc = contact_calls(tx, rq, f, all, VIEW_MAX, &n)))
		return rc;
	for (int i = 0; i < nc; i++)
		all[n++] = (struct timed){cs[i].start_ms, call_json(&cs[i])};
	for (int i = 0; i < nt; i++) {
		int64_t t = f->closed_only && ts[i].completed_ms ? ts[i].completed_ms
			    : ts[i].due_ms			 ? ts[i].due_ms
								 : ts[i].act.created_ms;
		all[n++] = (struct timed){t, task_json(&ts[i])};
	}
	qsort(all, (size_t)n, sizeof(*all), desc ? by_time_desc : by_time);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, all[i].o);
	*ret = arr;
	return 0;
}

HANDLER(h_activities)
{
	struct activity_filter f = {.limit = VIEW_MAX};
	struct db_tx *tx;
	json_t *open = NULL, *done = NULL;
	int rc;
	struct field_err e = FIELD_ERR_INIT;
	if (query_id(rq, "profile_id", &e, &f.profile_id) ||
	    query_id(rq, "case_id", &e, &f.case_id) ||
	    (!f.profile_id && !f.case_id &&
	     field_fail(&e, "invalid", "profile_id", "give a profile_id or a case_id")))
		return api_field_answer(rs, &e);
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	f.open_only = 1;
	rc = merged(tx, rq, &f, 0, &open);
	f.open_only = 0;
	f.closed_only = 1;
	if (!rc)
		rc = merged(tx, rq, &f, 1, &done);
	store_rollback(tx);
	if (rc) {
		json_decref(open);
		return rc;
	}
	resp_json(rs, 200, json_pack("{s:o,s:o}", "activities", open, "history", done));
	return 0;
}

static json_t *users_json(struct req *rq, struct db_tx *tx, int *rc)
{
	struct user_rec *us;
	int n;
	json_t *arr = json_array();
	if ((*rc = store_user_list(tx, &rq->arena, 0, 1000, &us, &n)))
		return arr;
	for (int i = 0; i < n; i++)
		if (!us[i].disabled)
			json_array_append_new(
			    arr, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)us[i].id,
					   "display_name", us[i].display_name, "role", us[i].role));
	return arr;
}

HANDLER(h_planning)
{
	struct api_session *s = api_session(rq);
	struct activity_filter f = {.limit = 1000};
	struct db_tx *tx;
	json_t *items = NULL;
	int64_t user = 0;
	int rc;
	struct field_err e = FIELD_ERR_INIT;
	if (query_time(rq, "from", &e, &f.from_ms) || query_time(rq, "to", &e, &f.to_ms) ||
	    query_id(rq, "user_id", &e, &user) ||
	    (!activity_planning_range_ok(f.from_ms, f.to_ms) &&
	     field_fail(&e, "invalid_range", "to",
			"give from and to, at most 42 days apart, from before to")))
		return api_field_answer(rs, &e);
	int lead = activity_sees_all(s->role);
	/* agents and coordinators plan their own day; supervisors see everyone's */
	if (!lead && user && user != s->s.user_id)
		return api_error(rs, 403, "forbidden",
				 "Only supervisors see other agents' planning.");
	f.assigned_user_id = lead ? user : s->s.user_id;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = merged(tx, rq, &f, 0, &items);
	json_t *users = !rc && lead ? users_json(rq, tx, &rc) : NULL;
	store_rollback(tx);
	if (rc) {
		json_decref(items);
		json_decref(users);
		return rc;
	}
	json_t *body = json_pack("{s:o,s:I,s:I}", "items", items, "from", (json_int_t)f.from_ms,
				 "to", (json_int_t)f.to_ms);
	if (users)
		json_object_set_new(body, "users", users);
	resp_json(rs, 200, body);
	return 0;
}

static json_t *cases_json(const struct case_rec *cs, int n)
{
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    arr, json_pack("{s:I,s:s,s:s,s:s,s:I,s:s?,s:I}", "id", (json_int_t)cs[i].id,
				   "number", cs[i].number, "subject", cs[i].subject, "status",
				   cs[i].status, "profile_id", (json_int_t)cs[i].profile_id,
				   "profile_name", cs[i].profile_name, "created_ms",
				   (json_int_t)cs[i].created_ms));
	return arr;
}

HANDLER(h_activity_home)
{
	struct api_session *s = api_session(rq);
	int64_t me = s->s.user_id, day_start = 0, day_end = 0;
	struct db_tx *tx;
	json_t *today = NULL, *open_tasks = NULL, *overdue = NULL, *cases = NULL, *routes = NULL;
	int rc;
	struct field_err e = FIELD_ERR_INIT;
	if (query_time(rq, "day_start", &e, &day_start) || query_time(rq, "day_end", &e, &day_end))
		return api_field_answer(rs, &e);
	if (!day_start)
		day_start = rq->now_ms - rq->now_ms % DAY_MS;
	if (!day_end || day_end <= day_start || day_end - day_start > 2 * DAY_MS)
		day_end = day_start + DAY_MS;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	struct call_rec *cs;
	struct task_rec *ts;
	struct case_rec *kb;
	int n;
	struct activity_filter today_f = {.assigned_user_id = me,
					  .from_ms = day_start,
					  .to_ms = day_end,
					  .open_only = 1,
					  .limit = VIEW_MAX};
	struct activity_filter open_f = {.assigned_user_id = me, .open_only = 1, .limit = VIEW_MAX};
	struct activity_filter late_f = {
	    .assigned_user_id = me, .to_ms = rq->now_ms, .open_only = 1, .limit = VIEW_MAX};
	if ((rc = store_call_list(tx, &rq->arena, &today_f, &cs, &n)))
		goto out;
	today = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(today, call_json(&cs[i]));
	if ((rc = store_task_list(tx, &rq->arena, &open_f, &ts, &n)))
		goto out;
	open_tasks = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(open_tasks, task_json(&ts[i]));
	if ((rc = merged(tx, rq, &late_f, 0, &overdue)))
		goto out;
	/* a task without a due date is never late, though the filter dates it by creation */
	for (size_t i = json_array_size(overdue); i-- > 0;) {
		json_t *o = json_array_get(overdue, i);
		if (!strcmp(json_string_value(json_object_get(o, "kind")), "task") &&
		    json_is_null(json_object_get(o, "due_ms")))
			json_array_remove(overdue, i);
	}
	struct case_filter mine = {.assigned_user_id = me, .active_only = 1, .limit = VIEW_MAX};
	if ((rc = store_case_list(tx, &rq->arena, &mine, &kb, &n)))
		goto out;
	cases = cases_json(kb, n);
	if (s->role != ROLE_AGENT) {
		if ((rc = store_task_routes(tx, &rq->arena, NULL, VIEW_MAX, &ts, &n)))
			goto out;
		routes = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(routes, task_json(&ts[i]));
	}
	resp_json(rs, 200,
		  json_pack("{s:o,s:o,s:o,s:o,s:o}", "calls_today", today, "open_tasks", open_tasks,
			    "overdue", overdue, "open_cases", cases, "routes",
			    routes ? routes : json_null()));
	today = open_tasks = overdue = cases = routes = NULL;
out:
	store_rollback(tx);
	json_decref(today);
	json_decref(open_tasks);
	json_decref(overdue);
	json_decref(cases);
	json_decref(routes);
	return rc;
}

HANDLER(h_activity_cases)
{
	struct case_rec *cs;
	struct db_tx *tx;
	int64_t profile = 0;
	int n, rc;
	struct field_err e = FIELD_ERR_INIT;
	if (query_id(rq, "profile_id", &e, &profile))
		return api_field_answer(rs, &e);
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	/* newest first: the "Relacionado con" picker */
	struct case_filter f = {.profile_id = profile, .limit = 50};
	rc = store_case_list(tx, &rq->arena, &f, &cs, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200, json_pack("{s:o}", "items", cases_json(cs, n)));
	return 0;
}

HANDLER(h_activity_assignees)
{
	struct db_tx *tx;
	int rc;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	json_t *users = users_json(rq, tx, &rc);
	store_rollback(tx);
	if (rc) {
		json_decref(users);
		return rc;
	}
	resp_json(rs, 200, json_pack("{s:o}", "items", users));
	return 0;
}
