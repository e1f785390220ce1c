#!/bin/sh
# run-unit.sh BUILD: runs every C unit test binary in BUILD/tests (the db contract runs per backend elsewhere)
# and prints the sum of their "N passed, M failed" lines last, for run-tests.sh to count.
set -u
status=0
pass=0
fail=0
out=$(mktemp)
for t in "$1"/tests/test_*; do
	case "$t" in *test_db_contract) continue ;; esac
	[ -x "$t" ] || continue
	echo "== $(basename "$t")"
	"$t" >"$out" 2>&1 || status=1
	sed -E 's/^([0-9]+) passed, ([0-9]+) failed/  \1 passed, \2 failed/' "$out"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -n "$line" ]; then
		pass=$((pass + $(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')))
		fail=$((fail + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
	else
		fail=$((fail + 1)) # a binary that crashed before its summary
	fi
done
rm -f "$out"
echo "$pass passed, $fail failed"
exit $status
