/* care_route.c: Activar Ruta's types, states and steps, and what a task's save does to it. */
#include "domain/activities/care_route.h"

#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/banned.h"

const char *const route_states[] = {"requested", "acknowledged", "completed", NULL};
const char *const route_move_states[] = {"acknowledged", "completed", NULL};

static const struct {
	const char *type, *es, *en;
} route_names[] = {
    {"mental_health", "Salud mental", "Mental health"},
    {"suicide_risk", "Riesgo suicida", "Suicide risk"},
    {"gender_violence", "Violencia de género", "Gender-based violence"},
    {"child_protection", "Protección de niñas, niños y adolescentes", "Child protection"},
    {"substance_use", "Consumo de sustancias", "Substance use"},
    {"health_services", "Servicios de salud", "Health services"},
    {"social_services", "Servicios sociales", "Social services"},
    {"other", "Otra", "Other"},
};

const char *const route_types[] = {"mental_health",    "suicide_risk",	"gender_violence",
				   "child_protection", "substance_use", "health_services",
				   "social_services",  "other",		NULL};

int route_state_of(const char *s)
{
	for (int i = 0; s && route_states[i]; i++)
		if (!strcmp(route_states[i], s))
			return i;
	return -1;
}

int route_type_valid(const char *s)
{
	for (int i = 0; s && route_types[i]; i++)
		if (!strcmp(route_types[i], s))
			return 1;
	return 0;
}

void route_type_names(const char *type, const char **ret_es, const char **ret_en)
{
	*ret_es = *ret_en = type;
	for (size_t i = 0; i < sizeof(route_names) / sizeof(route_names[0]); i++)
		if (!strcmp(route_names[i].type, type)) {
			*ret_es = route_names[i].es;
			*ret_en = route_names[i].en;
		}
}

/* refuses with r and the sentence msg; returns e */
static int refuse(enum route_refusal *dst, enum route_refusal r, int e, struct buf *why,
		  const char *msg)
{
	*dst = r;
	if (why)
		buf_puts(why, msg);
	return e;
}

int route_request_check(const struct route_request_in *in, struct route_request_out *ret,
			struct buf *why)
{
	*ret = (struct route_request_out){ROUTE_REFUSE_NONE, in->type_before, 0};
	if (in->activate == 1 && !in->type_before) {
		if (!in->type)
			return refuse(&ret->refusal, ROUTE_REFUSE_TYPE_REQUIRED, ERR_INVALID, why,
				      "Choose which care route to activate.");
		ret->type = in->type;
		ret->requested = 1;
	} else if (in->type && in->type_before && strcmp(in->type, in->type_before)) {
		return refuse(&ret->refusal, ROUTE_REFUSE_TYPE_LOCKED, ERR_INVALID, why,
			      "The route was already requested; it cannot change.");
	}
	if (in->activate == 0 && in->type_before)
		return refuse(&ret->refusal, ROUTE_REFUSE_WITHDRAW, ERR_INVALID, why,
			      "The route was already requested; it cannot be withdrawn.");
	return 0;
}

int route_move_check(const struct route_move_in *in, struct route_move_out *ret, struct buf *why)
{
	*ret = (struct route_move_out){ROUTE_REFUSE_NONE, ROUTE_REQUESTED, NULL};
	if (!role_allowed(in->role, ROUTE_MOVERS))
		return refuse(&ret->refusal, ROUTE_REFUSE_ROLE, ERR_FORBIDDEN, why,
			      "Only coordinators, supervisors and admins move route activations.");
	int to = route_state_of(in->state);
	if (to != ROUTE_ACKNOWLEDGED && to != ROUTE_COMPLETED)
		return refuse(&ret->refusal, ROUTE_REFUSE_STATE, ERR_INVALID, why,
			      "state must be acknowledged or completed");
	if (!in->type)
		return refuse(&ret->refusal, ROUTE_REFUSE_NO_ROUTE, ERR_NOT_FOUND, why,
			      "The task has no route activation.");
	/* forward one step at a time: requested -> acknowledged -> completed */
	if (route_state_of(in->state_before) != to - 1)
		return refuse(&ret->refusal, ROUTE_REFUSE_STEP, ERR_CONFLICT, why,
			      to == ROUTE_ACKNOWLEDGED
				  ? "Only a requested route can be acknowledged."
				  : "Only an acknowledged route can be completed.");
	ret->to = (enum route_state)to;
	ret->action = to == ROUTE_ACKNOWLEDGED ? "route.acknowledge" : "route.complete";
	return 0;
}
