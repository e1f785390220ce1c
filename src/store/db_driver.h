/* db_driver.h: what an engine implements for db.c; private to src/store/. */
#ifndef FARO_DB_DRIVER_H
#define FARO_DB_DRIVER_H

#include "store/db.h"

struct db_cell {
	int isnull;
	int real; /* d holds the value; s is made from it when first read as text */
	int64_t i;
	double d;
	char *s;
};

struct db_res {
	int rows, cols, alloc_rows;
	struct db_cell *cells; /* rows * cols, row-major; every s owned */
	/* real_text: the engine's own text form of a real (set by drivers that store reals) */
	void (*real_text)(double d, char *out, size_t n);
};

struct db_driver {
	int (*open)(const char *url, int readers, struct db **ret, struct buf *err);
	void (*close)(struct db *db);
	int (*begin)(struct db *db, int write, struct db_tx **ret);
	int (*commit)(struct db_tx *tx);
	void (*rollback)(struct db_tx *tx);
	int (*exec)(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params, int n,
		    struct db_res **ret);
	int (*exec_script)(struct db_tx *tx, const char *sql);
	int (*notify)(struct db_tx *tx, const char *channel, const char *payload);
	int (*listen)(struct db *db, const char *channel, void (*cb)(void *, const char *),
		      void *ud);
	const char *(*tx_error)(const struct db_tx *tx);
	struct db *(*tx_db)(const struct db_tx *tx);
};

/* Every engine's struct db and struct db_tx start with this header. */
struct db_base {
	const struct db_driver *drv;
	enum db_kind kind;
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/* helpers shared by the engines */
struct db_res *db_res_new(int cols);
/* db_res_add_row: appends a row of NULL cells and returns its first cell. */
struct db_cell *db_res_add_row(struct db_res *res);

/*
 * struct db_stmts: a connection's statements, found by the address of their
 * struct db_stmt (open addressing; the capacity a power of two, at most half
 * used). Each engine keeps its own value in a slot. All zero is empty.
 */
struct db_stmt_slot {
	const struct db_stmt *st; /* NULL: an empty slot */
	union {
		void *handle; /* SQLite: the prepared sqlite3_stmt */
		unsigned id;  /* PostgreSQL: the server-side name is "s<id>" */
	} v;
};
struct db_stmts {
	struct db_stmt_slot *slot;
	size_t cap, n;
};
/* db_stmts_find: st's slot in t, or NULL when st has none yet. */
struct db_stmt_slot *db_stmts_find(const struct db_stmts *t, const struct db_stmt *st);
/* db_stmts_add: a new slot for st (not in t yet), growing t as needed; the caller sets its value.
 */
struct db_stmt_slot *db_stmts_add(struct db_stmts *t, const struct db_stmt *st);
/* db_stmts_clear: empties t; releasing the values is the caller's, before. */
void db_stmts_clear(struct db_stmts *t);

#endif
