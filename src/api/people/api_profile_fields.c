/*
 * api_profile_fields.c: the profile body rules (quick form, full form and
 * edits share them) and the JSON views of profiles. A PATCH names only
 * what changes; lists (phones, emails, support network, flags) are
 * replaced whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "domain/people/name_key.h"
#include "domain/people/people_rules.h"
#include "domain/phone.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

#define MAX_PHONES	 10
#define MAX_EMAILS	 10
#define MAX_SUPPORT	 20
#define MAX_DEMOGRAPHICS 30

const char *const profile_body_keys[] = {
    "version", "first_name",   "last_name",	 "alias",	    "anonymous",  "phones",
    "emails",  "address",      "postal_code",	 "language",	    "birth_date", "age_range",
    "gender",  "demographics", "health_history", "support_network", "flags",	  "notes",
    NULL};

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void mark(json_t *changed, const char *key)
{
	if (changed)
		json_array_append_new(changed, json_string(key));
}

/* a copy of s without surrounding white space; NULL when nothing is left */
static const char *trimmed(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

/* a text value (string or null) of at most max bytes; 1 when v is absent */
static int text_value(json_t *v, const char *field, size_t max, int multiline, struct arena *a,
		      const char **ret, struct field_err *e)
{
	if (!v)
		return 1;
	if (json_is_null(v)) {
		*ret = NULL;
		return 0;
	}
	if (!json_is_string(v))
		return field_fail(e, "invalid", field, "must be text or null");
	if (json_string_length(v) > max)
		return field_fail(e, "invalid", field, "is too long");
	const char *s = json_string_value(v);
	if (!people_text_ok(s, multiline))
		return field_fail(e, "invalid", field, "holds control characters");
	*ret = trimmed(a, s);
	return 0;
}

static int text_field(json_t *body, const char *key, size_t max, int multiline, struct arena *a,
		      const char **dst, struct field_err *e, json_t *changed)
{
	const char *s = NULL;
	int rc = text_value(json_object_get(body, key), key, max, multiline, a, &s, e);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (!same(*dst, s))
		mark(changed, key);
	*dst = s;
	return 0;
}

/* a text field whose value must be one of list (or null) */
static int enum_field(json_t *body, const char *key, const char *const *list, struct arena *a,
		      const char **dst, struct field_err *e, json_t *changed)
{
	const char *before = *dst;
	int rc = text_field(body, key, 40, 0, a, dst, e, NULL);
	if (rc)
		return rc;
	if (*dst && !people_in(list, *dst))
		return field_fail(e, "invalid", key, "is not one of the allowed values");
	if (!same(before, *dst))
		mark(changed, key);
	return 0;
}

static int phones_field(json_t *body, const char *country, struct arena *a, struct profile_rec *p,
			struct field_err *e, json_t *changed)
{
	json_t *arr = json_object_get(body, "phones");
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > MAX_PHONES)
		return field_fail(e, "invalid", "phones", "must be a list of at most 10 phones");
	int n = (int)json_array_size(arr);
	struct profile_phone *ph = arena_alloc(a, sizeof(*ph) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, (size_t)i);
		static const char *const keys[] = {"number", "type", NULL};
		const char *field = arena_printf(a, "phones[%d].number", i);
		if (!json_is_object(o) || jsonx_only_keys(o, keys, NULL))
			return field_fail(e, "invalid", arena_printf(a, "phones[%d]", i),
					  "must be {\"number\", \"type\"}");
		const char *raw = NULL, *type = "mobile";
		if (text_value(json_object_get(o, "number"), field, PHONE_TYPED_MAX, 0, a, &raw,
			       e) < 0)
			return ERR_INVALID;
		if (!raw)
			return field_fail(e, "invalid_phone", field, "the number is missing");
		json_t *tv = json_object_get(o, "type");
		if (tv && !json_is_null(tv) &&
		    (!json_is_string(tv) || !people_in(people_phone_types, json_string_value(tv))))
			return field_fail(e, "invalid", arena_printf(a, "phones[%d].type", i),
					  "must be mobile, home, work or other");
		if (tv && json_is_string(tv))
			type = json_string_value(tv);
		char e164[PHONE_E164_MAX];
		struct buf why = BUF_INIT(200);
		if (phone_normalize(raw, country, e164, &why)) {
			field_fail(e, "invalid_phone", field, why.data);
			buf_release(&why);
			return ERR_INVALID;
		}
		buf_release(&why);
		for (int k = 0; k < i; k++)
			if (!strcmp(ph[k].e164, e164))
				return field_fail(e, "invalid_phone", field,
						  "the same number is listed twice");
		ph[i] = (struct profile_phone){arena_strdup(a, e164), raw, type};
	}
	int diff = n != p->nphones;
	for (int i = 0; !diff && i < n; i++)
		diff = strcmp(ph[i].raw, p->phones[i].raw) || strcmp(ph[i].type, p->phones[i].type);
	if (diff)
		mark(changed, "phones");
	p->phones = ph;
	p->nphones = n;
	return 0;
}

static int emails_field(json_t *body, struct arena *a, struct profile_rec *p, struct field_err *e,
			json_t *changed)
{
	json_t *arr = json_object_get(body, "emails");
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > MAX_EMAILS)
		return field_fail(e, "invalid", "emails", "must be a list of at most 10 addresses");
	int n = (int)json_array_size(arr);
	const char **em = arena_alloc(a, sizeof(*em) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		const char *field = arena_printf(a, "emails[%d]", i), *s = NULL;
		struct buf why = BUF_INIT(100);
		if (text_value(json_array_get(arr, (size_t)i), field, 254, 0, a, &s, e) < 0)
			return ERR_INVALID;
		if (!s || validate_email(s, &why)) {
			buf_release(&why);
			return field_fail(e, "invalid_email", field,
					  "is not a valid email address");
		}
		buf_release(&why);
		em[i] = s;
	}
	int diff = n != p->nemails;
	for (int i = 0; !diff && i < n; i++)
		diff = strcmp(em[i], p->emails[i]);
	if (diff)
		mark(changed, "emails");
	p->emails = em;
	p->nemails = n;
	return 0;
}

/* JSON text of v for storage: compact, keys sorted, so equal values compare equal */
static const char *stored_json(struct arena *a, const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	const char *out = arena_strdup(a, s ? s : "null");
	free(s);
	return out;
}

static int support_field(json_t *body, const char *country, struct arena *a, struct profile_rec *p,
			 struct field_err *e, json_t *changed)
{
	json_t *arr = json_object_get(body, "support_network");
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > MAX_SUPPORT)
		return field_fail(e, "invalid", "support_network",
				  "must be a list of at most 20 people");
	json_t *out = json_array();
	int rc = 0;
	for (size_t i = 0; i < json_array_size(arr) && !rc; i++) {
		static const char *const keys[] = {"name", "relation", "phone", NULL};
		json_t *o = json_array_get(arr, i);
		const char *name = NULL, *rel = NULL, *raw = NULL;
		const char *base = arena_printf(a, "support_network[%zu]", i);
		if (!json_is_object(o) || jsonx_only_keys(o, keys, NULL)) {
			rc = field_fail(e, "invalid", base,
					"must be {\"name\", \"relation\", \"phone\"}");
			break;
		}
		if (text_value(json_object_get(o, "name"), arena_printf(a, "%s.name", base), 100, 0,
			       a, &name, e) < 0 ||
		    text_value(json_object_get(o, "relation"), arena_printf(a, "%s.relation", base),
			       60, 0, a, &rel, e) < 0 ||
		    text_value(json_object_get(o, "phone"), arena_printf(a, "%s.phone", base),
			       PHONE_TYPED_MAX, 0, a, &raw, e) < 0) {
			rc = ERR_INVALID;
			break;
		}
		if (!name) {
			rc = field_fail(e, "invalid", arena_printf(a, "%s.name", base),
					"the name is missing");
			break;
		}
		char e164[PHONE_E164_MAX] = "";
		struct buf why = BUF_INIT(200);
		if (raw && phone_normalize(raw, country, e164, &why))
			rc = field_fail(e, "invalid_phone", arena_printf(a, "%s.phone", base),
					why.data);
		buf_release(&why);
		json_array_append_new(out, json_pack("{s:s,s:s?,s:s?,s:s?}", "name", name,
						     "relation", rel, "phone", raw, "phone_e164",
						     raw ? e164 : NULL));
	}
	if (!rc) {
		const char *text = stored_json(a, out);
		if (!same(text, p->support_network ? p->support_network : "[]"))
			mark(changed, "support_network");
		p->support_network = text;
	}
	json_decref(out);
	return rc;
}

static int flags_field(json_t *body, struct arena *a, struct profile_rec *p, struct field_err *e,
		       json_t *changed)
{
	json_t *arr = json_object_get(body, "flags");
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return field_fail(e, "invalid", "flags", "must be a list");
	json_t *out = json_array();
	/* in the list's own order, each once */
	for (const char *const *f = people_flags; *f; f++) {
		for (size_t i = 0; i < json_array_size(arr); i++)
			if (json_is_string(json_array_get(arr, i)) &&
			    !strcmp(json_string_value(json_array_get(arr, i)), *f)) {
				json_array_append_new(out, json_string(*f));
				break;
			}
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v) || !people_in(people_flags, json_string_value(v))) {
			json_decref(out);
			return field_fail(e, "invalid", arena_printf(a, "flags[%zu]", i),
					  "is not a known flag");
		}
	}
	const char *text = stored_json(a, out);
	json_decref(out);
	if (!same(text, p->flags ? p->flags : "[]"))
		mark(changed, "flags");
	p->flags = text;
	return 0;
}

/*
 * demographics: the organisation's fields (people_demo_fields) with a code
 * from each field's list, free text where the field has no list, and the
 * words of an "other" answer in <field>_other. An empty value leaves the
 * field out.
 */
static int demographics_field(json_t *body, struct arena *a, struct profile_rec *p,
			      struct field_err *e, json_t *changed)
{
	json_t *obj = json_object_get(body, "demographics");
	if (!obj)
		return 0;
	if (!json_is_object(obj) || json_object_size(obj) > MAX_DEMOGRAPHICS)
		return field_fail(e, "invalid", "demographics",
				  "must be an object of at most 30 fields");
	json_t *out = json_object();
	const char *key;
	json_t *v;
	int rc = 0;
	json_object_foreach(obj, key, v)
	{
		const char *s = NULL, *field = arena_printf(a, "demographics.%.40s", key);
		const struct people_demo_field *f = people_demo_find(key);
		const struct people_demo_field *of = f ? NULL : people_demo_other_of(key);
		if (!f && !of) {
			rc = field_fail(e, "invalid", field,
					"is not one of the organisation's demographic fields");
			break;
		}
		if (text_value(v, field, 200, 0, a, &s, e) < 0) {
			rc = ERR_INVALID;
			break;
		}
		if (s && f && f->codes && !people_in(f->codes, s)) {
			rc = field_fail(e, "invalid", field, "is not one of the field's choices");
			break;
		}
		if (s)
			json_object_set_new(out, key, json_string(s));
	}
	/* the words of an "other" answer go with it, and only with it */
	json_object_foreach(out, key, v)
	{
		const struct people_demo_field *of = rc ? NULL : people_demo_other_of(key);
		const char *choice = of ? json_string_value(json_object_get(out, of->key)) : NULL;
		if (of && (!choice || strcmp(choice, "other")))
			rc = field_fail(e, "invalid", arena_printf(a, "demographics.%s", key),
					arena_printf(a, "goes with %s \"other\"", of->key));
	}
	if (!rc) {
		const char *text = stored_json(a, out);
		if (!same(text, p->demographics ? p->demographics : "{}"))
			mark(changed, "demographics");
		p->demographics = text;
	}
	json_decref(out);
	return rc;
}

static int scalar_fields(json_t *body, struct arena *a, struct profile_rec *p, int64_t now,
			 struct field_err *e, json_t *changed)
{
	int rc;
	if ((rc = text_field(body, "first_name", 100, 0, a, &p->first_name, e, changed)) ||
	    (rc = text_field(body, "last_name", 100, 0, a, &p->last_name, e, changed)) ||
	    (rc = text_field(body, "alias", 100, 0, a, &p->alias, e, changed)) ||
	    (rc = text_field(body, "address", 300, 0, a, &p->address, e, changed)) ||
	    (rc = text_field(body, "postal_code", 12, 0, a, &p->postal_code, e, changed)) ||
	    (rc = text_field(body, "language", 3, 0, a, &p->language, e, changed)) ||
	    (rc = text_field(body, "birth_date", 10, 0, a, &p->birth_date, e, changed)) ||
	    (rc = enum_field(body, "age_range", people_age_ranges, a, &p->age_range, e, changed)) ||
	    (rc = enum_field(body, "gender", people_genders, a, &p->gender, e, changed)) ||
	    (rc =
		 text_field(body, "health_history", 10000, 1, a, &p->health_history, e, changed)) ||
	    (rc = text_field(body, "notes", 10000, 1, a, &p->notes, e, changed)))
		return rc;
	for (const char *c = p->postal_code; c && *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= 'a' && *c <= 'z') || *c == ' ' || *c == '-'))
			return field_fail(e, "invalid", "postal_code",
					  "holds letters, digits, spaces and - only");
	for (const char *c = p->language; c && *c; c++)
		if (*c < 'a' || *c > 'z' || strlen(p->language) < 2)
			return field_fail(e, "invalid", "language",
					  "is a 2 or 3 letter ISO 639 code");
	struct buf why = BUF_INIT(100);
	if (p->birth_date && people_date_valid(p->birth_date, now, &why)) {
		field_fail(e, "invalid_date", "birth_date", why.data);
		buf_release(&why);
		return ERR_INVALID;
	}
	buf_release(&why);
	json_t *an = json_object_get(body, "anonymous");
	if (an) {
		if (!json_is_boolean(an))
			return field_fail(e, "invalid", "anonymous", "must be true or false");
		if (p->anonymous != json_is_true(an))
			mark(changed, "anonymous");
		p->anonymous = json_is_true(an);
	}
	return 0;
}

/* display_name and name_fold follow the names */
static int derive_names(struct arena *a, struct profile_rec *p, struct field_err *e)
{
	if (!p->first_name && !p->last_name && !p->alias && !p->anonymous)
		return field_fail(e, "name_required", "first_name",
				  "give a name or an alias, or mark the profile anonymous");
	if (p->first_name || p->last_name)
		p->display_name = arena_printf(a, "%s%s%s", p->first_name ? p->first_name : "",
					       p->first_name && p->last_name ? " " : "",
					       p->last_name ? p->last_name : "");
	else
		p->display_name = p->alias ? p->alias : "";
	struct buf f = BUF_INIT(2048);
	const char *all = arena_printf(a, "%s %s %s", p->first_name ? p->first_name : "",
				       p->last_name ? p->last_name : "", p->alias ? p->alias : "");
	int rc = fold_text(all, strlen(all), &f);
	p->name_fold = arena_strdup(a, f.data);
	buf_release(&f);
	return rc ? field_fail(e, "invalid", "first_name", "the names are not valid text") : 0;
}

int profile_apply(json_t *body, struct profile_rec *p, const char *country, struct req *rq,
		  struct field_err *e, json_t **ret_changed)
{
	struct arena *a = &rq->arena;
	json_t *changed = json_array();
	int rc;
	if ((rc = scalar_fields(body, a, p, rq->now_ms, e, changed)) ||
	    (rc = phones_field(body, country, a, p, e, changed)) ||
	    (rc = emails_field(body, a, p, e, changed)) ||
	    (rc = support_field(body, country, a, p, e, changed)) ||
	    (rc = flags_field(body, a, p, e, changed)) ||
	    (rc = demographics_field(body, a, p, e, changed)) || (rc = derive_names(a, p, e))) {
		json_decref(changed);
		return rc;
	}
	if (ret_changed)
		*ret_changed = changed;
	else
		json_decref(changed);
	return 0;
}

int profile_search_keys(const struct profile_rec *p, struct arena *a, const char ***ret, int *ret_n)
{
	return name_keys(p->name_fold ? p->name_fold : "", a, ret, ret_n);
}

const char *people_country(struct db_tx *tx, struct arena *a)
{
	const char *v = NULL;
	return store_setting_get(tx, a, PROFILE_SETTING_COUNTRY, &v) ? NULL : v;
}

static json_t *parsed_or(const char *text, json_t *fallback)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	if (!v)
		return fallback;
	json_decref(fallback);
	return v;
}

static json_t *who(int64_t id, const char *name)
{
	return id ? json_pack("{s:I,s:s?}", "id", (json_int_t)id, "name", name) : json_null();
}

json_t *profile_json(const struct profile_rec *p)
{
	json_t *phones = json_array(), *emails = json_array();
	for (int i = 0; i < p->nphones; i++)
		json_array_append_new(phones,
				      json_pack("{s:s,s:s,s:s}", "number", p->phones[i].raw, "e164",
						p->phones[i].e164, "type", p->phones[i].type));
	for (int i = 0; i < p->nemails; i++)
		json_array_append_new(emails, json_string(p->emails[i]));
	json_t *o = json_pack(
	    "{s:I,s:s,s:s?,s:s?,s:s?,s:b,s:o,s:o,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}", "id",
	    (json_int_t)p->id, "display_name", p->display_name ? p->display_name : "", "first_name",
	    p->first_name, "last_name", p->last_name, "alias", p->alias, "anonymous", p->anonymous,
	    "phones", phones, "emails", emails, "address", p->address, "postal_code",
	    p->postal_code, "language", p->language, "birth_date", p->birth_date, "age_range",
	    p->age_range, "gender", p->gender, "health_history", p->health_history, "notes",
	    p->notes);
	json_object_set_new(o, "demographics", parsed_or(p->demographics, json_object()));
	json_object_set_new(o, "support_network", parsed_or(p->support_network, json_array()));
	json_object_set_new(o, "flags", parsed_or(p->flags, json_array()));
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "created_ms", json_integer(p->created_ms));
	json_object_set_new(o, "updated_ms", json_integer(p->updated_ms));
	json_object_set_new(o, "created_by", who(p->created_by, p->created_by_name));
	json_object_set_new(o, "updated_by", who(p->updated_by, p->updated_by_name));
	return o;
}

json_t *profile_hit_json(const struct profile_hit *h)
{
	return json_pack("{s:I,s:s,s:s?,s:s?,s:s?,s:b,s:s?,s:I}", "id", (json_int_t)h->id,
			 "display_name", h->display_name ? h->display_name : "", "first_name",
			 h->first_name, "last_name", h->last_name, "alias", h->alias, "anonymous",
			 h->anonymous, "phone", h->phone_raw, "updated_ms",
			 (json_int_t)h->updated_ms);
}
