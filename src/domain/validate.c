/* validate.c: field rules for names, usernames, emails and ids. */
#include "domain/validate.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/banned.h"

int validate_username(const char *s, struct buf *fold_out, struct buf *why)
{
	size_t n = strlen(s);
	if (n < 3 || n > 64) {
		buf_puts(why, "username must have 3 to 64 characters");
		return ERR_INVALID;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		if (!ok) {
			buf_puts(why,
				 "username may only use letters a-z, digits, '.', '_' and '-'");
			return ERR_INVALID;
		}
	}
	return username_key(s, fold_out);
}

int username_key(const char *s, struct buf *out)
{
	for (; *s; s++) {
		int rc = buf_putc(out, *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s);
		if (rc)
			return rc;
	}
	return 0;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int validate_display_name(const char *s, struct buf *why)
{
	size_t n = strlen(s);
	if (!n || n > 120 || !utf8_valid(s, n) || has_control(s)) {
		buf_puts(why,
			 "display_name must have 1 to 120 characters and no control characters");
		return ERR_INVALID;
	}
	return 0;
}

int validate_email(const char *s, struct buf *why)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);
	if (n > 254 || !at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || s[n - 1] == '.' || strpbrk(s, " \t\r\n<>,;\"()[]\\") ||
	    has_control(s) || !utf8_valid(s, n)) {
		buf_puts(why, "email is not a valid address");
		return ERR_INVALID;
	}
	return 0;
}

int validate_id(const char *s, int64_t *ret)
{
	size_t n = strlen(s);
	if (!n || n > 18)
		return ERR_INVALID;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return ERR_INVALID;
	int64_t v = strtoll(s, NULL, 10);
	if (v <= 0)
		return ERR_INVALID;
	*ret = v;
	return 0;
}
