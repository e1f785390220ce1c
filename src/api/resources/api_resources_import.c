/*
 * api_resources_import.c: imports an HSDS directory all or nothing. Pass one
 * parses and checks every row of every file and collects the ids; pass two
 * checks references (to the package or the database) and upserts in one
 * write transaction, rolled back when anything at all was wrong.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/hash.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "domain/csv.h"
#include "domain/resources/hsds_validate.h"
#include "store/search/store_search.h"
#include "api/api.h"
#include "api/resources/api_resources.h"
#include "core/banned.h"

#define JSON_MAX_DEPTH 8

/* ---- a set of ids per table (open addressing, strings in the import's arena) ---- */
struct idset {
	const char **slot;
	size_t cap, n;
};

static int idset_has(const struct idset *s, const char *id)
{
	if (!s->cap)
		return 0;
	for (size_t i = hash_str(id) & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		if (!s->slot[i])
			return 0;
		if (!strcmp(s->slot[i], id))
			return 1;
	}
}

/* idset_add: 1 when added, 0 when it was there already */
static int idset_add(struct idset *s, struct arena *a, const char *id)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		const char **slot = xcalloc(cap, sizeof(*slot));
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i]) {
				size_t j = hash_str(s->slot[i]) & (cap - 1);
				while (slot[j])
					j = (j + 1) & (cap - 1);
				slot[j] = s->slot[i];
			}
		free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	size_t i = hash_str(id) & (s->cap - 1);
	for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (!strcmp(s->slot[i], id))
			return 0;
	s->slot[i] = arena_strdup(a, id);
	s->n++;
	return 1;
}

/* ---- sources: one per table, CSV text or a JSON array ---- */
struct source {
	const char *file; /* for reports */
	const char *data; /* CSV */
	size_t len;
	json_t *rows; /* JSON: borrowed from the parsed document */
};

struct import {
	struct arena a;
	struct source src[HSDS_NTABLES];
	struct idset ids[HSDS_NTABLES];
	json_t *errors, *ignored;
	int nerrors;
	int created[HSDS_NTABLES], updated[HSDS_NTABLES];
	json_t *docs; /* parsed JSON documents, kept alive */
};

static void report(struct import *im, const char *file, int line, int row, const char *field,
		   const char *code, const char *message)
{
	im->nerrors++;
	if (im->nerrors > HSDS_IMPORT_MAX_ERRORS)
		return;
	json_t *e = json_pack("{s:s,s:s,s:s}", "file", file, "code", code, "message", message);
	json_object_set_new(e, "line", line > 0 ? json_integer(line) : json_null());
	json_object_set_new(e, "row", row > 0 ? json_integer(row) : json_null());
	json_object_set_new(e, "field", field ? json_string(field) : json_null());
	json_array_append_new(im->errors, e);
}

/* a JSON document's key names a table by file ("services.csv") or object name ("service") */
static int table_of_key(const char *k)
{
	int t = hsds_table_by_file(k);
	if (t < 0)
		t = hsds_table_find(k);
	return t;
}

static void add_json(struct import *im, const struct hsds_file *f)
{
	struct buf err = BUF_INIT(256);
	json_t *doc = jsonx_parse(f->data, f->len, JSON_MAX_DEPTH, &err);
	if (!doc || !json_is_object(doc)) {
		report(im, f->name, 0, 0, NULL, "malformed_json",
		       doc ? "the JSON must be an object of tables: {\"services.csv\": [...], ...}"
			   : err.data);
		json_decref(doc);
		buf_release(&err);
		return;
	}
	json_array_append_new(im->docs, doc);
	const char *k;
	json_t *v;
	json_object_foreach(doc, k, v)
	{
		int t = table_of_key(k);
		const char *label = arena_printf(&im->a, "%s: %s", f->name, k);
		if (t < 0) {
			json_array_append_new(im->ignored, json_string(label));
			continue;
		}
		if (!json_is_array(v)) {
			report(im, label, 0, 0, NULL, "malformed_json",
			       "a table must be an array of rows");
			continue;
		}
		if (im->src[t].data || im->src[t].rows) {
			report(im, label, 0, 0, NULL, "duplicate_file",
			       "this table is given twice");
			continue;
		}
		im->src[t].file = label;
		im->src[t].rows = v;
	}
	buf_release(&err);
}

static void add_file(struct import *im, const struct hsds_file *f)
{
	const char *base = strrchr(f->name, '/');
	base = base ? base + 1 : f->name;
	size_t n = strlen(base);
	if (n > 5 && !strcasecmp(base + n - 5, ".json")) {
		if (!strcmp(base,
			    "datapackage.json")) /* the descriptor: the spec's layout is assumed */
			return;
		add_json(im, f);
		return;
	}
	int t = hsds_table_by_file(base);
	if (t < 0) {
		json_array_append_new(im->ignored, json_string(f->name));
		return;
	}
	if (im->src[t].data || im->src[t].rows) {
		report(im, f->name, 0, 0, NULL, "duplicate_file", "this table is given twice");
		return;
	}
	im->src[t].file = f->name;
	im->src[t].data = f->data;
	im->src[t].len = f->len;
}

/* ---- iterating the rows of a source ---- */
struct rows {
	struct import *im;
	int t;
	struct source *s;
	struct csv_reader csv;
	int map[CSV_MAX_FIELDS]; /* CSV column -> field, or -1 (kept in extra) */
	const char *names[CSV_MAX_FIELDS];
	int ncols, header_ok;
	size_t next; /* JSON index */
	/* the current row */
	const char *vals[HSDS_MAX_FIELDS];
	json_t *extra;
	int line, row;
	int quiet; /* pass two: parse errors were reported by pass one */
};

static void rreport(struct rows *it, const char *file, int line, int row, const char *field,
		    const char *code, const char *message)
{
	if (!it->quiet)
		report(it->im, file, line, row, field, code, message);
}

static void rows_open(struct rows *it, struct import *im, int t, int quiet)
{
	memset(it, 0, sizeof(*it));
	it->quiet = quiet;
	it->im = im;
	it->t = t;
	it->s = &im->src[t];
	if (!it->s->data)
		return;
	csv_init(&it->csv, it->s->data, it->s->len);
	int rc = csv_next(&it->csv);
	if (rc <= 0) {
		if (rc < 0)
			rreport(it, it->s->file, it->csv.err_line, 0, NULL, "malformed_csv",
				it->csv.err);
		else
			rreport(it, it->s->file, 1, 0, NULL, "malformed_csv",
				"the file has no header row");
		return;
	}
	it->ncols = it->csv.nfields;
	it->header_ok = 1;
	for (int i = 0; i < it->ncols; i++) {
		const char *name = arena_strdup(&im->a, csv_field(&it->csv, i));
		it->names[i] = name;
		it->map[i] = hsds_field_find(t, name);
		for (int j = 0; j < i; j++)
			if (!strcmp(it->names[j], name)) {
				rreport(it, it->s->file, 1, 0, name, "duplicate_column",
					"this column appears twice in the header");
				it->header_ok = 0;
			}
		if (!*name || strlen(name) > 100 || !utf8_valid(name, strlen(name))) {
			rreport(it, it->s->file, 1, 0, NULL, "malformed_csv",
				"a header name is empty, too long or not UTF-8");
			it->header_ok = 0;
		}
	}
	if (hsds_field_find(t, "id") >= 0) {
		int has_id = 0;
		for (int i = 0; i < it->ncols; i++)
			has_id |= it->map[i] == 0;
		if (!has_id) {
			rreport(it, it->s->file, 1, 0, "id", "required",
				"the header has no id column");
			it->header_ok = 0;
		}
	}
}

static void rows_close(struct rows *it)
{
	if (it->s && it->s->data)
		csv_release(&it->csv);
	json_decref(it->extra);
	it->extra = NULL;
}

/* a JSON scalar as field text (arena); NULL for null; -1 when it is not a scalar */
static int json_text(struct arena *a, json_t *v, const char **ret)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_NULL:
		*ret = NULL;
		return 0;
	case JSON_STRING:
		if (strlen(json_string_value(v)) != json_string_length(v))
			return -1; /* a NUL inside */
		*ret = arena_strdup(a, json_string_value(v));
		return 0;
	case JSON_INTEGER:
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		*ret = arena_strdup(a, num);
		return 0;
	case JSON_REAL:
		snprintf(num, sizeof(num), "%.17g", json_real_value(v));
		hsds_number_text(num, num, sizeof(num));
		*ret = arena_strdup(a, num);
		return 0;
	case JSON_TRUE:
	case JSON_FALSE:
		*ret = json_is_true(v) ? "true" : "false";
		return 0;
	default:
		return -1;
	}
}

/* rows_next: 1 with the row in it->vals/extra, 0 at the end; malformed rows are reported and
 * skipped */
static int rows_next(struct rows *it, struct arena *rowa)
{
	json_decref(it->extra);
	it->extra = NULL;
	memset(it->vals, 0, sizeof(it->vals));
	const char *file = it->s->file;
	if (it->s->rows) {
		while (it->next < json_array_size(it->s->rows)) {
			json_t *o = json_array_get(it->s->rows, it->next++);
			it->row = (int)it->next;
			it->line = 0;
			if (!json_is_object(o)) {
				rreport(it, file, 0, it->row, NULL, "malformed_json",
					"a row must be a JSON object");
				continue;
			}
			const char *k;
			json_t *v;
			int bad = 0;
			json_object_foreach(o, k, v)
			{
				int f = hsds_field_find(it->t, k);
				if (f < 0) { /* unknown: kept as given */
					if (!it->extra)
						it->extra = json_object();
					json_object_set(it->extra, k, v);
				} else if (json_text(rowa, v, &it->vals[f])) {
					rreport(it, file, 0, it->row, k, "invalid_value",
						"a field must be a string, number or null");
					bad = 1;
				}
			}
			if (!bad)
				return 1;
		}
		return 0;
	}
	if (!it->s->data || !it->header_ok)
		return 0;
	for (;;) {
		int rc = csv_next(&it->csv);
		if (rc == 0)
			return 0;
		it->row++;
		if (rc < 0) {
			rreport(it, file, it->csv.err_line, it->row, NULL, "malformed_csv",
				it->csv.err);
			continue;
		}
		it->line = it->csv.record_line;
		if (it->csv.nfields != it->ncols) {
			char msg[96];
			snprintf(msg, sizeof(msg), "the row has %d fields; the header has %d",
				 it->csv.nfields, it->ncols);
			rreport(it, file, it->line, it->row, NULL, "malformed_csv", msg);
			continue;
		}
		int bad = 0;
		for (int i = 0; i < it->ncols; i++) {
			const char *v = csv_field(&it->csv, i);
			if (strlen(v) != csv_field_len(&it->csv, i)) {
				rreport(it, file, it->line, it->row, it->names[i], "invalid_text",
					"the field holds a NUL byte");
				bad = 1;
				continue;
			}
			if (it->map[i] >= 0) {
				it->vals[it->map[i]] = *v ? arena_strdup(rowa, v) : NULL;
			} else if (*v) {
				if (!it->extra)
					it->extra = json_object();
				json_object_set_new(it->extra, it->names[i], json_string(v));
			}
		}
		if (!bad)
			return 1;
	}
}

/* pass one: formats and rules of every row, ids collected */
static void check_rows(struct import *im, int t)
{
	struct rows it;
	struct hsds_issue is[16];
	struct arena rowa;
	arena_init(&rowa);
	rows_open(&it, im, t, 0);
	while (rows_next(&it, &rowa)) {
		const struct hsds_table *tb = &hsds_tables[t];
		int n = hsds_check_row(t, it.vals, is, 16);
		for (int i = 0; i < n && i < 16; i++)
			report(im, it.s->file, it.line, it.row, tb->fields[is[i].field].name,
			       is[i].code, is[i].message);
		if (it.vals[0] && hsds_valid_uuid(it.vals[0]) &&
		    !idset_add(&im->ids[t], &im->a, it.vals[0]))
			report(im, it.s->file, it.line, it.row, "id", "duplicate_id",
			       "another row of this table has the same id");
		if (it.extra) {
			char *x = jsonx_dump(it.extra);
			if (strlen(x) > HSDS_TEXT_MAX)
				report(im, it.s->file, it.line, it.row, NULL, "invalid_text",
				       "the unknown columns of this row hold too much text");
			free(x);
		}
		arena_release(&rowa);
		arena_init(&rowa);
	}
	rows_close(&it);
	arena_release(&rowa);
}

/* a referenced id exists in the package or, already, in the database */
static int ref_ok(struct import *im, struct db_tx *tx, int t, const char *id, int *ret_rc)
{
	if (idset_has(&im->ids[t], id))
		return 1;
	int rc = store_hsds_exists(tx, t, id, NULL);
	if (!rc) {
		idset_add(&im->ids[t], &im->a, id);
		return 1;
	}
	if (rc != ERR_NOT_FOUND)
		*ret_rc = rc;
	return 0;
}

/* pass two: references, then the write (skipped once anything is wrong) */
static int write_rows(struct import *im, struct db_tx *tx, int t, int64_t now)
{
	struct rows it;
	struct arena rowa;
	int rc = 0;
	const struct hsds_table *tb = &hsds_tables[t];
	arena_init(&rowa);
	rows_open(&it, im, t, 1);
	while (!rc && rows_next(&it, &rowa)) {
		int bad = 0;
		for (int f = 1; f < tb->nfields; f++) {
			const char *v = it.vals[f];
			int ref = tb->fields[f].ref;
			if (ref < 0 || !v || !hsds_valid_uuid(v))
				continue;
			if (!ref_ok(im, tx, ref, v, &rc)) {
				char msg[160];
				snprintf(msg, sizeof(msg),
					 "%s %s is neither in the import nor in the directory",
					 hsds_tables[ref].name, v);
				report(im, it.s->file, it.line, it.row, tb->fields[f].name,
				       "broken_reference", msg);
				bad = 1;
			}
		}
		if (!bad && !im->nerrors && !rc) {
			char *x = it.extra ? jsonx_dump(it.extra) : NULL;
			int inserted = 0;
			rc = store_hsds_upsert(tx, t, it.vals, x, hsds_fold(&rowa, t, it.vals), now,
					       &inserted);
			free(x);
			if (rc == ERR_CONFLICT) { /* a reference the checks could not see */
				report(im, it.s->file, it.line, it.row, NULL, "conflict",
				       "the database refused this row");
				rc = 0;
			} else if (!rc) {
				(inserted ? im->created : im->updated)[t]++;
			}
		}
		arena_release(&rowa);
		arena_init(&rowa);
	}
	rows_close(&it);
	arena_release(&rowa);
	return rc;
}

static json_t *counts(const int *c)
{
	json_t *o = json_object();
	for (int t = 0; t < HSDS_NTABLES; t++)
		if (c[t])
			json_object_set_new(o, hsds_tables[t].name, json_integer(c[t]));
	return o;
}

int hsds_import(struct app *app, struct req *rq, const char *actor, int64_t actor_id,
		const struct hsds_file *files, int nfiles, int dry_run, json_t **ret_report)
{
	struct import *im = xcalloc(1, sizeof(*im));
	struct db_tx *tx = NULL;
	int rc = 0, have = 0;
	arena_init(&im->a);
	im->errors = json_array();
	im->ignored = json_array();
	im->docs = json_array();
	for (int i = 0; i < nfiles; i++)
		add_file(im, &files[i]);
	for (int t = 0; t < HSDS_NTABLES; t++) {
		have |= im->src[t].data || im->src[t].rows;
		check_rows(im, t);
	}
	if (!have && !im->nerrors)
		report(im, nfiles ? files[0].name : "", 0, 0, NULL, "no_data",
		       "no file of the HSDS Tabular Data Package (services.csv, ...) or HSDS JSON "
		       "was given");
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)) || (rc = store_hsds_bulk(tx, 1)))
		goto out;
	for (int t = 0; t < HSDS_NTABLES && !rc; t++)
		rc = write_rows(im, tx, t, rq->now_ms);
	if (!rc)
		rc = store_hsds_bulk(tx, 0);
	if (rc)
		goto out;
	if (!im->nerrors && !dry_run) {
		if ((rc = hsds_audit(tx, rq, actor_id, actor, "directory.import", "directory", "",
				     json_pack("{s:o,s:o}", "created", counts(im->created),
					       "updated", counts(im->updated)))) ||
		    (rc = store_search_reindex(tx, NULL)) || /* search sees the import at once */
		    (rc = store_commit(tx)))
			goto out_done;
		tx = NULL;
	}
out_done:
	if (rc)
		goto out;
	if (im->nerrors) /* nothing half-imported: every row was in the one transaction */
		memset(im->created, 0, sizeof(im->created)),
		    memset(im->updated, 0, sizeof(im->updated));
	json_t *rep =
	    json_pack("{s:b,s:b,s:o,s:o,s:O,s:i,s:O}", "ok", !im->nerrors, "dry_run", dry_run,
		      "created", counts(im->created), "updated", counts(im->updated), "ignored",
		      im->ignored, "error_count", im->nerrors, "errors", im->errors);
	*ret_report = rep;
out:
	store_rollback(tx);
	for (int t = 0; t < HSDS_NTABLES; t++)
		free(im->ids[t].slot);
	json_decref(im->errors);
	json_decref(im->ignored);
	json_decref(im->docs);
	arena_release(&im->a);
	free(im);
	return rc;
}
