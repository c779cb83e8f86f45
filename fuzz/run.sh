#!/bin/sh
# Runs each libFuzzer harness for a while from its seed corpus and fails if
# any finds a crash, a leak, undefined behaviour or a hang.
#   fuzz/run.sh DIR SECONDS NAME...
# DIR holds the built harnesses (DIR/fuzz_NAME). Each works on its own
# corpus, DIR/corpus-NAME: the committed seeds of fuzz/corpus/NAME are
# copied in, and new inputs go there, never into fuzz/corpus. A finding is
# written as DIR/NAME-crash-* (or leak-, timeout-, oom-), with the log in
# DIR/NAME.log.
set -u

dir=$1
seconds=$2
shift 2
failed=""
summary=""

for name in "$@"; do
	corpus="$dir/corpus-$name"
	log="$dir/$name.log"
	mkdir -p "$corpus"
	cp fuzz/corpus/"$name"/* "$corpus"/
	echo "== fuzz_$name: ${seconds} s from $(ls "$corpus" | wc -l) inputs"
	# -timeout: an input taking 10 s is a hang, reported as a finding.
	if "$dir/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$dir/$name-" \
		"$corpus" >"$log" 2>&1; then
		result="ok"
	else
		result="FAILED (see $log)"
		failed="$failed $name"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' \
			"$log" | sed 's/^/   /'
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	summary="$summary
fuzz_$name: ${runs:-?} executions, $result"
done

echo "== fuzz summary (${seconds} s each)$summary"
if [ -n "$failed" ]; then
	echo "error: fuzzers found problems:$failed" >&2
	exit 1
fi
