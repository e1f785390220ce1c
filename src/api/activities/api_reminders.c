/* api_reminders.c: the reminder pop-up reads its reminder and snoozes it; only its owner may. */
#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "store/activities/store_reminder.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

static json_t *reminder_json(const struct reminder_rec *x)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:I,s:I,s:O}", "id", (json_int_t)x->id, "owner_type",
			 x->owner_type, "owner_id", (json_int_t)x->owner_id, "title", x->title,
			 "at_ms", (json_int_t)x->at_ms, "due_ms", (json_int_t)x->due_ms, "fired_ms",
			 x->fired_ms ? json_integer(x->fired_ms) : json_null());
}

/* the reminder id in the path, when it belongs to the signed-in user (others see 404) */
static int own_reminder(struct req *rq, struct db_tx *tx, struct reminder_rec *ret)
{
	int64_t id = api_id_param(rq, "id");
	if (!id)
		return ERR_NOT_FOUND;
	int rc = store_reminder_get(tx, &rq->arena, id, ret);
	if (!rc && ret->user_id != api_session(rq)->s.user_id)
		rc = ERR_NOT_FOUND;
	return rc;
}

HANDLER(h_reminder_get)
{
	struct reminder_rec x;
	struct db_tx *tx;
	int rc = store_begin(app->store, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = own_reminder(rq, tx, &x);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200, json_pack("{s:o}", "reminder", reminder_json(&x)));
	return 0;
}

HANDLER(h_reminder_snooze)
{
	static const char *const keys[] = {"minutes", NULL};
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	struct reminder_rec x;
	int64_t minutes = 0;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_int(w.body, "minutes", 1, 24 * 60, &minutes, why)) {
		api_invalid(rs, "invalid", "minutes must be a whole number from 1 to 1440");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) || (rc = own_reminder(rq, w.tx, &x)))
		goto out;
	if (!x.fired_ms) {
		api_error(rs, 409, "not_fired", "This reminder has not gone off yet.");
		goto out;
	}
	int64_t due = rq->now_ms + minutes * 60000;
	if ((rc = store_reminder_snooze(w.tx, x.id, x.user_id, due)) ||
	    (rc = api_audit(w.tx, rq, "reminder.snooze", "reminder", x.id,
			    json_pack("{s:I}", "minutes", (json_int_t)minutes))))
		goto out;
	x.due_ms = due;
	x.fired_ms = 0;
	w.kick = 1; /* the scheduler learns the new time */
	rc = api_write_answer(app, rq, rs, &w, 200, "reminder", reminder_json(&x));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_reminder_pending)
{
	struct reminder_rec *xs;
	struct db_tx *tx;
	int n, rc = store_begin(app->store, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = store_reminder_pending(tx, &rq->arena, api_session(rq)->s.user_id, 20, &xs, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, reminder_json(&xs[i]));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}

HANDLER(h_reminder_dismiss)
{
	struct api_write w = API_WRITE_INIT;
	struct reminder_rec x;
	int rc;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) || (rc = own_reminder(rq, w.tx, &x)))
		goto out;
	rc = store_reminder_dismiss(w.tx, x.id, x.user_id, rq->now_ms);
	if (rc == ERR_NOT_FOUND) {
		rc = api_error(rs, 409, "not_fired", "This reminder is not waiting to be seen.");
		goto out;
	}
	if (rc || (rc = api_audit(w.tx, rq, "reminder.dismiss", "reminder", x.id, NULL)))
		goto out;
	rs->status = 204;
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
