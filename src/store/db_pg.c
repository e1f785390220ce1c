/* db_pg.c: the PostgreSQL engine behind db.h: libpq, a connection pool, LISTEN/NOTIFY. */
#include "store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "store/db_driver.h"
#include "core/banned.h"

enum {
	PG_POOL_MIN = 2,
	PG_POOL_MAX = 256,
	PG_BUSY_TIMEOUT_S = 5, /* how long db_begin waits for a free connection */
	PG_LISTEN_POLL_MS = 1000,
	PG_RECONNECT_MS = 1000,
	PG_ERR_MAX = 512,
	PG_BOOLOID = 16,
};

/* A pooled connection and the statements prepared on it (their v.id). */
struct pg_conn {
	PGconn *pc;
	int busy;
	struct db_stmts preps;
	unsigned next_id;
};

/* A LISTEN on its own connection, served by its own thread. */
struct pg_listener {
	struct pg_listener *next;
	PGconn *pc;
	char *listen_sql; /* LISTEN "channel" */
	void (*cb)(void *ud, const char *payload);
	void *ud;
	atomic_int stop;
	int wake[2]; /* db_close writes a byte to wake[1] */
	pthread_t thread;
};

struct db {
	struct db_base base;
	char *url;
	pthread_mutex_t mu; /* guards conns[].busy and listeners */
	pthread_cond_t freed;
	struct pg_conn *conns;
	int nconns;
	struct pg_listener *listeners;
};

struct db_tx {
	struct db_base base;
	struct db *db;
	struct pg_conn *conn;
	int failed;	/* the first error; the server has aborted the transaction */
	int autocommit; /* DB_READ_ONE: no BEGIN was sent, so nothing ends it */
	char err[PG_ERR_MAX];
};

static const struct db_stmt pg_notify_stmt = {"pg_notify", "SELECT pg_notify($1, $2)"};

/* SQLSTATEs with a meaning for callers; everything else is ERR_STORE. */
static const struct {
	const char *state;
	int err;
} pg_states[] = {
    {"23505", ERR_CONFLICT}, /* unique_violation */
    {"23503", ERR_CONFLICT}, /* foreign_key_violation */
    {"23514", ERR_INVALID},  /* check_violation */
    {"40001", ERR_CONFLICT}, /* serialization_failure */
    {"40P01", ERR_CONFLICT}, /* deadlock_detected */
    {"55P03", ERR_BUSY},     /* lock_not_available */
    {"57014", ERR_BUSY},     /* query_canceled (statement_timeout) */
};

static int err_of_state(const char *state)
{
	if (!state)
		return ERR_STORE;
	for (size_t i = 0; i < sizeof(pg_states) / sizeof(pg_states[0]); i++)
		if (!strcmp(state, pg_states[i].state))
			return pg_states[i].err;
	return ERR_STORE;
}

/* msg_set: writes "what: msg" into dst as one line (libpq messages hold newlines and tabs). */
static void msg_set(char *dst, size_t n, const char *what, const char *msg)
{
	size_t len;

	snprintf(dst, n, "%s: %s", what, msg && *msg ? msg : "unknown error");
	len = 0;
	for (const char *p = dst; *p; p++) {
		int space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';

		if (!space)
			dst[len++] = *p;
		else if (len && dst[len - 1] != ' ')
			dst[len++] = ' ';
	}
	while (len && dst[len - 1] == ' ')
		len--;
	dst[len] = '\0';
}

static void pg_quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/*
 * pg_connect: a new connection to url, blocking. Returns NULL only when
 * libpq is out of memory; check PQstatus. Notices are dropped (store never
 * logs), the client encoding is UTF8, and the URL may override the rest.
 *
 * No parallel query: Faro's statements are short, and starting workers
 * costs more than they save (a generic plan of a 14-row name search took
 * 48 ms with two workers, 6 ms without); requests already use the cores.
 */
static PGconn *pg_connect(const char *url)
{
	static const char *const keys[] = {"application_name", "connect_timeout", "options",
					   "dbname",	       "client_encoding", NULL};
	const char *const vals[] = {"faro", "10",   "-c max_parallel_workers_per_gather=0",
				    url,    "UTF8", NULL};
	PGconn *pc = PQconnectdbParams(keys, vals, 1);

	if (pc)
		PQsetNoticeProcessor(pc, pg_quiet, NULL);
	return pc;
}

/* ---- the pool ---- */

static struct pg_conn *pool_find_free(struct db *db)
{
	for (int i = 0; i < db->nconns; i++)
		if (!db->conns[i].busy)
			return &db->conns[i];
	return NULL;
}

/* pool_take: marks a free connection busy, waiting up to PG_BUSY_TIMEOUT_S; else ERR_BUSY. */
static int pool_take(struct db *db, struct pg_conn **ret)
{
	struct timespec deadline;
	struct pg_conn *c;
	int timed_out = 0, rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += PG_BUSY_TIMEOUT_S;
	pthread_mutex_lock(&db->mu);
	while (!(c = pool_find_free(db))) {
		if (timed_out) {
			rc = ERR_BUSY;
			goto out;
		}
		timed_out = pthread_cond_timedwait(&db->freed, &db->mu, &deadline) == ETIMEDOUT;
	}
	c->busy = 1;
	*ret = c;
out:
	pthread_mutex_unlock(&db->mu);
	return rc;
}

static void pool_give(struct db *db, struct pg_conn *c)
{
	pthread_mutex_lock(&db->mu);
	c->busy = 0;
	pthread_cond_signal(&db->freed);
	pthread_mutex_unlock(&db->mu);
}

/* conn_ready: makes c usable (reconnecting a broken one); 0 or ERR_STORE. */
static int conn_ready(struct pg_conn *c)
{
	if (PQstatus(c->pc) == CONNECTION_OK && PQtransactionStatus(c->pc) == PQTRANS_IDLE)
		return 0;
	PQreset(c->pc);
	db_stmts_clear(&c->preps); /* the session that held them is gone */
	return PQstatus(c->pc) == CONNECTION_OK ? 0 : ERR_STORE;
}

/* ---- open and close ---- */

static void listener_stop(struct pg_listener *l);

static void pg_close(struct db *db)
{
	struct pg_listener *l;

	while ((l = db->listeners)) {
		db->listeners = l->next;
		listener_stop(l);
	}
	for (int i = 0; i < db->nconns; i++) {
		PQfinish(db->conns[i].pc);
		db_stmts_clear(&db->conns[i].preps);
	}
	free(db->conns);
	free(db->url);
	pthread_cond_destroy(&db->freed);
	pthread_mutex_destroy(&db->mu);
	free(db);
}

/*
 * pg_open: connects readers connections (at least PG_POOL_MIN) to url.
 * Returns 0 and an owned db, or ERR_STORE with libpq's reason in err.
 */
static int pg_open(const char *url, int readers, struct db **ret, struct buf *err)
{
	struct db *db = xcalloc(1, sizeof(*db));
	pthread_condattr_t ca;
	char msg[PG_ERR_MAX];
	int rc = 0;

	db->base = (struct db_base){.drv = &db_pg_driver, .kind = DB_POSTGRES};
	db->url = xstrdup(url);
	pthread_mutex_init(&db->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&db->freed, &ca);
	pthread_condattr_destroy(&ca);
	if (readers < PG_POOL_MIN)
		readers = PG_POOL_MIN;
	if (readers > PG_POOL_MAX)
		readers = PG_POOL_MAX;
	db->conns = xcalloc((size_t)readers, sizeof(*db->conns));
	while (db->nconns < readers) {
		PGconn *pc = pg_connect(url);

		db->conns[db->nconns++].pc = pc;
		if (!pc || PQstatus(pc) != CONNECTION_OK) {
			msg_set(msg, sizeof(msg), "postgres",
				pc ? PQerrorMessage(pc) : "out of memory");
			buf_puts(err, msg);
			rc = ERR_STORE;
			goto out;
		}
	}
	*ret = db;
out:
	if (rc)
		pg_close(db);
	return rc;
}

/* ---- transactions ---- */

/* tx_fail: records r's error (or the connection's) in tx and returns its err. */
static int tx_fail(struct db_tx *tx, const PGresult *r, const char *what)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int rc = err_of_state(state);
	char line[PG_ERR_MAX];

	/* The primary message only: DETAIL lines quote client data. */
	if (primary && state)
		snprintf(line, sizeof(line), "%s (%s)", primary, state);
	else
		snprintf(line, sizeof(line), "%s", PQerrorMessage(tx->conn->pc));
	msg_set(tx->err, sizeof(tx->err), what, line);
	if (!tx->failed)
		tx->failed = rc;
	return rc;
}

/*
 * pg_begin: takes a pooled connection (ERR_BUSY after PG_BUSY_TIMEOUT_S)
 * and opens a READ COMMITTED (write) or REPEATABLE READ READ ONLY
 * transaction. A connection the server dropped is reconnected once.
 * Returns 0 and an owned tx, or ERR_BUSY / ERR_STORE.
 */
static int pg_begin(struct db *db, int write, struct db_tx **ret)
{
	const char *sql = write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
				: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
	struct pg_conn *c = NULL;
	struct db_tx *tx;
	int rc;

	rc = pool_take(db, &c);
	if (rc)
		goto out;
	/* one statement needs no transaction around it: two round trips saved */
	for (int attempt = 0; write != DB_READ_ONE; attempt++) {
		PGresult *r;
		int ok;

		rc = conn_ready(c);
		if (rc)
			goto out;
		r = PQexec(c->pc, sql);
		ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
		if (ok)
			break;
		/* Retry only when the server had dropped an idle connection. */
		if (attempt || PQstatus(c->pc) == CONNECTION_OK) {
			rc = ERR_STORE;
			goto out;
		}
	}
	tx = xcalloc(1, sizeof(*tx));
	tx->base = (struct db_base){.drv = &db_pg_driver, .kind = DB_POSTGRES};
	tx->db = db;
	tx->conn = c;
	tx->autocommit = write == DB_READ_ONE;
	if (tx->autocommit && (rc = conn_ready(c))) {
		free(tx);
		goto out;
	}
	*ret = tx;
out:
	if (rc && c)
		pool_give(db, c);
	return rc;
}

/* tx_free: hands tx's connection back to the pool and frees tx. */
static void tx_free(struct db_tx *tx)
{
	pool_give(tx->db, tx->conn);
	free(tx);
}

static void pg_rollback(struct db_tx *tx)
{
	if (!tx->autocommit)
		PQclear(PQexec(tx->conn->pc, "ROLLBACK"));
	tx_free(tx);
}

/*
 * pg_commit: commits and frees tx. A tx that had an error is rolled back
 * and that error returned; a failed COMMIT returns ERR_CONFLICT for a
 * serialization failure, else ERR_STORE.
 */
static int pg_commit(struct db_tx *tx)
{
	PGresult *r = NULL;
	int rc = tx->failed;

	if (tx->autocommit)
		goto out;
	if (rc) {
		PQclear(PQexec(tx->conn->pc, "ROLLBACK"));
		goto out;
	}
	r = PQexec(tx->conn->pc, "COMMIT");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = tx_fail(tx, r, "COMMIT");
	else if (strcmp(PQcmdStatus(r), "COMMIT"))
		rc = ERR_STORE; /* the server rolled back instead */
out:
	PQclear(r);
	tx_free(tx);
	return rc;
}

/* ---- statements ---- */

/* pg_prepare: puts st's name on tx's connection in name, preparing st there first if new. */
static int pg_prepare(struct db_tx *tx, const struct db_stmt *st, char *name, size_t n)
{
	struct pg_conn *c = tx->conn;
	struct db_stmt_slot *p;
	PGresult *r = NULL;
	unsigned id;
	int rc = 0;

	if ((p = db_stmts_find(&c->preps, st))) {
		snprintf(name, n, "s%u", p->v.id);
		goto out;
	}
	id = c->next_id++;
	snprintf(name, n, "s%u", id);
	r = PQprepare(c->pc, name, st->sql, 0, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = tx_fail(tx, r, st->name);
		goto out;
	}
	db_stmts_add(&c->preps, st)->v.id = id;
out:
	PQclear(r);
	return rc;
}

/* res_of: copies every row of r into a new db_res (booleans read as 1/0). */
static struct db_res *res_of(const PGresult *r)
{
	int rows = PQntuples(r), cols = PQnfields(r);
	struct db_res *res = db_res_new(cols);

	for (int i = 0; i < rows; i++) {
		struct db_cell *cell = db_res_add_row(res);

		for (int j = 0; j < cols; j++) {
			const char *s;

			if (PQgetisnull(r, i, j))
				continue;
			s = PQgetvalue(r, i, j);
			cell[j].isnull = 0;
			cell[j].s = xstrndup(s, (size_t)PQgetlength(r, i, j));
			cell[j].i =
			    PQftype(r, j) == PG_BOOLOID ? s[0] == 't' : strtoll(s, NULL, 10);
		}
	}
	return res;
}

/*
 * bind_params: fills vals with the text form of params; owned[i] is what vals[i]
 * needs freed. ERR_INVALID when a text holds a NUL byte (PostgreSQL text
 * cannot, and libpq would cut it there).
 */
static int bind_params(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params,
		       int n, const char **vals, char **owned)
{
	char line[64];
	int rc = 0;

	for (int i = 0; i < n; i++) {
		const struct db_val *v = &params[i];

		if (v->type == DBV_INT) {
			owned[i] = xmalloc(24);
			snprintf(owned[i], 24, "%lld", (long long)v->i);
			vals[i] = owned[i];
		} else if (v->type == DBV_TEXT && v->s) {
			if (v->len == (size_t)-1) {
				vals[i] = v->s;
			} else if (memchr(v->s, '\0', v->len)) {
				snprintf(line, sizeof(line), "parameter $%d holds a NUL byte",
					 i + 1);
				msg_set(tx->err, sizeof(tx->err), st->name, line);
				rc = ERR_INVALID;
				goto out;
			} else {
				owned[i] = xstrndup(v->s, v->len);
				vals[i] = owned[i];
			}
		}
	}
out:
	return rc;
}

/*
 * pg_exec: runs st (prepared once per connection) with params bound as
 * text; the server infers each parameter's type from the SQL. After an
 * error the transaction is aborted: later statements return that error
 * again without running, and db_commit rolls back.
 */
static int pg_exec(struct db_tx *tx, const struct db_stmt *st, const struct db_val *params, int n,
		   struct db_res **ret)
{
	const char **vals = NULL;
	char **owned = NULL;
	PGresult *r = NULL;
	char name[24];
	int rc = 0;

	if (tx->failed) {
		rc = tx->failed;
		goto out;
	}
	if (n > 0) {
		vals = xcalloc((size_t)n, sizeof(*vals));
		owned = xcalloc((size_t)n, sizeof(*owned));
	}
	rc = bind_params(tx, st, params, n, vals, owned);
	if (rc)
		goto out;
	rc = pg_prepare(tx, st, name, sizeof(name));
	if (rc)
		goto out;
	r = PQexecPrepared(tx->conn->pc, name, n, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		rc = tx_fail(tx, r, st->name);
		goto out;
	}
	if (ret)
		*ret = res_of(r);
out:
	PQclear(r);
	for (int i = 0; owned && i < n; i++)
		free(owned[i]);
	free(owned);
	free(vals);
	return rc;
}

/* pg_exec_script: runs a multi-statement text (migrations) with the simple query protocol. */
static int pg_exec_script(struct db_tx *tx, const char *sql)
{
	PGresult *r = NULL;
	int rc = 0;

	if (tx->failed) {
		rc = tx->failed;
		goto out;
	}
	r = PQexec(tx->conn->pc, sql);
	switch (PQresultStatus(r)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		break;
	default:
		rc = tx_fail(tx, r, "script");
	}
out:
	PQclear(r);
	return rc;
}

/* pg_notify: pg_notify(channel, payload), sent when tx commits; 0 or ERR_STORE. */
static int pg_notify(struct db_tx *tx, const char *channel, const char *payload)
{
	struct db_val v[2] = {DBV_TEXT_(channel), DBV_TEXT_(payload)};

	return pg_exec(tx, &pg_notify_stmt, v, 2, NULL) ? ERR_STORE : 0;
}

static const char *pg_tx_error(const struct db_tx *tx)
{
	return tx->err;
}

static struct db *pg_tx_db(const struct db_tx *tx)
{
	return tx->db;
}

/* ---- LISTEN ---- */

static int listener_subscribe(struct pg_listener *l)
{
	PGresult *r = PQexec(l->pc, l->listen_sql);
	int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? 0 : ERR_STORE;

	PQclear(r);
	return rc;
}

/* listener_sleep: waits ms or until db_close; returns 1 when the thread must stop. */
static int listener_sleep(struct pg_listener *l, int ms)
{
	struct pollfd p = {.fd = l->wake[0], .events = POLLIN};

	return poll(&p, 1, ms) > 0 || atomic_load(&l->stop);
}

/*
 * listener_reconnect: every PG_RECONNECT_MS, reconnects and LISTENs again
 * until that works, then calls cb(ud, NULL) so the caller can catch up on
 * what it missed. Returns 1 when told to stop meanwhile.
 */
static int listener_reconnect(struct pg_listener *l)
{
	for (;;) {
		if (listener_sleep(l, PG_RECONNECT_MS))
			return 1;
		PQreset(l->pc);
		if (PQstatus(l->pc) == CONNECTION_OK && !listener_subscribe(l))
			break;
	}
	l->cb(l->ud, NULL);
	return 0;
}

static void *listener_main(void *arg)
{
	struct pg_listener *l = arg;

	while (!atomic_load(&l->stop)) {
		struct pollfd fds[2] = {{.fd = l->wake[0], .events = POLLIN}};
		PGnotify *nt;
		int lost = 0;

		while ((nt = PQnotifies(l->pc))) {
			l->cb(l->ud, nt->extra);
			PQfreemem(nt);
		}
		fds[1] = (struct pollfd){.fd = PQsocket(l->pc), .events = POLLIN};
		if (poll(fds, 2, PG_LISTEN_POLL_MS) < 0 && errno != EINTR)
			lost = 1;
		if (fds[0].revents || atomic_load(&l->stop))
			break;
		if (fds[1].revents && !PQconsumeInput(l->pc))
			lost = 1;
		if (lost || PQstatus(l->pc) != CONNECTION_OK)
			if (listener_reconnect(l))
				break;
	}
	return NULL;
}

static void listener_free(struct pg_listener *l)
{
	PQfinish(l->pc);
	if (l->wake[0] >= 0)
		close(l->wake[0]);
	if (l->wake[1] >= 0)
		close(l->wake[1]);
	free(l->listen_sql);
	free(l);
}

/* listener_stop: stops and joins l's thread, then frees l. */
static void listener_stop(struct pg_listener *l)
{
	atomic_store(&l->stop, 1);
	if (write(l->wake[1], "x", 1) < 0) {
		/* The thread sees stop within PG_LISTEN_POLL_MS anyway. */
	}
	pthread_join(l->thread, NULL);
	listener_free(l);
}

/*
 * pg_listen: LISTENs on channel on a new connection before returning (so
 * a notification committed afterwards is delivered), then a thread calls
 * cb(ud, payload) for each one, and cb(ud, NULL) after a reconnection.
 * cb runs on that thread. Returns 0 or ERR_STORE.
 */
static int pg_listen(struct db *db, const char *channel, void (*cb)(void *, const char *), void *ud)
{
	struct pg_listener *l = xcalloc(1, sizeof(*l));
	char *id = NULL;
	size_t n;
	int rc = 0;

	l->wake[0] = l->wake[1] = -1;
	l->cb = cb;
	l->ud = ud;
	atomic_init(&l->stop, 0);
	l->pc = pg_connect(db->url);
	if (!l->pc || PQstatus(l->pc) != CONNECTION_OK) {
		rc = ERR_STORE;
		goto out;
	}
	id = PQescapeIdentifier(l->pc, channel, strlen(channel));
	if (!id) {
		rc = ERR_STORE;
		goto out;
	}
	n = strlen(id) + sizeof("LISTEN ");
	l->listen_sql = xmalloc(n);
	snprintf(l->listen_sql, n, "LISTEN %s", id);
	if (listener_subscribe(l) || pipe2(l->wake, O_CLOEXEC | O_NONBLOCK)) {
		rc = ERR_STORE;
		goto out;
	}
	if (pthread_create(&l->thread, NULL, listener_main, l)) {
		rc = ERR_STORE;
		goto out;
	}
	pthread_mutex_lock(&db->mu);
	l->next = db->listeners;
	db->listeners = l;
	pthread_mutex_unlock(&db->mu);
out:
	PQfreemem(id);
	if (rc)
		listener_free(l);
	return rc;
}

const struct db_driver db_pg_driver = {
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .exec = pg_exec,
    .exec_script = pg_exec_script,
    .notify = pg_notify,
    .listen = pg_listen,
    .tx_error = pg_tx_error,
    .tx_db = pg_tx_db,
};
