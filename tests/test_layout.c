/* Unit tests for the layout stage (src/layout/) with the fixed-pitch fake
 * metric: wrapping, keep-with-next, widows and orphans, table headers,
 * org charts. No PDF involved. */
#include "helpers.h"

#include <math.h>
#include <stdlib.h>

#include "briefing/doc.h"
#include "briefing/layout.h"
#include "briefing/base/xalloc.h"
#include "layout/layout_internal.h"

/* ---- wrapping: table-driven ---- */

struct wrap_case {
	const char *text;
	double width;       /* at size 10 a code point is 5 pt wide */
	const char *lines;  /* expected lines joined by '|' */
};

static const struct wrap_case wrap_cases[] = {
	{ "alpha beta gamma", 50, "alpha beta|gamma" },
	{ "alpha beta gamma", 80, "alpha beta gamma" },
	{ "  leading and   inner  spaces ", 1000, "leading and   inner  spaces" },
	{ "abcdefghij", 25, "abcde|fghij" },          /* long word is cut */
	{ "ab abcdefghijkl c", 30, "ab|abcdef|ghijkl|c" },
	{ "Ortuño Peć", 30, "Ortuño|Peć" },            /* multi-byte kept whole */
	{ "ćććććć", 15, "ććć|ććć" },                   /* cut between characters */
	{ "multi-ethnic force", 40, "multi-|ethnic|force" }, /* after hyphen */
	{ "multi-ethnic", 100, "multi-ethnic" },
	{ "a -- b", 100, "a -- b" },
	{ "x", 1, "x" },                              /* at least one per line */
	{ "", 50, "" },
};

static void test_wrap_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof wrap_cases / sizeof wrap_cases[0]; i++) {
		const struct wrap_case *c = &wrap_cases[i];
		struct layout_line *lines;
		size_t n = layout_wrap(&fake_metrics, FACE_REGULAR, 10, c->text,
		                       strlen(c->text), c->width, &lines);
		char got[256] = "";

		for (size_t j = 0; j < n; j++) {
			if (j)
				strcat(got, "|");
			strncat(got, c->text + lines[j].start, lines[j].len);
		}
		if (strcmp(got, c->lines) != 0)
			printf("case %zu: got '%s' want '%s'\n", i, got, c->lines);
		assert_string_equal(got, c->lines);
		free(lines);
	}
}

static void test_wrapped_lines_never_exceed_width(void **state)
{
	const char *text = "KFOR derives its mandate from United Nations Security "
	                   "Council Resolution (UNSCR) 1244 of 10 June 1999 and the "
	                   "Military-Technical Agreement between NATO and Serbia.";

	(void)state;
	for (double w = 40; w < 400; w += 7) {
		struct layout_line *lines;
		size_t n = layout_wrap(&fake_metrics, FACE_REGULAR, 10, text,
		                       strlen(text), w, &lines);
		size_t chars = 0;

		for (size_t j = 0; j < n; j++) {
			assert_true(lines[j].width <= w + 1e-9);
			assert_true(utf8_valid(text + lines[j].start, lines[j].len, NULL));
			for (size_t k = 0; k < lines[j].len; k++)
				chars += text[lines[j].start + k] != ' ';
		}
		/* Nothing dropped: every non-space byte appears in some line. */
		{
			size_t want = 0;

			for (const char *p = text; *p; p++)
				want += *p != ' ';
			assert_int_equal(chars, want);
		}
		free(lines);
	}
}

/* ---- pagination ---- */

static void style_for_tests(struct style *s)
{
	style_default(s);
	s->page_width = 300;
	s->page_height = 400;
	s->margin_top = s->margin_bottom = 50;
	s->margin_left = s->margin_right = 50;
	s->body_size = 10;
	s->line_spacing = 1.0;     /* one line = 10 pt */
	s->paragraph_space = 0;
	s->heading_space = 0;
	s->justify = false;
}

static struct doc *new_doc(void)
{
	return doc_new("T", "MARK", "1 January 2020");
}

/* Appends a block; a heading is numbered "1" at level 1, a paragraph or
 * note gets text. Blocks say they come from line 7 of "t.ini". */
static struct doc_block *push(struct doc *d, enum doc_kind kind,
                              const char *text)
{
	struct doc_block *b = doc_append(d, kind, "t.ini", 7);

	if (kind == DOC_HEADING) {
		b->u.heading.level = 1;
		b->u.heading.number = xstrdup("1");
		b->u.heading.title = xstrdup(text);
	} else if (kind == DOC_PARAGRAPH || kind == DOC_NOTE) {
		b->u.paragraph.text = xstrdup(text);
	}
	return b;
}

/* A paragraph of n lines at the test style: each word "wwwwwwwwwwwwwwwwwwww"
 * (20 chars, 100 pt) fills a 200 pt line twice... so one word per line is
 * simplest: words of 40 chars (200 pt) each take a whole line. */
static char *lines_text(int n)
{
	char *s = xcalloc((size_t)n * 41 + 1, 1);

	for (int i = 0; i < n; i++) {
		memset(s + i * 41, 'a' + i % 26, 40);
		s[i * 41 + 40] = i + 1 < n ? ' ' : '\0';
	}
	return s;
}

/* Which page the first text box containing needle landed on, or -1. */
static int page_of(const struct pages *p, const char *needle)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len >= strlen(needle) &&
			    memcmp(b->text, needle, strlen(needle)) == 0)
				return (int)i;
		}
	return -1;
}

/* Number of body-text lines (size 10, starting with a lower-case run of
 * one letter) on page i whose text starts with the letter c. */
static int count_runs(const struct pages *p, size_t page, char c)
{
	int n = 0;

	for (size_t k = 0; k < p->items[page].len; k++) {
		const struct box *b = &p->items[page].boxes[k];

		if (b->kind == BOX_TEXT && b->len == 40 && b->text[0] == c)
			n++;
	}
	return n;
}

static double title_block_height(void)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double h = 0;

	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, "marker");
	p = layout_run(d, &s, &fake_metrics, &dl);
	for (size_t k = 0; k < p->items[0].len; k++)
		if (p->items[0].boxes[k].kind == BOX_TEXT &&
		    strcmp(p->items[0].boxes[k].text, "marker") == 0)
			h = p->items[0].boxes[k].y;
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
	return h;
}

static void test_paragraph_split_keeps_two_lines_each_side(void **state)
{
	/* Content area is 300 pt tall. Fill most of the first page so that
	 * only one line of the next paragraph would fit: the orphan rule must
	 * move the whole start of the paragraph to the next page. */
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;  /* title block + baseline */
	int fill = (int)((300 - used) / 10) - 1;  /* leaves room for ~1 line */
	char *a = lines_text(fill), *b = lines_text(6);

	(void)state;
	style_for_tests(&s);
	for (char *c = b; *c; c++)       /* second paragraph uses other letters */
		if (*c != ' ')
			*c = (char)(*c + 10);
	push(d, DOC_PARAGRAPH, a);
	push(d, DOC_PARAGRAPH, b);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	assert_true(p->len >= 2);
	/* The second paragraph never leaves exactly one line on page 1. */
	{
		int first_page_lines = 0;

		for (char c = 'k'; c < 'k' + 6; c++)
			first_page_lines += count_runs(p, 0, c);
		assert_true(first_page_lines == 0 || first_page_lines >= 2);
		assert_true(6 - first_page_lines >= 2 || first_page_lines == 6);
	}
	free(a);
	free(b);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_widow_rule_keeps_two_lines_on_the_next_page(void **state)
{
	/* A paragraph that overflows the page by one line must carry two. */
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;
	int fit = (int)((300 - used) / 10);      /* lines that fit on page 1 */
	char *a = lines_text(fit + 1);

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, a);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(p->len, 2);
	{
		int on_second = 0;

		for (size_t k = 0; k < p->items[1].len; k++)
			on_second += p->items[1].boxes[k].kind == BOX_TEXT &&
			             p->items[1].boxes[k].len == 40;
		assert_int_equal(on_second, 2);
	}
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_heading_never_ends_a_page(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;
	int fill = (int)((300 - used) / 10) - 2;
	char *a = lines_text(fill), *b = lines_text(4);

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, a);
	push(d, DOC_HEADING, "Stranded");
	push(d, DOC_PARAGRAPH, b);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(page_of(p, "Stranded"), 1);
	free(a);
	free(b);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static struct doc_table *push_table(struct doc *d, size_t rows)
{
	struct doc_table *t = &push(d, DOC_TABLE, NULL)->u.table;

	t->cols = 2;
	t->rows = rows;
	t->columns = xcalloc(2, sizeof *t->columns);
	t->columns[0].title = xstrdup("Head1");
	t->columns[0].align = DOC_ALIGN_RIGHT;
	t->columns[1].title = xstrdup("Head2");
	t->columns[1].width = -1;
	t->cells = xcalloc(rows * 2, sizeof *t->cells);
	for (size_t r = 0; r < rows; r++) {
		t->cells[r * 2] = xasprintf("%zu", r + 1);
		t->cells[r * 2 + 1] = xasprintf("row%zu", r + 1);
	}
	return t;
}

static void test_table_header_repeats_on_every_page(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push_table(d, 200);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_true(p->len > 3);
	assert_int_equal(layout_check(p, &s), 0);
	for (size_t i = 0; i < p->len; i++) {
		int headers = 0, continued = 0;

		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind != BOX_TEXT)
				continue;
			headers += strcmp(b->text, "Head1") == 0;
			continued += strstr(b->text, "(continued)") != NULL;
		}
		assert_int_equal(headers, 1);
		assert_int_equal(continued, i > 0);
	}
	/* Every row is on exactly one page, in order. */
	{
		int last = 0;

		for (size_t r = 1; r <= 200; r++) {
			char name[16];
			int pg;

			snprintf(name, sizeof name, "row%zu", r);
			pg = page_of(p, name);
			assert_true(pg >= last);
			last = pg;
		}
	}
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_table_near_page_foot_moves_with_header(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;
	int fill = (int)((300 - used) / 10) - 2;  /* room for the header only */
	char *a = lines_text(fill);

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, a);
	push_table(d, 3);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(page_of(p, "Head1"), 1);
	assert_int_equal(page_of(p, "row1"), 1);
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* ---- page breaks in tables ---- */

/* The page of the text box that is exactly s, or -1. */
static int page_of_exact(const struct pages *p, const char *s)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len == strlen(s) &&
			    memcmp(b->text, s, b->len) == 0)
				return (int)i;
		}
	return -1;
}

/* Checks that rows row1..rowN of a table are each on one page, in order,
 * and that every page holding some of them holds at least min (all of
 * them when fewer). Returns the number of pages the rows span. */
static int assert_rows_in_runs(const struct pages *p, size_t n, int min)
{
	int *on = xcalloc(p->len, sizeof *on), last = 0, pages = 0;

	for (size_t r = 1; r <= n; r++) {
		char name[16];
		int pg;

		snprintf(name, sizeof name, "row%zu", r);
		pg = page_of_exact(p, name);
		assert_true(pg >= last);
		last = pg;
		on[pg]++;
	}
	for (size_t i = 0; i < p->len; i++) {
		if (on[i] == 0)
			continue;
		pages++;
		if (on[i] < min && (size_t)on[i] != n)
			printf("page %zu holds %d rows\n", i, on[i]);
		assert_true(on[i] >= min || (size_t)on[i] == n);
	}
	free(on);
	return pages;
}

/* At the test style a table row is 9 * 1.25 + 2 * 2.5 = 16.25 pt tall
 * and the header row too. With room for the header and three rows left
 * under a paragraph, a 6-row table (at most table_keep_rows) moves to
 * the next page whole rather than straddle the break. */
static void test_short_table_moves_whole_to_the_next_page(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;
	int fill = (int)((300 - used - 2 - 4 * 16.25) / 10);
	char *a = lines_text(fill);

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, a);
	push_table(d, 6);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	assert_int_equal(count_runs(p, 0, 'a' + (char)(fill - 1)), 1);
	assert_int_equal(page_of_exact(p, "Head1"), 1);
	assert_int_equal(page_of_exact(p, "row1"), 1);
	assert_int_equal(page_of_exact(p, "row6"), 1);
	layout_free(p);
	doc_free(d);
	/* With table_keep_rows below the row count it may break, but keeps
	 * table_min_rows (3) on each side: three rows stay on page 1. */
	d = new_doc();
	push(d, DOC_PARAGRAPH, a);
	push_table(d, 6);
	s.table_keep_rows = 5;
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(page_of_exact(p, "Head1"), 0);
	assert_int_equal(page_of_exact(p, "row3"), 0);
	assert_int_equal(page_of_exact(p, "row4"), 1);
	assert_int_equal(assert_rows_in_runs(p, 6, 3), 2);
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* A 30-row table breaks wherever the paragraph above it leaves it, but
 * never with fewer than table_min_rows rows on a page, and every later
 * page repeats the header under "(continued)". */
static void test_long_table_keeps_min_rows_each_side_of_a_break(void **state)
{
	double used = title_block_height() - 50;

	(void)state;
	for (int fill = 0; fill < (int)((300 - used) / 10); fill++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		char *a = lines_text(fill);

		style_for_tests(&s);
		if (fill)
			push(d, DOC_PARAGRAPH, a);
		push_table(d, 30);
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_int_equal(layout_check(p, &s), 0);
		assert_true(assert_rows_in_runs(p, 30, 3) >= 2);
		for (size_t i = (size_t)page_of_exact(p, "Head1") + 1; i < p->len; i++)
			for (size_t k = 0, heads = 0; k < p->items[i].len; k++) {
				const struct box *b = &p->items[i].boxes[k];

				heads += b->kind == BOX_TEXT && strcmp(b->text, "Head1") == 0;
				if (k + 1 == p->items[i].len)
					assert_int_equal(heads, 1);
			}
		free(a);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A caption is kept with the header and the first rows: with room for
 * the caption and the header only, all three move on. */
static void test_table_caption_never_ends_a_page(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double used = title_block_height() - 50;
	int fill = (int)((300 - used - 2 - 13.5 - 2 - 16.25) / 10);
	char *a = lines_text(fill);
	struct doc_table *t;

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, a);
	t = push_table(d, 30);
	t->caption = xstrdup("Table 9. Caption");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(count_runs(p, 0, 'a' + (char)(fill - 1)), 1);
	assert_int_equal(page_of_exact(p, "Table 9. Caption"), 1);
	assert_int_equal(page_of_exact(p, "Head1"), 1);
	assert_rows_in_runs(p, 30, 3);
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* Rows of five 135 pt words, one per line: 5 * 11.25 + 5 = 61.25 pt a
 * row, so six rows (367.5 pt) are taller than the 300 pt page. Kept
 * whole they could not fit: the table breaks anyway, each row whole on
 * one page, inside the content area. So does one whose min-rows rule
 * allows no break at all. */
static void test_table_taller_than_a_page_still_breaks(void **state)
{
	static const int keep[] = { 8, 1000, 8 }, min[] = { 3, 3, 1000 };
	static const size_t rows[] = { 6, 100, 30 };

	(void)state;
	for (size_t c = 0; c < 3; c++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		struct doc_table *t = push_table(d, rows[c]);

		style_for_tests(&s);
		s.table_keep_rows = keep[c];
		s.table_min_rows = min[c];
		for (size_t r = 0; r < t->rows && c == 0; r++) {
			char *w = xcalloc(5 * 31 + 1, 1);

			for (int k = 0; k < 5; k++) {
				memset(w + k * 31, 'q', 30);
				w[k * 31 + 30] = k < 4 ? ' ' : '\0';
			}
			free(t->cells[r * 2 + 1]);
			t->cells[r * 2 + 1] = xasprintf("row%zu %s", r + 1, w);
			free(w);
		}
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_int_equal(layout_check(p, &s), 0);
		assert_true(p->len >= 2);
		for (size_t i = 0; i < p->len; i++)
			for (size_t k = 0; k < p->items[i].len; k++) {
				const struct box *b = &p->items[i].boxes[k];

				if (b->kind == BOX_TEXT && (b->text[0] == 'q' ||
				                            strncmp(b->text, "row", 3) == 0))
					assert_true(b->y <= s.page_height - s.margin_bottom &&
					            b->y >= s.margin_top);
			}
		if (c == 0)
			for (size_t r = 1; r <= 6; r++) {
				char name[16];

				snprintf(name, sizeof name, "row%zu", r);
				assert_true(page_of(p, name) >= 0);
			}
		else
			assert_rows_in_runs(p, rows[c], c == 1 ? 3 : 1);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A table that starts a page (after a page break) starts at the top of
 * the content area with its own header, not a "(continued)" one. */
static void test_table_at_the_top_of_a_page(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double top = 1e9;

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, "first");
	push(d, DOC_PAGEBREAK, NULL);
	push_table(d, 30);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(page_of_exact(p, "Head1"), 1);
	assert_int_equal(page_of_exact(p, "row1"), 1);
	for (size_t k = 0; k < p->items[1].len; k++) {
		const struct box *b = &p->items[1].boxes[k];

		assert_false(b->kind == BOX_TEXT && strstr(b->text, "(continued)"));
		if (b->kind == BOX_FILL && b->y < top)
			top = b->y;
	}
	assert_true(fabs(top - s.margin_top) < 1e-3);   /* the header's fill */
	assert_rows_in_runs(p, 30, 3);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_right_aligned_cells_end_at_the_same_x(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double right = -1;

	(void)state;
	style_for_tests(&s);
	push_table(d, 12);
	p = layout_run(d, &s, &fake_metrics, &dl);
	for (size_t k = 0; k < p->items[0].len; k++) {
		const struct box *b = &p->items[0].boxes[k];

		if (b->kind == BOX_TEXT && b->len <= 2 && b->text[0] >= '1' &&
		    b->text[0] <= '9' && b->size == s.table_size) {
			if (right < 0)
				right = b->x + b->w;
			assert_true(b->x + b->w > right - 1e-6 &&
			            b->x + b->w < right + 1e-6);
		}
	}
	assert_true(right > 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_every_page_has_marking_and_page_x_of_y(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push_table(d, 100);
	p = layout_run(d, &s, &fake_metrics, &dl);
	for (size_t i = 0; i < p->len; i++) {
		char want[64];
		int marks = 0, numbers = 0;

		snprintf(want, sizeof want, "Page %zu of %zu", i + 1, p->len);
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind != BOX_TEXT)
				continue;
			marks += strcmp(b->text, "MARK") == 0;
			numbers += strcmp(b->text, want) == 0;
		}
		assert_int_equal(marks, 2);
		assert_int_equal(numbers, 1);
	}
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_layout_is_deterministic(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *a, *b;

	(void)state;
	style_for_tests(&s);
	push(d, DOC_HEADING, "Heading");
	push(d, DOC_PARAGRAPH, "Some words to wrap across a few lines of text.");
	push_table(d, 50);
	a = layout_run(d, &s, &fake_metrics, &dl);
	b = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(a->len, b->len);
	for (size_t i = 0; i < a->len; i++) {
		assert_int_equal(a->items[i].len, b->items[i].len);
		for (size_t k = 0; k < a->items[i].len; k++) {
			assert_true(a->items[i].boxes[k].x == b->items[i].boxes[k].x);
			assert_true(a->items[i].boxes[k].y == b->items[i].boxes[k].y);
		}
	}
	assert_int_equal(a->outline_len, 1);
	assert_string_equal(a->outline[0].title, "1 Heading");
	layout_free(a);
	layout_free(b);
	doc_free(d);
	diag_release(&dl);
}

static struct doc_table width_table(void)
{
	static struct doc_column cols[3];
	static char *cells[] = { "12345", "x", "y", "1", "xx", "yy" };
	struct doc_table t;

	memset(&t, 0, sizeof t);
	cols[0] = (struct doc_column){ .title = "No", .align = DOC_ALIGN_RIGHT,
	                               .width = 0 };    /* auto */
	cols[1] = (struct doc_column){ .title = "A", .width = -1 };   /* 1* */
	cols[2] = (struct doc_column){ .title = "B", .width = -3 };   /* 3* */
	t.cols = 3;
	t.rows = 2;
	t.columns = cols;
	t.cells = cells;
	return t;
}

static void test_columns_auto_fixed_and_proportional(void **state)
{
	struct style s;
	struct doc_table t = width_table();
	double w[3];

	(void)state;
	style_default(&s);
	s.table_size = 10;
	/* auto: "12345" is 25 pt + 8 pt padding; the rest splits 1:3. */
	layout_table_columns(&fake_metrics, &s, &t, 433, w);
	assert_true(fabs(w[0] - 33) < 1e-9);
	assert_true(fabs(w[1] - 100) < 1e-9);
	assert_true(fabs(w[2] - 300) < 1e-9);
	/* fixed */
	t.columns[0].width = 50;
	layout_table_columns(&fake_metrics, &s, &t, 450, w);
	assert_true(fabs(w[0] - 50) < 1e-9);
	assert_true(fabs(w[1] + w[2] - 400) < 1e-9);
	t.columns[0].width = 0;
}

static void test_auto_columns_shrink_to_fit(void **state)
{
	struct style s;
	struct doc_table t = width_table();
	double w[3];

	(void)state;
	style_default(&s);
	s.table_size = 10;
	t.columns[1].width = 0;
	t.columns[2].width = 0;
	t.cells[0] = "a very long cell that cannot fit on one line at all";
	layout_table_columns(&fake_metrics, &s, &t, 200, w);
	assert_true(fabs(w[0] + w[1] + w[2] - 200) < 1e-9);
	assert_true(w[0] > w[1] && w[0] > w[2]);
	/* Short columns keep their one-line width; the long one gives way. */
	assert_true(fabs(w[1] - 18) < 1e-9 && fabs(w[2] - 18) < 1e-9);
	/* With a fixed column the table still comes to the full width. */
	t.columns[1].width = 40;
	layout_table_columns(&fake_metrics, &s, &t, 200, w);
	assert_true(fabs(w[1] - 40) < 1e-9);
	assert_true(fabs(w[0] + w[1] + w[2] - 200) < 1e-9);
	t.cells[0] = "12345";
	t.columns[1].width = -1;
	t.columns[2].width = -3;
}

static void test_row_taller_than_a_page_splits_between_lines(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	struct doc_table *t;
	char *big = xcalloc(400 * 6 + 1, 1);
	size_t words = 0;

	(void)state;
	style_for_tests(&s);
	for (int i = 0; i < 400; i++)
		memcpy(big + i * 6, i % 2 ? "word. " : "text  ", 6);
	t = push_table(d, 3);
	free(t->cells[3]);
	t->cells[3] = big;          /* row 2, column 2: hundreds of lines */
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_true(p->len >= 3);
	assert_int_equal(layout_check(p, &s), 0);
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->size == s.table_size &&
			    (strncmp(b->text, "text", 4) == 0 ||
			     strncmp(b->text, "word.", 5) == 0)) {
				/* every piece of text stays inside the content area */
				assert_true(b->y <= s.page_height - s.margin_bottom);
				assert_true(b->y >= s.margin_top);
				for (const char *c = b->text; *c; c++)
					words += strncmp(c, "text", 4) == 0 ||
					         strncmp(c, "word.", 5) == 0;
			}
		}
	assert_int_equal(words, 400);   /* nothing lost across the splits */
	assert_true(page_of(p, "row3") > 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_page_breaks_never_make_empty_pages(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push(d, DOC_PARAGRAPH, "first");
	push(d, DOC_PAGEBREAK, NULL);
	push(d, DOC_PAGEBREAK, NULL);     /* a second break in a row: no-op */
	push(d, DOC_PARAGRAPH, "second");
	push(d, DOC_PAGEBREAK, NULL);     /* a break at the end: no-op */
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_int_equal(p->len, 2);
	assert_int_equal(page_of(p, "first"), 0);
	assert_int_equal(page_of(p, "second"), 1);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* A star: a root and n children, all units of kind "unit". */
static struct doc_orgchart *push_chart(struct doc *d, size_t n,
                                       const char *name)
{
	struct doc_orgchart *c = &push(d, DOC_ORGCHART, NULL)->u.orgchart;

	c->name = xstrdup("test.chart");
	c->len = n + 1;
	c->units = xcalloc(c->len, sizeof *c->units);
	for (size_t i = 0; i < c->len; i++) {
		struct doc_unit *u = &c->units[i];

		u->name = i ? xasprintf("%s %zu", name, i) : xstrdup("Root");
		u->detail = xstrdup(i % 2 ? "detail" : "");
		u->kind = i ? DOC_UNIT_UNIT : DOC_UNIT_COMMAND;
		u->parent = i ? 0 : -1;
	}
	return c;
}

static void test_orgchart_stays_inside_the_content_area(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	double right = 0, left = 1e9;

	(void)state;
	style_for_tests(&s);
	s.chart_size = 6;
	s.chart_min_size = 3;
	push_chart(d, 6, "Unit");      /* too wide for one row: stacks */
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(dl.errors, 0);
	assert_int_equal(layout_check(p, &s), 0);
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind != BOX_FILL)
				continue;
			assert_true(b->y >= s.margin_top - 1e-6);
			assert_true(b->y + b->h <= s.page_height - s.margin_bottom + 1e-6);
			left = fmin(left, b->x);
			right = fmax(right, b->x + b->w);
		}
	assert_true(left >= s.margin_left - 1e-6);
	assert_true(right <= s.page_width - s.margin_right + 1e-6);
	assert_true(page_of(p, "Unit 6") >= 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_orgchart_too_big_is_an_error_naming_it(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct doc_orgchart *c;

	(void)state;
	style_for_tests(&s);
	s.chart_size = 10;
	s.chart_min_size = 9;
	/* a chain of 40: far too tall for a 300 pt page at 9 pt */
	c = push_chart(d, 40, "Level");
	for (size_t i = 2; i < c->len; i++)
		c->units[i].parent = (int)i - 1;
	assert_int_equal(doc_check(d), 0);
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	/* the error names the chart and the place it came from */
	assert_diag(&dl, "t.ini", 7, "org chart 'test.chart' needs");
	doc_free(d);
	diag_release(&dl);
}

static void test_wide_chart_gets_a_landscape_page_when_allowed(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	struct doc_orgchart *c;
	int chart_page;

	(void)state;
	style_for_tests(&s);
	s.chart_size = 6;
	s.chart_min_size = 6;
	s.chart_compact = 0;  /* no lists under the four: they must turn */
	s.chart_min_width = 10;  /* boxes of 60 pt */
	push(d, DOC_PARAGRAPH, "before");
	push(d, DOC_HEADING, "Chart heading");
	/* root, 4 children with one child each: nothing to stack or wrap,
	 * and four 60 pt boxes do not fit 200 pt, but do fit 300 pt */
	c = push_chart(d, 8, "Unit");
	for (size_t i = 5; i <= 8; i++)
		c->units[i].parent = (int)i - 4;
	push(d, DOC_PARAGRAPH, "after");
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_diag(&dl, NULL, 0, "org chart 'test.chart' needs");
	diag_release(&dl);

	s.chart_landscape = true;
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(dl.errors, 0);
	chart_page = page_of(p, "Unit 1");
	assert_int_equal(chart_page, 1);
	assert_true(p->items[1].width == s.page_height);
	assert_true(p->items[1].height == s.page_width);
	assert_true(p->items[0].width == s.page_width);
	assert_int_equal(page_of(p, "before"), 0);
	/* the heading comes along to the turned page */
	assert_int_equal(page_of(p, "Chart heading"), 1);
	assert_int_equal(page_of(p, "after"), 2);     /* the chart is alone */
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* ---- captions ---------------------------------------------------------- */

/* The first text box that reads s exactly, and its page in *page. */
static const struct box *find_text(const struct pages *p, const char *s,
                                   int *page)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len == strlen(s) &&
			    memcmp(b->text, s, b->len) == 0) {
				if (page)
					*page = (int)i;
				return b;
			}
		}
	return NULL;
}

/* Captions as the model numbers them. */
static void caption_chart(struct doc_orgchart *c, int n, bool below)
{
	c->caption = xasprintf("Figure %d - Chain", n);
	c->cap.text = xstrdup("Chain");
	c->cap.number = n;
	c->cap.below = below;
}

static void caption_table(struct doc_table *t, int n, bool below)
{
	t->caption = xasprintf("Table %d - Terms", n);
	t->cap.text = xstrdup("Terms");
	t->cap.number = n;
	t->cap.below = below;
}

/* The top and bottom of every fill (the boxes of charts) on page pg. */
static void fills_extent(const struct pages *p, int pg, double *top,
                         double *bottom)
{
	*top = 1e9;
	*bottom = -1e9;
	for (size_t k = 0; k < p->items[pg].len; k++) {
		const struct box *b = &p->items[pg].boxes[k];

		if (b->kind == BOX_FILL) {
			*top = fmin(*top, b->y);
			*bottom = fmax(*bottom, b->y + b->h);
		}
	}
}

/* Above or below, as the caption says: a chart's caption centred over
 * or under its boxes, a table's left-aligned over its header or under
 * its last row. */
static void test_caption_placement_above_or_below(void **state)
{
	(void)state;
	for (int below = 0; below < 2; below++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		const struct box *cap, *head, *last;
		double top, bottom;
		int pg, tpg;

		style_for_tests(&s);
		s.zebra = false;
		caption_chart(push_chart(d, 2, "Unit"), 1, below);
		push(d, DOC_PAGEBREAK, NULL);
		caption_table(push_table(d, 4), 1, below);
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_int_equal(layout_check(p, &s), 0);
		cap = find_text(p, "Figure 1 - Chain", &pg);
		assert_non_null(cap);
		fills_extent(p, pg, &top, &bottom);
		if (below)
			assert_true(cap->y - s.table_size > bottom);
		else
			assert_true(cap->y < top);
		/* centred in the column */
		assert_true(fabs(cap->x + cap->w / 2 - 150) < 0.01);
		cap = find_text(p, "Table 1 - Terms", &tpg);
		head = find_text(p, "Head2", NULL);
		last = find_text(p, "row4", NULL);
		assert_true(tpg == 1 && head && last);
		assert_true(fabs(cap->x - s.margin_left) < 0.01);
		if (below)
			assert_true(cap->y > last->y);
		else
			assert_true(cap->y < head->y);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* However much text comes before, a chart and its caption share a page,
 * above or below, and so do a table's last rows and a caption under it:
 * a caption never ends or starts a page alone. */
static void test_caption_never_leaves_its_chart_or_table(void **state)
{
	(void)state;
	for (int kind = 0; kind < 3; kind++)
		for (int n = 0; n < 30; n++) {
			struct style s;
			struct doc *d = new_doc();
			struct diag_list dl = { 0 };
			struct pages *p;
			char *a = n ? lines_text(n) : NULL;
			int cap_page = -1, with = -2;

			style_for_tests(&s);
			if (a)
				push(d, DOC_PARAGRAPH, a);
			if (kind < 2)
				caption_chart(push_chart(d, 2, "Unit"), 1, kind == 1);
			else
				caption_table(push_table(d, 12), 1, true);
			p = layout_run(d, &s, &fake_metrics, &dl);
			assert_non_null(p);
			find_text(p, kind < 2 ? "Figure 1 - Chain" : "Table 1 - Terms",
			          &cap_page);
			find_text(p, kind < 2 ? "Root" : "row12", &with);
			if (cap_page != with)
				printf("kind %d, %d lines before: caption on page %d, "
				       "its %s on %d\n", kind, n, cap_page,
				       kind < 2 ? "chart" : "last row", with);
			assert_int_equal(cap_page, with);
			free(a);
			layout_free(p);
			doc_free(d);
			diag_release(&dl);
		}
}

/* ---- images ------------------------------------------------------------ */

/* An image block of px_w x px_h pixels, width as doc.h says, its width
 * set at w.ini:9; with caption "Figure n - Map" when n > 0. */
static struct doc_image *push_image(struct doc *d, unsigned px_w,
                                    unsigned px_h, double width, int n)
{
	struct doc_image *im = &push(d, DOC_IMAGE, NULL)->u.image;

	im->name = xstrdup("t.map");
	im->pic.path = xstrdup("map.png");
	im->pic.px_width = px_w;
	im->pic.px_height = px_h;
	im->pic.width = width;
	im->pic.place = DOC_PLACE_CENTRE;
	im->pic.origin.file = doc_intern(d, "w.ini");
	im->pic.origin.line = 9;
	if (n > 0) {
		im->caption = xasprintf("Figure %d - Map", n);
		im->cap.text = xstrdup("Map");
		im->cap.number = n;
		im->cap.below = true;
	} else {
		im->alt = xstrdup("a map");
	}
	return im;
}

static const struct box *find_image(const struct pages *p, int *page)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++)
			if (p->items[i].boxes[k].kind == BOX_IMAGE) {
				if (page)
					*page = (int)i;
				return &p->items[i].boxes[k];
			}
	return NULL;
}

/* Half the measure (200 pt) is 100 pt; a 2:1 image is then 50 pt tall,
 * centred in the column; 600 pixels over 100 pt is 432 dpi: no warning. */
static void test_image_keeps_its_aspect_at_a_share_of_the_measure(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	const struct box *b;

	(void)state;
	style_for_tests(&s);
	push_image(d, 600, 300, -0.5, 1);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	b = find_image(p, NULL);
	assert_non_null(b);
	assert_string_equal(b->image, "map.png");
	assert_float_equal(b->w, 100, 1e-3);
	assert_float_equal(b->h, 50, 1e-3);
	assert_float_equal(b->x, 100, 1e-3);
	assert_int_equal(dl.len, 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* Wider than the measure, or taller than the page: scaled down, aspect
 * kept, with a warning at the width's line; never outside the margins. */
static void test_image_too_big_is_scaled_into_the_page(void **state)
{
	(void)state;
	for (int tall = 0; tall < 2; tall++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		const struct box *b;

		style_for_tests(&s);
		if (tall)
			push_image(d, 3000, 30000, 0, 1);
		else
			push_image(d, 8000, 4000, 1000, 1);
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_int_equal(layout_check(p, &s), 0);
		b = find_image(p, NULL);
		assert_true(b->x >= s.margin_left - 1e-3);
		assert_true(b->x + b->w <= s.page_width - s.margin_right + 1e-3);
		assert_true(b->y >= s.margin_top - 1e-3);
		assert_true(b->y + b->h <= s.page_height - s.margin_bottom + 1e-3);
		assert_float_equal(b->h / b->w, tall ? 10 : 0.5, 1e-3);
		if (tall)
			assert_true(has_diag(&dl, "w.ini", 9, "is too tall for the page"));
		else
			assert_diag(&dl, "w.ini", 9, "image 'map.png' is 353 mm wide, "
			            "wider than the 71 mm measure: printed 71 mm wide");
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* 100 pixels over the 200 pt measure is 36 dpi: a warning at the width's
 * line that says what would do. */
static void test_image_below_150_dpi_warns(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push_image(d, 100, 100, 0, 0);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_diag(&dl, "w.ini", 9, "image 'map.png' (100 x 100 pixels) prints "
	            "at 36 dpi at 71 mm wide, below the 150 dpi print needs: give "
	            "it at most 17 mm, or a file of at least 417 pixels across");
	assert_int_equal(dl.errors, 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* However much text comes before, an image and its caption share a page. */
static void test_image_never_leaves_its_caption(void **state)
{
	(void)state;
	for (int n = 0; n < 30; n++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		char *a = n ? lines_text(n) : NULL;
		int cap_page = -1, img_page = -2;

		style_for_tests(&s);
		if (a)
			push(d, DOC_PARAGRAPH, a);
		push_image(d, 2000, 1000, 0, 1);
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		find_text(p, "Figure 1 - Map", &cap_page);
		find_image(p, &img_page);
		if (cap_page != img_page)
			printf("%d lines before: caption on page %d, image on %d\n", n,
			       cap_page, img_page);
		assert_int_equal(cap_page, img_page);
		free(a);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A chart's caption is a bookmark one level under its section, at the
 * top of chart and caption; a list of figures gives its page and links
 * there; an uncaptioned chart is in neither. */
static void test_caption_bookmarks_and_list_entries(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	struct doc_contents *lf;
	char *a = lines_text(25);
	const struct box *cap, *num = NULL;
	const struct outline_entry *o = NULL;
	int pg = -1, links = 0;

	(void)state;
	style_for_tests(&s);
	lf = &push(d, DOC_CONTENTS, NULL)->u.contents;
	lf->lists = DOC_CONTENTS_FIGURES;
	push(d, DOC_HEADING, "Section");
	push(d, DOC_PARAGRAPH, a);
	push_chart(d, 2, "Plain");                    /* block 3: no caption */
	caption_chart(push_chart(d, 2, "Unit"), 1, true);   /* block 4 */
	lf = &d->blocks[0].u.contents;
	lf->len = 1;
	lf->entries = xcalloc(1, sizeof *lf->entries);
	lf->entries[0].title = xstrdup("Chain");
	lf->entries[0].number = xstrdup("1");
	lf->entries[0].level = 1;
	lf->entries[0].ref = 4;
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	cap = find_text(p, "Figure 1 - Chain", &pg);
	assert_non_null(cap);
	assert_true(pg >= 1);
	for (size_t i = 0; i < p->outline_len; i++)
		if (strcmp(p->outline[i].title, "Figure 1 - Chain") == 0)
			o = &p->outline[i];
		else
			assert_null(strstr(p->outline[i].title, "Plain"));
	assert_non_null(o);
	assert_int_equal(o->level, 2);                /* under "1 Section" */
	assert_int_equal(o->page, pg);
	assert_true(o->y < cap->y - s.table_size);    /* the chart's top */
	/* the entry's page number and link, on page 1 */
	for (size_t k = 0; k < p->items[0].len; k++) {
		const struct box *b = &p->items[0].boxes[k];
		char want[16];

		snprintf(want, sizeof want, "%d", pg + 1);
		if (b->kind == BOX_TEXT && b->len == strlen(want) &&
		    memcmp(b->text, want, b->len) == 0)
			num = b;
		if (b->kind == BOX_LINK) {
			assert_int_equal(b->target_page, pg);
			links++;
		}
	}
	assert_non_null(num);
	assert_true(fabs(num->x + num->w - (s.page_width - s.margin_right)) <
	            0.01);
	assert_int_equal(links, 1);
	assert_non_null(find_text(p, "Chain", NULL));
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* On a turned chart page the caption comes along, centred on it. */
static void test_turned_chart_takes_its_caption_along(void **state)
{
	(void)state;
	for (int below = 0; below < 2; below++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		struct doc_orgchart *c;
		const struct box *cap;
		int pg = -1;

		style_for_tests(&s);
		s.chart_size = 6;
		s.chart_min_size = 6;
		s.chart_compact = 0;
		s.chart_min_width = 10;
		s.chart_landscape = true;
		push(d, DOC_PARAGRAPH, "before");
		c = push_chart(d, 8, "Unit");   /* as in the landscape test */
		for (size_t i = 5; i <= 8; i++)
			c->units[i].parent = (int)i - 4;
		caption_chart(c, 1, below);
		push(d, DOC_PARAGRAPH, "after");
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_int_equal(layout_check(p, &s), 0);
		cap = find_text(p, "Figure 1 - Chain", &pg);
		assert_int_equal(pg, page_of(p, "Unit 1"));
		assert_true(p->items[pg].width == s.page_height);
		assert_true(fabs(cap->x + cap->w / 2 - s.page_height / 2) < 0.01);
		assert_int_equal(page_of(p, "after"), pg + 1);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A chart as tall as the page leaves room for its caption: at every
 * type size that fits at all, chart and caption share a page and stay
 * in the content area. */
static void test_tall_chart_leaves_room_for_its_caption(void **state)
{
	int fitted = 0;

	(void)state;
	for (int tenth = 40; tenth <= 120; tenth++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;
		struct doc_orgchart *c;
		int cap_page = -1, root_page = -2;

		style_for_tests(&s);
		s.chart_size = s.chart_min_size = tenth / 10.0;
		c = push_chart(d, 7, "Level");           /* a chain of 8 */
		for (size_t i = 2; i < c->len; i++)
			c->units[i].parent = (int)i - 1;
		caption_chart(c, 1, tenth % 2 == 0);
		p = layout_run(d, &s, &fake_metrics, &dl);
		if (p) {
			const struct box *cap = find_text(p, "Figure 1 - Chain",
			                                  &cap_page);

			find_text(p, "Root", &root_page);
			assert_int_equal(cap_page, root_page);
			assert_true(cap->y <= s.page_height - s.margin_bottom);
			assert_int_equal(layout_check(p, &s), 0);
			fitted++;
		}
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
	assert_true(fitted > 10);
}

static void test_long_figures_block_keeps_bold_labels(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	struct doc_figures *f = &push(d, DOC_FIGURES, NULL)->u.figures;
	int bold = 0;

	(void)state;
	style_for_tests(&s);
	f->len = 300;              /* enough rows to move the item array */
	f->items = xcalloc(f->len, sizeof *f->items);
	for (size_t i = 0; i < f->len; i++) {
		f->items[i].label = xasprintf("L%zu", i);
		f->items[i].value = xasprintf("v%zu", i);
	}
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->text[0] == 'L')
				bold += b->face == FACE_BOLD;
		}
	assert_int_equal(bold, 300);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* The printed words come from the style's labels, so another language
 * is config, not C. */
static void test_labels_set_page_numbers_and_continued(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	int numbers = 0, continued = 0;

	(void)state;
	style_for_tests(&s);
	snprintf(s.labels.page_number, sizeof s.labels.page_number,
	         "Seite %%d von %%d");
	snprintf(s.labels.continued, sizeof s.labels.continued, "(Forts.)");
	push_table(d, 100);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_true(p->len > 1);
	for (size_t i = 0; i < p->len; i++) {
		char want[64];

		snprintf(want, sizeof want, "Seite %zu von %zu", i + 1, p->len);
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind != BOX_TEXT)
				continue;
			numbers += strcmp(b->text, want) == 0;
			continued += strcmp(b->text, "(Forts.)") == 0;
			assert_null(strstr(b->text, "continued"));
		}
	}
	assert_int_equal(numbers, (int)p->len);
	assert_int_equal(continued, (int)p->len - 1);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* The contents' dot leaders are copies of the leader label, trailing
 * blanks dropped; an empty label draws none. */
static size_t leader_runs(const char *leader, const char *unit)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct doc_block *c;
	struct pages *p;
	size_t runs = 0, ul = strlen(unit);

	style_for_tests(&s);
	snprintf(s.labels.leader, sizeof s.labels.leader, "%s", leader);
	c = push(d, DOC_CONTENTS, NULL);
	c->u.contents.len = 1;
	c->u.contents.entries = xcalloc(1, sizeof *c->u.contents.entries);
	c->u.contents.entries[0].title = xstrdup("A");
	c->u.contents.entries[0].number = xstrdup("1");
	c->u.contents.entries[0].level = 1;
	c->u.contents.entries[0].ref = 1;
	push(d, DOC_HEADING, "A");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind != BOX_TEXT || ul == 0 || b->len < 3 * ul ||
			    strncmp(b->text, unit, ul) != 0)
				continue;
			runs++;
			assert_true(b->text[b->len - 1] != ' ');
		}
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
	return runs;
}

static void test_contents_leaders_come_from_the_label(void **state)
{
	(void)state;
	assert_int_equal(leader_runs("- ", "- "), 1);
	assert_int_equal(leader_runs("- ", ". "), 0);
	assert_int_equal(leader_runs("", ". "), 0);
}

/* Spacing comes from the style too: cell padding widens auto columns. */
static void test_cell_padding_comes_from_the_style(void **state)
{
	struct style s;
	struct doc_table t = width_table();
	double w[3];

	(void)state;
	style_default(&s);
	s.table_size = 10;
	s.cell_pad_x = 0;
	/* "12345" is 25 pt with no padding; the rest still splits 1:3 */
	layout_table_columns(&fake_metrics, &s, &t, 425, w);
	assert_true(fabs(w[0] - 25) < 1e-9);
	assert_true(fabs(w[1] - 100) < 1e-9);
	assert_true(fabs(w[2] - 300) < 1e-9);
}

/* Config refuses a page with no room for text; layout, given one
 * anyway, must still finish (every line and row takes at least one
 * character or line per page) rather than loop. */
static void test_tiny_page_still_finishes(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;
	char *a = lines_text(3);

	(void)state;
	style_for_tests(&s);
	s.page_width = 60;
	s.margin_left = s.margin_right = 25;     /* a 10 pt column */
	s.page_height = 100;
	s.margin_top = s.margin_bottom = 45;     /* a 10 pt page */
	/* Small enough not to be errors: a heading two 5 pt lines tall and
	 * an 8 pt wide marking (see the tests of those errors). */
	s.heading1_size = 4;
	s.heading1_rule_gap = 0;
	s.heading_number_indent = 0;
	s.marking_size = 4;
	push(d, DOC_HEADING, "Heading");
	push(d, DOC_PARAGRAPH, a);
	push_table(d, 3);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(dl.errors, 0);
	/* the heading is cut to a few letters a line, but nothing is lost */
	assert_int_equal(p->outline_len, 1);
	assert_string_equal(p->outline[0].title, "1 Heading");
	assert_true(p->len > 3);
	assert_true(p->items[p->len - 1].len > 0);
	free(a);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* A cover with n key figures, tile i from line 20 + i of "c.ini". */
static void push_cover(struct doc *d, size_t n)
{
	struct doc_figures *c = &doc_append(d, DOC_COVER, "c.ini", 0)->u.figures;

	c->len = n;
	c->items = xcalloc(n, sizeof *c->items);
	for (size_t i = 0; i < n; i++) {
		c->items[i].label = xstrdup("Troops");
		c->items[i].value = xasprintf("%zu", 1000 * (i + 1));
		c->items[i].origin.file = doc_intern(d, "c.ini");
		c->items[i].origin.line = 20 + (int)i;
	}
}

/* At the test style two rows of four one-line tiles fit under the
 * cover's text; more would climb over the title. The error names the
 * ninth tile's config line and says how many fit. */
static void test_cover_tiles_that_do_not_fit_are_an_error(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push_cover(d, 4);
	push(d, DOC_PARAGRAPH, "body");
	assert_int_equal(doc_check(d), 0);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	doc_free(d);
	d = new_doc();
	push_cover(d, 9);
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_int_equal(dl.errors, 1);
	assert_diag(&dl, "c.ini", 28, "cover has 9 key figures; 8 fit on this "
	            "page");
	doc_free(d);
	diag_release(&dl);
}

/* A cover of one tile (200 pt wide at the test style, 188 pt inside its
 * padding), label and value as given, from line 20 of "c.ini". */
static void push_tile(struct doc *d, const char *label, const char *value)
{
	struct doc_figures *c = &doc_append(d, DOC_COVER, "c.ini", 0)->u.figures;

	c->len = 1;
	c->items = xcalloc(1, sizeof *c->items);
	c->items[0].label = xstrdup(label);
	c->items[0].value = xstrdup(value);
	c->items[0].origin.file = doc_intern(d, "c.ini");
	c->items[0].origin.line = 20;
}

/* With cover_note_to_label, a value's trailing "(...)" moves to the
 * label, so the large type holds only the figure; anything else stays
 * as it is. Without it, the value is shown whole. */
static void test_cover_note_moves_to_the_label(void **state)
{
	static const struct {
		const char *value, *label, *shown_value, *shown_label;
		bool note_to_label;
	} cases[] = {
		{ "4,000 (approx.)", "Troops", "4,000", "Troops (approx.)", true },
		{ "41 (a (b))", "Staff", "41", "Staff (a (b))", true },
		{ "4,000 (approx.)", "Troops", "4,000 (approx.)", "Troops", false },
		{ "(approx.)", "Troops", "(approx.)", "Troops", true },
		{ "1244 (1999) of", "Res", "1244 (1999) of", "Res", true },
		{ "x(y)", "L", "x(y)", "L", true },
		{ "2 x)", "L", "2 x)", "L", true },
		{ "2  (x)", "L", "2  (x)", "L", true },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };
		struct pages *p;

		style_for_tests(&s);
		s.cover_note_to_label = cases[i].note_to_label;
		push_tile(d, cases[i].label, cases[i].value);
		push(d, DOC_PARAGRAPH, "body");
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		if (page_of_exact(p, cases[i].shown_value) != 0 ||
		    page_of_exact(p, cases[i].shown_label) != 0)
			printf("case %zu: '%s' / '%s' not on the cover\n", i,
			       cases[i].shown_value, cases[i].shown_label);
		assert_int_equal(page_of_exact(p, cases[i].shown_value), 0);
		assert_int_equal(page_of_exact(p, cases[i].shown_label), 0);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A tile never drops text: a value or label longer than the lines a
 * tile shows, or a value word wider than the tile at the smallest
 * value size (body_size), is an error at the tile's [cover] line. */
static void test_cover_tile_that_would_lose_text_is_an_error(void **state)
{
	static const struct {
		const char *label, *value, *message;
	} cases[] = {
		{ "Troops", "alpha beta gamma delta epsilon zeta eta theta iota "
		  "kappa lambda", "cover tile 'Troops': its value 'alpha beta gamma "
		  "delta epsilon zeta eta theta iota kappa lambda' needs 4 lines at "
		  "18.2 pt; a tile holds 3 (shorten it, or raise [style] "
		  "cover_value_lines)" },
		{ "Troops", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		  "cover tile 'Troops': a word of its value 'xxxxxxxxxxxxxxxxxxxxxxx"
		  "xxxxxxxxxxxxxxxxxxxxxxxxxxx' is 250.0 pt wide at 10.0 pt; a tile "
		  "holds 188.0 pt" },
		{ "Troops of the force, counted in the spring, by the mission, "
		  "and its partners, as stated", "4,000 (approx.)",
		  "cover tile 'Troops of the force, counted in the spring, by the "
		  "mission, and its partners, as stated': its label 'Troops of the "
		  "force, counted in the spring, by the mission, and its partners, "
		  "as stated (approx.)' needs 3 lines; a tile holds 2 (shorten it, "
		  "or raise [style] cover_label_lines)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct style s;
		struct doc *d = new_doc();
		struct diag_list dl = { 0 };

		style_for_tests(&s);
		push_tile(d, cases[i].label, cases[i].value);
		assert_null(layout_run(d, &s, &fake_metrics, &dl));
		assert_int_equal(dl.errors, 1);
		assert_diag(&dl, "c.ini", 20, cases[i].message);
		doc_free(d);
		diag_release(&dl);
	}
}

/* The x of the text box that is exactly s, or -1. */
static double x_of(const struct pages *p, const char *s)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len == strlen(s) &&
			    memcmp(b->text, s, b->len) == 0)
				return b->x;
		}
	return -1;
}

static void push_figures(struct doc *d, const char *label, const char *value)
{
	struct doc_figures *f = &push(d, DOC_FIGURES, NULL)->u.figures;

	f->len = 1;
	f->items = xcalloc(1, sizeof *f->items);
	f->items[0].label = xstrdup(label);
	f->items[0].value = xstrdup(value);
}

/* Every figures block of a document has the same label column, from
 * the widest label of them all: "Much longer label", 17 bold characters
 * at 9 pt (76.5 pt) and 2 x 4 pt of padding, so each value starts at
 * 50 + 84.5 + 4. It is capped at figures_label_max (0.45) of the 200 pt
 * measure: 90 pt. */
static void test_figures_blocks_share_one_label_column(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	push_figures(d, "A", "va");
	push(d, DOC_PARAGRAPH, "between");
	push_figures(d, "Much longer label", "vb");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_true(fabs(x_of(p, "va") - 138.5) < 1e-3);
	assert_true(fabs(x_of(p, "vb") - 138.5) < 1e-3);
	layout_free(p);
	push_figures(d, "A label far too long for its column, at 34", "vc");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_true(fabs(x_of(p, "va") - 144) < 1e-3);
	assert_true(fabs(x_of(p, "vc") - 144) < 1e-3);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* Fixed widths (and the padding the other columns keep) that add up to
 * more than the 200 pt measure are an error at the column's config line
 * where the sum passes it. */
static void test_fixed_columns_wider_than_the_measure_are_an_error(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct doc_table *t;
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	t = push_table(d, 3);
	for (size_t c = 0; c < 2; c++)
		t->columns[c].origin = (struct doc_origin){ doc_intern(d, "c.ini"),
		                                            30 + (int)c };
	t->columns[0].width = 192;          /* + 8 pt of padding: just fits */
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(dl.len, 0);
	layout_free(p);
	t = &d->blocks[0].u.table;
	t->columns[0].width = 195;
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_diag(&dl, "c.ini", 30, "table column 'Head1' does not fit: "
	            "columns need 203.0 pt (71.6 mm) with padding; the measure "
	            "is 200.0 pt (70.6 mm)");
	diag_release(&dl);
	t->columns[0].width = 100;
	t->columns[1].width = 101;
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_int_equal(dl.errors, 1);
	assert_diag(&dl, "c.ini", 31, "table column 'Head2' does not fit: "
	            "columns need 201.0 pt (70.9 mm); the measure is 200.0 pt "
	            "(70.6 mm)");
	doc_free(d);
	diag_release(&dl);
}

/* A fixed column narrower than its padding and one character: the
 * character would stick out of the table's edge. At the test style a
 * character is 4.5 pt and the padding 8 pt. */
static void test_fixed_column_too_narrow_for_a_character(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	struct doc_table *t;
	struct pages *p;

	(void)state;
	style_for_tests(&s);
	s.table_size = 9;
	t = push_table(d, 3);
	t->columns[1].width = 12.5;          /* 8 + 4.5: just fits */
	t->columns[1].origin = (struct doc_origin){ doc_intern(d, "c.ini"), 31 };
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	t = &d->blocks[0].u.table;
	t->columns[1].width = 10;
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_diag(&dl, "c.ini", 31, "table column 'Head2' is 3.5 mm wide; its "
	            "padding and widest character need 4.4 mm");
	doc_free(d);
	diag_release(&dl);
}

/* A heading is kept whole: one taller than the 300 pt content area is an
 * error at its origin (its section's config line). */
static void test_heading_taller_than_a_page_is_an_error(void **state)
{
	struct style s;
	struct doc *d = new_doc();
	struct diag_list dl = { 0 };
	char *title = lines_text(30);

	(void)state;
	style_for_tests(&s);
	push(d, DOC_HEADING, title);
	push(d, DOC_PARAGRAPH, "after");
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_int_equal(dl.errors, 1);
	assert_diag(&dl, "t.ini", 7, "heading is ");
	assert_diag(&dl, "t.ini", 7, "; a page holds 300.0 pt");
	free(title);
	doc_free(d);
	diag_release(&dl);
}

/* A cover title long enough to push the as-of line off the page. */
static void test_cover_text_taller_than_a_page_is_an_error(void **state)
{
	struct style s;
	char *title = lines_text(30);
	struct doc *d = doc_new(title, "MARK", "1 January 2020");
	struct diag_list dl = { 0 };

	(void)state;
	style_for_tests(&s);
	push_cover(d, 1);
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_int_equal(dl.errors, 1);
	assert_diag(&dl, "c.ini", 0, "cover: the title, subtitle and as-of "
	            "line need ");
	assert_diag(&dl, "c.ini", 0, "; the page holds 300.0 pt");
	free(title);
	doc_free(d);
	diag_release(&dl);
}

/* The marking is never cut: wider than the 200 pt measure is an error. */
static void test_marking_wider_than_the_measure_is_an_error(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "MARKING MARKING MARKING MARKING MARKING",
	                        "1 January 2020");
	struct diag_list dl = { 0 };

	(void)state;
	style_for_tests(&s);
	s.marking_size = 10;                     /* 39 characters: 195 pt */
	push(d, DOC_PARAGRAPH, "x");
	{
		struct pages *p = layout_run(d, &s, &fake_metrics, &dl);

		assert_non_null(p);
		layout_free(p);
	}
	s.marking_size = 11;                     /* 214.5 pt */
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_diag(&dl, NULL, 0, "[document] marking is 214.5 pt wide at 11.0 "
	            "pt; the measure is 200.0 pt");
	doc_free(d);
	diag_release(&dl);
}

/* A title too long for the running header is cut at a space with "...",
 * short of the date, rather than run off the page. */
static void test_long_title_is_cut_in_the_running_header(void **state)
{
	struct style s;
	struct doc *d = doc_new("Alpha beta gamma delta epsilon zeta eta theta",
	                        "M", "1 May 2020");
	struct diag_list dl = { 0 };
	struct pages *p;
	const struct box *title = NULL;

	(void)state;
	style_for_tests(&s);
	s.header_size = 10;   /* 5 pt a character; the date takes 50 pt */
	d->organisation = xstrdup("Organisation of a rather long name indeed");
	push(d, DOC_PARAGRAPH, "x");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	for (size_t k = 0; k < p->items[0].len; k++) {
		const struct box *x = &p->items[0].boxes[k];

		if (x->kind == BOX_TEXT && x->len >= 5 &&
		    memcmp(x->text, "Alpha", 5) == 0 && x->y < s.margin_top)
			title = x;
	}
	assert_non_null(title);
	/* 200 - 50 (date) - 10 (gap) = 140 pt: 28 characters, dots included */
	assert_int_equal(title->len, strlen("Alpha beta gamma delta..."));
	assert_memory_equal(title->text, "Alpha beta gamma delta...", title->len);
	assert_int_equal(page_of(p, "Organisation of a rather..."), 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* Document control: the header takes its own date, the footer the
 * reference and edition after the organisation, and the title block a
 * line of its own under the as-of line. */
static void test_document_control_in_title_block_and_footer(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "M", "1 May 2020");
	struct diag_list dl = { 0 };
	struct pages *p;
	int pg = -1;

	(void)state;
	style_for_tests(&s);
	d->organisation = xstrdup("Org");
	d->header_date = xstrdup("010930ZMAY20");
	d->control = xstrdup("Reference R-1, Edition 2");
	d->footer_control = xstrdup("R-1, Edition 2");
	push(d, DOC_PARAGRAPH, "x");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(layout_check(p, &s), 0);
	assert_non_null(find_text(p, "010930ZMAY20", &pg));
	assert_int_equal(pg, 0);
	assert_null(find_text(p, "1 May 2020", NULL));   /* not in the header */
	pg = -1;
	assert_non_null(find_text(p, "Org" "  \xC2\xB7  " "R-1, Edition 2", &pg));
	assert_int_equal(pg, 0);
	assert_non_null(find_text(p, "Reference R-1, Edition 2", NULL));
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_control_in_title_block_and_footer),
		cmocka_unit_test(test_wrap_cases),
		cmocka_unit_test(test_wrapped_lines_never_exceed_width),
		cmocka_unit_test(test_paragraph_split_keeps_two_lines_each_side),
		cmocka_unit_test(test_widow_rule_keeps_two_lines_on_the_next_page),
		cmocka_unit_test(test_heading_never_ends_a_page),
		cmocka_unit_test(test_table_header_repeats_on_every_page),
		cmocka_unit_test(test_table_near_page_foot_moves_with_header),
		cmocka_unit_test(test_short_table_moves_whole_to_the_next_page),
		cmocka_unit_test(test_long_table_keeps_min_rows_each_side_of_a_break),
		cmocka_unit_test(test_table_caption_never_ends_a_page),
		cmocka_unit_test(test_table_taller_than_a_page_still_breaks),
		cmocka_unit_test(test_table_at_the_top_of_a_page),
		cmocka_unit_test(test_right_aligned_cells_end_at_the_same_x),
		cmocka_unit_test(test_every_page_has_marking_and_page_x_of_y),
		cmocka_unit_test(test_layout_is_deterministic),
		cmocka_unit_test(test_page_breaks_never_make_empty_pages),
		cmocka_unit_test(test_orgchart_stays_inside_the_content_area),
		cmocka_unit_test(test_orgchart_too_big_is_an_error_naming_it),
		cmocka_unit_test(test_wide_chart_gets_a_landscape_page_when_allowed),
		cmocka_unit_test(test_caption_placement_above_or_below),
		cmocka_unit_test(test_caption_never_leaves_its_chart_or_table),
		cmocka_unit_test(test_caption_bookmarks_and_list_entries),
		cmocka_unit_test(test_turned_chart_takes_its_caption_along),
		cmocka_unit_test(test_tall_chart_leaves_room_for_its_caption),
		cmocka_unit_test(test_image_keeps_its_aspect_at_a_share_of_the_measure),
		cmocka_unit_test(test_image_too_big_is_scaled_into_the_page),
		cmocka_unit_test(test_image_below_150_dpi_warns),
		cmocka_unit_test(test_image_never_leaves_its_caption),
		cmocka_unit_test(test_long_figures_block_keeps_bold_labels),
		cmocka_unit_test(test_columns_auto_fixed_and_proportional),
		cmocka_unit_test(test_auto_columns_shrink_to_fit),
		cmocka_unit_test(test_row_taller_than_a_page_splits_between_lines),
		cmocka_unit_test(test_labels_set_page_numbers_and_continued),
		cmocka_unit_test(test_contents_leaders_come_from_the_label),
		cmocka_unit_test(test_cell_padding_comes_from_the_style),
		cmocka_unit_test(test_tiny_page_still_finishes),
		cmocka_unit_test(test_cover_tiles_that_do_not_fit_are_an_error),
		cmocka_unit_test(test_cover_note_moves_to_the_label),
		cmocka_unit_test(test_cover_tile_that_would_lose_text_is_an_error),
		cmocka_unit_test(test_figures_blocks_share_one_label_column),
		cmocka_unit_test(test_fixed_columns_wider_than_the_measure_are_an_error),
		cmocka_unit_test(test_fixed_column_too_narrow_for_a_character),
		cmocka_unit_test(test_heading_taller_than_a_page_is_an_error),
		cmocka_unit_test(test_cover_text_taller_than_a_page_is_an_error),
		cmocka_unit_test(test_marking_wider_than_the_measure_is_an_error),
		cmocka_unit_test(test_long_title_is_cut_in_the_running_header),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
