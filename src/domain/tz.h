/*
 * tz.h: IANA time zones without the C library's global TZ state: TZif files
 * from /usr/share/zoneinfo parsed once into immutable tables (thread-safe,
 * no setenv("TZ")), plus the calendar arithmetic open-now needs.
 */
#ifndef FARO_TZ_H
#define FARO_TZ_H

#include <stddef.h>
#include <stdint.h>

struct tz;

/* a wall-clock moment: the date, weekday (0 = Monday .. 6 = Sunday) and seconds since midnight */
struct tz_local {
	int year, month, day; /* month 1-12 */
	int wday;
	int sec_of_day;
};

/*
 * tz_get: the zone named name ("America/Bogota"), read from the zoneinfo
 * directory the first time and kept for the life of the process (the
 * result is never freed; do not free it). NULL when the name is malformed
 * (only [A-Za-z0-9/_+-], no "..", at most 64 bytes), unknown or not TZif.
 * Safe to call from any thread.
 */
const struct tz *tz_get(const char *name);
/* tz_parse: an owned zone from the TZif bytes p[0..n] (versions 1-4), or NULL when malformed. */
struct tz *tz_parse(const unsigned char *p, size_t n);
void tz_free(struct tz *z);
/*
 * tz_offset: seconds east of UTC in z at the UTC instant t (seconds since
 * 1970); 0 when z is NULL. Here and below, instants beyond about 2.2 million
 * years from 1970 count as that limit.
 */
int tz_offset(const struct tz *z, int64_t t);
/* tz_localtime: the wall clock in z at UTC instant t (z NULL: UTC). */
struct tz_local tz_localtime(const struct tz *z, int64_t t);
/* tz_civil: the wall clock of local seconds since 1970 (no zone involved). */
struct tz_local tz_civil(int64_t local_s);
/* tz_days_from_civil: days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
int64_t tz_days_from_civil(int y, int m, int d);
/*
 * tz_digits: the decimal number written by exactly the n characters s[0..n)
 * into *ret; -1 (and *ret untouched) when any of them is not a digit. The
 * shared piece of the fixed-width date and time parsers ("2026-12-06T22:30").
 */
int tz_digits(const char *s, int n, int *ret);

/*
 * tz_for_region: the IANA zone name of an address by ISO country code and,
 * for the United States, two-letter state; NULL when unknown (the caller
 * then has no zone and says "hours unknown" rather than guess).
 */
const char *tz_for_region(const char *country, const char *state);

#endif
