/* embedded.h: files compiled into the binary by tools/embed.c (migrations, the UI). */
#ifndef FARO_EMBEDDED_H
#define FARO_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *path; /* relative to the embedded folder, e.g. "app.js" */
	const unsigned char *data;
	size_t len;
};

extern const struct embedded_file embedded_migrations_sqlite[];
extern const size_t embedded_migrations_sqlite_count;
extern const struct embedded_file embedded_migrations_postgres[];
extern const size_t embedded_migrations_postgres_count;
extern const struct embedded_file embedded_ui[];
extern const size_t embedded_ui_count;

#endif
