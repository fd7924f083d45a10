#!/bin/sh
# Checks the layer and escaping rules of ARCHITECTURE.md; fails on any breach.
set -u
fail=0
say() { echo "lint: $*" >&2; fail=1; }

# domain/ is pure: no I/O libraries, no stdio.
if grep -nE '#include\s*[<"](microhttpd|sqlite3|libpq-fe|jansson|stdio|unistd|fcntl)\.h' src/domain/*.[ch]; then
	say "src/domain must not include I/O headers"
fi
# SQL lives only in store/.
if grep -lE '#include\s*[<"]sqlite3\.h' src/*.c src/web/*.[ch] src/util/*.[ch] src/domain/*.[ch] 2>/dev/null; then
	say "sqlite3.h outside src/store"
fi
# libmicrohttpd only in the HTTP glue.
if grep -lE '#include\s*[<"]microhttpd\.h' src/*.c src/domain/*.[ch] src/store/*.[ch] src/util/*.[ch] 2>/dev/null; then
	say "microhttpd.h outside src/web"
fi
# Raw HTML only through html_lit() with a literal.
if grep -rnE 'html_raw_\(' src --include=*.c | grep -vE 'src/web/html\.c' ; then
	say "html_raw_ called directly; use html_lit(b, \"literal\")"
fi
# Unbounded or unchecked C calls.
if grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol)\s*\(' src; then
	say "unbounded/unchecked C call in src/"
fi
[ $fail = 0 ] && echo "lint: ok"
exit $fail
