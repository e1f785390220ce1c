/* routes_activities.c: the route table of calls, tasks, Activar Ruta activations, reminders and the planning calendar (seed 000). */
#include <stddef.h>

#include "../domain/roles.h"
#include "../http/router.h"
#include "api_activities.h"
#include "dispatch.h"
#include "../core/banned.h"

#define ALL ROLES_ALL
#define ADMIN ROLES_ADMIN

const struct route routes_activities[] = {
    {"GET", "/api/v1/reminders/:id", ALL, 0, h_reminder_get},
    {"POST", "/api/v1/reminders/:id/snooze", ALL, 0, h_reminder_snooze},
    {"GET", "/api/v1/admin/outbox", ADMIN, 0, h_outbox_list},
    {"POST", "/api/v1/admin/outbox/test", ADMIN, 0, h_outbox_test},
    {"POST", "/api/v1/admin/outbox/:id/retry", ADMIN, 0, h_outbox_retry},
};
const int routes_activities_n = (int)(sizeof(routes_activities) / sizeof(routes_activities[0]));
