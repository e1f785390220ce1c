/*
 * name_key.c: keys for finding people by name the way agents type them:
 * without accents, in any order, by the start of a word, or misspelt the
 * way Spanish spelling allows (b/v, s/z/c, y/ll, silent h).
 */
#include "domain/people/name_key.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* the sound symbol(s) of w[i], with how many letters they consume */
static const char *sound_of(const char *w, size_t n, size_t i, size_t *ret_used)
{
	char c = w[i], next = i + 1 < n ? w[i + 1] : '\0', after = i + 2 < n ? w[i + 2] : '\0';
	*ret_used = 1;
	switch (c) {
	case 'h':
		return "";
	case 'c':
		if (next == 'h')
			return *ret_used = 2, "x";
		return next == 'e' || next == 'i' ? "s" : "k";
	case 'q':
		if (next == 'u')
			*ret_used = 2;
		return "k";
	case 'g':
		if (next == 'u' && (after == 'e' || after == 'i'))
			return *ret_used = 2, "g";
		return next == 'e' || next == 'i' ? "j" : "g";
	case 'v':
	case 'w':
		return "b";
	case 'z':
		return "s";
	case 'x':
		return i == 0 ? "j" : "ks";
	case 'l':
		if (next == 'l')
			return *ret_used = 2, "y";
		return "l";
	case 'y':
		return is_vowel(next) ? "y" : "i";
	case 'p':
		if (next == 'h')
			return *ret_used = 2, "f";
		return "p";
	default:
		return NULL; /* itself */
	}
}

int name_sound_key(const char *w, size_t n, struct buf *out)
{
	char last = '\0';
	for (size_t i = 0; i < n;) {
		size_t used;
		char one[2] = {w[i], '\0'};
		const char *s = sound_of(w, n, i, &used);
		if (!s)
			s = one;
		for (; *s; s++) {
			/* doubled letters (rr, ss, nn) sound once; bytes of other scripts stay as
			 * they are */
			if (*s == last && !(*s & 0x80))
				continue;
			if (buf_putc(out, *s))
				return ERR_TOO_LARGE;
			last = *s;
		}
		i += used;
	}
	return 0;
}

int name_words(const char *folded, struct arena *a, int max, const char ***ret, int *ret_n)
{
	const char **words = arena_alloc(a, sizeof(*words) * (size_t)(max > 0 ? max : 1));
	int n = 0;
	for (const char *p = folded; *p && n < max;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (!l)
			break;
		size_t keep = l > NAME_KEY_WORD_MAX ? NAME_KEY_WORD_MAX : l;
		/* never cut inside a UTF-8 sequence: the engines refuse malformed text */
		while (keep < l && ((unsigned char)p[keep] & 0xC0) == 0x80)
			keep--;
		int dup = 0;
		for (int i = 0; i < n && !dup; i++)
			dup = strlen(words[i]) == keep && !memcmp(words[i], p, keep);
		if (!dup)
			words[n++] = arena_strndup(a, p, keep);
		p += l;
	}
	*ret = words;
	*ret_n = n;
	return 0;
}

int name_keys(const char *folded, struct arena *a, const char ***ret, int *ret_n)
{
	const char **words;
	int nw, n = 0, rc = 0;
	name_words(folded, a, NAME_KEY_WORDS_MAX, &words, &nw);
	const char **keys = arena_alloc(a, sizeof(*keys) * (size_t)(2 * nw + 1));
	struct buf b = BUF_INIT(4 * NAME_KEY_WORD_MAX);
	for (int i = 0; i < nw; i++) {
		keys[n++] = words[i];
		buf_reset(&b);
		if ((rc = buf_putc(&b, NAME_SOUND_MARK)) ||
		    (rc = name_sound_key(words[i], strlen(words[i]), &b)))
			goto out;
		int dup = 0;
		for (int k = 0; k < n && !dup; k++)
			dup = !strcmp(keys[k], b.data);
		if (!dup && b.len > 1)
			keys[n++] = arena_strdup(a, b.data);
	}
	*ret = keys;
	*ret_n = n;
out:
	buf_release(&b);
	return rc;
}
