#!/usr/bin/env bash
# area_resources.sh: resource search at directory scale (run by bench/run.sh; prints "result ..." lines).
#
# Builds a synthetic directory (faro demo-directory: BENCH_SERVICES services, default 100,000, at
# about 1.5 locations each), imports it into a fresh database (the import also builds the search
# index) and times it, then times GET /api/v1/search/resources one request at a time for three
# query kinds -- keywords; keywords + 10 km around a postal code + a category; a phone number --
# BENCH_QUERIES each (default 300), and reports p50/p99; then the same queries once more ("again"):
# the first pass is each query's first run after the start (PostgreSQL's backends still map each
# page of shared memory they touch for the first time), the second a server that has run a while.
# BENCH_PG=1 does the same on a throwaway PostgreSQL cluster and also times the same three queries written as plain PostgreSQL
# (to_tsvector/plainto_tsquery with a GIN index, haversine in SQL, joins on the HSDS tables)
# through psql, as the baseline ratio. PostgreSQL's tables are vacuumed after the import (not
# counted in its time), as autovacuum soon would, so that its first pass does not land in the
# timings. The cluster takes huge pages when the machine has them reserved (PostgreSQL's default
# huge_pages = try; sysctl vm.nr_hugepages=600 is plenty): on a virtual machine 4 KB pages make
# the first search near each city 10-15 ms slower (docs/api-search.md).
# Environment: FARO_BIN (default build/release/faro).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
faro=${FARO_BIN:-$repo/build/release/faro}
SERVICES=${BENCH_SERVICES:-100000}
QUERIES=${BENCH_QUERIES:-300}
say() { echo "area_resources: $*" >&2; }

tmp=$(mktemp -d /tmp/faro-bench-resources.XXXXXX)
chmod 755 "$tmp"
pid=
pg_dir=
cleanup() {
	set +e
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null
	fi
	[ -n "$pg_dir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pg_dir" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ms_now() { date +%s%3N; }

say "writing a directory of $SERVICES services"
mkdir "$tmp/dir"
(cd "$repo" && "$faro" demo-directory "$tmp/dir" "$SERVICES" 7 >&2)
locations=$(($(wc -l <"$tmp/dir/locations.csv") - 1))

# the queries: keywords an agent types, postal codes where the directory has places, phones it holds
python3 - "$tmp" "$QUERIES" <<'PY'
import csv, random, sys, json, os
tmp, n = sys.argv[1], int(sys.argv[2])
random.seed(11)
words = ["refugio", "banco de alimentos", "salud mental", "comedor", "consejeria", "vivienda", "shelter",
         "food pantry", "counseling", "dental", "child care", "job", "transporte", "adicciones", "crisis", "ropa"]
addr = list(csv.DictReader(open(os.path.join(tmp, "dir", "addresses.csv"), encoding="utf-8")))
postals = [a["postal_code"] for a in random.sample(addr, min(200, len(addr)))]
phones = [p["number"] for p in csv.DictReader(open(os.path.join(tmp, "dir", "phones.csv"), encoding="utf-8"))]
terms = {}
for t in csv.DictReader(open(os.path.join(tmp, "dir", "taxonomy_terms.csv"), encoding="utf-8")):
    terms[t["code"]] = t["id"]
cats = [terms[c] for c in ("1102", "1103", "1106", "1101") if c in terms]
q = {"keyword": [], "near_category": [], "phone": []}
for i in range(n):
    q["keyword"].append({"q": random.choice(words)})
    q["near_category"].append({"q": random.choice(words), "near": random.choice(postals), "radius_km": "10",
                               "category": random.choice(cats)})
    q["phone"].append({"phone": random.choice(phones)})
json.dump(q, open(os.path.join(tmp, "queries.json"), "w"))
PY

# run_engine NAME DB_URL: import, serve, time the three query kinds
run_engine() {
	local name=$1 db=$2
	"$faro" migrate --db "$db" >&2
	"$faro" geo import "$repo/share/geo/co-postal-codes.csv" --country CO --db "$db" >/dev/null
	"$faro" geo import "$repo/share/geo/us-zip-centroids.csv" --country US --db "$db" >/dev/null
	say "$name: importing $SERVICES services at $locations locations"
	local t0 t1
	t0=$(ms_now)
	"$faro" resources import "$tmp/dir" --db "$db" >/dev/null
	t1=$(ms_now)
	echo "result resources $name import+index $SERVICES services $locations locations: $(((t1 - t0) / 1000)).$((((t1 - t0) % 1000) / 100)) s"
	# the pass autovacuum makes over fresh tables soon after, run now rather than during the timings
	if [ "$name" = postgres ]; then psql -X -q "$db" -c "VACUUM ANALYZE" >/dev/null; fi
	local pass
	pass=$(python3 -c 'import secrets; print("pw-" + secrets.token_urlsafe(18))')
	printf '%s' "$pass" | "$faro" user add benchagent --role agent --name Bench --password-stdin --db "$db" >/dev/null
	local port
	port=$(free_port)
	"$faro" serve --db "$db" --listen "127.0.0.1:$port" --threads 2 --quiet >"$tmp/serve-$name.log" 2>&1 &
	pid=$!
	for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
	python3 - "$port" "$pass" "$tmp/queries.json" "$name" <<'PY'
import http.client, json, sys, time, urllib.parse
port, pw, qfile, name = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
c.request("POST", "/api/v1/auth/login", json.dumps({"username": "benchagent", "password": pw}),
          {"Content-Type": "application/json", "Host": "127.0.0.1:%d" % port})
r = c.getresponse(); r.read()
cookie = r.getheader("Set-Cookie").split(";")[0]
for kind, qs in json.load(open(qfile)).items():
    for q in qs[:20]:  # warm-up
        c.request("GET", "/api/v1/search/resources?" + urllib.parse.urlencode(q), headers={"Cookie": cookie}); c.getresponse().read()
    for again in (0, 1):
        times, results = [], 0
        for q in qs:
            t = time.perf_counter()
            c.request("GET", "/api/v1/search/resources?" + urllib.parse.urlencode(q), headers={"Cookie": cookie})
            r = c.getresponse(); body = r.read()
            times.append((time.perf_counter() - t) * 1000)
            assert r.status == 200, body
            results += json.loads(body)["total"] > 0
        times.sort()
        p = lambda x: times[min(len(times) - 1, int(len(times) * x))]
        print("result resources %s search %s%s: p50 %.1f ms p99 %.1f ms (%d queries, %d with results)" % (name, kind, " again" if again else "", p(0.5), p(0.99), len(times), results))
PY
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

run_engine sqlite "sqlite:$tmp/faro.db"

if [ "${BENCH_PG:-0}" = 1 ]; then
	pg_dir=$tmp/pg
	mkdir "$pg_dir"
	url=$("$repo/scripts/pg-test-cluster.sh" start "$pg_dir")
	run_engine postgres "$url"
	say "postgres baseline: plain full-text + distance SQL on the HSDS tables"
	psql -X -q "$url" >/dev/null <<'SQL'
CREATE INDEX bench_service_fts ON service USING GIN (to_tsvector('spanish', name || ' ' || coalesce(description, '')));
CREATE INDEX bench_location_geo ON location (latitude, longitude);
CREATE INDEX bench_phone_number ON phone (number);
ANALYZE;
SQL
	python3 - "$tmp/queries.json" "$url" <<'PY' >"$tmp/baseline.sql"
import json, sys, math
q = json.load(open(sys.argv[1]))
def lit(s): return "'" + s.replace("'", "''") + "'"
print("\\timing on")
for kind, qs in q.items():
    print("\\echo kind %s" % kind)
    for x in qs:
        if kind == "keyword":
            print("SELECT s.id, ts_rank(to_tsvector('spanish', s.name || ' ' || coalesce(s.description, '')), q) r FROM service s, plainto_tsquery('spanish', %s) q "
                  "WHERE to_tsvector('spanish', s.name || ' ' || coalesce(s.description, '')) @@ q ORDER BY r DESC LIMIT 10;" % lit(x["q"]))
        elif kind == "near_category":
            print("WITH p AS (SELECT latitude la, longitude lo FROM postal_code WHERE postcode = %s LIMIT 1) "
                  "SELECT s.id, l.id, 2 * 6371 * asin(sqrt(power(sin(radians(l.latitude - p.la) / 2), 2) + cos(radians(p.la)) * cos(radians(l.latitude)) * power(sin(radians(l.longitude - p.lo) / 2), 2))) d "
                  "FROM p, service s JOIN service_at_location sal ON sal.service_id = s.id JOIN location l ON l.id = sal.location_id "
                  "WHERE to_tsvector('spanish', s.name || ' ' || coalesce(s.description, '')) @@ plainto_tsquery('spanish', %s) "
                  "AND l.latitude BETWEEN p.la - 0.09 AND p.la + 0.09 AND l.longitude BETWEEN p.lo - 0.1 AND p.lo + 0.1 "
                  "AND EXISTS (SELECT 1 FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id WHERE a.link_id = s.id AND (t.id = %s OR t.parent_id = %s)) "
                  "ORDER BY d LIMIT 10;" % (lit(x["near"]), lit(x["q"]), lit(x["category"]), lit(x["category"])))
        else:
            print("SELECT p.id, p.service_id, p.location_id, p.organization_id FROM phone p WHERE p.number = %s LIMIT 10;" % lit(x["phone"]))
PY
	psql -X -q "$url" -f "$tmp/baseline.sql" 2>&1 | python3 -c '
import sys, re
kind, t = None, {}
for line in sys.stdin:
    if line.startswith("kind "): kind = line.split()[1]; t[kind] = []
    m = re.match(r"Time: ([0-9.]+) ms", line)
    if m and kind: t[kind].append(float(m.group(1)))
for k, v in t.items():
    v.sort(); p = lambda x: v[min(len(v) - 1, int(len(v) * x))]
    print("result resources postgres plain-SQL baseline %s: p50 %.1f ms p99 %.1f ms (%d queries; psql round trip, no HTTP)" % (k, p(0.5), p(0.99), len(v)))
'
fi
