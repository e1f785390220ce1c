/*
 * store_activities.h: calls (Llamadas) and tasks (Tareas), and the few reads of
 * other areas' records they need (the related case, the attendee profile,
 * the people work can be assigned to). Strings live in the caller's arena.
 */
#ifndef FARO_STORE_CALL_H
#define FARO_STORE_CALL_H

#include <stdint.h>

struct arena;
struct db_tx;

/*
 * What calls and tasks share. It is the first member (act) of both records,
 * so the API's create / update / get / list code serves both kinds.
 */
struct activity_rec {
	int64_t id;
	const char *subject;
	int64_t case_id, profile_id, assigned_user_id; /* 0: none */
	int64_t reminder_minutes;		       /* -1: no reminder */
	int64_t created_by, updated_by, created_ms, updated_ms, version;
	/* read only, joined for display */
	const char *case_number, *case_subject, *profile_name, *assigned_name;
};

struct call_rec {
	struct activity_rec act;
	const char *direction, *status; /* inbound|outbound; planned|held|not_held */
	int64_t start_ms, duration_min;
	const char *notes; /* NULL: none */
};

struct task_rec {
	struct activity_rec act;
	const char *description;
	int64_t due_ms; /* 0: no due date */
	const char *status, *priority;
	int64_t completed_ms;
	const char *route_type;	 /* NULL: no Activar Ruta */
	const char *route_state; /* requested | acknowledged | completed */
	int64_t route_requested_ms, route_acknowledged_ms, route_acknowledged_by;
	int64_t route_completed_ms, route_completed_by;
	const char *created_name; /* read only, joined */
};

/* what a list keeps; 0 / NULL fields do not filter */
struct activity_filter {
	int64_t profile_id, case_id, assigned_user_id;
	int64_t from_ms,
	    to_ms;	    /* the call's start / the task's due (else creation) in [from, to) */
	const char *status; /* one status, or NULL */
	int open_only;	    /* tasks: not completed; calls: planned */
	int closed_only;    /* tasks: completed; calls: held or not held */
	int limit;
};

/*
 * One kind of activity as the store keeps it, for code written once for
 * calls and tasks: rec is a struct call_rec with store_calls, a struct
 * task_rec with store_tasks.
 */
struct act_store;
extern const struct act_store store_calls, store_tasks;
/* store_act_insert: a new record of kind k by actor; its id in *ret_id. */
int store_act_insert(struct db_tx *tx, const struct act_store *k, const void *rec, int64_t actor,
		     int64_t now, int64_t *ret_id);
/* store_act_get: the record id of kind k with the names joined for display. */
int store_act_get(struct db_tx *tx, struct arena *a, const struct act_store *k, int64_t id,
		  void *ret);
/* store_act_update: every field of rec when its version is current; ERR_CONFLICT when stale. */
int store_act_update(struct db_tx *tx, const struct act_store *k, const void *rec, int64_t actor,
		     int64_t now, int64_t *ret_version);
/* store_act_list: the records of kind k f keeps, in an array of k's records. */
int store_act_list(struct db_tx *tx, struct arena *a, const struct act_store *k,
		   const struct activity_filter *f, void **ret, int *ret_n);

int store_call_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct call_rec **ret, int *ret_n);
int store_task_get(struct db_tx *tx, struct arena *a, int64_t id, struct task_rec *ret);
/* store_task_update: every field of t (route columns included) when t->version is current. */
int store_task_update(struct db_tx *tx, const struct task_rec *t, int64_t actor, int64_t now,
		      int64_t *ret_version);
int store_task_list(struct db_tx *tx, struct arena *a, const struct activity_filter *f,
		    struct task_rec **ret, int *ret_n);
/* store_task_routes: Activar Ruta requests, state NULL: not completed; newest first. */
int store_task_routes(struct db_tx *tx, struct arena *a, const char *state, int limit,
		      struct task_rec **ret, int *ret_n);

#endif
