/*
 * people_gen.c: the profiles of bench/area_people.sh, with Colombian name
 * frequencies: a few first names and surnames are very common (María,
 * José, Rodríguez, Gómez...), then a long tail of rare ones, as in a real
 * helpline's directory. Compound first names (María José, Juan Carlos) and
 * two surnames, as Colombians write them.
 *
 *   people_gen N DIR     writes DIR/profiles.tsv (id, display, first, last, alias, name_fold),
 *                        DIR/terms.tsv (id, the name index terms, space-separated: the
 *                        server's own name_keys) and DIR/phones.tsv (profile_id,
 *                        position, e164, raw, type): +573 and 9 digits, 2 id and 2 id + 1.
 *   people_gen words     prints the common vocabulary, "first WORD" / "last WORD" lines
 *
 * Deterministic (a fixed seed): the same data on SQLite and PostgreSQL.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fold.h"
#include "domain/people/name_key.h"

/* most frequent first */
static const char *const female[] = {
    "María",	"Luz",	     "Ana",	 "Martha",  "Sandra",	 "Claudia", "Diana",	"Paula",
    "Laura",	"Andrea",    "Carolina", "Ángela",  "Gloria",	 "Blanca",  "Rosa",	"Carmen",
    "Patricia", "Adriana",   "Liliana",	 "Natalia", "Valentina", "Daniela", "Camila",	"Sofía",
    "Juliana",	"Alejandra", "Mónica",	 "Yolanda", "Esperanza", "Beatriz", "Fernanda", "Isabel",
    "Elena",	"Marina",    "Teresa",	 "Lucía",   "Ximena",	 "Mariana", "Gabriela", "Luisa",
    "Yenny",	"Yuliana",   "Leidy",	 "Johana",  "Viviana",	 "Paola",   "Marcela",	"Nelly",
    "Stella",	"Amparo",    "Mercedes", "Inés",    "Olga",	 "Cecilia"};
static const char *const male[] = {
    "José",	 "Juan",      "Luis",	  "Carlos",   "Jorge",	   "Andrés",  "Jhon",	 "Óscar",
    "Fernando",	 "Diego",     "David",	  "Miguel",   "Alejandro", "Javier",  "Jaime",	 "Julián",
    "Mauricio",	 "Sebastián", "Santiago", "Felipe",   "Manuel",	   "Antonio", "Alberto", "Eduardo",
    "Ricardo",	 "Daniel",    "Camilo",	  "Cristian", "Fabián",	   "Hernán",  "Édwin",	 "William",
    "Alexander", "Nelson",    "Héctor",	  "Pedro",    "Pablo",	   "Rafael",  "Gustavo", "Mario",
    "Álvaro",	 "Germán",    "Iván",	  "Rubén",    "Wilson",	   "Jesús"};
static const char *const surnames[] = {
    "Rodríguez", "Gómez",    "González", "Martínez",  "García",	   "López",    "Hernández",
    "Sánchez",	 "Ramírez",  "Pérez",	 "Díaz",      "Muñoz",	   "Rojas",    "Moreno",
    "Jiménez",	 "Vargas",   "Castro",	 "Gutiérrez", "Álvarez",   "Romero",   "Ortiz",
    "Torres",	 "Suárez",   "Valencia", "Quintero",  "Restrepo",  "Ramos",    "Mejía",
    "Herrera",	 "Castillo", "Osorio",	 "Cardona",   "Giraldo",   "Marín",    "Guerrero",
    "Ruiz",	 "Salazar",  "Medina",	 "Aguilar",   "Parra",	   "Zapata",   "Vásquez",
    "Ospina",	 "Rincón",   "Arias",	 "Cárdenas",  "Rivera",	   "Mendoza",  "Jaramillo",
    "Cruz",	 "Correa",   "Montoya",	 "Peña",      "Pineda",	   "Morales",  "Vélez",
    "Acosta",	 "Molina",   "Sierra",	 "Franco",    "Cortés",	   "Bermúdez", "Escobar",
    "Guzmán",	 "Becerra",  "Duarte",	 "Ocampo",    "Londoño",   "Gil",      "Mora",
    "Bedoya",	 "Villa",    "Henao",	 "Benavides", "Cifuentes", "Agudelo",  "Barrera",
    "Calderón",	 "Hurtado",  "Orozco",	 "Patiño",    "Rueda",	   "Carvajal", "Velásquez",
    "Bustos",	 "Arango",   "Muñetón"};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define TAIL	 30000 /* rare names made of syllables: a directory's long tail */
static const char *const syl[] = {"ba", "ca", "da", "fe",  "ga", "gui", "la",  "lo",  "ma", "mi",
				  "na", "no", "pa", "que", "ra", "ri",	"sa",  "so",  "ta", "to",
				  "va", "ve", "ya", "za",  "ño", "rro", "lla", "chi", "jo", "be"};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) /* splitmix64 */
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static double unit(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

/* a word from list by rank (weight 1 / (rank + flat)), or from the tail with probability tail */
static const char *pick(const char *const *list, int n, double flat, double tail, char *spare)
{
	if (unit() < tail) {
		uint64_t k = next() % TAIL;
		size_t len = 0;
		for (int i = 0; i < 3; i++, k /= COUNT(syl)) /* 3 syllables of at most 3 bytes */
			len += (size_t)snprintf(spare + len, 16 - len, "%s", syl[k % COUNT(syl)]);
		if (spare[0] >= 'a' && spare[0] <= 'z')
			spare[0] = (char)(spare[0] - 32);
		return spare;
	}
	double total = 0, x;
	for (int i = 0; i < n; i++)
		total += 1.0 / (i + flat);
	x = unit() * total;
	for (int i = 0; i < n; i++)
		if ((x -= 1.0 / (i + flat)) <= 0)
			return list[i];
	return list[n - 1];
}

static int gen(long n, const char *dir)
{
	char path[4096];
	FILE *fp, *ft, *fh;
	snprintf(path, sizeof(path), "%s/profiles.tsv", dir);
	fp = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/terms.tsv", dir);
	ft = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/phones.tsv", dir);
	fh = fopen(path, "w");
	if (!fp || !ft || !fh) {
		perror("people_gen");
		return 1;
	}
	for (long id = 1; id <= n; id++) {
		char s1[16], s2[16], s3[16], s4[16], first[64], last[64], all[160];
		int woman = unit() < 0.52;
		const char *const *fl = woman ? female : male;
		int fn = woman ? COUNT(female) : COUNT(male);
		const char *f1 = pick(fl, fn, woman ? 1.2 : 2.0, 0.05, s1), *f2 = NULL;
		if (unit() < 0.45) /* a compound first name: María José, Juan Carlos */
			do
				f2 = pick(fl, fn, 3.0, 0.05, s2);
			while (!strcmp(f2, f1));
		snprintf(first, sizeof(first), "%s%s%s", f1, f2 ? " " : "", f2 ? f2 : "");
		snprintf(last, sizeof(last), "%s %s", pick(surnames, COUNT(surnames), 4.0, 0.2, s3),
			 pick(surnames, COUNT(surnames), 4.0, 0.2, s4));
		snprintf(all, sizeof(all), "%s %s", first, last);
		struct buf fold = BUF_INIT(512);
		struct arena a;
		const char **keys;
		int nk;
		arena_init(&a);
		fold_text(all, strlen(all), &fold);
		name_keys(fold.data, &a, &keys, &nk);
		fprintf(fp, "%ld\t%s\t%s\t%s\t\\N\t%s\n", id, all, first, last, fold.data);
		fprintf(ft, "%ld\t", id);
		for (int k = 0; k < nk; k++)
			fprintf(ft, "%s%s", k ? " " : "", keys[k]);
		fputc('\n', ft);
		fprintf(fh, "%ld\t0\t+573%09ld\t3%ld\tmobile\n%ld\t1\t+573%09ld\t3%ld\thome\n", id,
			2 * id, 2 * id, id, 2 * id + 1, 2 * id + 1);
		arena_release(&a);
		buf_release(&fold);
	}
	return fclose(fp) | fclose(ft) | fclose(fh) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3)
		return gen(atol(argv[1]), argv[2]);
	if (argc == 2 && !strcmp(argv[1], "words")) {
		for (int i = 0; i < COUNT(female); i++)
			printf("first %s\n", female[i]);
		for (int i = 0; i < COUNT(male); i++)
			printf("first %s\n", male[i]);
		for (int i = 0; i < COUNT(surnames); i++)
			printf("last %s\n", surnames[i]);
		return 0;
	}
	fprintf(stderr, "usage: people_gen N DIR | people_gen words\n");
	return 2;
}
