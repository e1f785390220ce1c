/* dispatch.h: the entry point server.c calls for every request. */
#ifndef FARO_DISPATCH_H
#define FARO_DISPATCH_H

#include "http/router.h"

struct req;
struct resp;
struct route;

/* dispatch_request: routes, authenticates, authorises and runs the handler; app is struct app. */
void dispatch_request(void *app, struct req *rq, struct resp *rs);
/* dispatch_table: the i-th route table (0 = the shell's) and its length; NULL past the last. */
const struct route *dispatch_table(int i, int *ret_n);

/* the areas' tables, each in its own routes_<area>.c */
extern const struct route routes_people[];
extern const int routes_people_n;
extern const struct route routes_cases[];
extern const int routes_cases_n;
extern const struct route routes_resources[];
extern const int routes_resources_n;
extern const struct route routes_activities[];
extern const int routes_activities_n;
extern const struct route routes_search[];
extern const int routes_search_n;
extern const struct route routes_contacts[];
extern const int routes_contacts_n;
extern const struct route routes_telephony[];
extern const int routes_telephony_n;

#endif
