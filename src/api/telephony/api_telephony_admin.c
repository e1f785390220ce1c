/*
 * api_telephony_admin.c: Administración → Telefonía: the integrations (each with a secret shown
 * once) and the map from the phone system's extensions to staff users.
 */
#include <string.h>

#include "core/arena.h"
#include "core/crypto.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/telephony/telephony_rules.h"
#include "domain/validate.h"
#include "api/telephony/api_telephony.h"
#include "core/banned.h"

json_t *telephony_person(int64_t id, const char *name)
{
	return id ? json_pack("{s:I,s:s?}", "id", (json_int_t)id, "name", name) : json_null();
}

/* the view of an integration: never its secret */
static json_t *integration_json(const struct telephony_integration_rec *t)
{
	return json_pack("{s:I,s:s,s:b,s:o,s:I,s:o,s:o}", "id", (json_int_t)t->id, "name", t->name,
			 "active", t->active, "created_by",
			 telephony_person(t->created_by, t->created_by_name), "created_ms",
			 (json_int_t)t->created_ms, "retired_by",
			 telephony_person(t->retired_by, t->retired_by_name), "retired_ms",
			 t->retired_ms ? json_integer(t->retired_ms) : json_null());
}

HANDLER(h_telephony_integrations_list)
{
	struct telephony_integration_rec *ts;
	struct db_tx *tx;
	int n, rc;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_telephony_integrations(tx, &rq->arena, &ts, &n);
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, integration_json(&ts[i]));
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}

static const char *const integration_keys[] = {"name", NULL};

HANDLER(h_telephony_integration_create)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_integration_rec t;
	unsigned char raw[TELEPHONY_SECRET_BYTES];
	char secret[TELEPHONY_SECRET_HEX + 1];
	int64_t id;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, integration_keys)))
		goto out;
	const char *name = json_string_value(json_object_get(w.body, "name"));
	struct buf why = BUF_INIT(256);
	int bad = !name || strlen(name) > TELEPHONY_NAME_MAX || validate_display_name(name, &why);
	buf_release(&why);
	if (bad) {
		rc = field_fail(&w.e, "invalid", "name", "1 to 80 characters");
		goto out;
	}
	crypto_random_bytes(raw, sizeof(raw));
	crypto_hex(raw, sizeof(raw), secret);
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_telephony_integration_insert(w.tx, name, secret, rq->user_id, rq->now_ms,
						     &id)) ||
	    (rc = api_audit(w.tx, rq, "telephony.integration.create", "telephony_integration", id,
			    json_pack("{s:s}", "name", name))) ||
	    (rc = store_telephony_integration_get(w.tx, &rq->arena, id, &t)))
		goto out;
	/* the one time the secret leaves: Faro keeps it to check signatures, never answers it again
	 */
	resp_json(rs, 201,
		  json_pack("{s:o,s:s}", "integration", integration_json(&t), "secret", secret));
	rc = api_write_commit(app, rq, rs, &w);
out:
	crypto_random_bytes(raw, sizeof(raw));
	memset(secret, 0, sizeof(secret));
	return api_write_end(&w, rs, rc);
}

HANDLER(h_telephony_integration_retire)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_integration_rec t;
	int64_t id = api_id_param(rq, "id");
	int rc = ERR_NOT_FOUND;
	if (!id || (rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_telephony_integration_retire(w.tx, id, rq->user_id, rq->now_ms)) ||
	    (rc = api_audit(w.tx, rq, "telephony.integration.retire", "telephony_integration", id,
			    NULL)) ||
	    (rc = store_telephony_integration_get(w.tx, &rq->arena, id, &t)))
		goto out;
	t.secret = NULL;
	rc = api_write_answer(app, rq, rs, &w, 200, "integration", integration_json(&t));
out:
	return api_write_end(&w, rs, rc);
}

/* the map as the answer shows it */
static json_t *extensions_json(const struct telephony_extension_rec *es, int n)
{
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
		    items, json_pack("{s:s,s:{s:I,s:s,s:s},s:I}", "extension", es[i].extension,
				     "user", "id", (json_int_t)es[i].user_id, "username",
				     es[i].username, "display_name", es[i].display_name,
				     "updated_ms", (json_int_t)es[i].updated_ms));
	return items;
}

/* the map for the audit log: {"101": user id} */
static json_t *extensions_audit(const struct telephony_extension_rec *es, int n)
{
	json_t *o = json_object();
	for (int i = 0; i < n; i++)
		json_object_set_new(o, es[i].extension, json_integer(es[i].user_id));
	return o;
}

HANDLER(h_telephony_extensions_get)
{
	struct telephony_extension_rec *es;
	struct telephony_map_rec m;
	struct db_tx *tx;
	int n, rc;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (!(rc = store_telephony_extensions(tx, &rq->arena, &es, &n)))
		rc = store_telephony_extension_map(tx, &m);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200,
		  json_pack("{s:o,s:I}", "extensions", extensions_json(es, n), "version",
			    (json_int_t)m.version));
	return 0;
}

static const char *const extensions_keys[] = {"extensions", "version", NULL};

/* 409 stale_version: the map as another admin saved it */
static int extensions_stale(struct api_write *w, struct req *rq, struct resp *rs)
{
	struct telephony_map_rec m;
	int rc = store_telephony_extension_map(w->tx, &m);
	if (rc)
		return rc;
	struct api_saved saved = {.object_type = "telephony_extensions",
				  .version = m.version,
				  .ms = m.updated_ms,
				  .by_user = m.updated_by};
	return api_stale(w->tx, rq, rs, &saved);
}

/* the new map of body into *ret (arena), each user checked in tx */
static int extensions_parse(struct api_write *w, struct req *rq,
			    struct telephony_extension_rec **ret, int *ret_n)
{
	json_t *list = json_object_get(w->body, "extensions"), *it;
	size_t i, n = json_array_size(list);
	if (!json_is_array(list) || n > TELEPHONY_EXTENSIONS_MAX)
		return field_fail(&w->e, "invalid", "extensions", "a list of at most 2000");
	struct telephony_extension_rec *es = arena_alloc(&rq->arena, (n + 1) * sizeof(*es));
	json_array_foreach(list, i, it)
	{
		const char *ext = json_string_value(json_object_get(it, "extension"));
		json_t *uid = json_object_get(it, "user_id");
		struct user_rec u;
		int rc;
		if (!json_is_object(it) || json_object_size(it) != 2 ||
		    !telephony_extension_ok(ext))
			return field_fail(&w->e, "invalid", "extensions",
					  "each is {\"extension\": 1-16 digits, \"user_id\"}");
		for (size_t k = 0; k < i; k++)
			if (!strcmp(es[k].extension, ext))
				return field_fail(&w->e, "invalid", "extensions",
						  "an extension is listed twice");
		if (!json_is_integer(uid) || json_integer_value(uid) <= 0 ||
		    (rc = store_user_get(w->tx, &rq->arena, json_integer_value(uid), &u)) ==
			ERR_NOT_FOUND ||
		    (!rc && u.disabled))
			return field_fail(&w->e, "unknown_user", "extensions",
					  "each extension names an active staff user");
		if (rc)
			return rc;
		es[i] = (struct telephony_extension_rec){.extension = ext,
							 .user_id = json_integer_value(uid)};
	}
	*ret = es;
	*ret_n = (int)n;
	return 0;
}

HANDLER(h_telephony_extensions_put)
{
	struct api_write w = API_WRITE_INIT;
	struct telephony_extension_rec *before, *after, *now;
	int64_t version = 0;
	int nb, na, nn, rc = 0;
	if (!(w.body = api_body(rq, rs, extensions_keys)))
		goto out;
	if (jsonx_get_int(w.body, "version", 1, INT64_MAX, &version, NULL)) {
		rc = field_fail(&w.e, "invalid", "version", "the version you read is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_telephony_extensions(w.tx, &rq->arena, &before, &nb)) ||
	    (rc = extensions_parse(&w, rq, &after, &na)))
		goto out;
	rc = store_telephony_extensions_replace(w.tx, after, na, version, rq->user_id, rq->now_ms,
						&version);
	if (rc == ERR_CONFLICT) {
		rc = extensions_stale(&w, rq, rs);
		goto out;
	}
	if (rc ||
	    (rc = api_audit(w.tx, rq, "telephony.extensions.update", "telephony_extensions", 0,
			    json_pack("{s:o,s:o,s:I}", "before", extensions_audit(before, nb),
				      "after", extensions_audit(after, na), "version",
				      (json_int_t)version))) ||
	    (rc = store_telephony_extensions(w.tx, &rq->arena, &now, &nn)))
		goto out;
	json_t *answer = extensions_json(now, nn);
	resp_json(rs, 200,
		  json_pack("{s:o,s:I}", "extensions", answer, "version", (json_int_t)version));
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}
