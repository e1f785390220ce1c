"""test_errors.py: the one error vocabulary: every 409 stale_version names who saved first, when, and the
version now, whatever the record; every refused field answers {"error":{"code","message","field"}}."""
from harness import Env
from test_calls import NOW, seed_case


def assert_stale(r, saved_by, version):
    """r is the one 409 shape: code stale_version, a message, saved_by, saved_ms, current_version."""
    assert r.status == 409 and r.code == "stale_version", r.raw
    e = r.json["error"]
    assert set(e) == {"code", "message", "saved_by", "saved_ms", "current_version"}, e
    assert e["saved_by"] == saved_by and e["current_version"] == version, e
    assert isinstance(e["saved_ms"], int) and e["saved_ms"] > 0 and e["message"], e


def assert_field(r, code, field, status=400):
    """r is the one field-error shape: {"error":{"code","message","field"}}."""
    assert r.status == status and r.code == code, r.raw
    e = r.json["error"]
    assert e["field"] == field and isinstance(e["message"], str) and e["message"], e
    assert set(e) - {"fields"} == {"code", "message", "field"}, e


def test_every_versioned_record_answers_the_same_409():
    with Env() as env:
        pid, cid = seed_case(env)
        agent = env.client("agent")
        sup = env.client("supervisor")
        admin = env.client("admin")
        # a profile and a case know who saved them
        p = agent.post("/api/v1/profiles", {"first_name": "Rosa", "last_name": "Díaz"}).json["profile"]
        assert sup.patch("/api/v1/profiles/%d" % p["id"], {"version": 1, "alias": "Rosi"}).status == 200
        assert_stale(agent.patch("/api/v1/profiles/%d" % p["id"], {"version": 1, "alias": "R"}), "Supervisor1", 2)
        assert sup.patch("/api/v1/cases/%d" % cid, {"version": 1, "priority": "high"}).status == 200
        assert_stale(agent.patch("/api/v1/cases/%d" % cid, {"version": 1, "subject": "Otro"}), "Supervisor1", 2)
        # calls and tasks
        call = agent.post("/api/v1/calls", {"subject": "Seguimiento", "case_id": cid}).json["call"]
        assert sup.patch("/api/v1/calls/%d" % call["id"], {"notes": "s", "version": 1}).status == 200
        assert_stale(agent.patch("/api/v1/calls/%d" % call["id"], {"notes": "a", "version": 1}), "Supervisor1", 2)
        task = agent.post("/api/v1/tasks", {"subject": "Llamar", "case_id": cid, "route_activate": True,
                                            "route_type": "other"}).json["task"]
        assert sup.patch("/api/v1/tasks/%d" % task["id"], {"priority": "high", "version": 1}).status == 200
        assert_stale(agent.patch("/api/v1/tasks/%d" % task["id"], {"priority": "low", "version": 1}),
                     "Supervisor1", 2)
        # the Activar Ruta step of a task is the same record
        coord = env.client("coordinator")
        r = coord.post("/api/v1/tasks/%d/route" % task["id"], {"state": "acknowledged", "version": 1})
        assert_stale(r, "Supervisor1", 2)
        # a staff account has no "updated by": the audit log says who saved it
        u = [x for x in admin.get("/api/v1/admin/users").json["items"] if x["username"] == "agent1"][0]
        a2 = env.client("admin")
        assert a2.patch("/api/v1/admin/users/%d" % u["id"], {"version": u["version"], "role": "coordinator"}).status == 200
        assert_stale(admin.patch("/api/v1/admin/users/%d" % u["id"], {"version": u["version"], "email": "x@y.org"}),
                     "Admin1", u["version"] + 1)
        # a directory row: update and delete, by the audit log too
        r = admin.post("/api/v1/admin/directory/organizations", {"name": "Fundación Faro", "description": "x"})
        assert r.status == 201, r.raw
        oid = r.json["record"]["id"]
        base = "/api/v1/admin/directory/organizations/" + oid
        assert a2.patch(base, {"row_version": 1, "name": "Fundación Faro Norte"}).status == 200
        assert_stale(admin.patch(base, {"row_version": 1, "name": "Otra"}), "Admin1", 2)
        assert_stale(admin.request("DELETE", base + "?row_version=1"), "Admin1", 2)


def test_a_duplicate_is_the_one_other_409_shape():
    with Env() as env:
        admin = env.client("admin")
        body = {"username": "agent1", "display_name": "Otra", "role": "agent", "password": "Larga-y-segura-2026!"}
        r = admin.post("/api/v1/admin/users", body)
        assert_field(r, "conflict", "username", status=409)


def test_every_area_answers_a_refused_field_the_same_way():
    with Env() as env:
        pid, cid = seed_case(env)
        agent = env.client("agent")
        admin = env.client("admin")
        # people
        assert_field(agent.post("/api/v1/profiles", {"first_name": "A", "birth_date": "mañana"}), "invalid_date",
                     "birth_date")
        assert_field(agent.patch("/api/v1/profiles/%d" % pid, {"alias": "x"}), "invalid", "version")
        # cases
        assert_field(agent.post("/api/v1/cases", {"profile_id": pid}), "invalid", "subject")
        assert_field(agent.post("/api/v1/cases", {"profile_id": 999999, "subject": "x"}), "unknown_profile",
                     "profile_id")
        # activities: calls, tasks, their lists and views, the route list
        assert_field(agent.post("/api/v1/calls", {"subject": "x", "start": "ayer"}), "invalid_time", "start")
        assert_field(agent.post("/api/v1/calls", {"subject": "x", "case_id": 999999}), "unknown_case", "case_id")
        assert_field(agent.patch("/api/v1/calls/1", {"notes": "x"}), "invalid", "version")
        assert_field(agent.post("/api/v1/tasks", {"subject": "x", "route_activate": True}), "route_type_required",
                     "route_type")
        assert_field(agent.get("/api/v1/tasks?status=done"), "invalid", "status")
        assert_field(agent.get("/api/v1/calls?from=ayer"), "invalid_time", "from")
        assert_field(agent.get("/api/v1/activities"), "invalid", "profile_id")
        assert_field(agent.get("/api/v1/planning?from=%d&to=%d" % (NOW(), NOW() - 1)), "invalid_range", "to")
        coord = env.client("coordinator")
        assert_field(coord.get("/api/v1/route-activations?state=x"), "invalid", "state")
        # platform: staff accounts and one's own
        r = admin.post("/api/v1/admin/users", {"username": "nuevo", "display_name": "N", "role": "jefe",
                                               "password": "Larga-y-segura-2026!"})
        assert_field(r, "invalid", "role")
        assert_field(admin.post("/api/v1/admin/users", {"username": "nuevo", "display_name": "N", "role": "agent",
                                                        "password": "corta"}), "weak_password", "password")
        assert_field(agent.request("PATCH", "/api/v1/me", {"language": "fr"}), "invalid", "language")
        # resources: the directory editor (every problem of a row listed in "fields") and the HSDS read API
        r = admin.post("/api/v1/admin/directory/organizations", {"name": "X", "email": "no", "website": "nope"})
        assert_field(r, r.code, r.json["error"]["field"])
        assert all(set(f) == {"field", "code", "message"} for f in r.json["error"]["fields"]), r.raw
        assert_field(admin.post("/api/v1/admin/directory/organizations", {"nombre": "X"}), "invalid", "nombre")
        assert_field(agent.get("/hsds/services?per_page=1000"), "invalid", "per_page")
        assert_field(agent.get("/hsds/services?organization_id=x"), "invalid", "organization_id")
        # search
        assert_field(agent.get("/api/v1/search/resources?limit=100"), "invalid", "limit")
