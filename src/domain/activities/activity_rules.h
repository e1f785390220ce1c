/*
 * activity_rules.h: the rules of calls and tasks (Llamadas, Tareas): their
 * choices and limits, who may change one, when a reminder goes off, what
 * completing a task stamps, the times and ranges a helpline works in; no I/O.
 */
#ifndef FARO_ACTIVITY_RULES_H
#define FARO_ACTIVITY_RULES_H

#include <stdint.h>

#include "domain/roles.h"

/* the stable codes each field accepts, NULL-ended */
extern const char *const activity_call_directions[]; /* inbound, outbound */
extern const char *const activity_call_statuses[];   /* planned, held, not_held */
extern const char
    *const activity_task_statuses[]; /* not_started, in_progress, completed, deferred */
extern const char *const activity_task_priorities[]; /* low, normal, high, urgent */

#define ACTIVITY_SUBJECT_MAX	   200		 /* characters */
#define ACTIVITY_TEXT_MAX	   10000	 /* characters of notes, a description */
#define ACTIVITY_REMINDER_MAX_MIN  (7 * 24 * 60) /* a reminder at most a week ahead */
#define ACTIVITY_CALL_MAX_MIN	   (24 * 60)	 /* the longest call */
#define ACTIVITY_PLANNING_MAX_DAYS 42		 /* the widest planning calendar */
#define ACTIVITY_DAY_MS		   (24 * 3600 * 1000LL)

/* 1 Jan 2000 .. 31 Dec 2199: a helpline schedules nothing outside these */
#define ACTIVITY_TIME_MIN_MS 946684800000LL
#define ACTIVITY_TIME_MAX_MS 7258118400000LL

/* activity_in: 1 when s is one of list (s may be NULL). */
int activity_in(const char *const *list, const char *s);

/*
 * activity_may_edit: 1 when user, with role, may change a call or task made
 * by created_by and assigned to assigned: its agent, its author, or a
 * supervisor or admin.
 */
int activity_may_edit(enum role role, int64_t user, int64_t created_by, int64_t assigned);
/* activity_sees_all: 1 when role sees every agent's planning (else only its own). */
int activity_sees_all(enum role role);

/*
 * activity_call_reminder: when a call's reminder goes off, 0 for none: a
 * planned call with reminder_min >= 0 minutes (-1: none) before its start.
 */
int64_t activity_call_reminder(const char *status, int64_t start_ms, int64_t reminder_min);
/*
 * activity_task_reminder: when a task's reminder goes off, 0 for none: a
 * task that is not completed, with a due time, reminder_min minutes before it.
 */
int64_t activity_task_reminder(const char *status, int64_t due_ms, int64_t reminder_min);
/*
 * activity_task_completed_ms: the completion time a task with status
 * carries: the one it had (completed_ms) or now when it becomes completed,
 * 0 when it is not completed (reopening clears it).
 */
int64_t activity_task_completed_ms(const char *status, int64_t completed_ms, int64_t now_ms);

/*
 * activity_time_parse: an ISO 8601 time with a zone,
 * YYYY-MM-DD(T| )HH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM), as epoch ms in *ret.
 * 0, or ERR_INVALID when s is not such a time (real dates only).
 */
int activity_time_parse(const char *s, int64_t *ret);
/* activity_time_in_range: 1 when ms lies in the years 2000 to 2199. */
int activity_time_in_range(int64_t ms);
/* activity_planning_range_ok: 1 when [from, to) is set, forward, and at most 42 days wide. */
int activity_planning_range_ok(int64_t from_ms, int64_t to_ms);

#endif
