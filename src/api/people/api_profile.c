/*
 * api_profile.c: profiles (Perfiles): create from the quick or full form,
 * read (audited), edit with optimistic locking, the list, and the
 * organisation's default country that national phone numbers belong to.
 */
#include <string.h>

#include "core/err.h"
#include "core/jsonx.h"
#include "domain/phone.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

#define LIST_MAX 100

/* 409 naming who saved the version that won, so the interface can show it */
static int stale_answer(struct db_tx *tx, struct req *rq, struct resp *rs,
			const struct profile_rec *now)
{
	struct api_saved s = {.object_type = "profile",
			      .id = now->id,
			      .version = now->version,
			      .ms = now->updated_ms,
			      .by = now->updated_by_name};
	return api_stale(tx, rq, rs, &s);
}

HANDLER(h_profiles_create)
{
	struct field_err e = FIELD_ERR_INIT;
	struct profile_rec p = {0}, saved;
	struct db_tx *tx = NULL;
	json_t *changed = NULL;
	const char **keys;
	int nkeys, rc = 0;
	int64_t actor = api_session(rq)->s.user_id, id;
	json_t *body = api_body(rq, rs, profile_body_keys);
	if (!body)
		goto out;
	if (json_object_get(body, "version")) {
		field_fail(&e, "invalid", "version", "a new profile has no version yet");
		api_field_answer(rs, &e);
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		goto out;
	if (profile_apply(body, &p, people_country(tx, &rq->arena), rq, &e, &changed)) {
		api_field_answer(rs, &e);
		goto out;
	}
	if ((rc = profile_search_keys(&p, &rq->arena, &keys, &nkeys)) ||
	    (rc = store_profile_insert(tx, &p, keys, nkeys, actor, rq->now_ms, &id)) ||
	    (rc = api_audit(tx, rq, "profile.create", "profile", id,
			    json_pack("{s:O}", "fields", changed))) ||
	    (rc = store_profile_get(tx, &rq->arena, id, &saved)))
		goto out;
	resp_json(rs, 201, json_pack("{s:o}", "profile", profile_json(&saved)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
out:
	store_rollback(tx);
	json_decref(changed);
	json_decref(body);
	buf_release(&e.msg);
	return rc;
}

HANDLER(h_profile_get)
{
	struct profile_rec p;
	struct db_tx *tx = NULL;
	int64_t id = api_id_param(rq, "id");
	int rc;
	if (!id)
		return ERR_NOT_FOUND;
	/* a write transaction: the view and its audit row commit together */
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_profile_get(tx, &rq->arena, id, &p)) ||
	    (rc = api_audit(tx, rq, "profile.view", "profile", id, NULL))) {
		store_rollback(tx);
		return rc;
	}
	resp_json(rs, 200, json_pack("{s:o}", "profile", profile_json(&p)));
	return api_commit(app, rq, rs, tx);
}

HANDLER(h_profile_update)
{
	struct field_err e = FIELD_ERR_INIT;
	struct profile_rec before, p, now;
	struct db_tx *tx = NULL;
	json_t *changed = NULL;
	const char **keys;
	int nkeys, rc = 0;
	int64_t version = 0, id = api_id_param(rq, "id");
	json_t *body = api_body(rq, rs, profile_body_keys);
	if (!body)
		goto out;
	if (!id) {
		rc = ERR_NOT_FOUND;
		goto out;
	}
	if (jsonx_get_int(body, "version", 1, INT64_MAX, &version, &e.msg)) {
		field_fail(&e, "invalid", "version", "the version you read is required");
		api_field_answer(rs, &e);
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_profile_get(tx, &rq->arena, id, &before)))
		goto out;
	if (before.version != version) {
		rc = stale_answer(tx, rq, rs, &before);
		goto out;
	}
	p = before;
	if (profile_apply(body, &p, people_country(tx, &rq->arena), rq, &e, &changed)) {
		api_field_answer(rs, &e);
		goto out;
	}
	if (!json_array_size(changed)) {
		/* nothing to save: no new version that would make others' edits stale */
		if ((rc = api_audit(tx, rq, "profile.view", "profile", id, NULL)))
			goto out;
		resp_json(rs, 200, json_pack("{s:o}", "profile", profile_json(&before)));
		rc = api_commit(app, rq, rs, tx);
		tx = NULL;
		goto out;
	}
	if ((rc = profile_search_keys(&p, &rq->arena, &keys, &nkeys)))
		goto out;
	rc = store_profile_update(tx, &p, keys, nkeys, api_session(rq)->s.user_id, rq->now_ms,
				  &p.version);
	if (rc == ERR_CONFLICT) {
		/* saved by someone between our read and our write (PostgreSQL): read who */
		if (!(rc = store_profile_get(tx, &rq->arena, id, &now)))
			rc = stale_answer(tx, rq, rs, &now);
		goto out;
	}
	if (rc ||
	    (rc = api_audit(
		 tx, rq, "profile.update", "profile", id,
		 json_pack("{s:O,s:I}", "fields", changed, "version", (json_int_t)p.version))) ||
	    (rc = store_profile_get(tx, &rq->arena, id, &now)))
		goto out;
	resp_json(rs, 200, json_pack("{s:o}", "profile", profile_json(&now)));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
out:
	store_rollback(tx);
	json_decref(changed);
	json_decref(body);
	buf_release(&e.msg);
	return rc;
}

/* one audit row for a list of profiles shown: which ids the agent saw */
int people_audit_seen(struct db_tx *tx, struct req *rq, const char *action, json_t *items)
{
	json_t *ids = json_array();
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) json_array_append(ids, json_object_get(it, "id"));
	return api_audit(tx, rq, action, "profile", 0, json_pack("{s:o}", "ids", ids));
}

HANDLER(h_profiles_list)
{
	int64_t before = 0, limit = 50;
	const char *b = req_query(rq, "before"), *l = req_query(rq, "limit");
	if ((b && validate_id(b, &before)) || (l && (validate_id(l, &limit) || limit > LIST_MAX)))
		return api_invalid(rs, "invalid", "before must be a profile id, limit 1 to 100");
	struct profile_hit *hs;
	struct db_tx *tx;
	int n, rc, answered;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		return rc;
	if ((rc = people_over_quota(app, tx, rq, rs, &answered)) || answered ||
	    (rc = store_profile_list(tx, &rq->arena, before, (int)limit + 1, &hs, &n))) {
		store_rollback(tx);
		return rc;
	}
	json_t *items = json_array();
	for (int i = 0; i < n && i < limit; i++)
		json_array_append_new(items, profile_hit_json(&hs[i]));
	if ((rc = people_audit_seen(tx, rq, "profile.list", items))) {
		json_decref(items);
		store_rollback(tx);
		return rc;
	}
	json_t *next = n > limit ? json_integer(hs[limit - 1].id) : json_null();
	resp_json(rs, 200, json_pack("{s:o,s:o}", "items", items, "next_before", next));
	return api_commit(app, rq, rs, tx);
}

static json_t *settings_json(const char *country)
{
	json_t *list = json_array();
	const char *iso;
	for (size_t i = 0; (iso = phone_country_iso(i)); i++)
		json_array_append_new(list, json_pack("{s:s,s:s}", "code", iso, "calling_code",
						      phone_country_code(iso)));
	return json_pack("{s:s?,s:o}", "default_country", country, "countries", list);
}

HANDLER(h_people_settings_get)
{
	struct db_tx *tx;
	int rc = store_begin(app->store, STORE_READ_ONE, &tx);
	if (rc)
		return rc;
	const char *country = people_country(tx, &rq->arena);
	store_rollback(tx);
	resp_json(rs, 200, settings_json(country));
	return 0;
}

HANDLER(h_people_settings_put)
{
	static const char *const keys[] = {"default_country", NULL};
	struct field_err e = FIELD_ERR_INIT;
	struct db_tx *tx = NULL;
	const char *country = NULL;
	int rc = 0;
	json_t *body = api_body(rq, rs, keys);
	if (!body)
		goto out;
	if (jsonx_get_str(body, "default_country", 2, &country, NULL) ||
	    !phone_country_known(country)) {
		field_fail(&e, "invalid", "default_country", "must be one of the listed countries");
		api_field_answer(rs, &e);
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_setting_put(tx, PROFILE_SETTING_COUNTRY, country, rq->now_ms)) ||
	    (rc = api_audit(
		 tx, rq, "org.setting", "org", 1,
		 json_pack("{s:s,s:s}", "key", PROFILE_SETTING_COUNTRY, "value", country))))
		goto out;
	resp_json(rs, 200, settings_json(country));
	rc = api_commit(app, rq, rs, tx);
	tx = NULL;
out:
	store_rollback(tx);
	json_decref(body);
	buf_release(&e.msg);
	return rc;
}
