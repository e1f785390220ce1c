/*
 * search_tags.h: the filter tags of the search index. Each entry's FTS row
 * (and PostgreSQL tsvector) carries a token per taxonomy term of its
 * service (ancestors included) and per map cell of its place, so that a
 * keyword search with a category or a radius is one intersection of
 * posting lists inside the text index, instead of a lookup of every
 * keyword match in the entry table. The tags only narrow: the exact
 * filters still run on what they let through, so a hash collision or a
 * cell's edge can never add a wrong result.
 */
#ifndef FARO_SEARCH_TAGS_H
#define FARO_SEARCH_TAGS_H

#include <stddef.h>

#define SEARCH_TAG_MAX	 24 /* bytes of one tag, with its NUL */
#define SEARCH_BOX_CELLS 16 /* cells at most in a box's tags; a larger box goes unnarrowed */

/* search_tag_term: the tag of a taxonomy term id ("q" and 19 digits) */
void search_tag_term(const char *term_id, char out[SEARCH_TAG_MAX]);

/* search_tag_cells: the fine (0.1 degree) and coarse (1 degree) cell tags of a point */
void search_tag_cells(double lat, double lon, char fine[SEARCH_TAG_MAX],
		      char coarse[SEARCH_TAG_MAX]);

/*
 * search_tag_box: the cell tags that cover a box, of the finest size that
 * needs at most SEARCH_BOX_CELLS of them; 0 when none does (or the box
 * crosses the antimeridian): then the box is not narrowed by tags.
 */
int search_tag_box(double lat_min, double lat_max, double lon_min, double lon_max,
		   char out[SEARCH_BOX_CELLS][SEARCH_TAG_MAX]);

#endif
