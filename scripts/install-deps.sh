#!/bin/sh
# install-deps.sh MODE: installs the Debian packages Faro needs, only those missing.
#   build  compiler and libraries to build faro
#   test   build + PostgreSQL, Chromium, SMTP test server, clang (fuzzing), node (browser tests)
#   bench  build + nginx and wrk (the baseline and the load generator)
# Safe to run again: it skips what is present. Runs apt-get as root, or through sudo.
set -eu
mode=${1:-build}

build="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev libstemmer-dev tzdata"
test_pkgs="postgresql sqlite3 argon2 chromium python3 python3-aiosmtpd clang libclang-rt-14-dev nodejs npm curl"
bench_pkgs="nginx-light wrk curl"

case "$mode" in
build) want="$build" ;;
test) want="$build $test_pkgs" ;;
bench) want="$build $bench_pkgs postgresql" ;;
*) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	# node may come from a non-Debian install; the binary is what matters
	if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
	if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done

if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

if [ "$mode" = test ]; then
	# the browser tests' driver, pinned by package-lock.json; Debian's chromium is the browser
	here=$(cd "$(dirname "$0")/.." && pwd)
	if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/ajv" ]; then
		(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
exit 0
