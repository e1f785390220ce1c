/*
 * tz.c: a TZif (RFC 8536) reader and POSIX TZ footer rules, so each thread
 * can ask "what time is it at this location" without touching the process
 * environment: localtime_r() follows the global TZ, and setenv("TZ") races
 * with every other thread.
 */
#include "domain/tz.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/banned.h"

#define ZONEINFO     "/usr/share/zoneinfo/"
#define TZ_MAX_FILE  (512 * 1024)
#define TZ_CACHE_MAX 1024 /* zone names cached, found or not */

/* a POSIX TZ rule "EST5EDT,M3.2.0,M11.1.0": month/week/day and local seconds */
struct tz_rule_day {
	int month, week, wday; /* wday: 0 = Sunday, as POSIX writes it */
	int secs;
};
struct tz_rule {
	int ok;	     /* parsed and usable */
	int std_off; /* seconds east of UTC */
	int has_dst;
	int dst_off;
	struct tz_rule_day start, end;
};

struct tz {
	int n;		     /* transitions */
	int64_t *at;	     /* n instants, ascending */
	int *off_after;	     /* n offsets in force from at[i] */
	int first_off;	     /* before the first transition */
	struct tz_rule rule; /* after the last transition */
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* ---- calendar ---- */

/*
 * instants further than 2^46 s (about 2.2 million years) from 1970 are
 * clamped: years then fit an int and no sum below overflows, whatever
 * instant a caller or a zone file's transitions bring
 */
#define TZ_T_LIMIT ((int64_t)1 << 46)

static int64_t clamp_t(int64_t t)
{
	return t < -TZ_T_LIMIT ? -TZ_T_LIMIT : t > TZ_T_LIMIT ? TZ_T_LIMIT : t;
}

int64_t tz_days_from_civil(int year, int m, int d)
{
	/* Howard Hinnant's days_from_civil, in 64 bits so that any int year is safe */
	int64_t y = (int64_t)year - (m <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int tz_digits(const char *s, int n, int *ret)
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

struct tz_local tz_civil(int64_t s)
{
	struct tz_local l;
	s = clamp_t(s);
	int64_t days = s / 86400, rem = s % 86400;
	if (rem < 0)
		rem += 86400, days--;
	l.sec_of_day = (int)rem;
	l.wday = (int)(((days % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday (3 from Monday) */
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	l.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	l.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	l.year = (int)(yoe + era * 400 + (l.month <= 2));
	return l;
}

/* ---- POSIX TZ footer ---- */

/* parse_name: skips a zone abbreviation ("EST" or "<-05>"); 0 on success */
static int parse_name(const char **p)
{
	const char *s = *p;
	if (*s == '<') {
		while (*s && *s != '>')
			s++;
		if (*s != '>')
			return -1;
		*p = s + 1;
		return 0;
	}
	const char *b = s;
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
		s++;
	if (s - b < 3)
		return -1;
	*p = s;
	return 0;
}

/* parse_hms: [+-]hh[:mm[:ss]] into seconds; 0 on success */
static int parse_hms(const char **p, int *ret)
{
	const char *s = *p;
	int sign = 1, v[3] = {0, 0, 0};
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (int i = 0; i < 3; i++) {
		if (i && *s != ':')
			break;
		if (i)
			s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9' && v[i] < 1000)
			v[i] = v[i] * 10 + (*s++ - '0');
	}
	if (v[0] > 167)
		return -1;
	*ret = sign * (v[0] * 3600 + v[1] * 60 + v[2]);
	*p = s;
	return 0;
}

static int parse_int(const char **p, int lo, int hi, int *ret)
{
	const char *s = *p;
	int v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9' && v <= hi)
		v = v * 10 + (*s++ - '0');
	if (v < lo || v > hi)
		return -1;
	*ret = v;
	*p = s;
	return 0;
}

/* parse_day: ",Mm.w.d[/time]" (the only form tzdata writes for zones with DST) */
static int parse_day(const char **p, struct tz_rule_day *d)
{
	const char *s = *p;
	if (*s++ != ',' || *s++ != 'M')
		return -1;
	if (parse_int(&s, 1, 12, &d->month) || *s++ != '.' || parse_int(&s, 1, 5, &d->week) ||
	    *s++ != '.' || parse_int(&s, 0, 6, &d->wday))
		return -1;
	d->secs = 7200;
	if (*s == '/') {
		s++;
		if (parse_hms(&s, &d->secs))
			return -1;
	}
	*p = s;
	return 0;
}

static void parse_rule(const char *s, struct tz_rule *r)
{
	memset(r, 0, sizeof(*r));
	int west;
	if (parse_name(&s) || parse_hms(&s, &west))
		return;
	r->std_off = -west;
	if (!*s) {
		r->ok = 1;
		return;
	}
	if (parse_name(&s))
		return;
	r->dst_off = r->std_off + 3600;
	if (*s && *s != ',') {
		if (parse_hms(&s, &west))
			return;
		r->dst_off = -west;
	}
	if (parse_day(&s, &r->start) || parse_day(&s, &r->end) || *s)
		return;
	r->has_dst = 1;
	r->ok = 1;
}

/* rule_local: local seconds since 1970 of rule day d in year y */
static int64_t rule_local(int y, const struct tz_rule_day *d)
{
	int64_t first = tz_days_from_civil(y, d->month, 1);
	int first_wday = (int)(((first % 7) + 7 + 4) % 7); /* 0 = Sunday; 1970-01-01 was Thursday */
	int64_t day = first + (d->wday - first_wday + 7) % 7 + (int64_t)(d->week - 1) * 7;
	int mdays = (int)(tz_days_from_civil(d->month == 12 ? y + 1 : y,
					     d->month == 12 ? 1 : d->month + 1, 1) -
			  first);
	while (day - first >= mdays)
		day -= 7;
	return day * 86400 + d->secs;
}

static int rule_offset(const struct tz_rule *r, int64_t t)
{
	if (!r->has_dst)
		return r->std_off;
	int y = tz_civil(t + r->std_off).year;
	int64_t start = rule_local(y, &r->start) - r->std_off; /* starts while standard time runs */
	int64_t end = rule_local(y, &r->end) - r->dst_off;     /* ends while daylight time runs */
	if (start < end)				       /* northern hemisphere */
		return t >= start && t < end ? r->dst_off : r->std_off;
	return t >= end && t < start ? r->std_off : r->dst_off;
}

/* ---- TZif ---- */

struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
};

static int read_counts(const unsigned char *p, size_t n, struct tzif_counts *c)
{
	if (n < 44 || memcmp(p, "TZif", 4) != 0)
		return -1;
	c->isut = be32(p + 20), c->isstd = be32(p + 24), c->leap = be32(p + 28);
	c->time = be32(p + 32), c->type = be32(p + 36), c->chars = be32(p + 40);
	if (c->time > 100000 || c->type == 0 || c->type > 256 || c->chars > 100000 ||
	    c->leap > 100000 || c->isut > 256 || c->isstd > 256)
		return -1;
	return 0;
}

static size_t block_size(const struct tzif_counts *c, int tsize)
{
	return (size_t)c->time * (size_t)tsize + c->time + (size_t)c->type * 6 + c->chars +
	       (size_t)c->leap * (size_t)(tsize + 4) + c->isstd + c->isut;
}

struct tz *tz_parse(const unsigned char *p, size_t n)
{
	struct tzif_counts c;
	int tsize = 4;
	if (read_counts(p, n, &c))
		return NULL;
	size_t off = 44;
	if (p[4] >= '2') { /* skip the 32-bit block, use the 64-bit one */
		off += block_size(&c, 4);
		if (off > n || read_counts(p + off, n - off, &c))
			return NULL;
		off += 44;
		tsize = 8;
	}
	size_t need = block_size(&c, tsize);
	if (off + need > n)
		return NULL;
	const unsigned char *times = p + off, *idx = times + (size_t)c.time * (size_t)tsize;
	const unsigned char *types = idx + c.time;
	struct tz *z = calloc(1, sizeof(*z));
	if (!z)
		return NULL;
	z->n = (int)c.time;
	z->at = calloc(c.time ? c.time : 1, sizeof(*z->at));
	z->off_after = calloc(c.time ? c.time : 1, sizeof(*z->off_after));
	if (!z->at || !z->off_after)
		goto fail;
	z->first_off = (int32_t)be32(types);
	for (uint32_t i = 0; i < c.time; i++) {
		if (idx[i] >= c.type)
			goto fail;
		z->at[i] = tsize == 8 ? be64(times + i * 8) : (int32_t)be32(times + i * 4);
		if (i && z->at[i] <= z->at[i - 1])
			goto fail;
		z->off_after[i] = (int32_t)be32(types + (size_t)idx[i] * 6);
	}
	if (tsize == 8) { /* footer: "\nTZ string\n" */
		const unsigned char *f = p + off + need, *end = p + n;
		if (f < end && *f == '\n') {
			const unsigned char *nl = memchr(f + 1, '\n', (size_t)(end - f - 1));
			if (nl && nl - f - 1 < 128) {
				char rule[128];
				memcpy(rule, f + 1, (size_t)(nl - f - 1));
				rule[nl - f - 1] = 0;
				parse_rule(rule, &z->rule);
			}
		}
	}
	return z;
fail:
	tz_free(z);
	return NULL;
}

void tz_free(struct tz *z)
{
	if (!z)
		return;
	free(z->at);
	free(z->off_after);
	free(z);
}

int tz_offset(const struct tz *z, int64_t t)
{
	if (!z)
		return 0;
	t = clamp_t(t);
	if (z->n == 0)
		return z->rule.ok ? rule_offset(&z->rule, t) : z->first_off;
	if (t < z->at[0])
		return z->first_off;
	if (t >= z->at[z->n - 1] && z->rule.ok)
		return rule_offset(&z->rule, t);
	int lo = 0, hi = z->n - 1; /* the last transition at or before t */
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (z->at[mid] <= t)
			lo = mid;
		else
			hi = mid - 1;
	}
	return z->off_after[lo];
}

struct tz_local tz_localtime(const struct tz *z, int64_t t)
{
	t = clamp_t(t);
	return tz_civil(t + tz_offset(z, t));
}

/* ---- the process-wide cache ---- */

struct tz_entry {
	struct tz_entry *next;
	struct tz *z; /* NULL: known not to exist */
	char name[65];
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz_entry *cache;
static int cache_n;

static int name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == '/' || strstr(s, ".."))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '/' || c == '_' || c == '+' || c == '-'))
			return 0;
	}
	return 1;
}

static struct tz *load(const char *name)
{
	char path[128];
	snprintf(path, sizeof(path), "%s%s", ZONEINFO, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	unsigned char *data = malloc(TZ_MAX_FILE);
	size_t n = 0;
	struct tz *z = NULL;
	if (!data)
		goto out;
	for (;;) {
		ssize_t r = read(fd, data + n, TZ_MAX_FILE - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n == TZ_MAX_FILE)
			goto out;
	}
	z = tz_parse(data, n);
out:
	free(data);
	close(fd);
	return z;
}

const struct tz *tz_get(const char *name)
{
	if (!name || !name_ok(name))
		return NULL;
	const struct tz *found = NULL;
	pthread_mutex_lock(&cache_lock);
	for (struct tz_entry *e = cache; e; e = e->next)
		if (strcmp(e->name, name) == 0) {
			found = e->z;
			goto out;
		}
	/* loading under the lock: a few reads, once per zone for the process */
	struct tz *z = load(name);
	if (cache_n < TZ_CACHE_MAX || z) {
		struct tz_entry *e = calloc(1, sizeof(*e));
		if (e) {
			e->z = z;
			snprintf(e->name, sizeof(e->name), "%s", name);
			e->next = cache;
			cache = e;
			cache_n++;
			z = NULL;
			found = e->z;
		}
	}
	if (z) { /* could not cache it: nobody would free it */
		tz_free(z);
	}
out:
	pthread_mutex_unlock(&cache_lock);
	return found;
}
