#!/bin/bash
# Builds one briefing per config as the tasks of one Slurm array job, then
# collects the results in a job that waits for all of them.
#   examples/slurm/submit.sh CONFIG_DIR OUT [SBATCH_OPTION...]
#   examples/slurm/submit.sh --list LIST OUT [SBATCH_OPTION...]
# CONFIG_DIR/*.ini (or the configs listed in LIST, one per line) become
# OUT/NAME.pdf; task logs go to OUT/logs/, per-task summaries to
# OUT/summary/, the collected report to OUT/report.txt. Prints the two
# job ids. SBATCH_OPTION... go to both sbatch calls (--partition=...,
# --qos=...). Everything must be on a file
# system the nodes share; BRIEFING (default: briefing on PATH) is passed
# to the tasks with the rest of the environment. Slurm's MaxArraySize
# (default 1001) caps the configs per submission.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = --list ]; then
	src_list=${2:?usage: submit.sh --list LIST OUT}
	shift 2
else
	config_dir=${1:?usage: submit.sh CONFIG_DIR OUT [SBATCH_OPTION...]}
	shift
fi
out=${1:?usage: submit.sh CONFIG_DIR OUT [SBATCH_OPTION...]}
shift
mkdir -p "$out/logs" "$out/summary"
out=$(cd "$out" && pwd)
list=$out/configs.list
if [ -n "${config_dir:-}" ]; then
	config_dir=$(cd "$config_dir" && pwd)
	find "$config_dir" -maxdepth 1 -name '*.ini' | LC_ALL=C sort >"$list.tmp"
else
	grep -v '^$' "$src_list" >"$list.tmp"
fi
mv "$list.tmp" "$list"
n=$(wc -l <"$list")
if [ "$n" -eq 0 ]; then
	echo "submit.sh: no configs" >&2
	exit 1
fi
# summaries of an earlier run must not count as this run's
rm -f "$out/summary/"*.json "$out/report.txt" "$out/failed.list"
array=$(sbatch --parsable --array=1-"$n" --output="$out/logs/%A_%a.log" \
	"$@" "$here/briefing.sbatch" "$list" "$out")
array=${array%%;*}
echo "array job $array: $n briefings"
collect=$(sbatch --parsable --dependency=afterany:"$array" \
	--output="$out/logs/collect-%j.log" "$@" \
	"$here/collect.sh" "$list" "$out" "$array")
collect=${collect%%;*}
echo "collect job $collect: $out/report.txt"
