#!/bin/sh
# bench/national.sh - `make bench-national`: Bered at national scale
# (issue 8). Builds `bered demo --national --scale N` (BENCH_SCALE, default
# 10: about 80 förbund, ten years, ~120,000 cases; kept in
# bench/national-N.db between runs, rebuilt when bered is newer), then
# measures with wrk, beside nginx serving a static page in the same run:
#
#   one connection, p50 and p99 of: the national follow-up as JSON and as
#   the page, grouped by förbund, the start page and the case list of the
#   esf-kansli and of a kansli, and a CSV and an XLSX export;
#   16 connections: the kansli's case list against nginx.
#
# Targets: the national follow-up (JSON) <= 100 ms, every page <= 25 ms at
# p50 with one connection, the case list >= 0.25 x nginx at 16
# connections. BENCH_STRICT=1 makes a missed target exit 1. BENCH_SECONDS
# (default 5) is the length of each wrk run.
set -eu
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-5}
SCALE=${BENCH_SCALE:-10}
PW=demo-losen-2026
DOM=nationell.demo.bered.se

BERED_BENCH=1 tools/deps.sh
make -s build/bered

db="bench/national-$SCALE.db"
if [ ! -f "$db" ] || [ build/bered -nt "$db" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	echo "building the national demo at scale $SCALE (a few minutes) ..."
	start=$(date +%s)
	./build/bered demo --db "$db" --national --scale "$SCALE" >/dev/null
	echo "built in $(( $(date +%s) - start )) s"
fi
cases=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM arende").fetchone()[0])' "$db")
nforbund=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM forbund").fetchone()[0])' "$db")

tmp=$(mktemp -d /tmp/bered-national.XXXXXX)
chmod 755 "$tmp"
bered_pid=""
nginx_pid=""
cleanup() {
	[ -n "$bered_pid" ] && kill "$bered_pid" 2>/dev/null && wait "$bered_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
die() {
	echo "bench: $*" >&2
	exit 1
}

./build/bered serve --db "$db" --listen 127.0.0.1:0 --quiet \
	--conn-per-ip 128 >"$tmp/bered.out" 2>"$tmp/bered.err" &
bered_pid=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' \
		"$tmp/bered.out" | head -n 1)
	[ -n "$port" ] && break
	kill -0 "$bered_pid" 2>/dev/null || die "bered serve exited: $(cat "$tmp/bered.err")"
	sleep 0.1
done
[ -n "$port" ] || die "bered serve printed no 'listening on' line"
base="http://127.0.0.1:$port"

# A session cookie for each role, and an API token for the national role.
cookie() {
	curl -s -o /dev/null -c "$tmp/jar.$1" --data-urlencode "email=$1@$DOM" \
		--data-urlencode "password=$PW" "$base/login"
	s=$(awk '$6 == "bered_session" { print $7 }' "$tmp/jar.$1")
	[ -n "$s" ] || die "no session for $1"
	echo "bered_session=$s"
}
c_nat=$(cookie nationell)
c_esf=$(cookie esf-kansli)
c_kansli=$(cookie kansli.f1)
token=$(./build/bered --db "$db" token create --email "nationell@$DOM" | tail -n 1)

# ---- nginx with a static 12 KB page --------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx"
python3 -c 'import sys; open(sys.argv[1], "w").write("<!DOCTYPE html><title>x</title>" + "x" * 12250)' "$tmp/www/index.html"
chmod 644 "$tmp/www/index.html"
nport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	default_type text/html;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	keepalive_requests 1000000;
	server { listen 127.0.0.1:$nport; root $tmp/www; index index.html; }
}
EOF
nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" 2>"$tmp/nginx/start.err" &
nginx_pid=$!
for _ in $(seq 1 50); do
	curl -s -o /dev/null "http://127.0.0.1:$nport/" && break
	sleep 0.1
done

# Prints "req/s p50_ms p99_ms errors" for one wrk run.
run_wrk() {
	conns=$1
	url=$2
	shift 2
	threads=$conns
	[ "$threads" -gt 2 ] && threads=2
	wrk -t "$threads" -c "$conns" -d "${SECS}s" --latency "$@" "$url" \
		>"$tmp/wrk.out" 2>&1 || die "wrk failed: $(cat "$tmp/wrk.out")"
	awk '
	function ms(v) {
		if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
		if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
		if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
		return v + 0
	}
	/Requests\/sec:/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { err += $NF }
	/Socket errors:/ { err += 1 }
	END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, err + 0 }
	' "$tmp/wrk.out"
}

echo "Bered at national scale $SCALE: $nforbund förbund, $cases cases; $(nproc) CPU(s), $SECS s per run"
printf '\n%-44s %8s %9s %9s %7s\n' "one connection" req/s p50_ms p99_ms target
: >"$tmp/results"
one() {
	name=$1
	target=$2
	url=$3
	shift 3
	curl -s -o /dev/null "$@" "$url" # warm
	set -- $(run_wrk 1 "$url" "$@")
	[ $# -eq 4 ] || die "wrk gave no figures for $name"
	ok=met
	if [ "$target" = - ]; then
		ok="(no target)"
	elif awk -v p="$2" -v t="$target" 'BEGIN { exit !(p > t) }'; then
		ok=MISSED
	fi
	printf '%-44s %8s %9s %9s %4s ms %s\n' "$name" "$1" "$2" "$3" "$target" "$ok"
	[ "$4" = 0 ] || echo "  warning: $4 non-2xx answers or socket errors"
	echo "$ok" >>"$tmp/results"
}
one "follow-up JSON, national" 100 "$base/api/v1/followup" -H "Authorization: Bearer $token"
one "follow-up JSON by förbund" 100 "$base/api/v1/followup?group_by=forbund" -H "Authorization: Bearer $token"
one "follow-up page, national" 25 "$base/uppfoljning" -H "Cookie: $c_nat"
one "start page, esf-kansli" 25 "$base/" -H "Cookie: $c_esf"
one "case list, esf-kansli" 25 "$base/arenden" -H "Cookie: $c_esf"
one "start page, kansli" 25 "$base/" -H "Cookie: $c_kansli"
one "case list, kansli" 25 "$base/arenden" -H "Cookie: $c_kansli"
one "follow-up page, kansli" 25 "$base/uppfoljning" -H "Cookie: $c_kansli"
one "case list CSV, kansli (whole selection)" - "$base/arenden?format=csv" -H "Cookie: $c_kansli"
one "case list XLSX, kansli (whole selection)" - "$base/arenden?format=xlsx" -H "Cookie: $c_kansli"

printf '\n%-44s %8s %9s %9s\n' "16 connections" req/s p50_ms p99_ms
set -- $(run_wrk 16 "$base/arenden" -H "Cookie: $c_kansli")
b=$1
printf '%-44s %8s %9s %9s\n' "bered: case list, kansli" "$1" "$2" "$3"
set -- $(run_wrk 16 "http://127.0.0.1:$nport/")
printf '%-44s %8s %9s %9s\n' "nginx: static 12 KB page" "$1" "$2" "$3"
ratio=$(awk -v b="$b" -v n="$1" 'BEGIN { printf "%.2f", b / n }')
ok=met
awk -v r="$ratio" 'BEGIN { exit !(r < 0.25) }' && ok=MISSED
echo "ratio bered/nginx at 16 connections: $ratio (target >= 0.25) $ok"
echo "$ok" >>"$tmp/results"
if [ "${BENCH_STRICT:-0}" = 1 ] && grep -q MISSED "$tmp/results"; then
	exit 1
fi
