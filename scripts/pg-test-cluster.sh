#!/bin/sh
# pg-test-cluster.sh: start and stop a throwaway PostgreSQL 15 cluster for tests.
#
#   scripts/pg-test-cluster.sh start DIR   prints postgres://postgres@127.0.0.1:PORT/faro
#   scripts/pg-test-cluster.sh stop DIR    stops the cluster and removes DIR
#
# The cluster lives in DIR/data, logs to DIR/log, listens on 127.0.0.1 on a
# free port (unix sockets in DIR), trusts loopback connections and has a
# database named faro. As root it runs as the postgres system user (initdb
# refuses root), so DIR's parent directories must be searchable by postgres.
# Starting a DIR whose cluster is running just prints its URL again.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin).
set -eu

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
MARK=.faro-pg-test-cluster

die() {
	echo "pg-test-cluster: $*" >&2
	exit 1
}

usage() {
	die "usage: $0 start|stop DIR"
}

# as_pg CMD...: runs CMD as the cluster's owner, from DIR (postgres cannot cd into /root).
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd "$DIR" && runuser -u postgres -- "$@")
	else
		(cd "$DIR" && "$@")
	fi
}

# free_port: prints a TCP port nobody listens on at 127.0.0.1 right now.
free_port() {
	if command -v python3 >/dev/null 2>&1 &&
		python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null; then
		return 0
	fi
	# No python: probe random ports until a connection is refused.
	n=0
	while [ $n -lt 100 ]; do
		p=$(( ( $(od -An -N2 -tu2 /dev/urandom) % 30000 ) + 20000 ))
		if ! bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then
			echo "$p"
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

url() {
	echo "postgres://postgres@127.0.0.1:$(cat "$DIR/port")/faro"
}

running() {
	[ -f "$DIR/data/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

start() {
	[ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found (install postgresql-15 or set PG_BIN)"
	if [ -d "$DIR" ] && [ ! -f "$DIR/$MARK" ] && [ -n "$(ls -A "$DIR")" ]; then
		die "$DIR exists, is not empty and is not a test cluster"
	fi
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	if [ -f "$DIR/port" ] && running; then
		url
		return 0
	fi
	touch "$DIR/$MARK"
	rm -rf "$DIR/data" "$DIR/port" "$DIR/log"
	if [ "$(id -u)" -eq 0 ]; then
		chown postgres: "$DIR" "$DIR/$MARK"
		runuser -u postgres -- test -w "$DIR" ||
			die "user postgres cannot write $DIR: make its parent directories searchable (chmod o+x) or use a directory under /tmp"
	fi
	as_pg "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
		>"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
	# unix socket paths are limited to 107 bytes; without room, TCP only.
	sockdir=$DIR
	[ ${#DIR} -le 90 ] || sockdir=
	as_pg sh -c "cat >>'$DIR/data/postgresql.conf'" <<EOF
# pg-test-cluster.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sockdir'
max_connections = 300
EOF
	tries=0
	while :; do
		port=$(free_port) || die "no free port found"
		if as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -o "-p $port" -w -t 60 start \
			>/dev/null 2>&1; then
			break
		fi
		# Most likely another process took the port between the probe and the start.
		tries=$((tries + 1))
		if [ $tries -ge 5 ]; then
			cat "$DIR/log" >&2 || true
			die "postgres did not start"
		fi
	done
	echo "$port" >"$DIR/port"
	as_pg "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
		-v ON_ERROR_STOP=1 -c "CREATE DATABASE faro" >/dev/null || die "CREATE DATABASE faro failed"
	url
}

stop() {
	[ -d "$DIR" ] || return 0
	[ -f "$DIR/$MARK" ] || die "$DIR is not a test cluster made by this script; not removing it"
	DIR=$(cd "$DIR" && pwd)
	if [ -f "$DIR/data/postmaster.pid" ]; then
		as_pg "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
	fi
	rm -rf "$DIR"
}

[ $# -eq 2 ] || usage
DIR=$2
case $DIR in *"'"*) die "DIR must not contain a quote" ;; esac
[ -n "$DIR" ] || usage
case $1 in
start) start ;;
stop) stop ;;
*) usage ;;
esac
