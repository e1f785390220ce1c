/*
 * cli_demo_people.c: Spanish demo profiles and cases for `faro serve
 * --demo`, written through the same field rules as the API so the demo
 * never holds what the interface could not have saved.
 */
#include <inttypes.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/jsonx.h"
#include "domain/people/people_rules.h"
#include "api/api.h"
#include "cli/cli.h"
#include "api/cases/api_cases.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

static const char *const demo_profiles[] = {
    "{\"first_name\":\"María José\",\"last_name\":\"Gómez Rincón\",\"phones\":[{\"number\":\"300 "
    "123 4567\",\"type\":\"mobile\"}],"
    "\"emails\":[\"majo.gomez@correo.invalid\"],\"address\":\"Calle 45 # 12-30, "
    "Bogotá\",\"postal_code\":\"110311\","
    "\"language\":\"es\",\"birth_date\":\"1991-03-14\",\"gender\":\"female\",\"demographics\":{"
    "\"occupation\":\"employed\",\"city\":\"Bogotá\"},"
    "\"health_history\":\"Episodios de ansiedad desde 2021. En tratamiento con psicología en su "
    "EPS.\","
    "\"support_network\":[{\"name\":\"Luis Gómez\",\"relation\":\"hermano\",\"phone\":\"310 555 "
    "0101\"}],\"flags\":[\"repeat_caller\"]}",
    "{\"first_name\":\"José\",\"last_name\":\"Hernández\",\"phones\":[{\"number\":\"+57 315 987 "
    "6543\",\"type\":\"mobile\"},"
    "{\"number\":\"601 345 "
    "6789\",\"type\":\"home\"}],\"age_range\":\"46-59\",\"gender\":\"male\",\"language\":\"es\","
    "\"health_history\":\"Diabetes tipo 2. Duelo reciente "
    "(esposa).\",\"support_network\":[{\"name\":\"Ana "
    "Hernández\",\"relation\":\"hija\",\"phone\":\"320 111 2233\"}]}",
    "{\"alias\":\"La señora del martes\",\"anonymous\":true,\"phones\":[{\"number\":\"301 222 "
    "3344\"}],\"age_range\":\"60+\","
    "\"flags\":[\"repeat_caller\",\"do_not_call\"],\"notes\":\"Prefiere que no se le devuelva la "
    "llamada.\"}",
    "{\"first_name\":\"Valentina\",\"last_name\":\"González\",\"phones\":[{\"number\":\"318 444 "
    "5566\"}],\"birth_date\":\"2009-07-02\","
    "\"gender\":\"female\",\"flags\":[\"minor\"],\"support_network\":[{\"name\":\"Rosa "
    "Pérez\",\"relation\":\"madre\",\"phone\":\"318 444 5500\"}]}",
    "{\"first_name\":\"Andrés\",\"last_name\":\"Quintero\",\"phones\":[{\"number\":\"312 777 "
    "8899\"}],\"emails\":[\"andres.q@correo.invalid\"],"
    "\"age_range\":\"26-35\",\"gender\":\"male\",\"address\":\"Carrera 7 # 80-15, "
    "Medellín\",\"postal_code\":\"050021\"}",
    "{\"first_name\":\"Ximena\",\"last_name\":\"Cárdenas\",\"phones\":[{\"number\":\"304 888 "
    "9900\"}],\"age_range\":\"18-25\",\"gender\":\"female\","
    "\"health_history\":\"Refiere ideación suicida en 2024; plan de seguridad "
    "acordado.\",\"flags\":[\"safety_risk\"]}",
    "{\"first_name\":\"Yolanda\",\"last_name\":\"Llanos\",\"phones\":[{\"number\":\"311 000 "
    "1122\"}],\"age_range\":\"60+\",\"gender\":\"female\","
    "\"language\":\"es\",\"address\":\"Vereda El Salitre, Chía\"}",
    "{\"first_name\":\"Camilo\",\"last_name\":\"Rodríguez\",\"phones\":[{\"number\":\"316 123 "
    "0000\"}],\"age_range\":\"36-45\",\"gender\":\"male\"}",
    "{\"first_name\":\"Lucía\",\"last_name\":\"Martínez\",\"phones\":[{\"number\":\"305 246 "
    "8100\"}],\"emails\":[\"lucia.martinez@correo.invalid\"],"
    "\"birth_date\":\"1985-11-23\",\"gender\":\"female\",\"language\":\"en\",\"flags\":["
    "\"interpreter_needed\"]}",
    "{\"alias\":\"Don Chepe\",\"phones\":[{\"number\":\"300 999 "
    "0000\"}],\"age_range\":\"60+\",\"gender\":\"male\"}",
};

/* cases: profile index, subject, status, priority, category, assignee username */
static const struct {
	int profile;
	const char *subject, *status, *priority, *category, *assignee;
} demo_cases[] = {
    {0, "Crisis de ansiedad en el trabajo", "in_progress", "high", "salud mental", "agente"},
    {0, "Seguimiento a remisión psicológica", "waiting", "normal", "salud mental", "agente"},
    {1, "Duelo por fallecimiento de la esposa", "open", "normal", "duelo", "agente"},
    {3, "Acoso escolar", "open", "urgent", "violencias", "supervisora"},
    {4, "Orientación sobre subsidio de vivienda", "closed", "low", "orientación social",
     "agent.en"},
    {5, "Plan de seguridad: ideación suicida", "in_progress", "urgent", "salud mental", "agente"},
    {6, "Soledad y aislamiento", "open", "normal", "adulto mayor", NULL},
    {8, "Violencia intrafamiliar: orientación legal", "waiting", "high", "violencias",
     "supervisora"},
};

static int64_t user_id_of(struct db_tx *tx, struct arena *a, const char *username)
{
	struct user_rec u;
	return username && !store_user_by_name(tx, a, username, &u) ? u.id : 0;
}

int people_demo_seed(struct app *app, struct req *rq)
{
	struct field_err e = FIELD_ERR_INIT;
	struct db_tx *tx = NULL;
	int64_t ids[sizeof(demo_profiles) / sizeof(demo_profiles[0])];
	int rc = store_begin(app->store, STORE_WRITE, &tx);
	if (rc)
		goto out;
	const char *country = people_country(tx, &rq->arena);
	int64_t agent = user_id_of(tx, &rq->arena, "agente");
	for (size_t i = 0; i < sizeof(demo_profiles) / sizeof(demo_profiles[0]); i++) {
		struct profile_rec p = {0};
		const char **keys;
		int nkeys;
		json_t *body = jsonx_parse(demo_profiles[i], strlen(demo_profiles[i]), 8, NULL);
		rc = body ? profile_apply(body, &p, country, rq, &e, NULL) : ERR_INTERNAL;
		if (!rc && !(rc = profile_search_keys(&p, &rq->arena, &keys, &nkeys)))
			rc = store_profile_insert(tx, &p, keys, nkeys, agent, rq->now_ms, &ids[i]);
		json_decref(body);
		if (rc || (rc = api_audit_as(tx, rq, 0, "cli", "profile.create", "profile", ids[i],
					     NULL)))
			goto out;
	}
	int year = case_year_of(rq->now_ms);
	for (size_t i = 0; i < sizeof(demo_cases) / sizeof(demo_cases[0]); i++) {
		int64_t n, id;
		struct case_rec c = {
		    .profile_id = ids[demo_cases[i].profile],
		    .subject = demo_cases[i].subject,
		    .status = demo_cases[i].status,
		    .priority = demo_cases[i].priority,
		    .category = demo_cases[i].category,
		    .assigned_user_id = user_id_of(tx, &rq->arena, demo_cases[i].assignee),
		    .closed_ms = strcmp(demo_cases[i].status, "closed") ? 0 : rq->now_ms};
		if ((rc = store_case_next_number(tx, year, &n)))
			goto out;
		c.number = arena_printf(&rq->arena, "CAS-%d-%06" PRId64, year, n);
		if ((rc = store_case_insert(tx, &c, agent, rq->now_ms, &id)) ||
		    (rc = api_audit_as(tx, rq, 0, "cli", "case.create", "case", id, NULL)))
			goto out;
	}
	rc = store_commit(tx);
	tx = NULL;
out:
	store_rollback(tx);
	buf_release(&e.msg);
	return rc;
}
