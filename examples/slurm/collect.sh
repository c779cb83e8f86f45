#!/bin/bash
# Collects the results of a briefing array job once every task is done
# (submit.sh runs it as a job with --dependency=afterany on the array):
# one line per failed briefing, with its exit status and the errors from
# its task's log, and a count. Writes OUT/report.txt (the same text) and
# OUT/failed.list (the failed configs, one per line, for a resubmission:
# submit.sh --list OUT/failed.list OUT). Exits 1 when a briefing failed
# or a task left no summary (it never ran, or was killed).
#   collect.sh LIST OUT JOBID
#SBATCH --job-name=briefing-collect
#SBATCH --ntasks=1
#SBATCH --time=00:10:00
set -u
list=${1:?usage: collect.sh LIST OUT JOBID}
out=${2:?usage: collect.sh LIST OUT JOBID}
job=${3:-}
report=$out/report.txt
: >"$out/failed.list.tmp"
n=0 built=0 failed=0
{
	while IFS= read -r config; do
		n=$((n + 1))
		summary=$out/summary/$n.json
		log=$out/logs/${job}_$n.log
		if [ ! -s "$summary" ]; then
			echo "FAILED $config: task $n left no summary (see $log)"
			echo "$config" >>"$out/failed.list.tmp"
			failed=$((failed + 1))
			continue
		fi
		status=$(grep -o '"status":[0-9]*' "$summary" | head -1 | cut -d: -f2)
		if [ "$status" = 0 ]; then
			built=$((built + 1))
			continue
		fi
		echo "FAILED $config: exit ${status:-?} (task $n, $log)"
		[ -f "$log" ] && grep -E ': (error|warning): ' "$log" | sed 's/^/    /'
		echo "$config" >>"$out/failed.list.tmp"
		failed=$((failed + 1))
	done <"$list"
	echo "$n briefings: $built built, $failed failed"
} | tee "$report.tmp"
mv "$report.tmp" "$report"
mv "$out/failed.list.tmp" "$out/failed.list"
! grep -q '^FAILED ' "$report"
