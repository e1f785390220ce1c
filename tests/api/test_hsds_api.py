"""The HSDS 3.0 read API (/hsds/...) and the administrators' directory editing, upload and download."""
import json
import os
import tempfile

import hsds_fixture as fx
from harness import Client, Env, faro

NEW_SVC = "0b6bd4c5-7a1b-4c9e-9f65-3f1c1a0e5d11"


def load(env):
    d = tempfile.mkdtemp(prefix="faro-hsds-", dir=env.db.dir)
    pkg = fx.valid_package(os.path.join(d, "pkg"))
    # the sample's attribute links the term to nothing; link it to the service for the filter test
    fx.set_cell(pkg, "attributes.csv", 1, "link_id", fx.SERVICE)
    r = faro(["resources", "import", pkg], env.db)
    assert r.returncode == 0, r.stderr
    geo = os.path.join(d, "us.csv")
    with open(geo, "w") as f:
        f.write("postal_code,latitude,longitude\n10007,40.7137,-74.0078\n90210,34.1030,-118.4105\n")
    r = faro(["geo", "import", geo, "--country", "US"], env.db)
    assert r.returncode == 0, r.stderr
    return pkg


def test_hsds_read_api_pages_filters_and_nests():
    with Env() as env:
        load(env)
        anon = Client(env.server)
        assert anon.get("/hsds/services").status == 401
        c = env.client("agent")
        root = c.get("/hsds/")
        assert root.status == 200 and root.json["version"] == "3.0"
        page = c.get("/hsds/services").json
        assert page["total_items"] == 1 and page["total_pages"] == 1 and page["page_number"] == 1
        assert page["first_page"] and page["last_page"] and not page["empty"] and page["size"] == 1
        assert page["contents"][0]["id"] == fx.SERVICE and "phones" not in page["contents"][0]
        assert c.get("/hsds/services?search=COUNSELLING").json["total_items"] == 1
        assert c.get("/hsds/services?search=zzzz").json["empty"]
        assert c.get("/hsds/services?organization_id=" + fx.ORG).json["total_items"] == 1
        assert c.get("/hsds/services?organization_id=" + NEW_SVC).json["total_items"] == 0
        assert c.get("/hsds/services?taxonomy_term_id=" + fx.TERM).json["total_items"] == 1
        assert c.get("/hsds/services?taxonomy_id=" + fx.TAXONOMY).json["total_items"] == 1
        assert c.get("/hsds/services?page=2").json["empty"]
        assert c.get("/hsds/services?per_page=0").status == 400
        assert c.get("/hsds/services?taxonomy_term_id=nope").status == 400
        full = c.get("/hsds/services/" + fx.SERVICE).json
        assert full["organization"]["id"] == fx.ORG
        sal = full["service_at_locations"][0]
        assert sal["location"]["id"] == fx.LOCATION and sal["location"]["latitude"] == 40.7128
        assert sal["location"]["addresses"][0]["city"]
        assert full["phones"][0]["number"] == "+44 1234 234567"
        assert full["schedules"][0]["opens_at"] == "10:00:00"
        assert full["attributes"][0]["taxonomy_term"]["id"] == fx.TERM
        assert c.get("/hsds/services/" + NEW_SVC).status == 404
        assert c.get("/hsds/services/not-a-uuid").status == 404
        # service at locations: postcode of an address, or within metres of a postcode's centroid
        assert c.get("/hsds/service_at_locations").json["total_items"] == 1
        postal = fx.table(os.path.join(fx.SAMPLE, "addresses.csv"))[0]["postal_code"]
        assert c.get("/hsds/service_at_locations?postcode=" + postal.replace(" ", "%20")).json["total_items"] == 1
        assert c.get("/hsds/service_at_locations?postcode=99999").json["total_items"] == 0
        near = c.get("/hsds/service_at_locations?postcode=10007&proximity=1000&full=true").json
        assert near["total_items"] == 1 and near["contents"][0]["location"]["id"] == fx.LOCATION
        assert c.get("/hsds/service_at_locations?postcode=10007&proximity=50").json["total_items"] == 0
        assert c.get("/hsds/service_at_locations?postcode=90210&proximity=500000").json["total_items"] == 0
        assert c.get("/hsds/service_at_locations?proximity=1000").status == 400
        assert c.get("/hsds/service_at_locations?postcode=00000&proximity=1000").code == "unknown_postcode"
        assert c.get("/hsds/service_at_locations/" + fx.SAL).json["location"]["id"] == fx.LOCATION
        orgs = c.get("/hsds/organizations?search=example").json
        assert orgs["total_items"] == 1
        org = c.get("/hsds/organizations/" + fx.ORG).json
        assert org["locations"][0]["id"] == fx.LOCATION
        terms = c.get("/hsds/taxonomy_terms?top_only=true").json
        assert terms["total_items"] == 1 and terms["contents"][0]["id"] == fx.TERM
        assert c.get("/hsds/taxonomy_terms/" + fx.TERM).json["taxonomy_detail"]["id"] == fx.TAXONOMY
        assert c.get("/hsds/taxonomies").json["contents"][0]["id"] == fx.TAXONOMY


def test_admin_edits_with_validation_locking_and_audit():
    with Env() as env:
        load(env)
        admin = env.client("admin")
        agent = env.client("agent")
        base = "/api/v1/admin/directory/services"
        assert agent.get(base).status == 403
        r = admin.post(base, {"organization_id": fx.ORG, "name": "Banco de alimentos", "status": "active",
                              "email": "no es correo", "url": "ftp:"})
        assert r.status == 400 and r.code == "invalid_uri" and r.json["error"]["field"] == "url", r.raw
        assert {f["field"] for f in r.json["error"]["fields"]} == {"email", "url"}
        r = admin.post(base, {"organization_id": NEW_SVC, "name": "X", "status": "active"})
        assert r.status == 400 and r.code == "broken_reference" and r.json["error"]["field"] == "organization_id"
        r = admin.post(base, {"organization_id": fx.ORG, "name": "X", "status": "active", "nope": 1})
        assert r.status == 400 and r.json["error"]["field"] == "nope"
        r = admin.post(base, {"organization_id": fx.ORG, "name": "Banco de alimentos", "status": "active",
                              "email": "banco@example.org", "minimum_age": 18})
        assert r.status == 201, r.raw
        sid, v1 = r.json["record"]["id"], r.json["row_version"]
        assert v1 == 1 and r.json["record"]["minimum_age"] == 18
        assert admin.get(base + "?search=banco").json["items"][0]["record"]["id"] == sid
        r = admin.patch(base + "/" + sid, {"row_version": v1, "name": "Banco de alimentos central"})
        assert r.status == 200 and r.json["row_version"] == 2 and r.json["record"]["email"] == "banco@example.org"
        r = admin.patch(base + "/" + sid, {"row_version": v1, "name": "Otro"})
        assert r.status == 409 and r.code == "stale_version"
        r = admin.patch(base + "/" + sid, {"name": "Sin versión"})
        assert r.status == 400
        # children: a phone and a schedule of the new service
        r = admin.post("/api/v1/admin/directory/phones", {"service_id": sid, "number": "abc"})
        assert r.status == 400 and r.code == "invalid_phone"
        r = admin.post("/api/v1/admin/directory/phones", {"service_id": sid, "number": "+57 601 555 0101"})
        assert r.status == 201
        r = admin.post("/api/v1/admin/directory/schedules", {"service_id": sid, "opens_at": "25:00", "closes_at": "12:00"})
        assert r.status == 400 and r.code == "invalid_time" and r.json["error"]["field"] == "opens_at"
        r = admin.post("/api/v1/admin/directory/schedules", {"service_id": sid, "freq": "WEEKLY", "byday": "MO,TU",
                                                               "opens_at": "08:00", "closes_at": "17:00"})
        assert r.status == 201
        r = admin.post("/api/v1/admin/directory/locations", {"location_type": "physical", "latitude": 100, "longitude": 5})
        assert r.status == 400 and r.code == "out_of_range" and r.json["error"]["field"] == "latitude"
        r = admin.post("/api/v1/admin/directory/service_areas", {"service_id": sid, "name": "Bogotá"})
        assert r.status == 201
        kids = admin.get("/api/v1/admin/directory/phones?service_id=" + sid).json["items"]
        assert len(kids) == 1 and kids[0]["record"]["number"] == "+57 601 555 0101"
        # the read API sees the edit
        assert agent.get("/hsds/services/" + sid).json["schedules"][0]["byday"] == "MO,TU"
        # delete names its version; a record others link to stays (test_directory_edit.py has the rest)
        r = admin.request("DELETE", "/api/v1/admin/directory/organizations/" + fx.ORG + "?row_version=1")
        assert r.status == 409 and r.code == "in_use"
        assert {x["type"] for x in r.json["error"]["refs"]} >= {"services", "locations"}
        r = admin.request("DELETE", base + "/" + fx.SERVICE + "?row_version=7")
        assert r.status == 409 and r.code == "stale_version"
        phone = kids[0]
        r = admin.request("DELETE", "/api/v1/admin/directory/phones/%s?row_version=%d" % (phone["record"]["id"], phone["row_version"]))
        assert r.status == 204
        audit = admin.get("/api/v1/admin/audit?limit=50").json["items"]
        actions = [(a["action"], a["object_id"]) for a in audit]
        assert ("directory.service.update", sid) in actions and ("directory.service.create", sid) in actions
        assert ("directory.phone.delete", phone["record"]["id"]) in actions
        upd = [a for a in audit if a["action"] == "directory.service.update"][0]
        assert upd["detail"]["fields"] == ["name"] and upd["actor"] == "admin1"


def test_admin_upload_reports_every_error_and_download_exports():
    with Env() as env:
        admin = env.client("admin")
        d = tempfile.mkdtemp(prefix="faro-hsds-", dir=env.db.dir)
        pkg = fx.sample_copy(os.path.join(d, "pkg"))
        files = [{"name": n, "content": open(os.path.join(pkg, n), encoding="utf-8").read()}
                 for n in sorted(os.listdir(pkg)) if n.endswith(".csv")]
        r = admin.post("/api/v1/admin/directory-import", {"files": files})
        assert r.status == 422 and r.code == "import_rejected", r.raw
        errs = r.json["error"]["errors"]
        assert {"file": "locations.csv", "line": 2, "row": 1, "field": "latitude", "code": "out_of_range",
                "message": "latitude must be from -90 to 90"} in errs
        assert r.json["error"]["error_count"] == len(errs) == 8
        assert admin.get("/hsds/services").json["total_items"] == 0
        good = fx.valid_package(os.path.join(d, "good"))
        files = [{"name": n, "content": open(os.path.join(good, n), encoding="utf-8").read()}
                 for n in sorted(os.listdir(good)) if n.endswith(".csv")]
        r = admin.post("/api/v1/admin/directory-import", {"files": files, "dry_run": True})
        assert r.status == 200 and r.json["ok"] and r.json["dry_run"]
        assert admin.get("/hsds/services").json["total_items"] == 0
        r = admin.post("/api/v1/admin/directory-import", {"files": files})
        assert r.status == 200 and r.json["created"]["service"] == 1
        assert env.client("agent").post("/api/v1/admin/directory-import", {"files": files}).status == 403
        r = admin.get("/api/v1/admin/directory-export?file=services.csv")
        assert r.status == 200 and r.header("Content-Type").startswith("text/csv")
        assert "attachment" in r.header("Content-Disposition")
        assert r.raw == open(os.path.join(good, "services.csv"), "rb").read()
        doc = admin.get("/api/v1/admin/directory-export?file=directory.json").json
        assert doc["services.csv"][0]["id"] == fx.SERVICE
        assert admin.get("/api/v1/admin/directory-export?file=datapackage.json").json["resources"]
        assert admin.get("/api/v1/admin/directory-export?file=../etc").status == 400
        r = admin.post("/api/v1/admin/directory-import", {"files": [{"name": "x.json", "content": json.dumps(doc)}]})
        assert r.status == 200 and r.json["updated"]["service"] == 1 and not r.json["created"]
