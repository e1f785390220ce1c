/* api_activities_outbox.c: administrators see every outgoing message's status, send a test and
 * retry failures. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/validate.h"
#include "store/store_outbox.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

#define OUTBOX_PAGE 100

static json_t *outbox_json(const struct outbox_rec *m)
{
	return json_pack(
	    "{s:I,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:O,s:s?,s:O,s:s?}", "id", (json_int_t)m->id, "kind",
	    m->kind, "to", m->to_addr, "subject", m->subject, "status", m->status, "attempts",
	    (json_int_t)m->attempts, "next_attempt_ms", (json_int_t)m->next_attempt_ms,
	    "created_ms", (json_int_t)m->created_ms, "sent_ms",
	    m->sent_ms ? json_integer(m->sent_ms) : json_null(), "last_error", m->last_error,
	    "ref_id", m->ref_id ? json_integer(m->ref_id) : json_null(), "ref_type", m->ref_type);
}

HANDLER(h_outbox_list)
{
	struct outbox_rec *ms;
	int n, rc;
	int64_t before = 0;
	const char *status = req_query(rq, "status");
	const char *cursor = req_query(rq, "before");
	if (cursor && validate_id(cursor, &before))
		return api_invalid(rs, "invalid", "before must be a message id");
	if (status && strcmp(status, "queued") && strcmp(status, "sending") &&
	    strcmp(status, "sent") && strcmp(status, "failed"))
		return api_invalid(rs, "invalid", "status must be queued, sending, sent or failed");
	struct db_tx *tx;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_outbox_list(tx, &rq->arena, status, before, OUTBOX_PAGE + 1, &ms, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n && i < OUTBOX_PAGE; i++)
		json_array_append_new(items, outbox_json(&ms[i]));
	json_t *body = json_pack("{s:o}", "items", items);
	json_object_set_new(body, "next_before",
			    n > OUTBOX_PAGE ? json_integer(ms[OUTBOX_PAGE - 1].id) : json_null());
	resp_json(rs, 200, body);
	return 0;
}

HANDLER(h_outbox_test)
{
	static const char *const keys[] = {"to", NULL};
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	const char *to = NULL;
	int64_t id = 0;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "to", 254, &to, why) || !to || validate_email(to, why)) {
		api_error(rs, 400, "invalid_email",
			  why->len ? why->data : "to must be an email address");
		goto out;
	}
	struct outbox_rec m = {.kind = "test",
			       .to_addr = to,
			       .subject = "Faro: prueba de correo / mail test",
			       .body = "Este es un mensaje de prueba de Faro.\n"
				       "This is a test message from Faro.\n"};
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_outbox_insert(w.tx, &m, rq->now_ms, &id)) ||
	    (rc = api_audit(w.tx, rq, "outbox.test", "outbox", id, json_pack("{s:s}", "to", to))))
		goto out;
	m.id = id;
	m.status = "queued";
	m.next_attempt_ms = m.created_ms = rq->now_ms;
	w.kick = 1; /* the sender takes the message at once */
	rc = api_write_answer(app, rq, rs, &w, 201, "message", outbox_json(&m));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_outbox_retry)
{
	struct api_write w = API_WRITE_INIT;
	int64_t id = api_id_param(rq, "id");
	int rc = ERR_NOT_FOUND;
	if (!id || (rc = store_begin(app->store, STORE_WRITE, &w.tx)))
		goto out;
	rc = store_outbox_requeue(w.tx, id, rq->now_ms);
	if (rc == ERR_NOT_FOUND) {
		rc = api_error(rs, 409, "not_failed", "Only a failed message can be sent again.");
		goto out;
	}
	if (rc || (rc = api_audit(w.tx, rq, "outbox.retry", "outbox", id, NULL)))
		goto out;
	rs->status = 204;
	w.kick = 1;
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
