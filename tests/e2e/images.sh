#!/bin/bash
# Images end to end: a figure from an image fact, a crest on the cover
# and a logo in the running header, in PNG (RGB, grey, palette, alpha)
# and JPEG. The images are made here (tests/tools/mkimage.c); the PDF is
# read back with pdfimages (what is embedded), mutool trace (where it is
# drawn), pdftoppm (which pixels it paints) and pdftotext (captions).
set -u
BRIEFING=${BRIEFING:-build/briefing}
MKIMAGE=${MKIMAGE:-build/tools/mkimage}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-images.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
failures=0

check_log=$work/log
. "$top/tests/e2e/lib.sh"

m=$work/m
cp -r tests/e2e/mission "$m"
"$MKIMAGE" png-rgb 900 450 ff0000 "$m/red.png" &&
"$MKIMAGE" jpeg 600 600 0000ff "$m/blue.jpg" &&
"$MKIMAGE" png-grey 40 40 808080 "$m/small.png" &&
"$MKIMAGE" png-palette 300 300 00aa00 "$m/crest.png" &&
"$MKIMAGE" png-rgba 300 100 000000 "$m/logo.png" || { echo "FAIL mkimage"; exit 1; }

cat >>"$m/facts.ini" <<'INI'

[test.map]
type = image
file = red.png
caption = "Red area of operations"
alt = "A red rectangle"
credit = "Map: Test Survey Office"

[test.photo]
type = image
file = blue.jpg
caption = "Blue photo"

[test.small]
type = image
file = small.png
alt = "A small grey square"
INI
# the images before the table; a list of figures last
sed -i 's/^1 = table test.people$/1 = image test.map\n2 = image test.photo\n3 = image test.small\n4 = table test.people\n5 = list_of_figures/' "$m/test.ini"
cat >>"$m/test.ini" <<'INI'

[image.test.map]
width = 140 mm

[image.test.photo]
width = 35 %

[cover]
image = crest.png
image_width = 40 mm

[page]
header_image = logo.png
INI
pdf=$work/images.pdf
if "$BRIEFING" build -c "$m/test.ini" -o "$pdf" --depfile "$work/deps" >"$work/out" 2>"$work/err"; then
	ok "a briefing with images builds"
else
	fail "a briefing with images builds" "$(head -5 "$work/err")"
	echo "images: $failures check(s) failed"; exit 1
fi
check "qpdf --check passes" qpdf --check "$pdf"

# --- what is embedded: each file once, at its size, colour and depth -----
pdfimages -list "$pdf" | awk 'NR > 2 {print $3, $4, $5, $6, $7, $8, $9}' | sort -u >"$work/list"
expect_list=$(printf '%s\n' "image 300 100 rgb 3 8 image" "smask 300 100 gray 1 8 image" \
	"image 300 300 index 1 8 image" "image 40 40 gray 1 8 image" \
	"image 600 600 rgb 3 8 jpeg" "image 900 450 rgb 3 8 image" | sort)
check "pdfimages lists the five images at their sizes and colours" \
	test "$(cat "$work/list")" = "$expect_list"
# pdfimages gives a soft mask its image's object number
pdfimages -list "$pdf" | awk 'NR > 2 {print $11}' | sort -u >"$work/ids"
check "each image file is embedded once, however many pages draw it" \
	test "$(wc -l <"$work/ids")" -eq 5
check "the crest is on the cover, the logo on every other page" sh -c "
	pdfimages -f 1 -l 1 -list '$pdf' | awk 'NR > 2' | grep -q ' 300   300 *index' &&
	! pdfimages -f 1 -l 1 -list '$pdf' | grep -q smask &&
	pdfimages -f 2 -l 2 -list '$pdf' | grep -q smask &&
	pdfimages -f 3 -l 3 -list '$pdf' | grep -q smask"

# --- where it is drawn: aspect kept, inside the margins ------------------
# mutool trace gives each image's transform: width 0 0 height x y (top
# down, points)
mutool trace "$pdf" 2 2>/dev/null | grep -o '<fill_image[^>]*width="900"[^>]*' |
	sed -E 's/.*transform="([^"]*)".*/\1/' >"$work/red"
read -r rw _ _ rh rx ry <"$work/red"
check "the map is 140 mm wide (396.85 pt) and keeps its 2:1 aspect" \
	awk -v w="$rw" -v h="$rh" 'BEGIN { exit !(w > 396.5 && w < 397.2 && h * 2 > w - 0.1 && h * 2 < w + 0.1) }'
check "the map is centred on the page" \
	awk -v w="$rw" -v x="$rx" 'BEGIN { exit !((x + w / 2) > 297 && (x + w / 2) < 298.3) }'

# --- which pixels it paints -----------------------------------------------
pixel() { # pixel PAGE X Y [DPI]: the RGB hex of the pixel at (X, Y) pt
	local r=${4:-72}
	pdftoppm -f "$1" -l "$1" -r "$r" -x "$(awk -v v="$2" -v r="$r" 'BEGIN {printf "%d", v * r / 72}')" \
		-y "$(awk -v v="$3" -v r="$r" 'BEGIN {printf "%d", v * r / 72}')" -W 1 -H 1 "$pdf" |
		tail -c 3 | od -An -tx1 | tr -d ' \n'
}
near() { # near HEX WANT: each channel within 8 of the wanted one
	local i d
	for i in 0 2 4; do
		d=$((16#${1:i:2} - 16#${2:i:2}))
		[ "$d" -le 8 ] && [ "$d" -ge -8 ] || return 1
	done
}
red=$(pixel 2 "$(awk -v x="$rx" -v w="$rw" 'BEGIN {print x + w / 2}')" \
	"$(awk -v y="$ry" -v h="$rh" 'BEGIN {print y + h / 2}')")
check "the middle of the map is red (got $red)" near "$red" ff0000
margin=$(pixel 2 10 "$(awk -v y="$ry" -v h="$rh" 'BEGIN {print y + h / 2}')")
check "the page margin beside it stays white (got $margin)" test "$margin" = ffffff
# the border is 0.44 pt wide: seen at 1200 dpi
edge=$(pixel 2 "$(awk -v x="$rx" 'BEGIN {print x + 0.1}')" \
	"$(awk -v y="$ry" -v h="$rh" 'BEGIN {print y + h / 2}')" 1200)
check "its 1-pixel cyan border is not cropped (got $edge)" near "$edge" 00ffff
mutool trace "$pdf" 2 2>/dev/null | grep -o '<fill_image[^>]*width="600"[^>]*' |
	sed -E 's/.*transform="([^"]*)".*/\1/' >"$work/blue"
read -r bw _ _ bh bx by <"$work/blue"
blue=$(pixel 2 "$(awk -v x="$bx" -v w="$bw" 'BEGIN {print x + w / 2}')" \
	"$(awk -v y="$by" -v h="$bh" 'BEGIN {print y + h / 2}')")
check "the JPEG paints blue (got $blue)" near "$blue" 0000ff
check "35 % of the measure is 35 % of the page less its margins" \
	awk -v w="$bw" 'BEGIN { exit !(w > 0.349 * (595.28 - 2 * 62.36) && w < 0.351 * (595.28 - 2 * 62.36)) }'

# --- captions, numbering, the list of figures, the credit ---------------
pdftotext -layout "$pdf" "$work/text"
check "the map's caption is Figure 1" grep -q "Figure 1 – Red area of operations" "$work/text"
check "the photo's caption is Figure 2" grep -q "Figure 2 – Blue photo" "$work/text"
check "an image with only an alt text has no caption or number" \
	sh -c "! grep -q 'Figure 3' '$work/text'"
check "the credit prints under the map" grep -q "Map: Test Survey Office" "$work/text"
check "the list of figures lists both with their page" \
	grep -Eq "Red area of operations[ .]+2$" "$work/text"
check "a caption is a bookmark" sh -c "mutool show '$pdf' outline | grep -q 'Figure 1 – Red area'"

# --- warnings and the build's inputs ---------------------------------------
check "an image printed below 150 dpi warns at the block's line" \
	grep -Eq "^$m/test.ini:[0-9]+: warning: image '$m/small.png' \(40 x 40 pixels\) prints at [0-9]+ dpi at [0-9]+ mm wide, below the 150 dpi print needs" "$work/err"
check "images at 150 dpi or more do not warn (the map: 163 dpi)" \
	sh -c "! grep -Eq 'blue.jpg|red.png' '$work/err'"
"$BRIEFING" check -q -c "$m/test.ini" --provenance "$work/prov.json" 2>/dev/null
check "the provenance report names the map's file, unchecked against the text" \
	test "$(jq -r '.facts[] | select(.fact == "test.map") | "\(.image) \(.check) \(.parts)"' "$work/prov.json")" = "$m/red.png unchecked 0"
check "the depfile lists every image file" sh -c "
	grep -q '$m/red.png' '$work/deps' && grep -q '$m/blue.jpg' '$work/deps' &&
	grep -q '$m/crest.png' '$work/deps' && grep -q '$m/logo.png' '$work/deps'"

# --- an image wider than the measure is scaled down, with a warning ------
sed -i 's/^width = 140 mm$/width = 400 mm/' "$m/test.ini"
"$BRIEFING" build -c "$m/test.ini" -o "$work/wide.pdf" >"$work/out" 2>"$work/err"
check "a width over the measure warns at its line" \
	grep -Eq "^$m/test.ini:[0-9]+: warning: image '$m/red.png' is 400 mm wide, wider than the [0-9]+ mm measure: printed [0-9]+ mm wide$" "$work/err"
mutool trace "$work/wide.pdf" 2 2>/dev/null | grep -o '<fill_image[^>]*width="900"[^>]*' |
	sed -E 's/.*transform="([^"]*)".*/\1/' >"$work/red"
read -r rw _ _ rh rx ry <"$work/red"
check "and stays inside the margins" \
	awk -v w="$rw" -v x="$rx" 'BEGIN { exit !(x >= 62.35 && x + w <= 595.28 - 62.35) }'
sed -i 's/^width = 400 mm$/width = 140 mm/' "$m/test.ini"

# --- every kind the check accepts, libharu embeds ----------------------
for kind in png-grey:gray png-palette:index png-rgba:rgb jpeg-grey:gray jpeg-progressive:rgb; do
	"$MKIMAGE" "${kind%%:*}" 320 160 2060c0 "$m/kind.img"
	sed -i "s/^file = red.png$/file = kind.img/" "$m/facts.ini"
	"$BRIEFING" build -q -c "$m/test.ini" -o "$work/kind.pdf" 2>/dev/null
	check "a $kind file builds, embedded as ${kind#*:}" sh -c \
		"pdfimages -list '$work/kind.pdf' | grep -Eq ' 320 +160 +${kind#*:} '"
done
sed -i "s/^file = kind.img$/file = red.png/" "$m/facts.ini"

# --- a damaged image: an error at the file key's line, no PDF ------------
head -c 300 "$m/red.png" >"$m/cut.png"
sed -i 's/^file = red.png$/file = cut.png/' "$m/facts.ini"
"$BRIEFING" build -c "$m/test.ini" -o "$work/cut.pdf" >"$work/out" 2>"$work/err"
rc=$?
check "a truncated PNG fails the build (exit $rc)" test "$rc" -eq 1
check "naming the data file's line and the file" grep -Eq \
	"^$m/facts.ini:[0-9]+: error: \[test.map\] file: '$m/cut.png': truncated" "$work/err"
check "and writes no PDF" test ! -e "$work/cut.pdf"

if [ "$failures" -ne 0 ]; then
	echo "images: $failures check(s) failed"
	exit 1
fi
echo "images: all checks passed"
