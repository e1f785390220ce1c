/* cli_telephony.c: `faro telephony send`: builds, signs and posts one phone-system event. */
#include "cli/cli_telephony.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/crypto.h"
#include "domain/telephony/telephony_rules.h"
#include "core/banned.h"

static size_t collect(char *p, size_t size, size_t n, void *ud)
{
	return buf_append(ud, p, size * n) ? 0 : size * n;
}

/* the event's JSON body from e, or NULL after saying why on err */
static char *event_body(const struct cli_tel_event *e, char *call_id, FILE *err)
{
	json_t *o = json_pack("{s:s,s:s,s:s}", "type", e->type, "call_id", call_id, "channel",
			      e->channel ? e->channel : "voice");
	const char *names[] = {"from", "to", "agent", "to_agent"};
	const char *vals[] = {e->from, e->to, e->agent, e->to_agent};
	for (int i = 0; i < 4; i++)
		if (vals[i])
			json_object_set_new(o, names[i], json_string(vals[i]));
	if (e->duration) {
		char *end;
		long long d = strtoll(e->duration, &end, 10);
		if (*end || end == e->duration || d < 0 || d > TELEPHONY_DURATION_MAX) {
			fprintf(err,
				"faro telephony send: --duration needs seconds from 0 to 86400\n");
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "duration_s", json_integer(d));
	}
	char *text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

/* the arguments every send needs; 2 after saying which is missing */
static int check_args(const struct cli_tel_event *e, FILE *err)
{
	if (telephony_type_of(e->type) < 0) {
		fprintf(err, "faro telephony send: TYPE is ringing, answered, ended, missed or "
			     "transferred\n");
		return 2;
	}
	if (!e->integration || !e->secret || !e->url) {
		fprintf(err, "faro telephony send: --integration ID, --secret HEX (or "
			     "FARO_TELEPHONY_SECRET) and --url URL are required\n");
		return 2;
	}
	if (strlen(e->url) > 512 ||
	    (strncmp(e->url, "http://", 7) && strncmp(e->url, "https://", 8))) {
		fprintf(err, "faro telephony send: --url is http:// or https://, e.g. "
			     "http://127.0.0.1:8080\n");
		return 2;
	}
	return 0;
}

int cli_telephony_send(const struct cli_tel_event *e, FILE *out, FILE *err)
{
	struct buf answer = BUF_INIT(1 << 20), url = BUF_INIT(1024), h = BUF_INIT(512);
	struct curl_slist *hs = NULL;
	char call_id[TELEPHONY_CALL_ID_MAX + 1], ts[24], sig[TELEPHONY_SIG_HEX + 1];
	char *body = NULL;
	CURL *curl = NULL;
	long status = 0;
	int rc = check_args(e, err);
	if (rc)
		goto out;
	if (e->call_id)
		snprintf(call_id, sizeof(call_id), "%s", e->call_id);
	else {
		char tok[32];
		crypto_random_token(tok, sizeof(tok), 12);
		snprintf(call_id, sizeof(call_id), "faro-cli-%s", tok);
	}
	rc = 2;
	if (!(body = event_body(e, call_id, err)))
		goto out;
	snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	telephony_sign(e->secret, ts, body, strlen(body), sig);
	rc = 1;
	size_t ulen = strlen(e->url);
	if (e->url[ulen - 1] == '/') /* "http://host:8080/" as well */
		ulen--;
	if (buf_printf(&url, "%.*s/api/v1/telephony/events", (int)ulen, e->url) ||
	    !(curl = curl_easy_init()))
		goto out;
	const char *lines[] = {"Content-Type: application/json",
			       "X-Faro-Integration: ", "X-Faro-Timestamp: ", "X-Faro-Signature: "};
	const char *vals[] = {"", e->integration, ts, sig};
	for (int i = 0; i < 4; i++) {
		struct curl_slist *n;
		buf_reset(&h);
		if (buf_printf(&h, "%s%s", lines[i], vals[i]) ||
		    !(n = curl_slist_append(hs, h.data)))
			goto out;
		hs = n;
	}
	curl_easy_setopt(curl, CURLOPT_URL, url.data);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hs);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode cc = curl_easy_perform(curl);
	if (cc != CURLE_OK) {
		fprintf(err, "faro telephony send: %s\n", curl_easy_strerror(cc));
		goto out;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	fprintf(out, "%s\n", answer.len ? answer.data : "");
	if (status < 200 || status > 299)
		fprintf(err, "faro telephony send: the server answered %ld\n", status);
	else
		rc = 0;
out:
	curl_slist_free_all(hs);
	if (curl)
		curl_easy_cleanup(curl);
	free(body);
	buf_release(&answer);
	buf_release(&url);
	buf_release(&h);
	return rc;
}
