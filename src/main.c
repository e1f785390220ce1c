/* main.c: the command line, configuration, wiring and signals of faro; no logic of its own. */
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/app.h"
#include "cli/cli.h"
#include "api/search/api_search.h"
#include "cli/cli_resources.h"
#include "cli/cli_demo_directory.h"
#include "cli/cli_telephony.h"
#include "api/dispatch.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/err.h"
#include "core/log.h"
#include "domain/validate.h"
#include "http/server.h"
#include "http/sse.h"
#include "http/static.h"
#include "jobs/jobs.h"
#include "store/store.h"
#include "core/banned.h"

enum opt_type { OPT_STR, OPT_INT, OPT_FLAG };

struct options {
	const char *db, *listen, *ui_dir, *public_origin;
	const char *user_role, *user_name, *user_email, *user_language;
	const char *smtp_url, *smtp_from, *smtp_user, *smtp_password, *coordinators_email;
	long smtp_retry_s, mail_attempts, jobs_interval_ms;
	long threads, heartbeat_s, idle_min, absolute_h, max_sessions, max_body_kib;
	long search_rate;
	int demo, secure_cookies, quiet, password_stdin, help;
	const char *country, *taxonomy_name; /* geo import, taxonomy import */
	int dry_run;			     /* resources import */
	int json;			     /* routes */
	struct cli_tel_event tel;	     /* telephony send */
};

/* one table drives parsing, environment variables and --help (Redis's config idea) */
static const struct opt {
	const char *name, *env, *arg, *help;
	enum opt_type type;
	size_t off;
	long min, max;
	const char *commands; /* which commands take it */
} opts[] = {
#define O(f) offsetof(struct options, f)
    {"--db", "FARO_DB", "URL", "database: sqlite:PATH or postgres://user@host:port/db", OPT_STR,
     O(db), 0, 0, "serve migrate user audit resources taxonomy geo search"},
    {"--listen", "FARO_LISTEN", "HOST:PORT", "address to serve on (numeric IP)", OPT_STR, O(listen),
     0, 0, "serve"},
    {"--ui-dir", "FARO_UI_DIR", "DIR",
     "serve the interface from DIR instead of the embedded copy (development)", OPT_STR, O(ui_dir),
     0, 0, "serve"},
    {"--demo", NULL, NULL, "on an empty database, create the demo organisation and users", OPT_FLAG,
     O(demo), 0, 0, "serve"},
    {"--threads", "FARO_THREADS", "N", "HTTP worker threads", OPT_INT, O(threads), 1, 64, "serve"},
    {"--sse-heartbeat", "FARO_SSE_HEARTBEAT", "SECONDS",
     "live-stream heartbeat and session check interval", OPT_INT, O(heartbeat_s), 1, 300, "serve"},
    {"--idle-timeout", "FARO_IDLE_TIMEOUT", "MINUTES", "sessions unused this long end", OPT_INT,
     O(idle_min), 1, 1440, "serve"},
    {"--absolute-timeout", "FARO_ABSOLUTE_TIMEOUT", "HOURS", "sessions end this long after sign-in",
     OPT_INT, O(absolute_h), 1, 72, "serve"},
    {"--max-sessions", "FARO_MAX_SESSIONS", "N",
     "sessions per account; a new sign-in ends the oldest beyond this", OPT_INT, O(max_sessions), 1,
     50, "serve"},
    {"--max-body", "FARO_MAX_BODY_KIB", "KIB", "largest request body accepted", OPT_INT,
     O(max_body_kib), 1, 65536, "serve"},
    {"--secure-cookies", "FARO_SECURE_COOKIES", NULL,
     "TLS terminates in front of faro: Secure __Host- cookies and HSTS", OPT_FLAG,
     O(secure_cookies), 0, 0, "serve"},
    {"--public-origin", "FARO_PUBLIC_ORIGIN", "URL",
     "the origin browsers use (https://faro.example.org); default: the Host header", OPT_STR,
     O(public_origin), 0, 0, "serve"},
    {"--quiet", NULL, NULL, "no access log lines (benchmarks)", OPT_FLAG, O(quiet), 0, 0, "serve"},
    {"--smtp-url", "FARO_SMTP_URL", "URL",
     "mail server: smtp://host:port (STARTTLS when offered) or smtps://host:port; unset: mail "
     "waits in the outbox",
     OPT_STR, O(smtp_url), 0, 0, "serve"},
    {"--smtp-from", "FARO_SMTP_FROM", "ADDRESS",
     "sender address of Faro's mail (default faro@localhost)", OPT_STR, O(smtp_from), 0, 0,
     "serve"},
    {"--smtp-user", "FARO_SMTP_USER", "NAME", "SMTP login; then TLS is required", OPT_STR,
     O(smtp_user), 0, 0, "serve"},
    {"--smtp-password", "FARO_SMTP_PASSWORD", "SECRET",
     "SMTP password (prefer the environment variable)", OPT_STR, O(smtp_password), 0, 0, "serve"},
    {"--smtp-retry", "FARO_SMTP_RETRY_S", "SECONDS",
     "first pause before resending a failed message; doubles each time", OPT_INT, O(smtp_retry_s),
     1, 3600, "serve"},
    {"--mail-attempts", "FARO_MAIL_ATTEMPTS", "N", "attempts before a message is marked failed",
     OPT_INT, O(mail_attempts), 1, 50, "serve"},
    {"--jobs-interval", "FARO_JOBS_INTERVAL_MS", "MS",
     "how often reminders and the outbox are checked", OPT_INT, O(jobs_interval_ms), 20, 600000,
     "serve"},
    {"--search-rate", "FARO_SEARCH_RATE", "N",
     "people searches and phone lookups an account may make a minute (default 120)", OPT_INT,
     O(search_rate), 1, 100000, "serve"},
    {"--coordinators-email", "FARO_COORDINATORS_EMAIL", "LIST",
     "comma-separated addresses that receive Activar Ruta requests", OPT_STR, O(coordinators_email),
     0, 0, "serve"},
    {"--role", NULL, "ROLE", "agent, coordinator, supervisor or admin", OPT_STR, O(user_role), 0, 0,
     "user"},
    {"--name", NULL, "NAME", "display name", OPT_STR, O(user_name), 0, 0, "user"},
    {"--email", NULL, "EMAIL", "email address", OPT_STR, O(user_email), 0, 0, "user"},
    {"--language", NULL, "es|en", "interface language (default es)", OPT_STR, O(user_language), 0,
     0, "user"},
    {"--password-stdin", NULL, NULL,
     "read the password from standard input instead of generating a one-time one", OPT_FLAG,
     O(password_stdin), 0, 0, "user"},
    {"--dry-run", NULL, NULL, "check the files and report, write nothing", OPT_FLAG, O(dry_run), 0,
     0, "resources"},
    {"--country", NULL, "XX",
     "the postal codes' country (ISO 3166-1 alpha-2; default from a file named xx-...)", OPT_STR,
     O(country), 0, 0, "geo"},
    {"--taxonomy-name", NULL, "NAME", "the taxonomy's name (default: the file name)", OPT_STR,
     O(taxonomy_name), 0, 0, "taxonomy"},
    {"--json", NULL, NULL, "print the routes as a JSON array", OPT_FLAG, O(json), 0, 0, "routes"},
    {"--from", NULL, "NUMBER", "the caller's number", OPT_STR, O(tel.from), 0, 0, "telephony"},
    {"--to", NULL, "NUMBER", "the called number (one of the organisation's lines)", OPT_STR,
     O(tel.to), 0, 0, "telephony"},
    {"--agent", NULL, "USER", "the agent's username or extension", OPT_STR, O(tel.agent), 0, 0,
     "telephony"},
    {"--to-agent", NULL, "USER", "where a transferred call goes (username or extension)", OPT_STR,
     O(tel.to_agent), 0, 0, "telephony"},
    {"--call-id", NULL, "ID", "the phone system's id of the call (default: a new random one)",
     OPT_STR, O(tel.call_id), 0, 0, "telephony"},
    {"--channel", NULL, "CHANNEL", "voice (default), sms or chat", OPT_STR, O(tel.channel), 0, 0,
     "telephony"},
    {"--duration", NULL, "SECONDS", "how long an ended call lasted", OPT_STR, O(tel.duration), 0, 0,
     "telephony"},
    {"--integration", "FARO_TELEPHONY_INTEGRATION", "ID",
     "the integration's id (Administración > Telefonía)", OPT_STR, O(tel.integration), 0, 0,
     "telephony"},
    {"--secret", "FARO_TELEPHONY_SECRET", "HEX",
     "the integration's secret (prefer the environment variable)", OPT_STR, O(tel.secret), 0, 0,
     "telephony"},
    {"--url", "FARO_URL", "URL", "the Faro server, e.g. http://127.0.0.1:8080", OPT_STR, O(tel.url),
     0, 0, "telephony"},
    {"--help", NULL, NULL, "show this help", OPT_FLAG, O(help), 0, 0,
     "serve migrate user audit resources taxonomy geo routes telephony"},
#undef O
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "faro: helpline and contact-center CRM\n\n"
	    "usage:\n"
	    "  faro serve [options]            serve the API, the interface and live events\n"
	    "  faro migrate [--db URL]         apply database migrations and exit\n"
	    "  faro user add USERNAME --role ROLE [--name NAME] [--email E] [--language es|en]\n"
	    "                [--password-stdin] create a staff account (first admin of a real "
	    "install)\n"
	    "  faro audit verify [--db URL]    check the audit log's hash chain\n"
	    "  faro resources import PATH [--dry-run]  load an HSDS directory (Data Package CSV "
	    "dir, CSV or JSON)\n"
	    "  faro resources export PATH      write the directory (a dir of CSVs, or PATH.json)\n"
	    "  faro taxonomy import PATH [--taxonomy-name NAME]  load a taxonomy CSV (code, name, "
	    "parent, ...)\n"
	    "  faro geo import PATH [--country XX]  load postal-code centroids (postal_code, "
	    "latitude, longitude)\n"
	    "  faro search reindex [--db URL]  rebuild the resource search index from the "
	    "directory\n"
	    "  faro demo-directory DIR [SERVICES [SEED]]\n"
	    "                                  write a synthetic HSDS directory (default 300 "
	    "services)\n"
	    "  faro routes [--json]            every API route with its roles and flags\n"
	    "  faro telephony send TYPE --from NUMBER --to NUMBER --agent USER [--call-id ID]\n"
	    "                [--channel voice] [--duration S] [--to-agent USER] --integration ID\n"
	    "                --secret HEX --url URL  send a signed phone-system event (testing, "
	    "integrators)\n"
	    "  faro --help                     this text\n\noptions:\n");
	for (size_t i = 0; i < NOPTS; i++) {
		char left[64];
		snprintf(left, sizeof(left), "%s%s%s", opts[i].name, opts[i].arg ? " " : "",
			 opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-26s %s", left, opts[i].help);
		if (opts[i].env)
			fprintf(f, " [env %s]", opts[i].env);
		fprintf(f, " (%s)\n", opts[i].commands);
	}
	fprintf(
	    f,
	    "\ndefaults: --db sqlite:./data/faro.db --listen 127.0.0.1:8080, idle timeout 30 min,\n"
	    "absolute timeout 12 h, 5 sessions per account, 1024 KiB bodies, 20 s heartbeat.\n");
}

static int set_opt(struct options *o, const struct opt *d, const char *val)
{
	char *p = (char *)o + d->off;
	if (d->type == OPT_FLAG) {
		*(int *)p = 1;
		return 0;
	}
	if (d->type == OPT_STR) {
		*(const char **)p = val;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(val, &end, 10);
	if (errno || *end || end == val || v < d->min || v > d->max) {
		fprintf(stderr, "faro: %s needs a whole number from %ld to %ld, not '%s'\n",
			d->name, d->min, d->max, val);
		return -1;
	}
	*(long *)p = v;
	return 0;
}

/* parses options after the command words into o; positional words into pos */
static int parse(int argc, char **argv, int first, const char *cmd, struct options *o,
		 const char **pos, int maxpos, int *ret_npos)
{
	int npos = 0;
	for (size_t i = 0; i < NOPTS; i++) {
		const char *v = opts[i].env ? getenv(opts[i].env) : NULL;
		if (v && *v && set_opt(o, &opts[i], v))
			return -1;
	}
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1]) {
			if (npos == maxpos) {
				fprintf(stderr, "faro %s: unexpected argument '%s'\n", cmd, a);
				return -1;
			}
			pos[npos++] = a;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
		const struct opt *d = NULL;
		for (size_t k = 0; k < NOPTS; k++)
			if (strlen(opts[k].name) == nlen && !strncmp(opts[k].name, a, nlen))
				d = &opts[k];
		if (!d || !strstr(d->commands, cmd)) {
			fprintf(stderr, "faro %s: unknown option '%.*s' (see faro --help)\n", cmd,
				(int)nlen, a);
			return -1;
		}
		const char *val = eq ? eq + 1 : NULL;
		if (d->type != OPT_FLAG && !val) {
			if (i + 1 >= argc) {
				fprintf(stderr, "faro %s: %s needs a value (%s)\n", cmd, d->name,
					d->arg);
				return -1;
			}
			val = argv[++i];
		}
		if (set_opt(o, d, val))
			return -1;
	}
	*ret_npos = npos;
	return 0;
}

static int open_store(const struct options *o, struct store **ret)
{
	struct buf err = BUF_INIT(1024);
	const char *url = o->db ? o->db : "sqlite:./data/faro.db";
	if (!strcmp(url, "sqlite:./data/faro.db") && mkdir("./data", 0700) && errno != EEXIST) {
		fprintf(stderr, "faro: cannot create ./data: %s\n", strerror(errno));
		return -1;
	}
	int rc = store_open(url, o->threads ? (int)o->threads + 2 : 4, ret, &err);
	if (!rc) {
		int applied = 0;
		rc = store_migrate(*ret, &applied, &err);
		if (rc) {
			store_close(*ret);
		} else if (applied) {
			fprintf(stderr, "faro: applied %d migration(s) to the %s database\n",
				applied, store_engine(*ret));
			/* a migration may have emptied the derived search index */
			if ((rc = search_reindex_if_empty(*ret, stderr)))
				store_close(*ret);
		}
	}
	if (rc)
		fprintf(stderr, "faro: database: %s\n", err.len ? err.data : err_name(rc));
	buf_release(&err);
	return rc ? -1 : 0;
}

static void app_config_from(const struct options *o, struct app_config *c)
{
	c->idle_timeout_ms = (o->idle_min ? o->idle_min : 30) * 60000LL;
	c->absolute_timeout_ms = (o->absolute_h ? o->absolute_h : 12) * 3600000LL;
	c->max_sessions = o->max_sessions ? (int)o->max_sessions : 5;
	c->secure_cookies = o->secure_cookies;
	c->public_origin = o->public_origin;
	c->coordinators_email = o->coordinators_email;
	c->search_per_minute = (int)o->search_rate;
}

static void close_app(struct store *st, struct app *app)
{
	app_release(app);
	store_close(st);
}

/*
 * open_app: the store and the application a one-shot command (user,
 * resources) runs on; 0, or nonzero when either failed, having said why
 * and left nothing open. Close with close_app.
 */
static int open_app(const struct options *o, struct store **ret_st, struct app *ret_app)
{
	struct app_config cfg;
	if (open_store(o, ret_st))
		return -1;
	app_config_from(o, &cfg);
	int rc = app_init(ret_app, *ret_st, &cfg, 20000);
	if (rc)
		close_app(*ret_st, ret_app);
	return rc;
}

static void deliver_events(void *app)
{
	app_events_deliver(app);
}

static int split_listen(const char *s, char *host, size_t n, int *port)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= n)
		return -1;
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535)
		return -1;
	const char *h = s;
	size_t hl = (size_t)(colon - s);
	if (h[0] == '[' && h[hl - 1] == ']')
		h++, hl -= 2;
	memcpy(host, h, hl);
	host[hl] = '\0';
	*port = (int)p;
	return 0;
}

static int cmd_serve(const struct options *o)
{
	struct store *st;
	struct app app;
	struct app_config cfg;
	char host[64];
	int port, rc = 1;
	if (split_listen(o->listen ? o->listen : "127.0.0.1:8080", host, sizeof(host), &port)) {
		fprintf(stderr, "faro serve: --listen needs HOST:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	/* signals are taken by sigwait below, never by a worker thread */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	log_set_quiet(o->quiet);
	if (o->ui_dir)
		static_set_dir(o->ui_dir);
	if (open_store(o, &st))
		return 1;
	app_config_from(o, &cfg);
	if (app_init(&app, st, &cfg, (int)(o->heartbeat_s ? o->heartbeat_s : 20) * 1000)) {
		fprintf(stderr, "faro: cannot start the live-event hub\n");
		goto out_store;
	}
	if (o->demo && cli_demo_seed(&app, stdout)) {
		fprintf(stderr, "faro: cannot create the demo data\n");
		goto out_app;
	}
	if (o->demo && cli_resources_demo(&app, stdout, stderr))
		fprintf(stderr, "faro: the default taxonomy and postal codes were not loaded\n");
	else if (o->demo && demo_directory_load(&app, 200, stdout, stderr))
		fprintf(stderr, "faro: the demo resource directory was not loaded\n");
	fflush(stdout);
	struct jobs *jobs = NULL;
	struct buf why = BUF_INIT(128);
	/* the address goes into a mail header: nothing but one plain address */
	if (o->smtp_from && validate_email(o->smtp_from, &why)) {
		fprintf(stderr, "faro: --smtp-from: %s\n", why.data);
		buf_release(&why);
		goto out_app;
	}
	buf_release(&why);
	struct jobs_config jc = {o->smtp_url,
				 o->smtp_from,
				 o->smtp_user,
				 o->smtp_password,
				 (o->smtp_retry_s ? o->smtp_retry_s : 30) * 1000LL,
				 o->mail_attempts ? (int)o->mail_attempts : 6,
				 o->jobs_interval_ms ? o->jobs_interval_ms : 5000};
	if (jobs_start(st, &jc, deliver_events, &app, &jobs)) {
		fprintf(stderr, "faro: cannot start the scheduler\n");
		goto out_app;
	}
	app.jobs = jobs;
	app.jobs_kick = jobs_kick;
	struct http_config hc = {host,
				 port,
				 (size_t)(o->max_body_kib ? o->max_body_kib : 1024) * 1024,
				 16 * 1024,
				 o->threads ? (int)o->threads : 2,
				 60,
				 o->secure_cookies};
	struct buf err = BUF_INIT(256);
	struct http_server *srv = http_server_start(&hc, dispatch_request, &app, &err);
	if (!srv) {
		fprintf(stderr, "faro: %s\n", err.data);
		buf_release(&err);
		goto out_jobs;
	}
	log_info("faro serving http://%s:%d on %s", host, http_server_port(srv), store_engine(st));
	int sig;
	sigwait(&sigs, &sig);
	log_info("signal %d: finishing in-flight requests", sig);
	http_server_quiesce(srv);
	sse_hub_close_all(app.hub);
	http_server_stop(srv);
	log_info("stopped");
	rc = 0;
out_jobs:
	app.jobs_kick = NULL;
	jobs_stop(jobs);
out_app:
	app_release(&app);
out_store:
	store_close(st);
	return rc;
}

static int read_password_stdin(char *out, size_t n)
{
	size_t len = fread(out, 1, n - 1, stdin);
	out[len] = '\0';
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	return len ? 0 : -1;
}

static int cmd_user(const struct options *o, const char **pos, int npos)
{
	if (npos != 2 || strcmp(pos[0], "add")) {
		fprintf(stderr, "faro user: usage: faro user add USERNAME --role ROLE [options]\n");
		return 2;
	}
	if (!o->user_role) {
		fprintf(
		    stderr,
		    "faro user add: --role is required (agent, coordinator, supervisor, admin)\n");
		return 2;
	}
	char pw[1025];
	if (o->password_stdin && read_password_stdin(pw, sizeof(pw))) {
		fprintf(stderr, "faro user add: no password on standard input\n");
		return 2;
	}
	struct store *st;
	struct app app;
	if (open_app(o, &st, &app))
		return 1;
	struct cli_user u = {pos[1],	   o->user_name,     o->user_email,
			     o->user_role, o->user_language, o->password_stdin ? pw : NULL};
	int rc = cli_user_add(&app, &u, stdout, stderr);
	close_app(st, &app);
	return rc ? 1 : 0;
}

/* faro resources import|export PATH, faro taxonomy import PATH, faro geo import PATH */
static int cmd_resources(const struct options *o, const char *cmd, const char **pos, int npos)
{
	int is_res = !strcmp(cmd, "resources");
	if (npos != 2 || (strcmp(pos[0], "import") && !(is_res && !strcmp(pos[0], "export")))) {
		fprintf(stderr, "faro %s: usage: faro %s %s PATH (see faro --help)\n", cmd, cmd,
			is_res ? "import|export" : "import");
		return 2;
	}
	struct store *st;
	struct app app;
	int rc;
	if (open_app(o, &st, &app))
		return 1;
	if (is_res && !strcmp(pos[0], "import"))
		rc = cli_resources_import(&app, pos[1], o->dry_run, stdout, stderr);
	else if (is_res)
		rc = cli_resources_export(&app, pos[1], stdout, stderr);
	else if (!strcmp(cmd, "taxonomy"))
		rc = cli_taxonomy_import(&app, pos[1], o->taxonomy_name, stdout, stderr);
	else
		rc = cli_geo_import(&app, pos[1], o->country, stdout, stderr);
	close_app(st, &app);
	return rc == 2 ? 2 : rc ? 1 : 0;
}

/* faro demo-directory DIR [SERVICES [SEED]]: the synthetic directory (cli_demo_directory.c) */
static int cmd_demo_directory(const char **pos, int npos)
{
	char *end = NULL;
	long n = npos > 1 ? strtol(pos[1], &end, 10) : 300;
	unsigned long seed = npos > 2 ? strtoul(pos[2], NULL, 10) : 1;
	if (npos < 1 || (end && *end)) {
		fprintf(stderr,
			"faro demo-directory: usage: faro demo-directory DIR [SERVICES [SEED]]\n");
		return 2;
	}
	struct buf why = BUF_INIT(1024);
	const char *share = getenv("FARO_SHARE_DIR");
	int rc = demo_directory_write(pos[0], n, seed, share && *share ? share : "share", &why);
	if (rc)
		fprintf(stderr, "faro demo-directory: %s\n", why.len ? why.data : "failed");
	buf_release(&why);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	const char *pos[4];
	int npos = 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT)) {
		fprintf(stderr, "faro: cannot initialise libcurl\n");
		return 1;
	}
	if (crypto_init()) {
		fprintf(stderr, "faro: cannot initialise libsodium\n");
		return 1;
	}
	const char *test_clock = getenv("FARO_TEST_CLOCK_FILE");
	if (test_clock && *test_clock)
		clock_set_test_file(test_clock);
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "serve") && strcmp(cmd, "migrate") && strcmp(cmd, "user") &&
	    strcmp(cmd, "audit") && strcmp(cmd, "demo-directory") && strcmp(cmd, "resources") &&
	    strcmp(cmd, "taxonomy") && strcmp(cmd, "geo") && strcmp(cmd, "search") &&
	    strcmp(cmd, "routes") && strcmp(cmd, "telephony")) {
		fprintf(stderr, "faro: unknown command '%s' (see faro --help)\n", cmd);
		return 2;
	}
	if (parse(argc, argv, 2, cmd, &o, pos, 3, &npos))
		return 2;
	if (o.help) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "serve")) {
		if (npos) {
			fprintf(stderr, "faro serve: unexpected argument '%s'\n", pos[0]);
			return 2;
		}
		return cmd_serve(&o);
	}
	if (!strcmp(cmd, "migrate")) {
		struct store *st;
		if (npos) {
			fprintf(stderr, "faro migrate: unexpected argument '%s'\n", pos[0]);
			return 2;
		}
		if (open_store(&o, &st))
			return 1;
		printf("database is up to date (%s)\n", store_engine(st));
		store_close(st);
		return 0;
	}
	if (!strcmp(cmd, "user"))
		return cmd_user(&o, pos, npos);
	if (!strcmp(cmd, "routes")) {
		if (npos) {
			fprintf(stderr, "faro routes: unexpected argument '%s'\n", pos[0]);
			return 2;
		}
		return cli_routes(stdout, o.json) ? 1 : 0;
	}
	if (!strcmp(cmd, "resources") || !strcmp(cmd, "taxonomy") || !strcmp(cmd, "geo"))
		return cmd_resources(&o, cmd, pos, npos);
	if (!strcmp(cmd, "demo-directory"))
		return cmd_demo_directory(pos, npos);
	if (!strcmp(cmd, "telephony")) {
		if (npos != 2 || strcmp(pos[0], "send")) {
			fprintf(stderr,
				"faro telephony: usage: faro telephony send TYPE --integration ID "
				"--secret HEX --url URL [options] (see faro --help)\n");
			return 2;
		}
		o.tel.type = pos[1];
		return cli_telephony_send(&o.tel, stdout, stderr);
	}
	if (!strcmp(cmd, "search")) {
		struct store *sst;
		if (npos != 1 || strcmp(pos[0], "reindex")) {
			fprintf(stderr, "faro search: usage: faro search reindex [--db URL]\n");
			return 2;
		}
		if (open_store(&o, &sst))
			return 1;
		int src = search_reindex_cli(sst, stdout, stderr);
		store_close(sst);
		return src ? 1 : 0;
	}
	if (npos != 1 || strcmp(pos[0], "verify")) {
		fprintf(stderr, "faro audit: usage: faro audit verify [--db URL]\n");
		return 2;
	}
	struct store *st;
	if (open_store(&o, &st))
		return 1;
	int rc = cli_audit_verify(st, stdout);
	store_close(st);
	return rc < 0 ? 1 : rc;
}
