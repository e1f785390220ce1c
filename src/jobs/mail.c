/* mail.c: formatting and sending one email; the outbox loop (sender.c) decides when and how often.
 */
#include "jobs/mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "jobs/jobs.h"
#include "core/banned.h"

#define MAIL_MAX (256 * 1024)

/* base64 of s, wrapped at 76 columns when wrap is set (RFC 2045) */
static int put_base64(struct buf *out, const char *s, int wrap)
{
	size_t n = strlen(s);
	size_t blen = sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL);
	char *b = sodium_malloc(blen);
	if (!b)
		return ERR_NOMEM;
	sodium_bin2base64(b, blen, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	int rc = 0;
	size_t len = strlen(b);
	if (!wrap)
		rc = buf_append(out, b,
				len); /* a header word stays on one line; subjects are capped */
	for (size_t i = 0; wrap && !rc && i < len; i += 76) {
		size_t k = len - i < 76 ? len - i : 76;
		if (!(rc = buf_append(out, b + i, k)))
			rc = buf_puts(out, "\r\n");
	}
	sodium_free(b);
	return rc;
}

int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
		const char *body, int64_t now_ms, int64_t id)
{
	char date[64];
	struct tm tm;
	time_t t = (time_t)(now_ms / 1000);
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	const char *at = strchr(from, '@');
	int rc =
	    buf_printf(out,
		       "Date: %s\r\nFrom: %s\r\nTo: %s\r\nMessage-ID: <faro.%lld.%lld@%s>\r\n"
		       "Subject: =?UTF-8?B?",
		       date, from, to, (long long)id, (long long)now_ms, at ? at + 1 : "localhost");
	if (!rc)
		rc = put_base64(out, subject, 0);
	if (!rc)
		rc = buf_puts(
		    out, "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n");
	if (!rc)
		rc = put_base64(out, body, 1);
	return rc;
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *ud)
{
	struct reader *r = ud;
	size_t n = size * nmemb < r->left ? size * nmemb : r->left;
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

int mail_send(const struct jobs_config *cfg, const char *to, const char *message, struct buf *err,
	      int *ret_permanent)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	char from_angle[300], to_angle[300];
	struct reader rd = {message, strlen(message)};
	struct curl_slist *rcpt = NULL;
	int rc = ERR_IO;
	*ret_permanent = 0;
	if (rd.left > MAIL_MAX) {
		buf_puts(err, "message too large");
		*ret_permanent = 1;
		return ERR_IO;
	}
	CURL *c = curl_easy_init();
	if (!c)
		return ERR_NOMEM;
	snprintf(from_angle, sizeof(from_angle), "<%s>", cfg->smtp_from);
	snprintf(to_angle, sizeof(to_angle), "<%s>", to);
	rcpt = curl_slist_append(NULL, to_angle);
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_angle);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &rd);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE, (long)rd.left);
	/* a password never crosses the network in clear: STARTTLS is then required */
	curl_easy_setopt(c, CURLOPT_USE_SSL,
			 cfg->smtp_user ? (long)CURLUSESSL_ALL : (long)CURLUSESSL_TRY);
	if (cfg->smtp_user) {
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg->smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->smtp_password ? cfg->smtp_password : "");
	}
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	CURLcode cr = curl_easy_perform(c);
	if (cr == CURLE_OK) {
		rc = 0;
	} else {
		long code = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		*ret_permanent = code >= 500 && code < 600;
		buf_printf(err, "%s%s%s (smtp %ld)", curl_easy_strerror(cr), *errbuf ? ": " : "",
			   errbuf, code);
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc;
}
