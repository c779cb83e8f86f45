#!/bin/bash
# Word gaps and hyphens of the default briefing, measured from the PDF
# as a reader sees it (pdftotext -bbox), against the typographic targets
# of issue 11:
#
#   - the widest word gap of a justified line is at most 1.6 normal spaces;
#   - at most 5 % of justified lines have a gap over 1.4 normal spaces;
#   - no two consecutive lines end in a hyphen;
#   - the last line of a paragraph or list item does not follow a hyphen;
#   - no list leaves one line, or one whole item, alone at the top or the
#     foot of a page.
#
#   tests/e2e/wordgaps.sh           build config/briefing.ini and check it
#   tests/e2e/wordgaps.sh FILE.pdf  check a PDF built elsewhere
#
# A "normal space" is measured, not assumed: the median gap between words
# of ragged lines (the last lines of paragraphs) in the body size. Body
# lines are the words of the most common height; a justified line is one
# of two or more words whose last word ends at the right edge of the text
# (the rightmost body word on any page, within 0.5 pt). Lines with dot
# leaders (the contents) are not text. A paragraph is a run of body lines
# one leading apart with the same left edge; a line that starts with a
# bullet begins a list item. Prints the figures it measured, then "ok" or
# "FAIL" per target; exits non-zero on any FAIL.
set -u
BRIEFING=${BRIEFING:-build/briefing}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-gaps.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
	pdf=$1
else
	pdf=$work/briefing.pdf
	if ! "$BRIEFING" build -q -c config/briefing.ini -o "$pdf"; then
		echo "FAIL wordgaps: the default briefing does not build"
		exit 1
	fi
fi
pdftotext -bbox "$pdf" "$work/bbox.html" || exit 1

# page, yMax, xMin, xMax, height, text: one word a line, in reading order
awk '
/<page / { page++ }
/<word / {
	match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
	match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
	match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
	match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
	t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*$/, "", t)
	printf "%d\t%.2f\t%.3f\t%.3f\t%.2f\t%s\n", page, y1, x0, x1, y1 - y0, t
}' "$work/bbox.html" | sort -t '	' -k1,1n -k2,2n -k3,3n >"$work/words"

awk -F '\t' '
function flush(   i, n) {
	if (nw == 0)
		return
	L++
	lpage[L] = cpage; ly[L] = cy; lh[L] = ch; ln[L] = nw
	lx0[L] = wx0[1]; lx1[L] = wx1[nw]
	lbul[L] = (wt[1] == "\xe2\x80\xa2" || wt[1] == "\xe2\x80\x93") && nw > 1
	ltx[L] = lbul[L] ? wx0[2] : wx0[1]
	llast[L] = wt[nw]
	lgaps[L] = ""
	ltext[L] = ""
	for (i = 1; i <= nw; i++) ltext[L] = ltext[L] (i > 1 ? " " : "") wt[i]
	dots = 0; lead[L] = 0
	for (i = 1; i <= nw; i++) {
		if (wt[i] ~ /^\.+$/) { if (++dots >= 3) lead[L] = 1 } else dots = 0
		if (i > (lbul[L] ? 2 : 1))
			lgaps[L] = lgaps[L] " " (wx0[i] - wx1[i - 1])
	}
	nw = 0
}
{
	if (NR == 1 || $1 != cpage || $2 != cy || $5 != ch) {
		flush()
		cpage = $1; cy = $2; ch = $5
	}
	nw++; wx0[nw] = $3; wx1[nw] = $4; wt[nw] = $6
}
END {
	flush()
	# the body height: the commonest line height, by words
	for (i = 1; i <= L; i++) hc[lh[i]] += ln[i]
	for (h in hc) if (hc[h] > best) { best = hc[h]; body = h }
	right = 0
	for (i = 1; i <= L; i++)
		if (lh[i] == body && lx1[i] > right) right = lx1[i]
	# the leading: the commonest distance between consecutive body lines
	for (i = 2; i <= L; i++)
		if (lh[i] == body && lh[i - 1] == body && lpage[i] == lpage[i - 1])
			dc[sprintf("%.1f", ly[i] - ly[i - 1])]++
	best = 0
	for (d in dc) if (dc[d] > best) { best = dc[d]; leading = d + 0 }
	# which lines are text, justified, hyphenated, continued
	for (i = 1; i <= L; i++) {
		text[i] = lh[i] == body && !lead[i]
		just[i] = text[i] && ln[i] - lbul[i] >= 2 && lx1[i] >= right - 0.5
		hyph[i] = text[i] && (llast[i] ~ /[^-]-$/ || llast[i] ~ /\xe2\x80\x90$/)
	}
	for (i = 1; i <= L; i++)
		cont[i] = i > 1 && text[i] && text[i - 1] && lpage[i] == lpage[i - 1] &&
		          ly[i] - ly[i - 1] < leading + 0.3 && !lbul[i] &&
		          (ltx[i] - ltx[i - 1]) ^ 2 < 0.01
	# the normal space: median gap of ragged text lines
	ns = 0
	for (i = 1; i <= L; i++) {
		if (!text[i] || just[i]) continue
		n = split(lgaps[i], g, " ")
		for (k = 1; k <= n; k++) rag[++ns] = g[k] + 0
	}
	for (i = 2; i <= ns; i++) {
		v = rag[i]
		for (j = i - 1; j >= 1 && rag[j] > v; j--) rag[j + 1] = rag[j]
		rag[j + 1] = v
	}
	space = ns ? rag[int((ns + 1) / 2)] : 0
	if (space <= 0) { print "FAIL wordgaps: no ragged text lines to measure a space"; exit 1 }
	nj = 0; worst = 0; tight = 99; o14 = 0; o15 = 0; o20 = 0; nr = 0
	for (i = 1; i <= L; i++) {
		if (!just[i]) continue
		nj++
		n = split(lgaps[i], g, " ")
		m = 0
		for (k = 1; k <= n; k++) {
			r = g[k] / space
			if (r > m) m = r
			if (r < tight) tight = r
			all[++nr] = r
		}
		if (m > worst) { worst = m; worst_line = i }
		o14 += m > 1.4; o15 += m > 1.5; o20 += m > 2
		if (m > 1.5 && ++shown <= 5)
			loose = loose sprintf("     %.2f x, page %d: %s\n", m, lpage[i], ltext[i])
	}
	for (i = 2; i <= nr; i++) {
		v = all[i]
		for (j = i - 1; j >= 1 && all[j] > v; j--) all[j + 1] = all[j]
		all[j + 1] = v
	}
	typical = nr ? all[int((nr + 1) / 2)] : 0
	# hyphens: two in a row; one before the last line of a paragraph or item
	nh = 0; twice = 0; before_last = 0
	for (i = 1; i <= L; i++) {
		nh += hyph[i]
		if (hyph[i] && i < L && cont[i + 1] && hyph[i + 1]) {
			twice++
			if (twice <= 3) twice_at = twice_at sprintf(" [page %d: %s / %s]", lpage[i], llast[i], llast[i + 1])
		}
		# i + 1 ends its paragraph: nothing continues it, and it is ragged
		if (hyph[i] && i < L && cont[i + 1] && !just[i + 1] &&
		    !(i + 1 < L && cont[i + 2])) {
			before_last++
			if (before_last <= 3) last_at = last_at sprintf(" [page %d: %s]", lpage[i], llast[i])
		}
	}
	# lists: a run of list lines (an item starts with a bullet and its
	# other lines continue it), items about one leading apart
	for (i = 1; i <= L; i++)
		inlist[i] = text[i] && (lbul[i] || (cont[i] && inlist[i - 1]))
	lone = 0
	for (i = 2; i <= L; i++) {
		if (!inlist[i] || lpage[i] == lpage[i - 1]) continue
		# i: the first line of a page; p: the last text line before it
		for (p = i - 1; p >= 1 && !text[p]; p--) ;
		if (p < 1 || !inlist[p] || lpage[p] != lpage[i] - 1) continue
		# the run at the top of this page
		nt = 0; bt = 0
		for (k = i; k <= L && inlist[k] && lpage[k] == lpage[i] &&
		     (k == i || ly[k] - ly[k - 1] < 2 * leading); k++) { nt++; bt += lbul[k] }
		# the run at the foot of the page before
		nf = 0; bf = 0
		for (k = p; k >= 1 && inlist[k] && lpage[k] == lpage[p] &&
		     (k == p || ly[k + 1] - ly[k] < 2 * leading); k--) { nf++; bf += lbul[k]; kf = k }
		bad = ""
		if (nt == 1) bad = "one line at the top"
		else if (bt == 1 && lbul[i]) bad = "one item at the top"
		else if (nf == 1) bad = "one line at the foot"
		else if (bf == 1 && lbul[kf] && lbul[i]) bad = "one item at the foot"
		if (bad != "") {
			lone++
			if (lone <= 3) lone_at = lone_at sprintf(" [page %d: %s]", lpage[i], bad)
		}
	}
	printf "word gaps: %d justified lines; normal space %.2f pt (body lines %.2f pt high, %.1f pt apart)\n", nj, space, body, leading
	printf "word gaps: typical %.2f x, narrowest %.2f x, widest %.2f x (page %d); lines over 1.4 x: %d (%.1f %%), over 1.5 x: %d, over 2 x: %d\n",
	       typical, tight, worst, worst_line ? lpage[worst_line] : 0, o14, nj ? 100 * o14 / nj : 0, o15, o20
	printf "%s", loose
	printf "hyphens: %d lines end in one; %d twice in a row; %d before a last line; lone list lines or items: %d\n",
	       nh, twice, before_last, lone
	fails = 0
	# The default briefing has about fifty justified lines: far fewer
	# means lines no longer end at the measure (text drawn wider or
	# narrower than layout measured it), not that the text got better.
	if (nj < 20) { printf "FAIL wordgaps: only %d justified lines found\n", nj; fails++ }
	if (worst > 1.6) { printf "FAIL widest word gap %.2f x > 1.6 x\n", worst; fails++ }
	else printf "ok   widest word gap %.2f x <= 1.6 x\n", worst
	if (o14 > 0.05 * nj) { printf "FAIL %.1f %% of justified lines over 1.4 x > 5 %%\n", 100 * o14 / nj; fails++ }
	else printf "ok   %.1f %% of justified lines over 1.4 x <= 5 %%\n", nj ? 100 * o14 / nj : 0
	if (twice) { printf "FAIL hyphens on consecutive lines:%s\n", twice_at; fails++ }
	else print "ok   no hyphens on consecutive lines"
	if (before_last) { printf "FAIL a hyphen before the last line of a paragraph:%s\n", last_at; fails++ }
	else print "ok   no hyphen before the last line of a paragraph"
	if (lone) { printf "FAIL a list leaves a line or an item alone:%s\n", lone_at; fails++ }
	else print "ok   no lone list lines or items at a page break"
	exit fails ? 1 : 0
}' "$work/words"
