/* store_activities.c: what the call and task stores share: the common columns, values and lists.
 */
#include "core/arena.h"
#include "core/err.h"
#include "store/activities/store_activities_impl.h"
#include "core/banned.h"

#define OPT_ID(x) ((x) ? DBV_INT_(x) : DBV_NULL_)

int store_act_fill(struct arena *a, const struct db_res *res, int i, struct activity_rec *r)
{
	int c = 0;
	r->id = db_res_int(res, i, c++);
	r->subject = store_text(a, res, i, c++);
	r->case_id = db_res_int(res, i, c++);
	r->profile_id = db_res_int(res, i, c++);
	r->assigned_user_id = db_res_int(res, i, c++);
	r->reminder_minutes = db_res_int(res, i, c++);
	r->created_by = db_res_int(res, i, c++);
	r->updated_by = db_res_int(res, i, c++);
	r->created_ms = db_res_int(res, i, c++);
	r->updated_ms = db_res_int(res, i, c++);
	r->version = db_res_int(res, i, c++);
	r->case_number = store_text(a, res, i, c++);
	r->case_subject = store_text(a, res, i, c++);
	r->profile_name = store_text(a, res, i, c++);
	r->assigned_name = store_text(a, res, i, c++);
	return c;
}

int store_act_vals(const struct activity_rec *r, int update, int64_t actor, int64_t now,
		   struct db_val *p)
{
	int n = 0;
	if (update) {
		p[n++] = DBV_INT_(r->id);
		p[n++] = DBV_INT_(r->version);
	}
	p[n++] = DBV_TEXT_(r->subject);
	p[n++] = OPT_ID(r->case_id);
	p[n++] = OPT_ID(r->profile_id);
	p[n++] = DBV_INT_(r->assigned_user_id);
	p[n++] = r->reminder_minutes >= 0 ? DBV_INT_(r->reminder_minutes) : DBV_NULL_;
	p[n++] = DBV_INT_(actor);
	p[n++] = DBV_INT_(now);
	return n;
}

int store_act_insert(struct db_tx *tx, const struct act_store *k, const void *rec, int64_t actor,
		     int64_t now, int64_t *ret_id)
{
	struct db_val p[ACT_NVALS_MAX];
	int n = store_act_vals(rec, 0, actor, now, p);
	n += k->vals(rec, 0, p + n);
	return store_one_int(tx, k->insert, p, n, ret_id);
}

int store_act_get(struct db_tx *tx, struct arena *a, const struct act_store *k, int64_t id,
		  void *ret)
{
	struct db_val p[] = {DBV_INT_(id)};
	return store_row(tx, a, k->get, p, 1, k->fill, ret);
}

int store_act_update(struct db_tx *tx, const struct act_store *k, const void *rec, int64_t actor,
		     int64_t now, int64_t *ret_version)
{
	const struct activity_rec *r = rec;
	struct db_val p[ACT_NVALS_MAX];
	int n = store_act_vals(r, 1, actor, now, p);
	n += k->vals(rec, 1, p + n);
	return store_update_versioned(tx, k->update, p, n, k->exists, r->id, ret_version);
}

int store_act_list(struct db_tx *tx, struct arena *a, const struct act_store *k,
		   const struct activity_filter *f, void **ret, int *ret_n)
{
	const struct act_list_stmts *sts = &k->lists;
	struct db_val p[ACT_NLIST_VALS] = {DBV_INT_(f->profile_id),
					   DBV_INT_(f->case_id),
					   DBV_INT_(f->assigned_user_id),
					   DBV_INT_(f->from_ms),
					   DBV_INT_(f->to_ms ? f->to_ms : INT64_MAX),
					   DBV_TEXT_(f->status ? f->status : ""),
					   DBV_INT_(f->open_only),
					   DBV_INT_(f->closed_only),
					   DBV_INT_(f->limit)};
	/* the most selective filter leads, so each engine walks that index */
	const struct db_stmt *st = f->case_id		 ? sts->by_case
				   : f->profile_id	 ? sts->by_profile
				   : f->assigned_user_id ? sts->by_user
							 : sts->all;
	return store_rows(tx, a, st, p, ACT_NLIST_VALS, k->size, k->fill, ret, ret_n);
}
