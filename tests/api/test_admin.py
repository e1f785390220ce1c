"""Roles, staff accounts, optimistic locking and the audit log."""
import json

from harness import Client, Env, EventStream, faro, faro_routes, strong_password


def route_url(path):
    """a concrete address for a route pattern: a directory type that exists, ids that do not"""
    import re
    return re.sub(r":\w+", "999999", path.replace(":type", "service"))


def test_role_denied_everywhere_by_default():
    with Env() as env:
        # every route of the dispatcher's tables x every role: 403 forbidden exactly for the roles
        # the route does not list; no session at all: 401 everywhere but the public routes
        routes = faro_routes()
        assert len({(r["method"], r["path"]) for r in routes}) == len(routes), "a route is listed twice"
        clients = {role: env.client(role) for role in env.ROLES}
        anonymous = env.client()
        checked = 0
        for rt in routes:
            method, path = rt["method"], rt["path"]
            url = route_url(path)
            body = {} if method in ("POST", "PATCH", "PUT") else None
            if rt["public"]:
                assert rt["roles"] == [], rt
                continue
            assert set(rt["roles"]) <= set(env.ROLES) and rt["roles"], rt
            r = anonymous.request(method, url, body=body)
            assert r.status == 401, (method, path, "anonymous", r.status, r.raw)
            for role, c in clients.items():
                allowed = role in rt["roles"]
                if allowed and path == "/api/v1/auth/logout":
                    continue  # ends the session the next routes need: called last, below
                if allowed and path == "/api/v1/events":
                    stream = EventStream(env.server, c.cookie)  # a stream: only its status line is read
                    try:
                        assert wait_status(stream) == 200, (method, path, role, stream.text())
                    finally:
                        stream.close()
                    checked += 1
                    continue
                r = c.request(method, url, body=body)
                if allowed:
                    assert r.status != 403 or r.code != "forbidden", (method, path, role, r.raw)
                else:
                    assert r.status == 403 and r.code == "forbidden", (method, path, role, r.status, r.raw)
                checked += 1
        for role, c in clients.items():
            r = c.post("/api/v1/auth/logout")
            assert r.status == 204, (role, r.status, r.raw)
            checked += 1
        assert checked == sum(len(env.ROLES) for rt in routes if not rt["public"]), checked


def wait_status(stream, timeout=5.0):
    import time
    deadline = time.time() + timeout
    while time.time() < deadline and stream.status() is None:
        time.sleep(0.02)
    return stream.status()


def test_state_changes_need_the_csrf_token_where_the_route_table_says():
    with Env() as env:
        admin = env.client("admin")
        for rt in faro_routes():
            if rt["method"] in ("GET", "HEAD") or rt["public"]:
                continue
            r = admin.request(rt["method"], route_url(rt["path"]),
                              body={} if rt["method"] in ("POST", "PATCH", "PUT") else None, csrf=False)
            if rt["csrf"]:
                assert r.status == 403 and r.code == "csrf_failed", (rt, r.status, r.raw)
            else:
                assert r.code != "csrf_failed", (rt, r.status, r.raw)


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
    # docs/api.md holds the platform's matrix block and names the area files that hold the others
    api_md = open(os.path.join(docs, "api.md")).read()
    files = ["api.md"] + sorted(set(re.findall(r"`docs/(api-[a-z]+\.md)`", api_md)))
    assert sorted(files[1:]) == sorted(f for f in os.listdir(docs) if re.match(r"api-[a-z]+\.md$", f)), files
    documented = []
    for f in files:
        doc = open(os.path.join(docs, f)).read()
        blocks = [b.split("<!-- matrix:end -->")[0] for b in doc.split("<!-- matrix:start -->")[1:]]
        assert blocks, "no matrix block in docs/" + f
        for line in "\n".join(blocks).splitlines():
            m = re.match(r"\| (GET|POST|PATCH|PUT|DELETE) \| (\S+) \| (.+) \|$", line)
            if m:
                documented.append((m.group(1), m.group(2), m.group(3).strip()))
            else:
                assert line in ("", "| method | path | roles |", "|---|---|---|"), (f, line)
    code = [(r["method"], r["path"], "public" if r["public"] else ", ".join(r["roles"])) for r in faro_routes()]
    assert len(set(documented)) == len(documented), "a route is documented twice"
    assert set(documented) == set(code), ("only in docs: %s; only in code: %s" %
                                          (set(documented) - set(code), set(code) - set(documented)))


def test_routes_command_prints_each_route_once_as_text_and_json():
    import subprocess
    from harness import FARO
    routes = faro_routes()
    assert routes[0] == {"method": "GET", "path": "/healthz", "roles": [], "public": True, "csrf": True,
                         "password_ok": False}
    login = [r for r in routes if r["path"] == "/api/v1/auth/login"]
    assert login == [{"method": "POST", "path": "/api/v1/auth/login", "roles": [], "public": True,
                      "csrf": False, "password_ok": False}]
    text = subprocess.run([FARO, "routes"], capture_output=True, text=True, timeout=60)
    assert text.returncode == 0, text.stderr
    lines = [line.split()[:2] for line in text.stdout.splitlines()]
    assert lines == [[r["method"], r["path"]] for r in routes]
    bad = subprocess.run([FARO, "routes", "extra"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "unexpected argument" in bad.stderr


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
