/* Unit tests for paragraph line breaking (src/layout/linebreak.c and
 * paragraph.c) with the fixed-pitch fake metric and a fake hyphenator:
 * the optimum against brute force, the measure, hyphen rules, the
 * fallback for a word wider than the measure, rich text and lists. */
#include "helpers.h"

#include <math.h>
#include <stdlib.h>

#include "briefing/doc.h"
#include "briefing/layout.h"
#include "briefing/base/xalloc.h"
#include "layout/layout_internal.h"

/* ---- the breaker on abstract items ---- */

/* Words of the given widths, glue 3 +1.5 -1 between, hyphen points
 * (penalty 50, width 1) after word indices marked in hy. */
static size_t make_items(const double *words, size_t n, const bool *hy,
                         struct lb_item *it)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (i && !(hy && hy[i - 1]))
			it[k++] = (struct lb_item){ 3, 1.5, 1, 0, LB_GLUE, false };
		it[k++] = (struct lb_item){ words[i], 0, 0, 0, LB_BOX, false };
		if (hy && hy[i] && i + 1 < n)
			it[k++] = (struct lb_item){ 1, 0, 0, 50, LB_PENALTY, true };
	}
	it[k++] = (struct lb_item){ 0, LB_FIL, 0, 0, LB_GLUE, false };
	it[k++] = (struct lb_item){ 0, 0, 0, -LB_INF, LB_PENALTY, false };
	return k;
}

static const struct lb_params params = { 40, 1000, 10, 3000, 2000, 500, 0 };

/* The demerits of one line from break a (SIZE_MAX: start) to b, as the
 * breaker defines them, or INFINITY when infeasible. */
static double line_demerits(const struct lb_item *it, size_t n, size_t a,
                            size_t b, int *fit, bool prev_flag, int prev_fit,
                            const struct lb_params *p)
{
	size_t s = a == SIZE_MAX ? 0 : a + 1;
	double w = 0, y = 0, z = 0, r, bad, d;
	bool forced = it[b].kind == LB_PENALTY && it[b].penalty <= -LB_INF;

	while (a != SIZE_MAX && s < n && it[s].kind != LB_BOX)
		s++;
	for (size_t k = s; k < b; k++)
		if (it[k].kind != LB_PENALTY) {
			w += it[k].width;
			if (it[k].kind == LB_GLUE) {
				y += it[k].stretch;
				z += it[k].shrink;
			}
		}
	if (it[b].kind == LB_PENALTY)
		w += it[b].width;
	r = w < p->width ? (y > 0 ? (p->width - w) / y : LB_INF)
	                 : w > p->width ? (z > 0 ? (p->width - w) / z : -LB_INF) : 0;
	if (r < -1)
		return INFINITY;
	bad = layout_badness(r);
	if (bad > p->tolerance)
		return INFINITY;
	if (it[b].kind == LB_PENALTY && it[b].flagged && prev_flag)
		return INFINITY;
	if (forced && prev_flag)
		return INFINITY;
	d = (p->line_penalty + bad) * (p->line_penalty + bad);
	if (it[b].kind == LB_PENALTY && it[b].penalty > 0)
		d += it[b].penalty * it[b].penalty;
	*fit = r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0;
	if (a != SIZE_MAX && abs(*fit - prev_fit) > 1)
		d += p->fitness_demerits;
	return d;
}

/* The least total demerits over every breaking, by brute force. */
static double brute(const struct lb_item *it, size_t n, size_t from,
                    bool flag, int fit, const struct lb_params *p)
{
	double best = INFINITY;

	for (size_t b = from == SIZE_MAX ? 0 : from + 1; b < n; b++) {
		bool legal = (it[b].kind == LB_GLUE && b > 0 &&
		              it[b - 1].kind == LB_BOX) ||
		             (it[b].kind == LB_PENALTY && it[b].penalty < LB_INF);
		int f = 2;
		double d;

		if (!legal)
			continue;
		d = line_demerits(it, n, from, b, &f, flag, fit, p);
		if (isfinite(d)) {
			if (b == n - 1)
				best = fmin(best, d);
			else
				best = fmin(best, d + brute(it, n, b,
				            it[b].kind == LB_PENALTY && it[b].flagged, f, p));
		}
	}
	return best;
}

static void test_optimum_matches_brute_force(void **state)
{
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 200; round++) {
		double words[9];
		bool hy[9];
		struct lb_item it[40];
		struct lb_line *lines;
		size_t nw = 4 + round % 6, n, nl;
		double total = 0, want;

		for (size_t i = 0; i < nw; i++) {
			seed = seed * 1103515245 + 12345;
			words[i] = 4 + (double)((seed >> 16) % 14);
			hy[i] = (seed >> 8) % 3 == 0;
		}
		n = make_items(words, nw, hy, it);
		nl = layout_linebreak(it, n, &params, &lines);
		want = brute(it, n, SIZE_MAX, false, 2, &params);
		if (!isfinite(want)) {
			assert_int_equal(nl, 0);
			continue;
		}
		assert_true(nl > 0);
		for (size_t k = 0; k < nl; k++)
			total += lines[k].demerits;
		assert_true(fabs(total - want) < 1e-6 * (1 + want));
		assert_int_equal(lines[nl - 1].end, n - 1);
		free(lines);
	}
}

static void test_infeasible_at_tolerance_found_in_last_pass(void **state)
{
	/* 30 + 30 at width 40: no two words fit, each line is very loose */
	double words[] = { 30, 30, 30 };
	struct lb_item it[16];
	size_t n = make_items(words, 3, NULL, it);
	struct lb_line *lines;
	struct lb_params p = params;

	(void)state;
	p.tolerance = 100;
	assert_int_equal(layout_linebreak(it, n, &p, &lines), 0);
	assert_null(lines);
	p.tolerance = -1;
	assert_int_equal(layout_linebreak(it, n, &p, &lines), 3);
	free(lines);
}

/* A box's stretch (glyph expansion) counts like glue's: two 49 pt words
 * and a rigid 1 pt gap make a 99 pt line, which fits a 100 pt measure
 * only if the words may widen (2 % of 98 pt: ratio 1 / 1.96). */
static void test_glyph_expansion_stretches_a_line(void **state)
{
	struct lb_item it[] = {
		{ 49, 0.98, 0.98, 0, LB_BOX, false },
		{ 1, 0, 0, 0, LB_GLUE, false },
		{ 49, 0.98, 0.98, 0, LB_BOX, false },
		{ 1, 0, 0, 0, LB_GLUE, false },
		{ 10, 0.2, 0.2, 0, LB_BOX, false },
		{ 0, LB_FIL, 0, 0, LB_GLUE, false },
		{ 0, 0, 0, -LB_INF, LB_PENALTY, false },
	};
	size_t n = sizeof it / sizeof it[0];
	struct lb_params p = params;
	struct lb_line *lines;

	(void)state;
	p.width = 100;
	p.tolerance = 100;
	assert_int_equal(layout_linebreak(it, n, &p, &lines), 2);
	assert_int_equal(lines[0].end, 3);
	assert_float_equal(lines[0].ratio, 1 / 1.96, 1e-9);
	free(lines);
	/* rigid words: the first line cannot be set within tolerance */
	for (size_t k = 0; k < n; k++)
		if (it[k].kind == LB_BOX)
			it[k].stretch = it[k].shrink = 0;
	assert_int_equal(layout_linebreak(it, n, &p, &lines), 0);
}

static void test_badness_orders_lines(void **state)
{
	(void)state;
	assert_true(layout_badness(0) == 0);
	assert_true(layout_badness(0.5) < layout_badness(1));
	assert_true(layout_badness(-0.5) == layout_badness(0.5));
	assert_true(layout_badness(1) == 100);
	assert_true(layout_badness(20) == LB_INF_BAD);
	assert_true(layout_badness(-1.5) > LB_INF_BAD);
}

/* A hyphen break costs its penalty squared in demerits. */
static void test_hyphen_penalty_is_paid(void **state)
{
	double words[] = { 18, 18, 18, 18, 18, 18 };
	bool hy[] = { false, true, false, false, false, false };
	struct lb_item it[24];
	size_t n = make_items(words, 6, hy, it);
	struct lb_line *lines;
	size_t nl = layout_linebreak(it, n, &params, &lines);

	(void)state;
	assert_int_equal(nl, 3);
	/* words 1 and 2 are one word with a hyphen point, so line 1 is
	 * "18 18-" (40 wide), breaking at the penalty */
	assert_int_equal(it[lines[0].end].kind, LB_PENALTY);
	assert_true(lines[0].demerits >= 50 * 50);
	free(lines);
}

/* ---- paragraphs with the fake metric (a character is 5 pt at 10) ---- */

/* Breaks "international" as inter-na-tional, any other word of 8 or
 * more letters after its 4th. */
static size_t fake_points(const void *ctx, const char *s, size_t len,
                          size_t *at, size_t max)
{
	(void)ctx;
	if (max < 2)
		return 0;
	if (len == 13 && memcmp(s, "international", 13) == 0) {
		at[0] = 5;
		at[1] = 7;
		return 2;
	}
	if (len >= 8) {
		at[0] = 4;
		return 1;
	}
	return 0;
}

static const struct hyphenator fake_hy = { fake_points, "-", NULL };

static struct style test_style(void)
{
	struct style s;

	style_default(&s);
	s.pretolerance = -1;
	return s;
}

static size_t par_lines(const struct style *s, const char *text,
                        double width, bool justify, bool hyph, char *buf,
                        size_t size)
{
	struct layout_par par = { text, NULL, { "t.ini", 3 }, FACE_REGULAR, 10,
	                          { 0, 0, 0 }, 0, width, justify, hyph, NULL, 0,
	                          { 0, 0, 0 } };

	return layout_par_lines(&fake_metrics, hyph ? &fake_hy : NULL, s, &par,
	                        buf, size);
}

static void test_hyphenates_when_it_saves_a_loose_line(void **state)
{
	struct style s = test_style();
	char buf[256];

	(void)state;
	/* 25 characters a line: "support the international" is exactly
	 * 25; "to support the inter-" needs the hyphen */
	par_lines(&s, "we want to support the international effort", 110,
	          true, true, buf, sizeof buf);
	assert_string_equal(buf, "we want to support the|international effort");
	/* 21 characters a line: only "inter-" fits after "ee" */
	par_lines(&s, "aa bb cc dd ee international", 105, true, true, buf,
	          sizeof buf);
	assert_string_equal(buf, "aa bb cc dd ee inter-|national");
}

static void test_no_hyphen_before_the_last_line_when_avoidable(void **state)
{
	struct style s = test_style();
	char buf[256];

	(void)state;
	par_lines(&s, "aa bb cc dd ee ff gg hh international", 90, true, true,
	          buf, sizeof buf);
	assert_null(strstr(buf, "-|"));
}

static void test_lines_never_exceed_the_measure(void **state)
{
	struct style s = test_style();
	const char *text = "KFOR derives its mandate from United Nations "
	                   "Security Council Resolution (UNSCR) 1244 of 10 "
	                   "June 1999 and the Military-Technical Agreement "
	                   "between NATO and Serbia, a supercalifragilistic "
	                   "expialidocious international arrangement.";

	(void)state;
	for (double w = 40; w < 400; w += 13) {
		char buf[1024];
		char *p = buf;
		/* a space is 5 pt and may shrink by space_shrink when justified */

		for (int j = 0; j < 2; j++) {
			size_t n = par_lines(&s, text, w, j == 0, true, buf, sizeof buf);

			assert_true(n > 0);
			for (char *q = buf;; q++) {
				if (*q == '|' || *q == '\0') {
					double lw = 0;

					/* justified, glyphs may narrow too */
					for (char *c = p; c < q; c++)
						lw += j == 1 ? 5 : *c == ' ' ?
						      5 * (1 - s.space_shrink) :
						      5 * (1 - s.glyph_expansion);
					assert_true(lw <= w + 1e-9);
					if (!*q)
						break;
					p = q + 1;
				}
			}
			p = buf;
		}
	}
}

static void test_numbers_and_addresses_are_never_hyphenated(void **state)
{
	struct style s = test_style();
	char buf[256];

	(void)state;
	par_lines(&s, "aa bb cc www.example.org/path 12345678901", 80, true,
	          true, buf, sizeof buf);
	assert_null(strstr(buf, "www.-"));
	assert_null(strstr(buf, "1234-"));
}

static void style_small(struct style *s)
{
	style_default(s);
	s->page_width = 300;
	s->page_height = 400;
	s->margin_top = s->margin_bottom = 50;
	s->margin_left = s->margin_right = 50;
	s->body_size = 10;
	s->line_spacing = 1.0;
	s->paragraph_space = 0;
	s->heading_space = 0;
}

static void test_word_wider_than_measure_is_cut_with_a_warning(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct doc_block *b = doc_append(d, DOC_PARAGRAPH, "data/x.ini", 42);
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct pages *p;

	(void)state;
	style_small(&s);
	b->u.paragraph.text = xstrdup("a 0123456789012345678901234567890123456789"
	                              "0123456789 b");
	p = layout_run_hyphenated(d, &s, &fake_metrics, &fake_hy, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	assert_true(has_diag(&dl, "data/x.ini", 42, "wider than the measure"));
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* ---- rich text ---- */

static void test_bold_mid_word_and_links(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct doc_block *b = doc_append(d, DOC_PARAGRAPH, "data/x.ini", 5);
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct doc_span *sp = xcalloc(2, sizeof *sp);
	struct pages *p;
	int bold = 0, links = 0, plain_un = 0;

	(void)state;
	style_small(&s);
	s.justify = false;
	b->u.paragraph.text = xstrdup("unbreakable see the site");
	/* "break" bold inside "unbreakable"; "the site" a link */
	sp[0] = (struct doc_span){ 2, 5, DOC_SPAN_BOLD, NULL };
	sp[1] = (struct doc_span){ 16, 8, 0, xstrdup("https://example.org") };
	b->u.paragraph.rich.spans = sp;
	b->u.paragraph.rich.spans_len = 2;
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *x = &p->items[i].boxes[k];

			if (x->kind == BOX_TEXT && x->face == FACE_BOLD &&
			    x->len == 5 && memcmp(x->text, "break", 5) == 0)
				bold++;
			if (x->kind == BOX_TEXT && x->face == FACE_REGULAR &&
			    x->len == 2 && memcmp(x->text, "un", 2) == 0)
				plain_un++;
			if (x->kind == BOX_LINK && x->uri &&
			    strcmp(x->uri, "https://example.org") == 0) {
				links++;
				/* "the site": 8 characters, 40 pt */
				assert_true(fabs(x->w - 40) < 1e-3);
			}
		}
	assert_int_equal(bold, 1);
	assert_int_equal(plain_un, 1);
	assert_int_equal(links, 1);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* ---- lists ---- */

static void test_list_keeps_two_items_on_each_side(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct doc_block *b = doc_append(d, DOC_LIST, "data/x.ini", 5);
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct pages *p;
	int first_page_bullets = 0, last_page_bullets = 0;

	(void)state;
	style_small(&s);
	/* 30 one-line items; the page holds 30 lines less the title block */
	b->u.list.len = 30;
	b->u.list.items = xcalloc(30, sizeof *b->u.list.items);
	for (size_t i = 0; i < 30; i++)
		b->u.list.items[i].text = xasprintf("item %zu", i);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_true(p->len >= 2);
	for (size_t k = 0; k < p->items[p->len - 1].len; k++) {
		const struct box *x = &p->items[p->len - 1].boxes[k];

		last_page_bullets += x->kind == BOX_TEXT &&
		                     x->len == strlen(s.labels.bullet) &&
		                     memcmp(x->text, s.labels.bullet, x->len) == 0;
	}
	for (size_t k = 0; k < p->items[0].len; k++) {
		const struct box *x = &p->items[0].boxes[k];

		first_page_bullets += x->kind == BOX_TEXT &&
		                      x->len == strlen(s.labels.bullet) &&
		                      memcmp(x->text, s.labels.bullet, x->len) == 0;
	}
	assert_true(last_page_bullets >= 2);
	assert_true(first_page_bullets >= 2);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_one_line_items_sit_tight(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct doc_block *b = doc_append(d, DOC_LIST, "data/x.ini", 5);
	struct diag_list dl = { NULL, 0, 0, 0 };
	struct pages *p;
	double ys[3];
	int n = 0;

	(void)state;
	style_small(&s);
	s.list_item_space = 0.5;
	s.list_tight_space = 0;
	b->u.list.len = 3;
	b->u.list.items = xcalloc(3, sizeof *b->u.list.items);
	for (size_t i = 0; i < 3; i++)
		b->u.list.items[i].text = xasprintf("one%zu", i);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	for (size_t k = 0; k < p->items[0].len && n < 3; k++) {
		const struct box *x = &p->items[0].boxes[k];

		if (x->kind == BOX_TEXT && x->len == 4 && memcmp(x->text, "one", 3) == 0)
			ys[n++] = x->y;
	}
	assert_int_equal(n, 3);
	/* one leading (10 pt) apart, no item space */
	assert_true(fabs(ys[1] - ys[0] - 10) < 1e-3);
	assert_true(fabs(ys[2] - ys[1] - 10) < 1e-3);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* ---- the breaker against the straightforward one ----
 *
 * ref_linebreak() is layout_linebreak() without its shortcuts (the loose
 * tail of the active list, the bound on its demerits): every active node
 * is scored at every legal break. The two must choose the same lines, to
 * the last bit of every ratio, in all three passes. */

struct ref_node {
	size_t pos, start, line;
	int fitness;
	bool flagged;
	double demerits, ratio;
	long prev;
};

static size_t ref_start(const struct lb_item *it, size_t n, size_t pos)
{
	size_t j = pos + 1;

	if (pos == SIZE_MAX)
		return 0;
	while (j < n && it[j].kind != LB_BOX &&
	       !(it[j].kind == LB_PENALTY && it[j].penalty <= -LB_INF))
		j++;
	return j;
}

static size_t ref_linebreak(const struct lb_item *it, size_t n,
                            const struct lb_params *p, struct lb_line **out)
{
	struct ref_node *nodes = xmalloc((4 * n + 1) * sizeof *nodes);
	size_t *active = xmalloc((4 * n + 1) * sizeof *active), alen = 0, len = 0;
	double *sw = xcalloc(n + 1, sizeof *sw), *sy = xcalloc(n + 1, sizeof *sy);
	double *sz = xcalloc(n + 1, sizeof *sz);
	bool any = p->tolerance < 0;
	long last_dropped = -1, bi = -1;
	size_t count = 0;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		sw[i + 1] = sw[i] + (it[i].kind != LB_PENALTY ? it[i].width : 0);
		sy[i + 1] = sy[i] + (it[i].kind == LB_GLUE ? it[i].stretch : 0);
		sz[i + 1] = sz[i] + (it[i].kind == LB_GLUE ? it[i].shrink : 0);
	}
	nodes[len] = (struct ref_node){ SIZE_MAX, 0, 0, 2, false, 0, 0, -1 };
	active[alen++] = len++;
	for (size_t i = 0; i < n && alen; i++) {
		const struct lb_item *b = &it[i];
		bool legal = (b->kind == LB_GLUE && i > 0 &&
		              it[i - 1].kind == LB_BOX) ||
		             (b->kind == LB_PENALTY && b->penalty < LB_INF);
		bool forced = b->kind == LB_PENALTY && b->penalty <= -LB_INF;
		double best[4] = { INFINITY, INFINITY, INFINITY, INFINITY };
		double ratio[4] = { 0, 0, 0, 0 }, mn = INFINITY;
		long from[4] = { -1, -1, -1, -1 };
		size_t keep = 0;

		if (!legal)
			continue;
		for (size_t k = 0; k < alen; k++) {
			const struct ref_node *a = &nodes[active[k]];
			size_t s = a->start;
			double w = (s <= i ? sw[i] - sw[s] : 0) +
			           (b->kind == LB_PENALTY ? b->width : 0);
			double y = (s <= i ? sy[i] - sy[s] : 0) + p->line_stretch;
			double z = s <= i ? sz[i] - sz[s] : 0;
			double r, bad, d;
			int c;

			if (w < p->width - FIT_EPSILON)
				r = y > 0 ? (p->width - w) / y : LB_INF;
			else if (w > p->width + FIT_EPSILON)
				r = z > 0 ? (p->width - w) / z : -LB_INF;
			else
				r = 0;
			if (r < -1 || forced) {
				if (r < -1)
					last_dropped = (long)active[k];
			} else {
				active[keep++] = active[k];
			}
			if (r < -1)
				continue;
			bad = layout_badness(r);
			if (!any && bad > p->tolerance)
				continue;
			d = p->line_penalty + bad;
			d *= d;
			if (b->kind == LB_PENALTY && b->penalty > 0)
				d += b->penalty * b->penalty;
			else if (b->kind == LB_PENALTY && !forced)
				d -= b->penalty * b->penalty;
			if (b->kind == LB_PENALTY && b->flagged && a->flagged) {
				if (!any)
					continue;
				d += p->flagged_demerits;
			}
			if (forced && a->flagged) {
				if (!any)
					continue;
				d += p->final_hyphen_demerits;
			}
			c = r < -0.5 ? 3 : r <= 0.5 ? 2 : r <= 1 ? 1 : 0;
			if (a->pos != SIZE_MAX && abs(c - a->fitness) > 1)
				d += p->fitness_demerits;
			d += a->demerits;
			if (d < best[c]) {
				best[c] = d;
				from[c] = (long)(a - nodes);
				ratio[c] = r;
			}
		}
		alen = keep;
		if (any && alen == 0 && from[0] < 0 && from[1] < 0 &&
		    from[2] < 0 && from[3] < 0 && last_dropped >= 0) {
			from[2] = last_dropped;
			best[2] = nodes[last_dropped].demerits + LB_INF_BAD * LB_INF_BAD;
			ratio[2] = -1;
		}
		for (int c = 0; c < 4; c++)
			if (from[c] >= 0 && best[c] < mn)
				mn = best[c];
		for (int c = 0; c < 4; c++)
			if (from[c] >= 0 && best[c] > mn + p->fitness_demerits)
				from[c] = -1;
		for (int c = 0; c < 4; c++) {
			if (from[c] < 0)
				continue;
			nodes[len] = (struct ref_node){ i, ref_start(it, n, i),
				nodes[from[c]].line + 1, c,
				b->kind == LB_PENALTY && b->flagged, best[c], ratio[c],
				from[c] };
			active[alen++] = len++;
		}
	}
	for (size_t k = 0; k < alen; k++) {
		const struct ref_node *a = &nodes[active[k]];

		if (a->pos == n - 1 && n > 0 &&
		    (bi < 0 || a->demerits < nodes[bi].demerits))
			bi = (long)active[k];
	}
	if (bi >= 0) {
		count = nodes[bi].line;
		*out = xcalloc(count, sizeof **out);
		for (long k = bi, l = (long)count - 1; k >= 0 && l >= 0;
		     k = nodes[k].prev, l--) {
			const struct ref_node *a = &nodes[k], *pr = &nodes[a->prev];

			(*out)[l] = (struct lb_line){ pr->start, a->pos, a->ratio,
			                              a->demerits - pr->demerits };
		}
	}
	free(nodes);
	free(active);
	free(sw);
	free(sy);
	free(sz);
	return count;
}

/* Random paragraphs (words of whole or fractional widths, so ties
 * happen, hyphen points, a word wider than the measure now and then),
 * justified and ragged, in the three passes. */
static void test_shortcuts_change_no_line(void **state)
{
	unsigned seed = 12345;
	size_t cases = 0;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		struct lb_item it[400];
		double words[120];
		bool hy[120];
		size_t nw, n;
		struct lb_params p = params;

		seed = seed * 1103515245u + 12345u;
		nw = 1 + (seed >> 16) % 110;
		for (size_t i = 0; i < nw; i++) {
			seed = seed * 1103515245u + 12345u;
			words[i] = round % 2 ? (double)(2 + (seed >> 16) % 14)
			                     : 1.5 + (double)((seed >> 8) % 1000) / 77.0;
			if ((seed >> 24) % 41 == 0)
				words[i] = 55;
			hy[i] = (seed >> 12) % 3 == 0;
		}
		n = make_items(words, nw, hy, it);
		if (round % 3 == 1) {
			/* ragged: glue that does not stretch, stretch per line */
			for (size_t i = 0; i < n - 2; i++)
				if (it[i].kind == LB_GLUE)
					it[i].stretch = it[i].shrink = 0;
			p.line_stretch = 8;
		}
		p.width = 30 + (double)(round % 7) * 5;
		for (int pass = 0; pass < 3; pass++) {
			struct lb_line *a, *b;
			size_t na, nb;

			p.tolerance = pass == 0 ? 30 : pass == 1 ? 200 : -1;
			na = layout_linebreak(it, n, &p, &a);
			nb = ref_linebreak(it, n, &p, &b);
			assert_int_equal(na, nb);
			for (size_t l = 0; l < na; l++) {
				assert_int_equal(a[l].start, b[l].start);
				assert_int_equal(a[l].end, b[l].end);
				assert_memory_equal(&a[l].ratio, &b[l].ratio,
				                    sizeof a[l].ratio);
				assert_memory_equal(&a[l].demerits, &b[l].demerits,
				                    sizeof a[l].demerits);
			}
			cases += na > 0;
			free(a);
			free(b);
		}
	}
	assert_true(cases > 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_optimum_matches_brute_force),
		cmocka_unit_test(test_infeasible_at_tolerance_found_in_last_pass),
		cmocka_unit_test(test_badness_orders_lines),
		cmocka_unit_test(test_hyphen_penalty_is_paid),
		cmocka_unit_test(test_hyphenates_when_it_saves_a_loose_line),
		cmocka_unit_test(test_no_hyphen_before_the_last_line_when_avoidable),
		cmocka_unit_test(test_lines_never_exceed_the_measure),
		cmocka_unit_test(test_numbers_and_addresses_are_never_hyphenated),
		cmocka_unit_test(test_word_wider_than_measure_is_cut_with_a_warning),
		cmocka_unit_test(test_bold_mid_word_and_links),
		cmocka_unit_test(test_list_keeps_two_items_on_each_side),
		cmocka_unit_test(test_one_line_items_sit_tight),
		cmocka_unit_test(test_shortcuts_change_no_line),
		cmocka_unit_test(test_glyph_expansion_stretches_a_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
