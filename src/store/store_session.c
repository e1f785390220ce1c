/* store_session.c: login sessions (only the token's hash is stored) and throttling records. */
#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

static const struct db_stmt session_insert = {
    "session_insert",
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_ms, last_seen_ms, expires_ms) "
    "VALUES ($1, $2, $3, $4, $4, $5) RETURNING id"};
static const struct db_stmt session_find = {
    "session_find",
    "SELECT s.id, s.user_id, s.csrf_token, s.created_ms, s.last_seen_ms, s.expires_ms, "
    "u.id, u.username, u.display_name, u.email, u.role, u.language, u.password_hash, "
    "u.must_change_password, COALESCE(u.password_expires_ms, 0), u.disabled, u.created_ms, "
    "u.updated_ms, u.version FROM sessions s JOIN users u ON u.id = s.user_id "
    "WHERE s.token_hash = $1 AND s.revoked_ms IS NULL"};
static const struct db_stmt session_alive = {
    "session_alive", "SELECT 1 FROM sessions WHERE id = $1 AND revoked_ms IS NULL "
		     "AND expires_ms > $2 AND last_seen_ms >= $3"};
static const struct db_stmt session_touch = {"session_touch",
					     "UPDATE sessions SET last_seen_ms = $2 WHERE id = $1"};
static const struct db_stmt session_revoke = {
    "session_revoke",
    "UPDATE sessions SET revoked_ms = $2 WHERE id = $1 AND revoked_ms IS NULL RETURNING id"};
static const struct db_stmt session_revoke_user = {
    "session_revoke_user", "UPDATE sessions SET revoked_ms = $3 WHERE user_id = $1 AND id <> $2 "
			   "AND revoked_ms IS NULL RETURNING id"};
static const struct db_stmt session_live_of_user = {
    "session_live_of_user", "SELECT id FROM sessions WHERE user_id = $1 AND revoked_ms IS NULL "
			    "AND expires_ms > $2 ORDER BY id DESC LIMIT 1000 OFFSET $3"};
static const struct db_stmt session_previous = {
    "session_previous", "SELECT created_ms FROM sessions WHERE user_id = $1 AND id < $2 "
			"ORDER BY id DESC LIMIT 1"};

int store_session_insert(struct db_tx *tx, const char *token_hash, int64_t user_id,
			 const char *csrf_token, int64_t now, int64_t expires_ms, int64_t *ret_id)
{
	struct db_val p[] = {DBV_TEXT_(token_hash), DBV_INT_(user_id), DBV_TEXT_(csrf_token),
			     DBV_INT_(now), DBV_INT_(expires_ms)};
	return store_one_int(tx, &session_insert, p, NPARAMS(p), ret_id);
}

int store_session_find(struct db_tx *tx, struct arena *a, const char *token_hash,
		       struct session_rec *ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(token_hash)};
	int rc = store_one(tx, &session_find, p, 1, &r);
	if (rc)
		return rc;
	ret->id = db_res_int(r, 0, 0);
	ret->user_id = db_res_int(r, 0, 1);
	ret->csrf_token = store_text(a, r, 0, 2);
	ret->created_ms = db_res_int(r, 0, 3);
	ret->last_seen_ms = db_res_int(r, 0, 4);
	ret->expires_ms = db_res_int(r, 0, 5);
	store_user_fill(a, r, 0, 6, &ret->user);
	db_res_free(r);
	return 0;
}

int store_session_alive(struct db_tx *tx, int64_t id, int64_t now, int64_t min_seen_ms)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(now), DBV_INT_(min_seen_ms)};
	return store_one(tx, &session_alive, p, NPARAMS(p), NULL);
}

int store_session_touch(struct db_tx *tx, int64_t id, int64_t now)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(now)};
	return db_exec(tx, &session_touch, p, NPARAMS(p), NULL);
}

int store_session_revoke(struct db_tx *tx, int64_t id, int64_t now)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(now)};
	return db_exec(tx, &session_revoke, p, NPARAMS(p), NULL);
}

static void id_fill(struct arena *a, const struct db_res *r, int i, void *rec)
{
	(void)a;
	*(int64_t *)rec = db_res_int(r, i, 0);
}

/* the sessions' ids st returns */
static int ids_of(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
		  const struct db_val *p, int np, int64_t **ret_ids, int *ret_n)
{
	return STORE_LIST(tx, a, st, p, np, id_fill, ret_ids, ret_n);
}

int store_session_revoke_user(struct db_tx *tx, struct arena *a, int64_t user_id, int64_t keep_id,
			      int64_t now, int64_t **ret_ids, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(keep_id), DBV_INT_(now)};
	return ids_of(tx, a, &session_revoke_user, p, NPARAMS(p), ret_ids, ret_n);
}

int store_session_oldest_beyond(struct db_tx *tx, struct arena *a, int64_t user_id, int keep,
				int64_t **ret_ids, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(0), DBV_INT_(keep)};
	return ids_of(tx, a, &session_live_of_user, p, NPARAMS(p), ret_ids, ret_n);
}

int store_session_previous_login(struct db_tx *tx, int64_t user_id, int64_t id, int64_t *ret_ms)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(id)};
	int rc = store_one_int(tx, &session_previous, p, NPARAMS(p), ret_ms);
	if (rc == ERR_NOT_FOUND) { /* the first login */
		*ret_ms = 0;
		rc = 0;
	}
	return rc;
}

static const struct db_stmt login_insert = {
    "login_insert",
    "INSERT INTO login_attempts (username_fold, ip, ts_ms, ok) VALUES ($1, $2, $3, $4)"};
static const struct db_stmt login_user_failures = {
    "login_user_failures", "SELECT COUNT(*) FROM login_attempts WHERE username_fold = $1 "
			   "AND ts_ms >= $2 AND ok = 0"};
static const struct db_stmt login_streak = {
    "login_streak",
    "SELECT COUNT(*), COALESCE(MAX(ts_ms), 0) FROM login_attempts WHERE username_fold = $1 "
    "AND ok = 0 AND ts_ms >= $2 AND id > COALESCE((SELECT MAX(id) FROM login_attempts "
    "WHERE username_fold = $1 AND ok = 1), 0)"};
static const struct db_stmt login_ip_failures = {
    "login_ip_failures",
    "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND ts_ms >= $2 AND ok = 0"};

int store_login_attempt(struct db_tx *tx, const char *username_fold, const char *ip, int ok,
			int64_t now)
{
	struct db_val p[] = {DBV_TEXT_(username_fold), DBV_TEXT_(ip), DBV_INT_(now), DBV_INT_(ok)};
	return db_exec(tx, &login_insert, p, NPARAMS(p), NULL);
}

int store_login_failures(struct db_tx *tx, const char *username_fold, const char *ip,
			 int64_t since_ms, int64_t *ret_user, int64_t *ret_streak,
			 int64_t *ret_last_ms, int64_t *ret_ip)
{
	struct db_res *r = NULL, *s = NULL, *q = NULL;
	struct db_val pu[] = {DBV_TEXT_(username_fold), DBV_INT_(since_ms)};
	struct db_val pi[] = {DBV_TEXT_(ip), DBV_INT_(since_ms)};
	int rc;
	if ((rc = store_one(tx, &login_user_failures, pu, NPARAMS(pu), &r)) ||
	    (rc = store_one(tx, &login_streak, pu, NPARAMS(pu), &s)) ||
	    (rc = store_one(tx, &login_ip_failures, pi, NPARAMS(pi), &q)))
		goto out;
	*ret_user = db_res_int(r, 0, 0);
	*ret_streak = db_res_int(s, 0, 0);
	*ret_last_ms = db_res_int(s, 0, 1);
	*ret_ip = db_res_int(q, 0, 0);
out:
	db_res_free(r);
	db_res_free(s);
	db_res_free(q);
	return rc;
}
