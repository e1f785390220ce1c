/* handlers.h: the HANDLER signature, and the platform's handlers (the dispatcher's own table); each
 * area's header declares its own. */
#ifndef FARO_HANDLERS_H
#define FARO_HANDLERS_H

struct req;
struct resp;
struct app;

#define HANDLER(name) int name(struct req *rq, struct resp *rs, struct app *app)

HANDLER(h_health);
HANDLER(h_login);
HANDLER(h_logout);
HANDLER(h_me_get);
HANDLER(h_me_patch);
HANDLER(h_me_password);
HANDLER(h_home);
HANDLER(h_events);
HANDLER(h_announcement_create);
HANDLER(h_announcement_get);
HANDLER(h_users_list);
HANDLER(h_users_create);
HANDLER(h_users_update);
HANDLER(h_users_revoke);
HANDLER(h_audit_list);
HANDLER(h_audit_verify);

#endif
