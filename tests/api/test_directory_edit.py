"""Directory edits reindex only the services they touch: each kind of edit (service, location,
address, phone, schedule, service area, service at location, organization, taxonomy term,
category) reaches search at once, every other service's index rows stay exactly as they were
(same entry ids), and the result equals a full rebuild. Deleting: what HSDS nests inside a record
goes with it; what points at it from outside keeps it (409 in_use, naming them)."""
import test_search as ts
from harness import Env, faro

S1, S2, S3, S4, S5 = ts.S1, ts.S2, ts.S3, ts.S4, ts.S5
D = "/api/v1/admin/directory/"


def rows(env, sql):
    ok, out = env.db.sql(sql)
    assert ok, out
    return [line for line in out.splitlines() if line.strip()]


def snapshot(env, with_ids=True):
    """Every index row, grouped by service: {service_id: sorted [row text]}. Entry ids are kept
    (untouched services must keep theirs) unless with_ids is False (to compare with a rebuild)."""
    eid = "e.id" if with_ids else "''"
    fts = ("(SELECT f.c0 || '/' || f.c1 || '/' || f.c2 || '/' || f.c3 FROM search_fts_content f "
           "WHERE f.id = e.id)") if env.db.kind == "sqlite" else "e.fts::text"
    q = {
        "entry": "SELECT e.service_id, %s, COALESCE(e.sal_id, ''), e.name, e.organization, COALESCE(e.description, ''), "
                 "COALESCE(e.address, ''), COALESCE(e.postal_code, ''), COALESCE(e.latitude, 0), "
                 "COALESCE(e.longitude, 0), COALESCE(e.tz, ''), REPLACE(COALESCE(e.hours, ''), '\n', ';'), "
                 "REPLACE(COALESCE(e.phones, ''), '\n', ';'), "
                 "COALESCE(e.top_terms, ''), e.name_fold, %s FROM search_entry e" % (eid, fts),
        "phone": "SELECT e.service_id, %s, COALESCE(e.sal_id, ''), p.tail, p.digits FROM search_phone p "
                 "JOIN search_entry e ON e.id = p.entry_id" % eid,
        "term": "SELECT service_id, term_id FROM search_term",
        "area": "SELECT service_id, key, label FROM search_area",
    }
    snap = {}
    for kind, sql in q.items():
        for line in rows(env, sql):
            snap.setdefault(line.split("|", 1)[0], []).append(kind + ":" + line.replace("\n", " "))
    # every phone row hangs on an entry
    assert rows(env, "SELECT COUNT(*) FROM search_phone WHERE entry_id NOT IN (SELECT id FROM search_entry)") == ["0"]
    return {k: sorted(v) for k, v in snap.items()}


def unchanged_except(env, before, changed):
    """The index now; asserts every service not in changed has the very same rows as before."""
    now = snapshot(env)
    for sid in set(before) | set(now):
        if sid not in changed:
            assert before.get(sid) == now.get(sid), (sid, before.get(sid), now.get(sid))
    # the changed services were rebuilt on their own: their entries are new ones, numbered after all others
    top = max(entry_ids(before))
    for sid in changed:
        assert all(i > top for i in entry_ids({sid: now.get(sid, [])})), (sid, top, now.get(sid))
    return now


def entry_ids(snap):
    return [int(r.split("|")[1]) for v in snap.values() for r in v if r.startswith("entry:")]


def edit(admin, kind, rid, **fields):
    cur = admin.get(D + "%s/%s" % (kind, rid))
    assert cur.status == 200, cur.raw
    r = admin.patch(D + "%s/%s" % (kind, rid), dict(fields, row_version=cur.json["row_version"]))
    assert r.status == 200, r.raw
    return r.json["record"]


def first(admin, kind, link, value):
    items = admin.get(D + "%s?%s=%s" % (kind, link, value)).json["items"]
    assert items, (kind, link, value)
    return items[0]


def test_each_kind_of_edit_reindexes_only_its_services():
    with Env() as env:
        ts.load(env)
        admin, agent = env.client("admin"), env.client("agent")
        s = snapshot(env)
        assert set(s) == {S1, S2, S3, S4, S5}
        # a service: that service
        edit(admin, "services", S1, name="Apoyo Emocional Comunitario")
        assert ts.ids(ts.search(agent, "q=apoyo%20emocional")) == [S1]
        s = unchanged_except(env, s, {S1})
        # a location: the services there (S2's place gets a name agents can type)
        loc2 = ts.uid("l" + S2)
        edit(admin, "locations", loc2, name="Sede Niquía")
        assert ts.ids(ts.search(agent, "q=niquia")) == [S2]
        s = unchanged_except(env, s, {S2})
        # an address of that location
        addr3 = first(admin, "addresses", "location_id", ts.uid("l" + S3))["record"]["id"]
        edit(admin, "addresses", addr3, address_1="Carrera 7 # 60-20")
        got = ts.search(agent, "q=chapinero")["results"]
        assert got[0]["address"].startswith("Carrera 7 # 60-20, Bogotá")
        s = unchanged_except(env, s, {S3})
        # a phone of a location, then of the organization (both services of ORG1)
        r = admin.post(D + "phones", {"location_id": ts.uid("l" + S4), "number": "(718) 555-7777"})
        assert r.status == 201, r.raw
        phone = r.json["record"]["id"]
        assert ts.ids(ts.search(agent, "phone=7185557777")) == [S4]
        s = unchanged_except(env, s, {S4})
        edit(admin, "phones", ts.uid("p3"), number="(604) 333-4444")
        assert set(ts.ids(ts.search(agent, "phone=6043334444"))) == {S1, S2}
        assert ts.ids(ts.search(agent, "phone=6041112222")) == []
        s = unchanged_except(env, s, {S1, S2})
        # a schedule of a service at a location: S1 now opens around the clock on Saturdays
        sched = first(admin, "schedules", "service_id", S1)["record"]["id"]
        edit(admin, "schedules", sched, byday="SA", opens_at="00:00", closes_at="24:00")
        assert ts.ids(ts.search(agent, "open_at=2026-12-05T12:00&q=apoyo")) == [S1]
        s = unchanged_except(env, s, {S1})
        # a service area
        r = admin.post(D + "service_areas", {"service_id": S3, "name": "Chía", "extent": "250001"})
        assert r.status == 201, r.raw
        assert ts.ids(ts.search(agent, "serves=250001&serves_only=1&q=chapinero")) == [S3]
        s = unchanged_except(env, s, {S3})
        # a service at a location: the phone line S5 gets S1's place
        r = admin.post(D + "service_at_locations", {"service_id": S5, "location_id": ts.uid("l" + S1)})
        assert r.status == 201, r.raw
        assert ts.search(agent, "q=crisis%20line")["results"][0]["address"].startswith("Calle 1 # 2-3, Medellín")
        s = unchanged_except(env, s, {S5})
        # an organization: its services
        edit(admin, "organizations", ts.ORG1, name="Corporación Brújula")
        assert set(ts.ids(ts.search(agent, "q=brujula"))) == {S1, S2}
        s = unchanged_except(env, s, {S1, S2})
        # a taxonomy term: the services carrying it or a term under it
        edit(admin, "taxonomy_terms", ts.T_HOUSING, name="Alojamiento")
        assert set(ts.ids(ts.search(agent, "q=alojamiento"))) == {S2, S4}
        s = unchanged_except(env, s, {S2, S4})
        # a category on a service (an HSDS attribute)
        r = admin.post(D + "attributes", {"link_id": S4, "link_entity": "service", "taxonomy_term_id": ts.T_HEALTH})
        assert r.status == 201, r.raw
        assert set(ts.ids(ts.search(agent, "category=" + ts.T_HEALTH))) == {S1, S3, S4, S5}
        s = unchanged_except(env, s, {S4})
        # deletes: the phone, then a whole service
        cur = admin.get(D + "phones/" + phone).json
        assert admin.request("DELETE", D + "phones/%s?row_version=%d" % (phone, cur["row_version"])).status == 204
        assert ts.ids(ts.search(agent, "phone=7185557777")) == []
        s = unchanged_except(env, s, {S4})
        cur = admin.get(D + "services/" + S2).json
        assert admin.request("DELETE", D + "services/%s?row_version=%d" % (S2, cur["row_version"])).status == 204
        assert ts.ids(ts.search(agent, "q=niquia")) == []
        s = unchanged_except(env, s, {S2})
        assert S2 not in s
        # what the edits left equals a rebuild of the whole index
        incremental = snapshot(env, with_ids=False)
        r = faro(["search", "reindex"], env.db)
        assert r.returncode == 0, r.stdout + r.stderr
        assert snapshot(env, with_ids=False) == incremental
        # and new entries after a rebuild take fresh ids
        edit(admin, "services", S3, alternate_name="Centro Chapinero")
        assert ts.ids(ts.search(agent, "q=chapinero")) == [S3]
        assert rows(env, "SELECT COUNT(*) FROM search_entry") == [str(len(rows(env, "SELECT DISTINCT id FROM search_entry")))]


def test_a_refused_edit_leaves_the_index_as_it_was():
    with Env() as env:
        ts.load(env)
        admin = env.client("admin")
        s = snapshot(env)
        cur = admin.get(D + "locations/" + ts.uid("l" + S1)).json
        r = admin.patch(D + "locations/" + ts.uid("l" + S1), {"row_version": cur["row_version"], "latitude": 100})
        assert r.status == 400 and r.code == "out_of_range"
        r = admin.patch(D + "locations/" + ts.uid("l" + S1), {"row_version": cur["row_version"] + 1, "name": "X"})
        assert r.status == 409 and r.code == "stale_version"
        r = admin.post(D + "attributes", {"link_id": ts.uid("nope"), "link_entity": "service", "taxonomy_term_id": ts.T_HEALTH})
        assert r.status == 400 and r.code == "broken_reference" and r.json["error"]["field"] == "link_id"
        r = admin.post(D + "attributes", {"link_id": S1, "link_entity": "planet", "taxonomy_term_id": ts.T_HEALTH})
        assert r.status == 400 and r.json["error"]["field"] == "link_entity"
        assert snapshot(env) == s


def delete(admin, kind, rid):
    cur = admin.get(D + "%s/%s" % (kind, rid))
    assert cur.status == 200, cur.raw
    return admin.request("DELETE", D + "%s/%s?row_version=%d" % (kind, rid, cur.json["row_version"]))


def test_delete_cascades_what_hsds_nests_and_refuses_what_links_from_outside():
    with Env() as env:
        ts.load(env)
        admin = env.client("admin")
        loc1 = ts.uid("l" + S1)
        # an organization with services and locations stays, and the answer names them
        r = delete(admin, "organizations", ts.ORG1)
        assert r.status == 409 and r.code == "in_use", r.raw
        refs = {x["type"]: x for x in r.json["error"]["refs"]}
        assert refs["services"]["count"] == 2 and set(refs["services"]["names"]) == {
            "Salúd Mental Comunitaria", "Refugio Nocturno San José"}
        assert refs["locations"]["count"] == 2
        # a location some service is at stays: the answer names the service
        r = delete(admin, "locations", loc1)
        assert r.status == 409 and r.json["error"]["refs"] == [
            {"type": "service_at_locations", "count": 1, "names": ["Salúd Mental Comunitaria"]}]
        # a term with child terms, or one services carry, stays
        r = delete(admin, "taxonomy_terms", ts.T_HEALTH)
        refs = {x["type"]: x for x in r.json["error"]["refs"]}
        assert r.status == 409 and set(refs) == {"taxonomy_terms", "attributes"}
        assert refs["taxonomy_terms"]["names"] == ["Salud mental"]
        assert refs["attributes"]["names"] == ["Centro de Salud Chapinero"]
        r = delete(admin, "taxonomy_terms", ts.T_MENTAL)
        assert r.status == 409 and r.json["error"]["refs"][0]["type"] == "attributes"
        assert set(r.json["error"]["refs"][0]["names"]) == {"Salúd Mental Comunitaria", "Mental Health Crisis Line"}
        # a stale version is refused before anything else
        cur = admin.get(D + "services/" + S1).json
        r = admin.request("DELETE", D + "services/%s?row_version=%d" % (S1, cur["row_version"] + 1))
        assert r.status == 409 and r.code == "stale_version"
        # the service goes with its phones, schedules, areas, categories and its link to the place
        sal1 = ts.uid("sal" + S1)
        r = delete(admin, "services", S1)
        assert r.status == 204, r.raw
        for kind, link in [("phones", "service_id"), ("schedules", "service_id"), ("service_areas", "service_id"),
                           ("service_at_locations", "service_id"), ("attributes", "link_id")]:
            assert admin.get(D + "%s?%s=%s" % (kind, link, S1)).json["items"] == [], kind
        assert admin.get(D + "service_at_locations/" + sal1).status == 404
        assert admin.get(D + "locations/" + loc1).status == 200          # the place stands on its own
        audit = admin.get("/api/v1/admin/audit?limit=50").json["items"]
        acts = {(a["action"], a["object_id"]): a for a in audit}
        assert acts[("directory.service.delete", S1)]["detail"] in (None, {})
        assert acts[("directory.service_at_location.delete", sal1)]["detail"] == {"with": "service/" + S1}
        assert ("directory.phone.delete", ts.uid("p1")) in acts
        # now nothing is at the location: it goes, with its address
        addr = first(admin, "addresses", "location_id", loc1)["record"]["id"]
        assert delete(admin, "locations", loc1).status == 204
        assert admin.get(D + "addresses/" + addr).status == 404
        # the organization still has S2 and its place
        r = delete(admin, "organizations", ts.ORG1)
        assert r.status == 409 and [x["count"] for x in r.json["error"]["refs"]] == [1, 1]
        assert delete(admin, "services", S2).status == 204
        assert delete(admin, "locations", ts.uid("l" + S2)).status == 204
        # with nothing left pointing at it, the organization goes with its switchboard phone
        assert delete(admin, "organizations", ts.ORG1).status == 204
        assert admin.get(D + "phones/" + ts.uid("p3")).status == 404
        assert env.client("agent").request("DELETE", D + "services/%s?row_version=1" % S3).status == 403
        assert admin.request("DELETE", D + "services/%s?row_version=1" % ts.uid("gone")).status == 404
        assert admin.request("DELETE", D + "services/%s" % S3).status == 400


def test_edits_at_the_same_time_keep_the_index_whole():
    """Administrators saving at once (PostgreSQL runs them side by side): every edit is in the index,
    no entry is lost or doubled, and the index equals a rebuild."""
    import threading
    with Env() as env:
        ts.load(env)
        clients = [env.client("admin") for _ in range(4)]
        targets = [S1, S2, S3, S4]
        errors = []

        def work(c, sid, k):
            try:
                for i in range(5):
                    edit(c, "services", sid, alternate_name="Ronda%d%s" % (i, "abcd"[k]))
                    r = c.post(D + "phones", {"service_id": sid, "number": "+57 601 700 %02d%02d" % (k, i)})
                    assert r.status == 201, r.raw
            except Exception as e:  # reported below, with the thread's service
                errors.append((sid, repr(e)))

        threads = [threading.Thread(target=work, args=(c, sid, k)) for k, (c, sid) in enumerate(zip(clients, targets))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        agent = env.client("agent")
        for k, sid in enumerate(targets):
            assert ts.ids(ts.search(agent, "q=ronda4" + "abcd"[k])) == [sid]
            got = ts.ids(ts.search(agent, "phone=601700%02d04" % k))
            assert got == [sid], (k, sid, got)
        assert rows(env, "SELECT COUNT(*) FROM search_entry") == ["5"]
        incremental = snapshot(env, with_ids=False)
        r = faro(["search", "reindex"], env.db)
        assert r.returncode == 0, r.stdout + r.stderr
        assert snapshot(env, with_ids=False) == incremental
