/* test_rules.c: router matching, roles, password policy, validation and the audit chain link. */
#include <string.h>

#include "core/buf.h"
#include "core/chain.h"
#include "core/crypto.h"
#include "core/err.h"
#include "domain/password_policy.h"
#include "domain/roles.h"
#include "domain/validate.h"
#include "http/http.h"
#include "http/router.h"
#include "test.h"

static int h(struct req *rq, struct resp *rs, struct app *app)
{
	(void)rq, (void)rs, (void)app;
	return 0;
}

static void test_router(void)
{
	static const struct route t[] = {
	    {"GET", "/api/v1/users", 1, 0, h},
	    {"POST", "/api/v1/users", 1, 0, h},
	    {"GET", "/api/v1/users/:id", 1, 0, h},
	    {"PATCH", "/api/v1/users/:id/roles/:role", 1, 0, h},
	};
	struct req rq;
	memset(&rq, 0, sizeof(rq));
	arena_init(&rq.arena);
	const struct route *r = NULL;
	CHECK(router_match(t, 4, "GET", "/api/v1/users", &rq, &r) == ROUTER_MATCH && r == &t[0],
	      "exact path");
	CHECK(router_match(t, 4, "POST", "/api/v1/users", &rq, &r) == ROUTER_MATCH && r == &t[1],
	      "method picks the route");
	CHECK(router_match(t, 4, "GET", "/api/v1/users/42", &rq, &r) == ROUTER_MATCH &&
		  r == &t[2] && !strcmp(req_param(&rq, "id"), "42"),
	      "parameter captured");
	CHECK(router_match(t, 4, "PATCH", "/api/v1/users/7/roles/admin", &rq, &r) == ROUTER_MATCH &&
		  !strcmp(req_param(&rq, "id"), "7") && !strcmp(req_param(&rq, "role"), "admin"),
	      "two parameters");
	CHECK(router_match(t, 4, "DELETE", "/api/v1/users/42", &rq, &r) == ROUTER_BAD_METHOD,
	      "known path, other method: 405");
	CHECK(router_match(t, 4, "GET", "/api/v1/users/", &rq, &r) == ROUTER_NOT_FOUND,
	      "empty parameter does not match");
	CHECK(router_match(t, 4, "GET", "/api/v1/users/42/x", &rq, &r) == ROUTER_NOT_FOUND,
	      "longer path does not match");
	CHECK(router_match(t, 4, "GET", "/api/v1/user", &rq, &r) == ROUTER_NOT_FOUND,
	      "prefix only");
	CHECK(router_match(t, 4, "HEAD", "/api/v1/users", &rq, &r) == ROUTER_MATCH && r == &t[0],
	      "HEAD answered like GET");
	CHECK(router_match(t, 4, "GET", "api/v1/users", &rq, &r) == ROUTER_NOT_FOUND,
	      "path without leading slash");
	arena_release(&rq.arena);
}

static void test_roles(void)
{
	CHECK(role_parse("admin") == ROLE_ADMIN && role_parse("Admin") == ROLE_INVALID,
	      "role names");
	CHECK(role_allowed(ROLE_SUPERVISOR, ROLES_STAFF_LEADS) &&
		  !role_allowed(ROLE_AGENT, ROLES_STAFF_LEADS),
	      "leads");
	CHECK(!role_allowed(ROLE_INVALID, ROLES_ALL) &&
		  !role_allowed(ROLE_COORDINATOR, ROLES_ADMIN),
	      "deny by default");
}

static void check_pw(const char *pw, const char *user, int ok)
{
	struct buf why = BUF_INIT(256);
	int rc = password_check(pw, user, &why);
	CHECK((rc == 0) == ok, "password '%s' %s (%s)", pw, ok ? "accepted" : "refused", why.data);
	buf_release(&why);
}

static void test_passwords(void)
{
	check_pw("elefante-azul-marea", "ana", 1);
	check_pw("corto-1", "ana", 0);
	check_pw("Password1234", "ana", 0);
	check_pw("Faro2026!!!!", "ana", 0);
	check_pw("faro-faro-2026", "ana", 0);
	check_pw("anamaria1234", "anamaria", 0);
	check_pw("123456789012", "ana", 0);
	check_pw("83!2-19#4-55%0", "ana", 1);
	check_pw("ñññññññññññ", "ana", 0); /* 11 characters, 22 bytes: too short */
	check_pw("ññññññññññññ", "ana", 0);
	check_pw("ñandú-bailarín", "ana", 1);
	check_pw("abcdefghijklm", "ana", 0);
	char long_pw[200];
	for (int i = 0; i < 128; i++)
		long_pw[i] = "kq7x!"[i % 5];
	long_pw[128] = '\0';
	check_pw(long_pw, "ana", 1);
	long_pw[128] = 'z', long_pw[129] = '\0';
	check_pw(long_pw, "ana", 0);
}

static void test_validate(void)
{
	struct buf why = BUF_INIT(256), f = BUF_INIT(128);
	int64_t id;
	CHECK(!validate_username("Ana.Ruiz", &f, &why) && !strcmp(f.data, "ana.ruiz"),
	      "username folds");
	CHECK(validate_username("an", &f, &why) && validate_username("ana ruiz", &f, &why),
	      "short or spaced usernames refused");
	CHECK(!validate_email("a@b.co", &why) && validate_email("a@b", &why) &&
		  validate_email("a@@b.co", &why) && validate_email("a b@c.co", &why) &&
		  validate_email("a@b.co\r\nBcc: x@y.z", &why),
	      "emails");
	CHECK(!validate_display_name("María José", &why) && validate_display_name("", &why) &&
		  validate_display_name("a\nb", &why),
	      "display names");
	CHECK(!validate_id("42", &id) && id == 42 && validate_id("0", &id) &&
		  validate_id("-1", &id) && validate_id("1e3", &id) &&
		  validate_id("1234567890123456789", &id),
	      "ids");
	buf_release(&why);
	buf_release(&f);
}

static void test_chain(void)
{
	char a[SHA256_HEX_LEN + 1], b[SHA256_HEX_LEN + 1], c[SHA256_HEX_LEN + 1];
	struct chain_fields f = {1, 1000, 7, "ana", "user.update", "user", "7", "{}", "rid"};
	chain_link("00", &f, a);
	chain_link("00", &f, b);
	CHECK(!strcmp(a, b) && strlen(a) == 64, "link is deterministic hex SHA-256");
	f.actor = "anb";
	chain_link("00", &f, c);
	CHECK(strcmp(a, c), "any field change changes the link");
	/* length prefixes: moving bytes between fields must not collide */
	struct chain_fields g1 = {1, 1, 1, "ab", "c", "", "", "", ""};
	struct chain_fields g2 = {1, 1, 1, "a", "bc", "", "", "", ""};
	chain_link("00", &g1, a);
	chain_link("00", &g2, b);
	CHECK(strcmp(a, b), "field boundaries are part of the hash");
	chain_link("01", &g1, c);
	CHECK(strcmp(a, c), "previous hash is part of the link");
}

int main(void)
{
	crypto_init();
	test_router();
	test_roles();
	test_passwords();
	test_validate();
	test_chain();
	return test_done();
}
