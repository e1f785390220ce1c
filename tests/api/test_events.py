"""Live events: delivery, targeting, replay after reconnect, and fan-out across instances."""
import time

from harness import Client, Env, EventStream, backend_only


def test_stream_needs_a_session_and_same_origin():
    with Env() as env:
        es = EventStream(env.server, None)
        time.sleep(0.3)
        assert es.status() == 401
        c = env.client("agent")
        es = EventStream(env.server, c.cookie, origin="https://evil.example")
        time.sleep(0.3)
        assert es.status() == 403


def test_announcement_reaches_every_stream_with_ids_only():
    with Env() as env:
        agent = env.client("agent")
        coord = env.client("coordinator")
        sup = env.client("supervisor")
        streams = [EventStream(env.server, c.cookie) for c in (agent, coord, sup)]
        for es in streams:
            assert es.wait_for(lambda e: e["event"] == "hello")
        r = sup.post("/api/v1/announcements", {"text": "Texto privado 555-0100"})
        aid = r.json["announcement"]["id"]
        for es in streams:
            ev = es.wait_for(lambda e: e["event"] == "announcement")
            assert ev, es.text()
            assert ev["data"]["ref_id"] == str(aid) and ev["data"]["ref_type"] == "announcement"
            assert "555-0100" not in es.text()  # the stream carries ids, never content
        ev = streams[0].wait_for(lambda e: e["event"] == "announcement")
        assert agent.get("/api/v1/announcements/%s" % ev["data"]["ref_id"]).status == 200


def test_session_events_reach_only_that_session():
    with Env() as env:
        a1 = env.client("agent")
        a2 = env.client("agent")
        other = env.client("coordinator")
        s1, s2, s3 = (EventStream(env.server, c.cookie) for c in (a1, a2, other))
        for es in (s1, s2, s3):
            assert es.wait_for(lambda e: e["event"] == "hello")
        assert a1.post("/api/v1/auth/logout").status == 204
        assert s1.wait_for(lambda e: e["event"] == "session_ended")
        assert s1.wait_closed(2)  # within a second or two of logout
        time.sleep(0.3)
        assert not any(e["event"] == "session_ended" for e in s2.events() + s3.events())
        assert not s2.closed and not s3.closed


def test_heartbeats_keep_idle_streams_alive():
    with Env(args=["--sse-heartbeat", "1"]) as env:
        c = env.client("agent")
        es = EventStream(env.server, c.cookie)
        time.sleep(2.5)
        assert es.text().count(": hb") >= 2 and not es.closed


def test_reconnect_with_last_event_id_replays_missed_events():
    with Env() as env:
        sup = env.client("supervisor")
        agent = env.client("agent")
        es = EventStream(env.server, agent.cookie)
        sup.post("/api/v1/announcements", {"text": "uno"})
        first = es.wait_for(lambda e: e["event"] == "announcement")
        es.close()
        sup.post("/api/v1/announcements", {"text": "dos"})
        sup.post("/api/v1/announcements", {"text": "tres"})
        es2 = EventStream(env.server, agent.cookie, last_event_id=first["id"])
        assert es2.wait_for(lambda e: e["event"] == "announcement" and int(e["id"]) > int(first["id"]))
        time.sleep(0.3)
        got = [e for e in es2.events() if e["event"] == "announcement"]
        assert len(got) == 2 and int(got[0]["id"]) < int(got[1]["id"]), es2.text()
        bad = EventStream(env.server, agent.cookie, last_event_id="x'--")
        time.sleep(0.3)
        assert bad.status() == 400


@backend_only("postgres")
def test_event_posted_on_one_instance_reaches_a_client_of_another():
    with Env() as env:
        second = env.another_server()
        sup = env.client("supervisor")  # talks to the first instance
        agent = env.client("agent", server=second)
        es = EventStream(second, agent.cookie)
        assert es.wait_for(lambda e: e["event"] == "hello")
        t0 = time.time()
        sup.post("/api/v1/announcements", {"text": "a todos"})
        assert es.wait_for(lambda e: e["event"] == "announcement", timeout=5), es.text()
        assert time.time() - t0 < 2
        # and a logout on instance two closes a stream held by instance one
        s1 = EventStream(env.server, sup.cookie)
        assert s1.wait_for(lambda e: e["event"] == "hello")
        other = Client(second)
        other.cookie, other.csrf = sup.cookie, sup.csrf
        assert other.post("/api/v1/auth/logout").status == 204
        assert s1.wait_closed(5)


def test_many_streams_one_event():
    with Env() as env:
        c = env.client("agent")
        sup = env.client("supervisor")
        streams = [EventStream(env.server, c.cookie) for _ in range(50)]
        for es in streams:
            assert es.wait_for(lambda e: e["event"] == "hello")
        sup.post("/api/v1/announcements", {"text": "x"})
        for es in streams:
            assert es.wait_for(lambda e: e["event"] == "announcement")
        for es in streams:
            es.close()
