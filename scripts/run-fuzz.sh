#!/bin/sh
# run-fuzz.sh [SECONDS]: builds the libFuzzer targets with clang and runs each briefly.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-30}
out=build/fuzz
mkdir -p "$out"
cflags="-std=c17 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=fuzzer,address,undefined $(pkg-config --cflags jansson libsodium)"
libs="$(pkg-config --libs jansson libsodium)"
srcs="src/core/arena.c src/core/buf.c src/core/fold.c src/core/jsonx.c src/core/xalloc.c src/core/err.c src/http/router.c src/http/http.c"
status=0
for t in tests/fuzz/fuzz_*.c; do
	name=$(basename "$t" .c)
	# a target may name the sources it needs on a line "fuzz-sources: a.c b.c" in its header comment
	extra=$(sed -n 's/.*fuzz-sources: *//p' "$t" | head -n 1)
	clang $cflags -o "$out/$name" "$t" $srcs $extra $libs
	mkdir -p "$out/corpus-$name"
	echo "fuzz: $name for ${secs}s"
	if "$out/$name" -max_total_time="$secs" -max_len=4096 -timeout=10 \
		"$out/corpus-$name" tests/fuzz/corpus >"$out/$name.log" 2>&1; then
		echo "fuzz: $name ok ($(grep -o 'Done [0-9]* runs' "$out/$name.log" || true))"
	else
		echo "fuzz: $name FAILED"; tail -40 "$out/$name.log"; status=1
	fi
done
exit $status
