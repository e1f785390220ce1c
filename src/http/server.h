/* server.h: the HTTP server: libmicrohttpd does the protocol, we enforce limits and headers. */
#ifndef FARO_SERVER_H
#define FARO_SERVER_H

#include <stddef.h>

struct buf;
struct req;
struct resp;
struct http_server;

struct http_config {
	const char *host; /* numeric IPv4 or IPv6 address */
	int port;
	size_t max_body;    /* bytes; larger bodies get 413 before they are read */
	size_t conn_memory; /* per-connection memory, bounds header size */
	int threads;
	int timeout_s; /* idle connection timeout */
	int secure;    /* HSTS and Secure cookies are meaningful (TLS in front) */
};

/*
 * http_server_start: listens and calls dispatch(app, rq, rs) for every
 * complete request from the pool threads. Returns the server (owned) or
 * NULL with the reason in err.
 */
struct http_server *http_server_start(const struct http_config *cfg,
				      void (*dispatch)(void *app, struct req *rq, struct resp *rs),
				      void *app, struct buf *err);
/* http_server_port: the port bound (useful with port 0). */
int http_server_port(const struct http_server *srv);
/* http_server_quiesce: stop accepting new connections; in-flight requests go on. */
void http_server_quiesce(struct http_server *srv);
/* http_server_stop: waits for in-flight requests, then closes everything and frees srv. */
void http_server_stop(struct http_server *srv);

#endif
