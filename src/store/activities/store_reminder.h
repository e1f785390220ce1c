/* store_reminder.h: reminders of planned calls and open tasks, claimed once by the scheduler. */
#ifndef FARO_STORE_REMINDER_H
#define FARO_STORE_REMINDER_H

#include <stdint.h>

struct arena;
struct db_tx;

struct reminder_rec {
	int64_t id;
	const char *owner_type; /* call | task */
	int64_t owner_id, user_id;
	const char *title; /* the call's or task's subject when it was saved */
	int64_t at_ms;	   /* when the call starts / the task is due */
	int64_t due_ms;	   /* when the reminder goes off */
	int64_t fired_ms;  /* 0: not yet */
	int64_t version;
};

/*
 * store_reminder_set: the one reminder of (owner_type, owner_id): created,
 * or moved to due_ms and armed again (fired_ms cleared) when due_ms or the
 * user changed. due_ms 0 removes it. Title and at_ms always follow.
 */
int store_reminder_set(struct db_tx *tx, const char *owner_type, int64_t owner_id, int64_t user_id,
		       const char *title, int64_t at_ms, int64_t due_ms);
int store_reminder_get(struct db_tx *tx, struct arena *a, int64_t id, struct reminder_rec *ret);
/* store_reminder_of: the reminder of an owner, or ERR_NOT_FOUND. */
int store_reminder_of(struct db_tx *tx, struct arena *a, const char *owner_type, int64_t owner_id,
		      struct reminder_rec *ret);
/*
 * store_reminder_claim_due: marks fired (fired_ms = now) and returns up to
 * limit reminders due at now that had not fired. The UPDATE re-checks
 * fired_ms IS NULL row by row, so of two schedulers on one PostgreSQL only
 * one gets each row; SQLite has one writer. *ret is an arena array.
 */
int store_reminder_claim_due(struct db_tx *tx, struct arena *a, int64_t now, int limit,
			     struct reminder_rec **ret, int *ret_n);
/* store_reminder_snooze: arms a fired reminder of user_id again at due_ms; ERR_NOT_FOUND otherwise.
 */
int store_reminder_snooze(struct db_tx *tx, int64_t id, int64_t user_id, int64_t due_ms);
/* store_reminder_fired_since: the user's reminders fired at or after since_ms, newest first. */
int store_reminder_fired_since(struct db_tx *tx, struct arena *a, int64_t user_id, int64_t since_ms,
			       int limit, struct reminder_rec **ret, int *ret_n);

/* store_reminder_dismiss: the user saw a fired reminder; ERR_NOT_FOUND when not theirs, not fired
 * or already dismissed. */
int store_reminder_dismiss(struct db_tx *tx, int64_t id, int64_t user_id, int64_t now);
/* store_reminder_pending: the user's fired reminders not yet dismissed, newest first (shown at
 * sign-in). */
int store_reminder_pending(struct db_tx *tx, struct arena *a, int64_t user_id, int limit,
			   struct reminder_rec **ret, int *ret_n);

#endif
