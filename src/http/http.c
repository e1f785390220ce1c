/* http.c: request and response helpers that need no protocol library. */
#include "http/http.h"

#include <string.h>

#include "core/banned.h"

const char *req_param(const struct req *rq, const char *name)
{
	for (int i = 0; i < rq->nparams; i++)
		if (!strcmp(rq->param_names[i], name))
			return rq->param_values[i];
	return NULL;
}

void resp_header(struct resp *rs, const char *name, const char *value)
{
	if (rs->nheaders < HTTP_MAX_RESP_HEADERS) {
		rs->header_names[rs->nheaders] = name;
		rs->header_values[rs->nheaders] = value;
		rs->nheaders++;
	}
}

void resp_json(struct resp *rs, int status, json_t *body)
{
	json_decref(rs->json);
	rs->status = status;
	rs->json = body;
}
