/* store_reminder.c: reminders of planned calls and open tasks; firing is one conditional UPDATE. */
#include "store/activities/store_reminder.h"

#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define REMINDER_COLS                                                                              \
	"id, owner_type, owner_id, user_id, title, at_ms, due_ms, COALESCE(fired_ms, 0), version"

static const struct db_stmt rem_of = {"reminder_of",
				      "SELECT " REMINDER_COLS
				      " FROM reminders WHERE owner_type = $1 AND owner_id = $2"};
static const struct db_stmt rem_get = {"reminder_get",
				       "SELECT " REMINDER_COLS " FROM reminders WHERE id = $1"};
static const struct db_stmt rem_insert = {"reminder_insert",
					  "INSERT INTO reminders (owner_type, owner_id, user_id, "
					  "title, at_ms, due_ms, fired_ms, version) "
					  "VALUES ($1, $2, $3, $4, $5, $6, NULL, 1)"};
static const struct db_stmt rem_rearm = {
    "reminder_rearm", "UPDATE reminders SET user_id = $2, title = $3, at_ms = $4, due_ms = $5, "
		      "fired_ms = NULL, dismissed_ms = NULL, version = version + 1 WHERE id = $1"};
static const struct db_stmt rem_retitle = {
    "reminder_retitle", "UPDATE reminders SET title = $2, at_ms = $3 WHERE id = $1"};
static const struct db_stmt rem_delete = {"reminder_delete", "DELETE FROM reminders WHERE id = $1"};
static const struct db_stmt rem_claim = {
    "reminder_claim",
    "UPDATE reminders SET fired_ms = $1, version = version + 1 WHERE id IN (SELECT id FROM "
    "reminders WHERE fired_ms IS NULL AND due_ms <= $1 ORDER BY due_ms LIMIT $2) AND fired_ms IS "
    "NULL RETURNING " REMINDER_COLS};
static const struct db_stmt rem_snooze = {
    "reminder_snooze", "UPDATE reminders SET due_ms = $3, fired_ms = NULL, dismissed_ms = NULL, "
		       "version = version + 1 "
		       "WHERE id = $1 AND user_id = $2 AND fired_ms IS NOT NULL RETURNING id"};
static const struct db_stmt rem_dismiss = {
    "reminder_dismiss",
    "UPDATE reminders SET dismissed_ms = $3, version = version + 1 WHERE id = $1 "
    "AND user_id = $2 AND fired_ms IS NOT NULL AND dismissed_ms IS NULL RETURNING id"};
static const struct db_stmt rem_pending = {
    "reminder_pending",
    "SELECT " REMINDER_COLS " FROM reminders WHERE user_id = $1 AND fired_ms IS "
    "NOT NULL AND dismissed_ms IS NULL ORDER BY fired_ms DESC, id DESC LIMIT $2"};
static const struct db_stmt rem_fired_since = {
    "reminder_fired_since", "SELECT " REMINDER_COLS " FROM reminders WHERE user_id = $1 AND "
			    "fired_ms >= $2 ORDER BY fired_ms DESC, id DESC LIMIT $3"};

static void reminder_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct reminder_rec *x = rec;
	x->id = db_res_int(r, i, 0);
	x->owner_type = store_text(a, r, i, 1);
	x->owner_id = db_res_int(r, i, 2);
	x->user_id = db_res_int(r, i, 3);
	x->title = store_text(a, r, i, 4);
	x->at_ms = db_res_int(r, i, 5);
	x->due_ms = db_res_int(r, i, 6);
	x->fired_ms = db_res_int(r, i, 7);
	x->version = db_res_int(r, i, 8);
}

static int reminder_list(struct db_tx *tx, struct arena *a, const struct db_stmt *st,
			 const struct db_val *p, int np, struct reminder_rec **ret, int *ret_n)
{
	return STORE_LIST(tx, a, st, p, np, reminder_from_row, ret, ret_n);
}

int store_reminder_of(struct db_tx *tx, struct arena *a, const char *owner_type, int64_t owner_id,
		      struct reminder_rec *ret)
{
	struct db_val p[] = {DBV_TEXT_(owner_type), DBV_INT_(owner_id)};
	return store_row(tx, a, &rem_of, p, NPARAMS(p), reminder_from_row, ret);
}

int store_reminder_get(struct db_tx *tx, struct arena *a, int64_t id, struct reminder_rec *ret)
{
	struct db_val p[] = {DBV_INT_(id)};
	return store_row(tx, a, &rem_get, p, 1, reminder_from_row, ret);
}

int store_reminder_set(struct db_tx *tx, const char *owner_type, int64_t owner_id, int64_t user_id,
		       const char *title, int64_t at_ms, int64_t due_ms)
{
	struct arena a;
	struct reminder_rec cur;
	arena_init(&a);
	int rc = store_reminder_of(tx, &a, owner_type, owner_id, &cur);
	if (rc == ERR_NOT_FOUND) {
		rc = 0;
		if (due_ms) {
			struct db_val p[] = {DBV_TEXT_(owner_type), DBV_INT_(owner_id),
					     DBV_INT_(user_id),	    DBV_TEXT_(title),
					     DBV_INT_(at_ms),	    DBV_INT_(due_ms)};
			rc = db_exec(tx, &rem_insert, p, NPARAMS(p), NULL);
		}
	} else if (!rc && !due_ms) {
		struct db_val p[] = {DBV_INT_(cur.id)};
		rc = db_exec(tx, &rem_delete, p, 1, NULL);
	} else if (!rc && (cur.due_ms != due_ms || cur.user_id != user_id)) {
		struct db_val p[] = {DBV_INT_(cur.id), DBV_INT_(user_id), DBV_TEXT_(title),
				     DBV_INT_(at_ms), DBV_INT_(due_ms)};
		rc = db_exec(tx, &rem_rearm, p, NPARAMS(p), NULL);
	} else if (!rc && (cur.at_ms != at_ms || strcmp(cur.title, title))) {
		struct db_val p[] = {DBV_INT_(cur.id), DBV_TEXT_(title), DBV_INT_(at_ms)};
		rc = db_exec(tx, &rem_retitle, p, NPARAMS(p), NULL);
	}
	arena_release(&a);
	return rc;
}

int store_reminder_claim_due(struct db_tx *tx, struct arena *a, int64_t now, int limit,
			     struct reminder_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(now), DBV_INT_(limit)};
	return reminder_list(tx, a, &rem_claim, p, NPARAMS(p), ret, ret_n);
}

int store_reminder_snooze(struct db_tx *tx, int64_t id, int64_t user_id, int64_t due_ms)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(user_id), DBV_INT_(due_ms)};
	return store_one(tx, &rem_snooze, p, NPARAMS(p), NULL);
}

int store_reminder_fired_since(struct db_tx *tx, struct arena *a, int64_t user_id, int64_t since_ms,
			       int limit, struct reminder_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(since_ms), DBV_INT_(limit)};
	return reminder_list(tx, a, &rem_fired_since, p, NPARAMS(p), ret, ret_n);
}

int store_reminder_dismiss(struct db_tx *tx, int64_t id, int64_t user_id, int64_t now)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(user_id), DBV_INT_(now)};
	return store_one(tx, &rem_dismiss, p, NPARAMS(p), NULL);
}

int store_reminder_pending(struct db_tx *tx, struct arena *a, int64_t user_id, int limit,
			   struct reminder_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(user_id), DBV_INT_(limit)};
	return reminder_list(tx, a, &rem_pending, p, NPARAMS(p), ret, ret_n);
}
