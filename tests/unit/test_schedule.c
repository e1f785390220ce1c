/* test_schedule.c: time zones from TZif (and their rules past 2037), HSDS schedules, open now
 * across midnight. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/resources/schedule.h"
#include "domain/tz.h"
#include "test.h"

/* utc: seconds since 1970 of a UTC wall clock */
static int64_t utc(int y, int mo, int d, int h, int mi)
{
	return tz_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

static struct tz_local at(const char *s)
{
	struct tz_local l;
	memset(&l, 0, sizeof(l));
	if (sched_parse_local(s, &l))
		CHECK(0, "bad test time %s", s);
	return l;
}

static void test_calendar(void)
{
	CHECK(tz_days_from_civil(1970, 1, 1) == 0 && tz_days_from_civil(2000, 3, 1) == 11017,
	      "days from civil");
	int v = -7;
	CHECK(tz_digits("2026-12", 4, &v) == 0 && v == 2026 && tz_digits("07", 2, &v) == 0 &&
		  v == 7,
	      "fixed-width digits are read");
	CHECK(tz_digits("2a", 2, &v) == -1 && tz_digits("-1", 2, &v) == -1 && v == 7 &&
		  tz_digits("1", 1, &v) == 0 && v == 1,
	      "a non-digit in the width is refused and leaves the value");
	struct tz_local l = tz_civil(utc(2024, 2, 29, 23, 59));
	CHECK(l.year == 2024 && l.month == 2 && l.day == 29 && l.sec_of_day == 86340 && l.wday == 3,
	      "leap day 2024 is a Thursday");
	l = tz_civil(-1);
	CHECK(l.year == 1969 && l.month == 12 && l.day == 31 && l.sec_of_day == 86399 &&
		  l.wday == 2,
	      "one second before 1970 (a Wednesday)");
	CHECK(sched_parse_local("2026-12-06T22:30", &l) == 0 && l.wday == 6 &&
		  l.sec_of_day == 81000,
	      "2026-12-06 is a Sunday");
	CHECK(sched_parse_local("2026-12-06", &l) == ERR_INVALID &&
		  sched_parse_local("2026-13-01T10:00", &l) == ERR_INVALID &&
		  sched_parse_local("2026-12-01T24:00", &l) == ERR_INVALID,
	      "malformed local times are refused");
}

static void test_zones(void)
{
	const struct tz *ny = tz_get("America/New_York"), *bog = tz_get("America/Bogota");
	const struct tz *la = tz_get("America/Los_Angeles"), *syd = tz_get("Australia/Sydney");
	CHECK(ny && bog && la && syd, "zones load from zoneinfo");
	CHECK(tz_get("America/New_York") == ny, "a zone is loaded once");
	CHECK(!tz_get("../etc/passwd") && !tz_get("/etc/passwd") && !tz_get("Nowhere/City") &&
		  !tz_get("") && !tz_get(NULL) && !tz_get("America/New York"),
	      "bad or unknown names give NULL");
	CHECK(tz_offset(bog, utc(2026, 6, 1, 12, 0)) == -5 * 3600 &&
		  tz_offset(bog, utc(2026, 12, 1, 12, 0)) == -5 * 3600,
	      "Bogotá is UTC-5 all year");
	CHECK(tz_offset(ny, utc(2026, 1, 15, 12, 0)) == -5 * 3600, "New York winter EST");
	CHECK(tz_offset(ny, utc(2026, 7, 15, 12, 0)) == -4 * 3600, "New York summer EDT");
	/* 2026-03-08 02:00 EST = 07:00 UTC: the second before is EST, the second at is EDT */
	CHECK(tz_offset(ny, utc(2026, 3, 8, 7, 0) - 1) == -5 * 3600 &&
		  tz_offset(ny, utc(2026, 3, 8, 7, 0)) == -4 * 3600,
	      "New York spring forward at 02:00 local");
	/* 2026-11-01 02:00 EDT = 06:00 UTC */
	CHECK(tz_offset(ny, utc(2026, 11, 1, 6, 0) - 1) == -4 * 3600 &&
		  tz_offset(ny, utc(2026, 11, 1, 6, 0)) == -5 * 3600,
	      "New York fall back at 02:00 local");
	/* past the last transition of the file: the footer rule EST5EDT,M3.2.0,M11.1.0 */
	CHECK(tz_offset(ny, utc(2100, 7, 1, 12, 0)) == -4 * 3600 &&
		  tz_offset(ny, utc(2100, 1, 1, 12, 0)) == -5 * 3600,
	      "New York in 2100 follows the footer rule");
	/* 2100-03-14 is the second Sunday of March 2100 */
	CHECK(tz_offset(ny, utc(2100, 3, 14, 7, 0) - 1) == -5 * 3600 &&
		  tz_offset(ny, utc(2100, 3, 14, 7, 0)) == -4 * 3600,
	      "footer rule switches on the second Sunday of March");
	CHECK(tz_offset(syd, utc(2026, 1, 15, 0, 0)) == 11 * 3600 &&
		  tz_offset(syd, utc(2026, 7, 15, 0, 0)) == 10 * 3600 &&
		  tz_offset(syd, utc(2100, 1, 15, 0, 0)) == 11 * 3600 &&
		  tz_offset(syd, utc(2100, 7, 15, 0, 0)) == 10 * 3600,
	      "southern hemisphere daylight time, in the file and by rule");
	struct tz_local l = tz_localtime(la, utc(2026, 12, 2, 5, 30));
	CHECK(l.day == 1 && l.sec_of_day == 21 * 3600 + 30 * 60 && l.wday == 1,
	      "05:30 UTC Wednesday is 21:30 Tuesday in Los Angeles");
	CHECK(tz_offset(NULL, 0) == 0, "no zone is UTC");

	static const unsigned char junk[] = "TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff";
	CHECK(!tz_parse(junk, sizeof(junk)) && !tz_parse((const unsigned char *)"nope", 4),
	      "malformed TZif is refused");
}

/* footer_zone: a v2 zone with one type (UTC), no transitions, and the POSIX TZ string rule as its
 * footer */
static struct tz *footer_zone(const char *rule)
{
	unsigned char f[44 + 6 + 44 + 6 + 130];
	size_t n = strlen(rule);
	memset(f, 0, sizeof(f));
	memcpy(f, "TZif2", 5);
	f[39] = 1;
	memcpy(f + 50, "TZif2", 5);
	f[89] = 1;
	f[100] = '\n';
	memcpy(f + 101, rule, n);
	f[101 + n] = '\n';
	return tz_parse(f, 102 + n);
}

static int local_ok(struct tz_local l)
{
	return l.month >= 1 && l.month <= 12 && l.day >= 1 && l.day <= 31 && l.wday >= 0 &&
	       l.wday <= 6 && l.sec_of_day >= 0 && l.sec_of_day < 86400;
}

/* what fuzz_tzif found */
static void test_zone_edges(void)
{
	/* the far ends of time: no overflow (UBSan would stop here), a wall clock in range */
	struct tz *z = footer_zone("hSh1");
	CHECK(z && tz_offset(z, 0) == -3600, "a footer-only zone follows its rule");
	CHECK(local_ok(tz_localtime(z, INT64_MIN)) && local_ok(tz_localtime(z, INT64_MAX)),
	      "the first and last instants have a wall clock");
	tz_free(z);
	const struct tz *ny = tz_get("America/New_York");
	CHECK(ny && local_ok(tz_localtime(ny, INT64_MAX)) &&
		  local_ok(tz_localtime(ny, INT64_MIN)) &&
		  tz_offset(ny, INT64_MAX) == tz_offset(ny, ((int64_t)1 << 46)),
	      "instants past the supported range count as its limit");
	CHECK(local_ok(tz_civil(INT64_MIN)) && tz_days_from_civil(-2147483647 - 1, 1, 1) < 0 &&
		  tz_days_from_civil(2147483647, 12, 31) > 0,
	      "calendar arithmetic at any year does not overflow");

	/*
	 * daylight time that starts (Sep last Sunday 02:45 at UTC-5) at the instant
	 * it ends (03:45 at UTC-4) is all-year daylight time, as the reference
	 * tzcode reads it (glibc reads it as never)
	 */
	z = footer_zone("<+1245>5<+1345>,M9.5.0/2:45,M9.5.0/3:45");
	CHECK(z && tz_offset(z, utc(2030, 1, 15, 12, 0)) == -4 * 3600 &&
		  tz_offset(z, utc(2030, 9, 29, 7, 45)) == -4 * 3600 &&
		  tz_offset(z, utc(2030, 7, 1, 0, 0)) == -4 * 3600,
	      "DST that ends when it starts lasts all year");
	tz_free(z);
	/* Dublin: winter time is the "daylight" one (negative DST) */
	z = footer_zone("IST-1GMT0,M10.5.0,M3.5.0/1");
	CHECK(z && tz_offset(z, utc(2030, 7, 1, 12, 0)) == 3600 &&
		  tz_offset(z, utc(2030, 1, 15, 12, 0)) == 0,
	      "negative DST: summer +1, winter +0");
	tz_free(z);
}

static int open_at(const struct sched_row *rows, int n, const char *when)
{
	struct sched_rule r[8];
	for (int i = 0; i < n; i++)
		if (sched_parse(&rows[i], &r[i], NULL))
			return -1;
	return sched_open_at(r, n, at(when));
}

static void test_schedules(void)
{
	/* Monday-Friday 08:00-17:00 */
	struct sched_row office = {"WEEKLY", "MO,TU,WE,TH,FR", "08:00", "17:00", NULL, NULL};
	CHECK(open_at(&office, 1, "2026-12-01T08:00") == 1, "open at opening time (Tuesday)");
	CHECK(open_at(&office, 1, "2026-12-01T16:59") == 1, "open a minute before closing");
	CHECK(open_at(&office, 1, "2026-12-01T17:00") == 0, "closed at closing time");
	CHECK(open_at(&office, 1, "2026-12-01T07:59") == 0, "closed before opening");
	CHECK(open_at(&office, 1, "2026-12-05T10:00") == 0, "closed on Saturday");

	/* a shelter Friday and Saturday 20:00 to 08:00 the next morning */
	struct sched_row night = {"WEEKLY", "FR,SA", "20:00:00", "08:00:00", NULL, NULL};
	CHECK(open_at(&night, 1, "2026-12-04T21:00") == 1, "overnight: Friday 21:00 open");
	CHECK(open_at(&night, 1, "2026-12-05T03:00") == 1,
	      "overnight: Saturday 03:00 open (Friday's night)");
	CHECK(open_at(&night, 1, "2026-12-05T12:00") == 0, "overnight: Saturday noon closed");
	CHECK(open_at(&night, 1, "2026-12-06T07:59") == 1,
	      "overnight: Sunday 07:59 open (Saturday's night)");
	CHECK(open_at(&night, 1, "2026-12-06T08:00") == 0, "overnight: Sunday 08:00 closed");
	CHECK(open_at(&night, 1, "2026-12-06T21:00") == 0, "overnight: Sunday evening closed");
	CHECK(open_at(&night, 1, "2026-12-04T03:00") == 0,
	      "overnight: Friday 03:00 closed (no Thursday night)");

	/* until midnight, and around the clock */
	struct sched_row late = {NULL, "SA", "18:00", "00:00", NULL, NULL};
	CHECK(open_at(&late, 1, "2026-12-05T23:59") == 1 &&
		  open_at(&late, 1, "2026-12-06T00:00") == 0,
	      "closing 00:00 means midnight, not overnight");
	struct sched_row always = {"WEEKLY", NULL, "00:00", "24:00", NULL, NULL};
	CHECK(open_at(&always, 1, "2026-12-06T03:00") == 1 &&
		  open_at(&always, 1, "2026-12-01T23:59") == 1,
	      "00:00-24:00 every day is always open");

	/* split hours: two rows */
	struct sched_row split[2] = {{"WEEKLY", "MO", "08:00", "12:00", NULL, NULL},
				     {"WEEKLY", "MO", "14:00", "18:00", NULL, NULL}};
	CHECK(open_at(split, 2, "2026-11-30T11:00") == 1 &&
		  open_at(split, 2, "2026-11-30T13:00") == 0 &&
		  open_at(split, 2, "2026-11-30T15:00") == 1,
	      "a lunch break closes");

	/* validity dates */
	struct sched_row season = {"WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "09:00",
				   "17:00",  "2026-12-01",	     "2026-12-24"};
	CHECK(open_at(&season, 1, "2026-11-30T10:00") == 0 &&
		  open_at(&season, 1, "2026-12-01T10:00") == 1 &&
		  open_at(&season, 1, "2026-12-24T10:00") == 1 &&
		  open_at(&season, 1, "2026-12-25T10:00") == 0,
	      "valid_from and valid_to bound the season");

	/* monthly: first and last Tuesday */
	struct sched_row pantry = {"MONTHLY", "1TU,-1TU", "10:00", "13:00", NULL, NULL};
	CHECK(open_at(&pantry, 1, "2026-12-01T11:00") == 1, "first Tuesday of December");
	CHECK(open_at(&pantry, 1, "2026-12-08T11:00") == 0, "second Tuesday closed");
	CHECK(open_at(&pantry, 1, "2026-12-29T11:00") == 1, "last Tuesday of December");

	/* what cannot be evaluated is refused, so it reads "hours unknown" */
	struct sched_rule r;
	struct buf why = BUF_INIT(200);
	struct sched_row bad[] = {{"DAILY", NULL, "08:00", "17:00", NULL, NULL},
				  {"WEEKLY", "XX", "08:00", "17:00", NULL, NULL},
				  {"WEEKLY", "MO", NULL, "17:00", NULL, NULL},
				  {"WEEKLY", "MO", "8am", "17:00", NULL, NULL},
				  {"WEEKLY", "MO", "08:00", "25:00", NULL, NULL},
				  {"WEEKLY", "MO", "24:00", "10:00", NULL, NULL},
				  {"WEEKLY", "MO", "08:00", "17:00", "2026-1-1", NULL},
				  /* fuzz_schedule: monthly by bymonthday read as never open */
				  {"MONTHLY", NULL, "10:00", "13:00", NULL, NULL},
				  {"MONTHLY", "", "10:00", "13:00", NULL, NULL}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(sched_parse(&bad[i], &r, &why) == ERR_INVALID, "refused row %zu", i);
	CHECK(strstr(why.data, "schedule: cannot read") != NULL, "the reason says what: %s",
	      why.data);
	buf_release(&why);
	int s;
	CHECK(sched_parse_time("09:30:00+05:00", &s) == 0 && s == 34200,
	      "a zone suffix is ignored");
	CHECK(sched_parse_time("09:30Z", &s) == 0 && s == 34200, "Z suffix");
	CHECK(sched_parse_time("24:00", &s) == 0 && s == 86400, "24:00");

	/* open now in the location's zone: 02:00 UTC Saturday is 21:00 Friday in Bogotá */
	struct sched_rule nr;
	sched_parse(&night, &nr, NULL);
	const struct tz *bog = tz_get("America/Bogota");
	CHECK(sched_open_at(&nr, 1, tz_localtime(bog, utc(2026, 12, 5, 2, 0))) == 1,
	      "open now uses the location's zone (Friday 21:00 in Bogotá)");
	CHECK(sched_open_at(&nr, 1, tz_localtime(NULL, utc(2026, 12, 5, 14, 0))) == 0,
	      "Saturday 14:00 UTC is closed");
}

int main(void)
{
	test_calendar();
	test_zones();
	test_zone_edges();
	test_schedules();
	return test_done();
}
