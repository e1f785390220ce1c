/* search_hours.h: is a search index entry open now, or at a local time, by its hours; no I/O. */
#ifndef FARO_SEARCH_HOURS_H
#define FARO_SEARCH_HOURS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/tz.h"

/*
 * search_line_field: the i-th '|'-separated field (from 0) of the line
 * [s, e) into out of n bytes (cut to fit; "" when there is no such field).
 */
void search_line_field(const char *s, const char *e, int i, char *out, size_t n);
/*
 * search_open: whether an entry with these hours (lines
 * "freq|byday|opens_at|closes_at|valid_from|valid_to|...", NULL: none) is
 * open: 1 open, 0 closed, -1 unknown (no hours that can be read, or no
 * zone for "now"). at_local: a wall-clock moment at the location (open
 * at), or NULL for now_ms in the entry's zone tz (IANA name, may be NULL).
 */
int search_open(const char *hours, const char *tz, const struct tz_local *at_local, int64_t now_ms);

#endif
