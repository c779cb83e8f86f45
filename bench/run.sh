#!/bin/bash
# make bench: wall time (median of several runs), page count and peak
# memory of whole briefing builds. Timings belong here, never in tests.
#   bench/run.sh BINARY [RUNS]
set -eu
bin=${1:-build/briefing}
runs=${2:-${BENCH_RUNS:-11}}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# measure LABEL CONFIG [RUNS]: prints one result line.
measure() {
	local label=$1 config=$2 runs=${3:-$runs} out=$work/bench.pdf times=() pages peak
	for ((i = 0; i < runs; i++)); do
		local t0 t1
		t0=$(date +%s%N)
		"$bin" build -q -c "$config" -o "$out"
		t1=$(date +%s%N)
		times+=($(((t1 - t0) / 1000)))
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
	peak=$(/usr/bin/time -v "$bin" build -q -c "$config" -o "$out" 2>&1 |
		awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
	printf '%-28s median %8.1f ms over %2d runs  %6s pages  peak %7.1f MB\n' \
		"$label" "$(echo "$median / 1000" | bc -l)" "$runs" "$pages" \
		"$(echo "$peak / 1024" | bc -l)"
}

measure "default briefing" config/briefing.ini
for rows in 2000 100000; do
	bench/gen_commanders.sh "$work/t$rows" "$rows"
	measure "commander table, $rows rows" "$work/t$rows/briefing.ini" \
		"$([ "$rows" -gt 10000 ] && echo 5 || echo "$runs")"
done
# Input stage at scale: one list of 100,000 items and 100,000 facts in one
# 11 MB data file (reading INI must stay linear in keys and sections).
# Two sizes, so the ratio shows the cost is linear (about 2.0).
for n in 50000 100000; do
	bench/gen_hostile.sh "$work/hostile$n" "$n" "$n"
	measure "$((n / 1000))k list items + $((n / 1000))k facts" "$work/hostile$n/briefing.ini" 3
	eval "ms$n=\$median"
done
printf '%-28s %.2f (2.00 is linear)\n' "100k / 50k time ratio" "$(echo "$ms100000 / $ms50000" | bc -l)"
