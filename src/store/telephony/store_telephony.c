/* store_telephony.c: integrations, extensions, seen signatures, calls and received events. */
#include "store/telephony/store_telephony.h"

#include "core/arena.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

static const struct db_stmt integ_insert = {
    "tel_integ_insert", "INSERT INTO telephony_integrations (name, secret, active, created_by, "
			"created_ms) VALUES ($1, $2, 1, $3, $4) RETURNING id"};
#define INTEG_COLS                                                                                 \
	"SELECT i.id, i.name, i.active, COALESCE(i.created_by, 0), i.created_ms, "                 \
	"COALESCE(i.retired_by, 0), COALESCE(i.retired_ms, 0), cu.display_name, ru.display_name, " \
	"i.secret FROM telephony_integrations i LEFT JOIN users cu ON cu.id = i.created_by "       \
	"LEFT JOIN users ru ON ru.id = i.retired_by "
static const struct db_stmt integ_get = {"tel_integ_get", INTEG_COLS "WHERE i.id = $1"};
static const struct db_stmt integ_list = {"tel_integ_list", INTEG_COLS "ORDER BY i.id"};
static const struct db_stmt integ_retire = {
    "tel_integ_retire", "UPDATE telephony_integrations SET active = 0, retired_by = $2, "
			"retired_ms = $3 WHERE id = $1 AND active = 1 RETURNING id"};

static const struct db_stmt ext_list = {
    "tel_ext_list", "SELECT e.extension, e.user_id, u.username, u.display_name, e.updated_ms "
		    "FROM telephony_extensions e JOIN users u ON u.id = e.user_id ORDER BY "
		    "e.extension"};
static const struct db_stmt ext_clear = {"tel_ext_clear", "DELETE FROM telephony_extensions"};
static const struct db_stmt ext_add = {
    "tel_ext_add", "INSERT INTO telephony_extensions (extension, user_id, updated_by, updated_ms) "
		   "VALUES ($1, $2, $3, $4)"};
static const struct db_stmt map_get = {
    "tel_map_get",
    "SELECT version, updated_ms, COALESCE(updated_by, 0) FROM telephony_extension_map "
    "WHERE id = 1"};
static const struct db_stmt map_bump = {
    "tel_map_bump", "UPDATE telephony_extension_map SET version = version + 1, updated_by = $3, "
		    "updated_ms = $4 WHERE id = $1 AND version = $2 RETURNING version"};
static const struct db_stmt map_exists = {"tel_map_exists",
					  "SELECT 1 FROM telephony_extension_map WHERE id = $1"};
static const struct db_stmt ext_user = {
    "tel_ext_user", "SELECT user_id FROM telephony_extensions WHERE extension = $1"};

static const struct db_stmt replay_prune = {"tel_replay_prune",
					    "DELETE FROM telephony_replay WHERE seen_ms < $1"};
static const struct db_stmt replay_add = {
    "tel_replay_add", "INSERT INTO telephony_replay (integration_id, signature, seen_ms) VALUES "
		      "($1, $2, $3) ON CONFLICT (integration_id, signature) DO NOTHING "
		      "RETURNING seen_ms"};

/* DO UPDATE, not DO NOTHING: it returns the row and holds it until the transaction ends */
static const struct db_stmt call_lock = {
    "tel_call_lock",
    "INSERT INTO telephony_calls (integration_id, call_id, created_ms, updated_ms) VALUES ($1, "
    "$2, $3, $3) ON CONFLICT (integration_id, call_id) DO UPDATE SET updated_ms = "
    "excluded.updated_ms RETURNING COALESCE(contact_id, 0), COALESCE(agent_user_id, 0)"};
static const struct db_stmt call_set = {
    "tel_call_set",
    "UPDATE telephony_calls SET contact_id = $3, agent_user_id = $4, duration_s = "
    "COALESCE($5, duration_s), updated_ms = $6 WHERE integration_id = $1 AND call_id = $2"};

static const struct db_stmt event_insert = {
    "tel_event_insert",
    "INSERT INTO telephony_events (integration_id, event_key, type, call_id, from_number, "
    "to_number, agent, to_agent, channel, duration_s, status, reason, result, received_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
    "ON CONFLICT (event_key) DO NOTHING RETURNING id"};
static const struct db_stmt event_finish = {
    "tel_event_finish", "UPDATE telephony_events SET status = $2, reason = $3, agent_user_id = "
			"$4, contact_id = $5, result = $6 WHERE id = $1"};
#define EVENT_COLS                                                                                 \
	"SELECT e.id, e.integration_id, e.event_key, e.type, e.call_id, e.from_number, "           \
	"e.to_number, e.agent, e.to_agent, e.channel, COALESCE(e.duration_s, -1), e.status, "      \
	"e.reason, COALESCE(e.agent_user_id, 0), COALESCE(e.contact_id, 0), e.result, "            \
	"e.received_ms, COALESCE(e.handled_by, 0), COALESCE(e.handled_ms, 0), i.name, "            \
	"au.display_name, hu.display_name FROM telephony_events e JOIN telephony_integrations i "  \
	"ON i.id = e.integration_id LEFT JOIN users au ON au.id = e.agent_user_id "                \
	"LEFT JOIN users hu ON hu.id = e.handled_by "
static const struct db_stmt event_by_key = {"tel_event_by_key",
					    EVENT_COLS "WHERE e.event_key = $1"};
static const struct db_stmt event_get = {"tel_event_get", EVENT_COLS "WHERE e.id = $1"};
static const struct db_stmt event_attention = {
    "tel_event_attention",
    EVENT_COLS "WHERE e.reason IS NOT NULL AND e.id < $1 AND "
	       "(e.handled_ms IS NULL OR $2 = 0) ORDER BY e.id DESC LIMIT $3"};
static const struct db_stmt event_handled = {
    "tel_event_handled", "UPDATE telephony_events SET handled_by = $2, handled_ms = $3 WHERE id = "
			 "$1 AND reason IS NOT NULL AND handled_ms IS NULL RETURNING id"};
static const struct db_stmt event_listed = {
    "tel_event_listed", "SELECT 1 FROM telephony_events WHERE id = $1 AND reason IS NOT NULL"};

static struct db_val id_or_null(int64_t id)
{
	return id ? DBV_INT_(id) : DBV_NULL_;
}

int store_telephony_integration_insert(struct db_tx *tx, const char *name, const char *secret,
				       int64_t actor, int64_t now, int64_t *ret_id)
{
	struct db_val v[] = {DBV_TEXT_(name), DBV_TEXT_(secret), id_or_null(actor), DBV_INT_(now)};
	return store_one_int(tx, &integ_insert, v, NPARAMS(v), ret_id);
}

static void integ_fill(struct arena *a, const struct db_res *r, int i, void *rec, int secret)
{
	struct telephony_integration_rec *t = rec;
	t->id = db_res_int(r, i, 0);
	t->name = store_text(a, r, i, 1);
	t->active = (int)db_res_int(r, i, 2);
	t->created_by = db_res_int(r, i, 3);
	t->created_ms = db_res_int(r, i, 4);
	t->retired_by = db_res_int(r, i, 5);
	t->retired_ms = db_res_int(r, i, 6);
	t->created_by_name = store_text(a, r, i, 7);
	t->retired_by_name = store_text(a, r, i, 8);
	t->secret = secret ? store_text(a, r, i, 9) : NULL;
}

static void integ_with_secret(struct arena *a, const struct db_res *r, int i, void *rec)
{
	integ_fill(a, r, i, rec, 1);
}

static void integ_without_secret(struct arena *a, const struct db_res *r, int i, void *rec)
{
	integ_fill(a, r, i, rec, 0);
}

int store_telephony_integration_get(struct db_tx *tx, struct arena *a, int64_t id,
				    struct telephony_integration_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &integ_get, &k, 1, integ_with_secret, ret);
}

int store_telephony_integrations(struct db_tx *tx, struct arena *a,
				 struct telephony_integration_rec **ret, int *ret_n)
{
	return STORE_LIST(tx, a, &integ_list, NULL, 0, integ_without_secret, ret, ret_n);
}

int store_telephony_integration_retire(struct db_tx *tx, int64_t id, int64_t actor, int64_t now)
{
	struct db_val v[] = {DBV_INT_(id), id_or_null(actor), DBV_INT_(now)};
	return store_one(tx, &integ_retire, v, NPARAMS(v), NULL);
}

static void ext_fill(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct telephony_extension_rec *e = rec;
	e->extension = store_text(a, r, i, 0);
	e->user_id = db_res_int(r, i, 1);
	e->username = store_text(a, r, i, 2);
	e->display_name = store_text(a, r, i, 3);
	e->updated_ms = db_res_int(r, i, 4);
}

int store_telephony_extensions(struct db_tx *tx, struct arena *a,
			       struct telephony_extension_rec **ret, int *ret_n)
{
	return STORE_LIST(tx, a, &ext_list, NULL, 0, ext_fill, ret, ret_n);
}

static void map_fill(struct arena *a, const struct db_res *r, int row, void *rec)
{
	struct telephony_map_rec *m = rec;
	(void)a;
	m->version = db_res_int(r, row, 0);
	m->updated_ms = db_res_int(r, row, 1);
	m->updated_by = db_res_int(r, row, 2);
}

int store_telephony_extension_map(struct db_tx *tx, struct telephony_map_rec *ret)
{
	return store_row(tx, NULL, &map_get, NULL, 0, map_fill, ret);
}

int store_telephony_extensions_replace(struct db_tx *tx, const struct telephony_extension_rec *exts,
				       int n, int64_t version, int64_t actor, int64_t now,
				       int64_t *ret_version)
{
	/* the map's row first: it orders two saves, and the second finds its version stale */
	struct db_val m[] = {DBV_INT_(1), DBV_INT_(version), id_or_null(actor), DBV_INT_(now)};
	int rc = store_update_versioned(tx, &map_bump, m, NPARAMS(m), &map_exists, 1, ret_version);
	if (!rc)
		rc = db_exec(tx, &ext_clear, NULL, 0, NULL);
	for (int i = 0; !rc && i < n; i++) {
		struct db_val v[] = {DBV_TEXT_(exts[i].extension), DBV_INT_(exts[i].user_id),
				     id_or_null(actor), DBV_INT_(now)};
		rc = db_exec(tx, &ext_add, v, NPARAMS(v), NULL);
	}
	return rc;
}

int store_telephony_extension_user(struct db_tx *tx, const char *ext, int64_t *ret_user_id)
{
	struct db_val k = DBV_TEXT_(ext);
	return store_one_int(tx, &ext_user, &k, 1, ret_user_id);
}

int store_telephony_replay_add(struct db_tx *tx, int64_t integration_id, const char *sig,
			       int64_t now, int64_t keep_after_ms)
{
	struct db_val old = DBV_INT_(keep_after_ms);
	struct db_val v[] = {DBV_INT_(integration_id), DBV_TEXT_(sig), DBV_INT_(now)};
	int rc = db_exec(tx, &replay_prune, &old, 1, NULL);
	if (!rc)
		rc = store_one(tx, &replay_add, v, NPARAMS(v), NULL);
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int store_telephony_call_lock(struct db_tx *tx, int64_t integration_id, const char *call_id,
			      int64_t now, int64_t *ret_contact_id, int64_t *ret_agent)
{
	struct db_val v[] = {DBV_INT_(integration_id), DBV_TEXT_(call_id), DBV_INT_(now)};
	struct db_res *r;
	int rc = store_one(tx, &call_lock, v, NPARAMS(v), &r);
	if (rc)
		return rc;
	*ret_contact_id = db_res_int(r, 0, 0);
	*ret_agent = db_res_int(r, 0, 1);
	db_res_free(r);
	return 0;
}

int store_telephony_call_set(struct db_tx *tx, int64_t integration_id, const char *call_id,
			     int64_t contact_id, int64_t agent, int64_t duration_s, int64_t now)
{
	struct db_val v[] = {DBV_INT_(integration_id),
			     DBV_TEXT_(call_id),
			     id_or_null(contact_id),
			     id_or_null(agent),
			     duration_s >= 0 ? DBV_INT_(duration_s) : DBV_NULL_,
			     DBV_INT_(now)};
	return db_exec(tx, &call_set, v, NPARAMS(v), NULL);
}

int store_telephony_event_insert(struct db_tx *tx, const struct telephony_event_rec *e,
				 int64_t *ret_id)
{
	struct db_val v[] = {
	    DBV_INT_(e->integration_id), DBV_TEXT_(e->event_key),
	    DBV_TEXT_(e->type),		 DBV_TEXT_(e->call_id),
	    DBV_TEXT_(e->from_number),	 DBV_TEXT_(e->to_number),
	    DBV_TEXT_(e->agent),	 DBV_TEXT_(e->to_agent),
	    DBV_TEXT_(e->channel),	 e->duration_s >= 0 ? DBV_INT_(e->duration_s) : DBV_NULL_,
	    DBV_TEXT_(e->status),	 DBV_TEXT_(e->reason),
	    DBV_TEXT_(e->result),	 DBV_INT_(e->received_ms)};
	int rc = store_one_int(tx, &event_insert, v, NPARAMS(v), ret_id);
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

static void event_fill(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct telephony_event_rec *e = rec;
	e->id = db_res_int(r, i, 0);
	e->integration_id = db_res_int(r, i, 1);
	e->event_key = store_text(a, r, i, 2);
	e->type = store_text(a, r, i, 3);
	e->call_id = store_text(a, r, i, 4);
	e->from_number = store_text(a, r, i, 5);
	e->to_number = store_text(a, r, i, 6);
	e->agent = store_text(a, r, i, 7);
	e->to_agent = store_text(a, r, i, 8);
	e->channel = store_text(a, r, i, 9);
	e->duration_s = db_res_int(r, i, 10);
	e->status = store_text(a, r, i, 11);
	e->reason = store_text(a, r, i, 12);
	e->agent_user_id = db_res_int(r, i, 13);
	e->contact_id = db_res_int(r, i, 14);
	e->result = store_text(a, r, i, 15);
	e->received_ms = db_res_int(r, i, 16);
	e->handled_by = db_res_int(r, i, 17);
	e->handled_ms = db_res_int(r, i, 18);
	e->integration_name = store_text(a, r, i, 19);
	e->agent_name = store_text(a, r, i, 20);
	e->handled_by_name = store_text(a, r, i, 21);
}

int store_telephony_event_by_key(struct db_tx *tx, struct arena *a, const char *key,
				 struct telephony_event_rec *ret)
{
	struct db_val k = DBV_TEXT_(key);
	return store_row(tx, a, &event_by_key, &k, 1, event_fill, ret);
}

int store_telephony_event_get(struct db_tx *tx, struct arena *a, int64_t id,
			      struct telephony_event_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &event_get, &k, 1, event_fill, ret);
}

int store_telephony_event_finish(struct db_tx *tx, const struct telephony_event_rec *e)
{
	struct db_val v[] = {DBV_INT_(e->id),		DBV_TEXT_(e->status),
			     DBV_TEXT_(e->reason),	id_or_null(e->agent_user_id),
			     id_or_null(e->contact_id), DBV_TEXT_(e->result)};
	return db_exec(tx, &event_finish, v, NPARAMS(v), NULL);
}

int store_telephony_attention(struct db_tx *tx, struct arena *a, int64_t before_id, int pending,
			      int limit, struct telephony_event_rec **ret, int *ret_n)
{
	struct db_val v[] = {DBV_INT_(before_id > 0 ? before_id : INT64_MAX), DBV_INT_(pending),
			     DBV_INT_(limit)};
	return STORE_LIST(tx, a, &event_attention, v, NPARAMS(v), event_fill, ret, ret_n);
}

int store_telephony_event_handled(struct db_tx *tx, int64_t id, int64_t actor, int64_t now)
{
	struct db_val v[] = {DBV_INT_(id), id_or_null(actor), DBV_INT_(now)};
	int rc = store_one(tx, &event_handled, v, NPARAMS(v), NULL);
	if (rc == ERR_NOT_FOUND)
		return store_one(tx, &event_listed, v, 1, NULL);
	return rc;
}
