"""test_tasks.py: tasks (Tareas) and Activar Ruta: the coordinators' live alert and email, and the activation's states."""
from harness import Env, EventStream, SmtpServer
from test_calls import NOW, audit_actions, count, seed_case


def test_tasks_activar_ruta_alerts_coordinators_live_and_by_email_and_moves_forward():
    smtp = SmtpServer()
    try:
        args = ["--jobs-interval", "100", "--smtp-url", smtp.url,
                "--coordinators-email", "coordinacion@linea.example, rutas@linea.example"]
        with Env(args=args) as env:
            pid, cid = seed_case(env)
            agent = env.client("agent")
            coord = env.client("coordinator")
            coord_stream = EventStream(env.server, coord.cookie)
            agent_stream = EventStream(env.server, agent.cookie)
            assert coord_stream.wait_for(lambda e: e["event"] == "hello")
            assert agent_stream.wait_for(lambda e: e["event"] == "hello")
            r = agent.post("/api/v1/tasks", {"subject": "Activar ruta de salud mental", "case_id": cid,
                                             "priority": "high", "due": NOW() + 3600000,
                                             "route_activate": True, "route_type": "mental_health"})
            assert r.status == 201, r.raw
            task = r.json["task"]
            assert task["route"]["state"] == "requested" and task["route"]["type"] == "mental_health"
            assert task["profile"]["id"] == pid
            ev = coord_stream.wait_for(lambda e: e["event"] == "route_activation")
            assert ev and ev["data"]["ref_type"] == "task" and ev["data"]["ref_id"] == str(task["id"]), ev
            assert "Activar" not in coord_stream.text()  # events carry ids only
            msgs = smtp.wait_for(2)
            assert sorted(m.envelope_to[0] for m in msgs) == ["coordinacion@linea.example", "rutas@linea.example"]
            assert all("Salud mental" in m["Subject"] and "CAS-" in m.get_content() for m in msgs)
            assert "Ana" not in msgs[0].get_content()  # the caller's name never leaves by email
            # the coordinator's list, then the states: requested -> acknowledged -> completed
            routes = coord.get("/api/v1/route-activations").json["items"]
            assert [t["id"] for t in routes] == [task["id"]]
            assert agent.get("/api/v1/route-activations").status == 403
            r = agent.post("/api/v1/tasks/%d/route" % task["id"], {"state": "acknowledged", "version": 1})
            assert r.status == 403
            r = coord.post("/api/v1/tasks/%d/route" % task["id"], {"state": "completed", "version": 1})
            assert r.status == 409 and r.code == "invalid_transition"
            r = coord.post("/api/v1/tasks/%d/route" % task["id"], {"state": "acknowledged", "version": 1})
            assert r.status == 200 and r.json["task"]["route"]["state"] == "acknowledged", r.raw
            assert agent_stream.wait_for(lambda e: e["event"] == "route_activation"
                                         and e["data"]["ref_id"] == str(task["id"]))
            r = coord.post("/api/v1/tasks/%d/route" % task["id"], {"state": "completed", "version": 1})
            assert r.status == 409 and r.code == "stale_version"
            r = coord.post("/api/v1/tasks/%d/route" % task["id"], {"state": "completed", "version": 2})
            assert r.status == 200 and r.json["task"]["route"]["completed_by"], r.raw
            got = agent.get("/api/v1/tasks/%d" % task["id"]).json["task"]
            assert got["route"]["state"] == "completed" and got["route"]["acknowledged_ms"]
            assert coord.get("/api/v1/route-activations").json["items"] == []
            assert len(coord.get("/api/v1/route-activations?state=completed").json["items"]) == 1
            assert audit_actions(env, "task") == ["task.create", "route.acknowledge", "route.complete"]
            # the home panel of a coordinator lists open activations; an agent's has none
            assert agent.get("/api/v1/activities/home").json["routes"] is None
            coord_stream.close()
            agent_stream.close()
    finally:
        smtp.stop()


def test_tasks_bad_input_and_races_change_nothing():
    with Env() as env:
        pid, cid = seed_case(env)
        admin = env.client("admin")
        agent = env.client("agent")
        coord = env.client("coordinator")
        cuser = coord.get("/api/v1/me").json["user"]
        assert admin.patch("/api/v1/admin/users/%d" % cuser["id"],
                           {"disabled": True, "version": cuser["version"]}).status == 200
        cases = [
            ({"due": "2026-13-01T10:00:00Z"}, "invalid_time", "due"),
            ({"due": "mañana"}, "invalid_time", "due"),
            ({"case_id": 424242}, "unknown_case", "case_id"),
            ({"assigned_user_id": cuser["id"]}, "assignee_disabled", "assigned_user_id"),
            ({"route_activate": True}, "route_type_required", "route_type"),
            ({"route_activate": True, "route_type": "astrology"}, "invalid", "route_type"),
            ({"route_activate": "yes"}, "invalid", "route_activate"),
            ({"priority": "whenever"}, "invalid", "priority"),
            ({"status": "done"}, "invalid", "status"),
        ]
        for change, code, field in cases:
            r = agent.post("/api/v1/tasks", dict({"subject": "Tarea", "case_id": cid}, **change))
            assert r.status == 400 and r.code == code and r.json["error"]["field"] == field, (change, r.raw)
        assert count(env, "tasks") == 0 and count(env, "outbox") == 0 and audit_actions(env, "task") == []
        # two people save the same task: the second gets 409, the first's change stays
        t = agent.post("/api/v1/tasks", {"subject": "Llamar al centro", "case_id": cid}).json["task"]
        sup = env.client("supervisor")
        assert agent.patch("/api/v1/tasks/%d" % t["id"], {"status": "in_progress", "version": 1}).status == 200
        r = sup.patch("/api/v1/tasks/%d" % t["id"], {"status": "deferred", "version": 1})
        assert r.status == 409 and r.code == "stale_version"
        assert agent.get("/api/v1/tasks/%d" % t["id"]).json["task"]["status"] == "in_progress"
        # Activar Ruta ticked later is an activation too; once requested it cannot be withdrawn
        r = agent.patch("/api/v1/tasks/%d" % t["id"], {"route_activate": True, "route_type": "other", "version": 2})
        assert r.status == 200 and r.json["task"]["route"]["state"] == "requested", r.raw
        r = agent.patch("/api/v1/tasks/%d" % t["id"], {"route_activate": False, "version": 3})
        assert r.status == 400 and r.code == "route_locked"
        # completing it moves it to Historial
        r = agent.patch("/api/v1/tasks/%d" % t["id"], {"status": "completed", "version": 3})
        assert r.status == 200 and r.json["task"]["completed_ms"], r.raw
        v = agent.get("/api/v1/activities?profile_id=%d" % pid).json
        assert v["activities"] == [] and [x["id"] for x in v["history"]] == [t["id"]]
        assert audit_actions(env, "task") == ["task.create", "task.update", "task.update", "task.update"]


def test_tasks_home_and_planning_views():
    with Env() as env:
        pid, cid = seed_case(env)
        agent = env.client("agent")
        sup = env.client("supervisor")
        coord = env.client("coordinator")
        me = agent.get("/api/v1/me").json["user"]["id"]
        ok, out = env.db.sql("UPDATE cases SET assigned_user_id = %d" % me)
        assert ok, out
        now = NOW()
        day0 = now - now % 86400000
        soon = agent.post("/api/v1/calls", {"subject": "Hoy", "status": "planned", "direction": "outbound",
                                            "start": max(now + 60000, day0 + 1000)}).json["call"]
        late = agent.post("/api/v1/tasks", {"subject": "Atrasada", "due": now - 3600000}).json["task"]
        undated = agent.post("/api/v1/tasks", {"subject": "Sin fecha"}).json["task"]
        h = agent.get("/api/v1/activities/home?day_start=%d&day_end=%d" % (day0, day0 + 2 * 86400000)).json
        assert [c["id"] for c in h["calls_today"]] == [soon["id"]]
        assert {t["id"] for t in h["open_tasks"]} == {late["id"], undated["id"]}
        assert [x["id"] for x in h["overdue"]] == [late["id"]]
        assert [c["id"] for c in h["open_cases"]] == [cid]
        # planning: an agent sees their own; a supervisor sees everyone's, or one agent's
        rng = "from=%d&to=%d" % (now - 86400000, now + 86400000)
        items = agent.get("/api/v1/planning?" + rng).json["items"]
        assert {(i["kind"], i["id"]) for i in items} == {("call", soon["id"]), ("task", late["id"]),
                                                        ("task", undated["id"])}
        theirs = coord.post("/api/v1/calls", {"subject": "Coord", "status": "planned", "direction": "outbound",
                                              "start": now + 120000}).json["call"]
        assert coord.get("/api/v1/planning?%s&user_id=%d" % (rng, me)).status == 403
        assert len(sup.get("/api/v1/planning?" + rng).json["items"]) == 4
        r = sup.get("/api/v1/planning?%s&user_id=%d" % (rng, me)).json
        assert theirs["id"] not in [i["id"] for i in r["items"] if i["kind"] == "call"] and r["users"]
        assert agent.get("/api/v1/planning?from=%d&to=%d" % (now, now + 60 * 86400000)).status == 400
        assert agent.get("/api/v1/planning?from=yesterday&to=%d" % now).code == "invalid_time"
