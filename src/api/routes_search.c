/* routes_search.c: the route table of resource search while the caller talks: keywords, distance, service area, taxonomy, open now (seed 003). */
#include <stddef.h>

#include "../domain/roles.h"
#include "../http/router.h"
#include "dispatch.h"
#include "handlers.h"
#include "../core/banned.h"

const struct route routes_search[] = {
    {NULL, NULL, 0, 0, NULL}, /* keeps the array non-empty; never matched */
};
const int routes_search_n = 0;
