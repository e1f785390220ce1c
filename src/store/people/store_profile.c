/* store_profile.c: profiles with their phones, emails and name search index terms. */
#include "store/people/store_profile.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store_impl.h"
#include "core/banned.h"

#define PROFILE_FIELDS                                                                             \
	"display_name, first_name, last_name, alias, anonymous, name_fold, address, postal_code, " \
	"language, birth_date, age_range, gender, demographics, health_history, support_network, " \
	"flags, notes"
static const struct db_stmt profile_insert = {
    "profile_insert",
    "INSERT INTO profiles (" PROFILE_FIELDS ", created_by, updated_by, created_ms, updated_ms, "
    "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
    "$18, $18, $19, $19, 1) RETURNING id"};
static const struct db_stmt profile_update = {
    "profile_update",
    "UPDATE profiles SET display_name = $3, first_name = $4, last_name = $5, alias = $6, "
    "anonymous = $7, name_fold = $8, address = $9, postal_code = $10, language = $11, "
    "birth_date = $12, age_range = $13, gender = $14, demographics = $15, health_history = $16, "
    "support_network = $17, flags = $18, notes = $19, updated_by = $20, updated_ms = $21, "
    "version = version + 1 WHERE id = $1 AND version = $2 RETURNING version"};
static const struct db_stmt profile_exists = {"profile_exists",
					      "SELECT 1 FROM profiles WHERE id = $1"};
static const struct db_stmt profile_get = {
    "profile_get",
    "SELECT p.id, p.display_name, p.first_name, p.last_name, p.alias, p.anonymous, p.name_fold, "
    "p.address, p.postal_code, p.language, p.birth_date, p.age_range, p.gender, p.demographics, "
    "p.health_history, p.support_network, p.flags, p.notes, COALESCE(p.created_by, 0), "
    "COALESCE(p.updated_by, 0), p.created_ms, p.updated_ms, p.version, cu.display_name, "
    "uu.display_name FROM profiles p LEFT JOIN users cu ON cu.id = p.created_by "
    "LEFT JOIN users uu ON uu.id = p.updated_by WHERE p.id = $1"};
static const struct db_stmt profile_brief = {
    "profile_brief", "SELECT id, display_name, anonymous, postal_code FROM profiles WHERE id = $1"};
static const struct db_stmt phones_of = {
    "profile_phones_of",
    "SELECT e164, raw, type FROM profile_phones WHERE profile_id = $1 ORDER BY position"};
static const struct db_stmt emails_of = {
    "profile_emails_of",
    "SELECT email FROM profile_emails WHERE profile_id = $1 ORDER BY position"};
static const struct db_stmt phones_clear = {"profile_phones_clear",
					    "DELETE FROM profile_phones WHERE profile_id = $1"};
static const struct db_stmt emails_clear = {"profile_emails_clear",
					    "DELETE FROM profile_emails WHERE profile_id = $1"};
/* the name index (migration 0012): one document of terms per profile, per engine */
static const struct db_stmt terms_clear_sqlite = {"profile_terms_clear",
						  "DELETE FROM profile_name_fts WHERE rowid = $1"};
static const struct db_stmt terms_add_sqlite = {
    "profile_terms_add", "INSERT INTO profile_name_fts (rowid, terms) VALUES ($1, $2)"};
static const struct db_stmt terms_clear_pg = {
    "profile_terms_clear_pg", "DELETE FROM profile_name_terms WHERE profile_id = $1"};
static const struct db_stmt terms_add_pg = {
    "profile_terms_add_pg", "INSERT INTO profile_name_terms (profile_id, terms) "
			    "VALUES ($1, array_to_tsvector(string_to_array($2, ' ')))"};
/* the words a typed start can finish as; never shrinks (a stale word only costs a lookup) */
static const struct db_stmt word_add = {
    "profile_word_add",
    "INSERT INTO profile_name_words (word) VALUES ($1) ON CONFLICT (word) DO NOTHING"};
static const struct db_stmt phone_add = {
    "profile_phone_add", "INSERT INTO profile_phones (profile_id, position, e164, raw, type) "
			 "VALUES ($1, $2, $3, $4, $5)"};
static const struct db_stmt email_add = {
    "profile_email_add", "INSERT INTO profile_emails (profile_id, position, email, email_fold) "
			 "VALUES ($1, $2, $3, $4)"};

/* the 17 columns of PROFILE_FIELDS, bound from p into v */
static void bind_fields(const struct profile_rec *p, struct db_val *v)
{
	v[0] = DBV_TEXT_(p->display_name);
	v[1] = DBV_TEXT_(p->first_name);
	v[2] = DBV_TEXT_(p->last_name);
	v[3] = DBV_TEXT_(p->alias);
	v[4] = DBV_INT_(p->anonymous);
	v[5] = DBV_TEXT_(p->name_fold);
	v[6] = DBV_TEXT_(p->address);
	v[7] = DBV_TEXT_(p->postal_code);
	v[8] = DBV_TEXT_(p->language);
	v[9] = DBV_TEXT_(p->birth_date);
	v[10] = DBV_TEXT_(p->age_range);
	v[11] = DBV_TEXT_(p->gender);
	v[12] = DBV_TEXT_(p->demographics ? p->demographics : "{}");
	v[13] = DBV_TEXT_(p->health_history);
	v[14] = DBV_TEXT_(p->support_network ? p->support_network : "[]");
	v[15] = DBV_TEXT_(p->flags ? p->flags : "[]");
	v[16] = DBV_TEXT_(p->notes);
}

/* the email as search folds it: ASCII lowercase (the domain is case-free; local parts rarely differ
 * by case) */
static char *email_fold(struct arena *a, const char *e)
{
	char *f = arena_strdup(a, e);
	for (char *c = f; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c + 32);
	return f;
}

/* the profile's name index document: its terms (name_keys), space-separated */
static int write_terms(struct db_tx *tx, int64_t id, const char *const *keys, int nkeys)
{
	int pg = db_kind(db_tx_db(tx)) == DB_POSTGRES, rc = 0;
	struct buf doc = BUF_INIT(64 * 1024);
	for (int i = 0; i < nkeys && !rc; i++) {
		rc = buf_printf(&doc, "%s%s", i ? " " : "", keys[i]);
		if (!rc && keys[i][0] != '_') { /* a word, not a sound key */
			struct db_val w = DBV_TEXT_(keys[i]);
			rc = db_exec(tx, &word_add, &w, 1, NULL);
		}
	}
	if (!rc && nkeys) {
		struct db_val v[] = {DBV_INT_(id), DBV_TEXT_(doc.data)};
		rc = db_exec(tx, pg ? &terms_add_pg : &terms_add_sqlite, v, NPARAMS(v), NULL);
	}
	buf_release(&doc);
	return rc;
}

static int write_children(struct db_tx *tx, const struct profile_rec *p, int64_t id,
			  const char *const *keys, int nkeys)
{
	struct arena a;
	int rc = 0;
	arena_init(&a);
	for (int i = 0; i < p->nphones && !rc; i++) {
		struct db_val v[] = {DBV_INT_(id), DBV_INT_(i), DBV_TEXT_(p->phones[i].e164),
				     DBV_TEXT_(p->phones[i].raw), DBV_TEXT_(p->phones[i].type)};
		rc = db_exec(tx, &phone_add, v, NPARAMS(v), NULL);
	}
	for (int i = 0; i < p->nemails && !rc; i++) {
		struct db_val v[] = {DBV_INT_(id), DBV_INT_(i), DBV_TEXT_(p->emails[i]),
				     DBV_TEXT_(email_fold(&a, p->emails[i]))};
		rc = db_exec(tx, &email_add, v, NPARAMS(v), NULL);
	}
	if (!rc)
		rc = write_terms(tx, id, keys, nkeys);
	arena_release(&a);
	return rc;
}

int store_profile_insert(struct db_tx *tx, const struct profile_rec *p, const char *const *keys,
			 int nkeys, int64_t actor, int64_t now, int64_t *ret_id)
{
	struct db_val v[19];
	struct db_res *r;
	bind_fields(p, v);
	v[17] = actor ? DBV_INT_(actor) : DBV_NULL_;
	v[18] = DBV_INT_(now);
	int rc = store_one(tx, &profile_insert, v, NPARAMS(v), &r);
	if (rc)
		return rc;
	int64_t id = db_res_int(r, 0, 0);
	db_res_free(r);
	if ((rc = write_children(tx, p, id, keys, nkeys)))
		return rc;
	*ret_id = id;
	return 0;
}

int store_profile_exists(struct db_tx *tx, int64_t id)
{
	struct db_res *r;
	struct db_val k = DBV_INT_(id);
	int rc = store_one(tx, &profile_exists, &k, 1, &r);
	if (!rc)
		db_res_free(r);
	return rc;
}

static void brief_fill(struct arena *a, const struct db_res *r, int row, void *rec)
{
	struct profile_brief *b = rec;
	b->id = db_res_int(r, row, 0);
	b->display_name = store_text(a, r, row, 1);
	b->anonymous = (int)db_res_int(r, row, 2);
	b->postal_code = store_text(a, r, row, 3);
}

int store_profile_brief(struct db_tx *tx, struct arena *a, int64_t id, struct profile_brief *ret)
{
	struct db_val k = DBV_INT_(id);
	return store_row(tx, a, &profile_brief, &k, 1, brief_fill, ret);
}

int store_profile_update(struct db_tx *tx, const struct profile_rec *p, const char *const *keys,
			 int nkeys, int64_t actor, int64_t now, int64_t *ret_version)
{
	struct db_val v[21];
	struct db_res *r;
	v[0] = DBV_INT_(p->id);
	v[1] = DBV_INT_(p->version);
	bind_fields(p, v + 2);
	v[19] = actor ? DBV_INT_(actor) : DBV_NULL_;
	v[20] = DBV_INT_(now);
	int rc = store_one(tx, &profile_update, v, NPARAMS(v), &r);
	if (rc == ERR_NOT_FOUND)
		return store_profile_exists(tx, p->id) ? ERR_NOT_FOUND : ERR_CONFLICT;
	if (rc)
		return rc;
	int64_t version = db_res_int(r, 0, 0);
	db_res_free(r);
	struct db_val k = DBV_INT_(p->id);
	if ((rc = db_exec(tx, &phones_clear, &k, 1, NULL)) ||
	    (rc = db_exec(tx, &emails_clear, &k, 1, NULL)) ||
	    (rc = db_exec(
		 tx, db_kind(db_tx_db(tx)) == DB_POSTGRES ? &terms_clear_pg : &terms_clear_sqlite,
		 &k, 1, NULL)) ||
	    (rc = write_children(tx, p, p->id, keys, nkeys)))
		return rc;
	*ret_version = version;
	return 0;
}

static void profile_from_row(struct arena *a, const struct db_res *r, int row, void *rec)
{
	struct profile_rec *p = rec;
	const char **s[] = {&p->display_name, &p->first_name, &p->last_name, &p->alias};
	for (int i = 0; i < 4; i++)
		*s[i] = store_text(a, r, row, 1 + i);
	p->id = db_res_int(r, row, 0);
	p->anonymous = (int)db_res_int(r, row, 5);
	const char **t[] = {&p->name_fold,	 &p->address,	   &p->postal_code,
			    &p->language,	 &p->birth_date,   &p->age_range,
			    &p->gender,		 &p->demographics, &p->health_history,
			    &p->support_network, &p->flags,	   &p->notes};
	for (int i = 0; i < 12; i++)
		*t[i] = store_text(a, r, row, 6 + i);
	int64_t *n[] = {&p->created_by, &p->updated_by, &p->created_ms, &p->updated_ms,
			&p->version};
	for (int i = 0; i < 5; i++)
		*n[i] = db_res_int(r, row, 18 + i);
	p->created_by_name = store_text(a, r, row, 23);
	p->updated_by_name = store_text(a, r, row, 24);
}

static void phone_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	struct profile_phone *ph = rec;
	ph->e164 = store_text(a, r, i, 0);
	ph->raw = store_text(a, r, i, 1);
	ph->type = store_text(a, r, i, 2);
}

static void email_from_row(struct arena *a, const struct db_res *r, int i, void *rec)
{
	const char **email = rec;
	*email = store_text(a, r, i, 0);
}

int store_profile_get(struct db_tx *tx, struct arena *a, int64_t id, struct profile_rec *ret)
{
	struct db_val k = DBV_INT_(id);
	struct profile_rec p = {0};
	int rc;
	if ((rc = store_row(tx, a, &profile_get, &k, 1, profile_from_row, &p)) ||
	    (rc = STORE_LIST(tx, a, &phones_of, &k, 1, phone_from_row, &p.phones, &p.nphones)) ||
	    (rc = STORE_LIST(tx, a, &emails_of, &k, 1, email_from_row, &p.emails, &p.nemails)))
		return rc;
	*ret = p;
	return 0;
}
