/* api_resources_edit.h: what the directory editing files share (api_resources_edit.c,
 * api_resources_delete.c). */
#ifndef FARO_API_RESOURCES_EDIT_H
#define FARO_API_RESOURCES_EDIT_H

#include <stdint.h>

struct req;
struct resp;
struct db_tx;
struct hsds_idset;
struct hsds_row;

/* directory_type: the HSDS table of the request's :type segment ("services"), or -1. */
int directory_type(struct req *rq);
/* directory_path: the :type segment of HSDS table t, or its table name when it is not editable. */
const char *directory_path(int t);
/* directory_actor: the session's username ("system" without one); its user id in *ret_id. */
const char *directory_actor(struct req *rq, int64_t *ret_id);
/* directory_reindex: the services in set (sorted, deduplicated here) get fresh search entries. */
int directory_reindex(struct db_tx *tx, struct hsds_idset *set);
/* directory_stale: 409 stale_version (api_stale) for row id of table t, now as stored; returns 0.
 */
int directory_stale(struct db_tx *tx, struct req *rq, struct resp *rs, int t, const char *id,
		    const struct hsds_row *now);

#endif
