# tests/e2e/lib.sh: the verdict helpers the end-to-end scripts share;
# sourced, not run. The script sets failures=0 first, and check_log (the
# file where check() keeps a command's output, shown when it fails)
# before its first check().
ok() { printf 'ok   %s\n' "$1"; }
fail() { printf 'FAIL %s\n' "$1"; [ -n "${2:-}" ] && printf '     %s\n' "$2"; failures=$((failures + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
	local name=$1; shift
	if "$@" >"$check_log" 2>&1; then ok "$name"; else fail "$name" "$(head -5 "$check_log")"; fi
}
