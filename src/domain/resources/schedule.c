/* schedule.c: HSDS weekly/monthly opening hours and open-at evaluation, past midnight included. */
#include "domain/resources/schedule.h"

#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

static const char *const day_codes[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

int sched_parse_time(const char *s, int *ret)
{
	int h, m, sec = 0;
	if (!s || strlen(s) < 5 || tz_digits(s, 2, &h) || s[2] != ':' || tz_digits(s + 3, 2, &m))
		return ERR_INVALID;
	s += 5;
	if (*s == ':') {
		if (tz_digits(s + 1, 2, &sec))
			return ERR_INVALID;
		s += 3;
	}
	if (*s == '.') /* fractions of a second */
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	/* a zone suffix is ignored: the location's IANA zone decides */
	if (*s == 'Z')
		s++;
	else if (*s == '+' || *s == '-') {
		int zh, zm = 0;
		if (tz_digits(s + 1, 2, &zh))
			return ERR_INVALID;
		s += 3;
		if (*s == ':')
			s++;
		if (*s && tz_digits(s, 2, &zm))
			return ERR_INVALID;
		if (*s)
			s += 2;
		(void)zm;
	}
	if (*s || m > 59 || sec > 59 || h > 24 || (h == 24 && (m || sec)))
		return ERR_INVALID;
	*ret = h * 3600 + m * 60 + sec;
	return 0;
}

int sched_parse_date(const char *s, int64_t *ret)
{
	int y, m, d;
	if (!s || strlen(s) < 10 || tz_digits(s, 4, &y) || s[4] != '-' || tz_digits(s + 5, 2, &m) ||
	    s[7] != '-' || tz_digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 || d > 31)
		return ERR_INVALID;
	/* a date-time ("2025-01-01T00:00:00Z") counts by its date */
	if (s[10] && s[10] != 'T' && s[10] != ' ')
		return ERR_INVALID;
	*ret = tz_days_from_civil(y, m, d);
	return 0;
}

int sched_parse_local(const char *s, struct tz_local *ret)
{
	int64_t day;
	int sec;
	if (!s || strlen(s) < 16 || sched_parse_date(s, &day) || s[10] != 'T' ||
	    sched_parse_time(s + 11, &sec) || sec >= 86400)
		return ERR_INVALID;
	*ret = tz_civil(day * 86400 + sec);
	return 0;
}

static int empty(const char *s)
{
	return !s || !*s;
}

/* parse_byday: "MO,TU" or "1MO,-1FR" (MONTHLY); 0 on success */
static int parse_byday(const char *s, struct sched_rule *r)
{
	if (empty(s)) {
		r->days = 0x7F;
		return 0;
	}
	while (*s) {
		while (*s == ' ')
			s++;
		int ord = 0, neg = 0;
		if (*s == '+' || *s == '-')
			neg = *s++ == '-';
		while (*s >= '0' && *s <= '9' && ord < 100)
			ord = ord * 10 + (*s++ - '0');
		int d = -1;
		for (int i = 0; i < 7; i++)
			if ((s[0] == day_codes[i][0] || s[0] == day_codes[i][0] + 32) &&
			    (s[1] == day_codes[i][1] || s[1] == day_codes[i][1] + 32))
				d = i;
		if (d < 0)
			return -1;
		s += 2;
		r->days |= 1u << d;
		if (ord) {
			if ((neg && ord != 1) || ord > 5)
				return -1;
			r->weeks[d] |= neg ? 1u << 5 : 1u << (ord - 1);
		} else
			r->weeks[d] = 0x3F;
		while (*s == ' ')
			s++;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

int sched_parse(const struct sched_row *row, struct sched_rule *ret, struct buf *why)
{
	struct sched_rule r;
	memset(&r, 0, sizeof(r));
	r.from_day = INT64_MIN;
	r.to_day = INT64_MAX;
	const char *bad = NULL;
	if (!empty(row->freq) && strcmp(row->freq, "WEEKLY") && strcmp(row->freq, "weekly")) {
		if (strcmp(row->freq, "MONTHLY") && strcmp(row->freq, "monthly")) {
			bad = "freq";
			goto out;
		}
		r.monthly = 1;
	}
	/*
	 * a monthly row without byday names its days some other way (bymonthday,
	 * byweekno) that is not read here: "hours unknown", not "never open"
	 */
	if (parse_byday(row->byday, &r) || (r.monthly && empty(row->byday))) {
		bad = "byday";
		goto out;
	}
	if (sched_parse_time(row->opens_at, &r.opens) || r.opens >= 86400) {
		bad = "opens_at";
		goto out;
	}
	if (sched_parse_time(row->closes_at, &r.closes)) {
		bad = "closes_at";
		goto out;
	}
	if (r.closes == 0)
		r.closes = 86400; /* closing "00:00" is midnight at the end of the day */
	r.all_day = r.opens == 0 && r.closes == 86400;
	r.overnight = r.closes <= r.opens;
	if (!empty(row->valid_from) && sched_parse_date(row->valid_from, &r.from_day)) {
		bad = "valid_from";
		goto out;
	}
	if (!empty(row->valid_to) && sched_parse_date(row->valid_to, &r.to_day)) {
		bad = "valid_to";
		goto out;
	}
out:
	if (bad) {
		if (why)
			buf_printf(why, "schedule: cannot read %s", bad);
		return ERR_INVALID;
	}
	*ret = r;
	return 0;
}

/* week_bits: which weeks of its month day l falls in (nth, and "last") */
static unsigned week_bits(struct tz_local l)
{
	unsigned b = 1u << ((l.day - 1) / 7);
	int64_t today = tz_days_from_civil(l.year, l.month, l.day);
	int64_t next_month = l.month == 12 ? tz_days_from_civil(l.year + 1, 1, 1)
					   : tz_days_from_civil(l.year, l.month + 1, 1);
	if (next_month - today <= 7)
		b |= 1u << 5;
	return b;
}

/* starts_on: the rule has an opening that starts on the day of l */
static int starts_on(const struct sched_rule *r, struct tz_local l)
{
	if (!(r->days & (1u << l.wday)))
		return 0;
	if (r->monthly && !(r->weeks[l.wday] & week_bits(l)))
		return 0;
	int64_t day = tz_days_from_civil(l.year, l.month, l.day);
	return day >= r->from_day && day <= r->to_day;
}

int sched_open_at(const struct sched_rule *rules, int n, struct tz_local l)
{
	int64_t day = tz_days_from_civil(l.year, l.month, l.day);
	struct tz_local y = tz_civil((day - 1) * 86400); /* yesterday, for openings past midnight */
	for (int i = 0; i < n; i++) {
		const struct sched_rule *r = &rules[i];
		if (starts_on(r, l)) {
			if (r->all_day || (r->overnight && l.sec_of_day >= r->opens))
				return 1;
			if (!r->overnight && l.sec_of_day >= r->opens && l.sec_of_day < r->closes)
				return 1;
		}
		if (r->overnight && starts_on(r, y) && l.sec_of_day < r->closes)
			return 1;
	}
	return 0;
}
