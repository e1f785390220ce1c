/*
 * api_activities_save.c: create, read, update and list, written once for
 * calls and tasks (struct act_kind says what differs): the shared fields,
 * the access rule, the reference checks, the reminder, the audit row, the
 * assignee's live event and the stale-version answer.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/activities/activity_rules.h"
#include "store/activities/store_activities.h"
#include "store/activities/store_reminder.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

#define ACT_LIST_MAX 200

/* the fields every activity has; ERR_INVALID with e filled */
static int common_fields(json_t *body, struct field_err *e, struct activity_rec *r)
{
	int rc;
	if ((rc = act_text_field(body, "subject", ACTIVITY_SUBJECT_MAX, 0, e, &r->subject)) ||
	    (rc = act_id_field(body, "case_id", e, &r->case_id)) ||
	    (rc = act_id_field(body, "profile_id", e, &r->profile_id)) ||
	    (rc = act_id_field(body, "assigned_user_id", e, &r->assigned_user_id)))
		return rc;
	return act_int_field(body, "reminder_minutes", 0, ACTIVITY_REMINDER_MAX_MIN, 1, e,
			     &r->reminder_minutes);
}

/* body into rec: the shared fields, the kind's, then what every activity needs; ERR_INVALID */
static int read_fields(const struct act_kind *k, json_t *body, struct field_err *e, void *rec,
		       const void *before, int64_t now)
{
	struct activity_rec *r = rec;
	int rc;
	if ((rc = common_fields(body, e, r)) || (rc = k->fields(body, e, rec, before, now)))
		return rc;
	if (!r->subject || !*r->subject)
		return field_fail(e, "invalid", "subject", "a subject is required");
	if (!r->assigned_user_id)
		return field_fail(e, "invalid", "assigned_user_id", "someone must be assigned");
	return 0;
}

/* the reminder follows the record: armed, moved or dropped */
static int set_reminder(const struct act_kind *k, struct db_tx *tx, const void *rec)
{
	const struct activity_rec *r = rec;
	int64_t at = 0, due = k->reminder(rec, &at);
	return store_reminder_set(tx, k->name, r->id, r->assigned_user_id, r->subject, at, due);
}

static const char *action(struct req *rq, const struct act_kind *k, const char *verb)
{
	return arena_printf(&rq->arena, "%s.%s", k->name, verb);
}

int act_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const char *kind,
	      const struct activity_rec *now)
{
	struct api_saved s = {.object_type = kind,
			      .id = now->id,
			      .version = now->version,
			      .ms = now->updated_ms,
			      .by_user = now->updated_by};
	return api_stale(tx, rq, rs, &s);
}

/*
 * After the insert (before NULL) or the update: the reminder, the record as
 * stored, its audit row, the kind's own consequences, the new assignee's
 * live event, the answer; then the commit of w->tx (the caller's
 * api_write_end rolls it back when this fails).
 */
static int save_tail(const struct act_kind *k, struct app *app, struct req *rq, struct resp *rs,
		     struct api_write *w, void *rec, const void *before)
{
	struct activity_rec *r = rec;
	struct db_tx *tx = w->tx;
	int64_t me = api_session(rq)->s.user_id;
	int rc;
	if ((rc = set_reminder(k, tx, rec)) ||
	    (rc = store_act_get(tx, &rq->arena, k->store, r->id, rec)))
		return rc;
	json_t *detail =
	    before ? json_pack("{s:o,s:o}", "before", k->json(before), "after", k->json(rec))
		   : json_pack("{s:o}", "after", k->json(rec));
	if ((rc = api_audit(tx, rq, action(rq, k, before ? "update" : "create"), k->name, r->id,
			    detail)) ||
	    (k->saved && (rc = k->saved(app, tx, rq, rec, before))))
		return rc;
	/* a new record assigned to someone else shows up on their screen */
	if (!before && r->assigned_user_id != me &&
	    (rc = api_event(tx, rq, "activity", r->assigned_user_id, NULL, 0, k->name, r->id)))
		return rc;
	w->kick = 1; /* the reminder (and a care route's mail) may be due at once */
	return api_write_answer(app, rq, rs, w, before ? 200 : 201, k->name, k->json(rec));
}

int act_create(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app)
{
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	void *rec = arena_alloc(&rq->arena, k->size);
	struct activity_rec *r = rec;
	int rc = 0;
	k->init(rec, rq->now_ms, s->s.user_id);
	if (!(w.body = api_body(rq, rs, k->keys)))
		goto out;
	if ((rc = read_fields(k, w.body, &w.e, rec, NULL, rq->now_ms)))
		goto out;
	if (json_object_get(w.body, "version")) {
		rc = field_fail(&w.e, "invalid", "version", "a new record has no version yet");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = act_refs(w.tx, rq, r, &w.e)) ||
	    (rc = store_act_insert(w.tx, k->store, rec, s->s.user_id, rq->now_ms, &r->id)))
		goto out;
	rc = save_tail(k, app, rq, rs, &w, rec, NULL);
out:
	return api_write_end(&w, rs, rc);
}

int act_get(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app)
{
	void *rec = arena_alloc(&rq->arena, k->size);
	const struct activity_rec *r = rec;
	struct db_tx *tx;
	int64_t id = api_id_param(rq, "id");
	int rc;
	if (!id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_act_get(tx, &rq->arena, k->store, id, rec);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *o = k->json(rec);
	json_object_set_new(o, "can_edit",
			    json_boolean(act_may_edit(rq, r->created_by, r->assigned_user_id)));
	resp_json(rs, 200, json_pack("{s:o}", k->name, o));
	return 0;
}

int act_update(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app)
{
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	void *before = arena_alloc(&rq->arena, k->size), *rec = arena_alloc(&rq->arena, k->size);
	const struct activity_rec *b = before;
	struct activity_rec *r = rec;
	int64_t version = 0, id = api_id_param(rq, "id");
	int rc = 0;
	if (!(w.body = api_body(rq, rs, k->keys)))
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if ((rc = act_int_field(w.body, "version", 1, INT64_MAX, 0, &w.e, &version)))
		goto out;
	if (!version) {
		rc = field_fail(&w.e, "invalid", "version", "the version you read is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_act_get(w.tx, &rq->arena, k->store, id, before)))
		goto out;
	if (!act_may_edit(rq, b->created_by, b->assigned_user_id)) {
		api_error(rs, 403, "forbidden", k->forbidden);
		goto out;
	}
	memcpy(rec, before, k->size);
	r->version = version;
	if ((rc = read_fields(k, w.body, &w.e, rec, before, rq->now_ms)) ||
	    (rc = act_refs(w.tx, rq, r, &w.e)))
		goto out;
	rc = store_act_update(w.tx, k->store, rec, s->s.user_id, rq->now_ms, &r->version);
	if (rc == ERR_CONFLICT) { /* read who saved first */
		if (!(rc = store_act_get(w.tx, &rq->arena, k->store, id, rec)))
			rc = act_stale(w.tx, rq, rs, k->name, r);
		goto out;
	}
	if (rc)
		goto out;
	rc = save_tail(k, app, rq, rs, &w, rec, before);
out:
	return api_write_end(&w, rs, rc);
}

int act_list(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app)
{
	struct activity_filter f = {.limit = ACT_LIST_MAX};
	struct field_err e = FIELD_ERR_INIT;
	struct db_tx *tx;
	void *recs;
	int n, rc;
	if (act_list_filter(rq, &e, &f))
		return api_field_answer(rs, &e);
	const char *st = req_query(rq, "status");
	if (st) {
		for (int i = 0; k->statuses[i]; i++)
			if (!strcmp(st, k->statuses[i]))
				f.status = k->statuses[i];
		if (!f.status)
			return api_field_error(rs, "invalid", "status", k->status_message);
	}
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_act_list(tx, &rq->arena, k->store, &f, &recs, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, k->json((const char *)recs + k->size * (size_t)i));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}
