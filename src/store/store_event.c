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
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(now),
			     DBV_TEXT_(e->type),
			     e->target_user_id ? DBV_INT_(e->target_user_id) : DBV_NULL_,
			     DBV_TEXT_(e->target_role),
			     e->target_session_id ? DBV_INT_(e->target_session_id) : DBV_NULL_,
			     DBV_TEXT_(e->ref_type),
			     DBV_TEXT_(e->ref_id)};
	int rc = store_one(tx, &event_insert, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	int64_t id = db_res_int(r, 0, 0);
	db_res_free(r);
	char payload[24];
	snprintf(payload, sizeof(payload), "%" PRId64, id);
	if ((rc = db_notify(tx, "faro_events", payload)))
		return rc;
	if (ret_id)
		*ret_id = id;
	return 0;
}

int store_event_since(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		      struct event_rec **ret, int *ret_n)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(after_id), DBV_INT_(limit)};
	int rc = db_exec(tx, &event_since, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct event_rec *es = arena_alloc(a, sizeof(*es) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		es[i].id = db_res_int(r, i, 0);
		es[i].ts_ms = db_res_int(r, i, 1);
		es[i].type = store_text(a, r, i, 2);
		es[i].target_user_id = db_res_int(r, i, 3);
		es[i].target_role = store_text(a, r, i, 4);
		es[i].target_session_id = db_res_int(r, i, 5);
		es[i].ref_type = store_text(a, r, i, 6);
		es[i].ref_id = store_text(a, r, i, 7);
	}
	db_res_free(r);
	*ret = es;
	*ret_n = n;
	return 0;
}

int store_event_last_id(struct db_tx *tx, int64_t *ret)
{
	struct db_res *r;
	int rc = store_one(tx, &event_last, NULL, 0, &r);
	if (rc)
		return rc;
	*ret = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_event_prune(struct db_tx *tx, int64_t before_ms)
{
	struct db_val p[] = {DBV_INT_(before_ms)};
	return db_exec(tx, &event_prune, p, 1, NULL);
}
