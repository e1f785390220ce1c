/* cli_demo_directory.h: a synthetic HSDS 3.0 directory (Colombia and the US, Spanish and English)
 * for the demo and the benchmark. */
#ifndef FARO_CLI_DEMO_DIRECTORY_H
#define FARO_CLI_DEMO_DIRECTORY_H

#include <stdio.h>

struct app;
struct buf;

/*
 * demo_directory_write: writes into the existing directory dir an HSDS 3.0
 * tabular data package (datapackage.json and one CSV per object) with
 * `services` services (about 1.5 locations each) of services/2
 * organisations, their addresses at real postal codes (centroids from
 * share_dir/geo), phones, schedules (office hours, around the clock,
 * overnight, monthly), service areas and Open Eligibility terms
 * (share_dir/taxonomy). The same seed gives the same files. Returns 0, or
 * ERR_IO / ERR_INVALID with the reason in why.
 */
int demo_directory_write(const char *dir, long services, unsigned long seed, const char *share_dir,
			 struct buf *why);

/*
 * demo_directory_load: when the directory has no services, writes a demo
 * directory of `services` services to a temporary folder, imports it (which
 * also rebuilds the search index) and removes the folder. 0 or a negative err.
 */
int demo_directory_load(struct app *app, long services, FILE *out, FILE *err);

#endif
