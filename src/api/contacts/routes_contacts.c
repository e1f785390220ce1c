/* routes_contacts.c: the route table of contacts (seed 003). */
#include <stddef.h>

#include "api/dispatch.h"
#include "api/handlers.h"
#include "api/contacts/api_contacts.h"
#include "domain/roles.h"
#include "http/router.h"
#include "core/banned.h"

/* every staff role handles contacts; who may change or list which one is checked in the handler */
#define ALL   ROLES_ALL
#define ADMIN ROLES_ADMIN
#define LEADS ROLES_STAFF_LEADS

/* fixed paths before ":id" ones: the router takes the first match */
const struct route routes_contacts[] = {
    {"GET", "/api/v1/contacts", ALL, 0, h_contacts_list},
    {"POST", "/api/v1/contacts", ALL, 0, h_contacts_create},
    {"GET", "/api/v1/contacts/mine/open", ALL, 0, h_contacts_mine_open},
    {"GET", "/api/v1/contacts/options", ALL, 0, h_contact_options},
    {"GET", "/api/v1/contacts/force-close-requests", LEADS, 0, h_contact_force_requests},
    {"POST", "/api/v1/contacts/force-close-requests/:rid/approve", LEADS, 0,
     h_contact_force_approve},
    {"POST", "/api/v1/contacts/force-close-requests/:rid/decline", LEADS, 0,
     h_contact_force_decline},
    {"GET", "/api/v1/contacts/:id", ALL, 0, h_contact_get},
    {"PATCH", "/api/v1/contacts/:id", ALL, 0, h_contact_update},
    {"PUT", "/api/v1/contacts/:id/notes", ALL, 0, h_contact_notes},
    {"POST", "/api/v1/contacts/:id/referrals", ALL, 0, h_contact_referral_add},
    {"DELETE", "/api/v1/contacts/:id/referrals/:rid", ALL, 0, h_contact_referral_remove},
    {"GET", "/api/v1/contacts/:id/checklist", ALL, 0, h_contact_checklist},
    {"POST", "/api/v1/contacts/:id/close", ALL, 0, h_contact_close},
    {"POST", "/api/v1/contacts/:id/force-close", ALL, 0, h_contact_force_close},
    {"GET", "/api/v1/admin/contact-settings", ADMIN, 0, h_contact_settings_get},
    {"PUT", "/api/v1/admin/contact-settings", ADMIN, 0, h_contact_settings_put},
};
const int routes_contacts_n = (int)(sizeof(routes_contacts) / sizeof(routes_contacts[0]));
