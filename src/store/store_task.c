/* store_task.c: tasks (Tareas) and the Activar Ruta request a task may carry. */
#include "../core/arena.h"
#include "../core/err.h"
#include "store_call.h"
#include "store_impl.h"
#include "../core/banned.h"

#define TASK_COLS                                                                                  \
	"k.id, k.subject, k.description, COALESCE(k.due_ms, 0), k.status, k.priority, "            \
	"COALESCE(k.case_id, 0), COALESCE(k.profile_id, 0), k.assigned_user_id, "                  \
	"COALESCE(k.reminder_minutes, -1), COALESCE(k.completed_ms, 0), k.route_type, "            \
	"k.route_state, COALESCE(k.route_requested_ms, 0), COALESCE(k.route_acknowledged_ms, 0), " \
	"COALESCE(k.route_acknowledged_by, 0), COALESCE(k.route_completed_ms, 0), "                \
	"COALESCE(k.route_completed_by, 0), k.created_by, k.updated_by, k.created_ms, "            \
	"k.updated_ms, k.version, c.number, c.subject, p.display_name, u.display_name, "           \
	"cu.display_name"
#define TASK_FROM                                                                                  \
	" FROM tasks k LEFT JOIN cases c ON c.id = k.case_id LEFT JOIN profiles p ON p.id = "      \
	"k.profile_id JOIN users u ON u.id = k.assigned_user_id JOIN users cu ON cu.id = "         \
	"k.created_by "

static const struct db_stmt task_insert = {
    "task_insert",
    "INSERT INTO tasks (subject, description, due_ms, status, priority, case_id, profile_id, "
    "assigned_user_id, reminder_minutes, completed_ms, route_type, route_state, "
    "route_requested_ms, created_by, updated_by, created_ms, updated_ms, version) VALUES ($1, $2, "
    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $15, 1) RETURNING id"};
static const struct db_stmt task_get = {"task_get",
					"SELECT " TASK_COLS TASK_FROM "WHERE k.id = $1"};
static const struct db_stmt task_update = {
    "task_update",
    "UPDATE tasks SET subject = $3, description = $4, due_ms = $5, status = $6, priority = $7, "
    "case_id = $8, profile_id = $9, assigned_user_id = $10, reminder_minutes = $11, completed_ms "
    "= $12, route_type = $13, route_state = $14, route_requested_ms = $15, route_acknowledged_ms "
    "= $16, route_acknowledged_by = $17, route_completed_ms = $18, route_completed_by = $19, "
    "updated_by = $20, updated_ms = $21, version = version + 1 WHERE id = $1 AND version = $2 "
    "RETURNING version"};
static const struct db_stmt task_exists = {"task_exists", "SELECT 1 FROM tasks WHERE id = $1"};
/* one list statement per leading filter, as in store_call.c, so the indexes serve */
#define TASK_LIST_TAIL                                                                             \
	" AND ($1 = 0 OR k.profile_id = $1) AND ($2 = 0 OR k.case_id = $2) AND ($3 = 0 OR "        \
	"k.assigned_user_id = $3) AND COALESCE(k.due_ms, k.created_ms) >= $4 AND "                 \
	"COALESCE(k.due_ms, k.created_ms) < $5 AND ($6 = '' OR k.status = $6) AND ($7 = 0 OR "     \
	"k.status <> 'completed') AND ($8 = 0 OR k.status = 'completed') "                         \
	"ORDER BY COALESCE(k.due_ms, k.created_ms), k.id LIMIT $9"
static const struct db_stmt task_list_profile = {
    "task_list_profile", "SELECT " TASK_COLS TASK_FROM "WHERE k.profile_id = $1" TASK_LIST_TAIL};
static const struct db_stmt task_list_case = {
    "task_list_case", "SELECT " TASK_COLS TASK_FROM "WHERE k.case_id = $2" TASK_LIST_TAIL};
static const struct db_stmt task_list_user = {
    "task_list_user", "SELECT " TASK_COLS TASK_FROM "WHERE k.assigned_user_id = $3" TASK_LIST_TAIL};
static const struct db_stmt task_list_all = {
    "task_list_all", "SELECT " TASK_COLS TASK_FROM "WHERE 1 = 1" TASK_LIST_TAIL};
static const struct db_stmt task_routes = {
    "task_routes", "SELECT " TASK_COLS TASK_FROM
		   "WHERE k.route_type IS NOT NULL AND (($1 = '' AND k.route_state <> 'completed') "
		   "OR k.route_state = $1) ORDER BY k.route_requested_ms DESC, k.id DESC LIMIT $2"};

static void task_from_row(struct arena *a, const struct db_res *r, int i, struct task_rec *t)
{
	int c = 0;
	t->id = db_res_int(r, i, c++);
	t->subject = store_text(a, r, i, c++);
	t->description = store_text(a, r, i, c++);
	t->due_ms = db_res_int(r, i, c++);
	t->status = store_text(a, r, i, c++);
	t->priority = store_text(a, r, i, c++);
	t->case_id = db_res_int(r, i, c++);
	t->profile_id = db_res_int(r, i, c++);
	t->assigned_user_id = db_res_int(r, i, c++);
	t->reminder_minutes = db_res_int(r, i, c++);
	t->completed_ms = db_res_int(r, i, c++);
	t->route_type = store_text(a, r, i, c++);
	t->route_state = store_text(a, r, i, c++);
	t->route_requested_ms = db_res_int(r, i, c++);
	t->route_acknowledged_ms = db_res_int(r, i, c++);
	t->route_acknowledged_by = db_res_int(r, i, c++);
	t->route_completed_ms = db_res_int(r, i, c++);
	t->route_completed_by = db_res_int(r, i, c++);
	t->created_by = db_res_int(r, i, c++);
	t->updated_by = db_res_int(r, i, c++);
	t->created_ms = db_res_int(r, i, c++);
	t->updated_ms = db_res_int(r, i, c++);
	t->version = db_res_int(r, i, c++);
	t->case_number = store_text(a, r, i, c++);
	t->case_subject = store_text(a, r, i, c++);
	t->profile_name = store_text(a, r, i, c++);
	t->assigned_name = store_text(a, r, i, c++);
	t->created_name = store_text(a, r, i, c++);
}

#define OPT_INT(x) ((x) ? DBV_INT_(x) : DBV_NULL_)

int store_task_insert(struct db_tx *tx, const struct task_rec *t, int64_t actor, int64_t now,
		      int64_t *ret_id)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(t->subject),
			     DBV_TEXT_(t->description),
			     OPT_INT(t->due_ms),
			     DBV_TEXT_(t->status),
			     DBV_TEXT_(t->priority),
			     OPT_INT(t->case_id),
			     OPT_INT(t->profile_id),
			     DBV_INT_(t->assigned_user_id),
			     t->reminder_minutes >= 0 ? DBV_INT_(t->reminder_minutes) : DBV_NULL_,
			     OPT_INT(t->completed_ms),
			     DBV_TEXT_(t->route_type),
			     DBV_TEXT_(t->route_state),
			     OPT_INT(t->route_requested_ms),
			     DBV_INT_(actor),
			     DBV_INT_(now)};
	int rc = store_one(tx, &task_insert, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	*ret_id = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_task_get(struct db_tx *tx, struct arena *a, int64_t id, struct task_rec *ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(id)};
	int rc = store_one(tx, &task_get, p, 1, &r);
	if (rc)
		return rc;
	task_from_row(a, r, 0, ret);
	db_res_free(r);
	return 0;
}

int store_task_update(struct db_tx *tx, const struct task_rec *t, int64_t actor, int64_t now,
		      int64_t *ret_version)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(t->id),
			     DBV_INT_(t->version),
			     DBV_TEXT_(t->subject),
			     DBV_TEXT_(t->description),
			     OPT_INT(t->due_ms),
			     DBV_TEXT_(t->status),
			     DBV_TEXT_(t->priority),
			     OPT_INT(t->case_id),
			     OPT_INT(t->profile_id),
			     DBV_INT_(t->assigned_user_id),
			     t->reminder_minutes >= 0 ? DBV_INT_(t->reminder_minutes) : DBV_NULL_,
			     OPT_INT(t->completed_ms),
			     DBV_TEXT_(t->route_type),
			     DBV_TEXT_(t->route_state),
			     OPT_INT(t->route_requested_ms),
			     OPT_INT(t->route_acknowledged_ms),
			     OPT_INT(t->route_acknowledged_by),
			     OPT_INT(t->route_completed_ms),
			     OPT_INT(t->route_completed_by),
			     DBV_INT_(actor),
			     DBV_INT_(now)};
	int rc = store_one(tx, &task_update, p, NPARAMS(p), &r);
	if (rc == ERR_NOT_FOUND) {
		struct db_val k = DBV_INT_(t->id);
		if (!store_one(tx, &task_exists, &k, 1, &r)) {
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

static int task_rows(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
		     const struct db_val *p, int np, struct task_rec **ret, int *ret_n)
{
	struct db_res *r;
	int rc = db_exec(tx, st, p, np, &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct task_rec *ts = arena_alloc(a, sizeof(*ts) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		task_from_row(a, r, i, &ts[i]);
	db_res_free(r);
	*ret = ts;
	*ret_n = n;
	return 0;
}

int store_task_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct task_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(f->profile_id),
			     DBV_INT_(f->case_id),
			     DBV_INT_(f->assigned_user_id),
			     DBV_INT_(f->from_ms),
			     DBV_INT_(f->to_ms ? f->to_ms : INT64_MAX),
			     DBV_TEXT_(f->status ? f->status : ""),
			     DBV_INT_(f->open_only),
			     DBV_INT_(f->closed_only),
			     DBV_INT_(f->limit)};
	const struct db_stmt *st = f->case_id		? &task_list_case
				   : f->profile_id	? &task_list_profile
				   : f->assigned_user_id ? &task_list_user
							 : &task_list_all;
	return task_rows(tx, a, st, p, NPARAMS(p), ret, ret_n);
}

int store_task_routes(struct db_tx *tx, struct arena *a, const char *state, int limit,
		      struct task_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_TEXT_(state ? state : ""), DBV_INT_(limit)};
	return task_rows(tx, a, &task_routes, p, NPARAMS(p), ret, ret_n);
}
