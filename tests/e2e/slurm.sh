#!/bin/bash
# make test-distributed: a single-node Slurm on 127.0.0.1 (slurmctld and
# slurmd as root, auth/none, cred/none, proctrack/linuxproc, its own
# ports; config, state, spool and logs in a temporary directory) runs
# examples/slurm/submit.sh over N generated configs (default 100) as the
# tasks of one array job, and a second, small job with a broken config.
# Every PDF is checked (qpdf --check, its page count), every task must
# have run under Slurm (its log and summary), and the collect job must
# list exactly the broken config. Slurm is always torn down (trap).
# When Slurm cannot start, the test says why and fails: it never passes
# without running jobs.
set -u
N=${1:-100}
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
t=$(mktemp -d "${TMPDIR:-/tmp}/briefing-slurm.XXXXXX")
chmod 755 "$t"
failures=0
start=$(date +%s)
pids=""

teardown() {
	# only the daemons this test started, by their process ids
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$p" 2>/dev/null
	done
	rm -rf "$t"
}
trap teardown EXIT
trap 'exit 1' INT TERM

check_log=$t/check
. "$top/tests/e2e/lib.sh"
# cannot REASON: Slurm could not be used; the test fails, saying why.
cannot() {
	echo "FAIL slurm: $1"
	for l in "$t"/log/*.log; do
		[ -s "$l" ] && { echo "---- $(basename "$l") (last lines)"; tail -15 "$l"; }
	done
	echo "slurm: could not run jobs, so nothing was tested"
	exit 1
}

for b in slurmctld slurmd sbatch squeue sinfo scontrol; do
	command -v "$b" >/dev/null || cannot "'$b' is not installed (Debian package slurm-wlm; .ci/deps distributed installs it as root)"
done
[ "$(id -u)" -eq 0 ] || cannot "slurmd must run as root to start jobs (this test runs as uid $(id -u)); run it as root, as CI does"

# two free ports next to each other
port=""
for try in $(seq 0 40); do
	p=$((16817 + 2 * ((try + $$) % 500)))
	if ! ss -Htln 2>/dev/null | awk '{print $4}' | grep -qE ":($p|$((p + 1)))\$"; then
		port=$p; break
	fi
done
[ -n "$port" ] || cannot "found no two free TCP ports on 127.0.0.1"

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$t/etc" "$t/state" "$t/spool" "$t/log" "$t/run" "$t/work"
export SLURM_CONF=$t/etc/slurm.conf
cat >"$SLURM_CONF" <<EOC
ClusterName=briefingtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
# Start batch jobs as soon as CPUs free up: by default Slurm may wait 3 s
# (batch_sched_delay), which made 100 tasks of 50 ms take minutes.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,max_sched_time=4,default_queue_depth=1000
ReturnToService=2
StateSaveLocation=$t/state
SlurmdSpoolDir=$t/spool
SlurmctldPidFile=$t/run/slurmctld.pid
SlurmdPidFile=$t/run/slurmd.pid
SlurmctldLogFile=$t/log/slurmctld.log
SlurmdLogFile=$t/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=briefing Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOC

slurmctld -D -c -f "$SLURM_CONF" >"$t/log/slurmctld.out" 2>&1 </dev/null &
pids="$pids $!"
sleep 0.5
slurmd -D -f "$SLURM_CONF" >"$t/log/slurmd.out" 2>&1 </dev/null &
pids="$pids $!"
state=""
for _ in $(seq 60); do
	for p in $pids; do kill -0 "$p" 2>/dev/null || cannot "a Slurm daemon exited at start (pid $p)"; done
	state=$(sinfo -h -n "$host" -o %T 2>/dev/null | head -1)
	[ "$state" = idle ] && break
	sleep 0.5
done
[ "$state" = idle ] || cannot "node $host is '${state:-not known}' after 30 s, not idle"
ok "slurm up: slurmctld and slurmd on 127.0.0.1:$port, node $host idle ($cpus CPUs) in $(($(date +%s) - start)) s"

# wait_jobs SECONDS JOBID...: until none of the jobs is queued or running
wait_jobs() {
	local limit=$1; shift
	local ids; ids=$(IFS=,; echo "$*")
	for _ in $(seq $((limit * 2))); do
		[ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
		sleep 0.5
	done
	return 1
}
# job_ids FILE: the job ids submit.sh printed
job_ids() { awk '/^(array|collect) job/ { sub(":", "", $3); print $3 }' "$1"; }

# --- N briefings as N array tasks ---------------------------------------
examples/batch/generate.sh "$N" "$t/work/many" >/dev/null
out=$t/work/many/out
if BRIEFING=$BRIEFING examples/slurm/submit.sh "$t/work/many/configs" "$out" >"$t/submit" 2>&1; then
	ok "submit.sh: $(head -1 "$t/submit")"
else
	cannot "sbatch refused the job: $(cat "$t/submit")"
fi
jobs=$(job_ids "$t/submit")
t0=$(date +%s)
wait_jobs 240 $jobs || cannot "the jobs did not finish within 240 s: $(squeue -h 2>&1 | head -5)"
ok "array job and collect job done in $(($(date +%s) - t0)) s"
array=$(echo "$jobs" | head -1)
logs=$(ls "$out/logs/${array}_"*.log 2>/dev/null | wc -l)
[ "$logs" -gt 0 ] || cannot "no task ran: no task logs in $out/logs (see the slurmd log)"
check "every array task ran under Slurm: $N task logs" test "$logs" -eq "$N"
check "every task wrote its summary" test "$(ls "$out/summary/"*.json 2>/dev/null | wc -l)" -eq "$N"
check "each task log says what it wrote" test "$(cat "$out/logs/${array}_"*.log | grep -c '^wrote ')" -eq "$N"
check "the report: $N built, 0 failed" grep -qx "$N briefings: $N built, 0 failed" "$out/report.txt"
check "no failed configs listed" test -f "$out/failed.list" -a ! -s "$out/failed.list"
# the list's line I is task I, whose summary is summary/I.json
bad=0 checked=0
while IFS= read -r cfg; do
	checked=$((checked + 1))
	pdf=$out/$(basename "$cfg" .ini).pdf
	if ! qpdf --check "$pdf" >/dev/null 2>&1; then
		bad=$((bad + 1)); echo "     qpdf --check fails: $pdf"; continue
	fi
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	want=$(grep -o '"pages":[0-9]*' "$out/summary/$checked.json" | cut -d: -f2)
	if [ -z "$pages" ] || [ "$pages" -lt 1 ] || [ "$pages" != "$want" ]; then
		bad=$((bad + 1)); echo "     $pdf: ${pages:-no} pages, the summary says ${want:-nothing}"
	fi
done <"$out/configs.list"
check "all $checked PDFs pass qpdf --check, with the page count the build reported" test "$bad" -eq 0 -a "$checked" -eq "$N"
one=$out/unit-0001.pdf
"$BRIEFING" build -q -c "$t/work/many/configs/unit-0001.ini" -o "$t/serial.pdf"
check "a task's PDF is the bytes of a build outside Slurm" cmp -s "$one" "$t/serial.pdf"

# --- failures are listed ------------------------------------------------
f=$t/work/few
mkdir -p "$f/configs"
examples/batch/generate.sh 3 "$f" >/dev/null
echo 'garbage' >>"$f/configs/unit-0002.ini"
BRIEFING=$BRIEFING examples/slurm/submit.sh "$f/configs" "$f/out" >"$t/submit2" 2>&1 ||
	cannot "sbatch refused the second job: $(cat "$t/submit2")"
wait_jobs 120 $(job_ids "$t/submit2") || cannot "the second job did not finish within 120 s"
check "a broken config: the report counts it" grep -qx '3 briefings: 2 built, 1 failed' "$f/out/report.txt"
check "... lists it with its exit status" grep -q "^FAILED $f/configs/unit-0002.ini: exit 1 " "$f/out/report.txt"
check "... and its error with file and line" grep -qE "^    $f/configs/unit-0002.ini:[0-9]+: error: " "$f/out/report.txt"
check "... failed.list names it, for a resubmission" test "$(cat "$f/out/failed.list")" = "$f/configs/unit-0002.ini"
check "... the collect job's log has the report" sh -c "cat '$f'/out/logs/collect-*.log | grep -q '2 built, 1 failed'"

echo "slurm: $N array tasks, $(($(date +%s) - start)) s in all"
if [ "$failures" -ne 0 ]; then
	echo "slurm: $failures check(s) failed"
	exit 1
fi
echo "slurm: all checks passed"
