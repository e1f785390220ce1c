/*
 * db.h: the database driver under store/. One interface, two engines
 * (SQLite, PostgreSQL). Only files in src/store/ include this.
 *
 * SQL is written once in the subset both engines share: $1..$n
 * placeholders, RETURNING, ON CONFLICT, LIMIT/OFFSET, integers for
 * booleans, epoch milliseconds for time. Each statement is a static
 * struct db_stmt; the driver prepares it once per connection (keyed on
 * the struct's address) and always binds values.
 */
#ifndef FARO_DB_H
#define FARO_DB_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum db_kind { DB_SQLITE, DB_POSTGRES };

struct db;
struct db_tx;
struct db_res;

struct db_stmt {
	const char *name; /* for error messages only */
	const char *sql;
};

enum db_val_type { DBV_NULL, DBV_INT, DBV_TEXT };
struct db_val {
	enum db_val_type type;
	int64_t i;
	const char *s; /* DBV_TEXT: UTF-8, not owned; NULL binds SQL NULL */
	size_t len;    /* DBV_TEXT: bytes, or (size_t)-1 for strlen(s) */
};
#define DBV_INT_(x)	 ((struct db_val){.type = DBV_INT, .i = (int64_t)(x)})
#define DBV_TEXT_(x)	 ((struct db_val){.type = DBV_TEXT, .s = (x), .len = (size_t)-1})
#define DBV_TEXTN_(x, n) ((struct db_val){.type = DBV_TEXT, .s = (x), .len = (n)})
#define DBV_NULL_	 ((struct db_val){.type = DBV_NULL})

/*
 * db_open: "sqlite:PATH" or "postgres://..." / "postgresql://...".
 * readers: connections for read transactions (SQLite) or the pool size
 * (PostgreSQL). Returns 0 and an owned db, or a negative err with the
 * reason in err.
 */
int db_open(const char *url, int readers, struct db **ret, struct buf *err);
/* db_close: closes every connection; NULL is fine. No transaction may be open. */
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* what db_begin opens */
enum { DB_READ = 0, DB_WRITE = 1, DB_READ_ONE = 2 };

/*
 * db_begin: starts a transaction on a pooled connection. write=1 takes
 * the single writer (SQLite: BEGIN IMMEDIATE) or a read-write
 * transaction (PostgreSQL: READ COMMITTED; use row locks where two
 * writers race). write=0 is a read-only snapshot. Blocks while the pool
 * is empty, up to the busy timeout, then ERR_BUSY. DB_READ_ONE is for a
 * single read statement: it runs on its own (no BEGIN), which saves the
 * round trips of a transaction; a second statement would see a newer state.
 */
int db_begin(struct db *db, int write, struct db_tx **ret);
/*
 * db_commit: commits and frees tx. On failure it rolls back, frees tx and
 * returns ERR_STORE, ERR_BUSY or ERR_CONFLICT (a serialization failure).
 * Nothing is acknowledged before this returns 0 (SQLite synchronous=FULL).
 */
int db_commit(struct db_tx *tx);
/* db_rollback: rolls back and frees tx; NULL is fine. */
void db_rollback(struct db_tx *tx);

/*
 * db_exec: runs st with params in tx. When ret is not NULL it receives an
 * owned result (free with db_res_free) holding every row. A unique or
 * foreign-key violation returns ERR_CONFLICT; other failures ERR_STORE
 * (the detail goes to db_tx_error(tx), never to clients).
 */
int db_exec(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params, int nparams,
	    struct db_res **ret);
/* db_tx_error: the last engine message of tx, for the operator's log. */
const char *db_tx_error(const struct db_tx *tx);
/* db_thread_error: the engine message of this thread's last failed statement ("" if none). */
const char *db_thread_error(void);
/* db_tx_db: the database tx belongs to. */
struct db *db_tx_db(const struct db_tx *tx);

/*
 * db_notify: PostgreSQL: pg_notify(channel, payload), delivered to every
 * listener when tx commits. SQLite: does nothing (one process owns the
 * file). Returns 0 or ERR_STORE.
 */
int db_notify(struct db_tx *tx, const char *channel, const char *payload);
/*
 * db_listen: PostgreSQL: a thread on its own connection LISTENs on
 * channel and calls cb(ud, payload) for each notification, reconnecting
 * when the connection drops (and then calling cb(ud, NULL) so the caller
 * can catch up). SQLite: returns 0 and never calls cb. Stopped by db_close.
 */
int db_listen(struct db *db, const char *channel, void (*cb)(void *ud, const char *payload),
	      void *ud);

int db_res_rows(const struct db_res *res);
int db_res_cols(const struct db_res *res);
int db_res_isnull(const struct db_res *res, int row, int col);
/* db_res_int: the cell as an integer (0 for NULL). */
int64_t db_res_int(const struct db_res *res, int row, int col);
/* db_res_double: the cell as a number (0 for NULL or text that is not one). */
double db_res_double(const struct db_res *res, int row, int col);
/* db_res_text: the cell as text, owned by res ("" for NULL). */
const char *db_res_text(const struct db_res *res, int row, int col);
void db_res_free(struct db_res *res);

/*
 * db_exec_script: runs a multi-statement SQL text (migrations) inside tx.
 * Values are never part of such a text.
 */
int db_exec_script(struct db_tx *tx, const char *sql);

#endif
