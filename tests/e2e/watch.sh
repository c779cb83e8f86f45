#!/bin/bash
# briefing watch, end to end: it builds at once; an edit to a data file
# (saved by rename, as sed -i and most editors do) rebuilds; an edit that
# breaks the data prints the error and leaves the last good PDF byte for
# byte; the fix rebuilds; a CSV edit rebuilds; a missing input's arrival
# rebuilds; SIGTERM and SIGINT stop it with status 0. Every wait has a deadline, so the test cannot hang.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-watch.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

check_log=$work/out
. "$top/tests/e2e/lib.sh"
# wait_for SECONDS COMMAND...: true once COMMAND succeeds, false after
# SECONDS (a sanitizer build is slow: the deadlines are generous)
wait_for() {
	local deadline=$((SECONDS + $1)); shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -ge "$deadline" ] && return 1
		sleep 0.05
	done
}
text_has() { pdftotext "$pdf" - 2>/dev/null | grep -qF "$1"; }
sum() { sha256sum <"$pdf" 2>/dev/null; }

m=$work/mission
cp -r tests/e2e/mission "$m"
pdf=$m/out.pdf
log=$work/log
# stdin from /dev/null, as under a supervisor; timeout is the last guard
timeout 120 "$BRIEFING" watch -c "$m/test.ini" -o "$pdf" >"$log" 2>&1 </dev/null &
pid=$!

check "watch builds at once" wait_for 30 test -s "$pdf"
check "watch says what it watches" wait_for 10 grep -q '^watching [0-9]* files; Ctrl-C stops$' "$log"
check "the first build is reported" grep -q "^wrote $pdf (1 page)$" "$log"

sed -i 's/^1 = "Uroševac"/1 = "Uroševac edited"/' "$m/facts.ini"
check "an edit saved by rename rebuilds" wait_for 30 text_has "Uroševac edited"
check "the rebuild is reported" wait_for 10 test "$(grep -c '^wrote ' "$log")" -eq 2

good=$(sum)
echo 'this is not ini' >>"$m/facts.ini"
check "a broken save prints the error" wait_for 30 grep -q "^$m/facts.ini:[0-9]*: error: expected 'key = value' or '\[section\]'$" "$log"
sleep 0.3
check "the last good PDF is kept byte for byte" test "$(sum)" = "$good"
check "no temporary file is left" sh -c "! ls '$m' | grep -q '\.tmp\.'"

# the fix, written to a new file and renamed over the old one
sed -e '$d' -e 's/Uroševac edited/Uroševac fixed/' "$m/facts.ini" >"$m/facts.new"
mv "$m/facts.new" "$m/facts.ini"
check "the next good save rebuilds" wait_for 30 text_has "Uroševac fixed"

# the CSV, written in place
sed -i 's/^Anna Šimić,/Anna Šimić-Edited,/' "$m/people.csv"
check "a CSV edit rebuilds" wait_for 30 text_has "Šimić-Edited"

# files the build does not read change nothing
n=$(grep -c '^wrote ' "$log")
echo x >"$m/unrelated.txt"; touch "$m/test.ini~"
sleep 0.5
check "files that are not inputs start no build" test "$(grep -c '^wrote ' "$log")" -eq "$n"

kill -TERM "$pid"
if wait_for 15 sh -c "! kill -0 $pid"; then
	wait "$pid"; rc=$?
	check "SIGTERM stops watch with status 0 (got $rc)" test "$rc" -eq 0
else
	fail "SIGTERM stops watch"
fi
pid=

# A build that fails from the start: the CSV is missing. Its name is
# still an input, so its arrival rebuilds. Then SIGINT, as Ctrl-C sends
# it: a shell starts background jobs with SIGINT ignored, so perl
# restores the default before running watch.
mv "$m/people.csv" "$work/people.csv"
rm "$pdf"
perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' timeout 120 "$BRIEFING" watch -q -c "$m/test.ini" -o "$pdf" >"$log" 2>&1 </dev/null &
pid=$!
check "a missing CSV is reported" wait_for 30 grep -q "people.csv': cannot open: No such file or directory$" "$log"
check "and nothing is written" test ! -e "$pdf"
sed 's/^Anna Šimić-Edited,/Anna Šimić-Back,/' "$work/people.csv" >"$m/people.csv"
check "the CSV's arrival builds" wait_for 30 text_has "Šimić-Back"
kill -INT "$pid"
if wait_for 15 sh -c "! kill -0 $pid"; then
	wait "$pid"; rc=$?
	check "SIGINT stops watch with status 0 (got $rc)" test "$rc" -eq 0
else
	fail "SIGINT stops watch"
fi
pid=
check "watch -q prints only the error" test "$(wc -l <"$log")" -eq 1

if [ "$failures" -ne 0 ]; then
	echo "watch: $failures check(s) failed"
	exit 1
fi
echo "watch: all checks passed"
