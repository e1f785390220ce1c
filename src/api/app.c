/* app.c: wiring the store to the live-event hub, across instances through the store's
 * notifications. */
#include "api/app.h"

#include <string.h>

#include "core/arena.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/err.h"
#include "core/log.h"
#include "http/sse.h"
#include "store/store.h"
#include "api/api.h"
#include "core/banned.h"

#define HASH_SLOTS 2 /* one per core: each argon2id hash takes 19 MiB and ~50 ms */

void app_events_deliver(struct app *a)
{
	pthread_mutex_lock(&a->events_lock);
	for (;;) {
		struct arena ar;
		struct db_tx *tx;
		struct event_rec *es;
		int n = 0, rc;
		arena_init(&ar);
		if (!(rc = store_begin(a->store, STORE_READ, &tx))) {
			rc = store_event_since(tx, &ar, a->events_last_id, 500, &es, &n);
			store_rollback(tx);
		}
		if (rc)
			log_error("event delivery: %s", err_name(rc));
		for (int i = 0; !rc && i < n; i++) {
			struct sse_event ev = {es[i].id,
					       es[i].type,
					       es[i].target_user_id,
					       es[i].target_role,
					       es[i].target_session_id,
					       es[i].ref_type,
					       es[i].ref_id};
			sse_hub_publish(a->hub, &ev);
			a->events_last_id = es[i].id;
		}
		arena_release(&ar);
		if (rc || n < 500)
			break;
	}
	pthread_mutex_unlock(&a->events_lock);
}

static void on_notify(void *ud, const char *payload)
{
	(void)payload; /* the id only says "something new"; delivery reads them in order */
	app_events_deliver(ud);
}

/* the hub asks on each heartbeat whether a stream's session still holds */
static int session_ok(void *ud, int64_t session_id)
{
	struct app *a = ud;
	struct db_tx *tx;
	int64_t now = clock_now_ms();
	int rc = store_begin(a->store, STORE_READ_ONE, &tx); /* one statement */
	if (rc)
		return 0; /* a busy database does not end sessions */
	rc = store_session_alive(tx, session_id, now, now - a->cfg.idle_timeout_ms);
	store_rollback(tx);
	return rc == ERR_NOT_FOUND;
}

int app_init(struct app *a, struct store *st, const struct app_config *cfg, int heartbeat_ms)
{
	memset(a, 0, sizeof(*a));
	a->store = st;
	a->cfg = *cfg;
	pthread_mutex_init(&a->events_lock, NULL);
	pthread_mutex_init(&a->org_lock, NULL);
	sem_init(&a->hash_slots, 0, HASH_SLOTS);
	char secret[48];
	crypto_random_token(secret, sizeof(secret), 24);
	int rc = password_hash(a, secret, a->burn_hash, sizeof(a->burn_hash));
	if (rc)
		return rc;
	struct db_tx *tx;
	if ((rc = store_begin(st, STORE_WRITE, &tx)))
		return rc;
	/* events only serve reconnects: a day of them is plenty */
	if ((rc = store_event_prune(tx, clock_now_ms() - 24 * 3600 * 1000LL)) ||
	    (rc = store_event_last_id(tx, &a->events_last_id))) {
		store_rollback(tx);
		return rc;
	}
	if ((rc = store_commit(tx)))
		return rc;
	a->hub = sse_hub_new(heartbeat_ms, session_ok, a);
	if (!a->hub)
		return ERR_INTERNAL;
	return store_listen(st, on_notify, a);
}

void app_release(struct app *a)
{
	sse_hub_free(a->hub);
	pthread_mutex_destroy(&a->events_lock);
	pthread_mutex_destroy(&a->org_lock);
	sem_destroy(&a->hash_slots);
}
