#!/bin/bash
# Release builds cannot leak (docs/classification.md). The mixed-level
# briefing in tests/release/ is built for three audiences; every part a
# release withholds carries a canary (tests/release/release.ini says how
# they are named), and after each release build no canary of what it
# withholds may appear anywhere: in pdftotext's output, in any string or
# stream of the file decompressed by qpdf (plain, hex and UTF-16BE hex),
# in the bookmarks or metadata, in the release report; and the glyphs
# only withheld text uses are in no font subset. The full build is the
# control: it must show every canary, so the searches can find them.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-release.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
cfg=tests/release/release.ini

check_log=$work/out
. "$top/tests/e2e/lib.sh"

# Every canary of the data set, once.
grep -ohE 'ZqL[A-Za-z]+' tests/release/release.ini tests/release/data/* | sort -u >"$work/canaries"
check "the data set has canaries for every block kind" sh -c "
	for k in text list sub figure row unit under tile source section caption table; do
		grep -q \"\$k\" '$work/canaries' || { echo \"no \$k canary\"; exit 1; }
	done"

hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
utf16() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n'; }

# leaks NAME PDF REPORT PATTERN GLYPHS: the canaries matching PATTERN
# (an extended regex) and the code points GLYPHS (hex, e.g. "0416 042E")
# appear nowhere in PDF or REPORT.
leaks() {
	local name=$1 pdf=$2 report=$3 pattern=$4 glyphs=$5 found="" c
	qpdf --qdf --object-streams=disable "$pdf" "$work/qdf.pdf" || { fail "$name: qpdf"; return; }
	pdftotext "$pdf" "$work/text.txt"
	tr -d '\n' <"$work/qdf.pdf" | tr 'A-F' 'a-f' >"$work/flat.qdf"
	while IFS= read -r c; do
		echo "$c" | grep -Eq "$pattern" || continue
		grep -qF "$c" "$work/text.txt" && found="$found text:$c"
		grep -aqF "$c" "$work/qdf.pdf" && found="$found bytes:$c"
		grep -aqF "$(hex "$c")" "$work/flat.qdf" && found="$found hex:$c"
		grep -aqF "$(utf16 "$c")" "$work/flat.qdf" && found="$found utf16:$c"
		grep -qF "$c" "$report" && found="$found report:$c"
	done <"$work/canaries"
	for g in $glyphs; do
		grep -aiq "> <$g>" "$work/qdf.pdf" && found="$found glyph:U+$g"
		grep -aiq "$g" <(pdftotext "$pdf" - | iconv -f UTF-8 -t UTF-16BE | od -An -tx1 | tr -d ' \n') && found="$found textglyph:U+$g"
	done
	if [ -z "$found" ]; then ok "$name"; else fail "$name" "$found"; fi
}

# --- the full build: the control -----------------------------------------
full=$work/full.pdf
check "full build" "$BRIEFING" build -q -c "$cfg" -o "$full" --release-report "$work/full.txt"
qpdf --qdf --object-streams=disable "$full" "$work/full.qdf"
pdftotext "$full" "$work/full-text.txt"
check "full: every text canary prints (the searches can see them)" sh -c "
	for c in \$(grep -v 'section\|caption\|source' '$work/canaries'); do
		grep -qF \"\$c\" '$work/full-text.txt' || { echo \"missing \$c\"; exit 1; }
	done"
check "full: the withheld-only glyphs are in a subset" grep -aiq "> <0416>" "$work/full.qdf"
check "full: marked NATO SECRET" grep -q "^NATO SECRET$" "$work/full-text.txt"
check "full: /Classification in the metadata" grep -aq "/Classification (NATO SECRET)" "$work/full.qdf"
check "full: the report withholds nothing" grep -q "^withheld: 0$" "$work/full.txt"
check "full: portion marks" grep -qF "(NS) ZqLNSRNlist" "$work/full-text.txt"

# --- NATO RESTRICTED, releasable to KFOR -----------------------------------
kfor=$work/kfor.pdf
check "NR for KFOR builds" "$BRIEFING" build -q -c "$cfg" -o "$kfor" \
	--release-level NR --releasable-to KFOR --release-report "$work/kfor.txt" \
	--depfile "$work/kfor.d" --summary-json="$work/kfor.json" \
	--provenance "$work/kfor-prov.json"
cat "$work/kfor.txt" "$work/kfor.d" "$work/kfor.json" "$work/kfor-prov.json" >"$work/kfor-side.txt"
check "NR for KFOR: depfile, summary and provenance report were written" \
	test -s "$work/kfor.d" -a -s "$work/kfor.json" -a -s "$work/kfor-prov.json"
leaks "NR for KFOR: no NS or NATO-only canary (text, bytes, hex, glyph; report, depfile, summary, provenance)" \
	"$kfor" "$work/kfor-side.txt" 'ZqLNS|ZqL..RN' "0416"
pdftotext "$kfor" "$work/kfor-text.txt"
check "NR for KFOR: banners say NATO RESTRICTED RELEASABLE TO KFOR" \
	test "$(grep -c '^NATO RESTRICTED RELEASABLE TO KFOR$' "$work/kfor-text.txt")" -ge 4
check "NR for KFOR: /Classification" grep -aq "/Classification (NATO RESTRICTED RELEASABLE TO KFOR)" "$work/qdf.pdf"
check "NR for KFOR: NR parts releasable to KFOR print" grep -qF "(NR) ZqLNRRKlist" "$work/kfor-text.txt"
check "NR for KFOR: the NS section is gone, and 3 is the last number" sh -c "
	! grep -q '^4 ' '$work/kfor-text.txt' && grep -q 'Units' '$work/kfor-text.txt'"
check "NR for KFOR: no bookmark of the gone section or table" sh -c "
	! grep -aq 'operations' '$work/qdf.pdf' && grep -aq '/Title' '$work/qdf.pdf'"
check "NR for KFOR: the report names the withheld parts and places" sh -c "
	grep -qx 'release: NATO RESTRICTED, releasable to KFOR' '$work/kfor.txt' &&
	grep -qx 'tests/release/data/units.csv:4: open.units row 3: NS, above the release level NR' '$work/kfor.txt' &&
	grep -qx 'tests/release/data/open.ini:16: open.summary item 3: NU, not releasable to KFOR' '$work/kfor.txt' &&
	grep -qx 'tests/release/data/secret.ini: \[source\]: NS, above the release level NR' '$work/kfor.txt' &&
	grep -qx 'tests/release/data/open.ini:65: open.chain unit: under a withheld unit' '$work/kfor.txt'"

# --- NATO UNCLASSIFIED ----------------------------------------------------
nu=$work/nu.pdf
check "NU builds" "$BRIEFING" build -q -c "$cfg" -o "$nu" --release-level NU \
	--release-report "$work/nu.txt" --depfile "$work/nu.d" \
	--summary-json="$work/nu.json" --provenance "$work/nu-prov.json"
cat "$work/nu.txt" "$work/nu.d" "$work/nu.json" "$work/nu-prov.json" >"$work/nu-side.txt"
leaks "NU: no NR or NS canary (text, bytes, hex, glyph; report, depfile, summary, provenance)" \
	"$nu" "$work/nu-side.txt" 'ZqLN[RS]' "0416 042E"
pdftotext "$nu" "$work/nu-text.txt"
check "NU: marked NATO UNCLASSIFIED, no caveat (a NATO-only part prints)" sh -c "
	grep -q '^NATO UNCLASSIFIED$' '$work/nu-text.txt' && ! grep -q 'RELEASABLE' '$work/nu-text.txt'"
check "NU: the release in the config works as the option does" sh -c "
	sed 's/^page_banners = yes\$/&\nrelease_level = NU/' '$cfg' >tests/release/.nu.ini &&
	'$BRIEFING' build -q -c tests/release/.nu.ini -o '$work/nu2.pdf'; rc=\$?; rm -f tests/release/.nu.ini
	[ \$rc -eq 0 ] && cmp -s '$work/nu2.pdf' '$nu'"

# --- errors ---------------------------------------------------------------
# expect NAME PATTERN CONFIG-EDIT [ARGS...]: the config edited by sed
# expression CONFIG-EDIT fails with exit status 1 and a line matching
# PATTERN on stderr.
# The error cases below edit the sample: they work on a copy of it (and
# of the fixture font it names), never on the repository's files.
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
mkdir -p "$work/tree/tests/fixtures" &&
	cp -r tests/release "$work/tree/tests/" &&
	cp -r tests/fixtures/fonts "$work/tree/tests/fixtures/" &&
	cd "$work/tree" || exit 1
expect() {
	local name=$1 pattern=$2 edit=$3 rc
	shift 3
	sed "$edit" "$cfg" >tests/release/.case.ini
	"$BRIEFING" build -c tests/release/.case.ini -o "$work/x.pdf" "$@" >"$work/out" 2>"$work/err"
	rc=$?
	rm -f tests/release/.case.ini
	if [ $rc -eq 1 ] && grep -Eq -- "$pattern" "$work/err" && [ ! -e "$work/x.pdf" ]; then
		ok "$name"
	else
		fail "$name" "exit $rc: $(head -3 "$work/err")"
	fi
}
expect "under-marking names the highest-marked fact and its line" \
	"^tests/release/.case.ini:16: error: \[document\] marking: 'NATO RESTRICTED' is lower than what the briefing prints: secret.figures \(tests/release/data/secret.ini:16\) is NATO SECRET$" \
	's/^marking = "NATO SECRET"$/marking = "NATO RESTRICTED"/'
expect "a required fact withheld is an error at its block" \
	"^tests/release/.case.ini:49: error: \[section.summary\]: required fact 'restricted.summary' \(tests/release/data/restricted.ini:11\) is withheld from this release \(above the release level\)$" \
	's/^1.required = yes$/2.required = yes/' --release-level NU
expect "an unknown --release-level" \
	"^briefing: error: --release-level: unknown classification level 'XX' \(levels: NU, NR, NC, NS, CTS\)$|--release-level: unknown classification level 'XX'" \
	'p;d' --release-level XX
expect "an unknown --releasable-to" "--releasable-to: 'EU' is not one of the audiences" 'p;d' --releasable-to EU
sed 's/^level = NS$/level = NQ/' tests/release/data/secret.ini >tests/release/data/.bad.ini
expect "an unknown level in data names its file and line" \
	"^tests/release/data/.bad.ini:8: error: \[classification\] level: unknown classification level 'NQ' \(levels: NU, NR, NC, NS, CTS\)$" \
	's|^secret = data/secret.ini$|secret = data/.bad.ini|'
rm -f tests/release/data/.bad.ini
sed 's/^releasable.3 = none$/releasable.3 = EUFOR/' tests/release/data/open.ini >tests/release/data/.bad.ini
expect "an unknown caveat in data names its file and line" \
	"^tests/release/data/.bad.ini:17: error: \[open.summary\] releasable.3: unknown releasability caveat 'EUFOR'" \
	's|^open = data/open.ini$|open = data/.bad.ini|'
rm -f tests/release/data/.bad.ini
sed 's/^Medical Company,Camp North,,$/Medical Company,Camp North,XS,/' tests/release/data/units.csv >tests/release/data/units.csv.bad
cp tests/release/data/units.csv "$work/units.csv" && cp tests/release/data/units.csv.bad tests/release/data/units.csv
expect "an unknown level in a CSV mark column names the row's line" \
	"^tests/release/data/units.csv:6: error: row 5: unknown classification level 'XS'" 'p;d'
cp "$work/units.csv" tests/release/data/units.csv && rm -f tests/release/data/units.csv.bad
cd "$top" || exit 1

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
