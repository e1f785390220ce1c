/*
 * api_telephony.h: the telephony area: the handlers of routes_telephony.c (integrations and the
 * extension map for admins, signed events from the phone system, the supervisors' list of missed
 * and unassigned calls) and what its files share.
 */
#ifndef FARO_API_TELEPHONY_H
#define FARO_API_TELEPHONY_H

#include <jansson.h>

#include "api/api.h"
#include "api/handlers.h"
#include "store/telephony/store_telephony.h"

/* telephony_person: {"id","name"} of user id with name, or json null when id is 0. */
json_t *telephony_person(int64_t id, const char *name);
/* telephony_event_json: the supervisors' view of a received event (no answer text). */
json_t *telephony_event_json(const struct telephony_event_rec *e);

HANDLER(h_telephony_integrations_list);
HANDLER(h_telephony_integration_create);
HANDLER(h_telephony_integration_retire);
HANDLER(h_telephony_extensions_get);
HANDLER(h_telephony_extensions_put);
HANDLER(h_telephony_event);
HANDLER(h_telephony_missed);
HANDLER(h_telephony_missed_handled);

#endif
