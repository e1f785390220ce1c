/* api_activities.h: the handlers of calls, tasks, Activar Ruta, reminders, planning and the outbox, and what they share. */
#ifndef FARO_API_ACTIVITIES_H
#define FARO_API_ACTIVITIES_H

#include <jansson.h>
#include <stdint.h>

#include "handlers.h"

struct app;
struct buf;
struct db_tx;
struct req;

/* the outbox (admins) */
HANDLER(h_outbox_list);
HANDLER(h_outbox_test);
HANDLER(h_outbox_retry);
/* reminders (their owner) */
HANDLER(h_reminder_get);
HANDLER(h_reminder_snooze);

/* api_kick_jobs: wakes the scheduler and mail sender after a commit that queued work. */
void api_kick_jobs(struct app *app);
/*
 * api_parse_time: a time given as epoch milliseconds (a JSON integer) or an
 * ISO 8601 text with a zone ("2026-12-01T10:30:00Z", "...+01:00"). 0 and
 * *ret set when valid; ERR_INVALID with a message naming field otherwise.
 */
int api_parse_time(json_t *v, const char *field, int64_t *ret, struct buf *why);

#endif
