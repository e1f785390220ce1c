/*
 * store.h: the one storage interface above the engines. api/ calls these
 * use-case functions inside a transaction it opens with store_begin, so a
 * change and its audit entry commit together or not at all. Strings in
 * returned records live in the caller's arena.
 */
#ifndef FARO_STORE_H
#define FARO_STORE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct db_tx;
struct store;

/* store_open: opens the database at url ("sqlite:PATH" | "postgres://..."); owned result. */
int store_open(const char *url, int readers, struct store **ret, struct buf *err);
void store_close(struct store *st);
/* store_engine: "sqlite" or "postgres". */
const char *store_engine(const struct store *st);
/* store_migrate: applies the embedded migrations not yet applied, each in its own transaction. */
int store_migrate(struct store *st, int *ret_applied, struct buf *err);
/* what store_begin opens (db_begin's modes) */
enum store_mode {
	STORE_READ = 0,	 /* a read-only snapshot */
	STORE_WRITE = 1, /* the writer: SQLite BEGIN IMMEDIATE, PostgreSQL read-write */
	STORE_READ_ONE =
	    2, /* one read statement alone, without BEGIN (a second would see a newer state) */
};
/* store_begin: a transaction of the given mode; see db_begin. */
int store_begin(struct store *st, enum store_mode mode, struct db_tx **ret);
/* store_commit: 0 once durable; on failure everything in tx is rolled back. */
int store_commit(struct db_tx *tx);
void store_rollback(struct db_tx *tx);
/* store_last_error: the engine's message for tx, for the operator's log only. */
const char *store_last_error(const struct db_tx *tx);
/* store_thread_error: the engine's message for this thread's last failed statement (logs only). */
const char *store_thread_error(void);
/* store_listen: calls cb(ud, payload) for each event notification from any instance (PostgreSQL).
 */
int store_listen(struct store *st, void (*cb)(void *ud, const char *payload), void *ud);

/* ---- organisation settings ---- */
/* store_setting_get: *ret is the value (arena), or ERR_NOT_FOUND. */
int store_setting_get(struct db_tx *tx, struct arena *a, const char *key, const char **ret);
int store_setting_put(struct db_tx *tx, const char *key, const char *value, int64_t now);

/* ---- users ---- */
struct user_rec {
	int64_t id;
	const char *username;
	const char *display_name;
	const char *email; /* NULL when none */
	const char *role;
	const char *language;
	const char *password_hash;
	int must_change_password;
	int64_t password_expires_ms; /* 0: never */
	int disabled;
	int64_t created_ms, updated_ms, version;
};

/* store_user_insert: ERR_CONFLICT when the folded username is taken. */
int store_user_insert(struct db_tx *tx, const struct user_rec *u, const char *username_fold,
		      int64_t now, int64_t *ret_id);
int store_user_get(struct db_tx *tx, struct arena *a, int64_t id, struct user_rec *ret);
int store_user_by_name(struct db_tx *tx, struct arena *a, const char *username_fold,
		       struct user_rec *ret);
/* store_user_list: users ordered by id after after_id; *ret is an arena array. */
int store_user_list(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		    struct user_rec **ret, int *ret_n);
/*
 * store_user_update: writes display_name, email, role, language, disabled
 * of u when u->version is still current; ERR_CONFLICT when someone saved
 * first, ERR_NOT_FOUND when there is no such user. *ret_version: the new one.
 */
int store_user_update(struct db_tx *tx, const struct user_rec *u, int64_t now,
		      int64_t *ret_version);
int store_user_set_password(struct db_tx *tx, int64_t id, const char *hash, int must_change,
			    int64_t expires_ms, int64_t now);
int store_user_count(struct db_tx *tx, int64_t *ret);

/* ---- sessions ---- */
struct session_rec {
	int64_t id, user_id, created_ms, last_seen_ms, expires_ms;
	const char *csrf_token;
	struct user_rec user;
};
int store_session_insert(struct db_tx *tx, const char *token_hash, int64_t user_id,
			 const char *csrf_token, int64_t now, int64_t expires_ms, int64_t *ret_id);
/* store_session_find: the live (not revoked) session with this token hash, with its user. */
int store_session_find(struct db_tx *tx, struct arena *a, const char *token_hash,
		       struct session_rec *ret);
/* store_session_alive: 0 when session id is live and was seen after min_seen_ms, else
 * ERR_NOT_FOUND. */
int store_session_alive(struct db_tx *tx, int64_t id, int64_t now, int64_t min_seen_ms);
int store_session_touch(struct db_tx *tx, int64_t id, int64_t now);
int store_session_revoke(struct db_tx *tx, int64_t id, int64_t now);
/* store_session_revoke_user: revokes every live session of user_id but keep_id; ids in *ret
 * (arena). */
int store_session_revoke_user(struct db_tx *tx, struct arena *a, int64_t user_id, int64_t keep_id,
			      int64_t now, int64_t **ret_ids, int *ret_n);
/* store_session_oldest_beyond: ids of the user's live sessions past the newest keep (oldest first).
 */
int store_session_oldest_beyond(struct db_tx *tx, struct arena *a, int64_t user_id, int keep,
				int64_t **ret_ids, int *ret_n);
/* store_session_previous_login: created_ms of the user's newest session before id, or 0. */
int store_session_previous_login(struct db_tx *tx, int64_t user_id, int64_t id, int64_t *ret_ms);

/* ---- login throttling ---- */
int store_login_attempt(struct db_tx *tx, const char *username_fold, const char *ip, int ok,
			int64_t now);
/*
 * store_login_failures: failures for the account since since_ms, failures
 * in a row since its last success (with the newest one's time), and
 * failures from ip since since_ms.
 */
int store_login_failures(struct db_tx *tx, const char *username_fold, const char *ip,
			 int64_t since_ms, int64_t *ret_user, int64_t *ret_streak,
			 int64_t *ret_last_ms, int64_t *ret_ip);

/* ---- audit ---- */
struct audit_rec {
	int64_t seq, ts_ms, actor_user_id; /* actor_user_id 0: the system or the CLI */
	const char *actor, *action, *object_type, *object_id;
	const char *detail; /* JSON object text */
	const char *request_id;
	const char *prev_hash, *hash;
};
/*
 * store_audit_write: the one audit writer: links who (actor_id 0: the
 * system or the CLI) did action to object_type/object_id into the hash
 * chain in tx. detail is JSON object text (NULL: "{}").
 */
int store_audit_write(struct db_tx *tx, int64_t actor_id, const char *actor, const char *action,
		      const char *object_type, const char *object_id, const char *detail,
		      const char *request_id, int64_t now);
/* store_audit_list: newest first, seq < before_seq (0: from the newest). */
int store_audit_list(struct db_tx *tx, struct arena *a, int64_t before_seq, int limit,
		     struct audit_rec **ret, int *ret_n);
/*
 * store_audit_verify: recomputes the chain. 0 with *ret_broken = 0 when
 * every link holds, else the first seq whose link or contents do not match
 * (a row missing at the end shows as the head's seq).
 */
int store_audit_verify(struct db_tx *tx, int64_t *ret_checked, int64_t *ret_broken);
/*
 * store_audit_last: the newest row about object_type/object_id written at or
 * before at_or_before_ms (strings in a); ERR_NOT_FOUND when there is none.
 */
int store_audit_last(struct db_tx *tx, struct arena *a, const char *object_type,
		     const char *object_id, int64_t at_or_before_ms, struct audit_rec *ret);

/* ---- live events (ids only) ---- */
struct event_rec {
	int64_t id, ts_ms;
	const char *type;
	int64_t target_user_id;	   /* 0: not aimed at one user */
	const char *target_role;   /* NULL: any role */
	int64_t target_session_id; /* 0: not aimed at one session */
	const char *ref_type, *ref_id;
};
/* store_event_insert: records e and notifies every instance at commit. */
int store_event_insert(struct db_tx *tx, const struct event_rec *e, int64_t now, int64_t *ret_id);
/* store_event_since: events with id > after_id, oldest first, at most limit. */
int store_event_since(struct db_tx *tx, struct arena *a, int64_t after_id, int limit,
		      struct event_rec **ret, int *ret_n);
int store_event_last_id(struct db_tx *tx, int64_t *ret);
/* store_event_prune: drops events older than before_ms (they only serve reconnects). */
int store_event_prune(struct db_tx *tx, int64_t before_ms);

/* ---- announcements ---- */
struct announcement_rec {
	int64_t id, author_user_id, created_ms;
	const char *text, *author;
};
int store_announcement_insert(struct db_tx *tx, int64_t author_user_id, const char *text,
			      int64_t now, int64_t *ret_id);
int store_announcement_get(struct db_tx *tx, struct arena *a, int64_t id,
			   struct announcement_rec *ret);
int store_announcement_recent(struct db_tx *tx, struct arena *a, int limit,
			      struct announcement_rec **ret, int *ret_n);

#endif
