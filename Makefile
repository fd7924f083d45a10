# Bered - build, run and test. See README.md.
#   make            build/bered (release)
#   make run        install missing packages, build, migrate, demo on first run, serve
#   make check      every test (lint, unit, store, end-to-end) under ASan/UBSan
#   make bench      load benchmark against nginx (not part of check)

CC      ?= gcc
PKGS     = libmicrohttpd sqlite3 jansson libsodium
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

SRC      = $(sort $(wildcard src/*.c src/util/*.c src/domain/*.c src/store/*.c src/web/*.c))
ASM      = $(wildcard src/*/*.S)
LIBSRC   = $(filter-out src/main.c,$(SRC))
DOMSRC   = $(wildcard src/util/*.c src/domain/*.c)
STORESRC = $(DOMSRC) $(wildcard src/store/*.c src/store/*.S)
UNIT     = $(patsubst tests/unit/%.c,build-san/tests/%,$(wildcard tests/unit/test_*.c))
STORET   = $(patsubst tests/store/%.c,build-san/tests/%,$(wildcard tests/store/test_*.c))

obj     = $(patsubst src/%.c,$(1)/obj/%.o,$(filter %.c,$(2))) \
          $(patsubst src/%.S,$(1)/obj/%.o,$(filter %.S,$(2)))

.PHONY: all run check lint unit storetest e2e deps bench clean fmt

all: build/bered

deps:
	@tools/deps.sh

# ---- release build ----
build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(RELFLAGS) $(DEPCFLAGS) -c $< -o $@
build/obj/%.o: src/%.S $(wildcard www/* src/store/schema/*)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@ -I.
build/bered: $(call obj,build,$(SRC) $(ASM))
	$(CC) -pie -pthread -o $@ $^ $(DEPLIBS)

# ---- sanitizer build (tests) ----
build-san/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(SANFLAGS) $(DEPCFLAGS) -c $< -o $@
build-san/obj/%.o: src/%.S $(wildcard www/* src/store/schema/*)
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

check: deps lint all build-san/bered unit storetest e2e
	@echo "make check: all tests passed"

lint:
	@tools/lint.sh

unit: $(UNIT)
	@set -e; for t in $(UNIT); do echo "== $$t"; $$t; done

storetest: $(STORET)
	@set -e; for t in $(STORET); do echo "== $$t"; $$t; done

e2e: build-san/bered
	@python3 tests/e2e/run.py build-san/bered

bench: deps build/bered
	@bench/run.sh

a11y: build/bered ; @(cd tests/a11y && { npm ci --no-audit --no-fund || npm install --no-audit --no-fund; }) && node tests/a11y/run.mjs --bered build/bered

fmt:
	clang-format -i $(SRC) $(wildcard src/*/*.h)

clean:
	rm -rf build build-san

-include $(shell find build build-san -name '*.d' 2>/dev/null)
