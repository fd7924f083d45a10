#!/bin/sh
# tools/pgcheck.sh - the part of make check that runs on PostgreSQL: a
# throw-away cluster (tools/pg.sh), the store conformance suite and the
# whole end-to-end suite against it, under the sanitizers.
set -eu
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/bered-pg.XXXXXX)
chmod 755 "$dir"
trap 'tools/pg.sh stop "$dir"; rm -rf "$dir"' EXIT INT TERM
url=$(FSYNC=off tools/pg.sh start "$dir")
echo "== PostgreSQL at $url"
for c in tests/store/test_*.c; do
	t=build-san/tests/$(basename "$c" .c)
	echo "== $t (PostgreSQL)"
	BERED_TEST_PG=$url "$t"
done
# Debian's python3 has psycopg2 (python3-psycopg2).
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
BERED_E2E_PG=$url BERED_E2E_PGDIR=$dir "$py" tests/e2e/run.py build-san/bered
