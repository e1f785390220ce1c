/* router.h: the route table matcher: method + path pattern with ":name" segments. */
#ifndef FARO_ROUTER_H
#define FARO_ROUTER_H

struct req;
struct resp;
struct app; /* the api layer's; opaque here: the router only carries it to the handler */

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/users/:id" */
	unsigned roles;	     /* bit set of allowed roles; 0 with ROUTE_PUBLIC */
	unsigned flags;
	int (*handler)(struct req *rq, struct resp *rs, struct app *app);
};

enum route_flag {
	ROUTE_PUBLIC = 1 << 0,	    /* no session needed */
	ROUTE_NO_CSRF = 1 << 1,	    /* state change before a session exists (login) */
	ROUTE_PASSWORD_OK = 1 << 2, /* allowed while a password change is pending */
};

enum router_result { ROUTER_MATCH, ROUTER_NOT_FOUND, ROUTER_BAD_METHOD };

/*
 * router_match: finds the route for method and path in the table of n
 * routes and stores path parameters in rq (values in rq's arena).
 * ROUTER_BAD_METHOD when the path exists under another method.
 */
enum router_result router_match(const struct route *table, int n, const char *method,
				const char *path, struct req *rq, const struct route **ret);

#endif
