"""HSDS import and export from the command line: all or nothing, every error with file, line and
field, round trips, updates without duplicates, unknown columns kept; taxonomy and postal codes."""
import json
import os
import shutil
import tempfile

import hsds_fixture as fx
from harness import Database, faro

SHARE = os.path.join(os.path.dirname(__file__), "..", "..", "share")


class Tmp:
    def __enter__(self):
        self.db = Database()
        self.dir = tempfile.mkdtemp(prefix="faro-hsds-")
        return self

    def __exit__(self, *exc):
        self.db.cleanup()
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)


def export_json(t, name="out.json"):
    r = faro(["resources", "export", t.path(name)], t.db)
    assert r.returncode == 0, r.stderr
    with open(t.path(name)) as f:
        return json.load(f)


def total_rows(doc):
    return sum(len(v) for v in doc.values())


def test_the_examples_as_published_are_refused_with_every_error():
    with Tmp() as t:
        pkg = fx.sample_copy(t.path("pkg"))
        r = faro(["resources", "import", pkg], t.db)
        assert r.returncode == 1
        lines = [l.replace(pkg + "/", "") for l in r.stderr.splitlines()]
        want = [
            "locations.csv:2: latitude: latitude must be from -90 to 90 (out_of_range)",
            "phones.csv:2: number: number must be a phone number: digits, spaces and + ( ) - . only (invalid_phone)",
            "taxonomy_terms.csv:2: parent_id: taxonomy_term 0bc248fa-dc27-4650-9ba4-8f1a24ef16a2 is neither in the import nor in the directory (broken_reference)",
            "organizations.csv:2: parent_organization_id: organization cd09a387-91f4-4555-94ec-e799c35344cd is neither in the import nor in the directory (broken_reference)",
            "contacts.csv:2: service_at_location_id: service_at_location 93eaf18d-1cd2-4ec7-bffb-3c9172ee5070 is neither in the import nor in the directory (broken_reference)",
        ]
        for w in want:
            assert w in lines, (w, lines)
        assert "nothing was imported" in r.stderr
        assert total_rows(export_json(t)) == 0


def test_import_export_reimport_round_trip_is_equal():
    with Tmp() as t:
        pkg = fx.valid_package(t.path("pkg"))
        r = faro(["resources", "import", pkg], t.db)
        assert r.returncode == 0, r.stderr
        assert "service                  1 created" in r.stdout
        r = faro(["resources", "export", t.path("a")], t.db)
        assert r.returncode == 0, r.stderr
        # the export is the package itself, byte for byte (RFC 4180, CRLF), plus a descriptor
        for name in sorted(os.listdir(pkg)):
            if name.endswith(".csv"):
                with open(os.path.join(pkg, name), "rb") as f1, open(t.path("a/" + name), "rb") as f2:
                    assert f1.read() == f2.read(), name
        with open(t.path("a/datapackage.json")) as f:
            dp = json.load(f)
        assert {x["path"] for x in dp["resources"]} == {n for n in os.listdir(pkg) if n.endswith(".csv")}
        doc_a = export_json(t, "a.json")
        # the JSON export re-imported into an empty directory gives the same directory again
        t2 = Tmp().__enter__()
        try:
            r = faro(["resources", "import", t.path("a.json")], t2.db)
            assert r.returncode == 0, r.stderr
            assert export_json(t2) == doc_a
            r = faro(["resources", "export", t2.path("b")], t2.db)
            for name in os.listdir(t.path("a")):
                with open(t.path("a/" + name), "rb") as f1, open(t2.path("b/" + name), "rb") as f2:
                    assert f1.read() == f2.read(), name
        finally:
            t2.__exit__()
        loc = doc_a["locations.csv"][0]
        assert loc["latitude"] == 40.7128 and loc["longitude"] == -74.006
        assert doc_a["organizations.csv"][0]["year_incorporated"] == 2011


def test_reimport_updates_by_id_without_duplicating_and_keeps_unknown_columns():
    with Tmp() as t:
        pkg = fx.valid_package(t.path("pkg"))
        assert faro(["resources", "import", pkg], t.db).returncode == 0
        # a changed name, a new service, and a column HSDS does not know
        rows = fx.read(os.path.join(pkg, "services.csv"))
        rows[0].append("x_faro_note")
        rows[1].append("línea, con \"comillas\"")
        rows[1][rows[0].index("name")] = "Community Counselling (renamed)"
        new = dict(zip(rows[0], rows[1]))
        new.update(id="0b6bd4c5-7a1b-4c9e-9f65-3f1c1a0e5d11", name="Second service", x_faro_note="")
        rows.append([new[c] for c in rows[0]])
        fx.write(os.path.join(pkg, "services.csv"), rows)
        r = faro(["resources", "import", os.path.join(pkg, "services.csv")], t.db)
        assert r.returncode == 0, r.stderr
        assert "service                  1 created" in r.stdout
        assert "service                  1 updated" in r.stdout
        doc = export_json(t)
        services = {s["id"]: s for s in doc["services.csv"]}
        assert len(services) == 2
        assert services[fx.SERVICE]["name"] == "Community Counselling (renamed)"
        assert services[fx.SERVICE]["x_faro_note"] == "línea, con \"comillas\""
        assert "x_faro_note" not in services["0b6bd4c5-7a1b-4c9e-9f65-3f1c1a0e5d11"]
        assert len(doc["locations.csv"]) == 1
        # the unknown column goes out again in the CSV export, after the spec's columns
        assert faro(["resources", "export", t.path("out")], t.db).returncode == 0
        out = fx.read(t.path("out/services.csv"))
        assert out[0][-1] == "x_faro_note" and out[0][:-1] == rows[0][:-1]
        # and the whole package a second time changes nothing in number
        r = faro(["resources", "import", pkg], t.db)
        assert r.returncode == 0 and "created" not in r.stdout, r.stdout
        assert total_rows(export_json(t)) == total_rows(doc)


def test_bad_rows_are_all_reported_precisely_and_nothing_is_half_imported():
    with Tmp() as t:
        pkg = fx.valid_package(t.path("pkg"))
        # services.csv: row 2 spans three lines (an embedded newline), then a malformed row on line 5
        path = os.path.join(pkg, "services.csv")
        with open(path, encoding="utf-8", newline="") as f:
            head, first = f.read().split("\r\n")[:2]
        ncols = head.count(",") + 1
        cols = head.split(",")
        vals = [""] * ncols
        vals[cols.index("id")] = "1f0f6d34-5d0e-4d7e-8e3b-2b7d8d1c9e01"
        vals[cols.index("organization_id")] = fx.ORG
        vals[cols.index("name")] = "\"Two\nline\nname\""
        vals[cols.index("status")] = "active"
        second = ",".join(vals)
        broken = "\"unterminated,x"
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(head + "\r\n" + first + "\r\n" + second + "\r\n" + "a,b\r\n")
        # locations.csv: latitude 100 and a broken organization link on the same row
        fx.set_cell(pkg, "locations.csv", 1, "latitude", "100")
        fx.add_row(pkg, "locations.csv", {"id": "6a3f7c52-3c1e-4a0e-9d55-0d2b0a8f4e21", "location_type": "physical",
                                          "organization_id": "11111111-2222-3333-4444-555555555555"})
        # schedules.csv: closes before it opens, and a bad day list
        fx.set_cell(pkg, "schedules.csv", 1, "closes_at", "10:00")
        fx.set_cell(pkg, "schedules.csv", 1, "byday", "TH,XX")
        # phones.csv: a row with one field too many is malformed, on line 3
        with open(os.path.join(pkg, "phones.csv"), "a", encoding="utf-8") as f:
            f.write("x" + "," * 10 + "\r\n")
        with open(os.path.join(pkg, "contacts.csv"), "a", encoding="utf-8") as f:
            f.write(broken)
        r = faro(["resources", "import", pkg], t.db)
        assert r.returncode == 1
        lines = [l.replace(pkg + "/", "") for l in r.stderr.splitlines()]
        want = [
            "services.csv:6: the row has 2 fields; the header has %d (malformed_csv)" % ncols,
            "locations.csv:2: latitude: latitude must be from -90 to 90 (out_of_range)",
            "locations.csv:3: organization_id: organization 11111111-2222-3333-4444-555555555555 is neither in the import nor in the directory (broken_reference)",
            "schedules.csv:2: closes_at: closes_at (10:00) must differ from opens_at (10:00:00) (invalid_schedule)",
            "schedules.csv:2: byday: byday must list days as MO,TU,WE,TH,FR,SA,SU (optionally numbered: 1MO, -1FR) (invalid_schedule)",
            "phones.csv:3: the row has 11 fields; the header has 10 (malformed_csv)",
            "contacts.csv:3: a quoted field is not closed (malformed_csv)",
        ]
        for w in want:
            assert w in lines, (w, lines)
        assert len([l for l in lines if l.endswith(")")]) == len(want), lines
        assert total_rows(export_json(t)) == 0
        # a dry run of the good package reports without writing
        good = fx.valid_package(t.path("good"))
        r = faro(["resources", "import", good, "--dry-run"], t.db)
        assert r.returncode == 0 and "dry run" in r.stdout
        assert total_rows(export_json(t)) == 0


def test_json_import_reports_rows_and_fields():
    with Tmp() as t:
        doc = {"organizations.csv": [{"id": fx.ORG, "name": "Org", "description": "d", "website": "not a url"}],
               "services.csv": [{"id": fx.SERVICE, "organization_id": fx.ORG, "name": "S", "status": "open"},
                                {"id": "bad-id", "organization_id": fx.ORG, "name": "S2", "status": "active"}],
               "locations.csv": [{"id": fx.LOCATION, "location_type": "physical", "latitude": 100, "longitude": 5}],
               "unknown_table": []}
        with open(t.path("d.json"), "w") as f:
            json.dump(doc, f)
        r = faro(["resources", "import", t.path("d.json")], t.db)
        assert r.returncode == 1
        err = r.stderr.replace(t.path("d.json"), "d.json")
        assert "d.json: organizations.csv row 1: website: website must be a URL such as https://example.org (invalid_uri)" in err
        assert "d.json: services.csv row 1: status: status must be one of: active, inactive, defunct, temporarily closed (invalid_value)" in err
        assert "d.json: services.csv row 2: id: id must be a UUID (8-4-4-4-12 hexadecimal digits) (invalid_uuid)" in err
        assert "d.json: locations.csv row 1: latitude: latitude must be from -90 to 90 (out_of_range)" in err
        assert total_rows(export_json(t)) == 0


def test_taxonomy_and_postal_code_imports():
    with Tmp() as t:
        oe = os.path.join(SHARE, "taxonomy", "openeligibility-2.0-terms.csv")
        r = faro(["taxonomy", "import", oe, "--taxonomy-name", "Open Eligibility"], t.db)
        assert r.returncode == 0, r.stderr
        assert "taxonomy_term            385 created" in r.stdout
        r = faro(["taxonomy", "import", oe, "--taxonomy-name", "Open Eligibility"], t.db)
        assert "taxonomy_term            385 updated" in r.stdout and "created" not in r.stdout
        doc = export_json(t)
        terms = {x["code"]: x for x in doc["taxonomy_terms.csv"]}
        assert len(terms) == 385 and len(doc["taxonomies.csv"]) == 1
        assert terms["1112"]["parent_id"] == terms["1101"]["id"]
        assert terms["1112"]["description"] == "Disaster Response"  # no description: the name
        bad = t.path("bad.csv")
        with open(bad, "w") as f:
            f.write("code,name,parent\n10,Food,\n11,,10\n10,Again,\n12,Orphan,99\n")
        r = faro(["taxonomy", "import", bad], t.db)
        assert r.returncode == 1
        for w in ["bad.csv:3: name: the name is empty (required)", "bad.csv:4: code: 10 is also on line 2 (duplicate_id)",
                  "bad.csv:5: parent: no term has the code 99 (broken_reference)"]:
            assert w in r.stderr.replace(t.dir + "/", ""), (w, r.stderr)
        r = faro(["geo", "import", os.path.join(SHARE, "geo", "co-postal-codes.csv")], t.db)
        assert r.returncode == 0 and "3681 postal codes of CO imported" in r.stdout, r.stdout + r.stderr
        ok, out = t.db.sql("SELECT latitude, longitude, place_name, admin_area FROM postal_code "
                           "WHERE country = 'CO' AND postcode = '050001'")
        assert ok and out.replace("|", ",") in ("6.2518,-75.5636,Medellín,Antioquia",), out
        badgeo = t.path("zz.csv")
        with open(badgeo, "w") as f:
            f.write("postal_code,latitude,longitude\n1000,4.6,-74.1\n1001,100,-74\n")
        r = faro(["geo", "import", badgeo, "--country", "CO"], t.db)
        assert r.returncode == 1 and "zz.csv:3: latitude: must be a number from -90 to 90" in r.stderr
        ok, out = t.db.sql("SELECT COUNT(*) FROM postal_code WHERE postcode = '1000'")
        assert out == "0"
