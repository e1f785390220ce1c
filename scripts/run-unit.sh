#!/bin/sh
# run-unit.sh BUILD: runs every C unit test binary in BUILD/tests (the db contract runs per backend elsewhere).
set -u
status=0
for t in "$1"/tests/test_*; do
	case "$t" in *test_db_contract) continue ;; esac
	[ -x "$t" ] || continue
	"$t" || status=1
done
exit $status
