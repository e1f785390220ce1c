/* store_contact_parts.c: what hangs on a contact: its tags, its derived needs, its referrals. */
#include "store/contacts/store_contact.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/contacts/store_contact_impl.h"
#include "core/banned.h"

static const struct db_stmt tags_get = {
    "contact_tags_get", "SELECT l.id, l.label_es, l.label_en, l.active, l.created_ms, "
			"l.updated_ms FROM contact_tags t JOIN contact_tags_list l ON l.id = "
			"t.tag_id WHERE t.contact_id = $1 ORDER BY l.id"};
static const struct db_stmt tags_clear = {"contact_tags_clear",
					  "DELETE FROM contact_tags WHERE contact_id = $1"};
static const struct db_stmt tag_add = {"contact_tag_add",
				       "INSERT INTO contact_tags (contact_id, tag_id) VALUES ($1, "
				       "$2) ON CONFLICT (contact_id, tag_id) DO NOTHING"};
static const struct db_stmt needs_get = {
    "contact_needs_get", "SELECT term_id, is_primary, origin, COALESCE(referral_id, 0) FROM "
			 "contact_needs WHERE contact_id = $1 ORDER BY position"};
static const struct db_stmt needs_clear = {"contact_needs_clear",
					   "DELETE FROM contact_needs WHERE contact_id = $1"};
static const struct db_stmt need_add = {
    "contact_need_add", "INSERT INTO contact_needs (contact_id, term_id, position, is_primary, "
			"origin, referral_id) VALUES ($1, $2, $3, $4, $5, $6)"};
static const struct db_stmt refs_get = {
    "contact_refs_get",
    "SELECT r.id, r.contact_id, r.service_id, r.service_at_location_id, r.term_id, "
    "r.created_ms, COALESCE(r.created_by, 0), COALESCE(r.removed_ms, 0), "
    "COALESCE(r.removed_by, 0), r.removed_reason, cu.display_name, ru.display_name "
    "FROM contact_referrals r LEFT JOIN users cu ON cu.id = r.created_by "
    "LEFT JOIN users ru ON ru.id = r.removed_by WHERE r.contact_id = $1 ORDER BY r.id"};
static const struct db_stmt ref_insert = {
    "contact_ref_insert",
    "INSERT INTO contact_referrals (contact_id, service_id, service_at_location_id, term_id, "
    "created_ms, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
static const struct db_stmt ref_remove = {
    "contact_ref_remove",
    "UPDATE contact_referrals SET removed_ms = $4, removed_by = $5, removed_reason = $3 "
    "WHERE contact_id = $1 AND id = $2 AND removed_ms IS NULL RETURNING id"};

void store_contact_tag_fill(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_tag_rec *t = rec;
	t->id = db_res_int(r, i, 0);
	t->label_es = store_text(a, r, i, 1);
	t->label_en = store_text(a, r, i, 2);
	t->active = (int)db_res_int(r, i, 3);
	t->created_ms = db_res_int(r, i, 4);
	t->updated_ms = db_res_int(r, i, 5);
}

int store_contact_tags(struct db_tx *tx, struct arena *a, int64_t id, struct contact_tag_rec **ret,
		       int *ret_n)
{
	struct db_val k = DBV_INT_(id);
	return STORE_LIST(tx, a, &tags_get, &k, 1, store_contact_tag_fill, ret, ret_n);
}

int store_contact_tags_set(struct db_tx *tx, int64_t id, const int64_t *tag_ids, int n)
{
	struct db_val k = DBV_INT_(id);
	int rc = db_exec(tx, &tags_clear, &k, 1, NULL);
	for (int i = 0; !rc && i < n; i++) {
		struct db_val v[] = {DBV_INT_(id), DBV_INT_(tag_ids[i])};
		rc = db_exec(tx, &tag_add, v, NPARAMS(v), NULL);
	}
	return rc;
}

static void need_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_need_rec *n = rec;
	n->term_id = store_text(a, r, i, 0);
	n->is_primary = (int)db_res_int(r, i, 1);
	n->origin = store_text(a, r, i, 2);
	n->referral_id = db_res_int(r, i, 3);
}

int store_contact_needs(struct db_tx *tx, struct arena *a, int64_t id,
			struct contact_need_rec **ret, int *ret_n)
{
	struct db_val k = DBV_INT_(id);
	return STORE_LIST(tx, a, &needs_get, &k, 1, need_from_row, ret, ret_n);
}

int store_contact_needs_set(struct db_tx *tx, int64_t id, const struct contact_need_rec *needs,
			    int n)
{
	struct db_val k = DBV_INT_(id);
	int rc = db_exec(tx, &needs_clear, &k, 1, NULL);
	for (int i = 0; !rc && i < n; i++) {
		struct db_val v[] = {DBV_INT_(id),
				     DBV_TEXT_(needs[i].term_id),
				     DBV_INT_(i),
				     DBV_INT_(needs[i].is_primary),
				     DBV_TEXT_(needs[i].origin),
				     needs[i].referral_id ? DBV_INT_(needs[i].referral_id)
							  : DBV_NULL_};
		rc = db_exec(tx, &need_add, v, NPARAMS(v), NULL);
	}
	return rc;
}

static void ref_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_referral_rec *f = rec;
	f->id = db_res_int(r, i, 0);
	f->contact_id = db_res_int(r, i, 1);
	f->service_id = store_text(a, r, i, 2);
	f->service_at_location_id = store_text(a, r, i, 3);
	f->term_id = store_text(a, r, i, 4);
	f->created_ms = db_res_int(r, i, 5);
	f->created_by = db_res_int(r, i, 6);
	f->removed_ms = db_res_int(r, i, 7);
	f->removed_by = db_res_int(r, i, 8);
	f->removed_reason = store_text(a, r, i, 9);
	f->created_by_name = store_text(a, r, i, 10);
	f->removed_by_name = store_text(a, r, i, 11);
}

int store_contact_referrals(struct db_tx *tx, struct arena *a, int64_t id,
			    struct contact_referral_rec **ret, int *ret_n)
{
	struct db_val k = DBV_INT_(id);
	return STORE_LIST(tx, a, &refs_get, &k, 1, ref_from_row, ret, ret_n);
}

int store_contact_referral_insert(struct db_tx *tx, const struct contact_referral_rec *r,
				  int64_t actor, int64_t now, int64_t *ret_id)
{
	struct db_val v[] = {DBV_INT_(r->contact_id),
			     DBV_TEXT_(r->service_id),
			     DBV_TEXT_(r->service_at_location_id),
			     DBV_TEXT_(r->term_id),
			     DBV_INT_(now),
			     store_contact_id_val(actor)};
	return store_one_int(tx, &ref_insert, v, NPARAMS(v), ret_id);
}

int store_contact_referral_remove(struct db_tx *tx, int64_t id, int64_t rid, const char *reason,
				  int64_t actor, int64_t now)
{
	struct db_val v[] = {DBV_INT_(id), DBV_INT_(rid), DBV_TEXT_(reason), DBV_INT_(now),
			     store_contact_id_val(actor)};
	return store_one_int(tx, &ref_remove, v, NPARAMS(v), NULL);
}
