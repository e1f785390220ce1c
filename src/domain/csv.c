/* csv.c: the RFC 4180 reader (see csv.h): one pass, a state per byte, bounded storage. */
#include "domain/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

void csv_init(struct csv_reader *r, const char *data, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->p = data;
	r->end = data + n;
	if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		r->p += 3;
	r->line = 1;
}

void csv_release(struct csv_reader *r)
{
	free(r->store);
	r->store = NULL;
	r->store_len = r->store_alloc = 0;
}

static int put(struct csv_reader *r, char c)
{
	if (r->store_len + 1 >= CSV_MAX_RECORD)
		return -1;
	if (r->store_len + 1 >= r->store_alloc) {
		r->store_alloc = r->store_alloc ? r->store_alloc * 2 : 256;
		r->store = xrealloc(r->store, r->store_alloc);
	}
	r->store[r->store_len++] = c;
	return 0;
}

static int end_field(struct csv_reader *r)
{
	if (put(r, '\0'))
		return -1;
	if (r->nfields >= CSV_MAX_FIELDS)
		return -2;
	r->nfields++;
	if (r->nfields < CSV_MAX_FIELDS)
		r->offs[r->nfields] = r->store_len;
	return 0;
}

/* after an error: skip the rest of the physical line, so the next record starts fresh */
static int fail(struct csv_reader *r, const char *why, int line)
{
	snprintf(r->err, sizeof(r->err), "%s", why);
	r->err_line = line;
	while (r->p < r->end && *r->p != '\n')
		r->p++;
	if (r->p < r->end) {
		r->p++;
		r->line++;
	}
	r->line = r->line > line ? r->line : line + 1;
	return ERR_INVALID;
}

static int too_big(struct csv_reader *r, int rc, int line)
{
	return fail(r, rc == -2 ? "too many fields in one record" : "record too large", line);
}

int csv_next(struct csv_reader *r)
{
	int rc;
	/* blank lines between records are not records */
	while (r->p < r->end &&
	       (*r->p == '\n' || (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n'))) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
	}
	if (r->p >= r->end)
		return 0;
	r->record_line = r->line;
	r->store_len = 0;
	r->nfields = 0;
	r->offs[0] = 0;
	for (;;) {
		/* one field */
		if (r->p < r->end && *r->p == '"') {
			int qline = r->line;
			r->p++;
			for (;;) {
				if (r->p >= r->end)
					return fail(r, "a quoted field is not closed", qline);
				char c = *r->p++;
				if (c == '"') {
					if (r->p < r->end && *r->p == '"') {
						r->p++;
						if ((rc = put(r, '"')))
							return too_big(r, rc, r->record_line);
						continue;
					}
					break;
				}
				if (c == '\n')
					r->line++;
				if ((rc = put(r, c)))
					return too_big(r, rc, r->record_line);
			}
			if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
			    !(*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n') &&
			    !(*r->p == '\r' && r->p + 1 == r->end))
				return fail(r, "text after a closing quote", r->line);
		} else {
			while (r->p < r->end && *r->p != ',' && *r->p != '\n') {
				if (*r->p == '\r' && (r->p + 1 == r->end || r->p[1] == '\n'))
					break;
				if (*r->p == '"')
					return fail(r, "a quote inside an unquoted field", r->line);
				if ((rc = put(r, *r->p++)))
					return too_big(r, rc, r->record_line);
			}
		}
		if ((rc = end_field(r)))
			return too_big(r, rc, r->record_line);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		/* the record ends at CRLF, LF or the end of the data */
		if (r->p < r->end && *r->p == '\r')
			r->p++;
		if (r->p < r->end && *r->p == '\n') {
			r->p++;
			r->line++;
		}
		return 1;
	}
}

const char *csv_field(const struct csv_reader *r, int i)
{
	return i >= 0 && i < r->nfields ? r->store + r->offs[i] : "";
}

size_t csv_field_len(const struct csv_reader *r, int i)
{
	if (i < 0 || i >= r->nfields)
		return 0;
	size_t next = i + 1 < r->nfields ? r->offs[i + 1] : r->store_len;
	return next - r->offs[i] - 1;
}

int csv_quote_needed(const char *s)
{
	if (!*s)
		return 0;
	if (*s == ' ' || s[strlen(s) - 1] == ' ')
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}
