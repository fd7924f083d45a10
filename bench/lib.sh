# bench/lib.sh - what the benchmarks share (sourced by run.sh and
# national.sh, after `set -eu` and `cd` to the top): a temporary directory
# cleaned up on exit, Bered serving a database, nginx serving a static
# 12 KB page on loopback beside it, and one wrk run's figures.

tmp=$(mktemp -d /tmp/bered-bench.XXXXXX)
chmod 755 "$tmp"
bered_pid=""
nginx_pid=""
proxy_pid=""
more_pids=""	# further processes of a benchmark, stopped on exit
cleanup() {
	for p in $bered_pid $nginx_pid $proxy_pid $more_pids; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	[ -d "$tmp/pg" ] && tools/pg.sh stop "$tmp/pg" 2>/dev/null
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

# start_bered DB [serve flags...]: serves DB on a free port; sets
# bered_pid, port and base. wrk's connections all come from 127.0.0.1:
# above the default per-address limit's reach (--conn-per-ip, 64).
start_bered() {
	db=$1
	shift
	./build/bered serve --db "$db" --listen 127.0.0.1:0 --quiet \
		--conn-per-ip 128 "$@" >"$tmp/bered.out" 2>"$tmp/bered.err" &
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
}

# login EMAIL PASSWORD: the "bered_session=..." cookie of a form login.
login() {
	jar="$tmp/jar.$1"
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" \
		--data-urlencode "email=$1" --data-urlencode "password=$2" \
		"$base/login")
	[ "$code" = 303 ] || die "login as $1 answered $code, not 303"
	s=$(awk '$6 == "bered_session" { print $7 }' "$jar")
	[ -n "$s" ] || die "no bered_session cookie after logging in as $1"
	echo "bered_session=$s"
}

# start_nginx: Debian's nginx serving a static 12 KB page, one worker per
# CPU; sets nginx_pid, nport, nginx_url and ncpu.
start_nginx() {
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
}

# run_wrk CONNS URL [wrk flags...]: prints "req/s p50_ms p99_ms errors"
# for one run of SECS seconds.
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

# start_proxy PORT_A PORT_B: Debian's nginx on loopback passing every
# request to two Bered instances in turn (no sticky sessions); sets
# proxy_pid and proxy_base.
start_proxy() {
	mkdir -p "$tmp/proxy"
	pport=$(free_port)
	cat >"$tmp/proxy/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $tmp/proxy/nginx.pid;
error_log $tmp/proxy/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/proxy/body;
	proxy_temp_path $tmp/proxy/proxy;
	fastcgi_temp_path $tmp/proxy/fastcgi;
	uwsgi_temp_path $tmp/proxy/uwsgi;
	scgi_temp_path $tmp/proxy/scgi;
	upstream bered {
		server 127.0.0.1:$1;
		server 127.0.0.1:$2;
		keepalive 32;
	}
	server {
		listen 127.0.0.1:$pport;
		location / {
			proxy_pass http://bered;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
		}
	}
}
EOF
	nginx -c "$tmp/proxy/nginx.conf" -p "$tmp/proxy" 2>"$tmp/proxy/start.err" &
	proxy_pid=$!
	for _ in $(seq 1 50); do
		curl -s -o /dev/null "http://127.0.0.1:$pport/healthz" && break
		kill -0 "$proxy_pid" 2>/dev/null || die "the proxy did not start: $(cat "$tmp/proxy/start.err")"
		sleep 0.1
	done
	proxy_base="http://127.0.0.1:$pport"
}
