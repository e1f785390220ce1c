/* log.h: one JSON object per line on stderr; only api/, http/ and main log. */
#ifndef FARO_LOG_H
#define FARO_LOG_H

#include <jansson.h>

/* log_json: writes {"ts":...,"level":level,"msg":msg, ...fields} and steals fields (may be NULL).
 */
void log_json(const char *level, const char *msg, json_t *fields);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* log_set_quiet: drop info lines (benchmarks); errors still print. */
void log_set_quiet(int quiet);

#endif
