/* routes_people.c: the route table of profiles (seed 000). */
#include <stddef.h>

#include "domain/roles.h"
#include "http/router.h"
#include "api/people/api_profile.h"
#include "api/dispatch.h"
#include "api/handlers.h"
#include "core/banned.h"

/* every staff role answers callers; only admins set the organisation's country */
#define ALL   ROLES_ALL
#define ADMIN ROLES_ADMIN

/* fixed paths before ":id" ones: the router takes the first match */
const struct route routes_people[] = {
    {"GET", "/api/v1/profiles", ALL, 0, h_profiles_list},
    {"POST", "/api/v1/profiles", ALL, 0, h_profiles_create},
    {"POST", "/api/v1/profiles/search", ALL, 0, h_profiles_search},
    {"GET", "/api/v1/profiles/lookup", ALL, 0, h_profiles_lookup},
    {"GET", "/api/v1/profiles/:id", ALL, 0, h_profile_get},
    {"PATCH", "/api/v1/profiles/:id", ALL, 0, h_profile_update},
    {"GET", "/api/v1/profiles/:id/cases", ALL, 0, h_profile_cases},
    {"GET", "/api/v1/people/settings", ALL, 0, h_people_settings_get},
    {"PUT", "/api/v1/admin/people-settings", ADMIN, 0, h_people_settings_put},
};
const int routes_people_n = (int)(sizeof(routes_people) / sizeof(routes_people[0]));
