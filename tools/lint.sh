#!/bin/sh
# Checks the layer and escaping rules of ARCHITECTURE.md and README's
# "How the code is laid out"; fails on any breach.
#
# Dependencies point one way:
#   cmd -> http -> ui, api -> app -> domain, store -> util
#   cmd -> mail -> app (mail writes its HTML with ui/html.h)
# ui/ and api/ see the request through http/req.h, http/form.h,
# http/auth.h and http/assets.h only (the handler's interface), never
# the server itself; they never include each other.
set -u
cd "$(dirname "$0")/.."
fail=0
say() { echo "lint: $*" >&2; fail=1; }

# allowed LAYER DIRS...: every #include "x/..." of a file in src/LAYER
# (and its subfolders) names one of DIRS (a folder, or folder/file.h).
allowed() {
	layer=$1
	shift
	for f in $(find "src/$layer" -name '*.[ch]'); do
		grep -oE '^#include "[^"]+/[^"]+"' "$f" | sed 's/^#include "//; s/"$//' |
		while read -r inc; do
			ok=0
			for a in "$@"; do
				case "$inc" in
				"$a"/* | "$a") ok=1 ;;
				esac
			done
			[ $ok = 1 ] || echo "$f includes $inc"
		done
	done
}

check_layer() {
	out=$(allowed "$@")
	if [ -n "$out" ]; then
		echo "$out" >&2
		say "src/$1 includes a layer it must not depend on"
	fi
}

check_layer util util
check_layer domain domain util
check_layer store store domain util
check_layer app app store domain util
check_layer ui ui app store domain util http/req.h http/form.h http/auth.h http/assets.h
check_layer api api app store domain util http/req.h http/form.h http/auth.h http/assets.h
check_layer http http ui api app store domain util
check_layer mail mail app store domain util ui/html.h
check_layer cmd cmd http mail app store domain util

# Same-folder includes ("x.h") must name a file of that folder.
for f in $(find src -name '*.[ch]'); do
	d=$(dirname "$f")
	for inc in $(grep -oE '^#include "[^"/]+"' "$f" | sed 's/^#include "//; s/"$//'); do
		[ -f "$d/$inc" ] || say "$f includes \"$inc\", which is not in $d"
	done
done

# domain/ is pure: no I/O libraries, no stdio.
if grep -rnE '#include\s*[<"](microhttpd|sqlite3|libpq-fe|jansson|sodium|curl/curl|stdio|unistd|fcntl)\.h' src/domain; then
	say "src/domain must not include I/O headers"
fi
# Each library in its own layer.
lib_only() { # HEADER FOLDER...
	h=$1
	shift
	for f in $(grep -rlE "#include\s*[<\"]$h\.h" src); do
		ok=0
		for d in "$@"; do
			case "$f" in "src/$d"/*) ok=1 ;; esac
		done
		[ $ok = 1 ] || say "$f includes $h.h (only in: $*)"
	done
}
lib_only sqlite3 store/sqlite
lib_only libpq-fe store/pg
lib_only microhttpd http
lib_only jansson api
lib_only curl/curl mail
lib_only xlsxwriter app
# Raw HTML only through html_lit() with a literal.
if grep -rnE 'html_raw_\(' src --include=*.c | grep -vE 'src/ui/html\.c'; then
	say "html_raw_ called directly; use html_lit(b, \"literal\")"
fi
# SQL text only in store/.
if grep -rnE '"(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM) ' src --include=*.c | grep -v '^src/store/'; then
	say "SQL outside src/store"
fi
# Unbounded or unchecked C calls.
if grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol)\s*\(' src; then
	say "unbounded/unchecked C call in src/"
fi
# One formatting dialect: every C file as .clang-format says (make fmt).
if command -v clang-format >/dev/null 2>&1; then
	if ! git ls-files -co --exclude-standard 'src/*.[ch]' 'tests/*.[ch]' |
	    xargs clang-format --dry-run --Werror >/dev/null 2>&1; then
		git ls-files -co --exclude-standard 'src/*.[ch]' 'tests/*.[ch]' |
		    xargs clang-format --dry-run 2>&1 | grep -m 5 'warning' >&2
		say "C files not formatted as .clang-format says (run make fmt)"
	fi
else
	say "clang-format is missing (tools/deps.sh installs it)"
fi
[ $fail = 0 ] && echo "lint: ok"
exit $fail
