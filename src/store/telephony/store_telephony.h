/*
 * store_telephony.h: the telephony area in the store: integrations and their secrets, the
 * extension map, signatures seen lately, each call's contact and every event received. Called
 * inside a transaction from store_begin; strings of returned records live in the caller's arena.
 */
#ifndef FARO_STORE_TELEPHONY_H
#define FARO_STORE_TELEPHONY_H

#include <stdint.h>

struct arena;
struct db_tx;

struct telephony_integration_rec {
	int64_t id;
	const char *name;
	const char *secret; /* NULL in lists: only store_telephony_integration_get reads it */
	int active;
	int64_t created_by, created_ms, retired_by, retired_ms; /* 0: none */
	const char *created_by_name, *retired_by_name;		/* read only */
};
/* store_telephony_integration_insert: a new active integration; *ret_id its id. */
int store_telephony_integration_insert(struct db_tx *tx, const char *name, const char *secret,
				       int64_t actor, int64_t now, int64_t *ret_id);
/* store_telephony_integration_get: integration id with its secret; ERR_NOT_FOUND. */
int store_telephony_integration_get(struct db_tx *tx, struct arena *a, int64_t id,
				    struct telephony_integration_rec *ret);
/* store_telephony_integrations: every integration by id, without secrets. */
int store_telephony_integrations(struct db_tx *tx, struct arena *a,
				 struct telephony_integration_rec **ret, int *ret_n);
/* store_telephony_integration_retire: retires active integration id; ERR_NOT_FOUND when none. */
int store_telephony_integration_retire(struct db_tx *tx, int64_t id, int64_t actor, int64_t now);

struct telephony_extension_rec {
	const char *extension;
	int64_t user_id;
	const char *username, *display_name; /* read only */
	int64_t updated_ms;
};
/* store_telephony_extensions: the extension map, by extension. */
int store_telephony_extensions(struct db_tx *tx, struct arena *a,
			       struct telephony_extension_rec **ret, int *ret_n);
/* the extension map's version: who saved it last and when */
struct telephony_map_rec {
	int64_t version, updated_ms, updated_by; /* updated_by 0: nobody yet */
};
int store_telephony_extension_map(struct db_tx *tx, struct telephony_map_rec *ret);
/*
 * store_telephony_extensions_replace: the map becomes exts[0..n) when version
 * is still the map's; ERR_CONFLICT when someone saved first. *ret_version: the new one.
 */
int store_telephony_extensions_replace(struct db_tx *tx, const struct telephony_extension_rec *exts,
				       int n, int64_t version, int64_t actor, int64_t now,
				       int64_t *ret_version);
/* store_telephony_extension_user: the user extension ext names; ERR_NOT_FOUND. */
int store_telephony_extension_user(struct db_tx *tx, const char *ext, int64_t *ret_user_id);

/*
 * store_telephony_replay_add: forgets signatures older than keep_after_ms,
 * then remembers sig of integration id; ERR_CONFLICT when it is remembered
 * already (a replay).
 */
int store_telephony_replay_add(struct db_tx *tx, int64_t integration_id, const char *sig,
			       int64_t now, int64_t keep_after_ms);

/*
 * store_telephony_call_lock: the call's row, made when new, held until tx
 * ends (a call's events run one after the other on either engine).
 * *ret_contact_id and *ret_agent 0 when none yet.
 */
int store_telephony_call_lock(struct db_tx *tx, int64_t integration_id, const char *call_id,
			      int64_t now, int64_t *ret_contact_id, int64_t *ret_agent);
/* store_telephony_call_set: the call's contact, agent and duration (-1: unchanged). */
int store_telephony_call_set(struct db_tx *tx, int64_t integration_id, const char *call_id,
			     int64_t contact_id, int64_t agent, int64_t duration_s, int64_t now);

struct telephony_event_rec {
	int64_t id, integration_id;
	const char *event_key, *type, *call_id, *from_number, *to_number, *agent, *to_agent,
	    *channel;
	int64_t duration_s;		   /* -1: none */
	const char *status, *reason;	   /* reason NULL: nobody needs to look at it */
	int64_t agent_user_id, contact_id; /* 0: none */
	const char *result;		   /* the JSON answer */
	int64_t received_ms, handled_by, handled_ms;
	const char *integration_name, *agent_name, *handled_by_name; /* read only */
};
/*
 * store_telephony_event_insert: records e (status, result as given);
 * *ret_id its id. ERR_CONFLICT when an event of its key is recorded (then
 * nothing is written); a concurrent twin waits for the first to end.
 */
int store_telephony_event_insert(struct db_tx *tx, const struct telephony_event_rec *e,
				 int64_t *ret_id);
/* store_telephony_event_by_key: the recorded event of key; ERR_NOT_FOUND. */
int store_telephony_event_by_key(struct db_tx *tx, struct arena *a, const char *key,
				 struct telephony_event_rec *ret);
/* store_telephony_event_finish: what became of event id: status, reason, agent, contact, answer. */
int store_telephony_event_finish(struct db_tx *tx, const struct telephony_event_rec *e);
/* store_telephony_event_get: event id; ERR_NOT_FOUND. */
int store_telephony_event_get(struct db_tx *tx, struct arena *a, int64_t id,
			      struct telephony_event_rec *ret);
/*
 * store_telephony_attention: the events supervisors see (a reason), newest
 * first, below before_id (0: from the newest), only unhandled ones when
 * pending; at most limit.
 */
int store_telephony_attention(struct db_tx *tx, struct arena *a, int64_t before_id, int pending,
			      int limit, struct telephony_event_rec **ret, int *ret_n);
/*
 * store_telephony_event_handled: marks event id handled by actor;
 * ERR_NOT_FOUND when it is not one supervisors see; 0 and nothing changed
 * when it was handled already.
 */
int store_telephony_event_handled(struct db_tx *tx, int64_t id, int64_t actor, int64_t now);

#endif
