/*
 * contact_rules.h: the rules of a contact (seed 003) without I/O: its codes, which status moves
 * are allowed, the service needs derived from its referrals, the closing checklist and the
 * force-close policy.
 */
#ifndef FARO_CONTACT_RULES_H
#define FARO_CONTACT_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "domain/roles.h"

enum contact_status { CONTACT_OPEN, CONTACT_CLOSED, CONTACT_INCOMPLETE, CONTACT_STATUS__N };

/* the stable codes, NULL-ended, in enum order where there is an enum (the interface translates) */
extern const char *const contact_statuses[];
extern const char *const contact_channels[];   /* voice sms chat email walk_in */
extern const char *const contact_directions[]; /* inbound outbound */

/* the longest text each field takes (bytes of the JSON string) and the longest lists */
#define CONTACT_CODE_MAX	   40	 /* channel, status, option codes */
#define CONTACT_TERM_MAX	   100	 /* a taxonomy term id */
#define CONTACT_NOTES_MAX	   50000 /* the notes of one contact */
#define CONTACT_REASON_MAX	   500	 /* why a referral was removed */
#define CONTACT_LABEL_MAX	   80	 /* a line's name, a tag's or an option's label */
#define CONTACT_TAGS_MAX	   30	 /* tags on one contact */
#define CONTACT_NEEDS_MAX	   20	 /* needs the agent adds by hand */
#define CONTACT_REFERRALS_MAX	   50	 /* referrals of one contact, removed ones included */
#define CONTACT_ALL_NEEDS_MAX	   (CONTACT_NEEDS_MAX + CONTACT_REFERRALS_MAX)
#define CONTACT_LIST_MAX	   100	/* contacts in one page of a list */
#define CONTACT_CHECK_MAX	   40	/* items of a closing checklist */
#define CONTACT_TEMPLATES_MAX	   50	/* note templates of the organisation */
#define CONTACT_TEMPLATE_TITLE_MAX 100	/* characters of a template's title */
#define CONTACT_TEMPLATE_TEXT_MAX  4000 /* characters of a template's text */

/* contact_status_of: the status named s, or -1 (s may be NULL). */
int contact_status_of(const char *s);
/* contact_code_in: 1 when s is one of list (s may be NULL). */
int contact_code_in(const char *const *list, const char *s);
/* contact_code_ok: 1 when s is 1-40 of [a-z0-9_] (option codes an organisation defines). */
int contact_code_ok(const char *s);
/* contact_chars: how many characters (UTF-8 code points) s has; s is valid UTF-8 (jansson's). */
size_t contact_chars(const char *s);
/* contact_read_only: 1 when a contact in status may no longer change (closed or incomplete). */
int contact_read_only(int status);

/* how a contact leaves "open" */
enum contact_move { CONTACT_MOVE_CLOSE, CONTACT_MOVE_FORCE_CLOSE };
/*
 * contact_transition: the status a contact in status from reaches by move
 * (open -> closed; open -> incomplete by force) in *ret_status. ERR_CONFLICT
 * when from is read-only, ERR_INVALID when from is no status.
 */
int contact_transition(int from, enum contact_move move, int *ret_status);

/* ---- service needs ---- */

/* an active (not removed) referral, as the needs see it; term_id NULL when it carries none */
struct contact_ref_fact {
	int64_t id;
	const char *term_id;
};
/* a need of a contact; term_id points into the input */
struct contact_need {
	const char *term_id;
	int is_primary;
	int manual;	     /* 1: the agent added it by hand (whatever the referrals say) */
	int64_t referral_id; /* the first referral it comes from, 0: none */
};
struct contact_needs_in {
	const struct contact_ref_fact *refs; /* active referrals, oldest first */
	int nrefs;
	const char *const *manual; /* terms the agent added, in their order */
	int nmanual;
	const char *primary_mark; /* the agent's primary mark, or NULL */
};
/*
 * contact_needs_derive: the needs of a contact: each referral's term (once,
 * oldest first), then the manual terms not already there. The primary is
 * the agent's mark when it names one of those needs, else the first
 * referral's term, else none: the agent can always override, and removing
 * a referral re-derives. Writes at most cap needs to out, *ret_n how many;
 * ERR_TOO_LARGE when they do not fit.
 */
int contact_needs_derive(const struct contact_needs_in *in, struct contact_need *out, int cap,
			 int *ret_n);

/* ---- the closing checklist ---- */

/* the seed's marks: green check, yellow warning, red X, clock */
enum contact_mark { CONTACT_DONE, CONTACT_ATTENTION, CONTACT_MISSING, CONTACT_PENDING };
extern const char *const contact_marks[]; /* "done" "attention" "missing" "pending" */

/* what the contact and its profile have */
struct contact_close_facts {
	int has_profile;
	int nneeds, has_primary;
	const char *caller_served, *service_provided; /* NULL: not answered */
	int has_postal_code;			      /* the profile's postal code */
	int ntags;
	const int *demo_filled; /* per required demographic field (in the requirements' order) */
};
/* what the organisation requires besides the seed's four items */
struct contact_requirements {
	int postal_code, tags;
	const char *const
	    *demographics; /* required demographic fields (contact_demo_key_ok keys) */
	int ndemographics;
};
struct contact_check_item {
	const char *item; /* "profile" "needs" "primary_need" "caller_served" "service_provided"
			     "postal_code" "demographic" "tags" */
	enum contact_mark mark;
	char field[80]; /* what the item links to: "needs", "profile.postal_code", ... */
};
/*
 * contact_checklist: the closing checklist of f under req, in the seed's
 * order, into out (cap items), *ret_n how many, *ret_may_close 1 when every
 * item is done. Items about the profile are pending while no profile is
 * chosen; a need list without a primary needs attention. ERR_TOO_LARGE
 * when cap is too small.
 */
int contact_checklist(const struct contact_close_facts *f, const struct contact_requirements *req,
		      struct contact_check_item *out, int cap, int *ret_n, int *ret_may_close);
/*
 * contact_demo_key_ok: 1 when key names a demographic field the closing
 * checklist can require: language, gender, age, address, phone, email, or
 * a field of people_demo_fields.
 */
int contact_demo_key_ok(const char *key);
/* contact_demo_field: the field a demographic key links to ("profile.demographics.ethnicity"). */
int contact_demo_field(const char *key, char *out, size_t cap);

/* ---- force close ---- */

struct contact_force_policy {
	unsigned roles;	       /* ROLE_BIT()s that may force close */
	int approval_required; /* 1: a supervisor must approve */
};
enum contact_force { CONTACT_FORCE_DENIED, CONTACT_FORCE_DIRECT, CONTACT_FORCE_APPROVAL };
/*
 * contact_force_close_check: what a user of role r asking to force close
 * gets under p: denied when the role is not listed; direct when no approval
 * is required or r is a supervisor or admin (they are the approvers);
 * otherwise a request a supervisor must approve.
 */
enum contact_force contact_force_close_check(const struct contact_force_policy *p, enum role r);

/* a force-close request: waiting, approved, declined, or withdrawn (the contact closed normally) */
enum contact_force_state {
	CONTACT_FORCE_PENDING,
	CONTACT_FORCE_APPROVED,
	CONTACT_FORCE_DECLINED,
	CONTACT_FORCE_WITHDRAWN,
	CONTACT_FORCE_STATE__N
};
extern const char *const contact_force_states[]; /* "pending" "approved" "declined" "withdrawn" */
/* what a supervisor does with a request, or what settles it when the contact closes otherwise */
enum contact_force_decision {
	CONTACT_DECIDE_APPROVE,
	CONTACT_DECIDE_DECLINE,
	CONTACT_DECIDE_CLOSED /* the contact closed through the checklist */
};
/*
 * contact_force_decide: the state a request in state from reaches by d in
 * *ret_state: only a pending request is decided (approve -> approved,
 * decline -> declined, closed -> withdrawn). ERR_CONFLICT when from is
 * already decided, ERR_INVALID when from is no state.
 */
int contact_force_decide(int from, enum contact_force_decision d, int *ret_state);
/* contact_force_state_of: the state named s, or -1 (s may be NULL). */
int contact_force_state_of(const char *s);

#endif
