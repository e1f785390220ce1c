/*
 * store_contact_telephony.h: what the phone system changes on a contact, apart from the agent's own
 * edits: the time the call ended, and the agent a transferred call moved to.
 */
#ifndef FARO_STORE_CONTACT_TELEPHONY_H
#define FARO_STORE_CONTACT_TELEPHONY_H

#include <stdint.h>

struct db_tx;

/*
 * store_contact_call_ended: stamps contact id's ended_ms when not yet set.
 * The version does not move: the agent's unsaved edits stay valid.
 * ERR_NOT_FOUND when there is no such contact.
 */
int store_contact_call_ended(struct db_tx *tx, int64_t id, int64_t ended_ms);
/*
 * store_contact_call_transfer: open contact id now belongs to agent (its
 * version moves). ERR_CONFLICT when it is no longer open, ERR_NOT_FOUND.
 */
int store_contact_call_transfer(struct db_tx *tx, int64_t id, int64_t agent, int64_t now,
				int64_t *ret_version);

#endif
