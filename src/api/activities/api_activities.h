/* api_activities.h: the handlers of calls, tasks, Activar Ruta, reminders, planning and the outbox,
 * and what they share. */
#ifndef FARO_API_ACTIVITIES_H
#define FARO_API_ACTIVITIES_H

#include <jansson.h>
#include <stdint.h>

#include "api/handlers.h"

struct app;
struct buf;
struct db_tx;
struct field_err;
struct req;

/* the outbox (admins) */
HANDLER(h_outbox_list);
HANDLER(h_outbox_test);
HANDLER(h_outbox_retry);
/* reminders (their owner) */
HANDLER(h_reminder_get);
HANDLER(h_reminder_snooze);
HANDLER(h_reminder_pending);
HANDLER(h_reminder_dismiss);

/*
 * api_parse_time: a time given as epoch milliseconds (a JSON integer) or an
 * ISO 8601 text with a zone ("2026-12-01T10:30:00Z", "...+01:00"). 0 and
 * *ret set when valid; ERR_INVALID with a message naming field otherwise.
 */
int api_parse_time(json_t *v, const char *field, int64_t *ret, struct buf *why);

/* ---- shared by calls and tasks (api_activities_common.c) ---- */
struct act_store;
struct activity_filter;
struct activity_rec;
struct arena;
struct call_rec;
struct task_rec;
struct resp;

HANDLER(h_call_create);
HANDLER(h_call_get);
HANDLER(h_call_update);
HANDLER(h_call_list);
HANDLER(h_task_create);
HANDLER(h_task_get);
HANDLER(h_task_update);
HANDLER(h_task_list);
HANDLER(h_task_route);
HANDLER(h_route_list);
HANDLER(h_activities);
HANDLER(h_planning);
HANDLER(h_activity_home);
HANDLER(h_activity_cases);
HANDLER(h_activity_assignees);

/*
 * act_refs: checks r's related case, profile and assignee in tx. With a
 * case and no profile the case's profile is filled in. 0 when all hold;
 * ERR_INVALID with e filled for an unknown case or profile, a profile that
 * is not the case's, an unknown or disabled assignee; other <0 on store errors.
 */
int act_refs(struct db_tx *tx, struct req *rq, struct activity_rec *r, struct field_err *e);
/* act_may_edit: whether the signed-in user may change a record made by created_by for assigned. */
int act_may_edit(struct req *rq, int64_t created_by, int64_t assigned_user_id);
/*
 * The field readers: a key absent from body leaves *ret as it is. Each
 * returns 0, or ERR_INVALID with e filled (they never answer).
 */
/* act_id_field: an optional record id (null clears it to 0). */
int act_id_field(json_t *body, const char *key, struct field_err *e, int64_t *ret);
/* act_time_field: a time (epoch ms or ISO 8601; null gives 0 when nullable). */
int act_time_field(json_t *body, const char *key, int nullable, struct field_err *e, int64_t *ret);
/* act_text_field: a text up to max characters (null or "" clears it when nullable). */
int act_text_field(json_t *body, const char *key, size_t max, int nullable, struct field_err *e,
		   const char **ret);
/* act_enum_field: a text that must be one of allowed (NULL-ended). */
int act_enum_field(json_t *body, const char *key, const char *const *allowed, struct field_err *e,
		   const char **ret);
/* act_int_field: an integer in [min, max] (null gives -1 when nullable). */
int act_int_field(json_t *body, const char *key, int64_t min, int64_t max, int nullable,
		  struct field_err *e, int64_t *ret);

/* act_list_filter: ?profile_id ?case_id ?assigned (me|id) ?from ?to into f; ERR_INVALID with e
 * filled. */
int act_list_filter(struct req *rq, struct field_err *e, struct activity_filter *f);
/*
 * act_route_notify: tells the coordinators of task t's Activar Ruta: a live
 * event to every signed-in coordinator and an email to each address of
 * the coordinators' list, in tx.
 */
int act_route_notify(struct app *app, struct db_tx *tx, struct req *rq, const struct task_rec *t);

/*
 * act_stale: answers 409 stale_version (api_stale) for now, the record of
 * kind ("call", "task") as stored. Returns 0 after answering.
 */
int act_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const char *kind,
	      const struct activity_rec *now);

json_t *call_json(const struct call_rec *c);
json_t *task_json(const struct task_rec *t);

/*
 * One kind of activity (a call, a task) for the create / get / update /
 * list code both share (api_activities_save.c). Records start with a
 * struct activity_rec, so rec points at both. Every callback gets the
 * record as void * and casts it to its own type.
 */
struct act_kind {
	const char *name;	     /* "call" | "task": the JSON key, audit and event names */
	const char *const *keys;     /* the body keys a create or update accepts */
	const char *const *statuses; /* the values of ?status= in a list */
	const char *status_message;  /* the 400 message of a bad ?status= */
	const char *forbidden;	     /* the 403 message of an update by someone else */
	size_t size;		     /* sizeof the record */
	/* init: the defaults of a new record by user at now */
	void (*init)(void *rec, int64_t now, int64_t user);
	/*
	 * fields: reads the kind's own fields of body into rec and derives what
	 * follows from them (before: the stored record, NULL on create);
	 * ERR_INVALID with e filled.
	 */
	int (*fields)(json_t *body, struct field_err *e, void *rec, const void *before,
		      int64_t now);
	/* reminder: when rec's reminder goes off (0: none), *ret_at the time it is about */
	int64_t (*reminder)(const void *rec, int64_t *ret_at);
	const struct act_store *store; /* its records in the store (store_calls, store_tasks) */
	json_t *(*json)(const void *rec);
	/* saved: what else happens in tx once rec is saved (before: NULL on create); may be NULL */
	int (*saved)(struct app *app, struct db_tx *tx, struct req *rq, const void *rec,
		     const void *before);
};

/* act_create / act_get / act_update / act_list: the handlers of one kind (api_activities_save.c).
 */
int act_create(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app);
int act_get(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app);
int act_update(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app);
int act_list(const struct act_kind *k, struct req *rq, struct resp *rs, struct app *app);

#endif
