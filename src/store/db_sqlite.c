/*
 * db_sqlite.c: the SQLite engine. One writer connection behind a mutex
 * (SQLite allows one writer at a time anyway) and a pool of reader
 * connections; WAL lets readers run beside the writer.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/db_driver.h"
#include "store/search/fts_sqlite.h"
#include "core/banned.h"

#define BUSY_TIMEOUT_MS 5000

enum sq_tx_stmt { SQ_BEGIN, SQ_BEGIN_IMMEDIATE, SQ_COMMIT, SQ_ROLLBACK, SQ__MAX };

struct sq_conn {
	sqlite3 *h;
	sqlite3_stmt *tx_stmt[SQ__MAX]; /* prepared once: every request runs them */
	struct db_stmts cache;		/* the other statements prepared on it (their v.handle) */
	struct sq_conn *next_free;
};

struct db {
	struct db_base base;
	struct sq_conn writer;
	pthread_mutex_t writer_lock;
	struct sq_conn *readers;
	int nreaders;
	struct sq_conn *free_readers;
	pthread_mutex_t pool_lock;
	pthread_cond_t pool_cond;
};

struct db_tx {
	struct db_base base;
	struct db *db;
	struct sq_conn *conn;
	int write;
	int autocommit; /* DB_READ_ONE: no BEGIN, so nothing to end */
	int failed;
	char errmsg[256];
};

static void conn_close(struct sq_conn *c);

static int conn_open(const char *path, int readonly, struct sq_conn *c, struct buf *err)
{
	int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		    SQLITE_OPEN_NOMUTEX;
	memset(c, 0, sizeof(*c));
	if (sqlite3_open_v2(path, &c->h, flags, NULL) != SQLITE_OK) {
		buf_printf(err, "cannot open %s: %s", path,
			   c->h ? sqlite3_errmsg(c->h) : "no memory");
		sqlite3_close(c->h);
		c->h = NULL;
		return ERR_STORE;
	}
	sqlite3_busy_timeout(c->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(c->h, 1);
	if (fts_sqlite_register(c->h) != SQLITE_OK) { /* search's tokenizer and geo_km() */
		buf_printf(err, "cannot register search functions on %s", path);
		conn_close(c);
		return ERR_STORE;
	}
	static const char *const pragmas = "PRAGMA journal_mode=WAL;"
					   "PRAGMA synchronous=FULL;"
					   "PRAGMA foreign_keys=ON;"
					   "PRAGMA secure_delete=ON;"
					   "PRAGMA temp_store=MEMORY;";
	static const char *const tx_sql[SQ__MAX] = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT",
						    "ROLLBACK"};
	char *msg = NULL;
	if (sqlite3_exec(c->h, readonly ? "PRAGMA foreign_keys=ON;" : pragmas, NULL, NULL, &msg) !=
	    SQLITE_OK) {
		buf_printf(err, "cannot set up %s: %s", path, msg ? msg : "?");
		sqlite3_free(msg);
		conn_close(c);
		return ERR_STORE;
	}
	for (int i = 0; i < SQ__MAX; i++)
		if (sqlite3_prepare_v3(c->h, tx_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
				       &c->tx_stmt[i], NULL) != SQLITE_OK) {
			buf_printf(err, "cannot prepare %s: %s", tx_sql[i], sqlite3_errmsg(c->h));
			conn_close(c);
			return ERR_STORE;
		}
	return 0;
}

/* runs one of the prepared transaction statements; an SQLite result code */
static int tx_step(struct sq_conn *c, enum sq_tx_stmt which)
{
	int rc = sqlite3_step(c->tx_stmt[which]);
	sqlite3_reset(c->tx_stmt[which]);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void conn_close(struct sq_conn *c)
{
	for (size_t i = 0; i < c->cache.cap; i++)
		if (c->cache.slot[i].st)
			sqlite3_finalize(c->cache.slot[i].v.handle);
	db_stmts_clear(&c->cache);
	for (int i = 0; i < SQ__MAX; i++)
		sqlite3_finalize(c->tx_stmt[i]);
	sqlite3_close(c->h);
	memset(c, 0, sizeof(*c));
}

static void sq_close(struct db *db);

static int sq_open(const char *path, int readers, struct db **ret, struct buf *err)
{
	int rc;
	struct db *db = xcalloc(1, sizeof(*db));
	db->base = (struct db_base){&db_sqlite_driver, DB_SQLITE};
	pthread_mutex_init(&db->writer_lock, NULL);
	pthread_mutex_init(&db->pool_lock, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	/* a wall-clock jump must not change the wait */
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&db->pool_cond, &ca);
	pthread_condattr_destroy(&ca);
	if (!*path) {
		buf_puts(err, "sqlite: needs a file path");
		rc = ERR_INVALID;
		goto fail;
	}
	/* the writer opens first so the file and WAL exist for the readers */
	if ((rc = conn_open(path, 0, &db->writer, err)))
		goto fail;
	db->nreaders = readers < 1 ? 1 : readers;
	db->readers = xcalloc((size_t)db->nreaders, sizeof(*db->readers));
	for (int i = 0; i < db->nreaders; i++) {
		if ((rc = conn_open(path, 1, &db->readers[i], err)))
			goto fail;
		db->readers[i].next_free = db->free_readers;
		db->free_readers = &db->readers[i];
	}
	*ret = db;
	return 0;
fail:
	sq_close(db);
	return rc;
}

static void sq_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->nreaders; i++)
		if (db->readers[i].h)
			conn_close(&db->readers[i]);
	free(db->readers);
	if (db->writer.h)
		conn_close(&db->writer);
	pthread_mutex_destroy(&db->writer_lock);
	pthread_mutex_destroy(&db->pool_lock);
	pthread_cond_destroy(&db->pool_cond);
	free(db);
}

static struct sq_conn *reader_get(struct db *db)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += BUSY_TIMEOUT_MS / 1000;
	struct sq_conn *c = NULL;
	pthread_mutex_lock(&db->pool_lock);
	while (!db->free_readers)
		if (pthread_cond_timedwait(&db->pool_cond, &db->pool_lock, &until) == ETIMEDOUT)
			break;
	c = db->free_readers;
	if (c)
		db->free_readers = c->next_free;
	pthread_mutex_unlock(&db->pool_lock);
	return c;
}

static void reader_put(struct db *db, struct sq_conn *c)
{
	pthread_mutex_lock(&db->pool_lock);
	c->next_free = db->free_readers;
	db->free_readers = c;
	pthread_cond_signal(&db->pool_cond);
	pthread_mutex_unlock(&db->pool_lock);
}

/* the same mapping as the PostgreSQL engine: unique and foreign keys clash, checks are bad input */
static int map_rc(int rc)
{
	switch (rc) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return ERR_CONFLICT;
	case SQLITE_CONSTRAINT_CHECK:
		return ERR_INVALID;
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return ERR_STORE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_BUSY;
	case SQLITE_NOMEM:
		return ERR_NOMEM;
	default:
		return ERR_STORE;
	}
}

static void tx_set_error(struct db_tx *tx, const char *what)
{
	snprintf(tx->errmsg, sizeof(tx->errmsg), "%s: %s", what, sqlite3_errmsg(tx->conn->h));
}

static void tx_free(struct db_tx *tx)
{
	if (tx->write)
		pthread_mutex_unlock(&tx->db->writer_lock);
	else
		reader_put(tx->db, tx->conn);
	free(tx);
}

static int sq_begin(struct db *db, int write, struct db_tx **ret)
{
	struct db_tx *tx = xcalloc(1, sizeof(*tx));
	tx->base = db->base;
	tx->db = db;
	tx->write = write;
	tx->autocommit = write == DB_READ_ONE;
	if (write == DB_READ_ONE)
		write = tx->write = 0;
	if (write) {
		pthread_mutex_lock(&db->writer_lock);
		tx->conn = &db->writer;
	} else if (!(tx->conn = reader_get(db))) {
		free(tx);
		return ERR_BUSY;
	}
	int rc =
	    tx->autocommit ? SQLITE_OK : tx_step(tx->conn, write ? SQ_BEGIN_IMMEDIATE : SQ_BEGIN);
	if (rc != SQLITE_OK) {
		int e = map_rc(rc);
		tx_free(tx);
		return e;
	}
	*ret = tx;
	return 0;
}

static int sq_commit(struct db_tx *tx)
{
	int e = 0;
	if (tx->autocommit) {
		e = tx->failed;
	} else if (tx->failed) {
		tx_step(tx->conn, SQ_ROLLBACK);
		e = tx->failed;
	} else {
		int rc = tx_step(tx->conn, SQ_COMMIT);
		if (rc != SQLITE_OK) {
			e = map_rc(rc);
			tx_step(tx->conn, SQ_ROLLBACK);
		}
	}
	tx_free(tx);
	return e;
}

static void sq_rollback(struct db_tx *tx)
{
	if (!tx->autocommit)
		tx_step(tx->conn, SQ_ROLLBACK);
	tx_free(tx);
}

/*
 * stmt_get: st prepared on tx's connection, preparing it the first time; the
 * connection keeps it until it closes. NULL (the error in tx) when SQLite
 * refuses the SQL.
 */
static sqlite3_stmt *stmt_get(struct db_tx *tx, const struct db_stmt *st)
{
	struct sq_conn *c = tx->conn;
	struct db_stmt_slot *e = db_stmts_find(&c->cache, st);
	sqlite3_stmt *s = NULL;

	if (e)
		return e->v.handle;
	if (sqlite3_prepare_v3(c->h, st->sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
	    SQLITE_OK) {
		tx_set_error(tx, st->name);
		return NULL;
	}
	db_stmts_add(&c->cache, st)->v.handle = s;
	return s;
}

static int bind_params(struct db_tx *tx, sqlite3_stmt *s, const struct db_val *params, int n)
{
	char name[16];
	for (int i = 0; i < n; i++) {
		/* bind by name so "$2 ... $1" orders work like PostgreSQL's */
		snprintf(name, sizeof(name), "$%d", i + 1);
		int idx = sqlite3_bind_parameter_index(s, name);
		if (!idx)
			continue;
		int rc;
		const struct db_val *v = &params[i];
		if (v->type == DBV_INT)
			rc = sqlite3_bind_int64(s, idx, v->i);
		else if (v->type == DBV_TEXT && v->s)
			rc = sqlite3_bind_text(
			    s, idx, v->s, v->len == (size_t)-1 ? -1 : (int)v->len, SQLITE_STATIC);
		else
			rc = sqlite3_bind_null(s, idx);
		if (rc != SQLITE_OK) {
			tx_set_error(tx, "bind");
			return map_rc(rc);
		}
	}
	return 0;
}

/* real_text: a real as SQLite itself writes it as text */
static void real_text(double d, char *out, size_t n)
{
	sqlite3_snprintf((int)n, out, "%!.15g", d);
}

static int sq_exec(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params, int n,
		   struct db_res **ret)
{
	int rc = 0;
	struct db_res *res = NULL;
	if (tx->failed)
		return tx->failed;
	sqlite3_stmt *s = stmt_get(tx, st);
	if (!s) {
		rc = ERR_STORE;
		goto out;
	}
	if ((rc = bind_params(tx, s, params, n)))
		goto out;
	int cols = sqlite3_column_count(s);
	if (ret) {
		res = db_res_new(cols);
		res->real_text = real_text;
	}
	for (;;) {
		int step = sqlite3_step(s);
		if (step == SQLITE_DONE)
			break;
		if (step != SQLITE_ROW) {
			tx_set_error(tx, st->name);
			rc = map_rc(sqlite3_extended_errcode(tx->conn->h));
			goto out;
		}
		if (!res)
			continue;
		struct db_cell *c = db_res_add_row(res);
		for (int i = 0; i < cols; i++) {
			if (sqlite3_column_type(s, i) == SQLITE_NULL)
				continue;
			c[i].isnull = 0;
			c[i].i = sqlite3_column_int64(s, i);
			if (sqlite3_column_type(s, i) == SQLITE_FLOAT) {
				c[i].real = 1;
				c[i].d = sqlite3_column_double(s, i);
				continue;
			}
			const unsigned char *t = sqlite3_column_text(s, i);
			c[i].s = xstrndup((const char *)t, (size_t)sqlite3_column_bytes(s, i));
		}
	}
out:
	if (s) {
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
	}
	if (rc) {
		db_res_free(res);
		/* a failed statement in a write transaction must not be committed half-done */
		if (tx->write)
			tx->failed = rc;
		return rc;
	}
	if (ret)
		*ret = res;
	return 0;
}

static int sq_exec_script(struct db_tx *tx, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(tx->conn->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(tx->errmsg, sizeof(tx->errmsg), "script: %s", msg ? msg : "?");
		sqlite3_free(msg);
		tx->failed = map_rc(rc);
		return tx->failed;
	}
	return 0;
}

static int sq_notify(struct db_tx *tx, const char *channel, const char *payload)
{
	(void)tx, (void)channel, (void)payload;
	return 0;
}

static int sq_listen(struct db *db, const char *channel, void (*cb)(void *, const char *), void *ud)
{
	(void)db, (void)channel, (void)cb, (void)ud;
	return 0;
}

static const char *sq_tx_error(const struct db_tx *tx)
{
	return tx->errmsg;
}

static struct db *sq_tx_db(const struct db_tx *tx)
{
	return tx->db;
}

const struct db_driver db_sqlite_driver = {
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .exec = sq_exec,
    .exec_script = sq_exec_script,
    .notify = sq_notify,
    .listen = sq_listen,
    .tx_error = sq_tx_error,
    .tx_db = sq_tx_db,
};
