/* fts_stem.c: folded words, Snowball stems (es, en) and stop words for full-text search. */
#include "store/search/fts_stem.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/banned.h"

struct fts_stem {
	struct sb_stemmer *es, *en;
	char form[2][FTS_MAX_WORD + 1];
};

struct fts_stem *fts_stem_new(void)
{
	struct fts_stem *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->es = sb_stemmer_new("spanish", "UTF_8");
	s->en = sb_stemmer_new("english", "UTF_8");
	if (!s->es || !s->en) {
		fts_stem_free(s);
		return NULL;
	}
	return s;
}

void fts_stem_free(struct fts_stem *s)
{
	if (!s)
		return;
	if (s->es)
		sb_stemmer_delete(s->es);
	if (s->en)
		sb_stemmer_delete(s->en);
	free(s);
}

int fts_words(const char *text, size_t n, int (*cb)(void *, const char *, size_t, size_t, size_t),
	      void *ud)
{
	struct buf f = BUF_INIT(4 * FTS_MAX_TEXT + 16);
	int rc;
	if (n > FTS_MAX_TEXT) { /* a cut may split a character: fold only whole ones */
		n = FTS_MAX_TEXT;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	if ((rc = fold_text(text, n, &f)))
		goto out;
	for (size_t i = 0; i < f.len;) {
		while (i < f.len && f.data[i] == ' ')
			i++;
		size_t b = i;
		while (i < f.len && f.data[i] != ' ')
			i++;
		if (i == b)
			break;
		size_t len = i - b;
		if (len > FTS_MAX_WORD) { /* cut on a character boundary */
			len = FTS_MAX_WORD;
			while (len > 0 && ((unsigned char)f.data[b + len] & 0xC0) == 0x80)
				len--;
		}
		size_t end = i < n ? i : n, start = b < end ? b : end;
		if ((rc = cb(ud, f.data + b, len, start, end)))
			goto out;
	}
out:
	buf_release(&f);
	return rc;
}

static int add_form(const char *ret[3], size_t ret_len[3], int k, const char *w, size_t n)
{
	for (int i = 0; i < k; i++)
		if (ret_len[i] == n && memcmp(ret[i], w, n) == 0)
			return k;
	ret[k] = w;
	ret_len[k] = n;
	return k + 1;
}

int fts_forms(struct fts_stem *s, const char *w, size_t n, const char *ret[3], size_t ret_len[3])
{
	int k = add_form(ret, ret_len, 0, w, n);
	struct sb_stemmer *st[2] = {s->es, s->en};
	for (int i = 0; i < 2; i++) {
		const sb_symbol *r = sb_stemmer_stem(st[i], (const sb_symbol *)w, (int)n);
		int len = r ? sb_stemmer_length(st[i]) : 0;
		if (len <= 0 || len > FTS_MAX_WORD)
			continue;
		memcpy(s->form[i], r, (size_t)len);
		s->form[i][len] = 0;
		k = add_form(ret, ret_len, k, s->form[i], (size_t)len);
	}
	return k;
}

/* The commonest function words of both languages: they would match nearly
 * every record and make "banco de alimentos" need a "de". Kept short on
 * purpose: words such as "sin" or "no" change meaning and stay searchable. */
static const char *const stop[] = {
    "a",  "al",	 "and", "de", "del",  "el",  "en",  "for", "in", "la",	"las",
    "lo", "los", "of",	"or", "para", "por", "the", "to",  "un", "una", "y",
};

int fts_stopword(const char *w, size_t n)
{
	size_t lo = 0, hi = sizeof(stop) / sizeof(stop[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		size_t sl = strlen(stop[mid]);
		int c = memcmp(w, stop[mid], n < sl ? n : sl);
		if (c == 0)
			c = n < sl ? -1 : n > sl ? 1 : 0;
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}
