/* common_passwords.h: membership in the list of the most common passwords. */
#ifndef FARO_COMMON_PASSWORDS_H
#define FARO_COMMON_PASSWORDS_H

/* common_password: 1 when folded (lowercase, accents removed) is a very common password. */
int common_password(const char *folded);

#endif
