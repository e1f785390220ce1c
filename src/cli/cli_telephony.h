/* cli_telephony.h: `faro telephony send`: a correctly signed phone-system event, for tests and
 * integrators. */
#ifndef FARO_CLI_TELEPHONY_H
#define FARO_CLI_TELEPHONY_H

#include <stdio.h>

struct cli_tel_event {
	const char *type, *from, *to, *agent, *to_agent, *call_id, *channel, *duration;
	const char *integration, *secret, *url; /* url: the server, "http://127.0.0.1:8080" */
};

/*
 * cli_telephony_send: posts e to url/api/v1/telephony/events signed with
 * the secret (docs/telephony.md) and prints the answer's body to out.
 * Returns 0 on a 2xx answer, 1 on another answer or no answer (said on
 * err), 2 on bad arguments (said on err).
 */
int cli_telephony_send(const struct cli_tel_event *e, FILE *out, FILE *err);

#endif
