#!/usr/bin/env bash
# area_resources.sh: how long `faro resources import` takes for a whole synthetic directory
# (faro demo-directory: BENCH_RESOURCES_SERVICES services, default 100,000, about 1.25 locations
# each), on SQLite and with BENCH_PG=1 also on PostgreSQL. Prints "result ..." lines for bench/run.sh.
#   FARO_BIN=build/release/faro BENCH_PG=0 bench/area_resources.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
faro=${FARO_BIN:-$repo/build/release/faro}
n=${BENCH_RESOURCES_SERVICES:-100000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/faro-bench-res.XXXXXX")
pgdir=""
cleanup() {
	[ -n "$pgdir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pgdir" >/dev/null 2>&1
	rm -rf "$tmp"
	true
}
trap cleanup EXIT

mkdir -p "$tmp/dir"
"$faro" demo-directory "$tmp/dir" "$n" >/dev/null
rows=$(($(cat "$tmp/dir"/*.csv | wc -l) - $(ls "$tmp/dir"/*.csv | wc -l)))
locs=$(($(wc -l <"$tmp/dir/locations.csv") - 1))

one() { # one KIND URL
	local t0 t1
	"$faro" migrate --db "$2" >/dev/null 2>&1
	t0=$(date +%s.%N)
	"$faro" resources import "$tmp/dir" --db "$2" >"$tmp/import.log" 2>&1 || { cat "$tmp/import.log" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "result resources $1: import of $n services at $locs locations ($rows rows, all checked, one transaction) in $(echo "$t1 - $t0" | bc -l | xargs printf '%.1f') s = $(echo "$rows / ($t1 - $t0)" | bc -l | xargs printf '%.0f') rows/s"
}

one sqlite "sqlite:$tmp/faro.db"
if [ "${BENCH_PG:-0}" = 1 ]; then
	pgdir=$(mktemp -d)
	chmod 755 "$pgdir"
	url=$("$repo/scripts/pg-test-cluster.sh" start "$pgdir")
	one postgres "$url"
fi
