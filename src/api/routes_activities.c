/* routes_activities.c: the route table of calls, tasks, Activar Ruta activations, reminders and the planning calendar (seed 000). */
#include <stddef.h>

#include "../domain/roles.h"
#include "../http/router.h"
#include "dispatch.h"
#include "handlers.h"
#include "../core/banned.h"

const struct route routes_activities[] = {
    {NULL, NULL, 0, 0, NULL}, /* keeps the array non-empty; never matched */
};
const int routes_activities_n = 0;
