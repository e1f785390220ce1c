/* static.c: static files with their content types; no directory listings, no dotfiles. */
#include "http/static.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/embedded.h"
#include "http/http.h"
#include "core/banned.h"

#define STATIC_MAX_FILE (4 * 1024 * 1024)

static const char *ui_dir;

void static_set_dir(const char *dir)
{
	ui_dir = dir;
}

static const char *content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	    {".html", "text/html; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".mjs", "text/javascript; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".json", "application/json; charset=utf-8"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".ico", "image/x-icon"},
	    {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static int safe_path(const char *rel)
{
	if (!*rel || rel[0] == '/' || strchr(rel, '\\') || strstr(rel, ".."))
		return 0;
	/* no hidden files or folders anywhere in the path */
	if (rel[0] == '.' || strstr(rel, "/."))
		return 0;
	return 1;
}

static void not_found(struct resp *rs)
{
	resp_json(rs, 404,
		  json_pack("{s:{s:s,s:s}}", "error", "code", "not_found", "message",
			    "There is nothing at this address."));
}

void static_serve(struct req *rq, struct resp *rs, const char *rel)
{
	if (!safe_path(rel)) {
		not_found(rs);
		return;
	}
	if (ui_dir) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", ui_dir, rel);
		struct stat sb;
		FILE *f = stat(path, &sb) || !S_ISREG(sb.st_mode) ? NULL : fopen(path, "rb");
		if (!f) {
			not_found(rs);
			return;
		}
		char *data = arena_alloc(&rq->arena, STATIC_MAX_FILE);
		size_t n = fread(data, 1, STATIC_MAX_FILE, f);
		fclose(f);
		rs->raw = data;
		rs->raw_len = n;
	} else {
		const struct embedded_file *e = NULL;
		for (size_t i = 0; i < embedded_ui_count; i++)
			if (!strcmp(embedded_ui[i].path, rel)) {
				e = &embedded_ui[i];
				break;
			}
		if (!e) {
			not_found(rs);
			return;
		}
		rs->raw = e->data;
		rs->raw_len = e->len;
	}
	rs->status = 200;
	rs->content_type = content_type(rel);
}
