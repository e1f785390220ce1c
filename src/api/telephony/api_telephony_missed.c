/*
 * api_telephony_missed.c: the supervisors' list of calls nobody took: missed calls and events for
 * an unknown agent or line, newest first, each marked handled once someone saw to it.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/validate.h"
#include "api/telephony/api_telephony.h"
#include "core/banned.h"

#define MISSED_LIST_MAX 200

json_t *telephony_event_json(const struct telephony_event_rec *e)
{
	return json_pack(
	    "{s:I,s:s,s:s,s:s?,s:s,s:s?,s:s?,s:s?,s:s?,s:s,s:o,s:o,s:o,s:{s:I,s:s},s:I,s:o,s:o}",
	    "id", (json_int_t)e->id, "type", e->type, "status", e->status, "reason", e->reason,
	    "call_id", e->call_id, "from", e->from_number, "to", e->to_number, "agent", e->agent,
	    "to_agent", e->to_agent, "channel", e->channel, "duration_s",
	    e->duration_s >= 0 ? json_integer(e->duration_s) : json_null(), "agent_user",
	    telephony_person(e->agent_user_id, e->agent_name), "contact_id",
	    e->contact_id ? json_integer(e->contact_id) : json_null(), "integration", "id",
	    (json_int_t)e->integration_id, "name", e->integration_name, "received_ms",
	    (json_int_t)e->received_ms, "handled_ms",
	    e->handled_ms ? json_integer(e->handled_ms) : json_null(), "handled_by",
	    telephony_person(e->handled_by, e->handled_by_name));
}

HANDLER(h_telephony_missed)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_event_rec *es;
	int64_t before = 0, limit = 50;
	const char *b = req_query(rq, "before"), *l = req_query(rq, "limit"),
		   *p = req_query(rq, "pending");
	const char *bad = NULL;
	int n, rc;
	if (b && validate_id(b, &before))
		bad = "before";
	else if (l && (validate_id(l, &limit) || limit > MISSED_LIST_MAX))
		bad = "limit";
	else if (p && strcmp(p, "0") && strcmp(p, "1"))
		bad = "pending";
	if (bad)
		return api_field_error(rs, "invalid", bad,
				       "before is an id, limit 1 to 200, pending 0 or 1");
	/* the callers' numbers are people's data: who listed them is on record */
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_telephony_attention(w.tx, &rq->arena, before, p && !strcmp(p, "1"),
					    (int)limit + 1, &es, &n)))
		goto out;
	json_t *items = json_array(), *ids = json_array();
	for (int i = 0; i < n && i < limit; i++) {
		json_array_append_new(items, telephony_event_json(&es[i]));
		json_array_append_new(ids, json_integer(es[i].id));
	}
	if ((rc = api_audit(w.tx, rq, "telephony.missed.list", "telephony_event", 0,
			    json_pack("{s:o}", "ids", ids)))) {
		json_decref(items);
		goto out;
	}
	resp_json(rs, 200,
		  json_pack("{s:o,s:o}", "items", items, "next_before",
			    n > limit ? json_integer(es[limit - 1].id) : json_null()));
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_telephony_missed_handled)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_event_rec e;
	int64_t id = api_id_param(rq, "id");
	int rc = ERR_NOT_FOUND;
	if (!id || (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_telephony_event_handled(w.tx, id, rq->user_id, rq->now_ms)) ||
	    (rc = api_audit(w.tx, rq, "telephony.missed.handled", "telephony_event", id, NULL)) ||
	    (rc = store_telephony_event_get(w.tx, &rq->arena, id, &e)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "item", telephony_event_json(&e));
out:
	return api_write_end(&w, rs, rc);
}
