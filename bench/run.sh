#!/usr/bin/env bash
# run.sh: faro's benchmarks: authenticated GET vs nginx static file (wrk), and 1,000-stream SSE fan-out.
#
#   bench/run.sh          SQLite
#   bench/run.sh --pg     SQLite, then the same against a throwaway PostgreSQL cluster
#   make bench [ARGS=--pg]
#
# Needs wrk, nginx (nginx-light), curl, python3, cc (`make bench` installs them).
# Everything listens on 127.0.0.1 on free ports; every process started here is
# stopped on exit. The summary goes to stdout and bench/results/latest.txt.
# Knobs (environment): BENCH_DURATION (s, default 10), BENCH_CONNS (default 32),
# BENCH_WRK_THREADS (default 2), BENCH_REPEAT (wrk runs per server, best kept; default 2),
# BENCH_SSE_CLIENTS (default 1000), BENCH_ROUNDS (announcements, default 5),
# BENCH_AREAS (area benchmarks to run, e.g. "people resources"; "none": HTTP and SSE only; default all).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
faro=$repo/build/release/faro

DURATION=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SSE_CLIENTS=${BENCH_SSE_CLIENTS:-1000}
ROUNDS=${BENCH_ROUNDS:-5}
REPEAT=${BENCH_REPEAT:-2}
WARMUP=2
FARO_THREADS=2
NGINX=${NGINX:-/usr/sbin/nginx}

# `make bench ARGS=--pg`: make exports command-line variables, so ARGS arrives here
# even though the Makefile runs bench/run.sh without arguments.
if [ $# -eq 0 ] && [ -n "${ARGS:-}" ]; then
	# shellcheck disable=SC2086
	set -- $ARGS
fi

use_pg=0
for arg in "$@"; do
	case $arg in
	--pg) use_pg=1 ;;
	-h | --help)
		sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "run.sh: unknown argument $arg (try --help)" >&2
		exit 2
		;;
	esac
done

say() { echo "bench: $*" >&2; }
die() {
	echo "bench: error: $*" >&2
	exit 1
}

for tool in wrk curl python3 cc "$NGINX"; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool not found (scripts/install-deps.sh bench installs it)"
done

# ---- processes and cleanup ----

tmp=$(mktemp -d /tmp/faro-bench.XXXXXX)
chmod 755 "$tmp" # nginx workers and the postgres user read below it
pids=()
pg_dir=

cleanup() {
	local rc=$?
	set +e
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null
	done
	for pid in "${pids[@]}"; do
		# bounded wait: 5 s, then SIGKILL
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	pids=()
	[ -n "$pg_dir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null 2>&1
	if [ $rc -ne 0 ] && [ -d "$tmp" ]; then
		for f in "$tmp"/*.err "$tmp"/nginx-*/error.log; do
			[ -s "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 20 "$f" >&2; }
		done
	fi
	rm -rf "$tmp"
	exit $rc
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT TERM

# stop_pid PID: stops one process started here and forgets it
stop_pid() {
	local pid=$1 keep=() p
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null || true
	for p in "${pids[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
	pids=("${keep[@]+"${keep[@]}"}")
}

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# wait_http URL PID: waits up to 15 s for any HTTP answer while PID lives
wait_http() {
	for _ in $(seq 150); do
		kill -0 "$2" 2>/dev/null || return 1
		curl -s -o /dev/null --max-time 1 "$1" && return 0
		sleep 0.1
	done
	return 1
}

# ---- build ----

say "building faro (make all)"
make -s -C "$repo" all >"$tmp/make.log" 2>&1 || { cat "$tmp/make.log" >&2; die "build failed"; }
[ -x "$faro" ] || die "$faro was not built"
cc -O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -o "$tmp/sse_fanout" "$here/sse_fanout.c" ||
	die "could not compile bench/sse_fanout.c"

# 1,000 streams in one client process, and as many in faro
soft=$(ulimit -n)
hard=$(ulimit -Hn)
want=$((SSE_CLIENTS * 2 + 512))
if [ "$soft" != unlimited ] && [ "$soft" -lt "$want" ]; then
	if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
		ulimit -n "$hard"
	else
		ulimit -n "$want"
	fi
fi
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge $((SSE_CLIENTS + 64)) ] ||
	die "ulimit -n is $(ulimit -n); $SSE_CLIENTS streams need more"

# ---- faro ----

faro_pid=
faro_port=

# prepare_db URL: migrates and creates the two bench accounts with fresh passwords
prepare_db() {
	local url=$1
	agent_pw="bench-agent-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	sup_pw="bench-super-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	"$faro" migrate --db "$url" >"$tmp/migrate.log" 2>&1 || { cat "$tmp/migrate.log" >&2; die "faro migrate failed"; }
	printf '%s' "$agent_pw" | "$faro" user add benchagent --role agent --name "Bench Agent" \
		--password-stdin --db "$url" >>"$tmp/migrate.log" 2>&1 ||
		{ cat "$tmp/migrate.log" >&2; die "faro user add benchagent failed"; }
	printf '%s' "$sup_pw" | "$faro" user add benchsuper --role supervisor --name "Bench Supervisor" \
		--password-stdin --db "$url" >>"$tmp/migrate.log" 2>&1 ||
		{ cat "$tmp/migrate.log" >&2; die "faro user add benchsuper failed"; }
}

# start_faro URL TAG: serves URL on a free port; sets faro_pid, faro_port
start_faro() {
	local url=$1 tag=$2
	faro_port=$(free_port)
	"$faro" serve --db "$url" --listen "127.0.0.1:$faro_port" --quiet --threads "$FARO_THREADS" \
		--sse-heartbeat 20 >"$tmp/faro-$tag.out" 2>"$tmp/faro-$tag.err" &
	faro_pid=$!
	pids+=("$faro_pid")
	wait_http "http://127.0.0.1:$faro_port/healthz" "$faro_pid" || die "faro did not start"
}

# login USER PASSWORD: prints "COOKIE CSRF"
login() {
	local user=$1 pw=$2 code cookie csrf
	local hdr=$tmp/login.hdr body=$tmp/login.body
	code=$(USER_="$user" PW_="$pw" python3 -c 'import json, os
print(json.dumps({"username": os.environ["USER_"], "password": os.environ["PW_"]}))' |
		curl -s -o "$body" -D "$hdr" -w '%{http_code}' -H 'Content-Type: application/json' \
			--data-binary @- "http://127.0.0.1:$faro_port/api/v1/auth/login") || die "login request failed"
	[ "$code" = 200 ] || die "login as $user answered $code: $(head -c 300 "$body")"
	cookie=$(tr -d '\r' <"$hdr" | sed -n 's/^[Ss]et-[Cc]ookie: *\(faro_sid=[^;]*\).*/\1/p' | head -n1)
	csrf=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$body")
	[ -n "$cookie" ] && [ -n "$csrf" ] || die "login as $user gave no cookie or CSRF token"
	echo "$cookie $csrf"
}

# ---- wrk ----

# cpu_ticks PID: CPU time (user+system, clock ticks) of PID and its children so far
cpu_ticks() {
	local p t=0 v
	for p in "$1" $(pgrep -P "$1" || true); do
		v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || v=0
		t=$((t + ${v:-0}))
	done
	echo "$t"
}

# run_wrk URL COOKIE OUT PID: warm-up, then the measured run; output in OUT, and a last
# line "cpu_ticks N" with the CPU PID (and its children, nginx's workers) used meanwhile
run_wrk() {
	local url=$1 cookie=$2 out=$3 pid=$4 before after
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${WARMUP}s" -H "Cookie: $cookie" "$url" >/dev/null 2>&1 || true
	before=$(cpu_ticks "$pid")
	timeout $((DURATION + 30)) wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --latency \
		-H "Cookie: $cookie" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $url"; }
	after=$(cpu_ticks "$pid")
	echo "cpu_ticks $((after - before))" >>"$out"
}

# wrk_field OUT rps|p50|p99|non2xx|sockerr|requests|cpu_us (server CPU per request)
wrk_field() {
	awk -v want="$2" -v hz="$(getconf CLK_TCK)" '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
		if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
		return v + 0
	}
	/^Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { non2xx = $NF }
	/Socket errors:/ { sockerr = $0; sub(/.*Socket errors: */, "", sockerr); gsub(/,/, "", sockerr); gsub(/ +/, "_", sockerr) }
	/requests in/ { requests = $1 }
	/^cpu_ticks / { ticks = $2 }
	END {
		if (want == "cpu_us") printf "%.1f\n", (requests > 0 ? ticks * 1e6 / hz / requests : 0)
		if (want == "rps") printf "%.0f\n", rps
		else if (want == "p50") printf "%.2f\n", p50
		else if (want == "p99") printf "%.2f\n", p99
		else if (want == "non2xx") print (non2xx == "" ? 0 : non2xx)
		else if (want == "sockerr") print (sockerr == "" ? "none" : sockerr)
		else if (want == "requests") print requests
	}' "$1"
}

# ---- nginx ----

nginx_pid=
nginx_port=

# start_nginx SIZE TAG: nginx serves a SIZE-byte file at /api/v1/me; sets nginx_pid, nginx_port
start_nginx() {
	local size=$1 tag=$2
	local ndir=$tmp/nginx-$tag
	nginx_port=$(free_port)
	mkdir -p "$ndir/www/api/v1" "$ndir/temp"
	head -c "$size" /dev/zero | tr '\0' 'x' >"$ndir/www/api/v1/me"
	chmod -R a+rX "$ndir"
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user nobody nogroup;"
	cat >"$ndir/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $ndir/nginx.pid;
error_log $ndir/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $ndir/temp/body;
	proxy_temp_path $ndir/temp/proxy;
	keepalive_requests 1000000;
	keepalive_timeout 60s;
	default_type application/json;
	server {
		listen 127.0.0.1:$nginx_port;
		root $ndir/www;
		location / { }
	}
}
EOF
	"$NGINX" -p "$ndir" -c "$ndir/nginx.conf" -e "$ndir/error.log" -t >"$ndir/test.log" 2>&1 ||
		{ cat "$ndir/test.log" >&2; die "nginx rejected its config"; }
	"$NGINX" -p "$ndir" -c "$ndir/nginx.conf" -e "$ndir/error.log" 2>>"$ndir/error.log" &
	nginx_pid=$!
	pids+=("$nginx_pid")
	wait_http "http://127.0.0.1:$nginx_port/api/v1/me" "$nginx_pid" ||
		die "nginx did not start ($(tail -n 3 "$ndir/error.log"))"
	local got
	got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "http://127.0.0.1:$nginx_port/api/v1/me")
	[ "$got" = "200 $size" ] || die "nginx answered '$got', wanted '200 $size'"
}

# ---- the two benchmarks ----

summary=()

# best_run FILES...: prints the wrk output file with the most requests/s
best_run() {
	local f best= best_rps=-1 rps
	for f in "$@"; do
		rps=$(wrk_field "$f" rps)
		if [ "$rps" -gt "$best_rps" ]; then
			best_rps=$rps
			best=$f
		fi
	done
	echo "$best"
}

# bench_http URL TAG: faro and nginx side by side, wrk runs interleaved (faro, nginx) x REPEAT
bench_http() {
	local url=$1 tag=$2 creds cookie size got i
	start_faro "$url" "http-$tag"
	creds=$(login benchagent "$agent_pw")
	cookie=${creds%% *}
	got=$(curl -s -o "$tmp/me-$tag.json" -w '%{http_code} %{size_download}' -H "Cookie: $cookie" \
		"http://127.0.0.1:$faro_port/api/v1/me")
	[ "${got%% *}" = 200 ] || die "GET /api/v1/me answered ${got%% *}"
	size=${got##* }
	start_nginx "$size" "$tag"
	local faro_runs=() nginx_runs=() w
	for i in $(seq "$REPEAT"); do
		w=$tmp/wrk-faro-$tag-$i.txt
		say "wrk faro GET /api/v1/me ($tag, $size bytes), run $i/$REPEAT, ${DURATION}s"
		run_wrk "http://127.0.0.1:$faro_port/api/v1/me" "$cookie" "$w" "$faro_pid"
		faro_runs+=("$w")
		say "  faro  $(wrk_field "$w" rps) req/s, p99 $(wrk_field "$w" p99) ms, $(wrk_field "$w" cpu_us) us CPU/request"
		w=$tmp/wrk-nginx-$tag-$i.txt
		say "wrk nginx static file ($size bytes), run $i/$REPEAT, ${DURATION}s"
		run_wrk "http://127.0.0.1:$nginx_port/api/v1/me" "$cookie" "$w" "$nginx_pid"
		nginx_runs+=("$w")
		say "  nginx $(wrk_field "$w" rps) req/s, p99 $(wrk_field "$w" p99) ms, $(wrk_field "$w" cpu_us) us CPU/request"
	done
	local rss threads
	rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$faro_pid/status")
	threads=$(awk '/^Threads:/ { print $2 }' "/proc/$faro_pid/status")
	# still answering after the load?
	got=$(curl -s -o /dev/null --max-time 5 -w '%{http_code}' -H "Cookie: $cookie" \
		"http://127.0.0.1:$faro_port/api/v1/me") || got=none
	[ "$got" = 200 ] || say "WARNING: after the load GET /api/v1/me answered $got"
	kill -0 "$faro_pid" 2>/dev/null || die "faro died under load (see faro-http-$tag.err)"
	stop_pid "$faro_pid"
	stop_pid "$nginx_pid"
	[ -s "$tmp/faro-http-$tag.err" ] && {
		say "faro stderr during the HTTP run ($tag):"
		head -n 20 "$tmp/faro-http-$tag.err" >&2
	}

	local f n frps nrps ratio non2xx=0 r fcpu ncpu cpu_ratio
	fcpu=$(for r in "${faro_runs[@]}"; do wrk_field "$r" cpu_us; done | sort -g | head -n1)
	ncpu=$(for r in "${nginx_runs[@]}"; do wrk_field "$r" cpu_us; done | sort -g | head -n1)
	cpu_ratio=$(awk -v a="$fcpu" -v b="$ncpu" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
	f=$(best_run "${faro_runs[@]}")
	n=$(best_run "${nginx_runs[@]}")
	for r in "${faro_runs[@]}"; do non2xx=$((non2xx + $(wrk_field "$r" non2xx))); done
	frps=$(wrk_field "$f" rps)
	nrps=$(wrk_field "$n" rps)
	ratio=$(awk -v a="$frps" -v b="$nrps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	for r in "${faro_runs[@]}" "${nginx_runs[@]}"; do cp "$r" "$here/results/"; done
	summary+=("http  db=$tag faro_rps=$frps nginx_rps=$nrps ratio=$ratio faro_cpu_us_per_req=$fcpu nginx_cpu_us_per_req=$ncpu cpu_ratio=$cpu_ratio faro_p50_ms=$(wrk_field "$f" p50) faro_p99_ms=$(wrk_field "$f" p99) nginx_p50_ms=$(wrk_field "$n" p50) nginx_p99_ms=$(wrk_field "$n" p99) body_bytes=$size faro_non2xx=$non2xx faro_sockerr=$(wrk_field "$f" sockerr) faro_rss_after_mib=$rss faro_threads=$threads")
	say "${summary[-1]}"
}

# bench_sse URL TAG
bench_sse() {
	local url=$1 tag=$2 creds
	local out=$tmp/sse-$tag.txt
	start_faro "$url" "sse-$tag"
	creds=$(login benchagent "$agent_pw")
	local cookie=${creds%% *}
	creds=$(login benchsuper "$sup_pw")
	local sup_cookie=${creds%% *} sup_csrf=${creds##* }
	say "sse: $SSE_CLIENTS streams on faro ($tag), then $ROUNDS announcements"
	BENCH_COOKIE=$cookie BENCH_SUP_COOKIE=$sup_cookie BENCH_SUP_CSRF=$sup_csrf \
		timeout 180 "$tmp/sse_fanout" 127.0.0.1 "$faro_port" "$SSE_CLIENTS" "$ROUNDS" "$faro_pid" \
		>"$out" 2>"$tmp/sse-$tag.err" || {
		cat "$out" "$tmp/sse-$tag.err" >&2
		die "the SSE benchmark failed ($tag)"
	}
	sed 's/^/bench:   /' "$out" >&2
	cp "$out" "$here/results/"

	v() { sed -n "s/^$1=//p" "$out" | head -n1; }
	local rss_mib fan_med fan_max verdict_rss verdict_fan
	rss_mib=$(awk -v k="$(v rss_kib)" 'BEGIN { printf "%.1f", k / 1024 }')
	fan_med=$(v fanout_ms_median)
	fan_max=$(v fanout_ms_max)
	verdict_rss=$(awk -v r="$rss_mib" 'BEGIN { print (r < 64 ? "ok" : "MISS") }')
	verdict_fan=$(awk -v m="$fan_max" 'BEGIN { print (m < 100 ? "ok" : "MISS") }')
	kill -0 "$faro_pid" 2>/dev/null || die "faro died during the SSE run"
	stop_pid "$faro_pid"
	[ -s "$tmp/faro-sse-$tag.err" ] && {
		say "faro stderr during the SSE run ($tag):"
		head -n 20 "$tmp/faro-sse-$tag.err" >&2
	}
	summary+=("sse   db=$tag clients=$(v clients) rss_mib=$rss_mib hwm_mib=$(awk -v k="$(v hwm_kib)" 'BEGIN { printf "%.1f", k / 1024 }') threads=$(v threads) all_hello_ms=$(v all_hello_ms) fanout_ms_median=$fan_med fanout_ms_max=$fan_max goal_rss_lt_64mib=$verdict_rss goal_fanout_lt_100ms=$verdict_fan")
	say "${summary[-1]}"
}

mkdir -p "$here/results"
rm -f "$here/results"/wrk-*.txt "$here/results"/sse-*.txt
load_before=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$load_before" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
	say "WARNING: load average is $load_before on $(nproc) CPUs: other work will skew the figures"
fi

# ---- SQLite ----

url="sqlite:$tmp/sqlite/faro.db"
mkdir -p "$tmp/sqlite"
prepare_db "$url"
bench_http "$url" sqlite
bench_sse "$url" sqlite

# ---- PostgreSQL ----

if [ $use_pg = 1 ]; then
	pg_dir=$(mktemp -d /tmp/faro-bench-pg.XXXXXX)
	chmod 755 "$pg_dir"
	say "starting a throwaway PostgreSQL cluster"
	url=$("$repo/scripts/pg-test-cluster.sh" start "$pg_dir") || die "could not start PostgreSQL"
	prepare_db "$url"
	bench_http "$url" postgres
	bench_sse "$url" postgres
fi

# ---- each area's benchmarks: bench/area_*.sh (they get FARO_BIN, BENCH_PG=0|1 and print "result ..." lines) ----

for area in "$here"/area_*.sh; do
	[ -e "$area" ] || continue
	name=$(basename "$area" .sh)
	# BENCH_AREAS="people resources" runs only those areas; "none" runs none (HTTP and SSE alone)
	if [ -n "${BENCH_AREAS:-}" ] && ! [[ " $BENCH_AREAS " == *" ${name#area_} "* ]]; then continue; fi
	say "area benchmark $(basename "$area")"
	while IFS= read -r line; do
		case $line in result\ *) summary+=("${line#result }") ;; esac
		echo "$line" >&2
	done < <(FARO_BIN=$faro BENCH_PG=$use_pg "$area" 2>&1)
done

# ---- summary ----

rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null | head -c1)
[ -n "$dirty" ] && rev="$rev+dirty"
{
	echo "faro bench $(date -u +%Y-%m-%dT%H:%M:%SZ) rev=$rev cpus=$(nproc) kernel=$(uname -r) load_before=$load_before load_after=$(cut -d' ' -f1 /proc/loadavg)"
	echo "setup wrk -t$WRK_THREADS -c$CONNS -d${DURATION}s (after ${WARMUP}s warm-up); faro --threads $FARO_THREADS; nginx worker_processes 2; sse heartbeat 20s, $ROUNDS rounds"
	printf '%s\n' "${summary[@]}"
} >"$tmp/summary.txt"
mkdir -p "$here/results"
cp "$tmp/summary.txt" "$here/results/latest.txt"
echo
echo "==== faro bench summary (also in bench/results/latest.txt) ===="
cat "$tmp/summary.txt"
