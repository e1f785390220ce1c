/* people_rules.c: allowed values and field rules of profiles and cases. */
#include "domain/people/people_rules.h"

#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

const char *const people_phone_types[] = {"mobile", "home", "work", "other", NULL};
const char *const people_genders[] = {"female", "male", "non_binary", "other", "undisclosed", NULL};
const char *const people_age_ranges[] = {"0-12",  "13-17", "18-25", "26-35",
					 "36-45", "46-59", "60+",   NULL};
const char *const people_flags[] = {"do_not_call", "repeat_caller",	 "minor",
				    "safety_risk", "interpreter_needed", NULL};

/*
 * The demographics a helpline records (Colombian practice, where seed 000's
 * line works: DANE's ethnic groups, the disability categories of Resolución
 * 113/2020, migrant status). Every list has "other" (its text goes in
 * <field>_other) and "undisclosed" (the caller prefers not to say).
 */
static const char *const demo_ethnicity[] = {
    "indigenous", "afro", "raizal", "palenquero", "rrom", "none", "other", "undisclosed", NULL};
static const char *const demo_disability[] = {
    "none",	    "physical", "hearing", "visual",	  "deafblind", "intellectual",
    "psychosocial", "multiple", "other",   "undisclosed", NULL};
static const char *const demo_migrant[] = {"national", "regular_migrant", "irregular_migrant",
					   "refugee",  "returnee",	  "in_transit",
					   "other",    "undisclosed",	  NULL};
static const char *const demo_orientation[] = {"heterosexual", "lesbian",     "gay", "bisexual",
					       "other",	       "undisclosed", NULL};
static const char *const demo_marital[] = {"single",	"married",     "cohabiting",
					   "separated", "divorced",    "widowed",
					   "other",	"undisclosed", NULL};
static const char *const demo_education[] = {"none",	  "primary",	 "secondary",
					     "technical", "university",	 "postgraduate",
					     "other",	  "undisclosed", NULL};
static const char *const demo_occupation[] = {"employed", "self_employed", "unemployed",
					      "student",  "homemaker",	   "retired",
					      "other",	  "undisclosed",   NULL};

const struct people_demo_field people_demo_fields[] = {
    {"ethnicity", demo_ethnicity},
    {"disability", demo_disability},
    {"migrant_status", demo_migrant},
    {"sexual_orientation", demo_orientation},
    {"marital_status", demo_marital},
    {"education", demo_education},
    {"occupation", demo_occupation},
    {"city", NULL},
    {"other_info", NULL},
    {NULL, NULL},
};

const struct people_demo_field *people_demo_find(const char *key)
{
	for (const struct people_demo_field *f = people_demo_fields; f->key; f++)
		if (!strcmp(f->key, key))
			return f;
	return NULL;
}

const struct people_demo_field *people_demo_other_of(const char *key)
{
	size_t n = strlen(key);
	if (n <= 6 || strcmp(key + n - 6, "_other"))
		return NULL;
	for (const struct people_demo_field *f = people_demo_fields; f->key; f++)
		if (f->codes && strlen(f->key) == n - 6 && !strncmp(f->key, key, n - 6))
			return f;
	return NULL;
}

int people_in(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

int people_date_valid(const char *s, int64_t now_ms, struct buf *why)
{
	int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
	for (int i = 0; ok && i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			ok = 0;
	if (!ok) {
		buf_puts(why, "the date must be written YYYY-MM-DD");
		return ERR_INVALID;
	}
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
		buf_puts(why, "that day does not exist");
		return ERR_INVALID;
	}
	time_t now = (time_t)(now_ms / 1000);
	struct tm tm;
	gmtime_r(&now, &tm);
	int today = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	int day = y * 10000 + m * 100 + d;
	if (y < 1900 || day > today) {
		buf_puts(why, "the date must be between 1900 and today");
		return ERR_INVALID;
	}
	return 0;
}

int people_text_ok(const char *s, int multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (multiline && (*p == '\n' || *p == '\t' || *p == '\r'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	}
	return 1;
}

int people_key_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

int case_year_of(int64_t ms)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}
