/*
 * csv.h: an RFC 4180 reader over a byte buffer: quoted fields with ""
 * escapes and embedded newlines, CRLF or LF record ends, a leading UTF-8
 * BOM skipped. Strict: a stray quote or text after a closing quote is an
 * error, reported with the line it is on. No I/O.
 */
#ifndef FARO_CSV_H
#define FARO_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS 512	 /* fields in one record */
#define CSV_MAX_RECORD (1 << 20) /* bytes of one record's fields */

struct csv_reader {
	const char *p, *end;
	int line;	 /* the physical line the next record starts on (1-based) */
	int record_line; /* the line the record csv_next returned started on */
	char *store;	 /* the record's fields, each NUL-terminated */
	size_t store_len, store_alloc;
	size_t offs[CSV_MAX_FIELDS];
	int nfields;
	char err[128]; /* why csv_next failed */
	int err_line;
};

/* csv_init: reads data[0..n] (not copied: it must outlive r), skipping a UTF-8 BOM. */
void csv_init(struct csv_reader *r, const char *data, size_t n);
/* csv_release: frees the field storage; r can be csv_init'ed again. */
void csv_release(struct csv_reader *r);
/*
 * csv_next: reads the next record: 1 with csv_field(r, 0..nfields-1) set,
 * 0 at the end of the data, or ERR_INVALID with r->err and r->err_line
 * (the reader then skips to the next line, so a caller may go on to
 * collect further errors). Blank lines are skipped.
 */
int csv_next(struct csv_reader *r);
/* csv_field: the i-th field of the current record (NUL-terminated, owned by r). */
const char *csv_field(const struct csv_reader *r, int i);
/* csv_field_len: its length in bytes (a field may hold a NUL byte; callers reject those). */
size_t csv_field_len(const struct csv_reader *r, int i);

/* csv_quote_needed: 1 when s must be quoted in CSV output (comma, quote, CR, LF, leading/trailing
 * space). */
int csv_quote_needed(const char *s);

#endif
