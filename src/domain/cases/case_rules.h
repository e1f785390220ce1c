/* case_rules.h: a case's statuses, priorities and changes, and what closing stamps; no I/O. */
#ifndef FARO_CASE_RULES_H
#define FARO_CASE_RULES_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum case_status { CASE_OPEN, CASE_IN_PROGRESS, CASE_WAITING, CASE_CLOSED, CASE_STATUS__N };
enum case_priority { CASE_LOW, CASE_NORMAL, CASE_HIGH, CASE_URGENT, CASE_PRIORITY__N };

/* the stable codes, NULL-ended, in enum order (the interface translates them) */
extern const char *const case_statuses[];
extern const char *const case_priorities[];

/* the longest text each field takes (bytes of the JSON string) */
#define CASE_SUBJECT_MAX     200
#define CASE_DESCRIPTION_MAX 10000
#define CASE_CATEGORY_MAX    80
#define CASE_CODE_MAX	     20	 /* status, priority */
#define CASE_LIST_MAX	     100 /* cases in one page of a list */
#define CASE_NUMBER_MAX	     32	 /* bytes of a case number with its NUL */

/* case_status_of: the status named s, or -1 (s may be NULL). */
int case_status_of(const char *s);
/* case_priority_of: the priority named s, or -1 (s may be NULL). */
int case_priority_of(const char *s);
/* case_list_status_ok: 1 when s may filter a list of cases: "active" (not closed) or a status. */
int case_list_status_ok(const char *s);
/*
 * case_number: the number of the n-th case of year, "CAS-2026-000123"
 * (numbers restart each year; more than six digits when needed), into out
 * of cap bytes. 0, or ERR_INVALID when year or n is out of range or cap too small.
 */
int case_number(int year, int64_t n, char *out, size_t cap);

/* a case as the rules see it: what can be edited, and when it was closed */
struct case_facts {
	const char *subject, *description, *category; /* NULL: none */
	const char *status, *priority; /* codes as given; checked by case_change_check */
	int64_t assigned_user_id;      /* 0: nobody */
	int64_t closed_ms;	       /* 0: not closed */
};

/* the fields a change can touch, as bits of case_changed_fields, in the order of case_field_names
 */
enum case_field {
	CASE_F_SUBJECT = 1u << 0,
	CASE_F_DESCRIPTION = 1u << 1,
	CASE_F_STATUS = 1u << 2,
	CASE_F_PRIORITY = 1u << 3,
	CASE_F_CATEGORY = 1u << 4,
	CASE_F_ASSIGNEE = 1u << 5,
};
/* the stable name of each bit of enum case_field, lowest first, NULL-ended ("assigned_user_id"
 * last) */
extern const char *const case_field_names[];
/* case_changed_fields: the enum case_field bits of the fields that differ between a and b (0:
 * none). */
unsigned case_changed_fields(const struct case_facts *a, const struct case_facts *b);

/* how a change moves a case's status */
enum case_move {
	CASE_MOVE_NONE,	  /* the status stays (a new case: it is not closed) */
	CASE_MOVE_STATUS, /* from one open status to another */
	CASE_MOVE_CLOSE,  /* to closed (a new case created closed too) */
	CASE_MOVE_REOPEN, /* from closed to an open status */
};

/* which rule refused a change */
enum case_refusal { CASE_REFUSE_NONE, CASE_REFUSE_STATUS, CASE_REFUSE_PRIORITY };

/* the input of a change: the case as stored (NULL: it is being created) and as asked */
struct case_change_in {
	const struct case_facts *before;
	const struct case_facts *after;
	int64_t now_ms;
};

/* what the rules decide */
struct case_change_out {
	enum case_refusal refusal; /* CASE_REFUSE_NONE when the change may be made */
	enum case_move move;
	int64_t closed_ms; /* what the case carries: now when it closes, kept while closed, 0 when
			      open */
};

/*
 * case_change_check: whether a case may become in->after (status and
 * priority known codes; every status may follow every other: a closed case
 * is reopened by choosing an open status) and what follows: *ret's move and
 * closed_ms. 0, or ERR_INVALID with ret->refusal and a sentence in why (may
 * be NULL). Closing is the one place later rules (a checklist) will refuse.
 */
int case_change_check(const struct case_change_in *in, struct case_change_out *ret,
		      struct buf *why);

#endif
