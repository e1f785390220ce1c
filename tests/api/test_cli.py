"""The command line: help, bad arguments, migrations, user creation."""
import subprocess

from harness import FARO, Database, Env, faro


def run(args, stdin=None):
    return subprocess.run([FARO] + args, input=stdin, capture_output=True, text=True, timeout=60)


def test_help_lists_every_command():
    r = run(["--help"])
    assert r.returncode == 0
    for word in ("serve", "migrate", "user add", "audit verify", "--db", "--listen", "--ui-dir"):
        assert word in r.stdout


def test_bad_arguments_get_clear_messages():
    cases = [
        (["bogus"], "unknown command 'bogus'"),
        (["serve", "--nope"], "unknown option '--nope'"),
        (["serve", "--threads", "zero"], "--threads needs a whole number"),
        (["serve", "--listen", "nonsense"], "--listen needs HOST:PORT"),
        (["serve", "--db"], "--db needs a value"),
        (["user", "add"], "usage: faro user add"),
        (["user", "add", "bob"], "--role is required"),
        (["audit", "check"], "usage: faro audit verify"),
        (["migrate", "--db", "mysql://x"], "must start with sqlite: or postgres://"),
        (["migrate", "--role", "admin"], "unknown option '--role'"),
    ]
    for args, msg in cases:
        r = run(args)
        assert r.returncode != 0 and msg in r.stderr, (args, r.stderr)
    assert run([]).returncode == 2


def test_migrate_is_idempotent_and_user_add_validates():
    db = Database()
    try:
        assert faro(["migrate"], db).returncode == 0
        r = faro(["migrate"], db)
        assert r.returncode == 0 and "up to date" in r.stdout
        r = faro(["user", "add", "bob", "--role", "king"], db)
        assert r.returncode == 1 and "role must be" in r.stderr
        r = faro(["user", "add", "bob", "--role", "admin", "--password-stdin"], db, stdin="Password1234")
        assert r.returncode == 1 and "the password is" in r.stderr
        r = faro(["user", "add", "bob", "--role", "admin"], db)
        assert r.returncode == 0 and "One-time password" in r.stdout
        r = faro(["user", "add", "BOB", "--role", "agent"], db)
        assert r.returncode == 1 and "taken" in r.stderr
    finally:
        db.cleanup()


def test_fresh_install_has_no_default_account():
    with Env(users=False) as env:
        from harness import Client
        for user, pw in (("admin", "admin"), ("admin", "password"), ("root", "root")):
            assert Client(env.server).login(user, pw).status == 401


def test_demo_mode_creates_one_user_per_role_once():
    db = Database()
    try:
        from harness import Server, Client
        s = Server(db, ["--demo"])
        s.stop()
        out = s.logs()
        assert "shown once" in out
        lines = [l.split() for l in out.splitlines() if l.startswith("  ") and len(l.split()) == 3]
        roles = {l[1] for l in lines}
        assert roles == {"admin", "supervisor", "coordinator", "agent"}, lines
        s2 = Server(db, ["--demo"])
        c = Client(s2)
        r = c.login(lines[0][0], lines[0][2])
        assert r.status == 200
        assert c.get("/api/v1/me").json["org"]["name"] == "Línea de Ayuda Demo"
        s2.stop()
        assert "shown once" not in s2.logs()
    finally:
        db.cleanup()
