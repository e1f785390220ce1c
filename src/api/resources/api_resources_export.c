/* api_resources_export.c: the directory out again (Tabular Data Package CSV, tabular JSON), rows as
 * JSON, audit by UUID. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "domain/csv.h"
#include "domain/resources/hsds_validate.h"
#include "api/api.h"
#include "api/resources/api_resources.h"
#include "core/banned.h"

#define EXPORT_PAGE 2000

void hsds_number_text(const char *text, char *out, size_t n)
{
	double d;
	char tmp[64];
	if (hsds_number(text, &d)) {
		snprintf(out, n, "%s", text);
		return;
	}
	if (d == floor(d) && fabs(d) < 1e15) {
		snprintf(out, n, "%.0f", d);
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	snprintf(out, n, "%s", tmp);
}

json_t *hsds_number_json(const char *text)
{
	double d;
	if (hsds_number(text, &d))
		return json_null();
	if (d == floor(d) && fabs(d) < 9e15)
		return json_integer((json_int_t)d);
	return json_real(d);
}

json_t *hsds_row_json(int t, const struct hsds_row *r)
{
	const struct hsds_table *tb = &hsds_tables[t];
	json_t *o = json_object();
	for (int i = 0; i < tb->nfields; i++) {
		const char *v = r->vals[i];
		if (!v)
			continue;
		json_object_set_new(o, tb->fields[i].name,
				    tb->fields[i].type == HT_NUMBER ? hsds_number_json(v)
								    : json_string(v));
	}
	if (r->extra && *r->extra) {
		json_t *x = jsonx_parse(r->extra, strlen(r->extra), 16, NULL);
		const char *k;
		json_t *v;
		json_object_foreach(x, k, v)
		{
			if (!json_object_get(o, k))
				json_object_set(o, k, v);
		}
		json_decref(x);
	}
	return o;
}

static int csv_put(struct buf *out, const char *s)
{
	if (!csv_quote_needed(s))
		return buf_puts(out, s);
	int rc = buf_putc(out, '"');
	for (; *s && !rc; s++)
		rc = *s == '"' ? buf_puts(out, "\"\"") : buf_putc(out, *s);
	return rc ? rc : buf_putc(out, '"');
}

/* each_row: calls fn(ctx, t, row) for every row of table t by id, a page at a time, until fn
 * fails (its error is returned) */
static int each_row(struct db_tx *tx, int t, int (*fn)(void *ctx, int t, const struct hsds_row *r),
		    void *ctx)
{
	char *after = NULL;
	int rc = 0;
	for (;;) {
		struct arena a;
		struct hsds_row *rows;
		int n;
		arena_init(&a);
		rc = store_hsds_after(tx, &a, t, after, EXPORT_PAGE, &rows, &n);
		for (int i = 0; !rc && i < n; i++)
			rc = fn(ctx, t, &rows[i]);
		free(after);
		after = !rc && n == EXPORT_PAGE ? strdup(rows[n - 1].vals[0]) : NULL;
		arena_release(&a);
		if (!after)
			break;
	}
	return rc;
}

/* adds the extra keys of row r not yet in the object keys, in first-seen order */
static int extra_keys_of(void *keys, int t, const struct hsds_row *r)
{
	if (!r->extra)
		return 0;
	json_t *x = jsonx_parse(r->extra, strlen(r->extra), 16, NULL);
	const char *k;
	json_t *v;
	json_object_foreach(x, k, v)
	{
		(void)v;
		if (hsds_field_find(t, k) < 0 && !json_object_get(keys, k))
			json_object_set_new(keys, k, json_true());
	}
	json_decref(x);
	return 0;
}

/* where a CSV file is written and the extra columns it has */
struct csv_out {
	struct buf *out;
	json_t *keys;
};

/* one CSV line: the table's fields, then the extra columns */
static int csv_row(void *ctx, int t, const struct hsds_row *row)
{
	const struct csv_out *c = ctx;
	const struct hsds_table *tb = &hsds_tables[t];
	struct buf *out = c->out;
	const char *k;
	json_t *v;
	int rc = 0;
	for (int i = 0; !rc && i < tb->nfields; i++) {
		const char *val = row->vals[i] ? row->vals[i] : "";
		char num[64];
		if (tb->fields[i].type == HT_NUMBER && *val) {
			hsds_number_text(val, num, sizeof(num));
			val = num;
		}
		rc = (i ? buf_putc(out, ',') : 0) || csv_put(out, val) ? ERR_TOO_LARGE : 0;
	}
	json_t *x = row->extra ? jsonx_parse(row->extra, strlen(row->extra), 16, NULL) : NULL;
	json_object_foreach(c->keys, k, v)
	{
		json_t *xv = json_object_get(x, k);
		char *text = NULL;
		const char *s = "";
		if (json_is_string(xv))
			s = json_string_value(xv);
		else if (xv && !json_is_null(xv))
			s = text = json_dumps(xv, JSON_ENCODE_ANY | JSON_COMPACT);
		if (!rc)
			rc = buf_putc(out, ',') || csv_put(out, s) ? ERR_TOO_LARGE : 0;
		free(text);
	}
	json_decref(x);
	if (!rc)
		rc = buf_puts(out, "\r\n");
	return rc;
}

int hsds_export_csv(struct db_tx *tx, int t, struct buf *out)
{
	const struct hsds_table *tb = &hsds_tables[t];
	struct csv_out c = {.out = out, .keys = json_object()};
	int rc = each_row(tx, t, extra_keys_of, c.keys);
	const char *k;
	json_t *v;
	for (int i = 0; !rc && i < tb->nfields; i++)
		rc = (i ? buf_putc(out, ',') : 0) || csv_put(out, tb->fields[i].name)
			 ? ERR_TOO_LARGE
			 : 0;
	json_object_foreach(c.keys, k, v)
	{
		(void)v;
		if (!rc)
			rc = buf_putc(out, ',') || csv_put(out, k) ? ERR_TOO_LARGE : 0;
	}
	if (!rc)
		rc = buf_puts(out, "\r\n");
	if (!rc)
		rc = each_row(tx, t, csv_row, &c);
	json_decref(c.keys);
	return rc;
}

/* appends row r as JSON to the array arr */
static int json_row(void *arr, int t, const struct hsds_row *r)
{
	json_array_append_new(arr, hsds_row_json(t, r));
	return 0;
}

int hsds_export_json(struct db_tx *tx, json_t **ret)
{
	json_t *doc = json_object();
	int rc = 0;
	for (int t = 0; t < HSDS_NTABLES && !rc; t++) {
		json_t *arr = json_array();
		json_object_set_new(doc, hsds_tables[t].file, arr);
		rc = each_row(tx, t, json_row, arr);
	}
	if (rc) {
		json_decref(doc);
		return rc;
	}
	*ret = doc;
	return 0;
}

static const char *dp_type(enum hsds_type t)
{
	switch (t) {
	case HT_NUMBER:
		return "number";
	case HT_DATE:
		return "date";
	case HT_TIME:
		return "time";
	case HT_DATETIME:
		return "datetime";
	default:
		return "string";
	}
}

json_t *hsds_datapackage(void)
{
	json_t *res = json_array();
	for (int t = 0; t < HSDS_NTABLES; t++) {
		const struct hsds_table *tb = &hsds_tables[t];
		json_t *fields = json_array(), *fks = json_array();
		for (int i = 0; i < tb->nfields; i++) {
			const struct hsds_field *f = &tb->fields[i];
			json_t *fd =
			    json_pack("{s:s,s:s,s:{s:b}}", "name", f->name, "type",
				      dp_type(f->type), "constraints", "required", f->required);
			const char *fmt = f->type == HT_UUID	? "uuid"
					  : f->type == HT_EMAIL ? "email"
					  : f->type == HT_URI	? "uri"
								: NULL;
			if (fmt)
				json_object_set_new(fd, "format", json_string(fmt));
			json_array_append_new(fields, fd);
			if (f->ref >= 0)
				json_array_append_new(
				    fks, json_pack("{s:s,s:{s:s,s:s}}", "fields", f->name,
						   "reference", "resource",
						   hsds_tables[f->ref].name, "fields", "id"));
		}
		json_array_append_new(res, json_pack("{s:s,s:s,s:s,s:s,s:{s:o,s:s,s:o}}", "name",
						     tb->name, "path", tb->file, "profile",
						     "tabular-data-resource", "encoding", "utf-8",
						     "schema", "fields", fields, "primaryKey", "id",
						     "foreignKeys", fks));
	}
	return json_pack("{s:s,s:s,s:s,s:o}", "name", "faro-directory", "profile",
			 "tabular-data-package", "version", "3.0", "resources", res);
}

int hsds_audit(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
	       const char *action, const char *object_type, const char *object_id, json_t *detail)
{
	return api_audit_text(tx, rq, actor_id, actor, action, object_type, object_id, detail);
}

const char *hsds_fold(struct arena *a, int t, const char *const *vals)
{
	static const char *const fields[][3] = {
	    [HSDS_ORGANIZATION] = {"name", "alternate_name", "description"},
	    [HSDS_SERVICE] = {"name", "alternate_name", "description"},
	    [HSDS_LOCATION] = {"name", "alternate_name", NULL},
	    [HSDS_TAXONOMY_TERM] = {"name", "code", NULL},
	};
	if (!hsds_tables[t].folded)
		return NULL;
	struct buf out = BUF_INIT(4096);
	for (int i = 0; i < 3 && fields[t][i]; i++) {
		int f = hsds_field_find(t, fields[t][i]);
		const char *v = f >= 0 ? vals[f] : NULL;
		if (!v || !*v)
			continue;
		if (out.len)
			buf_putc(&out, ' ');
		size_t keep = out.len;
		if (fold_text(v, strlen(v), &out)) /* too long or not UTF-8: what fitted stays */
			out.len = out.len > keep ? out.len : keep, out.data[out.len] = '\0';
	}
	const char *r = arena_strndup(a, out.data, out.len);
	buf_release(&out);
	return r;
}
