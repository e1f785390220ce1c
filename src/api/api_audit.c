/* api_audit.c: administrators read the audit log and check its hash chain. */
#include <string.h>

#include "core/err.h"
#include "core/jsonx.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

HANDLER(h_audit_list)
{
	int64_t before = 0, limit = 50;
	const char *b = req_query(rq, "before"), *l = req_query(rq, "limit");
	if ((b && validate_id(b, &before)) || (l && (validate_id(l, &limit) || limit > 200)))
		return api_invalid(rs, "invalid",
				   "before must be a sequence number, limit 1 to 200");
	struct audit_rec *es;
	int n, rc;
	struct db_tx *tx;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_audit_list(tx, &rq->arena, before, (int)limit, &es, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		json_t *detail = jsonx_parse(es[i].detail, strlen(es[i].detail), 64, NULL);
		json_array_append_new(
		    items,
		    json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o}", "seq", (json_int_t)es[i].seq,
			      "ts_ms", (json_int_t)es[i].ts_ms, "actor", es[i].actor, "action",
			      es[i].action, "object_type", es[i].object_type, "object_id",
			      es[i].object_id, "detail", detail ? detail : json_object()));
	}
	json_t *body = json_pack("{s:o}", "items", items);
	json_object_set_new(body, "next_before",
			    n == limit && n ? json_integer(es[n - 1].seq) : json_null());
	resp_json(rs, 200, body);
	return 0;
}

HANDLER(h_audit_verify)
{
	int64_t checked, broken;
	int rc;
	struct db_tx *tx;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		return rc;
	if ((rc = store_audit_verify(tx, &checked, &broken)) ||
	    (rc = api_audit(tx, rq, "audit.verify", "audit", 0,
			    json_pack("{s:I,s:I}", "checked", (json_int_t)checked,
				      "first_broken_seq", (json_int_t)broken)))) {
		store_rollback(tx);
		return rc;
	}
	json_t *body = json_pack("{s:b,s:I}", "ok", !broken, "checked", (json_int_t)checked);
	if (broken)
		json_object_set_new(body, "first_broken_seq", json_integer(broken));
	resp_json(rs, 200, body);
	return api_commit(app, rq, rs, tx);
}
