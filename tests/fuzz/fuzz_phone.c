/*
 * fuzz_phone.c: libFuzzer target for what callers and agents type into
 * phone and name fields: phone_normalize under every default country must
 * stay in bounds and, when it accepts, give an E.164 string that normalises
 * to itself; name folding, words, keys and sound keys must stay in bounds.
 * fuzz-sources: src/domain/phone.c src/domain/people/name_key.c
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fold.h"
#include "domain/people/name_key.h"
#include "domain/phone.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	const char *iso;
	for (size_t i = 0; (iso = phone_country_iso(i)); i++) {
		char out[PHONE_E164_MAX], again[PHONE_E164_MAX];
		if (!phone_normalize(s, iso, out, NULL)) {
			/* what we store must be a fixed point: searching it finds it */
			if (phone_normalize(out, iso, again, NULL) || strcmp(out, again))
				abort();
			if (out[0] != '+' || strlen(out) > 16)
				abort();
		}
	}
	phone_looks_like(s);
	struct buf f = BUF_INIT(8192);
	if (!fold_text(s, size, &f)) {
		struct arena a;
		const char **keys;
		int n;
		arena_init(&a);
		name_keys(f.data, &a, &keys, &n);
		if (n > 2 * NAME_KEY_WORDS_MAX)
			abort();
		arena_release(&a);
	}
	buf_release(&f);
	free(s);
	return 0;
}
