/* api_activities_time.c: times in request bodies: epoch milliseconds or ISO 8601 with a zone;
 * anything else is refused. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

/* 1 Jan 2000 .. 31 Dec 2199: a helpline schedules nothing outside these */
#define TIME_MIN_MS 946684800000LL
#define TIME_MAX_MS 7258118400000LL

static int digits(const char *s, int n, int *ret)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*ret = v;
	return 0;
}

/* days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil) */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM) */
static int parse_iso(const char *s, int64_t *ret)
{
	int y, mo, d, hh, mi, ss = 0, ms = 0, oh = 0, om = 0, sign = 1;
	size_t n = strlen(s);
	if (n < 17 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
	    digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &hh) ||
	    s[13] != ':' || digits(s + 14, 2, &mi))
		return -1;
	const char *p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &ss))
			return -1;
		p += 3;
		if (*p == '.') {
			int k = 0;
			for (p++; *p >= '0' && *p <= '9'; p++, k++)
				if (k < 3)
					ms = ms * 10 + (*p - '0');
			if (!k)
				return -1;
			for (; k < 3; k++)
				ms *= 10;
		}
	}
	if (*p == 'Z' && !p[1]) {
		p++;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !digits(p + 1, 2, &oh) &&
		   p[3] == ':' && !digits(p + 4, 2, &om)) {
		sign = *p == '-' ? -1 : 1;
		p += 6;
	} else {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || hh > 23 || mi > 59 || ss > 59 ||
	    oh > 14 || om > 59)
		return -1;
	int64_t secs = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss;
	secs -= sign * (oh * 3600 + om * 60);
	*ret = secs * 1000 + ms;
	return 0;
}

int api_parse_time(json_t *v, const char *field, int64_t *ret, struct buf *why)
{
	int64_t t = 0;
	if (json_is_integer(v)) {
		t = json_integer_value(v);
	} else if (!json_is_string(v) || json_string_length(v) > 40 ||
		   parse_iso(json_string_value(v), &t)) {
		buf_printf(why, "%s must be a date and time such as 2026-12-01T10:30:00Z", field);
		return ERR_INVALID;
	}
	if (t < TIME_MIN_MS || t > TIME_MAX_MS) {
		buf_printf(why, "%s is outside the years 2000 to 2199", field);
		return ERR_INVALID;
	}
	*ret = t;
	return 0;
}
