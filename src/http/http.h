/*
 * http.h: the request and response every handler sees. server.c fills a
 * struct req from libmicrohttpd and sends the struct resp the dispatcher
 * leaves; handlers never touch the protocol library.
 */
#ifndef FARO_HTTP_H
#define FARO_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define HTTP_MAX_PARAMS	      6
#define HTTP_MAX_RESP_HEADERS 8

struct sse_sub;

struct req {
	struct arena arena; /* everything request-scoped lives here */
	const char *method;
	const char *path;
	const char *request_id;
	const char *ip;
	const char *body; /* NUL-terminated copy, body_len bytes */
	size_t body_len;
	int64_t now_ms;
	int nparams;
	const char *param_names[HTTP_MAX_PARAMS];
	const char *param_values[HTTP_MAX_PARAMS];
	const char *route; /* the matched pattern, for the access log */
	int64_t user_id;   /* set by the dispatcher once authenticated, for the access log */
	void *conn;	   /* the library's connection, for header/query lookups */
	void *api_ctx;	   /* the api layer's per-request state (the session) */
	int events_queued; /* the api layer recorded a live event: deliver after commit */
};

struct resp {
	int status;
	json_t *json;	 /* owned; sent as application/json when set */
	const void *raw; /* else raw bytes (static files), not owned */
	size_t raw_len;
	const char *content_type;
	int nheaders;
	const char *header_names[HTTP_MAX_RESP_HEADERS];
	const char *header_values[HTTP_MAX_RESP_HEADERS];
	struct sse_sub *stream; /* set: the response is this event stream */
};

/* req_header: the request header's value, or NULL; owned by the library. */
const char *req_header(const struct req *rq, const char *name);
/* req_query: the query-string argument's value, or NULL. */
const char *req_query(const struct req *rq, const char *name);
/* req_cookie: the cookie's value, or NULL. */
const char *req_cookie(const struct req *rq, const char *name);
/* req_param: the path parameter named in the route pattern (":id"), or NULL. */
const char *req_param(const struct req *rq, const char *name);
/* resp_header: adds a response header; both strings must outlive the request (arena or static). */
void resp_header(struct resp *rs, const char *name, const char *value);
/* resp_json: sets status and steals body. */
void resp_json(struct resp *rs, int status, json_t *body);

#endif
