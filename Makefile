# Bered - build, run and test. See README.md.
#   make            build/bered (release)
#   make run        install missing packages, build, migrate, demo on first run, serve
#   make check      every test (lint, unit, store, end-to-end) under ASan/UBSan
#   make bench      load benchmark against nginx (not part of check)
#   make bench-national  the follow-up and pages at national scale

CC      ?= gcc
PKGS     = libmicrohttpd sqlite3 libpq jansson libsodium libcurl xlsxwriter libmagic
WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wformat-truncation=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
           -Wvla -Wpointer-arith -Wundef -Wcast-align -Wnull-dereference \
           -Wimplicit-fallthrough -Wno-missing-field-initializers
BASE     = -std=c17 -D_GNU_SOURCE -pthread -MMD -MP $(WARN) -Isrc
DEPCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
RELFLAGS = -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
           -fno-sanitize-recover=all
PORT    ?= 8080
DB      ?= var/bered.db

LAYERS   = util domain store store/sql store/sqlite store/pg app mail http ui api cmd
SRC      = $(sort $(wildcard src/*.c $(addsuffix /*.c,$(addprefix src/,$(LAYERS)))))
ASM      = $(wildcard src/*/*.S)
LIBSRC   = $(filter-out src/main.c,$(SRC))
DOMSRC   = $(wildcard src/util/*.c src/domain/*.c)
STORESRC = $(DOMSRC) $(wildcard src/store/*.c src/store/sql/*.c src/store/sqlite/*.c src/store/pg/*.c src/store/*.S)
UNIT     = $(patsubst tests/unit/%.c,build-san/tests/%,$(wildcard tests/unit/test_*.c))
STORET   = $(patsubst tests/store/%.c,build-san/tests/%,$(wildcard tests/store/test_*.c))
FUZZT    = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c))

obj     = $(patsubst src/%.c,$(1)/obj/%.o,$(filter %.c,$(2))) \
          $(patsubst src/%.S,$(1)/obj/%.o,$(filter %.S,$(2)))

.PHONY: all run check lint unit storetest e2e pgcheck e2e-dates deps checkdeps bench bench-national clean fmt fuzz fuzzreplay

all: build/bered

deps:
	@tools/deps.sh

checkdeps:
	@BERED_CHECK=1 tools/deps.sh

# ---- release build ----
build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(RELFLAGS) $(DEPCFLAGS) -c $< -o $@
build/obj/%.o: src/%.S $(wildcard www/* src/store/schema/* src/store/pg/schema/* src/app/*.txt)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@ -I.
build/bered: $(call obj,build,$(SRC) $(ASM))
	$(CC) -pie -pthread -o $@ $^ $(DEPLIBS)

# ---- sanitizer build (tests) ----
build-san/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SANFLAGS) $(DEPCFLAGS) -c $< -o $@
build-san/obj/%.o: src/%.S $(wildcard www/* src/store/schema/* src/store/pg/schema/* src/app/*.txt)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@ -I.
build-san/bered: $(call obj,build-san,$(SRC) $(ASM))
	$(CC) $(SANFLAGS) -pthread -o $@ $^ $(DEPLIBS)
build-san/tests/test_%: tests/unit/test_%.c $(call obj,build-san,$(DOMSRC))
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SANFLAGS) -o $@ $(filter %.c %.o,$^) -lcmocka
build-san/tests/test_%: tests/store/test_%.c $(call obj,build-san,$(STORESRC))
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SANFLAGS) $(DEPCFLAGS) -o $@ $(filter %.c %.o,$^) -lcmocka $(DEPLIBS)

# ---- the two commands ----
run: deps build/bered
	@mkdir -p $(dir $(DB))
	./build/bered migrate --db $(DB)
	./build/bered demo --db $(DB)   # loads the demo once; later runs only print the logins
	./build/bered serve --db $(DB) --listen 127.0.0.1:$(PORT)

check: checkdeps lint all build-san/bered unit storetest fuzzreplay e2e pgcheck e2e-dates
	@echo "make check: all tests passed"

lint:
	@tools/lint.sh

unit: $(UNIT)
	@set -e; for t in $(UNIT); do echo "== $$t"; $$t; done

storetest: $(STORET)
	@set -e; for t in $(STORET); do echo "== $$t"; $$t; done

# libical (an independent parser) reads the calendar feed in the e2e suite.
build-san/tests/ical_check: tests/tools/ical_check.c
	@mkdir -p $(dir $@)
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O1 -g $< -o $@ $$(pkg-config --cflags --libs libical)

e2e: build-san/bered build-san/tests/ical_check
	@python3 tests/e2e/run.py build-san/bered

# The store and end-to-end suites again, on a throw-away PostgreSQL.
pgcheck: build-san/bered build-san/tests/ical_check $(STORET)
	@tools/pgcheck.sh

# The end-to-end suite again with the clock at a year's last day, a new
# year's day and a leap day (libfaketime), so no date bug can come back.
# ASan must accept libfaketime's LD_PRELOAD before its own runtime.
E2E_DATES ?= 2026-12-31T23:50:00 2027-01-01T00:05:00 2028-02-29T12:00:00
e2e-dates: build-san/bered build-san/tests/ical_check
	@set -e; for d in $(E2E_DATES); do echo "== e2e at $$d"; \
	ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1 \
	    faketime "$$(echo $$d | tr T ' ')" \
	    python3 tests/e2e/run.py build-san/bered; done

# ---- fuzzing (tests/fuzz, README.md) ----
# make fuzz: libFuzzer (clang) runs each target FUZZ_SECONDS; new inputs
# go to build-fuzz/work/<target>, crashes to build-fuzz/work/<target>-*.
# fuzzreplay (part of check): the saved corpus through replay.c with gcc.
FUZZ_SECONDS ?= 60
FUZZCC    ?= clang
FUZZFLAGS = -std=c17 -D_GNU_SOURCE -pthread -MMD -MP -Isrc -g -O1 \
            -fno-omit-frame-pointer -fno-sanitize-recover=all \
            -fsanitize=fuzzer-no-link,address,undefined
FUZZLIB   = $(call obj,build-fuzz,$(LIBSRC) $(ASM))
.SECONDARY: $(FUZZLIB)
build-fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZFLAGS) $(DEPCFLAGS) -c $< -o $@
build-fuzz/obj/%.o: src/%.S $(wildcard www/* src/store/schema/* src/store/pg/schema/* src/app/*.txt)
	@mkdir -p $(dir $@)
	$(FUZZCC) -c $< -o $@ -I.
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZLIB)
	$(FUZZCC) $(FUZZFLAGS) -fsanitize=fuzzer $(DEPCFLAGS) -o $@ $< $(FUZZLIB) $(DEPLIBS)
build-san/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(call obj,build-san,$(LIBSRC) $(ASM))
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SANFLAGS) $(DEPCFLAGS) -o $@ $(filter %.c %.o,$^) $(DEPLIBS)
fuzz: $(addprefix build-fuzz/,$(FUZZT))
	@set -e; for t in $(FUZZT); do echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	mkdir -p build-fuzz/work/$$t tests/fuzz/corpus/$$t; \
	build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=build-fuzz/work/$$t- build-fuzz/work/$$t \
	    tests/fuzz/corpus/$$t 2>build-fuzz/work/$$t.log || \
	    { tail -n 40 build-fuzz/work/$$t.log; exit 1; }; \
	grep -h 'stat::number_of_executed_units' build-fuzz/work/$$t.log; done
fuzzreplay: $(addprefix build-san/fuzz/,$(FUZZT))
	@set -e; for t in $(FUZZT); do echo "== fuzz replay $$t"; \
	build-san/fuzz/$$t tests/fuzz/corpus/$$t; done

bench: deps build/bered
	@bench/run.sh
	@bench/writes.sh
	@python3 bench/clients.py
	@python3 bench/upload.py

# The follow-up and the pages at national scale (bered demo --national
# --scale $(BENCH_SCALE), kept in bench/national-N.db), beside nginx.
bench-national: deps build/bered
	@bench/national.sh

a11y: build/bered ; @(cd tests/a11y && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }) && node tests/a11y/run.mjs --bered build/bered

fmt:
	git ls-files -co --exclude-standard 'src/*.[ch]' 'tests/*.[ch]' | xargs clang-format -i

clean:
	rm -rf build build-san build-fuzz

-include $(shell find build build-san build-fuzz -name '*.d' 2>/dev/null)
