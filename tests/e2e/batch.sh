#!/bin/bash
# examples/batch/Makefile rebuilds exactly the briefings whose inputs
# changed: after a first build, touching one data file (or one config, or
# the CSV a table reads) rebuilds the PDFs that read it and no other, and
# a second make does nothing.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

. "$top/tests/e2e/lib.sh"

# A copy of the example, so the test touches nothing of the repository's.
cp -r examples/batch "$work/batch"
rm -rf "$work/batch/out"
b=$work/batch
mk() { make -s -C "$b" BRIEFING="$BRIEFING" "$@" >"$work/make.out" 2>&1; }

if mk -j2; then ok "the batch builds"; else fail "the batch builds" "$(head -5 "$work/make.out")"; fi
built=$(cd "$b/out" && ls *.pdf | tr '\n' ' ')
[ "$built" = "all.pdf north.pdf south.pdf staff.pdf " ] && ok "one PDF per config ($built)" || fail "one PDF per config" "$built"
for d in all north south staff; do
	[ -s "$b/out/$d.d" ] || fail "a depfile for $d"
done
n=$(wc -l <"$b/out/builds.jsonl")
[ "$n" -eq 4 ] && ok "one summary line per build" || fail "one summary line per build (got $n)"

# rebuilt TOUCHED EXPECTED: touches the file, runs make, and compares
# the PDFs newer than a mark with the expected list.
rebuilt() {
	local touched=$1 want=$2 got
	touch "$work/mark"
	sleep 0.01
	touch "$b/$touched"
	mk
	got=$(cd "$b/out" && find . -name '*.pdf' -newer "$work/mark" | sed 's|^\./||' | sort | tr '\n' ' ')
	if [ "$got" = "$want" ]; then ok "touch $touched: rebuilt ${want:-nothing}"
	else fail "touch $touched: rebuilt ${want:-nothing}" "got: ${got:-nothing}"; fi
}
rebuilt data/north.ini "all.pdf north.pdf "
rebuilt data/south.ini "all.pdf south.pdf "
rebuilt data/staff.csv "all.pdf staff.pdf "
rebuilt data/common.ini "all.pdf north.pdf south.pdf staff.pdf "
rebuilt configs/south.ini "south.pdf "
rebuilt README.md ""
touch "$work/mark"; sleep 0.01
mk
got=$(find "$b/out" -newer "$work/mark" | wc -l)
[ "$got" -eq 0 ] && ok "a second make does nothing" || fail "a second make does nothing" "$got files changed"

# A config that breaks fails the make, and keeps its last PDF.
sum=$(sha256sum <"$b/out/north.pdf")
echo 'garbage' >>"$b/data/north.ini"
if mk; then fail "a broken data file fails the make"; else ok "a broken data file fails the make"; fi
grep -q "north.ini:[0-9]*: error: " "$work/make.out" && ok "... naming the file and line" || fail "... naming the file and line" "$(head -3 "$work/make.out")"
[ "$(sha256sum <"$b/out/north.pdf")" = "$sum" ] && ok "... and the last good PDF is kept" || fail "... and the last good PDF is kept"

if [ "$failures" -ne 0 ]; then
	echo "batch: $failures check(s) failed"
	exit 1
fi
echo "batch: all checks passed"
