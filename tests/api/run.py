#!/usr/bin/python3
"""run.py: runs every test_* function in tests/api/test_*.py and prints 'N passed, M failed'.

FARO_BIN names the binary; FARO_TEST_PG, when set, makes every test use PostgreSQL.
Optional arguments filter tests by substring.
"""
import importlib.util
import os
import sys
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
backend = "postgres" if os.environ.get("FARO_TEST_PG") else "sqlite"
filters = sys.argv[1:]
passed = failed = skipped = 0
for name in sorted(os.listdir(here)):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    spec = importlib.util.spec_from_file_location(name[:-3], os.path.join(here, name))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for fn in [getattr(mod, a) for a in dir(mod) if a.startswith("test_")]:
        full = "%s.%s" % (name[:-3], fn.__name__)
        if filters and not any(f in full for f in filters):
            continue
        only = getattr(fn, "backend_only", None)
        if only and only != backend:
            continue  # a feature of one engine only (e.g. LISTEN/NOTIFY across instances)
        t0 = time.time()
        try:
            fn()
            passed += 1
            print("ok   [%s] %s (%.1fs)" % (backend, full, time.time() - t0), flush=True)
        except Exception:
            failed += 1
            print("FAIL [%s] %s" % (backend, full), flush=True)
            traceback.print_exc()
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
