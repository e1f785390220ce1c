/* api_search_index.c: rebuilding the search index from the directory (the CLI, imports, the demo).
 */
#include <inttypes.h>
#include <stdio.h>

#include "core/clock.h"
#include "core/err.h"
#include "store/search/store_search.h"
#include "api/api.h"
#include "api/search/api_search.h"
#include "core/banned.h"

int search_reindex(struct store *st, int64_t *ret_entries)
{
	struct db_tx *tx;
	int rc = store_begin(st, STORE_WRITE, &tx);
	if (rc)
		return rc;
	if ((rc = store_search_reindex(tx, ret_entries))) {
		store_rollback(tx);
		return rc;
	}
	return store_commit(tx);
}

int search_reindex_cli(struct store *st, FILE *out, FILE *err)
{
	int64_t n = 0, t0 = clock_monotonic_ms();
	int rc = search_reindex(st, &n);
	if (rc) {
		fprintf(err, "faro search reindex: %s (%s)\n", err_name(rc), store_thread_error());
		return rc;
	}
	fprintf(out, "search index rebuilt: %" PRId64 " entries in %" PRId64 " ms\n", n,
		clock_monotonic_ms() - t0);
	return 0;
}

int search_reindex_if_empty(struct store *st, FILE *log)
{
	struct db_tx *tx;
	int need = 0, rc = store_begin(st, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = store_search_needs_rebuild(tx, &need);
	store_rollback(tx);
	if (rc || !need)
		return rc;
	int64_t n = 0, t0 = clock_monotonic_ms();
	if ((rc = search_reindex(st, &n)))
		fprintf(log, "faro: search index rebuild failed: %s (%s)\n", err_name(rc),
			store_thread_error());
	else
		fprintf(log, "faro: search index rebuilt: %" PRId64 " entries in %" PRId64 " ms\n",
			n, clock_monotonic_ms() - t0);
	return rc;
}
