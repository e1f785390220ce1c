/* store_activities_refs.c: what calls and tasks read of cases and profiles (the people area's tables),
 * read only. */
#include "core/arena.h"
#include "core/err.h"
#include "store/activities/store_activities.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define CASE_COLS                                                                                  \
	"c.id, c.profile_id, c.created_ms, COALESCE(c.assigned_user_id, 0), c.number, c.subject, " \
	"c.status, p.display_name"
#define CASE_FROM " FROM cases c JOIN profiles p ON p.id = c.profile_id "

static const struct db_stmt case_get = {"call_case_get",
					"SELECT " CASE_COLS CASE_FROM "WHERE c.id = $1"};
static const struct db_stmt profile_exists = {"call_profile_exists",
					      "SELECT 1 FROM profiles WHERE id = $1"};
/* "Relacionado con": the newest case first (seed 000) */
static const struct db_stmt case_list = {
    "call_case_list", "SELECT " CASE_COLS CASE_FROM "WHERE ($1 = 0 OR c.profile_id = $1) "
		      "ORDER BY c.created_ms DESC, c.id DESC LIMIT $2"};
static const struct db_stmt case_open = {
    "call_case_open", "SELECT " CASE_COLS CASE_FROM "WHERE c.assigned_user_id = $1 AND c.status "
		      "<> 'closed' ORDER BY c.created_ms DESC, c.id DESC LIMIT $2"};

static void case_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct case_brief *c = rec;
	c->id = db_res_int(r, i, 0);
	c->profile_id = db_res_int(r, i, 1);
	c->created_ms = db_res_int(r, i, 2);
	c->assigned_user_id = db_res_int(r, i, 3);
	c->number = store_text(a, r, i, 4);
	c->subject = store_text(a, r, i, 5);
	c->status = store_text(a, r, i, 6);
	c->profile_name = store_text(a, r, i, 7);
}

static int case_rows(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
		     const struct db_val *p, int np, struct case_brief **ret, int *ret_n)
{
	void *rows;
	int rc = store_rows(tx, a, st, p, np, sizeof(**ret), case_from_row, &rows, ret_n);
	if (!rc)
		*ret = rows;
	return rc;
}

int store_call_case(struct db_tx *tx, struct arena *a, int64_t id, struct case_brief *ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(id)};
	int rc = store_one(tx, &case_get, p, 1, &r);
	if (rc)
		return rc;
	case_from_row(a, r, 0, ret);
	db_res_free(r);
	return 0;
}

int store_call_profile_exists(struct db_tx *tx, int64_t id)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(id)};
	int rc = store_one(tx, &profile_exists, p, 1, &r);
	if (!rc)
		db_res_free(r);
	return rc;
}

int store_call_cases(struct db_tx *tx, struct arena *a, int64_t profile_id, int limit,
		     struct case_brief **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(profile_id), DBV_INT_(limit)};
	return case_rows(tx, a, &case_list, p, NPARAMS(p), ret, ret_n);
}

int store_call_open_cases(struct db_tx *tx, struct arena *a, int64_t user_id, int limit,
			  struct case_brief **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(limit)};
	return case_rows(tx, a, &case_open, p, NPARAMS(p), ret, ret_n);
}
