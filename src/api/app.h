/* app.h: what every handler shares: the store, the live-event hub and the settings. */
#ifndef FARO_APP_H
#define FARO_APP_H

#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>

struct store;
struct sse_hub;

struct app_config {
	int64_t idle_timeout_ms;     /* a session unused this long ends */
	int64_t absolute_timeout_ms; /* a session ends this long after login, used or not */
	int max_sessions;	     /* per account; a new login ends the oldest beyond this */
	int secure_cookies;	     /* TLS in front: Secure; __Host- prefix */
	const char *public_origin;   /* e.g. "https://faro.example.org"; NULL: same as Host */
	const char
	    *coordinators_email; /* comma-separated: Activar Ruta mail goes there; NULL: none */
	int search_per_minute;	 /* people searches and lookups per account a minute; 0: the default
				  */
};

struct app {
	struct store *store;
	struct sse_hub *hub;
	struct app_config cfg;
	pthread_mutex_t events_lock; /* serialises delivery so each event goes out once, in order */
	int64_t events_last_id;
	sem_t hash_slots; /* bounds concurrent password hashing (memory and CPU) */
	pthread_mutex_t org_lock;
	char org_name[128]; /* the organisation's name, refreshed now and then (api_me.c) */
	int64_t org_name_ms;
	char burn_hash[160]; /* a hash of a random secret: unknown users cost a real verification */
	void (*jobs_kick)(
	    void *jobs); /* wakes the scheduler and mail sender (src/jobs/); may be NULL */
	void *jobs;
};

/* app_init: wires the store and hub into a; the hub is made here and owned by a. */
int app_init(struct app *a, struct store *st, const struct app_config *cfg, int heartbeat_ms);
void app_release(struct app *a);
/* app_events_deliver: sends every event committed since the last delivery to the hub. */
void app_events_deliver(struct app *a);

#endif
