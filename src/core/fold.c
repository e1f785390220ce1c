/* fold.c: UTF-8 decoding and Latin folding for accent-insensitive matching. */
#include "core/fold.h"

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

/* decode one code point; returns its length, 0 when malformed */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *ret_cp)
{
	uint32_t cp;
	size_t len;
	if (s[0] < 0x80) {
		*ret_cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		cp = s[0] & 0x1F, len = 2;
	} else if ((s[0] & 0xF0) == 0xE0) {
		cp = s[0] & 0x0F, len = 3;
	} else if ((s[0] & 0xF8) == 0xF0) {
		cp = s[0] & 0x07, len = 4;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*ret_cp = cp;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t l = utf8_decode(p + i, n - i, &cp);
		if (!l || cp == 0)
			return 0;
		i += l;
	}
	return 1;
}

/* Latin-1 Supplement U+00C0..U+00FF folded to ASCII; 0 means "drop to space". */
static const char latin1[64] = "aaaaaaaceeeeiiiidnooooo ouuuuyts"
			       "aaaaaaaceeeeiiiidnooooo ouuuuyty";

static uint32_t fold_cp(uint32_t cp, uint32_t *ret_second)
{
	*ret_second = 0;
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return cp + 32;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return cp;
		return ' ';
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		if (cp == 0xC6 || cp == 0xE6) { /* Æ æ */
			*ret_second = 'e';
			return 'a';
		}
		if (cp == 0xDF) { /* ß */
			*ret_second = 's';
			return 's';
		}
		return (uint32_t)(unsigned char)latin1[cp - 0xC0];
	}
	/* Latin Extended-A: pairs of upper/lower with one base letter each */
	if (cp >= 0x100 && cp <= 0x17F) {
		static const char ext_a[128 + 1] =
		    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoo"
		    "oooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		char c = ext_a[cp - 0x100];
		return c ? (uint32_t)(unsigned char)c : cp;
	}
	if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 || cp == 0xA1 ||
	    cp == 0xBF)
		return ' ';
	return cp; /* other scripts pass through unchanged */
}

static int put_cp(struct buf *out, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6)), t[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12)), t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18)), t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), t[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	}
	return buf_append(out, t, n);
}

int fold_text(const char *s, size_t n, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = out->len;
	int pending_space = 0, rc = 0;
	while (i < n) {
		uint32_t cp, second;
		size_t l = utf8_decode(p + i, n - i, &cp);
		if (!l || cp == 0) {
			rc = ERR_INVALID;
			goto out;
		}
		i += l;
		/* combining marks (decomposed accents) vanish */
		if (cp >= 0x300 && cp <= 0x36F)
			continue;
		uint32_t f = fold_cp(cp, &second);
		if (f == ' ') {
			pending_space = out->len > start;
			continue;
		}
		if (pending_space && (rc = buf_putc(out, ' ')))
			goto out;
		pending_space = 0;
		if ((rc = put_cp(out, f)))
			goto out;
		if (second && (rc = put_cp(out, second)))
			goto out;
	}
out:
	return rc;
}

size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
