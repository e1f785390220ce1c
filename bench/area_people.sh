#!/usr/bin/env bash
# area_people.sh: profile lookup and search at scale. Generates BENCH_PEOPLE_N profiles (default
# 1,000,000) with two phones each (2,000,000 phones) and their name keys straight in SQL (not through
# HTTP), then measures, on SQLite (and PostgreSQL when BENCH_PG=1):
#   - exact phone lookup, store side (the server's own store code, bench/people_bench.c) p50/p99,
#     and the plain SQL "SELECT profile_id FROM profile_phones WHERE e164 = $1" timed alone: the ratio;
#   - the same lookup through HTTP (GET /api/v1/profiles/lookup, keep-alive, audit row and commit included);
#   - name search (POST /api/v1/profiles/search with two words) through HTTP, and its store side;
#   - the server's peak memory (VmHWM).
# Prints "result ..." lines for bench/run.sh.
#   FARO_BIN=build/release/faro BENCH_PG=0 BENCH_PEOPLE_N=100000 bench/area_people.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
FARO_BIN=${FARO_BIN:-$repo/build/release/faro}
N=${BENCH_PEOPLE_N:-1000000}
Q=${BENCH_PEOPLE_QUERIES:-2000}
build=$(cd "$(dirname "$FARO_BIN")" && pwd)
tmp=$(mktemp -d /tmp/faro-bench-people.XXXXXX)
chmod 755 "$tmp"
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

cc -O2 -std=c17 -D_GNU_SOURCE -Wall -Wextra -Isrc -I"$build/gen" -o "$tmp/people_bench" "$here/people_bench.c" \
	"$build"/obj/core/*.o "$build"/obj/domain/*.o "$build"/obj/store/*.o "$build/obj/gen/embedded.o" \
	$(pkg-config --libs jansson libsodium sqlite3 libpq) -lstemmer -lm -lpthread

FIRST=(maria jose juan ana luis carlos sofia valentina camila andres jorge diego laura daniela
	alejandro fernando gabriela isabel javier lucia manuel marta miguel natalia pablo paula pedro
	ricardo rosa sebastian sergio silvia tomas victor ximena yolanda zulema adriana beatriz cecilia
	david eduardo elena felipe gloria hector ignacio julia karen leonardo monica nicolas oscar patricia
	raul sandra teresa ulises vanessa walter)
LAST=(gonzalez rodriguez gomez fernandez lopez diaz martinez perez garcia sanchez romero sosa torres
	alvarez ruiz ramirez flores acosta benitez medina herrera suarez aguirre gimenez gutierrez pereira
	rojas molina castro ortiz silva nunez luna juarez cabrera rios morales godoy moreno ferreyra dominguez
	carrizo peralta castillo ledesma quiroga vega vera munoz ojeda ponce villalba cardozo navarro coronel
	vazquez ramos arias caceres cordoba figueroa correa cruz paez mendoza blanco ortega quintero hernandez
	llanos cardenas valencia zapata restrepo osorio jaramillo bedoya)
NF=${#FIRST[@]}
NL=${#LAST[@]}

# the vocabulary with each word's sound key, computed by the server's own code
vocab() { # TABLE WORD...
	local t=$1
	shift
	"$tmp/people_bench" keys "$@" | awk -v t="$t" -F'\t' '{printf "INSERT INTO %s VALUES (%d, '"'"'%s'"'"', '"'"'%s'"'"');\n", t, NR - 1, $1, $2}'
}

# gen_sql ENGINE: the generator; profile i gets FIRST[i % NF], LAST[(i / NF) % NL], LAST[(i * 7) % NL]
# and the phones +573 followed by 9 digits 2i and 2i+1
gen_sql() {
	local eng=$1 series fmt
	if [ "$eng" = sqlite ]; then
		series="WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)"
		echo "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL; BEGIN;"
		echo "CREATE TEMP TABLE vf (i INTEGER PRIMARY KEY, w TEXT, p TEXT); CREATE TEMP TABLE vl (i INTEGER PRIMARY KEY, w TEXT, p TEXT);"
		fmt() { echo "printf('+573%09d', $1)"; }
	else
		series="WITH n(i) AS (SELECT generate_series(1, $N))"
		echo "SET synchronous_commit = off; BEGIN;"
		echo "CREATE TEMP TABLE vf (i BIGINT PRIMARY KEY, w TEXT, p TEXT); CREATE TEMP TABLE vl (i BIGINT PRIMARY KEY, w TEXT, p TEXT);"
		fmt() { echo "'+573' || lpad(($1)::text, 9, '0')"; }
	fi
	vocab vf "${FIRST[@]}"
	vocab vl "${LAST[@]}"
	cat <<SQL
$series
INSERT INTO profiles (id, display_name, first_name, last_name, anonymous, name_fold, created_ms, updated_ms, version)
SELECT n.i, f.w || ' ' || l.w || ' ' || m.w, f.w, l.w || ' ' || m.w, 0, f.w || ' ' || l.w || ' ' || m.w, 0, 0, 1
FROM n JOIN vf f ON f.i = n.i % $NF JOIN vl l ON l.i = (n.i / $NF) % $NL JOIN vl m ON m.i = (n.i * 7) % $NL;
$series
INSERT INTO profile_phones (profile_id, position, e164, raw, type)
SELECT i, 0, $(fmt "2 * i"), '3' || (2 * i), 'mobile' FROM n
UNION ALL SELECT i, 1, $(fmt "2 * i + 1"), '3' || (2 * i + 1), 'home' FROM n;
INSERT INTO profile_name_keys (key, profile_id)
SELECT DISTINCT k, id FROM (
  SELECT 'w:' || f.w AS k, p.id FROM profiles p JOIN vf f ON f.w = p.first_name
  UNION ALL SELECT 'p:' || f.p, p.id FROM profiles p JOIN vf f ON f.w = p.first_name
  UNION ALL SELECT 'w:' || l.w, p.id FROM profiles p JOIN vl l ON l.i = (p.id / $NF) % $NL
  UNION ALL SELECT 'p:' || l.p, p.id FROM profiles p JOIN vl l ON l.i = (p.id / $NF) % $NL
  UNION ALL SELECT 'w:' || l.w, p.id FROM profiles p JOIN vl l ON l.i = (p.id * 7) % $NL
  UNION ALL SELECT 'p:' || l.p, p.id FROM profiles p JOIN vl l ON l.i = (p.id * 7) % $NL
) x ORDER BY 1, 2;
COMMIT;
SQL
	if [ "$eng" = postgres ]; then
		echo "SELECT setval(pg_get_serial_sequence('profiles', 'id'), $N); ANALYZE;"
	else
		echo "ANALYZE;"
	fi
}

# http_bench URL: lookups and searches over one keep-alive connection, timed by the client
http_bench() {
	python3 - "$1" "$Q" "$N" "$(IFS=,; echo "${FIRST[*]}")" "$(IFS=,; echo "${LAST[*]}")" <<'PY'
import http.client, json, os, random, sys, time
port, q, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
first, last = sys.argv[4].split(","), sys.argv[5].split(",")
c = http.client.HTTPConnection("127.0.0.1", port)
def call(method, path, body=None, headers={}):
    h = dict(headers)
    if body is not None:
        h["Content-Type"] = "application/json"
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    return r, r.read()
r, raw = call("POST", "/api/v1/auth/login", {"username": "benchagent", "password": os.environ["BENCH_PW"]})
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
st = []
for _ in range(q // 4):
    words = "%s %s" % (random.choice(first), random.choice(last))
    t0 = time.perf_counter()
    r, raw = call("POST", "/api/v1/profiles/search", {"q": words}, auth)
    st.append(time.perf_counter() - t0)
    assert r.status == 200, raw
print("http_lookup_ms %.2f %.2f %d/%d" % (pct(lt) + (found, q)))
print("http_search_ms %.2f %.2f" % pct(st))
PY
}

run() { # ENGINE DB_URL
	local eng=$1 url=$2 t0 t1 port pw
	"$FARO_BIN" migrate --db "$url" >/dev/null
	pw="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
	printf '%s' "$pw" | "$FARO_BIN" user add benchagent --role agent --name "Bench Agent" --password-stdin --db "$url" >/dev/null
	say "$eng: generating $N profiles, $((2 * N)) phones and their name keys"
	t0=$(date +%s)
	gen_sql "$eng" >"$tmp/gen.sql"
	if [ "$eng" = sqlite ]; then
		sqlite3 "${url#sqlite:}" <"$tmp/gen.sql" >/dev/null
	else
		psql -X -q -v ON_ERROR_STOP=1 "$url" <"$tmp/gen.sql" >/dev/null
	fi
	t1=$(date +%s)
	echo "result people $eng: generated $N profiles / $((2 * N)) phones in $((t1 - t0)) s (SQL, no HTTP)"
	local lk nm
	lk=$("$tmp/people_bench" lookup "$url" "$Q" "+573" "$((2 * N + 2))")
	nm=$("$tmp/people_bench" names "$url" "$((Q / 4))" "${FIRST[@]}" "${LAST[@]}")
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$FARO_BIN" serve --db "$url" --listen "127.0.0.1:$port" --threads 2 --quiet >"$tmp/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
	local hb
	hb=$(BENCH_PW=$pw http_bench "$port")
	local hwm
	hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
	set -- $lk
	local s50=$2 s99=$3 p50=$5 p99=$6
	set -- $nm
	local n50=$2 n99=$3 nrows=$5
	set -- $hb
	local h50=$2 h99=$3 hfound=$4 q50=$6 q99=$7
	echo "result people $eng: phone lookup store side p50 ${s50} us p99 ${s99} us (goal p99 < 2000 us); plain SQL alone p50 ${p50} us p99 ${p99} us; ratio p50 $(awk -v a="$s50" -v b="$p50" 'BEGIN{printf "%.1f", a/(b>0?b:1)}')x"
	echo "result people $eng: phone lookup through HTTP p50 ${h50} ms p99 ${h99} ms (audit row + commit included; ${hfound} found), $(awk -v a="$h50" -v b="$p50" 'BEGIN{printf "%.0f", a*1000/(b>0?b:1)}')x the plain SQL"
	echo "result people $eng: name search (2 words, passes as the API) store side p50 ${n50} us p99 ${n99} us (goal p99 < 20000 us; ${nrows} rows/search); through HTTP p50 ${q50} ms p99 ${q99} ms"
	echo "result people $eng: server peak memory (VmHWM) $((hwm / 1024)) MiB with $N profiles"
}

run sqlite "sqlite:$tmp/people.db"
if [ "${BENCH_PG:-0}" = 1 ]; then
	pgdir=$(mktemp -d /tmp/faro-bench-pg.XXXXXX)
	chmod 755 "$pgdir"
	pgurl=$("$repo/scripts/pg-test-cluster.sh" start "$pgdir")
	psql -X -q "$pgurl" -c "CREATE DATABASE people_bench" >/dev/null
	run postgres "${pgurl%/*}/people_bench"
fi
