/* roles.c: role names and the role check. */
#include "domain/roles.h"

#include <string.h>

#include "core/banned.h"

static const char *const names[ROLE__MAX] = {"agent", "coordinator", "supervisor", "admin"};

enum role role_parse(const char *s)
{
	for (int i = 0; s && i < ROLE__MAX; i++)
		if (!strcmp(s, names[i]))
			return (enum role)i;
	return ROLE_INVALID;
}

const char *role_name(enum role r)
{
	return r >= 0 && r < ROLE__MAX ? names[r] : "invalid";
}

int role_allowed(enum role r, unsigned roles)
{
	return r >= 0 && r < ROLE__MAX && (roles & ROLE_BIT(r));
}
