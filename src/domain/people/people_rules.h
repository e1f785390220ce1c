/* people_rules.h: the allowed values and field rules of profiles; the year of a case number. */
#ifndef FARO_PEOPLE_RULES_H
#define FARO_PEOPLE_RULES_H

#include <stdint.h>

struct buf;

/* NULL-ended lists of the values each field accepts (stable codes; the interface translates them)
 */
extern const char *const people_phone_types[];
extern const char *const people_genders[];
extern const char *const people_age_ranges[];
extern const char *const people_flags[];

/* a demographic field: its stable key and its choices (NULL: free text) */
struct people_demo_field {
	const char *key;
	const char *const *codes;
};
/* the organisation's demographic fields, ended by {NULL, NULL} */
extern const struct people_demo_field people_demo_fields[];
/* people_demo_find: the field named key, or NULL. */
const struct people_demo_field *people_demo_find(const char *key);
/* people_demo_other_of: for "<field>_other", the choice field whose "other" it details; else NULL.
 */
const struct people_demo_field *people_demo_other_of(const char *key);

/* people_in: 1 when s is one of list. */
int people_in(const char *const *list, const char *s);
/*
 * people_date_valid: 0 when s is a real calendar date YYYY-MM-DD between
 * 1900-01-01 and the UTC day of now_ms; else ERR_INVALID with why.
 */
int people_date_valid(const char *s, int64_t now_ms, struct buf *why);
/* people_text_ok: 1 when s has no control characters (newlines and tabs too when multiline). */
int people_text_ok(const char *s, int multiline);
/* people_key_ok: 1 when s is 1-40 of [a-z0-9_] (demographic field names). */
int people_key_ok(const char *s);
/* case_year_of: the UTC calendar year of ms (case numbers restart each year). */
int case_year_of(int64_t ms);

#endif
