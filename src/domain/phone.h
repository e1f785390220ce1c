/* phone.h: phone numbers as callers and agents type them, normalised to E.164; no I/O. */
#ifndef FARO_PHONE_H
#define FARO_PHONE_H

#include <stddef.h>

struct buf;

#define PHONE_E164_MAX	17 /* '+', at most 15 digits, NUL */
#define PHONE_TYPED_MAX 40 /* bytes of what may be typed */

/*
 * phone_normalize: the E.164 form ("+573001234567") of typed, which may
 * carry spaces, dots, dashes, slashes and parentheses. Numbers starting
 * with '+' or "00" are international; others are national numbers of
 * default_country (ISO 3166 alpha-2, e.g. "CO"), whose trunk prefix is
 * dropped; a national number already led by the country's code without
 * '+' ("57 300 123 4567") is recognised by its length. Returns 0 with out
 * filled, or ERR_INVALID with a reason in why (may be NULL).
 */
int phone_normalize(const char *typed, const char *default_country, char out[PHONE_E164_MAX],
		    struct buf *why);
/* phone_country_known: 1 when iso2 (upper case) is a country phone_normalize knows. */
int phone_country_known(const char *iso2);
/* phone_country_iso: the i-th known country (ISO alpha-2), NULL past the last; for pickers. */
const char *phone_country_iso(size_t i);
/* phone_country_code: the calling code of iso2 ("57"), or NULL. */
const char *phone_country_code(const char *iso2);
/* phone_looks_like: 1 when s holds only phone characters and at least 5 digits (a search box hint).
 */
int phone_looks_like(const char *s);

#endif
