/*
 * api_telephony_event.c: POST /api/v1/telephony/events: an event of the phone system, signed with
 * its integration's secret; ringing and answered pop the agent's contact, ended stamps its end,
 * missed and events nobody can take land in the supervisors' list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "domain/phone.h"
#include "domain/telephony/telephony_rules.h"
#include "domain/validate.h"
#include "api/people/api_profile.h"
#include "api/telephony/api_telephony.h"
#include "store/contacts/store_contact.h"
#include "store/contacts/store_contact_telephony.h"
#include "core/banned.h"

/* one event in the making: what was sent, whose it is, and what became of it */
struct tel_ctx {
	struct db_tx *tx;
	struct req *rq;
	const struct telephony_integration_rec *integ;
	struct telephony_event ev;
	struct telephony_event_rec rec; /* status, reason, agent and contact as they end up */
	char actor[40];			/* who the audit log names: "telephony:ID" */
};

static int refuse(struct resp *rs, const char *why)
{
	return api_error(rs, 401, "bad_signature", why);
}

static int audit(struct tel_ctx *c, const char *action, const char *type, int64_t id,
		 json_t *detail)
{
	return api_audit_as(c->tx, c->rq, 0, c->actor, action, type, id, detail);
}

/* the user the phone system calls agent: an extension of the map, else a username; 0: nobody */
static int agent_resolve(struct tel_ctx *c, const char *agent, int64_t *ret)
{
	struct buf key = BUF_INIT(128);
	struct user_rec u;
	int rc = 0;
	*ret = 0;
	if (!agent)
		goto out;
	if (telephony_extension_ok(agent) &&
	    (rc = store_telephony_extension_user(c->tx, agent, ret)) != ERR_NOT_FOUND)
		goto out;
	rc = 0;
	if (username_key(agent, &key))
		goto out;
	rc = store_user_by_name(c->tx, &c->rq->arena, key.data, &u);
	if (rc == ERR_NOT_FOUND)
		rc = 0;
	else if (!rc && !u.disabled)
		*ret = u.id;
out:
	buf_release(&key);
	return rc;
}

/* the organisation's line the called number is (E.164 match); 0 when none */
static int line_resolve(struct tel_ctx *c, const char *country, int64_t *ret)
{
	struct contact_line_rec *ls;
	char e164[PHONE_E164_MAX];
	int n, rc;
	*ret = 0;
	if (!c->ev.to || phone_normalize(c->ev.to, country, e164, NULL))
		return 0;
	if ((rc = store_contact_lines(c->tx, &c->rq->arena, &ls, &n)))
		return rc;
	for (int i = 0; i < n; i++)
		if (ls[i].active && ls[i].phone && !strcmp(ls[i].phone, e164))
			*ret = ls[i].id;
	return 0;
}

/* the live pop: the contact screen opens in agent's browser, nobody else's */
static int pop(struct tel_ctx *c, int64_t agent, int64_t contact_id)
{
	return api_event(c->tx, c->rq, "contact_pop", agent, NULL, 0, "contact", contact_id);
}

/*
 * open_contact: the call's contact for agent: made when the call has none,
 * moved to agent when another has it open; then the pop. Sets rec's agent
 * and contact; reason unknown_line when the called number is no line.
 */
static int open_contact(struct tel_ctx *c, int64_t agent)
{
	const char *country = people_country(c->tx, &c->rq->arena);
	char e164[PHONE_E164_MAX];
	int64_t cid, had, line, version;
	int rc;
	if ((rc = store_telephony_call_lock(c->tx, c->integ->id, c->ev.call_id, c->rq->now_ms, &cid,
					    &had)) ||
	    (rc = line_resolve(c, country, &line)))
		return rc;
	if (!cid) {
		/* listed once per call, when its contact opens without a line */
		if (c->ev.to && !line)
			c->rec.reason = "unknown_line";
		struct contact_rec k = {.agent_user_id = agent,
					.channel = c->ev.channel,
					.direction = "inbound",
					.source_line_id = line,
					.call_id = c->ev.call_id,
					.started_ms = c->rq->now_ms};
		if (!phone_normalize(c->ev.from, country, e164, NULL))
			k.caller_number = e164;
		if ((rc = store_contact_insert(c->tx, &k, 0, c->rq->now_ms, &cid)) ||
		    (rc = audit(c, "contact.create", "contact", cid,
				json_pack("{s:s,s:s,s:s,s:o}", "source", "telephony", "channel",
					  k.channel, "call_id", k.call_id, "source_line_id",
					  line ? json_integer(line) : json_null()))))
			return rc;
	} else if (had != agent) {
		rc = store_contact_call_transfer(c->tx, cid, agent, c->rq->now_ms, &version);
		if (rc == ERR_CONFLICT) {
			/* closed already: it stays with whoever had it, and nothing pops */
			c->rec.agent_user_id = had;
			c->rec.contact_id = cid;
			return 0;
		}
		/* the agent it leaves hears of it too: their screen shows it is no longer theirs */
		if (rc ||
		    (rc = audit(c, "contact.transfer", "contact", cid,
				json_pack("{s:I,s:I}", "from_user", (json_int_t)had, "to_user",
					  (json_int_t)agent))) ||
		    (rc = api_event(c->tx, c->rq, "contact", had, NULL, 0, "contact", cid)))
			return rc;
	}
	if ((rc = store_telephony_call_set(c->tx, c->integ->id, c->ev.call_id, cid, agent, -1,
					   c->rq->now_ms)))
		return rc;
	c->rec.agent_user_id = agent;
	c->rec.contact_id = cid;
	return pop(c, agent, cid);
}

/* ended and missed: the call's contact (if any) records when it ended */
static int end_call(struct tel_ctx *c)
{
	int64_t cid, agent;
	int rc;
	if ((rc = store_telephony_call_lock(c->tx, c->integ->id, c->ev.call_id, c->rq->now_ms, &cid,
					    &agent)))
		return rc;
	if (cid) {
		json_t *d = c->ev.duration_s >= 0 ? json_integer(c->ev.duration_s) : json_null();
		if ((rc = store_contact_call_ended(c->tx, cid, c->rq->now_ms)) ||
		    (rc = store_telephony_call_set(c->tx, c->integ->id, c->ev.call_id, cid, agent,
						   c->ev.duration_s, c->rq->now_ms)) ||
		    (rc = audit(c, "contact.call_end", "contact", cid,
				json_pack("{s:s,s:o}", "type", c->ev.type, "duration_s", d))) ||
		    (rc = api_event(c->tx, c->rq, "contact", agent, NULL, 0, "contact", cid)))
			return rc;
		c->rec.contact_id = cid;
		if (!c->rec.agent_user_id)
			c->rec.agent_user_id = agent;
	}
	return 0;
}

/* what the event does, by type; rec says what became of it */
static int apply(struct tel_ctx *c)
{
	int64_t agent;
	int t = telephony_type_of(c->ev.type), rc;
	c->rec.status = "done";
	c->rec.reason = NULL;
	if ((rc = agent_resolve(c, t == TELEPHONY_TRANSFERRED ? c->ev.to_agent : c->ev.agent,
				&agent)))
		return rc;
	switch (t) {
	case TELEPHONY_RINGING:
	case TELEPHONY_ANSWERED:
	case TELEPHONY_TRANSFERRED:
		if (!agent) {
			/* kept for supervisors, never dropped */
			c->rec.status = "unassigned";
			c->rec.reason = "unknown_agent";
			return 0;
		}
		return open_contact(c, agent);
	case TELEPHONY_MISSED:
		c->rec.status = "missed";
		c->rec.agent_user_id = agent;
		if ((rc = end_call(c)))
			return rc;
		c->rec.reason = "missed";
		return 0;
	default:
		c->rec.agent_user_id = agent;
		return end_call(c);
	}
}

/* the event's fields from the signed body; 400 names the field */
static int event_read(json_t *body, struct telephony_event *ev, struct field_err *e)
{
	static const char *const texts[] = {"type",  "call_id", "from",	    "to",
					    "agent", "channel", "to_agent", NULL};
	const char **slots[] = {&ev->type,  &ev->call_id, &ev->from,	&ev->to,
				&ev->agent, &ev->channel, &ev->to_agent};
	const char *field, *why;
	for (int i = 0; texts[i]; i++) {
		json_t *v = json_object_get(body, texts[i]);
		if (v && !json_is_null(v) && !json_is_string(v))
			return field_fail(e, "invalid", texts[i], "must be a string");
		*slots[i] = json_string_value(v);
	}
	json_t *d = json_object_get(body, "duration_s");
	if (d && !json_is_null(d) && (!json_is_integer(d) || json_integer_value(d) < 0))
		return field_fail(e, "invalid", "duration_s", "must be whole seconds, 0 or more");
	ev->duration_s = json_is_integer(d) ? json_integer_value(d) : -1;
	if (telephony_event_check(ev, &field, &why))
		return field_fail(e, "invalid", field, why);
	return 0;
}

/* the answer, kept with the event so a repeat gets it again */
static json_t *event_answer(const struct telephony_event_rec *r)
{
	return json_pack(
	    "{s:{s:I,s:s,s:s,s:s,s:s?,s:o,s:o,s:o}}", "event", "id", (json_int_t)r->id, "type",
	    r->type, "call_id", r->call_id, "status", r->status, "reason", r->reason,
	    "agent_user_id", r->agent_user_id ? json_integer(r->agent_user_id) : json_null(),
	    "contact_id", r->contact_id ? json_integer(r->contact_id) : json_null(), "duration_s",
	    r->duration_s >= 0 ? json_integer(r->duration_s) : json_null());
}

static const char *const event_keys[] = {"type",    "call_id",	  "from",     "to", "agent",
					 "channel", "duration_s", "to_agent", NULL};

/* the body once the signature holds: idempotent by key, applied, recorded, answered */
static int event_run(struct app *app, struct tel_ctx *c, struct resp *rs, struct api_write *w)
{
	char key[TELEPHONY_KEY_MAX + 1];
	struct telephony_event_rec old;
	int rc;
	if (event_read(w->body, &c->ev, &w->e))
		return ERR_INVALID;
	if ((rc = telephony_event_key(c->integ->id, &c->ev, key, sizeof(key))))
		return rc;
	c->rec = (struct telephony_event_rec){.integration_id = c->integ->id,
					      .event_key = key,
					      .type = c->ev.type,
					      .call_id = c->ev.call_id,
					      .from_number = c->ev.from,
					      .to_number = c->ev.to,
					      .agent = c->ev.agent,
					      .to_agent = c->ev.to_agent,
					      .channel = c->ev.channel,
					      .duration_s = c->ev.duration_s,
					      .status = "done",
					      .result = "{}",
					      .received_ms = c->rq->now_ms};
	rc = store_telephony_event_insert(c->tx, &c->rec, &c->rec.id);
	if (rc == ERR_CONFLICT) {
		/* the same event again: nothing twice, the first answer again */
		if ((rc = store_telephony_event_by_key(c->tx, &c->rq->arena, key, &old)))
			return rc;
		json_t *again = json_loads(old.result, 0, NULL);
		if (!again)
			return ERR_INTERNAL;
		resp_json(rs, 200, again);
		return api_write_commit(app, c->rq, rs, w);
	}
	if (rc || (rc = apply(c)))
		return rc;
	json_t *answer = event_answer(&c->rec);
	char *text = json_dumps(answer, JSON_COMPACT);
	c->rec.result = text;
	rc = text ? store_telephony_event_finish(c->tx, &c->rec) : ERR_NOMEM;
	free(text);
	c->rec.result = NULL;
	if (!rc)
		rc = audit(c, "telephony.event", "telephony_event", c->rec.id,
			   json_pack("{s:s,s:s,s:s,s:s?}", "type", c->ev.type, "call_id",
				     c->ev.call_id, "status", c->rec.status, "reason",
				     c->rec.reason));
	if (!rc && c->rec.reason)
		rc = api_event(c->tx, c->rq, "telephony_attention", 0, "supervisor", 0,
			       "telephony_event", c->rec.id);
	if (rc) {
		json_decref(answer);
		return rc;
	}
	resp_json(rs, 200, answer);
	return api_write_commit(app, c->rq, rs, w);
}

HANDLER(h_telephony_event)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_integration_rec integ;
	struct tel_ctx c = {.rq = rq, .integ = &integ};
	const char *hid = req_header(rq, "X-Faro-Integration");
	const char *hts = req_header(rq, "X-Faro-Timestamp");
	const char *sig = req_header(rq, "X-Faro-Signature");
	int64_t iid, ts;
	int rc = 0;
	if (!hid || !hts || !sig) {
		refuse(rs, "Sign the request: X-Faro-Integration, X-Faro-Timestamp and "
			   "X-Faro-Signature (see docs/telephony.md).");
		goto out;
	}
	if (validate_id(hid, &iid) || telephony_timestamp_parse(hts, &ts)) {
		refuse(rs, "X-Faro-Integration is an id, X-Faro-Timestamp unix seconds.");
		goto out;
	}
	if (!telephony_window_ok(ts, rq->now_ms)) {
		refuse(rs, "The timestamp is more than 5 minutes from Faro's clock.");
		goto out;
	}
	if (rq->body_len > TELEPHONY_BODY_MAX) {
		rc = ERR_TOO_LARGE;
		goto out;
	}
	/* the signature is checked on a read: an unsigned flood never takes the writer */
	if ((rc = store_begin(app->store, STORE_READ_ONE, &w.tx)))
		goto out;
	rc = store_telephony_integration_get(w.tx, &rq->arena, iid, &integ);
	store_rollback(w.tx);
	w.tx = NULL;
	if (rc == ERR_NOT_FOUND || (!rc && !integ.active) ||
	    (!rc && !telephony_verify(integ.secret, hts, rq->body, rq->body_len, sig))) {
		rc = 0;
		refuse(rs, "The signature does not match this integration's secret.");
		goto out;
	}
	if (rc || (rc = store_begin(app->store, STORE_WRITE, &w.tx)))
		goto out;
	c.tx = w.tx;
	/* retired while the signature was checked: refused as it would be a moment later */
	rc = store_telephony_integration_get(w.tx, &rq->arena, iid, &integ);
	if (rc == ERR_NOT_FOUND || (!rc && !integ.active)) {
		rc = 0;
		refuse(rs, "The signature does not match this integration's secret.");
		goto out;
	}
	if (rc)
		goto out;
	/* remembered in lower case: the same signature in capitals is the same request */
	char low[TELEPHONY_SIG_HEX + 1];
	for (int i = 0; i <= TELEPHONY_SIG_HEX; i++)
		low[i] = (char)(sig[i] >= 'A' && sig[i] <= 'F' ? sig[i] - 'A' + 'a' : sig[i]);
	rc = store_telephony_replay_add(w.tx, iid, low, rq->now_ms,
					rq->now_ms - TELEPHONY_REPLAY_MS);
	if (rc == ERR_CONFLICT) {
		rc = 0;
		refuse(rs, "This signed request was received already (a replay).");
		goto out;
	}
	snprintf(c.actor, sizeof(c.actor), "telephony:%lld", (long long)iid);
	if (rc || !(w.body = api_body(rq, rs, event_keys)))
		goto out;
	rc = event_run(app, &c, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
