/* mail.h: one email message over SMTP with libcurl, and the texts Faro's own mail uses. */
#ifndef FARO_MAIL_H
#define FARO_MAIL_H

#include <stdint.h>

struct buf;
struct jobs_config;

/*
 * mail_format: the RFC 5322 message (CRLF lines, UTF-8 subject and body in
 * base64) into out. Addresses must already be validated (no CR or LF).
 */
int mail_format(struct buf *out, const char *from, const char *to, const char *subject,
		const char *body, int64_t now_ms, int64_t id);
/*
 * mail_send: delivers the message to one recipient through cfg's server,
 * upgrading with STARTTLS when the server offers it (required when a
 * password is configured). 0 when accepted; otherwise ERR_IO with the
 * reason in err and *ret_permanent = 1 when the server refused for good
 * (a 5xx reply), so retrying cannot help.
 */
int mail_send(const struct jobs_config *cfg, const char *to, const char *message, struct buf *err,
	      int *ret_permanent);

#endif
