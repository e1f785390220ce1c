#!/usr/bin/env bash
# area_contacts.sh: the contact's figures for the closing note. On a database holding
# BENCH_CONTACTS_PROFILES generated profiles (default 1,000,000, two phones each, bench/people_gen.c,
# loaded straight into the tables as area_people.sh does) with BENCH_CONTACTS_AGENTS agents (300)
# signed in, each holding a live stream, bench/contacts_bench.py measures through HTTP:
#   - the screen pop: a signed telephony `ringing` for a random agent (callers' numbers from the
#     profiles, a tenth unknown) until `contact_pop` arrives on THAT agent's stream, p50/p99 over
#     BENCH_CONTACTS_POPS events (1000; goal p99 < 50 ms), and that no other stream saw it; then the
#     two reads the contact screen makes after the pop (the contact, the phone lookup);
#   - note autosave: every agent saving its notes once a second for BENCH_CONTACTS_SECONDS (30),
#     durable; p50/p99 per save (goal p99 < 50 ms), saves/s achieved vs offered, faro's CPU share
#     (/proc/PID/stat utime+stime over wall time; on PostgreSQL also the cluster's processes);
#   - the contact screen in headless Chromium after the pop (bench/contact_screen.mjs, one agent,
#     BENCH_SCREEN_POPS pops, default 30; baseline: navigating to #/perfiles), when node, Chromium
#     (FARO_CHROMIUM, default /usr/bin/chromium) and node_modules/playwright-core are there;
#     BENCH_SCREEN=0 skips it;
#   - baselines in the same run: GET /api/v1/me under the same streams, an announcement's fan-out,
#     one agent saving alone; the result lines give the ratios.
# On SQLite, and on a throwaway PostgreSQL cluster too when BENCH_PG=1. faro runs --threads 2, as in
# bench/run.sh (BENCH_CONTACTS_THREADS changes it). Prints "result contacts ENGINE: ..." lines.
#   FARO_BIN=build/release/faro BENCH_PG=0 BENCH_CONTACTS_PROFILES=10000 bench/area_contacts.sh
#   BENCH_PEOPLE_DIR=/work/bench-data/people keeps the generated files and a loaded SQLite database
#   (contacts-base-N.db, copied for each run) there; delete it after a schema change.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
FARO_BIN=${FARO_BIN:-$repo/build/release/faro}
N=${BENCH_CONTACTS_PROFILES:-1000000}
AGENTS=${BENCH_CONTACTS_AGENTS:-300}
build=$(cd "$(dirname "$FARO_BIN")" && pwd)
tmp=$(mktemp -d /tmp/faro-bench-contacts.XXXXXX)
chmod 755 "$tmp"
data=${BENCH_PEOPLE_DIR:-$tmp}
mkdir -p "$data"
chmod 755 "$data"
pgdir=""
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	[ -n "$pgdir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp" "${pgdir:-/nonexistent}"
	true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "bench contacts: $*" >&2; }
# shellcheck source=bench/people_load.sh
. "$here/people_load.sh"

# the streams and the savers' connections, in the client and in faro
want=$((AGENTS * 4 + 256))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
	ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi

if [ ! -s "$data/profiles.tsv" ] || [ "$(wc -l <"$data/profiles.tsv")" != "$N" ]; then
	people_objs
	# shellcheck disable=SC2046
	cc -O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -I"$repo/src" -I"$build/gen" -o "$tmp/people_gen" \
		"$here/people_gen.c" "${objs[@]}" $(pkg-config --libs jansson libsodium sqlite3 libpq) \
		-lstemmer -lm -lpthread
	say "generating $N profiles and $((2 * N)) phones"
	"$tmp/people_gen" "$N" "$data"
	chmod 644 "$data"/*.tsv
fi


# screen ENGINE PORT ADMIN_PW: the contact screen in the browser after the pop (bench/contact_screen.mjs),
# when node, Chromium and playwright-core are here (make bench installs none of them: then a line
# says it was skipped); its failure is reported, not the bench's.
screen() {
	local why="" chromium=${FARO_CHROMIUM:-/usr/bin/chromium} src=0
	command -v node >/dev/null 2>&1 || why="no node"
	[ -x "$chromium" ] || why="${why:+$why, }no $chromium"
	[ -d "$repo/node_modules/playwright-core" ] || why="${why:+$why, }no node_modules/playwright-core (npm ci, or a link to a checkout's node_modules)"
	[ "${BENCH_SCREEN:-1}" = 0 ] && why="BENCH_SCREEN=0"
	if [ -n "$why" ]; then
		echo "result contacts $1 screen: skipped: $why"
		return 0
	fi
	FARO_URL="http://127.0.0.1:$2" FARO_CHROMIUM=$chromium BENCH_ENGINE=$1 BENCH_ADMIN_USER=benchadmin \
		BENCH_ADMIN_PW=$3 BENCH_PROFILES=$N BENCH_SCREEN_POPS=${BENCH_SCREEN_POPS:-30} \
		timeout 300 node "$here/contact_screen.mjs" || src=$?
	[ $src = 0 ] || echo "result contacts $1 screen: failed (exit $src; see stderr)"
}

run() { # ENGINE DB_URL [PG_PID]
	local eng=$1 url=$2 pg_pid=${3:-0} fsync_dir=${4:-} t0 port admin_pw sup_pw
	t0=$(date +%s)
	if [ "$eng" = sqlite ]; then
		local base=$data/contacts-base-$N.db
		if [ ! -s "$base" ]; then
			say "$eng: loading $N profiles, $((2 * N)) phones and the name index"
			rm -f "$base" "$base-wal" "$base-shm"
			"$FARO_BIN" migrate --db "sqlite:$base" >/dev/null
			load_sql sqlite >"$tmp/load.sql"
			sqlite3 "$base" <"$tmp/load.sql" >/dev/null
		fi
		cp "$base" "${url#sqlite:}"
	else
		say "$eng: loading $N profiles, $((2 * N)) phones and the name index"
		"$FARO_BIN" migrate --db "$url" >/dev/null
		load_sql postgres >"$tmp/load.sql"
		psql -X -q -v ON_ERROR_STOP=1 "$url" <"$tmp/load.sql" >/dev/null
	fi
	"$FARO_BIN" migrate --db "$url" >/dev/null
	admin_pw="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	sup_pw="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	"$FARO_BIN" user add benchadmin --role admin --name "Bench Admin" --password-stdin --db "$url" \
		< <(printf "%s" "$admin_pw") >/dev/null
	"$FARO_BIN" user add benchsuper --role supervisor --name "Bench Supervisor" --password-stdin --db "$url" \
		< <(printf "%s" "$sup_pw") >/dev/null
	say "$eng: database ready in $(($(date +%s) - t0)) s"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	local quiet=--quiet
	[ "${BENCH_CONTACTS_SERVER_LOG:-0}" = 1 ] && quiet=
	"$FARO_BIN" serve --db "$url" --listen "127.0.0.1:$port" --threads "${BENCH_CONTACTS_THREADS:-2}" $quiet --sse-heartbeat "${BENCH_CONTACTS_HEARTBEAT:-20}" \
		--search-rate 100000 >"$tmp/serve-$eng.log" 2>&1 &
	pid=$!
	for _ in $(seq 150); do
		curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || {
		cat "$tmp/serve-$eng.log" >&2
		say "faro did not start"
		return 1
	}
	local rc=0
	BENCH_ADMIN_USER=benchadmin BENCH_ADMIN_PW=$admin_pw BENCH_SUP_USER=benchsuper BENCH_SUP_PW=$sup_pw \
		BENCH_AGENTS=$AGENTS BENCH_POPS=${BENCH_CONTACTS_POPS:-1000} BENCH_SECONDS=${BENCH_CONTACTS_SECONDS:-30} \
		BENCH_PROFILES=$N BENCH_FARO_PID=$pid BENCH_PG_PID=$pg_pid BENCH_FSYNC_DIR=$fsync_dir \
		timeout 900 python3 "$here/contacts_bench.py" "$port" "$eng" || rc=$?
	screen "$eng" "$port" "$admin_pw"
	echo "result contacts $eng: faro peak memory (VmHWM) $(($(awk '/VmHWM/ {print $2}' "/proc/$pid/status") / 1024)) MiB with $AGENTS streams and $N profiles"
	kill -0 "$pid" 2>/dev/null || { say "faro died"; rc=1; }
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
	if [ -z "$quiet" ]; then
		# the server's own time per request (the access log's "ms", whole milliseconds), by route
		python3 - "$tmp/serve-$eng.log" "$eng" <<'PY'
import json, sys
by = {}
for line in open(sys.argv[1], errors="replace"):
    try:
        j = json.loads(line)
    except ValueError:
        continue
    if "ms" in j and "route" in j:
        by.setdefault(j["method"] + " " + j["route"], []).append(j["ms"])
for route, ms in sorted(by.items()):
    if len(ms) >= 100:
        ms.sort()
        print("result contacts %s: server-side (access log) %s p50 %d ms p99 %d ms max %d ms over %d, %d over 50 ms"
              % (sys.argv[2], route, ms[len(ms) // 2], ms[int(len(ms) * 0.99)], ms[-1], len(ms),
                 sum(1 for x in ms if x > 50)))
PY
	fi
	if grep -qv '"level":"info"' "$tmp/serve-$eng.log"; then
		say "faro's stderr ($eng, info lines left out):"
		grep -v '"level":"info"' "$tmp/serve-$eng.log" | head -n 20 >&2
	fi
	[ $rc = 0 ] || say "contacts_bench.py failed on $eng (exit $rc)"
	return $rc
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
say "load average before: $load on $(nproc) CPUs"
rc=0
mkdir -p "$tmp/sqlite"
run sqlite "sqlite:$tmp/sqlite/faro.db" 0 "$tmp/sqlite" || rc=1
if [ "${BENCH_PG:-0}" = 1 ]; then
	pgdir=$(mktemp -d /tmp/faro-bench-pg.XXXXXX)
	chmod 755 "$pgdir"
	pgurl=$("$repo/scripts/pg-test-cluster.sh" start "$pgdir")
	psql -X -q "$pgurl" -c "CREATE DATABASE contacts_bench" >/dev/null
	pgpid=$(head -n1 "$(find "$pgdir" -name postmaster.pid | head -n1)" 2>/dev/null || echo 0)
	run postgres "${pgurl%/*}/contacts_bench" "$pgpid" "$pgdir" || rc=1
fi
echo "result contacts: load average before $load, after $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
exit $rc
