"""test_calls.py: calls (Llamadas) of seed 000: the held inbound call, the planned follow-up, the case picker."""
import time

from harness import Env

NOW = lambda: int(time.time() * 1000)  # noqa: E731


def seed_case(env, name="Ana Pérez", subject="Ansiedad", created_ms=None, profile_id=None):
    """A profile and a case written straight into the database (the people area owns their API).

    Returns (profile_id, case_id)."""
    created = created_ms or NOW()
    if profile_id is None:
        ok, out = env.db.sql("INSERT INTO profiles (display_name, name_fold, created_ms, updated_ms) "
                             "VALUES ('%s', 'x', %d, %d) RETURNING id" % (name, created, created))
        assert ok, out
        profile_id = int(out.split()[0])
    num = "CAS-2026-%06d" % (created % 1000000)
    ok, out = env.db.sql("INSERT INTO cases (number, profile_id, subject, status, priority, opened_ms, created_ms, "
                         "updated_ms) VALUES ('%s', %d, '%s', 'open', 'normal', %d, %d, %d) RETURNING id"
                         % (num, profile_id, subject, created, created, created))
    assert ok, out
    return profile_id, int(out.split()[0])


def count(env, table):
    ok, out = env.db.sql("SELECT COUNT(*) FROM " + table)
    assert ok, out
    return int(out.split()[0])


def audit_actions(env, object_type):
    ok, out = env.db.sql("SELECT action FROM audit WHERE object_type = '%s' ORDER BY seq" % object_type)
    assert ok, out
    return out.split()


def test_calls_log_the_held_inbound_call_and_schedule_the_follow_up():
    with Env() as env:
        pid, cid = seed_case(env)
        agent = env.client("agent")
        me = agent.get("/api/v1/me").json["user"]
        r = agent.post("/api/v1/calls", {"subject": "Llamada inicial", "direction": "inbound", "status": "held",
                                         "duration_min": 12, "case_id": cid, "notes": "Refiere ansiedad"})
        assert r.status == 201, r.raw
        held = r.json["call"]
        assert held["profile"]["id"] == pid  # the case's profile is the attendee
        assert held["case"]["id"] == cid and held["case"]["number"].startswith("CAS-")
        assert held["assigned_user"]["id"] == me["id"] and held["version"] == 1
        start = NOW() + 2 * 86400000
        r = agent.post("/api/v1/calls", {"subject": "Seguimiento", "direction": "outbound", "status": "planned",
                                         "start": start, "case_id": cid, "profile_id": pid,
                                         "reminder_minutes": 15})
        assert r.status == 201, r.raw
        planned = r.json["call"]
        assert planned["reminder_minutes"] == 15 and planned["start_ms"] == start
        # ISO 8601 with a zone is accepted too
        r = agent.post("/api/v1/calls", {"subject": "Otra", "status": "planned", "direction": "outbound",
                                         "start": "2030-01-15T10:30:00+01:00"})
        assert r.status == 201 and r.json["call"]["start_ms"] == 1894699800000, r.raw
        # Actividades (planned) and Historial (held) of the profile and of the case
        for q in ("profile_id=%d" % pid, "case_id=%d" % cid):
            v = agent.get("/api/v1/activities?" + q).json
            assert [a["id"] for a in v["activities"]] == [planned["id"]]
            assert [a["id"] for a in v["history"]] == [held["id"]]
        assert agent.get("/api/v1/activities").status == 400
        # the reminder exists for the planned call only
        ok, out = env.db.sql("SELECT owner_id, due_ms FROM reminders")
        assert out.split("|") == [str(planned["id"]), str(start - 15 * 60000)], out
        assert audit_actions(env, "call") == ["call.create"] * 3
        # lists filter
        r = agent.get("/api/v1/calls?assigned=me&status=planned")
        assert r.status == 200 and len(r.json["items"]) == 2
        assert agent.get("/api/v1/calls?status=done").status == 400
        # marking the follow-up held moves it to Historial and removes its reminder
        r = agent.patch("/api/v1/calls/%d" % planned["id"], {"status": "held", "version": 1})
        assert r.status == 200 and r.json["call"]["version"] == 2, r.raw
        v = agent.get("/api/v1/activities?case_id=%d" % cid).json
        assert v["activities"] == [] and len(v["history"]) == 2
        assert count(env, "reminders") == 0
        assert audit_actions(env, "call")[-1] == "call.update"


def test_calls_bad_input_is_refused_with_a_clear_error_and_saves_nothing():
    with Env() as env:
        pid, cid = seed_case(env)
        other_pid, _ = seed_case(env, name="Otro")
        admin = env.client("admin")
        agent = env.client("agent")
        sup = env.client("supervisor")
        sup_id = sup.get("/api/v1/me").json["user"]
        r = admin.patch("/api/v1/admin/users/%d" % sup_id["id"], {"disabled": True, "version": sup_id["version"]})
        assert r.status == 200, r.raw
        base = {"subject": "S", "status": "planned", "direction": "outbound", "start": NOW() + 3600000}
        cases = [
            ({"start": "31/02/2026"}, "invalid_time", "start"),
            ({"start": "2026-02-30T10:00:00Z"}, "invalid_time", "start"),
            ({"start": "2026-02-10T10:00:00"}, "invalid_time", "start"),  # no zone
            ({"start": 12}, "invalid_time", "start"),
            ({"case_id": 999999}, "unknown_case", "case_id"),
            ({"profile_id": 999999}, "unknown_profile", "profile_id"),
            ({"case_id": cid, "profile_id": other_pid}, "case_profile_mismatch", "profile_id"),
            ({"assigned_user_id": sup_id["id"]}, "assignee_disabled", "assigned_user_id"),
            ({"assigned_user_id": 999999}, "unknown_user", "assigned_user_id"),
            ({"direction": "sideways"}, "invalid", "direction"),
            ({"status": "done"}, "invalid", "status"),
            ({"subject": ""}, "invalid", "subject"),
            ({"subject": "x" * 201}, "invalid", "subject"),
            ({"duration_min": -1}, "invalid", "duration_min"),
            ({"reminder_minutes": "15"}, "invalid", "reminder_minutes"),
        ]
        for change, code, field in cases:
            body = dict(base, **change)
            r = agent.post("/api/v1/calls", body)
            assert r.status == 400 and r.code == code, (change, r.raw)
            assert r.json["error"]["field"] == field, (change, r.raw)
        assert agent.post("/api/v1/calls", dict(base, owner=1)).status == 400
        assert agent.post("/api/v1/calls", dict(base, version=3)).status == 400
        assert count(env, "calls") == 0 and count(env, "reminders") == 0
        assert audit_actions(env, "call") == []


def test_calls_two_agents_saving_the_same_call_get_409_and_nothing_is_lost():
    with Env() as env:
        pid, cid = seed_case(env)
        agent = env.client("agent")
        sup = env.client("supervisor")
        call = agent.post("/api/v1/calls", {"subject": "Seguimiento", "status": "planned", "direction": "outbound",
                                            "start": NOW() + 3600000, "case_id": cid}).json["call"]
        r1 = agent.patch("/api/v1/calls/%d" % call["id"], {"notes": "primera", "version": 1})
        assert r1.status == 200, r1.raw
        r2 = sup.patch("/api/v1/calls/%d" % call["id"], {"notes": "segunda", "version": 1})
        assert r2.status == 409 and r2.code == "stale_version", r2.raw
        got = agent.get("/api/v1/calls/%d" % call["id"]).json["call"]
        assert got["notes"] == "primera" and got["version"] == 2
        # another agent may read but not change it; the supervisor may change it with the right version
        other = env.client("coordinator")
        assert other.get("/api/v1/calls/%d" % call["id"]).json["call"]["can_edit"] is False
        r = other.patch("/api/v1/calls/%d" % call["id"], {"notes": "x", "version": 2})
        assert r.status == 403 and r.code == "forbidden"
        assert sup.patch("/api/v1/calls/%d" % call["id"], {"notes": "segunda", "version": 2}).status == 200
        assert agent.patch("/api/v1/calls/999999", {"notes": "x", "version": 1}).status == 404
        assert agent.get("/api/v1/calls/999999").status == 404


def test_calls_related_to_picker_lists_the_newest_case_first():
    with Env() as env:
        pid, old = seed_case(env, created_ms=NOW() - 86400000)
        _, new = seed_case(env, profile_id=pid, subject="Nuevo", created_ms=NOW())
        _, elsewhere = seed_case(env, name="Otra persona")
        agent = env.client("agent")
        r = agent.get("/api/v1/activities/cases?profile_id=%d" % pid)
        assert r.status == 200
        assert [c["id"] for c in r.json["items"]] == [new, old]
        r = agent.get("/api/v1/activities/cases")
        assert r.json["items"][0]["id"] == elsewhere and len(r.json["items"]) == 3
        users = agent.get("/api/v1/activities/assignees").json["items"]
        assert {u["role"] for u in users} == {"agent", "coordinator", "supervisor", "admin"}
