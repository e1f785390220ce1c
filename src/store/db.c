/* db.c: engine dispatch by URL, and the result-set and statement-table helpers the engines share.
 */
#include "store/db.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/db_driver.h"
#include "core/banned.h"

static const struct db_driver *drv_of(const void *p)
{
	return ((const struct db_base *)p)->drv;
}

int db_open(const char *url, int readers, struct db **ret, struct buf *err)
{
	if (!strncmp(url, "sqlite:", 7))
		return db_sqlite_driver.open(url + 7, readers, ret, err);
	if (!strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13))
		return db_pg_driver.open(url, readers, ret, err);
	buf_puts(err, "database URL must start with sqlite: or postgres://");
	return ERR_INVALID;
}

void db_close(struct db *db)
{
	if (db)
		drv_of(db)->close(db);
}

enum db_kind db_kind(const struct db *db)
{
	return ((const struct db_base *)db)->kind;
}

int db_begin(struct db *db, int write, struct db_tx **ret)
{
	return drv_of(db)->begin(db, write, ret);
}

int db_commit(struct db_tx *tx)
{
	return drv_of(tx)->commit(tx);
}

void db_rollback(struct db_tx *tx)
{
	if (tx)
		drv_of(tx)->rollback(tx);
}

/* the engine's last message on this thread, kept past rollback for the operator's log */
static _Thread_local char last_error[256];

const char *db_thread_error(void)
{
	return last_error;
}

int db_exec(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params, int nparams,
	    struct db_res **ret)
{
	int rc = drv_of(tx)->exec(tx, st, params, nparams, ret);
	if (rc)
		snprintf(last_error, sizeof(last_error), "%s", drv_of(tx)->tx_error(tx));
	return rc;
}

int db_exec_script(struct db_tx *tx, const char *sql)
{
	return drv_of(tx)->exec_script(tx, sql);
}

int db_notify(struct db_tx *tx, const char *channel, const char *payload)
{
	return drv_of(tx)->notify(tx, channel, payload);
}

int db_listen(struct db *db, const char *channel, void (*cb)(void *, const char *), void *ud)
{
	return drv_of(db)->listen(db, channel, cb, ud);
}

const char *db_tx_error(const struct db_tx *tx)
{
	return drv_of(tx)->tx_error(tx);
}

struct db *db_tx_db(const struct db_tx *tx)
{
	return drv_of(tx)->tx_db(tx);
}

struct db_res *db_res_new(int cols)
{
	struct db_res *r = xcalloc(1, sizeof(*r));
	r->cols = cols;
	return r;
}

struct db_cell *db_res_add_row(struct db_res *res)
{
	if (res->rows == res->alloc_rows) {
		res->alloc_rows = res->alloc_rows ? res->alloc_rows * 2 : 8;
		res->cells = xrealloc(res->cells, sizeof(struct db_cell) * (size_t)res->alloc_rows *
						      (size_t)(res->cols ? res->cols : 1));
	}
	struct db_cell *c = res->cells + (size_t)res->rows * (size_t)res->cols;
	for (int i = 0; i < res->cols; i++)
		c[i] = (struct db_cell){.isnull = 1};
	res->rows++;
	return c;
}

int db_res_rows(const struct db_res *res)
{
	return res ? res->rows : 0;
}

int db_res_cols(const struct db_res *res)
{
	return res ? res->cols : 0;
}

static const struct db_cell *cell(const struct db_res *res, int row, int col)
{
	if (!res || row < 0 || row >= res->rows || col < 0 || col >= res->cols)
		return NULL;
	return res->cells + (size_t)row * (size_t)res->cols + col;
}

int db_res_isnull(const struct db_res *res, int row, int col)
{
	const struct db_cell *c = cell(res, row, col);
	return !c || c->isnull;
}

int64_t db_res_int(const struct db_res *res, int row, int col)
{
	const struct db_cell *c = cell(res, row, col);
	return c && !c->isnull ? c->i : 0;
}

double db_res_double(const struct db_res *res, int row, int col)
{
	const struct db_cell *c = cell(res, row, col);
	if (!c || c->isnull)
		return 0;
	return c->real ? c->d : c->s ? strtod(c->s, NULL) : 0;
}

const char *db_res_text(const struct db_res *res, int row, int col)
{
	const struct db_cell *c = cell(res, row, col);
	if (!c || c->isnull)
		return "";
	if (c->real && !c->s && res->real_text) {
		/* formatting a real costs more than reading it, and most are only read as
		 * numbers: the text is made on first use (a result belongs to one thread) */
		char t[40];
		res->real_text(c->d, t, sizeof(t));
		((struct db_cell *)c)->s = xstrdup(t);
	}
	return c->s ? c->s : "";
}

void db_res_free(struct db_res *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < (size_t)res->rows * (size_t)res->cols; i++)
		free(res->cells[i].s);
	free(res->cells);
	free(res);
}

/* ---- a connection's statements ---- */

static size_t stmts_hash(const struct db_stmt *st)
{
	uint64_t h = (uint64_t)(uintptr_t)st;

	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

/* stmts_slot: st's entry in tab, or the empty slot for it; cap: a power of two > used. */
static struct db_stmt_slot *stmts_slot(struct db_stmt_slot *tab, size_t cap,
				       const struct db_stmt *st)
{
	size_t i = stmts_hash(st) & (cap - 1);

	while (tab[i].st && tab[i].st != st)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

struct db_stmt_slot *db_stmts_find(const struct db_stmts *t, const struct db_stmt *st)
{
	struct db_stmt_slot *e;

	if (!t->cap || !(e = stmts_slot(t->slot, t->cap, st))->st)
		return NULL;
	return e;
}

struct db_stmt_slot *db_stmts_add(struct db_stmts *t, const struct db_stmt *st)
{
	/* a table at most half full keeps the probe runs short */
	if ((t->n + 1) * 2 > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 64;
		struct db_stmt_slot *tab = xcalloc(ncap, sizeof(*tab));

		for (size_t i = 0; i < t->cap; i++)
			if (t->slot[i].st)
				*stmts_slot(tab, ncap, t->slot[i].st) = t->slot[i];
		free(t->slot);
		t->slot = tab;
		t->cap = ncap;
	}
	struct db_stmt_slot *e = stmts_slot(t->slot, t->cap, st);
	e->st = st;
	t->n++;
	return e;
}

void db_stmts_clear(struct db_stmts *t)
{
	free(t->slot);
	t->slot = NULL;
	t->cap = 0;
	t->n = 0;
}
