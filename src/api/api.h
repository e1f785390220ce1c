/* api.h: helpers the handlers share: errors, request bodies, the session, audit and events. */
#ifndef FARO_API_H
#define FARO_API_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/roles.h"
#include "http/http.h"
#include "store/store.h"
#include "api/app.h"

struct arena;
struct db_tx;

/* the logged-in session, set by the dispatcher before a handler runs */
struct api_session {
	struct session_rec s;
	enum role role;
};

static inline struct api_session *api_session(struct req *rq)
{
	return rq->api_ctx;
}

/*
 * How helpers answer. A function that writes the answer into rs returns 0
 * (the request is handled), as api_error does; a failure it could not
 * answer is a negative enum err the dispatcher maps. A helper that may
 * answer or may not says so in its contract and has a named out-param
 * int *ret_answered, set to 1 when it answered (the caller then stops and
 * returns 0). Helpers that only check input do not answer: they fill a
 * struct field_err and return ERR_INVALID; the caller answers with
 * api_field_answer. (Functions returning a pointer, as api_body, answer
 * and return NULL.)
 */

/* api_error: answers {"error":{"code","message"}} with status. Returns 0 (handled). */
int api_error(struct resp *rs, int status, const char *code, const char *message);
/* api_error_with: api_error plus the members of extra (stolen; may be NULL). Returns 0. */
int api_error_with(struct resp *rs, int status, const char *code, const char *message,
		   json_t *extra);

/* a refused field: stable code, the field it is about ("phones[1].number"), a message */
struct field_err {
	const char *code;  /* "invalid", "invalid_phone", "unknown_user", ... */
	const char *field; /* arena or static; NULL when no one field is at fault */
	struct buf msg;
};
#define FIELD_ERR_INIT                                                                             \
	{                                                                                          \
		"invalid", NULL, BUF_INIT(256)                                                     \
	}
/* field_fail: records code, field and a message ("field: msg") in e; returns ERR_INVALID. */
int field_fail(struct field_err *e, const char *code, const char *field, const char *msg);
/*
 * api_field_answer: 400 {"error":{"code","message","field"}} from e (field
 * left out when NULL), then releases e->msg (e stays usable). Returns 0.
 */
int api_field_answer(struct resp *rs, struct field_err *e);
/* api_field_error: the same answer without a struct field_err. Returns 0. */
int api_field_error(struct resp *rs, const char *code, const char *field, const char *message);

/* what a 409 stale_version says about the record someone else saved first */
struct api_saved {
	const char *object_type; /* as the audit log names it: "case", "user", "organization" */
	int64_t id;		 /* the record's id, or 0 with key */
	const char *key;	 /* a text id (directory rows), else NULL */
	int64_t version;	 /* the version stored now */
	int64_t ms;		 /* when it was saved: the record's updated_ms */
	const char *by;		 /* who saved it (display name) when the record says, or NULL */
	int64_t by_user;	 /* else who saved it (user id) when the record says, or 0 */
};
/*
 * api_stale: answers 409 {"error":{"code":"stale_version","message",
 * "saved_by","saved_ms","current_version"}} for the record s names.
 * saved_by is s->by, else the display name of s->by_user, else from the
 * audit log in tx: the newest row about the record at or before s->ms (a
 * save audits in its own transaction); null when nobody is on record
 * (imported data). Returns 0 after answering; a negative err when tx fails.
 */
int api_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const struct api_saved *s);
/* api_fail: answers for the internal error e with the one mapping table; logs store failures. */
int api_fail(struct req *rq, struct resp *rs, int e, const char *detail);
/*
 * api_body: the request body as a JSON object (owned by the caller) or
 * NULL after answering 415 (not JSON), 400 invalid_json or 400 when the
 * body is not an object, or holds a key outside allowed (NULL-ended).
 */
json_t *api_body(struct req *rq, struct resp *rs, const char *const *allowed);
/* api_invalid: 400 invalid with the message in why (a struct buf's text). */
int api_invalid(struct resp *rs, const char *code, const char *why);
/* api_id_param: the path parameter as a positive id, or 0. */
int64_t api_id_param(struct req *rq, const char *name);

/*
 * api_audit: appends who did what to which record in tx (detail may be
 * NULL; it is stolen). Actor is the session's user, or "system".
 */
int api_audit(struct db_tx *tx, struct req *rq, const char *action, const char *object_type,
	      int64_t object_id, json_t *detail);
/* api_audit_as: the same with an explicit actor (login, the CLI). */
int api_audit_as(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
		 const char *action, const char *object_type, int64_t object_id, json_t *detail);
/* api_audit_text: the same with a text object id (a UUID); all write via store_audit_write. */
int api_audit_text(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
		   const char *action, const char *object_type, const char *object_id,
		   json_t *detail);
/* api_event: records a live event in tx and marks rq, so api_commit delivers it. */
int api_event(struct db_tx *tx, struct req *rq, const char *type, int64_t target_user,
	      const char *target_role, int64_t target_session, const char *ref_type,
	      int64_t ref_id);
/* api_commit: commits tx, then delivers the events api_event queued; maps failure to a response. */
int api_commit(struct app *app, struct req *rq, struct resp *rs, struct db_tx *tx);

/*
 * What a write handler holds, ended in one call on every path: the
 * handler reads the body into body, begins tx, fills e on a refused field
 * (and has ERR_INVALID), commits with api_write_commit, and returns
 * api_write_end after its one out: label.
 */
struct api_write {
	struct db_tx *tx;   /* the write transaction; NULL before it begins and once committed */
	json_t *body;	    /* the request body (api_body), owned */
	struct field_err e; /* the refused field api_write_end answers for ERR_INVALID */
	int kick;	    /* wake the jobs once committed: mail queued, a reminder moved */
};
#define API_WRITE_INIT                                                                             \
	{                                                                                          \
		NULL, NULL, FIELD_ERR_INIT, 0                                                      \
	}
/*
 * api_write_commit: api_commit of w->tx, which it consumes (w->tx is NULL
 * after); once committed, wakes the scheduler and mail sender when w->kick.
 */
int api_write_commit(struct app *app, struct req *rq, struct resp *rs, struct api_write *w);
/* api_write_answer: answers status {member: view} (view stolen), then api_write_commit. */
int api_write_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		     int status, const char *member, json_t *view);
/*
 * api_write_open: for an update of the record the path's "id" names, reads
 * the body (keys allowed) into w->body and the version the client read.
 * 0 with w->body NULL after answering a body that is not a JSON object;
 * ERR_NOT_FOUND without an id; ERR_INVALID with w->e naming version when
 * it is missing.
 */
int api_write_open(struct api_write *w, struct req *rq, struct resp *rs, const char *const *keys,
		   int64_t *ret_id, int64_t *ret_version);
/*
 * api_write_end: ends a write handler that has rc: ERR_INVALID answers 400
 * from w->e (api_field_answer) and becomes 0; an uncommitted w->tx rolls
 * back; the body and the message are freed. Returns rc.
 */
int api_write_end(struct api_write *w, struct resp *rs, int rc);

/* an audited read of one record: who saw it is on record (api_view_audited) */
struct api_view {
	const char *type;   /* the audit row's object type and the answer's member: "case" */
	const char *action; /* the audit row's action: "case.view" */
	/* reads record id in tx as its JSON view into *ret (owned by the caller) */
	int (*read)(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret);
};
/*
 * api_view_commit: ends an audited read in w->tx: audits v->action about
 * record id, answers 200 {v->type: rec} (rec stolen) and commits w->tx.
 */
int api_view_commit(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		    const struct api_view *v, int64_t id, json_t *rec);
/*
 * api_view_audited: GET of the record the path's "id" names: reads it
 * with v->read and answers it with api_view_commit, in one write
 * transaction (the view and its audit row commit together).
 */
int api_view_audited(struct app *app, struct req *rq, struct resp *rs, const struct api_view *v);

/* api_same_origin: 1 when the browser says the request comes from our own origin (or says nothing).
 */
int api_same_origin(struct app *app, struct req *rq);

/* user_json: the public view of a staff account (never the hash). */
json_t *user_json(const struct user_rec *u);
/* user_stale: 409 stale_version (api_stale) for the account now, as stored in tx; returns 0. */
int user_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const struct user_rec *now);

/* password hashing (argon2id), bounded by app->hash_slots */
int password_hash(struct app *app, const char *pw, char *out, size_t out_size);
/* password_verify: 0 when pw matches; *ret_rehash = 1 when the stored parameters are outdated. */
int password_verify(struct app *app, const char *hash, const char *pw, int *ret_rehash);
/* password_burn: spends the time of one verification (unknown users look like known ones). */
void password_burn(struct app *app, const char *pw);

/* sessions */
/*
 * session_start: creates a session for u in tx, sets the cookie on rs,
 * ends the oldest sessions beyond the cap, and returns the csrf token
 * (arena) in *ret_csrf and the session id in *ret_id.
 */
int session_start(struct app *app, struct req *rq, struct resp *rs, struct db_tx *tx,
		  const struct user_rec *u, const char **ret_csrf, int64_t *ret_id);
/* session_end_events: tells the given sessions' live streams, through session_ended events in tx,
 * to close. */
int session_end_events(struct db_tx *tx, struct req *rq, const int64_t *ids, int n);
/*
 * session_end_user: ends every live session of user_id except keep_id (0:
 * all) in tx, closing their streams; *ret_n (may be NULL) says how many.
 */
int session_end_user(struct db_tx *tx, struct req *rq, int64_t user_id, int64_t keep_id,
		     int *ret_n);
/* session_clear_cookie: a Set-Cookie that removes the session cookie. */
void session_clear_cookie(struct app *app, struct req *rq, struct resp *rs);
/* session_cookie_name: "__Host-faro" behind TLS, else "faro_sid". */
const char *session_cookie_name(const struct app *app);

#endif
