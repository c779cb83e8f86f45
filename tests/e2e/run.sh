#!/bin/bash
# End-to-end tests: build real PDFs with the real binary and inspect them
# with independent tools (poppler's pdftotext/pdfinfo/pdffonts, qpdf).
# Each check prints "ok" or "FAIL"; the script exits non-zero on any FAIL.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

check_log=$work/out
. "$top/tests/e2e/lib.sh"

pdf=$work/briefing.pdf

# --- the default briefing ---------------------------------------------------
if "$BRIEFING" build -c config/briefing.ini -o "$pdf" >"$work/stdout" 2>"$work/stderr"; then
	ok "default briefing builds"
else
	fail "default briefing builds" "$(cat "$work/stderr")"
	echo "$failures failure(s)"; exit 1
fi
check "success prints one line naming the output and page count" \
	grep -Eq "^wrote $pdf \([0-9]+ pages\)$" "$work/stdout"
check "a clean build prints nothing on stderr" test ! -s "$work/stderr"

pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
check "at least four pages (got $pages)" test "${pages:-0}" -ge 4
check "title metadata" grep -q "^Title: *NATO in Kosovo: KFOR and the NATO Advisory and Liaison Team$" <(pdfinfo "$pdf")
check "author metadata" grep -q "^Author: *briefing$" <(pdfinfo "$pdf")
check "qpdf --check passes" qpdf --check "$pdf"
# libharu writes PDF 1.3; render packs it as 1.5 (src/render/pack.c):
# plain objects in object streams, a cross-reference stream, no length
# objects. qpdf rewrites it without them and reads the same text back.
check "PDF 1.5 with object streams and a cross-reference stream" sh -c "
	head -c 9 '$pdf' | grep -qx '%PDF-1.5' &&
	qpdf --show-xref '$pdf' | grep -q 'compressed; stream = ' &&
	! grep -aq '^xref\$' '$pdf' &&
	! grep -aqE '^/Length [0-9]+ 0 R\$' '$pdf'"
check "qpdf round trip to classic objects keeps text and pages" sh -c "
	qpdf --object-streams=disable '$pdf' '$work/classic.pdf' &&
	qpdf --check '$work/classic.pdf' >/dev/null &&
	head -c 9 '$work/classic.pdf' | grep -qx '%PDF-1.5' &&
	pdftotext -layout '$pdf' - >'$work/packed.txt' &&
	pdftotext -layout '$work/classic.pdf' - | cmp -s - '$work/packed.txt' &&
	test \"\$(pdfinfo '$work/classic.pdf' | grep ^Pages:)\" = \"\$(pdfinfo '$pdf' | grep ^Pages:)\""
# Independent readers print nothing: poppler, MuPDF, Ghostscript. (mutool
# lists each page it draws on stderr; -N turns off the ICC workflow that
# Debian's build warns it lacks.)
check "pdftoppm prints no warning" sh -c "pdftoppm -r 10 '$pdf' '$work/ppm' 2>&1 | grep . && exit 1 || exit 0"
check "mutool draw prints no warning" sh -c "mutool draw -N -o /dev/null '$pdf' 2>&1 | grep -v '^page ' | grep . && exit 1 || exit 0"
check "ghostscript prints no warning" sh -c "gs -q -dNOPAUSE -dBATCH -sDEVICE=nullpage '$pdf' 2>&1 | grep . && exit 1 || exit 0"

pdffonts "$pdf" >"$work/fonts"
check "fonts listed" test "$(tail -n +3 "$work/fonts" | wc -l)" -ge 3
check "every font embedded" test "$(tail -n +3 "$work/fonts" | awk '{ if ($(NF-4) != "yes") print }' | wc -l)" -eq 0

pdftotext -layout "$pdf" "$work/all.txt" 2>"$work/pdftotext.err"
check "pdftotext prints no warning (ToUnicode is valid)" test ! -s "$work/pdftotext.err"
# Phrases are matched in text with all whitespace runs made one space, so
# a line break inside a phrase does not matter.
pdftotext "$pdf" - | tr -s '[:space:]' ' ' >"$work/flat.txt"
# Every section title the config names appears, numbered.
sed -n 's/^title = "\(.*\)"$/\1/p' config/briefing.ini | tail -n +2 >"$work/titles"
missing=""
while IFS= read -r t; do
	grep -qF "$t" "$work/all.txt" || missing="$missing [$t]"
done <"$work/titles"
check "every section title present" test -z "$missing"
[ -n "$missing" ] && echo "     missing:$missing"
for phrase in "1 Summary" "2.1 Objectives and mandate" "Juan Ortuño" "Lorenzo D’Addario" \
	"Camp Film City, Pristina" "Chapter VII of the UN Charter" "28 August 2016" \
	"Command and Support Element" "approximately 4,000" "present" \
	"Strategy and Plans Branch" "North Atlantic Council" "COM JFCN, Italy" \
	"Camp Bondsteel, near Urosevac" "Deputy Director" "Chief of Staff Support Team" \
	"Last updated 15 June 2017"; do
	check "text contains '$phrase'" grep -qF "$phrase" "$work/flat.txt"
done
# The NALT chart read back from the PDF: the Director's box (its detail
# line "senior military rank") is centred over the row (or rows) of
# branches, whose box centres are the centres of their labels' lines;
# the Deputy sits below the Director, above the branches, wholly to one
# side of the Director's line.
pdftotext -bbox "$pdf" "$work/bbox.html"
awk '
	function attr(name,   v) { match($0, name "=\"[0-9.]+\""); v = substr($0, RSTART, RLENGTH)
		sub(/^[a-zA-Z]+="/, "", v); sub(/"$/, "", v); return v + 0 }
	/<page / { page++ }
	/<word / { w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
		n++; P[n] = page; T[n] = w; X0[n] = attr("xMin"); X1[n] = attr("xMax")
		Y0[n] = attr("yMin"); Y1[n] = attr("yMax")
		if (T[n - 1] == "Deputy" && w == "Director" && !dep) dep = n - 1 }
	END {
		if (!dep) { print "no Deputy"; exit }
		pg = P[dep]
		for (i = 1; i <= n; i++) if (P[i] == pg) {
			if (T[i] == "senior" && T[i + 1] == "military" && T[i + 2] == "rank") {
				dc = (X0[i] + X1[i + 2]) / 2; dbot = Y1[i] }
			if (T[i] == "civilian") cbot = Y1[i]
			# the chart ends at its citation note or the Sources heading
			if ((T[i] == "Sources" || T[i] == "Source:") && Y0[i] > Y0[dep] && (!stop || Y0[i] < stop)) stop = Y0[i] }
		if (!dc) { print "no Director box"; exit }
		if (!(Y0[dep] > dbot)) print "Deputy not below the Director"
		dx0 = X0[dep]; dx1 = X1[dep + 1]
		if (!(dx0 > dc || dx1 < dc)) print "Deputy on the Director line"
		# branch labels: words below the Deputy box, clustered per line
		m = 0
		for (i = 1; i <= n; i++) {
			if (P[i] != pg || Y0[i] <= cbot || Y0[i] >= stop) continue
			if (m && Y0[i] == ly && X0[i] - cx1 < 8) { cx1 = X1[i]; C1[m] = cx1; continue }
			m++; C0[m] = X0[i]; C1[m] = X1[i]; cx1 = X1[i]; ly = Y0[i] }
		lo = 1e9; hi = -1e9; k = 0
		for (j = 1; j <= m; j++) { c = int((C0[j] + C1[j]) / 2 + 0.5)
			if (!(c in seen)) { seen[c] = 1; k++ }
			if (c < lo) lo = c; if (c > hi) hi = c }
		if (k < 3) print "branches: " k " box centres"
		if ((lo + hi) / 2 - dc > 2 || dc - (lo + hi) / 2 > 2)
			print "Director at " dc ", branches centred at " (lo + hi) / 2
	}' "$work/bbox.html" >"$work/nalt.bad"
check "NALT chart: Director centred over the branches, Deputy beside the line" test ! -s "$work/nalt.bad"
[ -s "$work/nalt.bad" ] && sed "s/^/     /" "$work/nalt.bad" | head -3
# Marking at top and bottom of every page, and Page X of Y.
bad_pages=""
for ((p = 1; p <= pages; p++)); do
	pdftotext -f "$p" -l "$p" -layout "$pdf" "$work/p.txt"
	n=$(grep -c "NATO UNCLASSIFIED" "$work/p.txt")
	first=$(grep -v '^\s*$' "$work/p.txt" | head -1)
	last=$(grep -v '^\s*$' "$work/p.txt" | tail -1)
	# page 1 is the cover: banners, no page number
	if [ "$n" -lt 2 ] || { [ "$p" -gt 1 ] && ! grep -q "Page $p of $pages" "$work/p.txt"; } ||
		[[ "$first" != *"NATO UNCLASSIFIED"* ]] || [[ "$last" != *"NATO UNCLASSIFIED"* ]]; then
		bad_pages="$bad_pages $p"
	fi
done
check "marking first and last on every page, Page X of Y after the cover" test -z "$bad_pages"

# Reproducible: same inputs, same bytes, whatever the clock and time zone
# say. Building twice in the same second would let a time(NULL) stamp
# through, so faketime (LD_PRELOAD) moves the clock 18 months between two
# builds, and TZ moves the zone 22 hours. ASan must let libfaketime load
# first when make check runs this with the sanitized binary.
at() { # at 'YYYY-MM-DD hh:mm:ss' TZ COMMAND...: run COMMAND at that time
	local when=$1 zone=$2; shift 2
	env -u SOURCE_DATE_EPOCH TZ="$zone" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		faketime "$when" "$@"
}
check "faketime moves the clock and TZ the zone" test \
	"$(at '2030-01-01 00:00:00' Pacific/Kiritimati date '+%Y-%m-%d %z'),$(at '2031-06-15 12:00:00' America/Los_Angeles date '+%Y-%m-%d %z')" = \
	"2030-01-01 +1400,2031-06-15 -0700"
at '2030-01-01 00:00:00' Pacific/Kiritimati "$BRIEFING" build -q -o "$work/t2030.pdf"
at '2031-06-15 12:00:00' America/Los_Angeles "$BRIEFING" build -q -o "$work/t2031.pdf"
check "builds in 2030 (UTC+14) and 2031 (UTC-7) are byte-identical" cmp "$work/t2030.pdf" "$work/t2031.pdf"
check "and identical to a build at the real time" cmp "$pdf" "$work/t2031.pdf"

# --- page breaks in tables ---------------------------------------------------
# A table that runs over a page break leaves no page with a lone row of
# it, at the foot or at the top (under the repeated header). lone_rows
# PDF prints each such page. It finds the commanders table by its header
# row, built from the config's column titles; a row is a line whose first
# word is a number or "–" and that splits, at runs of two or more spaces,
# into at least half as many fields as the header; a deeper-indented line
# after a row is a wrapped cell of it. A page holding one row of a table
# that continues from it, or onto it ("(continued)"), is a lone row.
table_head=$(sed -n '/^\[table.kfor.commanders\]/,$p' config/briefing.ini |
	sed -n 's/^[0-9]* = [^|]*| *\([^|]*[^ |]\) *|.*$/\1/p' | sed 's/[.]/\\./g' | paste -sd' ' | sed 's/ / +/g')
lone_rows() { # lone_rows PDF
	pdftotext -layout "$1" - | awk -v head="$table_head" '
		BEGIN { RS = "\f" }
		{
			n = split($0, line, "\n"); rows[NR] = -1; cont[NR] = 0
			for (i = 1; i <= n; i++) {
				if (line[i] ~ /\(continued\)/) cont[NR] = 1
				if (line[i] !~ head) continue
				cols = split(line[i], f, /  +/); rows[NR] = 0
				for (j = i + 1; j <= n; j++) {
					t = line[j]; sub(/^ +/, "", t)
					k = split(t, f, /  +/); w = t; sub(/ .*/, "", w)
					if ((w ~ /^[0-9]+$/ || w == "–") && k * 2 >= cols) rows[NR]++
					else if (rows[NR] > 0 && line[j] ~ /^    /) continue
					else break
				}
			}
		}
		END {
			for (p = 1; p <= NR; p++) {
				if (rows[p] >= 0) seen++
				if (rows[p] == 1 && (cont[p] || (p < NR && cont[p + 1])))
					print "page " p ": a lone table row"
			}
			if (!seen) print "no table header found"
		}'
}
check "table header found for the lone-row check" test -n "$table_head"
lone_rows "$pdf" >"$work/lone"
check "default briefing: no page starts or ends with a lone table row" test ! -s "$work/lone"
[ -s "$work/lone" ] && head -3 "$work/lone"
# A bottom margin of 22 mm once left the table's last row alone at the
# top of a page; with table_keep_rows = 0 the table must break, and
# then keeps table_min_rows rows on each side.
for extra in "" "table_keep_rows = 0"; do
	printf 'include = %s/config/briefing.ini\n[page]\nmargin_bottom = 22\n[style]\n%s\n' \
		"$top" "$extra" >"$work/lone.ini"
	rm -f "$work/lone.pdf"
	if "$BRIEFING" build -q -c "$work/lone.ini" -o "$work/lone.pdf" 2>"$work/lone"; then
		lone_rows "$work/lone.pdf" >"$work/lone"
	fi
	check "margin_bottom = 22${extra:+, $extra}: no lone table row" test ! -s "$work/lone"
	[ -s "$work/lone" ] && head -3 "$work/lone"
done

# --- navigation: contents, bookmarks, page numbers ---------------------------
# Bookmarks: "title|page" for every outline entry, nested ones included.
qpdf --json --json-key=outlines "$pdf" |
	jq -r '.outlines[] | recurse(.kids[]) | "\(.title)|\(.destpageposfrom1)"' >"$work/outline"
check "bookmarks for every section ($(wc -l <"$work/outline"))" test "$(wc -l <"$work/outline")" -ge 15
check "a nested bookmark names its section" grep -qx "2.1 Objectives and mandate|[0-9]*" "$work/outline"
# Contents entries as "number title|page", read from the contents page.
pdftotext -f 2 -l 2 -layout "$pdf" - | sed '/^ *List of /,$d' |
	sed -n 's/^ *\([0-9][0-9.]*\) \{1,\}\(.*[^ .]\)[ .]* \{2,\}\([0-9]\{1,\}\) *$/\1 \2|\3/p' |
	sed 's/  */ /g' >"$work/toc"
check "contents list every numbered section ($(wc -l <"$work/toc"))" test "$(wc -l <"$work/toc")" -ge 14
# Each contents entry's page is the bookmark's page and the page where
# pdftotext finds that heading.
toc_bad=""
while IFS='|' read -r entry page; do
	grep -qxF "$entry|$page" "$work/outline" || toc_bad="$toc_bad [$entry: bookmark differs]"
	pdftotext -f "$page" -l "$page" -layout "$pdf" - | sed 's/  */ /g; s/^ //' |
		grep -qxF "$entry" || toc_bad="$toc_bad [$entry: not on page $page]"
done <"$work/toc"
check "contents page numbers match the headings' pages" test -z "$toc_bad"
[ -n "$toc_bad" ] && echo "    $toc_bad"

# --- captions: numbers, bookmarks, lists of figures and tables ---------------
pdftotext "$pdf" "$work/cap.txt"
for c in "Figure 1 – KFOR chain of command" "Figure 2 – NALT structure" \
	"Table 1 – Commanders of KFOR"; do
	check "caption '$c'" grep -qxF "$c" "$work/cap.txt"
done
check "no hand-typed caption number is left" sh -c "! grep -qE '^Table [0-9]+\.' '$work/cap.txt'"
# A caption's bookmark is a child of its level-1 section's, and on the
# page where the caption is printed.
qpdf --json --json-key=outlines "$pdf" |
	jq -r '.outlines[] | .title as $s | .kids[] | "\($s)|\(.title)|\(.destpageposfrom1)"' >"$work/nested"
check "caption bookmark under its section" grep -qE "^3 Command and structure of KFOR\|Figure 1 – KFOR chain of command\|[0-9]+$" "$work/nested"
# Entries of the lists as "Figure N – title|page": each page is the
# bookmark's, the caption is printed there, and the entry's link goes
# there. Links on page 2 as "bottom|top|target page".
pdftotext -f 2 -l 2 -layout "$pdf" - | awk '
	/^ *List of figures/ { word = "Figure"; next }
	/^ *List of tables/ { word = "Table"; next }
	word && match($0, /^ *[0-9]+ +.*[^ .][ .]* +[0-9]+ *$/) {
		n = $1; p = $NF; sub(/^ *[0-9]+ +/, ""); sub(/[ .]* +[0-9]+ *$/, "")
		print word " " n " – " $0 "|" p }' >"$work/lists"
qpdf --json "$pdf" | jq -r '
	.qpdf[1] as $o | [.pages[].object] as $pages |
	$o["obj:" + $pages[1]].value["/Annots"][] as $a | $o["obj:" + $a].value as $an |
	"\($an["/Rect"][1])|\($an["/Rect"][3])|\(($pages | index($o["obj:" + $an["/Dest"]].value[0])) + 1)"' >"$work/links"
pdftotext -f 2 -l 2 -bbox "$pdf" "$work/p2.html"
check "lists of figures and tables: 3 entries" test "$(wc -l <"$work/lists")" -eq 3
list_bad=""
while IFS='|' read -r caption page; do
	grep -qxF "$caption|$page" "$work/outline" || list_bad="$list_bad [$caption: bookmark differs]"
	pdftotext -f "$page" -l "$page" "$pdf" - | grep -qxF "$caption" || list_bad="$list_bad [$caption: not on page $page]"
	# the entry's title, found on page 2 below the list's heading
	title=${caption#* * – }
	y=$(awk -v w="${title%% *}" '
		/<page / { match($0, /height="[0-9.]+"/); h = substr($0, RSTART + 8, RLENGTH - 9) }
		/>List</ { below = 1 }
		below && /<word / && $0 ~ ">" w "<" {
			match($0, /yMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMax="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7)
			print h - (a + b) / 2; exit }' "$work/p2.html")
	target=$(awk -F'|' -v y="${y:-0}" '$1 <= y && y <= $2 { print $3; exit }' "$work/links")
	[ "$target" = "$page" ] || list_bad="$list_bad [$caption: link to ${target:-nothing}]"
done <"$work/lists"
check "list entries: bookmark, caption and link on the listed page" test -z "$list_bad"
[ -n "$list_bad" ] && echo "    $list_bad"

# --- page setup: sizes, orientation, duplex -----------------------------------
for spec in "A4 portrait 595.276 x 841.89" "A4 landscape 841.89 x 595.276" \
	"Letter portrait 612 x 792" "Letter landscape 792 x 612" \
	"A3 portrait 841.89 x 1190.55" "Legal portrait 612 x 1008"; do
	set -- $spec
	printf 'include = %s/config/briefing.ini\n[page]\nsize = %s\norientation = %s\n' \
		"$top" "$1" "$2" >"$work/size.ini"
	"$BRIEFING" build -q -c "$work/size.ini" -o "$work/size.pdf" 2>"$work/size.err"
	n=$(pdfinfo "$work/size.pdf" | awk '/^Pages:/ {print $2}')
	sizes=$(pdfinfo -f 1 -l "$n" "$work/size.pdf" | grep -c "^Page *[0-9]* size: *$3 x $5 pts")
	check "$1 $2: all $n pages are $3 x $5 pt" test "$sizes" -eq "$n" -a "$n" -ge 4
done
p=$work/print.pdf
check "print profile (include + overrides) builds" "$BRIEFING" build -q -c config/print.ini -o "$p"
pdftotext -bbox "$p" "$work/print.html"
# In duplex the page number sits on the outer edge: right on odd pages,
# left on even ones; body text starts at the inner margin (26 mm) on odd
# pages and at the outer one (18 mm) on even pages.
awk '
	/<page / { page++ }
	/>Page</ { match($0, /xMin="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
		side = x > 300 ? "right" : "left"
		if (page > 1 && side != (page % 2 ? "right" : "left")) print "page " page ": number on the " side }
	/<word / && page > 1 { match($0, /xMin="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0
		if (!(page in min) || x < min[page]) min[page] = x }
	END { for (p in min) { want = p % 2 ? 73.7 : 51.0
		if (min[p] < want - 0.5 || min[p] > want + 0.5) print "page " p ": text starts at " min[p] ", want " want } }
' "$work/print.html" >"$work/duplex.bad"
check "duplex: page numbers outside, margins mirrored" test ! -s "$work/duplex.bad"
[ -s "$work/duplex.bad" ] && head -3 "$work/duplex.bad"
check "print profile prints in grey (no colour operators but grey)" sh -c "! qpdf --qdf --object-streams=disable '$p' - | grep -aE '^[0-9.]+ [0-9.]+ [0-9.]+ (rg|RG)\$' | awk '\$1 != \$2 || \$2 != \$3' | grep -q ."

# Dates: SOURCE_DATE_EPOCH when set, else the as-of date; never the clock.
check "PDF dates come from the as-of date" grep -q "^CreationDate: *Thu Nov 29 00:00:00 2018 UTC" <(TZ=UTC pdfinfo "$pdf")
SOURCE_DATE_EPOCH=1700000000 "$BRIEFING" build -q -o "$work/sde.pdf"
check "SOURCE_DATE_EPOCH sets the PDF dates" grep -q "^CreationDate: *Tue Nov 14 00:00:00 2023 UTC" <(TZ=UTC pdfinfo "$work/sde.pdf")

# --- another mission, no code change -----------------------------------------
m=$work/mission.pdf
check "another mission's config and data build" "$BRIEFING" build -q -c tests/e2e/mission/test.ini -o "$m"
pdftotext "$m" "$work/m.txt" 2>"$work/m.err"
check "non-Latin-1 text extracts exactly" grep -qF "Uroševac" "$work/m.txt"
check "Peć and Ortuño’s – D’Addario’s extract" sh -c "grep -qF 'Peć' '$work/m.txt' && grep -qF 'Ortuño’s – D’Addario’s' '$work/m.txt' && grep -qF 'Bogdan Ćirić' '$work/m.txt'"
check "mission marking on its page" grep -qF "EXERCISE ONLY" "$work/m.txt"
check "no poppler warning on the mission PDF" test ! -s "$work/m.err"

# --- a long table: 2,000 generated rows ------------------------------------
bench/gen_commanders.sh "$work/t2k" 2000
t2k=$work/t2k/out.pdf
check "2,000-row table builds" "$BRIEFING" build -q -c "$work/t2k/briefing.ini" -o "$t2k"
tpages=$(pdfinfo "$t2k" | awk '/^Pages:/ {print $2}')
check "2,000-row table spans many pages ($tpages)" test "${tpages:-0}" -ge 50
# pdftotext separates pages with form feeds: check each page on its own.
pdftotext -layout "$t2k" "$work/t2k.txt"
awk -v RS='\f' -v pages="$tpages" '
	NR > pages { next }
	!/No\. +Rank +Name +Nation +Service +From +To +Tenure/ { print "page " NR ": no header row" }
	NR > 1 && !/Table 1 – Commanders \(continued\)/ { print "page " NR ": no (continued) caption" }
' "$work/t2k.txt" >"$work/t2k.bad"
check "header row on every page, '(continued)' on every later page" test ! -s "$work/t2k.bad"
[ -s "$work/t2k.bad" ] && head -3 "$work/t2k.bad"
# No row is cut: each row's number, dates and tenure are on one page, so
# every page holds whole rows: "N Lt. Gen." lines count 2,000 in all, each
# number once, and every such line carries both dates of its row.
grep -oE '^ *[0-9]+ +Lt\. Gen\.' "$work/t2k.txt" | awk '{print $1}' | sort -n | uniq >"$work/t2k.nums"
check "all 2,000 rows present once" test "$(wc -l <"$work/t2k.nums")" -eq 2000
check "rows numbered 1..2000" test "$(head -1 "$work/t2k.nums"),$(tail -1 "$work/t2k.nums")" = "1,2000"
awk -v RS='\f' '{ n = gsub(/[0-9][0-9] [A-Z][a-z][a-z] 1[0-9][0-9][0-9]/, "&"); r = gsub(/Lt\. Gen\./, "&"); if (r && n < 2 * r - 1) print "page " NR ": " r " rows, " n " dates" }' \
	"$work/t2k.txt" >"$work/t2k.cut"
check "no row is split from its dates across a page break" test ! -s "$work/t2k.cut"

# --- failures never lose work -------------------------------------------------
cp "$pdf" "$work/good.pdf"
sum=$(sha256sum <"$work/good.pdf")
cat >"$work/bad.ini" <<'INI'
[document]
title = T
marking = NU
as_of = 2020-01-01
[data]
m = MISSION/facts.ini
[section.a]
title = A
1 = text test.nothing
INI
sed -i "s|MISSION|$top/tests/e2e/mission|" "$work/bad.ini"
"$BRIEFING" build -c "$work/bad.ini" -o "$work/good.pdf" >"$work/stdout" 2>"$work/stderr"
rc=$?
check "unknown fact: exit status 1 (got $rc)" test "$rc" -eq 1
check "unknown fact: message names file and line" grep -q "^$work/bad.ini:9: error: \[section.a\]: no fact named 'test.nothing'" "$work/stderr"
check "failed build leaves the previous PDF unchanged" test "$(sha256sum <"$work/good.pdf")" = "$sum"
check "failed build leaves no temporary file" test -z "$(ls "$work" | grep '\.tmp\.')"

# Bookmark titles: ASCII ones are written as plain strings, others as
# UTF-16; both must read back exactly.
mkdir -p "$work/bm"
cp tests/e2e/mission/* "$work/bm/"
sed -i 's/^title = "Places"/title = "Places: Peć and Uroševac"/' "$work/bm/test.ini"
"$BRIEFING" build -q -c "$work/bm/test.ini" -o "$work/bm.pdf"
qpdf --json --json-key=outlines "$work/bm.pdf" | jq -r '.outlines[] | recurse(.kids[]) | .title' >"$work/bm.txt"
check "a non-ASCII bookmark title reads back exactly" grep -qx "1 Places: Peć and Uroševac" "$work/bm.txt"
check "an ASCII bookmark title reads back exactly" grep -qx "2 People" "$work/bm.txt"

# Another language is a config change: [labels] words and month names.
mkdir -p "$work/fr"
cp tests/e2e/mission/* "$work/fr/"
cat >>"$work/fr/test.ini" <<'EOF'

[labels]
page_number = "Page %d sur %d"
as_of = "Situation au"
present = "en cours"
month_names = janvier février mars avril mai juin juillet août septembre octobre novembre décembre
EOF
"$BRIEFING" build -q -c "$work/fr/test.ini" -o "$work/fr.pdf" 2>"$work/stderr"
pdftotext "$work/fr.pdf" - 2>/dev/null | sed 's/\xc2\xa0/ /g' >"$work/fr.txt"
check "French labels: page numbers" grep -q "Page 1 sur " "$work/fr.txt"
check "French labels: as-of date with a French month" grep -q "Situation au 29 février 2020" "$work/fr.txt"
check "French labels: no English page label left" sh -c "! grep -q 'Page [0-9]* of ' '$work/fr.txt'"

printf '[document]\ntitle = T\nmarking = M\nas_of = 2020-01-01\n[data]\nm = x.ini\n[sectoin.a]\ntitle = A\n' >"$work/typo.ini"
"$BRIEFING" check -c "$work/typo.ini" 2>"$work/stderr"
check "typo in section name: exit 1, named with line" grep -q "^$work/typo.ini:7: error: unknown section \[sectoin.a\]" "$work/stderr"

"$BRIEFING" build -o "$work/no/such/dir/x.pdf" 2>"$work/stderr"
rc=$?
check "missing output directory: exit 3 (got $rc)" test "$rc" -eq 3
check "missing output directory: clear message" grep -q "output directory '$work/no/such/dir' does not exist" "$work/stderr"

"$BRIEFING" build -c no/such.ini 2>"$work/stderr"
rc=$?
check "missing config: exit 1 and message" sh -c "[ $rc -eq 1 ] && grep -q '^no/such.ini: error: cannot open: No such file or directory' '$work/stderr'"

"$BRIEFING" frobnicate 2>"$work/stderr"
rc=$?
check "unknown command: exit 2" test "$rc" -eq 2
"$BRIEFING" "$(printf 'bu\033[31mild')" 2>"$work/stderr"
check "a command-line argument is echoed escaped" grep -qF "unknown command 'bu\\x1b[31mild'" "$work/stderr"
check "--help prints usage on stdout" sh -c "'$BRIEFING' --help | grep -q '^usage: briefing build'"
check "--version" sh -c "'$BRIEFING' --version | grep -Eq '^briefing [0-9]+\.[0-9]+\.[0-9]+$'"

# libharu rebuilds each font in a memory stream and seeks back to every
# table; it cannot seek to its own end when that falls on a chunk
# boundary. Unit 30 of the batch example has an italic subset whose
# tables sum to exactly that (an empty last table failed its save).
examples/batch/generate.sh 30 "$work/batch30" >/dev/null 2>&1
"$BRIEFING" build -q -c "$work/batch30/configs/unit-0030.ini" \
	-o "$work/batch30/u30.pdf" 2>"$work/stderr"
rc=$?
check "a font subset ending on a stream chunk boundary embeds (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && qpdf --check '$work/batch30/u30.pdf' >/dev/null"

# --- provenance: snapshots, checked quotations, citations ------------------
check "the snapshots are the seed texts' bytes" sh -c "grep -q '^NATO Advisory and Liaison Team (NALT)' data/sources/nalt.txt && grep -q '^NATO.s role in Kosovo' data/sources/kfor.txt"
check "the NALT address is the page's" grep -qF "https://www.nato.int/cps/en/natohq/topics_144933.htm" "$work/flat.txt"
check "no other NALT address is printed" sh -c "! grep -q 'topics_143936' '$work/flat.txt'"
# The provenance report of the default briefing: every fact is checked
# verbatim or declares how it departs, with a reason.
"$BRIEFING" check -q -c config/briefing.ini --provenance "$work/prov.json" 2>"$work/stderr"
check "check --provenance writes a report" test -s "$work/prov.json"
check "the report is JSON, every fact verbatim or declared" jq -e '
	(.sources | length) == 2 and all(.sources[]; .snapshot != null and .retrieved == "2026-12-01") and
	(.facts | length) > 25 and
	all(.facts[]; .check != "unchecked" and .check != "partly" or .verbatim + .departed == .parts) and
	all(.facts[]; .verbatim + .departed == .parts) and
	all(.facts[].departures[]; (.reason | length) > 10)' "$work/prov.json"
check "the report names each fact's file and line" jq -e '[.facts[] | select(.fact == "kfor.summary")][0] | .file == "config/../data/kfor.ini" and .line > 0 and .check == "verbatim"' "$work/prov.json"
check "the Valentin and incumbent rows are declared departures" jq -e '[.facts[] | select(.fact == "kfor.commanders") | .departures[].part] | index("row 6") != null and index("row 7") != null' "$work/prov.json"
# One changed word in a copy of the default data is caught at its line,
# with the snapshot's passage.
mkdir -p "$work/prov" && cp -r config data fonts "$work/prov/"
sed -i 's/build peace and stability in the area\./build peace and stability in the region./' "$work/prov/data/kfor.ini"
line=$(grep -n 'stability in the region' "$work/prov/data/kfor.ini" | cut -d: -f1)
"$BRIEFING" check -c "$work/prov/config/briefing.ini" >/dev/null 2>"$work/stderr"
rc=$?
check "a changed word fails the check (exit 1, got $rc)" test "$rc" -eq 1
check "a changed word is reported at its line, with the passage" grep -qF "$work/prov/config/../data/kfor.ini:$line: error: [kfor.summary] 1: not in the snapshot; the closest passage, $work/prov/config/../data/sources/kfor.txt:5, has 'area' where the fact has 'region': \"…and stability in the area.\"" "$work/stderr"
# Citation markers: each marker's link goes to the page holding the
# Sources entry it names ("[2]" -> the page with "[2] NATO Advisory ...").
qpdf --json "$pdf" >"$work/q.json"
python3 - "$work/q.json" >"$work/links.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
objs = d["qpdf"][1]
pages = [p["object"] for p in d["pages"]]
def get(ref):
    v = objs.get("obj:" + ref) if isinstance(ref, str) else None
    return v["value"] if v is not None else ref
for i, pref in enumerate(pages):
    page = get(pref)
    h = page["/MediaBox"][3] if "/MediaBox" in page else 841.89
    for a in get(page.get("/Annots", [])):
        a = get(a)
        if "/Dest" not in a:
            continue
        dest = get(a["/Dest"])
        x0, y0, x1, y1 = a["/Rect"]
        print(i + 1, pages.index(dest[0]) + 1, int(x0), int(h - y1), int(x1 - x0) + 1, int(y1 - y0) + 1)
PY
bad=0 markers=0
while read -r from to x y w h; do
	under=$(pdftotext -f "$from" -l "$from" -x "$x" -y "$y" -W "$w" -H "$h" "$pdf" - | tr -d '\f' | grep -oE '^\[[0-9]+\]$')
	[ -n "$under" ] || continue   # a contents entry
	markers=$((markers + 1))
	pdftotext -f "$to" -l "$to" "$pdf" - | grep -qF "$under NATO" || { bad=$((bad + 1)); echo "page $from: $under -> page $to" >>"$work/badlinks"; }
done <"$work/links.txt"
check "citation markers link to their Sources entry ($markers markers)" sh -c "[ $markers -ge 30 ] && [ $bad -eq 0 ]"
check "the Sources entries show snapshot dates and fact counts" grep -qE "Last updated 15 June 2017 · snapshot of 1 December 2026 · facts cited: [0-9]+" "$work/flat.txt"

# The benchmark's generators write missions the tool must still accept
# (make bench is not part of make test; this keeps them from rotting).
bench/gen_commanders.sh "$work/gen/rows" 30 &&
	bench/gen_text.sh "$work/gen/text" 2 &&
	bench/gen_orgchart.sh "$work/gen/org" 30 &&
	bench/gen_hostile.sh "$work/gen/input" 20 20 >/dev/null 2>&1
for g in rows text org input; do
	"$BRIEFING" build -q -c "$work/gen/$g/briefing.ini" -o "$work/gen/$g.pdf" \
		2>"$work/stderr"
	rc=$?
	check "the bench generator's '$g' mission builds (exit $rc)" test "$rc" -eq 0
done

if [ "$failures" -ne 0 ]; then
	echo "e2e: $failures check(s) failed"
	exit 1
fi
echo "e2e: all checks passed"
