/*
 * fuzz_schedule.c: libFuzzer target for HSDS opening hours (schedule.c).
 * Input: lines; the first is a wall clock "YYYY-MM-DDTHH:MM[:SS]", then
 * schedule rows of six lines each (freq, byday, opens_at, closes_at,
 * valid_from, valid_to; "-" is a missing field). Every parser must stay in
 * bounds and give values in range; a parsed wall clock must print and read
 * back to itself; a weekly row without validity dates must be open exactly
 * during the openings it describes, checked against a model that counts
 * seconds of the week instead of days and midnights; a monthly one must
 * open at some time of the year.
 * fuzz-sources: src/domain/resources/schedule.c src/domain/tz.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "domain/resources/schedule.h"

#define MAX_ROWS 8
#define WEEK	 (7 * 86400)

static void check_local(struct tz_local l)
{
	if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > 31 || l.wday < 0 || l.wday > 6 ||
	    l.sec_of_day < 0 || l.sec_of_day >= 86400 || l.year < 0 || l.year > 10000)
		abort();
	char s[64];
	struct tz_local again;
	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02d", l.year, l.month, l.day,
		 l.sec_of_day / 3600, l.sec_of_day / 60 % 60, l.sec_of_day % 60);
	if (l.year <= 9999 && (sched_parse_local(s, &again) || memcmp(&again, &l, sizeof(l)) != 0))
		abort();
}

static void check_rule(const struct sched_rule *r)
{
	if (r->days & ~0x7Fu || r->opens < 0 || r->opens >= 86400 || r->closes <= 0 ||
	    r->closes > 86400 || r->overnight != (r->closes <= r->opens) ||
	    r->all_day != (r->opens == 0 && r->closes == 86400))
		abort();
	for (int d = 0; d < 7; d++)
		if (r->weeks[d] & ~0x3Fu)
			abort();
}

/*
 * model_open: the same question for a weekly rule, answered over the week:
 * each day in days opens an interval [day start + opens, + length) of
 * seconds of the week, wrapping from Sunday into Monday.
 */
static int model_open(const struct sched_rule *r, int wday, int sec)
{
	int len = r->all_day	 ? 86400
		  : r->overnight ? 86400 - r->opens + r->closes
				 : r->closes - r->opens;
	int t = wday * 86400 + sec;
	for (int d = 0; d < 7; d++)
		if (r->days & (1u << d) &&
		    ((t - (d * 86400 + r->opens)) % WEEK + WEEK) % WEEK < len)
			return 1;
	return 0;
}

/* the week of 2026-11-30 (a Monday) at the edges of every opening, with its day before and after */
static void check_against_model(const struct sched_rule *r)
{
	int secs[] = {0, 1, r->opens - 1, r->opens, r->opens + 1, r->closes - 1, r->closes, 86399};
	for (int d = 0; d < 7; d++)
		for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
			if (secs[i] < 0 || secs[i] >= 86400)
				continue;
			char s[32];
			struct tz_local l;
			snprintf(s, sizeof(s), "2026-%s-%02dT%02d:%02d:%02d", d ? "12" : "11",
				 d ? d : 30, secs[i] / 3600, secs[i] / 60 % 60, secs[i] % 60);
			if (sched_parse_local(s, &l) || l.wday != d)
				abort();
			if (sched_open_at(r, 1, l) != model_open(r, d, secs[i]))
				abort();
		}
}

/*
 * check_opens_in_a_year: a monthly row without validity dates opens on some
 * day of 2026 (every nth weekday, 5th included, comes in four months of any
 * year): a row read as "never open" would show a place as closed when its
 * hours are in fact unknown to us
 */
static void check_opens_in_a_year(const struct sched_rule *r)
{
	int64_t first = tz_days_from_civil(2026, 1, 1);
	for (int64_t d = first; d < first + 365; d++)
		if (sched_open_at(r, 1, tz_civil(d * 86400 + r->opens)))
			return;
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	const char *line[1 + 6 * MAX_ROWS];
	int n = 0;
	for (char *p = s; n < (int)(sizeof(line) / sizeof(line[0]));) {
		char *e = strchr(p, '\n');
		if (e)
			*e = 0;
		line[n++] = strcmp(p, "-") ? p : NULL;
		if (!e)
			break;
		p = e + 1;
	}

	struct tz_local at;
	int have_at = n > 0 && line[0] && sched_parse_local(line[0], &at) == 0;
	if (have_at)
		check_local(at);
	for (int i = 0; i < n; i++) {
		int sec;
		int64_t day;
		if (line[i] && sched_parse_time(line[i], &sec) == 0 && (sec < 0 || sec > 86400))
			abort();
		if (line[i] && sched_parse_date(line[i], &day) == 0 &&
		    (day < tz_days_from_civil(0, 1, 1) || day > tz_days_from_civil(9999, 12, 31)))
			abort();
	}

	struct sched_rule rules[MAX_ROWS];
	int nr = 0;
	struct buf why = BUF_INIT(256);
	for (int i = 1; i + 6 <= n && nr < MAX_ROWS; i += 6) {
		struct sched_row row = {line[i],     line[i + 1], line[i + 2],
					line[i + 3], line[i + 4], line[i + 5]};
		why.len = 0;
		if (sched_parse(&row, &rules[nr], &why)) {
			if (!strstr(why.data, "schedule: cannot read"))
				abort();
			continue;
		}
		check_rule(&rules[nr]);
		if (rules[nr].from_day == INT64_MIN && rules[nr].to_day == INT64_MAX) {
			if (rules[nr].monthly)
				check_opens_in_a_year(&rules[nr]);
			else
				check_against_model(&rules[nr]);
		}
		nr++;
	}
	buf_release(&why);
	if (have_at) {
		int open = sched_open_at(rules, nr, at);
		int any = 0;
		for (int i = 0; i < nr; i++)
			any |= sched_open_at(&rules[i], 1, at);
		if (open != any)
			abort();
	}
	free(s);
	return 0;
}
