/*
 * server.c: libmicrohttpd glue. Reads bodies under a cap, rejects
 * ambiguous framing, calls the dispatcher once per request, adds the
 * security headers every response carries and writes the access log.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <time.h>
#include <stdio.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/jsonx.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "http/http.h"
#include "http/sse.h"
#include "core/banned.h"

struct http_server {
	struct MHD_Daemon *daemon;
	atomic_int inflight; /* requests begun and not yet answered (streams excluded) */
	struct http_config cfg;
	void (*dispatch)(void *app, struct req *rq, struct resp *rs);
	void *app;
	int port;
};

struct req_ctx {
	struct req rq;
	struct buf body;
	int64_t start_ms;
	int reject_status; /* set on the first call: answer this without dispatching */
	int counted;	   /* still in srv->inflight */
	const char *reject_code;
};

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
			  "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
			  "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const char *req_header(const struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *req_query(const struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(const struct req *rq, const char *name)
{
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

static void client_ip(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "unknown");
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)n);
}

struct header_counter {
	const char *name;
	int n;
};

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	(void)kind, (void)value;
	struct header_counter *c = cls;
	if (!strcasecmp(key, c->name))
		c->n++;
	return MHD_YES;
}

static int count_values(struct MHD_Connection *conn, const char *name)
{
	struct header_counter c = {name, 0};
	MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &c);
	return c.n;
}

static void add_common_headers(struct MHD_Response *r, const struct req_ctx *ctx, int secure,
			       int is_asset)
{
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(r, "Cache-Control", is_asset ? "no-cache" : "no-store");
	if (secure)
		MHD_add_response_header(r, "Strict-Transport-Security",
					"max-age=31536000; includeSubDomains");
	MHD_add_response_header(r, "X-Request-Id", ctx->rq.request_id);
}

static void access_log(const struct req_ctx *ctx, int status, size_t bytes)
{
	json_t *f = json_object();
	json_object_set_new(f, "rid", json_string(ctx->rq.request_id));
	json_object_set_new(f, "method", json_string(ctx->rq.method));
	/* the route pattern, never the raw path or query: no personal data in logs */
	json_object_set_new(f, "route", json_string(ctx->rq.route ? ctx->rq.route : "-"));
	json_object_set_new(f, "status", json_integer(status));
	json_object_set_new(f, "bytes", json_integer((json_int_t)bytes));
	json_object_set_new(f, "ms", json_integer(clock_monotonic_ms() - ctx->start_ms));
	if (ctx->rq.user_id)
		json_object_set_new(f, "user", json_integer(ctx->rq.user_id));
	log_json("info", "request", f);
}

static enum MHD_Result send_error(struct MHD_Connection *conn, struct req_ctx *ctx, int status,
				  const char *code, const char *message, int secure)
{
	json_t *body = json_pack("{s:{s:s,s:s}}", "error", "code", code, "message", message);
	char *text = jsonx_dump(body);
	json_decref(body);
	size_t len = strlen(text);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	add_common_headers(r, ctx, secure, 0);
	MHD_add_response_header(r, "Connection", "close");
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	access_log(ctx, status, len);
	return ok;
}

static enum MHD_Result send_resp(struct http_server *srv, struct MHD_Connection *conn,
				 struct req_ctx *ctx, struct resp *rs)
{
	struct MHD_Response *r;
	size_t len = 0;
	int head = !strcmp(ctx->rq.method, "HEAD");
	if (rs->stream) {
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, sse_sub_read,
						      rs->stream, sse_sub_release);
		rs->stream = NULL;
		MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
		MHD_add_response_header(r, "X-Accel-Buffering", "no");
		/* a stream that ends (logout, expiry) closes its connection too */
		MHD_add_response_header(r, "Connection", "close");
	} else if (rs->json) {
		char *text = jsonx_dump(rs->json);
		len = strlen(text);
		r = MHD_create_response_from_buffer(head ? 0 : len, text, MHD_RESPMEM_MUST_FREE);
		MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	} else {
		len = rs->raw_len;
		r = MHD_create_response_from_buffer(head ? 0 : len, (void *)rs->raw,
						    MHD_RESPMEM_PERSISTENT);
		if (rs->content_type)
			MHD_add_response_header(r, "Content-Type", rs->content_type);
	}
	add_common_headers(r, ctx, srv->cfg.secure,
			   ctx->rq.route && !strcmp(ctx->rq.route, "/assets/*"));
	for (int i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->header_names[i], rs->header_values[i]);
	int status = rs->status ? rs->status : 200;
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	access_log(ctx, status, len);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct http_server *srv = cls;
	struct req_ctx *ctx = *con_cls;
	if (!ctx) {
		ctx = xcalloc(1, sizeof(*ctx));
		arena_init(&ctx->rq.arena);
		buf_init(&ctx->body, srv->cfg.max_body);
		ctx->start_ms = clock_monotonic_ms();
		char rid[24], ip[INET6_ADDRSTRLEN + 1];
		crypto_random_token(rid, sizeof(rid), 12);
		client_ip(conn, ip, sizeof(ip));
		ctx->rq.request_id = arena_strdup(&ctx->rq.arena, rid);
		ctx->rq.ip = arena_strdup(&ctx->rq.arena, ip);
		ctx->rq.method = arena_strdup(&ctx->rq.arena, method);
		ctx->rq.path = arena_strdup(&ctx->rq.arena, url);
		ctx->rq.conn = conn;
		ctx->counted = 1;
		atomic_fetch_add(&srv->inflight, 1);
		*con_cls = ctx;
		/* framing the library might accept but a proxy could read differently */
		int ncl = count_values(conn, "Content-Length");
		int nte = count_values(conn, "Transfer-Encoding");
		const char *cl =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (ncl > 1 || (ncl && nte)) {
			ctx->reject_status = 400;
			ctx->reject_code = "bad_framing";
		} else if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);
			if (*end || end == cl) {
				ctx->reject_status = 400;
				ctx->reject_code = "bad_framing";
			} else if (n > srv->cfg.max_body) {
				ctx->reject_status = 413;
				ctx->reject_code = "payload_too_large";
			}
		}
		/* answer now: the body of a refused request is never read */
		if (ctx->reject_status)
			return send_error(conn, ctx, ctx->reject_status, ctx->reject_code,
					  ctx->reject_status == 413
					      ? "The request body is too large."
					      : "The request framing is ambiguous.",
					  srv->cfg.secure);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!ctx->reject_status && buf_append(&ctx->body, upload, *upload_size)) {
			ctx->reject_status = 413;
			ctx->reject_code = "payload_too_large";
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (ctx->reject_status)
		return send_error(conn, ctx, ctx->reject_status, ctx->reject_code,
				  ctx->reject_status == 413 ? "The request body is too large."
							    : "The request framing is ambiguous.",
				  srv->cfg.secure);
	ctx->rq.body = ctx->body.data;
	ctx->rq.body_len = ctx->body.len;
	ctx->rq.now_ms = clock_now_ms();
	struct resp rs = {0};
	srv->dispatch(srv->app, &ctx->rq, &rs);
	if (rs.stream && ctx->counted) {
		/* a live stream lasts as long as the session; shutdown closes it instead of waiting
		 */
		ctx->counted = 0;
		atomic_fetch_sub(&srv->inflight, 1);
	}
	enum MHD_Result ok = send_resp(srv, conn, ctx, &rs);
	json_decref(rs.json);
	if (rs.stream)
		sse_sub_free(rs.stream);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn, (void)toe;
	struct http_server *srv = cls;
	struct req_ctx *ctx = *con_cls;
	if (!ctx)
		return;
	if (ctx->counted)
		atomic_fetch_sub(&srv->inflight, 1);
	buf_release(&ctx->body);
	arena_release(&ctx->rq.arena);
	free(ctx);
	*con_cls = NULL;
}

/* the library's own messages become log lines too; any query string is cut (it may hold personal
 * data) */
static void on_library_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "?\r\n")] = '\0';
	for (char *p = msg; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	log_json("warn", "http library", json_pack("{s:s}", "detail", msg));
}

static void on_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
	(void)cls;
	log_error("libmicrohttpd panic at %s:%u: %s", file, line, reason ? reason : "?");
	abort();
}

struct http_server *http_server_start(const struct http_config *cfg,
				      void (*dispatch)(void *, struct req *, struct resp *),
				      void *app, struct buf *err)
{
	struct http_server *srv = xcalloc(1, sizeof(*srv));
	srv->cfg = *cfg;
	srv->dispatch = dispatch;
	srv->app = app;
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
			 MHD_USE_ERROR_LOG | MHD_USE_ITC;
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, cfg->host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)cfg->port);
	} else if (inet_pton(AF_INET6, cfg->host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		buf_printf(err, "listen address '%s' is not a numeric IP address", cfg->host);
		free(srv);
		return NULL;
	}
	MHD_set_panic_func(on_panic, NULL);
	/* the logger comes first so the library's start-up messages reach it too */
	srv->daemon = MHD_start_daemon(
	    flags, (uint16_t)cfg->port, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER,
	    on_library_log, NULL, MHD_OPTION_SOCK_ADDR, &ss, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)(cfg->threads > 0 ? cfg->threads : 2), MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    cfg->conn_memory, MHD_OPTION_CONNECTION_LIMIT, (unsigned)4000,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)0, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)cfg->timeout_s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	    MHD_OPTION_END);
	if (!srv->daemon) {
		buf_printf(err, "cannot listen on %s:%d", cfg->host, cfg->port);
		free(srv);
		return NULL;
	}
	const union MHD_DaemonInfo *di =
	    MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : cfg->port;
	return srv;
}

int http_server_port(const struct http_server *srv)
{
	return srv->port;
}

void http_server_quiesce(struct http_server *srv)
{
	MHD_socket s = MHD_quiesce_daemon(srv->daemon);
	if (s != MHD_INVALID_SOCKET)
		close(s);
}

void http_server_stop(struct http_server *srv)
{
	if (!srv)
		return;
	/* stopping the library drops unsent answers: wait for requests in flight (10 s at most) */
	for (int i = 0; i < 1000 && atomic_load(&srv->inflight) > 0; i++) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	MHD_stop_daemon(srv->daemon);
	free(srv);
}
