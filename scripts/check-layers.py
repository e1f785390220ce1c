#!/usr/bin/env python3
"""check-layers.py: the one-way dependencies of ARCHITECTURE.md, checked on the resolved include graph.

Usage: scripts/check-layers.py [--root DIR] [BUILD]   (BUILD defaults to build/asan)

The build writes each object's dependencies with -MMD into BUILD/obj/**/*.d; those lists say which
of our headers the compiler really opened, however the #include was spelled ("../store/store.h",
"store/store.h", <store/store.h>). The include lines of those files, resolved the way the compiler
resolves them (the including file's folder, then -I build/gen and -I src), give the edges of the
graph, and every edge is checked against the layer rules. -MMD leaves out system headers, so the
engine headers (<sqlite3.h>, <libpq-fe.h>) are also looked for by their spelling. Then the greps that
need no graph: SQL built with printf, banned calls, and table ownership (scripts/layers-tables.txt).
Prints one line per problem naming the file and the include chain; "layers: ok" and exit 0 when clean.
"""
import os
import re
import sys

# a file's layer is its first folder under src/; src/main.c is main
ALLOWED = {
    "core": {"core"},
    "domain": {"core", "domain"},
    "http": {"core", "http"},
    "store": {"core", "domain", "store"},
    "api": {"core", "domain", "http", "store", "api"},
    "jobs": {"core", "domain", "store", "jobs"},
    # the CLI drives the API's functions with a struct req it fills itself (http/http.h) and lists the
    # dispatcher's struct route table (http/router.h), so it may see http's types
    "cli": {"core", "domain", "http", "store", "api", "cli"},
    "main": {"core", "domain", "http", "store", "api", "jobs", "cli", "main"},
}
# the driver interface and the store's shared internals: only src/store/ reaches them
STORE_PRIVATE = {"src/store/db.h", "src/store/db_driver.h", "src/store/store_impl.h"}
ENGINE_HEADERS = ("sqlite3.h", "libpq-fe.h")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
ENGINE_RE = re.compile(r'^\s*#\s*include\s*[<"](?:[^">]*/)?(sqlite3|libpq-fe)\.h[">]', re.M)
SQL_PRINTF_RE = re.compile(r'printf\([^)]*"(SELECT|INSERT|UPDATE|DELETE) ')
BANNED_RE = re.compile(r"\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gets)\s*\(")

problems = []


def bad(msg):
    if msg not in problems:
        problems.append(msg)


def layer_of(path):
    """the layer of a path relative to the root, or None outside src/"""
    parts = path.split("/")
    if parts[0] != "src" or len(parts) < 2:
        return None
    if len(parts) == 2:
        return "main" if parts[1] == "main.c" else "?"
    return parts[1]


def private_area(path):
    """for src/store/<area>/x_impl.h, the area folder that alone may reach it"""
    parts = path.split("/")
    if len(parts) == 4 and parts[:2] == ["src", "store"] and parts[3].endswith("_impl.h"):
        return "src/store/" + parts[2] + "/"
    return None


def read(root, path, cache={}):
    if path not in cache:
        try:
            with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                cache[path] = f.read()
        except OSError:
            cache[path] = ""
    return cache[path]


def parse_d(text):
    """the prerequisites of the first rule of a make dependency file"""
    text = text.replace("\\\n", " ")
    first = text.split("\n", 1)[0]
    if ":" not in first:
        return []
    return first.split(":", 1)[1].split()


def norm(root, p):
    if os.path.isabs(p):
        rel = os.path.relpath(p, root)
        return p if rel.startswith("..") else os.path.normpath(rel)
    return os.path.normpath(p)


def resolve(root, build, inc_from, kind, name, deps):
    """the file the compiler opened for #include kind name in inc_from, if it is among deps"""
    dirs = ([os.path.dirname(inc_from)] if kind == '"' else []) + [norm(root, os.path.join(build, "gen")), "src"]
    for d in dirs:
        cand = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(root, cand)):
            return cand if cand in deps else None
    return None


def chain_text(parent, f):
    out = [f]
    while parent.get(out[-1]):
        out.append(parent[out[-1]])
    return " -> ".join(reversed(out))


def check_graph(root, build):
    objdir = os.path.join(build, "obj")
    dfiles = []
    for dp, _, fs in os.walk(objdir):
        dfiles += [os.path.join(dp, f) for f in fs if f.endswith(".d")]
    if not dfiles:
        bad(f"no dependency files under {objdir}: build first (make SANITIZE=1 all), then run this check")
        return 0
    tus = 0
    for dfile in sorted(dfiles):
        with open(dfile, encoding="utf-8", errors="replace") as f:
            deps = [norm(root, p) for p in parse_d(f.read())]
        if not deps:
            continue
        src = deps[0]
        if layer_of(src) is None:
            continue  # generated code (build/gen)
        if not os.path.isfile(os.path.join(root, src)):
            continue  # a stale object whose source is gone
        tus += 1
        depset = set(deps)
        # breadth-first from the source over the resolved include lines: edges and the chain to each file
        parent = {src: None}
        queue = [src]
        while queue:
            f = queue.pop(0)
            lf = layer_of(f)
            for kind, name in INCLUDE_RE.findall(read(root, f)):
                to = resolve(root, build, f, kind, name, depset)
                if to is None or layer_of(to) is None:
                    continue
                if to not in parent:
                    parent[to] = f
                    queue.append(to)
                lt = layer_of(to)
                if lf not in ALLOWED:
                    bad(f"layers: {f} is in no known layer (src/<layer>/: {', '.join(sorted(ALLOWED))})")
                elif lt not in ALLOWED[lf]:
                    bad(f"layers: {lf} may not include {lt}: {f} includes {to} (chain: {chain_text(parent, f)} -> {to})")
        src_layer = layer_of(src)
        for h in deps:
            if h in parent:
                reach = chain_text(parent, h)
            else:
                reach = f"{src} -> ... -> {h}"
            if h in STORE_PRIVATE and src_layer != "store":
                bad(f"layers: {h} is private to src/store/, reached from {src} (chain: {reach})")
            area = private_area(h)
            if area and not src.startswith(area):
                bad(f"layers: {h} is private to {area}, reached from {src} (chain: {reach})")
            if os.path.basename(h) in ENGINE_HEADERS and src_layer != "store":
                bad(f"layers: database header {h} outside src/store/, reached from {src}")
        # -MMD leaves out system headers: look for the engine headers by spelling in every file reached
        if src_layer != "store":
            for f in parent:
                m = ENGINE_RE.search(read(root, f))
                if m:
                    bad(f"layers: database header <{m.group(1)}.h> outside src/store/: {f}, reached from {src} (chain: {chain_text(parent, f)})")
    if tus == 0:
        bad(f"no compiled source of src/ found in {objdir}: build first")
    return tus


def src_files(root):
    out = []
    for dp, _, fs in os.walk(os.path.join(root, "src")):
        for f in fs:
            if f.endswith((".c", ".h")):
                out.append(os.path.relpath(os.path.join(dp, f), root))
    return sorted(out)


def check_greps(root):
    for f in src_files(root):
        text = read(root, f)
        if not f.startswith("src/store/"):
            m = ENGINE_RE.search(text)
            if m:
                bad(f"layers: database header <{m.group(1)}.h> outside src/store/: {f}")
        for n, line in enumerate(text.split("\n"), 1):
            if SQL_PRINTF_RE.search(line):
                bad(f"layers: SQL built with printf: {f}:{n}: {line.strip()}")
            if f != "src/core/banned.h" and BANNED_RE.search(line):
                bad(f"layers: banned call: {f}:{n}: {line.strip()}")


# ---- table ownership: an area calls another area's header, never queries its tables ----
TABLES_FILE = "scripts/layers-tables.txt"
DDL_RE = re.compile(r"\b(CREATE\s+(?:VIRTUAL\s+)?TABLE(?:\s+IF\s+NOT\s+EXISTS)?|DROP\s+TABLE(?:\s+IF\s+EXISTS)?)\s+([a-z_][a-z0-9_]*)", re.I)
LITERAL_RE = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
# SQL keywords are written in capitals in our statements; the table names in lower case
TABLE_REF_RE = re.compile(r"\b(DELETE\s+FROM|FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)")


def live_tables(root):
    """the tables the migrations leave (created and not dropped), both engines"""
    out = set()
    for eng in ("sqlite", "postgres"):
        d = os.path.join(root, "src/store/migrations", eng)
        have = set()
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".sql"):
                with open(os.path.join(d, f), encoding="utf-8") as fh:
                    text = re.sub(r"--[^\n]*", "", fh.read())
                for m in DDL_RE.finditer(text):
                    (have.add if m.group(1).upper().startswith("CREATE") else have.discard)(m.group(2))
        out |= have
    return out


def sql_refs(text):
    """(verb, table) named in the string literals of a C file, comments and char literals left out"""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r"'(?:\\.|[^'\\\n])'", " ", text)
    sql = " ".join(LITERAL_RE.findall(text))
    return {(m.group(1).split()[0], m.group(2)) for m in TABLE_REF_RE.finditer(sql)}


def check_tables(root):
    path = os.path.join(root, TABLES_FILE)
    owner, allow, used = {}, {}, set()
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError:
        bad(f"layers: {TABLES_FILE} is missing (the owner folder of each table)")
        return
    for n, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        w = line.split()
        if w[0] == "allow" and len(w) >= 4:
            allow[(w[1], w[2])] = n
        elif len(w) == 2 and w[0] != "allow":
            if w[0] in owner:
                bad(f"layers: {TABLES_FILE}:{n}: table {w[0]} has two owners")
            owner[w[0]] = w[1].rstrip("/")
        else:
            bad(f"layers: {TABLES_FILE}:{n}: neither 'table folder' nor 'allow file table reason'")
    live = live_tables(root)
    for t in sorted(live - set(owner)):
        bad(f"layers: table {t} (created by a migration) has no owner folder in {TABLES_FILE}")
    for t in sorted(set(owner) - live):
        bad(f"layers: {TABLES_FILE} lists table {t}, which no migration leaves")
    for f in src_files(root):
        if not f.startswith("src/store/") or "/migrations/" in f:
            continue
        folder = os.path.dirname(f)
        for verb, t in sorted(sql_refs(read(root, f))):
            own = owner.get(t)
            if own is None or own == folder:
                continue
            write = verb in ("DELETE", "INTO", "UPDATE")
            # the platform's tables (users, sessions, audit...) sit under every area: reading them is fine
            if own == "src/store" and not write:
                continue
            key = (f, t) if (f, t) in allow else (f, own) if (f, own) in allow else None
            if key:
                used.add(key)
                continue
            what = "writes" if write else "reads"
            bad(f"layers: {f} {what} table {t}, owned by {own}/: call that store's header instead "
                f"(or add 'allow {f} {t} <reason>' to {TABLES_FILE})")
    for (f, t), n in sorted(allow.items()):
        if (f, t) not in used:
            bad(f"layers: {TABLES_FILE}:{n}: 'allow {f} {t}' allows nothing (remove it)")


def main(argv):
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--root":
        root = os.path.abspath(args[1])
        args = args[2:]
    build = os.path.abspath(args[0] if args else os.path.join(root, "build/asan"))
    os.chdir(root)
    tus = check_graph(root, build)
    check_greps(root)
    check_tables(root)
    for p in problems:
        print(p)
    if problems:
        print(f"layers: {len(problems)} problem(s)")
        return 1
    print(f"layers: ok ({tus} sources on the include graph of {build})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
