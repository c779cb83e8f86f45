#!/bin/bash
# --depfile read back by GNU make itself: a mission whose every input has
# a name make treats specially (space, '#', '$', ':', '%', wildcards, a
# backslash, a leading '~') builds with --depfile; make then finds the PDF
# up to date, and out of date after any one input is touched. The set is
# exact (config, include, data, CSV, Markdown, fonts, patterns); a failed
# build leaves the last depfile as it was; names make cannot read are
# refused before anything is written.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-dep.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
failures=0

check_log=$work/out
. "$top/tests/e2e/lib.sh"

# The mission, in a directory and with files whose names need escaping.
dir='m a#b$c:d%e'
m="$work/$dir"
mkdir -p "$m/sub dir"
cp tests/e2e/mission/test.ini "$m/brief ing.ini"
cp tests/e2e/mission/facts.ini "$m/sub dir/fa#cts.ini"
cp tests/e2e/mission/people.csv "$m/sub dir/pe\$ople [1]*.csv"
cp tests/fixtures/fonts/DejaVuSans.ttf "$m/~font%.ttf"
cp tests/fixtures/fonts/DejaVuSans.ttf "$m/back\\slash:font.ttf"
printf '[style]\nbody_size = 10\n' >"$m/base:inc.ini"
printf 'A paragraph from a Markdown file.\n' >"$m/sub dir/long?.md"
sed -i -e '1i include = "base:inc.ini"' \
	-e 's|^m = facts.ini|m = "sub dir/fa#cts.ini"|' "$m/brief ing.ini"
cat >>"$m/brief ing.ini" <<'EOF'

[fonts]
regular = "~font%.ttf"
bold = "back\slash:font.ttf"
italic = "~font%.ttf"
EOF
sed -i -e 's|^file = people.csv|file = "pe$ople [1]*.csv"|' \
	-e 's|^1 = "Filler.*|file = "long?.md"|' "$m/sub dir/fa#cts.ini"
# decoys a wrongly escaped wildcard would match instead
touch "$m/sub dir/pe\$ople 1x.csv" "$m/sub dir/longx.md"

pdf="$m/out put.pdf"
dep="$work/briefing.d"
"$BRIEFING" build -q -c "$m/brief ing.ini" -o "$pdf" --depfile "$dep" 2>"$work/err"
rc=$?
check "build with --depfile succeeds (exit $rc)" test "$rc" -eq 0 -a ! -s "$work/err"
[ -s "$work/err" ] && sed 's/^/     /' "$work/err" | head -5
check "the depfile is written" test -s "$dep"

# in the order of reading: config, include, data, then what the data
# names, fonts
inputs=("$m/brief ing.ini" "$m/base:inc.ini" "$m/sub dir/fa#cts.ini"
	"$m/sub dir/long?.md" "$m/sub dir/pe\$ople [1]*.csv" "$m/~font%.ttf"
	"$m/back\\slash:font.ttf")
# make reads it: the rule's target is the PDF, and nothing is out of date
# (the pattern rule gives the PDF a recipe, without which make -q never
# finds it out of date)
printf 'include %s\n%%.pdf:\n\t@:\n' "$dep" >"$work/Makefile"
now=$(date +%s)
touch -d "@$((now - 100))" "${inputs[@]}"
touch -d "@$now" "$pdf"
q() { make -q -r -f "$work/Makefile" -C "$work" "$pdf" >"$work/make.out" 2>&1; echo $?; }
rc=$(q)
check "make reads the depfile: the PDF is up to date (make -q: $rc)" test "$rc" -eq 0
[ "$rc" -ne 0 ] && sed 's/^/     /' "$work/make.out" | head -3
for f in "${inputs[@]}"; do
	touch -d "@$((now + 100))" "$f"
	rc=$(q)
	check "touching '${f#"$work"/}' makes the PDF out of date (make -q: $rc)" test "$rc" -eq 1
	touch -d "@$((now - 100))" "$f"
done
touch -d "@$((now + 100))" "$m/sub dir/pe\$ople 1x.csv" "$m/sub dir/longx.md"
rc=$(q)
check "touching files a wildcard would match changes nothing (make -q: $rc)" test "$rc" -eq 0
n=$(sed -n '1,/[^\\]$/p' "$dep" | grep -c .)
want=$((${#inputs[@]} + 1))   # and the hyphenation patterns
check "the rule lists exactly the inputs and the patterns ($n names, want $want)" test "$n" -eq "$want"
check "the hyphenation patterns are listed" grep -q '^ /usr/share/hyphen/hyph_en_GB\.dic$' "$dep"
check "an empty rule per input (gcc -MP)" test "$(grep -c ':$' "$dep")" -eq "$want"
# make -p prints its database unescaped: the PDF's rule, name for name
make -p -q -r -f "$work/Makefile" -C "$work" "$pdf" >"$work/db" 2>/dev/null
check "make -p: the rule names the PDF and every input exactly, in order" \
	grep -qxF "$pdf: ${inputs[*]} /usr/share/hyphen/hyph_en_GB.dic" "$work/db"

# A relative name starting with '~', which make would take for a home
# directory, is written as ./~.
cp -r tests/e2e/mission "$work/~rel"
(cd "$work" && "$BRIEFING" build -q -c "~rel/test.ini" -o "~rel/out.pdf" --depfile rel.d) 2>"$work/err"
check "a relative '~' name: the build succeeds" test "$?" -eq 0
check "a relative '~' name: written as ./~" grep -q '^\./~rel/out\.pdf: \./~rel/test\.ini \\$' "$work/rel.d"
printf 'include rel.d\n%%.pdf:\n\t@:\n' >"$work/Makefile.rel"
now=$(date +%s)
touch -d "@$((now - 100))" "$work/~rel/"*.ini "$work/~rel/people.csv"
touch -d "@$now" "$work/~rel/out.pdf"
(cd "$work" && make -q -r -f Makefile.rel "~rel/out.pdf" >/dev/null 2>&1)
rc=$?
check "a relative '~' name: make reads it back, up to date (make -q: $rc)" test "$rc" -eq 0
touch -d "@$((now + 100))" "$work/~rel/people.csv"
(cd "$work" && make -q -r -f Makefile.rel "~rel/out.pdf" >/dev/null 2>&1)
rc=$?
check "a relative '~' name: make finds the touched CSV (make -q: $rc)" test "$rc" -eq 1

# A failed build leaves the depfile (and the PDF) as they were.
sum=$(sha256sum <"$dep"; sha256sum <"$pdf")
echo 'garbage' >>"$m/sub dir/fa#cts.ini"
"$BRIEFING" build -q -c "$m/brief ing.ini" -o "$pdf" --depfile "$dep" 2>"$work/err"
rc=$?
check "a failed build exits 1 (got $rc)" test "$rc" -eq 1
check "a failed build leaves the depfile and the PDF as they were" test "$(sha256sum <"$dep"; sha256sum <"$pdf")" = "$sum"
check "no temporary file is left" sh -c "! ls '$work' | grep -q '\.tmp\.'"
sed -i '$d' "$m/sub dir/fa#cts.ini"

# Names make cannot read are refused before anything is written.
mkdir "$work/semi"
cp tests/e2e/mission/* "$work/semi/"
mv "$work/semi/people.csv" "$work/semi/peo;ple.csv"
sed -i 's|^file = people.csv|file = "peo;ple.csv"|' "$work/semi/facts.ini"
"$BRIEFING" build -q -c "$work/semi/test.ini" -o "$work/semi/out.pdf" --depfile "$work/semi/out.d" 2>"$work/err"
rc=$?
check "an input make cannot name: exit 1 (got $rc)" test "$rc" -eq 1
check "an input make cannot name: the message says why" \
	grep -qF "briefing: error: --depfile: make cannot read the file name '$work/semi/peo;ple.csv' (it has ';'); rename it or drop --depfile" "$work/err"
check "an input make cannot name: neither PDF nor depfile written" test ! -e "$work/semi/out.pdf" -a ! -e "$work/semi/out.d"
"$BRIEFING" build -q -c "$work/semi/test.ini" -o "$work/semi/out.pdf" 2>"$work/err"
check "without --depfile the same mission builds" test "$?" -eq 0

# The depfile is an output: never one of the inputs.
"$BRIEFING" build -q -c "$work/semi/test.ini" -o "$work/semi/out.pdf" --depfile "$work/semi/facts.ini" 2>"$work/err"
rc=$?
check "a depfile that is an input: exit 1 (got $rc)" test "$rc" -eq 1
check "a depfile that is an input: refused" grep -q "^briefing: error: output '$work/semi/facts.ini' is the input" "$work/err"
check "a depfile that is an input: the input is intact" grep -q '^\[source\]' "$work/semi/facts.ini"

if [ "$failures" -ne 0 ]; then
	echo "depfile: $failures check(s) failed"
	exit 1
fi
echo "depfile: all checks passed"
