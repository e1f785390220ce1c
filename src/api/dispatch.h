/* dispatch.h: the entry point server.c calls for every request. */
#ifndef FARO_DISPATCH_H
#define FARO_DISPATCH_H

struct req;
struct resp;
struct route;

/* dispatch_request: routes, authenticates, authorises and runs the handler; app is struct app. */
void dispatch_request(void *app, struct req *rq, struct resp *rs);
/* dispatch_routes: the route table (for tests and the authorization matrix). */
const struct route *dispatch_routes(int *ret_n);

#endif
