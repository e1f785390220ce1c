/* jsonx.c: strict JSON input for request bodies. */
#include "core/jsonx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

int jsonx_depth_ok(const char *s, size_t n, int max_depth)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max_depth)
				return 0;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 1;
}

json_t *jsonx_parse(const char *s, size_t n, int max_depth, struct buf *err)
{
	if (!jsonx_depth_ok(s, n, max_depth)) {
		if (err)
			buf_printf(err, "JSON nested deeper than %d levels", max_depth);
		return NULL;
	}
	json_error_t je;
	json_t *v = json_loadb(s, n, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	if (!v && err)
		buf_printf(err, "invalid JSON at line %d column %d: %s", je.line, je.column,
			   je.text);
	return v;
}

static int type_error(struct buf *err, const char *key, const char *want)
{
	if (err)
		buf_printf(err, "field '%s' must be %s", key, want);
	return ERR_INVALID;
}

int jsonx_get_str(json_t *obj, const char *key, size_t max_len, const char **ret, struct buf *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 1;
	if (!json_is_string(v))
		return type_error(err, key, "a string");
	if (json_string_length(v) > max_len) {
		if (err)
			buf_printf(err, "field '%s' is longer than %zu bytes", key, max_len);
		return ERR_INVALID;
	}
	*ret = json_string_value(v);
	return 0;
}

int jsonx_get_int(json_t *obj, const char *key, int64_t min, int64_t max, int64_t *ret,
		  struct buf *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 1;
	if (!json_is_integer(v))
		return type_error(err, key, "an integer");
	json_int_t i = json_integer_value(v);
	if (i < min || i > max) {
		if (err)
			buf_printf(err, "field '%s' must be between %lld and %lld", key,
				   (long long)min, (long long)max);
		return ERR_INVALID;
	}
	*ret = i;
	return 0;
}

int jsonx_get_bool(json_t *obj, const char *key, int *ret, struct buf *err)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 1;
	if (!json_is_boolean(v))
		return type_error(err, key, "true or false");
	*ret = json_is_true(v);
	return 0;
}

int jsonx_only_keys(json_t *obj, const char *const *allowed, struct buf *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		int ok = 0;
		for (const char *const *a = allowed; *a; a++)
			if (!strcmp(*a, key)) {
				ok = 1;
				break;
			}
		if (!ok) {
			if (err)
				buf_printf(err, "unknown field '%.64s'", key);
			return ERR_INVALID;
		}
	}
	return 0;
}

char *jsonx_dump(const json_t *v)
{
	char *raw = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	if (!raw)
		return NULL;
	/*
	 * < > & and U+2028/9 only occur inside strings here; escaping them keeps
	 * JSON inert if a browser ever sniffs it as HTML or script.
	 */
	size_t extra = 0;
	for (const char *p = raw; *p; p++)
		if (*p == '<' || *p == '>' || *p == '&' ||
		    (!strncmp(p, "\xe2\x80", 2) && (p[2] == '\xa8' || p[2] == '\xa9')))
			extra += 5;
	if (!extra)
		return raw;
	struct buf b = BUF_INIT(SIZE_MAX / 2);
	for (const char *p = raw; *p; p++) {
		if (*p == '<')
			buf_puts(&b, "\\u003c");
		else if (*p == '>')
			buf_puts(&b, "\\u003e");
		else if (*p == '&')
			buf_puts(&b, "\\u0026");
		else if (!strncmp(p, "\xe2\x80", 2) && (p[2] == '\xa8' || p[2] == '\xa9')) {
			buf_puts(&b, p[2] == '\xa8' ? "\\u2028" : "\\u2029");
			p += 2;
		} else
			buf_putc(&b, *p);
	}
	free(raw);
	return buf_detach(&b, NULL);
}
