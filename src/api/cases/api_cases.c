/*
 * api_cases.c: cases (Casos): numbered CAS-YYYY-NNNNNN, created for a
 * profile from the quick or full form, edited with optimistic locking,
 * closed rather than deleted; lists (mine / all, by status, a profile's),
 * and the staff a case can be assigned to.
 */
#include <string.h>

#include "core/err.h"
#include "core/jsonx.h"
#include "domain/cases/case_rules.h"
#include "domain/people/people_rules.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/cases/api_cases.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

static const char *const case_keys[] = {"version",     "profile_id",	   "subject",
					"description", "status",	   "priority",
					"category",    "assigned_user_id", NULL};

static json_t *person(int64_t id, const char *name)
{
	return id ? json_pack("{s:I,s:s?}", "id", (json_int_t)id, "name", name) : json_null();
}

json_t *case_json(const struct case_rec *c)
{
	json_t *o =
	    json_pack("{s:I,s:s,s:s,s:s?,s:s,s:s,s:s?,s:I,s:I}", "id", (json_int_t)c->id, "number",
		      c->number, "subject", c->subject, "description", c->description, "status",
		      c->status, "priority", c->priority, "category", c->category, "opened_ms",
		      (json_int_t)c->opened_ms, "version", (json_int_t)c->version);
	json_object_set_new(o, "closed_ms",
			    c->closed_ms ? json_integer(c->closed_ms) : json_null());
	json_object_set_new(o, "profile",
			    json_pack("{s:I,s:s,s:b}", "id", (json_int_t)c->profile_id,
				      "display_name", c->profile_name ? c->profile_name : "",
				      "anonymous", c->profile_anonymous));
	json_object_set_new(o, "assigned_to", person(c->assigned_user_id, c->assigned_name));
	json_object_set_new(o, "created_by", person(c->created_by, c->created_by_name));
	json_object_set_new(o, "updated_by", person(c->updated_by, c->updated_by_name));
	json_object_set_new(o, "created_ms", json_integer(c->created_ms));
	json_object_set_new(o, "updated_ms", json_integer(c->updated_ms));
	return o;
}

/* a text field of the case body: absent leaves *dst, null or blank clears it */
static int case_text(json_t *body, const char *key, size_t max, int multiline, int required,
		     const char **dst, struct field_err *e)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (json_is_null(v) && !required) {
		*dst = NULL;
		return 0;
	}
	if (!json_is_string(v) || json_string_length(v) > max ||
	    !people_text_ok(json_string_value(v), multiline))
		return field_fail(e, "invalid", key, "must be text of the allowed length");
	const char *s = json_string_value(v);
	while (*s == ' ')
		s++;
	if (required && !*s)
		return field_fail(e, "invalid", key, "must not be empty");
	*dst = *s ? s : NULL;
	return 0;
}

/* a case as the rules of domain/cases see it */
static struct case_facts case_facts_of(const struct case_rec *c)
{
	return (struct case_facts){.subject = c->subject,
				   .description = c->description,
				   .category = c->category,
				   .status = c->status,
				   .priority = c->priority,
				   .assigned_user_id = c->assigned_user_id,
				   .closed_ms = c->closed_ms};
}

/*
 * reads the editable fields of body into c (before: the stored case, NULL
 * on create), applies the case rules (closed_ms follows the status) and
 * checks the assignee in tx; ERR_INVALID with e filled, or the store's error
 */
static int case_fields(json_t *body, struct db_tx *tx, struct req *rq,
		       const struct case_rec *before, struct case_rec *c, struct field_err *e)
{
	int rc;
	if ((rc = case_text(body, "subject", CASE_SUBJECT_MAX, 0, 1, &c->subject, e)) ||
	    (rc = case_text(body, "description", CASE_DESCRIPTION_MAX, 1, 0, &c->description, e)) ||
	    (rc = case_text(body, "category", CASE_CATEGORY_MAX, 0, 0, &c->category, e)) ||
	    (rc = case_text(body, "status", CASE_CODE_MAX, 0, 1, &c->status, e)) ||
	    (rc = case_text(body, "priority", CASE_CODE_MAX, 0, 1, &c->priority, e)))
		return rc;
	struct case_facts was = before ? case_facts_of(before) : (struct case_facts){0},
			  asked = case_facts_of(c);
	struct case_change_in in = {
	    .before = before ? &was : NULL, .after = &asked, .now_ms = rq->now_ms};
	struct case_change_out out;
	int refused = case_change_check(&in, &out, NULL);
	if (refused && out.refusal == CASE_REFUSE_STATUS)
		return field_fail(e, "invalid", "status",
				  "must be open, in_progress, waiting or closed");
	if (refused && out.refusal == CASE_REFUSE_PRIORITY)
		return field_fail(e, "invalid", "priority", "must be low, normal, high or urgent");
	c->closed_ms = out.closed_ms;
	json_t *av = json_object_get(body, "assigned_user_id");
	if (av && json_is_null(av))
		c->assigned_user_id = 0;
	else if (av) {
		int64_t uid;
		if (jsonx_get_int(body, "assigned_user_id", 1, INT64_MAX, &uid, NULL))
			return field_fail(e, "invalid", "assigned_user_id",
					  "must be a user id or null");
		struct user_rec u;
		int src = store_user_get(tx, &rq->arena, uid, &u);
		if (src == ERR_NOT_FOUND)
			return field_fail(e, "unknown_user", "assigned_user_id",
					  "there is no such user");
		if (src)
			return src;
		if (u.disabled)
			return field_fail(
			    e, "user_disabled", "assigned_user_id",
			    "that user is disabled; assign the case to an active user");
		c->assigned_user_id = uid;
	}
	return 0;
}

HANDLER(h_cases_create)
{
	struct api_write w = API_WRITE_INIT;
	struct case_rec c = {.status = "open", .priority = "normal"}, saved;
	int64_t n, profile_id = 0, id, actor = api_session(rq)->s.user_id;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, case_keys)))
		goto out;
	if (json_object_get(w.body, "version")) {
		rc = field_fail(&w.e, "invalid", "version", "a new case has no version yet");
		goto out;
	}
	if (jsonx_get_int(w.body, "profile_id", 1, INT64_MAX, &profile_id, NULL)) {
		rc = field_fail(&w.e, "invalid", "profile_id", "the case's profile is required");
		goto out;
	}
	if (!json_object_get(w.body, "subject")) {
		rc = field_fail(&w.e, "invalid", "subject", "the subject is required");
		goto out;
	}
	c.profile_id = profile_id;
	c.assigned_user_id = actor; /* who opens a case works it unless told otherwise */
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = case_fields(w.body, w.tx, rq, NULL, &c, &w.e)))
		goto out;
	rc = store_profile_exists(w.tx, profile_id);
	if (rc == ERR_NOT_FOUND) {
		rc = field_fail(&w.e, "unknown_profile", "profile_id", "there is no such profile");
		goto out;
	}
	int year = case_year_of(rq->now_ms);
	char number[CASE_NUMBER_MAX];
	if (rc || (rc = store_case_next_number(w.tx, year, &n)) ||
	    (rc = case_number(year, n, number, sizeof(number))))
		goto out;
	c.number = arena_strdup(&rq->arena, number);
	if ((rc = store_case_insert(w.tx, &c, actor, rq->now_ms, &id)) ||
	    (rc = api_audit(w.tx, rq, "case.create", "case", id,
			    json_pack("{s:s,s:I}", "number", c.number, "profile_id",
				      (json_int_t)profile_id))) ||
	    (rc = store_case_get(w.tx, &rq->arena, id, &saved)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 201, "case", case_json(&saved));
out:
	return api_write_end(&w, rs, rc);
}

static int case_read(struct db_tx *tx, struct arena *a, int64_t id, json_t **ret)
{
	struct case_rec c;
	int rc = store_case_get(tx, a, id, &c);
	if (!rc)
		*ret = case_json(&c);
	return rc;
}

/* reading a case is on record */
static const struct api_view case_view = {"case", "case.view", case_read};

HANDLER(h_case_get)
{
	return api_view_audited(app, rq, rs, &case_view);
}

static int case_stale(struct db_tx *tx, struct req *rq, struct resp *rs, const struct case_rec *now)
{
	struct api_saved s = {.object_type = "case",
			      .id = now->id,
			      .version = now->version,
			      .ms = now->updated_ms,
			      .by = now->updated_by_name};
	return api_stale(tx, rq, rs, &s);
}

/* the names of the fields that differ between a and b */
static json_t *case_changes(const struct case_rec *a, const struct case_rec *b)
{
	json_t *out = json_array();
	struct case_facts fa = case_facts_of(a), fb = case_facts_of(b);
	unsigned bits = case_changed_fields(&fa, &fb);
	for (int i = 0; case_field_names[i]; i++)
		if (bits & (1u << i))
			json_array_append_new(out, json_string(case_field_names[i]));
	return out;
}

HANDLER(h_case_update)
{
	struct api_write w = API_WRITE_INIT;
	struct case_rec before, c, now;
	int64_t version = 0, id;
	json_t *changed = NULL;
	int rc = api_write_open(&w, rq, rs, case_keys, &id, &version);
	if (rc || !w.body)
		goto out;
	if (json_object_get(w.body, "profile_id")) {
		rc = field_fail(&w.e, "invalid", "profile_id", "a case stays with its profile");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_case_get(w.tx, &rq->arena, id, &before)))
		goto out;
	if (before.version != version) {
		rc = case_stale(w.tx, rq, rs, &before);
		goto out;
	}
	c = before;
	if ((rc = case_fields(w.body, w.tx, rq, &before, &c, &w.e)))
		goto out;
	changed = case_changes(&before, &c);
	if (!json_array_size(changed)) { /* nothing to save: the read is on record */
		rc = api_view_commit(app, rq, rs, &w, &case_view, id, case_json(&before));
		goto out;
	}
	rc = store_case_update(w.tx, &c, api_session(rq)->s.user_id, rq->now_ms, &c.version);
	if (rc == ERR_CONFLICT) {
		if (!(rc = store_case_get(w.tx, &rq->arena, id, &now)))
			rc = case_stale(w.tx, rq, rs, &now);
		goto out;
	}
	if (rc ||
	    (rc = api_audit(w.tx, rq, "case.update", "case", id,
			    json_pack("{s:O,s:s,s:I}", "fields", changed, "status", c.status,
				      "version", (json_int_t)c.version))) ||
	    (rc = store_case_get(w.tx, &rq->arena, id, &now)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "case", case_json(&now));
out:
	json_decref(changed);
	return api_write_end(&w, rs, rc);
}

/* lists of cases name their profiles: one audit row says which were shown */
static int case_list_answer(struct app *app, struct req *rq, struct resp *rs,
			    const struct case_filter *f)
{
	struct case_rec *cs;
	struct db_tx *tx;
	int n, rc;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) ||
	    (rc = store_case_list(tx, &rq->arena, f, &cs, &n))) {
		store_rollback(tx);
		return rc;
	}
	json_t *items = json_array(), *ids = json_array();
	for (int i = 0; i < n && i < f->limit - 1; i++) {
		json_array_append_new(items, case_json(&cs[i]));
		json_array_append_new(ids, json_integer(cs[i].id));
	}
	if ((rc = api_audit(tx, rq, "case.list", "case", 0, json_pack("{s:o}", "ids", ids)))) {
		json_decref(items);
		store_rollback(tx);
		return rc;
	}
	json_t *next = n >= f->limit ? json_integer(cs[f->limit - 2].id) : json_null();
	resp_json(rs, 200, json_pack("{s:o,s:o}", "items", items, "next_before", next));
	return api_commit(app, rq, rs, tx);
}

HANDLER(h_cases_list)
{
	struct case_filter f = {0};
	int64_t before = 0, limit = 50;
	const char *scope = req_query(rq, "scope"), *status = req_query(rq, "status");
	const char *b = req_query(rq, "before"), *l = req_query(rq, "limit");
	if ((b && validate_id(b, &before)) ||
	    (l && (validate_id(l, &limit) || limit > CASE_LIST_MAX)))
		return api_invalid(rs, "invalid", "before must be a case id, limit 1 to 100");
	if (scope && strcmp(scope, "mine") && strcmp(scope, "all"))
		return api_invalid(rs, "invalid", "scope must be mine or all");
	if (status && !case_list_status_ok(status))
		return api_invalid(rs, "invalid",
				   "status must be active, open, in_progress, waiting or closed");
	if (scope && !strcmp(scope, "mine"))
		f.assigned_user_id = api_session(rq)->s.user_id;
	if (status && !strcmp(status, "active"))
		f.active_only = 1;
	else
		f.status = status;
	f.before_id = before;
	f.limit = (int)limit + 1;
	return case_list_answer(app, rq, rs, &f);
}

HANDLER(h_profile_cases)
{
	struct case_filter f = {.limit = CASE_LIST_MAX + 1};
	struct db_tx *tx;
	int rc;
	f.profile_id = api_id_param(rq, "id");
	if (!f.profile_id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(app->store, STORE_READ_ONE, &tx)))
		return rc;
	rc = store_profile_exists(tx, f.profile_id);
	store_rollback(tx);
	if (rc)
		return rc;
	return case_list_answer(app, rq, rs, &f);
}

HANDLER(h_case_assignees)
{
	struct user_rec *us;
	struct db_tx *tx;
	int n, rc;
	int64_t after = 0;
	json_t *items = json_array();
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		goto out;
	/* staff lists are short; read them whole, 500 at a time */
	do {
		if ((rc = store_user_list(tx, &rq->arena, after, 500, &us, &n)))
			break;
		for (int i = 0; i < n; i++) {
			after = us[i].id;
			if (!us[i].disabled)
				json_array_append_new(items, json_pack("{s:I,s:s,s:s}", "id",
								       (json_int_t)us[i].id, "name",
								       us[i].display_name, "role",
								       us[i].role));
		}
	} while (n == 500);
	store_rollback(tx);
out:
	if (rc) {
		json_decref(items);
		return rc;
	}
	resp_json(rs, 200, json_pack("{s:o}", "items", items));
	return 0;
}
