/* search_rank.c: filtering, scoring and ordering of search candidates; the rings, the page. */
#include "domain/search/search_rank.h"

#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/search/search_hours.h"
#include "core/banned.h"

const double search_rings_km[SEARCH_RINGS] = {10, 50, 250, 0};

double search_name_match(const struct search_name_forms *nf, const char *name_fold)
{
	int hit = 0;
	for (int i = 0; i < nf->n && name_fold; i++) {
		int found = 0;
		for (const char *t = name_fold; *t && !found;) {
			for (int j = 0; j < nf->nforms[i] && !found; j++)
				found = !strncmp(t, nf->form[i][j], strlen(nf->form[i][j]));
			t = strchr(t, ' ');
			t = t ? t + 1 : "";
		}
		hit += found;
	}
	return nf->n ? (double)hit / nf->n : 0;
}

void search_rank_keep(const struct search_rank_in *in, struct search_hit *hits, int n,
		      struct search_rank_out *ret)
{
	double top = 0;
	for (int i = 0; i < n; i++)
		if (hits[i].rel > top)
			top = hits[i].rel;
	*ret = (struct search_rank_out){0, 0, 0};
	for (int i = 0; i < n; i++) {
		struct search_hit x = hits[i];
		x.km = -1;
		if (in->has_point && x.has_geo) {
			x.km = geo_km((struct geo_point){in->lat, in->lon},
				      (struct geo_point){x.lat, x.lon});
			if (in->radius_set && x.km > in->radius_km)
				continue; /* the box's corners */
		}
		x.open = search_open(x.hours, x.tz, in->open_at, in->now_ms);
		if (in->open_only && x.open != 1)
			continue;
		x.score = (top > 0 ? x.rel / top : 0) +
			  (in->names ? search_name_match(in->names, x.name_fold) : 0) +
			  (x.km >= 0 ? 0.5 / (1 + x.km / 10) : 0);
		ret->open_count += x.open == 1;
		ret->serves_count += x.serves;
		hits[ret->n++] = x;
	}
}

static int by_id(const struct search_hit *x, const struct search_hit *y)
{
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_score(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return by_id(x, y);
}

static int by_distance(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return by_id(x, y);
}

void search_rank_order(const struct search_rank_in *in, struct search_hit *hits, int n)
{
	if (in->nwords)
		qsort(hits, (size_t)n, sizeof(*hits), by_score);
	else if (in->has_point)
		qsort(hits, (size_t)n, sizeof(*hits), by_distance);
}

int search_nearest_first(int nwords, int has_point)
{
	return has_point && !nwords;
}

int search_widen(int nearest_first, int radius_set, int ring, int n)
{
	return nearest_first && !radius_set && n < SEARCH_CAND_MAX && ring + 1 < SEARCH_RINGS &&
	       search_rings_km[ring] > 0;
}

void search_page(int offset, int limit, int n, int *ret_from, int *ret_to)
{
	int from = offset < n ? offset : n;
	*ret_from = from;
	*ret_to = from + limit < n ? from + limit : n;
}
