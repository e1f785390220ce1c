/*
 * search_tags.c: the filter tags of the search index (see search_tags.h).
 * Tags are a letter and digits only, so that the text tokenizers of both
 * engines keep them whole and no stemmer touches them.
 */
#include "store/search/search_tags.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "core/hash.h"

#include "core/banned.h"

void search_tag_term(const char *term_id, char out[SEARCH_TAG_MAX])
{
	uint64_t h = hash_str(term_id);
	snprintf(out, SEARCH_TAG_MAX, "q%019llu", (unsigned long long)(h >> 1));
}

/* cell_of: the index of a coordinate's cell of size 1/per degrees, from the low end */
static long cell_of(double v, double lo, int per)
{
	return (long)floor((v - lo) * per);
}

static void cell_tag(char letter, long la, long lo, char out[SEARCH_TAG_MAX])
{
	snprintf(out, SEARCH_TAG_MAX, "%c%05ld%05ld", letter, la, lo);
}

void search_tag_cells(double lat, double lon, char fine[SEARCH_TAG_MAX],
		      char coarse[SEARCH_TAG_MAX])
{
	cell_tag('g', cell_of(lat, -90, 10), cell_of(lon, -180, 10), fine);
	cell_tag('h', cell_of(lat, -90, 1), cell_of(lon, -180, 1), coarse);
}

int search_tag_box(double lat_min, double lat_max, double lon_min, double lon_max,
		   char out[SEARCH_BOX_CELLS][SEARCH_TAG_MAX])
{
	static const struct {
		char letter;
		int per;
	} sizes[] = {{'g', 10}, {'h', 1}};
	if (!(lat_min <= lat_max && lon_min <= lon_max))
		return 0;
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		int per = sizes[k].per;
		long la0 = cell_of(lat_min, -90, per), la1 = cell_of(lat_max, -90, per);
		long lo0 = cell_of(lon_min, -180, per), lo1 = cell_of(lon_max, -180, per);
		if ((la1 - la0 + 1) * (lo1 - lo0 + 1) > SEARCH_BOX_CELLS)
			continue;
		int n = 0;
		for (long la = la0; la <= la1; la++)
			for (long lo = lo0; lo <= lo1; lo++)
				cell_tag(sizes[k].letter, la, lo, out[n++]);
		return n;
	}
	return 0;
}
