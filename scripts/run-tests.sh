#!/bin/sh
# run-tests.sh: every test layer, each on SQLite and PostgreSQL, built with ASan+UBSan and -Werror.
# Prints each layer's result and a final "N passed, M failed" over all checks.
set -u
cd "$(dirname "$0")/.."
repo=$(pwd)
logs=build/test-logs
rm -rf "$logs"
mkdir -p "$logs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$repo/tests/lsan.supp
BIN=build/asan/faro
total_pass=0
total_fail=0
failed_steps=""
pgdir=""

cleanup() {
	[ -n "$pgdir" ] && scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1
	true
}
trap cleanup EXIT INT TERM

# step NAME CMD...: runs CMD with its output in a log; counts its "N passed, M failed" line
step() {
	name=$1
	shift
	start=$(date +%s)
	"$@" >"$logs/$name.log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$name.log" | tail -n 1)
	p=0
	f=0
	if [ -n "$line" ]; then
		p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	elif grep -qE '^# pass [0-9]+' "$logs/$name.log"; then
		# node's test runner
		p=$(grep -E '^# pass [0-9]+' "$logs/$name.log" | tail -n 1 | awk '{print $3}')
		f=$(grep -E '^# fail [0-9]+' "$logs/$name.log" | tail -n 1 | awk '{print $3}')
	else
		# steps without counted checks (builds, fuzzing) count as one check
		if [ $rc = 0 ]; then p=1; else f=1; fi
	fi
	if [ $rc != 0 ] && [ "$f" = 0 ]; then f=1; fi
	secs=$(($(date +%s) - start))
	echo "$name $p $f $rc" >"$logs/$name.result"
	if [ $rc = 0 ]; then
		echo "PASS  $name  ($p checks, ${secs}s)"
	else
		echo "FAIL  $name  ($p passed, $f failed, ${secs}s) — log: $logs/$name.log"
		tail -n 60 "$logs/$name.log" | sed 's/^/      /'
	fi
	return $rc
}

# side_by_side: waits for the steps started with `step ... &` (independent: own ports, databases, temp dirs);
# the machine has 2 cores and these steps spend much of their time waiting on servers and browsers
side_by_side() {
	wait
}

step build-gcc-asan make -j2 SANITIZE=1 WERROR=1 all build/asan/tests/test_db_contract \
	$(for t in tests/unit/test_*.c; do echo build/asan/tests/$(basename "$t" .c); done) || {
	echo "build failed; nothing else can run"
	echo "0 passed, 1 failed"
	exit 1
}
step build-clang make -j2 CC=clang WERROR=1 BUILD=build/clang all
step layers scripts/check-layers.sh build/asan
step layers-check-test tests/layers/test_layers.py build/asan
step unit scripts/run-unit.sh build/asan
step db-contract-sqlite env FARO_TEST_DB="sqlite:$repo/$logs/contract.db" build/asan/tests/test_db_contract

pgdir=$(mktemp -d /tmp/faro-pg.XXXXXX)
chmod 755 "$pgdir"
if PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir" 2>"$logs/pg-cluster.log"); then
	echo "postgres: $PG_URL"
	step db-contract-postgres env FARO_TEST_DB="$PG_URL" build/asan/tests/test_db_contract
else
	echo "FAIL  postgres cluster did not start"; cat "$logs/pg-cluster.log"
	total_fail=$((total_fail + 1))
	failed_steps="$failed_steps postgres-cluster"
	PG_URL=""
fi

step api-sqlite env FARO_BIN=$BIN python3 tests/api/run.py &
[ -n "$PG_URL" ] && step api-postgres env FARO_BIN=$BIN FARO_TEST_PG="$PG_URL" python3 tests/api/run.py &
side_by_side

step e2e-sqlite tests/e2e/run.sh "$BIN" &
if [ -n "$PG_URL" ]; then
	psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS e2e WITH (FORCE)" -c "CREATE DATABASE e2e" >/dev/null
	step e2e-postgres tests/e2e/run.sh "$BIN" "${PG_URL%/*}/e2e" &
fi
side_by_side

step fuzz scripts/run-fuzz.sh "${FUZZ_SECONDS:-30}"

for r in "$logs"/*.result; do
	read -r name p f rc <"$r"
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	[ "$rc" != 0 ] && failed_steps="$failed_steps $name"
done
echo
if [ -n "$failed_steps" ]; then
	echo "failed steps:$failed_steps"
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
