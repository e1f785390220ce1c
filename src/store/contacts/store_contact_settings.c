/* store_contact_settings.c: the organisation's contact options, lines and list of contact tags. */
#include "store/contacts/store_contact.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/contacts/store_contact_impl.h"
#include "core/banned.h"

static const struct db_stmt options_get = {
    "contact_options_get", "SELECT s.options, COALESCE(s.updated_by, 0), s.updated_ms, s.version, "
			   "u.display_name FROM contact_settings s LEFT JOIN users u ON u.id = "
			   "s.updated_by WHERE s.id = 1"};
/* the first save inserts the one row; a second first save finds it there and does nothing */
static const struct db_stmt options_first = {
    "contact_options_first",
    "INSERT INTO contact_settings (id, options, updated_by, updated_ms, version) VALUES (1, $1, "
    "$2, $3, 2) ON CONFLICT (id) DO NOTHING RETURNING version"};
static const struct db_stmt options_put = {
    "contact_options_put",
    "UPDATE contact_settings SET options = $1, updated_by = $2, updated_ms = $3, version = "
    "version + 1 WHERE id = 1 AND version = $4 RETURNING version"};
#define LINE_COLS                                                                                  \
	"SELECT id, name, phone, channel, active, created_ms, updated_ms FROM contact_lines "
static const struct db_stmt lines_get = {"contact_lines_get", LINE_COLS "ORDER BY id"};
static const struct db_stmt line_get = {"contact_line_get", LINE_COLS "WHERE id = $1"};
static const struct db_stmt line_insert = {
    "contact_line_insert", "INSERT INTO contact_lines (name, phone, channel, active, created_ms, "
			   "updated_ms) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"};
static const struct db_stmt line_update = {
    "contact_line_update", "UPDATE contact_lines SET name = $2, phone = $3, channel = $4, "
			   "active = $5, updated_ms = $6 WHERE id = $1 RETURNING id"};
#define TAG_COLS                                                                                   \
	"SELECT id, label_es, label_en, active, created_ms, updated_ms FROM contact_tags_list "
static const struct db_stmt taglist_get = {"contact_taglist_get", TAG_COLS "ORDER BY id"};
static const struct db_stmt tag_get = {"contact_tag_get", TAG_COLS "WHERE id = $1"};
static const struct db_stmt tag_insert = {
    "contact_tag_insert", "INSERT INTO contact_tags_list (label_es, label_en, active, "
			  "created_ms, updated_ms) VALUES ($1, $2, $3, $4, $4) RETURNING id"};
static const struct db_stmt tag_update = {
    "contact_tag_update", "UPDATE contact_tags_list SET label_es = $2, label_en = $3, active = "
			  "$4, updated_ms = $5 WHERE id = $1 RETURNING id"};

static void options_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_options_rec *o = rec;
	o->options = store_text(a, r, i, 0);
	o->updated_by = db_res_int(r, i, 1);
	o->updated_ms = db_res_int(r, i, 2);
	o->version = db_res_int(r, i, 3);
	o->updated_by_name = store_text(a, r, i, 4);
}

int store_contact_options_get(struct db_tx *tx, struct arena *a, struct contact_options_rec *ret)
{
	return store_row(tx, a, &options_get, NULL, 0, options_from_row, ret);
}

int store_contact_options_put(struct db_tx *tx, const char *options, int64_t version, int64_t actor,
			      int64_t now, int64_t *ret_version)
{
	struct db_val v[] = {DBV_TEXT_(options), store_contact_id_val(actor), DBV_INT_(now),
			     DBV_INT_(version)};
	int rc = version == 1 ? store_one_int(tx, &options_first, v, 3, ret_version)
			      : store_one_int(tx, &options_put, v, NPARAMS(v), ret_version);
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

static void line_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct contact_line_rec *l = rec;
	l->id = db_res_int(r, i, 0);
	l->name = store_text(a, r, i, 1);
	l->phone = store_text(a, r, i, 2);
	l->channel = store_text(a, r, i, 3);
	l->active = (int)db_res_int(r, i, 4);
	l->created_ms = db_res_int(r, i, 5);
	l->updated_ms = db_res_int(r, i, 6);
}

int store_contact_lines(struct db_tx *tx, struct arena *a, struct contact_line_rec **ret,
			int *ret_n)
{
	return STORE_LIST(tx, a, &lines_get, NULL, 0, line_from_row, ret, ret_n);
}

int store_contact_line_get(struct db_tx *tx, struct arena *a, int64_t id,
			   struct contact_line_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &line_get, &k, 1, line_from_row, ret);
}

int store_contact_line_save(struct db_tx *tx, const struct contact_line_rec *l, int64_t now,
			    int64_t *ret_id)
{
	if (!l->id) {
		struct db_val v[] = {DBV_TEXT_(l->name), DBV_TEXT_(l->phone), DBV_TEXT_(l->channel),
				     DBV_INT_(l->active), DBV_INT_(now)};
		return store_one_int(tx, &line_insert, v, NPARAMS(v), ret_id);
	}
	struct db_val v[] = {DBV_INT_(l->id),	    DBV_TEXT_(l->name),	 DBV_TEXT_(l->phone),
			     DBV_TEXT_(l->channel), DBV_INT_(l->active), DBV_INT_(now)};
	return store_one_int(tx, &line_update, v, NPARAMS(v), ret_id);
}

int store_contact_tag_list(struct db_tx *tx, struct arena *a, struct contact_tag_rec **ret,
			   int *ret_n)
{
	return STORE_LIST(tx, a, &taglist_get, NULL, 0, store_contact_tag_fill, ret, ret_n);
}

int store_contact_tag_get(struct db_tx *tx, struct arena *a, int64_t id,
			  struct contact_tag_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &tag_get, &k, 1, store_contact_tag_fill, ret);
}

int store_contact_tag_save(struct db_tx *tx, const struct contact_tag_rec *t, int64_t now,
			   int64_t *ret_id)
{
	if (!t->id) {
		struct db_val v[] = {DBV_TEXT_(t->label_es), DBV_TEXT_(t->label_en),
				     DBV_INT_(t->active), DBV_INT_(now)};
		return store_one_int(tx, &tag_insert, v, NPARAMS(v), ret_id);
	}
	struct db_val v[] = {DBV_INT_(t->id), DBV_TEXT_(t->label_es), DBV_TEXT_(t->label_en),
			     DBV_INT_(t->active), DBV_INT_(now)};
	return store_one_int(tx, &tag_update, v, NPARAMS(v), ret_id);
}
