/*
 * api_contact_view.c: what the contacts handlers share: the contact's view (with its profile,
 * case, line, tags, needs and referrals), the access rule, the derived needs, the answer.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/people/people_rules.h"
#include "domain/resources/hsds_schema.h"
#include "store/resources/store_hsds.h"
#include "api/contacts/api_contacts.h"
#include "store/cases/store_case.h"
#include "store/people/store_profile.h"
#include "core/banned.h"

static json_t *person(int64_t id, const char *name)
{
	return id ? json_pack("{s:I,s:s?}", "id", (json_int_t)id, "name", name) : json_null();
}

static json_t *ms_or_null(int64_t ms)
{
	return ms ? json_integer(ms) : json_null();
}

json_t *contact_brief(const struct contact_rec *c, json_t *profile)
{
	json_t *o = json_pack(
	    "{s:I,s:s,s:s,s:s,s:s?,s:s?,s:I,s:s?,s:s?,s:s?,s:I,s:I,s:I}", "id", (json_int_t)c->id,
	    "status", c->status, "channel", c->channel, "direction", c->direction, "call_id",
	    c->call_id, "caller_number", c->caller_number, "started_ms", (json_int_t)c->started_ms,
	    "service_provided", c->service_provided, "caller_served", c->caller_served,
	    "primary_term_id", c->primary_term_id, "version", (json_int_t)c->version, "created_ms",
	    (json_int_t)c->created_ms, "updated_ms", (json_int_t)c->updated_ms);
	json_object_set_new(o, "ended_ms", ms_or_null(c->ended_ms));
	json_object_set_new(o, "closed_ms", ms_or_null(c->closed_ms));
	json_object_set_new(o, "profile", profile ? profile : json_null());
	json_object_set_new(o, "profile_id",
			    c->profile_id ? json_integer(c->profile_id) : json_null());
	json_object_set_new(o, "source_line_id",
			    c->source_line_id ? json_integer(c->source_line_id) : json_null());
	json_object_set_new(o, "case_id", c->case_id ? json_integer(c->case_id) : json_null());
	json_object_set_new(o, "needs_count", json_integer(c->nneeds));
	json_object_set_new(o, "referrals_count", json_integer(c->nreferrals));
	json_object_set_new(o, "agent", person(c->agent_user_id, c->agent_name));
	json_object_set_new(o, "closed_by", person(c->closed_by, c->closed_by_name));
	json_object_set_new(o, "updated_by", person(c->updated_by, c->updated_by_name));
	json_object_set_new(o, "line",
			    c->source_line_id
				? json_pack("{s:I,s:s?,s:s?,s:s?}", "id",
					    (json_int_t)c->source_line_id, "name", c->line_name,
					    "phone", c->line_phone, "channel", c->line_channel)
				: json_null());
	return o;
}

int contact_profile_json(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct profile_brief p;
	int rc;
	*ret = NULL;
	if (!id)
		return 0;
	if ((rc = store_profile_brief(tx, a, id, &p)))
		return rc;
	*ret = json_pack("{s:I,s:s,s:b,s:s?}", "id", (json_int_t)p.id, "display_name",
			 p.display_name ? p.display_name : "", "anonymous", p.anonymous,
			 "postal_code", p.postal_code);
	return 0;
}

/* the field named name of HSDS row id of table t, or NULL when the row is gone */
static const char *hsds_name(struct db_tx *tx, struct arena *a, int t, const char *id, int *ret_rc)
{
	struct hsds_row r;
	*ret_rc = 0;
	if (!id)
		return NULL;
	int rc = store_hsds_get(tx, a, t, id, &r);
	if (rc) {
		*ret_rc = rc == ERR_NOT_FOUND ? 0 : rc;
		return NULL;
	}
	return r.vals[hsds_field_find(t, "name")];
}

static int needs_json(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct contact_need_rec *ns;
	int n, rc;
	if ((rc = store_contact_needs(tx, a, id, &ns, &n)))
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		const char *name = hsds_name(tx, a, HSDS_TAXONOMY_TERM, ns[i].term_id, &rc);
		if (rc)
			break;
		json_array_append_new(
		    arr,
		    json_pack("{s:s,s:s?,s:b,s:s,s:o}", "term_id", ns[i].term_id, "name", name,
			      "is_primary", ns[i].is_primary, "origin", ns[i].origin, "referral_id",
			      ns[i].referral_id ? json_integer(ns[i].referral_id) : json_null()));
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*ret = arr;
	return 0;
}

static int referrals_json(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct contact_referral_rec *fs;
	int n, rc;
	if ((rc = store_contact_referrals(tx, a, id, &fs, &n)))
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n && !rc; i++) {
		int rc2;
		const char *sname = hsds_name(tx, a, HSDS_SERVICE, fs[i].service_id, &rc);
		const char *tname = hsds_name(tx, a, HSDS_TAXONOMY_TERM, fs[i].term_id, &rc2);
		rc = rc ? rc : rc2;
		json_t *o = json_pack(
		    "{s:I,s:s,s:s?,s:s?,s:s?,s:s?,s:I,s:o,s:o,s:o,s:s?}", "id",
		    (json_int_t)fs[i].id, "service_id", fs[i].service_id, "service_name", sname,
		    "service_at_location_id", fs[i].service_at_location_id, "term_id",
		    fs[i].term_id, "term_name", tname, "created_ms", (json_int_t)fs[i].created_ms,
		    "created_by", person(fs[i].created_by, fs[i].created_by_name), "removed_ms",
		    ms_or_null(fs[i].removed_ms), "removed_by",
		    person(fs[i].removed_by, fs[i].removed_by_name), "removed_reason",
		    fs[i].removed_reason);
		json_array_append_new(arr, o);
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*ret = arr;
	return 0;
}

int contact_view(struct db_tx *tx, struct arena *a, const struct contact_rec *c, json_t **ret)
{
	json_t *profile = NULL, *needs = NULL, *refs = NULL, *o;
	struct contact_tag_rec *ts;
	struct contact_force_rec fc;
	struct case_rec cs;
	int nt, rc, has_force;
	if ((rc = contact_profile_json(tx, a, c->profile_id, &profile)) ||
	    (rc = store_contact_tags(tx, a, c->id, &ts, &nt)) ||
	    (rc = needs_json(tx, a, c->id, &needs)) || (rc = referrals_json(tx, a, c->id, &refs)) ||
	    (c->case_id && (rc = store_case_get(tx, a, c->case_id, &cs))) ||
	    ((rc = store_contact_force_latest(tx, a, c->id, &fc)) && rc != ERR_NOT_FOUND)) {
		json_decref(profile);
		json_decref(needs);
		json_decref(refs);
		return rc;
	}
	has_force = !rc;
	o = contact_brief(c, profile);
	json_object_set_new(o, "force_close", has_force ? contact_force_json(&fc) : json_null());
	json_t *tags = json_array();
	for (int i = 0; i < nt; i++)
		json_array_append_new(tags, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)ts[i].id,
						      "label_es", ts[i].label_es, "label_en",
						      ts[i].label_en));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "needs", needs);
	json_object_set_new(o, "referrals", refs);
	json_object_set_new(o, "case",
			    c->case_id
				? json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)cs.id, "number",
					    cs.number, "subject", cs.subject, "status", cs.status)
				: json_null());
	json_object_set_new(o, "notes", json_string(c->notes));
	json_object_set_new(o, "notes_version", json_integer(c->notes_version));
	json_object_set_new(o, "notes_saved_ms", ms_or_null(c->notes_updated_ms));
	json_object_set_new(o, "notes_saved_by",
			    person(c->notes_updated_by, c->notes_updated_by_name));
	*ret = o;
	return 0;
}

int contact_may_write(struct req *rq, const struct contact_rec *c)
{
	struct api_session *s = api_session(rq);
	return s->s.user_id == c->agent_user_id || s->role == ROLE_SUPERVISOR ||
	       s->role == ROLE_ADMIN;
}

int contact_closed_answer(struct resp *rs, const struct contact_rec *c)
{
	return api_error_with(rs, 409, "contact_closed",
			      "This contact is closed and can only be read.",
			      json_pack("{s:s}", "status", c->status));
}

int contact_for_change(struct db_tx *tx, struct req *rq, struct resp *rs, int64_t id,
		       struct contact_rec *ret, int *ret_answered)
{
	*ret_answered = 0;
	int rc = store_contact_get(tx, &rq->arena, id, ret);
	if (rc)
		return rc;
	*ret_answered = 1;
	if (contact_read_only(contact_status_of(ret->status)))
		return contact_closed_answer(rs, ret);
	if (!contact_may_write(rq, ret))
		return api_error(
		    rs, 403, "not_your_contact",
		    "Only the contact's agent, a supervisor or an admin may change it.");
	*ret_answered = 0;
	return 0;
}

int contact_stale_answer(struct db_tx *tx, struct req *rq, struct resp *rs,
			 const struct contact_rec *now)
{
	struct api_saved s = {.object_type = "contact",
			      .id = now->id,
			      .version = now->version,
			      .ms = now->updated_ms,
			      .by = now->updated_by_name};
	return api_stale(tx, rq, rs, &s);
}

int contact_changed_answer(struct db_tx *tx, struct req *rq, struct resp *rs, int64_t id)
{
	struct contact_rec now;
	int rc = store_contact_get(tx, &rq->arena, id, &now);
	if (rc)
		return rc;
	return contact_read_only(contact_status_of(now.status))
		   ? contact_closed_answer(rs, &now)
		   : contact_stale_answer(tx, rq, rs, &now);
}

int contact_reason(json_t *body, const char *key, size_t max, const char *msg, const char **ret,
		   struct field_err *e)
{
	json_t *v = json_object_get(body, key);
	const char *t = json_string_value(v);
	while (t && *t == ' ')
		t++;
	*ret = t;
	if (!t || !*t || json_string_length(v) > max || !people_text_ok(t, 1))
		return field_fail(e, "invalid", key, msg);
	return 0;
}

int contact_needs_refresh(struct db_tx *tx, struct req *rq, int64_t id, const char *const *manual,
			  int nmanual, int keep_manual, const char *primary_mark)
{
	struct contact_referral_rec *fs;
	struct contact_need_rec *old;
	int nf, nold, rc, n;
	if ((rc = store_contact_referrals(tx, &rq->arena, id, &fs, &nf)))
		return rc;
	if (keep_manual) {
		if ((rc = store_contact_needs(tx, &rq->arena, id, &old, &nold)))
			return rc;
		const char **m = arena_alloc(&rq->arena, sizeof(*m) * ((size_t)nold + 1));
		nmanual = 0;
		for (int i = 0; i < nold; i++)
			if (!strcmp(old[i].origin, "manual"))
				m[nmanual++] = old[i].term_id;
		manual = m;
	}
	struct contact_ref_fact *refs = arena_alloc(&rq->arena, sizeof(*refs) * ((size_t)nf + 1));
	int nrefs = 0;
	for (int i = 0; i < nf; i++)
		if (!fs[i].removed_ms)
			refs[nrefs++] = (struct contact_ref_fact){fs[i].id, fs[i].term_id};
	struct contact_needs_in in = {refs, nrefs, manual, nmanual, primary_mark};
	struct contact_need out[CONTACT_ALL_NEEDS_MAX];
	if ((rc = contact_needs_derive(&in, out, CONTACT_ALL_NEEDS_MAX, &n)))
		return rc;
	struct contact_need_rec *recs = arena_alloc(&rq->arena, sizeof(*recs) * ((size_t)n + 1));
	for (int i = 0; i < n; i++)
		recs[i] = (struct contact_need_rec){.term_id = out[i].term_id,
						    .is_primary = out[i].is_primary,
						    .origin = out[i].manual ? "manual" : "referral",
						    .referral_id = out[i].referral_id};
	return store_contact_needs_set(tx, id, recs, n);
}

int contact_read(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct contact_rec c;
	int rc = store_contact_get(tx, a, id, &c);
	return rc ? rc : contact_view(tx, a, &c, ret);
}

int contact_answer(struct app *app, struct req *rq, struct resp *rs, struct api_write *w,
		   int64_t id, int status)
{
	json_t *o;
	int rc = contact_read(w->tx, &rq->arena, id, &o);
	return rc ? rc : api_write_answer(app, rq, rs, w, status, "contact", o);
}
