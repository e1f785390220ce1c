/*
 * api_contact_close.c: Cerrar contacto: the closing checklist of a contact (the seed's items and
 * what the organisation requires, each with its mark and field) and the close itself, refused
 * with the list while items are missing.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "api/contacts/api_contacts.h"
#include "store/people/store_profile.h"
#include "core/banned.h"

static int filled(const char *s)
{
	return s && *s;
}

/* 1 when the profile has the demographic field key (contact_demo_key_ok's keys) */
static int demo_filled(const struct profile_rec *p, json_t *demo, const char *key)
{
	if (!strcmp(key, "language"))
		return filled(p->language);
	if (!strcmp(key, "gender"))
		return filled(p->gender);
	if (!strcmp(key, "age"))
		return filled(p->birth_date) || filled(p->age_range);
	if (!strcmp(key, "address"))
		return filled(p->address);
	if (!strcmp(key, "phone"))
		return p->nphones > 0;
	if (!strcmp(key, "email"))
		return p->nemails > 0;
	return filled(json_string_value(json_object_get(demo, key)));
}

/* the checklist of c under s as {"items": [...], "may_close"} in *ret; *ret_may_close */
static int checklist_of(struct db_tx *tx, struct req *rq, const struct contact_rec *c,
			const struct contact_settings *s, json_t **ret, int *ret_may_close)
{
	struct contact_need_rec *ns;
	struct contact_tag_rec *ts;
	struct profile_rec p;
	struct contact_check_item items[CONTACT_CHECK_MAX];
	int nn, nt, n, may, rc;
	if ((rc = store_contact_needs(tx, &rq->arena, c->id, &ns, &nn)) ||
	    (rc = store_contact_tags(tx, &rq->arena, c->id, &ts, &nt)) ||
	    (c->profile_id && (rc = store_profile_get(tx, &rq->arena, c->profile_id, &p))))
		return rc;
	struct contact_close_facts f = {.has_profile = c->profile_id != 0,
					.nneeds = nn,
					.caller_served = c->caller_served,
					.service_provided = c->service_provided,
					.ntags = nt};
	for (int i = 0; i < nn; i++)
		f.has_primary |= ns[i].is_primary;
	int *demo = arena_alloc(&rq->arena, sizeof(int) * ((size_t)s->req.ndemographics + 1));
	if (c->profile_id) {
		json_t *d = p.demographics ? json_loads(p.demographics, 0, NULL) : NULL;
		f.has_postal_code = filled(p.postal_code);
		for (int i = 0; i < s->req.ndemographics; i++)
			demo[i] = demo_filled(&p, d, s->req.demographics[i]);
		json_decref(d);
	}
	f.demo_filled = demo;
	if ((rc = contact_checklist(&f, &s->req, items, CONTACT_CHECK_MAX, &n, &may)))
		return rc;
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "item", items[i].item, "mark",
						   contact_marks[items[i].mark], "field",
						   items[i].field));
	*ret = json_pack("{s:o,s:b}", "items", a, "may_close", may);
	*ret_may_close = may;
	return 0;
}

HANDLER(h_contact_checklist)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	struct contact_rec c;
	int64_t id = api_id_param(rq, "id");
	json_t *o = NULL;
	int rc = ERR_NOT_FOUND, may;
	/* the checklist reads the profile: audited like every read of a contact */
	if (!id || (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_contact_get(w.tx, &rq->arena, id, &c)) ||
	    (rc = contact_settings_load(w.tx, rq, &s)) ||
	    (rc = checklist_of(w.tx, rq, &c, &s, &o, &may)) ||
	    (rc = api_audit(w.tx, rq, "contact.checklist", "contact", id, NULL)))
		goto out;
	json_object_set_new(o, "status", json_string(c.status));
	rc = api_write_answer(app, rq, rs, &w, 200, "checklist", o);
	o = NULL;
out:
	json_decref(o);
	contact_settings_release(&s);
	return api_write_end(&w, rs, rc);
}

int contact_finish_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
			  const struct contact_rec *c, enum contact_move move, json_t *detail)
{
	int64_t version;
	int status, rc;
	if ((rc = contact_transition(contact_status_of(c->status), move, &status))) {
		json_decref(detail);
		return rc;
	}
	rc = store_contact_finish(w->tx, c->id, c->version, contact_statuses[status],
				  api_session(rq)->s.user_id, rq->now_ms, &version);
	if (rc) {
		json_decref(detail);
		return rc == ERR_CONFLICT ? contact_changed_answer(w->tx, rq, rs, c->id) : rc;
	}
	if ((rc = contact_force_settle(w->tx, rq, c->id, move))) {
		json_decref(detail);
		return rc;
	}
	if (!detail)
		detail = json_object();
	json_object_set_new(detail, "status", json_string(contact_statuses[status]));
	json_object_set_new(detail, "version", json_integer(version));
	/* the event carries the id only: each browser refetches what its user may see */
	if ((rc = api_audit(w->tx, rq,
			    move == CONTACT_MOVE_CLOSE ? "contact.close" : "contact.force_close",
			    "contact", c->id, detail)) ||
	    (rc = api_event(w->tx, rq, "contact_closed", 0, NULL, 0, "contact", c->id)))
		return rc;
	return contact_answer(app, rq, rs, w, c->id, 200);
}

HANDLER(h_contact_close)
{
	static const char *const keys[] = {"version", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	struct contact_rec c;
	int64_t version = 0, id;
	json_t *list = NULL;
	int answered, may;
	int rc = api_write_open(&w, rq, rs, keys, &id, &version);
	if (rc || !w.body)
		goto out;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_for_change(w.tx, rq, rs, id, &c, &answered)) || answered)
		goto out;
	if (c.version != version) {
		rc = contact_stale_answer(w.tx, rq, rs, &c);
		goto out;
	}
	if ((rc = contact_settings_load(w.tx, rq, &s)) ||
	    (rc = checklist_of(w.tx, rq, &c, &s, &list, &may)))
		goto out;
	if (!may) {
		rc = api_error_with(rs, 422, "checklist_incomplete",
				    "Complete the checklist's items before closing the contact.",
				    json_incref(list));
		goto out;
	}
	rc = contact_finish_answer(app, rq, rs, &w, &c, CONTACT_MOVE_CLOSE, NULL);
out:
	contact_settings_release(&s);
	json_decref(list);
	return api_write_end(&w, rs, rc);
}
