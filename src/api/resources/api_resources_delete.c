/*
 * api_resources_delete.c: an administrator deletes a directory record. What
 * HSDS nests inside the record (a service's phones, schedules, service areas,
 * links to locations; a location's addresses; ...) goes with it; records that
 * stand on their own and point at it (an organization's services and
 * locations, a location's services, a term's child terms or uses) keep it:
 * 409 in_use names them. Every row deleted is audited; the search entries of
 * the services it showed in are rebuilt in the same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "domain/resources/hsds_validate.h"
#include "api/api.h"
#include "api/resources/api_resources_edit.h"
#include "api/resources/api_resources.h"
#include "api/handlers.h"
#include "core/banned.h"

#define CASCADE_DEPTH                                                                              \
	8 /* service → service_at_location → contact → phone → language → attribute      \
	   */
#define REF_NAMES 5 /* names listed per kind of record in an in_use answer */

/* blocks: a row of table child whose field points at a row of parent keeps that row alive */
static int blocks(int parent, int child, int field)
{
	const char *f = hsds_tables[child].fields[field].name;
	if (child == parent) /* sub-organizations, child terms */
		return 1;
	switch (parent) {
	case HSDS_ORGANIZATION:
		return child == HSDS_SERVICE || child == HSDS_LOCATION || child == HSDS_PROGRAM;
	case HSDS_LOCATION:
		return child == HSDS_SERVICE_AT_LOCATION;
	case HSDS_PROGRAM:
		return child == HSDS_SERVICE;
	case HSDS_TAXONOMY:
		return child == HSDS_TAXONOMY_TERM;
	case HSDS_TAXONOMY_TERM:
		return child == HSDS_ATTRIBUTE && !strcmp(f, "taxonomy_term_id");
	default:
		return 0;
	}
}

/* label: how an in_use answer names a row: its name, a service at a location's service name */
static const char *label(struct db_tx *tx, struct arena *a, int t, const struct hsds_row *r)
{
	int f = hsds_field_find(t, "name");
	if (f >= 0 && r->vals[f])
		return r->vals[f];
	int lt = -1, lf = -1;
	if (t == HSDS_SERVICE_AT_LOCATION)
		lt = HSDS_SERVICE, lf = hsds_field_find(t, "service_id");
	else if (t == HSDS_ATTRIBUTE && r->vals[hsds_field_find(t, "link_entity")])
		lt = hsds_table_find(r->vals[hsds_field_find(t, "link_entity")]),
		lf = hsds_field_find(t, "link_id");
	struct hsds_row s;
	int nf = lt >= 0 ? hsds_field_find(lt, "name") : -1;
	if (nf >= 0 && r->vals[lf] && !store_hsds_get(tx, a, lt, r->vals[lf], &s) && s.vals[nf])
		return s.vals[nf];
	return r->vals[0];
}

/* in_use: the records that keep (t, id) alive, as [{type, count, names}]; NULL when none */
static int in_use(struct db_tx *tx, struct arena *a, int t, const char *id, json_t **ret)
{
	json_t *refs = NULL;
	for (int u = 0; u < HSDS_NTABLES; u++)
		for (int f = 1; f < hsds_tables[u].nfields; f++) {
			struct hsds_row *rows;
			int n, rc;
			if (hsds_tables[u].fields[f].ref != t || !blocks(t, u, f))
				continue;
			if ((rc = store_hsds_by(tx, a, u, f, id, &rows, &n))) {
				json_decref(refs);
				return rc;
			}
			if (!n)
				continue;
			json_t *names = json_array();
			for (int i = 0; i < n && i < REF_NAMES; i++)
				json_array_append_new(names,
						      json_string(label(tx, a, u, &rows[i])));
			if (!refs)
				refs = json_array();
			json_array_append_new(refs,
					      json_pack("{s:s,s:i,s:o}", "type", directory_path(u),
							"count", n, "names", names));
		}
	*ret = refs;
	return 0;
}

struct del {
	struct req *rq;
	struct db_tx *tx;
	const char *actor;
	int64_t actor_id;
	const char *root; /* "service/<uuid>": what a cascaded row's audit says it went with */
	struct hsds_idset reach;
	int count; /* rows deleted */
};

/* drop: deletes row (t, r) after what it holds (depth-first); a row already gone is skipped */
static int drop(struct del *d, int t, const struct hsds_row *r, int depth)
{
	struct arena *a = &d->rq->arena;
	const char *id = r->vals[0];
	int rc;
	if (depth > CASCADE_DEPTH)
		return ERR_INVALID;
	if ((rc = store_hsds_services_of(d->tx, a, t, r->vals, &d->reach)))
		return rc;
	for (int u = 0; u < HSDS_NTABLES; u++)
		for (int f = 1; f < hsds_tables[u].nfields; f++) {
			int attr_link = u == HSDS_ATTRIBUTE &&
					!strcmp(hsds_tables[u].fields[f].name, "link_id");
			if (!attr_link && (hsds_tables[u].fields[f].ref != t || blocks(t, u, f)))
				continue;
			struct hsds_row *rows;
			int n;
			if ((rc = store_hsds_by(d->tx, a, u, f, id, &rows, &n)))
				return rc;
			for (int i = 0; i < n; i++)
				if (strcmp(rows[i].vals[0], id) &&
				    (rc = drop(d, u, &rows[i], depth + 1)))
					return rc; /* (an attribute linked to itself is the row
						      being dropped) */
		}
	rc = store_hsds_delete(d->tx, t, id, r->row_version);
	if (rc == ERR_NOT_FOUND && depth > 0)
		return 0; /* reached twice (a phone of the service and of its place) */
	if (rc)
		return rc;
	d->count++;
	char action[64];
	snprintf(action, sizeof(action), "directory.%s.delete", hsds_tables[t].name);
	return hsds_audit(d->tx, d->rq, d->actor_id, d->actor, action, hsds_tables[t].name, id,
			  depth ? json_pack("{s:s}", "with", d->root) : NULL);
}

HANDLER(h_directory_delete)
{
	int t = directory_type(rq);
	const char *id = req_param(rq, "id"), *v = req_query(rq, "row_version");
	struct del d = {.rq = rq};
	struct hsds_row row;
	json_t *refs = NULL;
	int64_t version;
	char *end;
	if (t < 0 || !id || !hsds_valid_uuid(id))
		return ERR_NOT_FOUND;
	if (!v || (version = strtoll(v, &end, 10)) < 1 || *end)
		return api_field_error(rs, "invalid", "row_version",
				       "row_version: is required: send the version you read");
	d.actor = directory_actor(rq, &d.actor_id);
	d.root = arena_printf(&rq->arena, "%s/%s", hsds_tables[t].name, id);
	int rc = store_begin(app->store, STORE_WRITE, &d.tx);
	if (rc)
		return rc;
	if ((rc = store_hsds_get(d.tx, &rq->arena, t, id, &row)))
		goto out;
	if (row.row_version != version) {
		rc = directory_stale(d.tx, rq, rs, t, id, &row);
		goto out;
	}
	if ((rc = in_use(d.tx, &rq->arena, t, id, &refs)))
		goto out;
	if (refs) { /* the one 409 shape of other conflicts: a code of its own and what conflicts */
		rc = api_error_with(rs, 409, "in_use",
				    "Other records still link to this one: delete them or link "
				    "them elsewhere first.",
				    json_pack("{s:o}", "refs", refs));
		goto out;
	}
	if ((rc = drop(&d, t, &row, 0)) || (rc = directory_reindex(d.tx, &d.reach)))
		goto out;
	rs->status = 204;
	rc = api_commit(app, rq, rs, d.tx);
	d.tx = NULL;
out:
	store_rollback(d.tx);
	return rc;
}
