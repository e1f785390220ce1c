/* store.c: opening the store, transactions and applying embedded migrations. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/store_impl.h"
#include "core/banned.h"

int store_open(const char *url, int readers, struct store **ret, struct buf *err)
{
	struct db *db;
	int rc = db_open(url, readers, &db, err);
	if (rc)
		return rc;
	struct store *st = xcalloc(1, sizeof(*st));
	st->db = db;
	*ret = st;
	return 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_close(st->db);
	free(st);
}

const char *store_engine(const struct store *st)
{
	return db_kind(st->db) == DB_SQLITE ? "sqlite" : "postgres";
}

_Static_assert((int)STORE_READ == DB_READ && (int)STORE_WRITE == DB_WRITE &&
		   (int)STORE_READ_ONE == DB_READ_ONE,
	       "store modes are the driver's");

int store_begin(struct store *st, enum store_mode mode, struct db_tx **ret)
{
	return db_begin(st->db, (int)mode, ret);
}

int store_commit(struct db_tx *tx)
{
	return db_commit(tx);
}

void store_rollback(struct db_tx *tx)
{
	db_rollback(tx);
}

const char *store_last_error(const struct db_tx *tx)
{
	return db_tx_error(tx);
}

const char *store_thread_error(void)
{
	return db_thread_error();
}

int store_listen(struct store *st, void (*cb)(void *, const char *), void *ud)
{
	return db_listen(st->db, "faro_events", cb, ud);
}

const char *store_text(struct arena *a, const struct db_res *r, int row, int col)
{
	if (db_res_isnull(r, row, col))
		return NULL;
	return arena_strdup(a, db_res_text(r, row, col));
}

int store_one(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int n,
	      struct db_res **ret)
{
	struct db_res *r = NULL;
	int rc = db_exec(tx, st, p, n, &r);
	if (rc)
		return rc;
	int rows = db_res_rows(r);
	if (rows < 1 || !ret) {
		db_res_free(r);
		return rows < 1 ? ERR_NOT_FOUND : 0;
	}
	*ret = r;
	return 0;
}

int store_one_int(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int n,
		  int64_t *ret)
{
	struct db_res *r;
	int rc = store_one(tx, st, p, n, &r);
	if (rc)
		return rc;
	if (ret)
		*ret = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_row(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	      int np, void (*fill)(struct arena *, const struct db_res *, int, void *), void *ret)
{
	struct db_res *r;
	int rc = store_one(tx, st, p, np, &r);
	if (rc)
		return rc;
	fill(a, r, 0, ret);
	db_res_free(r);
	return 0;
}

static const struct db_stmt seqscan_off_pg = {"store_seqscan_off",
					      "SELECT set_config('enable_seqscan', 'off', true)"};
static const struct db_stmt seqscan_on_pg = {"store_seqscan_on",
					     "SELECT set_config('enable_seqscan', 'on', true)"};

int store_pg_seqscan(struct db_tx *tx, int on)
{
	return db_exec(tx, on ? &seqscan_on_pg : &seqscan_off_pg, NULL, 0, NULL);
}

int store_rows(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	       int np, size_t size,
	       void (*fill)(struct arena *, const struct db_res *, int, void *), void **ret,
	       int *ret_n)
{
	struct db_res *r;
	int rc = db_exec(tx, st, p, np, &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	char *recs = arena_alloc(a, size * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++)
		fill(a, r, i, recs + size * (size_t)i);
	db_res_free(r);
	*ret = recs;
	*ret_n = n;
	return 0;
}

int store_list(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	       int np, size_t size,
	       void (*fill)(struct arena *, const struct db_res *, int, void *), void *ret_array,
	       int *ret_n)
{
	void *rows;
	int rc = store_rows(tx, a, st, p, np, size, fill, &rows, ret_n);
	/* ret_array is a T ** the caller could not pass as void ** without a cast that breaks
	 * aliasing; the pointer is stored as bytes (object pointers share one representation on
	 * every target Faro builds for) */
	if (!rc)
		memcpy(ret_array, &rows, sizeof(rows));
	return rc;
}

int store_update_versioned(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p,
			   int np, const struct db_stmt *exists, int64_t id, int64_t *ret_version)
{
	struct db_res *r;
	int rc = store_one(tx, st, p, np, &r);
	if (rc == ERR_NOT_FOUND) {
		/* no row: either gone or someone saved first */
		struct db_val k = DBV_INT_(id);
		if (!store_one(tx, exists, &k, 1, &r)) {
			db_res_free(r);
			return ERR_CONFLICT;
		}
		return ERR_NOT_FOUND;
	}
	if (rc)
		return rc;
	*ret_version = db_res_int(r, 0, 0);
	db_res_free(r);
	return 0;
}

static const struct db_stmt mig_create_sqlite = {
    "mig_create", "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
		  "name TEXT NOT NULL, applied_ms INTEGER NOT NULL)"};
static const struct db_stmt mig_create_pg = {
    "mig_create", "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
		  "name TEXT NOT NULL, applied_ms BIGINT NOT NULL)"};
/* several instances may start at once on one PostgreSQL: one migrates, the others wait */
static const struct db_stmt mig_lock_pg = {"mig_lock", "SELECT pg_advisory_xact_lock(7262001)"};
static const struct db_stmt mig_has = {"mig_has",
				       "SELECT 1 FROM schema_migrations WHERE version = $1"};
static const struct db_stmt mig_put = {
    "mig_put", "INSERT INTO schema_migrations (version, name, applied_ms) VALUES ($1, $2, $3)"};

/* files are named NNNN_name.sql; the number is the version */
static int64_t mig_version(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	return strtoll(base, NULL, 10);
}

int store_migrate(struct store *st, int *ret_applied, struct buf *err)
{
	int pg = db_kind(st->db) == DB_POSTGRES, applied = 0, rc;
	const struct embedded_file *files =
	    pg ? embedded_migrations_postgres : embedded_migrations_sqlite;
	size_t n = pg ? embedded_migrations_postgres_count : embedded_migrations_sqlite_count;
	for (size_t i = 0; i < n; i++) {
		struct db_tx *tx;
		struct db_res *r = NULL;
		int64_t v = mig_version(files[i].path);
		if ((rc = db_begin(st->db, 1, &tx)))
			goto out;
		if ((pg && (rc = db_exec(tx, &mig_lock_pg, NULL, 0, NULL))) ||
		    (rc = db_exec(tx, pg ? &mig_create_pg : &mig_create_sqlite, NULL, 0, NULL))) {
			buf_printf(err, "migration table: %s", db_tx_error(tx));
			db_rollback(tx);
			goto out;
		}
		struct db_val p[] = {DBV_INT_(v), DBV_TEXT_(files[i].path),
				     DBV_INT_(clock_now_ms())};
		if ((rc = db_exec(tx, &mig_has, p, 1, &r)))
			goto fail_tx;
		int done = db_res_rows(r) > 0;
		db_res_free(r);
		if (done) {
			db_rollback(tx);
			continue;
		}
		char *sql = xstrndup((const char *)files[i].data, files[i].len);
		rc = db_exec_script(tx, sql);
		free(sql);
		if (rc || (rc = db_exec(tx, &mig_put, p, NPARAMS(p), NULL)))
			goto fail_tx;
		if ((rc = db_commit(tx))) {
			buf_printf(err, "%s: commit failed", files[i].path);
			goto out;
		}
		applied++;
		continue;
	fail_tx:
		buf_printf(err, "%s: %s", files[i].path, db_tx_error(tx));
		db_rollback(tx);
		goto out;
	}
	rc = 0;
	if (ret_applied)
		*ret_applied = applied;
out:
	return rc;
}
