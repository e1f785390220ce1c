/* api_announcements.c: health check and supervisors' announcements to everyone on shift. */
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/fold.h"
#include "core/jsonx.h"
#include "api/api.h"
#include "api/handlers.h"
#include "core/banned.h"

#define ANNOUNCEMENT_MAX 500 /* characters */

HANDLER(h_health)
{
	(void)rq;
	struct db_tx *tx;
	int64_t last;
	int rc = store_begin(app->store, STORE_READ, &tx);
	if (!rc) {
		rc = store_event_last_id(tx, &last);
		store_rollback(tx);
	}
	if (rc)
		return api_error(rs, 503, "unavailable", "The database does not answer.");
	resp_json(rs, 200, json_pack("{s:s}", "status", "ok"));
	return 0;
}

static json_t *announcement_json(const struct announcement_rec *x)
{
	return json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)x->id, "text", x->text, "author",
			 x->author, "created_ms", (json_int_t)x->created_ms);
}

HANDLER(h_announcement_create)
{
	static const char *const keys[] = {"text", NULL};
	struct api_session *s = api_session(rq);
	struct api_write w = API_WRITE_INIT;
	struct buf *why = &w.e.msg;
	const char *text = NULL;
	int rc = 0;
	if (!(w.body = api_body(rq, rs, keys)))
		goto out;
	if (jsonx_get_str(w.body, "text", 2000, &text, why) || !text || !*text ||
	    utf8_length(text) > ANNOUNCEMENT_MAX) {
		api_invalid(rs, "invalid",
			    why->len ? why->data : "text is required (1 to 500 characters)");
		goto out;
	}
	struct announcement_rec x = {.author_user_id = s->s.user_id,
				     .created_ms = rq->now_ms,
				     .text = text,
				     .author = s->s.user.display_name};
	if ((rc = store_begin(app->store, STORE_WRITE, &w.tx)) ||
	    (rc = store_announcement_insert(w.tx, s->s.user_id, text, rq->now_ms, &x.id)) ||
	    (rc = api_audit(w.tx, rq, "announcement.create", "announcement", x.id, NULL)) ||
	    (rc = api_event(w.tx, rq, "announcement", 0, NULL, 0, "announcement", x.id)))
		goto out;
	rc = api_write_answer(app, rq, rs, &w, 201, "announcement", announcement_json(&x));
out:
	return api_write_end(&w, rs, rc);
}

HANDLER(h_announcement_get)
{
	struct announcement_rec x;
	int64_t id = api_id_param(rq, "id");
	int rc;
	struct db_tx *tx;
	if (!id)
		return ERR_NOT_FOUND;
	if ((rc = store_begin(app->store, STORE_READ, &tx)))
		return rc;
	rc = store_announcement_get(tx, &rq->arena, id, &x);
	store_rollback(tx);
	if (rc)
		return rc;
	resp_json(rs, 200, json_pack("{s:o}", "announcement", announcement_json(&x)));
	return 0;
}
