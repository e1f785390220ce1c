/* api_auth.c: sign-in with throttling, and sign-out. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/validate.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

#define HOUR_MS			   (3600 * 1000)
#define MAX_USER_FAILURES_PER_HOUR 100
#define MAX_IP_FAILURES_PER_HOUR   300
#define FREE_FAILURES		   5 /* failures in a row before the delay starts */
#define MAX_DELAY_S		   300

/* seconds the account must still wait, or 0 */
static int64_t throttle_wait(struct app *app, struct req *rq, const char *ufold)
{
	int64_t fails, streak, last, ipfails;
	struct db_tx *tx;
	if (store_begin(app->store, STORE_READ, &tx))
		return 0;
	int rc = store_login_failures(tx, ufold, rq->ip, rq->now_ms - HOUR_MS, &fails, &streak,
				      &last, &ipfails);
	store_rollback(tx);
	if (rc)
		return 0;
	if (fails >= MAX_USER_FAILURES_PER_HOUR || ipfails >= MAX_IP_FAILURES_PER_HOUR)
		return 600;
	if (streak < FREE_FAILURES)
		return 0;
	/* a delay that doubles with each failure in a row: 1, 2, 4 ... 300 s */
	int64_t delay = (int64_t)1 << (streak - FREE_FAILURES < 9 ? streak - FREE_FAILURES : 9);
	if (delay > MAX_DELAY_S)
		delay = MAX_DELAY_S;
	int64_t left = (last + delay * 1000 - rq->now_ms + 999) / 1000;
	return left > 0 ? left : 0;
}

static void log_auth(struct req *rq, const char *outcome, int64_t user_id)
{
	json_t *f = json_pack("{s:s,s:s,s:s}", "rid", rq->request_id, "event", "auth.login",
			      "outcome", outcome);
	if (user_id)
		json_object_set_new(f, "user", json_integer(user_id));
	log_json("info", "auth", f);
}

static int record_failure(struct app *app, struct req *rq, const char *ufold)
{
	struct db_tx *tx;
	int rc = store_begin(app->store, STORE_WRITE, &tx);
	if (!rc) {
		rc = store_login_attempt(tx, ufold, rq->ip, 0, rq->now_ms);
		rc = rc ? (store_rollback(tx), rc) : store_commit(tx);
	}
	return rc;
}

HANDLER(h_login)
{
	static const char *const keys[] = {"username", "password", NULL};
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	struct buf ufold = BUF_INIT(512);
	const char *username = NULL, *password = NULL;
	struct user_rec u;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "username", 256, &username, why) ||
	    jsonx_get_str(w.body, "password", 1024, &password, why) || !username || !password) {
		api_invalid(rs, "invalid",
			    why->len ? why->data : "Give a username and a password.");
		goto out;
	}
	if (username_key(username, &ufold)) {
		api_error(rs, 401, "invalid_credentials", "Wrong username or password.");
		goto out;
	}
	int64_t wait = throttle_wait(app, rq, ufold.data);
	if (wait) {
		resp_header(rs, "Retry-After", arena_printf(&rq->arena, "%" PRId64, wait));
		api_error(rs, 429, "throttled", "Too many failed sign-ins; wait and try again.");
		log_auth(rq, "throttled", 0);
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_READ, &w.tx)))
		goto out;
	rc = store_user_by_name(w.tx, &rq->arena, ufold.data, &u);
	store_rollback(w.tx);
	w.tx = NULL;
	if (rc && rc != ERR_NOT_FOUND)
		goto out;
	int rehash = 0, ok;
	if (rc == ERR_NOT_FOUND) {
		password_burn(app, password);
		ok = 0;
	} else {
		ok = !password_verify(app, u.password_hash, password, &rehash) && !u.disabled &&
		     !(u.password_expires_ms && u.password_expires_ms <= rq->now_ms);
	}
	rc = 0;
	if (!ok) {
		if ((rc = record_failure(app, rq, ufold.data)))
			goto out;
		log_auth(rq, "failed", 0);
		api_error(rs, 401, "invalid_credentials", "Wrong username or password.");
		goto out;
	}
	char newhash[160];
	if (rehash && (rc = password_hash(app, password, newhash, sizeof(newhash))))
		goto out;
	const char *csrf;
	int64_t sid;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_login_attempt(w.tx, ufold.data, rq->ip, 1, rq->now_ms)) ||
	    (rehash && (rc = store_user_set_password(w.tx, u.id, newhash, u.must_change_password,
						     u.password_expires_ms, rq->now_ms))) ||
	    (rc = session_start(app, rq, rs, w.tx, &u, &csrf, &sid)) ||
	    (rc = api_audit_as(
		 w.tx, rq, u.id, u.username, "auth.login", "user", u.id,
		 json_pack("{s:I,s:b}", "session", (json_int_t)sid, "rehashed", rehash))))
		goto out;
	resp_json(rs, 200, json_pack("{s:o,s:s}", "user", user_json(&u), "csrf_token", csrf));
	rc = api_write_commit(app, rq, rs, &w);
	if (!rc)
		log_auth(rq, "ok", u.id);
out:
	buf_release(&ufold);
	return api_write_end(&w, rs, rc);
}

HANDLER(h_logout)
{
	struct api_session *s = api_session(rq);
	struct db_tx *tx;
	int rc;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		return rc;
	if ((rc = store_session_revoke(tx, s->s.id, rq->now_ms)) ||
	    (rc = session_end_events(tx, rq, &s->s.id, 1)) ||
	    (rc = api_audit(tx, rq, "auth.logout", "user", s->s.user_id,
			    json_pack("{s:I}", "session", (json_int_t)s->s.id)))) {
		store_rollback(tx);
		return rc;
	}
	if ((rc = api_commit(app, rq, rs, tx)))
		return rc;
	session_clear_cookie(app, rq, rs);
	resp_header(rs, "Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
	rs->status = 204;
	return 0;
}
