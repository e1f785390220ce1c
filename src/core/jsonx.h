/* jsonx.h: strict JSON parsing with a depth cap, and typed field readers over jansson. */
#ifndef FARO_JSONX_H
#define FARO_JSONX_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define JSONX_MAX_DEPTH 32

/*
 * jsonx_parse: parses s[0..n] as one JSON value; rejects nesting deeper
 * than max_depth, duplicate keys, invalid UTF-8, NUL and trailing bytes.
 * Returns a new reference, or NULL with a human message in err (may be NULL).
 */
json_t *jsonx_parse(const char *s, size_t n, int max_depth, struct buf *err);
/* jsonx_depth_ok: 1 when the nesting of s[0..n] never exceeds max_depth (strings skipped). */
int jsonx_depth_ok(const char *s, size_t n, int max_depth);

/*
 * Field readers for request bodies. Each returns 0 and sets *ret when the
 * field is present with the right type; 1 when absent (ret untouched);
 * ERR_INVALID with the field name in err when the type is wrong or a
 * string is longer than max_len bytes or not a string at all.
 */
int jsonx_get_str(json_t *obj, const char *key, size_t max_len, const char **ret, struct buf *err);
int jsonx_get_int(json_t *obj, const char *key, int64_t min, int64_t max, int64_t *ret,
		  struct buf *err);
int jsonx_get_bool(json_t *obj, const char *key, int *ret, struct buf *err);
/* jsonx_only_keys: ERR_INVALID naming the first key of obj not in the NULL-ended allowed list. */
int jsonx_only_keys(json_t *obj, const char *const *allowed, struct buf *err);
/* jsonx_dump: compact serialisation with < > & U+2028 U+2029 escaped, for logs and responses;
 * caller frees (free()). */
char *jsonx_dump(const json_t *v);

#endif
