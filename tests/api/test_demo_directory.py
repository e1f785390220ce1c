"""faro demo-directory: the synthetic HSDS directory's shape (what the benchmark and `make run` rely on)."""
import collections
import csv
import filecmp
import os
import re
import shutil
import subprocess
import tempfile

from harness import FARO, backend_only

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def generate(services, seed):
    d = tempfile.mkdtemp(prefix="faro-demo-dir-")
    r = subprocess.run([os.path.abspath(FARO), "demo-directory", d, str(services), str(seed)], cwd=REPO,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return d


def rows(d, name):
    with open(os.path.join(d, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def codes(name, column):
    with open(os.path.join(REPO, "share", "geo", name), encoding="utf-8", newline="") as f:
        return {r[column] for r in csv.DictReader(f)}


def check_shape(d, services):
    svc = {r["id"] for r in rows(d, "services.csv")}
    loc = {r["id"] for r in rows(d, "locations.csv")}
    sal = rows(d, "service_at_location.csv")
    assert len(svc) == services
    # 1.5 locations per service on average (n services at n to 2n sites per organization)
    assert 1.4 < len(loc) / len(svc) < 1.6, (len(loc), len(svc))
    pairs = collections.Counter((r["service_id"], r["location_id"]) for r in sal)
    assert max(pairs.values()) == 1, "a service is linked to a site once"
    per_loc = collections.Counter(r["location_id"] for r in sal)
    per_svc = collections.Counter(r["service_id"] for r in sal)
    assert set(per_loc) == loc, "every site hosts a service"
    assert set(per_svc) == svc, "every service has a site"
    assert sum(1 for n in per_loc.values() if n > 1) > len(loc) // 20, "some sites are shared by several services"
    assert sum(1 for n in per_svc.values() if n > 1) > len(svc) // 3, "many services are at several sites"

    # addresses at real postal codes of the shipped geo files, in the language of the country
    co, us = codes("co-postal-codes.csv", "postal_code"), codes("us-zip-centroids.csv", "postal_code")
    country = {}
    for a in rows(d, "addresses.csv"):
        assert a["postal_code"] in (co if a["country"] == "CO" else us), a
        country[a["location_id"]] = a["country"]
    assert set(country) == loc and set(country.values()) == {"CO", "US"}
    lang = collections.defaultdict(set)
    for l in rows(d, "languages.csv"):
        lang[l["service_id"]].add(l["code"])
    for r in sal:
        assert ("es" if country[r["location_id"]] == "CO" else "en") in lang[r["service_id"]], r

    # hours at every link, some past midnight; categories from the shipped taxonomy; service areas
    sched = rows(d, "schedules.csv")
    assert {s["service_at_location_id"] for s in sched} <= {r["id"] for r in sal}
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d", s["opens_at"]) for s in sched)
    late = [s for s in sched if "00:00:00" < s["closes_at"] < s["opens_at"]]
    assert len(late) > len(sched) // 50, "some opening hours run past midnight"
    terms = {t["id"] for t in rows(d, "taxonomy_terms.csv")}
    attrs = rows(d, "attributes.csv")
    assert {a["link_id"] for a in attrs} == svc and {a["taxonomy_term_id"] for a in attrs} <= terms
    assert len(rows(d, "service_areas.csv")) > services // 2


@backend_only("sqlite")  # no database: the files alone
def test_demo_directory_shape_and_determinism():
    a, b, c = generate(3000, 5), generate(3000, 5), generate(3000, 6)
    try:
        check_shape(a, 3000)
        names = sorted(os.listdir(a))
        assert "datapackage.json" in names and len(names) == 13
        same, diff, _ = filecmp.cmpfiles(a, b, names, shallow=False)
        assert same == names and not diff, "the same seed writes the same directory"
        assert filecmp.cmpfiles(a, c, ["services.csv"], shallow=False)[1] == ["services.csv"]
    finally:
        for d in (a, b, c):
            shutil.rmtree(d, ignore_errors=True)


@backend_only("sqlite")
def test_demo_directory_small_demo_and_limits():
    d = generate(200, 1)  # what `make run` loads
    try:
        check_shape(d, 200)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    r = subprocess.run([os.path.abspath(FARO), "demo-directory", tempfile.gettempdir(), "0"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "between 1 and 10,000,000" in r.stderr, r.stderr
