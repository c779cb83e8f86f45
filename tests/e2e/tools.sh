#!/bin/bash
# The parts of a command line people already know: briefing init (a
# mission that builds at once), briefing fonts (names a config accepts),
# --font-path, the man page (mandoc -Tlint), bash completion, and make
# install/uninstall with PREFIX and DESTDIR.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
BRIEFING=$(cd "$(dirname "$BRIEFING")" && pwd)/$(basename "$BRIEFING")
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-tools.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

check_log=$work/check
. "$top/tests/e2e/lib.sh"
out=$work/stdout err=$work/stderr
run() { timeout 60 "$BRIEFING" "$@" >"$out" 2>"$err" </dev/null; rc=$?; }

# --- init ---------------------------------------------------------------
m=$work/new/mission
run init "$m"
check "init: exit 0" test "$rc" -eq 0
check "init: config, crest, data file, CSV" test -s "$m/config/briefing.ini" -a -s "$m/config/crest.png" -a -s "$m/data/mission.ini" -a -s "$m/data/units.csv" -a -d "$m/out"
check "init: fonts by fontconfig name" grep -qx 'regular = "DejaVu Sans"' "$m/config/briefing.ini"
(cd "$m" && timeout 60 "$BRIEFING" build >"$out" 2>"$err"); rc=$?
check "init, then build in DIR: exit 0, no warnings" test "$rc" -eq 0 -a ! -s "$err"
check "... writes out/briefing.pdf, a cover and a page" grep -qx 'wrote out/briefing.pdf (2 pages)' "$out"
check "init: a crest it drew, a palette PNG on the cover" sh -c "
	pdfimages -f 1 -l 1 -list '$m/out/briefing.pdf' | grep -Eq '^ +1 +0 image +180 +210 +index +1 +8' &&
	[ \$(pdfimages -list '$m/out/briefing.pdf' | tail -n +3 | wc -l) -eq 1 ]"
pdftotext "$m/out/briefing.pdf" "$work/init.txt" 2>/dev/null
check "... whose text has the mission's facts and the CSV's rows" \
	grep -q '2nd Engineer Company' "$work/init.txt"
check "... and the data file's source" grep -q 'mission directive' "$work/init.txt"
sum=$(sha256sum <"$m/config/briefing.ini")
run init "$m"
check "init over a mission: exit 1" test "$rc" -eq 1
check "... naming the file that exists" grep -q "config/briefing.ini: error: exists" "$err"
check "... and the config is untouched" test "$(sha256sum <"$m/config/briefing.ini")" = "$sum"
run init -q "$work/quiet"
check "init -q: prints nothing" test "$rc" -eq 0 -a ! -s "$out" -a ! -s "$err"
run init
check "init without DIR: exit 2" test "$rc" -eq 2
check "... says so" grep -qxF "briefing: 'init' needs a directory" "$err"
run init -c x.ini "$work/x"
check "init -c: exit 2" test "$rc" -eq 2
mkdir -p "$work/ro" && touch "$work/ro/config"
run init "$work/ro"
check "init where a directory cannot be made: exit 3" test "$rc" -eq 3

# --- fonts ---------------------------------------------------------------
run fonts
check "fonts: exit 0" test "$rc" -eq 0
check "fonts: lists DejaVu Sans" grep -q '^DejaVu Sans:style=Book	/.*DejaVuSans\.ttf$' "$out"
check "fonts: NAME<TAB>FILE on every line" awk -F'\t' 'NF != 2 || $2 !~ /\.ttf$/ { exit 1 }' "$out"
bold=$(awk -F'\t' '$1 == "DejaVu Sans:style=Bold" { print $1 }' "$out")
mono=$(awk -F'\t' '$1 ~ /^DejaVu Sans Mono/ { print $1; exit }' "$out")
check "fonts: lists the bold face and a mono face" test -n "$bold" -a -n "$mono"
# A listed name works in a config, and the depfile names the listed file.
cp -r tests/e2e/mission "$work/fm"
printf '\n[fonts]\nregular = "%s"\nbold = "%s"\n' "$mono" "$bold" >>"$work/fm/test.ini"
run build -c "$work/fm/test.ini" -o "$work/fm.pdf" --depfile "$work/fm.d"
check "a name 'fonts' lists builds ($mono)" test "$rc" -eq 0
"$BRIEFING" fonts >"$work/fonts.txt"
monofile=$(awk -F'\t' -v n="$mono" '$1 == n { print $2 }' "$work/fonts.txt")
check "... with the file 'fonts' gave for it" grep -qF "$monofile" "$work/fm.d"
pdffonts "$work/fm.pdf" >"$work/pdffonts" 2>&1
check "... embedded in the PDF" grep -q 'DejaVuSansMono' "$work/pdffonts"

# --- --font-path -----------------------------------------------------------
# A copy of DejaVu Sans Mono renamed, in a directory of our own: the
# family is found there first, and the depfile names the copy.
fp=$work/myfonts
mkdir -p "$fp/sub"
cp "$monofile" "$fp/sub/Mine.ttf"
run fonts --font-path "$fp"
check "fonts --font-path: the face in DIR is listed with DIR's file" \
	grep -q "	$fp/sub/Mine.ttf\$" "$out"
check "... nothing on stderr (no font cache is written)" test ! -s "$err"
check "... once per name" test "$(cut -f1 "$out" | sort | uniq -d | wc -l)" -eq 0
run build -c "$work/fm/test.ini" -o "$work/fp.pdf" --depfile "$work/fp.d" --font-path "$fp"
check "build --font-path: exit 0, nothing on stderr" test "$rc" -eq 0 -a ! -s "$err"
check "... the family comes from DIR first" grep -qF "$fp/sub/Mine.ttf" "$work/fp.d"
check "... the other faces from the system" grep -q 'DejaVuSans-Bold.ttf' "$work/fp.d"
run build -c "$work/fm/test.ini" -o "$work/fp.pdf" --font-path "$work/none"
check "--font-path to no directory: exit 2" test "$rc" -eq 2
check "... says so" grep -qF "briefing: --font-path '$work/none' is not a directory" "$err"

# --- the man page --------------------------------------------------------
check "man page: mandoc -Tlint finds nothing" mandoc -Tlint -Wwarning docs/briefing.1
mandoc -Tascii docs/briefing.1 2>/dev/null | col -b >"$work/man.txt"
"$BRIEFING" --help >"$work/help.txt"
missing=""
for o in $(grep -oE -- '--[a-z][a-z-]*' "$work/help.txt" | sort -u); do
	grep -qF -- "$o" "$work/man.txt" || missing="$missing $o"
done
check "man page: documents every option --help lists${missing:+ (missing:$missing)}" test -z "$missing"
for c in build check watch init fonts; do
	grep -q "^     $c" "$work/man.txt" || missing="$missing $c"
done
check "man page: documents every command" test -z "$missing"

# --- bash completion -------------------------------------------------------
# complete WORDS...: the completions of the last word, space-separated
complete_words() {
	bash -c '. examples/completion/briefing.bash
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _briefing
		printf "%s\n" "${COMPREPLY[@]}"' briefing "$@" | sort | tr '\n' ' '
}
check "completion: commands" test "$(complete_words briefing "")" = "--help --version build check fonts init watch "
check "completion: 'briefing bu' -> build" test "$(complete_words briefing bu)" = "build "
check "completion: 'build --dep' -> --depfile" test "$(complete_words briefing build --dep)" = "--depfile "
check "completion: 'check -' has no -o" sh -c "! echo '$(complete_words briefing check -)' | grep -q -- ' -o '"
check "completion: 'build -c examples/batch/configs/n' -> north.ini" \
	test "$(complete_words briefing build -c examples/batch/configs/n)" = "examples/batch/configs/north.ini "
check "completion: 'fonts --font' -> --font-path" test "$(complete_words briefing fonts --font)" = "--font-path "
all=$(complete_words briefing -; for c in build check watch init fonts; do complete_words briefing "$c" -; done)
missing=""
for o in $(grep -oE -- '--[a-z][a-z-]*' "$work/help.txt" | sort -u); do
	case " $all " in *" $o "*) ;; *) missing="$missing $o" ;; esac
done
check "completion: every option --help lists${missing:+ (missing:$missing)}" test -z "$missing"

# --- make install / uninstall ------------------------------------------------
dest=$work/dest
if make -s install DESTDIR="$dest" PREFIX=/opt/briefing BIN="$BRIEFING" >"$work/install.out" 2>&1; then
	ok "make install DESTDIR PREFIX"
else
	fail "make install DESTDIR PREFIX" "$(tail -3 "$work/install.out")"
fi
p=$dest/opt/briefing
check "... the binary" test -x "$p/bin/briefing"
check "... the man page" test -s "$p/share/man/man1/briefing.1"
check "... bash completion" test -s "$p/share/bash-completion/completions/briefing"
check "... the docs" test -s "$p/share/doc/briefing/README.md" -a -s "$p/share/doc/briefing/docs/cli.md"
check "... the examples" test -x "$p/share/doc/briefing/examples/batch/generate.sh" -a -s "$p/share/doc/briefing/examples/schedule/briefing-batch.service"
check "... the installed man page reads" sh -c "mandoc -Tascii '$p/share/man/man1/briefing.1' 2>/dev/null | grep -q 'briefing init'"
# The installed example project builds with the installed binary.
cp -r "$p/share/doc/briefing/examples/batch" "$work/proj"
if PATH="$p/bin:$PATH" make -s -C "$work/proj" >"$work/proj.out" 2>&1 && [ "$(ls "$work/proj/out/"*.pdf | wc -l)" -eq 4 ]; then
	ok "the installed example builds with the installed briefing"
else
	fail "the installed example builds with the installed briefing" "$(head -3 "$work/proj.out")"
fi
make -s uninstall DESTDIR="$dest" PREFIX=/opt/briefing >/dev/null 2>&1
left=$(find "$dest" -type f | head -3)
check "make uninstall removes every file${left:+ (left: $left)}" test -z "$left"

if [ "$failures" -ne 0 ]; then
	echo "tools: $failures check(s) failed"
	exit 1
fi
echo "tools: all checks passed"
