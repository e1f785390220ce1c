/* store_hsds.c: rows of the HSDS 3.0 directory tables, one generic path for every table (statements
 * in store_hsds_sql.c). */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/resources/store_hsds_sql.h"
#include "store/store_impl.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

/* a bulk import touches far more pages than the default 2 MiB page cache holds: the writer
 * connection gets 256 MiB for the import's transaction, then its default back (SQLite only) */
static const struct db_stmt bulk_on = {"hsds_bulk_on", "PRAGMA cache_size = -262144"};
static const struct db_stmt bulk_off = {"hsds_bulk_off", "PRAGMA cache_size = -2000"};

int store_hsds_bulk(struct db_tx *tx, int on)
{
	if (db_kind(db_tx_db(tx)) != DB_SQLITE)
		return 0;
	return db_exec(tx, on ? &bulk_on : &bulk_off, NULL, 0, NULL);
}

static int nf(int t)
{
	return hsds_tables[t].nfields;
}

/* binds the fields, extra, now and (folded tables) search_fold: the shared head of upsert and
 * insert */
static int bind_row(int t, const char *const *vals, const char *extra, const char *fold,
		    int64_t now, struct db_val *p)
{
	int k = 0;
	for (int i = 0; i < nf(t); i++)
		p[k++] = vals[i] && *vals[i] ? DBV_TEXT_(vals[i]) : DBV_NULL_;
	p[k++] = extra && *extra ? DBV_TEXT_(extra) : DBV_NULL_;
	p[k++] = DBV_INT_(now);
	if (hsds_tables[t].folded)
		p[k++] = fold ? DBV_TEXT_(fold) : DBV_NULL_;
	return k;
}

int store_hsds_upsert(struct db_tx *tx, int t, const char *const *vals, const char *extra,
		      const char *fold, int64_t now, int *ret_inserted)
{
	struct db_val p[HSDS_MAX_FIELDS + 3];
	struct db_res *r;
	int n = bind_row(t, vals, extra, fold, now, p);
	int rc = store_one(tx, &hsds_sql[t]->upsert, p, n, &r);
	if (rc)
		return rc;
	if (ret_inserted)
		*ret_inserted = db_res_int(r, 0, 0) == 1;
	db_res_free(r);
	return 0;
}

int store_hsds_insert(struct db_tx *tx, int t, const char *const *vals, const char *extra,
		      const char *fold, int64_t now)
{
	struct db_val p[HSDS_MAX_FIELDS + 3];
	int n = bind_row(t, vals, extra, fold, now, p);
	return store_one(tx, &hsds_sql[t]->insert, p, n, NULL);
}

int store_hsds_exists(struct db_tx *tx, int t, const char *id, int64_t *ret_version)
{
	struct db_val k = DBV_TEXT_(id);
	return store_one_int(tx, &hsds_sql[t]->exists, &k, 1, ret_version);
}

int store_hsds_update(struct db_tx *tx, int t, const char *const *vals, const char *fold,
		      int64_t version, int64_t now, int64_t *ret_version)
{
	struct db_val p[HSDS_MAX_FIELDS + 3];
	struct db_res *r;
	int k = 0;
	for (int i = 0; i < nf(t); i++)
		p[k++] = vals[i] && *vals[i] ? DBV_TEXT_(vals[i]) : DBV_NULL_;
	p[k++] = DBV_INT_(now);
	if (hsds_tables[t].folded)
		p[k++] = fold ? DBV_TEXT_(fold) : DBV_NULL_;
	p[k++] = DBV_INT_(version);
	int rc = store_one(tx, &hsds_sql[t]->update, p, k, &r);
	if (rc == ERR_NOT_FOUND) /* gone, or someone saved first */
		return store_hsds_exists(tx, t, vals[0], NULL) ? ERR_NOT_FOUND : ERR_CONFLICT;
	if (rc)
		return rc;
	*ret_version = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_hsds_delete(struct db_tx *tx, int t, const char *id, int64_t version)
{
	struct db_val p[] = {DBV_TEXT_(id), DBV_INT_(version)};
	int rc = store_one(tx, &hsds_sql[t]->del, p, NPARAMS(p), NULL);
	if (rc == ERR_NOT_FOUND)
		return store_hsds_exists(tx, t, id, NULL) ? ERR_NOT_FOUND : ERR_CONFLICT;
	return rc;
}

static void row_fill(struct arena *a, int t, const struct db_res *r, int row, struct hsds_row *out)
{
	int n = nf(t);
	const char **v = arena_alloc(a, sizeof(*v) * (size_t)n);
	for (int i = 0; i < n; i++)
		v[i] = store_text(a, r, row, i);
	out->vals = v;
	out->extra = store_text(a, r, row, n);
	out->row_version = db_res_int(r, row, n + 1);
	out->updated_ms = db_res_int(r, row, n + 2);
}

static int rows_fill(struct arena *a, int t, struct db_res *r, struct hsds_row **ret, int *ret_n)
{
	int n = db_res_rows(r);
	struct hsds_row *rows = arena_alloc(a, sizeof(*rows) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		row_fill(a, t, r, i, &rows[i]);
	db_res_free(r);
	*ret = rows;
	*ret_n = n;
	return 0;
}

int store_hsds_get(struct db_tx *tx, struct arena *a, int t, const char *id, struct hsds_row *ret)
{
	struct db_res *r;
	struct db_val k = DBV_TEXT_(id);
	int rc = store_one(tx, &hsds_sql[t]->get, &k, 1, &r);
	if (rc)
		return rc;
	row_fill(a, t, r, 0, ret);
	db_res_free(r);
	return 0;
}

int store_hsds_after(struct db_tx *tx, struct arena *a, int t, const char *after_id, int limit,
		     struct hsds_row **ret, int *ret_n)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(after_id ? after_id : ""), DBV_INT_(limit)};
	int rc = db_exec(tx, &hsds_sql[t]->after, p, NPARAMS(p), &r);
	return rc ? rc : rows_fill(a, t, r, ret, ret_n);
}

int store_hsds_page(struct db_tx *tx, struct arena *a, int t, int limit, int64_t offset,
		    struct hsds_row **ret, int *ret_n)
{
	struct db_res *r;
	struct db_val p[] = {DBV_INT_(limit), DBV_INT_(offset)};
	int rc = db_exec(tx, &hsds_sql[t]->page, p, NPARAMS(p), &r);
	return rc ? rc : rows_fill(a, t, r, ret, ret_n);
}

int store_hsds_count(struct db_tx *tx, int t, int64_t *ret)
{
	return store_one_int(tx, &hsds_sql[t]->count, NULL, 0, ret);
}

int store_hsds_by(struct db_tx *tx, struct arena *a, int t, int field, const char *value,
		  struct hsds_row **ret, int *ret_n)
{
	if (field < 0 || field >= nf(t) || !hsds_sql[t]->by_field[field].sql)
		return ERR_INVALID;
	const struct db_stmt *st = &hsds_sql[t]->by_field[field];
	struct db_res *r;
	struct db_val k = DBV_TEXT_(value);
	int rc = db_exec(tx, st, &k, 1, &r);
	return rc ? rc : rows_fill(a, t, r, ret, ret_n);
}
