/* store_impl.h: what the store_*.c files share; private to src/store/. */
#ifndef FARO_STORE_IMPL_H
#define FARO_STORE_IMPL_H

#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
};

#define NPARAMS(a) ((int)(sizeof(a) / sizeof((a)[0])))
/* store_text: a copy of the cell in the arena; NULL stays NULL. */
const char *store_text(struct arena *a, const struct db_res *r, int row, int col);
/* store_one: runs st expecting one row in *ret (NULL: discarded); ERR_NOT_FOUND when none. */
int store_one(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int n,
	      struct db_res **ret);
/* store_one_int: store_one keeping the first column (an id, a count) in *ret (may be NULL). */
int store_one_int(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int n,
		  int64_t *ret);
/* store_row: store_one, filling the record *ret from the row with fill (store_rows' kind). */
int store_row(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	      int np, void (*fill)(struct arena *, const struct db_res *, int, void *), void *ret);

/*
 * store_rows: runs st and fills one record of size bytes per row with fill,
 * in an array from a (never NULL, even for no rows). 0 with *ret and *ret_n
 * set, or the store error.
 */
int store_rows(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	       int np, size_t size,
	       void (*fill)(struct arena *, const struct db_res *, int, void *), void **ret,
	       int *ret_n);
/*
 * STORE_LIST: store_rows into a typed array: ret is a T ** (T complete: the
 * sizeof below does not compile otherwise), one record of sizeof(T) a row.
 * 0 with *ret and *ret_n set, or the store error with both untouched.
 */
#define STORE_LIST(tx, a, st, p, np, fill, ret, ret_n)                                             \
	store_list((tx), (a), (st), (p), (np), sizeof(**(ret)), (fill), (ret), (ret_n))
/* store_list: STORE_LIST's body; ret_array is the address of the caller's T *. */
int store_list(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *p,
	       int np, size_t size,
	       void (*fill)(struct arena *, const struct db_res *, int, void *), void *ret_array,
	       int *ret_n);
/*
 * store_update_versioned: runs the optimistic update st (params p, RETURNING
 * version) and tells a stale version from a missing row with exists (one
 * $1 = id): ERR_CONFLICT when the row is there but someone saved first,
 * ERR_NOT_FOUND when it is not; 0 and *ret_version when it saved.
 */
int store_update_versioned(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p,
			   int np, const struct db_stmt *exists, int64_t id, int64_t *ret_version);

/*
 * store_pg_seqscan: PostgreSQL only, for the rest of the transaction: with
 * on = 0 the planner may not scan a table through (a LIMIT over common
 * words tempts it to; when they rarely meet, the scan reads every row),
 * with on = 1 it may again.
 */
int store_pg_seqscan(struct db_tx *tx, int on);

/* store_user_fill: reads the user columns starting at col (store_user.c's USER_COLS order). */
void store_user_fill(struct arena *a, const struct db_res *r, int row, int col, struct user_rec *u);

#endif
