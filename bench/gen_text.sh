#!/bin/sh
# Writes a synthetic text-only mission into DIR: SECTIONS sections, each
# one text fact of PARAS paragraphs of about 90 words (pseudo-random
# words, a few accented names, so line breaking and the fonts see
# realistic text), with a contents page. 100 sections of 10 paragraphs
# make about 200 A4 pages. Generated on demand; never committed as data.
#   bench/gen_text.sh DIR SECTIONS [PARAS]
set -eu
. "$(dirname "$0")/lib.sh"
dir=$1
sections=$2
paras=${3:-10}
mkdir -p "$dir"
awk -v sections="$sections" -v paras="$paras" '
BEGIN {
	n = split("the of and to in mission force security support command " \
		"operations regional international forces headquarters liaison " \
		"advisory team capacity building standards assistance programme " \
		"coordination deployment reserve battalion brigade training staff " \
		"personnel logistics procedures mandate resolution council " \
		"Ortuño Peć Uroševac Prizren Mitrovica provides continues within " \
		"across under with after before remains established commander " \
		"civilian authorities institutions environment freedom movement " \
		"population reform development transition structure operational " \
		"capability cooperation partners nations contributing", w, " ")
	seed = 12345
	print "[source]"
	print "title = \"Synthetic text for the benchmark\""
	print "updated = 2024-01-01"
	for (s = 1; s <= sections; s++) {
		printf "\n[text.s%d]\ntype = text\n", s
		for (p = 1; p <= paras; p++) {
			line = ""
			for (k = 1; k <= 90; k++) {
				seed = (seed * 1103515245 + 12345) % 2147483648
				word = w[int(seed / 65536) % n + 1]
				if (k == 1)
					word = toupper(substr(word, 1, 1)) substr(word, 2)
				line = line (k > 1 ? " " : "") word
				if (k % 18 == 0 && k < 90)
					line = line ","
			}
			printf "%d = \"%s.\"\n", p, line
		}
	}
}' >"$dir/text.ini"
{
	briefing_head "Synthetic briefing: $sections sections of text" "NATO UNCLASSIFIED" \
		2024-01-01 t text.ini
	cat <<INI
[section.contents]
title = "Contents"
numbered = no
1 = contents
2 = pagebreak
INI
	i=1
	while [ "$i" -le "$sections" ]; do
		printf '\n[section.s%d]\ntitle = "Section %d of the text"\n1 = text text.s%d\n' \
			"$i" "$i" "$i"
		i=$((i + 1))
	done
} >"$dir/briefing.ini"
