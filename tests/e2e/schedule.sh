#!/bin/bash
# examples/schedule/: the systemd units pass systemd-analyze verify, and
# the exact commands of the service, the crontab line and every "run:"
# step of the CI workflow work on a clean copy: the service's journal
# gets one "wrote" line per briefing built and nothing on a run that
# finds nothing changed, cron gets no output (no mail) on success, and
# both get the file:line of a broken input and a failing status.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-schedule.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
s=examples/schedule

check_log=$work/check
. "$top/tests/e2e/lib.sh"

# --- the units ----------------------------------------------------------
# Documentation=man:briefing(1) is checked too: the man page is put
# where man finds it, as make install would.
mkdir -p "$work/man/man1" && cp docs/briefing.1 "$work/man/man1/"
(cd "$s" && MANPATH=$work/man systemd-analyze verify ./briefing-batch.service ./briefing-batch.timer) >"$work/verify" 2>&1
rc=$?
check "systemd-analyze verify: the service and the timer" test "$rc" -eq 0 -a ! -s "$work/verify"
[ -s "$work/verify" ] && sed 's/^/     /' "$work/verify"
check "the timer starts the service" grep -qx 'Unit=briefing-batch.service' "$s/briefing-batch.timer"

# broken DIR: appends a line that is not INI to a data file
broken() { echo 'garbage' >>"$1/data/north.ini"; }

# --- the service's command ------------------------------------------------
# ExecStart as systemd runs it: ${BRIEFING_HOME} and ${BRIEFING} from the
# unit's Environment=, pointed at a copy of the batch example and the
# binary under test.
exec_start=$(sed -n 's/^ExecStart=//p' "$s/briefing-batch.service")
home=$(sed -n 's/^Environment=BRIEFING_HOME=//p' "$s/briefing-batch.service")
check "the service builds the batch project at $home" test "$home" = /srv/briefing
srv=$work/srv
cp -r examples/batch "$srv" && rm -rf "$srv/out"
service() {
	local cmd=${exec_start//\$\{BRIEFING_HOME\}/$srv}
	cmd=${cmd//\$\{BRIEFING\}/$BRIEFING}
	eval "set -- $cmd"
	"$@" >"$work/journal" 2>&1 </dev/null
}
# the journal's lines, sorted (make -j2 builds in any order), page counts
# as N
journal() { sed -E 's/\([0-9]+ pages?\)$/(N)/' "$work/journal" | sort | tr '\n' ' '; }
service; rc=$?
check "service: exit 0" test "$rc" -eq 0
check "service: one 'wrote' line per briefing, nothing else" \
	test "$(journal)" = "wrote out/all.pdf (N) wrote out/north.pdf (N) wrote out/south.pdf (N) wrote out/staff.pdf (N) "
service; rc=$?
check "service again, nothing changed: exit 0, nothing logged" test "$rc" -eq 0 -a ! -s "$work/journal"
touch "$srv/data/south.ini"
service
check "service after a change: only the briefings that read it" \
	test "$(journal)" = "wrote out/all.pdf (N) wrote out/south.pdf (N) "
broken "$srv"
service; rc=$?
check "service, a broken data file: the unit fails" test "$rc" -ne 0
check "... the journal names the file and line" grep -q "data/north.ini:[0-9]*: error: " "$work/journal"
check "... and -k builds the rest" test "$(cat "$srv/out/builds.jsonl" | wc -l)" -ge 8

# --- the crontab line ------------------------------------------------------
line=$(grep -E '^[0-9*]' "$s/crontab")
cron_cmd=$(echo "$line" | cut -d' ' -f6-)
check "crontab: every morning at 05:30" test "$(echo "$line" | cut -d' ' -f1-5)" = "30 5 * * *"
cron=$work/cron
cp -r examples/batch "$cron" && rm -rf "$cron/out"
cronjob() {
	local cmd=${cron_cmd//\/srv\/briefing/$cron}
	cmd=${cmd//\/usr\/local\/bin\/briefing/$BRIEFING}
	# cron's shell and PATH
	env -i PATH=/usr/bin:/bin HOME="$work" sh -c "$cmd" >"$work/mail" 2>&1 </dev/null
}
cronjob; rc=$?
check "cron: exit 0, no output (no mail)" test "$rc" -eq 0 -a ! -s "$work/mail"
check "cron: every briefing built" test "$(ls "$cron/out/"*.pdf | wc -l)" -eq 4
cronjob
check "cron again: no output" test ! -s "$work/mail"
broken "$cron"
cronjob; rc=$?
check "cron, a broken data file: mail naming the file and line" \
	grep -q "data/north.ini:[0-9]*: error: " "$work/mail"
check "... and a failing status" test "$rc" -ne 0

# --- the CI workflow's steps -------------------------------------------------
# A clean copy of the repository (what git tracks, and new files not yet
# added), with the build this test run made: "make" then finds it done
# instead of compiling everything again.
ci=$work/ci
mkdir -p "$ci"
git ls-files -z -co --exclude-standard | grep -zv '^examples/batch/out/' |
	xargs -0 cp -p --parents -t "$ci" 2>/dev/null
cp -a "$(dirname "$BRIEFING")" "$ci/build"
[ "$(basename "$BRIEFING")" = briefing ] || cp -p "$BRIEFING" "$ci/build/briefing"
cp -p fonts/*.ttf "$ci/fonts/" 2>/dev/null || true
grep -E '^ *- run: ' "$s/github-actions.yml" | sed 's/^ *- run: //' >"$work/steps"
check "CI: four run steps" test "$(wc -l <"$work/steps")" -eq 4
n=0
while IFS= read -r step; do
	n=$((n + 1))
	(cd "$ci" && CI=true bash -e -c "$step") >"$work/step.$n" 2>&1 </dev/null
	rc=$?
	check "CI step $n: $step" test "$rc" -eq 0
	[ "$rc" -eq 0 ] || sed 's/^/     /' "$work/step.$n" | head -5
done <"$work/steps"
check "CI: every briefing built" test "$(ls "$ci/examples/batch/out/"*.pdf 2>/dev/null | wc -l)" -eq 4
check "CI: the failure list is empty" test ! -s "$work/step.4"

if [ "$failures" -ne 0 ]; then
	echo "schedule: $failures check(s) failed"
	exit 1
fi
echo "schedule: all checks passed"
