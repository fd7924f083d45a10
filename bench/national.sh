#!/bin/sh
# bench/national.sh - `make bench-national`: Bered at national scale
# (issue 8). Builds `bered demo --national --scale N` (BENCH_SCALE, default
# 10: about 80 förbund, ten years, ~120,000 cases; kept in
# bench/national-N.db between runs and migrated, rebuilt with
# BENCH_REBUILD=1), then
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
# Kept between runs (a newer bered migrates it); BENCH_REBUILD=1 builds
# it again, as after a change of the national demo.
if [ ! -f "$db" ] || [ "${BENCH_REBUILD:-0}" = 1 ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	echo "building the national demo at scale $SCALE (a few minutes) ..."
	start=$(date +%s)
	./build/bered demo --db "$db" --national --scale "$SCALE" >/dev/null
	echo "built in $(( $(date +%s) - start )) s"
fi
./build/bered --db "$db" migrate >/dev/null || die "bered migrate failed"
cases=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM arende").fetchone()[0])' "$db")
nforbund=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM forbund").fetchone()[0])' "$db")

. bench/lib.sh
start_bered "$db"

# A session cookie for each role, and an API token for the national role.
cookie() {
	login "$1@$DOM" "$PW"
}
c_nat=$(cookie nationell)
c_esf=$(cookie esf-kansli)
c_kansli=$(cookie kansli.f1)
token=$(./build/bered --db "$db" token create --email "nationell@$DOM" | tail -n 1)

start_nginx

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
set -- $(run_wrk 16 "$nginx_url")
printf '%-44s %8s %9s %9s\n' "nginx: static 12 KB page" "$1" "$2" "$3"
ratio=$(awk -v b="$b" -v n="$1" 'BEGIN { printf "%.2f", b / n }')
ok=met
awk -v r="$ratio" 'BEGIN { exit !(r < 0.25) }' && ok=MISSED
echo "ratio bered/nginx at 16 connections: $ratio (target >= 0.25) $ok"
echo "$ok" >>"$tmp/results"
if [ "${BENCH_STRICT:-0}" = 1 ] && grep -q MISSED "$tmp/results"; then
	exit 1
fi
