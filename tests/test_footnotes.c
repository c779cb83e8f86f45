/* Unit tests for footnotes and references without a PDF: the model
 * numbers notes in reading order and resolves references
 * (src/doc/notes.c), and layout sets each note at the foot of its
 * marker's page, continues a long one on the next page and prints the
 * page a reference's target lands on (src/layout/footnotes.c, xref.c),
 * with the fixed-pitch fake metric. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/doc.h"
#include "briefing/input.h"
#include "briefing/layout.h"
#include "briefing/base/xalloc.h"
#include "doc/doc_internal.h"
#include "layout/layout_internal.h"

#define NBSP "\xC2\xA0"

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
	s->footnote_size = 10;     /* a note's line is 10 pt too */
	s->footnote_gap = 10;
}

/* A paragraph block at t.ini:line parsed from src, as doc_build makes
 * one. */
static struct doc_block *push_text(struct doc *d, const char *src, int line)
{
	struct facts *f = facts_new();
	struct doc_markup m = { false, f };
	struct diag_list dl = { 0 };
	struct doc_block *b = doc_append(d, DOC_PARAGRAPH, "t.ini", line);

	if (doc_markup_text(&m, src, "t.ini", line, &b->u.paragraph.text,
	                    &b->u.paragraph.rich, &dl) != 0)
		dump_diags(&dl);
	assert_int_equal(dl.errors, 0);
	diag_release(&dl);
	facts_free(f);
	return b;
}

static struct doc_block *push_heading(struct doc *d, const char *id,
                                      const char *number)
{
	struct doc_block *b = doc_append(d, DOC_HEADING, "c.ini", 3);

	b->u.heading.level = 1;
	b->u.heading.number = xstrdup(number);
	b->u.heading.title = xstrdup(id);
	b->u.heading.id = xstrdup(id);
	return b;
}

static void test_notes_are_numbered_in_reading_order(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	const struct doc_rich *r;

	(void)state;
	style_default(&s);
	push_text(d, "a^[first **bold** note] b^[second] c", 4);
	push_text(d, "d^[third [in brackets]] e", 9);
	doc_resolve_notes(d, &s.labels, &dl);
	assert_int_equal(dl.len, 0);
	assert_string_equal(d->blocks[0].u.paragraph.text, "a1 b2 c");
	assert_string_equal(d->blocks[1].u.paragraph.text, "d3 e");
	r = &d->blocks[0].u.paragraph.rich;
	assert_int_equal(r->spans_len, 2);
	assert_int_equal(r->spans[0].style, DOC_SPAN_NOTE);
	assert_int_equal(r->spans[0].start, 1);
	assert_int_equal(r->spans[1].start, 4);
	assert_int_equal(r->notes_len, 2);
	assert_string_equal(r->notes[0].text, "first bold note");
	assert_int_equal(r->notes[0].rich.spans_len, 1);
	assert_int_equal(r->notes[0].rich.spans[0].style, DOC_SPAN_BOLD);
	assert_int_equal(r->notes[0].number, 1);
	assert_int_equal(r->notes[1].number, 2);
	assert_int_equal(r->notes[0].origin.line, 4);
	assert_string_equal(r->notes[0].origin.file, "t.ini");
	assert_string_equal(d->blocks[1].u.paragraph.rich.notes[0].text,
	                    "third [in brackets]");
	assert_int_equal(d->blocks[1].u.paragraph.rich.notes[0].number, 3);
	assert_int_equal(doc_check(d), 0);
	doc_free(d);
	diag_release(&dl);
}

static void test_references_print_their_target(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct doc_block *t;
	const struct doc_rich *r;

	(void)state;
	style_default(&s);
	push_heading(d, "intro", "3.1");
	t = doc_append(d, DOC_TABLE, "c.ini", 5);
	t->u.table.name = xstrdup("m.people");
	t->u.table.cap.number = 2;
	push_text(d, "see [](#section.intro), [](#m.people) on "
	          "[](#page:m.people) and [the table](#m.people)", 8);
	doc_resolve_notes(d, &s.labels, &dl);
	assert_int_equal(dl.len, 0);
	assert_string_equal(d->blocks[2].u.paragraph.text,
	                    "see section" NBSP "3.1, Table" NBSP "2 on page" NBSP
	                    "0 and the table");
	r = &d->blocks[2].u.paragraph.rich;
	assert_int_equal(r->spans_len, 4);
	assert_string_equal(r->spans[0].uri, DOC_REF_BLOCK "0");
	assert_string_equal(r->spans[1].uri, DOC_REF_BLOCK "1");
	assert_string_equal(r->spans[2].uri, DOC_REF_PAGE "1");
	assert_string_equal(r->spans[3].uri, DOC_REF_BLOCK "1");
	assert_int_equal(r->spans[1].start, strlen("see section" NBSP "3.1, "));
	assert_int_equal(r->spans[1].len, strlen("Table" NBSP "2"));
	doc_free(d);
	diag_release(&dl);
}

static void test_bad_references_name_their_line(void **state)
{
	static const struct { const char *src, *message; } cases[] = {
		{ "see [](#m.peopel)", "unknown id 'm.peopel' (did you mean "
		  "'m.people'?)" },
		{ "see [](#zzz)", "the ids are section.NAME of a [section.NAME] "
		  "and the facts of tables, charts and images: section.intro, m.people" },
		{ "on [p.](#page:m.people)", "a page reference prints the page "
		  "number" },
		{ "see [](#m.chart)", "'m.chart' has no caption" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct doc *d = doc_new("T", "M", "today");
		struct diag_list dl = { 0 };
		struct style s;
		struct doc_block *t;

		style_default(&s);
		push_heading(d, "intro", "1");
		t = doc_append(d, DOC_TABLE, "c.ini", 5);
		t->u.table.name = xstrdup("m.people");
		t->u.table.cap.number = 1;
		t = doc_append(d, DOC_ORGCHART, "c.ini", 6);
		t->u.orgchart.name = xstrdup("m.chart");
		push_text(d, cases[i].src, 12);
		doc_resolve_notes(d, &s.labels, &dl);
		if (!has_diag(&dl, "t.ini", 12, cases[i].message))
			dump_diags(&dl);
		assert_true(has_diag(&dl, "t.ini", 12, cases[i].message));
		assert_int_equal(dl.errors, 1);
		doc_free(d);
		diag_release(&dl);
	}
}

/* ---- layout ---- */

/* 40 letters: one line of the test style's measure (200 pt). */
static char *words(int n, char c)
{
	char *s = xcalloc((size_t)n * 41 + 1, 1);

	for (int i = 0; i < n; i++) {
		memset(s + i * 41, c, 40);
		s[i * 41 + 40] = i + 1 < n ? ' ' : '\0';
	}
	return s;
}

/* The page and y of the first text box that starts with needle. */
static int find(const struct pages *p, const char *needle, double *y)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len >= strlen(needle) &&
			    memcmp(b->text, needle, strlen(needle)) == 0) {
				if (y)
					*y = b->y;
				return (int)i;
			}
		}
	return -1;
}

/* The lowest baseline of the body's lines (the a's and the marked
 * line) on page i. */
static double body_bottom(const struct pages *p, size_t i)
{
	double low = 0;

	for (size_t k = 0; k < p->items[i].len; k++) {
		const struct box *b = &p->items[i].boxes[k];

		if (b->kind == BOX_TEXT && b->y > low &&
		    ((b->len == 40 && b->text[0] == 'a') ||
		     (b->len == 6 && !memcmp(b->text, "marked", 6))))
			low = b->y;
	}
	return low;
}

static void test_note_sits_at_the_foot_of_its_markers_page(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	char *src = words(23, 'a'), *text;
	double ny, my;
	int np;

	(void)state;
	style_for_tests(&s);
	/* 23 lines of a's and the marked line fill page 1 but for the
	 * note: the last two lines (two at least) move to page 2 with it */
	text = xasprintf("%s marked^[NOTE one] after", src);
	push_text(d, text, 3);
	doc_resolve_notes(d, &s.labels, &dl);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	np = find(p, "NOTE", &ny);
	assert_int_equal(np, find(p, "marked", &my));
	assert_int_equal(find(p, "1", NULL) >= 0, 1);
	/* below every line of text on its page, inside the bottom margin */
	assert_true(ny > my);
	assert_true(ny <= s.page_height - s.margin_bottom + 1e-6);
	assert_int_equal(np, 1);
	assert_true(body_bottom(p, 0) < s.page_height - s.margin_bottom);
	assert_true(body_bottom(p, (size_t)np) < ny - s.footnote_gap / 2);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	free(text);
	free(src);
	doc_free(d);
	diag_release(&dl);
}

static void test_marker_is_raised_and_smaller(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	const struct box *word = NULL, *mark = NULL;

	(void)state;
	style_for_tests(&s);
	push_text(d, "word^[the note] more", 3);
	doc_resolve_notes(d, &s.labels, &dl);
	p = layout_run(d, &s, &fake_metrics, &dl);
	for (size_t k = 0; k < p->items[0].len; k++) {
		const struct box *b = &p->items[0].boxes[k];

		if (b->kind == BOX_TEXT && b->len == 4 && !memcmp(b->text, "word", 4))
			word = b;
		if (b->kind == BOX_TEXT && b->len == 1 && b->text[0] == '1' &&
		    b->size < s.body_size)
			mark = b;
	}
	assert_non_null(word);
	assert_non_null(mark);
	assert_true(mark->y < word->y);             /* raised */
	assert_true(mark->size < word->size);       /* smaller */
	assert_true(mark->x >= word->x + word->w - 1e-3);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

static void test_a_long_note_continues_on_the_next_page(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	/* a note of 20 lines (three words of 9 letters a line), called
	 * from line 15 of a page of 30 lines */
	char *body = words(14, 'a'), *note = xcalloc(60 * 10 + 1, 1), *text;
	int rules[3] = { 0, 0, 0 };
	double full = 0;

	(void)state;
	style_for_tests(&s);
	for (int i = 0; i < 60; i++)
		memcpy(note + i * 10, i == 0 ? "Nnnnnnnnn " : i == 59 ? "ZZZZZZZZZ"
		                                                 : "nnnnnnnnn ", 10);
	text = xasprintf("%s marked^[%s] after", body, note);
	push_text(d, text, 3);
	doc_resolve_notes(d, &s.labels, &dl);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(find(p, "marked", NULL), 0);
	assert_int_equal(find(p, "N", NULL), 0);   /* starts on its page */
	assert_true(p->len >= 2);
	/* the note's last line is on page 2 */
	for (size_t k = 0; k < p->items[1].len; k++) {
		const struct box *b = &p->items[1].boxes[k];

		if (b->kind == BOX_TEXT && b->len >= 9 &&
		    !memcmp(b->text + b->len - 9, "ZZZZZZZZZ", 9))
			rules[2] = 1;
	}
	assert_int_equal(rules[2], 1);
	/* page 1's rule is short, page 2's (a continuation) the measure */
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_RULE && b->y > 200 && b->y < 345 &&
			    b->line_width == (float)s.header_rule_width &&
			    b->color.r == s.muted_color.r) {
				rules[i]++;
				if (i == 1)
					full = b->w;
			}
		}
	assert_int_equal(rules[0], 1);
	assert_int_equal(rules[1], 1);
	assert_float_equal(full, 200, 1e-3);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	free(text);
	free(body);
	free(note);
	doc_free(d);
	diag_release(&dl);
}

/* A reference to a block on page 10 or later: the first pass prints a
 * one-digit guess, which moves nothing here, and the second the page.
 * The link points at the target's page. */
static void test_page_reference_prints_the_targets_page(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	char *filler = words(30 * 11, 'f');
	char want[32];
	int tp;
	bool linked = false;

	(void)state;
	style_for_tests(&s);
	push_text(d, "the target is on [](#page:section.end).", 2);
	push_text(d, filler, 3);
	push_heading(d, "end", "2");
	doc_resolve_notes(d, &s.labels, &dl);
	assert_int_equal(dl.errors, 0);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	tp = find(p, "end", NULL);
	assert_true(tp >= 9);
	/* "page" and its number are one word, joined by a no-break space */
	snprintf(want, sizeof want, "page" NBSP "%d.", tp + 1);
	assert_int_equal(find(p, want, NULL), 0);
	for (size_t k = 0; k < p->items[0].len; k++)
		if (p->items[0].boxes[k].kind == BOX_LINK &&
		    p->items[0].boxes[k].target_page == tp &&
		    p->items[0].boxes[k].len > 0)
			linked = true;
	assert_true(linked);
	layout_free(p);
	free(filler);
	doc_free(d);
	diag_release(&dl);
}

/* With a banner per page, a page that holds only the rest of a note
 * still carries the marking of the note's text. */
static void test_a_continued_note_marks_its_page(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	char *body = words(14, 'a'), *note = xcalloc(60 * 10 + 1, 1), *text;
	struct doc_block *b;
	int marked = 0;

	(void)state;
	style_for_tests(&s);
	for (int i = 0; i < 60; i++)
		memcpy(note + i * 10, "nnnnnnnnn ", 10);
	note[60 * 10 - 1] = '\0';
	text = xasprintf("%s marked^[%s] after", body, note);
	b = push_text(d, text, 3);
	b->level = 1;
	push_text(d, "low", 4);     /* level 0, on page 2 with the rest */
	d->page_banners = true;
	d->markings_len = 2;
	d->markings = xcalloc(2, sizeof *d->markings);
	d->markings[0] = xstrdup("LOW");
	d->markings[1] = xstrdup("HIGH");
	d->level = 1;
	doc_resolve_notes(d, &s.labels, &dl);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(find(p, "low", NULL), 1);
	for (size_t k = 0; k < p->items[1].len; k++) {
		const struct box *x = &p->items[1].boxes[k];

		if (x->kind == BOX_TEXT && x->len == 4 && !memcmp(x->text, "HIGH", 4))
			marked++;
	}
	assert_int_equal(marked, 2);   /* top and bottom */
	layout_free(p);
	free(text);
	free(body);
	free(note);
	doc_free(d);
	diag_release(&dl);
}

/* A page reference may be in a note alone: it too gets its page. */
static void test_page_reference_in_a_note(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };
	struct style s;
	struct pages *p;
	char *filler = words(40, 'f');
	int tp;
	double y;

	(void)state;
	style_for_tests(&s);
	push_text(d, "marked^[see [](#page:section.end)]", 2);
	push_text(d, filler, 3);
	push_heading(d, "end", "2");
	doc_resolve_notes(d, &s.labels, &dl);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	tp = find(p, "end", NULL);
	assert_true(tp >= 1);
	assert_int_equal(find(p, "2]", &y), -1);   /* no stray text */
	{
		char want[24];

		snprintf(want, sizeof want, "page" NBSP "%d", tp + 1);
		assert_int_equal(find(p, want, &y), 0);
		assert_true(y > 300);   /* in the note at the foot */
	}
	layout_free(p);
	free(filler);
	doc_free(d);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes_are_numbered_in_reading_order),
		cmocka_unit_test(test_references_print_their_target),
		cmocka_unit_test(test_bad_references_name_their_line),
		cmocka_unit_test(test_note_sits_at_the_foot_of_its_markers_page),
		cmocka_unit_test(test_marker_is_raised_and_smaller),
		cmocka_unit_test(test_a_long_note_continues_on_the_next_page),
		cmocka_unit_test(test_page_reference_prints_the_targets_page),
		cmocka_unit_test(test_a_continued_note_marks_its_page),
		cmocka_unit_test(test_page_reference_in_a_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
