/* test_search_rank.c: search arguments, open now / at, which hits stay, score, order, pages. */
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/err.h"
#include "../../src/domain/resources/schedule.h"
#include "../../src/domain/search/search_hours.h"
#include "../../src/domain/search/search_params.h"
#include "../../src/domain/search/search_rank.h"
#include "test.h"

static enum search_refusal refused(const struct search_args *in)
{
	struct search_params p;
	search_params_check(in, &p, NULL);
	return p.refusal;
}

static void test_params(void)
{
	struct search_params p;
	struct search_args none = {0};
	CHECK(!search_params_check(&none, &p, NULL) && p.limit == SEARCH_LIMIT_DEFAULT &&
		  !p.offset && !p.has_point && !p.radius_set && !*p.phone_tail && !p.miles &&
		  !p.open_now && !p.has_open_at,
	      "no arguments: the defaults");
	struct search_args all = {.near = "050001",
				  .country = "CO",
				  .lat = "6.25",
				  .lon = "-75.56",
				  .radius_km = "5",
				  .category = "t-1",
				  .serves = "050001",
				  .serves_only = "1",
				  .area = "n:medellin",
				  .phone = "+57 (604) 444-5555",
				  .open_now = "1",
				  .open_at = "2026-12-07T21:30",
				  .limit = "25",
				  .offset = "999",
				  .unit = "mi"};
	CHECK(!search_params_check(&all, &p, NULL) && p.has_point && p.lat == 6.25 &&
		  p.lon == -75.56 && p.radius_set && p.radius_km == 5 &&
		  !strcmp(p.term_id, "t-1") && p.serves_only && !strcmp(p.area_key, "n:medellin") &&
		  !strcmp(p.phone_tail, "4445555") && p.open_now && p.has_open_at &&
		  p.open_at.sec_of_day == 21 * 3600 + 1800 && p.limit == 25 && p.offset == 999 &&
		  p.miles,
	      "every argument");
	struct search_args en = {.language = "en-US"}, es = {.language = "es-CO"},
			   km = {.language = "en-US", .unit = "km"};
	CHECK(!search_params_check(&en, &p, NULL) && p.miles, "miles for en-US");
	CHECK(!search_params_check(&es, &p, NULL) && !p.miles, "km for es-CO");
	CHECK(!search_params_check(&km, &p, NULL) && !p.miles, "the unit given wins");

	struct {
		struct search_args a;
		enum search_refusal want;
		const char *what;
	} bad[] = {
	    {{.near = ""}, SEARCH_REFUSE_NEAR, "near empty"},
	    {{.near = "<x>"}, SEARCH_REFUSE_NEAR, "near not a postal code"},
	    {{.country = "co"}, SEARCH_REFUSE_COUNTRY, "country lower case"},
	    {{.country = "COL"}, SEARCH_REFUSE_COUNTRY, "country of three"},
	    {{.lat = "4"}, SEARCH_REFUSE_POINT, "lat without lon"},
	    {{.lat = "91", .lon = "0"}, SEARCH_REFUSE_POINT, "lat out of range"},
	    {{.lat = "4", .lon = "x"}, SEARCH_REFUSE_POINT, "lon not a number"},
	    {{.radius_km = "0"}, SEARCH_REFUSE_RADIUS, "radius 0"},
	    {{.radius_km = "2000.5"}, SEARCH_REFUSE_RADIUS, "radius too wide"},
	    {{.category = ""}, SEARCH_REFUSE_CATEGORY, "category empty"},
	    {{.category = "a b"}, SEARCH_REFUSE_CATEGORY, "category with a blank"},
	    {{.serves = "1"}, SEARCH_REFUSE_SERVES, "serves too short"},
	    {{.area = "westside"}, SEARCH_REFUSE_AREA, "area without n:"},
	    {{.area = "n:\xff"}, SEARCH_REFUSE_AREA, "area not UTF-8"},
	    {{.phone = "call 3001234567"}, SEARCH_REFUSE_PHONE_CHARS, "phone with letters"},
	    {{.phone = "12-34-56"}, SEARCH_REFUSE_PHONE_SHORT, "phone of 6 digits"},
	    {{.open_at = "tomorrow"}, SEARCH_REFUSE_OPEN_AT, "open_at not a time"},
	    {{.limit = "0"}, SEARCH_REFUSE_LIMIT, "limit 0"},
	    {{.limit = "26"}, SEARCH_REFUSE_LIMIT, "limit 26"},
	    {{.limit = "2.5"}, SEARCH_REFUSE_LIMIT, "limit not whole"},
	    {{.offset = "1000"}, SEARCH_REFUSE_OFFSET, "offset 1000"},
	    {{.offset = "-1"}, SEARCH_REFUSE_OFFSET, "offset negative"},
	    {{.unit = "ft"}, SEARCH_REFUSE_UNIT, "unit ft"},
	    {{.serves_only = "1"}, SEARCH_REFUSE_SERVES_ONLY, "serves_only alone"},
	    {{.near = "x", .unit = "ft"}, SEARCH_REFUSE_NEAR, "the first wrong one is named"},
	    {{.serves_only = "1", .limit = "0"},
	     SEARCH_REFUSE_LIMIT,
	     "serves_only is checked last"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(refused(&bad[i].a) == bad[i].want, "refused: %s", bad[i].what);
	struct search_args ok_serves = {.serves_only = "1", .near = "050001"},
			   not_one = {.serves_only = "yes"};
	CHECK(refused(&ok_serves) == SEARCH_REFUSE_NONE && refused(&not_one) == SEARCH_REFUSE_NONE,
	      "serves_only with near; anything but 1 is off");
	struct buf why = BUF_INIT(64);
	struct search_args ft = {.unit = "ft"};
	CHECK(search_params_check(&ft, &p, &why) == ERR_INVALID &&
		  !strcmp(why.data, "unit is km or mi"),
	      "the reason (%s)", why.data);
	buf_release(&why);
	CHECK(search_postal_ok("050001") && search_postal_ok("SW1A 1AA") &&
		  search_postal_ok("K1A-0B1") && !search_postal_ok("12") &&
		  !search_postal_ok("12345678901") && !search_postal_ok("05_01"),
	      "postal codes");
	double v = 0;
	CHECK(search_number(NULL, 0, 1, &v) == 0 && search_number("0.5", 0, 1, &v) == 1 &&
		  v == 0.5 && search_number("", 0, 1, &v) == -1 &&
		  search_number("2", 0, 1, &v) == -1 && search_number("nan", 0, 1, &v) == -1 &&
		  search_number("1x", 0, 1, &v) == -1,
	      "numbers in range");
}

static void test_open(void)
{
	struct tz_local mon10, mon21, sun10;
	sched_parse_local("2026-12-07T10:00", &mon10);
	sched_parse_local("2026-12-07T21:00", &mon21);
	sched_parse_local("2026-12-06T10:00", &sun10);
	const char *office = "WEEKLY|MO,TU,WE,TH,FR|08:00|17:00|||Oficina";
	CHECK(search_open(office, NULL, &mon10, 0) == 1 &&
		  search_open(office, NULL, &mon21, 0) == 0 &&
		  search_open(office, NULL, &sun10, 0) == 0,
	      "office hours at a local time");
	const char *two = "BOGUS|MO|08:00|17:00||\nWEEKLY|SU|09:00|12:00||";
	CHECK(search_open(two, NULL, &sun10, 0) == 1, "a line that cannot be read is skipped");
	CHECK(search_open(NULL, NULL, &mon10, 0) == -1 &&
		  search_open("", "America/Bogota", NULL, 0) == -1 &&
		  search_open("BOGUS|MO|08:00|17:00||", NULL, &mon10, 0) == -1,
	      "no hours: unknown");
	int64_t mon10_bogota = 1796655600000LL; /* 2026-12-07T15:00Z = 10:00 in Bogotá */
	CHECK(search_open(office, "America/Bogota", NULL, mon10_bogota) == 1 &&
		  search_open(office, "Asia/Tokyo", NULL, mon10_bogota) == 0,
	      "now in the entry's zone");
	CHECK(search_open(office, NULL, NULL, mon10_bogota) == -1 &&
		  search_open(office, "Nowhere/Else", NULL, mon10_bogota) == -1,
	      "now without a zone: unknown");
	char f[8];
	const char *line = "a|bb|cccccccccc";
	search_line_field(line, line + strlen(line), 1, f, sizeof(f));
	CHECK(!strcmp(f, "bb"), "a field");
	search_line_field(line, line + strlen(line), 2, f, sizeof(f));
	CHECK(!strcmp(f, "ccccccc"), "a field cut to fit");
	search_line_field(line, line + 1, 1, f, sizeof(f));
	CHECK(!strcmp(f, ""), "no such field");
}

/* forms of the keywords as the index would give them (word, stems) */
static void forms(struct search_name_forms *nf, const char *const *words, int n)
{
	memset(nf, 0, sizeof(*nf));
	nf->n = n;
	for (int i = 0; i < n; i++) {
		strncpy(nf->form[i][0], words[i], SEARCH_FORM_MAX);
		nf->nforms[i] = 1;
	}
}

static void test_name_match(void)
{
	struct search_name_forms nf;
	const char *w[] = {"salud", "mental"};
	forms(&nf, w, 2);
	CHECK(search_name_match(&nf, "salud mental comunitaria") == 1, "both words");
	CHECK(search_name_match(&nf, "centro de salud chapinero") == 0.5, "one of two");
	CHECK(search_name_match(&nf, "saludable mentalidad") == 1, "words begin with them");
	CHECK(search_name_match(&nf, "la insalud") == 0, "not inside a word");
	CHECK(search_name_match(&nf, NULL) == 0, "no name");
	strncpy(nf.form[0][1], "salu", SEARCH_FORM_MAX);
	nf.nforms[0] = 2;
	CHECK(search_name_match(&nf, "salut") == 0.5, "by a stem");
	forms(&nf, w, 0);
	CHECK(search_name_match(&nf, "salud") == 0, "no keywords");
}

static struct search_hit hit(int64_t id, double rel, int geo, double lat, double lon,
			     const char *name)
{
	return (struct search_hit){.id = id,
				   .idx = (int)id,
				   .rel = rel,
				   .has_geo = geo,
				   .lat = lat,
				   .lon = lon,
				   .hours = "WEEKLY|MO,TU,WE,TH,FR|08:00|17:00||",
				   .name_fold = name,
				   .serves = id % 2};
}

static void test_rank(void)
{
	struct search_name_forms nf;
	const char *w[] = {"refugio"};
	forms(&nf, w, 1);
	struct search_hit h[4] = {
	    hit(1, 2, 1, 6.25, -75.56, "centro refugio"), hit(2, 4, 1, 6.34, -75.56, "casa"),
	    hit(3, 1, 0, 0, 0, "refugio nocturno"), hit(4, 4, 1, 40.75, -73.85, "shelter")};
	struct search_rank_in in = {
	    .nwords = 1, .names = &nf, .has_point = 1, .lat = 6.25, .lon = -75.56, .now_ms = 0};
	struct search_rank_out out;
	search_rank_keep(&in, h, 4, &out);
	CHECK(out.n == 4 && out.serves_count == 2 && out.open_count == 0, "all kept; counted");
	CHECK(h[0].km == 0 && h[2].km == -1 && h[1].km > 9 && h[1].km < 11, "distances (%.2f km)",
	      h[1].km);
	/* 1: 2/4 + 1 + 0.5; 2: 1 + 0 + 0.5/(1+~1); 3: 1/4 + 1; 4: 1 + 0 + ~0 */
	CHECK(h[0].score == 2 && h[2].score == 1.25 && h[1].score > 1.24 && h[1].score < 1.26 &&
		  h[3].score > 1 && h[3].score < 1.01,
	      "scores %.3f %.3f %.3f %.3f", h[0].score, h[1].score, h[2].score, h[3].score);
	search_rank_order(&in, h, out.n);
	CHECK(h[0].id == 1 && h[3].id == 4, "best score first, then down");
	/* a radius drops the far ones; keeps the order found */
	struct search_hit r[4] = {hit(1, 0, 1, 6.25, -75.56, NULL),
				  hit(2, 0, 1, 6.34, -75.56, NULL), hit(3, 0, 0, 0, 0, NULL),
				  hit(4, 0, 1, 40.75, -73.85, NULL)};
	struct search_rank_in near = {
	    .has_point = 1, .lat = 6.25, .lon = -75.56, .radius_set = 1, .radius_km = 5};
	search_rank_keep(&near, r, 4, &out);
	CHECK(out.n == 2 && r[0].id == 1 && r[1].id == 3, "beyond the radius is dropped (n %d)",
	      out.n);
	struct search_hit d[3] = {hit(5, 0, 1, 40.75, -73.85, NULL),
				  hit(6, 0, 1, 6.34, -75.56, NULL),
				  hit(7, 0, 1, 6.34, -75.56, NULL)};
	near.radius_set = 0;
	search_rank_keep(&near, d, 3, &out);
	search_rank_order(&near, d, out.n);
	CHECK(d[0].id == 6 && d[1].id == 7 && d[2].id == 5, "nearest first, ties by id");
	struct search_hit f[2] = {hit(9, 0, 0, 0, 0, NULL), hit(8, 0, 0, 0, 0, NULL)};
	struct search_rank_in plain = {0};
	search_rank_keep(&plain, f, 2, &out);
	search_rank_order(&plain, f, out.n);
	CHECK(f[0].id == 9 && f[0].score == 0 && f[0].km == -1, "no keywords, no place: as found");
	/* open only */
	struct tz_local mon10, mon21;
	sched_parse_local("2026-12-07T10:00", &mon10);
	sched_parse_local("2026-12-07T21:00", &mon21);
	struct search_hit o[2] = {hit(1, 0, 0, 0, 0, NULL), hit(2, 0, 0, 0, 0, NULL)};
	o[1].hours = NULL;
	struct search_rank_in at = {.open_only = 1, .open_at = &mon10};
	search_rank_keep(&at, o, 2, &out);
	CHECK(out.n == 1 && out.open_count == 1 && o[0].id == 1 && o[0].open == 1,
	      "open at: unknown hours are dropped");
	at.open_at = &mon21;
	search_rank_keep(&at, o, 1, &out);
	CHECK(out.n == 0, "closed then");
}

static void test_rings_and_pages(void)
{
	CHECK(search_nearest_first(0, 1) && !search_nearest_first(1, 1) &&
		  !search_nearest_first(0, 0),
	      "nearest first: a place and no keywords");
	CHECK(search_widen(1, 0, 0, 10) && search_widen(1, 0, 2, 999) && !search_widen(1, 0, 3, 10),
	      "widen until the last ring");
	CHECK(!search_widen(1, 0, 0, SEARCH_CAND_MAX) && !search_widen(1, 1, 0, 0) &&
		  !search_widen(0, 0, 0, 0),
	      "not when full, with a radius, or not nearest first");
	CHECK(search_rings_km[SEARCH_RINGS - 1] == 0, "the last ring has no box");
	int from, to;
	search_page(0, 10, 25, &from, &to);
	CHECK(from == 0 && to == 10, "the first page");
	search_page(20, 10, 25, &from, &to);
	CHECK(from == 20 && to == 25, "the last page is short");
	search_page(30, 10, 25, &from, &to);
	CHECK(from == 25 && to == 25, "past the end: empty");
}

int main(void)
{
	test_params();
	test_open();
	test_name_match();
	test_rank();
	test_rings_and_pages();
	return test_done();
}
