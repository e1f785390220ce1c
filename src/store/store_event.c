/* store_event.c: the live-event log; rows carry ids only and serve reconnects (Last-Event-ID). */
#include <inttypes.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

static const struct db_stmt event_insert = {
    "event_insert",
    "INSERT INTO events (ts_ms, type, target_user_id, target_role, target_session_id, ref_type, "
    "ref_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
static const struct db_stmt event_since = {
    "event_since",
    "SELECT id, ts_ms, type, COALESCE(target_user_id, 0), target_role, "
    "COALESCE(target_session_id, 0), ref_type, ref_id FROM events WHERE id > $1 ORDER BY id "
    "LIMIT $2"};
static const struct db_stmt event_last = {"event_last", "SELECT COALESCE(MAX(id), 0) FROM events"};
static const struct db_stmt event_prune = {"event_prune", "DELETE FROM events WHERE ts_ms < $1"};

int store_event_insert(struct db_tx *tx, const struct event_rec *e, int64_t now, int64_t *ret_id)
{
	int64_t id;
	struct db_val p[] = {DBV_INT_(now),
			     DBV_TEXT_(e->type),
			     e->target_user_id ? DBV_INT_(e->target_user_id) : DBV_NULL_,
			     DBV_TEXT_(e->target_role),
			     e->target_session_id ? DBV_INT_(e->target_session_id) : DBV_NULL_,
			     DBV_TEXT_(e->ref_type),
			     DBV_TEXT_(e->ref_id)};
	int rc = store_one_int(tx, &event_insert, p, NPARAMS(p), &id);
	if (rc)
		return rc;
	char payload[24];
	snprintf(payload, sizeof(payload), "%" PRId64, id);
	if ((rc = db_notify(tx, "faro_events", payload)))
		return rc;
	if (ret_id)
		*ret_id = id;
	return 0;
}

static void event_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct event_rec *e = rec;
	e->id = db_res_int(r, i, 0);
	e->ts_ms = db_res_int(r, i, 1);
	e->type = store_text(a, r, i, 2);
	e->target_user_id = db_res_int(r, i, 3);
	e->target_role = store_text(a, r, i, 4);
	e->target_session_id = db_res_int(r, i, 5);
	e->ref_type = store_text(a, r, i, 6);
	e->ref_id = store_text(a, r, i, 7);
}

int store_event_since(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		      struct event_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(after_id), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &event_since, p, NPARAMS(p), event_from_row, ret, ret_n);
}

int store_event_last_id(struct db_tx *tx, int64_t *ret)
{
	return store_one_int(tx, &event_last, NULL, 0, ret);
}

int store_event_prune(struct db_tx *tx, int64_t before_ms)
{
	struct db_val p[] = {DBV_INT_(before_ms)};
	return db_exec(tx, &event_prune, p, 1, NULL);
}
