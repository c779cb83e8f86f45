#!/bin/bash
# The command line as a scheduler, a build tool or a log shipper sees it:
# exit statuses (1 bad input, 2 usage, 3 output, 4 internal), --quiet,
# --summary-json, --werror, an option given twice, and colour only on a
# terminal unless NO_COLOR is set.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

check_log=$work/check
. "$top/tests/e2e/lib.sh"
# run ARGS...: runs briefing with stdout to $out, stderr to $err; $rc
out=$work/stdout err=$work/stderr
run() { timeout 60 "$BRIEFING" "$@" >"$out" 2>"$err" </dev/null; rc=$?; }

m=$work/mission
cp -r tests/e2e/mission "$m"
pdf=$work/out.pdf

# --- quiet ----------------------------------------------------------------
run build -q -c "$m/test.ini" -o "$pdf"
check "build -q: exit 0, nothing on stdout or stderr" test "$rc" -eq 0 -a ! -s "$out" -a ! -s "$err"
run check -q -c "$m/test.ini"
check "check -q: exit 0, nothing on stdout or stderr" test "$rc" -eq 0 -a ! -s "$out" -a ! -s "$err"
run build -c "$m/test.ini" -o "$pdf"
check "build: one line on stdout" test "$(cat "$out")" = "wrote $pdf (1 page)"

# --- usage: exit 2 ----------------------------------------------------------
usage() { # usage NAME MESSAGE ARGS...
	local name=$1 msg=$2; shift 2
	run "$@"
	check "$name: exit 2 (got $rc)" test "$rc" -eq 2
	check "$name: says so" grep -qxF "briefing: $msg" "$err"
}
usage "-c given twice" "option '-c' given twice" build -c "$m/test.ini" -c "$m/test.ini"
usage "--config=A then -c B" "option '-c' given twice" build --config="$m/test.ini" -c x.ini
usage "-q given twice" "option '-q' given twice" build -q -q
usage "--werror given twice" "option '--werror' given twice" check --werror --werror
usage "-o for check" "'check' writes nothing; drop -o" check -o x.pdf
usage "--depfile for check" "'check' does not take --depfile" check --depfile x.d
usage "a flag with a value" "option '--quiet' takes no value" build --quiet=yes
usage "an unknown option" "unknown option '--frobnicate'" build --frobnicate
usage "no command" "missing command: build, check, watch, init or fonts"
usage "watch to standard output" "'watch' writes a file; name it with -o" watch -o -
usage "the summary and the PDF both on standard output" \
	"the PDF goes to standard output: give the summary a file (--summary-json=FILE)" \
	build -o - --summary-json
usage "--depfile -" "--depfile needs a file name, not '-'" build --depfile -
usage "--depfile is the output" "--depfile '$pdf' is the output" build -o "$pdf" --depfile "$pdf"
run build --config
check "-c without a value: exit 2" test "$rc" -eq 2

# --- bad input: exit 1 ------------------------------------------------------
run build -c "$work/none.ini" -o "$pdf"
check "a missing config: exit 1 (got $rc)" test "$rc" -eq 1

# --- output: exit 3 -----------------------------------------------------------
good=$(sha256sum <"$pdf")
run build -c "$m/test.ini" -o /dev/full
check "-o /dev/full: exit 3 (got $rc)" test "$rc" -eq 3
run build -c "$m/test.ini" -o "$pdf" --depfile "$work/no/such/dir/x.d"
check "a depfile that cannot be written: exit 3 (got $rc)" test "$rc" -eq 3
check "a depfile that cannot be written: says where" grep -q "output directory '$work/no/such/dir' does not exist" "$err"
run build -c "$m/test.ini" -o "$work/s.pdf" --summary-json=/dev/full
check "a summary that cannot be written: exit 3 (got $rc)" test "$rc" -eq 3
check "a summary that cannot be written: says why" grep -qxF "/dev/full: error: cannot write the summary: No space left on device" "$err"

# --- internal: exit 4 ---------------------------------------------------------
# Out of memory, under a 90 MB address-space limit that a 100,000-row
# table needs about 150 MB of. Sanitizer builds reserve terabytes of
# address space and cannot run under a limit at all.
if ldd "$BRIEFING" 2>/dev/null | grep -q libasan; then
	echo "skip out of memory: exit 4 (an AddressSanitizer build)"
else
	bench/gen_commanders.sh "$work/big" 100000 >/dev/null
	(ulimit -v 90000; exec "$BRIEFING" build -q -c "$work/big/briefing.ini" -o "$work/big.pdf" >"$out" 2>"$err")
	rc=$?
	check "out of memory: exit 4 (got $rc)" test "$rc" -eq 4
	check "out of memory: says so" grep -qxF "briefing: error: out of memory" "$err"
	check "out of memory: nothing written" test ! -e "$work/big.pdf"
fi

# --- --summary-json -------------------------------------------------------
run build -c "$m/test.ini" -o "$pdf" --summary-json
check "--summary-json: exit 0" test "$rc" -eq 0
check "--summary-json: one line on stdout, nothing else" test "$(wc -l <"$out")" -eq 1 -a ! -s "$err"
check "--summary-json: valid JSON" jq -e . "$out"
bytes=$(stat -c %s "$pdf")
check "--summary-json: command, status, output, pages, bytes, warnings, errors" \
	jq -e --arg o "$pdf" --argjson b "$bytes" \
	'.command == "build" and .status == 0 and .output == $o and .pages == 1 and .bytes == $b and .warnings == 0 and .errors == 0' "$out"
check "--summary-json: milliseconds is a positive number" jq -e '(.milliseconds | type) == "number" and .milliseconds > 0' "$out"
check "--summary-json: the inputs, in the order read" \
	jq -e --arg m "$m" '.inputs[0:3] == [$m + "/test.ini", $m + "/facts.ini", $m + "/people.csv"] and (.inputs | any(endswith(".ttf"))) and (.inputs | any(endswith(".dic")))' "$out"
log=$work/log.jsonl
run build -q -c "$m/test.ini" -o "$pdf" --summary-json="$log"
run build -q -c "$work/none.ini" -o "$pdf" --summary-json="$log"
check "--summary-json=FILE appends one line per build" test "$(wc -l <"$log")" -eq 2
check "--summary-json=FILE: a failed build is logged with its status" \
	jq -se --arg c "$work/none.ini" '.[0].status == 0 and .[1].status == 1 and .[1].errors == 1 and .[1].inputs == [$c] and .[1].bytes == 0' "$log"
run check -c "$m/test.ini" --summary-json
check "check --summary-json: output is null" jq -e '.command == "check" and .output == null and .pages == 1' "$out"
# -o -: the PDF alone on standard output, the summary in its file
run build -c "$m/test.ini" -o - --summary-json="$work/pipe.jsonl"
check "-o - with --summary-json=FILE: standard output is exactly the PDF" cmp -s "$out" "$pdf"
check "-o - with --summary-json=FILE: the summary names '-'" jq -e '.output == "-" and .pages == 1' "$work/pipe.jsonl"
# a hostile name stays valid JSON
hostile=$work/$'q"b\\s\tt\x01\xff'.ini
cp "$m/test.ini" "$hostile"
sed -i "s|^m = facts.ini|m = $m/facts.ini|" "$hostile"
run build -q -c "$hostile" -o "$pdf" --summary-json="$work/hostile.jsonl"
check "a file name with quotes, control characters and bad UTF-8 is valid JSON" jq -e '.status == 0' "$work/hostile.jsonl"
check "... escaped, not dropped" grep -qF 'q\"b\\s\tt\u0001\ufffd.ini' "$work/hostile.jsonl"

# --- --werror -------------------------------------------------------------
# a source older than max_source_age is a warning
sed -i 's/^as_of = 2020-02-29/as_of = 2020-02-29\nmax_source_age = 7/' "$m/test.ini"
run build -c "$m/test.ini" -o "$pdf"
check "a stale source warns and builds (exit $rc)" sh -c "[ $rc -eq 0 ] && grep -q ': warning: \[source\] updated: ' '$err'"
good=$(sha256sum <"$pdf")
run build --werror -c "$m/test.ini" -o "$pdf" --depfile "$work/w.d" --summary-json="$work/w.jsonl"
check "--werror: the warning fails the build (exit $rc)" test "$rc" -eq 1
check "--werror: it is printed as an error" grep -q ': error: \[source\] updated: ' "$err"
check "--werror: no warning is left" sh -c "! grep -q ': warning: ' '$err'"
check "--werror: nothing written (PDF kept, no depfile)" test "$(sha256sum <"$pdf")" = "$good" -a ! -e "$work/w.d"
check "--werror: the summary counts it as an error" jq -e '.status == 1 and .errors == 1 and .warnings == 0' "$work/w.jsonl"
run check --werror -c "$m/test.ini"
check "check --werror: exit 1 (got $rc)" test "$rc" -eq 1

# --- colour ---------------------------------------------------------------
# script(1) gives the command a terminal.
tty_run() { env "$@" script -qec "'$BRIEFING' build -c '$work/none.ini' -o '$pdf'" /dev/null </dev/null >"$work/tty" 2>&1; }
esc=$(printf '\033')
tty_run -u NO_COLOR
check "a terminal: 'error' in red" grep -qF "${esc}[1;31merror:${esc}[0m cannot open" "$work/tty"
tty_run NO_COLOR=1
check "a terminal with NO_COLOR=1: no colour" sh -c "grep -q 'error: cannot open' '$work/tty' && ! grep -q '$esc' '$work/tty'"
tty_run NO_COLOR=
check "NO_COLOR empty is unset (no-color.org): colour" grep -qF "${esc}[1;31merror:" "$work/tty"
env -u NO_COLOR "$BRIEFING" build -c "$work/none.ini" -o "$pdf" 2>"$err"
check "not a terminal: no colour" sh -c "grep -q 'error: cannot open' '$err' && ! grep -q '$esc' '$err'"
env -u NO_COLOR script -qec "'$BRIEFING' build -c '$m/test.ini' -o '$pdf'" /dev/null </dev/null >"$work/tty" 2>&1
check "a terminal: 'warning' in yellow" grep -qF "${esc}[1;33mwarning:${esc}[0m [source]" "$work/tty"

if [ "$failures" -ne 0 ]; then
	echo "cli: $failures check(s) failed"
	exit 1
fi
echo "cli: all checks passed"
