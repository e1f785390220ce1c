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

/* a row of USER_COLS alone, for store_row and store_rows */
static void user_row(struct arena *a, const struct db_res *r, int row, void *rec)
{
	user_from_row(a, r, row, 0, rec);
}

int store_user_insert(struct db_tx *tx, const struct user_rec *u, const char *username_fold,
		      int64_t now, int64_t *ret_id)
{
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
	return store_one_int(tx, &user_insert, p, NPARAMS(p), ret_id);
}

int store_user_get(struct db_tx *tx, struct arena *a, int64_t id, struct user_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &user_get, &k, 1, user_row, ret);
}

int store_user_by_name(struct db_tx *tx, struct arena *a, const char *username_fold,
		       struct user_rec *ret)
{
	struct db_val k = DBV_TEXT_(username_fold);
	return store_row(tx, a, &user_by_name, &k, 1, user_row, ret);
}

int store_user_list(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		    struct user_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(after_id), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &user_list, p, NPARAMS(p), user_row, ret, ret_n);
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
	struct db_val p[] = {DBV_INT_(id), DBV_TEXT_(hash), DBV_INT_(must_change),
			     expires_ms ? DBV_INT_(expires_ms) : DBV_NULL_, DBV_INT_(now)};
	return store_one(tx, &user_set_password, p, NPARAMS(p), NULL);
}

int store_user_count(struct db_tx *tx, int64_t *ret)
{
	return store_one_int(tx, &user_count, NULL, 0, ret);
}
