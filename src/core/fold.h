/* fold.h: case- and accent-insensitive keys for search columns (name_fold). */
#ifndef FARO_FOLD_H
#define FARO_FOLD_H

#include <stddef.h>

struct buf;

/*
 * fold_text: appends to out the lowercase, accent-free form of the UTF-8
 * text s[0..n] ("Ñandú  ÁVILA" -> "nandu avila"): Latin letters lose their
 * marks, runs of white space and punctuation become one space, ends trimmed.
 * ERR_INVALID on malformed UTF-8, ERR_TOO_LARGE past out's cap.
 */
int fold_text(const char *s, size_t n, struct buf *out);
/* utf8_valid: 1 when s[0..n] is well-formed UTF-8 with no NUL and no overlong forms. */
int utf8_valid(const char *s, size_t n);

/* utf8_length: code points in the NUL-terminated UTF-8 string s. */
size_t utf8_length(const char *s);

#endif
