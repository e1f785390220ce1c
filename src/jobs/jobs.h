/*
 * jobs.h: the background work of a faro instance: the scheduler that fires
 * due reminders and the sender that drains the email outbox over SMTP.
 * Both keep their state in the database, so several instances on one
 * PostgreSQL share the work without doing any of it twice.
 */
#ifndef FARO_JOBS_H
#define FARO_JOBS_H

#include <stdint.h>

struct store;
struct jobs;

struct jobs_config {
	const char *smtp_url;  /* smtp://host:port or smtps://...; NULL: mail waits in the outbox */
	const char *smtp_from; /* the envelope and From: address */
	const char *smtp_user; /* NULL: no authentication */
	const char *smtp_password; /* with smtp_user */
	int64_t retry_base_ms; /* first retry after this, doubling each time (capped at an hour) */
	int max_attempts;      /* then the message is failed */
	int64_t interval_ms;   /* how often each loop looks for due work when not woken */
};

/*
 * jobs_start: starts the scheduler and sender threads. deliver(ud) runs
 * after the scheduler commits live events (the caller sends them to its
 * streams). Returns 0 and an owned jobs, or a negative err.
 */
int jobs_start(struct store *st, const struct jobs_config *cfg, void (*deliver)(void *ud), void *ud,
	       struct jobs **ret);
/* jobs_kick: wakes both loops now (new mail was queued, a reminder was moved). */
void jobs_kick(void *jobs);
/* jobs_stop: stops and joins the threads, then frees j; NULL is fine. */
void jobs_stop(struct jobs *j);

#endif
