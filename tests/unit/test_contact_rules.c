/* test_contact_rules.c: contact codes, status moves, needs derived from referrals, the closing
 * checklist and the force-close policy. */
#include <string.h>

#include "../../src/core/err.h"
#include "../../src/domain/contacts/contact_rules.h"
#include "test.h"

static void test_codes_and_moves(void)
{
	int to = -1;
	CHECK(contact_status_of("open") == CONTACT_OPEN &&
		  contact_status_of("incomplete") == CONTACT_INCOMPLETE &&
		  contact_status_of("Closed") < 0 && contact_status_of(NULL) < 0,
	      "statuses");
	CHECK(contact_code_in(contact_channels, "walk_in") &&
		  !contact_code_in(contact_channels, "phone") &&
		  !contact_code_in(contact_channels, NULL),
	      "channels");
	CHECK(contact_code_ok("emotional_support") && !contact_code_ok("") &&
		  !contact_code_ok("Sí") && !contact_code_ok(NULL),
	      "option codes");
	CHECK(!contact_transition(CONTACT_OPEN, CONTACT_MOVE_CLOSE, &to) && to == CONTACT_CLOSED,
	      "open -> closed");
	CHECK(!contact_transition(CONTACT_OPEN, CONTACT_MOVE_FORCE_CLOSE, &to) &&
		  to == CONTACT_INCOMPLETE,
	      "open -> incomplete by force");
	CHECK(contact_transition(CONTACT_CLOSED, CONTACT_MOVE_CLOSE, &to) == ERR_CONFLICT &&
		  contact_transition(CONTACT_INCOMPLETE, CONTACT_MOVE_CLOSE, &to) == ERR_CONFLICT &&
		  contact_transition(CONTACT_CLOSED, CONTACT_MOVE_FORCE_CLOSE, &to) == ERR_CONFLICT,
	      "closed and incomplete are read-only");
	CHECK(contact_transition(7, CONTACT_MOVE_CLOSE, &to) == ERR_INVALID, "no such status");
	CHECK(contact_read_only(CONTACT_CLOSED) && contact_read_only(CONTACT_INCOMPLETE) &&
		  !contact_read_only(CONTACT_OPEN),
	      "read-only statuses");
}

/* derives into out; returns n, or -1 on failure */
static int derive(const struct contact_ref_fact *refs, int nrefs, const char *const *manual,
		  int nmanual, const char *mark, struct contact_need *out, int cap)
{
	struct contact_needs_in in = {refs, nrefs, manual, nmanual, mark};
	int n;
	return contact_needs_derive(&in, out, cap, &n) ? -1 : n;
}

static const char *primary_of(const struct contact_need *out, int n)
{
	for (int i = 0; i < n; i++)
		if (out[i].is_primary)
			return out[i].term_id;
	return NULL;
}

static void test_needs(void)
{
	struct contact_need out[8];
	struct contact_ref_fact refs[] = {{1, "food"}, {2, "shelter"}, {3, "food"}, {4, NULL}};
	int n = derive(refs, 4, NULL, 0, NULL, out, 8);
	CHECK(n == 2 && !strcmp(out[0].term_id, "food") && out[0].is_primary &&
		  out[0].referral_id == 1 && !strcmp(out[1].term_id, "shelter") &&
		  !out[1].is_primary && !out[0].manual,
	      "first referral primary, later secondary, each term once");
	n = derive(refs + 1, 3, NULL, 0, NULL, out, 8);
	CHECK(n == 2 && !strcmp(primary_of(out, n), "shelter"),
	      "removing the first referral re-derives the primary");
	n = derive(NULL, 0, NULL, 0, NULL, out, 8);
	CHECK(n == 0 && !primary_of(out, n), "no referrals, no needs");
	const char *manual[] = {"legal", "shelter"};
	n = derive(refs, 2, manual, 2, NULL, out, 8);
	CHECK(n == 3 && !strcmp(out[2].term_id, "legal") && out[2].manual && out[1].manual &&
		  !out[0].manual && !strcmp(primary_of(out, n), "food"),
	      "manual needs kept beside derived ones");
	n = derive(refs, 2, manual, 2, "legal", out, 8);
	CHECK(n == 3 && !strcmp(primary_of(out, n), "legal") && !out[0].is_primary,
	      "the agent's primary mark wins over the first referral");
	n = derive(refs, 2, NULL, 0, "shelter", out, 8);
	CHECK(n == 2 && !strcmp(primary_of(out, n), "shelter"), "a mark on a derived need holds");
	n = derive(refs, 1, NULL, 0, "shelter", out, 8);
	CHECK(n == 1 && !strcmp(primary_of(out, n), "food"),
	      "a mark on a need that went away falls back to the first referral");
	n = derive(NULL, 0, manual, 2, NULL, out, 8);
	CHECK(n == 2 && !primary_of(out, n), "manual needs alone: the agent marks the primary");
	CHECK(derive(refs, 4, manual, 2, NULL, out, 2) == -1, "too many needs for the room");
}

static const struct contact_check_item *find(const struct contact_check_item *it, int n,
					     const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(it[i].item, name))
			return &it[i];
	return NULL;
}

static void test_checklist(void)
{
	struct contact_check_item it[CONTACT_CHECK_MAX];
	int n, may;
	struct contact_requirements none = {0};
	struct contact_close_facts f = {0};
	CHECK(!contact_checklist(&f, &none, it, CONTACT_CHECK_MAX, &n, &may) && n == 5 && !may,
	      "the seed's five items by default");
	CHECK(it[0].mark == CONTACT_MISSING && !strcmp(it[0].field, "profile_id") &&
		  it[1].mark == CONTACT_MISSING && !strcmp(it[1].item, "needs") &&
		  it[2].mark == CONTACT_MISSING && it[3].mark == CONTACT_MISSING &&
		  it[4].mark == CONTACT_MISSING && !strcmp(it[4].field, "service_provided"),
	      "an empty contact misses everything");
	f = (struct contact_close_facts){.has_profile = 1, .nneeds = 2};
	contact_checklist(&f, &none, it, CONTACT_CHECK_MAX, &n, &may);
	CHECK(find(it, n, "primary_need")->mark == CONTACT_ATTENTION && !may,
	      "needs without a primary need attention");
	f = (struct contact_close_facts){.has_profile = 1,
					 .nneeds = 1,
					 .has_primary = 1,
					 .caller_served = "yes",
					 .service_provided = "referral"};
	CHECK(!contact_checklist(&f, &none, it, CONTACT_CHECK_MAX, &n, &may) && may &&
		  find(it, n, "needs")->mark == CONTACT_DONE,
	      "the four items and a profile: may close");
	f.caller_served = "";
	contact_checklist(&f, &none, it, CONTACT_CHECK_MAX, &n, &may);
	CHECK(!may && find(it, n, "caller_served")->mark == CONTACT_MISSING,
	      "a blank answer is missing");
	f.caller_served = "yes";
	const char *demo[] = {"gender", "ethnicity"};
	int filled[] = {1, 0};
	struct contact_requirements req = {
	    .postal_code = 1, .tags = 1, .demographics = demo, .ndemographics = 2};
	f.demo_filled = filled;
	CHECK(!contact_checklist(&f, &req, it, CONTACT_CHECK_MAX, &n, &may) && n == 9 && !may,
	      "required postal code, two demographics and tags add four items");
	CHECK(it[5].mark == CONTACT_MISSING && !strcmp(it[5].field, "profile.postal_code") &&
		  it[6].mark == CONTACT_DONE && !strcmp(it[6].field, "profile.gender") &&
		  it[7].mark == CONTACT_MISSING &&
		  !strcmp(it[7].field, "profile.demographics.ethnicity") &&
		  it[8].mark == CONTACT_MISSING && !strcmp(it[8].item, "tags"),
	      "each item links to its field");
	f.has_profile = 0;
	contact_checklist(&f, &req, it, CONTACT_CHECK_MAX, &n, &may);
	CHECK(it[5].mark == CONTACT_PENDING && it[6].mark == CONTACT_PENDING &&
		  it[8].mark == CONTACT_MISSING,
	      "profile items wait for the profile");
	f.has_profile = 1, f.has_postal_code = 1, f.ntags = 1, filled[1] = 1;
	CHECK(!contact_checklist(&f, &req, it, CONTACT_CHECK_MAX, &n, &may) && may,
	      "everything required: may close");
	CHECK(contact_checklist(&f, &req, it, 4, &n, &may) == ERR_TOO_LARGE, "room is checked");
	CHECK(contact_demo_key_ok("age") && contact_demo_key_ok("migrant_status") &&
		  !contact_demo_key_ok("shoe_size") && !contact_demo_key_ok(NULL),
	      "demographic keys");
}

static void test_force_close(void)
{
	struct contact_force_policy p = {ROLE_BIT(ROLE_AGENT) | ROLE_BIT(ROLE_SUPERVISOR), 1};
	CHECK(contact_force_close_check(&p, ROLE_AGENT) == CONTACT_FORCE_APPROVAL,
	      "an agent's force close waits for a supervisor");
	CHECK(contact_force_close_check(&p, ROLE_SUPERVISOR) == CONTACT_FORCE_DIRECT,
	      "a supervisor is the approver");
	CHECK(contact_force_close_check(&p, ROLE_COORDINATOR) == CONTACT_FORCE_DENIED &&
		  contact_force_close_check(&p, ROLE_ADMIN) == CONTACT_FORCE_DENIED &&
		  contact_force_close_check(&p, ROLE_INVALID) == CONTACT_FORCE_DENIED,
	      "roles not listed may not");
	p.approval_required = 0;
	CHECK(contact_force_close_check(&p, ROLE_AGENT) == CONTACT_FORCE_DIRECT,
	      "without approval the agent closes at once");
	CHECK(contact_force_close_check(&p, ROLE_COORDINATOR) == CONTACT_FORCE_DENIED,
	      "without approval a role not listed still may not");
	p.roles = 0, p.approval_required = 1;
	CHECK(contact_force_close_check(&p, ROLE_SUPERVISOR) == CONTACT_FORCE_DENIED,
	      "no role listed: nobody forces, supervisors neither");
}

static void test_chars(void)
{
	CHECK(contact_chars("") == 0 && contact_chars(NULL) == 0, "empty");
	CHECK(contact_chars("Sí, señora") == 10 && strlen("Sí, señora") == 12,
	      "characters, not bytes");
	CHECK(contact_chars("\xe2\x82\xac\xf0\x9f\x98\x80") == 2, "3- and 4-byte characters");
}

static void test_force_requests(void)
{
	int st = -1;
	CHECK(!contact_force_decide(CONTACT_FORCE_PENDING, CONTACT_DECIDE_APPROVE, &st) &&
		  st == CONTACT_FORCE_APPROVED,
	      "pending -> approved");
	CHECK(!contact_force_decide(CONTACT_FORCE_PENDING, CONTACT_DECIDE_DECLINE, &st) &&
		  st == CONTACT_FORCE_DECLINED,
	      "pending -> declined");
	CHECK(!contact_force_decide(CONTACT_FORCE_PENDING, CONTACT_DECIDE_CLOSED, &st) &&
		  st == CONTACT_FORCE_WITHDRAWN,
	      "pending -> withdrawn when the contact closes otherwise");
	for (int s = CONTACT_FORCE_APPROVED; s < CONTACT_FORCE_STATE__N; s++)
		CHECK(contact_force_decide(s, CONTACT_DECIDE_APPROVE, &st) == ERR_CONFLICT &&
			  contact_force_decide(s, CONTACT_DECIDE_DECLINE, &st) == ERR_CONFLICT,
		      "a decided request is decided once");
	CHECK(contact_force_decide(-1, CONTACT_DECIDE_APPROVE, &st) == ERR_INVALID, "no state");
	CHECK(contact_force_state_of("declined") == CONTACT_FORCE_DECLINED &&
		  contact_force_state_of("open") == -1 && contact_force_state_of(NULL) == -1,
	      "state names");
}

int main(void)
{
	test_codes_and_moves();
	test_needs();
	test_checklist();
	test_force_close();
	test_force_requests();
	test_chars();
	return test_done();
}
