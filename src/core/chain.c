/* chain.c: canonical encoding of an audit row for its hash link. */
#include "core/chain.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/banned.h"

static void put_field(struct buf *b, const char *s)
{
	if (!s)
		s = "";
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
}

void chain_link(const char *prev_hash, const struct chain_fields *f, char out[SHA256_HEX_LEN + 1])
{
	struct buf b = BUF_INIT((size_t)16 << 20);
	put_field(&b, prev_hash);
	buf_printf(&b, "%" PRId64 ":%" PRId64 ":%" PRId64 ":", f->seq, f->ts_ms, f->actor_user_id);
	put_field(&b, f->actor);
	put_field(&b, f->action);
	put_field(&b, f->object_type);
	put_field(&b, f->object_id);
	put_field(&b, f->detail);
	put_field(&b, f->request_id);
	crypto_sha256_hex(b.data, b.len, out);
	buf_release(&b);
}
