/* api_cases.h: the cases area's header: the case view and the handlers of routes_cases.c. */
#ifndef FARO_API_CASES_H
#define FARO_API_CASES_H

#include <jansson.h>

#include "api/handlers.h"
#include "store/cases/store_case.h"

/* case_json: the full view of c (owned by the caller). */
json_t *case_json(const struct case_rec *c);

HANDLER(h_cases_list);
HANDLER(h_cases_create);
HANDLER(h_case_get);
HANDLER(h_case_update);
HANDLER(h_case_assignees);

#endif
