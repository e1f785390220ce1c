/*
 * fuzz_request.c: libFuzzer target for the request path that does not
 * need the network: the first line is "METHOD PATH" for the router, the
 * rest a JSON body read the way handlers read it, then written back out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "http/http.h"
#include "http/router.h"

static int h(struct req *rq, struct resp *rs, void *app)
{
	(void)rq, (void)rs, (void)app;
	return 0;
}

static const struct route routes[] = {
    {"GET", "/api/v1/me", 1, 0, h},
    {"PATCH", "/api/v1/admin/users/:id", 1, 0, h},
    {"POST", "/api/v1/admin/users/:id/revoke-sessions", 1, 0, h},
    {"GET", "/api/v1/announcements/:id", 1, 0, h},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nl = memchr(s, '\n', size);
	size_t line = nl ? (size_t)(nl - s) : size;
	struct req rq;
	memset(&rq, 0, sizeof(rq));
	arena_init(&rq.arena);
	char *first = arena_strndup(&rq.arena, s, line);
	char *sp = strchr(first, ' ');
	if (sp) {
		*sp = '\0';
		const struct route *r;
		router_match(routes, 4, first, sp + 1, &rq, &r);
		for (int i = 0; i < rq.nparams; i++)
			(void)req_param(&rq, rq.param_names[i]);
	}
	const char *body = nl ? nl + 1 : s + size;
	size_t blen = (size_t)(s + size - body);
	struct buf err = BUF_INIT(512), f = BUF_INIT(4096);
	json_t *v = jsonx_parse(body, blen, JSONX_MAX_DEPTH, &err);
	if (v && json_is_object(v)) {
		static const char *const keys[] = {"username", "password", "language", "version",
						   NULL};
		const char *str;
		int64_t i;
		int b;
		jsonx_only_keys(v, keys, &err);
		if (!jsonx_get_str(v, "username", 64, &str, &err))
			fold_text(str, strlen(str), &f);
		jsonx_get_int(v, "version", 1, INT64_MAX, &i, &err);
		jsonx_get_bool(v, "language", &b, &err);
		char *out = jsonx_dump(v);
		/* what we write must parse back */
		json_t *back = out ? jsonx_parse(out, strlen(out), 1000, NULL) : NULL;
		if (out && !back)
			abort();
		json_decref(back);
		free(out);
	}
	json_decref(v);
	buf_reset(&f);
	fold_text(s, size, &f);
	buf_release(&f);
	buf_release(&err);
	arena_release(&rq.arena);
	return 0;
}
