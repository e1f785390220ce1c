/* routes_search.c: the route table of resource search while the caller talks: keywords, distance,
 * service area, taxonomy, open now (seed 003). */
#include <stddef.h>

#include "domain/roles.h"
#include "http/router.h"
#include "api/search/api_search.h"
#include "api/dispatch.h"
#include "core/banned.h"

#define ALL ROLES_ALL /* every staff role searches the directory */

const struct route routes_search[] = {
    {"GET", "/api/v1/search/resources", ALL, 0, h_search_resources},
    {"GET", "/api/v1/search/filters", ALL, 0, h_search_filters},
    {"GET", "/api/v1/search/services/:id", ALL, 0, h_search_service},
};
const int routes_search_n = (int)(sizeof(routes_search) / sizeof(routes_search[0]));
