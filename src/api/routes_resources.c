/* routes_resources.c: the route table of the resource directory: HSDS data, import/export, editing and the HSDS API (seed 003, Recursos). */
#include <stddef.h>

#include "../domain/roles.h"
#include "../http/router.h"
#include "dispatch.h"
#include "handlers.h"
#include "../core/banned.h"

const struct route routes_resources[] = {
    {NULL, NULL, 0, 0, NULL}, /* keeps the array non-empty; never matched */
};
const int routes_resources_n = 0;
