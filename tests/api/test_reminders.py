"""test_reminders.py: the scheduler fires each due reminder exactly once: pop-up event, email, audit entry;
also with two faro instances on one PostgreSQL and across restarts."""
from harness import Env, EventStream, Server, SmtpServer, backend_only, wait_until
from test_calls import NOW, count

FAST = ["--jobs-interval", "50", "--idle-timeout", "600"]  # the test clock jumps an hour


def give_email(env, role, address):
    admin = env.client("admin")
    c = env.client(role)
    me = c.get("/api/v1/me").json["user"]
    r = admin.patch("/api/v1/admin/users/%d" % me["id"], {"email": address, "version": me["version"]})
    assert r.status == 200, r.raw
    return c, me["id"]


def fired(env):
    ok, out = env.db.sql("SELECT COUNT(*) FROM audit WHERE action = 'reminder.fire'")
    assert ok, out
    return int(out)


def test_reminder_pops_up_and_mails_once_then_snoozes():
    smtp = SmtpServer()
    try:
        with Env(args=FAST + ["--smtp-url", smtp.url], clock=True) as env:
            agent, uid = give_email(env, "agent", "luis@linea.example")
            stream = EventStream(env.server, agent.cookie)
            assert stream.wait_for(lambda e: e["event"] == "hello")
            start = NOW() + 3600000
            call = agent.post("/api/v1/calls", {"subject": "Seguimiento Ana", "status": "planned",
                                                "direction": "outbound", "start": start,
                                                "reminder_minutes": 15}).json["call"]
            task = agent.post("/api/v1/tasks", {"subject": "Enviar derivación", "due": start + 7200000,
                                                "reminder_minutes": 0}).json["task"]
            assert fired(env) == 0
            env.set_clock(50 * 60000)  # 50 minutes later: the call's reminder (15 min before) is due
            ev = stream.wait_for(lambda e: e["event"] == "reminder", timeout=10)
            assert ev, stream.text()
            rid = int(ev["data"]["ref_id"])
            r = agent.get("/api/v1/reminders/%d" % rid)
            assert r.status == 200 and r.json["reminder"]["owner_type"] == "call", (r.raw, ev)
            assert r.json["reminder"]["owner_id"] == call["id"] and r.json["reminder"]["fired_ms"]
            msgs = smtp.wait_for(1)
            assert len(msgs) == 1 and msgs[0].envelope_to == ["luis@linea.example"]
            assert "Seguimiento Ana" in msgs[0]["Subject"] and "Recordatorio" in msgs[0]["Subject"]
            # it does not fire again, however often the scheduler looks
            wait_until(lambda: False, timeout=0.6)
            assert len([e for e in stream.events() if e["event"] == "reminder"]) == 1
            assert len(smtp.messages()) == 1 and fired(env) == 1
            # it waits for the agent (a reload shows it again) until dismissed or snoozed
            assert [x["id"] for x in agent.get("/api/v1/reminders").json["items"]] == [rid]
            assert env.client("supervisor").get("/api/v1/reminders").json["items"] == []
            # only its owner reads or snoozes it
            other = env.client("supervisor")
            assert other.get("/api/v1/reminders/%d" % rid).status == 404
            assert other.post("/api/v1/reminders/%d/snooze" % rid, {"minutes": 5}).status == 404
            assert agent.post("/api/v1/reminders/%d/snooze" % rid, {"minutes": 0}).status == 400
            r = agent.post("/api/v1/reminders/%d/snooze" % rid, {"minutes": 5})
            assert r.status == 200 and r.json["reminder"]["fired_ms"] is None, r.raw
            assert agent.post("/api/v1/reminders/%d/snooze" % rid, {"minutes": 5}).code == "not_fired"
            env.set_clock(56 * 60000)
            assert wait_until(lambda: len([e for e in stream.events() if e["event"] == "reminder"]) == 2)
            assert len(smtp.wait_for(2)) == 2
            assert [x["id"] for x in agent.get("/api/v1/reminders").json["items"]] == [rid]
            assert agent.post("/api/v1/reminders/%d/dismiss" % rid).status == 204
            assert agent.get("/api/v1/reminders").json["items"] == []
            assert agent.post("/api/v1/reminders/%d/dismiss" % rid).code == "not_fired"
            # the task's reminder at its due time
            env.set_clock(3 * 3600000 + 1000)
            ev = stream.wait_for(lambda e: e["event"] == "reminder" and int(e["data"]["ref_id"]) != rid)
            assert ev and agent.get("/api/v1/reminders/%s" % ev["data"]["ref_id"]).json["reminder"][
                "owner_id"] == task["id"]
            stream.close()
    finally:
        smtp.stop()


def test_reminder_fires_once_across_a_restart():
    smtp = SmtpServer()
    try:
        with Env(args=FAST + ["--smtp-url", smtp.url], clock=True) as env:
            agent, _ = give_email(env, "agent", "luis@linea.example")
            start = NOW() + 3600000
            for i in range(3):
                assert agent.post("/api/v1/calls", {"subject": "Seguimiento %d" % i, "status": "planned",
                                                    "direction": "outbound", "start": start,
                                                    "reminder_minutes": 10}).status == 201
            env.server.stop()
            env.set_clock(55 * 60000)  # due while no instance runs
            env.servers[0] = env.server = Server(env.db, FAST + ["--smtp-url", smtp.url], env.clock_file)
            assert len(smtp.wait_for(3)) == 3
            assert wait_until(lambda: fired(env) == 3)
            env.server.stop()
            env.servers[0] = env.server = Server(env.db, FAST + ["--smtp-url", smtp.url], env.clock_file)
            wait_until(lambda: False, timeout=0.8)
            assert len(smtp.messages()) == 3 and fired(env) == 3
            assert count(env, "outbox") == 3
    finally:
        smtp.stop()


@backend_only("postgres")
def test_reminder_fires_exactly_once_with_two_instances_on_one_postgres():
    smtp = SmtpServer()
    try:
        args = ["--jobs-interval", "20", "--idle-timeout", "600", "--smtp-url", smtp.url]
        with Env(args=args, clock=True) as env:
            env.another_server(args)
            agent, _ = give_email(env, "agent", "luis@linea.example")
            # a stream on each instance: the pop-up reaches the agent once per stream, whichever instance fired it
            s1 = EventStream(env.servers[0], agent.cookie)
            s2 = EventStream(env.servers[1], agent.cookie)
            assert s1.wait_for(lambda e: e["event"] == "hello") and s2.wait_for(lambda e: e["event"] == "hello")
            start = NOW() + 3600000
            n = 40
            for i in range(n):
                assert agent.post("/api/v1/calls", {"subject": "S%d" % i, "status": "planned",
                                                    "direction": "outbound", "start": start + i,
                                                    "reminder_minutes": 30}).status == 201
            env.set_clock(45 * 60000)
            msgs = smtp.wait_for(n, timeout=20)
            wait_until(lambda: False, timeout=1.0)  # give a duplicate every chance to show up
            msgs = smtp.messages()
            subjects = sorted(m["Subject"] for m in msgs)
            assert len(msgs) == n and len(set(subjects)) == n, subjects
            assert fired(env) == n
            for s in (s1, s2):
                ids = [e["data"]["ref_id"] for e in s.events() if e["event"] == "reminder"]
                assert len(ids) == n and len(set(ids)) == n
            s1.close()
            s2.close()
    finally:
        smtp.stop()
