#!/bin/bash
# Golden output: builds the fixture mission in tests/fixtures/golden/ and
# checks that the PDF's SHA-256 is the one pinned below, so any change to
# the bytes briefing writes (layout, fonts, render, libharu, subsetting,
# the version string in /Creator) is noticed.
#
#   tests/e2e/golden.sh            check (make e2e runs this)
#   tests/e2e/golden.sh --update   rebuild, print the new hash and write
#                                  it into this script; commit the result
#
# When the hash changes, look at the new PDF first (the script keeps it
# as build/golden.pdf); only then update, deliberately, in the same commit
# as the change that caused it. Work on the font/render module is expected
# to change it; that is one command: tests/e2e/golden.sh --update.
#
# The pinned value holds for Debian 12: fonts-dejavu-core 2.37-6 (the
# build copies its DejaVuSans.ttf to tests/fixtures/fonts/), libhpdf
# 2.3.0+dfsg-1+b1, libharfbuzz-subset0 6.0.0+dfsg-3. Other versions of
# these give other bytes.
set -u
GOLDEN_SHA256=2213a90e38c05a78ce702dc8ee281c44be00bef4ebf78c5a55e33aa29178bf52

BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
script=tests/e2e/golden.sh
config=tests/fixtures/golden/golden.ini
out=build/golden.pdf
update=no
case "${1:-}" in
"") ;;
--update) update=yes ;;
*) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

if [ ! -f tests/fixtures/fonts/DejaVuSans.ttf ]; then
	echo "FAIL golden: tests/fixtures/fonts/DejaVuSans.ttf is missing (run make)"
	exit 1
fi
mkdir -p "$(dirname "$out")"
# SOURCE_DATE_EPOCH would change the PDF's dates: the golden uses as_of.
if ! env -u SOURCE_DATE_EPOCH "$BRIEFING" build -q -c "$config" -o "$out"; then
	echo "FAIL golden mission builds"
	exit 1
fi
# A hash of a broken PDF is worth nothing: check it before pinning it.
if ! qpdf --check "$out" >/dev/null 2>&1; then
	echo "FAIL golden PDF passes qpdf --check"
	exit 1
fi
got=$(sha256sum "$out" | cut -d' ' -f1)

if [ "$update" = yes ]; then
	if [ "$got" = "$GOLDEN_SHA256" ]; then
		echo "golden: unchanged, $got"
		exit 0
	fi
	sed -i "s/^GOLDEN_SHA256=[0-9a-f]*\$/GOLDEN_SHA256=$got/" "$script"
	echo "golden: was $GOLDEN_SHA256"
	echo "golden: now $got (written to $script; commit it)"
	exit 0
fi

if [ "$got" = "$GOLDEN_SHA256" ]; then
	echo "ok   golden PDF has the pinned SHA-256"
	exit 0
fi
echo "FAIL golden PDF has the pinned SHA-256"
echo "     want $GOLDEN_SHA256"
echo "     got  $got ($out)"
echo "     if the change is intended: tests/e2e/golden.sh --update"
exit 1
