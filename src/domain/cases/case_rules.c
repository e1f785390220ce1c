/* case_rules.c: the statuses, priorities, numbers and status changes of cases. */
#include "domain/cases/case_rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

const char *const case_statuses[] = {"open", "in_progress", "waiting", "closed", NULL};
const char *const case_priorities[] = {"low", "normal", "high", "urgent", NULL};
const char *const case_field_names[] = {"subject",  "description",	"status", "priority",
					"category", "assigned_user_id", NULL};

static int index_of(const char *const *list, const char *s)
{
	for (int i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return i;
	return -1;
}

int case_status_of(const char *s)
{
	return index_of(case_statuses, s);
}

int case_priority_of(const char *s)
{
	return index_of(case_priorities, s);
}

int case_list_status_ok(const char *s)
{
	return s && (!strcmp(s, "active") || case_status_of(s) >= 0);
}

int case_number(int year, int64_t n, char *out, size_t cap)
{
	if (year < 1 || year > 9999 || n < 1 || !cap)
		return ERR_INVALID;
	int len = snprintf(out, cap, "CAS-%d-%06" PRId64, year, n);
	return len < 0 || (size_t)len >= cap ? ERR_INVALID : 0;
}

/* 1 when two optional texts differ (one NULL and the other not counts) */
static int text_differs(const char *a, const char *b)
{
	return (!a) != (!b) || (a && strcmp(a, b));
}

unsigned case_changed_fields(const struct case_facts *a, const struct case_facts *b)
{
	unsigned bits = 0;
	const char *const av[] = {a->subject, a->description, a->status, a->priority, a->category};
	const char *const bv[] = {b->subject, b->description, b->status, b->priority, b->category};
	for (int i = 0; i < 5; i++)
		if (text_differs(av[i], bv[i]))
			bits |= 1u << i;
	if (a->assigned_user_id != b->assigned_user_id)
		bits |= CASE_F_ASSIGNEE;
	return bits;
}

int case_change_check(const struct case_change_in *in, struct case_change_out *ret, struct buf *why)
{
	const struct case_facts *b = in->before, *a = in->after;
	*ret = (struct case_change_out){CASE_REFUSE_NONE, CASE_MOVE_NONE, 0};
	int to = case_status_of(a->status);
	if (to < 0) {
		ret->refusal = CASE_REFUSE_STATUS;
		if (why)
			buf_puts(why, "status must be open, in_progress, waiting or closed");
		return ERR_INVALID;
	}
	if (case_priority_of(a->priority) < 0) {
		ret->refusal = CASE_REFUSE_PRIORITY;
		if (why)
			buf_puts(why, "priority must be low, normal, high or urgent");
		return ERR_INVALID;
	}
	/* a stored status we no longer know counts as open: the case can still be edited */
	int from = b ? case_status_of(b->status) : -1;
	int was_closed = from == CASE_CLOSED;
	if (to == CASE_CLOSED && !was_closed)
		ret->move = CASE_MOVE_CLOSE;
	else if (to != CASE_CLOSED && was_closed)
		ret->move = CASE_MOVE_REOPEN;
	else if (b && to != from)
		ret->move = CASE_MOVE_STATUS;
	/* a case that is closed carries when; reopening clears it */
	if (ret->move == CASE_MOVE_CLOSE)
		ret->closed_ms = in->now_ms;
	else if (to == CASE_CLOSED)
		ret->closed_ms = b->closed_ms;
	return 0;
}
