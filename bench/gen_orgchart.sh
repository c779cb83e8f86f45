#!/bin/sh
# Writes a synthetic org-chart mission into DIR: UNITS units in charts of
# 100 (a command, a staff cell beside it, 9 formations of 10 units each
# under it, less one), one chart per section with a paragraph before it.
# A chart of 100 fits a turned A3 page (chart_landscape = yes) at full
# size, its formations' units stacked; 1,000 units make 10 charts. Generated on
# demand; never committed as data.
#   bench/gen_orgchart.sh DIR UNITS
set -eu
. "$(dirname "$0")/lib.sh"
dir=$1
units=$2
charts=$(((units + 99) / 100))
mkdir -p "$dir"
awk -v units="$units" '
BEGIN {
	split("command unit support", kind, " ")
	print "[source]"
	print "title = \"Synthetic org charts for the benchmark\""
	print "updated = 2024-01-01"
	print "\n[org.intro]\ntype = text"
	print "1 = \"Each chart below is one synthetic force: a command, its staff and its formations.\""
	left = units
	for (c = 1; left > 0; c++) {
		printf "\n[org.c%d]\ntype = orgchart\n", c
		printf "\n[org.c%d.hq]\nname = \"HQ Force %d\"\ndetail = \"Commander, Camp %d\"\nkind = command\n", c, c, c
		printf "\n[org.c%d.staff]\nname = \"Staff %d\"\ndetail = \"Chief of Staff\"\nparent = hq\nkind = staff\n", c, c
		left -= 2
		for (f = 1; f <= 9 && left > 0; f++) {
			printf "\n[org.c%d.f%d]\nname = \"Formation %d.%d\"\ndetail = \"Peć and Uroševac\"\nparent = hq\nkind = %s\n", c, f, c, f, kind[f % 3 + 1]
			left--
			for (u = 1; u <= 10 && left > 0 && !(f == 9 && u == 10); u++) {
				printf "\n[org.c%d.f%d-%d]\nname = \"Unit %d.%d.%d\"\nparent = f%d\n", c, f, u, c, f, u, f
				left--
			}
		}
	}
}' >"$dir/org.ini"
{
	briefing_head "Synthetic briefing: $units units in org charts" "NATO UNCLASSIFIED" \
		2024-01-01 org org.ini
	cat <<INI
[page]
size = a3
chart_landscape = yes
INI
	i=1
	while [ "$i" -le "$charts" ]; do
		printf '\n[section.c%d]\ntitle = "Force %d"\n1 = text org.intro\n2 = orgchart org.c%d\n' \
			"$i" "$i" "$i"
		i=$((i + 1))
	done
} >"$dir/briefing.ini"
