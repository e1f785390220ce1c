/* password_policy.c: length, common-password and context-word rules for new passwords. */
#include "domain/password_policy.h"

#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "domain/common_passwords.h"
#include "core/banned.h"

/* the folded password with digits and symbols dropped: "Faro2026!" -> "faro" */
static void letters_only(const char *pw, struct buf *out)
{
	struct buf f = BUF_INIT(1024);
	if (!fold_text(pw, strlen(pw), &f))
		for (size_t i = 0; i < f.len; i++)
			if (f.data[i] >= 'a' && f.data[i] <= 'z')
				buf_putc(out, f.data[i]);
	buf_release(&f);
}

/* 1 when most of s steps by one or repeats ("123456789012", "aaaaaaaaaaaa", "abcdefghijkl") */
static int mostly_sequential(const char *s)
{
	size_t n = strlen(s), runs = 0;
	for (size_t i = 1; i < n; i++) {
		int d = (unsigned char)s[i] - (unsigned char)s[i - 1];
		if (d == 0 || d == 1 || d == -1)
			runs++;
	}
	return n > 1 && runs * 10 >= (n - 1) * 8;
}

/* removes every occurrence of word from b */
static void remove_all(struct buf *b, const char *word)
{
	size_t n = strlen(word);
	char *p;
	while (n && (p = strstr(b->data, word))) {
		memmove(p, p + n, b->len - (size_t)(p - b->data) - n + 1);
		b->len -= n;
	}
}

int password_check(const char *pw, const char *username, struct buf *why)
{
	static const char *const context[] = {
	    "faro",	  "agent", "agente",	    "coordinator", "coordinador",
	    "supervisor", "admin", "administrador", "password",	   "contrasena",
	    "linea",	  "ayuda", "helpline",	    NULL};
	int rc = ERR_INVALID;
	struct buf letters = BUF_INIT(1024), letters_all = BUF_INIT(1024), user = BUF_INIT(1024),
		   folded = BUF_INIT(1024);
	size_t n = utf8_length(pw);
	if (n < PASSWORD_MIN) {
		buf_printf(why, "the password needs at least %d characters", PASSWORD_MIN);
		goto out;
	}
	if (n > PASSWORD_MAX) {
		buf_printf(why, "the password may have at most %d characters", PASSWORD_MAX);
		goto out;
	}
	if (fold_text(pw, strlen(pw), &folded)) {
		buf_puts(why, "the password is not valid UTF-8");
		goto out;
	}
	if (common_password(folded.data)) {
		buf_puts(why, "the password is one of the most common passwords");
		goto out;
	}
	if (mostly_sequential(folded.data)) {
		buf_puts(why, "the password is mostly a sequence or a repeated character");
		goto out;
	}
	letters_only(pw, &letters);
	if (username)
		letters_only(username, &user);
	/* what is left once words tied to this service and the username are taken out */
	size_t had = letters.len;
	if (user.len >= 3)
		remove_all(&letters, user.data);
	for (int i = 0; context[i]; i++)
		remove_all(&letters, context[i]);
	if (letters.len < had && letters.len < 4) {
		buf_puts(why,
			 "the password is built on the username or a word tied to this service");
		goto out;
	}
	letters_only(pw, &letters_all);
	if (common_password(letters_all.data) && letters_all.len + 4 >= folded.len) {
		buf_puts(why, "the password is a common password with digits added");
		goto out;
	}
	rc = 0;
out:
	buf_release(&letters);
	buf_release(&letters_all);
	buf_release(&user);
	buf_release(&folded);
	return rc;
}
