/*
 * api_contact_referrals.c: Derivar: a contact's referrals to services of the directory, added
 * with the need term the agent picks among the service's terms and removed with a reason; each
 * change re-derives the contact's needs in the same transaction.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/people/people_rules.h"
#include "domain/resources/hsds_schema.h"
#include "store/resources/store_hsds.h"
#include "api/contacts/api_contacts.h"
#include "core/banned.h"

/*
 * contact_lock: takes contact id for a change of its referrals in tx: bumps
 * its version (holding the row) and checks the session may change it. May
 * answer (409 contact_closed, 403); ERR_NOT_FOUND.
 */
static int contact_lock(struct db_tx *tx, struct req *rq, struct resp *rs, int64_t id,
			struct contact_rec *ret, int *ret_answered)
{
	int64_t v;
	*ret_answered = 0;
	int rc = store_contact_touch(tx, id, api_session(rq)->s.user_id, rq->now_ms, &v);
	if (rc && rc != ERR_CONFLICT) /* ERR_CONFLICT: not open; contact_for_change says so */
		return rc;
	return contact_for_change(tx, rq, rs, id, ret, ret_answered);
}

/* the taxonomy terms HSDS attributes put on service_id (arena array) */
static int service_terms(struct db_tx *tx, struct req *rq, const char *service_id,
			 const char ***ret, int *ret_n)
{
	struct hsds_row *rows;
	int n, rc, fl = hsds_field_find(HSDS_ATTRIBUTE, "link_id"),
		   ft = hsds_field_find(HSDS_ATTRIBUTE, "taxonomy_term_id"),
		   fe = hsds_field_find(HSDS_ATTRIBUTE, "link_entity");
	if ((rc = store_hsds_by(tx, &rq->arena, HSDS_ATTRIBUTE, fl, service_id, &rows, &n)))
		return rc;
	const char **terms = arena_alloc(&rq->arena, sizeof(*terms) * ((size_t)n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		const char *ent = rows[i].vals[fe], *t = rows[i].vals[ft];
		if (!t || (ent && strcmp(ent, "service")))
			continue;
		int dup = 0;
		for (int j = 0; j < k; j++)
			dup |= !strcmp(terms[j], t);
		if (!dup)
			terms[k++] = t;
	}
	*ret = terms;
	*ret_n = k;
	return 0;
}

/* the referral body checked against the directory into r; refusals in e */
static int referral_fields(json_t *body, struct db_tx *tx, struct req *rq,
			   struct contact_referral_rec *r, struct field_err *e)
{
	struct hsds_row row;
	const char **terms;
	int nterms, rc;
	json_t *sv = json_object_get(body, "service_id"),
	       *lv = json_object_get(body, "service_at_location_id"),
	       *tv = json_object_get(body, "term_id");
	if (!json_is_string(sv) || !json_string_length(sv) ||
	    json_string_length(sv) > CONTACT_TERM_MAX)
		return field_fail(e, "invalid", "service_id", "the service is required");
	r->service_id = json_string_value(sv);
	rc = store_hsds_get(tx, &rq->arena, HSDS_SERVICE, r->service_id, &row);
	if (rc == ERR_NOT_FOUND)
		return field_fail(e, "unknown_service", "service_id",
				  "there is no such service (it may have been deleted)");
	if (rc)
		return rc;
	if (lv && !json_is_null(lv)) {
		if (!json_is_string(lv) || json_string_length(lv) > CONTACT_TERM_MAX)
			return field_fail(e, "invalid", "service_at_location_id",
					  "must be a service-at-location id");
		r->service_at_location_id = json_string_value(lv);
		rc = store_hsds_get(tx, &rq->arena, HSDS_SERVICE_AT_LOCATION,
				    r->service_at_location_id, &row);
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
		const char *of =
		    rc ? NULL : row.vals[hsds_field_find(HSDS_SERVICE_AT_LOCATION, "service_id")];
		if (!of || strcmp(of, r->service_id))
			return field_fail(e, "unknown_service_at_location",
					  "service_at_location_id",
					  "is not a location of this service");
	}
	if ((rc = service_terms(tx, rq, r->service_id, &terms, &nterms)))
		return rc;
	if (tv && !json_is_null(tv)) {
		const char *t = json_string_value(tv);
		for (int i = 0; t && i < nterms; i++)
			if (!strcmp(terms[i], t))
				r->term_id = t;
		if (!r->term_id)
			return field_fail(e, "term_not_on_service", "term_id",
					  "choose one of the service's taxonomy terms");
	} else if (nterms == 1) {
		r->term_id = terms[0];
	} else if (nterms > 1) {
		return field_fail(e, "choose_term", "term_id",
				  "the service has several taxonomy terms: choose the need");
	}
	return 0;
}

HANDLER(h_contact_referral_add)
{
	static const char *const keys[] = {"service_id", "service_at_location_id", "term_id", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_referral_rec r = {0}, *all;
	struct contact_rec c;
	int64_t rid, id = api_id_param(rq, "id");
	int rc = 0, answered, nall;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_lock(w.tx, rq, rs, id, &c, &answered)) || answered ||
	    (rc = referral_fields(w.body, w.tx, rq, &r, &w.e)) ||
	    (rc = store_contact_referrals(w.tx, &rq->arena, id, &all, &nall)))
		goto out;
	if (nall >= CONTACT_REFERRALS_MAX) {
		rc = field_fail(&w.e, "too_many", "service_id",
				"a contact holds at most 50 referrals");
		goto out;
	}
	r.contact_id = id;
	if ((rc = store_contact_referral_insert(w.tx, &r, api_session(rq)->s.user_id, rq->now_ms,
						&rid)) ||
	    (rc = contact_needs_refresh(w.tx, rq, id, NULL, 0, 1, c.primary_term_id)) ||
	    (rc = api_audit(w.tx, rq, "contact.referral.add", "contact", id,
			    json_pack("{s:I,s:s,s:s?}", "referral_id", (json_int_t)rid,
				      "service_id", r.service_id, "term_id", r.term_id))))
		goto out;
	rc = contact_answer(app, rq, rs, &w, id, 201);
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_contact_referral_remove)
{
	static const char *const keys[] = {"reason", NULL};
	struct api_write w = API_WRITE_INIT;
	struct contact_rec c;
	int64_t id = api_id_param(rq, "id"), rid = api_id_param(rq, "rid");
	int rc = 0, answered;
	const char *reason;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (!id || !rid) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if ((rc = contact_reason(w.body, "reason", CONTACT_REASON_MAX,
				 "say why, in at most 500 bytes", &reason, &w.e)) ||
	    (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_lock(w.tx, rq, rs, id, &c, &answered)) || answered)
		goto out;
	rc = store_contact_referral_remove(w.tx, id, rid, reason, api_session(rq)->s.user_id,
					   rq->now_ms);
	if (rc == ERR_NOT_FOUND) {
		rc = api_error(rs, 404, "not_found", "This contact has no such active referral.");
		goto out;
	}
	/* the reason stays on the referral; the audit row names which one went */
	if (rc || (rc = contact_needs_refresh(w.tx, rq, id, NULL, 0, 1, c.primary_term_id)) ||
	    (rc = api_audit(w.tx, rq, "contact.referral.remove", "contact", id,
			    json_pack("{s:I}", "referral_id", (json_int_t)rid))))
		goto out;
	rc = contact_answer(app, rq, rs, &w, id, 200);
out:
	return api_write_end(&w, rs, rc);
}
