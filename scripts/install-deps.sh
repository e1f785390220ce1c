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
	# node may come from a non-Debian install; the binary is what matters (its
	# version is checked against the pinned playwright-core below)
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
	# The pinned playwright-core names the oldest node it runs on (its engines
	# field in package-lock.json); Debian 12's own nodejs (18) must be enough.
	# A node from elsewhere that is older is not replaced: say so and stop.
	if ! node -e '
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync(process.argv[1] + "/package-lock.json", "utf8"));
const pw = lock.packages["node_modules/playwright-core"] || {};
const want = Number(((pw.engines || {}).node || "").replace(/^>=\s*/, "").split(".")[0]);
const have = Number(process.versions.node.split(".")[0]);
if (want && have < want) {
	console.error(`install-deps: node ${process.version} (${process.execPath}) is older than ` +
		`playwright-core ${pw.version} (the browser-test driver pinned in package-lock.json) ` +
		`needs: node ${pw.engines.node}. Put a node of version ${want} or newer first in PATH ` +
		`(the nodejs package of Debian 12 is node 18).`);
	process.exit(1);
}' "$here"; then
		exit 1
	fi
	# npm ci when node_modules is missing or holds another version than the lock pins
	if ! node -e '
const fs = require("fs");
const dir = process.argv[1];
const lock = JSON.parse(fs.readFileSync(dir + "/package-lock.json", "utf8")).packages;
for (const name of ["playwright-core", "ajv", "ajv-formats"]) {
	let got;
	try { got = JSON.parse(fs.readFileSync(`${dir}/node_modules/${name}/package.json`, "utf8")).version; }
	catch { process.exit(1); }
	if (got !== lock["node_modules/" + name].version) process.exit(1);
}' "$here"; then
		(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
	fi
fi
exit 0
