/* err.c: names for the error codes, for logs and the CLI. */
#include "core/err.h"

const char *err_name(int e)
{
	static const char *const names[] = {
	    "ok",	 "nomem", "invalid", "not_found", "conflict", "forbidden", "unauthorized",
	    "too_large", "store", "busy",    "throttled", "io",	      "internal"};
	if (e > 0 || e <= ERR__MIN)
		return "internal";
	return names[-e];
}
