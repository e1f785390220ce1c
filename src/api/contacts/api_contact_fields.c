/*
 * api_contact_fields.c: the fields a contact takes from a create or a PATCH, each checked against
 * the store (profile, case, line, tags, taxonomy terms) and the organisation's settings.
 */
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/phone.h"
#include "domain/resources/hsds_schema.h"
#include "store/resources/store_hsds.h"
#include "api/contacts/api_contacts.h"
#include "api/people/api_profile.h"
#include "store/cases/store_case.h"
#include "store/people/store_profile.h"
#include "core/banned.h"

/* an id field: absent leaves *dst, null clears it (when nullable), else a positive integer */
static int id_field(json_t *body, const char *key, int nullable, int64_t *dst, int *ret_given,
		    struct field_err *e)
{
	json_t *v = json_object_get(body, key);
	*ret_given = v != NULL;
	if (!v)
		return 0;
	if (json_is_null(v) && nullable) {
		*dst = 0;
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return field_fail(e, "invalid", key,
				  nullable ? "must be an id or null" : "must be an id");
	*dst = json_integer_value(v);
	return 0;
}

/* a code of the organisation's list: absent leaves *dst, null clears it */
static int option_field(json_t *body, const char *key, const struct contact_settings *s,
			const char **dst, struct field_err *e)
{
	json_t *v = json_object_get(body, key);
	if (!v)
		return 0;
	if (json_is_null(v)) {
		*dst = NULL;
		return 0;
	}
	if (!json_is_string(v) || !contact_option_ok(s, key, json_string_value(v)))
		return field_fail(e, "unknown_option", key,
				  "must be one of the organisation's choices");
	*dst = json_string_value(v);
	return 0;
}

/* a taxonomy term id that exists, else refuses field */
static int term_check(struct db_tx *tx, const char *term, const char *field, struct field_err *e)
{
	if (!term || !*term || strlen(term) > CONTACT_TERM_MAX)
		return field_fail(e, "invalid", field, "must be a taxonomy term id");
	int rc = store_hsds_exists(tx, HSDS_TAXONOMY_TERM, term, NULL);
	if (rc == ERR_NOT_FOUND)
		return field_fail(e, "unknown_term", field, "there is no such taxonomy term");
	if (rc)
		return rc;
	return 0;
}

static int links_field(json_t *body, struct db_tx *tx, struct req *rq, struct contact_rec *c,
		       struct field_err *e)
{
	int rc, gp, gc, gl;
	if ((rc = id_field(body, "profile_id", 1, &c->profile_id, &gp, e)) ||
	    (rc = id_field(body, "case_id", 1, &c->case_id, &gc, e)) ||
	    (rc = id_field(body, "source_line_id", 1, &c->source_line_id, &gl, e)))
		return rc;
	if (gp && c->profile_id && (rc = store_profile_exists(tx, c->profile_id))) {
		if (rc == ERR_NOT_FOUND)
			return field_fail(e, "unknown_profile", "profile_id",
					  "there is no such profile");
		return rc;
	}
	if ((gc || gp) && c->case_id) {
		struct case_rec cs;
		rc = store_case_get(tx, &rq->arena, c->case_id, &cs);
		if (rc == ERR_NOT_FOUND)
			return field_fail(e, "unknown_case", "case_id", "there is no such case");
		if (rc)
			return rc;
		if (!c->profile_id) /* a contact linked to a case is about the case's person */
			c->profile_id = cs.profile_id;
		if (cs.profile_id != c->profile_id)
			return field_fail(e, "case_profile_mismatch", "case_id",
					  "the case belongs to another profile");
	}
	if (gl && c->source_line_id) {
		struct contact_line_rec l;
		rc = store_contact_line_get(tx, &rq->arena, c->source_line_id, &l);
		if (rc == ERR_NOT_FOUND || (!rc && !l.active))
			return field_fail(e, "unknown_line", "source_line_id",
					  "there is no such line in use");
		if (rc)
			return rc;
	}
	return 0;
}

static int tags_field(json_t *v, struct db_tx *tx, struct req *rq, struct contact_edit *ed,
		      struct field_err *e)
{
	if (!json_is_array(v) || json_array_size(v) > CONTACT_TAGS_MAX)
		return field_fail(e, "invalid", "tags", "must be a list of at most 30 tag ids");
	ed->has_tags = 1;
	ed->tag_ids = arena_alloc(&rq->arena, sizeof(int64_t) * (json_array_size(v) + 1));
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *t = json_array_get(v, i);
		const char *field = arena_printf(&rq->arena, "tags[%zu]", i);
		struct contact_tag_rec tag;
		if (!json_is_integer(t) || json_integer_value(t) < 1)
			return field_fail(e, "invalid", field, "must be a tag id");
		int rc = store_contact_tag_get(tx, &rq->arena, json_integer_value(t), &tag);
		if (rc == ERR_NOT_FOUND || (!rc && !tag.active))
			return field_fail(e, "unknown_tag", field,
					  "is not a tag of the organisation's list");
		if (rc)
			return rc;
		int dup = 0;
		for (int j = 0; j < ed->ntags; j++)
			dup |= ed->tag_ids[j] == tag.id;
		if (!dup)
			ed->tag_ids[ed->ntags++] = tag.id;
	}
	return 0;
}

static int needs_field(json_t *v, struct db_tx *tx, struct req *rq, struct contact_edit *ed,
		       struct field_err *e)
{
	if (!json_is_array(v) || json_array_size(v) > CONTACT_NEEDS_MAX)
		return field_fail(e, "invalid", "needs",
				  "must be a list of at most 20 taxonomy term ids");
	ed->has_needs = 1;
	ed->needs = arena_alloc(&rq->arena, sizeof(char *) * (json_array_size(v) + 1));
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *t = json_string_value(json_array_get(v, i));
		int rc = term_check(tx, t, arena_printf(&rq->arena, "needs[%zu]", i), e);
		if (rc)
			return rc;
		int dup = 0;
		for (int j = 0; j < ed->nneeds; j++)
			dup |= !strcmp(ed->needs[j], t);
		if (!dup)
			ed->needs[ed->nneeds++] = t;
	}
	return 0;
}

int contact_fields_apply(json_t *body, struct db_tx *tx, struct req *rq,
			 const struct contact_settings *s, struct contact_rec *c,
			 struct contact_edit *ed, struct field_err *e)
{
	json_t *v;
	int rc;
	if ((rc = links_field(body, tx, rq, c, e)) ||
	    (rc = option_field(body, "service_provided", s, &c->service_provided, e)) ||
	    (rc = option_field(body, "caller_served", s, &c->caller_served, e)))
		return rc;
	if ((v = json_object_get(body, "caller_number")) && !json_is_null(v)) {
		char e164[PHONE_E164_MAX];
		if (!json_is_string(v) || json_string_length(v) > PHONE_TYPED_MAX ||
		    phone_normalize(json_string_value(v), people_country(tx, &rq->arena), e164,
				    NULL))
			return field_fail(e, "invalid_phone", "caller_number",
					  "is not a phone number");
		c->caller_number = arena_strdup(&rq->arena, e164);
	}
	if ((v = json_object_get(body, "tags")) && (rc = tags_field(v, tx, rq, ed, e)))
		return rc;
	if ((v = json_object_get(body, "needs")) && (rc = needs_field(v, tx, rq, ed, e)))
		return rc;
	if ((v = json_object_get(body, "primary_term_id"))) {
		ed->has_primary = 1;
		if (json_is_null(v))
			c->primary_term_id = NULL;
		else if ((rc = term_check(tx, json_string_value(v), "primary_term_id", e)))
			return rc;
		else
			c->primary_term_id = json_string_value(v);
	}
	return 0;
}
