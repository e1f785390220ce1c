/*
 * api_resources_edit.c: administrators edit the directory (organizations,
 * services, locations, phones, schedules, service areas) with the import's
 * rules, optimistic locking and audit; upload an import; download exports.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "domain/resources/hsds_validate.h"
#include "api/api.h"
#include "api/resources/api_resources_edit.h"
#include "api/resources/api_resources.h"
#include "store/search/store_search.h"
#include "api/handlers.h"
#include "core/banned.h"

#define LIST_MAX	 100
#define IMPORT_FILES_MAX 32

static const struct {
	const char *path; /* the :type segment */
	int t;
} editable[] = {
    {"organizations", HSDS_ORGANIZATION},
    {"services", HSDS_SERVICE},
    {"locations", HSDS_LOCATION},
    {"phones", HSDS_PHONE},
    {"schedules", HSDS_SCHEDULE},
    {"service_areas", HSDS_SERVICE_AREA},
    {"addresses", HSDS_ADDRESS},
    {"service_at_locations", HSDS_SERVICE_AT_LOCATION},
    {"taxonomy_terms", HSDS_TAXONOMY_TERM},
    {"attributes", HSDS_ATTRIBUTE},
};
#define NEDITABLE (sizeof(editable) / sizeof(editable[0]))

int directory_type(struct req *rq)
{
	const char *ty = req_param(rq, "type");
	for (size_t i = 0; ty && i < NEDITABLE; i++)
		if (!strcmp(editable[i].path, ty))
			return editable[i].t;
	return -1;
}

const char *directory_path(int t)
{
	for (size_t i = 0; i < NEDITABLE; i++)
		if (editable[i].t == t)
			return editable[i].path;
	return hsds_tables[t].name;
}

const char *directory_actor(struct req *rq, int64_t *ret_id)
{
	struct api_session *s = api_session(rq);
	*ret_id = s ? s->s.user_id : 0;
	return s ? s->s.user.username : "system";
}

int directory_reindex(struct db_tx *tx, struct hsds_idset *set)
{
	store_hsds_idset_unique(set);
	return store_search_reindex_services(tx, set->ids, set->n);
}

int directory_stale(struct db_tx *tx, struct req *rq, struct resp *rs, int t, const char *id,
		    const struct hsds_row *now)
{
	struct api_saved s = {.object_type = hsds_tables[t].name,
			      .key = id,
			      .version = now->row_version,
			      .ms = now->updated_ms};
	return api_stale(tx, rq, rs, &s);
}

static json_t *record_json(int t, const struct hsds_row *r)
{
	json_t *o = json_pack("{s:o,s:I}", "record", hsds_row_json(t, r), "row_version",
			      (json_int_t)r->row_version);
	return o;
}

/*
 * 400 with every problem of the row: the field error of the first, and
 * "fields": [{field, code, message}] for all, so the form marks each input.
 */
static int invalid_row(struct resp *rs, int t, const struct hsds_issue *is, int n)
{
	json_t *fields = json_array();
	for (int i = 0; i < n && i < 16; i++)
		json_array_append_new(fields,
				      json_pack("{s:s,s:s,s:s}", "field",
						hsds_tables[t].fields[is[i].field].name, "code",
						is[i].code, "message", is[i].message));
	return api_error_with(rs, 400, is[0].code, is[0].message,
			      json_pack("{s:s,s:o}", "field",
					hsds_tables[t].fields[is[0].field].name, "fields", fields));
}

/* reads the body's fields into vals (arena); ERR_INVALID with e filled for an unknown key or a
 * non-scalar */
static int body_fields(struct req *rq, json_t *body, int t, const char **vals, struct field_err *e,
		       int64_t *ret_version)
{
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v)
	{
		char num[64];
		if (!strcmp(k, "row_version")) {
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				return field_fail(e, "invalid", "row_version",
						  "must be the version you read");
			*ret_version = json_integer_value(v);
			continue;
		}
		int f = hsds_field_find(t, k);
		if (f <= 0) /* id is never written through the body */
			return field_fail(e, "invalid", arena_strdup(&rq->arena, k),
					  "unknown field");
		if (json_is_null(v) || (json_is_string(v) && !*json_string_value(v)))
			vals[f] = NULL;
		else if (json_is_string(v))
			vals[f] = arena_strdup(&rq->arena, json_string_value(v));
		else if (json_is_integer(v))
			snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v)),
			    vals[f] = arena_strdup(&rq->arena, num);
		else if (json_is_real(v))
			snprintf(num, sizeof(num), "%.17g", json_real_value(v)),
			    hsds_number_text(num, num, sizeof(num)),
			    vals[f] = arena_strdup(&rq->arena, num);
		else
			return field_fail(e, "invalid", arena_strdup(&rq->arena, k),
					  "must be a string, number or null");
	}
	return 0;
}

/* every reference of vals points at an existing row; ERR_INVALID (broken_reference) with e filled
 */
static int refs_ok(struct db_tx *tx, int t, const char *const *vals, struct field_err *e)
{
	for (int f = 1; f < hsds_tables[t].nfields; f++) {
		int ref = hsds_tables[t].fields[f].ref;
		if (ref < 0 || !vals[f])
			continue;
		int rc = store_hsds_exists(tx, ref, vals[f], NULL);
		if (rc == ERR_NOT_FOUND)
			return field_fail(e, "broken_reference", hsds_tables[t].fields[f].name,
					  "the linked record does not exist");
		if (rc)
			return rc;
	}
	return 0;
}

/* an attribute's link_id names a row of the table link_entity names (HSDS has no foreign key
 * there); ERR_INVALID with e filled */
static int link_ok(struct db_tx *tx, const char *const *vals, struct field_err *e)
{
	int fe = hsds_field_find(HSDS_ATTRIBUTE, "link_entity"),
	    fl = hsds_field_find(HSDS_ATTRIBUTE, "link_id");
	int lt = vals[fe] ? hsds_table_find(vals[fe]) : -1;
	if (lt < 0)
		return field_fail(e, "invalid_value", "link_entity",
				  "must name an HSDS object (service, location, ...)");
	int rc = store_hsds_exists(tx, lt, vals[fl], NULL);
	if (rc == ERR_NOT_FOUND)
		return field_fail(e, "broken_reference", "link_id",
				  "the linked record does not exist");
	return rc;
}

static void uuid_v4(char out[37])
{
	unsigned char b[16];
	crypto_random_bytes(b, sizeof(b));
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
}

HANDLER(h_directory_list)
{
	int t = directory_type(rq);
	if (t < 0)
		return ERR_NOT_FOUND;
	struct db_tx *tx;
	struct hsds_row *rows = NULL;
	int n = 0, rc;
	int64_t total = -1;
	const char *after = req_query(rq, "after"), *search = req_query(rq, "search");
	/* one parent filter: a uuid field given in the query (service_id=..., location_id=...) */
	int pf = -1;
	const char *pv = NULL;
	for (int f = 1; f < hsds_tables[t].nfields; f++) {
		const char *v = req_query(rq, hsds_tables[t].fields[f].name);
		if (v && hsds_tables[t].fields[f].type == HT_UUID) {
			if (!hsds_valid_uuid(v))
				return api_invalid(rs, "invalid", "an id must be a UUID");
			pf = f, pv = v;
		}
	}
	if ((after && strlen(after) > 64) || (search && strlen(search) > 200))
		return api_invalid(rs, "invalid", "after is an id, search at most 200 bytes");
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (pf > 0) {
		rc = store_hsds_by(tx, &rq->arena, t, pf, pv, &rows, &n);
	} else if (search && (t == HSDS_SERVICE || t == HSDS_ORGANIZATION)) {
		struct buf fb = BUF_INIT(512);
		struct hsds_filter f = {0};
		struct hsds_id *ids;
		if (fold_text(search, strlen(search), &fb)) {
			buf_release(&fb);
			store_rollback(tx);
			return api_invalid(rs, "invalid", "search must be UTF-8 text");
		}
		f.pattern = fb.len ? arena_printf(&rq->arena, "%%%s%%", fb.data) : NULL;
		buf_release(&fb);
		rc = t == HSDS_SERVICE
			 ? store_hsdsq_services(tx, &rq->arena, &f, LIST_MAX, 0, &ids, &n, &total)
			 : store_hsdsq_organizations(tx, &rq->arena, &f, LIST_MAX, 0, &ids, &n,
						     &total);
		rows = arena_alloc(&rq->arena, sizeof(*rows) * (size_t)(n ? n : 1));
		for (int i = 0; i < n && !rc; i++)
			rc = store_hsds_get(tx, &rq->arena, t, ids[i].id, &rows[i]);
	} else {
		rc = store_hsds_after(tx, &rq->arena, t, after, LIST_MAX + 1, &rows, &n);
	}
	store_rollback(tx);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n && i < LIST_MAX; i++)
		json_array_append_new(items, record_json(t, &rows[i]));
	json_t *body = json_pack("{s:o}", "items", items);
	json_object_set_new(body, "next_after",
			    pf < 0 && !search && n > LIST_MAX
				? json_string(rows[LIST_MAX - 1].vals[0])
				: json_null());
	if (total >= 0)
		json_object_set_new(body, "total", json_integer(total));
	resp_json(rs, 200, body);
	return 0;
}

HANDLER(h_directory_get)
{
	int t = directory_type(rq);
	const char *id = req_param(rq, "id");
	if (t < 0 || !id || !hsds_valid_uuid(id))
		return ERR_NOT_FOUND;
	struct db_tx *tx;
	struct hsds_row r;
	int rc = store_begin(app->store, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = store_hsds_get(tx, &rq->arena, t, id, &r);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200, record_json(t, &r));
	return 0;
}

/* create (id NULL) or update: the shared path of POST and PATCH */
static int save(struct app *app, struct req *rq, struct resp *rs, int t, const char *id)
{
	const char **vals = arena_alloc(&rq->arena, sizeof(*vals) * HSDS_MAX_FIELDS);
	struct hsds_issue is[16];
	struct api_write w = API_WRITE_INIT;
	struct hsds_row cur, after;
	struct hsds_idset reach = {
	    0}; /* the services whose entries show the row, before and after */
	int64_t version = 0, newv = 0, actor_id;
	const char *actor = directory_actor(rq, &actor_id);
	char idbuf[37];
	int rc = 0;
	if (!(w.body = api_body(rq, rs, NULL)) ||
	    (rc = store_begin(app->store, STORE_WRITE, &w.tx)))
		goto out;
	if (id) { /* the fields not in the body keep their stored values */
		if ((rc = store_hsds_get(w.tx, &rq->arena, t, id, &cur)) ||
		    (rc = store_hsds_services_of(w.tx, &rq->arena, t, cur.vals, &reach)))
			goto out;
		memcpy(vals, cur.vals, sizeof(*vals) * (size_t)hsds_tables[t].nfields);
	} else {
		uuid_v4(idbuf);
		vals[0] = idbuf;
	}
	if ((rc = body_fields(rq, w.body, t, vals, &w.e, &version)))
		goto out;
	if (id && !version) {
		rc = field_fail(&w.e, "invalid", "row_version",
				"is required: send the version you read");
		goto out;
	}
	int n = hsds_check_row(t, vals, is, 16);
	if (n) {
		rc = invalid_row(rs, t, is, n);
		goto out;
	}
	if ((rc = refs_ok(w.tx, t, vals, &w.e)) ||
	    (t == HSDS_ATTRIBUTE && (rc = link_ok(w.tx, vals, &w.e))))
		goto out;
	const char *fold = hsds_fold(&rq->arena, t, vals);
	rc = id ? store_hsds_update(w.tx, t, vals, fold, version, rq->now_ms, &newv)
		: store_hsds_insert(w.tx, t, vals, NULL, fold, rq->now_ms);
	if (rc == ERR_CONFLICT && id) { /* read who saved first */
		if (!(rc = store_hsds_get(w.tx, &rq->arena, t, id, &cur)))
			rc = directory_stale(w.tx, rq, rs, t, id, &cur);
		goto out;
	}
	if (rc)
		goto out;
	/* the audit names the fields that changed */
	json_t *changed = json_array();
	for (int f = 1; f < hsds_tables[t].nfields; f++) {
		const char *old = id ? cur.vals[f] : NULL;
		if ((old == NULL) != (vals[f] == NULL) || (old && strcmp(old, vals[f])))
			json_array_append_new(changed, json_string(hsds_tables[t].fields[f].name));
	}
	char action[64];
	snprintf(action, sizeof(action), "directory.%s.%s", hsds_tables[t].name,
		 id ? "update" : "create");
	if ((rc = hsds_audit(w.tx, rq, actor_id, actor, action, hsds_tables[t].name, vals[0],
			     json_pack("{s:o}", "fields", changed))) ||
	    (rc = store_hsds_get(w.tx, &rq->arena, t, vals[0], &after)) ||
	    (rc = store_hsds_services_of(w.tx, &rq->arena, t, vals, &reach)) ||
	    (rc = directory_reindex(
		 w.tx, &reach))) /* agents find the edit at once, or nothing is saved */
		goto out;
	resp_json(rs, id ? 200 : 201, record_json(t, &after));
	rc = api_write_commit(app, rq, rs, &w);
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_directory_create)
{
	int t = directory_type(rq);
	return t < 0 ? ERR_NOT_FOUND : save(app, rq, rs, t, NULL);
}

HANDLER(h_directory_update)
{
	int t = directory_type(rq);
	const char *id = req_param(rq, "id");
	if (t < 0 || !id || !hsds_valid_uuid(id))
		return ERR_NOT_FOUND;
	return save(app, rq, rs, t, id);
}

HANDLER(h_directory_import)
{
	static const char *const keys[] = {"files", "dry_run", NULL};
	struct hsds_file files[IMPORT_FILES_MAX];
	int n = 0, dry = 0, rc = 0;
	int64_t actor_id;
	const char *actor = directory_actor(rq, &actor_id);
	json_t *rep = NULL, *f;
	size_t i;
	json_t *body = api_body(rq, rs, keys);
	if (!body)
		return 0;
	json_t *arr = json_object_get(body, "files"), *d = json_object_get(body, "dry_run");
	if (!json_is_array(arr) || !json_array_size(arr) ||
	    json_array_size(arr) > IMPORT_FILES_MAX || (d && !json_is_boolean(d))) {
		api_invalid(rs, "invalid", "files must list 1 to 32 files as {name, content}");
		goto out;
	}
	dry = json_is_true(d);
	json_array_foreach(arr, i, f)
	{
		json_t *nm = json_object_get(f, "name"), *ct = json_object_get(f, "content");
		if (!json_is_string(nm) || !json_is_string(ct) || !json_string_length(nm) ||
		    json_string_length(nm) > 100) {
			api_invalid(rs, "invalid",
				    "each file needs a name (1 to 100 characters) and a content");
			goto out;
		}
		files[n++] = (struct hsds_file){json_string_value(nm), json_string_value(ct),
						json_string_length(ct)};
	}
	if ((rc = hsds_import(app, rq, actor, actor_id, files, n, dry, &rep)))
		goto out;
	if (json_is_true(json_object_get(rep, "ok"))) {
		resp_json(rs, 200, rep);
		rep = NULL;
	} else {
		api_error(rs, 422, "import_rejected",
			  "The files have errors; nothing was imported. Every error is listed.");
		json_t *e = json_object_get(rs->json, "error");
		json_object_set(e, "errors", json_object_get(rep, "errors"));
		json_object_set(e, "error_count", json_object_get(rep, "error_count"));
	}
out:
	json_decref(rep);
	json_decref(body);
	return rc;
}

HANDLER(h_directory_export)
{
	const char *file = req_query(rq, "file");
	struct db_tx *tx;
	int t = file ? hsds_table_by_file(file) : -1, rc;
	if (!file || (t < 0 && strcmp(file, "datapackage.json") && strcmp(file, "directory.json")))
		return api_invalid(rs, "invalid",
				   "file must be one of the package's CSV files, datapackage.json "
				   "or directory.json");
	if (!strcmp(file, "datapackage.json")) {
		resp_json(rs, 200, hsds_datapackage());
		return 0;
	}
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (t < 0) {
		json_t *doc;
		if (!(rc = hsds_export_json(tx, &doc)))
			resp_json(rs, 200, doc);
	} else {
		struct buf b = BUF_INIT((size_t)1 << 30);
		if (!(rc = hsds_export_csv(tx, t, &b))) {
			char *copy = arena_alloc(&rq->arena, b.len + 1);
			memcpy(copy, b.data, b.len);
			rs->status = 200;
			rs->raw = copy;
			rs->raw_len = b.len;
			rs->content_type = "text/csv; charset=utf-8";
		}
		buf_release(&b);
	}
	store_rollback(tx);
	if (!rc) /* file is one of the fixed names checked above */
		resp_header(rs, "Content-Disposition",
			    arena_printf(&rq->arena, "attachment; filename=\"%s\"", file));
	return rc;
}
