#!/usr/bin/env bash
# area_people.sh: profile lookup and search at scale. Generates BENCH_PEOPLE_N profiles (default
# 1,000,000) with Colombian name frequencies (bench/people_gen.c: a few very common first names and
# surnames, a long tail of rare ones) and two phones each (2,000,000 phones), loads them straight
# into the tables and the name index (not through HTTP), then measures, on SQLite (and PostgreSQL
# when BENCH_PG=1):
#   - exact phone lookup, store side (the server's own store code, bench/people_bench.c) p50/p99,
#     against the plain SQL "SELECT profile_id FROM profile_phones WHERE e164 = $1" timed alone;
#   - name search, store side (the API's passes), for several query shapes (two common words, one
#     common word, starts of words, a misspelling, three words), each against the bare index query
#     of its shape (an FTS5 MATCH / a tsquery) timed alone on the same data, after a warm-up of a
#     tenth as many searches (at least 10) that are not counted;
#   - the same lookups and searches through HTTP (keep-alive; audit rows and commit included);
#   - the server's peak memory (VmHWM).
# PostgreSQL's tables are vacuumed after the load, as autovacuum would do to a million fresh rows
# soon after: left to autovacuum, that first pass lands in the middle of the timings.
# Timings on a shared machine are inflated by whatever else runs: read the ratios to the plain
# queries, measured in the same run.
# Prints "result ..." lines for bench/run.sh.
#   FARO_BIN=build/release/faro BENCH_PG=0 BENCH_PEOPLE_N=100000 bench/area_people.sh
#   BENCH_PEOPLE_DIR=/work/bench-data/people keeps the generated files and the SQLite database
#   there and reuses them on the next run (delete the directory after a schema change).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
FARO_BIN=${FARO_BIN:-$repo/build/release/faro}
N=${BENCH_PEOPLE_N:-1000000}
Q=${BENCH_PEOPLE_QUERIES:-2000}
build=$(cd "$(dirname "$FARO_BIN")" && pwd)
tmp=$(mktemp -d /tmp/faro-bench-people.XXXXXX)
chmod 755 "$tmp"
data=${BENCH_PEOPLE_DIR:-$tmp}
mkdir -p "$data"
chmod 755 "$data"
pgdir=""
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$pgdir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp"
	true
}
trap cleanup EXIT
say() { echo "bench people: $*" >&2; }

# shellcheck source=bench/people_load.sh
. "$here/people_load.sh"
people_objs
libs=$(pkg-config --libs jansson libsodium sqlite3 libpq)
cc -O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -Isrc -I"$build/gen" -o "$tmp/people_bench" "$here/people_bench.c" \
	"${objs[@]}" $libs -lstemmer -lm -lpthread
cc -O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -Isrc -I"$build/gen" -o "$tmp/people_gen" "$here/people_gen.c" \
	"${objs[@]}" $libs -lstemmer -lm -lpthread

# the query shapes: "SHAPE NAME QUERY..." (SHAPE: how the bare index query is made)
SHAPES=(
	"exact two_common_words|maria_rodriguez|jose_gomez|luz_gonzalez|juan_martinez|ana_garcia|carlos_lopez|martha_hernandez|luis_sanchez|sandra_ramirez|jorge_perez"
	"exact one_common_word|maria|rodriguez|gomez|jose|gonzalez|luz|juan|martinez"
	"prefix word_starts|m|ma|gon|rodri|mart|car|jo|gonzal|maria_go|jose_rod"
	"sound misspelling|gonsales|rodrigues|ernandes|balentina|jimenes|sanches|yoana|kintero"
	"exact three_words|maria_luz_rodriguez|juan_carlos_gomez|jose_luis_martinez|ana_maria_lopez|luz_marina_perez"
)


# http_bench PORT: lookups, then each shape's searches, over one keep-alive connection, timed by the client
http_bench() {
	python3 - "$1" "$Q" "$N" "${SHAPES[@]}" <<'PY'
import http.client, json, os, random, sys, time
port, q, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None, headers={}):
    h = dict(headers)
    if body is not None:
        h["Content-Type"] = "application/json"
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    return r, r.read()
r, raw = call("POST", "/api/v1/auth/login", {"username": os.environ["BENCH_USER"], "password": os.environ["BENCH_PW"]})
assert r.status == 200, raw
auth = {"Cookie": r.getheader("Set-Cookie").split(";")[0], "X-CSRF-Token": json.loads(raw)["csrf_token"]}
random.seed(5)
def pct(ts):
    ts.sort()
    return ts[len(ts) // 2] * 1000, ts[int(len(ts) * 0.99)] * 1000
lt, found = [], 0
for _ in range(q):
    k = random.randrange(2, 2 * n + 2)
    t0 = time.perf_counter()
    r, raw = call("GET", "/api/v1/profiles/lookup?phone=%%2B573%09d" % k, headers=auth)
    lt.append(time.perf_counter() - t0)
    assert r.status == 200, raw
    found += len(json.loads(raw)["items"]) > 0
print("http_lookup_ms %.2f %.2f %d/%d" % (pct(lt) + (found, q)))
for shape in sys.argv[4:]:
    name, *queries = shape.split(" ", 1)[1].split("|")
    st = []
    for _ in range(max(20, q // 8)):
        t0 = time.perf_counter()
        r, raw = call("POST", "/api/v1/profiles/search", {"q": random.choice(queries).replace("_", " ")}, auth)
        st.append(time.perf_counter() - t0)
        assert r.status == 200, raw
    print("http_search_ms %s %.2f %.2f" % ((name,) + pct(st)))
PY
}

run() { # ENGINE DB_URL
	local eng=$1 url=$2 t0 t1 port pw reuse=0
	if [ "$eng" = sqlite ] && [ -n "${BENCH_PEOPLE_DIR:-}" ] && [ -s "${url#sqlite:}" ]; then
		reuse=1
		say "$eng: reusing ${url#sqlite:}"
	fi
	"$FARO_BIN" migrate --db "$url" >/dev/null
	pw="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	"$FARO_BIN" user add "benchagent$$" --role agent --name "Bench Agent" --password-stdin --db "$url" \
		< <(printf "%s" "$pw") >/dev/null
	if [ $reuse = 0 ]; then
		t0=$(date +%s)
		if [ ! -s "$data/profiles.tsv" ] || [ "$(wc -l <"$data/profiles.tsv")" != "$N" ]; then
			say "generating $N profiles and $((2 * N)) phones"
			"$tmp/people_gen" "$N" "$data"
			chmod 644 "$data"/*.tsv
		fi
		say "$eng: loading $N profiles, $((2 * N)) phones and the name index"
		load_sql "$eng" >"$tmp/load.sql"
		if [ "$eng" = sqlite ]; then
			sqlite3 "${url#sqlite:}" <"$tmp/load.sql" >/dev/null
		else
			psql -X -q -v ON_ERROR_STOP=1 "$url" <"$tmp/load.sql" >/dev/null
		fi
		t1=$(date +%s)
		echo "result people $eng: generated and loaded $N profiles / $((2 * N)) phones in $((t1 - t0)) s (no HTTP)"
	fi
	local lk
	lk=$("$tmp/people_bench" lookup "$url" "$Q" "+573" "$((2 * N + 2))")
	set -- $lk
	echo "result people $eng: phone lookup store side p50 $2 us p99 $3 us (goal p99 < 2000 us); plain SQL alone p50 $5 us p99 $6 us; ratio p50 $(awk -v a="$2" -v b="$5" 'BEGIN{printf "%.1f", a/(b>0?b:1)}')x p99 $(awk -v a="$3" -v b="$6" 'BEGIN{printf "%.1f", a/(b>0?b:1)}')x"
	local plain50=$5
	for s in "${SHAPES[@]}"; do
		local kind=${s%% *} rest=${s#* } name qs nm
		name=${rest%%|*}
		IFS='|' read -ra qs <<<"${rest#*|}"
		nm=$("$tmp/people_bench" names "$url" "$((Q / 8 > 50 ? Q / 8 : 50))" "$kind" "${qs[@]//_/ }")
		set -- $nm
		echo "result people $eng: name search $name store side p50 $2 us p99 $3 us (goal p99 < 20000 us; $8 rows); bare index query p50 $5 us p99 $6 us; ratio p50 $(awk -v a="$2" -v b="$5" 'BEGIN{printf "%.1f", a/(b>0?b:1)}')x p99 $(awk -v a="$3" -v b="$6" 'BEGIN{printf "%.1f", a/(b>0?b:1)}')x"
	done
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$FARO_BIN" serve --db "$url" --listen "127.0.0.1:$port" --threads 2 --quiet --search-rate 100000 \
		>"$tmp/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	local hb hwm anon line
	hb=$(BENCH_USER="benchagent$$" BENCH_PW=$pw http_bench "$port")
	hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
	anon=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
	while read -r line; do
		set -- $line
		if [ "$1" = http_lookup_ms ]; then
			echo "result people $eng: phone lookup through HTTP p50 $2 ms p99 $3 ms (audit row + commit included; $4 found), $(awk -v a="$2" -v b="$plain50" 'BEGIN{printf "%.0f", a*1000/(b>0?b:1)}')x the plain SQL"
		else
			echo "result people $eng: name search $2 through HTTP p50 $3 ms p99 $4 ms (audit row + commit included)"
		fi
	done <<<"$hb"
	echo "result people $eng: server peak memory (VmHWM) $((hwm / 1024)) MiB with $N profiles (RssAnon at the end, the server's own heap: $((anon / 1024)) MiB; the rest is mapped files: libraries and, on SQLite, the database read through mmap)"
}

run sqlite "sqlite:$data/people-$N.db"
if [ "${BENCH_PG:-0}" = 1 ]; then
	pgdir=$(mktemp -d /tmp/faro-bench-pg.XXXXXX)
	chmod 755 "$pgdir"
	pgurl=$("$repo/scripts/pg-test-cluster.sh" start "$pgdir")
	psql -X -q "$pgurl" -c "CREATE DATABASE people_bench" >/dev/null
	run postgres "${pgurl%/*}/people_bench"
fi
