/* store_calls.c: calls (Llamadas); every read joins the case, profile and assignee names for
 * display. */
#include "core/arena.h"
#include "core/err.h"
#include "store/activities/store_activities_impl.h"
#include "core/banned.h"

#define CALL_COLS ACT_COLS ", k.direction, k.status, k.start_ms, k.duration_min, k.notes"
#define CALL_FROM ACT_FROM("calls")

static const struct db_stmt call_insert = {
    "call_insert", "INSERT INTO calls (" ACT_INSERT_COLS
		   ", direction, status, start_ms, duration_min, notes) VALUES (" ACT_INSERT_VALS
		   ", $8, $9, $10, $11, $12) RETURNING id"};
static const struct db_stmt call_get = {"call_get",
					"SELECT " CALL_COLS CALL_FROM "WHERE k.id = $1"};
static const struct db_stmt call_update = {
    "call_update", "UPDATE calls SET " ACT_UPDATE_SET ", direction = $10, status = $11, start_ms = "
		   "$12, duration_min = $13, notes = $14" ACT_UPDATE_WHERE};
static const struct db_stmt call_exists = {"call_exists", "SELECT 1 FROM calls WHERE id = $1"};
/*
 * One list statement per leading filter, so each engine can walk its index
 * (calls_profile, calls_case, calls_assigned) instead of scanning: the
 * other conditions follow as "($n = 0 OR ...)" on the rows that index gives.
 */
#define CALL_LIST_TAIL ACT_LIST_TAIL("k.start_ms", "k.status = 'planned'", "k.status <> 'planned'")
static const struct db_stmt call_list_profile = {
    "call_list_profile", "SELECT " CALL_COLS CALL_FROM "WHERE k.profile_id = $1" CALL_LIST_TAIL};
static const struct db_stmt call_list_case = {
    "call_list_case", "SELECT " CALL_COLS CALL_FROM "WHERE k.case_id = $2" CALL_LIST_TAIL};
static const struct db_stmt call_list_user = {
    "call_list_user", "SELECT " CALL_COLS CALL_FROM "WHERE k.assigned_user_id = $3" CALL_LIST_TAIL};
static const struct db_stmt call_list_all = {
    "call_list_all", "SELECT " CALL_COLS CALL_FROM "WHERE k.start_ms >= $4" CALL_LIST_TAIL};
static void call_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct call_rec *k = rec;
	int c = store_act_fill(a, r, i, &k->act);
	k->direction = store_text(a, r, i, c++);
	k->status = store_text(a, r, i, c++);
	k->start_ms = db_res_int(r, i, c++);
	k->duration_min = db_res_int(r, i, c++);
	k->notes = store_text(a, r, i, c++);
}

/* the values after the shared head: direction, status, start, duration, notes */
static int call_vals(const void *rec, int update, struct db_val *p)
{
	const struct call_rec *c = rec;
	int n = 0;
	(void)update; /* an update binds the same */
	p[n++] = DBV_TEXT_(c->direction);
	p[n++] = DBV_TEXT_(c->status);
	p[n++] = DBV_INT_(c->start_ms);
	p[n++] = DBV_INT_(c->duration_min);
	p[n++] = DBV_TEXT_(c->notes);
	return n;
}

const struct act_store store_calls = {
    .insert = &call_insert,
    .get = &call_get,
    .update = &call_update,
    .exists = &call_exists,
    .lists = {&call_list_case, &call_list_profile, &call_list_user, &call_list_all},
    .size = sizeof(struct call_rec),
    .fill = call_from_row,
    .vals = call_vals,
};

int store_call_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct call_rec **ret, int *ret_n)
{
	void *rows;
	int rc = store_act_list(tx, a, &store_calls, f, &rows, ret_n);
	if (!rc)
		*ret = rows;
	return rc;
}
