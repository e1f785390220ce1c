/* chain.h: the audit hash chain's link function, shared by writer and verifier. */
#ifndef FARO_CHAIN_H
#define FARO_CHAIN_H

#include <stdint.h>

#include "core/crypto.h"

struct chain_fields {
	int64_t seq, ts_ms, actor_user_id;
	const char *actor, *action, *object_type, *object_id, *detail, *request_id;
};

/*
 * chain_link: hex SHA-256 over prev_hash and every field, each
 * length-prefixed so no two different rows can encode the same bytes.
 */
void chain_link(const char *prev_hash, const struct chain_fields *f, char out[SHA256_HEX_LEN + 1]);

#endif
