/* sse.c: the hub's streams, their queues, and the heartbeat thread. */
#include "http/sse.h"

#include <inttypes.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define SSE_QUEUE_CAP                                                                              \
	(64 * 1024) /* past this a slow reader is cut off; it reconnects and catches up */

struct sse_sub {
	struct sse_hub *hub;
	struct sse_sub *prev, *next;
	int64_t user_id, session_id;
	char role[16];
	struct MHD_Connection *conn;
	struct buf queue;
	size_t sent; /* bytes of queue already handed to the library */
	int attached, suspended, closing;
};

struct sse_hub {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct sse_sub *head;
	size_t count;
	int heartbeat_ms, stop;
	int (*session_ok)(void *ud, int64_t session_id);
	void *ud;
	pthread_t thread;
};

/* call with hub->lock held */
static void sub_wake(struct sse_sub *s)
{
	if (s->suspended && s->conn) {
		s->suspended = 0;
		MHD_resume_connection(s->conn);
	}
}

static void sub_queue(struct sse_sub *s, const char *text)
{
	if (s->closing)
		return;
	if (buf_puts(&s->queue, text))
		s->closing = 1;
}

static int sub_wants(const struct sse_sub *s, const struct sse_event *ev)
{
	int targeted = ev->target_user_id || ev->target_role || ev->target_session_id;
	if (!targeted)
		return 1;
	return (ev->target_session_id && ev->target_session_id == s->session_id) ||
	       (ev->target_user_id && ev->target_user_id == s->user_id) ||
	       (ev->target_role && !strcmp(ev->target_role, s->role));
}

/* call with hub->lock held (or before attach) */
static int sub_offer(struct sse_sub *s, const struct sse_event *ev)
{
	if (!sub_wants(s, ev))
		return 0;
	char msg[512];
	/* type and refs come from our own code, never from clients: plain ASCII tokens */
	snprintf(msg, sizeof(msg),
		 "id: %" PRId64 "\nevent: %s\ndata: {\"id\":%" PRId64
		 ",\"type\":\"%s\",\"ref_type\":\"%s\",\"ref_id\":\"%s\"}\n\n",
		 ev->id, ev->type, ev->id, ev->type, ev->ref_type ? ev->ref_type : "",
		 ev->ref_id ? ev->ref_id : "");
	sub_queue(s, msg);
	if (!strcmp(ev->type, "session_ended") && ev->target_session_id == s->session_id)
		s->closing = 1;
	return 1;
}

int sse_sub_offer(struct sse_sub *sub, const struct sse_event *ev)
{
	return sub_offer(sub, ev);
}

static void close_session_streams(struct sse_hub *hub, int64_t session_id)
{
	pthread_mutex_lock(&hub->lock);
	for (struct sse_sub *s = hub->head; s; s = s->next)
		if (s->session_id == session_id) {
			s->closing = 1;
			sub_wake(s);
		}
	pthread_mutex_unlock(&hub->lock);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void *heartbeat_main(void *arg)
{
	struct sse_hub *hub = arg;
	pthread_mutex_lock(&hub->lock);
	while (!hub->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += hub->heartbeat_ms / 1000;
		until.tv_nsec += (long)(hub->heartbeat_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L)
			until.tv_sec++, until.tv_nsec -= 1000000000L;
		pthread_cond_timedwait(&hub->wake, &hub->lock, &until);
		if (hub->stop)
			break;
		/* snapshot the sessions, then ask the store without holding the lock */
		size_t n = 0, cap = hub->count;
		int64_t *ids = xmalloc(sizeof(*ids) * (cap ? cap : 1));
		for (struct sse_sub *s = hub->head; s && n < cap; s = s->next) {
			sub_queue(s, ": hb\n\n");
			sub_wake(s);
			ids[n++] = s->session_id;
		}
		pthread_mutex_unlock(&hub->lock);
		qsort(ids, n, sizeof(*ids), cmp_id);
		for (size_t i = 0; i < n; i++) {
			if (i && ids[i] == ids[i - 1])
				continue;
			if (hub->session_ok && hub->session_ok(hub->ud, ids[i]))
				close_session_streams(hub, ids[i]);
		}
		free(ids);
		pthread_mutex_lock(&hub->lock);
	}
	pthread_mutex_unlock(&hub->lock);
	return NULL;
}

struct sse_hub *sse_hub_new(int heartbeat_ms, int (*session_ok)(void *, int64_t), void *ud)
{
	struct sse_hub *hub = xcalloc(1, sizeof(*hub));
	pthread_mutex_init(&hub->lock, NULL);
	pthread_cond_init(&hub->wake, NULL);
	hub->heartbeat_ms = heartbeat_ms > 100 ? heartbeat_ms : 100;
	hub->session_ok = session_ok;
	hub->ud = ud;
	if (pthread_create(&hub->thread, NULL, heartbeat_main, hub)) {
		free(hub);
		return NULL;
	}
	return hub;
}

void sse_hub_free(struct sse_hub *hub)
{
	if (!hub)
		return;
	pthread_mutex_lock(&hub->lock);
	hub->stop = 1;
	pthread_cond_signal(&hub->wake);
	pthread_mutex_unlock(&hub->lock);
	pthread_join(hub->thread, NULL);
	pthread_mutex_destroy(&hub->lock);
	pthread_cond_destroy(&hub->wake);
	free(hub);
}

struct sse_sub *sse_sub_new(struct sse_hub *hub, int64_t user_id, const char *role,
			    int64_t session_id)
{
	struct sse_sub *s = xcalloc(1, sizeof(*s));
	s->hub = hub;
	s->user_id = user_id;
	s->session_id = session_id;
	snprintf(s->role, sizeof(s->role), "%s", role);
	buf_init(&s->queue, SSE_QUEUE_CAP);
	return s;
}

void sse_sub_free(struct sse_sub *sub)
{
	if (!sub)
		return;
	buf_release(&sub->queue);
	free(sub);
}

void sse_sub_hello(struct sse_sub *sub)
{
	char msg[160];
	snprintf(msg, sizeof(msg), "retry: 3000\nevent: hello\ndata: {\"user_id\":%" PRId64 "}\n\n",
		 sub->user_id);
	sub_queue(sub, msg);
}

void sse_sub_attach(struct sse_sub *sub, void *connection)
{
	struct sse_hub *hub = sub->hub;
	pthread_mutex_lock(&hub->lock);
	sub->conn = connection;
	sub->attached = 1;
	sub->next = hub->head;
	if (hub->head)
		hub->head->prev = sub;
	hub->head = sub;
	hub->count++;
	pthread_mutex_unlock(&hub->lock);
}

void sse_hub_publish(struct sse_hub *hub, const struct sse_event *ev)
{
	pthread_mutex_lock(&hub->lock);
	for (struct sse_sub *s = hub->head; s; s = s->next)
		if (sub_offer(s, ev))
			sub_wake(s);
	pthread_mutex_unlock(&hub->lock);
}

void sse_hub_close_all(struct sse_hub *hub)
{
	pthread_mutex_lock(&hub->lock);
	for (struct sse_sub *s = hub->head; s; s = s->next) {
		s->closing = 1;
		sub_wake(s);
	}
	pthread_mutex_unlock(&hub->lock);
}

size_t sse_hub_count(struct sse_hub *hub)
{
	pthread_mutex_lock(&hub->lock);
	size_t n = hub->count;
	pthread_mutex_unlock(&hub->lock);
	return n;
}

ssize_t sse_sub_read(void *cls, uint64_t pos, char *out, size_t max)
{
	(void)pos;
	struct sse_sub *s = cls;
	struct sse_hub *hub = s->hub;
	ssize_t n;
	pthread_mutex_lock(&hub->lock);
	size_t avail = s->queue.len - s->sent;
	if (avail) {
		n = (ssize_t)(avail < max ? avail : max);
		memcpy(out, s->queue.data + s->sent, (size_t)n);
		s->sent += (size_t)n;
		if (s->sent == s->queue.len) {
			buf_reset(&s->queue);
			s->sent = 0;
		}
	} else if (s->closing) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		/* nothing to send: park the connection until sub_wake */
		s->suspended = 1;
		MHD_suspend_connection(s->conn);
		n = 0;
	}
	pthread_mutex_unlock(&hub->lock);
	return n;
}

void sse_sub_release(void *cls)
{
	struct sse_sub *s = cls;
	struct sse_hub *hub = s->hub;
	pthread_mutex_lock(&hub->lock);
	if (s->attached) {
		if (s->prev)
			s->prev->next = s->next;
		else
			hub->head = s->next;
		if (s->next)
			s->next->prev = s->prev;
		hub->count--;
	}
	pthread_mutex_unlock(&hub->lock);
	sse_sub_free(s);
}
