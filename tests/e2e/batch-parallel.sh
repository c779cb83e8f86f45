#!/bin/bash
# make -j over many generated configs (examples/batch/generate.sh) gives
# PDFs byte-identical to a serial run: builds share nothing but their
# inputs, write their own temporary files and rename them into place.
#   tests/e2e/batch-parallel.sh [N]     (default 500 configs; BATCH_JOBS=2)
set -u
BRIEFING=${BRIEFING:-build/briefing}
n=${1:-500}
jobs=${BATCH_JOBS:-$(nproc)}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-par.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
. "$top/tests/e2e/lib.sh"

examples/batch/generate.sh "$n" "$work"
# -k: every build is tried, so that failures can be compared too
mk() { make -s -k -C examples/batch BRIEFING="$BRIEFING" CONFIG_DIR="$work/configs" OUT="$work/$1" -j"$2" >"$work/$1.out" 2>&1; }
start=$(date +%s.%N)
mk serial 1
mid=$(date +%s.%N)
mk parallel "$jobs"
end=$(date +%s.%N)
printf 'info %d configs: serial %.1f s, make -j%d %.1f s\n' "$n" \
	"$(echo "$mid - $start" | bc)" "$jobs" "$(echo "$end - $mid" | bc)"

# Failed builds: the same ones both ways, for the same reason.
failed() { jq -r 'select(.status != 0) | "\(.output | sub(".*/"; "")) exit \(.status)"' "$work/$1/builds.jsonl" | sort; }
if [ "$(failed serial)" = "$(failed parallel)" ]; then ok "the same builds fail both ways ($(failed serial | wc -l))"
else fail "the same builds fail both ways"; fi
if [ -z "$(failed serial)" ]; then ok "every build succeeds"
else fail "every build succeeds" "$(failed serial | tr '\n' ' ')"; grep -h 'error:' "$work/serial.out" | sort | uniq -c | head -3; fi
s=$(ls "$work/serial"/*.pdf 2>/dev/null | wc -l)
p=$(ls "$work/parallel"/*.pdf 2>/dev/null | wc -l)
[ "$s" -eq "$p" ] && ok "as many PDFs each way ($s)" || fail "as many PDFs each way" "serial $s, parallel $p"
differ=0
for f in "$work/serial"/*.pdf "$work/parallel"/*.pdf; do
	[ -e "$f" ] || continue
	cmp -s "$work/serial/$(basename "$f")" "$work/parallel/$(basename "$f")" || differ=$((differ + 1))
done
[ "$differ" -eq 0 ] && ok "make -j$jobs: every PDF byte-identical to the serial run's" || fail "byte-identical PDFs" "$differ differ"
distinct=$(cat "$work/serial"/*.pdf | wc -c)
sums=$(sha256sum "$work/serial"/*.pdf | cut -d' ' -f1 | sort -u | wc -l)
[ "$sums" -eq "$s" ] && ok "the $s PDFs are $s different briefings ($distinct bytes)" || fail "$s different briefings" "$sums distinct"
lines=$(wc -l <"$work/parallel/builds.jsonl")
[ "$lines" -eq "$n" ] && jq -e . "$work/parallel/builds.jsonl" >/dev/null &&
	ok "the shared summary log has one whole JSON line per build" || fail "shared summary log" "$lines lines"
ls "$work/parallel" | grep -q '\.tmp\.' && fail "no temporary file left" || ok "no temporary file left"

if [ "$failures" -ne 0 ]; then
	echo "batch-parallel: $failures check(s) failed"
	exit 1
fi
echo "batch-parallel: all checks passed"
