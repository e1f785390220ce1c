/* password_policy.c: length, common-password and context-word rules for new passwords. */
#include "password_policy.h"

#include <string.h>

#include "../core/buf.h"
#include "../core/err.h"
#include "../core/fold.h"
#include "common_passwords.h"
#include "../core/banned.h"

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

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

int password_check(const char *pw, const char *username, struct buf *why)
{
	static const char *const context[] = {"faro", "agent", "agente", "coordinator", "coordinador",
					      "supervisor", "admin", "administrador", "password",
					      "contrasena", "linea", "ayuda", "helpline", NULL};
	int rc = ERR_INVALID;
	struct buf letters = BUF_INIT(1024), user = BUF_INIT(1024), folded = BUF_INIT(1024);
	size_t n = utf8_chars(pw);
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
	letters_only(pw, &letters);
	if (username)
		letters_only(username, &user);
	/* a password that is only a context word plus digits or symbols is guessable */
	for (int i = 0; context[i]; i++)
		if (!strcmp(letters.data, context[i])) {
			buf_puts(why, "the password is built on a word tied to this service");
			goto out;
		}
	if (user.len >= 3 && strstr(letters.data, user.data) && letters.len < user.len + 4) {
		buf_puts(why, "the password is built on the username");
		goto out;
	}
	if (letters.len && common_password(letters.data) && letters.len + 4 > folded.len) {
		buf_puts(why, "the password is a common password with digits added");
		goto out;
	}
	rc = 0;
out:
	buf_release(&letters);
	buf_release(&user);
	buf_release(&folded);
	return rc;
}
