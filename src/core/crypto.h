/* crypto.h: random tokens, SHA-256 and constant-time compare, over libsodium. */
#ifndef FARO_CRYPTO_H
#define FARO_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN     32
#define SHA256_HEX_LEN 64

/* crypto_init: once at start; ERR_INTERNAL when libsodium cannot start. */
int crypto_init(void);
/* crypto_random_token: nbytes of CSPRNG output as unpadded base64url into out (size >=
 * 4*nbytes/3+2). */
void crypto_random_token(char *out, size_t out_size, size_t nbytes);
void crypto_random_bytes(void *p, size_t n);
/* crypto_sha256_hex: hex of SHA-256(p[0..n]) into out[65]. */
void crypto_sha256_hex(const void *p, size_t n, char out[SHA256_HEX_LEN + 1]);
int crypto_equal(const void *a, const void *b, size_t n);
void crypto_hex(const unsigned char *p, size_t n, char *out);
uint32_t crypto_random_uniform(uint32_t upper);

#endif
