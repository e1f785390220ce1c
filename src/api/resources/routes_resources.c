/* routes_resources.c: the route table of the resource directory: HSDS data, import/export, editing
 * and the HSDS API (seed 003, Recursos). */
#include <stddef.h>

#include "domain/roles.h"
#include "http/router.h"
#include "api/dispatch.h"
#include "api/handlers.h"
#include "api/resources/api_resources.h"
#include "core/banned.h"

#define ALL   ROLES_ALL
#define ADMIN ROLES_ADMIN

/* the HSDS read API is for signed-in staff only: the directory is the organisation's working data
 */
const struct route routes_resources[] = {
    {"GET", "/hsds/", ALL, 0, h_hsds_root},
    {"GET", "/hsds/services", ALL, 0, h_hsds_services},
    {"GET", "/hsds/services/:id", ALL, 0, h_hsds_service},
    {"GET", "/hsds/service_at_locations", ALL, 0, h_hsds_sals},
    {"GET", "/hsds/service_at_locations/:id", ALL, 0, h_hsds_sal},
    {"GET", "/hsds/organizations", ALL, 0, h_hsds_organizations},
    {"GET", "/hsds/organizations/:id", ALL, 0, h_hsds_organization},
    {"GET", "/hsds/taxonomy_terms", ALL, 0, h_hsds_terms},
    {"GET", "/hsds/taxonomy_terms/:id", ALL, 0, h_hsds_term},
    {"GET", "/hsds/taxonomies", ALL, 0, h_hsds_taxonomies},
    {"GET", "/hsds/taxonomies/:id", ALL, 0, h_hsds_taxonomy},
    {"GET", "/api/v1/admin/directory/:type", ADMIN, 0, h_directory_list},
    {"POST", "/api/v1/admin/directory/:type", ADMIN, 0, h_directory_create},
    {"GET", "/api/v1/admin/directory/:type/:id", ADMIN, 0, h_directory_get},
    {"PATCH", "/api/v1/admin/directory/:type/:id", ADMIN, 0, h_directory_update},
    {"DELETE", "/api/v1/admin/directory/:type/:id", ADMIN, 0, h_directory_delete},
    {"POST", "/api/v1/admin/directory-import", ADMIN, 0, h_directory_import},
    {"GET", "/api/v1/admin/directory-export", ADMIN, 0, h_directory_export},
};
const int routes_resources_n = sizeof(routes_resources) / sizeof(routes_resources[0]);
