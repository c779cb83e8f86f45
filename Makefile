# briefing: structured facts -> a print-quality briefing PDF.
#
#   make run     build and write out/briefing.pdf
#   make print   the print profile (grey, duplex) -> out/print.pdf
#   make slides  the slide profile (16:9 deck) -> out/slides.pdf
#   make test    unit tests (cmocka) and end-to-end PDF checks
#   make check   the test suite again under AddressSanitizer and UBSan
#   make batch-test  make -j over 500 generated configs: the serial run's bytes
#   make test-distributed  100 briefings as array tasks of a Slurm started
#                on localhost (examples/slurm/), every PDF checked
#   make install / uninstall   PREFIX (default /usr/local), DESTDIR
#   make bench   the benchmark suite (bench/run.sh): time, memory, bytes and
#                instructions per case, against targets and HEAD~1
#                (BENCH_RUNS=N, BENCH_BASE=REV); writes bench/results.tsv
#   make fuzz    libFuzzer on the config (and its -D), facts and CSV
#                parsers, fonts, markup and image files
#                (FUZZ_SECONDS each, default 60)
#
# Missing Debian packages are installed when run as root; otherwise the
# exact apt-get line is printed (.ci/deps).

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD ?= build

PROJECT_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Werror=implicit-function-declaration \
	-Iinclude -Isrc -MMD -MP \
	$(shell pkg-config --cflags fontconfig harfbuzz-subset md4c libdeflate 2>/dev/null)
# Debian 12 ships no pkg-config files for libharu, iniparser, libcsv or
# libhyphen.
LIBS = -lhpdf -lz -liniparser -lcsv -lhyphen \
	$(shell pkg-config --libs fontconfig harfbuzz-subset md4c libdeflate 2>/dev/null) -lm
TEST_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

# One folder per pipeline stage (docs/architecture.md):
#   base -> input -> doc -> fonts -> layout -> render -> main.c
STAGES = base input doc fonts layout render
LIB_SRC = $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
# The command line: main.c and src/cli/ (options, build, depfile,
# summary, watch); not linked into the unit tests.
CLI_OBJ = $(patsubst src/%.c,$(BUILD)/%.o,$(wildcard src/cli/*.c)) $(BUILD)/main.o
BIN = $(BUILD)/briefing
TESTS = $(patsubst tests/%.c,$(BUILD)/%,$(wildcard tests/test_*.c))

FONT_DIR = /usr/share/fonts/truetype/dejavu
FONTS = fonts/DejaVuSans.ttf fonts/DejaVuSans-Bold.ttf fonts/DejaVuSans-Oblique.ttf

.PHONY: all run print slides lint test unit e2e check lint clean install deps deps-test fonts bench \
	fuzz deps-fuzz batch-test uninstall test-distributed deps-distributed

all: deps $(BIN) $(FONTS)

deps:
	@.ci/deps build

deps-test:
	@.ci/deps test

deps-fuzz:
	@.ci/deps fuzz

deps-distributed:
	@.ci/deps distributed

fonts: $(FONTS)

# Fonts come from Debian's fonts-dejavu packages at build time; none is
# committed.
fonts/%.ttf: | deps
	@cp $(FONT_DIR)/$*.ttf $@

# Tests use a copy of the build's font at a path they own, so that no test
# depends on fonts/ or the shipped config (tests/fixtures/README.md).
FIXTURE_FONT = tests/fixtures/fonts/DejaVuSans.ttf

$(FIXTURE_FONT): fonts/DejaVuSans.ttf
	@mkdir -p $(@D)
	@cp $< $@

run: all
	@mkdir -p out
	$(BIN) build -c config/briefing.ini -o out/briefing.pdf

# The print profile: grey, duplex with mirrored margins.
print: all
	@mkdir -p out
	$(BIN) build -c config/print.ini -o out/print.pdf

# The slide profile: the same facts as a 16:9 deck, a section a slide.
slides: all
	@mkdir -p out
	$(BIN) build -c config/slides.ini -o out/slides.pdf

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) $(CFLAGS) -c $< -o $@

$(BIN): $(LIB_OBJ) $(CLI_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LIBS) -o $@

$(BUILD)/test_%.o: tests/test_%.c
	@mkdir -p $(BUILD)
	$(CC) $(PROJECT_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/test_%: $(BUILD)/test_%.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) $(WRAP_$*) $^ $(TEST_LIBS) $(LIBS) -o $@

# test_fileio replaces write(2) to make a write fail midway, as a full
# disk would (cmocka's --wrap mocking).
WRAP_fileio = -Wl,--wrap=write

# Test images (PNG and JPEG) are made at test time by a tool of our own,
# never committed (tests/tools/mkimage.c; libjpeg from .ci/deps test).
MKIMAGE = $(BUILD)/tools/mkimage

$(MKIMAGE): tests/tools/mkimage.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -Wall -Wextra $(CFLAGS) $(LDFLAGS) $< -ljpeg -lz -o $@

# cmocka prints its summary on stderr: merge it so logs show it in order.
unit: $(TESTS) $(FONTS) $(FIXTURE_FONT)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t 2>&1; done

e2e: $(BIN) $(FONTS) $(FIXTURE_FONT) $(MKIMAGE)
	@BRIEFING=$(BIN) tests/e2e/run.sh
	@BRIEFING=$(BIN) MKIMAGE=$(MKIMAGE) tests/e2e/bad-input.sh
	@# Images: sizes, colours and pixels placed, captions, dpi warnings
	@BRIEFING=$(BIN) MKIMAGE=$(MKIMAGE) tests/e2e/images.sh
	@# Release builds leak nothing of what they withhold
	@BRIEFING=$(BIN) tests/e2e/release.sh
	@# Word gaps, hyphens and lone list items of the default briefing
	@BRIEFING=$(BIN) tests/e2e/wordgaps.sh
	@# Footnotes at the foot of their marker's page, references and links
	@BRIEFING=$(BIN) MKIMAGE=$(MKIMAGE) tests/e2e/footnotes.sh
	@# Page sizes, turned sections, section starts, the slide profile
	@BRIEFING=$(BIN) tests/e2e/geometry.sh
	@# A pinned SHA-256 of a fixture mission's PDF; when a change to the
	@# output is intended: tests/e2e/golden.sh --update
	@BRIEFING=$(BIN) tests/e2e/golden.sh
	@# Date patterns, the DTG, month names; reference, edition, version
	@# and the record of changes (cover, footer, metadata)
	@BRIEFING=$(BIN) tests/e2e/doccontrol.sh
	@# The command line unattended: exit statuses, --quiet, --summary-json,
	@# --werror, colour; --depfile read back by make; the batch example's
	@# rebuild of exactly what changed; watch mode
	@BRIEFING=$(BIN) tests/e2e/cli.sh
	@# Several includes, -D overrides, examples/variants
	@BRIEFING=$(BIN) tests/e2e/profiles.sh
	@BRIEFING=$(BIN) tests/e2e/depfile.sh
	@BRIEFING=$(BIN) tests/e2e/batch.sh
	@BRIEFING=$(BIN) tests/e2e/watch.sh
	@# The scheduling examples (systemd units verified, the commands of
	@# the service, crontab and CI snippet run on a clean copy); GNU
	@# parallel over the batch configs, the bytes of a serial build
	@BRIEFING=$(BIN) tests/e2e/schedule.sh
	@BRIEFING=$(BIN) tests/e2e/parallel.sh
	@# init, fonts, --font-path, the man page, bash completion, and
	@# make install/uninstall into a temporary DESTDIR
	@BRIEFING=$(BIN) tests/e2e/tools.sh

# make -j over 500 generated configs gives the serial run's bytes
# (tests/e2e/batch-parallel.sh; about 16 s on two cores). BATCH_CONFIGS=N.
BATCH_CONFIGS ?= 500
batch-test: deps-test
	@$(MAKE) --no-print-directory $(BIN) $(FONTS)
	@BRIEFING=$(BIN) tests/e2e/batch-parallel.sh $(BATCH_CONFIGS)

# A single-node Slurm on 127.0.0.1 (state, spool and logs in a temporary
# directory, torn down on exit) runs examples/slurm/briefing.sbatch as 100
# array tasks (tests/e2e/slurm.sh; SLURM_TASKS=N). Fails, saying why, if
# Slurm cannot start: it never passes without running jobs.
SLURM_TASKS ?= 100
test-distributed: deps-distributed
	@$(MAKE) --no-print-directory $(BIN) $(FONTS)
	@BRIEFING=$(BIN) tests/e2e/slurm.sh $(SLURM_TASKS)

test: deps-test
	@$(MAKE) --no-print-directory unit e2e

check: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" unit e2e
	@$(MAKE) --no-print-directory $(BIN) $(FONTS)
	@# Blocks glib allocates in its library constructor (HarfBuzz links it)
	@# stay reachable at exit; they are not ours and not leaks.
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
		$(BIN) build -q -o build/valgrind.pdf
	@if grep -rlE '#[[:space:]]*include[[:space:]]*[<"]hpdf' src include | grep -v '^src/render/'; then \
		echo "error: only src/render/ may include <hpdf.h>"; exit 1; fi

$(BUILD)/chart_bench: bench/chart_bench.c $(BUILD)/layout/chart.o $(BUILD)/layout/chart_connect.o $(BUILD)/layout/chart_tree.o $(BUILD)/base/xalloc.o
	$(CC) $(PROJECT_CFLAGS) $(CFLAGS) $^ -lm -o $@

# Static analysis. Excluded checks, and why: easily-swappable-parameters
# and cert-err33-c (unchecked printf-family results) flag idiomatic C
# throughout; reserved-identifier and cert-dcl37/51 flag the __wrap_/__real_
# names that --wrap mocking requires; insecureAPI wants C11 Annex K (_s)
# functions, which glibc does not provide; valist.Uninitialized is a known
# false positive of clang 14's analyzer on glibc's va_start.
TIDY_CHECKS = -*,bugprone-*,cert-*,clang-analyzer-*,\
	-bugprone-easily-swappable-parameters,-cert-err33-c,\
	-bugprone-reserved-identifier,-cert-dcl37-c,-cert-dcl51-cpp,\
	-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,\
	-clang-analyzer-valist.Uninitialized

lint:
	@.ci/deps lint
	cppcheck --enable=warning,performance,portability --std=c11 --quiet \
		--inline-suppr --error-exitcode=1 -Iinclude \
		--suppress=missingIncludeSystem -Isrc src/
	clang-tidy --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' \
		src/*.c src/*/*.c -- -std=c11 -Iinclude -Isrc $(shell pkg-config --cflags fontconfig harfbuzz-subset)

# bench/run.sh builds the base revision in build/bench-base/SHA (an
# export of its tree) and runs both binaries alternately on each case.
bench: all deps-test $(BUILD)/chart_bench
	@bench/run.sh $(BIN)
	@echo "org chart layout (random trees, no PDF):"
	@$(BUILD)/chart_bench

# libFuzzer harnesses (fuzz/), built with clang under ASan and UBSan. The
# library objects get fuzzer-no-link instrumentation; only the harness
# links libFuzzer's main. --wrap=file_parse_at,file_read_at keep reads inside an empty
# scratch directory (fuzz/fuzz.h). fuzz/run.sh runs each for FUZZ_SECONDS
# on a corpus in $(BUILD)/fuzz seeded from fuzz/corpus, and fails on any
# finding.
FUZZ_SECONDS ?= 60
FUZZ_CC = clang
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZERS = config define facts csv font markup image
FUZZ_BIN = $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)
# fuzz_font's seeds are fonts, which are never committed: DejaVu Sans and
# a small subset of it, made here (fuzz/corpus/font/README).
FONT_SEEDS = $(BUILD)/fuzz/corpus-font/DejaVuSans.ttf \
	$(BUILD)/fuzz/corpus-font/sample-subset.ttf

$(BUILD)/fuzz/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(PROJECT_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/fuzz_%.o: fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(PROJECT_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(LIB_SRC:src/%.c=$(BUILD)/fuzz/%.o)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $^ -Wl,--wrap=file_parse_at,--wrap=file_read_at $(LIBS) -o $@

$(BUILD)/fuzz/corpus-font/DejaVuSans.ttf: fonts/DejaVuSans.ttf
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/fuzz/corpus-font/sample-subset.ttf: $(BUILD)/fuzz/font_seed fonts/DejaVuSans.ttf
	@mkdir -p $(@D)
	$(BUILD)/fuzz/font_seed fonts/DejaVuSans.ttf $@

$(BUILD)/fuzz/font_seed: fuzz/fuzz_font.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(PROJECT_CFLAGS) $(CFLAGS) -DFUZZ_FONT_SEED $^ $(LIBS) -o $@

# fuzz_image's seeds are images made here by the test tool (one of each
# kind it makes), never committed (fuzz/corpus/image/README).
IMAGE_SEEDS = $(foreach k,png-rgb png-grey png-palette png-rgba jpeg,$(BUILD)/fuzz/corpus-image/$(k).img)

$(BUILD)/fuzz/corpus-image/%.img: $(MKIMAGE)
	@mkdir -p $(@D)
	$(MKIMAGE) $* 17 9 c03020 $@

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory $(FUZZ_BIN) $(FONT_SEEDS) $(IMAGE_SEEDS)
	@fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# The binary, the man page, bash completion, the documentation and the
# examples (a batch project that builds with the installed binary:
# cp -r $(PREFIX)/share/doc/briefing/examples/batch x && make -C x).
# uninstall removes exactly these. tests/e2e/tools.sh installs into a
# temporary DESTDIR and uninstalls again.
MANDIR = $(PREFIX)/share/man/man1
DOCDIR = $(PREFIX)/share/doc/briefing
COMPDIR = $(PREFIX)/share/bash-completion/completions
DOC_FILES = README.md $(wildcard docs/*.md docs/*.png)
EXAMPLE_FILES = $(shell find examples -type f ! -path '*/out/*' ! -name '*.d' | LC_ALL=C sort)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR) $(DESTDIR)$(DOCDIR)/docs
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/briefing
	install -m 644 docs/briefing.1 $(DESTDIR)$(MANDIR)/briefing.1
	install -m 644 examples/completion/briefing.bash $(DESTDIR)$(COMPDIR)/briefing
	install -m 644 README.md $(DESTDIR)$(DOCDIR)/README.md
	install -m 644 $(filter docs/%,$(DOC_FILES)) $(DESTDIR)$(DOCDIR)/docs/
	@set -e; for f in $(EXAMPLE_FILES); do \
		mode=644; [ -x "$$f" ] && mode=755; \
		install -d "$(DESTDIR)$(DOCDIR)/$$(dirname "$$f")"; \
		install -m $$mode "$$f" "$(DESTDIR)$(DOCDIR)/$$f"; \
	done
	@echo "installed briefing into $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/briefing $(DESTDIR)$(MANDIR)/briefing.1 \
		$(DESTDIR)$(COMPDIR)/briefing
	rm -rf $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build out/*.pdf out/*.tmp.* $(FONTS) $(FIXTURE_FONT)

# Keep test objects: they are intermediate, but rebuilding them each run
# is wasted time.
.SECONDARY:

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d $(BUILD)/fuzz/*.d $(BUILD)/fuzz/*/*.d)
