/* store_hsds_sql.h: the statements of every HSDS table (generated in store_hsds_sql.c); private to src/store/. */
#ifndef FARO_STORE_HSDS_SQL_H
#define FARO_STORE_HSDS_SQL_H

#include "domain/resources/hsds_schema.h"
#include "store/db.h"

struct hsds_sql {
	struct db_stmt upsert; /* fields, extra, updated_ms[, search_fold] -> version (1: inserted) */
	struct db_stmt insert; /* the same values; ERR_CONFLICT when the id exists */
	struct db_stmt update; /* id, other fields, updated_ms[, search_fold], version read -> version */
	struct db_stmt get;    /* id -> the row */
	struct db_stmt after;  /* id, limit -> rows with a greater id */
	struct db_stmt page;   /* limit, offset -> rows by id */
	struct db_stmt count;
	struct db_stmt del;	 /* id, version -> id */
	struct db_stmt exists; /* id -> version */
	struct db_stmt by_field[HSDS_MAX_FIELDS]; /* rows whose uuid field i equals $1 (sql NULL: none) */
};

extern const struct hsds_sql *const hsds_sql[HSDS_NTABLES];

#endif
