/*
 * store_profile.h: profiles (Perfiles) in the store: the record with its
 * phones and emails, its name search keys, and the three searches (phone,
 * email, name). Called inside a transaction from store_begin; strings of
 * returned records live in the caller's arena.
 */
#ifndef FARO_STORE_PROFILE_H
#define FARO_STORE_PROFILE_H

#include <stdint.h>

struct arena;
struct db_tx;

struct profile_phone {
	const char *e164, *raw, *type; /* type: mobile | home | work | other */
};

struct profile_rec {
	int64_t id;
	const char *display_name; /* alias, else first and last name; "" when anonymous */
	const char *first_name, *last_name, *alias; /* NULL when not given */
	int anonymous;
	const char *name_fold;
	const char *address, *postal_code, *language, *birth_date, *age_range, *gender;
	const char *demographics; /* JSON object text */
	const char *health_history;
	const char *support_network; /* JSON array text */
	const char *flags;	     /* JSON array text */
	const char *notes;
	int64_t created_by, updated_by, created_ms, updated_ms, version;
	const char *created_by_name, *updated_by_name; /* read only */
	struct profile_phone *phones;
	int nphones;
	const char **emails;
	int nemails;
};

/*
 * store_profile_insert: writes p (its phones and emails too) and its name
 * search keys; *ret_id is the new id (version 1).
 */
int store_profile_insert(struct db_tx *tx, const struct profile_rec *p, const char *const *keys,
			 int nkeys, int64_t actor, int64_t now, int64_t *ret_id);
/*
 * store_profile_update: replaces every field, phone, email and key of p
 * when p->version is still the stored one. ERR_CONFLICT when someone saved
 * first, ERR_NOT_FOUND when there is no such profile; *ret_version: the new one.
 */
int store_profile_update(struct db_tx *tx, const struct profile_rec *p, const char *const *keys,
			 int nkeys, int64_t actor, int64_t now, int64_t *ret_version);
/* store_profile_get: the profile with its phones and emails; ERR_NOT_FOUND. */
int store_profile_get(struct db_tx *tx, struct arena *a, int64_t id, struct profile_rec *ret);
/* what another area shows of a profile beside its own record (a contact's caller) */
struct profile_brief {
	int64_t id;
	const char *display_name, *postal_code; /* postal_code NULL when none */
	int anonymous;
};
/* store_profile_brief: one row, no phones or emails; ERR_NOT_FOUND. */
int store_profile_brief(struct db_tx *tx, struct arena *a, int64_t id, struct profile_brief *ret);
/* store_profile_exists: 0 when the profile exists, else ERR_NOT_FOUND. */
int store_profile_exists(struct db_tx *tx, int64_t id);

/* one line of a profile list or search result */
struct profile_hit {
	int64_t id;
	const char *display_name, *first_name, *last_name, *alias, *name_fold;
	int anonymous;
	const char *phone_raw; /* the matched phone, else the first one (NULL: none) */
	const char *email;     /* the matched email (email search only) */
	int64_t updated_ms;
};

/* store_profile_list: newest changes first; before_id 0: from the newest id. */
int store_profile_list(struct db_tx *tx, struct arena *a, int64_t before_id, int limit,
		       struct profile_hit **ret, int *ret_n);
/* store_profile_by_phone: profiles with a phone equal to e164 (id order). */
int store_profile_by_phone(struct db_tx *tx, struct arena *a, const char *e164, int limit,
			   struct profile_hit **ret, int *ret_n);
/* store_profile_by_email: profiles with an email (folded) in [lo, hi). */
int store_profile_by_email(struct db_tx *tx, struct arena *a, const char *lo, const char *hi,
			   int limit, struct profile_hit **ret, int *ret_n);

/* a word of a name search (folded, no space) and its marked sound key (NULL: none) */
struct name_term {
	const char *word, *sound;
};
#define NAME_TERMS_MAX 8
/* how a pass matches each word: itself; a word it starts; that or its sound */
enum name_pass { NAME_EXACT, NAME_PREFIX, NAME_SOUND };
/*
 * store_profile_by_name: profiles having, for every one of the n terms
 * (1..NAME_TERMS_MAX), an indexed name word or sound key matching it as
 * pass says. At most limit rows, unranked, each profile once.
 */
int store_profile_by_name(struct db_tx *tx, struct arena *a, const struct name_term *terms, int n,
			  enum name_pass pass, int limit, struct profile_hit **ret, int *ret_n);
/*
 * store_profile_search_names: the candidates of a name search: the exact
 * pass, then (while fewer than want were found) the prefix pass, then the
 * sound pass, each adding at most cap new profiles, so that exact matches
 * are never crowded out by starts or sounds (on SQLite the sound pass runs
 * first and, when it is not cut short, alone). *ret: arena array, each
 * profile once, at most 3 cap.
 */
int store_profile_search_names(struct db_tx *tx, struct arena *a, const struct name_term *terms,
			       int n, int want, int cap, struct profile_hit ***ret, int *ret_n);

/*
 * store_search_quota_take: counts one search of user_id at now against
 * per_minute searches a minute (a burst of per_minute, then one every
 * minute / per_minute). *ret_wait_ms: 0 when the search may run, else how
 * long until it may; then the caller rolls tx back, so a refused search
 * does not count.
 */
int store_search_quota_take(struct db_tx *tx, int64_t user_id, int64_t now, int per_minute,
			    int64_t *ret_wait_ms);

/* ---- organisation settings of this area ---- */
#define PROFILE_SETTING_COUNTRY "org.default_country"

#endif
