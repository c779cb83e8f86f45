#!/bin/bash
# Dates and document control, end to end: a briefing of the small test
# mission with a cover dated by a date-time group, a running header and
# tables in their own patterns, a reference, edition and version on the
# cover, in the footer and in the PDF's metadata, and a record of
# changes; the same in French; and the mistakes each can hold, which
# must fail with file:line and leave no PDF.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
. tests/e2e/lib.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-dates.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
check_log=$work/check.log

cp tests/e2e/mission/* "$work/"
cat >"$work/changes.ini" <<'EOF'
[source]
title = "Document registry"
updated = 2020-02-29

[test.changes]
type = changes
1 = "1 | 2020-01-15 | First edition"
2 = "2 | 2020-02-29 | People table updated"
EOF
# Line numbers matter: the bad cases below name them.
cat >"$work/dc.ini" <<'EOF'
[document]
title = "Exercise Briefing"
organisation = "Exercise HQ"
marking = "EXERCISE ONLY"
as_of = 2020-02-29T13:53Z
cover_date_format = dtg
header_date_format = "d MMM yyyy"
date_format = "d MMMM yyyy"
reference = "EXHQ/J5/2020-007"
edition = 2
version = 1.1

[data]
m = facts.ini
c = changes.ini

[cover]

[section.one]
title = "People"
1 = table test.people

[section.control]
title = "Document control"
numbered = no
1 = changes test.changes

[classification]
1 = "EXERCISE ONLY | EX"
EOF

# text of page N of PDF, its lines with runs of blanks squeezed to one
page() { pdftotext -layout -f "$2" -l "$2" "$1" - | tr -s ' ' ; }
has() { # has NAME PDF PAGE REGEX
	if page "$2" "$3" | grep -Eq -- "$4"; then ok "$1"; else
		fail "$1" "page $3 has no line matching /$4/"; fi
}

pdf=$work/dc.pdf
check "a briefing with dates and document control builds" \
	"$BRIEFING" build -q -c "$work/dc.ini" -o "$pdf"
has "the cover's as-of line is the date-time group" "$pdf" 1 '^ ?As of 291353ZFEB20$'
has "the cover names reference, edition and version" "$pdf" 1 \
	'^ ?Reference EXHQ/J5/2020-007 · Edition 2 · Version 1\.1$'
has "the running header has its own pattern" "$pdf" 2 'Exercise Briefing 29 Feb 2020$'
has "the footer carries reference and edition" "$pdf" 2 \
	'^ ?Exercise HQ · EXHQ/J5/2020-007 · Edition 2 Page 2 of 2$'
has "tables take [document] date_format" "$pdf" 2 'Anna Šimić 1 January 2019 1 June 2019'
has "the record of changes has its title" "$pdf" 2 '^ ?Record of changes$'
has "the record of changes has its heads" "$pdf" 2 '^ ?Edition Date Change$'
has "the record of changes lists edition 1" "$pdf" 2 '^ ?1 15 January 2020 First edition$'
has "the record of changes lists edition 2" "$pdf" 2 '^ ?2 29 February 2020 People table updated$'
if pdftotext "$pdf" - | grep -q 'Table 1'; then
	fail "the record of changes is not a numbered table" "found 'Table 1'"
else ok "the record of changes is not a numbered table"; fi
pdfinfo -custom "$pdf" >"$work/info" 2>&1
for kv in 'Reference: +EXHQ/J5/2020-007' 'Edition: +2' 'Version: +1\.1' 'Title: +Exercise Briefing'; do
	if grep -Eq "^$kv\$" "$work/info"; then ok "metadata ${kv%%:*}"; else
		fail "metadata ${kv%%:*}" "$(cat "$work/info")"; fi
done
if qpdf --show-object=trailer "$pdf" >/dev/null 2>&1 &&
	info=$(qpdf --show-object="$(qpdf --show-object=trailer "$pdf" | grep -Eo '/Info [0-9]+ 0 R' | cut -d' ' -f2)" "$pdf") &&
	printf '%s' "$info" | grep -q '/Reference (EXHQ/J5/2020-007)'; then
	ok "qpdf finds /Reference in the Info dictionary"
else fail "qpdf finds /Reference in the Info dictionary" "${info:-}"; fi
check "qpdf --check passes" qpdf --check "$pdf"

# Without a cover, page 1's title block carries the same lines.
grep -v '^\[cover\]$' "$work/dc.ini" >"$work/nocover.ini"
check "a briefing without a cover builds" "$BRIEFING" build -q -c "$work/nocover.ini" -o "$work/nocover.pdf"
has "page 1's as-of line" "$work/nocover.pdf" 1 '^ ?As of 291353ZFEB20 · Exercise HQ$'
has "page 1's document control line" "$work/nocover.pdf" 1 \
	'^ ?Reference EXHQ/J5/2020-007 · Edition 2 · Version 1\.1$'

# An offset maps to its zone letter: -05:00 is R (Romeo).
sed 's/^as_of = .*/as_of = 2020-02-29 08:53-05:00/' "$work/dc.ini" >"$work/r.ini"
check "an as-of time with an offset builds" "$BRIEFING" build -q -c "$work/r.ini" -o "$work/r.pdf"
has "the offset prints as its zone letter" "$work/r.pdf" 1 '^ ?As of 290853RFEB20$'
# The PDF's dates are the as-of time, in its zone.
if grep -Eq "^CreationDate: +Sat Feb 29 13:53:00 2020 UTC$" "$work/info"; then
	ok "the PDF's creation date is the as-of time"
else fail "the PDF's creation date is the as-of time" "$(grep Date "$work/info")"; fi
if mutool show "$work/r.pdf" trailer/Info 2>/dev/null | grep -q "/CreationDate (D:20200229085300-05'00')"; then
	ok "... with its offset"
else fail "... with its offset" "$(mutool show "$work/r.pdf" trailer/Info 2>&1 | grep Date)"; fi

# French: month names and their short forms follow [document] language;
# the date-time group keeps ACP 121's months.
sed 's/^as_of = .*/as_of = 2020-02-29T13:53Z\nlanguage = fr/; s/^cover_date_format = dtg/cover_date_format = "d MMMM yyyy, HH:mm X"/' \
	"$work/dc.ini" >"$work/fr.ini"
printf '\n[hyphenation]\nenabled = no\n\n[labels]\nas_of = "À jour au"\n' >>"$work/fr.ini"
check "a French briefing builds" "$BRIEFING" build -q -c "$work/fr.ini" -o "$work/fr.pdf"
has "the cover has a French month" "$work/fr.pdf" 1 '^ ?À jour au 29 février 2020, 13:53 Z$'
has "the header has the French short form" "$work/fr.pdf" 2 '29 févr\. 2020$'
has "the record of changes has French months" "$work/fr.pdf" 2 '^ ?1 15 janvier 2020 First edition$'
sed 's/^cover_date_format = .*/cover_date_format = dtg/' "$work/fr.ini" >"$work/frdtg.ini"
check "a French briefing with a DTG builds" "$BRIEFING" build -q -c "$work/frdtg.ini" -o "$work/frdtg.pdf"
has "a French DTG keeps FEB" "$work/frdtg.pdf" 1 '^ ?À jour au 291353ZFEB20$'

# bad NAME LINE-REGEX: the config in $work/bad.ini fails with that
# diagnostic, exit status 1, and writes no PDF.
bad() {
	local out=$work/bad.pdf rc
	rm -f "$out"
	timeout 60 "$BRIEFING" build -q -c "$work/bad.ini" -o "$out" >"$work/out" 2>"$work/err"
	rc=$?
	if [ "$rc" -eq 1 ] && grep -Eq -- "$2" "$work/err" && [ ! -e "$out" ]; then
		ok "$1"
	else
		fail "$1" "exit $rc; $(head -3 "$work/err")"
	fi
}
edit() { sed "$1" "$work/dc.ini" >"$work/bad.ini"; }
C=$work/changes.ini
edit 's/^as_of = .*/as_of = 2019-02-29/'
bad "an impossible as-of date says why" "^$work/bad.ini:5: error: \[document\] as_of: '2019-02-29' is not a date \(YYYY-MM-DD, or YYYY-MM-DDThh:mmZ\): 2019 February has 28 days$"
edit 's/^as_of = .*/as_of = 2020-13-01/'
bad "month 13" "^$work/bad.ini:5: error: .*: month 13$"
edit 's/^as_of = .*/as_of = 2020-02-00/'
bad "day 0" "^$work/bad.ini:5: error: .*: day 0$"
edit 's/^as_of = .*/as_of = 2020-02-29T13:53+05:30/'
bad "a zone with no NATO letter" "^$work/bad.ini:5: error: .*: no NATO zone letter for \+05:30 \(whole hours from -12:00 to \+12:00\)$"
edit 's/^as_of = .*/as_of = 2020-02-29/'
bad "a DTG needs a time" "^$work/bad.ini:6: error: \[document\] cover_date_format: 'dtg' prints a time, and as_of gives none \(write as_of = 2020-02-29Thh:mmZ\)$"
edit 's/^header_date_format = .*/header_date_format = "d MMM yyy"/'
bad "a pattern names the token it did not understand" "^$work/bad.ini:7: error: \[document\] header_date_format: 'd MMM yyy': 'yyy' is not a date token"
edit 's/^edition = 2/edition = 2nd/'
bad "an edition that is no edition" "^$work/bad.ini:10: error: \[document\] edition: '2nd' is neither a number"
edit 's/^version = .*/version = v1/'
bad "a version that is no version" "^$work/bad.ini:11: error: \[document\] version: 'v1' is not a version"
cp "$work/dc.ini" "$work/bad.ini"
cp "$C" "$C.good"
sed -i 's/^2 = .*/2 = "2 | 2020-02-30 | People table updated"/' "$C"
bad "a changes entry with an impossible date" "^$C:8: error: \[test.changes\] 2: '2020-02-30' is not a date \(YYYY-MM-DD\): 2020 February has 29 days$"
cp "$C.good" "$C"; sed -i 's/^2 = .*/2 = "2 | People table updated"/' "$C"
bad "a changes entry without its three parts" "^$C:8: error: \[test.changes\] 2: expected 'edition \| YYYY-MM-DD \| what changed'$"
cp "$C.good" "$C"; sed -i 's/^2 = .*/2 = "2 | 2020-01-01 | People table updated"/' "$C"
bad "changes out of order" "^$C:8: error: \[test.changes\] 2: this change is dated before the one above it \(line 7\); list the changes oldest first$"
cp "$C.good" "$C"
edit 's/^edition = 2/edition = 3/'
"$BRIEFING" build -q -c "$work/bad.ini" -o "$work/warn.pdf" 2>"$work/err"
if grep -Eq "^$work/bad.ini:10: warning: \[document\] edition: 3 is not in the record of changes 'test.changes' \($C:5\), whose last edition is 2$" "$work/err"; then
	ok "an edition the record does not list warns"
else fail "an edition the record does not list warns" "$(cat "$work/err")"; fi
bad_werror=$("$BRIEFING" build -q --werror -c "$work/bad.ini" -o "$work/w2.pdf" 2>&1; echo "rc=$?")
case $bad_werror in *rc=1) ok "--werror makes it fail" ;; *) fail "--werror makes it fail" "$bad_werror" ;; esac

if [ "$failures" -ne 0 ]; then
	echo "doccontrol: $failures check(s) failed"
	exit 1
fi
echo "doccontrol: all checks passed"
