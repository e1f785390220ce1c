/*
 * api_contact_settings.c: the organisation's contact settings (Administración → Contactos):
 * source lines, tags, the service-provided and caller-served choices, what closing requires and
 * the force-close policy; read by every agent, changed by admins, validated and versioned.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/people/people_rules.h"
#include "domain/phone.h"
#include "api/contacts/api_contacts.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

#define LINES_MAX   50
#define TAGLIST_MAX 100
#define OPTIONS_MAX 30
#define DEMO_MAX    20

/* what an organisation starts with until an admin saves its own */
static const char default_settings[] =
    "{\"service_provided\":["
    "{\"code\":\"information\",\"label_es\":\"Información\",\"label_en\":\"Information\"},"
    "{\"code\":\"referral\",\"label_es\":\"Derivación\",\"label_en\":\"Referral\"},"
    "{\"code\":\"emotional_support\",\"label_es\":\"Apoyo emocional\",\"label_en\":\"Emotional "
    "support\"},"
    "{\"code\":\"crisis_intervention\",\"label_es\":\"Intervención en crisis\",\"label_en\":"
    "\"Crisis intervention\"},"
    "{\"code\":\"other\",\"label_es\":\"Otro\",\"label_en\":\"Other\"}],"
    "\"caller_served\":["
    "{\"code\":\"yes\",\"label_es\":\"Sí\",\"label_en\":\"Yes\"},"
    "{\"code\":\"partially\",\"label_es\":\"Parcialmente\",\"label_en\":\"Partially\"},"
    "{\"code\":\"no\",\"label_es\":\"No\",\"label_en\":\"No\"}],"
    "\"requirements\":{\"postal_code\":false,\"tags\":false,\"demographics\":[]},"
    "\"force_close\":{\"roles\":[\"agent\",\"supervisor\",\"admin\"],\"approval_required\":true},"
    "\"note_templates\":[]}";

static const char *const settings_keys[] = {"version",		"lines",	  "tags",
					    "service_provided", "caller_served",  "requirements",
					    "force_close",	"note_templates", NULL};

/* the parts kept in the one JSON value of contact_settings (lines and tags have tables) */
static const char *const doc_parts[] = {"service_provided", "caller_served", "requirements",
					"force_close", "note_templates"};

/* fills s->req and s->force from s->doc (already validated when it was saved) */
static void settings_derive(struct contact_settings *s, struct arena *a)
{
	json_t *req = json_object_get(s->doc, "requirements"), *fc;
	json_t *demo = json_object_get(req, "demographics");
	s->req.postal_code = json_is_true(json_object_get(req, "postal_code"));
	s->req.tags = json_is_true(json_object_get(req, "tags"));
	s->req.ndemographics = (int)json_array_size(demo);
	const char **keys = arena_alloc(a, sizeof(*keys) * (json_array_size(demo) + 1));
	for (size_t i = 0; i < json_array_size(demo); i++)
		keys[i] = arena_strdup(a, json_string_value(json_array_get(demo, i)));
	s->req.demographics = keys;
	fc = json_object_get(s->doc, "force_close");
	s->force.roles = 0;
	for (size_t i = 0; i < json_array_size(json_object_get(fc, "roles")); i++) {
		enum role r =
		    role_parse(json_string_value(json_array_get(json_object_get(fc, "roles"), i)));
		if (r != ROLE_INVALID)
			s->force.roles |= ROLE_BIT(r);
	}
	s->force.approval_required = json_is_true(json_object_get(fc, "approval_required"));
}

int contact_settings_load(struct db_tx *tx, struct req *rq, struct contact_settings *ret)
{
	struct contact_options_rec o;
	int rc = store_contact_options_get(tx, &rq->arena, &o);
	if (rc && rc != ERR_NOT_FOUND)
		return rc;
	memset(ret, 0, sizeof(*ret));
	ret->version = 1;
	if (!rc) {
		ret->version = o.version;
		ret->updated_by = o.updated_by;
		ret->updated_ms = o.updated_ms;
		ret->updated_by_name = o.updated_by_name;
		ret->doc = json_loads(o.options, 0, NULL);
	}
	if (!ret->doc) /* never saved (or unreadable, which a save through the API cannot leave) */
		ret->doc = json_loads(default_settings, 0, NULL);
	if (!ret->doc)
		return ERR_NOMEM;
	settings_derive(ret, &rq->arena);
	return 0;
}

void contact_settings_release(struct contact_settings *s)
{
	json_decref(s->doc);
	s->doc = NULL;
}

int contact_option_ok(const struct contact_settings *s, const char *list, const char *code)
{
	json_t *opts = json_object_get(s->doc, list);
	for (size_t i = 0; code && i < json_array_size(opts); i++)
		if (!strcmp(json_string_value(json_object_get(json_array_get(opts, i), "code")),
			    code))
			return 1;
	return 0;
}

/* the settings as agents and admins read them; active_only: the lines and tags in use */
static int settings_json(struct db_tx *tx, struct req *rq, const struct contact_settings *s,
			 int active_only, json_t **ret)
{
	struct contact_line_rec *ls;
	struct contact_tag_rec *ts;
	int nl, nt, rc;
	if ((rc = store_contact_lines(tx, &rq->arena, &ls, &nl)) ||
	    (rc = store_contact_tag_list(tx, &rq->arena, &ts, &nt)))
		return rc;
	json_t *lines = json_array(), *tags = json_array();
	for (int i = 0; i < nl; i++)
		if (ls[i].active || !active_only)
			json_array_append_new(
			    lines, json_pack("{s:I,s:s,s:s?,s:s,s:b}", "id", (json_int_t)ls[i].id,
					     "name", ls[i].name, "phone", ls[i].phone, "channel",
					     ls[i].channel, "active", ls[i].active));
	for (int i = 0; i < nt; i++)
		if (ts[i].active || !active_only)
			json_array_append_new(
			    tags, json_pack("{s:I,s:s,s:s,s:b}", "id", (json_int_t)ts[i].id,
					    "label_es", ts[i].label_es, "label_en", ts[i].label_en,
					    "active", ts[i].active));
	json_t *o = json_pack("{s:I,s:o,s:o}", "version", (json_int_t)s->version, "lines", lines,
			      "tags", tags);
	for (size_t i = 0; i < sizeof(doc_parts) / sizeof(doc_parts[0]); i++) {
		json_t *v = json_object_get(s->doc, doc_parts[i]);
		/* saved before a part existed: it reads as empty */
		json_object_set_new(o, doc_parts[i], v ? json_incref(v) : json_array());
	}
	*ret = o;
	return 0;
}

/* one label: text of 1..CONTACT_LABEL_MAX bytes on one line, leading spaces dropped */
static int label_of(json_t *o, const char *key, const char *path, struct req *rq, const char **ret,
		    struct field_err *e)
{
	json_t *v = json_object_get(o, key);
	const char *field = arena_printf(&rq->arena, "%s.%s", path, key);
	if (!json_is_string(v) || json_string_length(v) > CONTACT_LABEL_MAX ||
	    !people_text_ok(json_string_value(v), 0))
		return field_fail(e, "invalid", field, "must be text of at most 80 bytes");
	const char *s = json_string_value(v);
	while (*s == ' ')
		s++;
	if (!*s)
		return field_fail(e, "invalid", field, "must not be empty");
	*ret = s;
	return 0;
}

/* a choice list: 1..OPTIONS_MAX {code, label_es, label_en} with distinct codes */
static int options_of(json_t *v, const char *key, struct req *rq, struct field_err *e)
{
	if (!json_is_array(v) || !json_array_size(v) || json_array_size(v) > OPTIONS_MAX)
		return field_fail(e, "invalid", key, "must be a list of 1 to 30 choices");
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);
		const char *path = arena_printf(&rq->arena, "%s[%zu]", key, i), *lbl, *code;
		if (!json_is_object(o) || json_object_size(o) != 3)
			return field_fail(e, "invalid", path,
					  "must be {\"code\", \"label_es\", \"label_en\"}");
		code = json_string_value(json_object_get(o, "code"));
		if (!contact_code_ok(code))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.code", path),
					  "must be 1 to 40 of a-z, 0-9 and _");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(code, json_string_value(
					      json_object_get(json_array_get(v, j), "code"))))
				return field_fail(e, "duplicate",
						  arena_printf(&rq->arena, "%s.code", path),
						  "each code once");
		int rc;
		if ((rc = label_of(o, "label_es", path, rq, &lbl, e)) ||
		    (rc = label_of(o, "label_en", path, rq, &lbl, e)))
			return rc;
	}
	return 0;
}

static int requirements_of(json_t *v, struct req *rq, struct field_err *e)
{
	json_t *demo = json_object_get(v, "demographics");
	if (!json_is_object(v) || json_object_size(v) != 3 ||
	    !json_is_boolean(json_object_get(v, "postal_code")) ||
	    !json_is_boolean(json_object_get(v, "tags")) || !json_is_array(demo) ||
	    json_array_size(demo) > DEMO_MAX)
		return field_fail(e, "invalid", "requirements",
				  "must be {\"postal_code\": bool, \"tags\": bool, "
				  "\"demographics\": [field, ...]}");
	for (size_t i = 0; i < json_array_size(demo); i++) {
		const char *k = json_string_value(json_array_get(demo, i));
		const char *path = arena_printf(&rq->arena, "requirements.demographics[%zu]", i);
		if (!contact_demo_key_ok(k))
			return field_fail(e, "unknown_field", path,
					  "names no demographic field of a profile");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(k, json_string_value(json_array_get(demo, j))))
				return field_fail(e, "duplicate", path, "each field once");
	}
	return 0;
}

static int force_of(json_t *v, struct req *rq, struct field_err *e)
{
	json_t *roles = json_object_get(v, "roles");
	if (!json_is_object(v) || json_object_size(v) != 2 || !json_is_array(roles) ||
	    json_array_size(roles) > ROLE__MAX ||
	    !json_is_boolean(json_object_get(v, "approval_required")))
		return field_fail(e, "invalid", "force_close",
				  "must be {\"roles\": [role, ...], \"approval_required\": bool}");
	for (size_t i = 0; i < json_array_size(roles); i++)
		if (role_parse(json_string_value(json_array_get(roles, i))) == ROLE_INVALID)
			return field_fail(e, "invalid",
					  arena_printf(&rq->arena, "force_close.roles[%zu]", i),
					  "must be agent, coordinator, supervisor or admin");
	return 0;
}

/* saves the lines of v (a full list: lines left out are deactivated, never deleted) */
static int lines_save(struct db_tx *tx, struct req *rq, json_t *v, struct field_err *e)
{
	static const char *const keys[] = {"id", "name", "phone", "channel", "active", NULL};
	struct contact_line_rec *old;
	int nold, rc;
	const char *country = people_country(tx, &rq->arena);
	if (!json_is_array(v) || json_array_size(v) > LINES_MAX)
		return field_fail(e, "invalid", "lines", "must be a list of at most 50 lines");
	if ((rc = store_contact_lines(tx, &rq->arena, &old, &nold)))
		return rc;
	char *kept = arena_alloc(&rq->arena, (size_t)nold + 1);
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);
		const char *path = arena_printf(&rq->arena, "lines[%zu]", i);
		struct contact_line_rec l = {.active = 1};
		char e164[PHONE_E164_MAX];
		if (!json_is_object(o) || jsonx_only_keys(o, keys, NULL))
			return field_fail(e, "invalid", path,
					  "must be {\"id\"?, \"name\", \"phone\"?, \"channel\", "
					  "\"active\"?}");
		if ((rc = label_of(o, "name", path, rq, &l.name, e)))
			return rc;
		json_t *id = json_object_get(o, "id"), *ph = json_object_get(o, "phone");
		int found = -1;
		if (id && !json_is_integer(id))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.id", path),
					  "must be a line id");
		for (int j = 0; id && j < nold; j++)
			if (old[j].id == json_integer_value(id))
				found = j;
		if (id && found < 0)
			return field_fail(e, "unknown_line",
					  arena_printf(&rq->arena, "%s.id", path),
					  "there is no such line");
		if (found >= 0)
			l.id = old[found].id, kept[found] = 1;
		l.channel = json_string_value(json_object_get(o, "channel"));
		if (!contact_code_in(contact_channels, l.channel))
			return field_fail(e, "invalid",
					  arena_printf(&rq->arena, "%s.channel", path),
					  "must be voice, sms, chat, email or walk_in");
		if (ph && !json_is_null(ph)) {
			if (!json_is_string(ph) || json_string_length(ph) > PHONE_TYPED_MAX ||
			    phone_normalize(json_string_value(ph), country, e164, NULL))
				return field_fail(e, "invalid_phone",
						  arena_printf(&rq->arena, "%s.phone", path),
						  "is not a phone number");
			l.phone = arena_strdup(&rq->arena, e164);
		}
		json_t *act = json_object_get(o, "active");
		if (act && !json_is_boolean(act))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.active", path),
					  "must be true or false");
		l.active = !act || json_is_true(act);
		int64_t nid;
		rc = store_contact_line_save(tx, &l, rq->now_ms, &nid);
		if (rc == ERR_CONFLICT)
			return field_fail(e, "duplicate",
					  arena_printf(&rq->arena, "%s.phone", path),
					  "another line has this number");
		if (rc)
			return rc;
	}
	for (int j = 0; j < nold; j++)
		if (!kept[j] && old[j].active) {
			int64_t nid;
			old[j].active = 0;
			if ((rc = store_contact_line_save(tx, &old[j], rq->now_ms, &nid)))
				return rc;
		}
	return 0;
}

/* saves the tag list of v (a full list: tags left out are deactivated, never deleted) */
static int tags_save(struct db_tx *tx, struct req *rq, json_t *v, struct field_err *e)
{
	static const char *const keys[] = {"id", "label_es", "label_en", "active", NULL};
	struct contact_tag_rec *old;
	int nold, rc;
	if (!json_is_array(v) || json_array_size(v) > TAGLIST_MAX)
		return field_fail(e, "invalid", "tags", "must be a list of at most 100 tags");
	if ((rc = store_contact_tag_list(tx, &rq->arena, &old, &nold)))
		return rc;
	char *kept = arena_alloc(&rq->arena, (size_t)nold + 1);
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);
		const char *path = arena_printf(&rq->arena, "tags[%zu]", i);
		struct contact_tag_rec t = {.active = 1};
		if (!json_is_object(o) || jsonx_only_keys(o, keys, NULL))
			return field_fail(
			    e, "invalid", path,
			    "must be {\"id\"?, \"label_es\", \"label_en\", \"active\"?}");
		if ((rc = label_of(o, "label_es", path, rq, &t.label_es, e)) ||
		    (rc = label_of(o, "label_en", path, rq, &t.label_en, e)))
			return rc;
		json_t *id = json_object_get(o, "id"), *act = json_object_get(o, "active");
		int found = -1;
		if (id && !json_is_integer(id))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.id", path),
					  "must be a tag id");
		for (int j = 0; id && j < nold; j++)
			if (old[j].id == json_integer_value(id))
				found = j;
		if (id && found < 0)
			return field_fail(e, "unknown_tag", arena_printf(&rq->arena, "%s.id", path),
					  "there is no such tag");
		if (found >= 0)
			t.id = old[found].id, kept[found] = 1;
		if (act && !json_is_boolean(act))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.active", path),
					  "must be true or false");
		t.active = !act || json_is_true(act);
		int64_t nid;
		if ((rc = store_contact_tag_save(tx, &t, rq->now_ms, &nid)))
			return rc;
	}
	for (int j = 0; j < nold; j++)
		if (!kept[j] && old[j].active) {
			int64_t nid;
			old[j].active = 0;
			if ((rc = store_contact_tag_save(tx, &old[j], rq->now_ms, &nid)))
				return rc;
		}
	return 0;
}

/* answers the settings read in a read transaction; active_only: the lines and tags in use */
static int settings_answer(struct app *app, struct req *rq, struct resp *rs, int active_only)
{
	struct contact_settings s = {0};
	struct db_tx *tx;
	json_t *o;
	int rc;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (!(rc = contact_settings_load(tx, rq, &s)) &&
	    !(rc = settings_json(tx, rq, &s, active_only, &o)))
		resp_json(rs, 200, json_pack("{s:o}", "settings", o));
	store_rollback(tx);
	contact_settings_release(&s);
	return rc;
}

HANDLER(h_contact_options)
{
	return settings_answer(app, rq, rs, 1);
}

HANDLER(h_contact_settings_get)
{
	return settings_answer(app, rq, rs, 0);
}

/* a template's text member key: 1..max characters; multiline for the texts */
static int template_text(json_t *o, const char *key, const char *path, size_t max, int multiline,
			 struct req *rq, struct field_err *e)
{
	json_t *v = json_object_get(o, key);
	const char *t = json_string_value(v);
	const char *field = arena_printf(&rq->arena, "%s.%s", path, key);
	if (!t || !*t || json_string_length(v) > max * 4 || contact_chars(t) > max ||
	    !people_text_ok(t, multiline))
		return field_fail(e, "invalid", field,
				  arena_printf(&rq->arena, "must be text of 1 to %zu characters%s",
					       max, multiline ? "" : " on one line"));
	return 0;
}

/*
 * the note templates v: at most 50 {"id"?, "title_es", "title_en", "text_es", "text_en"}; an
 * entry without id is new and gets the next id after every id of the saved list (old) and of v,
 * so a new template never takes the id of one still saved or being kept
 */
static int templates_of(json_t *v, json_t *old, struct req *rq, struct field_err *e)
{
	static const char *const keys[] = {"id",      "title_es", "title_en",
					   "text_es", "text_en",  NULL};
	json_int_t next = 1;
	if (!json_is_array(v) || json_array_size(v) > CONTACT_TEMPLATES_MAX)
		return field_fail(e, "invalid", "note_templates",
				  "must be a list of at most 50 templates");
	for (size_t i = 0; i < json_array_size(old); i++) {
		json_int_t id = json_integer_value(json_object_get(json_array_get(old, i), "id"));
		next = id >= next ? id + 1 : next;
	}
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i), *id;
		const char *path = arena_printf(&rq->arena, "note_templates[%zu]", i);
		int rc;
		if (!json_is_object(o) || jsonx_only_keys(o, keys, NULL))
			return field_fail(e, "invalid", path,
					  "must be {\"id\"?, \"title_es\", \"title_en\", "
					  "\"text_es\", \"text_en\"}");
		id = json_object_get(o, "id");
		if (id && (!json_is_integer(id) || json_integer_value(id) < 1))
			return field_fail(e, "invalid", arena_printf(&rq->arena, "%s.id", path),
					  "must be a template id");
		if (id && json_integer_value(id) >= next)
			next = json_integer_value(id) + 1;
		for (size_t j = 0; id && j < i; j++)
			if (json_equal(id, json_object_get(json_array_get(v, j), "id")))
				return field_fail(e, "duplicate",
						  arena_printf(&rq->arena, "%s.id", path),
						  "each template once");
		if ((rc = template_text(o, "title_es", path, CONTACT_TEMPLATE_TITLE_MAX, 0, rq,
					e)) ||
		    (rc = template_text(o, "title_en", path, CONTACT_TEMPLATE_TITLE_MAX, 0, rq,
					e)) ||
		    (rc = template_text(o, "text_es", path, CONTACT_TEMPLATE_TEXT_MAX, 1, rq, e)) ||
		    (rc = template_text(o, "text_en", path, CONTACT_TEMPLATE_TEXT_MAX, 1, rq, e)))
			return rc;
	}
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);
		if (!json_object_get(o, "id"))
			json_object_set_new(o, "id", json_integer(next++));
	}
	return 0;
}

/* checks every given part of body and puts it in s->doc; lines and tags are saved in tx */
static int settings_apply(json_t *body, struct db_tx *tx, struct req *rq,
			  struct contact_settings *s, struct field_err *e)
{
	json_t *v;
	int rc;
	if ((v = json_object_get(body, "service_provided")) &&
	    (rc = options_of(v, "service_provided", rq, e)))
		return rc;
	if ((v = json_object_get(body, "caller_served")) &&
	    (rc = options_of(v, "caller_served", rq, e)))
		return rc;
	if ((v = json_object_get(body, "requirements")) && (rc = requirements_of(v, rq, e)))
		return rc;
	if ((v = json_object_get(body, "force_close")) && (rc = force_of(v, rq, e)))
		return rc;
	if ((v = json_object_get(body, "note_templates")) &&
	    (rc = templates_of(v, json_object_get(s->doc, "note_templates"), rq, e)))
		return rc;
	for (size_t i = 0; i < sizeof(doc_parts) / sizeof(doc_parts[0]); i++)
		if ((v = json_object_get(body, doc_parts[i])))
			json_object_set(s->doc, doc_parts[i], v);
	if ((v = json_object_get(body, "lines")) && (rc = lines_save(tx, rq, v, e)))
		return rc;
	if ((v = json_object_get(body, "tags")) && (rc = tags_save(tx, rq, v, e)))
		return rc;
	return 0;
}

int contact_settings_seed(struct db_tx *tx, struct req *rq, json_t *body, struct field_err *e)
{
	json_t *v;
	int rc;
	if ((v = json_object_get(body, "lines")) && (rc = lines_save(tx, rq, v, e)))
		return rc;
	if ((v = json_object_get(body, "tags")) && (rc = tags_save(tx, rq, v, e)))
		return rc;
	return api_audit(tx, rq, "contact_settings.update", "contact_settings", 0,
			 json_pack("{s:[s,s]}", "fields", "lines", "tags"));
}

/* 409 stale_version for the options as stored now */
static int settings_stale(struct db_tx *tx, struct req *rq, struct resp *rs,
			  const struct contact_settings *now)
{
	struct api_saved saved = {.object_type = "contact_settings",
				  .version = now->version,
				  .ms = now->updated_ms,
				  .by = now->updated_by_name,
				  .by_user = now->updated_by};
	return api_stale(tx, rq, rs, &saved);
}

HANDLER(h_contact_settings_put)
{
	struct api_write w = API_WRITE_INIT;
	struct contact_settings s = {0};
	int64_t version = 0, actor = api_session(rq)->s.user_id;
	int rc = 0;
	char *text = NULL;
	json_t *fields = json_array(), *o;
	if (!(w.body = api_body(rq, rs, settings_keys)))
		goto out;
	if (jsonx_get_int(w.body, "version", 1, INT64_MAX, &version, NULL)) {
		rc = field_fail(&w.e, "invalid", "version", "the version you read is required");
		goto out;
	}
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = contact_settings_load(w.tx, rq, &s)))
		goto out;
	if (s.version != version) {
		rc = settings_stale(w.tx, rq, rs, &s);
		goto out;
	}
	if ((rc = settings_apply(w.body, w.tx, rq, &s, &w.e)))
		goto out;
	const char *key;
	json_t *val;
	json_object_foreach(w.body, key, val)
	{
		if (strcmp(key, "version"))
			json_array_append_new(fields, json_string(key));
	}
	if (!(text = jsonx_dump(s.doc))) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = store_contact_options_put(w.tx, text, version, actor, rq->now_ms, &s.version);
	if (rc == ERR_CONFLICT) { /* another admin saved this version first */
		contact_settings_release(&s);
		if (!(rc = contact_settings_load(w.tx, rq, &s)))
			rc = settings_stale(w.tx, rq, rs, &s);
		goto out;
	}
	if (rc || (rc = api_audit(
		       w.tx, rq, "contact_settings.update", "contact_settings", 0,
		       json_pack("{s:O,s:I}", "fields", fields, "version", (json_int_t)s.version))))
		goto out;
	settings_derive(&s, &rq->arena);
	if ((rc = settings_json(w.tx, rq, &s, 0, &o)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 200, "settings", o);
out:
	contact_settings_release(&s);
	free(text);
	json_decref(fields);
	return api_write_end(&w, rs, rc);
}
