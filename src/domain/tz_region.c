/*
 * tz_region.c: the IANA zone of an address when the directory does not name
 * one (HSDS 3.0 locations carry no zone): by country, and for the United
 * States by state (the zone of most of the state's people).
 */
#include <string.h>
#include <strings.h>

#include "domain/tz.h"
#include "core/banned.h"

static const struct {
	const char *state, *zone;
} us[] = {
    {"AK", "America/Anchorage"},   {"AL", "America/Chicago"},
    {"AR", "America/Chicago"},	   {"AZ", "America/Phoenix"},
    {"CA", "America/Los_Angeles"}, {"CO", "America/Denver"},
    {"CT", "America/New_York"},	   {"DC", "America/New_York"},
    {"DE", "America/New_York"},	   {"FL", "America/New_York"},
    {"GA", "America/New_York"},	   {"HI", "Pacific/Honolulu"},
    {"IA", "America/Chicago"},	   {"ID", "America/Boise"},
    {"IL", "America/Chicago"},	   {"IN", "America/Indiana/Indianapolis"},
    {"KS", "America/Chicago"},	   {"KY", "America/New_York"},
    {"LA", "America/Chicago"},	   {"MA", "America/New_York"},
    {"MD", "America/New_York"},	   {"ME", "America/New_York"},
    {"MI", "America/Detroit"},	   {"MN", "America/Chicago"},
    {"MO", "America/Chicago"},	   {"MS", "America/Chicago"},
    {"MT", "America/Denver"},	   {"NC", "America/New_York"},
    {"ND", "America/Chicago"},	   {"NE", "America/Chicago"},
    {"NH", "America/New_York"},	   {"NJ", "America/New_York"},
    {"NM", "America/Denver"},	   {"NV", "America/Los_Angeles"},
    {"NY", "America/New_York"},	   {"OH", "America/New_York"},
    {"OK", "America/Chicago"},	   {"OR", "America/Los_Angeles"},
    {"PA", "America/New_York"},	   {"PR", "America/Puerto_Rico"},
    {"RI", "America/New_York"},	   {"SC", "America/New_York"},
    {"SD", "America/Chicago"},	   {"TN", "America/Chicago"},
    {"TX", "America/Chicago"},	   {"UT", "America/Denver"},
    {"VA", "America/New_York"},	   {"VI", "America/St_Thomas"},
    {"VT", "America/New_York"},	   {"WA", "America/Los_Angeles"},
    {"WI", "America/Chicago"},	   {"WV", "America/New_York"},
    {"WY", "America/Denver"},
};

static const struct {
	const char *country, *zone;
} countries[] = {
    {"CO", "America/Bogota"},
    {"MX", "America/Mexico_City"},
    {"PE", "America/Lima"},
    {"EC", "America/Guayaquil"},
    {"GT", "America/Guatemala"},
    {"DO", "America/Santo_Domingo"},
    {"CR", "America/Costa_Rica"},
    {"CL", "America/Santiago"},
    {"AR", "America/Argentina/Buenos_Aires"},
    {"PR", "America/Puerto_Rico"},
    {"PA", "America/Panama"},
    {"UY", "America/Montevideo"},
    {"HN", "America/Tegucigalpa"},
    {"ES", "Europe/Madrid"},
    {"GB", "Europe/London"},
};

const char *tz_for_region(const char *country, const char *state)
{
	if (!country)
		return NULL;
	if ((strcmp(country, "US") == 0 || strcmp(country, "us") == 0) && state) {
		for (size_t i = 0; i < sizeof(us) / sizeof(us[0]); i++)
			if (strcasecmp(us[i].state, state) == 0)
				return us[i].zone;
		return NULL;
	}
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++)
		if (strcasecmp(countries[i].country, country) == 0)
			return countries[i].zone;
	return NULL;
}
