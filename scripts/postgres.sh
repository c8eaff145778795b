#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the read model's tests, from Debian's
# postgresql package (scripts/install-deps.sh installs it).
#
#   scripts/postgres.sh start   # create (first time) and start; prints the DSN
#   scripts/postgres.sh dsn     # print the DSN
#   scripts/postgres.sh stop    # stop the cluster (its files stay for the next start)
#
# The cluster lives in $LIENTHONG_PG_DIR (default .data/pg-test), listens on
# 127.0.0.1:$LIENTHONG_PG_PORT (default 55432) only, trusts local connections
# and has a database lienthong_test. Every command is idempotent. As root, the
# server runs as the postgres OS user (PostgreSQL refuses to run as root).
# Typical use:
#
#   export LIENTHONG_TEST_POSTGRES_DSN="$(scripts/postgres.sh start)"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

dir=${LIENTHONG_PG_DIR:-.data/pg-test}
port=${LIENTHONG_PG_PORT:-55432}
db=lienthong_test
user=postgres
dsn="postgres://${user}@127.0.0.1:${port}/${db}?sslmode=disable"

die() {
	echo "postgres.sh: $*" >&2
	exit 1
}

bindir() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [[ -x $d/initdb && -x $d/pg_ctl ]]; then
			echo "$d"
			return
		fi
	done
	die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install Debian's postgresql package (bash scripts/install-deps.sh)"
}

# as runs a command as the cluster's owner: the postgres OS user when we are
# root, else ourselves.
as() {
	if [[ $(id -u) -eq 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

running() {
	as "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

psql_() {
	"$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$user" "$@"
}

cmd=${1:-}
case $cmd in
start | stop | dsn) ;;
*) die "usage: scripts/postgres.sh start|stop|dsn" ;;
esac

if [[ $cmd == dsn ]]; then
	echo "$dsn"
	exit 0
fi

bin=$(bindir)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data=$dir/data

if [[ $(id -u) -eq 0 ]]; then
	id postgres >/dev/null 2>&1 || die "no postgres OS user; install Debian's postgresql package"
	chown postgres: "$dir"
	# The postgres user must be able to reach the directory.
	p=$dir
	while [[ $p != / ]]; do
		p=$(dirname "$p")
		chmod o+x "$p" 2>/dev/null || true
	done
fi

if [[ $cmd == stop ]]; then
	if [[ -f $data/PG_VERSION ]] && running; then
		as "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
		echo "postgres.sh: stopped" >&2
	fi
	exit 0
fi

if [[ ! -f $data/PG_VERSION ]]; then
	echo "postgres.sh: creating a cluster in $data" >&2
	as "$bin/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{
			cat "$dir/initdb.log" >&2
			die "initdb failed"
		}
fi

if ! running; then
	# Socket in the cluster directory so /var/run/postgresql is not needed;
	# fsync off: the data is thrown away, speed matters more.
	as "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >/dev/null ||
		{
			tail -n 20 "$dir/server.log" >&2
			die "the server did not start"
		}
fi

if [[ $(psql_ -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'") != 1 ]]; then
	psql_ -d postgres -c "CREATE DATABASE $db"
fi
echo "$dsn"
