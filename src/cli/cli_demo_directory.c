/*
 * cli_demo_directory.c: writes a realistic synthetic resource directory as
 * an HSDS 3.0 tabular data package, for `make run`'s demo organisation and
 * for the search benchmark (no openly licensed HSDS dataset of this size
 * exists; see share/hsds/README.md). Colombian services are written in
 * Spanish at real 4-72 postal codes, US ones in English at real ZCTAs;
 * a deterministic generator, so a seed always gives the same directory.
 */
#include "cli/cli_demo_directory.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "domain/resources/hsds_schema.h"
#include "api/api.h"
#include "cli/cli_resources.h"
#include "store/resources/store_hsds.h"
#include "core/banned.h"

/* ---- a seeded generator (splitmix64) ---- */
struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int pick(struct rng *r, int n)
{
	return (int)(rnd(r) % (uint64_t)n);
}

static double unit(struct rng *r)
{
	return (double)(rnd(r) >> 11) / 9007199254740992.0;
}

static void uuid(struct rng *r, char out[37])
{
	uint64_t a = rnd(r), b = rnd(r);
	snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32),
		 (unsigned)(a >> 16) & 0xFFFF, (unsigned)a & 0xFFF,
		 (unsigned)(0x8000 | ((b >> 48) & 0x3FFF)),
		 (unsigned long long)(b & 0xFFFFFFFFFFFFULL));
}

/* ---- CSV ---- */

/* split_csv: splits one RFC 4180 line in place into at most max fields; the count */
static int split_csv(char *line, char **f, int max)
{
	int n = 0;
	char *p = line;
	while (n < max) {
		char *w = p;
		f[n++] = p;
		if (*p == '"') {
			char *r = p + 1;
			for (;;) {
				if (!*r)
					break;
				if (*r == '"' && r[1] == '"')
					*w++ = '"', r += 2;
				else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			p = r;
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				w++, p++;
		}
		int more = *p == ',';
		*w = 0;
		if (!more)
			break;
		p++;
	}
	return n;
}

static void put_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_row(FILE *f, int n, const char *const *v)
{
	for (int i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		put_field(f, v[i]);
	}
	fputs("\r\n", f);
}

#define ROW(f, ...)                                                                                \
	do {                                                                                       \
		const char *row_[] = {__VA_ARGS__};                                                \
		put_row((f), (int)(sizeof(row_) / sizeof(row_[0])), row_);                         \
	} while (0)

/* ---- places ---- */

struct place {
	char code[8], city[48], state[48], muni[6];
	double lat, lon;
	const char *phone_prefix; /* "+57 604" or "(212)" */
	int us;
};

/* US metro areas by ZIP prefix: enough variety of time zones, one without DST */
static const struct {
	const char *prefix, *city, *state, *area;
} metros[] = {
    {"100", "New York", "NY", "212"},	 {"112", "Brooklyn", "NY", "718"},
    {"900", "Los Angeles", "CA", "213"}, {"902", "Inglewood", "CA", "310"},
    {"331", "Miami", "FL", "305"},	 {"770", "Houston", "TX", "713"},
    {"606", "Chicago", "IL", "312"},	 {"981", "Seattle", "WA", "206"},
    {"850", "Phoenix", "AZ", "602"},	 {"802", "Denver", "CO", "303"},
    {"021", "Boston", "MA", "617"},	 {"191", "Philadelphia", "PA", "215"},
    {"303", "Atlanta", "GA", "404"},	 {"787", "Austin", "TX", "512"},
};

static const char *co_phone_prefix(const char *muni)
{
	/* Colombia's fixed-line area codes since 2021, by department */
	switch (muni[0] * 10 + muni[1] - '0' * 11) {
	case 11:
	case 25:
		return "+57 601";
	case 76:
	case 19:
	case 52:
		return "+57 602";
	case 15:
	case 17:
	case 63:
	case 66:
		return "+57 606";
	case 8:
	case 13:
	case 20:
	case 23:
	case 44:
	case 47:
	case 70:
		return "+57 605";
	case 54:
	case 68:
	case 81:
		return "+57 607";
	case 5:
	case 27:
		return "+57 604";
	default:
		return "+57 608";
	}
}

struct places {
	struct place *p;
	int n, alloc;
};

static void add_place(struct places *ps, const struct place *p)
{
	if (ps->n == ps->alloc) {
		ps->alloc = ps->alloc ? 2 * ps->alloc : 1024;
		ps->p = xrealloc(ps->p, (size_t)ps->alloc * sizeof(*ps->p));
	}
	ps->p[ps->n++] = *p;
}

static void cut(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static int load_places(const char *share, struct places *co, struct places *us, struct buf *why)
{
	char path[1024], line[1024];
	char *f[8];
	snprintf(path, sizeof(path), "%s/geo/co-postal-codes.csv", share);
	FILE *in = fopen(path, "r");
	if (!in)
		goto fail;
	while (fgets(line, sizeof(line), in)) {
		if (split_csv(line, f, 8) < 7 || !strcmp(f[0], "postal_code"))
			continue;
		struct place p = {.lat = strtod(f[1], NULL), .lon = strtod(f[2], NULL)};
		cut(p.code, sizeof(p.code), f[0]);
		cut(p.muni, sizeof(p.muni), f[3]);
		cut(p.city, sizeof(p.city), f[4]);
		cut(p.state, sizeof(p.state), f[5]);
		p.phone_prefix = co_phone_prefix(p.muni);
		add_place(co, &p);
	}
	fclose(in);
	snprintf(path, sizeof(path), "%s/geo/us-zip-centroids.csv", share);
	if (!(in = fopen(path, "r")))
		goto fail;
	while (fgets(line, sizeof(line), in)) {
		if (split_csv(line, f, 3) < 3)
			continue;
		for (size_t m = 0; m < sizeof(metros) / sizeof(metros[0]); m++)
			if (!strncmp(f[0], metros[m].prefix, 3)) {
				struct place p = {
				    .lat = strtod(f[1], NULL), .lon = strtod(f[2], NULL), .us = 1};
				cut(p.code, sizeof(p.code), f[0]);
				cut(p.city, sizeof(p.city), metros[m].city);
				cut(p.state, sizeof(p.state), metros[m].state);
				p.phone_prefix = metros[m].area;
				add_place(us, &p);
			}
	}
	fclose(in);
	if (!co->n || !us->n) {
		buf_printf(why, "no postal codes in %s/geo", share);
		return ERR_INVALID;
	}
	return 0;
fail:
	buf_printf(why, "cannot read %s: %s", path, strerror(errno));
	return ERR_IO;
}

/* the places the demo concentrates on, so "near 050001" finds a dozen services */
static int demo_place(struct rng *r, const struct places *ps, int us)
{
	static const char *const co_focus[] = {"05001", "11001", "76001", "08001", "68001"};
	static const char *const us_focus[] = {"100", "900", "331", "770"};
	for (int tries = 0; tries < 200; tries++) {
		int i = pick(r, ps->n);
		const char *want = us ? us_focus[tries % 4] : co_focus[tries % 5];
		if (us ? !strncmp(ps->p[i].code, want, 3) : !strcmp(ps->p[i].muni, want))
			return i;
	}
	return pick(r, ps->n);
}

/* ---- what services look like ---- */

enum hours { H_OFFICE, H_ALWAYS, H_NIGHT, H_LATE, H_MEALS, H_PANTRY, H_EXTENDED, H_NONE };

struct tmpl {
	const char *term; /* Open Eligibility id */
	const char *name_es, *desc_es, *name_en, *desc_en;
	enum hours hours;
};

static const struct tmpl tmpls[] = {
    {"1121", "Refugio nocturno",
     "Camas, ducha y cena para personas sin hogar; ingreso desde las 7 p. m.", "Overnight Shelter",
     "Beds, showers and dinner for people experiencing homelessness; check-in from 7 pm.", H_NIGHT},
    {"1135", "Hogar de paso para familias",
     "Alojamiento temporal para familias con niños mientras encuentran vivienda.",
     "Family Emergency Shelter",
     "Temporary shelter for families with children while they find housing.", H_ALWAYS},
    {"1126", "Línea de crisis en salud mental",
     "Atención telefónica inmediata para crisis emocionales y riesgo suicida, las 24 horas.",
     "Mental Health Crisis Line",
     "Immediate phone support for emotional crises and suicide risk, 24 hours a day.", H_ALWAYS},
    {"1220", "Consejería psicológica",
     "Sesiones de salud mental con psicólogos para adultos y adolescentes.", "Counseling Services",
     "Mental health counseling with licensed therapists for adults and teens.", H_OFFICE},
    {"1124", "Atención a víctimas de violencia intrafamiliar",
     "Orientación, acompañamiento y rutas de protección para mujeres y familias.",
     "Domestic Violence Support",
     "Safety planning, advocacy and protective orders for survivors of domestic violence.",
     H_ALWAYS},
    {"1130", "Banco de alimentos",
     "Mercados mensuales para familias en situación de vulnerabilidad.", "Food Pantry",
     "Groceries for families in need; bring an ID and proof of address.", H_PANTRY},
    {"1131", "Comedor comunitario",
     "Almuerzo gratuito de lunes a sábado para adultos mayores y niños.", "Community Meals",
     "Free hot lunch Monday to Saturday, no questions asked.", H_MEALS},
    {"1136", "Orientación para vivienda",
     "Ayuda para encontrar arriendo, subsidios de vivienda y trámites.", "Housing Navigation",
     "Help finding rental housing, vouchers and applications.", H_OFFICE},
    {"1158", "Ropero solidario", "Entrega de ropa y calzado para niños y adultos.",
     "Clothing Closet", "Free clothing and shoes for children and adults.", H_OFFICE},
    {"1175", "Transporte para citas médicas",
     "Traslados gratuitos a citas médicas para personas con discapacidad.",
     "Medical Transportation",
     "Free rides to medical appointments for seniors and people with disabilities.", H_EXTENDED},
    {"1178", "Tratamiento de adicciones",
     "Programa ambulatorio de rehabilitación por consumo de alcohol y drogas.",
     "Addiction Recovery Program",
     "Outpatient treatment for alcohol and drug use, with peer support groups.", H_EXTENDED},
    {"1184", "Salud oral", "Consultas odontológicas a bajo costo y urgencias dentales.",
     "Dental Clinic", "Low-cost dental exams, cleanings and emergency dental care.", H_OFFICE},
    {"1206-3", "Centro de salud", "Consulta médica general, vacunación y control prenatal.",
     "Community Health Center",
     "Primary care, vaccinations and prenatal care on a sliding fee scale.", H_EXTENDED},
    {"1280", "Hogar infantil", "Cuidado diurno y alimentación para niños de 2 a 5 años.",
     "Child Care Center", "Daytime care and meals for children aged 2 to 5.", H_OFFICE},
    {"1297", "Orientación laboral",
     "Talleres de hoja de vida, intermediación laboral y capacitación.", "Job Center",
     "Resume help, job placement and training programs.", H_OFFICE},
    {"1305", "Línea de orientación social",
     "Información sobre programas sociales y trámites, por teléfono.",
     "Information and Referral Line",
     "Information about social programs and how to apply, by phone.", H_EXTENDED},
    {"1305", "Línea de escucha nocturna",
     "Escucha y apoyo emocional por teléfono para quien no puede dormir o está solo de noche.",
     "Late-Night Warmline",
     "Peer support by phone for anyone lonely or struggling at night; not a crisis line.", H_LATE},
};

static const char *const org_es_a[] = {"Fundación", "Corporación", "Asociación", "Red", "Centro"};
static const char *const org_es_b[] = {
    "Manos Amigas", "Esperanza",     "Nuevo Amanecer", "San Vicente", "Caminos", "Semillas",
    "Vida Digna",   "La Candelaria", "Arcoíris",       "Santa Clara", "Renacer", "Buen Samaritano"};
static const char *const org_en_a[] = {"Community Services", "Family Center", "Outreach",
				       "Alliance",	     "Helping Hands", "Neighborhood House"};
static const char *const org_en_b[] = {"Harbor",     "Bridgeway", "Hope",	 "St. Mark's",
				       "Lighthouse", "Unity",	  "Cornerstone", "Riverside",
				       "Open Door",  "New Leaf"};
static const char *const co_streets[] = {"Calle", "Carrera", "Avenida", "Diagonal", "Transversal"};
static const char *const us_streets[] = {"Main St",	"Oak Ave",   "Broadway",
					 "Park Ave",	"Elm St",    "Washington Blvd",
					 "Lincoln Ave", "Market St", "2nd Ave"};

/* ---- the files ---- */

enum {
	F_ORG,
	F_SVC,
	F_LOC,
	F_SAL,
	F_ADDR,
	F_PHONE,
	F_SCHED,
	F_AREA,
	F_TAX,
	F_TERM,
	F_ATTR,
	F_LANG,
	F__N
};

static const struct {
	const char *resource, *file, *header;
} files[F__N] = {
    {"organization", "organizations.csv",
     "id,name,alternate_name,description,email,website,tax_status,tax_id,year_incorporated,legal_"
     "status,logo,uri,parent_organization_id"},
    {"service", "services.csv",
     "id,organization_id,program_id,name,alternate_name,description,url,email,status,"
     "interpretation_services,application_process,fees_description,wait_time,fees,accreditations,"
     "eligibility_description,minimum_age,maximum_age,assured_date,assurer_email,licenses,alert,"
     "last_modified"},
    {"location", "locations.csv",
     "id,location_type,url,organization_id,name,alternate_name,description,transportation,latitude,"
     "longitude,external_identifier,external_identifier_type"},
    {"service_at_location", "service_at_location.csv", "id,service_id,location_id,description"},
    {"address", "addresses.csv",
     "id,location_id,attention,address_1,address_2,city,region,state_province,postal_code,country,"
     "address_type"},
    {"phone", "phones.csv",
     "id,location_id,service_id,organization_id,contact_id,service_at_location_id,number,extension,"
     "type,description"},
    {"schedule", "schedules.csv",
     "id,service_id,location_id,service_at_location_id,valid_from,valid_to,dtstart,timezone,until,"
     "count,wkst,freq,interval,byday,byweekno,bymonthday,byyearday,description,opens_at,closes_at,"
     "schedule_link,attending_type,notes"},
    {"service_area", "service_areas.csv", "id,service_id,name,description,extent,extent_type,uri"},
    {"taxonomy", "taxonomies.csv", "id,name,description,uri,version"},
    {"taxonomy_term", "taxonomy_terms.csv",
     "id,code,name,description,parent_id,taxonomy,language,taxonomy_id,term_uri"},
    {"attribute", "attributes.csv", "id,link_id,taxonomy_term_id,link_type,link_entity,value"},
    {"language", "languages.csv", "id,service_id,location_id,phone_id,name,code,note"},
};

#define TAXONOMY_NAME "Open Eligibility"

static void term_uuid(const char *oe, char out[37])
{
	cli_name_uuid("term", TAXONOMY_NAME, oe, out);
}

static int write_terms(const char *share, FILE *tax, FILE *terms, struct buf *why)
{
	char path[1024], line[4096], id[37], parent[37], tid[37];
	char *f[8];
	cli_name_uuid("taxonomy", TAXONOMY_NAME, NULL, tid);
	ROW(tax, tid, TAXONOMY_NAME,
	    "Open Eligibility 2.0 human services taxonomy (Open Eligibility Project / Aunt Bertha, "
	    "Inc., CC BY-SA 3.0)",
	    "https://github.com/auntbertha/openeligibility", "2.0");
	snprintf(path, sizeof(path), "%s/taxonomy/openeligibility-2.0-terms.csv", share);
	FILE *in = fopen(path, "r");
	if (!in) {
		buf_printf(why, "cannot read %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	while (fgets(line, sizeof(line), in)) {
		if (split_csv(line, f, 7) < 7 || !strcmp(f[0], "id"))
			continue;
		term_uuid(f[0], id);
		if (*f[2])
			term_uuid(f[2], parent);
		ROW(terms, id, f[0], f[5], *f[6] ? f[6] : f[5], *f[2] ? parent : "", TAXONOMY_NAME,
		    "", tid, "");
	}
	fclose(in);
	return 0;
}

struct gen {
	struct rng r;
	FILE *f[F__N];
	struct places co, us;
	int demo; /* small: concentrate on a few cities */
};

static void fmt_phone(struct gen *g, const struct place *p, char *out, size_t n)
{
	int a = 200 + pick(&g->r, 800), b = pick(&g->r, 10000);
	if (p->us)
		snprintf(out, n, "(%s) %03d-%04d", p->phone_prefix, a, b);
	else
		snprintf(out, n, "%s %03d %04d", p->phone_prefix, a, b);
}

struct hours_row {
	const char *freq, *byday, *opens, *closes, *desc_es, *desc_en;
};

static void write_hours(struct gen *g, enum hours h, const char *svc, const char *loc,
			const char *sal, int es)
{
	char id[37];
	struct hours_row rows[3];
	int n = 0;
#define H(f, d, o, c, de, dn)                                                                      \
	rows[n++] = (struct hours_row)                                                             \
	{                                                                                          \
		f, d, o, c, de, dn                                                                 \
	}
	switch (h) {
	case H_OFFICE:
		H("WEEKLY", "MO,TU,WE,TH,FR", "08:00:00", "17:00:00",
		  "Lunes a viernes, 8 a. m. a 5 p. m.", "Monday to Friday, 8 am to 5 pm");
		break;
	case H_ALWAYS:
		H("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00:00", "24:00:00",
		  "Las 24 horas, todos los días", "24 hours, every day");
		break;
	case H_NIGHT:
		H("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "19:00:00", "07:00:00",
		  "Todas las noches, 7 p. m. a 7 a. m.", "Every night, 7 pm to 7 am");
		break;
	case H_LATE: /* past midnight, ending in the small hours */
		H("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "18:00:00", "02:00:00",
		  "Todas las noches, 6 p. m. a 2 a. m.", "Every night, 6 pm to 2 am");
		break;
	case H_MEALS:
		H("WEEKLY", "MO,TU,WE,TH,FR,SA", "11:30:00", "14:00:00",
		  "Lunes a sábado, 11:30 a. m. a 2 p. m.", "Monday to Saturday, 11:30 am to 2 pm");
		break;
	case H_PANTRY:
		H("WEEKLY", "TU,TH", "14:00:00", "18:00:00", "Martes y jueves, 2 a 6 p. m.",
		  "Tuesday and Thursday, 2 to 6 pm");
		H("MONTHLY", "1SA,3SA", "09:00:00", "12:00:00",
		  "Primer y tercer sábado, 9 a. m. a 12 m.",
		  "First and third Saturday, 9 am to noon");
		break;
	case H_EXTENDED:
		H("WEEKLY", "MO,TU,WE,TH,FR", "07:00:00", "21:00:00",
		  "Lunes a viernes, 7 a. m. a 9 p. m.", "Monday to Friday, 7 am to 9 pm");
		H("WEEKLY", "SA", "08:00:00", "13:00:00", "Sábados, 8 a. m. a 1 p. m.",
		  "Saturday, 8 am to 1 pm");
		break;
	case H_NONE:
		break;
	}
#undef H
	for (int i = 0; i < n; i++) {
		uuid(&g->r, id);
		ROW(g->f[F_SCHED], id, svc, loc, sal, "", "", "", "", "", "", "", rows[i].freq, "1",
		    rows[i].byday, "", "", "", es ? rows[i].desc_es : rows[i].desc_en,
		    rows[i].opens, rows[i].closes, "", "in_person", "");
	}
}

/* one service area: the municipality (Colombia) or a ZIP-code district (US) */
static void write_area(struct gen *g, const char *svc, const struct place *p)
{
	char id[37], extent[2048] = "", name[128];
	uuid(&g->r, id);
	if (!p->us) {
		/* by municipality: every postal code of it */
		size_t k = 0;
		for (int i = 0; i < g->co.n && k + 8 < sizeof(extent); i++)
			if (!strcmp(g->co.p[i].muni, p->muni))
				k += (size_t)snprintf(extent + k, sizeof(extent) - k, "%s%s",
						      k ? " " : "", g->co.p[i].code);
		snprintf(name, sizeof(name), "%s", p->city);
		ROW(g->f[F_AREA], id, svc, name, "Municipio completo", extent, "text", "");
		return;
	}
	/* the ZIP codes of the same 4-digit district, e.g. 9001x "Downtown Los Angeles" */
	size_t k = 0;
	for (int i = 0; i < g->us.n && k + 7 < sizeof(extent); i++)
		if (!strncmp(g->us.p[i].code, p->code, 4))
			k += (size_t)snprintf(extent + k, sizeof(extent) - k, "%s%s", k ? " " : "",
					      g->us.p[i].code);
	snprintf(name, sizeof(name), "%s %.4sx", p->city, p->code);
	ROW(g->f[F_AREA], id, svc, name, "ZIP codes served", extent, "text", "");
}

static void write_location(struct gen *g, const char *org, const char *org_name, int es,
			   char loc_id[37], const struct place **ret_place)
{
	const struct places *ps = es ? &g->co : &g->us;
	const struct place *p = &ps->p[g->demo ? demo_place(&g->r, ps, !es) : pick(&g->r, ps->n)];
	char id[37], lat[32], lon[32], street[128], phone[40], name[256];
	uuid(&g->r, loc_id);
	/* a few hundred metres around the postal code's point */
	snprintf(lat, sizeof(lat), "%.6f", p->lat + (unit(&g->r) - 0.5) * 0.02);
	snprintf(lon, sizeof(lon), "%.6f", p->lon + (unit(&g->r) - 0.5) * 0.02);
	snprintf(name, sizeof(name), "%s - %s%s", org_name, es ? "Sede " : "", p->city);
	ROW(g->f[F_LOC], loc_id, "physical", "", org, name, "", "", "", lat, lon, "", "");
	if (es)
		snprintf(street, sizeof(street), "%s %d # %d-%d", co_streets[pick(&g->r, 5)],
			 1 + pick(&g->r, 120), 1 + pick(&g->r, 99), 1 + pick(&g->r, 99));
	else
		snprintf(street, sizeof(street), "%d %s", 10 + pick(&g->r, 9000),
			 us_streets[pick(&g->r, 9)]);
	uuid(&g->r, id);
	ROW(g->f[F_ADDR], id, loc_id, "", street, "", p->city, "", p->state, p->code,
	    es ? "CO" : "US", "physical");
	uuid(&g->r, id);
	fmt_phone(g, p, phone, sizeof(phone));
	ROW(g->f[F_PHONE], id, loc_id, "", "", "", "", phone, "", "voice",
	    es ? "Recepción" : "Front desk");
	*ret_place = p;
}

static void write_org(struct gen *g, long *left)
{
	int es = pick(&g->r, 10) < 6;
	char org[37], id[37], name[160], email[160], phone[40];
	uuid(&g->r, org);
	if (es)
		snprintf(name, sizeof(name), "%s %s", org_es_a[pick(&g->r, 5)],
			 org_es_b[pick(&g->r, 12)]);
	else
		snprintf(name, sizeof(name), "%s %s", org_en_b[pick(&g->r, 10)],
			 org_en_a[pick(&g->r, 6)]);
	snprintf(email, sizeof(email), "info%.8s@example.org", org);
	ROW(g->f[F_ORG], org, name, "",
	    es ? "Organización sin ánimo de lucro que atiende a población vulnerable."
	       : "Nonprofit organization serving low-income residents.",
	    email, "", "", "", "", "", "", "", "");
	/*
	 * services and sites as directories have them, 1.5 sites per service on
	 * average: n services (1 to 3) at n to 2n sites (1.5 n on average). Every
	 * site is home to one of them, so every service has a site, and some
	 * services are also offered at a sibling's site (counselling at the
	 * shelter): a site then serves several services
	 */
	int nsvc = 1 + pick(&g->r, 3);
	if (nsvc > *left)
		nsvc = (int)*left;
	int nloc = nsvc + pick(&g->r, nsvc + 1);
	char locs[6][37];
	const struct place *places[6];
	for (int i = 0; i < nloc; i++)
		write_location(g, org, name, es, locs[i], &places[i]);
	unsigned sites[3] = {0, 0, 0}; /* per service: bit i = at locs[i] */
	int home = pick(&g->r, nsvc);
	for (int i = 0; i < nloc; i++)
		sites[(home + i) % nsvc] |= 1u << i;
	for (int s = 0; s < nsvc; s++)
		if (nloc > 1 && pick(&g->r, 10) < 3)
			sites[s] |= 1u << pick(&g->r, nloc);
	for (int s = 0; s < nsvc; s++, (*left)--) {
		const struct tmpl *t = &tmpls[pick(&g->r, (int)(sizeof(tmpls) / sizeof(tmpls[0])))];
		char svc[37], term[37], sname[200];
		uuid(&g->r, svc);
		snprintf(sname, sizeof(sname), "%s %s", es ? t->name_es : t->name_en,
			 es ? org_es_b[pick(&g->r, 12)] : org_en_b[pick(&g->r, 10)]);
		ROW(g->f[F_SVC], svc, org, "", sname, "", es ? t->desc_es : t->desc_en, "", "",
		    "active", "", "", es ? "Gratuito" : "Free", "", "", "", "", "", "", "", "", "",
		    "", "");
		term_uuid(t->term, term);
		uuid(&g->r, id);
		ROW(g->f[F_ATTR], id, svc, term, "", "service", "");
		uuid(&g->r, id);
		ROW(g->f[F_LANG], id, svc, "", "", es ? "Español" : "English", es ? "es" : "en",
		    "");
		if (!es && pick(&g->r, 3) == 0) {
			uuid(&g->r, id);
			ROW(g->f[F_LANG], id, svc, "", "", "Spanish", "es", "");
		}
		/* a line of its own for crisis and referral lines */
		if (t->hours == H_ALWAYS || !strcmp(t->term, "1305")) {
			uuid(&g->r, id);
			fmt_phone(g, places[0], phone, sizeof(phone));
			ROW(g->f[F_PHONE], id, "", svc, "", "", "", phone, "", "voice",
			    es ? "Línea directa" : "Hotline");
		}
		int first = -1;
		for (int li = 0; li < nloc; li++) {
			if (!(sites[s] & 1u << li))
				continue;
			if (first < 0)
				first = li;
			char sal[37];
			uuid(&g->r, sal);
			ROW(g->f[F_SAL], sal, svc, locs[li], "");
			write_hours(g, t->hours, svc, locs[li], sal, es);
		}
		if (pick(&g->r, 10) < 7)
			write_area(g, svc, places[first]);
	}
}

static int write_datapackage(const char *dir, struct buf *why)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/datapackage.json", dir);
	FILE *f = fopen(path, "w");
	if (!f) {
		buf_printf(why, "cannot write %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	fputs("{\n  \"name\": \"faro-demo-directory\",\n  \"title\": \"Faro synthetic demo "
	      "directory (HSDS 3.0)\",\n"
	      "  \"profile\": \"tabular-data-package\",\n  \"resources\": [\n",
	      f);
	for (int i = 0; i < F__N; i++)
		fprintf(f,
			"    {\"name\": \"%s\", \"path\": \"%s\", \"profile\": "
			"\"tabular-data-resource\"}%s\n",
			files[i].resource, files[i].file, i + 1 < F__N ? "," : "");
	fputs("  ]\n}\n", f);
	return fclose(f) ? ERR_IO : 0;
}

int demo_directory_write(const char *dir, long services, unsigned long seed, const char *share_dir,
			 struct buf *why)
{
	struct gen g;
	int rc = 0;
	memset(&g, 0, sizeof(g));
	g.r.s = seed;
	g.demo = services <= 2000;
	if (services < 1 || services > 10000000) {
		buf_puts(why, "services must be between 1 and 10,000,000");
		return ERR_INVALID;
	}
	if ((rc = load_places(share_dir, &g.co, &g.us, why)))
		goto out;
	for (int i = 0; i < F__N; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].file);
		if (!(g.f[i] = fopen(path, "w"))) {
			buf_printf(why, "cannot write %s: %s", path, strerror(errno));
			rc = ERR_IO;
			goto out;
		}
		fprintf(g.f[i], "%s\r\n", files[i].header);
	}
	if ((rc = write_terms(share_dir, g.f[F_TAX], g.f[F_TERM], why)))
		goto out;
	long left = services;
	while (left > 0)
		write_org(&g, &left);
	rc = write_datapackage(dir, why);
out:
	for (int i = 0; i < F__N; i++)
		if (g.f[i] && fclose(g.f[i]) && !rc) {
			buf_printf(why, "cannot write %s", files[i].file);
			rc = ERR_IO;
		}
	free(g.co.p);
	free(g.us.p);
	return rc;
}

int demo_directory_load(struct app *app, long services, FILE *out, FILE *err)
{
	struct db_tx *tx;
	int64_t n = 0;
	int rc = store_begin(app->store, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = store_hsds_count(tx, HSDS_SERVICE, &n);
	store_rollback(tx);
	if (rc || n)
		return rc;
	char dir[] = "/tmp/faro-demo-directory-XXXXXX";
	if (!mkdtemp(dir)) {
		fprintf(err, "faro: cannot create a temporary folder: %s\n", strerror(errno));
		return ERR_IO;
	}
	struct buf why = BUF_INIT(1024);
	const char *share = getenv("FARO_SHARE_DIR");
	rc = demo_directory_write(dir, services, 1, share && *share ? share : "share", &why);
	if (rc)
		fprintf(err, "faro: demo directory: %s\n", why.data);
	else if (!(rc = cli_resources_import(app, dir, 0, NULL, err)))
		fprintf(out,
			"Resource directory: %ld demo services loaded and indexed for search.\n",
			services);
	buf_release(&why);
	DIR *d = opendir(dir);
	for (struct dirent *de; d && (de = readdir(d));) {
		char p[sizeof(dir) + 300];
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	return rc;
}
