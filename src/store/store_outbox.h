/* store_outbox.h: the outgoing-email queue the mail sender drains (src/jobs/mailer.c). */
#ifndef FARO_STORE_OUTBOX_H
#define FARO_STORE_OUTBOX_H

#include <stdint.h>

struct arena;
struct db_tx;

struct outbox_rec {
	int64_t id;
	const char *kind;    /* reminder | route_activation | test */
	const char *to_addr; /* one address, already validated */
	const char *subject, *body;
	const char *status; /* queued | sending | sent | failed */
	int64_t attempts, next_attempt_ms, created_ms, sent_ms;
	const char *last_error; /* NULL when none */
	const char *ref_type;	/* what the message is about, or NULL */
	int64_t ref_id;
};

/* store_outbox_insert: queues a message due now; *ret_id (may be NULL) is its id. */
int store_outbox_insert(struct db_tx *tx, const struct outbox_rec *m, int64_t now, int64_t *ret_id);
/*
 * store_outbox_claim: takes the oldest message due at now (queued, or a
 * sending claim that lapsed) for lease_ms: status sending, one more
 * attempt. Two senders never get the same row. ERR_NOT_FOUND when none
 * is due. Strings in *ret live in a.
 */
int store_outbox_claim(struct db_tx *tx, struct arena *a, int64_t now, int64_t lease_ms,
		       struct outbox_rec *ret);
/* store_outbox_sent: marks a claimed message delivered. */
int store_outbox_sent(struct db_tx *tx, int64_t id, int64_t now);
/* store_outbox_retry: back to queued until next_ms (or failed when next_ms is 0), with the error.
 */
int store_outbox_retry(struct db_tx *tx, int64_t id, int64_t next_ms, const char *error);
/* store_outbox_list: newest first, id < before_id (0: from the newest); status may be NULL (all).
 */
int store_outbox_list(struct db_tx *tx, struct arena *a, const char *status, int64_t before_id,
		      int limit, struct outbox_rec **ret, int *ret_n);
/* store_outbox_requeue: a failed message goes back to queued, due now, attempts reset;
 * ERR_NOT_FOUND otherwise. */
int store_outbox_requeue(struct db_tx *tx, int64_t id, int64_t now);

#endif
