/* clock.h: wall time in UTC epoch milliseconds, the only time unit Faro stores. */
#ifndef FARO_CLOCK_H
#define FARO_CLOCK_H

#include <stdint.h>

/* clock_now_ms: now, plus the offset of clock_set_test_file() when tests set one. */
int64_t clock_now_ms(void);
/* clock_monotonic_ms: for durations and timers, never stored. */
int64_t clock_monotonic_ms(void);
/*
 * clock_set_test_file: tests move time forward by writing a number of
 * milliseconds into PATH; clock_now_ms() adds it. Only set from the
 * FARO_TEST_CLOCK_FILE environment variable, which production never sets.
 */
void clock_set_test_file(const char *path);

#endif
