/* test.h: a minimal unit-test harness: one line per check, a summary, an exit status. */
#ifndef FARO_TEST_H
#define FARO_TEST_H

#include <stdarg.h>
#include <stdio.h>

static int test_passed, test_failed;

/* CHECK: records cond as one check named by the printf-style arguments; evaluates to cond. */
#define CHECK(cond, ...) test_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5))) static inline int test_check(int ok, const char *file,
								   int line, const char *fmt, ...);

static inline int test_check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("%s ", ok ? "ok  " : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf("  (%s:%d)", file, line);
	putchar('\n');
	fflush(stdout);
	if (ok)
		test_passed++;
	else
		test_failed++;
	return ok;
}

/* test_done: prints "N passed, M failed" and returns the process exit status. */
static inline int test_done(void)
{
	printf("%d passed, %d failed\n", test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
