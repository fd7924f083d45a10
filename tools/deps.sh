#!/bin/sh
# Installs the Debian packages Bered needs to build, test and benchmark,
# when they are missing. As root it runs apt-get; otherwise it prints the
# exact line to run.
set -e
pkgs="gcc make pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev \
libsodium-dev libpq-dev libcmocka-dev libcurl4-openssl-dev libxlsxwriter-dev libmagic-dev libical-dev python3 python3-jsonschema python3-openpyxl curl faketime clang-format git"
[ "${BERED_BENCH:-0}" = 1 ] && pkgs="$pkgs wrk nginx-light procps postgresql-15"
# make check: two instances behind nginx (tests/e2e/test_instances.py),
# and the store and end-to-end suites on PostgreSQL (tools/pgcheck.sh).
[ "${BERED_CHECK:-0}" = 1 ] && pkgs="$pkgs nginx-light postgresql-15 python3-psycopg2"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
		|| missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "Installerar saknade paket:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || true
	apt-get install -y -q --no-install-recommends $missing
else
	echo "Saknade paket. Kör som root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
