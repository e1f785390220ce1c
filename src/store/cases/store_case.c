/* store_case.c: cases, their yearly numbers and lists. */
#include "store/cases/store_case.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

/* the upsert takes the counter row's lock (PostgreSQL) or runs under the one writer (SQLite) */
static const struct db_stmt next_number = {
    "case_next_number", "INSERT INTO case_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) "
			"DO UPDATE SET last = case_counters.last + 1 RETURNING last"};
static const struct db_stmt case_insert = {
    "case_insert",
    "INSERT INTO cases (number, profile_id, subject, description, status, priority, category, "
    "assigned_user_id, opened_ms, closed_ms, created_by, updated_by, created_ms, updated_ms, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $9, $9, 1) RETURNING id"};
static const struct db_stmt case_update = {
    "case_update",
    "UPDATE cases SET subject = $3, description = $4, status = $5, priority = $6, category = $7, "
    "assigned_user_id = $8, closed_ms = $9, updated_by = $10, updated_ms = $11, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
static const struct db_stmt case_exists = {"case_exists", "SELECT 1 FROM cases WHERE id = $1"};
#define CASE_SELECT                                                                                \
	"SELECT c.id, c.number, c.profile_id, c.subject, c.description, c.status, c.priority, "    \
	"c.category, COALESCE(c.assigned_user_id, 0), c.opened_ms, COALESCE(c.closed_ms, 0), "     \
	"COALESCE(c.created_by, 0), COALESCE(c.updated_by, 0), c.created_ms, c.updated_ms, "       \
	"c.version, p.display_name, p.anonymous, au.display_name, cu.display_name, "               \
	"uu.display_name FROM cases c JOIN profiles p ON p.id = c.profile_id "                     \
	"LEFT JOIN users au ON au.id = c.assigned_user_id "                                        \
	"LEFT JOIN users cu ON cu.id = c.created_by LEFT JOIN users uu ON uu.id = c.updated_by "
static const struct db_stmt case_get = {"case_get", CASE_SELECT "WHERE c.id = $1"};
/* one text for every filter: a zero or NULL parameter leaves its filter out */
static const struct db_stmt case_list = {"case_list", CASE_SELECT
					 "WHERE (c.assigned_user_id = $1 OR $1 = 0) "
					 "AND (c.status = $2 OR CAST($2 AS TEXT) IS NULL) "
					 "AND (c.status <> 'closed' OR $3 = 0) "
					 "AND (c.profile_id = $4 OR $4 = 0) AND c.id < $5 "
					 "ORDER BY c.id DESC LIMIT $6"};

/* the fields a user edits, $3..$8 of both case_insert and case_update, bound from c into v */
static void bind_fields(const struct case_rec *c, struct db_val v[6])
{
	const struct db_val f[6] = {
	    DBV_TEXT_(c->subject),
	    DBV_TEXT_(c->description),
	    DBV_TEXT_(c->status),
	    DBV_TEXT_(c->priority),
	    DBV_TEXT_(c->category),
	    c->assigned_user_id ? DBV_INT_(c->assigned_user_id) : DBV_NULL_};
	memcpy(v, f, sizeof(f));
}

int store_case_next_number(struct db_tx *tx, int year, int64_t *ret_n)
{
	struct db_val v = DBV_INT_(year);
	return store_one_int(tx, &next_number, &v, 1, ret_n);
}

int store_case_insert(struct db_tx *tx, const struct case_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_id)
{
	struct db_val v[11] = {DBV_TEXT_(c->number), DBV_INT_(c->profile_id)};
	bind_fields(c, v + 2);
	v[8] = DBV_INT_(now);
	v[9] = c->closed_ms ? DBV_INT_(c->closed_ms) : DBV_NULL_;
	v[10] = actor ? DBV_INT_(actor) : DBV_NULL_;
	return store_one_int(tx, &case_insert, v, NPARAMS(v), ret_id);
}

static void case_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct case_rec *c = rec;
	c->id = db_res_int(r, i, 0);
	c->number = store_text(a, r, i, 1);
	c->profile_id = db_res_int(r, i, 2);
	c->subject = store_text(a, r, i, 3);
	c->description = store_text(a, r, i, 4);
	c->status = store_text(a, r, i, 5);
	c->priority = store_text(a, r, i, 6);
	c->category = store_text(a, r, i, 7);
	c->assigned_user_id = db_res_int(r, i, 8);
	c->opened_ms = db_res_int(r, i, 9);
	c->closed_ms = db_res_int(r, i, 10);
	c->created_by = db_res_int(r, i, 11);
	c->updated_by = db_res_int(r, i, 12);
	c->created_ms = db_res_int(r, i, 13);
	c->updated_ms = db_res_int(r, i, 14);
	c->version = db_res_int(r, i, 15);
	c->profile_name = store_text(a, r, i, 16);
	c->profile_anonymous = (int)db_res_int(r, i, 17);
	c->assigned_name = store_text(a, r, i, 18);
	c->created_by_name = store_text(a, r, i, 19);
	c->updated_by_name = store_text(a, r, i, 20);
}

int store_case_get(struct db_tx *tx, struct arena *a, int64_t id, struct case_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &case_get, &k, 1, case_from_row, ret);
}

int store_case_update(struct db_tx *tx, const struct case_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_version)
{
	struct db_val v[11] = {DBV_INT_(c->id), DBV_INT_(c->version)};
	bind_fields(c, v + 2);
	v[8] = c->closed_ms ? DBV_INT_(c->closed_ms) : DBV_NULL_;
	v[9] = actor ? DBV_INT_(actor) : DBV_NULL_;
	v[10] = DBV_INT_(now);
	return store_update_versioned(tx, &case_update, v, NPARAMS(v), &case_exists, c->id,
				      ret_version);
}

int store_case_list(struct db_tx *tx, struct arena *a, const struct case_filter *f,
		    struct case_rec **ret, int *ret_n)
{
	struct db_val v[] = {DBV_INT_(f->assigned_user_id),
			     DBV_TEXT_(f->status),
			     DBV_INT_(f->active_only),
			     DBV_INT_(f->profile_id),
			     DBV_INT_(f->before_id > 0 ? f->before_id : INT64_MAX),
			     DBV_INT_(f->limit)};
	return STORE_LIST(tx, a, &case_list, v, NPARAMS(v), case_from_row, ret, ret_n);
}
