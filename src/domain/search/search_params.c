/* search_params.c: which resource-search arguments are valid, and what each one asks for. */
#include "domain/search/search_params.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/geo.h"
#include "domain/resources/schedule.h"
#include "core/banned.h"

int search_postal_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 3 || n > 10)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == ' '))
			return 0;
	return 1;
}

int search_number(const char *s, double lo, double hi, double *ret)
{
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (!*s || *end || !(v >= lo && v <= hi))
		return -1;
	*ret = v;
	return 1;
}

/* a whole number in [lo, hi]: 0 absent, 1 set, -1 bad */
static int whole(const char *s, int lo, int hi, int *ret)
{
	double v;
	int r = search_number(s, lo, hi, &v);
	if (r > 0 && v != floor(v))
		return -1;
	if (r > 0)
		*ret = (int)v;
	return r;
}

static int country_ok(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* the last SEARCH_PHONE_TAIL digits of phone into tail; the refusal when it is not a phone */
static enum search_refusal phone_tail(const char *phone, char *tail)
{
	char d[24];
	size_t n = 0;
	for (const char *s = phone; *s; s++) {
		if (*s >= '0' && *s <= '9' && n < 20)
			d[n++] = *s;
		else if (!strchr(" +-().", *s))
			return SEARCH_REFUSE_PHONE_CHARS;
	}
	if (n < SEARCH_PHONE_TAIL)
		return SEARCH_REFUSE_PHONE_SHORT;
	memcpy(tail, d + n - SEARCH_PHONE_TAIL, SEARCH_PHONE_TAIL);
	tail[SEARCH_PHONE_TAIL] = 0;
	return SEARCH_REFUSE_NONE;
}

/* the first argument in, in refusal order, that is wrong; ret filled up to it */
static enum search_refusal check(const struct search_args *in, struct search_params *p)
{
	enum search_refusal r;
	p->near = in->near;
	if (p->near && (!*p->near || !search_postal_ok(p->near)))
		return SEARCH_REFUSE_NEAR;
	p->country = in->country;
	if (p->country && !country_ok(p->country))
		return SEARCH_REFUSE_COUNTRY;
	int la = search_number(in->lat, -90, 90, &p->lat),
	    lo = search_number(in->lon, -180, 180, &p->lon);
	if (la < 0 || lo < 0 || la != lo)
		return SEARCH_REFUSE_POINT;
	p->has_point = la == 1;
	int rk = search_number(in->radius_km, 0.1, 2000, &p->radius_km);
	if (rk < 0)
		return SEARCH_REFUSE_RADIUS;
	p->radius_set = rk == 1;
	/* no blank or control character: the entry's list of terms is separated by spaces */
	p->term_id = in->category;
	if (p->term_id &&
	    (!*p->term_id || strlen(p->term_id) > 64 || strpbrk(p->term_id, " \t\r\n\v\f")))
		return SEARCH_REFUSE_CATEGORY;
	p->serves_code = in->serves;
	if (p->serves_code && !search_postal_ok(p->serves_code))
		return SEARCH_REFUSE_SERVES;
	p->serves_only = in->serves_only && !strcmp(in->serves_only, "1");
	p->area_key = in->area;
	if (p->area_key && (strlen(p->area_key) > 200 || strncmp(p->area_key, "n:", 2) ||
			    !utf8_valid(p->area_key, strlen(p->area_key))))
		return SEARCH_REFUSE_AREA;
	if (in->phone && (r = phone_tail(in->phone, p->phone_tail)))
		return r;
	p->open_now = in->open_now && !strcmp(in->open_now, "1");
	if (in->open_at) {
		if (sched_parse_local(in->open_at, &p->open_at))
			return SEARCH_REFUSE_OPEN_AT;
		p->has_open_at = 1;
	}
	p->limit = SEARCH_LIMIT_DEFAULT;
	if (whole(in->limit, 1, SEARCH_LIMIT_MAX, &p->limit) < 0)
		return SEARCH_REFUSE_LIMIT;
	if (whole(in->offset, 0, SEARCH_CAND_MAX - 1, &p->offset) < 0)
		return SEARCH_REFUSE_OFFSET;
	if (in->unit && strcmp(in->unit, "km") && strcmp(in->unit, "mi"))
		return SEARCH_REFUSE_UNIT;
	p->miles = in->unit ? !strcmp(in->unit, "mi") : geo_locale_miles(in->language);
	/* only the services that serve the caller's area needs an area */
	if (p->serves_only && !p->serves_code && !p->near)
		return SEARCH_REFUSE_SERVES_ONLY;
	return SEARCH_REFUSE_NONE;
}

int search_params_check(const struct search_args *in, struct search_params *ret, struct buf *why)
{
	static const char *const sentences[] = {
	    [SEARCH_REFUSE_NEAR] = "near must be a postal code",
	    [SEARCH_REFUSE_COUNTRY] = "country is an ISO 3166 code such as CO or US",
	    [SEARCH_REFUSE_POINT] = "lat and lon go together, in decimal degrees",
	    [SEARCH_REFUSE_RADIUS] = "radius_km is from 0.1 to 2000",
	    [SEARCH_REFUSE_CATEGORY] = "category is a taxonomy term id",
	    [SEARCH_REFUSE_SERVES] = "serves must be a postal code",
	    [SEARCH_REFUSE_AREA] = "area is a service-area key from /search/filters",
	    [SEARCH_REFUSE_PHONE_CHARS] = "phone holds digits, spaces, + - ( ) .",
	    [SEARCH_REFUSE_PHONE_SHORT] = "phone needs at least 7 digits",
	    [SEARCH_REFUSE_OPEN_AT] = "open_at is a local time YYYY-MM-DDTHH:MM",
	    [SEARCH_REFUSE_LIMIT] = "limit is from 1 to 25",
	    [SEARCH_REFUSE_OFFSET] = "offset is from 0 to 999",
	    [SEARCH_REFUSE_UNIT] = "unit is km or mi",
	    [SEARCH_REFUSE_SERVES_ONLY] = "serves_only needs serves or near",
	};
	memset(ret, 0, sizeof(*ret));
	ret->refusal = check(in, ret);
	if (ret->refusal == SEARCH_REFUSE_NONE)
		return 0;
	if (why)
		buf_puts(why, sentences[ret->refusal]);
	return ERR_INVALID;
}
