/* routes_activities.c: the route table of calls, tasks, Activar Ruta activations, reminders and the
 * planning calendar (seed 000). */
#include <stddef.h>

#include "domain/activities/care_route.h"
#include "domain/roles.h"
#include "http/router.h"
#include "api/activities/api_activities.h"
#include "api/dispatch.h"
#include "core/banned.h"

#define ALL   ROLES_ALL
#define ADMIN ROLES_ADMIN
/* who works route activations: the coordinators, and the leads who oversee them */
#define COORDINATION ROUTE_MOVERS

const struct route routes_activities[] = {
    {"GET", "/api/v1/calls", ALL, 0, h_call_list},
    {"POST", "/api/v1/calls", ALL, 0, h_call_create},
    {"GET", "/api/v1/calls/:id", ALL, 0, h_call_get},
    {"PATCH", "/api/v1/calls/:id", ALL, 0, h_call_update},
    {"GET", "/api/v1/tasks", ALL, 0, h_task_list},
    {"POST", "/api/v1/tasks", ALL, 0, h_task_create},
    {"GET", "/api/v1/tasks/:id", ALL, 0, h_task_get},
    {"PATCH", "/api/v1/tasks/:id", ALL, 0, h_task_update},
    {"POST", "/api/v1/tasks/:id/route", COORDINATION, 0, h_task_route},
    {"GET", "/api/v1/route-activations", COORDINATION, 0, h_route_list},
    {"GET", "/api/v1/activities", ALL, 0, h_activities},
    {"GET", "/api/v1/activities/home", ALL, 0, h_activity_home},
    {"GET", "/api/v1/activities/cases", ALL, 0, h_activity_cases},
    {"GET", "/api/v1/activities/assignees", ALL, 0, h_activity_assignees},
    {"GET", "/api/v1/planning", ALL, 0, h_planning},
    {"GET", "/api/v1/reminders", ALL, 0, h_reminder_pending},
    {"GET", "/api/v1/reminders/:id", ALL, 0, h_reminder_get},
    {"POST", "/api/v1/reminders/:id/dismiss", ALL, 0, h_reminder_dismiss},
    {"POST", "/api/v1/reminders/:id/snooze", ALL, 0, h_reminder_snooze},
    {"GET", "/api/v1/admin/outbox", ADMIN, 0, h_outbox_list},
    {"POST", "/api/v1/admin/outbox/test", ADMIN, 0, h_outbox_test},
    {"POST", "/api/v1/admin/outbox/:id/retry", ADMIN, 0, h_outbox_retry},
};
const int routes_activities_n = (int)(sizeof(routes_activities) / sizeof(routes_activities[0]));
