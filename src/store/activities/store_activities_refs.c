/* store_activities_refs.c: what calls and tasks read of cases and profiles, asked of the cases and
 * people areas through their headers (those areas own the tables). */
#include "core/arena.h"
#include "core/err.h"
#include "store/activities/store_activities.h"
#include "store/cases/store_case.h"
#include "store/people/store_profile.h"
#include "core/banned.h"

static void brief_from_case(const struct case_rec *c, struct case_brief *ret)
{
	ret->id = c->id;
	ret->profile_id = c->profile_id;
	ret->created_ms = c->created_ms;
	ret->assigned_user_id = c->assigned_user_id;
	ret->number = c->number;
	ret->subject = c->subject;
	ret->status = c->status;
	ret->profile_name = c->profile_name;
}

/* the cases area's list, newest first (its ids grow with creation time), cut down to briefs */
static int briefs(struct db_tx *tx, struct arena *a, const struct case_filter *f,
		  struct case_brief **ret, int *ret_n)
{
	struct case_rec *cs;
	int n;
	int rc = store_case_list(tx, a, f, &cs, &n);
	if (rc)
		goto out;
	struct case_brief *b = arena_alloc(a, sizeof(*b) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		brief_from_case(&cs[i], &b[i]);
	*ret = b;
	*ret_n = n;
out:
	return rc;
}

int store_call_case(struct db_tx *tx, struct arena *a, int64_t id, struct case_brief *ret)
{
	struct case_rec c;
	int rc = store_case_get(tx, a, id, &c);
	if (!rc)
		brief_from_case(&c, ret);
	return rc;
}

int store_call_profile_exists(struct db_tx *tx, int64_t id)
{
	return store_profile_exists(tx, id);
}

int store_call_cases(struct db_tx *tx, struct arena *a, int64_t profile_id, int limit,
		     struct case_brief **ret, int *ret_n)
{
	struct case_filter f = {.profile_id = profile_id, .limit = limit};
	return briefs(tx, a, &f, ret, ret_n);
}

int store_call_open_cases(struct db_tx *tx, struct arena *a, int64_t user_id, int limit,
			  struct case_brief **ret, int *ret_n)
{
	struct case_filter f = {.assigned_user_id = user_id, .active_only = 1, .limit = limit};
	return briefs(tx, a, &f, ret, ret_n);
}
