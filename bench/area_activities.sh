#!/usr/bin/env bash
# area_activities.sh: how fast the scheduler fires due reminders (exactly once, claimed in the
# database) and the sender drains the outbox into a real SMTP server on loopback; with BENCH_PG=1
# also two instances sharing one PostgreSQL. Prints "result ..." lines for bench/run.sh.
#   FARO_BIN=build/release/faro BENCH_PG=0 bench/area_activities.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
export FARO_BIN=${FARO_BIN:-$repo/build/release/faro}
pgdir=""
cleanup() { [ -n "$pgdir" ] && "$repo/scripts/pg-test-cluster.sh" stop "$pgdir" >/dev/null 2>&1; true; }
trap cleanup EXIT

run() {
	python3 - "$@" <<'PY'
import os, sys, time
sys.path.insert(0, os.path.join(os.environ["REPO"], "tests", "api"))
from harness import Env, SmtpServer, wait_until

N_REM, N_MAIL = 5000, 500
kind, instances = sys.argv[1], int(sys.argv[2])

def scalar(env, sql):
    ok, out = env.db.sql(sql)
    assert ok, out
    return int(out.split()[0])

smtp = SmtpServer()
args = ["--jobs-interval", "50", "--quiet", "--smtp-url", smtp.url]
try:
    with Env(args=args, clock=True) as env:
        for _ in range(instances - 1):
            env.another_server(args)
        uid = scalar(env, "SELECT id FROM users WHERE username = 'agent1'")
        now = int(time.time() * 1000)
        ok, out = env.db.sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
            "INSERT INTO reminders (owner_type, owner_id, user_id, title, at_ms, due_ms, version) "
            "SELECT 'call', i, %d, 'S' || i, %d, %d, 1 FROM n" % (N_REM, uid, now + 7200000, now + 3600000))
        assert ok, out
        t0 = time.time()
        env.set_clock(3600000 + 1000)
        assert wait_until(lambda: scalar(env, "SELECT COUNT(*) FROM audit WHERE action = 'reminder.fire'") >= N_REM,
                          timeout=300, step=0.05)
        dt = time.time() - t0
        fired = scalar(env, "SELECT COUNT(*) FROM audit WHERE action = 'reminder.fire'")
        assert fired == N_REM, fired
        print("result activities %s x%d: %d reminders fired (each once, with event and audit) in %.2f s = %.0f/s"
              % (kind, instances, N_REM, dt, N_REM / dt), flush=True)
        ok, out = env.db.sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
            "INSERT INTO outbox (kind, to_addr, subject, body, status, attempts, next_attempt_ms, created_ms) "
            "SELECT 'test', 'a' || i || '@example.org', 'S' || i, 'body', 'queued', 0, 0, 0 FROM n" % N_MAIL)
        assert ok, out
        t0 = time.time()
        assert len(smtp.wait_for(N_MAIL, timeout=300)) == N_MAIL
        dt = time.time() - t0
        time.sleep(0.5)
        assert len(smtp.messages()) == N_MAIL  # none twice
        print("result activities %s x%d: %d emails sent over SMTP (loopback aiosmtpd) in %.2f s = %.0f/s"
              % (kind, instances, N_MAIL, dt, N_MAIL / dt), flush=True)
finally:
    smtp.stop()
PY
}

export REPO=$repo
run sqlite 1
if [ "${BENCH_PG:-0}" = 1 ]; then
	pgdir=$(mktemp -d /tmp/faro-bench-pg.XXXXXX)
	chmod 755 "$pgdir"
	FARO_TEST_PG=$("$repo/scripts/pg-test-cluster.sh" start "$pgdir")
	export FARO_TEST_PG
	run postgres 1
	run postgres 2
fi
