/* Unit tests for page geometry: custom page sizes and section starts and
 * orientations as config reads them (config_geometry.c), and as layout
 * sets them (sections.c): new and odd starts, blank versos, turned
 * sections, the cover's page number. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/base/xalloc.h"
#include "briefing/doc.h"
#include "briefing/input.h"
#include "briefing/layout.h"

#define MM (72.0 / 25.4)
#define HEAD                                                                 \
	"[document]\ntitle = T\nmarking = \"NATO UNCLASSIFIED\"\n"               \
	"as_of = 2018-11-29\n[data]\nm = ../data/m.ini\n"
#define ONE_SECTION "[section.a]\ntitle = A\n1 = text m.summary\n"

static struct config *parse(const char *text, struct diag_list *dl)
{
	return config_parse(text, strlen(text), "cfg/g.ini", dl);
}

static bool near(double a, double b)
{
	return a > b - 0.01 && a < b + 0.01;
}

/* ---- config ---- */

static void test_custom_sizes_in_every_unit(void **state)
{
	static const struct {
		const char *value, *orient;
		double w, h;
	} cases[] = {
		{ "297 x 167 mm", NULL, 297 * MM, 167 * MM },
		{ "297x167mm", NULL, 297 * MM, 167 * MM },
		{ "25.4 X 12.7 cm", NULL, 720, 360 },
		{ "11 \xC3\x97 8.5 in", NULL, 792, 612 },
		{ "842 x 473.4 pt", NULL, 842, 473.4 },
		/* an orientation puts the long side across or down */
		{ "297 x 167 mm", "portrait", 167 * MM, 297 * MM },
		{ "167 x 297 mm", "landscape", 297 * MM, 167 * MM },
		{ "A4", "landscape", 841.89, 595.276 },
		{ "a3", NULL, 841.89, 1190.551 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag_list dl = { 0 };
		char *text = xasprintf(HEAD "[page]\nsize = %s\n%s%s%s" ONE_SECTION,
		                       cases[i].value,
		                       cases[i].orient ? "orientation = " : "",
		                       cases[i].orient ? cases[i].orient : "",
		                       cases[i].orient ? "\n" : "");
		struct config *c = parse(text, &dl);

		if (!c)
			dump_diags(&dl);
		assert_non_null(c);
		if (!near(c->style.page_width, cases[i].w) ||
		    !near(c->style.page_height, cases[i].h))
			printf("case %zu: %s: %g x %g\n", i, cases[i].value,
			       c->style.page_width, c->style.page_height);
		assert_true(near(c->style.page_width, cases[i].w));
		assert_true(near(c->style.page_height, cases[i].h));
		config_free(c);
		diag_release(&dl);
		free(text);
	}
}

static const struct bad_case bad_cases[] = {
	{ HEAD "[page]\nsize = 10 x 10 mm\n" ONE_SECTION, 8,
	  "[page] size: the width 10 mm is 10 mm; a page side is 50 to 2000 mm" },
	{ HEAD "[page]\nsize = 297 x 20 mm\n" ONE_SECTION, 8,
	  "[page] size: the height 20 mm is 20 mm" },
	{ HEAD "[page]\nsize = 100 x 90 in\n" ONE_SECTION, 8,
	  "[page] size: the width 100 in is 2540 mm" },
	{ HEAD "[page]\nsize = 297 x\n" ONE_SECTION, 8,
	  "[page] size: '297 x' is not one of: a4, letter, a3, legal, or WIDTH "
	  "x HEIGHT with a unit (e.g. '297 x 167 mm')" },
	{ HEAD "[page]\nsize = 297 x 167\n" ONE_SECTION, 8,
	  "[page] size: '297 x 167' is not one of" },
	{ HEAD "[page]\nsize = a5\n" ONE_SECTION, 8,
	  "[page] size: 'a5' is not one of" },
	{ HEAD "[page]\nsize = 297 x 167 furlongs\n" ONE_SECTION, 8,
	  "[page] size: unknown unit 'furlongs' (write mm, cm, in or pt)" },
	{ HEAD "[page]\nsize = -297 x 167 mm\n" ONE_SECTION, 8,
	  "is not one of" },
	{ HEAD "[page]\nsize = 60 x 60 mm\n" ONE_SECTION, 7,
	  "[page] margins leave less than 25 mm x 50 mm for text on a 60 x 60 "
	  "mm page" },
	{ HEAD "[page]\nsection_start = soon\n" ONE_SECTION, 8,
	  "[page] section_start: 'soon' is not one of: continue, new, odd" },
	{ HEAD ONE_SECTION "orientation = sideways\n", 10,
	  "[section.a] orientation: 'sideways' is not one of: portrait, "
	  "landscape" },
	{ HEAD ONE_SECTION "start = maybe\n", 10,
	  "[section.a] start: 'maybe' is not one of: continue, new, odd" },
	{ HEAD "[cover]\npage_number = perhaps\n" ONE_SECTION, 8,
	  "[cover] page_number: 'perhaps'" },
	{ HEAD "[page]\nrepeat_heading = twice\n" ONE_SECTION, 8,
	  "[page] repeat_heading: 'twice'" },
};

static void test_bad_geometry_names_line_and_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct diag_list dl = { 0 };
		struct config *c = parse(bad_cases[i].text, &dl);

		if (c || !has_diag(&dl, "cfg/g.ini", bad_cases[i].line,
		                   bad_cases[i].message))
			printf("case %zu\n", i);
		assert_null(c);
		assert_diag(&dl, "cfg/g.ini", bad_cases[i].line, bad_cases[i].message);
		diag_release(&dl);
	}
}

/* [page] section_start and subsection_start are the defaults; a
 * section's own start wins; a level-2 section stands as its level-1
 * section does unless it says otherwise, and the next level-1 section
 * stands as the page does again. */
static void test_section_geometry_resolves_defaults(void **state)
{
	static const char text[] = HEAD
		"[page]\nsection_start = odd\nsubsection_start = new\n"
		"[section.a]\ntitle = A\n"
		"[section.b]\ntitle = B\nlevel = 2\nstart = continue\n"
		"[section.annex]\ntitle = Annex\norientation = landscape\n"
		"start = new\n"
		"[section.annex-a]\ntitle = Annex A\nlevel = 2\n"
		"[section.annex-b]\ntitle = Annex B\nlevel = 2\n"
		"orientation = portrait\n"
		"[section.z]\ntitle = Z\n[cover]\npage_number = yes\n";
	struct diag_list dl = { 0 };
	struct config *c = parse(text, &dl);

	(void)state;
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_int_equal(c->sections_len, 6);
	assert_int_equal(c->sections[0].start, PAGE_START_ODD);
	assert_int_equal(c->sections[1].start, PAGE_START_CONTINUE);
	assert_int_equal(c->sections[2].start, PAGE_START_NEW);
	assert_int_equal(c->sections[3].start, PAGE_START_NEW);
	assert_int_equal(c->sections[0].orient, PAGE_ORIENT_DEFAULT);
	assert_int_equal(c->sections[2].orient, PAGE_ORIENT_LANDSCAPE);
	assert_int_equal(c->sections[3].orient, PAGE_ORIENT_LANDSCAPE);
	assert_int_equal(c->sections[4].orient, PAGE_ORIENT_PORTRAIT);
	assert_int_equal(c->sections[5].orient, PAGE_ORIENT_DEFAULT);
	assert_true(c->style.cover_page_number);
	config_free(c);
	diag_release(&dl);
}

/* ---- layout ---- */

static void test_style(struct style *s)
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
	s->justify = false;
}

static struct doc_heading *push_heading(struct doc *d, const char *title,
                                        enum page_start start,
                                        enum page_orient orient)
{
	struct doc_heading *h = &doc_append(d, DOC_HEADING, "g.ini", 3)->u.heading;

	h->level = 1;
	h->title = xstrdup(title);
	h->start = start;
	h->orient = orient;
	return h;
}

static void push_text(struct doc *d, const char *text)
{
	doc_append(d, DOC_PARAGRAPH, "g.ini", 4)->u.paragraph.text = xstrdup(text);
}

/* The page the first run that starts with s is on, or -1. */
static int page_of(const struct pages *p, const char *s)
{
	for (size_t i = 0; i < p->len; i++)
		for (size_t k = 0; k < p->items[i].len; k++) {
			const struct box *b = &p->items[i].boxes[k];

			if (b->kind == BOX_TEXT && b->len >= strlen(s) &&
			    memcmp(b->text, s, strlen(s)) == 0)
				return (int)i;
		}
	return -1;
}

static size_t text_runs(const struct page *pg)
{
	size_t n = 0;

	for (size_t k = 0; k < pg->len; k++)
		n += pg->boxes[k].kind == BOX_TEXT;
	return n;
}

/* new starts the next page; continue stays; odd skips to an odd page,
 * leaving a blank verso that prints the two markings and nothing else;
 * a section directly under another heading starts no page of its own. */
static void test_sections_start_new_and_odd_pages(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "MARK", "1 January 2020");
	struct diag_list dl = { 0 };
	struct pages *p;

	(void)state;
	test_style(&s);
	push_heading(d, "First", PAGE_START_NEW, PAGE_ORIENT_DEFAULT);
	push_text(d, "alpha");
	push_heading(d, "Second", PAGE_START_CONTINUE, PAGE_ORIENT_DEFAULT);
	push_text(d, "beta");
	push_heading(d, "Third", PAGE_START_NEW, PAGE_ORIENT_DEFAULT);
	push_text(d, "gamma");
	push_heading(d, "Fourth", PAGE_START_ODD, PAGE_ORIENT_DEFAULT);
	push_heading(d, "Fifth", PAGE_START_NEW, PAGE_ORIENT_DEFAULT);
	push_text(d, "delta");
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(page_of(p, "T"), 0);
	assert_int_equal(page_of(p, "First"), 1);
	assert_int_equal(page_of(p, "Second"), 1);
	assert_int_equal(page_of(p, "Third"), 2);
	/* page 4 (index 3) is the blank verso */
	assert_int_equal(page_of(p, "Fourth"), 4);
	assert_int_equal(page_of(p, "Fifth"), 4);
	assert_int_equal(p->len, 5);
	assert_int_equal(text_runs(&p->items[3]), 2);
	assert_int_equal(page_of(p, "Page 4 of 5"), -1);
	assert_int_equal(page_of(p, "Page 5 of 5"), 4);
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* A turned section has pages of its own with width and height swapped,
 * its text set to the turned measure, and its running footer at the
 * turned page's right margin; the next section stands upright again. */
static void test_turned_section_has_pages_of_its_own(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "MARK", "1 January 2020");
	struct diag_list dl = { 0 };
	struct pages *p;
	/* 60 characters: 300 pt at 10 pt, wider than the upright measure
	 * (200 pt), narrower than the turned one (300 pt) */
	char wide[61];

	(void)state;
	memset(wide, 'w', 60);
	wide[60] = '\0';
	test_style(&s);
	push_heading(d, "Upright", PAGE_START_DEFAULT, PAGE_ORIENT_DEFAULT);
	push_text(d, "alpha");
	push_heading(d, "Annex", PAGE_START_DEFAULT, PAGE_ORIENT_LANDSCAPE);
	push_text(d, wide);
	/* 24 lines of one 200 pt word each: 240 pt, more than the turned
	 * page's 200 pt of text height, less than the upright page's 300 */
	for (int i = 0; i < 24; i++) {
		char word[41];

		memset(word, 'a' + i, 40);
		word[40] = '\0';
		push_text(d, word);
	}
	push_heading(d, "Back", PAGE_START_DEFAULT, PAGE_ORIENT_PORTRAIT);
	p = layout_run(d, &s, &fake_metrics, &dl);
	assert_non_null(p);
	assert_int_equal(p->len, 4);
	assert_int_equal(page_of(p, "Annex"), 1);
	assert_int_equal(page_of(p, "xxxxxxxx"), 2);
	assert_int_equal(page_of(p, "Back"), 3);
	assert_true(p->items[0].width == 300 && p->items[0].height == 400);
	assert_true(p->items[1].width == 400 && p->items[1].height == 300);
	assert_true(p->items[2].width == 400 && p->items[2].height == 300);
	assert_true(p->items[3].width == 300 && p->items[3].height == 400);
	/* one line: the wide word was not cut for the upright measure */
	for (size_t k = 0; k < p->items[1].len; k++) {
		const struct box *b = &p->items[1].boxes[k];

		if (b->kind == BOX_TEXT && b->text[0] == 'w')
			assert_int_equal(b->len, 60);
		if (b->kind == BOX_TEXT && memcmp(b->text, "Page", 4) == 0)
			assert_true(near(b->x + b->w, 400 - 50));
	}
	assert_int_equal(layout_check(p, &s), 0);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* Contents set on a turned page put their page numbers at its right
 * margin, not the upright page's. */
static void test_contents_on_a_turned_page_span_it(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "MARK", "1 January 2020");
	struct diag_list dl = { 0 };
	struct pages *p;
	struct doc_contents *c;
	bool found = false;

	(void)state;
	test_style(&s);
	push_heading(d, "Annex", PAGE_START_DEFAULT, PAGE_ORIENT_LANDSCAPE);
	c = &doc_append(d, DOC_CONTENTS, "g.ini", 5)->u.contents;
	c->len = 1;
	c->entries = xcalloc(1, sizeof *c->entries);
	c->entries[0].title = xstrdup("Annex");
	c->entries[0].number = xstrdup("");
	c->entries[0].level = 1;
	c->entries[0].ref = 0;
	p = layout_run(d, &s, &fake_metrics, &dl);
	if (!p)
		dump_diags(&dl);
	assert_non_null(p);
	assert_int_equal(p->len, 2);
	for (size_t k = 0; k < p->items[1].len; k++) {
		const struct box *b = &p->items[1].boxes[k];

		if (b->kind == BOX_TEXT && b->len == 1 && b->text[0] == '2') {
			assert_true(near(b->x + b->w, 400 - 50));
			found = true;
		}
	}
	assert_true(found);
	layout_free(p);
	doc_free(d);
	diag_release(&dl);
}

/* With repeat_heading, a page that continues a section starts with its
 * heading again and "(continued)" after it, above the text, which moves
 * down to make room; a page where a section starts repeats nothing, nor
 * does any page without the key. */
static void test_continued_section_repeats_its_heading(void **state)
{
	(void)state;
	for (int on = 0; on < 2; on++) {
		struct style s;
		struct doc *d = doc_new("T", "MARK", "1 January 2020");
		struct diag_list dl = { 0 };
		struct pages *p;
		double heading_y = -1, label_y = -1, text_y = 1e9;

		test_style(&s);
		s.repeat_heading = on;
		push_heading(d, "Long", PAGE_START_DEFAULT, PAGE_ORIENT_DEFAULT);
		/* 40 lines of 200 pt words: over a page (300 pt) */
		for (int i = 0; i < 40; i++) {
			char word[41];

			memset(word, 'a' + i % 20, 40);
			word[40] = '\0';
			push_text(d, word);
		}
		push_heading(d, "Next", PAGE_START_NEW, PAGE_ORIENT_DEFAULT);
		push_text(d, "zeta");
		p = layout_run(d, &s, &fake_metrics, &dl);
		assert_non_null(p);
		assert_true(p->len >= 3);
		for (size_t k = 0; k < p->items[1].len; k++) {
			const struct box *b = &p->items[1].boxes[k];

			if (b->kind != BOX_TEXT)
				continue;
			if (b->len == 4 && memcmp(b->text, "Long", 4) == 0)
				heading_y = b->y;
			if (b->len == strlen(s.labels.continued) &&
			    memcmp(b->text, s.labels.continued, b->len) == 0)
				label_y = b->y;
			if (b->len == 40 && b->y < text_y)
				text_y = b->y;
		}
		if (on) {
			assert_true(heading_y > 50 && heading_y < 50 + s.heading1_size * 1.5);
			assert_true(near(label_y, heading_y));
			assert_true(text_y > heading_y + s.heading1_size);
		} else {
			assert_true(heading_y < 0 && label_y < 0);
			assert_true(text_y < 50 + 10 + 1e-3);
		}
		/* the page where "Next" starts has no repeat of "Long" */
		assert_int_equal(page_of(p, "Next"), (int)p->len - 1);
		for (size_t k = 0; k < p->items[p->len - 1].len; k++) {
			const struct box *b = &p->items[p->len - 1].boxes[k];

			assert_false(b->kind == BOX_TEXT && b->len == 4 &&
			             memcmp(b->text, "Long", 4) == 0);
		}
		assert_int_equal(layout_check(p, &s), 0);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A table that runs over a page under a repeated heading: the heading
 * first, then the table's "(continued)" line and header row, each below
 * the one before; without repeat_heading only the table's. */
static void test_repeated_heading_sits_above_a_continued_table(void **state)
{
	(void)state;
	for (int on = 0; on < 2; on++) {
		struct style s;
		struct doc *d = doc_new("T", "MARK", "1 January 2020");
		struct diag_list dl = { 0 };
		struct pages *p;
		struct doc_table *t;
		double heading_y = -1, cont_y = -1, header_y = -1;

		test_style(&s);
		s.repeat_heading = on;
		push_heading(d, "Roll", PAGE_START_DEFAULT, PAGE_ORIENT_DEFAULT);
		t = &doc_append(d, DOC_TABLE, "g.ini", 6)->u.table;
		t->cols = 1;
		t->rows = 60;
		t->columns = xcalloc(1, sizeof *t->columns);
		t->columns[0].title = xstrdup("Name");
		t->columns[0].width = -1;
		t->cells = xcalloc(60, sizeof *t->cells);
		for (size_t r = 0; r < 60; r++)
			t->cells[r] = xasprintf("row%zu", r + 1);
		p = layout_run(d, &s, &fake_metrics, &dl);
		if (!p)
			dump_diags(&dl);
		assert_non_null(p);
		assert_true(p->len >= 2);
		for (size_t k = 0; k < p->items[1].len; k++) {
			const struct box *b = &p->items[1].boxes[k];

			if (b->kind != BOX_TEXT)
				continue;
			if (b->len == 4 && memcmp(b->text, "Roll", 4) == 0)
				heading_y = b->y;
			if (b->len > 4 && memcmp(b->text, "(continued)", 11) == 0)
				cont_y = b->y;
			if (b->len == 4 && memcmp(b->text, "Name", 4) == 0)
				header_y = b->y;
		}
		assert_true(cont_y > 0 && header_y > cont_y);
		if (on)
			assert_true(heading_y > 0 && cont_y > heading_y);
		else
			assert_true(heading_y < 0);
		assert_int_equal(layout_check(p, &s), 0);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

/* A turned page with no room for text is an error at the section's
 * line, not a page of overlapping boxes. */
static void test_turned_page_too_small_is_an_error(void **state)
{
	struct style s;
	struct doc *d = doc_new("T", "MARK", "1 January 2020");
	struct diag_list dl = { 0 };

	(void)state;
	test_style(&s);
	s.page_width = 220;    /* turned: 120 pt of text height */
	push_heading(d, "Turned", PAGE_START_DEFAULT, PAGE_ORIENT_LANDSCAPE);
	push_text(d, "alpha");
	assert_null(layout_run(d, &s, &fake_metrics, &dl));
	assert_diag(&dl, "g.ini", 3, "the turned page leaves");
	doc_free(d);
	diag_release(&dl);
}

/* [cover] page_number prints "Page 1 of N" on the cover; without it
 * the cover has no number. */
static void test_cover_page_number(void **state)
{
	(void)state;
	for (int on = 0; on < 2; on++) {
		struct style s;
		struct doc *d = doc_new("T", "MARK", "1 January 2020");
		struct diag_list dl = { 0 };
		struct pages *p;

		test_style(&s);
		s.cover_page_number = on;
		doc_append(d, DOC_COVER, "g.ini", 2);
		push_heading(d, "First", PAGE_START_DEFAULT, PAGE_ORIENT_DEFAULT);
		p = layout_run(d, &s, &fake_metrics, &dl);
		if (!p)
			dump_diags(&dl);
		assert_non_null(p);
		assert_int_equal(p->len, 2);
		assert_int_equal(page_of(p, "Page 1 of 2"), on ? 0 : -1);
		assert_int_equal(page_of(p, "Page 2 of 2"), 1);
		layout_free(p);
		doc_free(d);
		diag_release(&dl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_custom_sizes_in_every_unit),
		cmocka_unit_test(test_bad_geometry_names_line_and_key),
		cmocka_unit_test(test_section_geometry_resolves_defaults),
		cmocka_unit_test(test_sections_start_new_and_odd_pages),
		cmocka_unit_test(test_turned_section_has_pages_of_its_own),
		cmocka_unit_test(test_contents_on_a_turned_page_span_it),
		cmocka_unit_test(test_continued_section_repeats_its_heading),
		cmocka_unit_test(test_repeated_heading_sits_above_a_continued_table),
		cmocka_unit_test(test_turned_page_too_small_is_an_error),
		cmocka_unit_test(test_cover_page_number),
	};

	return cmocka_run_group_tests_name("geometry", tests, NULL, NULL);
}
