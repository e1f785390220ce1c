/* test_care_route.c: Activar Ruta (request, lock, steps, movers) and the call and task rules. */
#include <string.h>

#include "../../src/core/buf.h"
#include "../../src/core/err.h"
#include "../../src/domain/activities/activity_rules.h"
#include "../../src/domain/activities/care_route.h"
#include "test.h"

static int request(const char *before, int activate, const char *type,
		   struct route_request_out *out)
{
	struct route_request_in in = {.type_before = before, .activate = activate, .type = type};
	return route_request_check(&in, out, NULL);
}

static void test_request(void)
{
	struct route_request_out o;
	CHECK(!request(NULL, -1, NULL, &o) && !o.type && !o.requested, "a task without a route");
	CHECK(!request(NULL, 1, "suicide_risk", &o) && !strcmp(o.type, "suicide_risk") &&
		  o.requested,
	      "activating requests the route");
	CHECK(request(NULL, 1, NULL, &o) == ERR_INVALID && o.refusal == ROUTE_REFUSE_TYPE_REQUIRED,
	      "activating needs a type");
	CHECK(!request(NULL, 0, "other", &o) && !o.type && !o.requested,
	      "a type without activating is ignored");
	CHECK(!request(NULL, -1, "other", &o) && !o.type, "a type alone is ignored too");
	/* once requested */
	CHECK(!request("other", -1, NULL, &o) && !strcmp(o.type, "other") && !o.requested,
	      "a later save keeps the route");
	CHECK(!request("other", 1, "other", &o) && !o.requested, "the same again is fine");
	CHECK(!request("other", 1, NULL, &o) && !o.requested, "activate again is fine");
	CHECK(request("other", -1, "mental_health", &o) == ERR_INVALID &&
		  o.refusal == ROUTE_REFUSE_TYPE_LOCKED,
	      "the type is locked");
	CHECK(request("other", 1, "mental_health", &o) == ERR_INVALID &&
		  o.refusal == ROUTE_REFUSE_TYPE_LOCKED,
	      "the type is locked with activate too");
	struct buf why = BUF_INIT(128);
	struct route_request_in in = {.type_before = "other", .activate = 0, .type = NULL};
	CHECK(route_request_check(&in, &o, &why) == ERR_INVALID &&
		  o.refusal == ROUTE_REFUSE_WITHDRAW && strstr(why.data, "withdrawn"),
	      "it cannot be withdrawn (%s)", why.data);
	buf_release(&why);
}

static int move(const char *type, const char *from, const char *to, enum role role,
		struct route_move_out *out)
{
	struct route_move_in in = {.type = type, .state_before = from, .state = to, .role = role};
	return route_move_check(&in, out, NULL);
}

static void test_moves(void)
{
	struct route_move_out o;
	CHECK(!move("other", "requested", "acknowledged", ROLE_COORDINATOR, &o) &&
		  o.to == ROUTE_ACKNOWLEDGED && !strcmp(o.action, "route.acknowledge"),
	      "requested -> acknowledged");
	CHECK(!move("other", "acknowledged", "completed", ROLE_SUPERVISOR, &o) &&
		  o.to == ROUTE_COMPLETED && !strcmp(o.action, "route.complete"),
	      "acknowledged -> completed");
	CHECK(!move("other", "requested", "acknowledged", ROLE_ADMIN, &o), "admins move routes");
	CHECK(move("other", "requested", "completed", ROLE_COORDINATOR, &o) == ERR_CONFLICT &&
		  o.refusal == ROUTE_REFUSE_STEP,
	      "no skipping a step");
	CHECK(move("other", "acknowledged", "acknowledged", ROLE_COORDINATOR, &o) == ERR_CONFLICT,
	      "no acknowledging twice");
	CHECK(move("other", "completed", "completed", ROLE_COORDINATOR, &o) == ERR_CONFLICT,
	      "completed is the end");
	CHECK(move("other", "completed", "acknowledged", ROLE_COORDINATOR, &o) == ERR_CONFLICT,
	      "no going back");
	CHECK(move("other", "requested", "requested", ROLE_COORDINATOR, &o) == ERR_INVALID &&
		  o.refusal == ROUTE_REFUSE_STATE,
	      "requested is not a move");
	CHECK(move(NULL, NULL, "acknowledged", ROLE_COORDINATOR, &o) == ERR_NOT_FOUND &&
		  o.refusal == ROUTE_REFUSE_NO_ROUTE,
	      "a task without a route has no activation");
	CHECK(move("other", "requested", "acknowledged", ROLE_AGENT, &o) == ERR_FORBIDDEN &&
		  o.refusal == ROUTE_REFUSE_ROLE,
	      "agents do not move routes");
	CHECK(move("other", "requested", "acknowledged", ROLE_INVALID, &o) == ERR_FORBIDDEN,
	      "nor does an unknown role");
	CHECK(role_allowed(ROLE_COORDINATOR, ROUTE_MOVERS) &&
		  !role_allowed(ROLE_AGENT, ROUTE_MOVERS),
	      "the movers");
}

static void test_route_names(void)
{
	const char *es, *en;
	route_type_names("gender_violence", &es, &en);
	CHECK(!strcmp(es, "Violencia de género") && !strcmp(en, "Gender-based violence"),
	      "names of a route");
	route_type_names("nope", &es, &en);
	CHECK(!strcmp(es, "nope") && !strcmp(en, "nope"), "an unknown type is its code");
	int named = 1;
	for (int i = 0; route_types[i]; i++) {
		route_type_names(route_types[i], &es, &en);
		named &= es != route_types[i] && route_type_valid(route_types[i]);
	}
	CHECK(named, "every route type has names");
	CHECK(!route_type_valid("Other") && !route_type_valid(NULL), "unknown route types");
	CHECK(route_state_of("requested") == ROUTE_REQUESTED &&
		  route_state_of("completed") == ROUTE_COMPLETED && route_state_of("done") < 0 &&
		  route_state_of(NULL) < 0,
	      "route states");
}

static void test_activities(void)
{
	CHECK(activity_may_edit(ROLE_AGENT, 5, 5, 6) && activity_may_edit(ROLE_AGENT, 6, 5, 6) &&
		  !activity_may_edit(ROLE_AGENT, 7, 5, 6) &&
		  !activity_may_edit(ROLE_COORDINATOR, 7, 5, 6) &&
		  activity_may_edit(ROLE_SUPERVISOR, 7, 5, 6) &&
		  activity_may_edit(ROLE_ADMIN, 7, 5, 6),
	      "its agent, its author or a lead");
	CHECK(activity_sees_all(ROLE_SUPERVISOR) && !activity_sees_all(ROLE_COORDINATOR),
	      "leads see every planning");
	int64_t start = 1767225600000LL;
	CHECK(activity_call_reminder("planned", start, 15) == start - 15 * 60000 &&
		  activity_call_reminder("planned", start, 0) == start &&
		  activity_call_reminder("planned", start, -1) == 0 &&
		  activity_call_reminder("held", start, 15) == 0,
	      "a planned call's reminder");
	CHECK(activity_task_reminder("not_started", start, 60) == start - 3600000 &&
		  activity_task_reminder("completed", start, 60) == 0 &&
		  activity_task_reminder("deferred", 0, 60) == 0 &&
		  activity_task_reminder("in_progress", start, -1) == 0,
	      "an open task's reminder");
	CHECK(activity_task_completed_ms("completed", 0, 9) == 9 &&
		  activity_task_completed_ms("completed", 3, 9) == 3 &&
		  activity_task_completed_ms("in_progress", 3, 9) == 0,
	      "completing stamps once; reopening clears");
	CHECK(activity_in(activity_task_statuses, "deferred") &&
		  !activity_in(activity_call_statuses, "deferred") &&
		  activity_in(activity_call_directions, "outbound") &&
		  !activity_in(activity_task_priorities, NULL),
	      "choices");
}

static void time_is(const char *s, int64_t want)
{
	int64_t t = 0;
	int rc = activity_time_parse(s, &t);
	if (want)
		CHECK(!rc && t == want, "time %s -> %lld (got %lld)", s, (long long)want,
		      (long long)t);
	else
		CHECK(rc == ERR_INVALID, "time %s is refused", s);
}

static void test_times(void)
{
	time_is("2026-12-01T10:30:00Z", 1796121000000LL);
	time_is("2026-12-01 10:30Z", 1796121000000LL);
	time_is("2026-12-01T10:30:00.5Z", 1796121000500LL);
	time_is("2026-12-01T10:30:00.123456Z", 1796121000123LL);
	time_is("2026-12-01T05:30:00-05:00", 1796121000000LL);
	time_is("2026-12-01T11:30+01:00", 1796121000000LL);
	time_is("2024-02-29T00:00Z", 1709164800000LL);
	time_is("2025-02-29T00:00Z", 0);
	time_is("2026-12-01T10:30:00", 0); /* no zone */
	time_is("2026-12-01T24:00Z", 0);
	time_is("2026-13-01T10:00Z", 0);
	time_is("2026-12-01T10:30:00.Z", 0);
	time_is("2026-12-01T10:30+15:00", 0);
	time_is("2026-12-01T10:30Zjunk", 0);
	time_is("tomorrow", 0);
	time_is("", 0);
	CHECK(activity_time_in_range(ACTIVITY_TIME_MIN_MS) &&
		  activity_time_in_range(ACTIVITY_TIME_MAX_MS) &&
		  !activity_time_in_range(ACTIVITY_TIME_MIN_MS - 1) &&
		  !activity_time_in_range(ACTIVITY_TIME_MAX_MS + 1),
	      "the years 2000 to 2199");
	int64_t d = ACTIVITY_DAY_MS, t0 = 1767225600000LL;
	CHECK(activity_planning_range_ok(t0, t0 + d) && activity_planning_range_ok(t0, t0 + 42 * d),
	      "planning ranges");
	CHECK(!activity_planning_range_ok(t0, t0 + 42 * d + 1) &&
		  !activity_planning_range_ok(t0, t0) && !activity_planning_range_ok(t0 + d, t0) &&
		  !activity_planning_range_ok(0, t0) && !activity_planning_range_ok(t0, 0),
	      "bad planning ranges");
}

int main(void)
{
	test_request();
	test_moves();
	test_route_names();
	test_activities();
	test_times();
	return test_done();
}
