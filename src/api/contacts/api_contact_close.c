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
	struct contact_settings s = {0};
	struct contact_rec c;
	struct db_tx *tx = NULL;
	int64_t id = api_id_param(rq, "id");
	json_t *o = NULL;
	int rc, may;
	if (!id)
		return ERR_NOT_FOUND;
	/* the checklist reads the profile: audited like every read of a contact */
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_contact_get(tx, &rq->arena, id, &c)) ||
	    (rc = contact_settings_load(tx, rq, &s)) ||
	    (rc = checklist_of(tx, rq, &c, &s, &o, &may)) ||
	    (rc = api_audit(tx, rq, "contact.checklist", "contact", id, NULL))) {
		store_rollback(tx);
		contact_settings_release(&s);
		json_decref(o);
		return rc;
	}
	contact_settings_release(&s);
	json_object_set_new(o, "status", json_string(c.status));
	resp_json(rs, 200, json_pack("{s:o}", "checklist", o));
	return api_commit(app, rq, rs, tx);
}

HANDLER(h_contact_close)
{
	static const char *const keys[] = {"version", NULL};
	struct contact_settings s = {0};
	struct contact_rec c, now;
	struct db_tx *tx = NULL;
	int64_t version = 0, id = api_id_param(rq, "id"), actor = api_session(rq)->s.user_id;
	json_t *list = NULL, *body = api_body(rq, rs, keys);
	int rc = 0, answered, may, status;
	if (!body)
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if (jsonx_get_int(body, "version", 1, INT64_MAX, &version, NULL)) {
		rc = api_field_error(rs, "invalid", "version",
				     "version: the version you read is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = contact_for_change(tx, rq, rs, id, &c, &answered)) || answered)
		goto out;
	struct api_saved saved = {.object_type = "contact",
				  .id = id,
				  .version = c.version,
				  .ms = c.updated_ms,
				  .by = c.updated_by_name};
	if (c.version != version) {
		rc = api_stale(tx, rq, rs, &saved);
		goto out;
	}
	if ((rc = contact_settings_load(tx, rq, &s)) ||
	    (rc = checklist_of(tx, rq, &c, &s, &list, &may)))
		goto out;
	if (!may) {
		rc = api_error_with(rs, 422, "checklist_incomplete",
				    "Complete the checklist's items before closing the contact.",
				    json_incref(list));
		goto out;
	}
	if ((rc = contact_transition(contact_status_of(c.status), CONTACT_MOVE_CLOSE, &status)))
		goto out;
	rc = store_contact_finish(tx, id, version, contact_statuses[status], actor, rq->now_ms,
				  &c.version);
	if (rc == ERR_CONFLICT) {
		if (!(rc = store_contact_get(tx, &rq->arena, id, &now)))
			rc = contact_read_only(contact_status_of(now.status))
				 ? contact_closed_answer(rs, &now)
				 : api_stale(tx, rq, rs,
					     &(struct api_saved){.object_type = "contact",
								 .id = id,
								 .version = now.version,
								 .ms = now.updated_ms,
								 .by = now.updated_by_name});
		goto out;
	}
	/* the event carries the id only: each browser refetches what its user may see */
	if (rc ||
	    (rc = api_audit(tx, rq, "contact.close", "contact", id,
			    json_pack("{s:s,s:I}", "status", contact_statuses[status], "version",
				      (json_int_t)c.version))) ||
	    (rc = api_event(tx, rq, "contact_closed", 0, NULL, 0, "contact", id)))
		goto out;
	rc = contact_answer(app, rq, rs, tx, id, 200);
	tx = NULL;
out:
	store_rollback(tx);
	contact_settings_release(&s);
	json_decref(list);
	json_decref(body);
	return rc;
}
