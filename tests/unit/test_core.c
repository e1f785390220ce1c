/* test_core.c: buffers, arenas, JSON input rules, folding and UTF-8, the string hash. */
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/hash.h"
#include "core/jsonx.h"
#include "test.h"

static void test_buf(void)
{
	struct buf b = BUF_INIT(8);
	CHECK(b.data[0] == '\0' && b.len == 0, "empty buf is a valid empty string");
	CHECK(buf_puts(&b, "abc") == 0 && !strcmp(b.data, "abc"), "append within cap");
	CHECK(buf_puts(&b, "defgh") == 0 && b.len == 8, "append up to the cap exactly");
	CHECK(buf_putc(&b, 'x') == ERR_TOO_LARGE && b.len == 8 && !strcmp(b.data, "abcdefgh"),
	      "past the cap: ERR_TOO_LARGE and unchanged");
	buf_reset(&b);
	CHECK(buf_printf(&b, "%d-%s", 42, "ok") == 0 && !strcmp(b.data, "42-ok"), "printf");
	CHECK(buf_printf(&b, "%s", "123456789") == ERR_TOO_LARGE && !strcmp(b.data, "42-ok"),
	      "printf past the cap leaves buf unchanged");
	size_t n;
	char *s = buf_detach(&b, &n);
	CHECK(!strcmp(s, "42-ok") && n == 5 && b.len == 0, "detach hands over the string");
	free(s);
	struct buf big = BUF_INIT(SIZE_MAX);
	CHECK(buf_append(&big, "x", SIZE_MAX) == ERR_TOO_LARGE, "size overflow is caught");
	buf_release(&big);
	buf_release(&b);
}

static void test_arena(void)
{
	struct arena a;
	arena_init(&a);
	char *p = arena_alloc(&a, 10);
	CHECK(((uintptr_t)p & 15) == 0, "arena allocations are 16-byte aligned");
	char *big = arena_alloc(&a, 100000);
	CHECK(big != NULL && big[99999] == 0, "large allocation is zeroed");
	char *q = arena_strdup(&a, "hola");
	CHECK(!strcmp(q, "hola") && q != p,
	      "strdup after a large block still uses the small block");
	CHECK(!strcmp(arena_printf(&a, "%s:%d", "n", 7), "n:7"), "arena printf");
	arena_release(&a);
	CHECK(a.head == NULL, "release empties the arena");
}

static void test_json(void)
{
	struct buf err = BUF_INIT(256);
	json_t *v = jsonx_parse("{\"a\":1}", 7, 32, &err);
	CHECK(v && json_is_object(v), "valid object parses");
	json_decref(v);
	CHECK(!jsonx_parse("{\"a\":1} x", 9, 32, NULL), "trailing garbage rejected");
	CHECK(!jsonx_parse("{\"a\":1,\"a\":2}", 13, 32, NULL), "duplicate keys rejected");
	CHECK(!jsonx_parse("\"\xc0\xaf\"", 4, 32, NULL), "overlong UTF-8 rejected");
	CHECK(!jsonx_parse("\"a\\u0000b\"", 10, 32, NULL), "NUL escape rejected");
	CHECK(!jsonx_parse("NaN", 3, 32, NULL), "NaN rejected");
	char deep[100];
	memset(deep, '[', 33);
	memset(deep + 33, ']', 33);
	buf_reset(&err);
	CHECK(!jsonx_parse(deep, 66, 32, &err) && strstr(err.data, "deeper"),
	      "depth 33 > 32 rejected");
	CHECK(jsonx_depth_ok("[\"[[[[\"]", 8, 1), "brackets inside strings do not count");
	CHECK(jsonx_depth_ok("[\"\\\"[[\"]", 9, 1), "escaped quotes do not end strings");
	v = jsonx_parse("{\"n\":\"x\",\"i\":5,\"b\":true,\"s\":7}", 30, 32, NULL);
	const char *s = NULL;
	int64_t i = 0;
	int b = 0;
	CHECK(jsonx_get_str(v, "n", 5, &s, NULL) == 0 && !strcmp(s, "x"), "get_str");
	CHECK(jsonx_get_str(v, "missing", 5, &s, NULL) == 1, "absent field returns 1");
	buf_reset(&err);
	CHECK(jsonx_get_str(v, "s", 5, &s, &err) == ERR_INVALID && strstr(err.data, "'s'"),
	      "wrong type names the field");
	CHECK(jsonx_get_int(v, "i", 1, 10, &i, NULL) == 0 && i == 5, "get_int in range");
	CHECK(jsonx_get_int(v, "i", 6, 10, &i, NULL) == ERR_INVALID, "get_int out of range");
	CHECK(jsonx_get_bool(v, "b", &b, NULL) == 0 && b == 1, "get_bool");
	static const char *const allowed[] = {"n", "i", "b", NULL};
	buf_reset(&err);
	CHECK(jsonx_only_keys(v, allowed, &err) == ERR_INVALID && strstr(err.data, "'s'"),
	      "unknown keys named");
	json_decref(v);
	v = json_pack("{s:s}", "t", "<a>&\xe2\x80\xa8/");
	char *out = jsonx_dump(v);
	CHECK(!strcmp(out, "{\"t\":\"\\u003ca\\u003e\\u0026\\u2028/\"}"),
	      "dump escapes <>& U+2028: %s", out);
	free(out);
	json_decref(v);
	buf_release(&err);
}

static void check_fold(const char *in, const char *want)
{
	struct buf b = BUF_INIT(256);
	int rc = fold_text(in, strlen(in), &b);
	CHECK(rc == 0 && !strcmp(b.data, want), "fold '%s' -> '%s' (got '%s')", in, want, b.data);
	buf_release(&b);
}

static void test_fold(void)
{
	check_fold("Salúd Mental", "salud mental");
	check_fold("  ÑANDÚ,  Ávila-Pérez ", "nandu avila perez");
	check_fold("Łódź Straße", "lodz strasse");
	check_fold("cafe\xcc\x81", "cafe"); /* decomposed accent */
	check_fold("José María", "jose maria");
	check_fold("", "");
	struct buf b = BUF_INIT(256);
	CHECK(fold_text("\xff", 1, &b) == ERR_INVALID, "invalid UTF-8 refused by fold");
	CHECK(!utf8_valid("a\0b", 3), "NUL is not valid text");
	CHECK(!utf8_valid("\xed\xa0\x80", 3), "surrogates are not valid UTF-8");
	CHECK(utf8_valid("ñ€😀", strlen("ñ€😀")), "2-, 3- and 4-byte sequences are valid");
	CHECK(utf8_length("ñandú") == 5, "utf8_length counts code points");
	buf_release(&b);
}

static void test_hash(void)
{
	/* fixed values: search term tags are built on them (search_tags.c) */
	CHECK(hash_str("") == 1469598103934665603ULL && hash_str("faro") == 12049374014199385429ULL,
	      "hash_str keeps its values");
	CHECK(hash_str("ab") != hash_str("ba"), "hash_str depends on order");
}

int main(void)
{
	test_buf();
	test_arena();
	test_json();
	test_fold();
	test_hash();
	return test_done();
}
