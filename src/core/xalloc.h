/* xalloc.h: allocation that aborts on exhaustion, so error paths stay for real errors. */
#ifndef FARO_XALLOC_H
#define FARO_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
