/*
 * jobs.c: two background loops per instance. The scheduler claims due
 * reminders with one conditional UPDATE (store_reminder_claim_due), so a
 * reminder fires once however many instances run and whenever they
 * restart; its live event and email commit in the same transaction. The
 * sender claims one outbox row at a time with a lease, sends it, and
 * records the outcome, retrying with a doubling pause.
 */
#include "jobs/jobs.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/store_outbox.h"
#include "store/activities/store_reminder.h"
#include "jobs/mail.h"
#include "core/banned.h"

#define CLAIM_BATCH   50
#define SEND_LEASE_MS (120 * 1000) /* longer than curl's 70 s worst case */
#define RETRY_CAP_MS  (3600 * 1000)

struct jobs {
	struct store *st;
	struct jobs_config cfg;
	void (*deliver)(void *ud);
	void *ud;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop, kicks;
	pthread_t sched, sender;
	int have_sender;
};

/* waits up to interval_ms or until kicked/stopped; returns 1 when stopping */
static int nap(struct jobs *j, int *seen_kicks)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int64_t ns = ts.tv_nsec + (j->cfg.interval_ms % 1000) * 1000000;
	ts.tv_sec += (time_t)(j->cfg.interval_ms / 1000 + ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	pthread_mutex_lock(&j->lock);
	while (!j->stop && j->kicks == *seen_kicks)
		if (pthread_cond_timedwait(&j->wake, &j->lock, &ts))
			break;
	*seen_kicks = j->kicks;
	int stop = j->stop;
	pthread_mutex_unlock(&j->lock);
	return stop;
}

void jobs_kick(void *jv)
{
	struct jobs *j = jv;
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->kicks++;
	pthread_cond_broadcast(&j->wake);
	pthread_mutex_unlock(&j->lock);
}

static void reminder_mail(struct arena *a, const struct reminder_rec *x, const struct user_rec *u,
			  struct outbox_rec *m)
{
	int es = strcmp(u->language, "en") != 0;
	char when[40];
	struct tm tm;
	time_t t = (time_t)(x->at_ms / 1000);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	int call = !strcmp(x->owner_type, "call");
	const char *what = es ? (call ? "Llamada" : "Tarea") : (call ? "Call" : "Task");
	m->kind = "reminder";
	m->to_addr = u->email;
	m->subject = arena_printf(a, "%s: %s", es ? "Recordatorio" : "Reminder", x->title);
	m->body = arena_printf(
	    a,
	    es ? "Hola %s:\n\nRecordatorio de Faro.\n%s: %s\n%s: %s\n\nAbra Faro para verla.\n"
	       : "Hello %s,\n\nA reminder from Faro.\n%s: %s\n%s: %s\n\nOpen Faro to see it.\n",
	    u->display_name, what, x->title,
	    es ? (call ? "Hora" : "Vence") : (call ? "Time" : "Due"), when);
	m->ref_type = "reminder";
	m->ref_id = x->id;
}

/* audit_fire: the audit entry for reminder x firing (id is its id as text) */
static int audit_fire(struct db_tx *tx, const struct reminder_rec *x, const char *id, int64_t now)
{
	json_t *d = json_pack("{s:s,s:I}", "owner_type", x->owner_type, "owner_id",
			      (json_int_t)x->owner_id);
	char *detail = d ? jsonx_dump(d) : NULL;
	json_decref(d);
	if (!detail)
		return ERR_INTERNAL;
	int rc = store_audit_write(tx, 0, "system", "reminder.fire", "reminder", id, detail,
				   "scheduler", now);
	free(detail);
	return rc;
}

/* fires every due reminder: a live event to its user, an email, an audit entry; returns how many */
static int fire_due(struct jobs *j, int *ret_mail)
{
	struct arena a;
	struct db_tx *tx = NULL;
	struct reminder_rec *xs;
	int n = 0, mail = 0, rc;
	int64_t now = clock_now_ms();
	arena_init(&a);
	if ((rc = store_begin(j->st, STORE_WRITE, &tx)) ||
	    (rc = store_reminder_claim_due(tx, &a, now, CLAIM_BATCH, &xs, &n)))
		goto out;
	for (int i = 0; i < n; i++) {
		struct user_rec u;
		char rid[24];
		snprintf(rid, sizeof(rid), "%" PRId64, xs[i].id);
		struct event_rec ev = {.type = "reminder",
				       .target_user_id = xs[i].user_id,
				       .ref_type = "reminder",
				       .ref_id = rid};
		if ((rc = store_user_get(tx, &a, xs[i].user_id, &u)) ||
		    (rc = store_event_insert(tx, &ev, now, NULL)) ||
		    (rc = audit_fire(tx, &xs[i], rid, now)))
			goto out;
		if (u.email && !u.disabled) {
			struct outbox_rec m = {0};
			reminder_mail(&a, &xs[i], &u, &m);
			if ((rc = store_outbox_insert(tx, &m, now, NULL)))
				goto out;
			mail++;
		}
	}
	rc = n ? store_commit(tx) : (store_rollback(tx), 0);
	tx = NULL;
out:
	store_rollback(tx);
	arena_release(&a);
	if (rc) {
		log_error("scheduler: firing reminders: %s: %s", err_name(rc),
			  store_thread_error());
		return 0;
	}
	*ret_mail = mail;
	return n;
}

static void *sched_main(void *jv)
{
	struct jobs *j = jv;
	int kicks = 0;
	do {
		int mail = 0, n = fire_due(j, &mail);
		if (n) {
			log_info("scheduler: %d reminder(s) fired, %d email(s) queued", n, mail);
			j->deliver(j->ud);
			if (mail)
				jobs_kick(j);
		}
	} while (!nap(j, &kicks));
	return NULL;
}

/* the pause before attempt number attempts+1: base, 2 base, 4 base... capped */
static int64_t backoff_ms(const struct jobs_config *c, int64_t attempts)
{
	int64_t d = c->retry_base_ms;
	for (int64_t i = 1; i < attempts && d < RETRY_CAP_MS; i++)
		d *= 2;
	return d < RETRY_CAP_MS ? d : RETRY_CAP_MS;
}

/* sends one due message; 1 when there was one, 0 when none, negative on a store error */
static int send_one(struct jobs *j)
{
	struct arena a;
	struct outbox_rec m;
	struct db_tx *tx = NULL;
	struct buf msg = BUF_INIT(512 * 1024), why = BUF_INIT(1024);
	int64_t now = clock_now_ms();
	int permanent = 0, rc;
	arena_init(&a);
	if ((rc = store_begin(j->st, STORE_WRITE, &tx)))
		goto out;
	rc = store_outbox_claim(tx, &a, now, SEND_LEASE_MS, &m);
	rc = rc ? (store_rollback(tx), rc) : store_commit(tx);
	tx = NULL;
	if (rc == ERR_NOT_FOUND) {
		rc = 0;
		goto out;
	}
	if (rc)
		goto out;
	int failed = mail_format(&msg, j->cfg.smtp_from, m.to_addr, m.subject, m.body, now, m.id);
	if (failed)
		buf_puts(&why, "message too large");
	else
		failed = mail_send(&j->cfg, m.to_addr, msg.data, &why, &permanent);
	now = clock_now_ms();
	int64_t next = 0;
	if (failed && !permanent && m.attempts < j->cfg.max_attempts)
		next = now + backoff_ms(&j->cfg, m.attempts);
	if ((rc = store_begin(j->st, STORE_WRITE, &tx)))
		goto out;
	rc = failed ? store_outbox_retry(tx, m.id, next, why.data)
		    : store_outbox_sent(tx, m.id, now);
	rc = rc ? (store_rollback(tx), rc) : store_commit(tx);
	tx = NULL;
	if (!rc && failed)
		log_error("mail %" PRId64 " to %s: attempt %" PRId64 " failed (%s): %s", m.id,
			  m.to_addr, m.attempts, next ? "will retry" : "gave up", why.data);
	else if (!rc)
		log_info("mail %" PRId64 " sent (%s)", m.id, m.kind);
	rc = rc ? rc : 1;
out:
	store_rollback(tx);
	arena_release(&a);
	buf_release(&msg);
	buf_release(&why);
	return rc;
}

static void *sender_main(void *jv)
{
	struct jobs *j = jv;
	int kicks = 0;
	do {
		int rc;
		while ((rc = send_one(j)) == 1) {
			pthread_mutex_lock(&j->lock);
			int stop = j->stop;
			pthread_mutex_unlock(&j->lock);
			if (stop)
				return NULL;
		}
		if (rc < 0)
			log_error("mail sender: %s: %s", err_name(rc), store_thread_error());
	} while (!nap(j, &kicks));
	return NULL;
}

int jobs_start(struct store *st, const struct jobs_config *cfg, void (*deliver)(void *ud), void *ud,
	       struct jobs **ret)
{
	struct jobs *j = xcalloc(1, sizeof(*j));
	j->st = st;
	j->cfg = *cfg;
	j->deliver = deliver;
	j->ud = ud;
	if (j->cfg.interval_ms < 20)
		j->cfg.interval_ms = 20;
	if (j->cfg.retry_base_ms < 1)
		j->cfg.retry_base_ms = 1;
	if (j->cfg.max_attempts < 1)
		j->cfg.max_attempts = 1;
	if (!j->cfg.smtp_from)
		j->cfg.smtp_from = "faro@localhost";
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->wake, &ca);
	pthread_condattr_destroy(&ca);
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->sched, NULL, sched_main, j))
		goto fail;
	if (j->cfg.smtp_url) {
		if (pthread_create(&j->sender, NULL, sender_main, j)) {
			jobs_stop(j);
			return ERR_INTERNAL;
		}
		j->have_sender = 1;
	}
	*ret = j;
	return 0;
fail:
	pthread_cond_destroy(&j->wake);
	pthread_mutex_destroy(&j->lock);
	free(j);
	return ERR_INTERNAL;
}

void jobs_stop(struct jobs *j)
{
	if (!j)
		return;
	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_broadcast(&j->wake);
	pthread_mutex_unlock(&j->lock);
	pthread_join(j->sched, NULL);
	if (j->have_sender)
		pthread_join(j->sender, NULL);
	pthread_cond_destroy(&j->wake);
	pthread_mutex_destroy(&j->lock);
	free(j);
}
