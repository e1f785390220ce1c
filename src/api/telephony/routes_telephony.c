/* routes_telephony.c: the route table of telephony (phone-system events and their settings). */
#include <stddef.h>

#include "api/dispatch.h"
#include "api/handlers.h"
#include "api/telephony/api_telephony.h"
#include "domain/roles.h"
#include "http/router.h"
#include "core/banned.h"

#define ADMIN	    ROLES_ADMIN
#define SUPERVISION ROLES_STAFF_LEADS

/* the phone system has no session: its events carry a signature instead (api_telephony_event.c) */
const struct route routes_telephony[] = {
    {"POST", "/api/v1/telephony/events", 0, ROUTE_PUBLIC | ROUTE_NO_CSRF, h_telephony_event},
    {"GET", "/api/v1/telephony/missed", SUPERVISION, 0, h_telephony_missed},
    {"POST", "/api/v1/telephony/missed/:id/handled", SUPERVISION, 0, h_telephony_missed_handled},
    {"GET", "/api/v1/admin/telephony/integrations", ADMIN, 0, h_telephony_integrations_list},
    {"POST", "/api/v1/admin/telephony/integrations", ADMIN, 0, h_telephony_integration_create},
    {"DELETE", "/api/v1/admin/telephony/integrations/:id", ADMIN, 0,
     h_telephony_integration_retire},
    {"GET", "/api/v1/admin/telephony/extensions", ADMIN, 0, h_telephony_extensions_get},
    {"PUT", "/api/v1/admin/telephony/extensions", ADMIN, 0, h_telephony_extensions_put},
};
const int routes_telephony_n = (int)(sizeof(routes_telephony) / sizeof(routes_telephony[0]));
