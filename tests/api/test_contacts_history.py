"""A profile's contacts (contract 3 of issue 11): GET /contacts?profile_id=N lists every contact of
the profile, newest first, with its needs and referrals counts, for any staff role (an agent sees
a repeat caller's contacts that other agents handled)."""
import test_search as ts
from harness import Env
from test_contacts import C, patch, profile, refer, start


def test_any_role_lists_a_profiles_contacts_newest_first_with_counts():
    with Env() as env:
        ts.load(env)
        agent, coord, sup = env.client("agent"), env.client("coordinator"), env.client("supervisor")
        pid = profile(agent, first_name="Lucía")["id"]
        other = profile(agent, first_name="Otra")["id"]
        first = start(agent, profile_id=pid)
        first = refer(agent, first, ts.S1)
        patch(agent, first, needs=[ts.T_MENTAL])
        second = start(sup, profile_id=pid, channel="chat")
        start(agent, profile_id=other)
        start(agent)  # no profile yet
        for who in (agent, coord, sup):
            r = who.get(C + "?profile_id=%d" % pid)
            assert r.status == 200, r.raw
            items = r.json["items"]
            assert [i["id"] for i in items] == [second["id"], first["id"]], items
            assert items[0]["profile_id"] == pid and items[0]["agent"]["name"] != items[1]["agent"]["name"]
            assert (items[1]["needs_count"], items[1]["referrals_count"]) == (1, 1)
            assert (items[0]["needs_count"], items[0]["referrals_count"]) == (0, 0)
        # paging and other filters still apply
        r = coord.get(C + "?profile_id=%d&limit=1" % pid).json
        assert [i["id"] for i in r["items"]] == [second["id"]] and r["next_before"] == second["id"]
        assert coord.get(C + "?profile_id=%d&channel=chat" % pid).json["items"][0]["id"] == second["id"]
        r = agent.get(C + "?profile_id=abc")
        assert r.status == 400 and r.json["error"]["field"] == "profile_id"
        assert agent.get(C + "?profile_id=999999").json["items"] == []
        # without a profile, an agent still lists only their own
        assert agent.get(C + "?agent=%d" % second["agent"]["id"]).status == 403
