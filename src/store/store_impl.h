/* store_impl.h: what the store_*.c files share; private to src/store/. */
#ifndef FARO_STORE_IMPL_H
#define FARO_STORE_IMPL_H

#include "db.h"
#include "store.h"

struct store {
	struct db *db;
};

#define NPARAMS(a) ((int)(sizeof(a) / sizeof((a)[0])))
/* store_text: a copy of the cell in the arena; NULL stays NULL. */
const char *store_text(struct arena *a, const struct db_res *r, int row, int col);
/* store_one: runs st expecting one row in *ret; ERR_NOT_FOUND when none. */
int store_one(struct db_tx *tx, const struct db_stmt *st, const struct db_val *p, int n,
	      struct db_res **ret);

/* store_user_fill: reads the user columns starting at col (store_user.c's USER_COLS order). */
void store_user_fill(struct arena *a, const struct db_res *r, int row, int col, struct user_rec *u);

#endif
