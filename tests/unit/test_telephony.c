/* test_telephony.c: the signature and its time window, event validation and the idempotency key. */
#include <string.h>

#include "../../src/core/crypto.h"
#include "../../src/core/err.h"
#include "../../src/domain/telephony/telephony_rules.h"
#include "test.h"

static void test_signature(void)
{
	/* the value python3's hmac module gives for the same key and message */
	const char *secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	const char *body = "{\"type\":\"ringing\",\"call_id\":\"c1\"}";
	char sig[TELEPHONY_SIG_HEX + 1], upper[TELEPHONY_SIG_HEX + 1];
	telephony_sign(secret, "1700000000", body, strlen(body), sig);
	CHECK(!strcmp(sig, "0bf09a23e20bc75a2756a01adafaeca1b7dfdd016a7e79ce6d17a1186fffc5fe"),
	      "HMAC-SHA256(secret text, timestamp.body) in lower-case hex");
	CHECK(telephony_verify(secret, "1700000000", body, strlen(body), sig), "its own signature");
	for (int i = 0; i <= TELEPHONY_SIG_HEX; i++)
		upper[i] = (char)(sig[i] >= 'a' && sig[i] <= 'f' ? sig[i] - 'a' + 'A' : sig[i]);
	CHECK(telephony_verify(secret, "1700000000", body, strlen(body), upper), "either case");
	CHECK(!telephony_verify(secret, "1700000001", body, strlen(body), sig),
	      "another timestamp");
	CHECK(!telephony_verify(secret, "1700000000", body, strlen(body) - 1, sig), "another body");
	CHECK(!telephony_verify("ffff", "1700000000", body, strlen(body), sig), "another secret");
	CHECK(!telephony_verify(secret, "1700000000", body, strlen(body), NULL) &&
		  !telephony_verify(secret, "1700000000", body, strlen(body), "abc"),
	      "missing or short");
}

static void test_window(void)
{
	int64_t ts;
	int64_t now = 1700000000000LL;
	CHECK(!telephony_timestamp_parse("1700000000", &ts) && ts == 1700000000, "parse");
	CHECK(telephony_timestamp_parse("", &ts) && telephony_timestamp_parse(NULL, &ts) &&
		  telephony_timestamp_parse("-5", &ts) && telephony_timestamp_parse("17e8", &ts) &&
		  telephony_timestamp_parse("1234567890123", &ts),
	      "refused timestamps");
	CHECK(telephony_window_ok(1700000000, now), "now");
	CHECK(telephony_window_ok(1700000000 - 300, now) &&
		  telephony_window_ok(1700000000 + 300, now),
	      "5 minutes either side");
	CHECK(!telephony_window_ok(1700000000 - 301, now), "stale");
	CHECK(!telephony_window_ok(1700000000 + 360, now), "future");
}

static void test_events(void)
{
	const char *f, *w;
	struct telephony_event ok = {"ringing", "c1", "3001234567", "6045551000",
				     "agent1",	NULL, NULL,	    -1};
	CHECK(!telephony_event_check(&ok, &f, &w) && !strcmp(ok.channel, "voice"),
	      "ringing; channel voice by default");
	struct telephony_event e = ok;
	e.type = "ring";
	CHECK(telephony_event_check(&e, &f, &w) == ERR_INVALID && !strcmp(f, "type"), "type");
	e = ok;
	e.channel = "fax";
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "channel"), "channel");
	e = ok;
	e.call_id = "a b";
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "call_id"), "call id without spaces");
	e = ok;
	e.from = NULL;
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "from"), "ringing needs from");
	e = ok;
	e.from = "12345678901234567890123456789012345678901";
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "from"), "from capped");
	struct telephony_event t = {"transferred", "c1", NULL, NULL, NULL, NULL, NULL, -1};
	CHECK(telephony_event_check(&t, &f, &w) && !strcmp(f, "to_agent"),
	      "transfer needs to_agent");
	t.to_agent = "102";
	CHECK(!telephony_event_check(&t, &f, &w), "transfer");
	e = ok;
	e.to_agent = "102";
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "to_agent"),
	      "to_agent on a transfer only");
	struct telephony_event end = {"ended", "c1", NULL, NULL, NULL, "sms", NULL, 42};
	CHECK(!telephony_event_check(&end, &f, &w), "ended with a duration, no number");
	end.duration_s = 86401;
	CHECK(telephony_event_check(&end, &f, &w) && !strcmp(f, "duration_s"), "duration capped");
	e = ok;
	e.duration_s = 5;
	CHECK(telephony_event_check(&e, &f, &w) && !strcmp(f, "duration_s"),
	      "duration on ended only");
	CHECK(telephony_extension_ok("102") && !telephony_extension_ok("10a") &&
		  !telephony_extension_ok("") && !telephony_extension_ok("12345678901234567"),
	      "extensions");
}

static void test_key(void)
{
	char a[TELEPHONY_KEY_MAX + 1], b[TELEPHONY_KEY_MAX + 1], small[8];
	struct telephony_event e = {"ringing", "c1", "1", NULL, "agent1", "voice", NULL, -1};
	struct telephony_event again = e;
	again.from = "2"; /* re-sent with other details: still the same event */
	CHECK(!telephony_event_key(1, &e, a, sizeof(a)) &&
		  !telephony_event_key(1, &again, b, sizeof(b)) && !strcmp(a, b),
	      "same call and type: same key");
	e.type = "answered";
	telephony_event_key(1, &e, b, sizeof(b));
	CHECK(strcmp(a, b), "another type: another key");
	e.type = "ringing";
	telephony_event_key(2, &e, b, sizeof(b));
	CHECK(strcmp(a, b), "another integration: another key");
	struct telephony_event t1 = {"transferred", "c1", NULL, NULL, NULL, "voice", "101", -1};
	struct telephony_event t2 = t1;
	t2.to_agent = "102";
	telephony_event_key(1, &t1, a, sizeof(a));
	telephony_event_key(1, &t2, b, sizeof(b));
	CHECK(strcmp(a, b), "transfers to two agents are two events");
	CHECK(telephony_event_key(1, &t1, small, sizeof(small)) == ERR_TOO_LARGE, "short buffer");
}

int main(void)
{
	crypto_init();
	test_signature();
	test_window();
	test_events();
	test_key();
	return test_done();
}
