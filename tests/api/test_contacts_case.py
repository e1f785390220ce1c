"""A voice contact linked to a case (contract 4 of issue 11) shows in the case's Historial
(GET /activities?case_id=N) as a held inbound call: one record, read through the contacts store,
never a second copy in calls; other channels and other cases do not show there."""
from harness import Env
from test_contacts import C, patch, profile, start


def test_a_linked_voice_contact_is_one_held_call_in_the_cases_historial():
    with Env() as env:
        agent, sup = env.client("agent"), env.client("supervisor")
        pid = profile(agent, first_name="Lucía")["id"]
        case = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "Seguimiento"}).json["case"]
        other = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "Otro"}).json["case"]
        r = agent.post("/api/v1/calls", {"subject": "Llamada previa", "direction": "outbound", "status": "held",
                                         "duration_min": 5, "case_id": case["id"]})
        assert r.status == 201, r.raw
        call = r.json["call"]
        voice = start(agent, profile_id=pid)
        chat = start(agent, profile_id=pid, channel="chat", case_id=case["id"])
        assert chat["case_id"] == case["id"]
        hist = agent.get("/api/v1/activities?case_id=%d" % case["id"]).json["history"]
        assert [h["id"] for h in hist] == [call["id"]]  # not linked yet; chats are not calls
        voice = patch(agent, voice, case_id=case["id"])
        patch(agent, voice, caller_served="yes")  # saving again adds no copy
        for who in (agent, sup):
            v = who.get("/api/v1/activities?case_id=%d" % case["id"]).json
            assert v["activities"] == []
            hist = v["history"]
            linked = [h for h in hist if h.get("source") == "contact"]
            assert len(hist) == 2 and len(linked) == 1, hist
            h = linked[0]
            assert h["kind"] == "call" and h["status"] == "held" and h["direction"] == "inbound"
            assert h["contact_id"] == voice["id"] and h["contact_status"] == "open"
            assert h["case"]["id"] == case["id"] and h["case"]["number"] == case["number"]
            assert h["profile"]["id"] == pid and h["assigned_user"]["id"] == voice["agent"]["id"]
            assert h["start_ms"] == voice["started_ms"]
        # one record: nothing was written to calls
        ok, out = env.db.sql("SELECT COUNT(*) FROM calls")
        assert out.strip() == "1", out
        assert agent.get("/api/v1/activities?case_id=%d" % other["id"]).json["history"] == []
        # moving the link moves the call
        voice = agent.get(C + "/%d" % voice["id"]).json["contact"]
        patch(agent, voice, case_id=other["id"])
        hist = agent.get("/api/v1/activities?case_id=%d" % other["id"]).json["history"]
        assert [h["contact_id"] for h in hist] == [voice["id"]]
        assert len(agent.get("/api/v1/activities?case_id=%d" % case["id"]).json["history"]) == 1
