/* validate.h: field rules shared by handlers and the CLI; no I/O. */
#ifndef FARO_VALIDATE_H
#define FARO_VALIDATE_H

#include <stdint.h>

struct buf;

/* validate_username: 3-64 of [A-Za-z0-9._-]; its folded (lowercase) key goes to fold_out. */
int validate_username(const char *s, struct buf *fold_out, struct buf *why);
/* username_key: the lookup key of a username as typed at sign-in (ASCII lowercase, nothing else
 * changed). */
int username_key(const char *s, struct buf *out);
/* validate_display_name: 1-120 bytes of valid UTF-8 without control characters. */
int validate_display_name(const char *s, struct buf *why);
/* validate_email: one '@' with text on both sides, a dot in the domain, no spaces or controls. */
int validate_email(const char *s, struct buf *why);
/* validate_id: a decimal positive id of at most 18 digits into *ret. */
int validate_id(const char *s, int64_t *ret);

#endif
