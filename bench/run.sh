#!/bin/bash
# make bench: whole briefing builds at several sizes, against targets and
# against the previous commit's binary. A report, not a test: it never
# fails because a target is missed. Timings belong here, never in tests.
#
#   bench/run.sh [BINARY]
#   BENCH_RUNS=N      timed runs per case (default 10; the 100,000-row
#                     case takes at most 5, the input-scale cases 3)
#   BENCH_BASE=REV    the binary to compare with (default HEAD~1), built in
#                     build/bench-base/SHA (an export of its tree); "none"
#                     skips it
#   BENCH_CALLGRIND=0 skips instruction counts (callgrind, one run each)
#
# Per case: median, min and max wall time, CPU time (median), peak RSS,
# bytes, pages, instructions, and the median of the per-pair ratios of
# wall time to the base binary, run alternately (A B A B) on the same
# input. Prints a table and writes bench/results.tsv. Needs only Debian
# packages: bash, coreutils, GNU time, poppler-utils, valgrind, git.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$top/build/briefing}")
runs=${BENCH_RUNS:-10}
base_rev=${BENCH_BASE:-HEAD~1}
callgrind=${BENCH_CALLGRIND:-1}
cd "$top"
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results=bench/results.tsv

# Wall clock in microseconds. bash 5's EPOCHREALTIME needs no fork: a
# $(date +%s%N) costs about a millisecond, an eighth of the default
# briefing's target, so date is only the fallback.
now_us() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		now=${EPOCHREALTIME/[.,]/}
	else
		now=$(($(date +%s%N) / 1000))
	fi
}

# "12.3" from microseconds (or from KB, to MB with /1024: see mb).
ms() { local t=$((($1 + 50) / 100)); printf '%d.%d' $((t / 10)) $((t % 10)); }
mb() { local t=$((($1 * 10 + 512) / 1024)); printf '%d.%d' $((t / 10)) $((t % 10)); }

# Sets med, lo and hi from the numbers in "$@".
stats() {
	local s n
	mapfile -t s < <(printf '%s\n' "$@" | sort -n)
	n=${#s[@]}
	lo=${s[0]}
	hi=${s[n - 1]}
	if ((n % 2)); then med=${s[n / 2]}; else med=$(((s[n / 2 - 1] + s[n / 2]) / 2)); fi
}

# Builds the base revision's binary in build/bench-base; sets base_bin.
base_bin=
build_base() {
	local dir sha
	[ "$base_rev" = none ] && return 0
	if ! sha=$(git rev-parse --short "$base_rev^{commit}" 2>/dev/null); then
		echo "bench: no revision '$base_rev'; no comparison" >&2
		return 0
	fi
	# An export of the revision's tree, not a worktree: nothing is
	# registered in the repository, and a second run reuses the build.
	dir=$top/build/bench-base/$sha
	if [ ! -x "$dir/build/briefing" ]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		git archive "$sha" | tar -x -C "$dir"
	fi
	echo "building the base binary ($base_rev = $sha) in build/bench-base/$sha ..."
	if make -C "$dir" -j2 all >"$work/base-build.log" 2>&1; then
		base_bin=$dir/build/briefing
		base_name="$base_rev ($sha)"
	else
		echo "bench: the base revision does not build (see below); no comparison" >&2
		tail -n 5 "$work/base-build.log" >&2
	fi
}

# One build of CONFIG by BINARY into OUT: sets wall (µs) and cpu (µs,
# user + system, from bash's time keyword: no extra process).
run_once() {
	local b=$1 config=$2 out=$3 t0 u s
	TIMEFORMAT='%3U %3S'
	now_us; t0=$now
	{ time "$b" build -q -c "$config" -o "$out" >/dev/null 2>"$work/err"; } 2>"$work/cpu" ||
		return 1
	now_us
	wall=$((now - t0))
	read -r u s <"$work/cpu"
	cpu=$((10#${u/./} * 1000 + 10#${s/./} * 1000))
}

# Instructions (callgrind, one run) of CONFIG by BINARY, or "-".
instructions() {
	local n
	n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		"$1" build -q -c "$2" -o "$work/cg.pdf" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
	echo "${n:--}"
}

# target VALUE LIMIT: "≤LIMIT ok" or "≤LIMIT MISS"; "" without a limit.
target() {
	[ -z "$2" ] && return 0
	if (($1 <= $2)); then printf '≤%s ok' "$3"; else printf '≤%s MISS' "$3"; fi
}

printf '%s\n' "case	runs	median_ms	min_ms	max_ms	cpu_ms	peak_rss_kb	bytes	pages	instructions	base_median_ms	ratio	base_instructions	target_ms	target_kb	target_rss_mb" >"$results"
rows=()

# measure NAME CONFIG RUNS TARGET_MS TARGET_KB TARGET_RSS_MB CALLGRIND
measure() {
	local name=$1 config=$2 n=$3 t_ms=$4 t_kb=$5 t_rss=$6 cg=$7
	local out=$work/new.pdf bout=$work/base.pdf walls=() cpus=() ratios=()
	local bwalls=() have_base= rss bytes pages ir=- bir=- ratio=- bmed=-
	if ! "$bin" build -q -c "$config" -o "$out" 2>"$work/err"; then
		echo "bench: $name does not build:" >&2
		head -n 5 "$work/err" >&2
		return 0
	fi
	# An older binary may be far slower on a case (the input stage was
	# once quadratic): a base that needs over 30 s is left out of it.
	[ -n "$base_bin" ] && timeout 30 "$base_bin" build -q -c "$config" -o "$bout" \
		2>/dev/null && have_base=yes
	for ((i = 0; i < n; i++)); do
		run_once "$bin" "$config" "$out"
		walls+=("$wall")
		cpus+=("$cpu")
		if [ -n "$have_base" ] && run_once "$base_bin" "$config" "$bout"; then
			bwalls+=("$wall")
			ratios+=($((walls[i] * 1000 / wall)))
		fi
	done
	rss=$(/usr/bin/time -f '%M' "$bin" build -q -c "$config" -o "$out" 2>&1 >/dev/null | tail -n 1)
	bytes=$(stat -c %s "$out")
	pages=$(pdfinfo "$out" | awk '/^Pages:/ {print $2}')
	if [ "$cg" = yes ] && [ "$callgrind" != 0 ]; then
		ir=$(instructions "$bin" "$config")
		[ -n "$have_base" ] && bir=$(instructions "$base_bin" "$config")
	fi
	if ((${#ratios[@]})); then
		stats "${ratios[@]}"
		ratio=$((med / 1000)).$(printf '%03d' $((med % 1000)))
		stats "${bwalls[@]}"
		bmed=$(ms "$med")
	fi
	stats "${cpus[@]}"
	local cpu_med=$med
	stats "${walls[@]}"
	eval "median_$(echo "$name" | tr -c 'a-z0-9\n' _)=$med"
	printf '%s\t%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$name" "$n" "$(ms "$med")" "$(ms "$lo")" "$(ms "$hi")" "$(ms "$cpu_med")" \
		"$rss" "$bytes" "$pages" "$ir" "$bmed" "$ratio" "$bir" \
		"$t_ms" "$t_kb" "$t_rss" >>"$results"
	local irm=-
	[ "$ir" != - ] && irm=$(((ir + 500000) / 1000000))
	rows+=("$(printf '%-18s %4d %8s %8s %8s %-10s %7s %7s %-9s %8s %-10s %5d %7s %7s' \
		"$name" "$n" "$(ms "$med")" "$(ms "$lo")" "$(ms "$hi")" \
		"$(target "$med" "${t_ms:+$((t_ms * 1000))}" "$t_ms")" "$(ms "$cpu_med")" \
		"$(mb "$rss")" "$(target "$rss" "${t_rss:+$((t_rss * 1024))}" "$t_rss")" \
		"$((bytes / 1024)).$((bytes % 1024 * 10 / 1024))" \
		"$(target "$bytes" "${t_kb:+$((t_kb * 1024))}" "$t_kb")" \
		"$pages" "$irm" "$ratio")")
	echo "  $name: median $(ms "$med") ms over $n runs" >&2
}

build_base
big=$((runs < 5 ? runs : 5))
scale=$((runs < 3 ? runs : 3))
echo "running (BENCH_RUNS=$runs) ..." >&2
bench/gen_commanders.sh "$work/t2000" 2000
bench/gen_commanders.sh "$work/t100000" 100000
bench/gen_text.sh "$work/text" 100
bench/gen_orgchart.sh "$work/org" 1000
bench/gen_hostile.sh "$work/hostile50000" 50000 50000
bench/gen_hostile.sh "$work/hostile100000" 100000 100000
measure "default" config/briefing.ini "$runs" 8 42 12 yes
measure "rows-2000" "$work/t2000/briefing.ini" "$runs" 40 150 20 yes
measure "rows-100000" "$work/t100000/briefing.ini" "$big" 1000 6144 200 no
measure "text-200p" "$work/text/briefing.ini" "$runs" 150 "" 40 yes
measure "orgchart-1000" "$work/org/briefing.ini" "$runs" "" "" "" yes
measure "input-50k" "$work/hostile50000/briefing.ini" "$scale" "" "" "" no
measure "input-100k" "$work/hostile100000/briefing.ini" "$scale" "" "" "" no

echo
printf '%-18s %4s %8s %8s %8s %-10s %7s %7s %-9s %8s %-10s %5s %7s %7s\n' \
	case runs "median" min max target "cpu" "RSS MB" target KB target pages Minstr "vs base"
printf '%-18s %4s %8s %8s %8s %-10s %7s %7s %-9s %8s %-10s %5s %7s %7s\n' \
	"" "" "ms" ms ms "ms" ms "" "MB" "" "KB" "" "" ""
printf '%s\n' "${rows[@]}"
if [ -n "${median_rows_2000:-}" ] && [ -n "${median_rows_100000:-}" ]; then
	r=$((median_rows_100000 * 100 / median_rows_2000))
	printf 'linearity: 100k rows / 2k rows time = %d.%02d (target ≤ 55, 50 is linear) %s\n' \
		$((r / 100)) $((r % 100)) "$( ((r <= 5500)) && echo ok || echo MISS)"
fi
if [ -n "${median_input_50k:-}" ] && [ -n "${median_input_100k:-}" ]; then
	r=$((median_input_100k * 100 / median_input_50k))
	printf 'input scale: 100k / 50k time = %d.%02d (2.00 is linear)\n' $((r / 100)) $((r % 100))
fi
if [ -n "$base_bin" ]; then
	echo "vs base: median of per-run wall ratios, this binary / $base_name (below 1 is faster)"
fi
echo "Minstr: millions of instructions, callgrind, one run (skipped for the large cases: too slow)"
echo "written: $results"
