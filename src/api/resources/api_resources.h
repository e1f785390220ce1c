/* api_resources.h: the resources area's header: import, export, JSON of rows, audit by UUID, and
 * the handlers of routes_resources.c. */
#ifndef FARO_API_RESOURCES_H
#define FARO_API_RESOURCES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/resources/hsds_schema.h"
#include "store/store.h"
#include "store/resources/store_hsds.h"
#include "api/handlers.h"

struct app;
struct req;
struct arena;

#define HSDS_IMPORT_MAX_ERRORS 2000 /* listed in a report; the total is always counted */

/* one input file: a Data Package CSV named as the spec names it, or a JSON file */
struct hsds_file {
	const char *name; /* "services.csv", "directory.json", ... (display and table lookup) */
	const char *data;
	size_t len;
};

/*
 * hsds_import: reads every file (CSV of the Tabular Data Package, or HSDS
 * JSON in the tabular form: {"services.csv": [rows], ...}), checks every
 * row, field and reference, and only when nothing is wrong upserts all rows
 * in one transaction with one audit entry (dry_run: checks only). *ret_report
 * (owned) is {"ok", "created": {table: n}, "updated": {...}, "ignored": [files],
 * "error_count", "errors": [{file, line, row, field, code, message}]}.
 * Returns 0 when the report was produced (ok may be false), else a negative err.
 */
int hsds_import(struct app *app, struct req *rq, const char *actor, int64_t actor_id,
		const struct hsds_file *files, int nfiles, int dry_run, json_t **ret_report);

/* hsds_number_json: a number column's text as a JSON integer or real. */
json_t *hsds_number_json(const char *text);
/* hsds_number_text: the shortest text that reads back as the same number into out. */
void hsds_number_text(const char *text, char *out, size_t n);
/* hsds_row_json: the flat HSDS object of a row (fields with values, then extra's keys). */
json_t *hsds_row_json(int t, const struct hsds_row *r);

/* hsds_export_csv: table t as RFC 4180 CSV (header: fields then extra keys) into out. */
int hsds_export_csv(struct db_tx *tx, int t, struct buf *out);
/* hsds_export_json: every table in the tabular JSON form, owned. */
int hsds_export_json(struct db_tx *tx, json_t **ret);
/* hsds_datapackage: a datapackage.json describing the exported CSV files, owned. */
json_t *hsds_datapackage(void);

/* hsds_audit: appends an audit entry whose object id is a UUID (text). detail is stolen. */
int hsds_audit(struct db_tx *tx, struct req *rq, int64_t actor_id, const char *actor,
	       const char *action, const char *object_type, const char *object_id, json_t *detail);
/* hsds_fold: the search_fold text of a folded table's row (arena), or NULL. */
const char *hsds_fold(struct arena *a, int t, const char *const *vals);

/* the HSDS read API (api_resources_hsds.c) and the directory editor (api_resources_edit.c,
 * _delete.c, _import.c, _export.c) */
HANDLER(h_hsds_root);
HANDLER(h_hsds_services);
HANDLER(h_hsds_service);
HANDLER(h_hsds_sals);
HANDLER(h_hsds_sal);
HANDLER(h_hsds_organizations);
HANDLER(h_hsds_organization);
HANDLER(h_hsds_terms);
HANDLER(h_hsds_term);
HANDLER(h_hsds_taxonomies);
HANDLER(h_hsds_taxonomy);
HANDLER(h_directory_list);
HANDLER(h_directory_get);
HANDLER(h_directory_create);
HANDLER(h_directory_update);
HANDLER(h_directory_delete);
HANDLER(h_directory_import);
HANDLER(h_directory_export);

#endif
