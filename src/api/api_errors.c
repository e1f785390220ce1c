/* api_errors.c: the error answers every area shares: field errors, errors with extra members, 409
 * stale_version. */
#include <inttypes.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"
#include "api/api.h"
#include "core/banned.h"

int api_error_with(struct resp *rs, int status, const char *code, const char *message,
		   json_t *extra)
{
	json_t *err = json_pack("{s:s,s:s}", "code", code, "message", message);
	if (extra)
		json_object_update(err, extra);
	json_decref(extra);
	resp_json(rs, status, json_pack("{s:o}", "error", err));
	return 0;
}

int field_fail(struct field_err *e, const char *code, const char *field, const char *msg)
{
	e->code = code;
	e->field = field;
	buf_reset(&e->msg);
	if (field)
		buf_printf(&e->msg, "%s: %s", field, msg);
	else
		buf_puts(&e->msg, msg);
	return ERR_INVALID;
}

int api_field_error(struct resp *rs, const char *code, const char *field, const char *message)
{
	return api_error_with(rs, 400, code ? code : "invalid",
			      message && *message ? message : "The request is not valid.",
			      field ? json_pack("{s:s}", "field", field) : NULL);
}

int api_field_answer(struct resp *rs, struct field_err *e)
{
	api_field_error(rs, e->code, e->field, e->msg.len ? e->msg.data : NULL);
	buf_release(&e->msg);
	return 0;
}

/* the display name of account id into *ret; the fallback when there is no such account */
static int user_name(struct db_tx *tx, struct req *rq, int64_t id, const char *fallback,
		     const char **ret)
{
	struct user_rec u;
	int rc = store_user_get(tx, &rq->arena, id, &u);
	if (rc && rc != ERR_NOT_FOUND)
		return rc;
	*ret = rc ? fallback : u.display_name;
	return 0;
}

/* who saved the record last by the audit log: a display name, the actor's name, or NULL */
static int saved_by_audit(struct db_tx *tx, struct req *rq, const struct api_saved *s,
			  const char **ret)
{
	char num[24];
	const char *oid = s->key;
	if (!oid) {
		snprintf(num, sizeof(num), "%" PRId64, s->id);
		oid = num;
	}
	struct audit_rec a;
	int rc = store_audit_last(tx, &rq->arena, s->object_type, oid,
				  s->ms > 0 ? s->ms : INT64_MAX, &a);
	if (rc == ERR_NOT_FOUND) {
		*ret = NULL;
		return 0;
	}
	if (rc)
		return rc;
	*ret = a.actor;
	/* the name people know, not the login */
	return a.actor_user_id ? user_name(tx, rq, a.actor_user_id, a.actor, ret) : 0;
}

int api_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const struct api_saved *s)
{
	const char *by = s->by;
	int rc = by	      ? 0
		 : s->by_user ? user_name(tx, rq, s->by_user, NULL, &by)
			      : saved_by_audit(tx, rq, s, &by);
	if (rc)
		return rc;
	return api_error_with(
	    rs, 409, "stale_version",
	    "Someone else saved this record first; review their change and reapply yours.",
	    json_pack("{s:s?,s:o,s:I}", "saved_by", by, "saved_ms",
		      s->ms > 0 ? json_integer(s->ms) : json_null(), "current_version",
		      (json_int_t)s->version));
}
