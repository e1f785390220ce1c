/*
 * schedule.h: opening hours from HSDS 3.0 schedule rows (RFC 5545 style
 * freq/byday with opens_at/closes_at), and whether a place is open at a
 * wall-clock moment, including hours that run past midnight. No I/O.
 */
#ifndef FARO_SCHEDULE_H
#define FARO_SCHEDULE_H

#include <stdint.h>

#include "domain/tz.h"

struct buf;

/* one parsed schedule row */
struct sched_rule {
	unsigned days;	   /* bit 0 = Monday .. bit 6 = Sunday: the days an opening starts */
	int monthly;	   /* 1: days apply only in the weeks of the month in weeks[] */
	unsigned weeks[7]; /* per day: bit 0 = 1st .. bit 4 = 5th, bit 5 = last of the month */
	int opens, closes; /* seconds after local midnight; closes may be 86400 (24:00) */
	int overnight;	   /* closes <= opens: the opening ends the next day at closes */
	int all_day;	   /* opens == closes == 0 or 00:00-24:00 */
	int64_t from_day,
	    to_day; /* valid_from/valid_to as days since 1970; INT64_MIN/MAX when open-ended */
};

/* the HSDS fields of one schedule row; NULL or "" when absent */
struct sched_row {
	const char *freq, *byday, *opens_at, *closes_at, *valid_from, *valid_to;
};

/*
 * sched_parse: the rule of row into *ret. ERR_INVALID with the reason in why
 * (may be NULL) when the row says something this module cannot evaluate
 * (no opens_at/closes_at, a frequency other than WEEKLY or MONTHLY, a
 * malformed day or time); such rows mean "hours unknown", never "closed".
 */
int sched_parse(const struct sched_row *row, struct sched_rule *ret, struct buf *why);
/* sched_parse_time: "HH:MM[:SS]" with an optional "Z"/"+hh:mm" suffix (ignored) into seconds; 24:00
 * allowed. */
int sched_parse_time(const char *s, int *ret);
/* sched_parse_date: "YYYY-MM-DD" into days since 1970. */
int sched_parse_date(const char *s, int64_t *ret);
/* sched_open_at: 1 when one of the n rules is open at the wall-clock moment l, else 0. */
int sched_open_at(const struct sched_rule *rules, int n, struct tz_local l);
/* sched_parse_local: "YYYY-MM-DDTHH:MM[:SS]" (a wall clock, no zone) into *ret. */
int sched_parse_local(const char *s, struct tz_local *ret);

#endif
