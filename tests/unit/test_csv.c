/* test_csv.c: the RFC 4180 reader: quotes, escapes, embedded newlines, BOM, line numbers, errors.
 */
#include <string.h>

#include "domain/csv.h"
#include "test.h"

/* reads every record of s and joins them as "a|b;c|d;" (errors as "!LINE;") */
static void flat(const char *s, char *out, size_t n)
{
	struct csv_reader r;
	size_t k = 0;
	int rc;
	csv_init(&r, s, strlen(s));
	out[0] = '\0';
	while ((rc = csv_next(&r)) != 0) {
		char one[256];
		if (rc < 0) {
			snprintf(one, sizeof(one), "!%d;", r.err_line);
		} else {
			size_t m = 0;
			one[0] = '\0';
			for (int i = 0; i < r.nfields; i++)
				m += (size_t)snprintf(one + m, sizeof(one) - m, "%s%s",
						      i ? "|" : "", csv_field(&r, i));
			snprintf(one + m, sizeof(one) - m, "@%d;", r.record_line);
		}
		k += (size_t)snprintf(out + k, n - k, "%s", one);
	}
	csv_release(&r);
}

static void check(const char *in, const char *want)
{
	char got[1024];
	flat(in, got, sizeof(got));
	CHECK(!strcmp(got, want), "csv %s -> %s (got %s)", in, want, got);
}

int main(void)
{
	check("a,b\r\nc,d\r\n", "a|b@1;c|d@2;");
	check("a,b\nc,d", "a|b@1;c|d@2;");
	check("\xEF\xBB\xBFid,name\n1,x\n", "id|name@1;1|x@2;");
	check("\"a,b\",\"say \"\"hi\"\"\"\n", "a,b|say \"hi\"@1;");
	check("\"two\nlines\",x\r\nnext,y\r\n", "two\nlines|x@1;next|y@3;");
	check("a,,\n", "a||@1;");
	check(",\n", "|@1;");
	check("\"\"\n", "@1;");
	check("a\n\n\nb\n", "a@1;b@4;");
	check("a\rb,c\n", "a\rb|c@1;"); /* a lone CR inside a field is data */
	check("x,\"open\n", "!1;");
	check("x,\"bad\"y\nok,1\n", "!1;ok|1@2;");
	check("a\"b,c\nok\n", "!1;ok@2;");
	check("1,\"\"\"+44 1234\"\"\",z\n", "1|\"+44 1234\"|z@1;");
	/* text after an embedded newline keeps counting lines */
	check("\"a\nb\nc\",\"x\"z\nlast\n", "!3;last@4;");
	CHECK(csv_quote_needed("a,b") && csv_quote_needed("q\"") && csv_quote_needed("l\n") &&
		  csv_quote_needed(" lead") && !csv_quote_needed("plain") && !csv_quote_needed(""),
	      "csv_quote_needed");
	/* bounded: too many fields is an error, not a crash */
	static char many[CSV_MAX_FIELDS * 2 + 8];
	for (int i = 0; i < CSV_MAX_FIELDS + 2; i++)
		many[i * 2] = 'x', many[i * 2 + 1] = ',';
	struct csv_reader r;
	csv_init(&r, many, strlen(many));
	CHECK(csv_next(&r) < 0 && strstr(r.err, "too many"), "too many fields refused");
	csv_release(&r);
	return test_done();
}
