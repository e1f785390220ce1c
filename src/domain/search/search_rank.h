/*
 * search_rank.h: how resource search orders what the index returns:
 * which candidates stay (radius, open now / open at), the score (keyword
 * relevance, name match, nearness), the order (score with keywords,
 * distance with a place, else as found), the widening rings of a
 * nearest-first search and the page; no I/O.
 */
#ifndef FARO_SEARCH_RANK_H
#define FARO_SEARCH_RANK_H

#include <stdint.h>

#include "domain/search/search_params.h"
#include "domain/tz.h"

#define SEARCH_FORM_MAX 64 /* bytes of one word form (the index's longest word) */
#define SEARCH_RINGS	4  /* boxes a nearest-first search tries */

/* each keyword's folded forms (the word, its stems), to spot them in names; filled by the caller */
struct search_name_forms {
	char form[SEARCH_WORDS_MAX][3][SEARCH_FORM_MAX + 1];
	int nforms[SEARCH_WORDS_MAX];
	int n; /* keywords */
};

/*
 * search_name_match: the share (0 to 1) of the keywords of nf that begin a
 * word of the folded name (by one of their forms); 0 without keywords or name.
 */
double search_name_match(const struct search_name_forms *nf, const char *name_fold);

/* one candidate of the index */
struct search_hit {
	int64_t id;
	int idx;    /* the caller's: where the candidate came from */
	double rel; /* keyword relevance, higher is better */
	int has_geo;
	double lat, lon;
	const char *hours, *tz, *name_fold; /* see struct search_cand */
	int serves;			    /* serves the caller's area */
	/* set by search_rank_keep */
	double km; /* -1: no distance */
	double score;
	int open; /* 1 open, 0 closed, -1 unknown */
};

/* what the ranking needs from the search */
struct search_rank_in {
	int nwords;			       /* keywords looked for: order by score */
	const struct search_name_forms *names; /* their forms; NULL: no name bonus */
	int has_point;			       /* distances from (lat, lon) */
	double lat, lon;
	int radius_set; /* drop what lies beyond radius_km */
	double radius_km;
	int open_only;			/* drop what is not known to be open */
	const struct tz_local *open_at; /* open at this local time; NULL: now_ms */
	int64_t now_ms;
};

/* what the ranking counted */
struct search_rank_out {
	int n;		  /* candidates kept */
	int open_count;	  /* of them, open */
	int serves_count; /* of them, serving the caller's area */
};

/*
 * search_rank_keep: scores the n hits and keeps, in place and in their
 * order, those inside the radius and open when open_only; counts them in
 * *ret. Score: the relevance against the best of all n, plus up to 1 when
 * the name holds the keywords (short fields make raw scores unreliable),
 * plus up to 0.5 for nearness (0.5 at the place, 0.25 at 10 km).
 */
void search_rank_keep(const struct search_rank_in *in, struct search_hit *hits, int n,
		      struct search_rank_out *ret);
/*
 * search_rank_order: orders the n kept hits: by score (best first) with
 * keywords, else by distance (nearest first) from a place, else as found;
 * ties by id.
 */
void search_rank_order(const struct search_rank_in *in, struct search_hit *hits, int n);

/* search_nearest_first: 1 when the index should return the nearest first (a place, no keywords). */
int search_nearest_first(int nwords, int has_point);
/* the radius in km of each ring a nearest-first search without a radius tries; 0: no box */
extern const double search_rings_km[SEARCH_RINGS];
/*
 * search_widen: 1 when a search that found n candidates on ring should try
 * the next ring: nearest first, without a radius, fewer than
 * SEARCH_CAND_MAX found and a wider ring left.
 */
int search_widen(int nearest_first, int radius_set, int ring, int n);
/* search_page: the hits [*ret_from, *ret_to) of n that a page at offset of limit shows. */
void search_page(int offset, int limit, int n, int *ret_from, int *ret_to);

#endif
