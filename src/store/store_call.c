/* store_call.c: calls (Llamadas); every read joins the case, profile and assignee names for display. */
#include "store_call.h"

#include "../core/arena.h"
#include "../core/err.h"
#include "store_impl.h"
#include "../core/banned.h"

#define CALL_COLS                                                                                  \
	"k.id, k.subject, k.direction, k.status, k.start_ms, k.duration_min, COALESCE(k.case_id, 0), " \
	"COALESCE(k.profile_id, 0), k.assigned_user_id, COALESCE(k.reminder_minutes, -1), k.notes, "   \
	"k.created_by, k.updated_by, k.created_ms, k.updated_ms, k.version, c.number, c.subject, "     \
	"p.display_name, u.display_name"
#define CALL_FROM                                                                                  \
	" FROM calls k LEFT JOIN cases c ON c.id = k.case_id LEFT JOIN profiles p ON p.id = "      \
	"k.profile_id JOIN users u ON u.id = k.assigned_user_id "

static const struct db_stmt call_insert = {
    "call_insert",
    "INSERT INTO calls (subject, direction, status, start_ms, duration_min, case_id, profile_id, "
    "assigned_user_id, reminder_minutes, notes, created_by, updated_by, created_ms, updated_ms, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $12, 1) RETURNING id"};
static const struct db_stmt call_get = {"call_get",
					"SELECT " CALL_COLS CALL_FROM "WHERE k.id = $1"};
static const struct db_stmt call_update = {
    "call_update",
    "UPDATE calls SET subject = $3, direction = $4, status = $5, start_ms = $6, duration_min = $7, "
    "case_id = $8, profile_id = $9, assigned_user_id = $10, reminder_minutes = $11, notes = $12, "
    "updated_by = $13, updated_ms = $14, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
static const struct db_stmt call_exists = {"call_exists", "SELECT 1 FROM calls WHERE id = $1"};
/*
 * One list statement per leading filter, so each engine can walk its index
 * (calls_profile, calls_case, calls_assigned) instead of scanning: the
 * other conditions follow as "($n = 0 OR ...)" on the rows that index gives.
 */
#define CALL_LIST_TAIL                                                                             \
	" AND ($1 = 0 OR k.profile_id = $1) AND ($2 = 0 OR k.case_id = $2) AND ($3 = 0 OR "        \
	"k.assigned_user_id = $3) AND k.start_ms >= $4 AND k.start_ms < $5 AND ($6 = '' OR "       \
	"k.status = $6) AND ($7 = 0 OR k.status = 'planned') AND ($8 = 0 OR k.status <> "          \
	"'planned') ORDER BY k.start_ms, k.id LIMIT $9"
static const struct db_stmt call_list_profile = {
    "call_list_profile", "SELECT " CALL_COLS CALL_FROM "WHERE k.profile_id = $1" CALL_LIST_TAIL};
static const struct db_stmt call_list_case = {
    "call_list_case", "SELECT " CALL_COLS CALL_FROM "WHERE k.case_id = $2" CALL_LIST_TAIL};
static const struct db_stmt call_list_user = {
    "call_list_user", "SELECT " CALL_COLS CALL_FROM "WHERE k.assigned_user_id = $3" CALL_LIST_TAIL};
static const struct db_stmt call_list_all = {
    "call_list_all", "SELECT " CALL_COLS CALL_FROM "WHERE k.start_ms >= $4" CALL_LIST_TAIL};

static void call_from_row(struct arena *a, const struct db_res *r, int i, struct call_rec *c)
{
	c->id = db_res_int(r, i, 0);
	c->subject = store_text(a, r, i, 1);
	c->direction = store_text(a, r, i, 2);
	c->status = store_text(a, r, i, 3);
	c->start_ms = db_res_int(r, i, 4);
	c->duration_min = db_res_int(r, i, 5);
	c->case_id = db_res_int(r, i, 6);
	c->profile_id = db_res_int(r, i, 7);
	c->assigned_user_id = db_res_int(r, i, 8);
	c->reminder_minutes = db_res_int(r, i, 9);
	c->notes = store_text(a, r, i, 10);
	c->created_by = db_res_int(r, i, 11);
	c->updated_by = db_res_int(r, i, 12);
	c->created_ms = db_res_int(r, i, 13);
	c->updated_ms = db_res_int(r, i, 14);
	c->version = db_res_int(r, i, 15);
	c->case_number = store_text(a, r, i, 16);
	c->case_subject = store_text(a, r, i, 17);
	c->profile_name = store_text(a, r, i, 18);
	c->assigned_name = store_text(a, r, i, 19);
}

#define OPT_ID(x) ((x) ? DBV_INT_(x) : DBV_NULL_)

int store_call_insert(struct db_tx *tx, const struct call_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_id)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(c->subject),
			     DBV_TEXT_(c->direction),
			     DBV_TEXT_(c->status),
			     DBV_INT_(c->start_ms),
			     DBV_INT_(c->duration_min),
			     OPT_ID(c->case_id),
			     OPT_ID(c->profile_id),
			     DBV_INT_(c->assigned_user_id),
			     c->reminder_minutes >= 0 ? DBV_INT_(c->reminder_minutes) : DBV_NULL_,
			     DBV_TEXT_(c->notes),
			     DBV_INT_(actor),
			     DBV_INT_(now)};
	int rc = store_one(tx, &call_insert, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	*ret_id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_call_get(struct db_tx *tx, struct arena *a, int64_t id, struct call_rec *ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(id)};
	int rc = store_one(tx, &call_get, p, 1, &r);
	if (rc)
		return rc;
	call_from_row(a, r, 0, ret);
	db_res_free(r);
	return 0;
}

int store_call_update(struct db_tx *tx, const struct call_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_version)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(c->id),
			     DBV_INT_(c->version),
			     DBV_TEXT_(c->subject),
			     DBV_TEXT_(c->direction),
			     DBV_TEXT_(c->status),
			     DBV_INT_(c->start_ms),
			     DBV_INT_(c->duration_min),
			     OPT_ID(c->case_id),
			     OPT_ID(c->profile_id),
			     DBV_INT_(c->assigned_user_id),
			     c->reminder_minutes >= 0 ? DBV_INT_(c->reminder_minutes) : DBV_NULL_,
			     DBV_TEXT_(c->notes),
			     DBV_INT_(actor),
			     DBV_INT_(now)};
	int rc = store_one(tx, &call_update, p, NPARAMS(p), &r);
	if (rc == ERR_NOT_FOUND) {
		struct db_val k = DBV_INT_(c->id);
		if (!store_one(tx, &call_exists, &k, 1, &r)) {
			db_res_free(r);
			return ERR_CONFLICT;
		}
		return ERR_NOT_FOUND;
	}
	if (rc)
		return rc;
	*ret_version = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_call_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct call_rec **ret, int *ret_n)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(f->profile_id),
			     DBV_INT_(f->case_id),
			     DBV_INT_(f->assigned_user_id),
			     DBV_INT_(f->from_ms),
			     DBV_INT_(f->to_ms ? f->to_ms : INT64_MAX),
			     DBV_TEXT_(f->status ? f->status : ""),
			     DBV_INT_(f->open_only),
			     DBV_INT_(f->closed_only),
			     DBV_INT_(f->limit)};
	const struct db_stmt *st = f->case_id		? &call_list_case
				   : f->profile_id	? &call_list_profile
				   : f->assigned_user_id ? &call_list_user
							 : &call_list_all;
	int rc = db_exec(tx, st, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct call_rec *cs = arena_alloc(a, sizeof(*cs) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		call_from_row(a, r, i, &cs[i]);
	db_res_free(r);
	*ret = cs;
	*ret_n = n;
	return 0;
}
