/* hsds_validate.h: the rules an HSDS row must meet before it is stored (import and editing alike);
 * no I/O. */
#ifndef FARO_HSDS_VALIDATE_H
#define FARO_HSDS_VALIDATE_H

#define HSDS_TEXT_MAX 20000 /* bytes of one field */

struct hsds_issue {
	int field; /* index in the table's fields */
	const char
	    *code; /* stable: required, invalid_uuid, invalid_email, invalid_uri, invalid_number,
		      out_of_range, invalid_date, invalid_time, invalid_datetime, invalid_value,
		      invalid_phone, invalid_schedule, invalid_text */
	char message[160];
};

/*
 * hsds_check_row: checks every field of a row of table t (vals[i] NULL or
 * "" means no value) and the rules between fields (latitude and longitude
 * ranges, a schedule's times and recurrence, age ranges); writes up to max
 * issues to out and returns how many there are in all (references to other
 * rows are the caller's to check).
 */
int hsds_check_row(int t, const char *const *vals, struct hsds_issue *out, int max);

/* hsds_valid_uuid: 1 for 8-4-4-4-12 hexadecimal digits. */
int hsds_valid_uuid(const char *s);
/* hsds_number: 0 and the value when s is a finite decimal number. */
int hsds_number(const char *s, double *ret);
/* hsds_time_seconds: seconds since midnight of HH:MM[:SS[.f]][Z|+HH:MM|-HH:MM] (24:00 = 86400), or
 * -1. */
int hsds_time_seconds(const char *s);

#endif
