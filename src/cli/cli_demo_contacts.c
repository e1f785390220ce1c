/* cli_demo_contacts.c: the demo organisation's contact lines and tags, saved through the admin's
 * rules. */
#include "core/err.h"
#include "core/jsonx.h"
#include "api/api.h"
#include "api/contacts/api_contacts.h"
#include "cli/cli.h"
#include "core/banned.h"

/* what a helpline's first screen needs to look like one: its lines (the numbers callers dial) and
 * tags */
static const char demo_settings[] =
    "{\"lines\": ["
    "{\"name\": \"Línea principal\", \"phone\": \"+57 601 555 1000\", \"channel\": \"voice\"},"
    "{\"name\": \"Línea de crisis\", \"phone\": \"+57 601 555 2000\", \"channel\": \"voice\"},"
    "{\"name\": \"Chat web\", \"channel\": \"chat\"},"
    "{\"name\": \"SMS\", \"phone\": \"+57 300 555 3000\", \"channel\": \"sms\"}],"
    "\"tags\": ["
    "{\"label_es\": \"Necesita seguimiento\", \"label_en\": \"Needs follow-up\"},"
    "{\"label_es\": \"Alta prioridad\", \"label_en\": \"High priority\"},"
    "{\"label_es\": \"Llamante recurrente\", \"label_en\": \"Repeat caller\"},"
    "{\"label_es\": \"Brecha de servicio\", \"label_en\": \"Service gap\"}]}";

int contacts_demo_seed(struct app *app, struct req *rq)
{
	struct field_err e = FIELD_ERR_INIT;
	struct db_tx *tx = NULL;
	json_t *body = json_loads(demo_settings, 0, NULL);
	int rc = body ? 0 : ERR_NOMEM;
	if (rc || (rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = contact_settings_seed(tx, rq, body, &e)))
		goto out;
	rc = store_commit(tx);
	tx = NULL;
out:
	store_rollback(tx);
	json_decref(body);
	buf_release(&e.msg);
	return rc;
}
