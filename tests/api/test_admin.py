"""Roles, staff accounts, optimistic locking and the audit log."""
import json

from harness import Client, Env, dispatch_routes_from_source, faro, strong_password


def test_role_denied_everywhere_by_default():
    with Env() as env:
        # every route in the table × every role: admin routes only for admin, leads' routes for leads
        routes = dispatch_routes_from_source()
        assert len(routes) >= 10
        clients = {role: env.client(role) for role in env.ROLES}
        for method, path, roles in routes:
            url = path.replace(":id", "999999")
            for role, c in clients.items():
                if path in ("/api/v1/events", "/api/v1/auth/logout"):
                    continue  # a stream and the end of the session: covered in their own tests
                r = c.request(method, url, body={} if method in ("POST", "PATCH") else None)
                allowed = roles == "ALL" or (roles == "LEADS" and role in ("supervisor", "admin")) or \
                    (roles == "ADMIN" and role == "admin") or \
                    (roles == "COORDINATION" and role in ("coordinator", "supervisor", "admin"))
                if allowed:
                    assert r.status != 403 or r.code != "forbidden", (method, path, role, r.raw)
                else:
                    assert r.status == 403 and r.code == "forbidden", (method, path, role, r.status, r.raw)


def test_admin_creates_user_with_validation():
    with Env() as env:
        admin = env.client("admin")
        r = admin.post("/api/v1/admin/users", {"username": "nueva", "display_name": "Nueva Agente",
                                                "role": "agent", "password": strong_password()})
        assert r.status == 201, r.raw
        assert r.json["user"]["username"] == "nueva" and r.json["user"]["version"] == 1
        r = admin.post("/api/v1/admin/users", {"username": "NUEVA", "display_name": "Dup",
                                                "role": "agent", "password": strong_password()})
        assert r.status == 409 and r.code == "conflict"
        bad = [
            {"username": "x", "display_name": "A", "role": "agent", "password": strong_password()},
            {"username": "ok.name", "display_name": "A", "role": "boss", "password": strong_password()},
            {"username": "ok.name", "display_name": "A", "role": "agent", "password": "Password1234"},
            {"username": "ok.name", "display_name": "A", "role": "agent", "password": strong_password(),
             "email": "not-an-email"},
            {"username": "ok name", "display_name": "A", "role": "agent", "password": strong_password()},
            {"username": "ok.name", "display_name": "A", "role": "agent", "password": strong_password(),
             "owner_id": 7},
        ]
        for b in bad:
            r = admin.post("/api/v1/admin/users", b)
            assert r.status == 400, (b, r.raw)
        names = [u["username"] for u in admin.get("/api/v1/admin/users").json["items"]]
        assert "ok.name" not in names and "nueva" in names
        assert Client(env.server).login("nueva", "wrong").status == 401


def test_stale_version_gets_409_and_changes_nothing():
    with Env() as env:
        a1 = env.client("admin")
        a2 = env.client("admin")
        u = [x for x in a1.get("/api/v1/admin/users").json["items"] if x["username"] == "agent1"][0]
        r = a1.patch("/api/v1/admin/users/%d" % u["id"], {"version": u["version"], "role": "coordinator"})
        assert r.status == 200 and r.json["user"]["version"] == u["version"] + 1
        r = a2.patch("/api/v1/admin/users/%d" % u["id"], {"version": u["version"], "display_name": "Lost"})
        assert r.status == 409 and r.code == "stale_version"
        now = [x for x in a1.get("/api/v1/admin/users").json["items"] if x["username"] == "agent1"][0]
        assert now["role"] == "coordinator" and now["display_name"] != "Lost"
        r = a2.patch("/api/v1/admin/users/999999", {"version": 1, "display_name": "X"})
        assert r.status == 404
        r = a2.patch("/api/v1/admin/users/%d" % u["id"], {"display_name": "X"})
        assert r.status == 400  # the version is required


def test_admin_cannot_lock_themselves_out():
    with Env() as env:
        a = env.client("admin")
        me = a.get("/api/v1/me").json["user"]
        r = a.patch("/api/v1/admin/users/%d" % me["id"], {"version": me["version"], "disabled": True})
        assert r.status == 400 and r.code == "cannot_modify_self"
        r = a.patch("/api/v1/admin/users/%d" % me["id"], {"version": me["version"], "role": "agent"})
        assert r.status == 400


def test_admin_ends_another_users_sessions():
    with Env() as env:
        admin = env.client("admin")
        agent = env.client("agent")
        u = [x for x in admin.get("/api/v1/admin/users").json["items"] if x["username"] == "agent1"][0]
        assert admin.post("/api/v1/admin/users/%d/revoke-sessions" % u["id"]).status == 204
        assert agent.get("/api/v1/me").status == 401
        assert admin.get("/api/v1/me").status == 200


def test_every_change_is_audited_with_before_and_after():
    with Env() as env:
        admin = env.client("admin")
        u = [x for x in admin.get("/api/v1/admin/users").json["items"] if x["username"] == "agent1"][0]
        admin.patch("/api/v1/admin/users/%d" % u["id"], {"version": u["version"], "display_name": "Renamed"})
        items = admin.get("/api/v1/admin/audit?limit=200").json["items"]
        actions = [i["action"] for i in items]
        assert "user.update" in actions and "auth.login" in actions and "user.create" in actions
        upd = [i for i in items if i["action"] == "user.update"][0]
        assert upd["actor"] == "admin1" and upd["object_id"] == str(u["id"])
        assert upd["detail"]["before"]["display_name"] != "Renamed"
        assert upd["detail"]["after"]["display_name"] == "Renamed"
        assert "password_hash" not in json.dumps(items)
        # paging goes back in time
        page = admin.get("/api/v1/admin/audit?limit=2").json
        assert len(page["items"]) == 2 and page["next_before"] == page["items"][1]["seq"]
        older = admin.get("/api/v1/admin/audit?limit=2&before=%d" % page["next_before"]).json["items"]
        assert older[0]["seq"] < page["items"][1]["seq"]
        assert admin.get("/api/v1/admin/audit?limit=5000").status == 400


def test_audit_chain_verifies_and_detects_a_hand_edit():
    with Env() as env:
        admin = env.client("admin")
        env.client("agent")
        r = admin.post("/api/v1/admin/audit/verify")
        assert r.status == 200 and r.json["ok"] is True and r.json["checked"] >= 6, r.raw
        assert faro(["audit", "verify"], env.db).returncode == 0
        # the server's own connection cannot rewrite history
        ok, out = env.db.sql("UPDATE audit SET actor = 'someone' WHERE seq = 2")
        assert not ok and "append-only" in out, out
        ok, out = env.db.sql("DELETE FROM audit WHERE seq = 2")
        assert not ok
        # an operator with the power to drop the guard edits a row by hand
        if env.db.kind == "sqlite":
            ok, out = env.db.sql("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE seq = 3;")
        else:
            ok, out = env.db.sql("ALTER TABLE audit DISABLE TRIGGER audit_no_update; "
                                 "UPDATE audit SET actor = 'someone' WHERE seq = 3;")
        assert ok, out
        r = faro(["audit", "verify"], env.db)
        assert r.returncode == 1 and "BROKEN at seq 3" in r.stdout, r.stdout + r.stderr
        r = admin.post("/api/v1/admin/audit/verify")
        assert r.json["ok"] is False and r.json["first_broken_seq"] == 3


def test_audit_detects_rows_cut_from_the_end():
    with Env() as env:
        env.client("agent")
        ok, last = env.db.sql("SELECT MAX(seq) FROM audit")
        if env.db.kind == "sqlite":
            ok, out = env.db.sql("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = %s;" % last)
        else:
            ok, out = env.db.sql("ALTER TABLE audit DISABLE TRIGGER audit_no_update; "
                                 "DELETE FROM audit WHERE seq = %s;" % last)
        assert ok, out
        r = faro(["audit", "verify"], env.db)
        assert r.returncode == 1 and ("seq %s" % last) in r.stdout, r.stdout


def test_announcements_for_leads_only():
    with Env() as env:
        sup = env.client("supervisor")
        agent = env.client("agent")
        assert agent.post("/api/v1/announcements", {"text": "hola"}).status == 403
        r = sup.post("/api/v1/announcements", {"text": "Reunión a las 3 <b>hoy</b>"})
        assert r.status == 201, r.raw
        aid = r.json["announcement"]["id"]
        got = agent.get("/api/v1/announcements/%d" % aid).json["announcement"]
        assert got["text"] == "Reunión a las 3 <b>hoy</b>" and got["author"] == "Supervisor1"
        assert agent.get("/api/v1/home").json["announcements"][0]["id"] == aid
        assert sup.post("/api/v1/announcements", {"text": ""}).status == 400
        assert sup.post("/api/v1/announcements", {"text": "x" * 501}).status == 400
        assert agent.get("/api/v1/announcements/abc").status == 404


def test_authorization_matrix_in_the_docs_matches_the_route_tables():
    import os
    import re
    here = os.path.dirname(os.path.abspath(__file__))
    docs = os.path.join(here, "..", "..", "docs")
    # docs/api.md and each area's docs/api-<area>.md hold one or more matrix blocks
    tables = []
    for f in sorted(os.listdir(docs)):
        if f == "api.md" or (f.startswith("api-") and f.endswith(".md")):
            doc = open(os.path.join(docs, f)).read()
            tables += [b.split("<!-- matrix:end -->")[0] for b in doc.split("<!-- matrix:start -->")[1:]]
    documented = set()
    for line in "\n".join(tables).splitlines():
        m = re.match(r"\| (GET|POST|PATCH|PUT|DELETE) \| (\S+) \| (.+) \|$", line)
        if m:
            documented.add((m.group(1), m.group(2), m.group(3).strip()))
    names = {"ALL": "agent, coordinator, supervisor, admin", "LEADS": "supervisor, admin", "ADMIN": "admin",
             "ROLES_ALL": "agent, coordinator, supervisor, admin", "ROLES_STAFF_LEADS": "supervisor, admin",
             "ROLES_ADMIN": "admin", "COORDINATION": "coordinator, supervisor, admin"}
    api = os.path.join(here, "..", "..", "src", "api")
    # the platform's table in dispatch.c, each area's in its folder (api/<area>/routes_<area>.c)
    src = "".join(open(os.path.join(d, f)).read() for d, _, fs in sorted(os.walk(api)) for f in sorted(fs)
                  if f == "dispatch.c" or f.startswith("routes_"))
    code = set()
    for m in re.finditer(r'\{"(GET|POST|PATCH|PUT|DELETE)", "([^"]+)", (\w+), ([^,]+), \w+\}', src):
        roles = "public" if "ROUTE_PUBLIC" in m.group(4) else names.get(m.group(3), m.group(3))
        code.add((m.group(1), m.group(2), roles))
    assert code, "no routes found"
    assert documented == code, ("only in docs: %s; only in code: %s" % (documented - code, code - documented))


def test_no_cors_headers_for_foreign_origins():
    with Env() as env:
        c = env.client("agent")
        for path in ("/api/v1/me", "/healthz", "/"):
            r = c.get(path, headers={"Origin": "https://evil.example"})
            assert r.header("Access-Control-Allow-Origin") is None
            assert r.header("Access-Control-Allow-Credentials") is None
        r = c.request("OPTIONS", "/api/v1/me", headers={"Origin": "https://evil.example",
                                                        "Access-Control-Request-Method": "PATCH"})
        assert r.status in (404, 405) and r.header("Access-Control-Allow-Origin") is None


def test_database_failure_gives_a_generic_503():
    with Env() as env:
        c = env.client("agent")
        ok, out = env.db.sql("DROP TABLE announcements")
        assert ok, out
        r = c.get("/api/v1/home")
        assert r.status == 503 and r.code == "unavailable", r.raw
        body = r.raw.decode().lower()
        assert "select" not in body and "announcements" not in body and "sqlite" not in body
        assert "announcements" in env.server.logs()  # the operator's log has the detail
