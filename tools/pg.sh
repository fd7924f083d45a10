#!/bin/sh
# tools/pg.sh - a throw-away PostgreSQL cluster on loopback, for make check
# and the benchmarks: `tools/pg.sh start DIR` initialises DIR/data (UTF-8,
# C.UTF-8: search folds Å to å), starts it on a free port of 127.0.0.1 and
# prints the server's URL (postgresql://bered@127.0.0.1:PORT, trust on
# loopback only); `tools/pg.sh stop DIR` stops it, `start DIR` starts it
# again on the same port, `restart DIR` restarts it. PostgreSQL refuses to
# run as root: as root the cluster runs as the user postgres, which
# Debian's postgresql package creates. FSYNC=off (the tests) trades the
# cluster's own durability for speed; the benchmarks keep it on.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg.sh: PostgreSQL is not installed (tools/deps.sh)" >&2; exit 1; }
cmd=$1
dir=$2
as=""
if [ "$(id -u)" = 0 ]; then
	as="runuser -u postgres --"
fi
case $cmd in
start)
	# A cluster already made in DIR starts again on its own port.
	if [ ! -d "$dir/data" ]; then
		mkdir -p "$dir"
		[ -z "$as" ] || chown postgres "$dir"
		$as "$bin/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 \
			-A trust -U bered >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; exit 1; }
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$dir/port"
	fi
	port=$(cat "$dir/port")
	$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -s \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${FSYNC:-on} -c max_connections=200" \
		start >&2 || { cat "$dir/data/server.log" >&2; exit 1; }
	echo "postgresql://bered@127.0.0.1:$port"
	;;
stop)
	[ -d "$dir/data" ] && $as "$bin/pg_ctl" -D "$dir/data" -m fast -w -s stop >&2 || true
	;;
restart)
	$as "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -m fast -w \
		-s restart >&2
	;;
*)
	echo "usage: tools/pg.sh start|stop|restart DIR" >&2
	exit 2
	;;
esac
