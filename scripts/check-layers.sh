#!/bin/sh
# check-layers.sh: the one-way dependencies of ARCHITECTURE.md, checked with grep.
set -u
cd "$(dirname "$0")/.."
fail=0
bad() { echo "layers: $1"; fail=1; }

# engine headers only in store/
out=$(grep -lE '#include\s*[<"](sqlite3|libpq-fe)\.h' -r src | grep -v '^src/store/')
[ -n "$out" ] && bad "database headers outside src/store/: $out"
# the driver interface only in store/
out=$(grep -lE '#include\s*"[./]*(store/)?db(_driver)?\.h"' -r src | grep -v '^src/store/')
[ -n "$out" ] && bad "db.h used outside src/store/: $out"
# domain knows neither HTTP nor the store
out=$(grep -lE '#include\s*"\.\./(http|store|api)/' -r src/domain)
[ -n "$out" ] && bad "domain/ includes http, store or api: $out"
# core depends on nothing of ours
out=$(grep -lE '#include\s*"\.\./' -r src/core)
[ -n "$out" ] && bad "core/ includes other layers: $out"
# store does not know HTTP or api
out=$(grep -lE '#include\s*"\.\./(http|api)/' -r src/store)
[ -n "$out" ] && bad "store/ includes http or api: $out"
# http does not reach into api or store
out=$(grep -lE '#include\s*"\.\./(api|store)/' -r src/http)
[ -n "$out" ] && bad "http/ includes api or store: $out"
# jobs (scheduler, mail sender) use the store and core, never HTTP or api; nothing but main starts them
out=$(grep -lE '#include\s*"\.\./(http|api)/' -r src/jobs 2>/dev/null)
[ -n "$out" ] && bad "jobs/ includes http or api: $out"
out=$(grep -lE '#include\s*"\.\./jobs/' -r src/core src/http src/domain src/store src/api 2>/dev/null)
[ -n "$out" ] && bad "a layer below main includes jobs/: $out"
# no SQL assembled with printf-family calls
out=$(grep -nE 'printf\([^)]*"(SELECT|INSERT|UPDATE|DELETE) ' -r src)
[ -n "$out" ] && bad "SQL built with printf: $out"
# banned functions
out=$(grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gets)\s*\(' -r src | grep -v 'src/core/banned.h')
[ -n "$out" ] && bad "banned calls: $out"

if [ $fail = 0 ]; then echo "layers: ok"; fi
exit $fail
