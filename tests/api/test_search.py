"""Resource search: keywords (folding, stems, prefixes), distance, service area, categories with
children, phones, open now / open at (past midnight, per time zone), facet counts, unknown postal
codes, the detail view and the filters. A hand-made HSDS directory; every expectation hand-checked."""
import calendar
import csv
import os
import subprocess
import time
import uuid

from harness import FARO, Env, faro

NS = uuid.UUID("6f1c2a9e-3c1d-4b7e-9a55-2d3e4f5a6b7c")


def uid(name):
    return str(uuid.uuid5(NS, name))


ORG1, ORG2 = uid("org1"), uid("org2")
S1, S2, S3, S4, S5 = (uid("s%d" % i) for i in range(1, 6))
T_HEALTH, T_MENTAL, T_HOUSING, T_SHELTER = uid("t-health"), uid("t-mental"), uid("t-housing"), uid("t-shelter")

# name, organization, description, term, location (postal, lat, lon, city, state, country), hours
SERVICES = [
    (S1, ORG1, "Salúd Mental Comunitaria", "Atención psicológica para adultos", T_MENTAL,
     ("050001", 6.2518, -75.5636, "Medellín", "Antioquia", "CO"), [("WEEKLY", "MO,TU,WE,TH,FR", "08:00", "17:00")]),
    (S2, ORG1, "Refugio Nocturno San José", "Camas para personas sin hogar", T_SHELTER,
     ("051050", 6.3373, -75.558, "Bello", "Antioquia", "CO"), [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "20:00", "08:00")]),
    (S3, ORG2, "Centro de Salud Chapinero", "Consulta médica general", T_HEALTH,
     ("110111", 4.6486, -74.0628, "Bogotá", "Bogotá D.C.", "CO"), [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")]),
    (S4, ORG2, "Emergency Shelter Queens", "Beds and dinner for families", T_SHELTER,
     ("11368", 40.7497, -73.8530, "Queens", "NY", "US"), [("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "18:00", "06:00")]),
    (S5, ORG2, "Mental Health Crisis Line", "Phone support around the clock", T_MENTAL, None, []),
]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def directory(d):
    """The fixture as an HSDS 3.0 Data Package in folder d."""
    tax = uid("taxonomy")
    write_csv(os.path.join(d, "taxonomies.csv"), ["id", "name", "description"], [[tax, "Prueba", "Taxonomía de prueba"]])
    write_csv(os.path.join(d, "taxonomy_terms.csv"), ["id", "code", "name", "description", "parent_id", "taxonomy_id"], [
        [T_HEALTH, "H", "Salud", "Salud", "", tax], [T_MENTAL, "HM", "Salud mental", "Salud mental", T_HEALTH, tax],
        [T_HOUSING, "V", "Vivienda", "Vivienda", "", tax], [T_SHELTER, "VR", "Refugio", "Refugio", T_HOUSING, tax]])
    write_csv(os.path.join(d, "organizations.csv"), ["id", "name", "description"], [
        [ORG1, "Fundación Faro", "Atención social en Antioquia"], [ORG2, "Harbor Outreach", "Services in two countries"]])
    svcs, locs, sals, addrs, phones, scheds, attrs, areas = [], [], [], [], [], [], [], []
    for (sid, org, name, desc, term, loc, hours) in SERVICES:
        svcs.append([sid, org, name, desc, "active"])
        attrs.append([uid("a" + sid), sid, term, "service"])
        if loc:
            lid, sal = uid("l" + sid), uid("sal" + sid)
            postal, lat, lon, city, state, country = loc
            locs.append([lid, "physical", org, name, lat, lon])
            sals.append([sal, sid, lid])
            addrs.append([uid("ad" + sid), lid, "Calle 1 # 2-3" if country == "CO" else "1 Main St", city, state,
                          postal, country, "physical"])
            for i, (freq, byday, o, c) in enumerate(hours):
                scheds.append([uid("sc%d" % i + sid), sid, lid, sal, freq, byday, o, c])
    phones += [[uid("p1"), "", S1, "", "", "+57 604 555 0101"],           # the service's own line
               [uid("p2"), uid("l" + S2), "", "", "", "604 555 0202"],    # the shelter's front desk
               [uid("p3"), "", "", ORG1, "", "(604) 111-2222"],           # the organization's switchboard
               [uid("p4"), "", "", "", uid("sal" + S4), "(718) 555-0303"],  # at the shelter in Queens
               [uid("p5"), "", S5, "", "", "(212) 555-0404"]]
    areas += [[uid("ar1"), S1, "Valle de Aburrá", "050001 050002", "text"],
              [uid("ar2"), S2, "Medellín", "", "text"],
              [uid("ar3"), S3, "Bogotá", "110111", "text"],
              [uid("ar4"), S4, "Queens", "11368 11369", "text"]]
    write_csv(os.path.join(d, "services.csv"), ["id", "organization_id", "name", "description", "status"], svcs)
    write_csv(os.path.join(d, "locations.csv"), ["id", "location_type", "organization_id", "name", "latitude", "longitude"], locs)
    write_csv(os.path.join(d, "service_at_location.csv"), ["id", "service_id", "location_id"], sals)
    write_csv(os.path.join(d, "addresses.csv"), ["id", "location_id", "address_1", "city", "state_province", "postal_code",
                                                "country", "address_type"], addrs)
    write_csv(os.path.join(d, "phones.csv"), ["id", "location_id", "service_id", "organization_id", "service_at_location_id",
                                             "number"], phones)
    write_csv(os.path.join(d, "schedules.csv"), ["id", "service_id", "location_id", "service_at_location_id", "freq", "byday",
                                                "opens_at", "closes_at"], scheds)
    write_csv(os.path.join(d, "attributes.csv"), ["id", "link_id", "taxonomy_term_id", "link_entity"], attrs)
    write_csv(os.path.join(d, "service_areas.csv"), ["id", "service_id", "name", "extent", "extent_type"], areas)


def load(env):
    d = os.path.join(env.db.dir, "fixture")
    os.mkdir(d)
    directory(d)
    co, us = os.path.join(env.db.dir, "co.csv"), os.path.join(env.db.dir, "us.csv")
    write_csv(co, ["postal_code", "latitude", "longitude", "municipality", "department"], [
        ["050001", "6.2518", "-75.5636", "Medellín", "Antioquia"], ["051050", "6.3373", "-75.558", "Bello", "Antioquia"],
        ["110111", "4.6486", "-74.0628", "Bogotá D.C.", "Bogotá D.C."]])
    write_csv(us, ["postal_code", "latitude", "longitude"], [["10001", "40.75065", "-73.997293"], ["11368", "40.749737", "-73.853045"]])
    for args in (["geo", "import", co, "--country", "CO"], ["geo", "import", us, "--country", "US"], ["resources", "import", d]):
        r = faro(args, env.db)
        assert r.returncode == 0, r.stdout + r.stderr


def search(c, query):
    r = c.get("/api/v1/search/resources?" + query)
    assert r.status == 200, (query, r.status, r.raw)
    return r.json


def ids(j):
    return [x["service_id"] for x in j["results"]]


def test_keywords_fold_stem_prefix_and_rank():
    with Env() as env:
        load(env)
        c = env.client("agent")
        # "Salúd Mental" without the accent; the crisis line through its category "Salud mental"
        got = ids(search(c, "q=salud%20mental"))
        assert got == [S1, S5], [n for s in got for (i, _, n, *_) in SERVICES if i == s]
        assert ids(search(c, "q=SALUD%20MENTAL%20")) == [S1, S5]          # case, and a finished word
        j = search(c, "q=refugios")                                          # Spanish plural -> "Refugio"
        assert ids(j)[0] == S2 and set(ids(j)) == {S2, S4}                 # the name beats the category (S4)
        assert set(ids(search(c, "q=refu"))) == {S2, S4}                   # prefix while typing
        assert ids(search(c, "q=shelters")) == [S4]                        # English plural
        assert ids(search(c, "q=camas%20sin%20hogar")) == [S2]             # description
        assert set(ids(search(c, "q=fundacion%20faro"))) == {S1, S2}       # the organization's name
        assert ids(search(c, "q=banco%20de%20alimentos")) == []            # nothing made up
        j = search(c, "q=mental")
        assert set(ids(j)) == {S1, S5}
        assert j["results"][0]["name"] in ("Salúd Mental Comunitaria", "Mental Health Crisis Line")


def test_distance_order_units_and_radius():
    with Env() as env:
        load(env)
        c = env.client("agent")
        j = search(c, "near=050001")
        assert ids(j) == [S1, S2, S3, S4]                                 # nearest first; S5 has no place
        d = [x["distance"] for x in j["results"]]
        assert d[0]["km"] == 0.0 and d[0]["unit"] == "km"
        assert 9.0 <= d[1]["km"] <= 10.5                                  # Medellín -> Bello
        assert 235 <= d[2]["km"] <= 250                                   # Medellín -> Bogotá
        assert j["place"]["found"] and j["place"]["place_name"] == "Medellín"
        j = search(c, "near=050001&radius_km=20")
        assert ids(j) == [S1, S2]
        j = search(c, "near=050001&unit=mi")
        assert j["unit"] == "mi" and 5.6 <= j["results"][1]["distance"]["value"] <= 6.5
        # English users see miles by default
        assert c.patch("/api/v1/me", {"language": "en"}).status == 200
        assert search(c, "near=050001")["unit"] == "mi"
        # keywords with a place: relevance first, nearness as a bonus
        j = search(c, "q=refugio&near=11368")
        assert ids(j) == [S2, S4] or ids(j) == [S4, S2]
        assert j["results"][ids(j).index(S4)]["distance"]["km"] < 1


def test_unknown_postal_code_still_searches():
    with Env() as env:
        load(env)
        c = env.client("agent")
        j = search(c, "q=refugio&near=00000")
        assert j["warnings"] == ["unknown_postal_code"] and j["place"] == {"postal_code": "00000", "found": False}
        assert set(ids(j)) == {S2, S4} and all(x["distance"] is None for x in j["results"])


def test_categories_include_children_and_filters_combine():
    with Env() as env:
        load(env)
        c = env.client("agent")
        assert set(ids(search(c, "category=" + T_HEALTH))) == {S1, S3, S5}
        assert set(ids(search(c, "category=" + T_MENTAL))) == {S1, S5}
        assert set(ids(search(c, "category=" + T_HOUSING))) == {S2, S4}
        assert ids(search(c, "category=%s&near=050001&radius_km=50" % T_HOUSING)) == [S2]   # AND
        assert ids(search(c, "q=salud&category=" + T_MENTAL)) == [S1, S5]
        assert ids(search(c, "q=comunitaria&category=" + T_MENTAL)) == [S1]
        f = c.get("/api/v1/search/filters").json
        counts = {x["id"]: x["count"] for x in f["categories"]}
        assert counts == {T_HEALTH: 3, T_MENTAL: 2, T_HOUSING: 2, T_SHELTER: 2}
        assert {x["name"]: x["count"] for x in f["areas"]} == {"Valle de Aburrá": 1, "Medellín": 1, "Bogotá": 1, "Queens": 1}
        key = [x["key"] for x in f["areas"] if x["name"] == "Queens"][0]
        assert ids(search(c, "area=" + key)) == [S4]


def test_phone_of_service_location_and_organization():
    with Env() as env:
        load(env)
        c = env.client("agent")
        assert ids(search(c, "phone=604%20555%200101")) == [S1]          # the service's line
        assert ids(search(c, "phone=6045550202")) == [S2]                 # the location's
        assert set(ids(search(c, "phone=(604)%20111-2222"))) == {S1, S2}  # the organization's
        assert ids(search(c, "phone=%2B1%20718%20555%200303")) == [S4]    # at one location, with country code
        assert ids(search(c, "phone=212-555-0404")) == [S5]
        assert ids(search(c, "phone=555%209999")) == []


def test_service_area_is_separate_from_distance():
    with Env() as env:
        load(env)
        c = env.client("agent")
        j = search(c, "near=050001")
        serves = {x["service_id"]: x["serves_area"] for x in j["results"]}
        # S1 lists 050001; S2's area is named like the code's municipality; S3 and S4 are elsewhere
        assert serves == {S1: True, S2: True, S3: False, S4: False}
        assert j["facets"]["serves_area"] == 2
        assert ids(search(c, "near=050001&serves_only=1")) == [S1, S2]
        # the area can differ from the place distances are measured from
        j = search(c, "near=050001&serves=11369&serves_only=1")
        assert ids(j) == [S4] and j["results"][0]["distance"]["km"] > 3000
        assert search(c, "q=refugio")["results"][0]["serves_area"] is None


def test_open_at_and_open_now_across_midnight_and_zones():
    with Env(clock=True) as env:
        load(env)
        c = env.client("agent")
        # Saturday 2026-12-05 03:00 local: the overnight shelters and the 24-hour centre are open
        assert set(ids(search(c, "open_at=2026-12-05T03:00"))) == {S2, S3, S4}
        assert set(ids(search(c, "open_at=2026-12-05T12:00"))) == {S3}
        assert set(ids(search(c, "open_at=2026-12-04T10:00"))) == {S1, S3}   # Friday morning
        assert set(ids(search(c, "open_at=2026-12-04T20:00"))) == {S2, S3, S4}
        # now = 2026-12-05 08:30 UTC = 03:30 in Bogotá and New York (both UTC-5 in December)
        # (moving the clock ends sessions: sign in again after each move)
        target = calendar.timegm((2026, 12, 5, 8, 30, 0)) * 1000
        env.set_clock(target - int(time.time() * 1000))
        c = env.client("agent")
        j = search(c, "open_now=1")
        assert set(ids(j)) == {S2, S3, S4} and all(x["open"] for x in j["results"])
        # 13:30 UTC = 08:30 local: the Medellín shelter has just closed, Queens (06:00) too
        env.set_clock(calendar.timegm((2026, 12, 5, 13, 30, 0)) * 1000 - int(time.time() * 1000))
        c = env.client("agent")
        assert set(ids(search(c, "open_now=1"))) == {S3}
        j = search(c, "q=mental")
        opened = {x["service_id"]: x["open"] for x in j["results"]}
        assert opened == {S1: False, S5: None}    # Saturday; a line without hours is "unknown", not closed


def test_facet_counts_and_paging():
    with Env() as env:
        load(env)
        c = env.client("agent")
        j = search(c, "near=050001&open_at=2026-12-05T03:00")
        assert j["total"] == 3 and j["facets"]["open"] == 3
        assert j["facets"]["categories"] == {T_HEALTH: 1, T_HOUSING: 2}
        j = search(c, "near=050001&limit=2")
        assert ids(j) == [S1, S2] and j["total"] == 4
        assert ids(search(c, "near=050001&limit=2&offset=2")) == [S3, S4]


def test_bad_input_is_refused_clearly():
    with Env() as env:
        c = env.client("agent")
        for q, field in [("phone=12", "phone"), ("phone=abc1234567", "phone"), ("open_at=ma%C3%B1ana", "open_at"),
                         ("limit=0", "limit"), ("limit=26", "limit"), ("near=%3Cx%3E", "near"), ("lat=91&lon=0", "lat"),
                         ("lat=4", "lat"), ("radius_km=0", "radius_km"), ("q=" + "a" * 201, "q"), ("unit=ft", "unit"),
                         ("serves_only=1", "serves_only"), ("area=westside", "area"),
                         ("category=%s%%20%s" % (uid("a"), uid("b")), "category"), ("category=", "category")]:
            r = c.get("/api/v1/search/resources?" + q)
            assert r.status == 400 and r.json["error"]["field"] == field, (q, r.status, r.raw)
        assert search(c, "q=anything")["results"] == []                  # an empty directory is fine
        assert c.get("/api/v1/search/services/" + uid("nope")).status == 404
        anon = env.client()
        assert anon.get("/api/v1/search/resources?q=x").status == 401


def test_detail_shows_everything():
    with Env() as env:
        load(env)
        c = env.client("coordinator")
        j = c.get("/api/v1/search/services/%s?lat=6.2518&lon=-75.5636" % S2).json
        assert j["service"]["name"] == "Refugio Nocturno San José"
        assert j["organization"]["name"] == "Fundación Faro"
        loc = j["locations"][0]
        assert loc["address"].startswith("Calle 1 # 2-3, Bello") and loc["time_zone"] == "America/Bogota"
        assert [p["number"] for p in loc["phones"]] == ["604 555 0202", "(604) 111-2222"]
        assert loc["hours"][0]["opens_at"] == "20:00" and loc["hours"][0]["closes_at"] == "08:00"
        assert 9 <= loc["distance"]["km"] <= 10.5
        assert [x["name"] for x in j["categories"]] == ["Refugio"]
        assert [x["name"] for x in j["service_areas"]] == ["Medellín"]
        j = c.get("/api/v1/search/services/%s" % S5).json
        assert j["locations"][0]["address"] is None and j["locations"][0]["phones"][0]["number"] == "(212) 555-0404"


def test_directory_edits_reach_search_at_once():
    with Env() as env:
        load(env)
        admin, agent = env.client("admin"), env.client("agent")
        base = "/api/v1/admin/directory/services/"
        svc = admin.get(base + S2).json
        r = admin.patch(base + S2, {"row_version": svc["row_version"], "name": "Albergue Nocturno Esperanza"})
        assert r.status == 200, r.raw
        assert ids(search(agent, "q=albergue%20esperanza")) == [S2]
        assert ids(search(agent, "q=albergues")) == [S2]                   # stemmed like the import's names
        assert ids(search(agent, "q=albergue%20esperan")) == [S2]          # a start of a word the edit brought
        r = admin.post("/api/v1/admin/directory/services", {"organization_id": ORG1, "name": "Línea Amiga Nocturna",
                                                              "status": "active"})
        assert r.status == 201, r.raw
        new = r.json["record"]["id"]
        assert ids(search(agent, "q=linea%20amiga")) == [new]
        assert ids(search(agent, "q=linea%20amig")) == [new]               # while the agent types
        r = admin.request("DELETE", base + "%s?row_version=%d" % (new, r.json["row_version"]))
        assert r.status == 204, r.raw
        assert ids(search(agent, "q=linea%20amiga")) == []
        # a refused edit leaves the index as it was
        svc = admin.get(base + S2).json
        r = admin.patch(base + S2, {"row_version": svc["row_version"], "name": "Otro", "url": "ftp:"})
        assert r.status == 400 and ids(search(agent, "q=albergue%20esperanza")) == [S2]


def test_reindex_under_a_role_that_owns_no_index():
    # PostgreSQL lets only an index's owner merge its pending entries: run as a role with every
    # grant but no ownership, a reindex (and so every import and edit) must still work
    with Env() as env:
        load(env)
        url, role = env.db.url, None
        if env.db.kind == "postgres":
            role = "app_" + uuid.uuid4().hex[:10]
            for sql in ("CREATE ROLE %s LOGIN" % role, "GRANT ALL ON ALL TABLES IN SCHEMA public TO %s" % role,
                        "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %s" % role,
                        "GRANT CREATE ON SCHEMA public TO %s" % role):
                ok, out = env.db.sql(sql)
                assert ok, out
            url = url.replace("postgres@", role + "@", 1)
        try:
            r = subprocess.run([FARO, "search", "reindex", "--db", url], capture_output=True, text=True, timeout=60)
            assert r.returncode == 0, r.stdout + r.stderr
            assert "search index rebuilt" in r.stdout + r.stderr, r.stdout + r.stderr
            assert set(ids(search(env.client("agent"), "q=refu"))) == {S2, S4}
        finally:
            if role:
                env.db.sql("DROP OWNED BY %s" % role)
                env.db.psql("DROP ROLE %s" % role, db="postgres")
