/*
 * sse.h: the live-event hub. Each logged-in browser holds one
 * Server-Sent Events stream; a stream is a suspended connection, not a
 * thread, and is resumed when something is queued for it. Events carry
 * ids only; browsers refetch through authorised GETs.
 */
#ifndef FARO_SSE_H
#define FARO_SSE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct sse_hub;
struct sse_sub;

struct sse_event {
	int64_t id;
	const char *type;
	int64_t target_user_id;	   /* 0: any user */
	const char *target_role;   /* NULL: any role */
	int64_t target_session_id; /* 0: any session */
	const char *ref_type, *ref_id;
};

/*
 * sse_hub_new: heartbeat_ms apart, a comment line goes to every stream and
 * session_ok(ud, session_id) is asked whether each stream's session still
 * holds (0: it does); a stream whose session ended is closed. Heartbeats
 * never refresh a session. Owned by the caller; sse_hub_free stops it.
 */
struct sse_hub *sse_hub_new(int heartbeat_ms, int (*session_ok)(void *ud, int64_t session_id),
			    void *ud);
void sse_hub_free(struct sse_hub *hub);
/* sse_sub_new: a stream for this session, not yet attached; the hub owns it once attached. */
struct sse_sub *sse_sub_new(struct sse_hub *hub, int64_t user_id, const char *role,
			    int64_t session_id);
/* sse_sub_free: frees a stream that was never attached (error paths). */
void sse_sub_free(struct sse_sub *sub);
/* sse_sub_hello: queues the first message (retry hint and a hello event). */
void sse_sub_hello(struct sse_sub *sub);
/* sse_sub_offer: queues ev when it is meant for sub (backlog replay); returns 1 if queued. */
int sse_sub_offer(struct sse_sub *sub, const struct sse_event *ev);
/* sse_hub_publish: offers ev to every attached stream and wakes those it queued for. */
void sse_hub_publish(struct sse_hub *hub, const struct sse_event *ev);
/* sse_hub_close_all: ends every stream (shutdown); they finish sending what is queued. */
void sse_hub_close_all(struct sse_hub *hub);
/* sse_hub_count: streams attached now. */
size_t sse_hub_count(struct sse_hub *hub);

/*
 * sse_sub_attach: joins sub to the hub on its connection; from then on the
 * hub owns it (freed when the library releases the response). Attach
 * before returning the stream so no event published meanwhile is missed.
 */
void sse_sub_attach(struct sse_sub *sub, void *connection);
/* for server.c: the library's callbacks */
ssize_t sse_sub_read(void *cls, uint64_t pos, char *out, size_t max);
void sse_sub_release(void *cls);

#endif
