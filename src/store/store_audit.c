/* store_audit.c: the append-only, hash-chained audit log. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/chain.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

/* taking the head row first serialises appenders on both engines (row lock / single writer) */
static const struct db_stmt head_advance = {
    "audit_head_advance", "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash"};
static const struct db_stmt head_set_hash = {"audit_head_set_hash",
					     "UPDATE audit_head SET hash = $1 WHERE id = 1"};
static const struct db_stmt head_get = {"audit_head_get",
					"SELECT seq, hash FROM audit_head WHERE id = 1"};
static const struct db_stmt audit_insert = {
    "audit_insert",
    "INSERT INTO audit (seq, ts_ms, actor_user_id, actor, action, object_type, object_id, detail, "
    "request_id, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"};
#define AUDIT_COLS                                                                                 \
	"seq, ts_ms, COALESCE(actor_user_id, 0), actor, action, object_type, object_id, detail, "  \
	"request_id, prev_hash, hash"
static const struct db_stmt audit_list = {
    "audit_list", "SELECT " AUDIT_COLS " FROM audit WHERE seq < $1 ORDER BY seq DESC LIMIT $2"};
static const struct db_stmt audit_page = {
    "audit_page", "SELECT " AUDIT_COLS " FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2"};

int store_audit_write(struct db_tx *tx, int64_t actor_id, const char *actor, const char *action,
		      const char *object_type, const char *object_id, const char *detail,
		      const char *request_id, int64_t now)
{
	struct db_res *r;
	int rc = store_one(tx, &head_advance, NULL, 0, &r);
	if (rc)
		return rc;
	int64_t seq = db_res_int(r, 0, 0);
	char prev[SHA256_HEX_LEN + 1], hash[SHA256_HEX_LEN + 1];
	snprintf(prev, sizeof(prev), "%s", db_res_text(r, 0, 1));
	db_res_free(r);
	if (!detail)
		detail = "{}";
	struct chain_fields f = {seq,	      now,	 actor_id, actor,     action,
				 object_type, object_id, detail,   request_id};
	chain_link(prev, &f, hash);
	struct db_val p[] = {
	    DBV_INT_(seq),	  DBV_INT_(now),     actor_id ? DBV_INT_(actor_id) : DBV_NULL_,
	    DBV_TEXT_(actor),	  DBV_TEXT_(action), DBV_TEXT_(object_type),
	    DBV_TEXT_(object_id), DBV_TEXT_(detail), DBV_TEXT_(request_id),
	    DBV_TEXT_(prev),	  DBV_TEXT_(hash)};
	struct db_val h[] = {DBV_TEXT_(hash)};
	if ((rc = db_exec(tx, &audit_insert, p, NPARAMS(p), NULL)) ||
	    (rc = db_exec(tx, &head_set_hash, h, 1, NULL)))
		return rc;
	return 0;
}

static void audit_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct audit_rec *e = rec;
	e->seq = db_res_int(r, i, 0);
	e->ts_ms = db_res_int(r, i, 1);
	e->actor_user_id = db_res_int(r, i, 2);
	e->actor = store_text(a, r, i, 3);
	e->action = store_text(a, r, i, 4);
	e->object_type = store_text(a, r, i, 5);
	e->object_id = store_text(a, r, i, 6);
	e->detail = store_text(a, r, i, 7);
	e->request_id = store_text(a, r, i, 8);
	e->prev_hash = store_text(a, r, i, 9);
	e->hash = store_text(a, r, i, 10);
}

int store_audit_list(struct db_tx *tx, struct arena *a, int64_t before_seq, int limit,
		     struct audit_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(before_seq > 0 ? before_seq : INT64_MAX), DBV_INT_(limit)};
	return STORE_LIST(tx, a, &audit_list, p, NPARAMS(p), audit_from_row, ret, ret_n);
}

static int row_breaks_chain(const struct db_res *r, int i, int64_t expect_seq, const char *prev)
{
	char hash[SHA256_HEX_LEN + 1];
	struct chain_fields f = {db_res_int(r, i, 0),  db_res_int(r, i, 1),  db_res_int(r, i, 2),
				 db_res_text(r, i, 3), db_res_text(r, i, 4), db_res_text(r, i, 5),
				 db_res_text(r, i, 6), db_res_text(r, i, 7), db_res_text(r, i, 8)};
	if (f.seq != expect_seq || strcmp(db_res_text(r, i, 9), prev))
		return 1;
	chain_link(prev, &f, hash);
	return strcmp(hash, db_res_text(r, i, 10)) != 0;
}

int store_audit_verify(struct db_tx *tx, int64_t *ret_checked, int64_t *ret_broken)
{
	char prev[SHA256_HEX_LEN + 1];
	memset(prev, '0', SHA256_HEX_LEN);
	prev[SHA256_HEX_LEN] = '\0';
	int64_t last = 0, broken = 0;
	int rc;
	for (;;) {
		struct db_res *r;
		struct db_val p[] = {DBV_INT_(last), DBV_INT_(1000)};
		if ((rc = db_exec(tx, &audit_page, p, NPARAMS(p), &r)))
			return rc;
		int n = db_res_rows(r);
		for (int i = 0; i < n && !broken; i++) {
			if (row_breaks_chain(r, i, last + 1, prev))
				broken = last + 1;
			last++;
			snprintf(prev, sizeof(prev), "%s", db_res_text(r, i, 10));
		}
		db_res_free(r);
		if (broken || n < 1000)
			break;
	}
	if (!broken) {
		/* rows cut off the end leave the head pointing past the last row */
		struct db_res *h;
		if ((rc = store_one(tx, &head_get, NULL, 0, &h)))
			return rc;
		if (db_res_int(h, 0, 0) != last || strcmp(db_res_text(h, 0, 1), prev))
			broken = last + 1;
		db_res_free(h);
	}
	*ret_checked = last;
	*ret_broken = broken;
	return 0;
}

static const struct db_stmt audit_last = {
    "audit_last", "SELECT " AUDIT_COLS " FROM audit WHERE object_type = $1 AND object_id = $2 "
		  "AND ts_ms <= $3 ORDER BY seq DESC LIMIT 1"};

int store_audit_last(struct db_tx *tx, struct arena *a, const char *object_type,
		     const char *object_id, int64_t at_or_before_ms, struct audit_rec *ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(object_type), DBV_TEXT_(object_id),
			     DBV_INT_(at_or_before_ms)};
	int rc = store_one(tx, &audit_last, p, NPARAMS(p), &r);
	if (rc)
		return rc;
	audit_from_row(a, r, 0, ret);
	db_res_free(r);
	return 0;
}
