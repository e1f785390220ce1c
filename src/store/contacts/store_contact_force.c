/* store_contact_force.c: force-close requests of contacts: asked, decided, settled, listed. */
#include "store/contacts/store_contact.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/contacts/store_contact_impl.h"
#include "core/banned.h"

/* the partial unique index refuses a second pending request of one contact: ERR_CONFLICT */
static const struct db_stmt force_insert = {
    "contact_force_insert",
    "INSERT INTO contact_force_close (contact_id, status, reason, requested_by, requested_ms, "
    "decided_by, decided_ms) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
#define FORCE_SELECT                                                                               \
	"SELECT f.id, f.contact_id, f.status, f.reason, f.requested_by, f.requested_ms, "          \
	"COALESCE(f.decided_by, 0), COALESCE(f.decided_ms, 0), f.decision_reason, "                \
	"ru.display_name, du.display_name FROM contact_force_close f "                             \
	"JOIN users ru ON ru.id = f.requested_by LEFT JOIN users du ON du.id = f.decided_by "
static const struct db_stmt force_get = {"contact_force_get", FORCE_SELECT "WHERE f.id = $1"};
static const struct db_stmt force_latest = {"contact_force_latest", FORCE_SELECT
					    "WHERE f.contact_id = $1 ORDER BY f.id DESC LIMIT 1"};
static const struct db_stmt force_list = {"contact_force_list", FORCE_SELECT
					  "WHERE (f.status = $1 OR CAST($1 AS TEXT) IS NULL) "
					  "ORDER BY f.id DESC LIMIT $2"};
static const struct db_stmt force_decide = {
    "contact_force_decide",
    "UPDATE contact_force_close SET status = $2, decision_reason = $3, decided_by = $4, "
    "decided_ms = $5 WHERE id = $1 AND status = 'pending' RETURNING id"};
static const struct db_stmt force_settle = {
    "contact_force_settle",
    "UPDATE contact_force_close SET status = $2, decided_by = $3, decided_ms = $4 "
    "WHERE contact_id = $1 AND status = 'pending'"};

int store_contact_force_insert(struct db_tx *tx, const struct contact_force_rec *f, int64_t now,
			       int64_t *ret_id)
{
	int pending = f->decided_by == 0;
	struct db_val v[] = {DBV_INT_(f->contact_id),
			     DBV_TEXT_(f->status),
			     DBV_TEXT_(f->reason),
			     DBV_INT_(f->requested_by),
			     DBV_INT_(now),
			     store_contact_id_val(f->decided_by),
			     pending ? DBV_NULL_ : DBV_INT_(now)};
	return store_one_int(tx, &force_insert, v, NPARAMS(v), ret_id);
}

static void force_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_force_rec *f = rec;
	f->id = db_res_int(r, i, 0);
	f->contact_id = db_res_int(r, i, 1);
	f->status = store_text(a, r, i, 2);
	f->reason = store_text(a, r, i, 3);
	f->requested_by = db_res_int(r, i, 4);
	f->requested_ms = db_res_int(r, i, 5);
	f->decided_by = db_res_int(r, i, 6);
	f->decided_ms = db_res_int(r, i, 7);
	f->decision_reason = store_text(a, r, i, 8);
	f->requested_by_name = store_text(a, r, i, 9);
	f->decided_by_name = store_text(a, r, i, 10);
}

int store_contact_force_get(struct db_tx *tx, struct arena *a, int64_t rid,
			    struct contact_force_rec *ret)
{
	struct db_val k = DBV_INT_(rid);
	return store_row(tx, a, &force_get, &k, 1, force_from_row, ret);
}

int store_contact_force_latest(struct db_tx *tx, struct arena *a, int64_t contact_id,
			       struct contact_force_rec *ret)
{
	struct db_val k = DBV_INT_(contact_id);
	return store_row(tx, a, &force_latest, &k, 1, force_from_row, ret);
}

int store_contact_force_list(struct db_tx *tx, struct arena *a, const char *status, int limit,
			     struct contact_force_rec **ret, int *ret_n)
{
	struct db_val v[] = {DBV_TEXT_(status), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &force_list, v, NPARAMS(v), force_from_row, ret, ret_n);
}

int store_contact_force_decide(struct db_tx *tx, int64_t rid, const char *status,
			       const char *reason, int64_t actor, int64_t now)
{
	struct db_val v[] = {DBV_INT_(rid), DBV_TEXT_(status), DBV_TEXT_(reason),
			     store_contact_id_val(actor), DBV_INT_(now)};
	int rc = store_one_int(tx, &force_decide, v, NPARAMS(v), NULL);
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int store_contact_force_settle(struct db_tx *tx, int64_t contact_id, const char *status,
			       int64_t actor, int64_t now)
{
	struct db_val v[] = {DBV_INT_(contact_id), DBV_TEXT_(status), store_contact_id_val(actor),
			     DBV_INT_(now)};
	return db_exec(tx, &force_settle, v, NPARAMS(v), NULL);
}
