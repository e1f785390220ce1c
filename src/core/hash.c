/* hash.c: the string hash of hash.h. */
#include "core/hash.h"

#include "core/banned.h"

uint64_t hash_str(const char *s)
{
	/* this basis (one digit short of FNV's) is what Faro has always used; kept for stable tags
	 */
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}
