#!/bin/bash
# GNU parallel over the batch configs, as examples/slurm/README.md shows
# it (there with --sshlogin for several hosts; here -j2 on this one):
# every PDF is byte-identical to a serial build of the same config, and
# parallel's --joblog records each build's exit status.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-parallel.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
N=${1:-12}

check_log=$work/check
. "$top/tests/e2e/lib.sh"

command -v parallel >/dev/null || { echo "FAIL GNU parallel is not installed (.ci/deps test)"; exit 1; }
examples/batch/generate.sh "$N" "$work/b" >/dev/null
cp examples/batch/configs/*.ini "$work/b/configs/"
mkdir -p "$work/serial" "$work/par"
for c in "$work/b/configs/"*.ini; do
	"$BRIEFING" build -q -c "$c" -o "$work/serial/$(basename "$c" .ini).pdf" || fail "serial build of $c"
done
# The command of the README, with -j2 and no --sshlogin.
cd "$work/b" || exit 1
parallel -j2 --halt never --joblog "$work/joblog" \
	"$BRIEFING" build -q -c {} -o "$work/par/{/.}.pdf" --summary-json="$work/par/builds.jsonl" \
	::: configs/*.ini </dev/null >"$work/par.out" 2>&1
rc=$?
cd "$top" || exit 1
total=$(ls "$work/b/configs/"*.ini | wc -l)
check "parallel -j2 over $total configs: exit 0, nothing printed" test "$rc" -eq 0 -a ! -s "$work/par.out"
check "the joblog has every build, each with exit 0" \
	test "$(awk 'NR > 1 && $7 == 0' "$work/joblog" | wc -l)" -eq "$total"
check "one summary line per build" test "$(wc -l <"$work/par/builds.jsonl")" -eq "$total"
diffs=0
for p in "$work/serial/"*.pdf; do
	cmp -s "$p" "$work/par/$(basename "$p")" || { diffs=$((diffs + 1)); echo "     differs: $(basename "$p")"; }
done
check "all $total PDFs byte-identical to the serial builds" test "$diffs" -eq 0 -a "$(ls "$work/par/"*.pdf | wc -l)" -eq "$total"

# A broken config: parallel's exit status is the number of failed jobs,
# and the error names the file and line.
echo 'garbage' >>"$work/b/configs/north.ini"
(cd "$work/b" && parallel -j2 "$BRIEFING" build -q -c {} -o "$work/par/{/.}.pdf" ::: configs/*.ini </dev/null >"$work/par2.out" 2>&1)
rc=$?
check "one broken config: parallel exits 1 (one job failed)" test "$rc" -eq 1
check "... and its error names the file and line" grep -q '^configs/north.ini:[0-9]*: error: ' "$work/par2.out"

if [ "$failures" -ne 0 ]; then
	echo "parallel: $failures check(s) failed"
	exit 1
fi
echo "parallel: all checks passed"
