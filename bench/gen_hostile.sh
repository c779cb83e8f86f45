#!/bin/sh
# Writes a synthetic mission for input-stage scale tests into DIR: one
# list fact of ITEMS items, and FACTS further text facts (one section
# each), with a config that prints the list and the last fact. Checks
# that reading INI costs time linear in its keys and sections.
# Generated on demand; never committed as data.
#   bench/gen_hostile.sh DIR ITEMS FACTS   (both at least 1)
set -eu
. "$(dirname "$0")/lib.sh"
dir=$1
items=$2
facts=$3
mkdir -p "$dir"
awk -v items="$items" -v facts="$facts" '
BEGIN {
	print "[source]"
	print "title = \"Synthetic scale test\""
	print "url = \"https://example.org/scale\""
	print "updated = 2018-11-01"
	print ""
	print "[big.list]"
	print "type = list"
	for (i = 1; i <= items; i++)
		printf "%d = \"Item %d of the long list, a short sentence.\"\n", i, i
	for (i = 1; i <= facts; i++) {
		printf "\n[big.fact-%d]\ntype = text\n1 = \"Fact number %d.\"\n", i, i
	}
}' > "$dir/big.ini"
{
briefing_head "Scale test" "NATO UNCLASSIFIED" 2018-11-29 big big.ini
cat <<EOC
[fonts]
regular = $PWD/fonts/DejaVuSans.ttf
bold = $PWD/fonts/DejaVuSans-Bold.ttf
italic = $PWD/fonts/DejaVuSans-Oblique.ttf

[section.list]
title = "A long list"
1 = list big.list
2 = text big.fact-$facts
EOC
} > "$dir/briefing.ini"
