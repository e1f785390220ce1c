/* store_org.c: organisation settings and supervisors' announcements. */
#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

static const struct db_stmt setting_get = {"setting_get",
					   "SELECT value FROM org_settings WHERE key = $1"};
static const struct db_stmt setting_put = {
    "setting_put", "INSERT INTO org_settings (key, value, updated_ms) VALUES ($1, $2, $3) "
		   "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
		   "updated_ms = excluded.updated_ms, version = org_settings.version + 1"};
static const struct db_stmt ann_insert = {"announcement_insert",
					  "INSERT INTO announcements (author_user_id, text, "
					  "created_ms) VALUES ($1, $2, $3) RETURNING id"};
#define ANN_SELECT                                                                                 \
	"SELECT a.id, a.author_user_id, a.created_ms, a.text, u.display_name FROM announcements "  \
	"a "                                                                                       \
	"JOIN users u ON u.id = a.author_user_id "
static const struct db_stmt ann_get = {"announcement_get", ANN_SELECT "WHERE a.id = $1"};
static const struct db_stmt ann_recent = {"announcement_recent",
					  ANN_SELECT "ORDER BY a.id DESC LIMIT $1"};

int store_setting_get(struct db_tx *tx, struct arena *a, const char *key, const char **ret)
{
	struct db_res *r;
	struct db_val p[] = {DBV_TEXT_(key)};
	int rc = store_one(tx, &setting_get, p, 1, &r);
	if (rc)
		return rc;
	*ret = store_text(a, r, 0, 0);
	db_res_free(r);
	return 0;
}

int store_setting_put(struct db_tx *tx, const char *key, const char *value, int64_t now)
{
	struct db_val p[] = {DBV_TEXT_(key), DBV_TEXT_(value), DBV_INT_(now)};
	return db_exec(tx, &setting_put, p, NPARAMS(p), NULL);
}

int store_announcement_insert(struct db_tx *tx, int64_t author_user_id, const char *text,
			      int64_t now, int64_t *ret_id)
{
	struct db_val p[] = {DBV_INT_(author_user_id), DBV_TEXT_(text), DBV_INT_(now)};
	return store_one_int(tx, &ann_insert, p, NPARAMS(p), ret_id);
}

static void ann_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct announcement_rec *x = rec;
	x->id = db_res_int(r, i, 0);
	x->author_user_id = db_res_int(r, i, 1);
	x->created_ms = db_res_int(r, i, 2);
	x->text = store_text(a, r, i, 3);
	x->author = store_text(a, r, i, 4);
}

int store_announcement_get(struct db_tx *tx, struct arena *a, int64_t id,
			   struct announcement_rec *ret)
{
	struct db_val p[] = {DBV_INT_(id)};
	return store_row(tx, a, &ann_get, p, 1, ann_from_row, ret);
}

int store_announcement_recent(struct db_tx *tx, struct arena *a, int limit,
			      struct announcement_rec **ret, int *ret_n)
{
	struct db_val p[] = {DBV_INT_(limit)};
	return STORE_LIST(tx, a, &ann_recent, p, 1, ann_from_row, ret, ret_n);
}
