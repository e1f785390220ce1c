/* cli_resources.c: `faro resources import|export`, `faro taxonomy import`, `faro geo import` and
 * the demo's defaults. */
#include "cli/cli_resources.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "core/xalloc.h"
#include "domain/csv.h"
#include "domain/resources/hsds_validate.h"
#include "api/api.h"
#include "api/resources/api_resources.h"
#include "cli/cli.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

#define FILE_MAX      ((size_t)1 << 30) /* one import file */
#define CLI_MAX_FILES 64

/* read_file: the whole file (owned, NUL-terminated) or NULL with a message on err */
static char *read_file(const char *path, size_t *ret_len, FILE *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) || (size_t)st.st_size > FILE_MAX) {
		fprintf(err, "faro: cannot read %s: %s\n", path,
			f ? "larger than 1 GiB" : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	size_t n = fread(data, 1, (size_t)st.st_size, f);
	fclose(f);
	data[n] = '\0';
	*ret_len = n;
	return data;
}

static void print_errors(json_t *rep, FILE *err)
{
	json_t *e;
	size_t i;
	json_array_foreach(json_object_get(rep, "errors"), i, e)
	{
		json_t *line = json_object_get(e, "line"), *row = json_object_get(e, "row");
		json_t *field = json_object_get(e, "field");
		fprintf(err, "%s", json_string_value(json_object_get(e, "file")));
		if (json_is_integer(line))
			fprintf(err, ":%" JSON_INTEGER_FORMAT, json_integer_value(line));
		else if (json_is_integer(row))
			fprintf(err, " row %" JSON_INTEGER_FORMAT, json_integer_value(row));
		if (json_is_string(field))
			fprintf(err, ": %s", json_string_value(field));
		fprintf(err, ": %s (%s)\n", json_string_value(json_object_get(e, "message")),
			json_string_value(json_object_get(e, "code")));
	}
	json_int_t total = json_integer_value(json_object_get(rep, "error_count"));
	if ((size_t)total > json_array_size(json_object_get(rep, "errors")))
		fprintf(err, "... %" JSON_INTEGER_FORMAT " errors in all\n", total);
}

static void print_counts(json_t *rep, const char *what, FILE *out)
{
	const char *k;
	json_t *v;
	json_object_foreach(json_object_get(rep, what), k, v)
	{
		fprintf(out, "  %-24s %" JSON_INTEGER_FORMAT " %s\n", k, json_integer_value(v),
			what);
	}
}

/* runs the import of files and prints its report (out NULL: errors only); 0, 1 (rejected) or a
 * negative err */
static int run_import(struct app *app, const struct hsds_file *files, int n, int dry_run,
		      const char *what, FILE *out, FILE *err)
{
	struct req rq;
	json_t *rep = NULL;
	cli_req(&rq);
	int rc = hsds_import(app, &rq, "cli", 0, files, n, dry_run, &rep);
	if (rc) {
		fprintf(err, "faro: import failed: %s (%s)\n", err_name(rc), store_thread_error());
	} else if (!json_is_true(json_object_get(rep, "ok"))) {
		print_errors(rep, err);
		fprintf(err, "faro: %s rejected; nothing was imported\n", what);
		rc = 1;
	} else if (out) {
		fprintf(out, "%s %s:\n", what,
			dry_run ? "checked (dry run, nothing written)" : "imported");
		print_counts(rep, "created", out);
		print_counts(rep, "updated", out);
		json_t *ig;
		size_t i;
		json_array_foreach(json_object_get(rep, "ignored"), i, ig)
		{
			fprintf(out, "  ignored: %s (not an HSDS table)\n", json_string_value(ig));
		}
	}
	json_decref(rep);
	arena_release(&rq.arena);
	return rc;
}

int cli_resources_import(struct app *app, const char *path, int dry_run, FILE *out, FILE *err)
{
	struct hsds_file files[CLI_MAX_FILES];
	char *bufs[CLI_MAX_FILES];
	char *names[CLI_MAX_FILES];
	int n = 0, rc = 0;
	struct stat st;
	if (stat(path, &st)) {
		fprintf(err, "faro: %s: %s\n", path, strerror(errno));
		return ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			size_t l = strlen(de->d_name);
			if (l < 5 || strcasecmp(de->d_name + l - 4, ".csv"))
				continue;
			if (n == CLI_MAX_FILES) {
				fprintf(err, "faro: more than %d CSV files in %s\n", CLI_MAX_FILES,
					path);
				rc = ERR_TOO_LARGE;
				break;
			}
			size_t pl = strlen(path) + l + 2;
			char *full = xmalloc(pl);
			snprintf(full, pl, "%s/%s", path, de->d_name);
			names[n] = full;
			if (!(bufs[n] = read_file(full, &files[n].len, err))) {
				free(full);
				rc = ERR_IO;
				break;
			}
			files[n].name = full;
			files[n].data = bufs[n];
			n++;
		}
		if (d)
			closedir(d);
	} else {
		names[0] = xstrdup(path);
		if (!(bufs[0] = read_file(path, &files[0].len, err))) {
			free(names[0]);
			return ERR_IO;
		}
		files[0].name = names[0];
		files[0].data = bufs[0];
		n = 1;
	}
	if (!rc)
		rc = run_import(app, files, n, dry_run, "directory", out, err);
	for (int i = 0; i < n; i++) {
		free(bufs[i]);
		free(names[i]);
	}
	return rc;
}

static int write_file(const char *path, const char *data, size_t n, FILE *err)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
		fprintf(err, "faro: cannot write %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return ERR_IO;
	}
	return 0;
}

int cli_resources_export(struct app *app, const char *path, FILE *out, FILE *err)
{
	struct db_tx *tx;
	int rc = store_begin(app->store, STORE_READ, &tx);
	size_t pl = strlen(path);
	if (rc)
		return rc;
	if (pl > 5 && !strcasecmp(path + pl - 5, ".json")) {
		json_t *doc;
		if (!(rc = hsds_export_json(tx, &doc))) {
			char *text = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
			rc = write_file(path, text, strlen(text), err);
			free(text);
			json_decref(doc);
		}
	} else {
		if (mkdir(path, 0755) && errno != EEXIST) {
			fprintf(err, "faro: cannot create %s: %s\n", path, strerror(errno));
			rc = ERR_IO;
		}
		for (int t = 0; t < HSDS_NTABLES && !rc; t++) {
			struct buf b = BUF_INIT(FILE_MAX);
			char full[4096];
			snprintf(full, sizeof(full), "%s/%s", path, hsds_tables[t].file);
			if (!(rc = hsds_export_csv(tx, t, &b)))
				rc = write_file(full, b.data, b.len, err);
			buf_release(&b);
		}
		if (!rc) {
			json_t *dp = hsds_datapackage();
			char *text = json_dumps(dp, JSON_INDENT(2));
			char full[4096];
			snprintf(full, sizeof(full), "%s/datapackage.json", path);
			rc = write_file(full, text, strlen(text), err);
			free(text);
			json_decref(dp);
		}
	}
	store_rollback(tx);
	if (!rc)
		fprintf(out, "directory exported to %s\n", path);
	else if (rc != ERR_IO)
		fprintf(err, "faro: export failed: %s\n", err_name(rc));
	return rc;
}

void cli_name_uuid(const char *kind, const char *a, const char *b, char out[37])
{
	char hex[SHA256_HEX_LEN + 1];
	struct buf s = BUF_INIT(4096);
	buf_printf(&s, "faro:%s:%s:%s", kind, a, b ? b : "");
	crypto_sha256_hex(s.data, s.len, hex);
	buf_release(&s);
	hex[12] = '8'; /* version 8: custom */
	hex[16] = "89ab"[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') &
			 3]; /* RFC 4122 variant */
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static int col_of(const struct csv_reader *r, const char *const *names)
{
	for (; *names; names++)
		for (int i = 0; i < r->nfields; i++)
			if (!strcasecmp(csv_field(r, i), *names))
				return i;
	return -1;
}

struct tax_term {
	char *code, *name, *parent, *desc, *lang;
	int line;
};

int cli_taxonomy_import(struct app *app, const char *path, const char *name, FILE *out, FILE *err)
{
	static const char *const c_code[] = {"code", "id", NULL}, *const c_name[] = {"name", "term",
										     NULL};
	static const char *const c_parent[] = {"parent", "parent_code", "parent_id", NULL};
	static const char *const c_desc[] = {"description", "definition", NULL};
	static const char *const c_lang[] = {"language", "lang", NULL};
	size_t len;
	char *data = read_file(path, &len, err);
	if (!data)
		return ERR_IO;
	if (!name) { /* the file's name without directory and extension */
		const char *b = strrchr(path, '/');
		name = b ? b + 1 : path;
	}
	struct csv_reader r;
	struct tax_term *terms = NULL;
	size_t nterms = 0, alloc = 0;
	int bad = 0, rc = 0, ci, cn, cp, cd, cl;
	csv_init(&r, data, len);
	if (csv_next(&r) <= 0 || (ci = col_of(&r, c_code)) < 0 || (cn = col_of(&r, c_name)) < 0) {
		fprintf(err, "%s:1: the header needs a code (or id) and a name column\n", path);
		rc = 1;
		goto out;
	}
	cp = col_of(&r, c_parent), cd = col_of(&r, c_desc), cl = col_of(&r, c_lang);
	for (int k; (k = csv_next(&r)) != 0;) {
		if (k < 0) {
			fprintf(err, "%s:%d: %s (malformed_csv)\n", path, r.err_line, r.err);
			bad++;
			continue;
		}
		struct tax_term t = {xstrdup(csv_field(&r, ci)),
				     xstrdup(csv_field(&r, cn)),
				     xstrdup(cp >= 0 ? csv_field(&r, cp) : ""),
				     xstrdup(cd >= 0 ? csv_field(&r, cd) : ""),
				     xstrdup(cl >= 0 ? csv_field(&r, cl) : ""),
				     r.record_line};
		if (!*t.code)
			fprintf(err, "%s:%d: code: the code is empty (required)\n", path, t.line),
			    bad++;
		if (!*t.name)
			fprintf(err, "%s:%d: name: the name is empty (required)\n", path, t.line),
			    bad++;
		for (size_t j = 0; j < nterms && *t.code; j++)
			if (!strcmp(terms[j].code, t.code)) {
				fprintf(err, "%s:%d: code: %s is also on line %d (duplicate_id)\n",
					path, t.line, t.code, terms[j].line);
				bad++;
				break;
			}
		if (nterms == alloc)
			terms = xrealloc(terms, sizeof(*terms) * (alloc = alloc ? alloc * 2 : 256));
		terms[nterms++] = t;
	}
	for (size_t i = 0; i < nterms; i++) {
		int found = !*terms[i].parent;
		for (size_t j = 0; j < nterms && !found; j++)
			found = !strcmp(terms[j].code, terms[i].parent);
		if (!found) {
			fprintf(err, "%s:%d: parent: no term has the code %s (broken_reference)\n",
				path, terms[i].line, terms[i].parent);
			bad++;
		}
	}
	if (bad) {
		fprintf(err, "faro: taxonomy rejected (%d errors); nothing was imported\n", bad);
		rc = 1;
		goto out;
	}
	/* the terms as HSDS tabular JSON: the import's checks and transaction do the rest */
	char tid[37], uid[37];
	cli_name_uuid("taxonomy", name, NULL, tid);
	json_t *doc = json_object(), *arr = json_array();
	json_object_set_new(doc, "taxonomies.csv",
			    json_pack("[{s:s,s:s,s:s}]", "id", tid, "name", name, "description",
				      "imported with faro taxonomy import"));
	for (size_t i = 0; i < nterms; i++) {
		cli_name_uuid("term", name, terms[i].code, uid);
		json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "id", uid, "code", terms[i].code,
				      "name", terms[i].name, "description",
				      *terms[i].desc ? terms[i].desc : terms[i].name, "taxonomy",
				      name, "taxonomy_id", tid);
		if (*terms[i].parent) {
			cli_name_uuid("term", name, terms[i].parent, uid);
			json_object_set_new(o, "parent_id", json_string(uid));
		}
		if (*terms[i].lang)
			json_object_set_new(o, "language", json_string(terms[i].lang));
		json_array_append_new(arr, o);
	}
	json_object_set_new(doc, "taxonomy_terms.csv", arr);
	char *text = jsonx_dump(doc);
	json_decref(doc);
	struct hsds_file f = {"taxonomy.json", text, strlen(text)}; /* imported as HSDS JSON */
	rc = run_import(app, &f, 1, 0, "taxonomy", out, err);
	free(text);
out:
	for (size_t i = 0; i < nterms; i++) {
		free(terms[i].code), free(terms[i].name), free(terms[i].parent);
		free(terms[i].desc), free(terms[i].lang);
	}
	free(terms);
	csv_release(&r);
	free(data);
	return rc;
}

int cli_geo_import(struct app *app, const char *path, const char *country, FILE *out, FILE *err)
{
	static const char *const c_code[] = {"postal_code", "postcode", "zip", "code", NULL};
	static const char *const c_lat[] = {"latitude", "lat", NULL}, *const c_lon[] = {
									  "longitude", "lon", "lng",
									  NULL};
	static const char *const c_place[] = {"place_name", "municipality", "place", "city", NULL};
	static const char *const c_admin[] = {"admin_area", "department", "state", "region", NULL};
	char cc[3] = "";
	if (!country) { /* "us-zip-centroids.csv" -> US */
		const char *b = strrchr(path, '/');
		b = b ? b + 1 : path;
		if (strlen(b) > 3 && b[2] == '-')
			country = b;
	}
	if (!country ||
	    !((country[0] | 32) >= 'a' && (country[0] | 32) <= 'z' && (country[1] | 32) >= 'a' &&
	      (country[1] | 32) <= 'z') ||
	    (country[2] && country[2] != '-')) {
		fprintf(err, "faro geo import: --country XX is required (ISO 3166-1 alpha-2)\n");
		return 2;
	}
	cc[0] = (char)(country[0] & ~32), cc[1] = (char)(country[1] & ~32);
	size_t len;
	char *data = read_file(path, &len, err);
	if (!data)
		return ERR_IO;
	struct csv_reader r;
	struct req rq;
	struct db_tx *tx = NULL;
	int rc = 0, bad = 0, n = 0, ic, ila, ilo, ip, ia;
	cli_req(&rq);
	csv_init(&r, data, len);
	if (csv_next(&r) <= 0 || (ic = col_of(&r, c_code)) < 0 || (ila = col_of(&r, c_lat)) < 0 ||
	    (ilo = col_of(&r, c_lon)) < 0) {
		fprintf(err, "%s:1: the header needs postal_code, latitude and longitude columns\n",
			path);
		rc = 1;
		goto out;
	}
	ip = col_of(&r, c_place), ia = col_of(&r, c_admin);
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		goto out;
	for (int k; (k = csv_next(&r)) != 0;) {
		double la, lo;
		if (k < 0) {
			fprintf(err, "%s:%d: %s (malformed_csv)\n", path, r.err_line, r.err);
			bad++;
			continue;
		}
		const char *code = csv_field(&r, ic), *lat = csv_field(&r, ila),
			   *lon = csv_field(&r, ilo);
		if (!*code || strlen(code) > 16 || !utf8_valid(code, strlen(code)))
			fprintf(err, "%s:%d: postal_code: 1 to 16 characters (required)\n", path,
				r.record_line),
			    bad++;
		if (hsds_number(lat, &la) || la < -90 || la > 90)
			fprintf(err,
				"%s:%d: latitude: must be a number from -90 to 90 (out_of_range)\n",
				path, r.record_line),
			    bad++;
		if (hsds_number(lon, &lo) || lo < -180 || lo > 180)
			fprintf(
			    err,
			    "%s:%d: longitude: must be a number from -180 to 180 (out_of_range)\n",
			    path, r.record_line),
			    bad++;
		if (bad)
			continue; /* go on reporting; nothing will be committed */
		struct geo_rec g = {cc,
				    code,
				    lat,
				    lon,
				    ip >= 0 ? csv_field(&r, ip) : NULL,
				    ia >= 0 ? csv_field(&r, ia) : NULL};
		if ((rc = store_geo_put(tx, &g)))
			goto out;
		n++;
	}
	if (bad) {
		fprintf(err, "faro: postal codes rejected (%d errors); nothing was imported\n",
			bad);
		rc = 1;
		goto out;
	}
	if ((rc = hsds_audit(tx, &rq, 0, "cli", "geo.import", "postal_code", cc,
			     json_pack("{s:i}", "rows", n))) ||
	    (rc = store_commit(tx)))
		goto out;
	tx = NULL;
	if (out)
		fprintf(out, "%d postal codes of %s imported\n", n, cc);
out:
	store_rollback(tx);
	csv_release(&r);
	free(data);
	arena_release(&rq.arena);
	return rc;
}

int cli_resources_demo(struct app *app, FILE *out, FILE *err)
{
	const char *dir = getenv("FARO_SHARE_DIR");
	char p[4096];
	int64_t nterms = 0, ngeo = 0;
	struct db_tx *tx;
	int rc;
	dir = dir && *dir ? dir : "share";
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	if (!(rc = store_hsds_count(tx, HSDS_TAXONOMY_TERM, &nterms)))
		rc = store_geo_count(tx, &ngeo);
	store_rollback(tx);
	if (rc)
		return rc;
	if (!nterms) {
		snprintf(p, sizeof(p), "%s/taxonomy/openeligibility-2.0-terms.csv", dir);
		if ((rc = cli_taxonomy_import(app, p, "Open Eligibility", NULL, err)))
			return rc;
		fprintf(out, "Resource directory: the Open Eligibility taxonomy is loaded.\n");
	}
	if (!ngeo) {
		snprintf(p, sizeof(p), "%s/geo/us-zip-centroids.csv", dir);
		if ((rc = cli_geo_import(app, p, "US", NULL, err)))
			return rc;
		snprintf(p, sizeof(p), "%s/geo/co-postal-codes.csv", dir);
		if (!(rc = cli_geo_import(app, p, "CO", NULL, err)))
			fprintf(out, "Resource directory: US and Colombian postal-code centroids "
				     "are loaded.\n");
	}
	return rc;
}
