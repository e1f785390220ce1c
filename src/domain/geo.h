/* geo.h: straight-line distances between points and how a locale shows them (km or miles). */
#ifndef FARO_GEO_H
#define FARO_GEO_H

/* a WGS84 point in decimal degrees */
struct geo_point {
	double lat, lon;
};

#define GEO_EARTH_KM	6371.0088 /* mean Earth radius (IUGG) */
#define GEO_KM_PER_MILE 1.609344

/* geo_valid: 1 when lat is in [-90, 90] and lon in [-180, 180] (and neither is NaN). */
int geo_valid(double lat, double lon);
/* geo_km: great-circle (haversine) distance in kilometres between a and b. */
double geo_km(struct geo_point a, struct geo_point b);
/*
 * geo_box: the latitude/longitude box that holds every point within km of
 * c (a superset: the corners are farther). Near the poles or across the
 * antimeridian the longitude range widens to [-180, 180].
 */
void geo_box(struct geo_point c, double km, double *ret_lat_min, double *ret_lat_max,
	     double *ret_lon_min, double *ret_lon_max);
/* geo_locale_miles: 1 when distances are shown in miles for this locale ("en-US", "en_US", "en"),
 * else 0. */
int geo_locale_miles(const char *locale);
/* geo_km_to_unit: km expressed in miles when miles, else unchanged. */
double geo_km_to_unit(double km, int miles);
/* geo_unit_to_km: a distance the user typed in miles (miles=1) or km, in km. */
double geo_unit_to_km(double v, int miles);

#endif
