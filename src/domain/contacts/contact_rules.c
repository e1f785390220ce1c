/* contact_rules.c: a contact's codes, status moves, derived needs, closing checklist, force close.
 */
#include "domain/contacts/contact_rules.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "domain/people/people_rules.h"
#include "core/banned.h"

const char *const contact_statuses[] = {"open", "closed", "incomplete", NULL};
const char *const contact_channels[] = {"voice", "sms", "chat", "email", "walk_in", NULL};
const char *const contact_directions[] = {"inbound", "outbound", NULL};
const char *const contact_force_states[] = {"pending", "approved", "declined", "withdrawn", NULL};
const char *const contact_marks[] = {"done", "attention", "missing", "pending", NULL};

int contact_code_in(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

int contact_status_of(const char *s)
{
	for (int i = 0; s && contact_statuses[i]; i++)
		if (!strcmp(contact_statuses[i], s))
			return i;
	return -1;
}

int contact_code_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > CONTACT_CODE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

int contact_read_only(int status)
{
	return status != CONTACT_OPEN;
}

int contact_transition(int from, enum contact_move move, int *ret_status)
{
	if (from < 0 || from >= CONTACT_STATUS__N)
		return ERR_INVALID;
	if (contact_read_only(from))
		return ERR_CONFLICT;
	*ret_status = move == CONTACT_MOVE_FORCE_CLOSE ? CONTACT_INCOMPLETE : CONTACT_CLOSED;
	return 0;
}

/* the index of the need for term in out[0..n), or -1 */
static int need_find(const struct contact_need *out, int n, const char *term)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(out[i].term_id, term))
			return i;
	return -1;
}

int contact_needs_derive(const struct contact_needs_in *in, struct contact_need *out, int cap,
			 int *ret_n)
{
	int n = 0;
	const char *first = NULL;
	for (int i = 0; i < in->nrefs; i++) {
		const char *t = in->refs[i].term_id;
		if (!t || need_find(out, n, t) >= 0)
			continue;
		if (n == cap)
			return ERR_TOO_LARGE;
		if (!first)
			first = t;
		out[n++] = (struct contact_need){.term_id = t, .referral_id = in->refs[i].id};
	}
	for (int i = 0; i < in->nmanual; i++) {
		int at = need_find(out, n, in->manual[i]);
		if (at >= 0) {
			out[at].manual = 1;
			continue;
		}
		if (n == cap)
			return ERR_TOO_LARGE;
		out[n++] = (struct contact_need){.term_id = in->manual[i], .manual = 1};
	}
	/* the agent's mark wins while it names a need; else the first referral informs it */
	int p = in->primary_mark ? need_find(out, n, in->primary_mark) : -1;
	if (p < 0 && first)
		p = need_find(out, n, first);
	if (p >= 0)
		out[p].is_primary = 1;
	*ret_n = n;
	return 0;
}

/* demographic keys outside people_demo_fields and the profile field each links to */
static const struct {
	const char *key, *field;
} demo_top[] = {
    {"language", "profile.language"}, {"gender", "profile.gender"}, {"age", "profile.birth_date"},
    {"address", "profile.address"},   {"phone", "profile.phones"},  {"email", "profile.emails"},
};
#define NDEMO_TOP ((int)(sizeof(demo_top) / sizeof(demo_top[0])))

int contact_demo_key_ok(const char *key)
{
	for (int i = 0; key && i < NDEMO_TOP; i++)
		if (!strcmp(demo_top[i].key, key))
			return 1;
	return key && people_demo_find(key) != NULL;
}

int contact_demo_field(const char *key, char *out, size_t cap)
{
	int n = -1;
	for (int i = 0; i < NDEMO_TOP && n < 0; i++)
		if (!strcmp(demo_top[i].key, key))
			n = snprintf(out, cap, "%s", demo_top[i].field);
	if (n < 0 && people_demo_find(key))
		n = snprintf(out, cap, "profile.demographics.%s", key);
	return n < 0 || (size_t)n >= cap ? ERR_INVALID : 0;
}

/* appends one item; ERR_TOO_LARGE when out is full */
static int item(struct contact_check_item *out, int cap, int *n, const char *name,
		enum contact_mark mark, const char *field)
{
	if (*n == cap)
		return ERR_TOO_LARGE;
	struct contact_check_item *it = &out[(*n)++];
	it->item = name;
	it->mark = mark;
	snprintf(it->field, sizeof(it->field), "%s", field);
	return 0;
}

static enum contact_mark done_or(int done, enum contact_mark otherwise)
{
	return done ? CONTACT_DONE : otherwise;
}

int contact_checklist(const struct contact_close_facts *f, const struct contact_requirements *req,
		      struct contact_check_item *out, int cap, int *ret_n, int *ret_may_close)
{
	int n = 0, rc;
	/* the profile's own items wait for the profile (the clock), the rest is missing or done */
	enum contact_mark of_profile = f->has_profile ? CONTACT_MISSING : CONTACT_PENDING;
	if ((rc = item(out, cap, &n, "profile", done_or(f->has_profile, CONTACT_MISSING),
		       "profile_id")) ||
	    (rc = item(out, cap, &n, "needs", done_or(f->nneeds > 0, CONTACT_MISSING), "needs")) ||
	    (rc = item(out, cap, &n, "primary_need",
		       f->has_primary ? CONTACT_DONE
		       : f->nneeds    ? CONTACT_ATTENTION
				      : CONTACT_MISSING,
		       "primary_term_id")) ||
	    (rc = item(out, cap, &n, "caller_served",
		       done_or(f->caller_served && *f->caller_served, CONTACT_MISSING),
		       "caller_served")) ||
	    (rc = item(out, cap, &n, "service_provided",
		       done_or(f->service_provided && *f->service_provided, CONTACT_MISSING),
		       "service_provided")))
		return rc;
	if (req->postal_code &&
	    (rc = item(out, cap, &n, "postal_code",
		       done_or(f->has_profile && f->has_postal_code, of_profile),
		       "profile.postal_code")))
		return rc;
	for (int i = 0; i < req->ndemographics; i++) {
		char field[80];
		if ((rc = contact_demo_field(req->demographics[i], field, sizeof(field))) ||
		    (rc = item(
			 out, cap, &n, "demographic",
			 done_or(f->has_profile && f->demo_filled && f->demo_filled[i], of_profile),
			 field)))
			return rc;
	}
	if (req->tags &&
	    (rc = item(out, cap, &n, "tags", done_or(f->ntags > 0, CONTACT_MISSING), "tags")))
		return rc;
	int all = 1;
	for (int i = 0; i < n; i++)
		all &= out[i].mark == CONTACT_DONE;
	*ret_n = n;
	*ret_may_close = all;
	return 0;
}

enum contact_force contact_force_close_check(const struct contact_force_policy *p, enum role r)
{
	if (r < 0 || r >= ROLE__MAX || !(p->roles & ROLE_BIT(r)))
		return CONTACT_FORCE_DENIED;
	if (!p->approval_required || r == ROLE_SUPERVISOR || r == ROLE_ADMIN)
		return CONTACT_FORCE_DIRECT;
	return CONTACT_FORCE_APPROVAL;
}

int contact_force_state_of(const char *s)
{
	for (int i = 0; s && contact_force_states[i]; i++)
		if (!strcmp(contact_force_states[i], s))
			return i;
	return -1;
}

int contact_force_decide(int from, enum contact_force_decision d, int *ret_state)
{
	static const int to[] = {CONTACT_FORCE_APPROVED, CONTACT_FORCE_DECLINED,
				 CONTACT_FORCE_WITHDRAWN};
	if (from < 0 || from >= CONTACT_FORCE_STATE__N || d < 0 || d > CONTACT_DECIDE_CLOSED)
		return ERR_INVALID;
	if (from != CONTACT_FORCE_PENDING) /* decided once: a second supervisor is too late */
		return ERR_CONFLICT;
	*ret_state = to[d];
	return 0;
}

size_t contact_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80; /* continuation bytes are not characters */
	return n;
}
