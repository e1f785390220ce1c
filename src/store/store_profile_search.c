/*
 * store_profile_search.c: the profile list and the searches behind the
 * search box and the phone system's lookup: by phone (exact E.164), by
 * email (prefix) and by name keys (word prefix or sound key, every term).
 */
#include "store_profile.h"

#include "../core/arena.h"
#include "../core/err.h"
#include "store_impl.h"
#include "../core/banned.h"

#define HIT_COLS                                                                                   \
	"p.id, p.display_name, p.first_name, p.last_name, p.alias, p.name_fold, p.anonymous, "      \
	"p.updated_ms, "
#define FIRST_PHONE                                                                                \
	"(SELECT f.raw FROM profile_phones f WHERE f.profile_id = p.id ORDER BY f.position LIMIT 1)"

static const struct db_stmt list_recent = {
    "profile_list", "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profiles p "
		    "WHERE p.id < $1 ORDER BY p.id DESC LIMIT $2"};
static const struct db_stmt by_phone = {
    "profile_by_phone",
    "SELECT " HIT_COLS "ph.raw, CAST(NULL AS TEXT) FROM profile_phones ph "
    "JOIN profiles p ON p.id = ph.profile_id WHERE ph.e164 = $1 ORDER BY p.id LIMIT $2"};
static const struct db_stmt by_email = {
    "profile_by_email", "SELECT " HIT_COLS FIRST_PHONE ", e.email FROM profile_emails e "
			"JOIN profiles p ON p.id = e.profile_id "
			"WHERE e.email_fold >= $1 AND e.email_fold < $2 "
			"ORDER BY e.email_fold, p.id LIMIT $3"};

/* terms 2 and 3 of a name search: some key of the profile matches each (NULL lo: no term) */
#define MORE_TERMS                                                                                 \
	" AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM profile_name_keys k2 "            \
	"WHERE k2.profile_id = k1.profile_id AND ((k2.key >= $4 AND k2.key < $5) OR k2.key = $6)))" \
	" AND (CAST($7 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM profile_name_keys k3 "            \
	"WHERE k3.profile_id = k1.profile_id AND ((k3.key >= $7 AND k3.key < $8) OR k3.key = $9)))"
/*
 * Two texts for the first term, each one index scan that LIMIT can stop
 * early: an OR of a range and an equality would make PostgreSQL build a
 * bitmap of every match first.
 */
static const struct db_stmt by_name_range = {
    "profile_by_name_range",
    "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profile_name_keys k1 "
    "JOIN profiles p ON p.id = k1.profile_id WHERE k1.key >= $1 AND k1.key < $2 "
    "AND CAST($3 AS TEXT) IS NULL" MORE_TERMS " LIMIT $10"};
static const struct db_stmt by_name_eq = {
    "profile_by_name_eq",
    "SELECT " HIT_COLS FIRST_PHONE ", CAST(NULL AS TEXT) FROM profile_name_keys k1 "
    "JOIN profiles p ON p.id = k1.profile_id WHERE k1.key = $3 "
    "AND CAST($1 AS TEXT) IS NULL AND CAST($2 AS TEXT) IS NULL" MORE_TERMS " LIMIT $10"};

static int hits(struct db_tx *tx, struct arena *a, const struct db_stmt *st, const struct db_val *v,
		int nv, struct profile_hit **ret, int *ret_n)
{
	struct db_res *r;
	int rc = db_exec(tx, st, v, nv, &r);
	if (rc)
		return rc;
	int n = db_res_rows(r);
	struct profile_hit *hs = arena_alloc(a, sizeof(*hs) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		struct profile_hit *h = &hs[i];
		h->id = db_res_int(r, i, 0);
		h->display_name = store_text(a, r, i, 1);
		h->first_name = store_text(a, r, i, 2);
		h->last_name = store_text(a, r, i, 3);
		h->alias = store_text(a, r, i, 4);
		h->name_fold = store_text(a, r, i, 5);
		h->anonymous = (int)db_res_int(r, i, 6);
		h->updated_ms = db_res_int(r, i, 7);
		h->phone_raw = store_text(a, r, i, 8);
		h->email = store_text(a, r, i, 9);
	}
	db_res_free(r);
	*ret = hs;
	*ret_n = n;
	return 0;
}

int store_profile_list(struct db_tx *tx, struct arena *a, int64_t before_id, int limit,
		       struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_INT_(before_id > 0 ? before_id : INT64_MAX), DBV_INT_(limit)};
	return hits(tx, a, &list_recent, v, NPARAMS(v), ret, ret_n);
}

int store_profile_by_phone(struct db_tx *tx, struct arena *a, const char *e164, int limit,
			   struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_TEXT_(e164), DBV_INT_(limit)};
	return hits(tx, a, &by_phone, v, NPARAMS(v), ret, ret_n);
}

int store_profile_by_email(struct db_tx *tx, struct arena *a, const char *lo, const char *hi,
			   int limit, struct profile_hit **ret, int *ret_n)
{
	struct db_val v[] = {DBV_TEXT_(lo), DBV_TEXT_(hi), DBV_INT_(limit)};
	return hits(tx, a, &by_email, v, NPARAMS(v), ret, ret_n);
}

int store_profile_by_name(struct db_tx *tx, struct arena *a, const struct name_term *terms,
			  int n, int limit, struct profile_hit **ret, int *ret_n)
{
	if (n < 1 || n > NAME_TERMS_MAX)
		return ERR_INVALID;
	struct db_val v[10];
	for (int i = 0; i < NAME_TERMS_MAX; i++) {
		const struct name_term *t = i < n ? &terms[i] : NULL;
		v[3 * i] = DBV_TEXT_(t ? t->lo : NULL);
		v[3 * i + 1] = DBV_TEXT_(t ? t->hi : NULL);
		v[3 * i + 2] = DBV_TEXT_(t ? t->eq : NULL);
	}
	v[9] = DBV_INT_(limit);
	/* the first term drives the scan: by its range, or by its sound key alone */
	const struct db_stmt *st = terms[0].lo ? &by_name_range : &by_name_eq;
	if (terms[0].lo)
		v[2] = DBV_TEXT_(NULL);
	return hits(tx, a, st, v, NPARAMS(v), ret, ret_n);
}
