/* api_session.c: session cookies and the session lifecycle (login, cap, end). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/crypto.h"
#include "core/err.h"
#include "api/api.h"
#include "core/banned.h"

#define SESSION_TOKEN_BYTES 32 /* 256 bits from the OS CSPRNG */

const char *session_cookie_name(const struct app *app)
{
	return app->cfg.secure_cookies ? "__Host-faro" : "faro_sid";
}

static const char *cookie_attrs(const struct app *app)
{
	return app->cfg.secure_cookies ? "; Path=/; HttpOnly; SameSite=Strict; Secure"
				       : "; Path=/; HttpOnly; SameSite=Strict";
}

int session_start(struct app *app, struct req *rq, struct resp *rs, struct db_tx *tx,
		  const struct user_rec *u, const char **ret_csrf, int64_t *ret_id)
{
	char token[64], csrf[64], hash[SHA256_HEX_LEN + 1];
	int64_t id, *old = NULL;
	int nold = 0, rc;
	crypto_random_token(token, sizeof(token), SESSION_TOKEN_BYTES);
	crypto_random_token(csrf, sizeof(csrf), 24);
	crypto_sha256_hex(token, strlen(token), hash);
	if ((rc = store_session_insert(tx, hash, u->id, csrf, rq->now_ms,
				       rq->now_ms + app->cfg.absolute_timeout_ms, &id)))
		return rc;
	/* the documented cap: the newest max_sessions stay, older ones end */
	if ((rc = store_session_oldest_beyond(tx, &rq->arena, u->id, app->cfg.max_sessions, &old,
					      &nold)))
		return rc;
	for (int i = 0; i < nold; i++)
		if ((rc = store_session_revoke(tx, old[i], rq->now_ms)))
			return rc;
	if ((rc = session_end_events(tx, rq, old, nold)))
		return rc;
	resp_header(rs, "Set-Cookie",
		    arena_printf(&rq->arena, "%s=%s; Max-Age=%" PRId64 "%s",
				 session_cookie_name(app), token,
				 app->cfg.absolute_timeout_ms / 1000, cookie_attrs(app)));
	*ret_csrf = arena_strdup(&rq->arena, csrf);
	*ret_id = id;
	return 0;
}

int session_end_events(struct db_tx *tx, struct req *rq, const int64_t *ids, int n)
{
	for (int i = 0; i < n; i++) {
		int rc = api_event(tx, rq, "session_ended", 0, NULL, ids[i], "session", ids[i]);
		if (rc)
			return rc;
	}
	return 0;
}

void session_clear_cookie(struct app *app, struct req *rq, struct resp *rs)
{
	resp_header(rs, "Set-Cookie",
		    arena_printf(&rq->arena, "%s=; Max-Age=0%s", session_cookie_name(app),
				 cookie_attrs(app)));
}

int session_end_user(struct db_tx *tx, struct req *rq, int64_t user_id, int64_t keep_id, int *ret_n)
{
	int64_t *ids;
	int n, rc;
	if ((rc = store_session_revoke_user(tx, &rq->arena, user_id, keep_id, rq->now_ms, &ids,
					    &n)) ||
	    (rc = session_end_events(tx, rq, ids, n)))
		return rc;
	if (ret_n)
		*ret_n = n;
	return 0;
}
