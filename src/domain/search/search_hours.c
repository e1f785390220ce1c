/* search_hours.c: open now / open at from the hours lines of a search index entry. */
#include "domain/search/search_hours.h"

#include <string.h>

#include "domain/resources/schedule.h"
#include "core/banned.h"

#define SEARCH_HOURS_RULES 16 /* schedule lines read per entry */

void search_line_field(const char *s, const char *e, int i, char *out, size_t n)
{
	for (; i > 0 && s < e; s++)
		if (*s == '|')
			i--;
	size_t k = 0;
	while (s < e && *s != '|' && k + 1 < n)
		out[k++] = *s++;
	out[k] = 0;
}

int search_open(const char *hours, const char *tz, const struct tz_local *at_local, int64_t now_ms)
{
	struct sched_rule rules[SEARCH_HOURS_RULES];
	int n = 0;
	for (const char *s = hours ? hours : ""; *s && n < SEARCH_HOURS_RULES;) {
		const char *e = strchr(s, '\n');
		if (!e)
			e = s + strlen(s);
		char f[6][64];
		for (int i = 0; i < 6; i++)
			search_line_field(s, e, i, f[i], sizeof(f[i]));
		struct sched_row row = {f[0], f[1], f[2], f[3], f[4], f[5]};
		if (sched_parse(&row, &rules[n], NULL) == 0)
			n++;
		s = *e ? e + 1 : e;
	}
	if (!n)
		return -1;
	if (at_local)
		return sched_open_at(rules, n, *at_local);
	const struct tz *z = tz ? tz_get(tz) : NULL;
	if (!z)
		return -1;
	return sched_open_at(rules, n, tz_localtime(z, now_ms / 1000));
}
