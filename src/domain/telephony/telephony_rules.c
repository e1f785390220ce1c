/* telephony_rules.c: signatures, their time window, event shapes and idempotency keys. */
#include "domain/telephony/telephony_rules.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/banned.h"

const char *const telephony_types[] = {"ringing", "answered",	 "ended",
				       "missed",  "transferred", NULL};
const char *const telephony_channels[] = {"voice", "sms", "chat", NULL};

int telephony_code_in(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

int telephony_type_of(const char *s)
{
	for (int i = 0; s && telephony_types[i]; i++)
		if (!strcmp(telephony_types[i], s))
			return i;
	return -1;
}

int telephony_timestamp_parse(const char *s, int64_t *ret)
{
	int64_t v = 0;
	size_t n = s ? strlen(s) : 0;
	if (!n || n > 12)
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return ERR_INVALID;
		v = v * 10 + (s[i] - '0');
	}
	*ret = v;
	return 0;
}

int telephony_window_ok(int64_t ts_s, int64_t now_ms)
{
	int64_t d = ts_s * 1000 - now_ms;
	return d <= TELEPHONY_WINDOW_S * 1000LL && d >= -TELEPHONY_WINDOW_S * 1000LL;
}

void telephony_sign(const char *secret, const char *timestamp, const char *body, size_t n,
		    char out[TELEPHONY_SIG_HEX + 1])
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)timestamp, strlen(timestamp));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, n);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, TELEPHONY_SIG_HEX + 1, mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

int telephony_verify(const char *secret, const char *timestamp, const char *body, size_t n,
		     const char *sig)
{
	char want[TELEPHONY_SIG_HEX + 1], got[TELEPHONY_SIG_HEX + 1];
	if (!sig || strlen(sig) != TELEPHONY_SIG_HEX)
		return 0;
	/* hex either case: compare lower case, the whole length whatever differs */
	for (int i = 0; i < TELEPHONY_SIG_HEX; i++)
		got[i] = (char)(sig[i] >= 'A' && sig[i] <= 'F' ? sig[i] - 'A' + 'a' : sig[i]);
	got[TELEPHONY_SIG_HEX] = '\0';
	telephony_sign(secret, timestamp, body, n, want);
	return sodium_memcmp(want, got, TELEPHONY_SIG_HEX) == 0;
}

/* printable ASCII without spaces, 1..max bytes (ids, usernames, extensions) */
static int token_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f)
			return 0;
	return 1;
}

/* what a phone system may put in a number: digits, +, spaces, ().-/ and letters (anonymous) */
static int number_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > TELEPHONY_NUMBER_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < ' ' || c >= 0x7f)
			return 0;
	}
	return 1;
}

int telephony_extension_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > TELEPHONY_EXTENSION_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

#define FAIL(f, w)                                                                                 \
	do {                                                                                       \
		*ret_field = (f);                                                                  \
		*ret_why = (w);                                                                    \
		return ERR_INVALID;                                                                \
	} while (0)

int telephony_event_check(struct telephony_event *ev, const char **ret_field, const char **ret_why)
{
	int t = telephony_type_of(ev->type);
	if (t < 0)
		FAIL("type", "must be ringing, answered, ended, missed or transferred");
	if (!token_ok(ev->call_id, TELEPHONY_CALL_ID_MAX))
		FAIL("call_id", "1-128 printable characters without spaces");
	if (!ev->channel)
		ev->channel = "voice";
	if (!telephony_code_in(telephony_channels, ev->channel))
		FAIL("channel", "must be voice, sms or chat");
	if (ev->from && !number_ok(ev->from))
		FAIL("from", "1-40 printable characters");
	if (ev->to && !number_ok(ev->to))
		FAIL("to", "1-40 printable characters");
	if ((t == TELEPHONY_RINGING || t == TELEPHONY_ANSWERED || t == TELEPHONY_MISSED) &&
	    !ev->from)
		FAIL("from", "the caller's number is required");
	if (ev->agent && !token_ok(ev->agent, TELEPHONY_AGENT_MAX))
		FAIL("agent", "a username or an extension, 1-64 characters");
	if (t == TELEPHONY_TRANSFERRED && !token_ok(ev->to_agent, TELEPHONY_AGENT_MAX))
		FAIL("to_agent", "a transfer names the agent it goes to");
	if (t != TELEPHONY_TRANSFERRED && ev->to_agent)
		FAIL("to_agent", "only a transfer has one");
	if (ev->duration_s != -1 &&
	    (t != TELEPHONY_ENDED || ev->duration_s < 0 || ev->duration_s > TELEPHONY_DURATION_MAX))
		FAIL("duration_s", "seconds from 0 to 86400, on ended only");
	return 0;
}

int telephony_event_key(int64_t integration_id, const struct telephony_event *ev, char *out,
			size_t n)
{
	int w = snprintf(out, n, "%lld|%s|%s|%s", (long long)integration_id, ev->type, ev->call_id,
			 ev->to_agent ? ev->to_agent : "");
	return w < 0 || (size_t)w >= n ? ERR_TOO_LARGE : 0;
}
