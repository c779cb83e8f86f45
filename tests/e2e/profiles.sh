#!/bin/bash
# Profiles that layer: a config with several includes builds with the
# later include's keys over the earlier's and its own over both; -D sets
# keys over every file, in order, and is read and checked as a file's
# value is; an empty block ("N =") in a later layer removes the block of
# the layers before; watch keeps the -D values for every rebuild; an option other
# than -D given twice is a usage error; examples/variants builds three
# variants of one config from a Makefile. Checked in the PDFs with
# pdfinfo and pdftotext.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-profiles.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

check_log=$work/check
. "$top/tests/e2e/lib.sh"
out=$work/stdout err=$work/stderr
run() { timeout 60 "$BRIEFING" "$@" >"$out" 2>"$err" </dev/null; rc=$?; }
info() { pdfinfo "$1" | sed -n "s/^$2: *//p"; }
text() { pdftotext -layout "$1" - 2>/dev/null; }

m=$work/mission
cp -r tests/e2e/mission "$m"

# --- several includes ---------------------------------------------------
cat >"$m/letter.ini" <<'EOF'
[document]
title = "Letter title"
[page]
size = letter
margin_left = 30
EOF
cat >"$m/retitle.ini" <<'EOF'
# a second profile over the same base: it must not undo letter.ini
include = test.ini
[document]
title = "Layered title"
EOF
cat >"$m/top.ini" <<'EOF'
# the base, then two profiles, then this file's own keys
include = test.ini
include = letter.ini
include = retitle.ini

[section.two]
title = "Staff"
EOF
pdf=$work/top.pdf
run build -c "$m/top.ini" -o "$pdf" --depfile "$work/top.d"
check "two includes and a base build" test "$rc" -eq 0
check "a later include overrides an earlier one (pdfinfo title)" test "$(info "$pdf" Title)" = "Layered title"
check "a base two profiles share applies once: letter.ini's page size holds" \
	grep -q "^612 x 792 pts (letter)$" <(info "$pdf" "Page size")
text "$pdf" >"$work/top.txt"
check "the including file overrides its includes (section title)" grep -q "^ *2 *Staff" "$work/top.txt"
check "... and the base's other section stays" grep -q "^ *1 *Places" "$work/top.txt"
check "the depfile lists the files in the order read, the base once" \
	test "$(sed -n '1,6p' "$work/top.d" | sed 's/ \\$//' | tr -d ' ' | tr '\n' ' ')" = \
	"$work/top.pdf:$m/top.ini $m/test.ini $m/letter.ini $m/retitle.ini $m/facts.ini $m/people.csv "

# --- -D ----------------------------------------------------------------
pdf=$work/d.pdf
run build -c "$m/top.ini" -o "$pdf" --summary-json \
	-D page.size=a3 -D 'document.title="From the command line; -D"' \
	-D section.one.title=First -D SECTION.ONE.TITLE='"Last wins"'
check "-D over the includes builds" test "$rc" -eq 0
check "-D sets the title (pdfinfo), quoted as in a file" test "$(info "$pdf" Title)" = "From the command line; -D"
check "-D sets the page size (pdfinfo)" grep -q "^841.89 x 1190.55 pts (A3)$" <(info "$pdf" "Page size")
text "$pdf" >"$work/d.txt"
check "-D sets a section's title (pdftotext); the last of one key wins" grep -q "^ *1 *Last wins" "$work/d.txt"
check "... the earlier one is gone" sh -c "! grep -q First '$work/d.txt'"
check "the summary records the -D values in order" \
	jq -e '.defines == ["page.size=a3", "document.title=\"From the command line; -D\"", "section.one.title=First", "SECTION.ONE.TITLE=\"Last wins\""]' "$out"
check "... and no pseudo-file among its inputs" jq -e '[.inputs[] | select(startswith("-D"))] == []' "$out"
run build -c "$m/test.ini" -o "$work/e.pdf" --summary-json
check "without -D the summary's defines is []" jq -e '.defines == []' "$out"

# a -D that adds a data file: a path relative to the current directory
printf '[source]\ntitle = "More facts"\nupdated = 2020-02-01\n[more.towns]\ntype = list\n1 = "Prizren"\n' >"$work/more.ini"
(cd "$work" && timeout 60 "$BRIEFING" build -q -c "$m/test.ini" -o more.pdf \
	-D data.more=more.ini -D 'section.two.2=list more.towns' >"$out" 2>"$err")
check "-D data.KEY=FILE reads FILE from the current directory" grep -q Prizren <(text "$work/more.pdf")

# "N =" in a later layer removes block N of the layers before
printf 'include = test.ini\n[section.one]\n2 =\n' >"$m/short.ini"
run build -c "$m/short.ini" -o "$work/short.pdf"
check "an empty block in an including file removes the included block" \
	sh -c "! pdftotext '$work/short.pdf' - | grep -q 'Filler paragraph'"
check "... and keeps the section's other block" grep -q "Uroševac" <(text "$work/short.pdf")
run build -c "$m/test.ini" -o "$work/short-d.pdf" -D section.one.1=
check "-D section.NAME.N= removes block N" sh -c "! pdftotext '$work/short-d.pdf' - | grep -q 'Uroševac'"
check "... and keeps the others" grep -q "Filler paragraph" <(text "$work/short-d.pdf")
run check -c "$m/test.ini" -D section.one.5=
check "with no block N to remove, an empty block stays an error" \
	grep -qxF -- "-D section.one.5=: error: [section.one] 5: unknown block type ''" "$err"

# errors name the option as their file, exit 1, and write nothing
echo keep >"$work/kept.pdf"
run build -c "$m/top.ini" -o "$work/kept.pdf" -D page.sise=a4
check "-D of an unknown key: exit 1" test "$rc" -eq 1
check "... naming the option, with a suggestion" grep -qxF -- "-D page.sise=a4: error: [page] sise: unknown key (did you mean 'size'?)" "$err"
check "... and the output is kept" test "$(cat "$work/kept.pdf")" = keep
run check -c "$m/top.ini" -D section.tow.title=X
check "-D of an unknown section names the option and the closest section" \
	grep -qxF -- "-D section.tow.title=X: error: no section [section.tow] to set 'title' in (did you mean [section.two]?)" "$err"
run check -c "$m/top.ini" -D page.size=a5
check "-D of a bad value is checked as in a file" \
	grep -qxF -- "-D page.size=a5: error: [page] size: 'a5' is not one of: a4, letter, a3, legal, or WIDTH x HEIGHT with a unit (e.g. '297 x 167 mm')" "$err"
run check -c "$m/top.ini" -D 'document.title=A; B'
check "a warning about a -D names it too (exit 0)" test "$rc" -eq 0
check "... text after ';'" grep -qF -- "-D document.title=A; B: warning: [document] title: text after ';' is dropped" "$err"
run check -c "$m/top.ini" -D pagesize=a4
check "-D not of the form SECTION.KEY=VALUE: exit 2" test "$rc" -eq 2

# --- an option given twice -----------------------------------------------
twice() { # twice OPTION ARGS...
	local o=$1; shift
	run "$@"
	check "$o given twice: exit 2 (got $rc)" test "$rc" -eq 2
	check "... says so" grep -qxF "briefing: option '$o' given twice" "$err"
}
twice -o build -c "$m/test.ini" -o "$work/x.pdf" -o "$work/y.pdf"
twice --output build -c "$m/test.ini" --output="$work/x.pdf" --output "$work/y.pdf"
twice --release-level build -c "$m/test.ini" --release-level EX --release-level EX
twice --depfile build -c "$m/test.ini" --depfile "$work/a.d" --depfile "$work/b.d"
twice --font-path check -c "$m/test.ini" --font-path fonts --font-path fonts
check "nothing was written by them" test ! -e "$work/x.pdf" -a ! -e "$work/y.pdf"
run check -q -c "$m/test.ini" -D page.size=a4 --define page.size=letter --define=document.title=T
check "-D and --define may be given many times" test "$rc" -eq 0

# --- watch keeps the -D values -------------------------------------------
pdf=$work/w.pdf
log=$work/watch.log
timeout 120 "$BRIEFING" watch -c "$m/top.ini" -o "$pdf" -D document.title=Watched \
	>"$log" 2>&1 </dev/null &
pid=$!
wait_for() {
	local deadline=$((SECONDS + $1)); shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
check "watch with -D builds" wait_for 30 test -s "$pdf"
check "... with the -D title" test "$(info "$pdf" Title)" = Watched
check "... and watches its inputs" wait_for 10 grep -q '^watching [0-9]* files; Ctrl-C stops$' "$log"
sed -i 's/^title = "Letter title"$/title = "Edited"/' "$m/letter.ini"
check "an edit to an include rebuilds" wait_for 30 sh -c "test \$(grep -c '^wrote ' '$log') -eq 2"
check "... and the rebuild keeps the -D title" test "$(info "$pdf" Title)" = Watched
kill -TERM "$pid"
wait "$pid"
check "watch ends with status 0" test $? -eq 0
pid=

# --- examples/variants: one config, three PDFs ----------------------------
cp -r examples/variants "$work/variants"
rm -rf "$work/variants/out"
v=$work/variants
mk() { make -s -C "$v" BRIEFING="$BRIEFING" CONFIG="$top/config/briefing.ini" "$@" >"$work/make.out" 2>&1; }
if mk -j2; then ok "the variants build"; else fail "the variants build" "$(head -5 "$work/make.out")"; fi
check "one PDF per variant" test "$(cd "$v/out" && ls *.pdf | tr '\n' ' ')" = "a4.pdf draft.pdf letter.pdf "
check "a4 is the default briefing, byte for byte" cmp -s "$v/out/a4.pdf" <("$BRIEFING" build -q -o - 2>/dev/null)
check "letter is US Letter (pdfinfo)" grep -q "(letter)$" <(info "$v/out/letter.pdf" "Page size")
check "draft has its subtitle (pdftotext)" grep -q "Draft; not for release" <(text "$v/out/draft.pdf")
check "... and its retitled section" grep -q "Summary (draft)" <(text "$v/out/draft.pdf")
check "every variant shares the title" test "$(info "$v/out/draft.pdf" Title)" = "$(info "$v/out/letter.pdf" Title)"
check "the log records each variant's -D values" \
	jq -se 'map(select(.output == "out/letter.pdf")) | .[0].defines | index("page.size=letter") != null' "$v/out/builds.jsonl"
touch "$work/mark"; sleep 0.01
mk
check "a second make does nothing" test "$(find "$v/out" -name '*.pdf' -newer "$work/mark" | wc -l)" -eq 0
touch "$v/Makefile"
mk
check "a change to the Makefile (the -D values) rebuilds all three" \
	test "$(find "$v/out" -name '*.pdf' -newer "$work/mark" | wc -l)" -eq 3

if [ "$failures" -ne 0 ]; then
	echo "profiles: $failures check(s) failed"
	exit 1
fi
echo "profiles: all checks passed"
