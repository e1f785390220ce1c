#!/usr/bin/env bash
# run.sh: browser tests against the real server.
#
#   tests/e2e/run.sh SERVER_BINARY [DB_URL]
#
# Migrates DB_URL (default: a fresh SQLite file in a temp dir), creates an
# admin and an agent with random passwords, starts `SERVER serve` on a free
# loopback port, waits for /healthz, runs `node --test tests/e2e/` with
# FARO_URL and the credentials in the environment, stops the server by pid and
# exits with node's status. Extra serve flags: FARO_E2E_SERVE_ARGS; only some
# test files (while iterating): FARO_E2E_FILES="tests/e2e/a.test.mjs ...".
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 SERVER_BINARY [DB_URL]" >&2
	exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
server=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ ! -x "$server" ]; then
	echo "run.sh: $server is not an executable" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/faro-e2e.XXXXXX")
db=${2:-sqlite:$tmp/faro.db}
pid=
# shellcheck disable=SC2317  # called through trap
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Tools: node (Debian package), playwright-core (pinned in package-lock.json), chromium.
command -v node >/dev/null || { echo "run.sh: node is required (apt-get install -y nodejs npm)" >&2; exit 2; }
if [ ! -f "$repo/node_modules/playwright-core/package.json" ] || [ ! -f "$repo/node_modules/ajv/package.json" ]; then
	(cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
fi
chromium_bin=${FARO_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium_bin" ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	fi
	[ -x "$chromium_bin" ] || { echo "run.sh: $chromium_bin not found (apt-get install -y chromium)" >&2; exit 2; }
fi

genpass() { node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url'))"; }
freeport() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"; }

"$server" migrate --db "$db" >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; exit 1; }

admin_user=e2eadmin
agent_user=e2eagent
admin_pass=$(genpass)
agent_pass=$(genpass)
printf '%s' "$admin_pass" | "$server" user add "$admin_user" --role admin --name "Ana Administradora" --password-stdin --db "$db" >/dev/null
printf '%s' "$agent_pass" | "$server" user add "$agent_user" --role agent --name "Luis Agente" --password-stdin --db "$db" >/dev/null

# A third account made without --password-stdin gets a one-time password that
# must be changed at first sign-in; the CLI prints it on its last line.
newbie_user=e2enewbie
newbie_pass=$("$server" user add "$newbie_user" --role agent --name "Nora Nueva" --db "$db" | tail -n 1 | tr -d '[:space:]')

port=$(freeport)
# shellcheck disable=SC2086  # FARO_E2E_SERVE_ARGS is a list of flags
"$server" serve --db "$db" --listen "127.0.0.1:$port" ${FARO_E2E_SERVE_ARGS:-} >"$tmp/server.log" 2>&1 &
pid=$!

url="http://127.0.0.1:$port"
ready=0
for _ in $(seq 150); do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "run.sh: the server exited during start-up:" >&2
		cat "$tmp/server.log" >&2
		exit 1
	fi
	if node -e "fetch('$url/healthz').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"; then
		ready=1
		break
	fi
	sleep 0.2
done
if [ "$ready" != 1 ]; then
	echo "run.sh: $url/healthz did not answer 200 within 30 s" >&2
	tail -n 50 "$tmp/server.log" >&2
	exit 1
fi

status=0
(
	cd "$repo"
	FARO_URL=$url \
	FARO_ADMIN_USER=$admin_user FARO_ADMIN_PASS=$admin_pass \
	FARO_AGENT_USER=$agent_user FARO_AGENT_PASS=$agent_pass \
	FARO_NEWBIE_USER=$newbie_user FARO_NEWBIE_PASS=$newbie_pass \
	FARO_E2E_BIN=$server FARO_E2E_DB=$db \
		node --test --test-concurrency=1 ${FARO_E2E_FILES:-tests/e2e/}
) || status=$?

if [ "$status" != 0 ]; then
	echo "--- server log (last 80 lines) ---" >&2
	tail -n 80 "$tmp/server.log" >&2
	mkdir -p "$repo/tests/e2e/artifacts"
	cp "$tmp/server.log" "$repo/tests/e2e/artifacts/server.log" 2>/dev/null || true
fi
exit "$status"
