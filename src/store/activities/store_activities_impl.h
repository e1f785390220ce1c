/*
 * store_activities_impl.h: the SQL pieces and row readers store_call.c and
 * store_task.c share; private to those files. Both tables alias as k and
 * join the case (c), the attendee profile (p) and the assignee (u).
 */
#ifndef FARO_STORE_CALL_IMPL_H
#define FARO_STORE_CALL_IMPL_H

#include "store/activities/store_activities.h"
#include "store/store_impl.h"

/* the columns of struct activity_rec, first in every select (ACT_NCOLS of them) */
#define ACT_COLS                                                                                   \
	"k.id, k.subject, COALESCE(k.case_id, 0), COALESCE(k.profile_id, 0), k.assigned_user_id, " \
	"COALESCE(k.reminder_minutes, -1), k.created_by, k.updated_by, k.created_ms, "             \
	"k.updated_ms, k.version, c.number, c.subject, p.display_name, u.display_name"
#define ACT_NCOLS 15
#define ACT_FROM(table)                                                                            \
	" FROM " table " k LEFT JOIN cases c ON c.id = k.case_id LEFT JOIN profiles p ON p.id = "  \
	"k.profile_id JOIN users u ON u.id = k.assigned_user_id "
/* the insert's first columns, bound by store_act_vals: $1..$5 and $6 actor, $7 now */
#define ACT_INSERT_COLS                                                                            \
	"subject, case_id, profile_id, assigned_user_id, reminder_minutes, created_by, "           \
	"updated_by, created_ms, updated_ms, version"
#define ACT_INSERT_VALS "$1, $2, $3, $4, $5, $6, $6, $7, $7, 1"
/* the update's first assignments: $1 id, $2 version read, $3..$7, $8 actor, $9 now */
#define ACT_UPDATE_SET                                                                             \
	"subject = $3, case_id = $4, profile_id = $5, assigned_user_id = $6, reminder_minutes = "  \
	"$7, updated_by = $8, updated_ms = $9, version = version + 1"
#define ACT_UPDATE_WHERE " WHERE id = $1 AND version = $2 RETURNING version"
/*
 * The list filters after the leading one (which picks the index), on the
 * time expression `when`, with the kind's open and closed conditions; the
 * parameters are those of store_act_list_vals.
 */
#define ACT_LIST_TAIL(when, open, closed)                                                          \
	" AND ($1 = 0 OR k.profile_id = $1) AND ($2 = 0 OR k.case_id = $2) AND ($3 = 0 OR "        \
	"k.assigned_user_id = $3) AND " when " >= $4 AND " when " < $5 AND ($6 = '' OR k.status "  \
	"= $6) AND ($7 = 0 OR " open ") AND ($8 = 0 OR " closed ") ORDER BY " when                 \
	", k.id LIMIT $9"
#define ACT_NLIST_VALS 9
#define ACT_NHEAD_MAX  9

/* the list statements of one kind, by the filter that leads */
struct act_list_stmts {
	const struct db_stmt *by_case, *by_profile, *by_user, *all;
};

/* store_act_fill: reads the ACT_COLS of row i into r; returns the next column. */
int store_act_fill(struct arena *a, const struct db_res *res, int i, struct activity_rec *r);
/*
 * store_act_vals: binds r's shared fields into p as ACT_INSERT_VALS (update
 * 0) or as the head of ACT_UPDATE_SET (update 1, id and version first);
 * returns how many values it wrote (at most ACT_NHEAD_MAX).
 */
int store_act_vals(const struct activity_rec *r, int update, int64_t actor, int64_t now,
		   struct db_val *p);
/* the most values a statement binds: the update's head and the task's own twelve */
#define ACT_NVALS_MAX (ACT_NHEAD_MAX + 12)

/* what one kind gives the shared code: its statements, its row reader and its own values */
struct act_store {
	const struct db_stmt *insert, *get, *update, *exists;
	struct act_list_stmts lists;
	size_t size; /* of the record */
	/* fill: reads row i (ACT_COLS, then the kind's) into the record */
	void (*fill)(struct arena *a, const struct db_res *r, int i, void *rec);
	/* vals: binds the kind's values after the shared head (update: 1 for an update); how many
	 */
	int (*vals)(const void *rec, int update, struct db_val *p);
};

#endif
