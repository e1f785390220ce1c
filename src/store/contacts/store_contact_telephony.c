/* store_contact_telephony.c: a contact's call ended or moved to another agent (phone system). */
#include "store/contacts/store_contact_telephony.h"

#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

static const struct db_stmt call_ended = {
    "contact_call_ended", "UPDATE contacts SET ended_ms = COALESCE(ended_ms, $2) WHERE id = $1 "
			  "RETURNING id"};
static const struct db_stmt call_transfer = {
    "contact_call_transfer",
    "UPDATE contacts SET agent_user_id = $2, updated_ms = $3, version = version + 1 WHERE id = "
    "$1 AND status = 'open' RETURNING version"};
static const struct db_stmt contact_there = {"contact_there",
					     "SELECT 1 FROM contacts WHERE id = $1"};

int store_contact_call_ended(struct db_tx *tx, int64_t id, int64_t ended_ms)
{
	struct db_val v[] = {DBV_INT_(id), DBV_INT_(ended_ms)};
	return store_one(tx, &call_ended, v, NPARAMS(v), NULL);
}

int store_contact_call_transfer(struct db_tx *tx, int64_t id, int64_t agent, int64_t now,
				int64_t *ret_version)
{
	struct db_val v[] = {DBV_INT_(id), DBV_INT_(agent), DBV_INT_(now)};
	int rc = store_one_int(tx, &call_transfer, v, NPARAMS(v), ret_version);
	if (rc == ERR_NOT_FOUND && !store_one(tx, &contact_there, v, 1, NULL))
		rc = ERR_CONFLICT;
	return rc;
}
