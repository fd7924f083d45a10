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

tmp=$(mktemp -d /tmp/bered-bench.XXXXXX)
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

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---- Bered on demo data ---------------------------------------------------
./build/bered demo --db "$tmp/bench.db" >/dev/null || die "bered demo failed"
# wrk's 64 connections all come from 127.0.0.1: above the default
# per-address limit's reach (--conn-per-ip, 64) with the warm-up's.
./build/bered serve --db "$tmp/bench.db" --listen 127.0.0.1:0 --quiet \
	--conn-per-ip 128 \
	${BENCH_THREADS:+--threads "$BENCH_THREADS"} \
	>"$tmp/bered.out" 2>"$tmp/bered.err" &
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
bered_url="http://127.0.0.1:$port/arenden"

# Log in as the kansli: the case list shows a full page of 20 cases.
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$tmp/jar" \
	--data-urlencode "email=$BENCH_USER" --data-urlencode "password=$BENCH_PW" \
	"http://127.0.0.1:$port/login")
[ "$code" = 303 ] || die "login answered $code, not 303"
session=$(awk '$6 == "bered_session" { print $7 }' "$tmp/jar")
[ -n "$session" ] || die "no bered_session cookie after login"
cookie="bered_session=$session"
curl -s -H "Cookie: $cookie" -o "$tmp/list.html" -w '%{http_code}' "$bered_url" \
	>"$tmp/list.code"
[ "$(cat "$tmp/list.code")" = 200 ] || die "GET /arenden answered $(cat "$tmp/list.code")"
rows=$(grep -o '<tr' "$tmp/list.html" | wc -l)
rows=$((rows - 1))	# minus the header row
bytes=$(wc -c <"$tmp/list.html")

# ---- nginx with a static 12 KB page --------------------------------------
mkdir -p "$tmp/www" "$tmp/nginx"
python3 - "$tmp/www/index.html" <<'EOF'
import sys
head = ('<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        '<title>Statisk sida</title></head><body><h1>Statisk sida</h1>\n')
row = '<p>Samordningsförbundet finansierar insatser som parterna utför.</p>\n'
body = head
while len(body.encode()) + len(row.encode()) < 12 * 1024 - 20:
    body += row
body += '</body></html>\n'
body += ' ' * (12 * 1024 - len(body.encode()))
open(sys.argv[1], 'w').write(body)
EOF
chmod 644 "$tmp/www/index.html"
nport=$(free_port)
ncpu=$(nproc)
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $ncpu;
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
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		index index.html;
	}
}
EOF
nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" 2>"$tmp/nginx/start.err" &
nginx_pid=$!
for _ in $(seq 1 50); do
	curl -s -o /dev/null "http://127.0.0.1:$nport/" && break
	kill -0 "$nginx_pid" 2>/dev/null || die "nginx did not start: $(cat "$tmp/nginx/start.err")"
	sleep 0.1
done
nginx_url="http://127.0.0.1:$nport/"
nbytes=$(curl -s "$nginx_url" | wc -c)

# ---- wrk -------------------------------------------------------------------
# Prints "req/s p50_ms p99_ms errors" for one run.
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
