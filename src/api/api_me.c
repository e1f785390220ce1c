/* api_me.c: the signed-in user's own account: who am I, language, password, home page. */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/password_policy.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

#define ORG_NAME_TTL_MS 30000 /* the name rarely changes; a browser asks on every load */

static json_t *org_json(struct app *app, struct req *rq)
{
	pthread_mutex_lock(&app->org_lock);
	if (rq->now_ms - app->org_name_ms > ORG_NAME_TTL_MS) {
		const char *name = NULL;
		struct db_tx *tx;
		if (!store_begin(app->store, STORE_READ, &tx)) {
			if (!store_setting_get(tx, &rq->arena, "org.name", &name))
				snprintf(app->org_name, sizeof(app->org_name), "%s", name);
			store_rollback(tx);
		}
		app->org_name_ms = rq->now_ms;
	}
	json_t *o = json_pack("{s:s}", "name", app->org_name[0] ? app->org_name : "Faro");
	pthread_mutex_unlock(&app->org_lock);
	return o;
}

HANDLER(h_me_get)
{
	struct app *a = app;
	struct api_session *s = api_session(rq);
	resp_json(rs, 200,
		  json_pack("{s:o,s:s,s:o,s:{s:I,s:I}}", "user", user_json(&s->s.user),
			    "csrf_token", s->s.csrf_token, "org", org_json(a, rq), "session",
			    "expires_ms", (json_int_t)s->s.expires_ms, "idle_timeout_ms",
			    (json_int_t)a->cfg.idle_timeout_ms));
	return 0;
}

HANDLER(h_me_patch)
{
	static const char *const keys[] = {"language", "display_name", NULL};
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	struct user_rec u = s->s.user;
	const char *lang = NULL, *name = NULL;
	json_t *detail = NULL;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "language", 8, &lang, why) < 0) {
		api_field_error(rs, "invalid", "language", why->data);
		goto out;
	}
	if (jsonx_get_str(w.body, "display_name", 120, &name, why) < 0) {
		api_field_error(rs, "invalid", "display_name", why->data);
		goto out;
	}
	if (lang && strcmp(lang, "es") && strcmp(lang, "en")) {
		api_field_error(rs, "invalid", "language", "language: must be es or en");
		goto out;
	}
	if (name && !*name) {
		api_field_error(rs, "invalid", "display_name", "display_name: must not be empty");
		goto out;
	}
	detail = json_pack("{s:{s:s,s:s}}", "before", "language", u.language, "display_name",
			   u.display_name);
	if (lang)
		u.language = lang;
	if (name)
		u.display_name = name;
	json_object_set_new(
	    detail, "after",
	    json_pack("{s:s,s:s}", "language", u.language, "display_name", u.display_name));
	if (!(rc = store_begin(app->store, STORE_WRITE, &w.tx)) &&
	    !(rc = store_user_update(w.tx, &u, rq->now_ms, &u.version))) {
		rc = api_audit(w.tx, rq, "user.update_self", "user", u.id, detail);
		detail = NULL;
	}
	if (rc == ERR_CONFLICT) { /* read who saved first */
		struct user_rec now;
		if (!(rc = store_user_get(w.tx, &rq->arena, u.id, &now)))
			rc = user_stale(w.tx, rq, rs, &now);
		goto out;
	}
	if (rc)
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "user", user_json(&u));
out:
	json_decref(detail);
	return api_write_end(&w, rs, rc);
}

HANDLER(h_me_password)
{
	static const char *const keys[] = {"current_password", "new_password", NULL};
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	const char *cur = NULL, *pw = NULL;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "current_password", 1024, &cur, why) < 0 ||
	    jsonx_get_str(w.body, "new_password", 1024, &pw, why) < 0) {
		api_invalid(rs, "invalid", why->data);
		goto out;
	}
	if (!cur) {
		api_error(rs, 403, "wrong_password", "Give your current password.");
		goto out;
	}
	if (!pw) {
		api_invalid(rs, "invalid", "Give the new password.");
		goto out;
	}
	if (password_verify(app, s->s.user.password_hash, cur, NULL)) {
		api_error(rs, 403, "wrong_password", "The current password is not right.");
		goto out;
	}
	if (password_check(pw, s->s.user.username, why)) {
		api_error(rs, 400, "weak_password", why->data);
		goto out;
	}
	char hash[160];
	int nended;
	if ((rc = password_hash(app, pw, hash, sizeof(hash))) ||
	    (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_user_set_password(w.tx, s->s.user_id, hash, 0, 0, rq->now_ms)) ||
	    (rc = session_end_user(w.tx, rq, s->s.user_id, s->s.id, &nended)) ||
	    (rc = api_audit(w.tx, rq, "user.password_change", "user", s->s.user_id,
			    json_pack("{s:i}", "sessions_ended", nended))))
		goto out;
	rs->status = 204;
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_home)
{
	struct api_session *s = api_session(rq);
	struct announcement_rec *anns;
	int n, rc;
	int64_t prev;
	struct db_tx *tx;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if ((rc = store_session_previous_login(tx, s->s.user_id, s->s.id, &prev)) ||
	    (rc = store_announcement_recent(tx, &rq->arena, 5, &anns, &n))) {
		store_rollback(tx);
		return rc;
	}
	store_rollback(tx);
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list,
				      json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)anns[i].id,
						"text", anns[i].text, "author", anns[i].author,
						"created_ms", (json_int_t)anns[i].created_ms));
	json_t *body = json_pack("{s:o,s:o}", "user", user_json(&s->s.user), "announcements", list);
	json_object_set_new(body, "previous_login_ms", prev ? json_integer(prev) : json_null());
	resp_json(rs, 200, body);
	return 0;
}
