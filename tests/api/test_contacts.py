"""Contacts (Contactos, seed 003): the life cycle (start, details, referrals, checklist, close), needs
derived from referrals (first = primary, later = secondary, removal re-derives, the agent's own needs
and primary mark kept), every checklist rule (422 with the list), read-only after close (409
contact_closed on every write), bad input (400 naming the field), notes conflicts keeping both texts,
the Contactos filters, role rules, the organisation's settings and the audit rows."""
import threading

import test_search as ts
from harness import Env, EventStream

C = "/api/v1/contacts"
SETTINGS = "/api/v1/admin/contact-settings"
D = "/api/v1/admin/directory/"


def put(c, path, body):
    return c.request("PUT", path, body=body)


def delete(c, path, body):
    return c.request("DELETE", path, body=body)


def setup(env, requirements=None):
    """Two lines (one retired), two tags, and the requirements given; returns the settings."""
    admin = env.client("admin")
    body = {"version": 1,
            "lines": [{"name": "Línea principal", "phone": "+57 604 555 1000", "channel": "voice"},
                      {"name": "Chat", "channel": "chat"},
                      {"name": "Antigua", "phone": "+57 604 555 9999", "channel": "voice", "active": False}],
            "tags": [{"label_es": "Alta prioridad", "label_en": "High priority"},
                     {"label_es": "Necesita seguimiento", "label_en": "Needs follow-up"},
                     {"label_es": "Retirada", "label_en": "Retired", "active": False}]}
    if requirements is not None:
        body["requirements"] = requirements
    r = put(admin, SETTINGS, body)
    assert r.status == 200, r.raw
    return r.json["settings"]


def profile(c, **fields):
    r = c.post("/api/v1/profiles", dict({"first_name": "Ana"}, **fields))
    assert r.status == 201, r.raw
    return r.json["profile"]


def start(c, **fields):
    r = c.post(C, dict({"channel": "voice"}, **fields))
    assert r.status == 201, r.raw
    return r.json["contact"]


def patch(c, contact, **fields):
    r = c.patch(C + "/%d" % contact["id"], dict({"version": contact["version"]}, **fields))
    assert r.status == 200, r.raw
    return r.json["contact"]


def refer(c, contact, service, **fields):
    r = c.post(C + "/%d/referrals" % contact["id"], dict({"service_id": service}, **fields))
    assert r.status == 201, r.raw
    return r.json["contact"]


def needs(contact):
    return [(n["term_id"], n["is_primary"], n["origin"]) for n in contact["needs"]]


def marks(items):
    return {(i["item"], i["field"]): i["mark"] for i in items}


def actions(env):
    return [x["action"] for x in env.client("admin").get("/api/v1/admin/audit?limit=200").json["items"]]


def closable(c, contact, pid):
    """The seed's four items filled on contact (with profile pid); returns it."""
    contact = patch(c, contact, profile_id=pid, service_provided="referral", caller_served="yes")
    return refer(c, contact, ts.S1)


def test_life_cycle_start_fill_refer_close_with_audit():
    with Env() as env:
        ts.load(env)
        st = setup(env)
        line, tag = st["lines"][0], st["tags"][0]
        agent = env.client("agent")
        pid = profile(agent, first_name="Lucía")["id"]
        c = start(agent, source_line_id=line["id"], profile_id=pid, caller_number="+57 300 123 4567")
        assert c["status"] == "open" and c["channel"] == "voice" and c["direction"] == "inbound"
        assert c["line"]["name"] == "Línea principal" and c["line"]["phone"] == "+576045551000"
        assert c["caller_number"] == "+573001234567" and c["profile"]["display_name"] == "Lucía"
        assert c["needs"] == [] and c["referrals"] == [] and c["notes"] == "" and c["version"] == 1
        assert [x["id"] for x in agent.get(C + "/mine/open").json["items"]] == [c["id"]]
        c = patch(agent, c, service_provided="referral", caller_served="yes", tags=[tag["id"]])
        assert c["version"] == 2 and [t["label_es"] for t in c["tags"]] == ["Alta prioridad"]
        c = refer(agent, c, ts.S1)
        assert needs(c) == [(ts.T_MENTAL, True, "referral")] and c["needs"][0]["name"] == "Salud mental"
        assert c["referrals"][0]["service_name"] == "Salúd Mental Comunitaria"
        ck = agent.get(C + "/%d/checklist" % c["id"]).json["checklist"]
        assert ck["may_close"] and set(marks(ck["items"]).values()) == {"done"}
        r = agent.post(C + "/%d/close" % c["id"], {"version": c["version"]})
        assert r.status == 200, r.raw
        closed = r.json["contact"]
        assert closed["status"] == "closed" and closed["closed_ms"] and closed["closed_by"]["name"] == "Agent1"
        assert closed["ended_ms"] == closed["closed_ms"]
        assert agent.get(C + "/mine/open").json["items"] == []
        g = agent.get(C + "/%d" % c["id"])
        assert g.status == 200 and g.json["contact"]["status"] == "closed"
        acts = actions(env)
        for a in ("contact.create", "contact.update", "contact.referral.add", "contact.checklist",
                  "contact.close", "contact.view", "contact.list", "contact_settings.update"):
            assert a in acts, (a, acts)
        # a contact linked to a case takes the case's profile
        case = agent.post("/api/v1/cases", {"profile_id": pid, "subject": "Seguimiento"}).json["case"]
        c2 = start(agent, channel="walk_in", case_id=case["id"])
        assert c2["profile"]["id"] == pid and c2["case"]["number"] == case["number"]


def test_needs_follow_referrals_and_the_agents_own_choices():
    with Env() as env:
        ts.load(env)
        agent, admin = env.client("agent"), env.client("admin")
        c = start(agent)
        c = refer(agent, c, ts.S1)                       # Salud mental: primary
        c = refer(agent, c, ts.S2, service_at_location_id=ts.uid("sal" + ts.S2))  # Refugio: secondary
        assert needs(c) == [(ts.T_MENTAL, True, "referral"), (ts.T_SHELTER, False, "referral")]
        c = refer(agent, c, ts.S4)                       # Refugio again: one need
        assert len(c["needs"]) == 2 and len(c["referrals"]) == 3
        first = c["referrals"][0]["id"]
        r = delete(agent, C + "/%d/referrals/%d" % (c["id"], first), {"reason": "No atiende adultos"})
        assert r.status == 200, r.raw
        c = r.json["contact"]
        assert needs(c) == [(ts.T_SHELTER, True, "referral")]
        gone = [x for x in c["referrals"] if x["id"] == first][0]
        assert gone["removed_reason"] == "No atiende adultos" and gone["removed_by"]["name"] == "Agent1"
        # the agent adds a need by hand and marks it primary: kept over what referrals derive
        c = patch(agent, c, needs=[ts.T_HOUSING], primary_term_id=ts.T_HOUSING)
        assert needs(c) == [(ts.T_SHELTER, False, "referral"), (ts.T_HOUSING, True, "manual")]
        c = refer(agent, c, ts.S3)
        assert needs(c) == [(ts.T_SHELTER, False, "referral"), (ts.T_HEALTH, False, "referral"),
                            (ts.T_HOUSING, True, "manual")]
        c = patch(agent, c, primary_term_id=None)      # the mark withdrawn: the first referral again
        assert needs(c)[0] == (ts.T_SHELTER, True, "referral")
        c = patch(agent, c, primary_term_id=ts.T_HEALTH)  # a mark on a derived need
        assert [n["term_id"] for n in c["needs"] if n["is_primary"]] == [ts.T_HEALTH]
        r = agent.patch(C + "/%d" % c["id"], {"version": c["version"], "primary_term_id": ts.T_MENTAL})
        assert r.status == 400 and r.json["error"]["code"] == "not_a_need", r.raw
        assert r.json["error"]["field"] == "primary_term_id"
        # a service with two terms: the agent picks the need
        assert admin.post(D + "attributes", {"link_id": ts.S4, "link_entity": "service",
                                             "taxonomy_term_id": ts.T_HEALTH}).status == 201
        bad = [({"service_id": ts.S4}, "choose_term", "term_id"),
               ({"service_id": ts.S4, "term_id": ts.T_MENTAL}, "term_not_on_service", "term_id"),
               ({"service_id": ts.uid("nope")}, "unknown_service", "service_id"),
               ({"service_id": ts.S1, "service_at_location_id": ts.uid("sal" + ts.S2)},
                "unknown_service_at_location", "service_at_location_id"),
               ({}, "invalid", "service_id")]
        for body, code, field in bad:
            r = agent.post(C + "/%d/referrals" % c["id"], body)
            assert r.status == 400 and r.json["error"]["code"] == code and r.json["error"]["field"] == field, (body, r.raw)
        c = refer(agent, agent.get(C + "/%d" % c["id"]).json["contact"], ts.S4, term_id=ts.T_HEALTH)
        assert c["referrals"][-1]["term_id"] == ts.T_HEALTH
        # a deleted service can no longer be referred
        cur = admin.get(D + "services/%s" % ts.S5).json
        assert admin.request("DELETE", D + "services/%s?row_version=%d" % (ts.S5, cur["row_version"])).status == 204
        r = agent.post(C + "/%d/referrals" % c["id"], {"service_id": ts.S5})
        assert r.status == 400 and r.json["error"]["code"] == "unknown_service"
        # removing: a reason is required, an unknown or already removed referral is not there
        r = delete(agent, C + "/%d/referrals/%d" % (c["id"], c["referrals"][-1]["id"]), {"reason": " "})
        assert r.status == 400 and r.json["error"]["field"] == "reason"
        assert delete(agent, C + "/%d/referrals/%d" % (c["id"], first), {"reason": "x"}).status == 404
        assert delete(agent, C + "/%d/referrals/999" % c["id"], {"reason": "x"}).status == 404


def test_every_checklist_rule_answers_422_with_the_list():
    with Env() as env:
        ts.load(env)
        st = setup(env, {"postal_code": True, "tags": True, "demographics": ["gender", "ethnicity"]})
        agent = env.client("agent")
        c = start(agent)
        r = agent.post(C + "/%d/close" % c["id"], {"version": c["version"]})
        assert r.status == 422 and r.json["error"]["code"] == "checklist_incomplete", r.raw
        assert marks(r.json["error"]["items"]) == {
            ("profile", "profile_id"): "missing", ("needs", "needs"): "missing",
            ("primary_need", "primary_term_id"): "missing", ("caller_served", "caller_served"): "missing",
            ("service_provided", "service_provided"): "missing",
            ("postal_code", "profile.postal_code"): "pending", ("demographic", "profile.gender"): "pending",
            ("demographic", "profile.demographics.ethnicity"): "pending", ("tags", "tags"): "missing"}
        # needs without a primary need attention
        c = patch(agent, c, needs=[ts.T_HOUSING])
        ck = agent.get(C + "/%d/checklist" % c["id"]).json["checklist"]
        assert marks(ck["items"])[("primary_need", "primary_term_id")] == "attention" and not ck["may_close"]
        p = profile(agent)
        c = patch(agent, c, profile_id=p["id"], primary_term_id=ts.T_HOUSING, caller_served="partially",
                  service_provided="information", tags=[st["tags"][1]["id"]])
        r = agent.post(C + "/%d/close" % c["id"], {"version": c["version"]})
        assert r.status == 422
        m = marks(r.json["error"]["items"])
        assert [k for k, v in m.items() if v != "done"] == [
            ("postal_code", "profile.postal_code"), ("demographic", "profile.gender"),
            ("demographic", "profile.demographics.ethnicity")], m
        r = agent.patch("/api/v1/profiles/%d" % p["id"], {"version": p["version"], "postal_code": "050001",
                                                          "gender": "female",
                                                          "demographics": {"ethnicity": "afro"}})
        assert r.status == 200, r.raw
        r = agent.post(C + "/%d/close" % c["id"], {"version": c["version"]})
        assert r.status == 200 and r.json["contact"]["status"] == "closed", r.raw


def test_a_closed_contact_refuses_every_change():
    with Env() as env:
        ts.load(env)
        agent, sup = env.client("agent"), env.client("supervisor")
        pid = profile(agent)["id"]
        c = closable(agent, start(agent), pid)
        rid = c["referrals"][0]["id"]
        assert agent.post(C + "/%d/close" % c["id"], {"version": c["version"]}).status == 200
        c = agent.get(C + "/%d" % c["id"]).json["contact"]
        writes = [
            lambda who: who.patch(C + "/%d" % c["id"], {"version": c["version"], "caller_served": "no"}),
            lambda who: put(who, C + "/%d/notes" % c["id"], {"notes": "tarde", "notes_version": c["notes_version"]}),
            lambda who: who.post(C + "/%d/referrals" % c["id"], {"service_id": ts.S2}),
            lambda who: delete(who, C + "/%d/referrals/%d" % (c["id"], rid), {"reason": "x"}),
            lambda who: who.post(C + "/%d/close" % c["id"], {"version": c["version"]}),
        ]
        for who in (agent, sup):
            for w in writes:
                r = w(who)
                assert r.status == 409 and r.json["error"]["code"] == "contact_closed", r.raw
        after = agent.get(C + "/%d" % c["id"]).json["contact"]
        assert after["version"] == c["version"] and after["notes"] == "" and len(after["referrals"]) == 1


def test_bad_input_names_the_field():
    with Env() as env:
        st = setup(env)
        agent, admin = env.client("agent"), env.client("admin")
        pid = profile(agent)["id"]
        other = profile(agent, first_name="Otro")["id"]
        case = agent.post("/api/v1/cases", {"profile_id": other, "subject": "x"}).json["case"]
        retired_line, retired_tag = st["lines"][2]["id"], st["tags"][2]["id"]
        bad = [({"channel": "fax"}, "invalid", "channel"),
               ({"channel": "voice", "direction": "sideways"}, "invalid", "direction"),
               ({"channel": "voice", "source_line_id": 999}, "unknown_line", "source_line_id"),
               ({"channel": "voice", "source_line_id": retired_line}, "unknown_line", "source_line_id"),
               ({"channel": "voice", "profile_id": 999}, "unknown_profile", "profile_id"),
               ({"channel": "voice", "case_id": 999}, "unknown_case", "case_id"),
               ({"channel": "voice", "profile_id": pid, "case_id": case["id"]}, "case_profile_mismatch", "case_id"),
               ({"channel": "voice", "caller_number": "abc"}, "invalid_phone", "caller_number")]
        for body, code, field in bad:
            r = agent.post(C, body)
            assert r.status == 400 and r.json["error"]["code"] == code and r.json["error"]["field"] == field, (body, r.raw)
        assert agent.post(C, {"channel": "voice", "agent_user_id": 3}).status == 400
        c = start(agent)
        bad = [({"tags": [999]}, "unknown_tag", "tags[0]"),
               ({"tags": [st["tags"][0]["id"], retired_tag]}, "unknown_tag", "tags[1]"),
               ({"tags": "x"}, "invalid", "tags"),
               ({"needs": ["no-such-term"]}, "unknown_term", "needs[0]"),
               ({"primary_term_id": "no-such-term"}, "unknown_term", "primary_term_id"),
               ({"service_provided": "magic"}, "unknown_option", "service_provided"),
               ({"caller_served": 1}, "unknown_option", "caller_served"),
               ({"source_line_id": 0}, "invalid", "source_line_id")]
        for body, code, field in bad:
            r = agent.patch(C + "/%d" % c["id"], dict(body, version=c["version"]))
            assert r.status == 400 and r.json["error"]["code"] == code and r.json["error"]["field"] == field, (body, r.raw)
        assert agent.patch(C + "/%d" % c["id"], {"caller_served": "yes"}).json["error"]["field"] == "version"
        r = put(agent, C + "/%d/notes" % c["id"], {"notes": "x" * 50001, "notes_version": 1})
        assert r.status == 400 and r.json["error"]["field"] == "notes"
        assert agent.get(C + "/999").status == 404
        assert agent.patch(C + "/999", {"version": 1}).status == 404
        assert agent.get(C + "?status=lost").json["error"]["field"] == "status"
        assert agent.get(C + "?from=yesterday").json["error"]["field"] == "from"
        assert agent.get(C + "/%d" % c["id"]).json["contact"]["version"] == 1  # nothing changed
        assert admin.get(SETTINGS).status == 200


def test_notes_conflicts_keep_both_texts_and_stale_versions_say_who():
    with Env() as env:
        agent, sup = env.client("agent"), env.client("supervisor")
        c = start(agent)
        url = C + "/%d/notes" % c["id"]
        r = put(agent, url, {"notes": "Llama por su hijo.", "notes_version": 1})
        assert r.status == 200 and r.json["notes_version"] == 2, r.raw
        r = put(agent, url, {"notes": "Llama por su hijo. Vive en Bello.", "notes_version": 2})
        assert r.status == 200 and r.json["notes_version"] == 3
        # a second tab (here: the supervisor) still at version 2
        r = put(sup, url, {"notes": "Llama por su hijo. Necesita refugio.", "notes_version": 2})
        assert r.status == 409 and r.json["error"]["code"] == "notes_conflict", r.raw
        e = r.json["error"]
        assert e["yours"] == "Llama por su hijo. Necesita refugio."
        assert e["theirs"] == "Llama por su hijo. Vive en Bello."
        assert e["current_notes_version"] == 3 and e["saved_by"] == "Agent1" and e["saved_ms"]
        merged = "Llama por su hijo. Vive en Bello. Necesita refugio."
        r = put(sup, url, {"notes": merged, "notes_version": 3})
        assert r.status == 200 and r.json["notes_version"] == 4
        c2 = agent.get(C + "/%d" % c["id"]).json["contact"]
        assert c2["notes"] == merged and c2["notes_saved_by"]["name"] == "Supervisor1"
        assert c2["version"] == 1  # notes autosave on their own version
        # the audit row says how long, never what
        rows = [x for x in env.client("admin").get("/api/v1/admin/audit?limit=200").json["items"]
                if x["action"] == "contact.notes"]
        assert len(rows) == 3 and all("refugio" not in str(x).lower() for x in rows)
        # the details: a stale version answers who saved first
        c = patch(sup, c2, caller_served="yes")
        r = agent.patch(C + "/%d" % c["id"], {"version": c2["version"], "caller_served": "no"})
        assert r.status == 409 and r.json["error"]["code"] == "stale_version", r.raw
        assert r.json["error"]["saved_by"] == "Supervisor1" and r.json["error"]["current_version"] == c["version"]
        r = agent.post(C + "/%d/close" % c["id"], {"version": c2["version"]})
        assert r.status == 409 and r.json["error"]["code"] == "stale_version"


def test_contactos_filters_paging_and_roles():
    with Env() as env:
        ts.load(env)
        st = setup(env)
        agent, coord, sup = env.client("agent"), env.client("coordinator"), env.client("supervisor")
        line, chat, tag = st["lines"][0]["id"], st["lines"][1]["id"], st["tags"][0]["id"]
        pid = profile(agent)["id"]
        a1 = start(agent, source_line_id=line)
        a1 = refer(agent, patch(agent, a1, tags=[tag]), ts.S2)
        a2 = start(agent, channel="chat", source_line_id=chat)
        a3 = closable(agent, start(agent, channel="sms"), pid)
        assert agent.post(C + "/%d/close" % a3["id"], {"version": a3["version"]}).status == 200
        k1 = start(coord, channel="walk_in")
        me = agent.get("/api/v1/me").json["user"]["id"]

        def ids(who, q=""):
            r = who.get(C + q)
            assert r.status == 200, (q, r.raw)
            return [x["id"] for x in r.json["items"]]

        assert ids(agent) == [a3["id"], a2["id"], a1["id"]]        # an agent lists their own
        assert ids(coord) == [k1["id"]]
        assert ids(sup) == [k1["id"], a3["id"], a2["id"], a1["id"]]  # leads list everyone's
        assert ids(sup, "?agent=%d" % me) == [a3["id"], a2["id"], a1["id"]]
        assert agent.get(C + "?agent=%d" % (me + 1)).status == 403
        assert ids(sup, "?channel=chat") == [a2["id"]]
        assert ids(sup, "?status=closed") == [a3["id"]]
        assert ids(sup, "?status=open&line=%d" % line) == [a1["id"]]
        assert ids(sup, "?tag=%d" % tag) == [a1["id"]]
        assert ids(sup, "?need=" + ts.T_SHELTER) == [a1["id"]]
        assert ids(sup, "?need=" + ts.T_MENTAL) == [a3["id"]]
        assert ids(sup, "?from=%d&to=%d" % (a2["started_ms"], a3["started_ms"] + 1)) == [a3["id"], a2["id"]]
        assert ids(sup, "?to=%d" % a1["started_ms"]) == []
        page = sup.get(C + "?limit=2").json
        assert [x["id"] for x in page["items"]] == [k1["id"], a3["id"]] and page["next_before"] == a3["id"]
        page = sup.get(C + "?limit=2&before=%d" % page["next_before"]).json
        assert [x["id"] for x in page["items"]] == [a2["id"], a1["id"]] and page["next_before"] is None
        # anyone reads a contact (audited); only its agent, a supervisor or an admin changes it
        assert coord.get(C + "/%d" % a1["id"]).status == 200
        r = coord.patch(C + "/%d" % a1["id"], {"version": a1["version"], "caller_served": "yes"})
        assert r.status == 403 and r.json["error"]["code"] == "not_your_contact"
        r = coord.post(C + "/%d/referrals" % a1["id"], {"service_id": ts.S1})
        assert r.status == 403 and r.json["error"]["code"] == "not_your_contact"
        assert put(coord, C + "/%d/notes" % a1["id"], {"notes": "x", "notes_version": 1}).status == 403
        assert patch(sup, a1, caller_served="yes")["updated_by"]["name"] == "Supervisor1"
        assert [x["id"] for x in coord.get(C + "/mine/open").json["items"]] == [k1["id"]]
        # the settings: admins only; everyone reads the lines and tags in use
        assert agent.get(SETTINGS).status == 403 and put(sup, SETTINGS, {"version": 2}).status == 403
        opts = agent.get(C + "/options").json["settings"]
        assert [x["name"] for x in opts["lines"]] == ["Línea principal", "Chat"]
        assert [x["label_es"] for x in opts["tags"]] == ["Alta prioridad", "Necesita seguimiento"]


def test_settings_are_validated_and_versioned():
    with Env() as env:
        admin = env.client("admin")
        s = admin.get(SETTINGS).json["settings"]
        assert s["version"] == 1 and s["lines"] == [] and [o["code"] for o in s["caller_served"]] == ["yes", "partially", "no"]
        assert s["force_close"] == {"roles": ["agent", "supervisor", "admin"], "approval_required": True}
        s = setup(env)
        assert s["version"] == 2 and len(s["lines"]) == 3 and s["lines"][2]["active"] is False
        bad = [({"lines": [{"name": "X", "phone": "hola", "channel": "voice"}]}, "invalid_phone", "lines[0].phone"),
               ({"lines": [{"name": "X", "channel": "fax"}]}, "invalid", "lines[0].channel"),
               ({"lines": [{"name": "", "channel": "chat"}]}, "invalid", "lines[0].name"),
               ({"lines": [{"id": 99, "name": "X", "channel": "chat"}]}, "unknown_line", "lines[0].id"),
               ({"lines": [{"id": s["lines"][0]["id"], "name": "A", "phone": "+57 604 555 1000", "channel": "voice"},
                           {"name": "B", "phone": "+57 (604) 555-1000", "channel": "voice"}]}, "duplicate", "lines[1].phone"),
               ({"tags": [{"label_es": "Sí"}]}, "invalid", "tags[0].label_en"),
               ({"tags": [{"id": 77, "label_es": "a", "label_en": "b"}]}, "unknown_tag", "tags[0].id"),
               ({"service_provided": []}, "invalid", "service_provided"),
               ({"caller_served": [{"code": "Sí", "label_es": "Sí", "label_en": "Yes"}]}, "invalid", "caller_served[0].code"),
               ({"caller_served": [{"code": "a", "label_es": "a", "label_en": "a"},
                                   {"code": "a", "label_es": "b", "label_en": "b"}]}, "duplicate", "caller_served[1].code"),
               ({"requirements": {"postal_code": True, "tags": False, "demographics": ["shoe_size"]}},
                "unknown_field", "requirements.demographics[0]"),
               ({"requirements": {"postal_code": 1, "tags": False, "demographics": []}}, "invalid", "requirements"),
               ({"force_close": {"roles": ["boss"], "approval_required": True}}, "invalid", "force_close.roles[0]"),
               ({"force_close": {"roles": []}}, "invalid", "force_close")]
        for body, code, field in bad:
            r = put(admin, SETTINGS, dict(body, version=2))
            assert r.status == 400 and r.json["error"]["code"] == code and r.json["error"]["field"] == field, (body, r.raw)
        assert admin.get(SETTINGS).json["settings"]["version"] == 2  # nothing half-saved
        r = put(admin, SETTINGS, {"version": 1, "tags": []})
        assert r.status == 409 and r.json["error"]["code"] == "stale_version" and r.json["error"]["saved_by"] == "Admin1"
        # a line left out is retired, never deleted (contacts keep pointing at it)
        first = s["lines"][0]
        r = put(admin, SETTINGS, {"version": 2, "lines": [dict(first, name="Línea 1")],
                                  "service_provided": [{"code": "info", "label_es": "Información", "label_en": "Information"}],
                                  "force_close": {"roles": ["supervisor"], "approval_required": False}})
        assert r.status == 200, r.raw
        s = r.json["settings"]
        assert s["version"] == 3 and [(x["name"], x["active"]) for x in s["lines"]] == [
            ("Línea 1", True), ("Chat", False), ("Antigua", False)]
        assert [x["label_es"] for x in s["tags"]] == ["Alta prioridad", "Necesita seguimiento", "Retirada"]
        agent = env.client("agent")
        c = start(agent)
        r = agent.patch(C + "/%d" % c["id"], {"version": 1, "service_provided": "referral"})
        assert r.status == 400 and r.json["error"]["code"] == "unknown_option"
        assert patch(agent, c, service_provided="info")["service_provided"] == "info"


def test_concurrent_changes_of_one_contact_and_the_live_close_event():
    with Env() as env:
        ts.load(env)
        agent, sup, admin = env.client("agent"), env.client("supervisor"), env.client("admin")
        pid = profile(agent)["id"]
        c = start(agent)
        services = [ts.S1, ts.S2, ts.S3, ts.S4]
        statuses = []

        def add(who, sid):
            statuses.append(who.post(C + "/%d/referrals" % c["id"], {"service_id": sid}).status)

        ts_ = [threading.Thread(target=add, args=(who, sid))
               for who, sid in zip((agent, sup, admin, agent), services)]
        for t in ts_:
            t.start()
        for t in ts_:
            t.join()
        assert statuses == [201] * 4, statuses
        c = agent.get(C + "/%d" % c["id"]).json["contact"]
        assert len(c["referrals"]) == 4 and c["version"] == 5
        # one primary: the term of whichever referral was stored first; each term once
        first_term = c["referrals"][0]["term_id"]
        assert [n["term_id"] for n in c["needs"] if n["is_primary"]] == [first_term]
        assert sorted(n["term_id"] for n in c["needs"]) == sorted({ts.T_MENTAL, ts.T_SHELTER, ts.T_HEALTH})
        # two saves of the same version: one wins, the other is told who saved first
        res = []

        def save(who, served):
            res.append(who.patch(C + "/%d" % c["id"], {"version": c["version"], "caller_served": served}).status)

        ts_ = [threading.Thread(target=save, args=(who, s)) for who, s in ((agent, "yes"), (sup, "no"))]
        for t in ts_:
            t.start()
        for t in ts_:
            t.join()
        assert sorted(res) == [200, 409], res
        c = agent.get(C + "/%d" % c["id"]).json["contact"]
        c = patch(agent, c, profile_id=pid, service_provided="referral")
        stream = EventStream(env.server, sup.cookie)
        try:
            assert stream.wait_for(lambda e: e["event"] == "hello")
            assert agent.post(C + "/%d/close" % c["id"], {"version": c["version"]}).status == 200
            ev = stream.wait_for(lambda e: e["event"] == "contact_closed")
            assert ev and ev["data"]["ref_type"] == "contact" and ev["data"]["ref_id"] == str(c["id"]), stream.events()
        finally:
            stream.close()


def test_two_admins_saving_one_settings_version_one_wins():
    with Env() as env:
        admins = [env.client("admin"), env.client("admin")]
        for version in (1, 2):  # the first save (an insert) and a later one (an update)
            res = []

            def save(c, i):
                r = put(c, SETTINGS, {"version": version, "tags": [{"label_es": "T%d" % i, "label_en": "T%d" % i}]})
                res.append((r.status, r.json["error"]["code"] if r.status != 200 else None))

            ts_ = [threading.Thread(target=save, args=(c, i)) for i, c in enumerate(admins)]
            for t in ts_:
                t.start()
            for t in ts_:
                t.join()
            assert sorted(res, key=str) == [(200, None), (409, "stale_version")], res
            s = admins[0].get(SETTINGS).json["settings"]
            assert s["version"] == version + 1 and len([t for t in s["tags"] if t["active"]]) == 1
