/* activity_rules.c: choices, access, reminders, completion and time rules of calls and tasks. */
#include "domain/activities/activity_rules.h"

#include <string.h>

#include "core/err.h"
#include "domain/tz.h"
#include "core/banned.h"

const char *const activity_call_directions[] = {"inbound", "outbound", NULL};
const char *const activity_call_statuses[] = {"planned", "held", "not_held", NULL};
const char *const activity_task_statuses[] = {"not_started", "in_progress", "completed", "deferred",
					      NULL};
const char *const activity_task_priorities[] = {"low", "normal", "high", "urgent", NULL};

int activity_in(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int activity_may_edit(enum role role, int64_t user, int64_t created_by, int64_t assigned)
{
	return role == ROLE_SUPERVISOR || role == ROLE_ADMIN || user == created_by ||
	       user == assigned;
}

int activity_sees_all(enum role role)
{
	return role == ROLE_SUPERVISOR || role == ROLE_ADMIN;
}

int64_t activity_call_reminder(const char *status, int64_t start_ms, int64_t reminder_min)
{
	if (!strcmp(status, "planned") && reminder_min >= 0)
		return start_ms - reminder_min * 60000;
	return 0;
}

int64_t activity_task_reminder(const char *status, int64_t due_ms, int64_t reminder_min)
{
	if (strcmp(status, "completed") && due_ms && reminder_min >= 0)
		return due_ms - reminder_min * 60000;
	return 0;
}

int64_t activity_task_completed_ms(const char *status, int64_t completed_ms, int64_t now_ms)
{
	if (strcmp(status, "completed"))
		return 0;
	return completed_ms ? completed_ms : now_ms;
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

int activity_time_parse(const char *s, int64_t *ret)
{
	int y, mo, d, hh, mi, ss = 0, ms = 0, oh = 0, om = 0, sign = 1;
	size_t n = strlen(s);
	if (n < 17 || tz_digits(s, 4, &y) || s[4] != '-' || tz_digits(s + 5, 2, &mo) ||
	    s[7] != '-' || tz_digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
	    tz_digits(s + 11, 2, &hh) || s[13] != ':' || tz_digits(s + 14, 2, &mi))
		return ERR_INVALID;
	const char *p = s + 16;
	if (*p == ':') {
		if (tz_digits(p + 1, 2, &ss))
			return ERR_INVALID;
		p += 3;
		if (*p == '.') {
			int k = 0;
			for (p++; *p >= '0' && *p <= '9'; p++, k++)
				if (k < 3)
					ms = ms * 10 + (*p - '0');
			if (!k)
				return ERR_INVALID;
			for (; k < 3; k++)
				ms *= 10;
		}
	}
	if (*p == 'Z' && !p[1]) {
		p++;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !tz_digits(p + 1, 2, &oh) &&
		   p[3] == ':' && !tz_digits(p + 4, 2, &om)) {
		sign = *p == '-' ? -1 : 1;
		p += 6;
	} else {
		return ERR_INVALID;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || hh > 23 || mi > 59 || ss > 59 ||
	    oh > 14 || om > 59)
		return ERR_INVALID;
	int64_t secs = tz_days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss;
	secs -= sign * (oh * 3600 + om * 60);
	*ret = secs * 1000 + ms;
	return 0;
}

int activity_time_in_range(int64_t ms)
{
	return ms >= ACTIVITY_TIME_MIN_MS && ms <= ACTIVITY_TIME_MAX_MS;
}

int activity_planning_range_ok(int64_t from_ms, int64_t to_ms)
{
	return from_ms && to_ms && to_ms > from_ms &&
	       to_ms - from_ms <= ACTIVITY_PLANNING_MAX_DAYS * ACTIVITY_DAY_MS;
}
