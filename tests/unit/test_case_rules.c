/* test_case_rules.c: case statuses, priorities, numbers, changed fields, closing and reopening. */
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/err.h"
#include "../../src/domain/cases/case_rules.h"
#include "test.h"

#define NOW 1767225600000LL /* 2026-01-01T00:00:00Z */

static void test_codes(void)
{
	CHECK(case_status_of("open") == CASE_OPEN &&
		  case_status_of("in_progress") == CASE_IN_PROGRESS &&
		  case_status_of("waiting") == CASE_WAITING &&
		  case_status_of("closed") == CASE_CLOSED,
	      "statuses in enum order");
	CHECK(case_status_of("done") < 0 && case_status_of("Closed") < 0 &&
		  case_status_of("") < 0 && case_status_of(NULL) < 0,
	      "unknown statuses");
	CHECK(case_priority_of("low") == CASE_LOW && case_priority_of("urgent") == CASE_URGENT &&
		  case_priority_of("critical") < 0 && case_priority_of(NULL) < 0,
	      "priorities");
	CHECK(!case_statuses[CASE_STATUS__N] && !case_priorities[CASE_PRIORITY__N],
	      "the lists end after the enums");
	CHECK(case_list_status_ok("active") && case_list_status_ok("waiting") &&
		  !case_list_status_ok("all") && !case_list_status_ok(NULL),
	      "list filters: active or a status");
}

static void test_numbers(void)
{
	char n[CASE_NUMBER_MAX];
	CHECK(!case_number(2026, 123, n, sizeof(n)) && !strcmp(n, "CAS-2026-000123"),
	      "six digits (got %s)", n);
	CHECK(!case_number(2026, 1234567, n, sizeof(n)) && !strcmp(n, "CAS-2026-1234567"),
	      "more when needed (got %s)", n);
	CHECK(case_number(2026, 0, n, sizeof(n)) == ERR_INVALID &&
		  case_number(0, 1, n, sizeof(n)) == ERR_INVALID,
	      "numbers start at 1, years are real");
	CHECK(case_number(2026, 1, n, 10) == ERR_INVALID, "a buffer too small is refused");
}

static void test_changed_fields(void)
{
	struct case_facts a = {.subject = "Ayuda",
			       .description = NULL,
			       .category = "salud",
			       .status = "open",
			       .priority = "normal",
			       .assigned_user_id = 4,
			       .closed_ms = 0};
	struct case_facts b = a;
	CHECK(case_changed_fields(&a, &b) == 0, "no change");
	b.closed_ms = NOW;
	CHECK(case_changed_fields(&a, &b) == 0, "closed_ms is derived, not a change");
	b.description = "";
	CHECK(case_changed_fields(&a, &b) == CASE_F_DESCRIPTION, "none to text is a change");
	b = a;
	b.subject = "Ayuda 2";
	b.assigned_user_id = 0;
	CHECK(case_changed_fields(&a, &b) == (CASE_F_SUBJECT | CASE_F_ASSIGNEE),
	      "subject and assignee");
	b = a;
	b.status = "closed";
	b.priority = "high";
	b.category = NULL;
	CHECK(case_changed_fields(&a, &b) == (CASE_F_STATUS | CASE_F_PRIORITY | CASE_F_CATEGORY),
	      "status, priority, category");
	CHECK(!strcmp(case_field_names[2], "status") &&
		  !strcmp(case_field_names[5], "assigned_user_id") && !case_field_names[6],
	      "field names follow the bits");
}

/* one change: before (NULL: new) with status from and closed_ms at, to status to */
static int change(const char *from, int64_t at, const char *to, const char *priority,
		  struct case_change_out *out, struct buf *why)
{
	struct case_facts b = {.status = from, .priority = "normal", .closed_ms = at};
	struct case_facts a = b;
	a.status = to;
	a.priority = priority;
	struct case_change_in in = {.before = from ? &b : NULL, .after = &a, .now_ms = NOW};
	return case_change_check(&in, out, why);
}

static void test_changes(void)
{
	struct case_change_out o;
	struct buf why = BUF_INIT(128);
	CHECK(!change(NULL, 0, "open", "normal", &o, NULL) && o.move == CASE_MOVE_NONE &&
		  !o.closed_ms,
	      "a new open case");
	CHECK(!change(NULL, 0, "closed", "low", &o, NULL) && o.move == CASE_MOVE_CLOSE &&
		  o.closed_ms == NOW,
	      "a case created closed carries when");
	CHECK(!change("open", 0, "closed", "normal", &o, NULL) && o.move == CASE_MOVE_CLOSE &&
		  o.closed_ms == NOW,
	      "closing stamps now");
	CHECK(!change("closed", 5, "closed", "urgent", &o, NULL) && o.move == CASE_MOVE_NONE &&
		  o.closed_ms == 5,
	      "a closed case keeps when it closed");
	CHECK(!change("closed", 5, "in_progress", "normal", &o, NULL) &&
		  o.move == CASE_MOVE_REOPEN && o.closed_ms == 0,
	      "reopening clears it");
	CHECK(!change("open", 0, "waiting", "normal", &o, NULL) && o.move == CASE_MOVE_STATUS &&
		  !o.closed_ms,
	      "an open status to another");
	CHECK(!change("waiting", 0, "waiting", "normal", &o, NULL) && o.move == CASE_MOVE_NONE,
	      "no move");
	CHECK(!change("archived", 0, "closed", "normal", &o, NULL) && o.move == CASE_MOVE_CLOSE &&
		  o.closed_ms == NOW,
	      "an unknown stored status counts as open");
	/* every status may follow every other */
	for (int f = 0; f < CASE_STATUS__N; f++)
		for (int t = 0; t < CASE_STATUS__N; t++)
			CHECK(!change(case_statuses[f], f == CASE_CLOSED ? 5 : 0, case_statuses[t],
				      "normal", &o, NULL),
			      "%s -> %s allowed", case_statuses[f], case_statuses[t]);
	CHECK(change("open", 0, "done", "normal", &o, &why) == ERR_INVALID &&
		  o.refusal == CASE_REFUSE_STATUS && strstr(why.data, "status"),
	      "an unknown status is refused (%s)", why.data);
	buf_reset(&why);
	CHECK(change("open", 0, "closed", "meh", &o, &why) == ERR_INVALID &&
		  o.refusal == CASE_REFUSE_PRIORITY && strstr(why.data, "priority"),
	      "an unknown priority is refused (%s)", why.data);
	CHECK(change("open", 0, NULL, NULL, &o, NULL) == ERR_INVALID &&
		  o.refusal == CASE_REFUSE_STATUS,
	      "the status is checked first");
	buf_release(&why);
}

int main(void)
{
	test_codes();
	test_numbers();
	test_changed_fields();
	test_changes();
	return test_done();
}
