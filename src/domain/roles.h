/* roles.h: staff roles and what each may do; the one place permissions are decided. */
#ifndef FARO_ROLES_H
#define FARO_ROLES_H

enum role {
	ROLE_AGENT,
	ROLE_COORDINATOR,
	ROLE_SUPERVISOR,
	ROLE_ADMIN,
	ROLE__MAX,
	ROLE_INVALID = -1
};

#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL                                                                                  \
	(ROLE_BIT(ROLE_AGENT) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_SUPERVISOR) |           \
	 ROLE_BIT(ROLE_ADMIN))
#define ROLES_STAFF_LEADS (ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_ADMIN))
#define ROLES_ADMIN	  ROLE_BIT(ROLE_ADMIN)

/* role_parse: the role named s ("agent"...), or ROLE_INVALID. */
enum role role_parse(const char *s);
/* role_name: the stable name of r. */
const char *role_name(enum role r);
/* role_allowed: 1 when a user with role r may use something open to the roles bit set. */
int role_allowed(enum role r, unsigned roles);

#endif
