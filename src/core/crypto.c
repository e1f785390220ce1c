/* crypto.c: the small crypto surface Faro needs, all from libsodium. */
#include "core/crypto.h"

#include <sodium.h>
#include <string.h>

#include "core/err.h"
#include "core/banned.h"

int crypto_init(void)
{
	return sodium_init() < 0 ? ERR_INTERNAL : 0;
}

void crypto_random_bytes(void *p, size_t n)
{
	randombytes_buf(p, n);
}

uint32_t crypto_random_uniform(uint32_t upper)
{
	return randombytes_uniform(upper);
}

void crypto_random_token(char *out, size_t out_size, size_t nbytes)
{
	unsigned char raw[64];
	if (nbytes > sizeof(raw))
		nbytes = sizeof(raw);
	randombytes_buf(raw, nbytes);
	sodium_bin2base64(out, out_size, raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void crypto_hex(const unsigned char *p, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, p, n);
}

void crypto_sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, p, n);
	crypto_hex(h, sizeof(h), out);
}

int crypto_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}
