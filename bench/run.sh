#!/bin/sh
# bench/run.sh - `make bench`: Bered's logged-in case list page against
# Debian's nginx serving a static 12 KB page, both on 127.0.0.1, with wrk at
# 1, 16 and 64 connections in the same run. Prints req/s, p50 and p99 for
# both, the ratio bered/nginx, and bered's peak RSS (VmHWM).
#
# Targets (issue 2): ratio >= 0.25 at 16 connections, p99 <= 10 ms at 64
# connections, RSS <= 32 MiB. BENCH_STRICT=1 makes a missed target exit 1.
# BENCH_SECONDS (default 10) sets the length of each wrk run; BENCH_THREADS
# passes --threads to bered serve (default: serve's own default).
set -eu
cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
BENCH_USER=kansli@demo.bered.se
BENCH_PW=demo-losen-2026

BERED_BENCH=1 tools/deps.sh
make -s build/bered

. bench/lib.sh

# ---- Bered on demo data ---------------------------------------------------
./build/bered demo --db "$tmp/bench.db" >/dev/null || die "bered demo failed"
start_bered "$tmp/bench.db" ${BENCH_THREADS:+--threads "$BENCH_THREADS"}
bered_url="http://127.0.0.1:$port/arenden"

# Log in as the kansli: the case list shows a full page of 20 cases.
cookie=$(login "$BENCH_USER" "$BENCH_PW")
curl -s -H "Cookie: $cookie" -o "$tmp/list.html" -w '%{http_code}' "$bered_url" \
	>"$tmp/list.code"
[ "$(cat "$tmp/list.code")" = 200 ] || die "GET /arenden answered $(cat "$tmp/list.code")"
rows=$(grep -o '<tr' "$tmp/list.html" | wc -l)
rows=$((rows - 1))	# minus the header row
bytes=$(wc -c <"$tmp/list.html")

start_nginx
nbytes=$(curl -s "$nginx_url" | wc -c)

echo "Bered $(./build/bered --version 2>/dev/null | head -n 1) on $(nproc) CPU(s), $SECS s per run"
echo "bered: GET /arenden logged in as $BENCH_USER: $rows rows, $bytes bytes"
echo "nginx: GET / static page, $nbytes bytes, worker_processes $ncpu"
# Warm both up (page cache, SQLite mmap, nginx workers).
wrk -t 1 -c 4 -d 1s -H "Cookie: $cookie" "$bered_url" >/dev/null 2>&1 || true
wrk -t 1 -c 4 -d 1s "$nginx_url" >/dev/null 2>&1 || true

# The login above ran Argon2id, whose memory cost (12 MiB, one hash at a
# time: src/http/auth.c) sets the peak so far. Note it, then reset the peak
# (clear_refs 5) so VmHWM at the end is the peak while serving the load.
hwm_login=$(awk '/VmHWM/ { print $2 }' "/proc/$bered_pid/status")
if echo 5 >"/proc/$bered_pid/clear_refs" 2>/dev/null; then
	reset=1
else
	reset=0
fi

printf '\n%-7s %6s %10s %9s %9s\n' target conns req/s p50_ms p99_ms
: >"$tmp/results"
for c in 1 16 64; do
	set -- $(run_wrk "$c" "$bered_url" -H "Cookie: $cookie")
	[ $# -eq 4 ] || die "wrk against bered gave no figures"
	printf '%-7s %6s %10s %9s %9s\n' bered "$c" "$1" "$2" "$3"
	[ "$4" = 0 ] || echo "  warning: $4 non-2xx answers or socket errors"
	echo "bered $c $1 $2 $3" >>"$tmp/results"
	set -- $(run_wrk "$c" "$nginx_url")
	[ $# -eq 4 ] || die "wrk against nginx gave no figures"
	printf '%-7s %6s %10s %9s %9s\n' nginx "$c" "$1" "$2" "$3"
	[ "$4" = 0 ] || echo "  warning: $4 non-2xx answers or socket errors"
	echo "nginx $c $1 $2 $3" >>"$tmp/results"
done

hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$bered_pid/status")
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$bered_pid/status")
echo
awk -v r="$rss" -v l="$hwm_login" 'BEGIN {
	printf "bered RSS after the load (VmRSS): %.1f MiB\n", r / 1024
	printf "bered peak RSS including the Argon2id login: %.1f MiB\n", l / 1024
}'
[ "$reset" = 1 ] || echo "(could not reset VmHWM: the peak below includes the login)"
awk -v hwm="$hwm" -v strict="${BENCH_STRICT:-0}" '
{ rps[$1, $2] = $3; p99[$1, $2] = $5 }
END {
	for (i = 1; i <= 3; i++) {
		c = (i == 1) ? 1 : (i == 2) ? 16 : 64
		printf "ratio bered/nginx at %2d connections: %.2f\n", c,
		    rps["bered", c] / rps["nginx", c]
	}
	printf "bered peak RSS while serving the load (VmHWM): %.1f MiB\n\n",
	    hwm / 1024
	r16 = rps["bered", 16] / rps["nginx", 16]
	miss = 0
	printf "target ratio >= 0.25 at 16 connections: %.2f %s\n", r16,
	    (r16 >= 0.25 ? "met" : "MISSED")
	miss += r16 < 0.25
	printf "target p99 <= 10 ms at 64 connections:  %.2f ms %s\n",
	    p99["bered", 64], (p99["bered", 64] <= 10 ? "met" : "MISSED")
	miss += p99["bered", 64] > 10
	printf "target RSS <= 32 MiB (serving):         %.1f MiB %s\n",
	    hwm / 1024, (hwm <= 32768 ? "met" : "MISSED")
	miss += hwm > 32768
	if (strict == 1 && miss > 0) {
		exit 1
	}
}' "$tmp/results"
