/* api_common.c: error answers, body parsing, audit and event helpers shared by handlers. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "domain/validate.h"
#include "store/store.h"
#include "api/api.h"
#include "core/banned.h"

int api_error(struct resp *rs, int status, const char *code, const char *message)
{
	resp_json(rs, status,
		  json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message));
	return 0;
}

int api_invalid(struct resp *rs, const char *code, const char *why)
{
	return api_error(rs, 400, code, why && *why ? why : "The request is not valid.");
}

/* the one table from internal errors to HTTP */
static const struct {
	int err, status;
	const char *code, *message;
} err_map[] = {
    {ERR_INVALID, 400, "invalid", "The request is not valid."},
    {ERR_NOT_FOUND, 404, "not_found", "There is no such record."},
    {ERR_CONFLICT, 409, "conflict", "The record changed or already exists."},
    {ERR_FORBIDDEN, 403, "forbidden", "Your role does not allow this."},
    {ERR_UNAUTHORIZED, 401, "unauthenticated", "Please sign in."},
    {ERR_TOO_LARGE, 413, "payload_too_large", "The request is too large."},
    {ERR_THROTTLED, 429, "throttled", "Too many attempts; wait and try again."},
    {ERR_BUSY, 503, "busy", "The service is busy; try again in a moment."},
    {ERR_STORE, 503, "unavailable", "The service could not save or read data; try again."},
};

int api_fail(struct req *rq, struct resp *rs, int e, const char *detail)
{
	for (size_t i = 0; i < sizeof(err_map) / sizeof(err_map[0]); i++)
		if (err_map[i].err == e) {
			if (e == ERR_STORE || e == ERR_BUSY)
				log_error("request %s: %s: %s: %s", rq->request_id, err_name(e),
					  detail ? detail : "", store_thread_error());
			return api_error(rs, err_map[i].status, err_map[i].code,
					 err_map[i].message);
		}
	log_error("request %s: %s: %s: %s", rq->request_id, err_name(e), detail ? detail : "",
		  store_thread_error());
	return api_error(rs, 500, "internal", "Something went wrong; the error was logged.");
}

json_t *api_body(struct req *rq, struct resp *rs, const char *const *allowed)
{
	const char *ct = req_header(rq, "Content-Type");
	if (!ct || strncasecmp(ct, "application/json", 16) ||
	    (ct[16] && ct[16] != ';' && ct[16] != ' ')) {
		api_error(rs, 415, "unsupported_media_type", "Send the body as application/json.");
		return NULL;
	}
	struct buf err = BUF_INIT(512);
	json_t *v = jsonx_parse(rq->body, rq->body_len, JSONX_MAX_DEPTH, &err);
	if (!v) {
		api_error(rs, 400, "invalid_json", err.data);
		buf_release(&err);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		api_error(rs, 400, "invalid_json", "The body must be a JSON object.");
		return NULL;
	}
	if (allowed && jsonx_only_keys(v, allowed, &err)) {
		json_decref(v);
		api_error(rs, 400, "invalid", err.data);
		buf_release(&err);
		return NULL;
	}
	buf_release(&err);
	return v;
}

int64_t api_id_param(struct req *rq, const char *name)
{
	int64_t id;
	const char *s = req_param(rq, name);
	return s && !validate_id(s, &id) ? id : 0;
}

int api_audit_text(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
		   const char *action, const char *object_type, const char *object_id,
		   json_t *detail)
{
	char *text = detail ? jsonx_dump(detail) : NULL;
	int rc = store_audit_write(tx, actor_id, actor, action, object_type, object_id, text,
				   rq->request_id, rq->now_ms);
	free(text);
	json_decref(detail);
	return rc;
}

int api_audit_as(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
		 const char *action, const char *object_type, int64_t object_id, json_t *detail)
{
	char oid[24];
	snprintf(oid, sizeof(oid), "%" PRId64, object_id);
	return api_audit_text(tx, rq, actor_id, actor, action, object_type, oid, detail);
}

int api_audit(struct db_tx *tx, struct req *rq, const char *action, const char *object_type,
	      int64_t object_id, json_t *detail)
{
	struct api_session *s = api_session(rq);
	return api_audit_as(tx, rq, s ? s->s.user_id : 0, s ? s->s.user.username : "system", action,
			    object_type, object_id, detail);
}

int api_event(struct db_tx *tx, struct req *rq, const char *type, int64_t target_user,
	      const char *target_role, int64_t target_session, const char *ref_type, int64_t ref_id)
{
	char rid[24];
	snprintf(rid, sizeof(rid), "%" PRId64, ref_id);
	struct event_rec e = {.type = type,
			      .target_user_id = target_user,
			      .target_role = target_role,
			      .target_session_id = target_session,
			      .ref_type = ref_type,
			      .ref_id = ref_id ? rid : NULL};
	int rc = store_event_insert(tx, &e, rq->now_ms, NULL);
	if (!rc)
		rq->events_queued = 1;
	return rc;
}

int api_commit(struct app *app, struct req *rq, struct resp *rs, struct db_tx *tx)
{
	int rc = store_commit(tx), queued = rq->events_queued;
	/* the flag speaks of this transaction only: a later one starts clean */
	rq->events_queued = 0;
	if (rc) {
		json_decref(rs->json);
		rs->json = NULL;
		return api_fail(rq, rs, rc, "commit failed");
	}
	/* most commits queue no event: skip the read under the global delivery lock */
	if (queued)
		app_events_deliver(app);
	return 0;
}

int api_write_commit(struct app *app, struct req *rq, struct resp *rs, struct api_write *w)
{
	struct db_tx *tx = w->tx;
	w->tx = NULL;
	int rc = api_commit(app, rq, rs, tx);
	if (!rc && w->kick && app->jobs_kick)
		app->jobs_kick(app->jobs);
	return rc;
}

int api_write_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		     int status, const char *member, json_t *view)
{
	resp_json(rs, status, json_pack("{s:o}", member, view));
	return api_write_commit(app, rq, rs, w);
}

int api_write_open(struct api_write *w, struct req *rq, struct resp *rs, const char *const *keys,
		   int64_t *ret_id, int64_t *ret_version)
{
	*ret_id = api_id_param(rq, "id");
	if (!(w->body = api_body(rq, rs, keys)))
		return 0;
	if (!*ret_id)
		return ERR_NOT_FOUND;
	if (jsonx_get_int(w->body, "version", 1, INT64_MAX, ret_version, NULL))
		return field_fail(&w->e, "invalid", "version", "the version you read is required");
	return 0;
}

int api_write_end(struct api_write *w, struct resp *rs, int rc)
{
	if (rc == ERR_INVALID)
		rc = api_field_answer(rs, &w->e);
	store_rollback(w->tx);
	w->tx = NULL;
	json_decref(w->body);
	w->body = NULL;
	buf_release(&w->e.msg);
	return rc;
}

int api_view_commit(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		    const struct api_view *v, int64_t id, json_t *rec)
{
	int rc = api_audit(w->tx, rq, v->action, v->type, id, NULL);
	if (rc) {
		json_decref(rec);
		return rc;
	}
	return api_write_answer(app, rq, rs, w, 200, v->type, rec);
}

int api_view_audited(struct app *app, struct req *rq, struct resp *rs, const struct api_view *v)
{
	struct api_write w = API_WRITE_INIT;
	int64_t id = api_id_param(rq, "id");
	json_t *rec = NULL;
	int rc = ERR_NOT_FOUND;
	if (!id || (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = v->read(w.tx, &rq->arena, id, &rec)))
		goto out;
	rc = api_view_commit(app, rq, rs, &w, v, id, rec);
out:
	return api_write_end(&w, rs, rc);
}

json_t *user_json(const struct user_rec *u)
{
	return json_pack("{s:I,s:s,s:s,s:s?,s:s,s:s,s:b,s:b,s:I,s:I}", "id", (json_int_t)u->id,
			 "username", u->username, "display_name", u->display_name, "email",
			 u->email, "role", u->role, "language", u->language, "must_change_password",
			 u->must_change_password, "disabled", u->disabled, "version",
			 (json_int_t)u->version, "created_ms", (json_int_t)u->created_ms);
}
