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
	struct api_write w = API_WRITE_INIT;
	struct profile_rec p = {0}, saved;
	json_t *changed = NULL;
	const char **keys;
	int nkeys, rc = 0;
	int64_t actor = api_session(rq)->s.user_id, id;
	if (!(w.body = api_body(rq, rs, profile_body_keys)))
		goto out;
	if (json_object_get(w.body, "version")) {
		rc = field_fail(&w.e, "invalid", "version", "a new profile has no version yet");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)))
		goto out;
	/* whatever the fields refuse is answered as the field error */
	if (profile_apply(w.body, &p, people_country(w.tx, &rq->arena), rq, &w.e, &changed)) {
		rc = ERR_INVALID;
		goto out;
	}
	if ((rc = profile_search_keys(&p, &rq->arena, &keys, &nkeys)) ||
	    (rc = store_profile_insert(w.tx, &p, keys, nkeys, actor, rq->now_ms, &id)) ||
	    (rc = api_audit(w.tx, rq, "profile.create", "profile", id,
			    json_pack("{s:O}", "fields", changed))) ||
	    (rc = store_profile_get(w.tx, &rq->arena, id, &saved)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 201, "profile", profile_json(&saved));
out:
	json_decref(changed);
	return api_write_end(&w, rs, rc);
}

static int profile_read(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct profile_rec p;
	int rc = store_profile_get(tx, a, id, &p);
	if (!rc)
		*ret = profile_json(&p);
	return rc;
}

/* reading a profile is on record */
static const struct api_view profile_view = {"profile", "profile.view", profile_read};

HANDLER(h_profile_get)
{
	return api_view_audited(app, rq, rs, &profile_view);
}

HANDLER(h_profile_update)
{
	struct api_write w = API_WRITE_INIT;
	struct profile_rec before, p, now;
	json_t *changed = NULL;
	const char **keys;
	int64_t version = 0, id;
	int nkeys, rc = api_write_open(&w, rq, rs, profile_body_keys, &id, &version);
	if (rc || !w.body)
		goto out;
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_profile_get(w.tx, &rq->arena, id, &before)))
		goto out;
	if (before.version != version) {
		rc = stale_answer(w.tx, rq, rs, &before);
		goto out;
	}
	p = before;
	if (profile_apply(w.body, &p, people_country(w.tx, &rq->arena), rq, &w.e, &changed)) {
		rc = ERR_INVALID;
		goto out;
	}
	if (!json_array_size(changed)) {
		/* nothing to save: no new version that would make others' edits stale */
		rc = api_view_commit(app, rq, rs, &w, &profile_view, id, profile_json(&before));
		goto out;
	}
	if ((rc = profile_search_keys(&p, &rq->arena, &keys, &nkeys)))
		goto out;
	rc = store_profile_update(w.tx, &p, keys, nkeys, api_session(rq)->s.user_id, rq->now_ms,
				  &p.version);
	if (rc == ERR_CONFLICT) {
		/* saved by someone between our read and our write (PostgreSQL): read who */
		if (!(rc = store_profile_get(w.tx, &rq->arena, id, &now)))
			rc = stale_answer(w.tx, rq, rs, &now);
		goto out;
	}
	if (rc ||
	    (rc = api_audit(
		 w.tx, rq, "profile.update", "profile", id,
		 json_pack("{s:O,s:I}", "fields", changed, "version", (json_int_t)p.version))) ||
	    (rc = store_profile_get(w.tx, &rq->arena, id, &now)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "profile", profile_json(&now));
out:
	json_decref(changed);
	return api_write_end(&w, rs, rc);
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
	struct api_write w = API_WRITE_INIT;
	const char *country = NULL;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "default_country", 2, &country, NULL) ||
	    !phone_country_known(country)) {
		rc = field_fail(&w.e, "invalid", "default_country",
				"must be one of the listed countries");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_setting_put(w.tx, PROFILE_SETTING_COUNTRY, country, rq->now_ms)) ||
	    (rc = api_audit(
		 w.tx, rq, "org.setting", "org", 1,
		 json_pack("{s:s,s:s}", "key", PROFILE_SETTING_COUNTRY, "value", country))))
		goto out;
	resp_json(rs, 200, settings_json(country));
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
