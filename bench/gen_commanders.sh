#!/bin/sh
# Writes a synthetic mission for scale tests into DIR: a succession table
# of ROWS consecutive one-week commands (CSV), the data file naming it, and
# a config that prints it. Generated on demand; never committed as data.
#   bench/gen_commanders.sh DIR ROWS
set -eu
. "$(dirname "$0")/lib.sh"
dir=$1
rows=$2
mkdir -p "$dir"
awk -v rows="$rows" '
function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
	# days since 1970-01-01 -> YYYY-MM-DD (Howard Hinnant)
	z += 719468
	era = int((z >= 0 ? z : z - 146096) / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
BEGIN {
	split("UK GE SP IT NO FR US PL", nation, " ")
	split("A N AF", service, " ")
	print "no,rank,name,nation,service,from,to"
	# daily terms from 1700, so 100,000 of them end before the as-of date
	start = -98615   # 1700-01-01
	for (i = 1; i <= rows; i++) {
		from = civil(start + (i - 1))
		to = i == rows ? "" : civil(start + i)
		printf "%d,Lt. Gen.,\"Commander %d, Ortuño-Peć\",%s,%s,%s,%s\n", i, i,
			nation[(i % 8) + 1], service[(i % 3) + 1], from, to
	}
}' >"$dir/commanders.csv"
cat >"$dir/facts.ini" <<INI
[source]
title = "Synthetic commander list ($rows rows)"
updated = 2024-01-01

[synthetic.commanders]
type = table
file = commanders.csv
succession = yes
codes.service = "A = Army, N = Navy, AF = Air Force"
INI
{
briefing_head "Synthetic briefing: $rows commanders" "NATO UNCLASSIFIED" \
	2024-01-01 m facts.ini
cat <<INI
[section.commanders]
title = "Commanders"
1 = table synthetic.commanders

[table.synthetic.commanders]
caption = "Commanders"
date_format = short
1 = no | No. | right | 12
2 = rank | Rank | left | auto
3 = name | Name | left | *
4 = nation | Nation | center | auto
5 = service | Service | center | auto
6 = from | From | left | auto
7 = to | To | left | auto
8 = tenure | Tenure | right | auto
INI
} >"$dir/briefing.ini"
