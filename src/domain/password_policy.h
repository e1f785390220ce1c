/* password_policy.h: which new passwords Faro accepts (ASVS 6.2: length, no common or context
 * words). */
#ifndef FARO_PASSWORD_POLICY_H
#define FARO_PASSWORD_POLICY_H

#include <stddef.h>

struct buf;

#define PASSWORD_MIN 12
#define PASSWORD_MAX 128

/*
 * password_check: 0 when pw may be used by the account username; else
 * ERR_INVALID with a reason in why. No composition rules, no truncation:
 * length in characters, not a top common password, not built on the
 * username, "faro" or a role name.
 */
int password_check(const char *pw, const char *username, struct buf *why);

#endif
