/*
 * phone.c: E.164 normalisation with a small table of the countries Faro's
 * helplines serve. A full numbering plan (libphonenumber) is C++ and not
 * needed to match numbers: what matters is that every way a caller gives
 * the same number yields the same string.
 */
#include "domain/phone.h"

#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

struct country {
	const char iso2[3];
	const char code[4];		/* calling code, digits */
	const char trunk[2];		/* national trunk prefix dropped in E.164, "" when none */
	unsigned char nsn_min, nsn_max; /* national significant number length */
};

/* Latin America, Spain and the usual neighbours; NANP countries share "1" */
static const struct country countries[] = {
    {"AR", "54", "0", 10, 11}, {"BO", "591", "0", 8, 8}, {"BR", "55", "0", 10, 11},
    {"CA", "1", "1", 10, 10},  {"CL", "56", "", 9, 9},	 {"CO", "57", "", 10, 10},
    {"CR", "506", "", 8, 8},   {"CU", "53", "0", 8, 8},	 {"DE", "49", "0", 6, 13},
    {"DO", "1", "1", 10, 10},  {"EC", "593", "0", 8, 9}, {"ES", "34", "", 9, 9},
    {"FR", "33", "0", 9, 9},   {"GB", "44", "0", 9, 10}, {"GT", "502", "", 8, 8},
    {"HN", "504", "", 8, 8},   {"IT", "39", "", 6, 11},	 {"MX", "52", "", 10, 10},
    {"NI", "505", "", 8, 8},   {"PA", "507", "", 7, 8},	 {"PE", "51", "0", 8, 9},
    {"PR", "1", "1", 10, 10},  {"PT", "351", "", 9, 9},	 {"PY", "595", "0", 9, 9},
    {"SV", "503", "", 8, 8},   {"US", "1", "1", 10, 10}, {"UY", "598", "0", 8, 8},
    {"VE", "58", "0", 10, 10},
};
#define NCOUNTRIES (sizeof(countries) / sizeof(countries[0]))

static const struct country *country_by_iso(const char *iso2)
{
	for (size_t i = 0; iso2 && i < NCOUNTRIES; i++)
		if (!strcmp(countries[i].iso2, iso2))
			return &countries[i];
	return NULL;
}

int phone_country_known(const char *iso2)
{
	return country_by_iso(iso2) != NULL;
}

const char *phone_country_iso(size_t i)
{
	return i < NCOUNTRIES ? countries[i].iso2 : NULL;
}

const char *phone_country_code(const char *iso2)
{
	const struct country *c = country_by_iso(iso2);
	return c ? c->code : NULL;
}

static int is_punct(char c)
{
	return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
}

/* the digits of s into d (at most cap-1), 1 when s had a leading '+'; -1 on a stray character */
static int digits_of(const char *s, char *d, size_t cap, size_t *ret_n)
{
	size_t n = 0;
	int plus = 0, seen = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= cap)
				return -1;
			d[n++] = *p;
			seen = 1;
		} else if (*p == '+' && !seen && !plus) {
			plus = 1;
		} else if (!is_punct(*p)) {
			return -1;
		}
	}
	d[n] = '\0';
	*ret_n = n;
	return plus;
}

/* the longest calling code of our table that starts d, or NULL */
static const struct country *country_by_code(const char *d)
{
	const struct country *best = NULL;
	for (size_t i = 0; i < NCOUNTRIES; i++) {
		size_t l = strlen(countries[i].code);
		if (!strncmp(d, countries[i].code, l) && (!best || l > strlen(best->code)))
			best = &countries[i];
	}
	return best;
}

static int nsn_fits(const struct country *c, size_t n)
{
	return n >= c->nsn_min && n <= c->nsn_max;
}

static int fail(struct buf *why, const char *msg)
{
	if (why)
		buf_puts(why, msg);
	return ERR_INVALID;
}

static int international(const char *d, size_t n, char out[PHONE_E164_MAX], struct buf *why)
{
	if (n < 8 || n > 15 || d[0] == '0')
		return fail(why, "the international number has the wrong length or code");
	const struct country *c = country_by_code(d);
	if (c && !nsn_fits(c, n - strlen(c->code)))
		return fail(why, "the number has the wrong length for its country");
	out[0] = '+';
	memcpy(out + 1, d, n + 1);
	return 0;
}

int phone_normalize(const char *typed, const char *default_country, char out[PHONE_E164_MAX],
		    struct buf *why)
{
	char d[PHONE_TYPED_MAX + 1];
	size_t n;
	if (!typed || strlen(typed) > PHONE_TYPED_MAX)
		return fail(why, "a phone number has at most 40 characters");
	int plus = digits_of(typed, d, sizeof(d), &n);
	if (plus < 0)
		return fail(why, "a phone number holds digits, spaces, + - . ( ) / only");
	if (plus)
		return international(d, n, out, why);
	if (n > 2 && d[0] == '0' && d[1] == '0')
		return international(d + 2, n - 2, out, why);
	const struct country *c = country_by_iso(default_country);
	if (!c)
		return fail(
		    why, "the organisation's default country is not set; type the number with +");
	const char *nsn = d;
	size_t tl = strlen(c->trunk), cl = strlen(c->code);
	if (nsn_fits(c, n) && !(tl && !strncmp(d, c->trunk, tl) && nsn_fits(c, n - tl)))
		; /* a national number as it is dialled */
	else if (tl && !strncmp(d, c->trunk, tl) && nsn_fits(c, n - tl))
		nsn += tl, n -= tl;
	else if (!strncmp(d, c->code, cl) && nsn_fits(c, n - cl))
		nsn += cl, n -= cl; /* the country code typed without '+' */
	else
		return fail(why, "the number has the wrong length for the organisation's country");
	if (nsn[0] == '0')
		return fail(why, "the national number cannot start with 0");
	size_t k = 0;
	out[k++] = '+';
	memcpy(out + k, c->code, cl);
	k += cl;
	memcpy(out + k, nsn, n);
	out[k + n] = '\0';
	return 0;
}

int phone_looks_like(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (*p != '+' && !is_punct(*p))
			return 0;
	}
	return digits >= 5;
}
