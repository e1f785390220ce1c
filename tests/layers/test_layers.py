#!/usr/bin/env python3
"""test_layers.py: the layer check itself: it passes on the clean tree and fails, naming the file and
the header, for each planted wrong include or query of another area's table.

Usage: tests/layers/test_layers.py [BUILD]   (BUILD, default build/asan: the clean tree's build)

Each case copies src/ into a temp root, plants its files there, compiles the planted .c files with -MMD
into the temp root's build/obj/ (mirroring the paths, as the Makefile does) and runs the check on it.
Prints "N passed, M failed".
"""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CHECK = os.path.join(REPO, "scripts", "check-layers.py")
PKGS = "libmicrohttpd jansson libsodium sqlite3 libpq libcurl".split()
CC = os.environ.get("CC", "cc")

# name, planted files {path: text}, texts the failure must name
CASES = [
    (
        "domain includes store/store.h spelled from -Isrc",
        {"src/domain/planted_rule.c": '#include "store/store.h"\nint planted_rule;\n'},
        ["src/domain/planted_rule.c", "src/store/store.h", "domain may not include store"],
    ),
    (
        "domain includes the store through ../ and through its own header",
        {
            "src/domain/planted_two.h": '#include "../store/store.h"\n',
            "src/domain/planted_two.c": '#include "domain/planted_two.h"\nint planted_two;\n',
        },
        ["src/domain/planted_two.c -> src/domain/planted_two.h -> src/store/store.h"],
    ),
    (
        "domain includes the store with <> spelling",
        {"src/domain/planted_angle.c": "#include <store/store.h>\nint planted_angle;\n"},
        ["src/domain/planted_angle.c", "src/store/store.h"],
    ),
    (
        "api includes store/db.h",
        {"src/api/planted_db.c": '#include "store/db.h"\nint planted_db;\n'},
        ["src/store/db.h is private to src/store/", "src/api/planted_db.c"],
    ),
    (
        "api reaches store_impl.h through a store header",
        {
            "src/store/planted_leak.h": '#include "store/store_impl.h"\n',
            "src/api/planted_leak.c": '#include "store/planted_leak.h"\nint planted_leak;\n',
        },
        ["src/store/store_impl.h is private to src/store/", "src/api/planted_leak.c -> src/store/planted_leak.h"],
    ),
    (
        "core includes a header of ours",
        {"src/core/planted_core.c": '#include "domain/roles.h"\nint planted_core;\n'},
        ["core may not include domain", "src/core/planted_core.c"],
    ),
    (
        "core includes http",
        {"src/core/planted_http.c": '#include "../http/router.h"\nint planted_http;\n'},
        ["core may not include http", "src/http/router.h"],
    ),
    (
        "store/people includes the activities area's private header",
        {
            "src/store/people/planted_impl.c": '#include "store/activities/store_activities_impl.h"\n'
            "int planted_impl;\n"
        },
        ["src/store/activities/store_activities_impl.h is private to src/store/activities/",
         "src/store/people/planted_impl.c"],
    ),
    (
        "http includes api",
        {"src/http/planted_api.c": '#include "api/api.h"\nint planted_api;\n'},
        ["http may not include api"],
    ),
    (
        "jobs includes api",
        {"src/jobs/planted_jobs.c": '#include "api/app.h"\nint planted_jobs;\n'},
        ["jobs may not include api"],
    ),
    (
        "api reaches <sqlite3.h> through a store header",
        {"src/api/planted_fts.c": '#include "store/search/fts_sqlite.h"\nint planted_fts;\n'},
        ["<sqlite3.h> outside src/store/", "src/api/planted_fts.c"],
    ),
    (
        "api includes <libpq-fe.h>",
        {"src/api/planted_pg.c": "#include <libpq-fe.h>\nint planted_pg;\n"},
        ["database header", "src/api/planted_pg.c"],
    ),
    (
        "an activities store file queries the people area's table",
        {"src/store/activities/planted_sql.c": 'const char *planted_sql = "SELECT 1 FROM profiles "\n'
         '    "WHERE id = $1";\n'},
        ["src/store/activities/planted_sql.c reads table profiles, owned by src/store/people/"],
    ),
    (
        "a people store file writes a platform table",
        {"src/store/people/planted_write.c": 'const char *planted_write = "UPDATE users SET email = $2 WHERE id = $1";\n'},
        ["src/store/people/planted_write.c writes table users, owned by src/store/"],
    ),
    (
        "a platform store file joins an area's table",
        {"src/store/planted_join.c": 'const char *planted_join = "SELECT u.id FROM users u JOIN cases c ON c.assigned_user_id = u.id";\n'},
        ["src/store/planted_join.c reads table cases, owned by src/store/cases/"],
    ),
    (
        "a new table without an owner",
        {
            "src/store/migrations/sqlite/9999_planted.sql": "CREATE TABLE planted_things (id INTEGER PRIMARY KEY);\n",
            "src/core/planted_ok.c": "int planted_ok;\n",
        },
        ["table planted_things (created by a migration) has no owner folder"],
    ),
]

passed = 0
failed = 0


def result(ok, name, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}\n{detail}")


def pkg_cflags():
    try:
        out = subprocess.run(["pkg-config", "--cflags"] + PKGS, capture_output=True, text=True, check=True)
        return out.stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return []


def run_check(root, build):
    p = subprocess.run([sys.executable, CHECK, "--root", root, build], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def plant_case(name, files, expect, cflags):
    with tempfile.TemporaryDirectory(prefix="faro-layers.") as tmp:
        shutil.copytree(os.path.join(REPO, "src"), os.path.join(tmp, "src"))
        os.makedirs(os.path.join(tmp, "scripts"))
        shutil.copy(os.path.join(REPO, "scripts", "layers-tables.txt"), os.path.join(tmp, "scripts"))
        for path, text in files.items():
            with open(os.path.join(tmp, path), "w") as f:
                f.write(text)
        build = os.path.join(tmp, "build")
        for path in files:
            if not path.endswith(".c"):
                continue
            obj = os.path.join(build, "obj", path[len("src/"):-2] + ".o")
            os.makedirs(os.path.dirname(obj), exist_ok=True)
            cmd = [CC, "-std=c17", "-D_GNU_SOURCE", "-MMD", "-MP", "-I" + os.path.join("build", "gen"), "-Isrc"]
            cc = subprocess.run(cmd + cflags + ["-c", "-o", obj, path], cwd=tmp, capture_output=True, text=True)
            if cc.returncode:
                return result(False, name, "planted file did not compile:\n" + cc.stderr)
        rc, out = run_check(tmp, build)
        missing = [e for e in expect if e not in out]
        result(rc == 1 and not missing, name,
               f"  rc={rc}, missing {missing} in the check's output:\n" + out)


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "build", "asan"))
    rc, out = run_check(REPO, build)
    result(rc == 0, "the clean tree passes", out)
    with tempfile.TemporaryDirectory(prefix="faro-layers.") as tmp:
        rc, out = run_check(REPO, tmp)
        result(rc == 1 and "build first" in out, "an empty build dir fails instead of passing", out)
    cflags = pkg_cflags()
    for name, files, expect in CASES:
        plant_case(name, files, expect, cflags)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
