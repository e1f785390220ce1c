/* api_events.c: the Server-Sent Events endpoint, with replay after Last-Event-ID. */
#include <string.h>

#include "core/err.h"
#include "domain/validate.h"
#include "http/sse.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

#define REPLAY_MAX 200

HANDLER(h_events)
{
	struct app *a = app;
	struct api_session *s = api_session(rq);
	int64_t last = 0;
	const char *lid = req_header(rq, "Last-Event-ID");
	/* an EventSource from another origin must not read a signed-in user's stream */
	if (!api_same_origin(a, rq))
		return api_error(rs, 403, "forbidden", "Cross-origin event streams are refused.");
	if (lid && *lid && validate_id(lid, &last))
		return api_invalid(rs, "invalid", "Last-Event-ID must be an event id");
	struct sse_sub *sub = sse_sub_new(a->hub, s->s.user_id, s->s.user.role, s->s.id);
	sse_sub_hello(sub);
	/* under the delivery lock nothing is published, so replay + attach miss nothing */
	pthread_mutex_lock(&a->events_lock);
	int rc = 0;
	if (last && last < a->events_last_id) {
		struct db_tx *tx;
		struct event_rec *es;
		int n;
		if (!(rc = store_begin(a->store, STORE_READ, &tx))) {
			rc = store_event_since(tx, &rq->arena, last, REPLAY_MAX, &es, &n);
			store_rollback(tx);
		}
		for (int i = 0; !rc && i < n && es[i].id <= a->events_last_id; i++) {
			struct sse_event ev = {es[i].id,
					       es[i].type,
					       es[i].target_user_id,
					       es[i].target_role,
					       es[i].target_session_id,
					       es[i].ref_type,
					       es[i].ref_id};
			sse_sub_offer(sub, &ev);
		}
	}
	if (!rc)
		sse_sub_attach(sub, rq->conn);
	pthread_mutex_unlock(&a->events_lock);
	if (rc) {
		sse_sub_free(sub);
		return rc;
	}
	rs->status = 200;
	rs->stream = sub;
	return 0;
}
