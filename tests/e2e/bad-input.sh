#!/bin/bash
# Bad input never crashes, hangs or loses work: every class of mistake a
# user can make gets an exact diagnostic and a non-zero exit status, and
# an existing PDF at the output path is left byte for byte as it was.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-bad.XXXXXX")
trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
failures=0 cases=0

# The last good PDF, which no failed build may touch.
good=$work/good.pdf
"$BRIEFING" build -q -c tests/e2e/mission/test.ini -o "$good" || exit 1
good_sum=$(sha256sum <"$good")

# new_case: a fresh copy of the small test mission in $case.
new_case() {
	case=$work/case$((cases + 1))
	rm -rf "$case"
	cp -r tests/e2e/mission "$case"
}

# verdict NAME PROBLEMS: records a case, passed when PROBLEMS is empty;
# a failure shows the start of the last stderr.
verdict() {
	cases=$((cases + 1))
	if [ -z "$2" ]; then
		printf 'ok   %s\n' "$1"
	else
		printf 'FAIL %s: %s\n' "$1" "$2"
		sed 's/^/     stderr: /' "$work/err" | head -3
		failures=$((failures + 1))
	fi
}

# expect NAME STATUS PATTERN [ARGS...]: runs briefing build with ARGS (by
# default -c $case/test.ini -o $good) and checks the exit status, that
# stderr has a line matching the extended regex PATTERN, and that the
# good PDF and its directory are untouched.
expect() {
	local name=$1 status=$2 pattern=$3 rc problems=""
	shift 3
	[ $# -eq 0 ] && set -- build -c "$case/test.ini" -o "$good"
	timeout 60 "$BRIEFING" "$@" >"$work/out" 2>"$work/err" </dev/null
	rc=$?
	[ "$rc" -eq "$status" ] || problems="exit status $rc, want $status;"
	[ "$rc" -ge 124 ] && problems="$problems crashed or hung;"
	grep -Eq -- "$pattern" "$work/err" || problems="$problems no diagnostic /$pattern/;"
	[ "$(sha256sum <"$good")" = "$good_sum" ] || problems="$problems the good PDF changed;"
	ls "$work" | grep -q '\.tmp\.' && problems="$problems a temporary file was left;"
	verdict "$name" "$problems"
}

# --- files ---------------------------------------------------------------
new_case
expect "missing config file" 1 "^$work/nope.ini: error: cannot open: No such file or directory$" \
	build -c "$work/nope.ini" -o "$good"
expect "config is a directory" 1 "^$case: error: is a directory, not a file$" build -c "$case" -o "$good"
new_case; sed -i 's/^m = facts.ini/m = gone.ini/' "$case/test.ini"
expect "missing data file, at the config line naming it" 1 "^$case/test.ini:11: error: '$case/gone.ini': cannot open: No such file or directory$"
new_case; : >"$case/test.ini"
expect "zero-byte config" 1 "^$case/test.ini: error: missing required section \[document\]$"
new_case; : >"$case/facts.ini"
expect "zero-byte data file" 1 "^$case/facts.ini: error: missing \[source\] section"
new_case; : >"$case/people.csv"
expect "zero-byte CSV" 1 "^$case/people.csv: error: empty CSV file: expected a header row$"

# --- INI syntax and schema -------------------------------------------------
new_case; sed -i '5a this is not ini' "$case/test.ini"
expect "INI syntax error" 1 "^$case/test.ini:6: error: expected 'key = value' or '\[section\]'$"
new_case; printf '[x]\nk = %s\n' "$(head -c 2000 /dev/zero | tr '\0' a)" >>"$case/test.ini"
expect "line too long for iniparser" 1 "^$case/test.ini:2[0-9]: error: line is 2004 bytes long; the limit is 1000$"
new_case; sed -i 's/^\[section.two\]/[sectoin.two]/' "$case/test.ini"
expect "unknown section" 1 "^$case/test.ini:[0-9]+: error: unknown section \[sectoin.two\] \(expected \[document\], \[page\], \[fonts\], \[style\], \[labels\], \[data\], \[cover\], \[hyphenation\], \[classification\], \[section.NAME\], \[table.FACT\], \[orgchart.FACT\] or \[image.FACT\]\)$"
new_case; sed -i 's/^author = /autor = /' "$case/test.ini"
expect "unknown key, with a hint" 1 "^$case/test.ini:6: error: \[document\] autor: unknown key \(did you mean 'author'\?\)$"
new_case; sed -i '/^title = /d' "$case/test.ini"
expect "missing required key" 1 "^$case/test.ini:4: error: \[document\] title: required key is missing$"
new_case; sed -i 's/^marking = .*/marking = "EXERCISE SECRET"/' "$case/test.ini"
expect "a marking that is no level" 1 "^$case/test.ini:7: error: \[document\] marking: 'EXERCISE SECRET' is not a level of the classification scheme \(EX\)$"
new_case; printf '[style]\nbody_size = big\n' >>"$case/test.ini"
expect "non-numeric size" 1 "^$case/test.ini:[0-9]+: error: \[style\] body_size: 'big' is not a number$"
new_case; printf '[style]\ntext_color = "#12345g"\n' >>"$case/test.ini"
expect "bad colour" 1 "error: \[style\] text_color: '#12345g' is not a colour \(#rrggbb\)$"
new_case; sed -i 's/^as_of = .*/as_of = 2020-13-01/' "$case/test.ini"
expect "bad date" 1 "^$case/test.ini:8: error: \[document\] as_of: '2020-13-01' is not a date \(YYYY-MM-DD, or YYYY-MM-DDThh:mmZ\): month 13$"
new_case; printf '[page]\nmargin_top = -5\n' >>"$case/test.ini"
expect "negative margin" 1 "error: \[page\] margin_top: -5 is out of range \(0 to 200\)$"
new_case; printf '[page]\nmargin_left = 120\nmargin_right = 100\n' >>"$case/test.ini"
expect "margins larger than the page" 1 "error: \[page\] margins leave less than 25 mm x 50 mm for text on a 210 x 297 mm page$"
new_case; sed -i 's/^1 = table test.people/1 = table test.peple/' "$case/test.ini"
expect "reference to a missing fact" 1 "^$case/test.ini:[0-9]+: error: \[section.two\]: no fact named 'test.peple' \(did you mean 'test.people'\?\)$"
new_case; sed -i 's/^1 = list test.places/1 = table test.places/' "$case/test.ini"
expect "fact of the wrong kind" 1 "error: \[section.one\]: fact 'test.places' is a list \(.*facts.ini:[0-9]+\), not a table$"

# --- data ------------------------------------------------------------------
new_case; printf 'name,from,to\n"Anna "x",2019-01-01,\n' >"$case/people.csv"
expect "CSV with bad quoting" 1 "^$case/people.csv:2: error: CSV syntax error"
new_case; printf 'name,from,to\nAnna,2019-01-01\n' >"$case/people.csv"
expect "CSV with a ragged row" 1 "^$case/people.csv:2: error: row 1 has 2 fields; the header has 3$"
new_case; printf 'name,from,to\nAnna,2019-01-01,2019-02-30\n' >"$case/people.csv"
expect "bad date in a CSV" 1 "^$case/people.csv:2: error: row 1, column 'to': '2019-02-30' is not a date"
new_case; printf '[test.bad]\ntype = text\n1 = "caf\xe9"\n' >>"$case/facts.ini"
expect "invalid UTF-8" 1 "^$case/facts.ini:[0-9]+: error: invalid UTF-8 \(byte 0xe9 at offset [0-9]+\)$"
new_case; printf '[test.bad]\ntype = text\n1 = "a\0b"\n' >>"$case/facts.ini"
expect "NUL byte" 1 "^$case/facts.ini:[0-9]+: error: NUL byte in text$"
new_case; { printf '[test.huge]\ntype = text\n1 = "'; head -c 10485760 /dev/zero | tr '\0' a; printf '"\n'; } >>"$case/facts.ini"
expect "a 10 MB line" 1 "^$case/facts.ini:[0-9]+: error: line is 10485766 bytes long; the limit is 1000$"
new_case; head -c 17000000 /dev/zero | tr '\0' '\n' >>"$case/facts.ini"
expect "a file over the size limit" 1 "^$case/test.ini:11: error: '$case/facts.ini': file is larger than the limit of 16777216 bytes$"
new_case; { echo "name,from,to"; yes "x,," | head -n 1000001; } >"$case/people.csv"
sed -i '/^succession/d' "$case/facts.ini"
expect "a million and one rows" 1 "^$case/people.csv:1000002: error: more than 1000000 rows$"
new_case; printf '[test.chart]\ntype = orgchart\n[test.chart.a]\nname = A\nparent = b\n[test.chart.b]\nname = B\nparent = a\n' >>"$case/facts.ini"
expect "org chart with a cycle" 1 "error: \[test.chart\]: units form a cycle: a -> b -> a$"
new_case; printf '[test.chart]\ntype = orgchart\n[test.chart.a]\nname = A\nparent = zz\n' >>"$case/facts.ini"
expect "org chart with an unknown parent" 1 "error: \[test.chart.a\] parent: no unit 'zz' in chart 'test.chart'$"

# --- rich text and Markdown files ---------------------------------------------
# md_case TEXT: test.long's paragraphs come from long.md, holding TEXT
# (printf format); facts.ini names it on line 15.
md_case() {
	new_case
	sed -i 's/^1 = "Filler.*/file = long.md/' "$case/facts.ini"
	# shellcheck disable=SC2059
	printf "$1" >"$case/long.md"
}
md_case 'One.\n'; rm "$case/long.md"
expect "missing Markdown file, at the line naming it" 1 "^$case/facts.ini:15: error: '$case/long.md': cannot open: No such file or directory$"
md_case 'One.\n'; rm "$case/long.md"; mkdir "$case/long.md"
expect "Markdown file is a directory" 1 "^$case/facts.ini:15: error: '$case/long.md': is a directory, not a file$"
md_case 'One.\n\nTwo\0three.\n'
expect "NUL byte in a Markdown file" 1 "^$case/long.md:3: error: NUL byte at byte 10; a Markdown file is text$"
md_case 'One.\n\ncaf\xe9\n'
expect "invalid UTF-8 in a Markdown file" 1 "^$case/long.md:3: error: invalid UTF-8 at byte 10; save the file as UTF-8$"
md_case 'One.\r\n\r\n# Heading\r\n'
expect "heading in a Markdown file with CRLF, at its line" 1 "^$case/long.md:3: error: a heading cannot be in a text fact: the config's sections give the headings$"
md_case ''
expect "empty Markdown file" 1 "^$case/long.md: error: empty Markdown file: a text fact needs a paragraph$"
md_case 'One.\n'; head -c 17000000 /dev/zero | tr '\0' a >>"$case/long.md"
expect "Markdown file over the size limit" 1 "^$case/facts.ini:15: error: '$case/long.md': file is larger than the limit of 16777216 bytes$"
md_case ''; for i in $(seq 0 1500); do printf '%*s- x\n' $((i * 2)) ''; done >"$case/long.md"
expect "deeply nested lists" 1 "^$case/long.md:3: error: lists nest one level deep: a sub-item cannot have sub-items$"
md_case 'One.\n\nSee [it](javascript:alert%%281%%29).\n'
expect "link scheme in a Markdown file" 1 "^$case/long.md:3: error: link: scheme 'javascript' is not allowed in links; allowed: http, https, mailto \(\[document\] link_schemes\)$"
md_case 'One.\n'; sed -i 's/^file = long.md/&\n1 = "Para."/' "$case/facts.ini"
expect "file and numbered paragraphs together" 1 "error: \[test.long\] 1: a text fact has either a file or numbered paragraphs, not both$"
new_case; sed -i 's/^2 = "Peć"/2 = "Peć `code`"/' "$case/facts.ini"
expect "code span in a list item, at its line" 1 "^$case/facts.ini:9: error: code spans are not supported; write \\\\\` for a literal '\`'$"

# --- fonts and characters --------------------------------------------------
new_case; printf '[fonts]\nregular = nofont.ttf\n' >>"$case/test.ini"
expect "missing font file" 1 "^$case/test.ini:[0-9]+: error: font file '$case/nofont.ttf': No such file or directory"
new_case; printf '[fonts]\nregular = "No Such Family"\n' >>"$case/test.ini"
expect "font family not installed" 1 "error: font 'No Such Family' is not installed"
new_case; sed -i 's/^2 = "Peć"/2 = "Peć 漢字"/' "$case/facts.ini"
expect "a character the font lacks, at its fact's line" 1 "^$case/facts.ini:9: error: the regular font \(.*DejaVuSans.ttf\) has no glyph for U\+6F22 '漢', used in \"Peć 漢字\"; use a font that covers it$"
expect "check finds it too, writing nothing" 1 "^$case/facts.ini:9: error: the regular font .* has no glyph for U\+6F22" check -c "$case/test.ini"
new_case; sed -i 's/^Anna Šimić/Anna 漢/' "$case/people.csv"
expect "a character the font lacks in a CSV cell, at its row" 1 "^$case/people.csv:2: error: the regular font \(.*\) has no glyph for U\+6F22"
new_case; sed -i 's/^title = "Places"/title = "Places 漢"/' "$case/test.ini"
expect "a character the bold font lacks in a heading, at its section" 1 "^$case/test.ini:13: error: the bold font \(.*DejaVuSans-Bold.ttf\) has no glyph for U\+6F22"

# --- output ----------------------------------------------------------------
new_case
expect "output directory missing" 3 "^$work/no/dir/x.pdf: error: output directory '$work/no/dir' does not exist$" \
	build -c "$case/test.ini" -o "$work/no/dir/x.pdf"
expect "output directory is a file" 3 "^$good/x.pdf: error: cannot create output file: Not a directory$" \
	build -c "$case/test.ini" -o "$good/x.pdf"
# A disk that fills up mid-write: a 64 KiB tmpfs, when this machine lets
# us mount one (root in CI); the unit test test_fileio covers it anyway.
mkdir -p "$work/full"
if mount -t tmpfs -o size=64k tmpfs "$work/full" 2>/dev/null; then
	cp "$good" "$work/full/x.pdf" 2>/dev/null || head -c 1000 "$good" >"$work/full/x.pdf"
	# Leave 16 KiB free, whatever the PDF's size: fill up, then give back.
	dd if=/dev/zero of="$work/full/filler" bs=4k 2>/dev/null
	truncate -s -16k "$work/full/filler"
	full_sum=$(sha256sum <"$work/full/x.pdf")
	expect "disk full while writing" 3 "^$work/full/x.pdf: error: cannot write output: No space left on device$" \
		build -c config/briefing.ini -o "$work/full/x.pdf"
	p=""
	[ "$(sha256sum <"$work/full/x.pdf")" = "$full_sum" ] || p="the previous file changed;"
	ls "$work/full" | grep -q '\.tmp\.' && p="$p a temporary file was left;"
	verdict "disk full: previous file intact, no temporary file" "$p"
	umount "$work/full"
else
	echo "skip disk full while writing (cannot mount a tmpfs here; see test_fileio)"
fi

# --- files and output (base stage) -----------------------------------------
# Only regular files are read (a FIFO must not hang the build), an input
# is never an output, and output goes where a careful Unix tool puts it.

# sums: the case's regular files and their hashes; FIFOs are left out, as
# reading one would block.
sums() { (cd "$case" && find . -type f | sort | xargs -r sha256sum); }


# expect_kept: expect, then every input of the case is byte-identical and
# no temporary file is left next to it.
expect_kept() {
	local before problems=""
	before=$(sums)
	expect "$@"
	[ "$(sums)" = "$before" ] || problems="an input changed;"
	ls "$case" | grep -q '\.tmp\.' && problems="$problems a temporary file was left;"
	verdict "$1: inputs byte-identical" "$problems"
}

refused="\(read by this build\); choose another output$"
new_case
expect_kept "output is the config" 1 "^briefing: error: output '$case/test.ini' is the input '$case/test.ini' $refused" \
	build -c "$case/test.ini" -o "$case/test.ini"
expect_kept "output is a data file" 1 "^briefing: error: output '$case/facts.ini' is the input '$case/facts.ini' $refused" \
	build -c "$case/test.ini" -o "$case/facts.ini"
expect_kept "output is a CSV" 1 "^briefing: error: output '$case/people.csv' is the input '$case/people.csv' $refused" \
	build -c "$case/test.ini" -o "$case/people.csv"
sed -i 's/^1 = "Filler.*/file = long.md/' "$case/facts.ini"; echo One. >"$case/long.md"
expect_kept "output is a Markdown file" 1 "^briefing: error: output '$case/long.md' is the input '$case/long.md' $refused" \
	build -c "$case/test.ini" -o "$case/long.md"
printf '[style]\nbody_size = 10\n' >"$case/base.ini"; sed -i '1i include = base.ini' "$case/test.ini"
expect_kept "output is an included config" 1 "^briefing: error: output '$case/base.ini' is the input '$case/base.ini' $refused" \
	build -c "$case/test.ini" -o "$case/base.ini"
# mid.ini sets nothing of its own: only the config's list of the files
# it read knows it is an input.
printf 'include = base.ini\n' >"$case/mid.ini"; sed -i '1s/.*/include = mid.ini/' "$case/test.ini"
expect_kept "output is an include that sets nothing" 1 "^briefing: error: output '$case/mid.ini' is the input '$case/mid.ini' $refused" \
	build -c "$case/test.ini" -o "$case/mid.ini"
ln -s test.ini "$case/link.pdf"
expect_kept "output is a symlink to the config" 1 "^briefing: error: output '$case/link.pdf' is the input '$case/test.ini' $refused" \
	build -c "$case/test.ini" -o "$case/link.pdf"

fifo="is a FIFO, not a regular file$"
new_case; mkfifo "$case/fifo.ini"
expect_kept "FIFO as config" 1 "^$case/fifo.ini: error: $fifo" build -c "$case/fifo.ini" -o "$good"
new_case; mkfifo "$case/base.ini"; sed -i '1i include = base.ini' "$case/test.ini"
expect_kept "FIFO as include, at the include line" 1 "^$case/test.ini:1: error: '$case/base.ini': $fifo"
new_case; rm "$case/facts.ini"; mkfifo "$case/facts.ini"
expect_kept "FIFO as data file, at its [data] line" 1 "^$case/test.ini:11: error: '$case/facts.ini': $fifo"
new_case; rm "$case/people.csv"; mkfifo "$case/people.csv"
expect_kept "FIFO as CSV, at its file line" 1 "^$case/facts.ini:[0-9]+: error: '$case/people.csv': $fifo"
new_case; mkfifo "$case/fifo.ttf"; printf '[fonts]\nregular = fifo.ttf\n' >>"$case/test.ini"
expect_kept "FIFO as font" 1 "^$case/test.ini:[0-9]+: error: '$case/fifo.ttf': $fifo"

new_case
expect_kept "output to /dev/full" 3 "^/dev/full: error: cannot write output: No space left on device$" \
	build -c "$case/test.ini" -o /dev/full
p=""; [ -c /dev/full ] && [ -c /dev/null ] || p="/dev/full or /dev/null was replaced"
verdict "devices stay devices" "$p"

# -o -: the PDF, and nothing else (no "wrote" line), on standard output.
p=""
"$BRIEFING" build -q -c "$case/test.ini" -o "$work/ref.pdf" || exit 1
"$BRIEFING" build -c "$case/test.ini" -o - >"$work/stdout.pdf" 2>"$work/err" || p="exit status $?;"
qpdf --check "$work/stdout.pdf" >/dev/null 2>&1 || p="$p not a valid PDF on stdout;"
cmp -s "$work/stdout.pdf" "$work/ref.pdf" || p="$p stdout is not exactly the PDF;"
verdict "output - writes a PDF to stdout" "$p"
p=""
"$BRIEFING" build -q -c "$case/test.ini" -o /dev/stdout 2>"$work/err" | cat >"$work/pipe.pdf"
cmp -s "$work/pipe.pdf" "$work/stdout.pdf" || p="/dev/stdout into a pipe differs from -o -;"
verdict "output /dev/stdout into a pipe" "$p"
# Without -q, the "wrote" line must not follow the PDF into the pipe.
p=""
"$BRIEFING" build -c "$case/test.ini" -o /dev/stdout 2>"$work/err" | cat >"$work/pipe.pdf"
cmp -s "$work/pipe.pdf" "$work/stdout.pdf" || p="text after the PDF: $(tail -c 40 "$work/pipe.pdf" | tr -d '\0' | tail -n 1)"
verdict "output /dev/stdout without -q is the PDF alone" "$p"

# A symlink is followed: its target is replaced and the link stays.
p=""
cp "$good" "$work/target.pdf"; ln -s target.pdf "$work/via-link.pdf"
: >"$work/target.pdf"
"$BRIEFING" build -q -c "$case/test.ini" -o "$work/via-link.pdf" 2>"$work/err" || p="exit status $?;"
[ -L "$work/via-link.pdf" ] && [ "$(readlink "$work/via-link.pdf")" = target.pdf ] || p="$p the link was replaced;"
cmp -s "$work/target.pdf" "$work/stdout.pdf" || p="$p the target does not hold the PDF;"
verdict "output through a symlink replaces the target" "$p"

p=""
: >"$work/private.pdf"; chmod 600 "$work/private.pdf"
"$BRIEFING" build -q -c "$case/test.ini" -o "$work/private.pdf" 2>"$work/err" || p="exit status $?;"
[ "$(stat -c %a "$work/private.pdf")" = 600 ] || p="$p mode is $(stat -c %a "$work/private.pdf"), want 600;"
verdict "output keeps mode 600" "$p"

p=""
long=$work/$(head -c 251 /dev/zero | tr '\0' n).pdf
"$BRIEFING" build -q -c "$case/test.ini" -o "$long" 2>"$work/err" || p="exit status $?;"
cmp -s "$long" "$work/stdout.pdf" || p="$p no PDF at the 255-byte name;"
ls "$work" | grep -q '\.tmp\.' && p="$p a temporary file was left;"
verdict "output name of NAME_MAX bytes" "$p"

# A lone CR ends a line in INI and CSV (see "CR line ends" below), so it
# reaches a message through a file name.
new_case; printf '[style]\nbody_size = "\033[31mbig\007"\n' >>"$case/test.ini"
expect_kept "ESC and BEL in a value are printed escaped" 1 \
	"^$case/test.ini:[0-9]+: error: \\[style\\] body_size: '\\\\x1b\\[31mbig\\\\x07' is not a number$"
p=""; grep -q "$(printf '[\033\007]')" "$work/err" && p="raw ESC or BEL printed"
verdict "no raw control bytes on stderr (value)" "$p"
expect "CR in a file name is printed escaped" 1 \
	"^$work/a\\\\rb.ini: error: cannot open: No such file or directory$" \
	build -c "$(printf '%s/a\rb.ini' "$work")" -o "$good"
p=""; grep -q "$(printf '\r')" "$work/err" && p="raw CR printed"
verdict "no raw control bytes on stderr (file name)" "$p"

# --- input values (input stage) --------------------------------------------
# Hostile values in config, data INI and CSV: each is refused at its line.
# after FILE N: the line number of the Nth line appended to FILE.
after() { echo $(($(wc -l <"$1") + $2)); }
new_case; n=$(after "$case/test.ini" 2); printf '[style]\nbody_size = nan\n' >>"$case/test.ini"
expect "NaN number" 1 "^$case/test.ini:$n: error: \[style\] body_size: 'nan' is not a number$"
new_case; n=$(after "$case/test.ini" 2); printf '[page]\nmargin_top = -inf\n' >>"$case/test.ini"
expect "infinite number" 1 "^$case/test.ini:$n: error: \[page\] margin_top: '-inf' is not a number$"
new_case; n=$(after "$case/test.ini" 2); printf '[cover]\n1 = test.figs 4294967297\n' >>"$case/test.ini"
expect "cover item number overflows int" 1 "^$case/test.ini:$n: error: \[cover\] 1: item number '4294967297' is out of range \(1 to 1000000\)$"
new_case; sed -i 's/^2.1 = "Gjakovë"/&\n02 = "Twice"/' "$case/facts.ini"
expect "numbered keys 2 and 02" 1 "^$case/facts.ini:11: error: \[test.places\] 02: same number as key '2' \($case/facts.ini:9\)$"
new_case; sed -i 's/^1 = "Uroševac"/1 = "Uroševac" and more/' "$case/facts.ini"
expect "text after a closing quote" 1 "^$case/facts.ini:8: error: \[test.places\] 1: text after the closing quote: 'and more'$"
new_case; n=$(after "$case/facts.ini" 3); printf '[test.figs]\ntype = figures\n1 = " | 5,000"\n' >>"$case/facts.ini"
expect "figure with an empty label" 1 "^$case/facts.ini:$n: error: \[test.figs\] 1: the figure has an empty label; expected 'label \| value'$"
new_case; sed -i '1s/.*/name,from,from/' "$case/people.csv"
expect "CSV columns of one name" 1 "^$case/people.csv:1: error: header columns 2 and 3 are both named 'from'$"
new_case; sed -i 's/^2 = "Peć"/2 = "Pe\xe2\x80\xaeć"/' "$case/facts.ini"
expect "bidi override in a value" 1 "^$case/facts.ini:9: error: \[test.places\] 2: bidirectional control character U\+202E in the value; set \[document\] allow_bidi = yes in the config to allow it$"
new_case; sed -i 's/^Anna Šimić/Anna \xe2\x81\xa6Šimić/' "$case/people.csv"
expect "bidi isolate in a CSV cell" 1 "^$case/people.csv:2: error: row 1, column 'name': bidirectional control character U\+2066; set \[document\] allow_bidi = yes in the config to allow it$"
new_case; sed -i 's/^title = "Exercise Briefing"/title = "Exercise \xe2\x80\xabBriefing"/' "$case/test.ini"
expect "bidi embedding in the config" 1 "^$case/test.ini:5: error: \[document\] title: bidirectional control character U\+202B in the value"
new_case; sed -i 's/^updated = 2020-02-01/&\nurl = "javascript:alert(1)"/' "$case/facts.ini"
expect "link with a disallowed scheme" 1 "^$case/facts.ini:4: error: \[source\] url: scheme 'javascript' is not allowed in links; allowed: http, https, mailto \(\[document\] link_schemes\)$"
new_case; sed -i 's/^updated = 2020-02-01/&\nurl = "www.example.org"/' "$case/facts.ini"
expect "link without a scheme" 1 "^$case/facts.ini:4: error: \[source\] url: 'www.example.org' has no scheme; a link needs one of: http, https, mailto \(\[document\] link_schemes\)$"
new_case; sed -i 's/^marking = .*/&\nlink_schemes = "https ht!p"/' "$case/test.ini"
expect "bad link_schemes entry" 1 "^$case/test.ini:8: error: \[document\] link_schemes: 'ht!p' is not a scheme name"
new_case; sed -i 's/^Bogdan Ćirić,/"Bogdan Ćirić,/' "$case/people.csv"
expect "CSV quote never closed, at its line" 1 "^$case/people.csv:3: error: CSV syntax error: the quoted field opened here is not closed before the end of the file$"
new_case; printf 'name,from,to\rA,2019-01-01,2019-06-01\rB,2019-06-01\r' >"$case/people.csv"
expect "CSV with CR line ends" 1 "^$case/people.csv:3: error: row 2 has 2 fields; the header has 3$"
new_case; sed -i '5a this is not ini' "$case/test.ini"; tr '\n' '\r' <"$case/test.ini" >"$case/cr.ini"; mv "$case/cr.ini" "$case/test.ini"
expect "INI with CR line ends" 1 "^$case/test.ini:6: error: expected 'key = value' or '\[section\]'$"
new_case; n=$(after "$case/test.ini" 5); printf '[page]\nmargin_left = 50\nmargin_right = 50\n[style]\nlist_indent = 45\n' >>"$case/test.ini"
expect "indents that leave no room for text" 1 "^$case/test.ini:$n: error: \[style\] list_indent: indents of 90.0 mm leave 20.0 mm for text in a measure of 110.0 mm; text keeps at least a quarter of the measure$"
# A tab in a CSV cell prints as a space: not an error.
new_case; sed -i 's/^Anna Šimić/Anna\tŠimić/' "$case/people.csv"
p=""
"$BRIEFING" build -q -c "$case/test.ini" -o "$case/tab.pdf" 2>"$work/err" || p="the build failed;"
pdftotext "$case/tab.pdf" - 2>/dev/null | grep -q 'Anna Šimić' || p="$p no 'Anna Šimić' in the text;"
verdict "tab in a CSV cell becomes a space" "$p"

# --- document values (doc and layout) ---------------------------------------
# Values each stage accepted that would print nonsense or draw outside the
# page: a warning (the PDF is still written) or an error naming the place.

# expect_written NAME PATTERN: expect a warning and exit status 0 with the
# PDF written to $work/values.pdf (the good PDF is not the output, so
# expect still checks it is untouched); then the PDF must be valid.
expect_written() {
	local p=""
	rm -f "$work/values.pdf"
	expect "$1" 0 "$2" build -c "$case/test.ini" -o "$work/values.pdf"
	qpdf --check "$work/values.pdf" >/dev/null 2>&1 || p="no valid PDF written;"
	verdict "$1: the PDF is written" "$p"
}

new_case
printf 'name,from,to\nAnna,2019-01-01,2021-01-01\nBogdan,2021-01-01,\n' >"$case/people.csv"
printf '[table.test.people]\n1 = name | Name\n2 = from | From\n3 = to | To\n4 = tenure | Tenure\n' >>"$case/test.ini"
expect_written "a term starting after the as-of date" \
	"^$case/people.csv:3: warning: term starts 2021-01-01, after the briefing's as-of date 2020-02-29$"
p=""
grep -q "^$case/people.csv:2: warning: term ends 2021-01-01, after the briefing's as-of date 2020-02-29$" "$work/err" ||
	p="no warning for the term that ends after the as-of date;"
pdftotext -layout "$work/values.pdf" - | grep -Eq '^ *Bogdan +2021-01-01 +present +–$' ||
	p="$p the incumbent's tenure is not the blank;"
pdftotext "$work/values.pdf" - | grep -Eq -- '-[0-9]+.days' && p="$p a negative tenure is printed;"
verdict "a term starting after the as-of date: no negative tenure" "$p"

new_case
printf '[test.figs]\ntype = figures\n1 = "Troops | 4,000"\n' >>"$case/facts.ini"
{ echo "[cover]"; for i in $(seq 1 60); do echo "$i = test.figs 1"; done; } >>"$case/test.ini"
line=$(grep -n '^33 = test.figs 1$' "$case/test.ini" | cut -d: -f1)
expect "cover key figures that do not fit" 1 \
	"^$case/test.ini:$line: error: cover has 60 key figures; 32 fit on this page$"

# A tile never drops text: a value longer than the lines a tile shows
# is an error at its [cover] line.
new_case
printf '[test.figs]\ntype = figures\n1 = "Troops | some four thousand troops and their support, as the mission stated in its latest report to the council, and again in the one before it, which the council read in the spring of that year"\n' >>"$case/facts.ini"
printf '[cover]\n1 = test.figs 1\n' >>"$case/test.ini"
line=$(grep -n '^1 = test.figs 1$' "$case/test.ini" | cut -d: -f1)
expect "a cover tile value too long for its tile" 1 \
	"^$case/test.ini:$line: error: cover tile 'Troops': its value 'some four thousand .*' needs [0-9]+ lines at [0-9.]+ pt; a tile holds 3 \\(shorten it, or raise \\[style\\] cover_value_lines\\)$"

new_case
printf '[table.test.people]\n1 = name | Name | left | 150\n2 = from | From | | 30\n3 = to | To\n' >>"$case/test.ini"
line=$(grep -n '^2 = from | From | | 30$' "$case/test.ini" | cut -d: -f1)
expect "fixed column widths wider than the measure" 1 \
	"^$case/test.ini:$line: error: table column 'From' does not fit: columns need 518\.2 pt \(182\.8 mm\) with padding; the measure is 470\.6 pt \(166\.0 mm\)$"

new_case
printf '[table.test.people]\n1 = name | Name | left | 1\n2 = from | From\n' >>"$case/test.ini"
line=$(grep -n '^1 = name | Name | left | 1$' "$case/test.ini" | cut -d: -f1)
expect "a fixed column too narrow for a character" 1 \
	"^$case/test.ini:$line: error: table column 'Name' is 1\.0 mm wide; its padding and widest character need [0-9.]+ mm$"

new_case
sed -i "s/^title = \"People\"/title = \"$(printf 'People %.0s' $(seq 1 40))\"/" "$case/test.ini"
printf '[style]\nheading1_size = 72\n' >>"$case/test.ini"
line=$(grep -n '^\[section.two\]$' "$case/test.ini" | cut -d: -f1)
expect "a heading taller than a page" 1 \
	"^$case/test.ini:$line: error: heading is [0-9.]+ pt tall \([0-9]+ lines\); a page holds [0-9.]+ pt$"

new_case
sed -i "s/EXERCISE ONLY/$(printf 'EXERCISE %.0s' $(seq 1 12))ONLY/" "$case/test.ini"
expect "a marking wider than the measure" 1 \
	"^briefing: error: \[document\] marking is [0-9.]+ pt wide at 9\.0 pt; the measure is 470\.6 pt$"

new_case
sed -i "s/^title = \"Exercise Briefing\"/title = \"Exercise Briefing $(printf 'and more %.0s' $(seq 1 30))\"/" "$case/test.ini"
rm -f "$work/values.pdf"
"$BRIEFING" build -q -c "$case/test.ini" -o "$work/values.pdf" 2>"$work/err"; rc=$?
p=""
[ "$rc" -eq 0 ] || p="exit status $rc;"
pdftotext "$work/values.pdf" - 2>/dev/null | grep -Eq '^Exercise Briefing (and more ){7}and\.\.\.$' ||
	p="$p the running header's title is not cut with '...';"
verdict "a title too long for the running header is cut" "$p"

# --- captions --------------------------------------------------------------
new_case; printf '[table.test.people]\ncaption = People\ncaption_position = top\n1 = name | Name\n' >>"$case/test.ini"
expect "unknown caption placement" 1 "^$case/test.ini:[0-9]+: error: \[table.test.people\] caption_position: 'top' is not one of: above, below$"
new_case; printf '[style]\nfigure_caption_position = under\n' >>"$case/test.ini"
expect "unknown figure caption placement" 1 "^$case/test.ini:[0-9]+: error: \[style\] figure_caption_position: 'under' is not one of: above, below$"
new_case; printf '[orgchart.test.peple]\ncaption = Staff\n' >>"$case/test.ini"
expect "caption section naming no fact" 1 "^$case/test.ini:[0-9]+: error: \[orgchart.test.peple\]: no fact named 'test.peple' \(the closest, 'test.people', is a table, not an orgchart\)$"
new_case; printf '[orgchart.test.people]\ncaption = Staff\n' >>"$case/test.ini"
expect "caption section naming a fact of another kind" 1 "^$case/test.ini:[0-9]+: error: \[orgchart.test.people\]: fact 'test.people' is a table \($case/facts.ini:[0-9]+\), not an orgchart$"
new_case; printf '[table.test.places]\n1 = name | Name\n' >>"$case/test.ini"
expect "table section naming a list" 1 "^$case/test.ini:[0-9]+: error: \[table.test.places\]: fact 'test.places' is a list \($case/facts.ini:[0-9]+\), not a table$"
new_case; sed -i 's/^1 = table test.people/1 = text test.long/' "$case/test.ini"
printf '[table.test.people]\ncaption = People\n1 = name | Name\n' >>"$case/test.ini"
expect "caption section no block uses: a warning" 0 "^$case/test.ini:[0-9]+: warning: \[table.test.people\]: no 'table test.people' block uses it, so it prints nothing$" check -c "$case/test.ini"
new_case; printf '[table.test.people]\ncaption = "Table 4: People"\n1 = name | Name\n' >>"$case/test.ini"
expect "hand-numbered caption: a warning with the new form" 0 "^$case/test.ini:[0-9]+: warning: \[table.test.people\] caption: tables are numbered automatically; write caption = \"People\" \(it prints as \"Table 1 – People\"\)$" check -c "$case/test.ini"
new_case; sed -i 's/^1 = table test.people/1 = list_of_tables test.people/' "$case/test.ini"
expect "a list of tables names no fact" 1 "^$case/test.ini:[0-9]+: error: \[section.two\] 1: 'list_of_tables' takes no fact name$"

# --- damaged fonts ---------------------------------------------------------
# libharu trusts fonts (a heap overflow, a division by zero), so they are
# checked first. damage_font FIELD VALUE OUT: a copy of DejaVu Sans with one
# 16-bit field of a table set, or cut to VALUE bytes when FIELD is "cut".
# --- source snapshots and declared departures ---------------------------
# snap_case KEYS: facts.ini's [source] (lines 1-3) gets KEYS (printf
# format) as lines 4.., with a snapshot src.txt that quotes every fact.
snap_case() {
	new_case
	printf 'Towns with names outside ASCII:\nUroševac\nPeć\nGjakovë\nOrtuño’s – D’Addario’s\n' >"$case/src.txt"
	# shellcheck disable=SC2059
	sed -i "3r /dev/stdin" "$case/facts.ini" <<EOF2
$(printf "$1")
EOF2
}
snap_case 'snapshot = gone.txt\nretrieved = 2020-03-01'
expect "missing snapshot, at its line" 1 "^$case/facts.ini:4: error: '$case/gone.txt': cannot open: No such file or directory$"
snap_case 'snapshot = snapdir\nretrieved = 2020-03-01'; mkdir "$case/snapdir"
expect "snapshot is a directory" 1 "^$case/facts.ini:4: error: '$case/snapdir': is a directory, not a file$"
snap_case 'snapshot = src.txt\nretrieved = 2020-02-30'
expect "bad retrieved date" 1 "^$case/facts.ini:5: error: \[source\] retrieved: '2020-02-30' is not a date \(YYYY-MM-DD\): 2020 February has 29 days$"
snap_case 'snapshot = src.txt\nretrieved = 2019-12-31'
expect "snapshot older than the page's last update" 1 "^$case/facts.ini:5: error: \[source\] retrieved: 2019-12-31 is before the page's last update \(updated\); a snapshot cannot be older than the page$"
snap_case 'snapshot = src.txt'
expect "snapshot without a retrieved date" 1 "^$case/facts.ini:4: error: \[source\] snapshot: say when the page was read \(retrieved = YYYY-MM-DD\)$"
snap_case 'retrieved = 2020-03-01'
expect "retrieved date without a snapshot" 1 "^$case/facts.ini:4: error: \[source\] retrieved: a retrieved date needs a snapshot"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; : >"$case/src.txt"
expect "empty snapshot" 1 "^$case/facts.ini:4: error: \[source\] snapshot: '$case/src.txt' is empty; it holds the page's text$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; printf 'a\0b\n' >"$case/src.txt"
expect "NUL byte in a snapshot" 1 "^$case/src.txt:1: error: NUL byte at byte 2; a snapshot is text$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; sed -i 's/outside/beyond/' "$case/src.txt"
expect "a fact with one word changed, with the closest passage" 1 "^$case/facts.ini:9: error: \[test.places\] intro: not in the snapshot; the closest passage, $case/src.txt:1, has 'beyond' where the fact has 'outside': \"Towns with names beyond ASCII:\"; correct the fact or declare departure.intro = \"why\"$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'
expect "a table row not in the snapshot: how to declare the row" 1 "^$case/people.csv:2: error: \[test.people\] row 1, column 'from': the date 2019-01-01 is not in the snapshot $case/src.txt in any usual form .*; correct it or declare the row \(departure_column = COLUMN, and a reason in that column\)$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; sed -i 's/^1 = "Filler.*/file = long.md/' "$case/facts.ini"; printf 'Filler text.\n' >"$case/long.md"
expect "a Markdown paragraph not in the snapshot: only the whole fact departs" 1 "^$case/long.md:1: error: \[test.long\] paragraph: not in the snapshot $case/src.txt, which has none of its words; correct the fact or declare verbatim = no, departure = \"why\"$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; sed -i 's/^type = list$/type = list\nverbatim = no/' "$case/facts.ini"
expect "verbatim = no without a reason" 1 "^$case/facts.ini:[0-9]+: error: \[test.places\] verbatim = no: say how the fact departs from its source \(departure = \"...\"\)$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; sed -i 's/^type = list$/type = list\ndeparture.9 = "no such item"/' "$case/facts.ini"
expect "departure of a part the fact lacks" 1 "^$case/facts.ini:[0-9]+: error: \[test.places\] departure.9: the fact has no part '9' \(an item's key or intro\)$"
snap_case 'snapshot = src.txt\nretrieved = 2020-03-01'; sed -i 's/^succession = yes$/succession = yes\ndeparture_column = why/' "$case/facts.ini"
expect "departure column the CSV lacks" 1 "^$case/facts.ini:[0-9]+: error: \[test.people\] departure_column: the table has no column 'why'$"
new_case; sed -i 's/^\[document\]$/[document]\ncitations = yes/' "$case/test.ini"
expect "citations without a sources block" 1 "^$case/test.ini:[0-9]+: error: \[document\] citations: the briefing has no sources block for the markers to cite"
new_case
expect "provenance report over an input" 1 "error: output '$case/facts.ini' is the input" \
	build -c "$case/test.ini" -o "$good" --provenance "$case/facts.ini"

# --- images: damaged or unsupported files, at the line naming them ------
MKIMAGE=${MKIMAGE:-build/tools/mkimage}
MKIMAGE=$(cd "$(dirname "$MKIMAGE")" && pwd)/$(basename "$MKIMAGE")
# image_case FILE: the mission with an image fact naming FILE (made by
# the caller) in a block of its own
image_case() {
	new_case
	"$MKIMAGE" png-rgb 64 32 ff0000 "$case/ok.png" || exit 1
	printf '\n[test.map]\ntype = image\nfile = %s\ncaption = "Map"\n' "$1" >>"$case/facts.ini"
	sed -i 's/^1 = table test.people$/1 = table test.people\n2 = image test.map/' "$case/test.ini"
	map_line=$(grep -n "^file = $1$" "$case/facts.ini" | cut -d: -f1)
}
image_case cut.png; head -c 60 "$case/ok.png" >"$case/cut.png"
expect "truncated PNG" 1 "^$case/facts.ini:$map_line: error: \[test.map\] file: '$case/cut.png': truncated: chunk IDAT runs past the end of the file$"
image_case sig.png; { printf 'XPNG'; tail -c +5 "$case/ok.png"; } >"$case/sig.png"
expect "PNG with a wrong signature" 1 "^$case/facts.ini:$map_line: error: \[test.map\] file: '$case/sig.png': a damaged PNG signature \(the file was perhaps copied as text\)$"
image_case big.png; python3 - "$case/ok.png" "$case/big.png" <<'PY'
import struct, sys, zlib
d = bytearray(open(sys.argv[1], "rb").read())
d[16:24] = struct.pack(">II", 1 << 20, 1 << 20)   # IHDR width, height
d[29:33] = struct.pack(">I", zlib.crc32(bytes(d[12:29])))
open(sys.argv[2], "wb").write(d)
PY
expect "PNG of absurd dimensions" 1 "^$case/facts.ini:$map_line: error: \[test.map\] file: '$case/big.png': 1048576 x 1048576 pixels is more than the limit \(10000 pixels a side, 40000000 in all\)$"
image_case lie.jpg; "$MKIMAGE" jpeg 32 32 0000ff "$case/full.jpg"; head -c 400 "$case/full.jpg" >"$case/lie.jpg"
expect "JPEG cut short of its end marker" 1 "^$case/facts.ini:$map_line: error: \[test.map\] file: '$case/lie.jpg': truncated: a JPEG segment runs past the end of the file$"
image_case eoi.jpg; "$MKIMAGE" jpeg 32 32 0000ff "$case/full.jpg"; head -c -2 "$case/full.jpg" >"$case/eoi.jpg"
expect "JPEG without its end marker" 1 "^$case/facts.ini:$map_line: error: \\[test.map\\] file: '$case/eoi.jpg': truncated: the JPEG ends before its end-of-image marker$"
image_case gif.png; printf 'GIF89a\001\000\001\000' >"$case/gif.png"
expect "GIF named .png" 1 "error: \[test.map\] file: '$case/gif.png': not a PNG or JPEG file$"
image_case gone.png
expect "missing image file, at its line" 1 "^$case/facts.ini:$map_line: error: '$case/gone.png': cannot open: No such file or directory$"
image_case ok.png; sed -i '/^caption = "Map"$/d' "$case/facts.ini"
expect "image with neither caption nor alt text" 1 "^$case/facts.ini:[0-9]+: error: \[test.map\]: an image needs a caption or an alt text"
image_case ok.png; printf 'departure.caption = "shortened"\n' >>"$case/facts.ini"
expect "departure of a part an image lacks" 1 "^$case/facts.ini:[0-9]+: error: \[test.map\] departure.caption: the fact has no part 'caption' \(an image has none: verbatim = no departs as a whole\)$"
image_case ok.png; printf '\n[image.test.map]\nwidth = wide\n' >>"$case/test.ini"
expect "image width that is no width" 1 "^$case/test.ini:[0-9]+: error: \[image.test.map\] width: 'wide' is not a width \(e.g. '30 mm' or '60 %'\)$"
image_case ok.png; printf '\n[image.test.mpa]\nwidth = 50 %%\n' >>"$case/test.ini"
expect "image section naming no fact" 1 "^$case/test.ini:[0-9]+: error: \[image.test.mpa\]: no fact named 'test.mpa' \(did you mean 'test.map'\?\)$"
image_case ok.png; head -c 100 "$case/ok.png" >"$case/crest.png"; printf '\n[cover]\nimage = crest.png\n' >>"$case/test.ini"
expect "damaged cover image, at its config line" 1 "^$case/test.ini:$(wc -l <"$case/test.ini"): error: \[cover\] image: '$case/crest.png': truncated"
image_case ok.png; printf '\n[page]\nheader_image = nologo.png\n' >>"$case/test.ini"
expect "missing header logo, at its config line" 1 "^$case/test.ini:$(wc -l <"$case/test.ini"): error: '$case/nologo.png': cannot open: No such file or directory$"
image_case ok.png; printf '\n[page]\nheader_image = ok.png\nheader_image_height = 20 %%\n' >>"$case/test.ini"
expect "header logo height as a share" 1 "error: \[page\] header_image_height: '20 %' is not a width \(e.g. '30 mm'\)$"
image_case ok.png; printf '\n[page]\nheader_imgae = ok.png\nheader_image_height = 5\n' >>"$case/test.ini"
expect "a logo height without a logo" 1 "^$case/test.ini:$(wc -l <"$case/test.ini"): error: \[page\] header_image_height: there is no header_image to place \(add header_image = FILE\)$"
image_case ok.png
expect_kept "output is an image" 1 "^briefing: error: output '$case/ok.png' is the input '$case/ok.png' $refused" \
	build -c "$case/test.ini" -o "$case/ok.png"

damage_font() {
	python3 - "$1" "$2" "$3" fonts/DejaVuSans.ttf <<'PY'
import struct, sys
field, value, out, src = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
d = bytearray(open(src, "rb").read())
if field == "cut":
    d = d[:value]
else:
    tag, at = field.split("+")
    n = struct.unpack(">H", d[4:6])[0]
    for i in range(n):
        t, _, off, _ = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
        if t == tag.encode():
            struct.pack_into(">H", d, off + int(at), value)
open(out, "wb").write(d)
PY
}
new_case; damage_font hhea+34 7000 "$case/bad.ttf"; printf '[fonts]\nregular = bad.ttf\n' >>"$case/test.ini"
expect "font with more metrics than glyphs" 1 "^$case/test.ini:[0-9]+: error: \[fonts\] regular: damaged font: hhea.numberOfHMetrics 7000 > maxp.numGlyphs 6253 \($case/bad.ttf\)$"
new_case; damage_font head+18 0 "$case/bad.ttf"; printf '[fonts]\nbold = bad.ttf\n' >>"$case/test.ini"
expect "font with unitsPerEm 0" 1 "^$case/test.ini:[0-9]+: error: \[fonts\] bold: damaged font: head.unitsPerEm is 0 \($case/bad.ttf\)$"
new_case; damage_font cut 300000 "$case/bad.ttf"; printf '[fonts]\nitalic = bad.ttf\n' >>"$case/test.ini"
expect "truncated font" 1 "^$case/test.ini:[0-9]+: error: \[fonts\] italic: damaged font: table 'glyf' \(557508 bytes at 56648\) ends past the end of the file \(300000 bytes\) \($case/bad.ttf\)$"
expect "check refuses it too" 1 "damaged font: table 'glyf'" check -c "$case/test.ini"

# --- footnotes and references (docs/data-format.md) ------------------------
md_case 'A note^[that never\nends.\n\nNext paragraph.\n'
expect "footnote not closed in its paragraph, at its line" 1 "^$case/long.md:1: error: footnote '\\^\\[' is not closed"
md_case 'Empty ^[] note.\n'
expect "empty footnote" 1 "^$case/long.md:1: error: empty footnote"
md_case 'Line one.\n\nSee [](#test.nothere).\n'
expect "reference to an unknown id, naming the ids" 1 "^$case/long.md:3: error: reference to unknown id 'test.nothere'; the ids are section.NAME"
md_case 'See [p.](#page:test.people).\n'
expect "page reference with its own text" 1 "^$case/long.md:1: error: a page reference prints the page number"

# --- no silent mistakes ---------------------------------------------------
# Each of these used to build without a word and print something else.
new_case; printf '[table.test.peple]\n1 = name | Name\n' >>"$case/test.ini"
expect "misspelt table section: the table fact meant" 1 "^$case/test.ini:[0-9]+: error: \[table.test.peple\]: no fact named 'test.peple' \(did you mean 'test.people'\?\)$"
new_case; printf '[section.three]\ntitle = "Annex"\n' >>"$case/test.ini"
expect "a section with no blocks: a warning" 0 "^$case/test.ini:25: warning: \[section.three\]: no blocks, so it prints only its title; add e.g. '1 = text mission.summary'$" check -c "$case/test.ini"
new_case; printf '[fonts]\nbold = "DejaVu Sans:blod"\n' >>"$case/test.ini"
expect "font style typo: the style meant and the family's styles" 1 "^$case/test.ini:26: error: font 'DejaVu Sans:blod': 'blod' is not a style fontconfig knows \(did you mean 'bold'\?\); DejaVu Sans has: (.*, )?Bold, (.*, )?Book(, .*)?$"
new_case; printf '[fonts]\nbold = "DejaVu Sans:style=Blod"\n' >>"$case/test.ini"
expect "font style= a face the family lacks" 1 "^$case/test.ini:26: error: font 'DejaVu Sans:style=Blod': DejaVu Sans has no such style \(fontconfig would give 'Book'\); DejaVu Sans has: .*Bold"
new_case; printf '[fonts]\nregular = "DejaVu Sams"\n' >>"$case/test.ini"
expect "font family typo: the family meant" 1 "^$case/test.ini:26: error: font 'DejaVu Sams' is not installed \(did you mean 'DejaVu Sans'\?\); install it, name a .ttf file, or pick a face 'briefing fonts' lists$"
# A font fontconfig reads but a build refuses (renamed, then damaged) is
# offered nowhere: not as a hint, not by 'briefing fonts'; its healthy
# twin is.
rename_font() { # rename_font NAME OUT [damaged]: DejaVu Sans named NAME
	python3 - "$1" "$2" "${3:-}" fonts/DejaVuSans.ttf <<'PY'
import struct, sys
name, out, damaged, src = sys.argv[1:5]
d = bytearray(open(src, "rb").read())
assert len(name) == len("DejaVu Sans")
for old, new in ((b"DejaVu Sans", name.encode()),
                 ("DejaVu Sans".encode("utf-16-be"), name.encode("utf-16-be"))):
    d = d.replace(old, new)
if damaged:  # hhea.numberOfHMetrics beyond maxp.numGlyphs
    n = struct.unpack(">H", d[4:6])[0]
    for i in range(n):
        t, _, off, _ = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
        if t == b"hhea":
            struct.pack_into(">H", d, off + 34, 7000)
open(out, "wb").write(d)
PY
}
new_case; mkdir "$case/fp"
rename_font "Brokenn Fnt" "$case/fp/b.ttf" damaged
rename_font "Healthy Fnt" "$case/fp/h.ttf"
printf '[fonts]\nregular = "Brokenn Fnts"\n' >>"$case/test.ini"
expect "a damaged face is never the hint" 1 "^$case/test.ini:26: error: font 'Brokenn Fnts' is not installed; install it" \
	build -c "$case/test.ini" -o "$good" --font-path "$case/fp"
sed -i 's/^regular = .*/regular = "Healthy Fnts"/' "$case/test.ini"
expect "... a healthy one is" 1 "^$case/test.ini:26: error: font 'Healthy Fnts' is not installed \(did you mean 'Healthy Fnt'\?\)" \
	build -c "$case/test.ini" -o "$good" --font-path "$case/fp"
"$BRIEFING" fonts --font-path "$case/fp" >"$work/out" 2>"$work/err"
p=""
grep -q '^Healthy Fnt' "$work/out" || p="the healthy face is not listed;"
grep -q 'Brokenn' "$work/out" && p="$p the damaged face is listed;"
verdict "briefing fonts lists only faces that load" "$p"
# A break in a succession the source has: acknowledged with its reason,
# the check runs clean; unacknowledged, the warning says how.
new_case; printf 'name,from,to\nAnna,2019-01-01,2019-06-01\nBogdan,2019-06-11,\n' >"$case/people.csv"
expect "a gap in a succession says how to acknowledge it" 0 "^$case/people.csv:3: warning: gap of 10 days between row 1 \(Anna\) and row 2 \(Bogdan\); if the source has it, acknowledge it in \[test.people\]: gap.2019-06-01 = \"why\"$" check -c "$case/test.ini"
printf 'gap.2019-06-01 = "The post was vacant for ten days."\n' >>"$case/facts.ini"
"$BRIEFING" check -c "$case/test.ini" >"$work/out" 2>"$work/err"; rc=$?
p=""
[ "$rc" -eq 0 ] || p="exit status $rc;"
[ -s "$work/err" ] && p="$p stderr is not empty;"
verdict "... acknowledged, the check runs clean" "$p"
sed -i 's/^gap.2019-06-01/gap.2019-06-02/' "$case/facts.ini"
expect "an acknowledgement that matches no break: a warning" 0 "^$case/facts.ini:21: warning: \[test.people\] gap.2019-06-02: no gap in the succession begins on 2019-06-02 \(the day a term ends\); remove it or correct the date$" check -c "$case/test.ini"
new_case; sed -i 's/^succession = yes$/gap.2019-06-01 = "x"/' "$case/facts.ini"
expect "an acknowledgement on a table that is no succession" 1 "^$case/facts.ini:20: error: \[test.people\] gap.2019-06-01: only a table with succession = yes has gaps and overlaps$"
new_case; printf '[table.test.people]\n1 = nmae | Name\n2 = tenure | Tenure\n' >>"$case/test.ini"; sed -i '/^succession/d' "$case/facts.ini"
expect "a misspelt column: the column meant and the CSV's columns" 1 "^$case/test.ini:26: error: \[table.test.people\]: column 'nmae' is not in $case/people.csv \(did you mean 'name'\? its columns: name, from, to\)$"
expect "... a tenure column without a succession says why" 1 "^$case/test.ini:27: error: \[table.test.people\]: column 'tenure' is computed only for a table with succession = yes, and $case/people.csv has none \(its columns: name, from, to\)$"
new_case; sed -i 's/,/;/g' "$case/people.csv"
expect "a ';'-separated CSV says so" 1 "^$case/people.csv:1: error: the header 'name;from;to' is one column: the file looks ';'-separated, but fields are separated by ','; save it as comma-separated CSV$"
new_case; sed -i 's/^m = facts.ini/m = facts.ini\nn = facts.ini/' "$case/test.ini"
expect "a data file named twice says so, not 'already defined' per fact" 1 "^$case/test.ini:12: error: \[data\] n: 'facts.ini' is named already by 'm' \(line 11\)$"
new_case; printf '[style]\ntext_color = #1a1a1a\n' >>"$case/test.ini"
expect "an unquoted colour says to quote it" 1 "^$case/test.ini:26: error: \[style\] text_color: empty; an unquoted '#' starts a comment, so quote the colour: text_color = \"#1a1a1a\" \(the default\)$"

# --- page geometry: sizes, section starts and orientations ------------------
new_case; sed -i 's/^\[data\]$/[page]\nsize = 10 x 10 mm\n\n[data]/' "$case/test.ini"
expect "page too small" 1 "^$case/test.ini:11: error: \[page\] size: the width 10 mm is 10 mm; a page side is 50 to 2000 mm$"
new_case; sed -i 's/^\[data\]$/[page]\nsize = 297 x\n\n[data]/' "$case/test.ini"
expect "page size without a height" 1 "^$case/test.ini:11: error: \[page\] size: '297 x' is not one of: a4, letter, a3, legal, or WIDTH x HEIGHT with a unit \(e.g. '297 x 167 mm'\)$"
new_case; sed -i 's/^\[data\]$/[page]\nsize = 297 x 167 ft\n\n[data]/' "$case/test.ini"
expect "page size in an unknown unit" 1 "^$case/test.ini:11: error: \[page\] size: unknown unit 'ft' \(write mm, cm, in or pt\)$"
new_case; sed -i 's/^title = "Places"$/title = "Places"\norientation = sideways/' "$case/test.ini"
expect "section orientation sideways" 1 "^$case/test.ini:15: error: \[section.one\] orientation: 'sideways' is not one of: portrait, landscape$"
new_case; sed -i 's/^title = "Places"$/title = "Places"\nstart = maybe/' "$case/test.ini"
expect "section start maybe" 1 "^$case/test.ini:15: error: \[section.one\] start: 'maybe' is not one of: continue, new, odd$"
new_case; sed -i 's/^title = "Places"$/title = "Places"\nstrat = new/' "$case/test.ini"
expect "section start misspelled" 1 "^$case/test.ini:15: error: \[section.one\] strat: unknown key \(did you mean 'start'\?\)$"
new_case; printf 'include = test.ini\n[page]\nsize = 90 x 200 mm\n[section.two]\norientation = landscape\n' >"$case/slim.ini"
expect "turned page too small, at the section's line in the file it is written in" 1 \
	"^$case/test.ini:18: error: the turned page leaves 156 x 40 mm for text; it needs at least 25 x 50 mm$" \
	build -c "$case/slim.ini" -o "$good"

# --- profiles: several includes, -D overrides ---------------------------
new_case; printf 'include = b.ini\n' >"$case/a.ini"; printf 'include = a.ini\n' >"$case/b.ini"
sed -i '1i include = a.ini' "$case/test.ini"
expect "include cycle, named by its chain" 1 "^$case/b.ini:1: error: include: a file includes itself \($case/a.ini -> $case/b.ini -> $case/a.ini\)$"
new_case; printf '[page]\nsize = letter\n' >"$case/l.ini"; sed -i '1i include = l.ini\ninclude = l.ini' "$case/test.ini"
expect "the same include twice" 1 "^$case/test.ini:2: error: include: 'l.ini' is already included \(line 1\)$"
new_case; sed -i '1i include = no1.ini\ninclude = no2.ini' "$case/test.ini"
expect "every missing include is named" 1 "^$case/test.ini:2: error: '$case/no2.ini': cannot open: No such file or directory$"
new_case
expect "-D of an unknown key" 1 "^-D page.sise=a4: error: \[page\] sise: unknown key \(did you mean 'size'\?\)$" \
	build -c "$case/test.ini" -o "$good" -D page.sise=a4
expect "-D of an unknown section" 1 "^-D section.on.title=X: error: no section \[section.on\] to set 'title' in \(did you mean \[section.one\]\?\)$" \
	build -c "$case/test.ini" -o "$good" -D section.on.title=X
expect "-D of a bad value" 1 "^-D page.margin_top=wide: error: \[page\] margin_top: 'wide' is not a number$" \
	build -c "$case/test.ini" -o "$good" -D page.margin_top=wide
expect "-D of an unclosed quote" 1 "^-D document.title=\"A: error: \[document\] title: the double quote opened here is never closed$" \
	build -c "$case/test.ini" -o "$good" -D 'document.title="A'
expect "-D with a line break, shown escaped" 1 '^-D document.title=A\\nB: error: a value given with -D cannot hold a line break$' \
	build -c "$case/test.ini" -o "$good" -D "document.title=A
B"
expect "-D naming a missing data file" 1 "^-D data.more=$case/none.ini: error: '$case/none.ini': cannot open: No such file or directory$" \
	build -c "$case/test.ini" -o "$good" -D "data.more=$case/none.ini"
expect "-D that is not SECTION.KEY=VALUE" 2 "^briefing: -D 'pagesize=a4': expected SECTION.KEY=VALUE, e.g. -D page.size=letter$" \
	build -c "$case/test.ini" -o "$good" -D pagesize=a4

# --- dates and document control ---------------------------------------------
new_case; sed -i 's/^as_of = .*/as_of = 2019-02-29/' "$case/test.ini"
expect "as_of on a day that does not exist" 1 "^$case/test.ini:8: error: \[document\] as_of: '2019-02-29' is not a date \(YYYY-MM-DD, or YYYY-MM-DDThh:mmZ\): 2019 February has 28 days$"
new_case; sed -i 's/^as_of = .*/as_of = 2020-02-29T25:00Z/' "$case/test.ini"
expect "as_of at hour 25" 1 "^$case/test.ini:8: error: \[document\] as_of: .*: hour 25$"
new_case; sed -i 's/^as_of = .*/as_of = 2020-02-29\ndate_format = "dd MMMMM"/' "$case/test.ini"
expect "date pattern with a token it does not know" 1 "^$case/test.ini:9: error: \[document\] date_format: 'dd MMMMM': 'MMMMM' is not a date token"
new_case; sed -i 's/^as_of = .*/as_of = 2020-02-29\nsources_date_format = "d '"'"'of MMM"/' "$case/test.ini"
expect "date pattern with an open quote" 1 "^$case/test.ini:9: error: \[document\] sources_date_format: .*: a quote that is not closed"
new_case; sed -i 's/^as_of = .*/as_of = 2020-02-29\nreference = "x\\\\y"/' "$case/test.ini"
expect "reference with a backslash" 1 "^$case/test.ini:9: error: \[document\] reference: "
new_case; printf '[test.log]\ntype = changes\n1 = "1 | 2020-02-30 | x"\n' >>"$case/facts.ini"
expect "changes entry on a day that does not exist" 1 "^$case/facts.ini:[0-9]+: error: \[test.log\] 1: '2020-02-30' is not a date \(YYYY-MM-DD\): 2020 February has 29 days$"
new_case; printf '[test.log]\ntype = changes\n1 = "B | 2020-01-01 | x"\n2 = "A | 2020-02-01 | y"\n' >>"$case/facts.ini"
expect "changes editions going back" 1 "^$case/facts.ini:[0-9]+: error: \[test.log\] 2: edition A comes after edition B \(line [0-9]+\); list the changes oldest first$"
new_case; printf '[test.log]\ntype = changes\n1 = "1 | 2020-01-01 | x"\n' >>"$case/facts.ini"; printf '[section.log]\ntitle = L\n1 = changes test.places\n' >>"$case/test.ini"
expect "changes block naming a list" 1 "^$case/test.ini:[0-9]+: error: \[section.log\]: fact 'test.places' is a list \($case/facts.ini:[0-9]+\), not a changes$"

if [ "$failures" -ne 0 ]; then
	echo "bad input: $failures of $cases case(s) failed"
	exit 1
fi
echo "bad input: all $cases cases passed"
