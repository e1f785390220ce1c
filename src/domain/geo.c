/* geo.c: haversine distances, search boxes and the km/miles choice; no I/O. */
#include "domain/geo.h"

#include <math.h>
#include <string.h>

#include "core/banned.h"

#define DEG (3.14159265358979323846 / 180.0)

int geo_valid(double lat, double lon)
{
	return lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

double geo_km(struct geo_point a, struct geo_point b)
{
	double dlat = (b.lat - a.lat) * DEG, dlon = (b.lon - a.lon) * DEG;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(a.lat * DEG) * cos(b.lat * DEG) * s2 * s2;
	if (h > 1.0) /* rounding on antipodes */
		h = 1.0;
	return 2.0 * GEO_EARTH_KM * asin(sqrt(h));
}

void geo_box(struct geo_point c, double km, double *ret_lat_min, double *ret_lat_max,
	     double *ret_lon_min, double *ret_lon_max)
{
	double dlat = km / GEO_EARTH_KM / DEG;
	double lat_min = c.lat - dlat, lat_max = c.lat + dlat;
	double lon_min = -180.0, lon_max = 180.0;
	if (lat_min > -90.0 && lat_max < 90.0) {
		/* the widest longitude span is at the latitude farthest from the equator */
		double far = fabs(lat_min) > fabs(lat_max) ? fabs(lat_min) : fabs(lat_max);
		double dlon = dlat / cos(far * DEG);
		if (c.lon - dlon >= -180.0 && c.lon + dlon <= 180.0)
			lon_min = c.lon - dlon, lon_max = c.lon + dlon;
	}
	*ret_lat_min = lat_min < -90.0 ? -90.0 : lat_min;
	*ret_lat_max = lat_max > 90.0 ? 90.0 : lat_max;
	*ret_lon_min = lon_min;
	*ret_lon_max = lon_max;
}

int geo_locale_miles(const char *locale)
{
	/* Only the United States (and Liberia, Myanmar) use miles; an agent with
	 * the English interface is in practice at a US line. Spanish: km, even es-US,
	 * since Spanish-speaking agents here work Colombian directories. */
	if (!locale)
		return 0;
	return strcmp(locale, "en") == 0 || strcmp(locale, "en-US") == 0 ||
	       strcmp(locale, "en_US") == 0 || strcmp(locale, "en-LR") == 0 ||
	       strcmp(locale, "my-MM") == 0;
}

double geo_km_to_unit(double km, int miles)
{
	return miles ? km / GEO_KM_PER_MILE : km;
}

double geo_unit_to_km(double v, int miles)
{
	return miles ? v * GEO_KM_PER_MILE : v;
}
