/*
 * telephony_rules.h: the rules of phone-system events without I/O: the signature and its time
 * window, the shape of an event, and the key that makes a repeated event do nothing twice.
 */
#ifndef FARO_TELEPHONY_RULES_H
#define FARO_TELEPHONY_RULES_H

#include <stddef.h>
#include <stdint.h>

#define TELEPHONY_WINDOW_S	 300	/* a signed request is good this long either side of now */
#define TELEPHONY_REPLAY_MS	 600000 /* an accepted signature is remembered this long */
#define TELEPHONY_BODY_MAX	 4096	/* bytes of an event's body */
#define TELEPHONY_SECRET_BYTES	 32	/* random bytes of an integration's secret */
#define TELEPHONY_SECRET_HEX	 64	/* its hex text, the HMAC key */
#define TELEPHONY_SIG_HEX	 64	/* hex of an HMAC-SHA256 */
#define TELEPHONY_CALL_ID_MAX	 128	/* the phone system's id of a call */
#define TELEPHONY_NUMBER_MAX	 40	/* a number as the phone system gives it */
#define TELEPHONY_AGENT_MAX	 64	/* a username or an extension */
#define TELEPHONY_EXTENSION_MAX	 16	/* digits of an extension */
#define TELEPHONY_EXTENSIONS_MAX 2000	/* extensions of one organisation */
#define TELEPHONY_NAME_MAX	 80	/* an integration's name */
#define TELEPHONY_DURATION_MAX	 86400	/* seconds of one call */
#define TELEPHONY_KEY_MAX	 (24 + 16 + TELEPHONY_CALL_ID_MAX + TELEPHONY_AGENT_MAX)

/* the event types and channels, NULL-ended, in enum order */
enum telephony_type {
	TELEPHONY_RINGING,
	TELEPHONY_ANSWERED,
	TELEPHONY_ENDED,
	TELEPHONY_MISSED,
	TELEPHONY_TRANSFERRED
};
extern const char *const telephony_types[];
extern const char *const telephony_channels[]; /* voice sms chat */

/* one event as the phone system sent it; strings not owned, NULL when absent */
struct telephony_event {
	const char *type, *call_id, *from, *to, *agent, *channel, *to_agent;
	int64_t duration_s; /* -1: not given */
};

/*
 * telephony_timestamp_parse: the X-Faro-Timestamp header (1-12 decimal
 * digits, unix seconds) into *ret; ERR_INVALID otherwise (s may be NULL).
 */
int telephony_timestamp_parse(const char *s, int64_t *ret);
/* telephony_window_ok: 1 when ts_s (unix seconds) is within TELEPHONY_WINDOW_S of now_ms. */
int telephony_window_ok(int64_t ts_s, int64_t now_ms);
/*
 * telephony_sign: hex of HMAC-SHA256 keyed by the secret's text over
 * timestamp "." body[0..n) into out (lower case, NUL-ended).
 */
void telephony_sign(const char *secret, const char *timestamp, const char *body, size_t n,
		    char out[TELEPHONY_SIG_HEX + 1]);
/*
 * telephony_verify: 1 when sig (hex, either case) is the signature of
 * timestamp and body under secret, compared in constant time; 0 otherwise
 * (sig may be NULL).
 */
int telephony_verify(const char *secret, const char *timestamp, const char *body, size_t n,
		     const char *sig);
/*
 * telephony_event_check: 0 when ev is a complete event of its type within
 * every cap (a missing channel becomes "voice"); else ERR_INVALID with
 * *ret_field the field at fault and *ret_why a static reason.
 */
int telephony_event_check(struct telephony_event *ev, const char **ret_field, const char **ret_why);
/* telephony_type_of: the type named s, or -1. */
int telephony_type_of(const char *s);
/* telephony_code_in: 1 when s is one of list (s may be NULL). */
int telephony_code_in(const char *const *list, const char *s);
/*
 * telephony_event_key: the idempotency key of ev from integration id into
 * out: the same call, type (and transfer target) is the same event,
 * however often it is signed and sent. ERR_TOO_LARGE when out is short.
 */
int telephony_event_key(int64_t integration_id, const struct telephony_event *ev, char *out,
			size_t n);
/* telephony_extension_ok: 1 when s is 1-16 digits. */
int telephony_extension_ok(const char *s);

#endif
