/* Unit tests for config_style.c and config_labels.c: [style] and [labels]
 * defaults, overrides and errors, each error asserted with its file, line
 * and text. */
#include "helpers.h"

#include <math.h>
#include <stdlib.h>

#include "briefing/input.h"

#define GOOD_HEAD                                                            \
	"[document]\ntitle = T\nmarking = NU\nas_of = 2018-11-29\n"               \
	"[data]\nm = ../data/m.ini\n[section.a]\ntitle = A\n1 = text m.s\n"
/* GOOD_HEAD is 9 lines: the section under test starts on line 10. */

static struct config *parse(const char *text, struct diag_list *dl)
{
	return config_parse(text, strlen(text), "cfg/b.ini", dl);
}

static void test_defaults_are_the_old_literals(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD, &dl);
	const struct style *s;

	(void)state;
	assert_non_null(c);
	s = &c->style;
	assert_true(s->heading_leading == 1.25);
	assert_true(s->cell_pad_x == 4 && s->cell_pad_y == 2.5);
	assert_true(s->chart_row_gap == 2.4 && s->chart_compact == 2);
	assert_true(fabs(s->heading_number_indent - 10 * 72 / 25.4) < 1e-9);
	assert_int_equal(s->cover_tile_columns, 4);
	assert_int_equal(s->cover_value_lines, 3);
	assert_true(s->marking_offset == 0.3);
	/* table breaks and cover tiles */
	assert_int_equal(s->table_keep_rows, 8);
	assert_int_equal(s->table_min_rows, 3);
	assert_true(s->cover_note_to_label);
	assert_string_equal(s->labels.continued, "(continued)");
	assert_string_equal(s->labels.page_number, "Page %d of %d");
	assert_string_equal(s->labels.as_of, "As of");
	assert_string_equal(s->labels.present, "present");
	assert_string_equal(s->labels.last_updated, "Last updated");
	assert_string_equal(s->labels.bullet, "\xE2\x80\xA2");
	assert_string_equal(s->labels.month_names[10], "November");
	config_free(c);
	diag_release(&dl);
}

static void test_style_and_labels_override(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD "[style]\nheading_leading = 1.5\n"
	                         "chart_level_gap = 25.4\ncover_tile_columns = 3\n"
	                         "[labels]\npage_number = \"Seite %d von %d\"\n"
	                         "continued = (Fortsetzung)\n"
	                         "sources_intro = \"Stand: %s. 100%% Quellen.\"\n"
	                         "month_names = Januar Februar M\xC3\xA4rz April "
	                         "Mai Juni Juli August September Oktober November "
	                         "Dezember\n", &dl);

	(void)state;
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_true(c->style.heading_leading == 1.5);
	/* an old chart key in mm still works, as a multiple of chart_size */
	assert_true(fabs(c->style.chart_row_gap - 72 / 8.5) < 1e-9);
	assert_true(has_diag(&dl, NULL, 0,
	                     "chart_level_gap is replaced by chart_row_gap"));
	assert_int_equal(c->style.cover_tile_columns, 3);
	assert_string_equal(c->style.labels.page_number, "Seite %d von %d");
	assert_string_equal(c->style.labels.continued, "(Fortsetzung)");
	assert_string_equal(c->style.labels.month_names[2], "M\xC3\xA4rz");
	/* untouched labels keep their defaults */
	assert_string_equal(c->style.labels.present, "present");
	config_free(c);
	diag_release(&dl);
}

static const struct bad_case bad_cases[] = {
	{ GOOD_HEAD "[style]\nbody_size = 10\nchart_margin = 500\n", 12,
	  "[style] chart_margin: 500 is out of range (0 to 144)" },
	{ GOOD_HEAD "[style]\ncover_tile_columns = 2.5\n", 11,
	  "[style] cover_tile_columns: '2.5' is not a whole number" },
	{ GOOD_HEAD "[style]\ntable_min_rows = 0\n", 11,
	  "[style] table_min_rows: 0 is out of range (1 to 1000)" },
	{ GOOD_HEAD "[style]\ntable_keep_rows = 2.5\n", 11,
	  "[style] table_keep_rows: '2.5' is not a whole number" },
	{ GOOD_HEAD "[style]\ncover_note_to_label = maybe\n", 11,
	  "[style] cover_note_to_label:" },
	{ GOOD_HEAD "[style]\ncell_pad = 3\n", 11,
	  "[style] cell_pad: unknown key (did you mean 'cell_pad_x'?)" },
	{ GOOD_HEAD "[labels]\npage_number = \"Page %s of %d\"\n", 11,
	  "[labels] page_number: 'Page %s of %d' must hold %d twice (page "
	  "number, page count) and no other conversion (write %% for a percent "
	  "sign)" },
	{ GOOD_HEAD "[labels]\npage_number = \"Page %d of %d%n\"\n", 11,
	  "[labels] page_number: 'Page %d of %d%n' must hold %d twice" },
	{ GOOD_HEAD "[labels]\npage_number = Page %d\n", 11,
	  "[labels] page_number: 'Page %d' must hold %d twice" },
	{ GOOD_HEAD "[labels]\npage_number = Page %5d of %d\n", 11,
	  "[labels] page_number: 'Page %5d of %d' must hold %d twice" },
	{ GOOD_HEAD "[labels]\npage_number = Page %d of %d %\n", 11,
	  "must hold %d twice" },
	{ GOOD_HEAD "[labels]\nsources_intro = \"As of %d\"\n", 11,
	  "[labels] sources_intro: 'As of %d' must hold %s once (the as-of "
	  "date)" },
	{ GOOD_HEAD "[labels]\nmonth_names = Jan Feb\n", 11,
	  "[labels] month_names: expected 12 names separated by spaces" },
	/* unquoted, '#' starts a comment: the colour is lost, not wrong */
	{ GOOD_HEAD "[style]\ntext_color = #1a1a1a\n", 11,
	  "[style] text_color: empty; an unquoted '#' starts a comment, so "
	  "quote the colour: text_color = \"#1a1a1a\" (the default)" },
	{ GOOD_HEAD "[style]\nheading_color =\n", 11,
	  "[style] heading_color: empty; an unquoted '#' starts a comment, so "
	  "quote the colour: heading_color = \"#003366\" (the default)" },
	{ GOOD_HEAD "[style]\nheading_color = \"#12\"\n", 11,
	  "[style] heading_color: '#12' is not a colour (#rrggbb)" },
	{ GOOD_HEAD "[labels]\ncontinud = x\n", 11,
	  "[labels] continud: unknown key (did you mean 'continued'?)" },
	/* ranges allow it, the page does not: an A4 measure is 166 mm */
	{ GOOD_HEAD "[page]\nmargin_left = 50\nmargin_right = 50\n"
	  "[style]\nlist_indent = 45\n", 14,
	  "[style] list_indent: indents of 90.0 mm leave 20.0 mm for text in a "
	  "measure of 110.0 mm; text keeps at least a quarter of the measure" },
	{ GOOD_HEAD "[style]\nheading_number_indent = 50\ncontents_level_indent = 100\n"
	  "contents_number_gap = 30\n", 12,
	  "[style] contents_level_indent: indents of 132.0 mm leave 34.0 mm" },
};

static void test_bad_style_and_labels_name_line_and_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct diag_list dl = { 0 };
		struct config *c = parse(bad_cases[i].text, &dl);

		if (c)
			printf("case %zu parsed\n", i);
		assert_null(c);
		assert_diag(&dl, "cfg/b.ini", bad_cases[i].line, bad_cases[i].message);
		diag_release(&dl);
	}
}

static void test_long_label_is_refused(void **state)
{
	struct diag_list dl = { 0 };
	char text[600];
	char big[LABEL_MAX + 1];

	(void)state;
	memset(big, 'x', LABEL_MAX);
	big[LABEL_MAX] = '\0';
	snprintf(text, sizeof text, GOOD_HEAD "[labels]\npresent = %s\n", big);
	assert_null(parse(text, &dl));
	assert_diag(&dl, "cfg/b.ini", 11, "[labels] present: 160 bytes long; the "
	            "limit is 159");
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_the_old_literals),
		cmocka_unit_test(test_style_and_labels_override),
		cmocka_unit_test(test_bad_style_and_labels_name_line_and_key),
		cmocka_unit_test(test_long_label_is_refused),
	};

	return cmocka_run_group_tests_name("config_style", tests, NULL, NULL);
}
