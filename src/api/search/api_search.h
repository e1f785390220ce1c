/* api_search.h: the handlers of resource search (routes_search.c) and what its two files share. */
#ifndef FARO_API_SEARCH_H
#define FARO_API_SEARCH_H

#include <jansson.h>
#include <stdint.h>

#include "domain/search/search_hours.h" /* search_open */
#include "domain/tz.h"
#include "api/handlers.h"

#include <stdio.h>

struct arena;
struct search_entry_rec;
struct store;

/* json_str_or_null: a JSON string, or null for NULL (jansson's "s*" would drop the key). */
static inline json_t *json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

HANDLER(h_search_resources);
HANDLER(h_search_filters);
HANDLER(h_search_service);

/* search_hours_json: the schedule lines of an entry as [{freq, byday, opens_at, closes_at,
 * description}]. */
json_t *search_hours_json(const char *hours);
/* search_phones_json: the phone lines of an entry as [{number, type, description}]. */
json_t *search_phones_json(const char *phones);

/* search_reindex: rebuilds the search index from the HSDS tables in one write transaction. */
int search_reindex(struct store *st, int64_t *ret_entries);
/* search_reindex_cli: the same for `faro search reindex`, reporting to out (or err). */
int search_reindex_cli(struct store *st, FILE *out, FILE *err);
/* search_reindex_if_empty: rebuilds the index when a migration has emptied it (a line to log) */
int search_reindex_if_empty(struct store *st, FILE *log);

#endif
