/* test_people.c: phone normalisation, Spanish name sound keys and search keys, people field rules.
 */
#include <string.h>

#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/fold.h"
#include "../../src/domain/cases/case_rules.h"
#include "../../src/domain/people/name_key.h"
#include "../../src/domain/people/people_rules.h"
#include "../../src/domain/phone.h"
#include "test.h"

static void phone_is(const char *typed, const char *country, const char *want)
{
	char out[PHONE_E164_MAX];
	int rc = phone_normalize(typed, country, out, NULL);
	if (want)
		CHECK(!rc && !strcmp(out, want), "phone '%s' (%s) -> %s (got %s)", typed, country,
		      want, rc ? "error" : out);
	else
		CHECK(rc != 0, "phone '%s' (%s) is refused", typed, country);
}

static void test_phones(void)
{
	/* every way a Colombian caller gives the same mobile */
	const char *same[] = {"300 123 4567",	    "+57 3001234567",	 "3001234567",
			      "+57 (300) 123-4567", "0057 300 123 4567", "573001234567",
			      "300.123.4567",	    "300/123/4567"};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		phone_is(same[i], "CO", "+573001234567");
	phone_is("601 555 1234", "CO", "+576015551234");
	phone_is("+1 202 555 0123", "CO", "+12025550123"); /* international wins over the country */
	phone_is("(202) 555-0123", "US", "+12025550123");
	phone_is("1 202 555 0123", "US", "+12025550123"); /* the trunk 1 */
	phone_is("011 2345 6789", "AR", "+541123456789"); /* trunk 0 dropped */
	phone_is("91 123 45 67", "ES", "+34911234567");
	phone_is("55 1234 5678", "MX", "+525512345678");
	phone_is("+44 20 7946 0958", "CO", "+442079460958");
	phone_is("+999 1234 5678", "CO", "+99912345678"); /* a code we do not list: length only */
	phone_is("12", "CO", NULL);
	phone_is("30012345", "CO", NULL);	    /* too short for Colombia */
	phone_is("300 123 4567 ext 2", "CO", NULL); /* letters */
	phone_is("3001234567", NULL, NULL);	    /* national without a country */
	phone_is("3001234567", "ZZ", NULL);
	phone_is("+57 300 123 45", "CO", NULL); /* wrong length for +57 */
	phone_is("+0 300 123 4567", "CO", NULL);
	phone_is("+1234567890123456", "CO", NULL); /* more than 15 digits */
	phone_is("3+001234567", "CO", NULL);	   /* a + in the middle */
	phone_is("", "CO", NULL);
	phone_is("0000000000", "CO", NULL);
	char longer[64];
	memset(longer, '1', sizeof(longer) - 1);
	longer[63] = '\0';
	phone_is(longer, "CO", NULL);
	CHECK(phone_looks_like("+57 (300) 123-4567") && phone_looks_like("12345"),
	      "phone-like text");
	CHECK(!phone_looks_like("1234") && !phone_looks_like("ana 3001234567"), "not phone-like");
	CHECK(phone_country_known("CO") && !phone_country_known("co"),
	      "known countries are upper case");
	CHECK(!strcmp(phone_country_code("MX"), "52") && !phone_country_code("XX"),
	      "calling codes");
}

static void sound_is(const char *a, const char *b, int same)
{
	struct buf x = BUF_INIT(200), y = BUF_INIT(200);
	name_sound_key(a, strlen(a), &x);
	name_sound_key(b, strlen(b), &y);
	CHECK((strcmp(x.data, y.data) == 0) == same, "sound(%s)=%s %s sound(%s)=%s", a, x.data,
	      same ? "==" : "!=", b, y.data);
	buf_release(&x);
	buf_release(&y);
}

static void test_sound_keys(void)
{
	sound_is("gonzalez", "gonsales", 1);
	sound_is("hernandez", "ernandes", 1);
	sound_is("valentina", "balentina", 1);
	sound_is("ximena", "jimena", 1);
	sound_is("llanos", "yanos", 1);
	sound_is("quintero", "kintero", 1);
	sound_is("cecilia", "sesilia", 1);
	sound_is("guillermo", "guiyermo", 1);
	sound_is("jorge", "jorje", 1);
	sound_is("carro", "caro", 1);
	sound_is("maria", "mario", 0);
	sound_is("ana", "juana", 0);
	sound_is("lucia", "luisa", 0);
}

static void test_name_keys(void)
{
	struct arena a;
	const char **keys;
	int n;
	arena_init(&a);
	name_keys("maria jose gonzalez maria", &a, &keys, &n);
	int has_w = 0, has_p = 0, dup = 0;
	for (int i = 0; i < n; i++) {
		has_w += !strcmp(keys[i], "gonzalez");
		has_p += !strcmp(keys[i], "_gonsales");
		for (int k = 0; k < i; k++)
			dup += !strcmp(keys[i], keys[k]);
		CHECK(!strchr(keys[i], ' ') && keys[i][0], "index terms hold no space (%s)",
		      keys[i]);
	}
	CHECK(has_w == 1 && has_p == 1 && !dup,
	      "name keys: words and sound keys, each once (%d keys)", n);
	CHECK(n == 6, "three distinct words, three sound keys (%d)", n);
	name_keys("", &a, &keys, &n);
	CHECK(n == 0, "no names, no keys");
	char many[2000] = "";
	for (int i = 0; i < 40; i++)
		strncat(many,
			i % 2 ? "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz " : "x ",
			sizeof(many) - strlen(many) - 1);
	name_keys(many, &a, &keys, &n);
	int longest = 0;
	for (int i = 0; i < n; i++)
		if ((int)strlen(keys[i]) > longest)
			longest = (int)strlen(keys[i]);
	CHECK(n <= 2 * NAME_KEY_WORDS_MAX && longest <= NAME_KEY_WORD_MAX + 1 + 40,
	      "words and their length are capped (%d keys, longest %d)", n, longest);
	/* a word cut at NAME_KEY_WORD_MAX bytes is cut between characters, never inside one */
	char greek[128] = "a";
	for (int i = 0; i < 5; i++)
		strncat(greek, "\xce\xa9\xce\xbc\xce\xad\xce\xb3\xce\xb1",
			sizeof(greek) - strlen(greek) - 1);
	const char **ws;
	int nw;
	name_words(greek, &a, 4, &ws, &nw);
	CHECK(nw == 1 && strlen(ws[0]) == 39 && utf8_valid(ws[0], strlen(ws[0])),
	      "cut at a character boundary (%zu bytes)", nw ? strlen(ws[0]) : 0);
	name_keys(greek, &a, &keys, &n);
	for (int i = 0; i < n; i++)
		CHECK(utf8_valid(keys[i], strlen(keys[i])), "index term %d is valid UTF-8", i);
	/* the sound key keeps other scripts' bytes, even repeated ones (U+2082 is e2 82 82) */
	struct buf k = BUF_INIT(64);
	name_sound_key("\xe2\x82\x82\xe2\x82\x82", 6, &k);
	CHECK(k.len == 6 && utf8_valid(k.data, k.len),
	      "sound key of non-Latin text is valid UTF-8");
	buf_release(&k);
	/* a word whose sound is nothing (a silent h) has no sound key */
	name_keys("h", &a, &keys, &n);
	CHECK(n == 1 && !strcmp(keys[0], "h"), "no empty sound key (%d terms)", n);
	arena_release(&a);
}

static void test_rules(void)
{
	int64_t now = 1767225600000LL; /* 2026-01-01T00:00:00Z */
	struct buf why = BUF_INIT(200);
	CHECK(!people_date_valid("2024-02-29", now, &why), "leap day");
	CHECK(people_date_valid("2023-02-29", now, &why), "no leap day in 2023");
	CHECK(people_date_valid("2025-04-31", now, &why), "April has 30 days");
	CHECK(people_date_valid("2026-01-02", now, &why), "not in the future");
	CHECK(!people_date_valid("2026-01-01", now, &why), "today is fine");
	CHECK(people_date_valid("1899-12-31", now, &why), "not before 1900");
	CHECK(people_date_valid("1990-1-01", now, &why) &&
		  people_date_valid("1990/01/01", now, &why),
	      "only YYYY-MM-DD");
	CHECK(people_in(case_statuses, "closed") && !people_in(case_statuses, "done"),
	      "case statuses");
	CHECK(people_text_ok("a\nb", 1) && !people_text_ok("a\nb", 0) &&
		  !people_text_ok("a\x1b", 1),
	      "control characters");
	CHECK(people_key_ok("occupation_2") && !people_key_ok("Bad Key") && !people_key_ok(""),
	      "demographic field names");
	CHECK(people_demo_find("ethnicity") &&
		  people_in(people_demo_find("ethnicity")->codes, "afro") &&
		  !people_in(people_demo_find("ethnicity")->codes, "mestiza"),
	      "ethnicity is a fixed list");
	CHECK(people_demo_find("city") && !people_demo_find("city")->codes, "city is free text");
	CHECK(!people_demo_find("ocupacion") && !people_demo_find("ethnicity_other"),
	      "unknown fields");
	CHECK(people_demo_other_of("disability_other") == people_demo_find("disability") &&
		  !people_demo_other_of("city_other") && !people_demo_other_of("_other") &&
		  !people_demo_other_of("disability"),
	      "the other-text of a choice field");
	CHECK(case_year_of(now) == 2026 && case_year_of(now - 1) == 2025, "case years are UTC");
	buf_release(&why);
}

int main(void)
{
	test_phones();
	test_sound_keys();
	test_name_keys();
	test_rules();
	return test_done();
}
