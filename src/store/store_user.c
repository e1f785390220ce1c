/* store_user.c: staff accounts. */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define USER_COLS                                                                                  \
	"id, username, display_name, email, role, language, password_hash, must_change_password, " \
	"COALESCE(password_expires_ms, 0), disabled, created_ms, updated_ms, version"

static const struct db_stmt user_insert = {
    "user_insert",
    "INSERT INTO users (username, username_fold, display_name, email, role, language, "
    "password_hash, must_change_password, password_expires_ms, disabled, created_ms, updated_ms, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10, 1) RETURNING id"};
static const struct db_stmt user_get = {"user_get",
					"SELECT " USER_COLS " FROM users WHERE id = $1"};
static const struct db_stmt user_by_name = {"user_by_name", "SELECT " USER_COLS
							    " FROM users WHERE username_fold = $1"};
static const struct db_stmt user_list = {
    "user_list", "SELECT " USER_COLS " FROM users WHERE id > $1 ORDER BY id LIMIT $2"};
static const struct db_stmt user_update = {
    "user_update", "UPDATE users SET display_name = $3, email = $4, role = $5, language = $6, "
		   "disabled = $7, updated_ms = $8, version = version + 1 "
		   "WHERE id = $1 AND version = $2 RETURNING version"};
static const struct db_stmt user_exists = {"user_exists", "SELECT 1 FROM users WHERE id = $1"};
static const struct db_stmt user_set_password = {
    "user_set_password",
    "UPDATE users SET password_hash = $2, must_change_password = $3, password_expires_ms = $4, "
    "updated_ms = $5, version = version + 1 WHERE id = $1 RETURNING id"};
static const struct db_stmt user_count = {"user_count", "SELECT COUNT(*) FROM users"};

static void user_from_row(struct arena *a, const struct db_res *r, int row, int col,
			  struct user_rec *u)
{
	u->id = db_res_int(r, row, col + 0);
	u->username = store_text(a, r, row, col + 1);
	u->display_name = store_text(a, r, row, col + 2);
	u->email = store_text(a, r, row, col + 3);
	u->role = store_text(a, r, row, col + 4);
	u->language = store_text(a, r, row, col + 5);
	u->password_hash = store_text(a, r, row, col + 6);
	u->must_change_password = (int)db_res_int(r, row, col + 7);
	u->password_expires_ms = db_res_int(r, row, col + 8);
	u->disabled = (int)db_res_int(r, row, col + 9);
	u->created_ms = db_res_int(r, row, col + 10);
	u->updated_ms = db_res_int(r, row, col + 11);
	u->version = db_res_int(r, row, col + 12);
}

void store_user_fill(struct arena *a, const struct db_res *r, int row, int col, struct user_rec *u)
{
	user_from_row(a, r, row, col, u);
}

int store_user_insert(struct db_tx *tx, const struct user_rec *u, const char *username_fold,
		      int64_t now, int64_t *ret_id)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(u->username),
			     DBV_TEXT_(username_fold),
			     DBV_TEXT_(u->display_name),
			     DBV_TEXT_(u->email),
			     DBV_TEXT_(u->role),
			     DBV_TEXT_(u->language ? u->language : "es"),
			     DBV_TEXT_(u->password_hash),
			     DBV_INT_(u->must_change_password),
			     u->password_expires_ms ? DBV_INT_(u->password_expires_ms) : DBV_NULL_,
			     DBV_INT_(now)};
	int rc = store_one(tx, &user_insert, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	*ret_id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

static int user_one(struct db_tx *tx, struct arena *a, const struct db_stmt *st, struct db_val key,
		    struct user_rec *ret)
{
	struct db_res *r;
	int rc = store_one(tx, st, &key, 1, &r);
	if (rc)
		return rc;
	user_from_row(a, r, 0, 0, ret);
	db_res_free(r);
	return 0;
}

int store_user_get(struct db_tx *tx, struct arena *a, int64_t id, struct user_rec *ret)
{
	return user_one(tx, a, &user_get, DBV_INT_(id), ret);
}

int store_user_by_name(struct db_tx *tx, struct arena *a, const char *username_fold,
		       struct user_rec *ret)
{
	return user_one(tx, a, &user_by_name, DBV_TEXT_(username_fold), ret);
}

int store_user_list(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		    struct user_rec **ret, int *ret_n)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(after_id), DBV_INT_(limit)};
	int rc = db_exec(tx, &user_list, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct user_rec *us = arena_alloc(a, sizeof(*us) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		user_from_row(a, r, i, 0, &us[i]);
	db_res_free(r);
	*ret = us;
	*ret_n = n;
	return 0;
}

int store_user_update(struct db_tx *tx, const struct user_rec *u, int64_t now, int64_t *ret_version)
{
	struct db_val p[] = {
	    DBV_INT_(u->id),	   DBV_INT_(u->version), DBV_TEXT_(u->display_name),
	    DBV_TEXT_(u->email),   DBV_TEXT_(u->role),	 DBV_TEXT_(u->language),
	    DBV_INT_(u->disabled), DBV_INT_(now)};
	return store_update_versioned(tx, &user_update, p, NPARAMS(p), &user_exists, u->id,
				      ret_version);
}

int store_user_set_password(struct db_tx *tx, int64_t id, const char *hash, int must_change,
			    int64_t expires_ms, int64_t now)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(id), DBV_TEXT_(hash), DBV_INT_(must_change),
			     expires_ms ? DBV_INT_(expires_ms) : DBV_NULL_, DBV_INT_(now)};
	int rc = store_one(tx, &user_set_password, p, NPARAMS(p), &r);
	if (!rc)
		db_res_free(r);
	return rc;
}

int store_user_count(struct db_tx *tx, int64_t *ret)
{
	struct db_res *r;
	int rc = store_one(tx, &user_count, NULL, 0, &r);
	if (rc)
		return rc;
	*ret = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}
