/* test_geo.c: haversine distances, search boxes and km/miles by locale. */
#include <math.h>

#include "domain/geo.h"
#include "test.h"

static int near(double a, double b, double tol)
{
	return fabs(a - b) <= tol;
}

int main(void)
{
	/* Medellín (050001) to Bogotá (110111): about 240 km in a straight line */
	struct geo_point med = {6.2518, -75.5636}, bog = {4.6097, -74.0817};
	double d = geo_km(med, bog);
	CHECK(near(d, 244.7, 2.0), "Medellín-Bogotá %.1f km", d);
	CHECK(near(geo_km(bog, med), d, 1e-9), "distance is symmetric");
	CHECK(geo_km(med, med) == 0.0, "a point is 0 km from itself");
	/* one degree of latitude is 111.2 km */
	CHECK(near(geo_km((struct geo_point){0, 0}, (struct geo_point){1, 0}), 111.195, 0.01),
	      "one degree of latitude");
	/* New York (10001) to Los Angeles (90012): about 3,936 km */
	d = geo_km((struct geo_point){40.7506, -73.9972}, (struct geo_point){34.0614, -118.2385});
	CHECK(near(d, 3936, 10), "NYC-LA %.0f km", d);
	/* across the antimeridian: 179.5 to -179.5 at the equator is 1 degree */
	d = geo_km((struct geo_point){0, 179.5}, (struct geo_point){0, -179.5});
	CHECK(near(d, 111.195, 0.01), "across the antimeridian %.3f", d);
	d = geo_km((struct geo_point){90, 0}, (struct geo_point){-90, 0});
	CHECK(near(d, M_PI * GEO_EARTH_KM, 0.01), "pole to pole");

	CHECK(geo_valid(6.25, -75.56) && !geo_valid(100, 101) && !geo_valid(0, 181) &&
		  !geo_valid(NAN, 0),
	      "validity (the HSDS sample's 100/101 is out of range)");

	double a, b, c, e;
	geo_box(med, 10, &a, &b, &c, &e);
	CHECK(a < med.lat && b > med.lat && c < med.lon && e > med.lon, "box holds the centre");
	struct geo_point corner_n = {b, med.lon}, corner_e = {med.lat, e};
	CHECK(near(geo_km(med, corner_n), 10, 0.01), "box reaches 10 km north");
	CHECK(geo_km(med, corner_e) >= 9.99, "box reaches at least 10 km east");
	geo_box((struct geo_point){89.99, 0}, 10, &a, &b, &c, &e);
	CHECK(b == 90 && c == -180 && e == 180, "near the pole the box takes every longitude");
	geo_box((struct geo_point){0, 179.99}, 10, &a, &b, &c, &e);
	CHECK(c == -180 && e == 180, "across the antimeridian the box takes every longitude");

	CHECK(geo_locale_miles("en-US") && geo_locale_miles("en") && !geo_locale_miles("es") &&
		  !geo_locale_miles("es-CO") && !geo_locale_miles(NULL),
	      "miles for en-US only");
	CHECK(near(geo_km_to_unit(16.09344, 1), 10, 1e-9) && geo_km_to_unit(5, 0) == 5,
	      "km to miles");
	CHECK(near(geo_unit_to_km(10, 1), 16.09344, 1e-9) && geo_unit_to_km(3, 0) == 3,
	      "miles to km");
	return test_done();
}
