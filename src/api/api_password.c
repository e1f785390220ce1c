/* api_password.c: argon2id hashing (libsodium), bounded so a login storm cannot exhaust memory. */
#include <sodium.h>
#include <string.h>

#include "core/err.h"
#include "api/api.h"
#include "core/banned.h"

/* ASVS 5.0 / OWASP: argon2id, m=19456 KiB, t=2, p=1 */
#define PW_OPSLIMIT 2
#define PW_MEMLIMIT (19456u * 1024u)

int password_hash(struct app *app, const char *pw, char *out, size_t out_size)
{
	if (out_size < crypto_pwhash_STRBYTES)
		return ERR_INTERNAL;
	sem_wait(&app->hash_slots);
	int rc = crypto_pwhash_str_alg(out, pw, strlen(pw), PW_OPSLIMIT, PW_MEMLIMIT,
				       crypto_pwhash_ALG_ARGON2ID13);
	sem_post(&app->hash_slots);
	return rc ? ERR_NOMEM : 0;
}

int password_verify(struct app *app, const char *hash, const char *pw, int *ret_rehash)
{
	sem_wait(&app->hash_slots);
	int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	sem_post(&app->hash_slots);
	if (rc)
		return ERR_UNAUTHORIZED;
	if (ret_rehash)
		*ret_rehash = crypto_pwhash_str_needs_rehash(hash, PW_OPSLIMIT, PW_MEMLIMIT) != 0;
	return 0;
}

void password_burn(struct app *app, const char *pw)
{
	password_verify(app, app->burn_hash, pw, NULL);
}
