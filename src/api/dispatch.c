/*
 * dispatch.c: the route table and the one place every request passes:
 * static files, then session, role, CSRF and password-change checks,
 * deny by default, before any handler reads data.
 */
#include <string.h>
#include <strings.h>

#include "core/crypto.h"
#include "core/err.h"
#include "http/router.h"
#include "http/static.h"
#include "api/api.h"
#include "api/dispatch.h"
#include "api/handlers.h"
#include "core/banned.h"

#define ALL   ROLES_ALL
#define LEADS ROLES_STAFF_LEADS
#define ADMIN ROLES_ADMIN

static const struct route routes[] = {
    {"GET", "/healthz", 0, ROUTE_PUBLIC, h_health},
    {"POST", "/api/v1/auth/login", 0, ROUTE_PUBLIC | ROUTE_NO_CSRF, h_login},
    {"POST", "/api/v1/auth/logout", ALL, ROUTE_PASSWORD_OK, h_logout},
    {"GET", "/api/v1/me", ALL, ROUTE_PASSWORD_OK, h_me_get},
    {"PATCH", "/api/v1/me", ALL, ROUTE_PASSWORD_OK, h_me_patch},
    {"POST", "/api/v1/me/password", ALL, ROUTE_PASSWORD_OK, h_me_password},
    {"GET", "/api/v1/home", ALL, 0, h_home},
    {"GET", "/api/v1/events", ALL, ROUTE_PASSWORD_OK, h_events},
    {"POST", "/api/v1/announcements", LEADS, 0, h_announcement_create},
    {"GET", "/api/v1/announcements/:id", ALL, 0, h_announcement_get},
    {"GET", "/api/v1/admin/users", ADMIN, 0, h_users_list},
    {"POST", "/api/v1/admin/users", ADMIN, 0, h_users_create},
    {"PATCH", "/api/v1/admin/users/:id", ADMIN, 0, h_users_update},
    {"POST", "/api/v1/admin/users/:id/revoke-sessions", ADMIN, 0, h_users_revoke},
    {"GET", "/api/v1/admin/audit", ADMIN, 0, h_audit_list},
    {"POST", "/api/v1/admin/audit/verify", ADMIN, 0, h_audit_verify},
};

/* each area of the product keeps its routes in its own table (routes_<area>.c) */
static const struct {
	const struct route *table;
	const int *n;
} tables[] = {
    {routes, NULL},
    {routes_people, &routes_people_n},
    {routes_cases, &routes_cases_n},
    {routes_activities, &routes_activities_n},
    {routes_resources, &routes_resources_n},
    {routes_search, &routes_search_n},
    {routes_contacts, &routes_contacts_n},
    {routes_telephony, &routes_telephony_n},
};
#define NTABLES ((int)(sizeof(tables) / sizeof(tables[0])))

static int table_len(int i)
{
	return tables[i].n ? *tables[i].n : (int)(sizeof(routes) / sizeof(routes[0]));
}

const struct route *dispatch_table(int i, int *ret_n)
{
	if (i < 0 || i >= NTABLES)
		return NULL;
	*ret_n = table_len(i);
	return tables[i].table;
}

static int is_safe_method(const char *m)
{
	return !strcmp(m, "GET") || !strcmp(m, "HEAD");
}

/* the browser must be on our own origin for anything that changes state */
int api_same_origin(struct app *app, struct req *rq)
{
	const char *site = req_header(rq, "Sec-Fetch-Site");
	if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
		return 0;
	const char *origin = req_header(rq, "Origin");
	if (!origin)
		return 1;
	if (app->cfg.public_origin)
		return !strcmp(origin, app->cfg.public_origin);
	const char *host = req_header(rq, "Host");
	if (!host)
		return 0;
	const char *rest = !strncmp(origin, "http://", 7)    ? origin + 7
			   : !strncmp(origin, "https://", 8) ? origin + 8
							     : NULL;
	return rest && !strcmp(rest, host);
}

/*
 * authenticate: puts rq's live session in rq->api_ctx. May answer: without
 * one (401) or when the store fails it answers and sets *ret_answered to 1.
 * Returns 0.
 */
static int authenticate(struct app *app, struct req *rq, struct resp *rs, int *ret_answered)
{
	*ret_answered = 1;
	const char *token = req_cookie(rq, session_cookie_name(app));
	if (!token || strlen(token) > 128)
		return api_error(rs, 401, "unauthenticated", "Please sign in.");
	char hash[SHA256_HEX_LEN + 1];
	crypto_sha256_hex(token, strlen(token), hash);
	struct api_session *s = arena_alloc(&rq->arena, sizeof(*s));
	struct db_tx *tx;
	int rc = store_begin(app->store, STORE_READ_ONE, &tx); /* one statement */
	if (!rc) {
		rc = store_session_find(tx, &rq->arena, hash, &s->s);
		store_rollback(tx);
	}
	if (rc == ERR_NOT_FOUND)
		return api_error(rs, 401, "unauthenticated", "Please sign in.");
	if (rc)
		return api_fail(rq, rs, rc, "session lookup");
	if (s->s.expires_ms <= rq->now_ms ||
	    s->s.last_seen_ms + app->cfg.idle_timeout_ms <= rq->now_ms || s->s.user.disabled) {
		session_clear_cookie(app, rq, rs);
		return api_error(rs, 401, "session_ended",
				 "Your session ended; please sign in again.");
	}
	s->role = role_parse(s->s.user.role);
	/* writing last_seen on every request would make reads into writes; a minute is enough */
	if (rq->now_ms - s->s.last_seen_ms > 60000 && strcmp(rq->route, "/api/v1/events")) {
		if (!(rc = store_begin(app->store, STORE_WRITE, &tx))) {
			rc = store_session_touch(tx, s->s.id, rq->now_ms);
			rc = rc ? (store_rollback(tx), rc) : store_commit(tx);
		}
		if (rc)
			return api_fail(rq, rs, rc, "session touch");
	}
	rq->api_ctx = s;
	rq->user_id = s->s.user_id;
	*ret_answered = 0;
	return 0;
}

/* check_csrf: may answer: without the session's CSRF token it answers 403, *ret_answered 1. */
static int check_csrf(struct api_session *s, struct req *rq, struct resp *rs, int *ret_answered)
{
	const char *tok = req_header(rq, "X-CSRF-Token");
	size_t n = strlen(s->s.csrf_token);
	*ret_answered = !tok || strlen(tok) != n || !crypto_equal(tok, s->s.csrf_token, n);
	if (*ret_answered)
		return api_error(rs, 403, "csrf_failed", "The request lacks a valid CSRF token.");
	return 0;
}

void dispatch_request(void *appv, struct req *rq, struct resp *rs)
{
	struct app *app = appv;
	const struct route *r = NULL;
	if (!strcmp(rq->path, "/") && is_safe_method(rq->method)) {
		rq->route = "/";
		static_serve(rq, rs, "index.html");
		return;
	}
	if (!strncmp(rq->path, "/assets/", 8) && is_safe_method(rq->method)) {
		rq->route = "/assets/*";
		static_serve(rq, rs, rq->path + 8);
		return;
	}
	enum router_result found = ROUTER_NOT_FOUND;
	for (int i = 0; i < NTABLES && found != ROUTER_MATCH; i++) {
		enum router_result one =
		    router_match(tables[i].table, table_len(i), rq->method, rq->path, rq, &r);
		if (one != ROUTER_NOT_FOUND)
			found = one;
	}
	switch (found) {
	case ROUTER_NOT_FOUND:
		api_error(rs, 404, "not_found", "There is nothing at this address.");
		return;
	case ROUTER_BAD_METHOD:
		api_error(rs, 405, "method_not_allowed", "This address does not take that method.");
		return;
	case ROUTER_MATCH:
		break;
	}
	rq->route = r->pattern;
	if (!is_safe_method(rq->method) && !api_same_origin(app, rq)) {
		api_error(rs, 403, "csrf_failed", "Cross-site requests are refused.");
		return;
	}
	if (!(r->flags & ROUTE_PUBLIC)) {
		int answered;
		authenticate(app, rq, rs, &answered);
		if (answered)
			return;
		struct api_session *s = api_session(rq);
		if (!is_safe_method(rq->method))
			check_csrf(s, rq, rs, &answered);
		if (answered)
			return;
		if (!role_allowed(s->role, r->roles)) {
			api_error(rs, 403, "forbidden", "Your role does not allow this.");
			return;
		}
		if (s->s.user.must_change_password && !(r->flags & ROUTE_PASSWORD_OK)) {
			api_error(rs, 403, "password_change_required",
				  "Choose a new password before going on.");
			return;
		}
	}
	int rc = r->handler(rq, rs, app);
	if (rc)
		api_fail(rq, rs, rc, r->pattern);
	else if (!rs->status && !rs->json && !rs->stream)
		rs->status = 204;
}
