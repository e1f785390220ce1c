"""Profiles: create (quick and full form), phones in any format, validation, optimistic locking,
search by phone, name (accents, order, prefix, misspelling) and email, lookup, roles and audit."""
import threading

from harness import Env


def setup_country(env, country="CO"):
    admin = env.client("admin")
    r = admin.request("PUT", "/api/v1/admin/people-settings", body={"default_country": country})
    assert r.status == 200 and r.json["default_country"] == country, r.raw
    return admin


def audit(env, action=None):
    rows = env.client("admin").get("/api/v1/admin/audit?limit=200").json["items"]
    return [x for x in rows if action is None or x["action"] == action]


FULL = {
    "first_name": "María José", "last_name": "Gómez Ñáñez", "alias": "Majo",
    "phones": [{"number": "300 123 4567", "type": "mobile"}, {"number": "+57 (601) 555-1234", "type": "home"}],
    "emails": ["Majo.Gomez@Example.org"], "address": "Calle 10 # 5-20", "postal_code": "110111",
    "language": "es", "birth_date": "1990-02-28", "age_range": "26-35", "gender": "female",
    "demographics": {"ethnicity": "other", "ethnicity_other": "mestiza", "occupation": "employed",
                     "disability": "none", "migrant_status": "national", "city": "Bogotá"},
    "health_history": "Ansiedad desde 2019.\nToma sertralina.",
    "support_network": [{"name": "Pedro Gómez", "relation": "hermano", "phone": "310 555 0000"}],
    "flags": ["repeat_caller"], "notes": "Prefiere llamadas en la tarde.",
}


def test_create_full_form_and_read_back_with_audit():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        r = agent.post("/api/v1/profiles", FULL)
        assert r.status == 201, r.raw
        p = r.json["profile"]
        assert p["display_name"] == "María José Gómez Ñáñez" and p["version"] == 1
        assert [x["e164"] for x in p["phones"]] == ["+573001234567", "+576015551234"]
        assert p["phones"][0]["number"] == "300 123 4567"  # what the agent typed is kept
        assert p["support_network"][0]["phone_e164"] == "+573105550000"
        assert p["demographics"] == FULL["demographics"]
        assert p["flags"] == ["repeat_caller"] and p["health_history"].startswith("Ansiedad")
        assert p["created_by"]["name"] == "Agent1"
        g = agent.get("/api/v1/profiles/%d" % p["id"])
        assert g.status == 200 and g.json["profile"] == p
        views = [x for x in audit(env, "profile.view") if x["object_id"] == str(p["id"])]
        creates = audit(env, "profile.create")
        assert len(views) == 1 and views[0]["actor"] == "agent1"
        assert creates and "health_history" in creates[0]["detail"]["fields"]
        assert "Ansiedad" not in str(creates[0]["detail"])  # names of fields, not their contents


def test_quick_form_alias_and_anonymous():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        r = agent.post("/api/v1/profiles", {"alias": "La señora del martes"})
        assert r.status == 201 and r.json["profile"]["display_name"] == "La señora del martes"
        r = agent.post("/api/v1/profiles", {"anonymous": True, "phones": [{"number": "3009998877"}]})
        assert r.status == 201 and r.json["profile"]["display_name"] == ""
        assert r.json["profile"]["phones"][0]["type"] == "mobile"
        r = agent.post("/api/v1/profiles", {"phones": [{"number": "3009998877"}]})
        assert r.status == 400 and r.code == "name_required" and r.json["error"]["field"] == "first_name"


def test_bad_input_is_refused_and_nothing_is_saved():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        bad = [
            ({"first_name": "A", "phones": [{"number": "12"}]}, "invalid_phone", "phones[0].number"),
            ({"first_name": "A", "phones": [{"number": "300 123 4567 ext 2"}]}, "invalid_phone", "phones[0].number"),
            ({"first_name": "A", "phones": [{"number": "3001234567"}, {"number": "+573001234567"}]},
             "invalid_phone", "phones[1].number"),
            ({"first_name": "A", "birth_date": "2023-02-30"}, "invalid_date", "birth_date"),
            ({"first_name": "A", "birth_date": "2999-01-01"}, "invalid_date", "birth_date"),
            ({"first_name": "A", "birth_date": "01/02/1990"}, "invalid_date", "birth_date"),
            ({"first_name": "A", "emails": ["not-an-email"]}, "invalid_email", "emails[0]"),
            ({"first_name": "A", "gender": "robot"}, "invalid", "gender"),
            ({"first_name": "A", "flags": ["vip"]}, "invalid", "flags[0]"),
            ({"first_name": "A", "support_network": [{"relation": "madre"}]}, "invalid", "support_network[0].name"),
            ({"first_name": "A", "support_network": [{"name": "B", "phone": "abc"}]}, "invalid_phone",
             "support_network[0].phone"),
            ({"first_name": "A", "demographics": {"Bad Key": "x"}}, "invalid", "demographics.Bad Key"),
            ({"first_name": "A", "demographics": {"ethnicity": "mestiza"}}, "invalid", "demographics.ethnicity"),
            ({"first_name": "A", "demographics": {"ocupacion": "docente"}}, "invalid", "demographics.ocupacion"),
            ({"first_name": "A", "demographics": {"disability": "none", "disability_other": "x"}}, "invalid",
             "demographics.disability_other"),
            ({"first_name": "A", "demographics": {"education": 3}}, "invalid", "demographics.education"),
            ({"first_name": "A" * 101}, "invalid", "first_name"),
            ({"first_name": "A\u0007"}, "invalid", "first_name"),
            ({"first_name": "A", "owner_id": 7}, "invalid", None),
        ]
        for body, code, field in bad:
            r = agent.post("/api/v1/profiles", body)
            assert r.status == 400 and r.code == code, (body, r.raw)
            if field:
                assert r.json["error"]["field"] == field, (body, r.raw)
        assert agent.get("/api/v1/profiles").json["items"] == []
        assert agent.get("/api/v1/profiles/999999").status == 404
        assert agent.get("/api/v1/profiles/abc").status == 404


def test_national_numbers_need_a_default_country():
    with Env() as env:
        agent = env.client("agent")
        s = agent.get("/api/v1/people/settings").json
        assert s["default_country"] is None and any(c["code"] == "CO" for c in s["countries"])
        r = agent.post("/api/v1/profiles", {"first_name": "A", "phones": [{"number": "3001234567"}]})
        assert r.status == 400 and r.code == "invalid_phone"
        r = agent.post("/api/v1/profiles", {"first_name": "A", "phones": [{"number": "+57 300 123 4567"}]})
        assert r.status == 201 and r.json["profile"]["phones"][0]["e164"] == "+573001234567"
        assert agent.request("PUT", "/api/v1/admin/people-settings", body={"default_country": "CO"}).status == 403
        admin = env.client("admin")
        assert admin.request("PUT", "/api/v1/admin/people-settings", body={"default_country": "XX"}).status == 400
        setup_country(env, "MX")
        r = agent.post("/api/v1/profiles", {"first_name": "B", "phones": [{"number": "55 1234 5678"}]})
        assert r.json["profile"]["phones"][0]["e164"] == "+525512345678"
        assert audit(env, "org.setting")[0]["detail"]["value"] == "MX"


def test_phone_search_in_any_format_and_lookup():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        pid = agent.post("/api/v1/profiles", FULL).json["profile"]["id"]
        other = agent.post("/api/v1/profiles", {"first_name": "Otro", "phones": [{"number": "3007654321"}]})
        assert other.status == 201
        for q in ("300 123 4567", "+57 3001234567", "3001234567", "+57 (300) 123-4567", "0057 300 123 4567",
                  "573001234567", "300.123.4567"):
            r = agent.post("/api/v1/profiles/search", {"q": q})
            assert r.status == 200 and r.json["kind"] == "phone", (q, r.raw)
            assert [x["id"] for x in r.json["items"]] == [pid], (q, r.raw)
            assert r.json["items"][0]["matched"] == {"field": "phone", "value": "300 123 4567"}
        r = agent.post("/api/v1/profiles/search", {"q": "601 555 1234"})
        assert r.json["items"][0]["matched"]["value"] == "+57 (601) 555-1234"
        r = agent.get("/api/v1/profiles/lookup?phone=%2B573001234567")
        assert r.status == 200 and [x["id"] for x in r.json["items"]] == [pid] and r.json["e164"] == "+573001234567"
        lookups = audit(env, "profile.lookup")
        assert len(lookups) == 1 and lookups[0]["object_id"] == str(pid)
        r = agent.get("/api/v1/profiles/lookup?phone=3111111111")
        assert r.status == 200 and r.json["items"] == []
        assert len(audit(env, "profile.lookup")) == 1  # no hit, no profile read
        r = agent.get("/api/v1/profiles/lookup?phone=12")
        assert r.status == 400 and r.code == "invalid_phone"
        r = agent.post("/api/v1/profiles/search", {"q": "12345"})
        assert r.status == 400 and r.code == "invalid_phone"
        assert audit(env, "profile.search")[0]["detail"]["ids"] == [pid]  # the last search that answered


def names(r):
    return [x["display_name"] for x in r.json["items"]]


def test_name_search_accents_order_prefix_misspelling():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        for first, last in (("José", "Hernández"), ("Valentina", "Gonzalez"), ("Yolanda", "Llanos"),
                            ("Ximena", "Cárdenas"), ("Josefina", "Pérez"), ("Andrés", "Quintero")):
            assert agent.post("/api/v1/profiles", {"first_name": first, "last_name": last}).status == 201
        agent.post("/api/v1/profiles", {"alias": "Don Chepe"})
        cases = [
            ("jose hernandez", ["José Hernández"]),       # no accents
            ("HERNÁNDEZ JOSÉ", ["José Hernández"]),       # any order, any case
            ("hern jo", ["José Hernández", "Josefina Pérez"][:1]),  # prefixes of both words
            ("Ernandes", ["José Hernández"]),             # silent h, s for z
            ("balentina gonsales", ["Valentina Gonzalez"]),  # b/v, s/z
            ("Jimena Cardenas", ["Ximena Cárdenas"]),     # x/j
            ("yanos", ["Yolanda Llanos"]),                # ll/y
            ("kintero", ["Andrés Quintero"]),             # qu/k
            ("chepe", ["Don Chepe"]),
        ]
        for q, want in cases:
            r = agent.post("/api/v1/profiles/search", {"q": q})
            assert r.status == 200 and r.json["kind"] == "name", (q, r.raw)
            assert names(r) == want, (q, names(r))
        r = agent.post("/api/v1/profiles/search", {"q": "jose"})
        assert names(r) == ["José Hernández", "Josefina Pérez"]  # the exact word ranks before the prefix
        assert r.json["items"][0]["matched"] == {"field": "name", "value": "José Hernández"}
        r = agent.post("/api/v1/profiles/search", {"q": "chepe"})
        assert r.json["items"][0]["matched"] == {"field": "alias", "value": "Don Chepe"}
        r = agent.post("/api/v1/profiles/search", {"q": "' OR 1=1--"})
        assert r.status == 200 and r.json["items"] == []
        r = agent.post("/api/v1/profiles/search", {"q": "zzzz nadie"})
        assert r.status == 200 and r.json["items"] == []
        assert agent.post("/api/v1/profiles/search", {"q": "   "}).status == 400
        assert agent.post("/api/v1/profiles/search", {"q": "x" * 201}).status == 400


def test_email_search():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        pid = agent.post("/api/v1/profiles", FULL).json["profile"]["id"]
        for q in ("majo.gomez@example.org", "MAJO.GOMEZ@EXAMPLE.ORG", "majo.gomez@"):
            r = agent.post("/api/v1/profiles/search", {"q": q})
            assert r.status == 200 and r.json["kind"] == "email"
            assert [x["id"] for x in r.json["items"]] == [pid], q
            assert r.json["items"][0]["matched"] == {"field": "email", "value": "Majo.Gomez@Example.org"}
        assert agent.post("/api/v1/profiles/search", {"q": "otro@example.org"}).json["items"] == []


def test_edit_with_optimistic_locking():
    with Env() as env:
        setup_country(env)
        a1 = env.client("agent")
        a2 = env.client("supervisor")
        p = a1.post("/api/v1/profiles", FULL).json["profile"]
        url = "/api/v1/profiles/%d" % p["id"]
        r = a2.patch(url, {"version": 1, "last_name": "Gómez", "phones": [{"number": "311 222 3333"}]})
        assert r.status == 200 and r.json["profile"]["version"] == 2, r.raw
        assert r.json["profile"]["updated_by"]["name"] == "Supervisor1"
        r = a1.patch(url, {"version": 1, "notes": "perdido"})
        assert r.status == 409 and r.code == "stale_version"
        assert r.json["error"]["saved_by"] == "Supervisor1" and r.json["error"]["current_version"] == 2
        now = a1.get(url).json["profile"]
        assert now["notes"] == FULL["notes"] and now["last_name"] == "Gómez"
        # the old number no longer finds the profile; the new one does
        assert a1.post("/api/v1/profiles/search", {"q": "3001234567"}).json["items"] == []
        assert [x["id"] for x in a1.post("/api/v1/profiles/search", {"q": "3112223333"}).json["items"]] == [p["id"]]
        assert names(a1.post("/api/v1/profiles/search", {"q": "nanez"})) == []
        r = a1.patch(url, {"version": 2, "birth_date": "1990-13-01"})
        assert r.status == 400 and r.code == "invalid_date"
        assert a1.get(url).json["profile"]["version"] == 2
        r = a1.patch(url, {"version": 2, "last_name": "Gómez"})  # no change: no new version
        assert r.status == 200 and r.json["profile"]["version"] == 2
        assert a1.patch(url, {"notes": "x"}).status == 400
        assert a1.patch("/api/v1/profiles/999999", {"version": 1, "notes": "x"}).status == 404
        ups = audit(env, "profile.update")
        assert len(ups) == 1 and set(ups[0]["detail"]["fields"]) == {"last_name", "phones"}


def test_concurrent_edits_one_wins():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        p = agent.post("/api/v1/profiles", {"first_name": "Ana"}).json["profile"]
        clients = [env.client(role) for role in env.ROLES]  # (an account keeps at most 5 sessions)
        results = []

        def save(c, i):
            results.append(c.patch("/api/v1/profiles/%d" % p["id"], {"version": 1, "notes": "n%d" % i}).status)

        ts = [threading.Thread(target=save, args=(c, i)) for i, c in enumerate(clients)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert sorted(results) == [200] + [409] * 3, results
        assert agent.get("/api/v1/profiles/%d" % p["id"]).json["profile"]["version"] == 2


def test_list_and_roles():
    with Env() as env:
        setup_country(env)
        for role in env.ROLES:
            c = env.client(role)
            r = c.post("/api/v1/profiles", {"first_name": role.title()})
            assert r.status == 201, (role, r.raw)
        c = env.client("coordinator")
        r = c.get("/api/v1/profiles?limit=3")
        assert r.status == 200 and len(r.json["items"]) == 3 and r.json["next_before"]
        r2 = c.get("/api/v1/profiles?before=%d" % r.json["next_before"])
        assert len(r2.json["items"]) == 1 and r2.json["next_before"] is None
        assert c.get("/api/v1/profiles?limit=500").status == 400
        assert audit(env, "profile.list")[0]["detail"]["ids"] == [x["id"] for x in r2.json["items"]]
        anon = env.client()
        assert anon.get("/api/v1/profiles").status == 401
        assert anon.post("/api/v1/profiles/search", {"q": "x"}).status == 401
        r = env.client("agent").post("/api/v1/profiles", {"first_name": "X"}, csrf=False)
        assert r.status == 403 and r.code == "csrf_failed"


def test_repeating_list_errors_name_the_row():
    """A bad third phone or second support person names its row, on create and on edit."""
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        phones = [{"number": "300 123 4567"}, {"number": "310 555 0000"}, {"number": "12"}]
        support = [{"name": "Ana", "phone": "311 222 3344"}, {"name": "Luis", "relation": "tío", "phone": "abc"}]
        for body, code, field in [
            ({"first_name": "A", "phones": phones}, "invalid_phone", "phones[2].number"),
            ({"first_name": "A", "phones": phones[:2] + [{"number": "3001234567", "type": "fax"}]}, "invalid",
             "phones[2].type"),
            ({"first_name": "A", "support_network": support}, "invalid_phone", "support_network[1].phone"),
            ({"first_name": "A", "support_network": [support[0], {"relation": "tía"}]}, "invalid",
             "support_network[1].name"),
            ({"first_name": "A", "emails": ["a@b.org", "c@d.org", "nope"]}, "invalid_email", "emails[2]"),
        ]:
            r = agent.post("/api/v1/profiles", body)
            assert r.status == 400 and r.code == code and r.json["error"]["field"] == field, (body, r.raw)
            assert r.json["error"]["message"].startswith(field), r.raw
        p = agent.post("/api/v1/profiles", {"first_name": "B", "phones": phones[:2]}).json["profile"]
        r = agent.patch("/api/v1/profiles/%d" % p["id"], {"version": p["version"], "phones": phones})
        assert r.status == 400 and r.json["error"]["field"] == "phones[2].number", r.raw
        again = agent.get("/api/v1/profiles/%d" % p["id"]).json["profile"]
        assert again["version"] == p["version"] and len(again["phones"]) == 2  # nothing saved
        assert agent.get("/api/v1/profiles").json["items"][0]["id"] == p["id"]


def test_demographics_are_fixed_lists_and_old_free_text_is_migrated():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        body = {"first_name": "C", "demographics": {"sexual_orientation": "bisexual", "marital_status": "cohabiting",
                                                    "education": "technical", "city": "Cali"}}
        p = agent.post("/api/v1/profiles", body).json["profile"]
        assert p["demographics"] == body["demographics"]
        # "" clears a field; a field left out of a PATCH's object is removed (the object is replaced whole)
        r = agent.patch("/api/v1/profiles/%d" % p["id"],
                        {"version": p["version"], "demographics": {"education": "", "city": "Cali"}})
        assert r.status == 200 and r.json["profile"]["demographics"] == {"city": "Cali"}, r.raw
        # profiles written before the lists existed: free text is mapped to codes, or kept as "other"
        old = agent.post("/api/v1/profiles", {"first_name": "D"}).json["profile"]
        legacy = ('{"ethnicity":"Indígena","ocupacion":"docente","estado_civil":"Soltera",'
                  '"city":"Pasto","talla":"M","discapacidad":" visual "}')
        ok, out = env.db.sql("UPDATE profiles SET demographics = '%s' WHERE id = %d" % (legacy, old["id"]))
        assert ok, out
        ok, out = env.db.sql("DELETE FROM schema_migrations WHERE version = 15")
        assert ok, out
        env.server.stop()
        env.servers = [env.another_server()]
        env.server = env.servers[0]
        agent = env.client("agent")
        d = agent.get("/api/v1/profiles/%d" % old["id"]).json["profile"]["demographics"]
        assert d == {"ethnicity": "indigenous", "occupation": "other", "occupation_other": "docente",
                     "marital_status": "single", "city": "Pasto", "other_info": "talla: M",
                     "disability": "visual"}, d
        mine = agent.get("/api/v1/profiles/%d" % p["id"]).json["profile"]["demographics"]
        assert mine == {"city": "Cali"}, mine  # coded answers stay as they are
        # the migrated record saves back unchanged through the API's rules
        cur = agent.get("/api/v1/profiles/%d" % old["id"]).json["profile"]
        r = agent.patch("/api/v1/profiles/%d" % old["id"], {"version": cur["version"], "demographics": d})
        assert r.status == 200, r.raw


def test_name_search_common_names_exact_first_many_words():
    with Env() as env:
        setup_country(env)
        agent = env.client("agent")
        made = {}

        def make(first, last):
            r = agent.post("/api/v1/profiles", {"first_name": first, "last_name": last})
            assert r.status == 201, r.raw
            made.setdefault("%s %s" % (first, last), []).append(r.json["profile"]["id"])

        # many common names: more prefix and sound matches than one pass of the index holds
        for i in range(70):
            make("Mariana" if i % 2 else "Marisol", "Gómez Rodríguez")
        for i in range(6):
            make("María José", "Gómez Rodríguez")
        make("María", "González Pérez")
        make("Mar", "Rojas")  # the newest: an exact "mar" among seventy starts
        r = agent.post("/api/v1/profiles/search", {"q": "mar", "limit": 50})
        assert r.status == 200 and r.json["more"] is True
        assert names(r)[0] == "Mar Rojas", names(r)[:3]  # exact before starts, however many starts
        assert len(r.json["items"]) == 50
        # two common words: the exact ones first, then starts; limit and "more"
        r = agent.post("/api/v1/profiles/search", {"q": "maria gomez", "limit": 10})
        assert names(r)[:6] == ["María José Gómez Rodríguez"] * 6, names(r)
        assert names(r)[6:] == ["Mariana Gómez Rodríguez"] * 4 and r.json["more"] is True, names(r)
        # three and four words, in any order: every word must match
        r = agent.post("/api/v1/profiles/search", {"q": "rodriguez jose maria"})
        assert names(r) == ["María José Gómez Rodríguez"] * 6
        r = agent.post("/api/v1/profiles/search", {"q": "maria jose gomez rodriguez"})
        assert [x["id"] for x in r.json["items"]] == made["María José Gómez Rodríguez"]
        r = agent.post("/api/v1/profiles/search", {"q": "maria gonzales"})  # s for z, with a common word
        assert names(r) == ["María González Pérez"]
        r = agent.post("/api/v1/profiles/search", {"q": "gom rod mari"})  # starts of every word
        assert len(r.json["items"]) == 20 and r.json["more"] is True
        # a word that matches nothing: nothing, however common the others
        for q in ("maria gomez zzyzx", "zzyzx", "mariana perez", "mar gomez rojas"):
            r = agent.post("/api/v1/profiles/search", {"q": q})
            assert r.status == 200 and r.json["items"] == [] and r.json["more"] is False, (q, names(r))
        # a renamed profile is found by its new name only
        pid = made["Mar Rojas"][0]
        r = agent.patch("/api/v1/profiles/%d" % pid, {"version": 1, "first_name": "Amparo"})
        assert r.status == 200, r.raw
        assert "Mar Rojas" not in names(agent.post("/api/v1/profiles/search", {"q": "mar", "limit": 50}))
        assert names(agent.post("/api/v1/profiles/search", {"q": "amparo rojas"})) == ["Amparo Rojas"]
        # names outside Latin script and long words (cut at a character boundary) are indexed too
        long = "a" + "Ωμέγα" * 5  # 51 bytes: the 40-byte cut falls inside a character
        r = agent.post("/api/v1/profiles", {"first_name": "Δήμητρα", "last_name": long})
        assert r.status == 201, r.raw
        assert names(agent.post("/api/v1/profiles/search", {"q": "Δήμητρα"})) == ["Δήμητρα " + long]
        assert names(agent.post("/api/v1/profiles/search", {"q": long})) == ["Δήμητρα " + long]
        assert names(agent.post("/api/v1/profiles/search", {"q": "aΩμέγαΩμέγα"})) == ["Δήμητρα " + long]


def test_search_rate_limit_per_account():
    with Env(args=("--search-rate", "4"), clock=True) as env:
        setup_country(env)
        agent = env.client("agent")
        other = env.client("supervisor")
        assert agent.post("/api/v1/profiles", {"first_name": "Ana", "phones": [{"number": "3001234567"}]}).status == 201
        for q in ("ana", "an", "3001234567"):
            assert agent.post("/api/v1/profiles/search", {"q": q}).status == 200
        assert agent.get("/api/v1/profiles/lookup?phone=3001234567").status == 200  # lookups count too
        before = len(audit(env, "profile.search"))
        r = agent.post("/api/v1/profiles/search", {"q": "ana"})
        assert r.status == 429 and r.code == "rate_limited", r.raw
        assert 1 <= int(r.header("Retry-After")) <= 15
        assert agent.get("/api/v1/profiles/lookup?phone=3001234567").status == 429
        r = agent.get("/api/v1/profiles")  # paging the list is another way to copy the directory
        assert r.status == 429 and r.code == "rate_limited", r.raw
        assert len(audit(env, "profile.search")) == before  # a refused search shows and records nothing
        # another instance on the same database counts the same searches
        second = env.client("agent", server=env.another_server(("--search-rate", "4")))
        assert second.post("/api/v1/profiles/search", {"q": "ana"}).status == 429
        assert other.post("/api/v1/profiles/search", {"q": "ana"}).status == 200  # per account
        env.set_clock(15 * 1000)  # one search comes back every 60 / 4 seconds
        assert agent.post("/api/v1/profiles/search", {"q": "ana"}).status == 200
        assert agent.post("/api/v1/profiles/search", {"q": "ana"}).status == 429
        env.set_clock(75 * 1000)  # a quiet minute gives the whole burst back
        for _ in range(4):
            assert agent.post("/api/v1/profiles/search", {"q": "ana"}).status == 200
        assert agent.post("/api/v1/profiles/search", {"q": "ana"}).status == 429
