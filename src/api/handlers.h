/* handlers.h: every handler in the route table; one file per resource implements them. */
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

/* resource directory (api_hsds.c, api_directory.c) */
HANDLER(h_hsds_root);
HANDLER(h_hsds_services);
HANDLER(h_hsds_service);
HANDLER(h_hsds_sals);
HANDLER(h_hsds_sal);
HANDLER(h_hsds_organizations);
HANDLER(h_hsds_organization);
HANDLER(h_hsds_terms);
HANDLER(h_hsds_term);
HANDLER(h_hsds_taxonomies);
HANDLER(h_hsds_taxonomy);
HANDLER(h_directory_list);
HANDLER(h_directory_get);
HANDLER(h_directory_create);
HANDLER(h_directory_update);
HANDLER(h_directory_delete);
HANDLER(h_directory_import);
HANDLER(h_directory_export);

#endif
