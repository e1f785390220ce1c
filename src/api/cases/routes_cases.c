/* routes_cases.c: the route table of cases (seed 000). */
#include <stddef.h>

#include "api/dispatch.h"
#include "api/handlers.h"
#include "api/cases/api_cases.h"
#include "domain/roles.h"
#include "http/router.h"
#include "core/banned.h"

/* every staff role works cases; the record's access rule is checked in the handler */
#define ALL ROLES_ALL

/* fixed paths before ":id" ones: the router takes the first match */
const struct route routes_cases[] = {
    {"GET", "/api/v1/cases", ALL, 0, h_cases_list},
    {"POST", "/api/v1/cases", ALL, 0, h_cases_create},
    {"GET", "/api/v1/cases/assignees", ALL, 0, h_case_assignees},
    {"GET", "/api/v1/cases/:id", ALL, 0, h_case_get},
    {"PATCH", "/api/v1/cases/:id", ALL, 0, h_case_update},
};
const int routes_cases_n = (int)(sizeof(routes_cases) / sizeof(routes_cases[0]));
