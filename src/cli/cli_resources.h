/* cli_resources.h: the directory's command-line actions: HSDS import/export, taxonomy and
 * postal-code imports. */
#ifndef FARO_CLI_RESOURCES_H
#define FARO_CLI_RESOURCES_H

#include <stdio.h>

struct app;

/* cli_resources_import: PATH is a directory of Data Package CSVs, one CSV, or an HSDS JSON file. */
int cli_resources_import(struct app *app, const char *path, int dry_run, FILE *out, FILE *err);
/* cli_resources_export: PATH ending in .json: one tabular JSON file; else a directory (CSVs +
 * datapackage.json). */
int cli_resources_export(struct app *app, const char *path, FILE *out, FILE *err);
/* cli_taxonomy_import: a taxonomy CSV (code|id, name, parent|parent_id, description, language) as
 * one HSDS taxonomy. */
int cli_taxonomy_import(struct app *app, const char *path, const char *name, FILE *out, FILE *err);
/* cli_geo_import: postal-code centroids (postal_code, latitude, longitude[, place, admin area]) of
 * one country. */
int cli_geo_import(struct app *app, const char *path, const char *country, FILE *out, FILE *err);
/* cli_resources_demo: loads the shipped taxonomy and centroids (share/, or FARO_SHARE_DIR) when
 * none are loaded. */
int cli_resources_demo(struct app *app, FILE *out, FILE *err);
/*
 * cli_name_uuid: the stable UUID (version 8) of a name "faro:KIND:A:B" (b NULL: empty) into out,
 * so that taxonomy terms keep their id across re-imports and `faro demo-directory` writes the
 * very ids `faro taxonomy import` gives.
 */
void cli_name_uuid(const char *kind, const char *a, const char *b, char out[37]);

#endif
