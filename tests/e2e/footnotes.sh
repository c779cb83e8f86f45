#!/bin/bash
# Footnotes and cross-references end to end (tests/fixtures/footnotes):
# each note is on the page of its marker, in number order; a long note
# continues on the next page; references print "Table 1", "section 2"
# and the page their target is on, and link there; no word of a note
# overlaps another word; bad notes and unknown ids fail naming
# file:line; a page reference past page 9 prints the right page.
set -u
BRIEFING=${BRIEFING:-build/briefing}
MKIMAGE=${MKIMAGE:-build/tools/mkimage}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-fn.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
check_log=$work/log
. "$top/tests/e2e/lib.sh"

fixture=tests/fixtures/footnotes
pdf=$work/notes.pdf
if "$BRIEFING" build -c $fixture/notes.ini -o "$pdf" >"$work/out" 2>&1; then
	ok "the footnote fixture builds"
else
	fail "the footnote fixture builds" "$(cat "$work/out")"
	echo "$failures failure(s)"; exit 1
fi
check "the build prints no warning" sh -c "! grep -q warning '$work/out'"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')

# The page whose text holds the fixed string $1 (first one), or 0.
page_of() {
	local p
	for ((p = 1; p <= pages; p++)); do
		if pdftotext -f $p -l $p "$pdf" - | grep -qF -- "$1"; then
			echo $p; return
		fi
	done
	echo 0
}

# Each note on its marker's page.
same_page() { [ "$(page_of "$1")" = "$(page_of "$2")" ] && [ "$(page_of "$1")" != 0 ]; }
check "note 1 is on the page of its marker" same_page "began in 19991" "Its mandate is Resolution 1244"
check "note 2 (same line) is on that page too" same_page "continues today.2" "A second note on the same line"
check "a list item's note is on its page" same_page "keep a safe environment3" "Safe and secure environment"
check "a Markdown paragraph's note is on its page" same_page "with a note.5" "MDNOTE: a note written"
check "a Markdown item's note is on its page" same_page "an item with a note6" "ITEMNOTE in a Markdown list"
check "notes are numbered in reading order at the foot" sh -c "
	pdftotext -layout -f 1 -l 1 '$pdf' - |
		grep -E '^ *[0-9] +(Its mandate|A second note|Safe and secure)' |
		awk '{print \$1}' | tr -d '\n' | grep -qx 123"
long=$(page_of "The long note is called")
check "a long note starts on its marker's page" test "$(page_of "LONGNOTE begins")" = "$long"
check "and continues on the next page" test "$(page_of "LONGNOTE ends")" = $((long + 1))

# References: the printed form, the page, the links.
hist=$(page_of "History begins here")
fig=$(page_of "Structure of the mission")
intro=$(page_of "The mission began")
text1=$(pdftotext -f 1 -l 1 "$pdf" - | tr '\n' ' ')
check "'[](#section.history)' reads 'section 2 on page $hist'" grep -qF "See section 2 on page $hist," <<<"$text1"
check "'[](#fn.people)' reads 'Table 1'; the chart 'Figure 1 on page $fig'" grep -qF "Table 1 and Figure 1 on page $fig." <<<"$text1"
check "a page reference in a note reads 'page $fig'" sh -c "
	pdftotext -f 1 -l 1 '$pdf' - | tr '\n' ' ' | grep -qF 'the structure is on page $fig.'"
check "a reference with its own text keeps it, with the page" sh -c "
	pdftotext '$pdf' - | tr '\n' ' ' | grep -qF 'Back to the introduction, which is on page $intro.'"

# The link annotations of page 1 point at the pages of their targets.
dest_pages() { # "PAGE TOP" for each link of page $1 to a page
	local obj
	obj=$(mutool show "$pdf" pages | awk -v p="$1" '$2 == p {print $4}')
	for a in $(mutool show "$pdf" "$obj/Annots" | grep -o '[0-9]* 0 R' | awk '{print $1}'); do
		local d target
		d=$(mutool show "$pdf" "$a" | awk '/\/Dest/ {print $2}')
		[ -n "$d" ] || continue
		target=$(mutool show "$pdf" "$d" | tr '\n' ' ')
		mutool show "$pdf" pages | awk -v o="$(awk '{print $5}' <<<"$target")" \
			-v y="$(grep -o 'XYZ null [0-9.]*' <<<"$target" | awk '{print $3}')" \
			'$4 == o {print $2, y}'
	done
}
dest_pages 1 >"$work/dests"
dests=$(awk '{print $1}' "$work/dests" | sort -u | tr '\n' ' ')
check "page 1's references link to pages $hist and $fig (got: $dests)" sh -c "
	echo ' $dests' | grep -q ' $hist ' && echo ' $dests' | grep -q ' $fig '"
# the heading "2 History" is below the top of its page: its link is too
check "a reference's link scrolls to its target's height" awk -v p="$hist" '
	$1 == p && $2 < 700 { found = 1 } END { exit !found }' "$work/dests"

# No two words overlap on any page: the notes keep out of the text.
check "no word overlaps another (pdftotext -bbox)" sh -c "
	pdftotext -bbox '$pdf' - | awk '
		/<page / { n = 0 }
		/<word / {
			match(\$0, /xMin=\"[0-9.]*\" yMin=\"[0-9.]*\" xMax=\"[0-9.]*\" yMax=\"[0-9.]*\"/)
			split(substr(\$0, RSTART, RLENGTH), f, \"\\\"\")
			x0 = f[2]; y0 = f[4]; x1 = f[6]; y1 = f[8]
			for (i = 0; i < n; i++)
				if (x0 < X1[i] - 0.5 && X0[i] < x1 - 0.5 &&
				    y0 < Y1[i] - 0.5 && Y0[i] < y1 - 0.5) { bad = 1; print \$0 }
			X0[n] = x0; Y0[n] = y0; X1[n] = x1; Y1[n] = y1; n++
		}
		END { exit bad }'"
check "qpdf --check passes" qpdf --check "$pdf"

# Bad input names file:line and writes no PDF.
bad() { # bad NAME FACT-LINE MESSAGE: the fixture with that line changed
	local name=$1 line=$2 want=$3 dir=$work/bad
	rm -rf "$dir"; cp -r $fixture "$dir"
	sed -i "s|\.\./\.\./\.\./fonts|$top/fonts|" "$dir/notes.ini"
	sed -i "s|^1 = \"The mission began.*|$line|" "$dir/facts.ini"
	local n; n=$(grep -n '^\[fn.intro\]' "$dir/facts.ini" | cut -d: -f1)
	"$BRIEFING" build -c "$dir/notes.ini" -o "$dir/out.pdf" >"$dir/log" 2>&1
	local rc=$?
	if [ $rc = 1 ] && grep -qF "facts.ini:$((n + 2)): error: $want" "$dir/log" && [ ! -e "$dir/out.pdf" ]; then
		ok "$name"
	else
		fail "$name" "exit $rc: $(head -3 "$dir/log")"
	fi
}
bad "an unclosed note is an error at its line" '1 = "a ^[never closed"' "footnote '^[' is not closed"
bad "an empty note is an error" '1 = "a ^[] b"' "empty footnote"
bad "a note in a note is an error" '1 = "a ^[b ^[c]] d"' "a footnote cannot hold a footnote"
bad "an unknown id suggests the closest" '1 = "see [](#fn.peple)"' "reference to unknown id 'fn.peple' (did you mean 'fn.people'?)"
bad "an unknown id lists the ids" '1 = "see [](#zzz)"' "reference to unknown id 'zzz'; the ids are section.NAME"
bad "a character the font lacks, in a note, names the note's line" '1 = "a ^[in \xe6\xbc\xa2 script] b"' "the regular font"
bad "a page reference with text is an error" '1 = "on [p.](#page:fn.chart)"' "a page reference prints the page number"

# A reference to an image fact prints its figure number: images and
# charts are numbered together.
img=$work/img
cp -r $fixture "$img"
sed -i "s|\.\./\.\./\.\./fonts|$top/fonts|" "$img/notes.ini"
"$MKIMAGE" png-rgb 600 300 ff0000 "$img/map.png"
printf '\n[fn.map]\ntype = image\nfile = map.png\ncaption = "Area"\n\n[fn.see]\ntype = text\n1 = "The area is in [](#fn.map), on [](#page:fn.map)."\n' >>"$img/facts.ini"
printf '\n[section.map]\ntitle = "Map"\n1 = text fn.see\n2 = image fn.map\n' >>"$img/notes.ini"
if "$BRIEFING" build -q -c "$img/notes.ini" -o "$img/out.pdf" 2>"$img/log"; then
	pdf=$img/out.pdf
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	mp=$(page_of "Figure 2 – Area")
	check "a reference to an image reads 'Figure 2' and its page ($mp)" sh -c "
		pdftotext '$pdf' - | tr '\n' ' ' | grep -qF 'The area is in Figure 2, on page $mp.'"
	pdf=$work/notes.pdf
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
else
	fail "the image config builds" "$(head -3 "$img/log")"
fi

# A turned section's notes sit at the foot of its turned page.
turn=$work/turn
cp -r $fixture "$turn"
sed -i "s|\.\./\.\./\.\./fonts|$top/fonts|" "$turn/notes.ini"
sed -i 's/^\[section.detail\]$/[section.detail]\norientation = landscape/' "$turn/notes.ini"
if "$BRIEFING" build -q -c "$turn/notes.ini" -o "$turn/out.pdf" 2>"$turn/log"; then
	tp=$(for ((p = 1; p <= 6; p++)); do
		pdftotext -f $p -l $p "$turn/out.pdf" - 2>/dev/null | grep -q 'LONGNOTE begins' && echo $p; done | head -1)
	check "a turned section's note is on its turned page ($tp)" sh -c "
		pdfinfo -f ${tp:-0} -l ${tp:-0} '$turn/out.pdf' | grep -q 'size: *841.89 x 595.276'"
	check "... below its text, inside the page" sh -c "
		pdftotext -f ${tp:-0} -l ${tp:-0} -bbox '$turn/out.pdf' - | awk '
			/LONGNOTE/ { match(\$0, /yMax=\"[0-9.]*\"/); y = substr(\$0, RSTART + 6, RLENGTH - 7) + 0 }
			/<word / { match(\$0, /yMax=\"[0-9.]*\"/); v = substr(\$0, RSTART + 6, RLENGTH - 7) + 0; if (v > max) max = v }
			END { exit !(y > 450 && max < 595.276) }'"
else
	fail "the turned config builds" "$(head -3 "$turn/log")"
fi

# A marker is the briefing's, not the source's: a fact quoted from its
# snapshot stays verbatim with a note added.
prov=$work/prov
cp -r tests/e2e/mission "$prov"
printf 'Towns with names outside ASCII:\nUroševac\nPeć\nGjakovë\nOrtuño’s – D’Addario’s\n' >"$prov/src.txt"
sed -i '3a snapshot = src.txt\nretrieved = 2020-03-01' "$prov/facts.ini"
sed -i 's/^1 = "Uroševac"$/1 = "Uroševac^[Also known as Ferizaj.]"/' "$prov/facts.ini"
"$BRIEFING" build -c "$prov/test.ini" -o "$prov/out.pdf" >"$prov/log" 2>&1
check "a list item with a note is still found in its snapshot" sh -c "
	grep -q 'test.long' '$prov/log' && ! grep -q 'test.places' '$prov/log'"

# briefing init's example shows a note and a reference.
"$BRIEFING" init -q "$work/init" && "$BRIEFING" build -q -c "$work/init/config/briefing.ini" -o "$work/init.pdf"
check "init's example builds with a footnote and a reference" sh -c "
	pdftotext '$work/init.pdf' - | tr '\n' ' ' | grep -qF 'with the units of section 2.' &&
	pdftotext -layout '$work/init.pdf' - | grep -qE '^ *1 +An exercise: every name in it is invented[.]'"
check "... the note on the page of its marker" sh -c "
	for p in 1 2 3; do
		t=\$(pdftotext -layout -f \$p -l \$p '$work/init.pdf' - 2>/dev/null)
		case \$t in *'Exercise Example1'*) echo \"\$t\" | grep -q 'An exercise: every name'; exit;; esac
	done; exit 1"

# A page reference to page 10 or later: the first layout guesses a
# one-digit number; the printed page is the target's all the same.
conv=$work/conv
cp -r $fixture "$conv"
sed -i "s|\.\./\.\./\.\./fonts|$top/fonts|" "$conv/notes.ini"
{
	printf '\n[fn.many]\ntype = text\n'
	for i in $(seq 1 130); do
		printf '%d = "Paragraph %d of the filler. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris."\n' "$i" "$i"
	done
	printf '\n[fn.far]\ntype = text\n1 = "The far target is on [](#page:section.far) and [](#section.far) is its number."\n'
	printf '\n[fn.end]\ntype = text\n1 = "FARTARGET text."\n'
} >>"$conv/facts.ini"
cat >>"$conv/notes.ini" <<'INI'

[section.ref]
title = "Reference"
1 = text fn.far
2 = text fn.many

[section.far]
title = "Far away"
1 = text fn.end
INI
if "$BRIEFING" build -c "$conv/notes.ini" -o "$conv/out.pdf" >"$conv/log" 2>&1; then
	pdf=$conv/out.pdf
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	far=$(page_of "FARTARGET")
	check "the far target is past page 9 (page $far)" test "$far" -ge 10
	check "the reference prints its page, $far" sh -c "
		pdftotext '$pdf' - | tr '\n' ' ' | grep -qF 'The far target is on page $far and section 6 is its number.'"
else
	fail "the far-reference config builds" "$(head -3 "$conv/log")"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
