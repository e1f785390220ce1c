/*
 * care_route.h: Activar Ruta as rules: the care routes a task can request,
 * the states of a request (requested -> acknowledged -> completed), who may
 * move it, and what is locked once it is requested; no I/O.
 */
#ifndef FARO_CARE_ROUTE_H
#define FARO_CARE_ROUTE_H

#include <stdint.h>

#include "domain/roles.h"

struct buf;

enum route_state { ROUTE_REQUESTED, ROUTE_ACKNOWLEDGED, ROUTE_COMPLETED, ROUTE_STATE__N };

/* the stable codes of the states, NULL-ended, in enum order */
extern const char *const route_states[];
/* the states a move may ask for (a request starts as requested), NULL-ended */
extern const char *const route_move_states[];
/* the care routes a task can activate, NULL-ended; the interface names them (es/en catalogs) */
extern const char *const route_types[];

/* who works route activations: the coordinators, and the leads who oversee them */
#define ROUTE_MOVERS (ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_SUPERVISOR) | ROLE_BIT(ROLE_ADMIN))

/* route_state_of: the state named s, or -1 (s may be NULL). */
int route_state_of(const char *s);
/* route_type_valid: 1 when s is one of route_types. */
int route_type_valid(const char *s);
/* route_type_names: the Spanish and English names of a route type (the code itself when unknown).
 */
void route_type_names(const char *type, const char **ret_es, const char **ret_en);

/* which rule refused a request or a move */
enum route_refusal {
	ROUTE_REFUSE_NONE,
	ROUTE_REFUSE_TYPE_REQUIRED, /* activating needs a route type */
	ROUTE_REFUSE_TYPE_LOCKED,   /* the type of a requested route cannot change */
	ROUTE_REFUSE_WITHDRAW,	    /* a requested route cannot be withdrawn */
	ROUTE_REFUSE_NO_ROUTE,	    /* the task has no Activar Ruta */
	ROUTE_REFUSE_ROLE,	    /* the user's role may not move routes */
	ROUTE_REFUSE_STATE,	    /* not a state a move may ask for */
	ROUTE_REFUSE_STEP,	    /* not the next step from the current state */
};

/* a task's save, as far as its route goes */
struct route_request_in {
	const char
	    *type_before; /* the stored route type; NULL: none requested yet (or a new task) */
	int activate;	  /* route_activate: 1 true, 0 false, -1 not given */
	const char *type; /* route_type as given (a known type), NULL: not given */
};

struct route_request_out {
	enum route_refusal refusal;
	const char *type; /* the task's route type after the save; NULL: none */
	int requested;	  /* 1: this save requests the route (state requested, stamped now) */
};

/*
 * route_request_check: what a save of a task does to its route. A route is
 * requested by activate with a type; once requested its type cannot change
 * and it cannot be withdrawn (giving the same type again, or activate true,
 * is fine). 0, or ERR_INVALID with ret->refusal (TYPE_REQUIRED,
 * TYPE_LOCKED, WITHDRAW) and a sentence in why (may be NULL).
 */
int route_request_check(const struct route_request_in *in, struct route_request_out *ret,
			struct buf *why);

/* a move of a requested route */
struct route_move_in {
	const char *type;	  /* the task's route type; NULL: the task has no route */
	const char *state_before; /* its stored state */
	const char *state;	  /* the state asked for */
	enum role role;		  /* who moves it */
};

struct route_move_out {
	enum route_refusal refusal;
	enum route_state
	    to; /* ROUTE_ACKNOWLEDGED or ROUTE_COMPLETED: which time and user to stamp */
	const char *action; /* the audit action: "route.acknowledge" or "route.complete" */
};

/*
 * route_move_check: whether role may move a route from state_before to
 * state: forward one step at a time (requested -> acknowledged ->
 * completed), by ROUTE_MOVERS only. 0, or: ERR_FORBIDDEN (ROLE),
 * ERR_NOT_FOUND (NO_ROUTE: a task without Activar Ruta has no activation),
 * ERR_INVALID (STATE), ERR_CONFLICT (STEP), with ret->refusal and a sentence in why (may be NULL).
 */
int route_move_check(const struct route_move_in *in, struct route_move_out *ret, struct buf *why);

#endif
