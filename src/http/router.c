/* router.c: segment-by-segment matching of request paths against route patterns. */
#include "http/router.h"

#include <string.h>

#include "http/http.h"
#include "core/banned.h"

/* returns 1 and fills params when path fits pattern */
static int match_path(const char *pattern, const char *path, struct req *rq)
{
	int np = 0;
	const char *names[HTTP_MAX_PARAMS], *vals[HTTP_MAX_PARAMS];
	size_t vlens[HTTP_MAX_PARAMS], nlens[HTTP_MAX_PARAMS];
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return 0;
		p++, s++;
		size_t pl = strcspn(p, "/"), sl = strcspn(s, "/");
		if (*p == ':') {
			if (sl == 0 || np == HTTP_MAX_PARAMS)
				return 0;
			names[np] = p + 1, nlens[np] = pl - 1;
			vals[np] = s, vlens[np] = sl;
			np++;
		} else if (pl != sl || memcmp(p, s, pl)) {
			return 0;
		}
		p += pl, s += sl;
	}
	if (*p || *s)
		return 0;
	if (rq) {
		rq->nparams = np;
		for (int i = 0; i < np; i++) {
			rq->param_names[i] = arena_strndup(&rq->arena, names[i], nlens[i]);
			rq->param_values[i] = arena_strndup(&rq->arena, vals[i], vlens[i]);
		}
	}
	return 1;
}

enum router_result router_match(const struct route *table, int n, const char *method,
				const char *path, struct req *rq, const struct route **ret)
{
	int path_seen = 0;
	for (int i = 0; i < n; i++) {
		if (!match_path(table[i].pattern, path, NULL))
			continue;
		path_seen = 1;
		/* HEAD is answered like GET, without a body */
		if (strcmp(table[i].method, method) &&
		    !(!strcmp(method, "HEAD") && !strcmp(table[i].method, "GET")))
			continue;
		match_path(table[i].pattern, path, rq);
		*ret = &table[i];
		return ROUTER_MATCH;
	}
	return path_seen ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}
