/*
 * api_contacts.c: contacts (Contactos): started by hand ("Nuevo contacto"), read one at a time
 * (audited), and listed: the Contactos list with its filters and an agent's open contacts.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/validate.h"
#include "api/contacts/api_contacts.h"
#include "core/banned.h"

static const char *const create_keys[] = {
    "channel", "direction", "source_line_id", "profile_id", "case_id", "caller_number", NULL};

/* the shape of a new contact: channel and direction */
static int create_shape(json_t *body, struct contact_rec *c, struct field_err *e)
{
	json_t *ch = json_object_get(body, "channel"), *dir = json_object_get(body, "direction");
	if (!contact_code_in(contact_channels, json_string_value(ch)))
		return field_fail(e, "invalid", "channel",
				  "must be voice, sms, chat, email or walk_in");
	c->channel = json_string_value(ch);
	if (dir && !contact_code_in(contact_directions, json_string_value(dir)))
		return field_fail(e, "invalid", "direction", "must be inbound or outbound");
	c->direction = dir ? json_string_value(dir) : "inbound";
	return 0;
}

HANDLER(h_contacts_create)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	struct contact_edit ed = {0};
	struct contact_rec c = {0};
	int64_t id, actor = api_session(rq)->s.user_id;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, create_keys)))
		goto out;
	if ((rc = create_shape(w.body, &c, &w.e)))
		goto out;
	c.agent_user_id = actor; /* who starts a contact handles it */
	c.started_ms = rq->now_ms;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_settings_load(w.tx, rq, &s)) ||
	    (rc = contact_fields_apply(w.body, w.tx, rq, &s, &c, &ed, &w.e)) ||
	    (rc = store_contact_insert(w.tx, &c, actor, rq->now_ms, &id)) ||
	    (rc = api_audit(w.tx, rq, "contact.create", "contact", id,
			    json_pack("{s:s,s:o,s:o}", "channel", c.channel, "profile_id",
				      c.profile_id ? json_integer(c.profile_id) : json_null(),
				      "case_id",
				      c.case_id ? json_integer(c.case_id) : json_null()))) ||
	    (rc = api_event(w.tx, rq, "contact", actor, NULL, 0, "contact", id)))
		goto out;
	rc = contact_answer(app, rq, rs, &w, id, 201);
out:
	contact_settings_release(&s);
	return api_write_end(&w, rs, rc);
}

/* reading a contact is on record: the view and its audit row commit together */
static const struct api_view contact_audited = {"contact", "contact.view", contact_read};

HANDLER(h_contact_get)
{
	return api_view_audited(app, rq, rs, &contact_audited);
}

/* a list of contacts names their profiles: one audit row says which contacts were shown */
static int contact_list_answer(struct app *app, struct req *rq, struct resp *rs,
			       const struct contact_filter *f)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_rec *cs;
	int n, rc;
	json_t *items = json_array(), *ids = json_array(), *profiles = json_object();
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_contact_list(w.tx, &rq->arena, f, &cs, &n)))
		goto out;
	for (int i = 0; i < n && i < f->limit - 1 && !rc; i++) {
		/* each profile read once per page, through the people area */
		char key[24];
		json_t *p = NULL;
		snprintf(key, sizeof(key), "%lld", (long long)cs[i].profile_id);
		if (cs[i].profile_id && !(p = json_object_get(profiles, key))) {
			if (!(rc = contact_profile_json(w.tx, &rq->arena, cs[i].profile_id, &p)))
				json_object_set_new(profiles, key, p);
		}
		json_array_append_new(items, contact_brief(&cs[i], p ? json_incref(p) : NULL));
		json_array_append_new(ids, json_integer(cs[i].id));
	}
	if (rc || (rc = api_audit(w.tx, rq, "contact.list", "contact", 0,
				  json_pack("{s:O}", "ids", ids))))
		goto out;
	json_t *next = n >= f->limit ? json_integer(cs[f->limit - 2].id) : json_null();
	resp_json(rs, 200, json_pack("{s:O,s:o}", "items", items, "next_before", next));
	rc = api_write_commit(app, rq, rs, &w);
out:
	json_decref(profiles);
	json_decref(items);
	json_decref(ids);
	return api_write_end(&w, rs, rc);
}

/* an id of the query string: absent 0, else positive; ERR_INVALID otherwise */
static int query_id(struct req *rq, const char *name, int64_t *ret)
{
	const char *v = req_query(rq, name);
	*ret = 0;
	return v && validate_id(v, ret) ? ERR_INVALID : 0;
}

/* a short text of the query string that must be one of list (list NULL: any term id) */
static int query_code(struct req *rq, const char *name, const char *const *list, const char **ret)
{
	const char *v = req_query(rq, name);
	*ret = v;
	if (!v)
		return 0;
	if (list ? !contact_code_in(list, v) : (!*v || strlen(v) > CONTACT_TERM_MAX))
		return ERR_INVALID;
	return 0;
}

HANDLER(h_contacts_list)
{
	struct contact_filter f = {0};
	struct api_session *s = api_session(rq);
	int64_t limit = 50;
	const char *bad = NULL;
	if (query_id(rq, "from", &f.from_ms))
		bad = "from";
	else if (query_id(rq, "to", &f.to_ms))
		bad = "to";
	else if (query_id(rq, "agent", &f.agent_user_id))
		bad = "agent";
	else if (query_id(rq, "line", &f.line_id))
		bad = "line";
	else if (query_id(rq, "tag", &f.tag_id))
		bad = "tag";
	else if (query_id(rq, "profile_id", &f.profile_id))
		bad = "profile_id";
	else if (query_id(rq, "before", &f.before_id))
		bad = "before";
	else if (req_query(rq, "limit") &&
		 (validate_id(req_query(rq, "limit"), &limit) || limit > CONTACT_LIST_MAX))
		bad = "limit";
	else if (query_code(rq, "channel", contact_channels, &f.channel))
		bad = "channel";
	else if (query_code(rq, "status", contact_statuses, &f.status))
		bad = "status";
	else if (query_code(rq, "need", NULL, &f.need_term_id))
		bad = "need";
	if (bad)
		return api_field_error(
		    rs, "invalid", bad,
		    "from/to are epoch ms, agent/line/tag/profile_id/before ids, limit 1 to "
		    "100, channel and status codes, need a term id");
	/*
	 * agents and coordinators list their own contacts, supervisors and admins
	 * anyone's; a profile's history is everyone's to read (a repeat caller)
	 */
	if (s->role != ROLE_SUPERVISOR && s->role != ROLE_ADMIN && !f.profile_id) {
		if (f.agent_user_id && f.agent_user_id != s->s.user_id)
			return api_error(rs, 403, "forbidden",
					 "Your role lists only your own contacts.");
		f.agent_user_id = s->s.user_id;
	}
	f.limit = (int)limit + 1;
	return contact_list_answer(app, rq, rs, &f);
}

HANDLER(h_contacts_mine_open)
{
	struct contact_filter f = {.agent_user_id = api_session(rq)->s.user_id,
				   .status = "open",
				   .limit = CONTACT_LIST_MAX + 1};
	return contact_list_answer(app, rq, rs, &f);
}
