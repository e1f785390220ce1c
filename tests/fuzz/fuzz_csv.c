/*
 * fuzz_csv.c: libFuzzer target for the RFC 4180 reader: every record and
 * error of arbitrary bytes, fields read back within their bounds.
 * fuzz-sources: src/domain/csv.c
 */
#include <stdint.h>
#include <string.h>

#include "domain/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader r;
	int rc, guard = 0;
	csv_init(&r, (const char *)data, size);
	while ((rc = csv_next(&r)) != 0 && guard++ < 100000) {
		if (rc < 0)
			continue;
		for (int i = 0; i < r.nfields; i++) {
			const char *f = csv_field(&r, i);
			size_t n = csv_field_len(&r, i);
			if (f[n] != '\0')
				__builtin_trap();
		}
	}
	csv_release(&r);
	return 0;
}
