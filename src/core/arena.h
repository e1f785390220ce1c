/* arena.h: a per-request bump allocator, freed in one go (h2o's pool). */
#ifndef FARO_ARENA_H
#define FARO_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used_total;
};

void arena_init(struct arena *a);
/* arena_release: frees every allocation made from a. */
void arena_release(struct arena *a);
/* arena_alloc: n zeroed bytes, aligned for any type, owned by a. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
