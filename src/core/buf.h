/* buf.h: one growable byte string with a mandatory size cap (git strbuf + curl dynbuf). */
#ifndef FARO_BUF_H
#define FARO_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* Invariants: data is never NULL and always NUL-terminated; len <= cap. */
struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t cap; /* the most bytes this buffer may ever hold */
};

extern char buf_empty[];
#define BUF_INIT(max)                                                                              \
	{                                                                                          \
		buf_empty, 0, 0, (max)                                                             \
	}

void buf_init(struct buf *b, size_t cap);
/* buf_release: frees the storage and leaves b empty and reusable. */
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
/* buf_append: appends n bytes; ERR_TOO_LARGE (b unchanged) past the cap. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
/* buf_printf: formatted append; ERR_TOO_LARGE past the cap (b unchanged). */
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* buf_detach: hands the string to the caller (free() it); b becomes empty. */
char *buf_detach(struct buf *b, size_t *ret_len);

#endif
