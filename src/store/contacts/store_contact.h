/*
 * store_contact.h: contacts (Contactos) in the store: the record, its tags, needs and referrals,
 * lists, and the organisation's lines and tag list. Called inside a transaction from store_begin;
 * strings of returned records live in the caller's arena.
 */
#ifndef FARO_STORE_CONTACT_H
#define FARO_STORE_CONTACT_H

#include <stdint.h>

struct arena;
struct db_tx;

struct contact_rec {
	int64_t id;
	int64_t profile_id, case_id; /* 0: none yet */
	int64_t agent_user_id;
	const char *channel, *direction, *status;
	int64_t source_line_id;						/* 0: none */
	const char *call_id, *caller_number;				/* NULL: none */
	int64_t started_ms, ended_ms, closed_ms, closed_by;		/* 0: not yet */
	const char *service_provided, *caller_served, *primary_term_id; /* NULL: none */
	const char *notes;						/* "" when none */
	int64_t notes_version, notes_updated_ms, notes_updated_by;
	int64_t created_by, updated_by, created_ms, updated_ms, version;
	/* read only, joined: users' display names and the line */
	const char *agent_name, *closed_by_name, *updated_by_name, *notes_updated_by_name;
	const char *line_name, *line_phone, *line_channel;
	int nneeds, nreferrals; /* read only: its needs and its active referrals */
};

/* store_contact_insert: writes c as open (version 1, notes version 1); *ret_id the new id. */
int store_contact_insert(struct db_tx *tx, const struct contact_rec *c, int64_t actor, int64_t now,
			 int64_t *ret_id);
/* store_contact_get: the contact with its names and line; ERR_NOT_FOUND. */
int store_contact_get(struct db_tx *tx, struct arena *a, int64_t id, struct contact_rec *ret);
/*
 * store_contact_update: writes profile, case, source line, service provided,
 * caller served and primary mark of c when c->version is still current.
 * ERR_CONFLICT when someone saved first, ERR_NOT_FOUND when there is no such
 * contact; *ret_version the new one.
 */
int store_contact_update(struct db_tx *tx, const struct contact_rec *c, int64_t actor, int64_t now,
			 int64_t *ret_version);
/*
 * store_contact_touch: bumps the version of an open contact (its referrals
 * changed) and holds its row until tx ends, so concurrent changes of one
 * contact's needs run one after the other. *ret_version the new one;
 * ERR_CONFLICT when the contact is no longer open, ERR_NOT_FOUND.
 */
int store_contact_touch(struct db_tx *tx, int64_t id, int64_t actor, int64_t now,
			int64_t *ret_version);
/*
 * store_contact_finish: sets status (closed | incomplete), closed_ms/by and
 * ended_ms (when not set) at version; ERR_CONFLICT when stale, ERR_NOT_FOUND.
 */
int store_contact_finish(struct db_tx *tx, int64_t id, int64_t version, const char *status,
			 int64_t actor, int64_t now, int64_t *ret_version);
/*
 * store_contact_notes: replaces the notes when notes_version is still
 * current; ERR_CONFLICT when someone saved first, ERR_NOT_FOUND.
 * *ret_notes_version the new one. The record's version does not move: notes
 * autosave on their own.
 */
int store_contact_notes(struct db_tx *tx, int64_t id, int64_t notes_version, const char *text,
			int64_t actor, int64_t now, int64_t *ret_notes_version);

struct contact_filter {
	int64_t from_ms, to_ms;			     /* started in [from, to); 0: open-ended */
	int64_t agent_user_id;			     /* 0: anyone's */
	int64_t line_id, tag_id;		     /* 0: any */
	int64_t profile_id;			     /* 0: any profile's (or none) */
	int64_t case_id;			     /* 0: linked to any case (or none) */
	const char *channel, *status, *need_term_id; /* NULL: any */
	int64_t before_id;			     /* 0: from the newest */
	int limit;
};
/* store_contact_list: the contacts f selects, newest id first. */
int store_contact_list(struct db_tx *tx, struct arena *a, const struct contact_filter *f,
		       struct contact_rec **ret, int *ret_n);

/* ---- tags, needs and referrals of a contact (store_contact_parts.c) ---- */
struct contact_tag_rec {
	int64_t id;
	const char *label_es, *label_en;
	int active;
	int64_t created_ms, updated_ms;
};
/* store_contact_tags: the tags of contact id, by tag id. */
int store_contact_tags(struct db_tx *tx, struct arena *a, int64_t id, struct contact_tag_rec **ret,
		       int *ret_n);
/* store_contact_tags_set: replaces the tags of contact id with tag_ids[0..n). */
int store_contact_tags_set(struct db_tx *tx, int64_t id, const int64_t *tag_ids, int n);

struct contact_need_rec {
	const char *term_id;
	int is_primary;
	const char *origin;  /* "referral" | "manual" */
	int64_t referral_id; /* 0: none */
};
/* store_contact_needs: the needs of contact id in their order. */
int store_contact_needs(struct db_tx *tx, struct arena *a, int64_t id,
			struct contact_need_rec **ret, int *ret_n);
/* store_contact_needs_set: replaces the needs of contact id with needs[0..n), in that order. */
int store_contact_needs_set(struct db_tx *tx, int64_t id, const struct contact_need_rec *needs,
			    int n);

struct contact_referral_rec {
	int64_t id, contact_id;
	const char *service_id, *service_at_location_id, *term_id; /* NULL: none */
	int64_t created_ms, created_by, removed_ms, removed_by;	   /* removed 0: active */
	const char *removed_reason;
	const char *created_by_name, *removed_by_name; /* read only */
};
/* store_contact_referrals: every referral of contact id, removed ones too, oldest first. */
int store_contact_referrals(struct db_tx *tx, struct arena *a, int64_t id,
			    struct contact_referral_rec **ret, int *ret_n);
/* store_contact_referral_insert: writes r (active); *ret_id the new id. */
int store_contact_referral_insert(struct db_tx *tx, const struct contact_referral_rec *r,
				  int64_t actor, int64_t now, int64_t *ret_id);
/*
 * store_contact_referral_remove: stamps referral rid of contact id removed
 * with reason; ERR_NOT_FOUND when it is not an active referral of the contact.
 */
int store_contact_referral_remove(struct db_tx *tx, int64_t id, int64_t rid, const char *reason,
				  int64_t actor, int64_t now);

/* ---- force-close requests (store_contact_force.c) ---- */
struct contact_force_rec {
	int64_t id, contact_id;
	const char *status; /* contact_force_states */
	const char *reason;
	int64_t requested_by, requested_ms;
	int64_t decided_by, decided_ms;			 /* 0: pending */
	const char *decision_reason;			 /* NULL: none (only a decline gives one) */
	const char *requested_by_name, *decided_by_name; /* read only */
};
/*
 * store_contact_force_insert: writes request f (contact_id, status, reason,
 * requested_by; decided_by 0 for a pending one, else decided now);
 * *ret_id the new id. ERR_CONFLICT when the contact already has a pending
 * request.
 */
int store_contact_force_insert(struct db_tx *tx, const struct contact_force_rec *f, int64_t now,
			       int64_t *ret_id);
/* store_contact_force_get: request rid; ERR_NOT_FOUND. */
int store_contact_force_get(struct db_tx *tx, struct arena *a, int64_t rid,
			    struct contact_force_rec *ret);
/* store_contact_force_latest: the newest request of contact contact_id; ERR_NOT_FOUND when none. */
int store_contact_force_latest(struct db_tx *tx, struct arena *a, int64_t contact_id,
			       struct contact_force_rec *ret);
/* store_contact_force_list: at most limit requests in status (NULL: any), newest first. */
int store_contact_force_list(struct db_tx *tx, struct arena *a, const char *status, int limit,
			     struct contact_force_rec **ret, int *ret_n);
/*
 * store_contact_force_decide: moves pending request rid to status with
 * reason (may be NULL) by actor; ERR_CONFLICT when it is no longer pending
 * (or there is no such request).
 */
int store_contact_force_decide(struct db_tx *tx, int64_t rid, const char *status,
			       const char *reason, int64_t actor, int64_t now);
/* store_contact_force_settle: moves the pending request of contact_id (if any) to status. */
int store_contact_force_settle(struct db_tx *tx, int64_t contact_id, const char *status,
			       int64_t actor, int64_t now);

/* ---- the organisation's options, lines and tag list (store_contact_settings.c) ---- */
struct contact_options_rec {
	const char *options; /* JSON object text */
	int64_t updated_by, updated_ms, version;
	const char *updated_by_name; /* read only */
};
/* store_contact_options_get: the saved options; ERR_NOT_FOUND until an admin saves them. */
int store_contact_options_get(struct db_tx *tx, struct arena *a, struct contact_options_rec *ret);
/*
 * store_contact_options_put: saves options when version is still the
 * stored one (1: never saved, the defaults); ERR_CONFLICT when someone saved
 * first (on either engine, concurrent savers of one version: one wins).
 * *ret_version the new one.
 */
int store_contact_options_put(struct db_tx *tx, const char *options, int64_t version, int64_t actor,
			      int64_t now, int64_t *ret_version);

struct contact_line_rec {
	int64_t id;
	const char *name, *phone, *channel; /* phone NULL: none */
	int active;
	int64_t created_ms, updated_ms;
};
/* store_contact_lines: every line, by id. */
int store_contact_lines(struct db_tx *tx, struct arena *a, struct contact_line_rec **ret,
			int *ret_n);
/* store_contact_line_get: line id; ERR_NOT_FOUND. */
int store_contact_line_get(struct db_tx *tx, struct arena *a, int64_t id,
			   struct contact_line_rec *ret);
/*
 * store_contact_line_save: inserts l (l->id 0; *ret_id the new id) or
 * replaces line l->id (ERR_NOT_FOUND when there is none). ERR_CONFLICT when
 * another line has the phone.
 */
int store_contact_line_save(struct db_tx *tx, const struct contact_line_rec *l, int64_t now,
			    int64_t *ret_id);
/* store_contact_tag_list: every tag of the organisation's list, by id. */
int store_contact_tag_list(struct db_tx *tx, struct arena *a, struct contact_tag_rec **ret,
			   int *ret_n);
/* store_contact_tag_get: tag id of the list; ERR_NOT_FOUND. */
int store_contact_tag_get(struct db_tx *tx, struct arena *a, int64_t id,
			  struct contact_tag_rec *ret);
/* store_contact_tag_save: inserts t (t->id 0; *ret_id the new id) or replaces tag t->id
 * (ERR_NOT_FOUND). */
int store_contact_tag_save(struct db_tx *tx, const struct contact_tag_rec *t, int64_t now,
			   int64_t *ret_id);

#endif
