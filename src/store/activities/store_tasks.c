/* store_tasks.c: tasks (Tareas) and the Activar Ruta request a task may carry. */
#include "core/arena.h"
#include "core/err.h"
#include "store/activities/store_activities_impl.h"
#include "core/banned.h"

#define TASK_COLS                                                                                  \
	ACT_COLS ", k.description, COALESCE(k.due_ms, 0), k.status, k.priority, "                  \
		 "COALESCE(k.completed_ms, 0), k.route_type, k.route_state, "                      \
		 "COALESCE(k.route_requested_ms, 0), COALESCE(k.route_acknowledged_ms, 0), "       \
		 "COALESCE(k.route_acknowledged_by, 0), COALESCE(k.route_completed_ms, 0), "       \
		 "COALESCE(k.route_completed_by, 0), cu.display_name"
#define TASK_FROM ACT_FROM("tasks") "JOIN users cu ON cu.id = k.created_by "

static const struct db_stmt task_insert = {
    "task_insert",
    "INSERT INTO tasks (" ACT_INSERT_COLS
    ", description, due_ms, status, priority, completed_ms, route_type, route_state, "
    "route_requested_ms) VALUES (" ACT_INSERT_VALS
    ", $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"};
static const struct db_stmt task_get = {"task_get",
					"SELECT " TASK_COLS TASK_FROM "WHERE k.id = $1"};
static const struct db_stmt task_update = {
    "task_update",
    "UPDATE tasks SET " ACT_UPDATE_SET ", description = $10, due_ms = $11, status = $12, "
    "priority = $13, completed_ms = $14, route_type = $15, route_state = $16, "
    "route_requested_ms = $17, route_acknowledged_ms = $18, route_acknowledged_by = $19, "
    "route_completed_ms = $20, route_completed_by = $21" ACT_UPDATE_WHERE};
static const struct db_stmt task_exists = {"task_exists", "SELECT 1 FROM tasks WHERE id = $1"};
/* one list statement per leading filter, as in store_call.c, so the indexes serve */
#define TASK_LIST_TAIL                                                                             \
	ACT_LIST_TAIL("COALESCE(k.due_ms, k.created_ms)", "k.status <> 'completed'",               \
		      "k.status = 'completed'")
static const struct db_stmt task_list_profile = {
    "task_list_profile", "SELECT " TASK_COLS TASK_FROM "WHERE k.profile_id = $1" TASK_LIST_TAIL};
static const struct db_stmt task_list_case = {
    "task_list_case", "SELECT " TASK_COLS TASK_FROM "WHERE k.case_id = $2" TASK_LIST_TAIL};
static const struct db_stmt task_list_user = {
    "task_list_user", "SELECT " TASK_COLS TASK_FROM "WHERE k.assigned_user_id = $3" TASK_LIST_TAIL};
static const struct db_stmt task_list_all = {"task_list_all", "SELECT " TASK_COLS TASK_FROM
							      "WHERE 1 = 1" TASK_LIST_TAIL};
static const struct db_stmt task_routes = {
    "task_routes", "SELECT " TASK_COLS TASK_FROM
		   "WHERE k.route_type IS NOT NULL AND (($1 = '' AND k.route_state <> 'completed') "
		   "OR k.route_state = $1) ORDER BY k.route_requested_ms DESC, k.id DESC LIMIT $2"};

static void task_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct task_rec *t = rec;
	int c = store_act_fill(a, r, i, &t->act);
	t->description = store_text(a, r, i, c++);
	t->due_ms = db_res_int(r, i, c++);
	t->status = store_text(a, r, i, c++);
	t->priority = store_text(a, r, i, c++);
	t->completed_ms = db_res_int(r, i, c++);
	t->route_type = store_text(a, r, i, c++);
	t->route_state = store_text(a, r, i, c++);
	t->route_requested_ms = db_res_int(r, i, c++);
	t->route_acknowledged_ms = db_res_int(r, i, c++);
	t->route_acknowledged_by = db_res_int(r, i, c++);
	t->route_completed_ms = db_res_int(r, i, c++);
	t->route_completed_by = db_res_int(r, i, c++);
	t->created_name = store_text(a, r, i, c++);
}

#define OPT_INT(x) ((x) ? DBV_INT_(x) : DBV_NULL_)

/* the values after the shared head; an insert stops after the route's request */
static int task_vals(const void *rec, int update, struct db_val *p)
{
	const struct task_rec *t = rec;
	int n = 0;
	p[n++] = DBV_TEXT_(t->description);
	p[n++] = OPT_INT(t->due_ms);
	p[n++] = DBV_TEXT_(t->status);
	p[n++] = DBV_TEXT_(t->priority);
	p[n++] = OPT_INT(t->completed_ms);
	p[n++] = DBV_TEXT_(t->route_type);
	p[n++] = DBV_TEXT_(t->route_state);
	p[n++] = OPT_INT(t->route_requested_ms);
	if (update) {
		p[n++] = OPT_INT(t->route_acknowledged_ms);
		p[n++] = OPT_INT(t->route_acknowledged_by);
		p[n++] = OPT_INT(t->route_completed_ms);
		p[n++] = OPT_INT(t->route_completed_by);
	}
	return n;
}

const struct act_store store_tasks = {
    .insert = &task_insert,
    .get = &task_get,
    .update = &task_update,
    .exists = &task_exists,
    .lists = {&task_list_case, &task_list_profile, &task_list_user, &task_list_all},
    .size = sizeof(struct task_rec),
    .fill = task_from_row,
    .vals = task_vals,
};

int store_task_get(struct db_tx *tx, struct arena *a, int64_t id, struct task_rec *ret)
{
	return store_act_get(tx, a, &store_tasks, id, ret);
}

int store_task_update(struct db_tx *tx, const struct task_rec *t, int64_t actor, int64_t now,
		      int64_t *ret_version)
{
	return store_act_update(tx, &store_tasks, t, actor, now, ret_version);
}

int store_task_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct task_rec **ret, int *ret_n)
{
	void *rows;
	int rc = store_act_list(tx, a, &store_tasks, f, &rows, ret_n);
	if (!rc)
		*ret = rows;
	return rc;
}

int store_task_routes(struct db_tx *tx, struct arena *a, const char *state, int limit,
		      struct task_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_TEXT_(state ? state : ""), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &task_routes, p, NPARAMS(p), task_from_row, ret, ret_n);
}
