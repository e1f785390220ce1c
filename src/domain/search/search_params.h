/*
 * search_params.h: the request rules of resource search (GET
 * /api/v1/search/resources): which query arguments are valid and what they
 * mean, from raw text to a checked struct; no I/O. The keywords (q) are
 * split by the index's own tokenizer and are the caller's.
 */
#ifndef FARO_SEARCH_PARAMS_H
#define FARO_SEARCH_PARAMS_H

#include <stdint.h>

#include "domain/tz.h"

struct buf;

#define SEARCH_Q_MAX	     200  /* bytes of q */
#define SEARCH_WORDS_MAX     8	  /* keywords looked for */
#define SEARCH_CAND_MAX	     1000 /* candidates ranked and counted per search */
#define SEARCH_LIMIT_DEFAULT 10	  /* results in a page */
#define SEARCH_LIMIT_MAX     25	  /* results in a page at most */
#define SEARCH_PHONE_TAIL    7	  /* the digits of a phone number that are compared */

/* the query arguments as given (NULL: absent) */
struct search_args {
	const char *near, *country, *lat, *lon, *radius_km, *category, *serves, *serves_only, *area,
	    *phone, *open_now, *open_at, *limit, *offset, *unit;
	const char *language; /* the signed-in user's language, for the unit; may be NULL */
};

/* which argument was refused (each names the argument the 400 names) */
enum search_refusal {
	SEARCH_REFUSE_NONE,
	SEARCH_REFUSE_NEAR,
	SEARCH_REFUSE_COUNTRY,
	SEARCH_REFUSE_POINT, /* lat and lon */
	SEARCH_REFUSE_RADIUS,
	SEARCH_REFUSE_CATEGORY,
	SEARCH_REFUSE_SERVES,
	SEARCH_REFUSE_AREA,
	SEARCH_REFUSE_PHONE_CHARS,
	SEARCH_REFUSE_PHONE_SHORT,
	SEARCH_REFUSE_OPEN_AT,
	SEARCH_REFUSE_LIMIT,
	SEARCH_REFUSE_OFFSET,
	SEARCH_REFUSE_UNIT,
	SEARCH_REFUSE_SERVES_ONLY, /* serves_only without serves or near */
};

/* the arguments checked */
struct search_params {
	enum search_refusal refusal;
	const char *near, *country, *serves_code, *term_id, *area_key; /* NULL: not given */
	int has_point;						       /* lat and lon given */
	double lat, lon;
	int radius_set;
	double radius_km;
	int serves_only;
	char phone_tail[SEARCH_PHONE_TAIL + 1]; /* "" when no phone was given */
	int open_now, has_open_at;
	struct tz_local open_at;
	int limit, offset;
	int miles; /* distances shown in miles */
};

/*
 * search_params_check: the arguments of a search in, checked, into *ret;
 * the first one that is wrong (in the order of struct search_refusal)
 * refuses the search: ERR_INVALID with ret->refusal and a sentence in why
 * (may be NULL).
 */
int search_params_check(const struct search_args *in, struct search_params *ret, struct buf *why);

/* search_postal_ok: 1 for a postal code: 3 to 10 ASCII letters, digits, '-' or ' '. */
int search_postal_ok(const char *s);
/*
 * search_number: s as a decimal number in [lo, hi] into *ret: 0 when s is
 * NULL (absent), 1 when set, -1 when it is not a number in range.
 */
int search_number(const char *s, double lo, double hi, double *ret);

#endif
