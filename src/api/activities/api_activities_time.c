/* api_activities_time.c: times in request bodies: epoch milliseconds or ISO 8601 with a zone;
 * anything else is refused. */
#include "core/buf.h"
#include "core/err.h"
#include "domain/activities/activity_rules.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

int api_parse_time(json_t *v, const char *field, int64_t *ret, struct buf *why)
{
	int64_t t = 0;
	if (json_is_integer(v)) {
		t = json_integer_value(v);
	} else if (!json_is_string(v) || json_string_length(v) > 40 ||
		   activity_time_parse(json_string_value(v), &t)) {
		buf_printf(why, "%s must be a date and time such as 2026-12-01T10:30:00Z", field);
		return ERR_INVALID;
	}
	if (!activity_time_in_range(t)) {
		buf_printf(why, "%s is outside the years 2000 to 2199", field);
		return ERR_INVALID;
	}
	*ret = t;
	return 0;
}
