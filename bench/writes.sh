#!/bin/sh
# bench/writes.sh - `make bench`: reads and durable writes on each
# database Bered runs on, in one run, beside nginx serving a static page:
# SQLite, PostgreSQL with one instance, and PostgreSQL with two instances
# behind nginx (no sticky sessions). For each: a case list page through
# the API at 16 connections, case creations (each its own committed
# transaction) at 1 and 16 connections, and PATCHes of one case without a
# version at 16 connections. Prints req/s, p50, p99 and the answers that
# were not 2xx.
#
# Targets (issue 11): on SQLite, p99 <= 25 ms for creations at 16
# connections; no PATCH without a version refused (all 2xx) anywhere.
# BENCH_STRICT=1 makes a missed target exit 1. BENCH_SECONDS (default 10)
# sets the length of each run. PostgreSQL is a throw-away cluster
# (tools/pg.sh) with fsync on.
set -eu
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
BENCH_USER=kansli@demo.bered.se

BERED_BENCH=1 tools/deps.sh
make -s build/bered

. bench/lib.sh

# token DB: a new API token of the kansli.
token() {
	./build/bered token create --db "$1" --email "$BENCH_USER" |
		grep -oE '[0-9a-f]{64}' | head -n 1
}

# measure LABEL BASE TOKEN: the four runs against BASE.
measure() {
	label=$1
	url=$2
	tok=$3
	fb=$(curl -s -H "Authorization: Bearer $tok" "$url/api/v1/me" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["forbund_id"])')
	cid=$(curl -s -H "Authorization: Bearer $tok" \
		-H 'Content-Type: application/json' \
		-d "{\"forbund_id\": $fb, \"kind\": \"esf\", \"title\": \"Bänk\"}" \
		"$url/api/v1/cases" |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
	cat >"$tmp/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $tok"
LUA
	cat >"$tmp/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $tok"
wrk.body = '{"forbund_id": $fb, "kind": "esf", "title": "Mätning av skrivningar", "description": "Skapad av bench/writes.sh"}'
LUA
	cat >"$tmp/patch.lua" <<LUA
local n = 0
request = function()
	n = n + 1
	return wrk.format("PATCH", "/api/v1/cases/$cid",
		{ ["Content-Type"] = "application/json",
		  ["Authorization"] = "Bearer $tok" },
		'{"description": "Ändring ' .. n .. '"}')
end
LUA
	# Warm up (caches, prepared statements on every connection).
	wrk -t 2 -c 16 -d 1s -s "$tmp/read.lua" "$url/api/v1/cases?limit=20" >/dev/null 2>&1 || true
	for run in "read 16 read.lua /api/v1/cases?limit=20" \
		"create 1 create.lua /api/v1/cases" \
		"create 16 create.lua /api/v1/cases" \
		"patch 16 patch.lua /api/v1/cases/$cid"; do
		set -- $run
		what=$1 c=$2 script=$3 path=$4
		set -- $(run_wrk "$c" "$url$path" -s "$tmp/$script")
		printf '%-22s %-7s %5s %9s %9s %9s %7s\n' "$label" "$what" "$c" "$1" "$2" "$3" "$4"
		echo "$label $what $c $1 $2 $3 $4" >>"$tmp/results"
	done
}

: >"$tmp/results"
echo "Bered $(./build/bered --version 2>/dev/null | head -n 1) on $(nproc) CPU(s), $SECS s per run"
printf '\n%-22s %-7s %5s %9s %9s %9s %7s\n' setup what conns req/s p50_ms p99_ms non2xx

# SQLite: one file, one instance.
./build/bered demo --db "$tmp/bench.db" >/dev/null || die "bered demo failed"
tok=$(token "$tmp/bench.db")
start_bered "$tmp/bench.db"
measure SQLite "$base" "$tok"
kill "$bered_pid" && wait "$bered_pid" 2>/dev/null || true

# PostgreSQL: one instance, then two behind nginx.
pgurl=$(tools/pg.sh start "$tmp/pg") || die "PostgreSQL did not start"
psql -q "$pgurl/postgres" -c "CREATE DATABASE bench" >/dev/null
./build/bered demo --db "$pgurl/bench" >/dev/null || die "bered demo on PostgreSQL failed"
tok=$(token "$pgurl/bench")
start_bered "$pgurl/bench"
measure PostgreSQL "$base" "$tok"
port_a=$port
more_pids="$bered_pid"
start_bered "$pgurl/bench"
start_proxy "$port_a" "$port"
measure "PostgreSQL x2 (nginx)" "$proxy_base" "$tok"

start_nginx
set -- $(run_wrk 16 "$nginx_url")
printf '%-22s %-7s %5s %9s %9s %9s %7s\n' "nginx static 12 KB" read 16 "$1" "$2" "$3" "$4"

echo
awk -v strict="${BENCH_STRICT:-0}" '
$1 == "SQLite" && $2 == "create" && $3 == 16 { p99 = $6 }
$NF > 0 && $0 ~ / patch / { bad += $NF }
END {
	ok = p99 <= 25 && bad == 0
	printf "target: SQLite creations p99 <= 25 ms at 16 connections: %s (%.1f ms)\n",
		p99 <= 25 ? "met" : "MISSED", p99
	printf "target: no PATCH without a version refused: %s (%d non-2xx)\n",
		bad == 0 ? "met" : "MISSED", bad
	if (strict && !ok) exit 1
}' "$tmp/results"
