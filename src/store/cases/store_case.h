/*
 * store_case.h: cases (Casos) in the store: numbers, the record, lists.
 * Called inside a transaction from store_begin; strings of returned
 * records live in the caller's arena.
 */
#ifndef FARO_STORE_CASE_H
#define FARO_STORE_CASE_H

#include <stdint.h>

struct arena;
struct db_tx;

struct case_rec {
	int64_t id;
	const char *number; /* CAS-2026-000123 */
	int64_t profile_id;
	const char *subject, *description, *status, *priority, *category;
	int64_t assigned_user_id;     /* 0: nobody */
	int64_t opened_ms, closed_ms; /* closed_ms 0: open */
	int64_t created_by, updated_by, created_ms, updated_ms, version;
	/* read only, joined */
	const char *profile_name;
	int profile_anonymous;
	const char *assigned_name, *created_by_name, *updated_by_name;
};

/*
 * store_case_next_number: the next sequence number of year (1, 2, ...).
 * The counter row stays locked until tx ends, so concurrent creators on
 * either engine never draw the same number.
 */
int store_case_next_number(struct db_tx *tx, int year, int64_t *ret_n);
/* store_case_insert: writes c (version 1); ERR_CONFLICT if the number is taken. */
int store_case_insert(struct db_tx *tx, const struct case_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_id);
/* store_case_get: the case with its profile's and users' names; ERR_NOT_FOUND. */
int store_case_get(struct db_tx *tx, struct arena *a, int64_t id, struct case_rec *ret);
/*
 * store_case_update: writes subject, description, status, priority,
 * category, assignee and closed_ms of c when c->version is still current;
 * ERR_CONFLICT when someone saved first, ERR_NOT_FOUND when there is no such case.
 */
int store_case_update(struct db_tx *tx, const struct case_rec *c, int64_t actor, int64_t now,
		      int64_t *ret_version);

struct case_filter {
	int64_t assigned_user_id; /* 0: anyone's */
	const char *status;	  /* NULL: any */
	int active_only;	  /* 1: not closed */
	int64_t profile_id;	  /* 0: any profile */
	int64_t before_id;	  /* 0: from the newest */
	int limit;
};
/* store_case_list: newest first (the "related to" pickers want the latest case on top). */
int store_case_list(struct db_tx *tx, struct arena *a, const struct case_filter *f,
		    struct case_rec **ret, int *ret_n);

#endif
