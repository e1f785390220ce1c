/* fts_sqlite.h: what search adds to every SQLite connection (the "faro" FTS5 tokenizer, geo_km()).
 */
#ifndef FARO_FTS_SQLITE_H
#define FARO_FTS_SQLITE_H

#include <sqlite3.h>

/*
 * fts_sqlite_register: registers on h the FTS5 tokenizer "faro" (folded
 * words with their Spanish and English stems, see fts_stem.h) and the SQL
 * function geo_km(lat1, lon1, lat2, lon2). SQLITE_OK or an SQLite code.
 */
int fts_sqlite_register(sqlite3 *h);

#endif
