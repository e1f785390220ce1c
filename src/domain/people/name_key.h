/* name_key.h: the keys name search matches on: folded words and a Spanish sound key; no I/O. */
#ifndef FARO_NAME_KEY_H
#define FARO_NAME_KEY_H

#include <stddef.h>

struct arena;
struct buf;

#define NAME_KEY_WORDS_MAX 16 /* words of one profile's names that are indexed */
#define NAME_KEY_WORD_MAX  40 /* bytes of one indexed word */

/*
 * name_sound_key: appends to out the Spanish sound key of one folded word
 * (ASCII a-z0-9, as fold_text makes it): letters that sound alike in Latin
 * American Spanish share a symbol (b/v/w, s/z/soft c, k/q/hard c, j/soft
 * g, y/ll, silent h dropped, x at the start as j, doubled letters once),
 * so "Gonzalez", "Gonsales" and "Gonzáles" give the same key. ERR_TOO_LARGE
 * past out's cap.
 */
int name_sound_key(const char *word, size_t n, struct buf *out);

/*
 * Sound keys are indexed beside the words they come from, marked by a
 * character no word can hold (fold_text turns ASCII punctuation into
 * spaces), so "_gnsls" never matches a word typed "gnsls".
 */
#define NAME_SOUND_MARK '_'

/*
 * name_keys: the search index terms of folded (a fold_text result): each
 * distinct word, and NAME_SOUND_MARK followed by its sound key, at most
 * NAME_KEY_WORDS_MAX words, each cut to NAME_KEY_WORD_MAX bytes (at a
 * character boundary). *ret is an arena array of arena strings without
 * duplicates; none holds a space.
 */
int name_keys(const char *folded, struct arena *a, const char ***ret, int *ret_n);

/* name_words: the distinct words of folded, at most max (arena copies, cut to NAME_KEY_WORD_MAX).
 */
int name_words(const char *folded, struct arena *a, int max, const char ***ret, int *ret_n);

#endif
