/* clock.c: epoch milliseconds with an optional test offset read from a file. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/banned.h"

static const char *test_file;

void clock_set_test_file(const char *path)
{
	test_file = path;
}

static int64_t test_offset(void)
{
	if (!test_file)
		return 0;
	FILE *f = fopen(test_file, "r");
	if (!f)
		return 0;
	long long off = 0;
	if (fscanf(f, "%lld", &off) != 1)
		off = 0;
	fclose(f);
	return (int64_t)off;
}

int64_t clock_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + test_offset();
}

int64_t clock_monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
