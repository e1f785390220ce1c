/*
 * fts_stem.h: the words search indexes and looks for, shared by the SQLite
 * FTS5 tokenizer and the PostgreSQL query: text folded (case and accents,
 * core/fold.h), split into words, and each word's Spanish and English
 * Snowball stems (Debian's libstemmer), so "Refugios" meets "refugio" and
 * "shelters" meets "shelter" whatever the record's language.
 */
#ifndef FARO_FTS_STEM_H
#define FARO_FTS_STEM_H

#include <stddef.h>

#define FTS_MAX_WORD 64	   /* longer words are cut to this many bytes */
#define FTS_MAX_TEXT 65536 /* bytes of one field that get indexed */

struct fts_stem;

/* fts_stem_new: Spanish and English stemmers for one thread at a time; NULL when out of memory. */
struct fts_stem *fts_stem_new(void);
void fts_stem_free(struct fts_stem *s);

/*
 * fts_words: folds text[0..n] and calls cb(ud, word, len, start, end) for
 * each word in order (word is folded, not NUL-terminated; start/end are
 * byte offsets in the folded text, never past n). Stops when cb returns
 * non-zero and returns that value; ERR_INVALID for malformed UTF-8.
 */
int fts_words(const char *text, size_t n, int (*cb)(void *, const char *, size_t, size_t, size_t),
	      void *ud);

/*
 * fts_forms: the distinct forms of the folded word w under which it is
 * indexed: w itself, its Spanish stem, its English stem (1 to 3 of them,
 * duplicates dropped). ret[i] points into s or w, valid until the next call.
 */
int fts_forms(struct fts_stem *s, const char *w, size_t n, const char *ret[3], size_t ret_len[3]);

/* fts_stopword: 1 when the folded word is a Spanish or English function word ("de", "the") left out
 * of the index. */
int fts_stopword(const char *w, size_t n);

#endif
