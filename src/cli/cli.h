/* cli.h: the command-line actions (user add, demo data, audit verify, the route list). */
#ifndef FARO_CLI_H
#define FARO_CLI_H

#include <stdio.h>

struct app;
struct req;
struct store;

struct cli_user {
	const char *username, *display_name, *email, *role, *language;
	const char *password; /* NULL: generate a one-time password that expires in 24 h */
};

/*
 * cli_user_add: creates the account (audited as the CLI) and prints its
 * one-time password to out when one was generated. Messages for bad
 * input go to err; returns 0 or a negative err.
 */
int cli_user_add(struct app *app, const struct cli_user *u, FILE *out, FILE *err);
/* cli_demo_seed: on an empty database, the demo organisation and one user per role; passwords
 * printed once. */
int cli_demo_seed(struct app *app, FILE *out);
/* cli_audit_verify: prints the chain's state; 0 when intact, 1 broken, negative on error. */
int cli_audit_verify(struct store *st, FILE *out);
/*
 * cli_routes: prints every route of the dispatcher's tables (dispatch_table) to out, in table
 * order: as_json 1 gives a JSON array of {"method","path","roles":[names],"public","csrf",
 * "password_ok"}, 0 one line per route. Returns 0, or ERR_NOMEM.
 */
int cli_routes(FILE *out, int as_json);
/* people_demo_seed: Spanish demo profiles and cases (after the demo users exist), written through
 * the API's field rules (cli_demo_people.c). */
int people_demo_seed(struct app *app, struct req *rq);
/* contacts_demo_seed: the demo's contact lines and tags (cli_demo_contacts.c); after the country is
 * set. */
int contacts_demo_seed(struct app *app, struct req *rq);
/* cli_req: rq zeroed and made a request of the command line (id "cli", ip "local", now); the
 * caller releases rq->arena. */
void cli_req(struct req *rq);

#endif
