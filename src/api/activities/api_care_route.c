/*
 * api_care_route.c: Activar Ruta. A task that requests a care route alerts every
 * signed-in coordinator (a live event, ids only) and mails the coordinators'
 * address list, in the transaction that saves it; coordinators then move
 * the request forward (requested → acknowledged → completed) and the
 * requester sees each step live.
 */
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/activities/care_route.h"
#include "domain/validate.h"
#include "store/activities/store_activities.h"
#include "store/store_outbox.h"
#include "api/api.h"
#include "api/activities/api_activities.h"
#include "core/banned.h"

#define ROUTE_LIST_MAX	200
#define COORD_ADDRS_MAX 20

/* one outbox row per address of the list; the message names the case, never the caller */
static int route_mail(struct app *app, struct db_tx *tx, struct req *rq, const struct task_rec *t)
{
	const char *list = app->cfg.coordinators_email;
	if (!list || !*list)
		return 0;
	const char *es, *en;
	route_type_names(t->route_type, &es, &en);
	char when[40];
	struct tm tm;
	time_t secs = (time_t)(t->route_requested_ms / 1000);
	gmtime_r(&secs, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	const char *casenum = t->act.case_number ? t->act.case_number : "—";
	struct outbox_rec m = {
	    .kind = "route_activation",
	    .subject = arena_printf(&rq->arena, "Activar Ruta: %s — %s", es, t->act.subject),
	    .body = arena_printf(
		&rq->arena,
		"Se solicitó la activación de una ruta de atención.\n\nRuta: %s\nTarea: %s "
		"(#%" PRId64
		")\nCaso: %s\nSolicitada por: %s\nFecha: %s\n\nAbra Faro para confirmarla.\n\n"
		"--\nA care route activation was requested.\nRoute: %s\nTask: %s (#%" PRId64
		")\nCase: %s\nRequested by: %s\nDate: %s\n",
		es, t->act.subject, t->act.id, casenum, t->created_name, when, en, t->act.subject,
		t->act.id, casenum, t->created_name, when),
	    .ref_type = "task",
	    .ref_id = t->act.id};
	struct buf why = BUF_INIT(128);
	int n = 0, rc = 0;
	for (const char *p = list; *p && !rc && n < COORD_ADDRS_MAX;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		char *addr = arena_strndup(&rq->arena, p, len);
		buf_reset(&why);
		if (len && !validate_email(addr, &why)) {
			m.to_addr = addr;
			rc = store_outbox_insert(tx, &m, rq->now_ms, NULL);
			n++;
		}
		p = end ? end + 1 : p + len;
	}
	buf_release(&why);
	return rc;
}

int act_route_notify(struct app *app, struct db_tx *tx, struct req *rq, const struct task_rec *t)
{
	int rc = api_event(tx, rq, "route_activation", 0, "coordinator", 0, "task", t->act.id);
	return rc ? rc : route_mail(app, tx, rq, t);
}

HANDLER(h_task_route)
{
	static const char *const keys[] = {"state", "version", NULL};
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	struct task_rec before, t;
	const char *state = NULL;
	int64_t version = 0, id = api_id_param(rq, "id");
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if ((rc = act_enum_field(w.body, "state", route_move_states, &w.e, &state)) ||
	    (rc = act_int_field(w.body, "version", 1, INT64_MAX, 0, &w.e, &version)))
		goto out;
	if (!state || !version) {
		rc = field_fail(&w.e, "invalid", state ? "version" : "state",
				"state and version are required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_task_get(w.tx, &rq->arena, id, &before)))
		goto out;
	/* a task without Activar Ruta has no activation (404); forward one step at a time */
	struct route_move_in in = {.type = before.route_type,
				   .state_before = before.route_state,
				   .state = state,
				   .role = s->role};
	struct route_move_out mv;
	int ack = route_state_of(state) == ROUTE_ACKNOWLEDGED;
	rc = route_move_check(&in, &mv, &w.e.msg);
	if (rc == ERR_INVALID)
		w.e.field = "state";
	if (rc == ERR_CONFLICT) {
		rc = 0;
		api_error(rs, 409, "invalid_transition",
			  ack ? "Only a requested route can be acknowledged."
			      : "Only an acknowledged route can be completed.");
		goto out;
	}
	if (rc)
		goto out;
	t = before;
	t.act.version = version;
	t.route_state = state;
	if (mv.to == ROUTE_ACKNOWLEDGED) {
		t.route_acknowledged_ms = rq->now_ms;
		t.route_acknowledged_by = s->s.user_id;
	} else {
		t.route_completed_ms = rq->now_ms;
		t.route_completed_by = s->s.user_id;
	}
	rc = store_task_update(w.tx, &t, s->s.user_id, rq->now_ms, &t.act.version);
	if (rc == ERR_CONFLICT) { /* read who saved first */
		if (!(rc = store_task_get(w.tx, &rq->arena, id, &t)))
			rc = act_stale(w.tx, rq, rs, "task", &t.act);
		goto out;
	}
	if (rc || (rc = store_task_get(w.tx, &rq->arena, id, &t)) ||
	    (rc = api_audit(w.tx, rq, mv.action, "task", id,
			    json_pack("{s:s,s:s}", "from", before.route_state, "to", state))) ||
	    (rc = api_event(w.tx, rq, "route_activation", t.act.created_by, NULL, 0, "task", id)) ||
	    (rc = api_event(w.tx, rq, "route_activation", 0, "coordinator", 0, "task", id)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "task", task_json(&t));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_route_list)
{
	const char *q = req_query(rq, "state"), *state = NULL;
	struct task_rec *ts;
	struct db_tx *tx;
	int n, rc, st = route_state_of(q);
	if (st >= 0)
		state = route_states[st];
	if (q && !state)
		return api_field_error(rs, "invalid", "state",
				       "state must be requested, acknowledged or completed");
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_task_routes(tx, &rq->arena, state, ROUTE_LIST_MAX, &ts, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, task_json(&ts[i]));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}
