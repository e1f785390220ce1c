/* store_outbox.c: the outgoing-email queue; claims are single UPDATEs so two senders never share a
 * row. */
#include "store/store_outbox.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define OUTBOX_COLS                                                                                \
	"id, kind, to_addr, subject, body, status, attempts, next_attempt_ms, created_ms, "        \
	"COALESCE(sent_ms, 0), last_error, ref_type, COALESCE(ref_id, 0)"

static const struct db_stmt outbox_insert = {
    "outbox_insert",
    "INSERT INTO outbox (kind, to_addr, subject, body, status, attempts, next_attempt_ms, "
    "ref_type, ref_id, created_ms) VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7, $5) "
    "RETURNING id"};
/*
 * The inner SELECT picks a candidate; the outer WHERE repeats the condition
 * so that on PostgreSQL a second sender blocked on the row lock re-checks it
 * after the first commits and finds nothing (READ COMMITTED re-evaluation).
 */
static const struct db_stmt outbox_claim = {
    "outbox_claim",
    "UPDATE outbox SET status = 'sending', attempts = attempts + 1, claimed_until_ms = $2 "
    "WHERE id = (SELECT id FROM outbox WHERE (status = 'queued' AND next_attempt_ms <= $1) OR "
    "(status = 'sending' AND claimed_until_ms <= $1) ORDER BY next_attempt_ms, id LIMIT 1) "
    "AND ((status = 'queued' AND next_attempt_ms <= $1) OR "
    "(status = 'sending' AND claimed_until_ms <= $1)) RETURNING " OUTBOX_COLS};
static const struct db_stmt outbox_sent = {
    "outbox_sent", "UPDATE outbox SET status = 'sent', sent_ms = $2, claimed_until_ms = NULL, "
		   "last_error = NULL WHERE id = $1 AND status = 'sending'"};
static const struct db_stmt outbox_retry = {
    "outbox_retry", "UPDATE outbox SET status = $2, next_attempt_ms = $3, claimed_until_ms = NULL, "
		    "last_error = $4 WHERE id = $1 AND status = 'sending'"};
static const struct db_stmt outbox_list = {
    "outbox_list", "SELECT " OUTBOX_COLS " FROM outbox WHERE id < $1 AND ($2 = '' OR status = $2) "
		   "ORDER BY id DESC LIMIT $3"};
static const struct db_stmt outbox_requeue = {
    "outbox_requeue", "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_ms = $2, "
		      "last_error = NULL WHERE id = $1 AND status = 'failed' RETURNING id"};

static void outbox_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct outbox_rec *m = rec;
	m->id = db_res_int(r, i, 0);
	m->kind = store_text(a, r, i, 1);
	m->to_addr = store_text(a, r, i, 2);
	m->subject = store_text(a, r, i, 3);
	m->body = store_text(a, r, i, 4);
	m->status = store_text(a, r, i, 5);
	m->attempts = db_res_int(r, i, 6);
	m->next_attempt_ms = db_res_int(r, i, 7);
	m->created_ms = db_res_int(r, i, 8);
	m->sent_ms = db_res_int(r, i, 9);
	m->last_error = store_text(a, r, i, 10);
	m->ref_type = store_text(a, r, i, 11);
	m->ref_id = db_res_int(r, i, 12);
}

int store_outbox_insert(struct db_tx *tx, const struct outbox_rec *m, int64_t now, int64_t *ret_id)
{
	struct db_val p[] = {DBV_TEXT_(m->kind),
			     DBV_TEXT_(m->to_addr),
			     DBV_TEXT_(m->subject),
			     DBV_TEXT_(m->body),
			     DBV_INT_(now),
			     DBV_TEXT_(m->ref_type),
			     m->ref_id ? DBV_INT_(m->ref_id) : DBV_NULL_};
	return store_one_int(tx, &outbox_insert, p, NPARAMS(p), ret_id);
}

int store_outbox_claim(struct db_tx *tx, struct arena *a, int64_t now, int64_t lease_ms,
		       struct outbox_rec *ret)
{
	struct db_val p[] = {DBV_INT_(now), DBV_INT_(now + lease_ms)};
	return store_row(tx, a, &outbox_claim, p, NPARAMS(p), outbox_from_row, ret);
}

int store_outbox_sent(struct db_tx *tx, int64_t id, int64_t now)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(now)};
	return db_exec(tx, &outbox_sent, p, NPARAMS(p), NULL);
}

int store_outbox_retry(struct db_tx *tx, int64_t id, int64_t next_ms, const char *error)
{
	struct db_val p[] = {DBV_INT_(id), DBV_TEXT_(next_ms ? "queued" : "failed"),
			     DBV_INT_(next_ms), DBV_TEXT_(error)};
	return db_exec(tx, &outbox_retry, p, NPARAMS(p), NULL);
}

int store_outbox_list(struct db_tx *tx, struct arena *a, const char *status, int64_t before_id,
		      int limit, struct outbox_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(before_id > 0 ? before_id : INT64_MAX),
			     DBV_TEXT_(status ? status : ""), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &outbox_list, p, NPARAMS(p), outbox_from_row, ret, ret_n);
}

int store_outbox_requeue(struct db_tx *tx, int64_t id, int64_t now)
{
	struct db_val p[] = {DBV_INT_(id), DBV_INT_(now)};
	return store_one(tx, &outbox_requeue, p, NPARAMS(p), NULL);
}
