/* store_contact.c: the contact record: insert, read, versioned updates, notes, close, lists. */
#include "store/contacts/store_contact.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/contacts/store_contact_impl.h"
#include "core/banned.h"

static const struct db_stmt contact_insert = {
    "contact_insert",
    "INSERT INTO contacts (profile_id, case_id, agent_user_id, channel, direction, "
    "source_line_id, call_id, caller_number, status, started_ms, created_by, updated_by, "
    "created_ms, updated_ms, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10, "
    "$10, $9, $9, 1) RETURNING id"};
/* every write names status 'open': a closed contact is read-only whatever the caller checked */
static const struct db_stmt contact_update = {
    "contact_update",
    "UPDATE contacts SET profile_id = $3, case_id = $4, source_line_id = $5, "
    "service_provided = $6, caller_served = $7, primary_term_id = $8, updated_by = $9, "
    "updated_ms = $10, version = version + 1 WHERE id = $1 AND version = $2 AND status = 'open' "
    "RETURNING version"};
static const struct db_stmt contact_touch = {
    "contact_touch", "UPDATE contacts SET updated_by = $2, updated_ms = $3, version = version + 1 "
		     "WHERE id = $1 AND status = 'open' RETURNING version"};
static const struct db_stmt contact_finish = {
    "contact_finish",
    "UPDATE contacts SET status = $3, closed_by = $4, closed_ms = $5, "
    "ended_ms = COALESCE(ended_ms, $5), updated_by = $4, updated_ms = $5, version = version + 1 "
    "WHERE id = $1 AND version = $2 AND status = 'open' RETURNING version"};
static const struct db_stmt contact_notes = {
    "contact_notes", "UPDATE contacts SET notes = $3, notes_version = notes_version + 1, "
		     "notes_updated_by = $4, notes_updated_ms = $5 WHERE id = $1 AND "
		     "notes_version = $2 AND status = 'open' RETURNING notes_version"};
static const struct db_stmt contact_exists = {"contact_exists",
					      "SELECT 1 FROM contacts WHERE id = $1"};
#define CONTACT_SELECT                                                                             \
	"SELECT c.id, COALESCE(c.profile_id, 0), COALESCE(c.case_id, 0), c.agent_user_id, "        \
	"c.channel, c.direction, c.status, COALESCE(c.source_line_id, 0), c.call_id, "             \
	"c.caller_number, c.started_ms, COALESCE(c.ended_ms, 0), COALESCE(c.closed_ms, 0), "       \
	"COALESCE(c.closed_by, 0), c.service_provided, c.caller_served, c.primary_term_id, "       \
	"c.notes, c.notes_version, COALESCE(c.notes_updated_ms, 0), "                              \
	"COALESCE(c.notes_updated_by, 0), COALESCE(c.created_by, 0), COALESCE(c.updated_by, 0), "  \
	"c.created_ms, c.updated_ms, c.version, au.display_name, cu.display_name, "                \
	"uu.display_name, nu.display_name, l.name, l.phone, l.channel, "                           \
	"(SELECT COUNT(*) FROM contact_needs n WHERE n.contact_id = c.id), "                       \
	"(SELECT COUNT(*) FROM contact_referrals r WHERE r.contact_id = c.id AND "                 \
	"r.removed_ms IS NULL) FROM contacts c "                                                   \
	"JOIN users au ON au.id = c.agent_user_id LEFT JOIN users cu ON cu.id = c.closed_by "      \
	"LEFT JOIN users uu ON uu.id = c.updated_by "                                              \
	"LEFT JOIN users nu ON nu.id = c.notes_updated_by "                                        \
	"LEFT JOIN contact_lines l ON l.id = c.source_line_id "
static const struct db_stmt contact_get = {"contact_get", CONTACT_SELECT "WHERE c.id = $1"};
/* one text for every filter: a zero or NULL parameter leaves its filter out */
static const struct db_stmt contact_list = {
    "contact_list", CONTACT_SELECT
    "WHERE (c.started_ms >= $1 OR $1 = 0) AND (c.started_ms < $2 OR $2 = 0) "
    "AND (c.agent_user_id = $3 OR $3 = 0) AND (c.source_line_id = $4 OR $4 = 0) "
    "AND (c.channel = $5 OR CAST($5 AS TEXT) IS NULL) "
    "AND (c.status = $6 OR CAST($6 AS TEXT) IS NULL) "
    "AND (EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_id = $7) "
    "OR $7 = 0) AND (EXISTS (SELECT 1 FROM contact_needs n WHERE n.contact_id = c.id AND "
    "n.term_id = $8) OR CAST($8 AS TEXT) IS NULL) AND (c.profile_id = $11 OR $11 = 0) "
    "AND (c.case_id = $12 OR $12 = 0) "
    "AND c.id < $9 ORDER BY c.id DESC LIMIT $10"};

int store_contact_insert(struct db_tx *tx, const struct contact_rec *c, int64_t actor, int64_t now,
			 int64_t *ret_id)
{
	struct db_val v[] = {store_contact_id_val(c->profile_id),
			     store_contact_id_val(c->case_id),
			     DBV_INT_(c->agent_user_id),
			     DBV_TEXT_(c->channel),
			     DBV_TEXT_(c->direction),
			     store_contact_id_val(c->source_line_id),
			     DBV_TEXT_(c->call_id),
			     DBV_TEXT_(c->caller_number),
			     DBV_INT_(c->started_ms ? c->started_ms : now),
			     store_contact_id_val(actor)};
	return store_one_int(tx, &contact_insert, v, NPARAMS(v), ret_id);
}

static void contact_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_rec *c = rec;
	c->id = db_res_int(r, i, 0);
	c->profile_id = db_res_int(r, i, 1);
	c->case_id = db_res_int(r, i, 2);
	c->agent_user_id = db_res_int(r, i, 3);
	c->channel = store_text(a, r, i, 4);
	c->direction = store_text(a, r, i, 5);
	c->status = store_text(a, r, i, 6);
	c->source_line_id = db_res_int(r, i, 7);
	c->call_id = store_text(a, r, i, 8);
	c->caller_number = store_text(a, r, i, 9);
	c->started_ms = db_res_int(r, i, 10);
	c->ended_ms = db_res_int(r, i, 11);
	c->closed_ms = db_res_int(r, i, 12);
	c->closed_by = db_res_int(r, i, 13);
	c->service_provided = store_text(a, r, i, 14);
	c->caller_served = store_text(a, r, i, 15);
	c->primary_term_id = store_text(a, r, i, 16);
	c->notes = store_text(a, r, i, 17);
	c->notes_version = db_res_int(r, i, 18);
	c->notes_updated_ms = db_res_int(r, i, 19);
	c->notes_updated_by = db_res_int(r, i, 20);
	c->created_by = db_res_int(r, i, 21);
	c->updated_by = db_res_int(r, i, 22);
	c->created_ms = db_res_int(r, i, 23);
	c->updated_ms = db_res_int(r, i, 24);
	c->version = db_res_int(r, i, 25);
	c->agent_name = store_text(a, r, i, 26);
	c->closed_by_name = store_text(a, r, i, 27);
	c->updated_by_name = store_text(a, r, i, 28);
	c->notes_updated_by_name = store_text(a, r, i, 29);
	c->line_name = store_text(a, r, i, 30);
	c->line_phone = store_text(a, r, i, 31);
	c->line_channel = store_text(a, r, i, 32);
	c->nneeds = (int)db_res_int(r, i, 33);
	c->nreferrals = (int)db_res_int(r, i, 34);
	if (!c->notes)
		c->notes = "";
}

int store_contact_get(struct db_tx *tx, struct arena *a, int64_t id, struct contact_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &contact_get, &k, 1, contact_from_row, ret);
}

int store_contact_update(struct db_tx *tx, const struct contact_rec *c, int64_t actor, int64_t now,
			 int64_t *ret_version)
{
	struct db_val v[] = {DBV_INT_(c->id),
			     DBV_INT_(c->version),
			     store_contact_id_val(c->profile_id),
			     store_contact_id_val(c->case_id),
			     store_contact_id_val(c->source_line_id),
			     DBV_TEXT_(c->service_provided),
			     DBV_TEXT_(c->caller_served),
			     DBV_TEXT_(c->primary_term_id),
			     store_contact_id_val(actor),
			     DBV_INT_(now)};
	return store_update_versioned(tx, &contact_update, v, NPARAMS(v), &contact_exists, c->id,
				      ret_version);
}

int store_contact_touch(struct db_tx *tx, int64_t id, int64_t actor, int64_t now,
			int64_t *ret_version)
{
	struct db_val v[] = {DBV_INT_(id), store_contact_id_val(actor), DBV_INT_(now)};
	return store_update_versioned(tx, &contact_touch, v, NPARAMS(v), &contact_exists, id,
				      ret_version);
}

int store_contact_finish(struct db_tx *tx, int64_t id, int64_t version, const char *status,
			 int64_t actor, int64_t now, int64_t *ret_version)
{
	struct db_val v[] = {DBV_INT_(id), DBV_INT_(version), DBV_TEXT_(status),
			     store_contact_id_val(actor), DBV_INT_(now)};
	return store_update_versioned(tx, &contact_finish, v, NPARAMS(v), &contact_exists, id,
				      ret_version);
}

int store_contact_notes(struct db_tx *tx, int64_t id, int64_t notes_version, const char *text,
			int64_t actor, int64_t now, int64_t *ret_notes_version)
{
	struct db_val v[] = {DBV_INT_(id), DBV_INT_(notes_version), DBV_TEXT_(text),
			     store_contact_id_val(actor), DBV_INT_(now)};
	return store_update_versioned(tx, &contact_notes, v, NPARAMS(v), &contact_exists, id,
				      ret_notes_version);
}

int store_contact_list(struct db_tx *tx, struct arena *a, const struct contact_filter *f,
		       struct contact_rec **ret, int *ret_n)
{
	struct db_val v[] = {DBV_INT_(f->from_ms),
			     DBV_INT_(f->to_ms),
			     DBV_INT_(f->agent_user_id),
			     DBV_INT_(f->line_id),
			     DBV_TEXT_(f->channel),
			     DBV_TEXT_(f->status),
			     DBV_INT_(f->tag_id),
			     DBV_TEXT_(f->need_term_id),
			     DBV_INT_(f->before_id > 0 ? f->before_id : INT64_MAX),
			     DBV_INT_(f->limit),
			     DBV_INT_(f->profile_id),
			     DBV_INT_(f->case_id)};
	return STORE_LIST(tx, a, &contact_list, v, NPARAMS(v), contact_from_row, ret, ret_n);
}
