"""Cases: numbers (unique under concurrency), create for a profile, assignment rules,
optimistic locking with who saved, closing, lists (mine / all / status / a profile's), audit."""
import re
import threading
import time

from harness import Env


def profile(c, name="Ana"):
    r = c.post("/api/v1/profiles", {"first_name": name})
    assert r.status == 201, r.raw
    return r.json["profile"]["id"]


def me(c):
    return c.get("/api/v1/me").json["user"]


def test_create_numbered_case_for_a_profile():
    with Env() as env:
        agent = env.client("agent")
        pid = profile(agent, "Lucía")
        r = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "Crisis de ansiedad",
                                         "description": "Llama por primera vez.", "category": "salud mental"})
        assert r.status == 201, r.raw
        c = r.json["case"]
        year = time.gmtime().tm_year
        assert re.fullmatch(r"CAS-%d-\d{6}" % year, c["number"]) and c["number"].endswith("000001")
        assert c["status"] == "open" and c["priority"] == "normal" and c["closed_ms"] is None
        assert c["profile"] == {"id": pid, "display_name": "Lucía", "anonymous": False}
        assert c["assigned_to"]["id"] == me(agent)["id"]  # who opens it works it
        r2 = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "Seguimiento", "priority": "high",
                                          "assigned_user_id": None})
        assert r2.json["case"]["number"].endswith("000002") and r2.json["case"]["assigned_to"] is None
        g = agent.get("/api/v1/cases/%d" % c["id"])
        assert g.status == 200 and g.json["case"] == c
        acts = [x["action"] for x in env.client("admin").get("/api/v1/admin/audit").json["items"]]
        assert "case.create" in acts and "case.view" in acts
        # the Casos subpanel: newest first
        sub = agent.get("/api/v1/profiles/%d/cases" % pid).json["items"]
        assert [x["subject"] for x in sub] == ["Seguimiento", "Crisis de ansiedad"]
        assert agent.get("/api/v1/profiles/999999/cases").status == 404


def test_case_numbers_are_unique_under_concurrency():
    with Env() as env:
        clients = [env.client(role) for role in env.ROLES]
        pid = profile(clients[0])
        numbers, statuses = [], []

        def make(c):
            for _ in range(5):
                r = c.post("/api/v1/cases", {"profile_id": pid, "subject": "x"})
                statuses.append(r.status)
                if r.status == 201:
                    numbers.append(r.json["case"]["number"])

        ts = [threading.Thread(target=make, args=(c,)) for c in clients]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert statuses == [201] * 20, statuses
        assert len(set(numbers)) == 20
        assert sorted(int(n[-6:]) for n in numbers) == list(range(1, 21))


def test_bad_input_and_assignment_rules():
    with Env() as env:
        agent = env.client("agent")
        admin = env.client("admin")
        pid = profile(agent)
        users = admin.get("/api/v1/admin/users").json["items"]
        coord = [u for u in users if u["username"] == "coordinator1"][0]
        admin.patch("/api/v1/admin/users/%d" % coord["id"], {"version": coord["version"], "disabled": True})
        bad = [
            ({"subject": "x"}, "invalid", "profile_id"),
            ({"profile_id": 999999, "subject": "x"}, "unknown_profile", "profile_id"),
            ({"profile_id": pid}, "invalid", "subject"),
            ({"profile_id": pid, "subject": "  "}, "invalid", "subject"),
            ({"profile_id": pid, "subject": "x", "status": "done"}, "invalid", "status"),
            ({"profile_id": pid, "subject": "x", "priority": "p1"}, "invalid", "priority"),
            ({"profile_id": pid, "subject": "x", "assigned_user_id": coord["id"]}, "user_disabled", "assigned_user_id"),
            ({"profile_id": pid, "subject": "x", "assigned_user_id": 999999}, "unknown_user", "assigned_user_id"),
            ({"profile_id": pid, "subject": "x" * 201}, "invalid", "subject"),
            ({"profile_id": pid, "subject": "x", "version": 1}, "invalid", "version"),
        ]
        for body, code, field in bad:
            r = agent.post("/api/v1/cases", body)
            assert r.status == 400 and r.code == code and r.json["error"]["field"] == field, (body, r.raw)
        assert agent.get("/api/v1/cases?scope=all").json["items"] == []
        r = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "ok"})
        assert r.json["case"]["number"].endswith("000001")  # refused creates drew no number
        names = [u["name"] for u in agent.get("/api/v1/cases/assignees").json["items"]]
        assert "Agent1" in names and "Coordinator1" not in names
        assert agent.get("/api/v1/cases/999999").status == 404
        assert agent.get("/api/v1/cases?status=nope").status == 400
        assert agent.get("/api/v1/cases?scope=team").status == 400


def test_two_agents_save_the_same_case():
    with Env() as env:
        a = env.client("agent")
        s = env.client("supervisor")
        pid = profile(a)
        c = a.post("/api/v1/cases", {"profile_id": pid, "subject": "Violencia intrafamiliar"}).json["case"]
        url = "/api/v1/cases/%d" % c["id"]
        r = s.patch(url, {"version": 1, "priority": "urgent", "assigned_user_id": me(s)["id"]})
        assert r.status == 200 and r.json["case"]["version"] == 2
        r = a.patch(url, {"version": 1, "subject": "Otro asunto"})
        assert r.status == 409 and r.code == "stale_version"
        assert r.json["error"]["saved_by"] == "Supervisor1" and r.json["error"]["current_version"] == 2
        now = a.get(url).json["case"]
        assert now["subject"] == "Violencia intrafamiliar" and now["priority"] == "urgent"
        assert a.patch(url, {"version": 2, "profile_id": pid}).status == 400
        assert a.patch(url, {"subject": "x"}).status == 400
        # close, then reopen
        r = a.patch(url, {"version": 2, "status": "closed"})
        assert r.status == 200 and r.json["case"]["closed_ms"] and r.json["case"]["status"] == "closed"
        r = a.patch(url, {"version": 3, "status": "in_progress"})
        assert r.json["case"]["closed_ms"] is None
        ups = [x for x in env.client("admin").get("/api/v1/admin/audit").json["items"] if x["action"] == "case.update"]
        assert [u["detail"]["status"] for u in ups] == ["in_progress", "closed", "open"]
        assert set(ups[-1]["detail"]["fields"]) == {"priority", "assigned_user_id"}
        assert a.request("DELETE", url).status == 405  # closed, never deleted


def test_lists_mine_all_and_by_status():
    with Env() as env:
        a = env.client("agent")
        s = env.client("supervisor")
        pid = profile(a)
        mine = [a.post("/api/v1/cases", {"profile_id": pid, "subject": "a%d" % i}).json["case"] for i in range(3)]
        s.post("/api/v1/cases", {"profile_id": pid, "subject": "s0"})
        a.patch("/api/v1/cases/%d" % mine[0]["id"], {"version": 1, "status": "closed"})
        subj = lambda r: [x["subject"] for x in r.json["items"]]
        assert subj(a.get("/api/v1/cases?scope=mine")) == ["a2", "a1", "a0"]
        assert subj(a.get("/api/v1/cases?scope=all")) == ["s0", "a2", "a1", "a0"]
        assert subj(a.get("/api/v1/cases?scope=mine&status=active")) == ["a2", "a1"]
        assert subj(a.get("/api/v1/cases?status=closed")) == ["a0"]
        r = a.get("/api/v1/cases?limit=2")
        assert subj(r) == ["s0", "a2"] and r.json["next_before"]
        assert subj(a.get("/api/v1/cases?limit=2&before=%d" % r.json["next_before"])) == ["a1", "a0"]
        for role in env.ROLES:
            assert env.client(role).get("/api/v1/cases").status == 200
        assert env.client().get("/api/v1/cases").status == 401
