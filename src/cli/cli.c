/* cli.c: account creation, demo data and audit verification for the command line. */
#include "cli/cli.h"

#include <inttypes.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/err.h"
#include "domain/password_policy.h"
#include "domain/validate.h"
#include "api/api.h"
#include "api/people/api_profile.h"
#include "core/banned.h"

#define ONE_TIME_PASSWORD_MS (24 * 3600 * 1000LL)

static int user_insert(struct app *app, struct req *rq, const struct cli_user *cu, int one_time,
		       struct buf *why)
{
	struct buf ufold = BUF_INIT(128);
	struct user_rec u = {.username = cu->username,
			     .display_name = cu->display_name ? cu->display_name : cu->username,
			     .email = cu->email,
			     .role = cu->role,
			     .language = cu->language ? cu->language : "es",
			     .must_change_password = one_time,
			     .password_expires_ms =
				 one_time ? rq->now_ms + ONE_TIME_PASSWORD_MS : 0};
	char hash[160];
	struct db_tx *tx = NULL;
	int rc;
	if ((rc = validate_username(u.username, &ufold, why)) ||
	    (rc = validate_display_name(u.display_name, why)) ||
	    (u.email && (rc = validate_email(u.email, why))))
		goto out;
	if (role_parse(u.role) == ROLE_INVALID) {
		buf_puts(why, "role must be agent, coordinator, supervisor or admin");
		rc = ERR_INVALID;
		goto out;
	}
	if (strcmp(u.language, "es") && strcmp(u.language, "en")) {
		buf_puts(why, "language must be es or en");
		rc = ERR_INVALID;
		goto out;
	}
	if (!one_time && (rc = password_check(cu->password, u.username, why)))
		goto out;
	if ((rc = password_hash(app, cu->password, hash, sizeof(hash))))
		goto out;
	u.password_hash = hash;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		goto out;
	rc = store_user_insert(tx, &u, ufold.data, rq->now_ms, &u.id);
	if (rc == ERR_CONFLICT)
		buf_printf(why, "the username '%s' is taken", u.username);
	if (rc ||
	    (rc = api_audit_as(tx, rq, 0, "cli", "user.create", "user", u.id,
			       json_pack("{s:s,s:s}", "username", u.username, "role", u.role))))
		goto out;
	rc = store_commit(tx);
	tx = NULL;
out:
	store_rollback(tx);
	buf_release(&ufold);
	return rc;
}

void cli_req(struct req *rq)
{
	memset(rq, 0, sizeof(*rq));
	arena_init(&rq->arena);
	rq->request_id = "cli";
	rq->ip = "local";
	rq->now_ms = clock_now_ms();
}

/* a readable random password: 4 groups of 5 from an unambiguous alphabet (~100 bits) */
static void random_password(char out[32])
{
	static const char alpha[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";
	size_t k = 0;
	for (int g = 0; g < 4; g++) {
		for (int i = 0; i < 5; i++)
			out[k++] = alpha[crypto_random_uniform(sizeof(alpha) - 1)];
		if (g < 3)
			out[k++] = '-';
	}
	out[k] = '\0';
}

int cli_user_add(struct app *app, const struct cli_user *cu, FILE *out, FILE *err)
{
	struct req rq;
	struct buf why = BUF_INIT(256);
	char generated[32];
	struct cli_user u = *cu;
	int one_time = !u.password;
	cli_req(&rq);
	if (one_time) {
		random_password(generated);
		u.password = generated;
	}
	int rc = user_insert(app, &rq, &u, one_time, &why);
	if (rc)
		fprintf(err, "faro: cannot add user: %s\n", why.len ? why.data : err_name(rc));
	else if (one_time)
		fprintf(out,
			"User %s (%s) added. One-time password, valid 24 hours, to be changed at "
			"first sign-in:\n  %s\n",
			u.username, u.role, generated);
	else
		fprintf(out, "User %s (%s) added.\n", u.username, u.role);
	buf_release(&why);
	arena_release(&rq.arena);
	return rc;
}

int cli_demo_seed(struct app *app, FILE *out)
{
	static const struct cli_user demo[] = {
	    {"admin", "Ana Administradora", "admin@demo.faro.invalid", "admin", "es", NULL},
	    {"supervisora", "Sofía Supervisora", "supervision@demo.faro.invalid", "supervisor",
	     "es", NULL},
	    {"coordinador", "Carlos Coordinador", "coordinacion@demo.faro.invalid", "coordinator",
	     "es", NULL},
	    {"agente", "Andrea Agente", "agente@demo.faro.invalid", "agent", "es", NULL},
	    {"agent.en", "Alex Agent", "agent@demo.faro.invalid", "agent", "en", NULL},
	};
	struct req rq;
	struct buf why = BUF_INIT(256);
	struct db_tx *tx;
	int64_t count;
	int rc;
	cli_req(&rq);
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		goto out;
	rc = store_user_count(tx, &count);
	store_rollback(tx);
	if (rc || count)
		goto out;
	if ((rc = store_begin(app->store, STORE_WRITE, &tx)))
		goto out;
	if ((rc = store_setting_put(tx, "org.name", "Línea de Ayuda Demo", rq.now_ms)) ||
	    (rc = store_setting_put(tx, "org.default_country", "CO", rq.now_ms)) ||
	    (rc = store_setting_put(tx, "org.default_language", "es", rq.now_ms)) ||
	    (rc = api_audit_as(tx, &rq, 0, "cli", "org.demo_seed", "org", 1, NULL))) {
		store_rollback(tx);
		goto out;
	}
	if ((rc = store_commit(tx)))
		goto out;
	fprintf(out, "\nDemo organisation created. These passwords are shown once:\n");
	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		char pw[32];
		struct cli_user u = demo[i];
		random_password(pw);
		u.password = pw;
		if ((rc = user_insert(app, &rq, &u, 0, &why)))
			goto out;
		fprintf(out, "  %-12s %-12s %s\n", u.username, u.role, pw);
	}
	if ((rc = people_demo_seed(app, &rq)))
		goto out;
	if ((rc = contacts_demo_seed(app, &rq)))
		goto out;
	fprintf(out, "\n");
out:
	buf_release(&why);
	arena_release(&rq.arena);
	return rc;
}

int cli_audit_verify(struct store *st, FILE *out)
{
	struct db_tx *tx;
	int64_t checked, broken;
	int rc = store_begin(st, STORE_READ, &tx);
	if (rc)
		return rc;
	rc = store_audit_verify(tx, &checked, &broken);
	store_rollback(tx);
	if (rc)
		return rc;
	if (broken) {
		fprintf(out,
			"audit chain BROKEN at seq %" PRId64 " (%" PRId64
			" rows intact before it)\n",
			broken, broken - 1);
		return 1;
	}
	fprintf(out, "audit chain intact: %" PRId64 " rows verified\n", checked);
	return 0;
}
