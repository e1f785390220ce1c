/* hsds_validate.c: field formats of the HSDS descriptors plus the rules between fields (see
 * hsds_validate.h). */
#include "domain/resources/hsds_validate.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "domain/resources/hsds_schema.h"
#include "domain/validate.h"
#include "core/banned.h"

struct issues {
	struct hsds_issue *out;
	int max, n;
};

__attribute__((format(printf, 4, 5))) static void add(struct issues *is, int field,
						      const char *code, const char *fmt, ...)
{
	if (is->n < is->max) {
		struct hsds_issue *x = &is->out[is->n];
		va_list ap;
		x->field = field;
		x->code = code;
		va_start(ap, fmt);
		vsnprintf(x->message, sizeof(x->message), fmt, ap);
		va_end(ap);
	}
	is->n++;
}

int hsds_valid_uuid(const char *s)
{
	static const int dash[] = {8, 13, 18, 23};
	if (strlen(s) != 36)
		return 0;
	for (int i = 0, d = 0; i < 36; i++) {
		if (d < 4 && i == dash[d]) {
			if (s[i] != '-')
				return 0;
			d++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	return 1;
}

int hsds_number(const char *s, double *ret)
{
	char *end;
	if (!*s || isspace((unsigned char)*s) || strlen(s) > 40)
		return -1;
	for (const char *p = s; *p; p++) /* decimal only: no hex, inf or nan spellings */
		if (!strchr("0123456789+-.eE", *p))
			return -1;
	double v = strtod(s, &end);
	if (*end || !isfinite(v))
		return -1;
	*ret = v;
	return 0;
}

static int digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* YYYY-MM-DD of a real calendar day; returns the length read (10) or 0 */
static int date_len(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
	    !digits(s + 8, 2))
		return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 0;
	return 10;
}

int hsds_time_seconds(const char *s)
{
	if (!digits(s, 2) || s[2] != ':' || !digits(s + 3, 2))
		return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0'), sec = 0;
	const char *p = s + 5;
	if (*p == ':') {
		if (!digits(p + 1, 2))
			return -1;
		sec = (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
		if (*p == '.') {
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p))
				p++;
		}
	}
	if ((h > 23 && !(h == 24 && m == 0 && sec == 0)) || m > 59 || sec > 59)
		return -1; /* 24:00 is the end of the day (closes_at) */
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		if (!digits(p + 1, 2) || p[3] != ':' || !digits(p + 4, 2) ||
		    (p[1] - '0') * 10 + (p[2] - '0') > 14 || (p[4] - '0') * 10 + (p[5] - '0') > 59)
			return -1;
		p += 6;
	}
	return *p ? -1 : h * 3600 + m * 60 + sec;
}

static int valid_uri(const char *s)
{
	/* scheme ":" then something, no white space or controls (RFC 3986's outline) */
	if (!isalpha((unsigned char)*s))
		return 0;
	const char *p = s;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || !p[1])
		return 0;
	if ((!strncmp(s, "http:", 5) || !strncmp(s, "https:", 6)) &&
	    strncmp(strchr(s, ':'), "://", 3))
		return 0;
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>')
			return 0;
	return 1;
}

/* a number people can dial: digits with the usual separators, 3 to 20 digits */
static int valid_phone(const char *s)
{
	int nd = 0;
	if (strlen(s) > 40)
		return 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			nd++;
		else if (!strchr(" +()-./", *p) || (*p == '+' && p != s))
			return 0;
	}
	return nd >= 3 && nd <= 20;
}

static int in_enum(const char *const *e, const char *v)
{
	for (; *e; e++)
		if (!strcmp(*e, v))
			return 1;
	return 0;
}

static void check_field(struct issues *is, int t, int i, const char *v)
{
	const struct hsds_field *f = &hsds_tables[t].fields[i];
	struct buf why = BUF_INIT(160);
	double d;
	size_t n = strlen(v);
	if (n > HSDS_TEXT_MAX || !utf8_valid(v, n)) {
		add(is, i, "invalid_text", "%s must be UTF-8 text of at most %d bytes", f->name,
		    HSDS_TEXT_MAX);
		return;
	}
	switch (f->type) {
	case HT_UUID:
		if (!hsds_valid_uuid(v))
			add(is, i, "invalid_uuid",
			    "%s must be a UUID (8-4-4-4-12 hexadecimal digits)", f->name);
		break;
	case HT_EMAIL:
		if (validate_email(v, &why))
			add(is, i, "invalid_email", "%s is not an email address", f->name);
		break;
	case HT_URI:
		if (!valid_uri(v))
			add(is, i, "invalid_uri", "%s must be a URL such as https://example.org",
			    f->name);
		break;
	case HT_NUMBER:
		if (hsds_number(v, &d))
			add(is, i, "invalid_number", "%s must be a number", f->name);
		break;
	case HT_DATE:
		if (date_len(v) != 10 || v[10])
			add(is, i, "invalid_date", "%s must be a date YYYY-MM-DD", f->name);
		break;
	case HT_TIME:
		if (hsds_time_seconds(v) < 0)
			add(is, i, "invalid_time",
			    "%s must be a time HH:MM or HH:MM:SS (00:00 to 24:00)", f->name);
		break;
	case HT_DATETIME:
		if (date_len(v) != 10 || (v[10] != 'T' && v[10] != 't' && v[10] != ' ') ||
		    hsds_time_seconds(v + 11) < 0)
			add(is, i, "invalid_datetime",
			    "%s must be a date and time YYYY-MM-DDTHH:MM:SSZ", f->name);
		break;
	case HT_STRING:
		if (f->enums && !in_enum(f->enums, v)) {
			char list[120] = "";
			size_t k = 0;
			for (const char *const *e = f->enums; *e && k < sizeof(list); e++)
				k += (size_t)snprintf(list + k, sizeof(list) - k, "%s%s",
						      e == f->enums ? "" : ", ", *e);
			add(is, i, "invalid_value", "%s must be one of: %s", f->name, list);
		}
		break;
	}
	buf_release(&why);
}

static const char *val(const char *const *vals, int t, const char *name)
{
	int i = hsds_field_find(t, name);
	return i >= 0 && vals[i] && *vals[i] ? vals[i] : NULL;
}

/* a comma list where each item passes ok() */
static int list_ok(const char *s, int (*ok)(const char *item, size_t n))
{
	while (*s) {
		const char *c = strchr(s, ',');
		size_t n = c ? (size_t)(c - s) : strlen(s);
		if (!ok(s, n))
			return 0;
		s += n + (c ? 1 : 0);
		if (c && !*s)
			return 0;
	}
	return 1;
}

static int byday_ok(const char *s, size_t n)
{
	static const char *const days[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	size_t k = 0;
	if (k < n && (s[k] == '+' || s[k] == '-'))
		k++;
	while (k < n && isdigit((unsigned char)s[k]))
		k++;
	if (n - k != 2)
		return 0;
	for (int i = 0; i < 7; i++)
		if (!strncmp(s + k, days[i], 2))
			return 1;
	return 0;
}

static int int_item_ok(const char *s, size_t n, int lo, int hi)
{
	char tmp[8];
	char *end;
	if (!n || n >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	long v = strtol(tmp, &end, 10);
	return !*end && v >= lo && v <= hi && v != 0;
}
static int monthday_ok(const char *s, size_t n)
{
	return int_item_ok(s, n, -31, 31);
}
static int weekno_ok(const char *s, size_t n)
{
	return int_item_ok(s, n, -53, 53);
}
static int yearday_ok(const char *s, size_t n)
{
	return int_item_ok(s, n, -366, 366);
}

static void check_range(struct issues *is, int t, const char *const *vals, const char *name,
			double lo, double hi)
{
	double d;
	const char *v = val(vals, t, name);
	if (v && !hsds_number(v, &d) && (d < lo || d > hi))
		add(is, hsds_field_find(t, name), "out_of_range", "%s must be from %g to %g", name,
		    lo, hi);
}

static void check_schedule(struct issues *is, int t, const char *const *vals)
{
	const char *o = val(vals, t, "opens_at"), *c = val(vals, t, "closes_at");
	const char *from = val(vals, t, "valid_from"), *to = val(vals, t, "valid_to");
	int os = o ? hsds_time_seconds(o) : -1, cs = c ? hsds_time_seconds(c) : -1;
	/* closes_at before opens_at is a night that ends the next day (19:00 to 07:00) */
	if (os >= 0 && cs >= 0 && (cs == os || (os == 0 && cs == 0)))
		add(is, hsds_field_find(t, "closes_at"), "invalid_schedule",
		    "closes_at (%s) must differ from opens_at (%s)", c, o);
	if (os == 86400)
		add(is, hsds_field_find(t, "opens_at"), "invalid_schedule",
		    "opens_at cannot be 24:00; use 00:00");
	if ((o && !c) || (!o && c))
		add(is, hsds_field_find(t, o ? "closes_at" : "opens_at"), "invalid_schedule",
		    "opens_at and closes_at go together");
	if (from && to && date_len(from) == 10 && date_len(to) == 10 && strcmp(to, from) < 0)
		add(is, hsds_field_find(t, "valid_to"), "invalid_schedule",
		    "valid_to must not be before valid_from");
	const char *bd = val(vals, t, "byday"), *bm = val(vals, t, "bymonthday");
	const char *bw = val(vals, t, "byweekno"), *by = val(vals, t, "byyearday");
	if (bd && !list_ok(bd, byday_ok))
		add(is, hsds_field_find(t, "byday"), "invalid_schedule",
		    "byday must list days as MO,TU,WE,TH,FR,SA,SU (optionally numbered: 1MO, "
		    "-1FR)");
	if (bm && !list_ok(bm, monthday_ok))
		add(is, hsds_field_find(t, "bymonthday"), "invalid_schedule",
		    "bymonthday must list days of the month (1 to 31, or -31 to -1)");
	if (bw && !list_ok(bw, weekno_ok))
		add(is, hsds_field_find(t, "byweekno"), "invalid_schedule",
		    "byweekno must list week numbers (1 to 53, or -53 to -1)");
	if (by && !list_ok(by, yearday_ok))
		add(is, hsds_field_find(t, "byyearday"), "invalid_schedule",
		    "byyearday must list days of the year (1 to 366, or -366 to -1)");
	check_range(is, t, vals, "interval", 1, 1000);
	check_range(is, t, vals, "count", 1, 100000);
	check_range(is, t, vals, "timezone", -14, 14);
}

int hsds_check_row(int t, const char *const *vals, struct hsds_issue *out, int max)
{
	struct issues is = {out, max, 0};
	const struct hsds_table *tb = &hsds_tables[t];
	for (int i = 0; i < tb->nfields; i++) {
		const char *v = vals[i];
		if (!v || !*v) {
			if (tb->fields[i].required)
				add(&is, i, "required", "%s is required", tb->fields[i].name);
			continue;
		}
		check_field(&is, t, i, v);
	}
	int before = is.n;
	if (before) /* rules between fields only make sense on well-formed fields */
		return is.n;
	switch (t) {
	case HSDS_LOCATION:
		check_range(&is, t, vals, "latitude", -90, 90);
		check_range(&is, t, vals, "longitude", -180, 180);
		if (!val(vals, t, "latitude") != !val(vals, t, "longitude"))
			add(&is,
			    hsds_field_find(t, val(vals, t, "latitude") ? "longitude" : "latitude"),
			    "required", "latitude and longitude go together");
		break;
	case HSDS_PHONE:
		if (!valid_phone(val(vals, t, "number")))
			add(&is, hsds_field_find(t, "number"), "invalid_phone",
			    "number must be a phone number: digits, spaces and + ( ) - . only");
		check_range(&is, t, vals, "extension", 0, 1e9);
		break;
	case HSDS_SCHEDULE:
		check_schedule(&is, t, vals);
		break;
	case HSDS_SERVICE: {
		double lo, hi;
		const char *a = val(vals, t, "minimum_age"), *b = val(vals, t, "maximum_age");
		check_range(&is, t, vals, "minimum_age", 0, 150);
		check_range(&is, t, vals, "maximum_age", 0, 150);
		if (a && b && !hsds_number(a, &lo) && !hsds_number(b, &hi) && hi < lo)
			add(&is, hsds_field_find(t, "maximum_age"), "out_of_range",
			    "maximum_age must not be below minimum_age");
		break;
	}
	case HSDS_ORGANIZATION:
		check_range(&is, t, vals, "year_incorporated", 1000, 3000);
		break;
	default:
		break;
	}
	return is.n;
}
