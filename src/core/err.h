/* err.h: the one error vocabulary of Faro; api/ maps it to HTTP once. */
#ifndef FARO_ERR_H
#define FARO_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOMEM = -1,
	ERR_INVALID = -2, /* bad input from a client */
	ERR_NOT_FOUND = -3,
	ERR_CONFLICT = -4, /* stale version or unique clash */
	ERR_FORBIDDEN = -5,
	ERR_UNAUTHORIZED = -6,
	ERR_TOO_LARGE = -7,
	ERR_STORE = -8, /* the database failed */
	ERR_BUSY = -9,	/* database locked or pool exhausted */
	ERR_THROTTLED = -10,
	ERR_IO = -11,
	ERR_INTERNAL = -12,
	ERR__MIN = -13
};

/* err_name: a stable lowercase name for e ("not_found"); never NULL. */
const char *err_name(int e);

#endif
