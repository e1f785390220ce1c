"""Note templates (contract 5 of issue 11): the organisation's settings carry "note_templates"
[{"id","title_es","title_en","text_es","text_en"}], validated (at most 50, titles up to 100
characters on one line, texts up to 4000 characters), given ids by the server, and read by every
role through GET /contacts/options."""
from harness import Env
from test_contacts import C, SETTINGS, put


def tpl(n, **kw):
    return dict({"title_es": "Plantilla %d" % n, "title_en": "Template %d" % n,
                 "text_es": "Texto %d\nsegunda línea" % n, "text_en": "Text %d" % n}, **kw)


def test_templates_are_validated_numbered_and_read_by_every_role():
    with Env() as env:
        admin, agent = env.client("admin"), env.client("agent")
        s = admin.get(SETTINGS).json["settings"]
        assert s["note_templates"] == [] and s["version"] == 1
        r = put(admin, SETTINGS, {"version": 1, "note_templates": [tpl(1), tpl(2)]})
        assert r.status == 200, r.raw
        ts = r.json["settings"]["note_templates"]
        assert [t["id"] for t in ts] == [1, 2] and ts[0]["text_es"] == "Texto 1\nsegunda línea"
        opts = agent.get(C + "/options").json["settings"]
        assert [t["title_es"] for t in opts["note_templates"]] == ["Plantilla 1", "Plantilla 2"]
        # keep 2 (edited), drop 1, add one: the new one gets an id no saved template has
        v = r.json["settings"]["version"]
        r = put(admin, SETTINGS, {"version": v, "note_templates": [dict(ts[1], title_es="Editada"), tpl(3)]})
        assert r.status == 200, r.raw
        ts = r.json["settings"]["note_templates"]
        assert [(t["id"], t["title_es"]) for t in ts] == [(2, "Editada"), (3, "Plantilla 3")]
        v = r.json["settings"]["version"]
        # other parts left out stay
        r = put(admin, SETTINGS, {"version": v, "requirements": {"postal_code": True, "tags": False, "demographics": []}})
        assert r.status == 200 and len(r.json["settings"]["note_templates"]) == 2
        v = r.json["settings"]["version"]
        # limits count characters, not bytes
        ok_title, ok_text = "ñ" * 100, "é" * 4000
        r = put(admin, SETTINGS, {"version": v, "note_templates": [tpl(1, title_es=ok_title, text_en=ok_text)]})
        assert r.status == 200, r.raw
        v = r.json["settings"]["version"]
        bad = [
            ([tpl(1, title_es="ñ" * 101)], "note_templates[0].title_es"),
            ([tpl(1, text_es="é" * 4001)], "note_templates[0].text_es"),
            ([tpl(1, title_en="dos\nlíneas")], "note_templates[0].title_en"),
            ([tpl(1, text_en="")], "note_templates[0].text_en"),
            ([{"title_es": "x", "text_es": "y", "text_en": "z"}], "note_templates[0].title_en"),
            ([tpl(1, color="red")], "note_templates[0]"),
            ([tpl(1, id=0)], "note_templates[0].id"),
            ([tpl(1, id=7), tpl(2, id=7)], "note_templates[1].id"),
            ([tpl(i) for i in range(51)], "note_templates"),
            ("no", "note_templates"),
        ]
        for body, field in bad:
            r = put(admin, SETTINGS, {"version": v, "note_templates": body})
            assert r.status == 400 and r.json["error"]["field"] == field, (field, r.raw)
        assert put(admin, SETTINGS, {"version": v, "note_templates": [tpl(i) for i in range(50)]}).status == 200
        assert put(agent, SETTINGS, {"version": v + 1, "note_templates": []}).status == 403
