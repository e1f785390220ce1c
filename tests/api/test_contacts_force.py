"""Force close (Forzar cierre, contract 2 of issue 11): with approval (an agent's request waits; a
supervisor approves: the contact closes incomplete and read-only), declined (it stays open, the
request says why), one pending request per contact (409 force_close_pending), not allowed (403
force_close_not_allowed), no approval needed (200 at once), the supervisors' queue, the live
events and the audit rows."""
import test_search as ts
from harness import Env, EventStream
from test_contacts import C, SETTINGS, actions, closable, profile, put, start

Q = C + "/force-close-requests"


def policy(env, roles, approval):
    admin = env.client("admin")
    v = admin.get(SETTINGS).json["settings"]["version"]
    r = put(admin, SETTINGS, {"version": v, "force_close": {"roles": roles, "approval_required": approval}})
    assert r.status == 200, r.raw


def force(c, contact, reason="Se cortó la llamada"):
    return c.post(C + "/%d/force-close" % contact["id"], {"reason": reason})


def test_an_agents_request_waits_and_a_supervisor_approves():
    with Env() as env:
        agent, sup = env.client("agent"), env.client("supervisor")
        c = start(agent)
        stream = EventStream(env.server, sup.cookie)
        astream = EventStream(env.server, agent.cookie)
        try:
            assert stream.wait_for(lambda e: e["event"] == "hello")
            assert astream.wait_for(lambda e: e["event"] == "hello")
            r = force(agent, c)
            assert r.status == 202, r.raw
            req = r.json["request"]
            assert req["status"] == "pending" and req["contact_id"] == c["id"]
            assert req["reason"] == "Se cortó la llamada" and req["requested_ms"] > 0
            assert req["requested_by"] == c["agent"]["id"]
            ev = stream.wait_for(lambda e: e["event"] == "force_close_request")
            assert ev and ev["data"]["ref_type"] == "contact" and ev["data"]["ref_id"] == str(c["id"])
            # the contact stays open and says a request waits
            g = agent.get(C + "/%d" % c["id"]).json["contact"]
            assert g["status"] == "open" and g["force_close"]["status"] == "pending"
            # a second request while one is pending
            r = force(agent, c, "otra vez")
            assert r.status == 409 and r.json["error"]["code"] == "force_close_pending", r.raw
            # the supervisors' queue (agents may not read it)
            assert agent.get(Q + "?status=pending").status == 403
            items = sup.get(Q + "?status=pending").json["items"]
            assert [i["id"] for i in items] == [req["id"]]
            assert items[0]["contact"]["id"] == c["id"] and items[0]["agent_name"] == "Agent1"
            assert sup.get(Q + "?status=nope").status == 400
            r = sup.post(Q + "/%d/approve" % req["id"], {})
            assert r.status == 200, r.raw
            done = r.json["contact"]
            assert done["status"] == "incomplete" and done["closed_by"]["name"]
            assert done["force_close"]["status"] == "approved" and done["force_close"]["decided_by"]
            ev = astream.wait_for(lambda e: e["event"] == "force_close_decided")
            assert ev and ev["data"]["ref_id"] == str(c["id"])
        finally:
            stream.close()
            astream.close()
        assert sup.get(Q + "?status=pending").json["items"] == []
        # decided once; the contact is read-only
        r = sup.post(Q + "/%d/decline" % req["id"], {"reason": "tarde"})
        assert r.status == 409 and r.json["error"]["code"] == "force_close_decided", r.raw
        r = agent.patch(C + "/%d" % c["id"], {"version": done["version"], "caller_served": "no"})
        assert r.status == 409 and r.json["error"]["code"] == "contact_closed"
        r = force(agent, c)
        assert r.status == 409 and r.json["error"]["code"] == "contact_closed"
        assert sup.post(Q + "/999999/approve", {}).status == 404
        acts = actions(env)
        for a in ("contact.force_close.request", "contact.force_close.list", "contact.force_close"):
            assert a in acts, (a, acts)


def test_a_declined_request_leaves_the_contact_open():
    with Env() as env:
        agent, sup, admin = env.client("agent"), env.client("supervisor"), env.client("admin")
        c = start(agent)
        req = force(agent, c).json["request"]
        r = admin.post(Q + "/%d/decline" % req["id"], {"reason": ""})
        assert r.status == 400 and r.json["error"]["field"] == "reason"
        r = sup.post(Q + "/%d/decline" % req["id"], {"reason": "Llama de nuevo al usuario"})
        assert r.status == 200, r.raw
        d = r.json["request"]
        assert d["status"] == "declined" and d["decision_reason"] == "Llama de nuevo al usuario"
        g = agent.get(C + "/%d" % c["id"]).json["contact"]
        assert g["status"] == "open" and g["force_close"]["status"] == "declined"
        assert sup.post(Q + "/%d/approve" % req["id"], {}).status == 409
        assert "contact.force_close.decline" in actions(env)
        # declined: the agent may ask again, and the contact still changes
        assert force(agent, c, "de nuevo").status == 202
        # closing through the checklist withdraws the waiting request
        ts.load(env)
        pid = profile(agent)["id"]
        c = closable(agent, agent.get(C + "/%d" % c["id"]).json["contact"], pid)
        assert agent.post(C + "/%d/close" % c["id"], {"version": c["version"]}).status == 200
        g = agent.get(C + "/%d" % c["id"]).json["contact"]
        assert g["status"] == "closed" and g["force_close"]["status"] == "withdrawn"
        assert sup.get(Q + "?status=pending").json["items"] == []


def test_not_allowed_and_no_approval_needed():
    with Env() as env:
        agent, coord, sup = env.client("agent"), env.client("coordinator"), env.client("supervisor")
        c = start(coord)
        r = force(coord, c)  # coordinators are not in the default policy
        assert r.status == 403 and r.json["error"]["code"] == "force_close_not_allowed", r.raw
        other = start(agent)
        r = force(coord, other)
        assert r.status == 403 and r.json["error"]["code"] == "not_your_contact"
        r = agent.post(C + "/%d/force-close" % other["id"], {"reason": "  "})
        assert r.status == 400 and r.json["error"]["field"] == "reason"
        # a supervisor is the approver: closes at once
        r = force(sup, other)
        assert r.status == 200 and r.json["contact"]["status"] == "incomplete", r.raw
        assert r.json["contact"]["force_close"]["status"] == "approved"
        # a supervisor's own force close approves the request that waited
        third = start(agent)
        waiting = force(agent, third).json["request"]
        r = force(sup, third, "Cierro yo")
        assert r.status == 200 and r.json["contact"]["force_close"]["reason"] == "Cierro yo", r.raw
        approved = {i["id"]: i for i in sup.get(Q + "?status=approved").json["items"]}
        assert approved[waiting["id"]]["decided_by_name"] and waiting["id"] in approved
        assert sup.get(Q + "?status=pending").json["items"] == []
        # without approval an agent closes at once; a role left out may not
        policy(env, ["agent", "coordinator"], False)
        a2 = start(agent)
        r = force(agent, a2)
        assert r.status == 200 and r.json["contact"]["status"] == "incomplete", r.raw
        r = force(coord, c)
        assert r.status == 200, r.raw
        policy(env, ["agent"], True)
        s2 = start(sup)
        r = force(sup, s2)
        assert r.status == 403 and r.json["error"]["code"] == "force_close_not_allowed"
        assert "contact.force_close" in actions(env)
