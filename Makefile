# plancheck - checks Japanese business-restructuring plans and prints the
# documents around them.  Plain make; `make DEVELOPER=1` for the strict
# warning set.  Quick start: `make demo`, then `make check`.

# ---- settings ------------------------------------------------------------
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/plancheck
MANDIR   = $(PREFIX)/share/man

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = yaml-0.1 libpcre2-8 hunspell harfbuzz harfbuzz-subset icu-uc libmicrohttpd libzip libxml-2.0 libdeflate
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) \
	     -DPC_DATADIR='"$(DATADIR)"' $(WARN_CFLAGS) $(SAN_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SAN_CFLAGS) $(LDFLAGS)
# MeCab has no pkg-config file: mecab-config names its library and where
# its dictionaries go (the dictionary lookup in mecab.c tries that too)
MECAB_LIBS   := $(shell mecab-config --libs 2>/dev/null || echo -lmecab -lstdc++)
MECAB_DICDIR := $(shell mecab-config --dicdir 2>/dev/null)
LIBS     = $(PKG_LIBS) $(MECAB_LIBS) -lhpdf -lm -lpthread

# own variables, so that CFLAGS=… on the command line cannot drop them
ifeq ($(DEVELOPER),1)
WARN_CFLAGS = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla \
	      -Wwrite-strings -Wmissing-prototypes -Wno-missing-field-initializers
endif

ifneq ($(SANITIZE),)
SAN_CFLAGS = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
endif

# quiet by default, like git and the kernel: `make V=1` shows the commands
ifneq ($(V),1)
Q = @
QUIET_CC = @echo "  CC      $@";
QUIET_LINK = @echo "  LINK    $@";
endif

BUILD ?= build
LIB_SRC = src/arena.c src/text.c src/amount.c src/date.c src/source.c \
	  src/reader.c src/reader_text.c src/nfc.c src/zipfile.c src/docx.c src/tables.c src/import.c \
	  src/finding.c src/yaml.c src/plan.c src/body.c src/json.c \
	  src/report.c src/cite.c src/report_text.c src/report_json.c src/report_sarif.c \
	  src/report_csv.c src/report_summary_json.c src/report_summary_pdf.c \
	  src/review_batch.c src/review_store.c src/review_walk.c \
	  src/rules.c src/schema.c src/frames.c src/expr.c src/check.c src/figures.c src/check_section.c \
	  src/check_field.c src/check_assert.c src/check_flow.c src/check_frame.c \
	  src/regex.c src/prefilter.c src/check_mention.c src/check_spelling.c src/check_morpheme.c src/check_calendar.c src/check_schedule.c src/check_pattern.c \
	  src/check_metric.c src/output.c src/mecab.c src/config.c \
	  src/layout.c src/pdf_render.c src/report_pdf.c src/book.c src/tasks.c \
	  src/serve_api.c
CLI_SRC = src/main.c src/cmd_init.c src/cmd_check.c src/cmd_rules.c src/cmd_fix.c src/cmd_report.c src/cmd_review.c src/cmd_new.c src/cmd_book.c src/cmd_import.c \
	  src/serve.c
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/%)

PLANCHECK = ./plancheck

.PHONY: all deps demo check test unit asan clean install uninstall bench books fuzz valgrind manual-index check-browser
# the rule files' parsed trees, which start-up reads instead of their YAML
# (`plancheck rules --write-cache`; a file edited since is read again)
RULES_CACHE = rules/.plancheck-parsed
all: $(PLANCHECK) $(RULES_CACHE)

$(RULES_CACHE): $(PLANCHECK) $(wildcard rules/*/*.yml)
	@echo "  CACHE   $@"
	@PLANCHECK_DATA=$(CURDIR) $(PLANCHECK) rules --write-cache --no-config --rules rules >/dev/null 2>$(BUILD)/rules-cache.log || \
	 { cat $(BUILD)/rules-cache.log; exit 1; }

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: src/%.c
	@mkdir -p $(BUILD)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/mecab.o: ALL_CFLAGS += $(if $(MECAB_DICDIR),-DPC_MECAB_DICDIR='"$(MECAB_DICDIR)"')

$(BUILD)/libplancheck.a: $(LIB_OBJ)
	$(Q)$(AR) rcs $@ $^

$(PLANCHECK): $(CLI_OBJ) $(BUILD)/libplancheck.a
	$(QUIET_LINK)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libplancheck.a $(LIBS)

$(BUILD)/test_%: tests/unit/test_%.c tests/unit/unit.h $(BUILD)/libplancheck.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libplancheck.a $(LIBS)

$(BUILD)/score: tests/score.c $(BUILD)/libplancheck.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libplancheck.a $(LIBS)

$(BUILD)/gen: bench/gen.c
	$(QUIET_LINK)$(CC) -O2 -std=c11 $(WARN_CFLAGS) -o $@ $< -lm

$(BUILD)/floor: bench/floor.c
	$(QUIET_LINK)$(CC) -O2 -std=c11 $(WARN_CFLAGS) -o $@ $< $(PKG_LIBS)


# ---- fuzzing -------------------------------------------------------------
# make fuzz FUZZ_SECONDS=N: each libFuzzer target (clang, ASan + UBSan) for
# N seconds, its corpus growing in build-fuzz/; a crash is kept by libFuzzer
# as crash-* and belongs in fuzz/regress/<target>/.  make check replays the
# seeds and the regressions without fuzzing (build/replay_*).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = plan rules amount expr prefilter http docx table
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJ = $(LIB_SRC:src/%.c=build-fuzz/%.o)

build-fuzz/%.o: src/%.c
	@mkdir -p build-fuzz
	$(QUIET_CC)clang -std=c11 -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) -DPC_DATADIR='"$(DATADIR)"' \
		$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build-fuzz/fz_%: fuzz/fz_%.c $(FUZZ_OBJ)
	$(QUIET_LINK)clang -std=c11 -D_GNU_SOURCE -Iinclude -Isrc $(PKG_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer \
		-MMD -MP -MF $@.d -o $@ $< $(FUZZ_OBJ) $(LIBS) -lstdc++

$(BUILD)/replay_%: fuzz/fz_%.c fuzz/replay.c $(BUILD)/libplancheck.a
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ fuzz/fz_$*.c fuzz/replay.c $(BUILD)/libplancheck.a $(LIBS)

.SECONDARY: $(FUZZ_OBJ)

fuzz: $(FUZZ_TARGETS:%=build-fuzz/fz_%)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p build-fuzz/corpus-$$t fuzz/regress/$$t; \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		PLANCHECK_DATA=$(CURDIR) PLANCHECK_PLAN=$(CURDIR)/examples/hakkoda-seiko.md \
		./build-fuzz/fz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build-fuzz/ \
			build-fuzz/corpus-$$t fuzz/seeds/$$t fuzz/regress/$$t >build-fuzz/$$t.log 2>&1; st=$$?; \
		grep -E 'stat::number_of_executed_units|stat::peak_rss|ERROR|SUMMARY|crash-|Done' build-fuzz/$$t.log; \
		[ $$st -eq 0 ] || { echo "fuzz $$t failed (exit $$st): build-fuzz/$$t.log"; exit 1; }; \
	done

# the cite index: each manual section's heading as printed and its page,
# which findings show for their cite (make check fails when it is stale)
manual-index: all
	$(PLANCHECK) manual -o build/manual.pdf --dump-index manual/index.tsv

# the printed manual and handbook
books: all
	$(PLANCHECK) manual -o build/manual.pdf
	$(PLANCHECK) handbook -o build/handbook.pdf
	@echo "build/manual.pdf build/handbook.pdf"

# speed and memory against a floor and textlint (not part of check)
bench: all $(BUILD)/gen $(BUILD)/floor $(BUILD)/rusage
	@sh bench/run.sh

REPLAY_BIN = $(FUZZ_TARGETS:%=$(BUILD)/replay_%)

$(BUILD)/rusage: tests/rusage.c
	$(QUIET_LINK)$(CC) -O2 -std=c11 $(WARN_CFLAGS) -o $@ $<

unit: $(UNIT_BIN) $(BUILD)/score $(BUILD)/gen $(REPLAY_BIN) $(BUILD)/rusage

# `make demo`: install what is missing, build, check the bundled example.
demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== plancheck check examples/hakkoda-seiko.md"
	@$(PLANCHECK) check examples/hakkoda-seiko.md; st=$$?; \
	 echo "== plancheck check examples/tsugaru-foods.md (seeded defects)"; \
	 $(PLANCHECK) check examples/tsugaru-foods.md; \
	 test $$st -eq 0
	@mkdir -p out
	@$(PLANCHECK) report examples/tsugaru-foods.md -o out/tsugaru-foods.pdf; st=$$?; \
	 test $$st -le 1 && echo "== 指摘を書き込んだ PDF: out/tsugaru-foods.pdf"

check: deps
	@$(MAKE) --no-print-directory all unit
	@sh tests/run.sh

test: check

# the page of `plancheck serve` in Debian's chromium (headless), driven by
# puppeteer-core from npm; screenshots in build/browser/
check-browser: deps
	@sh scripts/browser-deps.sh
	@$(MAKE) --no-print-directory all
	@PLANCHECK=$(CURDIR)/$(PLANCHECK) PLANCHECK_DATA=$(CURDIR) timeout -k 10 900 node tests/browser/page.test.js || \
	 { st=$$?; [ $$st != 124 ] || echo "check-browser: no end after 900 s; stopped"; exit $$st; }

asan:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory BUILD=build-asan PLANCHECK=./build-asan/plancheck \
		SANITIZE=address,undefined DEVELOPER=1 CFLAGS="-O1 -g" build-asan/plancheck unit-asan
	@PLANCHECK=./build-asan/plancheck UNIT_DIR=build-asan ASAN_OPTIONS=detect_leaks=1 sh tests/run.sh

# the whole suite with every plancheck run under valgrind's memcheck
valgrind: all unit
	@printf '#!/bin/sh\nexec valgrind --quiet --vgdb=no --error-exitcode=99 --suppressions=%s/tests/valgrind.supp --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite "%s/plancheck" "$$@"\n' "$(CURDIR)" "$(CURDIR)" >build/valgrind-plancheck
	@chmod +x build/valgrind-plancheck
	@PLANCHECK=$(CURDIR)/build/valgrind-plancheck PLANCHECK_TIMING=off CONTRACT_TIMEOUT=5400 sh tests/run.sh

unit-asan: $(UNIT_BIN) $(BUILD)/score $(BUILD)/gen $(REPLAY_BIN) $(BUILD)/rusage

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PLANCHECK) $(DESTDIR)$(BINDIR)/plancheck
	cp -R rules dicts templates manual web $(DESTDIR)$(DATADIR)/
	install -m 644 doc/plancheck.1 $(DESTDIR)$(MANDIR)/man1/plancheck.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/plancheck $(DESTDIR)$(MANDIR)/man1/plancheck.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz $(PLANCHECK) $(RULES_CACHE)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
# header dependencies of everything else built from C: the unit tests,
# replays and tools here, and the fuzz build (a stale object there compiled
# against an older struct layout once passed for a fuzzer crash)
-include $(wildcard $(BUILD)/test_*.d $(BUILD)/replay_*.d $(BUILD)/score.d build-fuzz/*.d)
