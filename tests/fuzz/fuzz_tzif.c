/*
 * fuzz_tzif.c: libFuzzer target for the zone file reader of open-now
 * (src/domain/tz.c). Arbitrary bytes as a TZif file must be parsed or
 * refused without reading outside them; a parsed zone must answer every
 * instant with the offset of the transition before it (or its footer rule)
 * and a wall clock in range. The first line of the bytes is also the POSIX
 * TZ footer of a minimal zone: when it has the shape tzdata writes, the
 * offsets it gives must be the C library's for the same TZ string.
 * tz.c is included, not linked, so the fuzzer can read the parsed rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../src/domain/tz.c"

/* instants from 1900 to 2300 plus the transitions near them: the range callers ask about */
#define T_MIN (-2208988800LL)
#define T_MAX (10413792000LL)

static void check_local(struct tz_local l)
{
	if (l.month < 1 || l.month > 12 || l.day < 1 || l.day > 31 || l.wday < 0 || l.wday > 6 ||
	    l.sec_of_day < 0 || l.sec_of_day >= 86400)
		abort();
}

/* expect: what tz_offset must say at t, read from the tables by a linear scan */
static int expect(const struct tz *z, int64_t t)
{
	if (z->n == 0 || t < z->at[0])
		return z->n == 0 && z->rule.ok ? rule_offset(&z->rule, t) : z->first_off;
	if (t >= z->at[z->n - 1] && z->rule.ok)
		return rule_offset(&z->rule, t);
	int i = z->n - 1;
	while (z->at[i] > t)
		i--;
	return z->off_after[i];
}

/* probe: any instant gives a wall clock in range; in the range callers ask about, the right offset
 */
static void probe(const struct tz *z, int64_t t)
{
	int off = tz_offset(z, t);
	if (t >= T_MIN && t <= T_MAX && off != expect(z, t))
		abort();
	check_local(tz_localtime(z, t));
}

static void check_zone(const struct tz *z)
{
	for (int64_t t = T_MIN; t <= T_MAX; t += 86400LL * 365 * 10 + 3607)
		probe(z, t);
	probe(z, INT64_MIN);
	probe(z, INT64_MAX);
	for (int i = 0; i < z->n && i < 4000; i++) {
		probe(z, z->at[i]);
		if (z->at[i] > INT64_MIN)
			probe(z, z->at[i] - 1);
	}
}

/* ---- the footer against the C library ---- */

static int digits(const char **p, int min, int max, int *v)
{
	const char *s = *p;
	int n = 0;
	*v = 0;
	while (*s >= '0' && *s <= '9' && n < max)
		*v = *v * 10 + (*s++ - '0'), n++;
	if (n < min)
		return -1;
	*p = s;
	return 0;
}

/* shaped_hms: [+-]h[h[h]][:mm[:ss]] with hours at most maxh, minutes and seconds below 60 */
static int shaped_hms(const char **p, int maxh)
{
	int v;
	if (**p == '+' || **p == '-')
		(*p)++;
	if (digits(p, 1, maxh > 99 ? 3 : 2, &v) || v > maxh)
		return -1;
	for (int i = 0; i < 2 && **p == ':'; i++) {
		(*p)++;
		if (digits(p, 2, 2, &v) || v > 59)
			return -1;
	}
	return 0;
}

static int shaped_name(const char **p)
{
	const char *s = *p;
	int n = 0;
	if (*s == '<') {
		for (s++; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
			  (*s >= '0' && *s <= '9') || *s == '+' || *s == '-';
		     s++)
			n++;
		if (*s++ != '>')
			return -1;
	} else
		for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++)
			n++;
	*p = s;
	return n < 3 ? -1 : 0;
}

static int shaped_day(const char **p)
{
	int v;
	if (*(*p)++ != ',' || *(*p)++ != 'M' || digits(p, 1, 2, &v) || v < 1 || v > 12 ||
	    *(*p)++ != '.' || digits(p, 1, 1, &v) || v < 1 || v > 5 || *(*p)++ != '.' ||
	    digits(p, 1, 1, &v) || v > 6)
		return -1;
	if (**p == '/') {
		(*p)++;
		return shaped_hms(p, 167);
	}
	return 0;
}

/* shaped: the TZ string is "std offset [dst [offset] ,start ,end]" as tzdata writes them */
static int shaped(const char *s)
{
	if (shaped_name(&s) || shaped_hms(&s, 24))
		return 0;
	if (!*s)
		return 1;
	if (shaped_name(&s))
		return 0;
	if (*s != ',' && shaped_hms(&s, 24))
		return 0;
	return *s == ',' && !shaped_day(&s) && !shaped_day(&s) && !*s;
}

/* libc_offset: what glibc's localtime says for TZ=rule at t */
static long libc_offset(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, &tm))
		abort();
	return tm.tm_gmtoff;
}

static void check_footer(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	if (n >= 128 || memchr(data, 0, n))
		return;
	/* a v2 zone with one type (UTC), no transitions, and the line as its footer */
	unsigned char f[44 + 6 + 44 + 6 + 130];
	memset(f, 0, sizeof(f));
	for (int half = 0; half < 2; half++) {
		unsigned char *h = f + half * 50;
		memcpy(h, "TZif2", 5);
		h[39] = 1; /* typecnt */
	}
	f[100] = '\n';
	memcpy(f + 101, data, n);
	f[101 + n] = '\n';
	struct tz *z = tz_parse(f, 102 + n);
	if (!z)
		abort();
	char rule[128];
	memcpy(rule, data, n);
	rule[n] = 0;
	check_zone(z);
	/* tzdata's own shape only: the C library reads other strings differently (or as file names)
	 */
	if (z->rule.ok && shaped(rule)) {
		setenv("TZ", rule, 1);
		tzset();
		for (int y = 2030; y <= 2032; y++) {
			int64_t edge[2] = {rule_local(y, &z->rule.start) - z->rule.std_off,
					   rule_local(y, &z->rule.end) - z->rule.dst_off};
			/*
			 * daylight time that starts when it ends is all-year daylight time
			 * for the reference tzcode (and so for us), never for glibc
			 */
			if (z->rule.has_dst && edge[0] == edge[1])
				continue;
			/* both read the rule of the year of t: away from New Year, the same year */
			for (int m = 1; m <= 12; m++)
				for (int d = 10; d <= 20; d += 10) {
					int64_t t = (tz_days_from_civil(y, m, d) * 24 + 12) * 3600;
					if (tz_offset(z, t) != libc_offset(t))
						abort();
				}
			for (int k = 0; k < 2 && z->rule.has_dst; k++) {
				struct tz_local l = tz_civil(edge[k]);
				if ((l.month == 1 && l.day < 10) || (l.month == 12 && l.day > 20))
					continue;
				if (tz_offset(z, edge[k]) != libc_offset(edge[k]) ||
				    tz_offset(z, edge[k] - 1) != libc_offset(edge[k] - 1))
					abort();
			}
		}
	}
	tz_free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tz *z = tz_parse(data, size);
	if (z) {
		check_zone(z);
		tz_free(z);
	}
	check_footer(data, size);
	return 0;
}
