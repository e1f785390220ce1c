/* cli_routes.c: `faro routes`: every route of the dispatcher's tables with its roles and flags. */
#include <jansson.h>
#include <stdlib.h>

#include "core/err.h"
#include "domain/roles.h"
#include "http/router.h"
#include "api/dispatch.h"
#include "cli/cli.h"
#include "core/banned.h"

/* one route as {"method","path","roles":[names],"public","csrf","password_ok"} */
static json_t *route_json(const struct route *r)
{
	json_t *roles = json_array();
	for (int i = 0; roles && i < ROLE__MAX; i++)
		if (r->roles & ROLE_BIT(i))
			json_array_append_new(roles, json_string(role_name((enum role)i)));
	return json_pack("{s:s, s:s, s:o*, s:b, s:b, s:b}", "method", r->method, "path", r->pattern,
			 "roles", roles, "public", (r->flags & ROUTE_PUBLIC) != 0, "csrf",
			 (r->flags & ROUTE_NO_CSRF) == 0, "password_ok",
			 (r->flags & ROUTE_PASSWORD_OK) != 0);
}

/* one route as a line: method, path, roles (or "public") and the flags that are set */
static void route_line(FILE *out, const struct route *r)
{
	fprintf(out, "%-6s %-56s ", r->method, r->pattern);
	int any = 0;
	for (int i = 0; i < ROLE__MAX; i++)
		if (r->roles & ROLE_BIT(i))
			fprintf(out, "%s%s", any++ ? "," : "", role_name((enum role)i));
	if (r->flags & ROUTE_PUBLIC)
		fprintf(out, "%spublic", any++ ? " " : "");
	if (r->flags & ROUTE_NO_CSRF)
		fputs(" no-csrf", out);
	if (r->flags & ROUTE_PASSWORD_OK)
		fputs(" password-ok", out);
	fputc('\n', out);
}

int cli_routes(FILE *out, int as_json)
{
	int rc = 0, first = 1, n;
	const struct route *t;
	if (as_json)
		fputc('[', out);
	for (int i = 0; (t = dispatch_table(i, &n)); i++) {
		for (int j = 0; j < n; j++) {
			if (!as_json) {
				route_line(out, &t[j]);
				continue;
			}
			json_t *o = route_json(&t[j]);
			char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
			json_decref(o);
			if (!s) {
				rc = ERR_NOMEM;
				goto out;
			}
			fprintf(out, "%s\n%s", first ? "" : ",", s);
			free(s);
			first = 0;
		}
	}
	if (as_json)
		fputs("\n]\n", out);
out:
	return rc;
}
