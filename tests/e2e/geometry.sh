#!/bin/bash
# End-to-end tests of page geometry: custom page sizes, turned sections,
# sections that start a new or an odd page (with a blank verso), the
# cover's page number, and the slide profile config/slides.ini, checked
# with pdfinfo (page sizes), pdftotext (what lands on which page) and
# qpdf; and bad values, each an error at its line (bad-input.sh has them
# too, with the other bad input).
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-geometry.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

check_log=$work/out
. "$top/tests/e2e/lib.sh"

# mission: a fresh copy of the test mission in $work/m, whose config
# each case edits with sed (a key written twice is an error).
mission() {
	rm -rf "$work/m"
	cp -r tests/e2e/mission "$work/m"
}

# build OUT CONFIG: builds quietly, stderr into $work/err.
build() {
	"$BRIEFING" build -q -c "$2" -o "$1" 2>"$work/err"
}

# sizes PDF: one line per page, "W x H" in points as pdfinfo prints them.
sizes() {
	local n
	n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
	pdfinfo -f 1 -l "$n" "$1" | sed -n 's/^Page *[0-9]* size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 x \2/p'
}

# page_with PDF REGEX: the first page with a line (pdftotext -layout)
# matching the extended REGEX, or 0.
page_with() {
	local n p
	n=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
	for p in $(seq 1 "$n"); do
		pdftotext -f "$p" -l "$p" -layout "$1" - | grep -Eq -- "$2" && { echo "$p"; return; }
	done
	echo 0
}

# top_line PDF PAGE Y: the first line of text in the 30 pt band from Y
# down (the top of the text area), blanks squeezed.
top_line() {
	pdftotext -f "$2" -l "$2" -layout -x 0 -y "$3" -W 2000 -H 30 "$1" - |
		grep -v '^\s*$' | head -1 | tr -s ' ' | sed 's/^ //'
}

# --- a custom page size -----------------------------------------------------
mission
sed -i 's/^\[data\]$/[page]\nsize = 297 x 167 mm\n\n[data]/' "$work/m/test.ini"
check "custom size builds" build "$work/custom.pdf" "$work/m/test.ini"
sizes "$work/custom.pdf" >"$work/custom.sizes"
check "every page is 297 x 167 mm (841.89 x 473.386 pt)" \
	test -s "$work/custom.sizes" -a -z "$(grep -v '^841.89 x 473.386$' "$work/custom.sizes")"
sed -i 's/^size = 297 x 167 mm$/size = 11 x 8.5 in\norientation = portrait/' "$work/m/test.ini"
build "$work/inch.pdf" "$work/m/test.ini"
check "11 x 8.5 in stood up by orientation = portrait is 612 x 792 pt" \
	test -z "$(sizes "$work/inch.pdf" | grep -v '^612 x 792$')"

# --- a turned section ---------------------------------------------------------
mission
sed -i 's/^title = "People"$/title = "People"\norientation = landscape/' "$work/m/test.ini"
check "a landscape section builds" build "$work/turned.pdf" "$work/m/test.ini"
check "qpdf --check passes with pages of two sizes" qpdf --check "$work/turned.pdf"
people=$(page_with "$work/turned.pdf" "^2 +People$")
sizes "$work/turned.pdf" >"$work/turned.sizes"
check "the landscape section starts a page of its own (page $people)" test "$people" -ge 2
check "pages before it are A4 portrait" \
	test -z "$(head -n $((people - 1)) "$work/turned.sizes" | grep -v '^595.276 x 841.89$')"
check "its pages are A4 landscape" \
	test -z "$(tail -n +"$people" "$work/turned.sizes" | grep -v '^841.89 x 595.276$')"
# the footer's page number ends at the turned page's right margin (22 mm)
pdftotext -f "$people" -l "$people" -bbox "$work/turned.pdf" "$work/turned.html"
xmax=$(awk '/<word / {
		match($0, /yMin="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /xMax="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7)
		if ($0 ~ />Page</) py = y
		if (py != "" && y == py && x + 0 > m) m = x + 0 }
	END { print m }' "$work/turned.html")
check "the footer moves to the turned page's margin (page number ends at $xmax pt)" \
	awk -v x="${xmax:-0}" 'BEGIN { exit !(x > 770 && x <= 779.6) }'
check "the turned page keeps its markings" \
	test "$(pdftotext -f "$people" -l "$people" -layout "$work/turned.pdf" - | grep -o 'EXERCISE ONLY' | wc -l)" -eq 2

# --- section starts -----------------------------------------------------------
mission
sed -i 's/^title = "People"$/title = "People"\nstart = odd/' "$work/m/test.ini"
check "start = odd builds" build "$work/odd.pdf" "$work/m/test.ini"
people=$(page_with "$work/odd.pdf" "^2 +People$")
check "the section lands on an odd page (page $people)" test $((people % 2)) -eq 1 -a "$people" -ge 3
blank=$(pdftotext -f $((people - 1)) -l $((people - 1)) "$work/odd.pdf" - | grep -v '^\s*$' | tr '\n' '|')
check "the verso before it is blank but for its two markings ($blank)" \
	test "$blank" = "EXERCISE ONLY|EXERCISE ONLY|"
mission
sed -i 's/^title = "People"$/title = "People"\nstart = new/' "$work/m/test.ini"
build "$work/new.pdf" "$work/m/test.ini"
build "$work/flow.pdf" tests/e2e/mission/test.ini
flow=$(page_with "$work/flow.pdf" "^2 +People$")
new=$(page_with "$work/new.pdf" "^2 +People$")
# the text area starts 25 mm (70.9 pt) down
check "start = new puts the heading at the top of page $new" \
	test "$new" -eq 2 -a "$(top_line "$work/new.pdf" "$new" 66)" = "2 People"
check "without it the section follows on page $flow" test "$flow" -eq 1

# --- a continued section repeats its heading -------------------------------
mission
sed -i 's/^\[data\]$/[page]\nsize = 120 x 110 mm\nmargin_top = 20\nmargin_bottom = 20\nrepeat_heading = yes\n\n[data]/' "$work/m/test.ini"
build "$work/repeat.pdf" "$work/m/test.ini"
# the text area starts 20 mm (56.7 pt) down
check "repeat_heading: page 2 continues 'Places' under its heading again" \
	test "$(top_line "$work/repeat.pdf" 2 52)" = "1 Places (continued)"
check "the heading is repeated, not its bookmark" \
	test "$(qpdf --json "$work/repeat.pdf" | python3 -c 'import json, sys
print(sum(o["title"] == "1 Places" for o in json.load(sys.stdin)["outlines"]))')" = 1
sed -i '/^repeat_heading = yes$/d' "$work/m/test.ini"
build "$work/norepeat.pdf" "$work/m/test.ini"
check "without it page 2 starts with the text" \
	sh -c "! pdftotext -f 2 -l 2 '$work/norepeat.pdf' - | grep -q 'Places'"

# --- the cover's page number --------------------------------------------------
mission
printf '\n[cover]\npage_number = yes\n' >>"$work/m/test.ini"
build "$work/cover.pdf" "$work/m/test.ini"
n=$(pdfinfo "$work/cover.pdf" | awk '/^Pages:/ {print $2}')
check "[cover] page_number = yes prints 'Page 1 of $n' on the cover" \
	sh -c "pdftotext -f 1 -l 1 '$work/cover.pdf' - | grep -qx 'Page 1 of $n'"
sed -i '/^page_number = yes$/d' "$work/m/test.ini"
build "$work/nocover.pdf" "$work/m/test.ini"
check "without it the cover has no number" \
	sh -c "! pdftotext -f 1 -l 1 '$work/nocover.pdf' - | grep -q '^Page 1 of'"

# --- the slide profile --------------------------------------------------------
check "config/slides.ini builds the default facts" build "$work/slides.pdf" config/slides.ini
check "the default briefing builds" build "$work/doc.pdf" config/briefing.ini
sizes "$work/slides.pdf" >"$work/slides.sizes"
check "every slide is 16:9 (297 x 167 mm)" \
	test -s "$work/slides.sizes" -a -z "$(grep -v '^841.89 x 473.386$' "$work/slides.sizes")"
check "qpdf --check passes on the deck" qpdf --check "$work/slides.pdf"
pdftotext "$work/slides.pdf" "$work/slides.txt"
pdftotext "$work/doc.pdf" "$work/doc.txt"
# every section title of the document is on the deck, and every section
# opens a slide: its heading is the first line under the running header
# (a section with no blocks of its own shares the slide of its first
# subsection)
missing=""
while read -r title; do
	grep -qF -- "$title" "$work/slides.txt" || missing="$missing [$title]"
done < <(sed -n 's/^title = "\(.*\)"$/\1/p' config/briefing.ini | tail -n +2)
check "every section of the document is in the deck" test -z "$missing"
[ -n "$missing" ] && echo "    missing:$missing"
n=$(wc -l <"$work/slides.sizes")
late=""
for p in $(seq 2 "$n"); do
	# the text area starts 20 mm (56.7 pt) down: its first line is a
	# heading
	first=$(top_line "$work/slides.pdf" "$p" 52)
	grep -Eq '^([0-9]+(\.[0-9]+)? [A-Z].+|Contents|List of figures|Sources)$' <<<"$first" ||
		late="$late [$p: $first]"
done
check "every slide opens with a heading: a section a slide, none overfull" test -z "$late"
[ -n "$late" ] && echo "    $late"
check "the slides have the markings on every page" \
	test "$(pdftotext -layout "$work/slides.pdf" - | grep -o 'NATO UNCLASSIFIED' | wc -l)" -eq $((2 * n))
for fact in "4,000" "Lorenzo D’Addario" "HQ MNBG West" "Support Branch"; do
	check "slides and document both print '$fact'" \
		sh -c "grep -qF -- '$fact' '$work/slides.txt' && grep -qF -- '$fact' '$work/doc.txt'"
done

# --- bad values: each an error at its file and line, nothing written -------
bad() { # bad NAME SED LINE MESSAGE
	mission
	sed -i "$2" "$work/m/test.ini"
	rm -f "$work/bad.pdf"
	"$BRIEFING" build -c "$work/m/test.ini" -o "$work/bad.pdf" 2>"$work/err"
	local rc=$?
	check "$1: exit status 1 ($rc), nothing written" test "$rc" -eq 1 -a ! -e "$work/bad.pdf"
	check "$1: error at test.ini:$3" grep -qF -- "$work/m/test.ini:$3: error: $4" "$work/err"
}
bad "size = 10 x 10 mm" 's/^\[data\]$/[page]\nsize = 10 x 10 mm\n\n[data]/' 11 \
	"[page] size: the width 10 mm is 10 mm; a page side is 50 to 2000 mm"
bad "size = 297 x" 's/^\[data\]$/[page]\nsize = 297 x\n\n[data]/' 11 \
	"[page] size: '297 x' is not one of: a4, letter, a3, legal, or WIDTH x HEIGHT with a unit"
bad "orientation = sideways" 's/^title = "People"$/title = "People"\norientation = sideways/' 20 \
	"[section.two] orientation: 'sideways' is not one of: portrait, landscape"
bad "start = maybe" 's/^title = "People"$/title = "People"\nstart = maybe/' 20 \
	"[section.two] start: 'maybe' is not one of: continue, new, odd"
bad "section_start = later" 's/^\[data\]$/[page]\nsection_start = later\n\n[data]/' 11 \
	"[page] section_start: 'later' is not one of: continue, new, odd"

if [ "$failures" -ne 0 ]; then
	echo "geometry: $failures check(s) failed"
	exit 1
fi
echo "geometry: all checks passed"
