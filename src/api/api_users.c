/* api_users.c: administrators manage staff accounts. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "domain/password_policy.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

HANDLER(h_users_list)
{
	struct user_rec *us;
	int n, rc;
	int64_t after = 0;
	const char *cursor = req_query(rq, "after");
	if (cursor && validate_id(cursor, &after))
		return api_invalid(rs, "invalid", "after must be a user id");
	struct db_tx *tx;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_user_list(tx, &rq->arena, after, 201, &us, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n && i < 200; i++)
		json_array_append_new(items, user_json(&us[i]));
	json_t *body = json_pack("{s:o}", "items", items);
	json_object_set_new(body, "next_after", n > 200 ? json_integer(us[199].id) : json_null());
	resp_json(rs, 200, body);
	return 0;
}

/* names field as the one at fault; the message in e already says what is wrong */
static int named(struct field_err *e, const char *code, const char *field)
{
	e->code = code;
	e->field = field;
	return ERR_INVALID;
}

/* reads and checks the editable fields present in body into u; ERR_INVALID with e filled */
static int user_fields(json_t *body, struct user_rec *u, struct field_err *e)
{
	const char *name = NULL, *email = NULL, *role = NULL, *lang = NULL;
	struct buf *why = &e->msg;
	int disabled = -1;
	if (jsonx_get_str(body, "display_name", 120, &name, why) < 0)
		return named(e, "invalid", "display_name");
	if (jsonx_get_str(body, "role", 16, &role, why) < 0)
		return named(e, "invalid", "role");
	if (jsonx_get_str(body, "language", 8, &lang, why) < 0)
		return named(e, "invalid", "language");
	if (jsonx_get_bool(body, "disabled", &disabled, why) < 0)
		return named(e, "invalid", "disabled");
	json_t *ev = json_object_get(body, "email");
	if (ev && !json_is_null(ev) && jsonx_get_str(body, "email", 254, &email, why) < 0)
		return named(e, "invalid", "email");
	if (name) {
		if (validate_display_name(name, why))
			return named(e, "invalid", "display_name");
		u->display_name = name;
	}
	if (ev) {
		if (email && *email && validate_email(email, why))
			return named(e, "invalid", "email");
		u->email = email && *email ? email : NULL;
	}
	if (role) {
		if (role_parse(role) == ROLE_INVALID)
			return field_fail(e, "invalid", "role",
					  "must be agent, coordinator, supervisor or admin");
		u->role = role;
	}
	if (lang) {
		if (strcmp(lang, "es") && strcmp(lang, "en"))
			return field_fail(e, "invalid", "language", "must be es or en");
		u->language = lang;
	}
	if (disabled >= 0)
		u->disabled = disabled;
	return 0;
}

HANDLER(h_users_create)
{
	static const char *const keys[] = {"username", "display_name", "email", "role",
					   "language", "password",     NULL};
	struct api_write w = API_WRITE_INIT;
	struct field_err *e = &w.e;
	struct buf ufold = BUF_INIT(256);
	struct user_rec u = {.language = "es"};
	const char *pw = NULL;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "username", 64, &u.username, &e->msg) < 0)
		rc = named(e, "invalid", "username");
	else if (jsonx_get_str(w.body, "password", 1024, &pw, &e->msg) < 0)
		rc = named(e, "invalid", "password");
	else if (!(rc = user_fields(w.body, &u, e))) {
		const char *missing = !u.username	? "username"
				      : !u.display_name ? "display_name"
				      : !u.role		? "role"
				      : !pw		? "password"
							: NULL;
		if (missing)
			rc = field_fail(e, "invalid", missing,
					"username, display_name, role and password are required");
		else if (validate_username(u.username, &ufold, &e->msg))
			rc = named(e, "invalid", "username");
		else if (password_check(pw, u.username, &e->msg))
			rc = named(e, "weak_password", "password");
	}
	if (rc)
		goto out;
	char hash[160];
	if ((rc = password_hash(app, pw, hash, sizeof(hash))))
		goto out;
	u.password_hash = hash;
	u.disabled = 0;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)))
		goto out;
	rc = store_user_insert(w.tx, &u, ufold.data, rq->now_ms, &u.id);
	/* the one 409 shape of a duplicate: code conflict, and the field */
	if (rc == ERR_CONFLICT) {
		rc = api_error_with(rs, 409, "conflict", "That username is taken.",
				    json_pack("{s:s}", "field", "username"));
		goto out;
	}
	if (rc || (rc = api_audit(w.tx, rq, "user.create", "user", u.id,
				  json_pack("{s:s,s:s}", "username", u.username, "role", u.role))))
		goto out;
	u.version = 1;
	u.created_ms = rq->now_ms;
	rc = api_write_answer(app, rq, rs, &w, 201, "user", user_json(&u));
out:
	buf_release(&ufold);
	return api_write_end(&w, rs, rc);
}

int user_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const struct user_rec *now)
{
	struct api_saved s = {
	    .object_type = "user", .id = now->id, .version = now->version, .ms = now->updated_ms};
	return api_stale(tx, rq, rs, &s);
}

HANDLER(h_users_update)
{
	static const char *const keys[] = {"version",  "display_name", "email", "role",
					   "language", "disabled",     NULL};
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	struct user_rec before, u, now;
	int64_t id, version = 0;
	int rc = api_write_open(&w, rq, rs, keys, &id, &version);
	if (rc || !w.body)
		goto out;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_user_get(w.tx, &rq->arena, id, &before)))
		goto out;
	u = before;
	u.version = version;
	if ((rc = user_fields(w.body, &u, &w.e)))
		goto out;
	if (id == s->s.user_id && (u.disabled || strcmp(u.role, "admin"))) {
		api_error(rs, 400, "cannot_modify_self",
			  "You cannot disable your own account or take away your own admin role.");
		goto out;
	}
	rc = store_user_update(w.tx, &u, rq->now_ms, &u.version);
	if (rc == ERR_CONFLICT) { /* read who saved first */
		if (!(rc = store_user_get(w.tx, &rq->arena, id, &now)))
			rc = user_stale(w.tx, rq, rs, &now);
		goto out;
	}
	if (rc)
		goto out;
	/* a disabled account keeps no session anywhere */
	if (u.disabled && !before.disabled && (rc = session_end_user(w.tx, rq, id, 0, NULL)))
		goto out;
	json_t *detail =
	    json_pack("{s:o,s:o}", "before", user_json(&before), "after", user_json(&u));
	if ((rc = api_audit(w.tx, rq, "user.update", "user", id, detail)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "user", user_json(&u));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_users_revoke)
{
	struct db_tx *tx = NULL;
	struct user_rec u;
	int nended, rc;
	int64_t id = api_id_param(rq, "id");
	if (!id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_user_get(tx, &rq->arena, id, &u)) ||
	    (rc = session_end_user(tx, rq, id, 0, &nended)) ||
	    (rc = api_audit(tx, rq, "user.revoke_sessions", "user", id,
			    json_pack("{s:i}", "sessions_ended", nended)))) {
		store_rollback(tx);
		return rc;
	}
	rs->status = 204;
	return api_commit(app, rq, rs, tx);
}
