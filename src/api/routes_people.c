/* routes_people.c: the route table of profiles and cases (seed 000). */
#include <stddef.h>

#include "../domain/roles.h"
#include "../http/router.h"
#include "dispatch.h"
#include "handlers.h"
#include "../core/banned.h"

const struct route routes_people[] = {
    {NULL, NULL, 0, 0, NULL}, /* keeps the array non-empty; never matched */
};
const int routes_people_n = 0;
