/* hash.h: the one string hash of Faro's in-memory tables and search tags (not for secrets). */
#ifndef FARO_HASH_H
#define FARO_HASH_H

#include <stdint.h>

/*
 * hash_str: a 64-bit FNV-1a style hash of the NUL-terminated s. Its values
 * must not change: the search index stores them in its term tags
 * (search_tags.c), so a new value means a stale index until a reindex.
 */
uint64_t hash_str(const char *s);

#endif
