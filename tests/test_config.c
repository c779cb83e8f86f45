/* Unit tests for config.c: a fixture config loads from disk, and each kind of bad
 * config gets a diagnostic naming file, line and key. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/input.h"

/* Unit tests read fixtures only, never the shipped config/ or data/. */
#define FIXTURE_CONFIG "tests/fixtures/config/mission.ini"

#define GOOD_HEAD                                                            \
	"[document]\ntitle = T\nmarking = \"NATO UNCLASSIFIED\"\n"               \
	"as_of = 2018-11-29\n[data]\nm = ../data/m.ini\n"
#define ONE_SECTION "[section.a]\ntitle = A\n1 = text m.summary\n"

static struct config *parse(const char *text, struct diag_list *dl)
{
	return config_parse(text, strlen(text), "cfg/b.ini", dl);
}

/* A config file on disk (tests/fixtures/config/mission.ini) loads, and the
 * paths it names resolve against its own directory. */
static void test_fixture_config_loads(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = config_load(FIXTURE_CONFIG, &dl);

	(void)state;
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(c->marking, "FIXTURE ONLY");
	assert_string_equal(c->as_of, "2020-02-29");
	assert_int_equal(c->sections_len, 5);
	assert_string_equal(c->data_files[0], "tests/fixtures/config/../data/alpha.ini");
	assert_string_equal(c->data_files[1], "tests/fixtures/config/../data/beta.ini");
	assert_string_equal(c->fonts[FACE_BOLD], "tests/fixtures/config/../fonts/Bold.ttf");
	assert_non_null(config_table_for(c, "alpha.people"));
	config_free(c);
	diag_release(&dl);
}

static void test_minimal_config_gets_defaults(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD ONE_SECTION, &dl);

	(void)state;
	assert_non_null(c);
	assert_true(c->style.page_width > 595 && c->style.page_width < 596);
	assert_string_equal(c->fonts[FACE_REGULAR], "DejaVu Sans");
	assert_int_equal(c->sections[0].len, 1);
	assert_int_equal(c->sections[0].blocks[0].kind, BLOCK_TEXT);
	assert_string_equal(c->sections[0].blocks[0].fact, "m.summary");
	assert_string_equal(c->data_files[0], "cfg/../data/m.ini");
	config_free(c);
	diag_release(&dl);
}

/* A section with no blocks prints only its title: a warning, unless
 * level-2 sections follow as its parts. The per-fact sections are
 * recorded with the block and fact kinds the model checks them by. */
static void test_empty_sections_warn_and_fact_sections_are_recorded(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD
	                         "[section.part]\ntitle = Part\n"           /* 7 */
	                         "[section.sub]\ntitle = Sub\nlevel = 2\n"
	                         "1 = text m.summary\n"
	                         "[section.sub2]\ntitle = S\nlevel = 2\n"   /* 13 */
	                         "[table.m.people]\n1 = name | Name\n"      /* 16 */
	                         "[orgchart.m.chain]\ncaption = C\n"
	                         "[section.empty]\ntitle = E\n",           /* 20 */
	                         &dl);

	(void)state;
	assert_non_null(c);
	assert_int_equal(dl.errors, 0);
	assert_false(has_diag(&dl, "cfg/b.ini", 7, "no blocks"));
	assert_diag(&dl, "cfg/b.ini", 20, "[section.empty]: no blocks, so it "
	            "prints only its title; add e.g. '1 = text mission.summary'");
	assert_diag(&dl, "cfg/b.ini", 13, "[section.sub2]: no blocks");
	assert_int_equal(dl.len, 2);
	assert_int_equal(c->fact_sections_len, 2);
	assert_string_equal(c->fact_sections[0].kind, "table");
	assert_string_equal(c->fact_sections[0].fact, "m.people");
	assert_int_equal(c->fact_sections[0].block, BLOCK_TABLE);
	assert_int_equal(c->fact_sections[0].fact_kind, FACT_TABLE);
	assert_int_equal(c->fact_sections[0].line, 16);
	assert_string_equal(c->fact_sections[1].kind, "orgchart");
	assert_int_equal(c->fact_sections[1].fact_kind, FACT_ORGCHART);
	config_free(c);
	diag_release(&dl);
	/* a section whose only block is refused has its error, not also
	 * the warning */
	assert_null(parse(GOOD_HEAD "[section.a]\ntitle = A\n"
	                  "1 = text a b\n", &dl));
	assert_diag(&dl, "cfg/b.ini", 9, "is not a fact name");
	assert_false(has_diag(&dl, "cfg/b.ini", 0, "no blocks"));
	diag_release(&dl);
}

static void test_letter_landscape_and_margins_in_mm(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD "[page]\nsize = Letter\norientation = "
	                         "landscape\nmargin_left = 25.4\n" ONE_SECTION, &dl);

	(void)state;
	assert_non_null(c);
	assert_true(c->style.page_width == 792 && c->style.page_height == 612);
	assert_true(c->style.margin_left > 71.99 && c->style.margin_left < 72.01);
	config_free(c);
	diag_release(&dl);
}

static const struct bad_case bad_cases[] = {
	/* a data file named twice: its facts would all be "already defined" */
	{ GOOD_HEAD "n = ../data/m.ini\n" ONE_SECTION, 7,
	  "[data] n: '../data/m.ini' is named already by 'm' (line 6)" },
	/* hostile values */
	{ GOOD_HEAD "[style]\nbody_size = nan\n" ONE_SECTION, 8,
	  "[style] body_size: 'nan' is not a number" },
	{ GOOD_HEAD "[page]\nmargin_top = inf\n" ONE_SECTION, 8,
	  "[page] margin_top: 'inf' is not a number" },
	{ GOOD_HEAD "[cover]\n1 = m.figures 2147483648\n" ONE_SECTION, 8,
	  "[cover] 1: item number '2147483648' is out of range (1 to 1000000)" },
	{ GOOD_HEAD "[cover]\n1 = m.figures 99999999999999999999\n" ONE_SECTION, 8,
	  "[cover] 1: item number '99999999999999999999' is out of range" },
	{ GOOD_HEAD ONE_SECTION "2 = text m.b\n02 = text m.c\n", 11,
	  "[section.a] 02: same number as key '2' (cfg/b.ini:10)" },
	{ GOOD_HEAD "[table.m.t]\n1 = a | A | left | nan*\n" ONE_SECTION, 8,
	  "[table.m.t] 1: width 'nan*' is not a length" },
	{ GOOD_HEAD "[section.b]\ntitle = \"x\xe2\x80\xad\"\n" ONE_SECTION, 8,
	  "[section.b] title: bidirectional control character U+202D in the value" },
	{ "[document]\ntitle = T\nmarking = NU\nas_of = 2018-11-29\n"
	  "link_schemes = \"https 9p\"\n[data]\nm = m.ini\n" ONE_SECTION, 5,
	  "[document] link_schemes: '9p' is not a scheme name" },
	{ GOOD_HEAD "[page]\nsize = \"A4\" x\n" ONE_SECTION, 8,
	  "[page] size: text after the closing quote: 'x'" },
	{ GOOD_HEAD "[pgae]\nsize = A4\n" ONE_SECTION, 7,
	  "unknown section [pgae] (did you mean [page])" },
	{ GOOD_HEAD "[page]\nmargn_top = 20\n" ONE_SECTION, 8,
	  "[page] margn_top: unknown key (did you mean 'margin_top'?)" },
	{ GOOD_HEAD "[page]\nsize = A5\n" ONE_SECTION, 8,
	  "[page] size: 'A5' is not one of: a4, letter, a3, legal" },
	{ GOOD_HEAD "[page]\nmargin_top = -3\n" ONE_SECTION, 8,
	  "[page] margin_top: -3 is out of range (0 to 200)" },
	{ GOOD_HEAD "[page]\nmargin_left = 150\nmargin_right = 150\n" ONE_SECTION,
	  7, "[page] margins leave less than" },
	{ GOOD_HEAD "[style]\nbody_size = big\n" ONE_SECTION, 8,
	  "[style] body_size: 'big' is not a number" },
	{ GOOD_HEAD "[style]\ntext_color = \"#12345\"\n" ONE_SECTION, 8,
	  "[style] text_color: '#12345' is not a colour (#rrggbb)" },
	{ "[document]\ntitle = T\nmarking = NU\nas_of = 2018-02-30\n[data]\n"
	  "m = x.ini\n" ONE_SECTION, 4,
	  "[document] as_of: '2018-02-30' is not a date (YYYY-MM-DD, or "
	  "YYYY-MM-DDThh:mmZ): 2018 February has 28 days" },
#define DOC_HEAD "[document]\ntitle = T\nmarking = NU\n"
#define DATA_TAIL "[data]\nm = m.ini\n" ONE_SECTION
	{ DOC_HEAD "as_of = 2018-11-29T13:53+05:30\n" DATA_TAIL, 4,
	  "[document] as_of: '2018-11-29T13:53+05:30' is not a date "
	  "(YYYY-MM-DD, or YYYY-MM-DDThh:mmZ): no NATO zone letter for +05:30" },
	{ DOC_HEAD "as_of = 2018-11-29\ndate_format = d MMM yyy\n" DATA_TAIL, 5,
	  "[document] date_format: 'd MMM yyy': 'yyy' is not a date token" },
	{ DOC_HEAD "as_of = 2018-11-29\ncover_date_format = dtg\n" DATA_TAIL, 5,
	  "[document] cover_date_format: 'dtg' prints a time, and as_of gives "
	  "none (write as_of = 2018-11-29Thh:mmZ)" },
	{ DOC_HEAD "as_of = 2018-11-29T13:53Z\nsources_date_format = HH:mm\n"
	  DATA_TAIL, 5,
	  "[document] sources_date_format: 'HH:mm' prints a time, and a "
	  "source's dates have none" },
	{ DOC_HEAD "as_of = 2018-11-29\nedition = 2b\n" DATA_TAIL, 5,
	  "[document] edition: '2b' is neither a number (1 to 9999) nor one or "
	  "two capital letters" },
	{ DOC_HEAD "as_of = 2018-11-29\nversion = 1..2\n" DATA_TAIL, 5,
	  "[document] version: '1..2' is not a version such as 1, 2.1 or 2.0.3" },
	{ DOC_HEAD "as_of = 2018-11-29\nreference = \"a;b\"\n" DATA_TAIL, 5,
	  "[document] reference: 'a;b': at most 64 letters" },
	{ GOOD_HEAD "[table.m.t]\ndate_format = dtg\n1 = a | A\n" ONE_SECTION, 8,
	  "[table.m.t] date_format: 'dtg' prints a time, and a table's dates "
	  "have none" },
	{ GOOD_HEAD "[table.m.t]\ndate_format = longish\n1 = a | A\n"
	  ONE_SECTION, 8,
	  "[table.m.t] date_format: 'longish': 'longish' is not a date token" },
	{ GOOD_HEAD "[labels]\nmonth_short = a b c\n" ONE_SECTION, 8,
	  "[labels] month_short: expected 12 names separated by spaces" },
	{ "[document]\ntitle = T\nmarking = SECRETISH\nas_of = 2018-01-01\n"
	  "[data]\nm = x.ini\n" ONE_SECTION, 3, "[document] marking: "
	  "'SECRETISH' is not a level of the classification scheme (NU, NR, "
	  "NC, NS, CTS)" },
	{ GOOD_HEAD "[classification]\n1 = \"LOW\"\n" ONE_SECTION, 8,
	  "[classification] 1: expected 'BANNER | ABBREVIATION'" },
	{ GOOD_HEAD "[classification]\nrelease_level = XX\n" ONE_SECTION, 8,
	  "[classification] release_level: unknown classification level 'XX' "
	  "(levels: NU, NR, NC, NS, CTS)" },
	{ GOOD_HEAD "[classification]\ncaveat_format = \"REL %d\"\n"
	  ONE_SECTION, 8, "[classification] caveat_format: 'REL %d' needs "
	  "exactly one %s" },
	{ GOOD_HEAD "[section.a]\ntitle = A\n1 = txet m.summary\n", 9,
	  "[section.a] 1: unknown block type 'txet' (did you mean 'text'?)" },
	{ GOOD_HEAD "[section.a]\ntitle = A\n1 = text\n", 9,
	  "[section.a] 1: block 'text' needs a fact name" },
	{ GOOD_HEAD "[section.a]\n1 = text m.x\n", 7,
	  "[section.a] title: required key is missing" },
	{ GOOD_HEAD "[section.a]\ntitle = A\nlevel = 2\n", 7,
	  "a level-2 section cannot come before the first level-1 section" },
	{ GOOD_HEAD ONE_SECTION "[table.m.t]\n1 = x | X | middle\n", 11,
	  "[table.m.t] 1: alignment 'middle' is not one of" },
	{ GOOD_HEAD ONE_SECTION "[table.m.t]\n1 = x | X | left | wide\n", 11,
	  "[table.m.t] 1: width 'wide' is not a length in mm" },
	{ GOOD_HEAD ONE_SECTION "[table.m.t]\n2.1 = x | X\n", 11,
	  "[table.m.t] 2.1: column keys are whole numbers" },
	{ GOOD_HEAD "[section.a]\ntitle = A\n1.5 = text m.x\n", 9,
	  "[section.a] 1.5: block keys are whole numbers" },
	{ GOOD_HEAD, 0, "no [section.NAME] sections" },
	{ GOOD_HEAD "[hyphenation]\nexceptions = \"NATO, Pris--tina\"\n"
	  ONE_SECTION, 8, "[hyphenation] exceptions: 'Pris--tina' is not a word" },
	{ GOOD_HEAD "[hyphenation]\nleft_min = 2.5\n" ONE_SECTION, 8,
	  "[hyphenation] left_min: '2.5' is not a whole number" },
	{ GOOD_HEAD "[hyphenation]\nenabled = maybe\n" ONE_SECTION, 8,
	  "[hyphenation] enabled:" },
	{ GOOD_HEAD "[hyphenation]\nlanguage = de\n" ONE_SECTION, 8,
	  "[hyphenation] language: unknown key" },
	/* captions */
	{ GOOD_HEAD ONE_SECTION "[table.m.t]\ncaption_position = top\n"
	  "1 = x | X\n", 11, "[table.m.t] caption_position: 'top' is not one "
	  "of: above, below" },
	{ GOOD_HEAD ONE_SECTION "[orgchart.m.c]\ncaption_position = under\n",
	  11, "[orgchart.m.c] caption_position: 'under' is not one of: above, "
	  "below" },
	{ GOOD_HEAD ONE_SECTION "[orgchart.m.c]\ncaptoin = C\n", 11,
	  "[orgchart.m.c] captoin: unknown key (did you mean 'caption'?)" },
	{ GOOD_HEAD "[style]\nfigure_caption_position = left\n" ONE_SECTION, 8,
	  "[style] figure_caption_position: 'left' is not one of: above, below" },
	{ GOOD_HEAD "[section.a]\ntitle = A\n1 = list_of_figures m.c\n", 9,
	  "[section.a] 1: 'list_of_figures' takes no fact name" },
	{ GOOD_HEAD "[section.a]\ntitle = A\n1 = list_of_tabels\n", 9,
	  "[section.a] 1: unknown block type 'list_of_tabels' (did you mean "
	  "'list_of_tables'?)" },
};

/* [orgchart.FACT], caption_position and the caption placement keys. */
static void test_caption_settings(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD ONE_SECTION, &dl);

	(void)state;
	assert_non_null(c);
	assert_false(c->style.table_caption_below);    /* tables above */
	assert_true(c->style.figure_caption_below);    /* figures below */
	assert_string_equal(c->style.labels.figure, "Figure");
	assert_string_equal(c->style.labels.table, "Table");
	assert_string_equal(c->style.labels.caption_separator,
	                    " \xE2\x80\x93 ");
	config_free(c);
	c = parse(GOOD_HEAD "[style]\ntable_caption_position = below\n"
	          "figure_caption_position = above\n"
	          "[labels]\ntable = Tableau\n"
	          "[section.a]\ntitle = A\n1 = list_of_figures\n"  /* 12 */
	          "2 = list_of_tables\n"
	          "[orgchart.m.c]\ncaption = \"Chain\"\n"           /* 16 */
	          "caption_position = below\n"
	          "[table.m.t]\ncaption = \"\"\n1 = x | X\n", &dl);
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_true(c->style.table_caption_below);
	assert_false(c->style.figure_caption_below);
	assert_string_equal(c->style.labels.table, "Tableau");
	assert_int_equal(c->sections[0].blocks[0].kind, BLOCK_LIST_OF_FIGURES);
	assert_int_equal(c->sections[0].blocks[1].kind, BLOCK_LIST_OF_TABLES);
	assert_int_equal(c->orgcharts_len, 1);
	assert_ptr_equal(config_orgchart_for(c, "m.c"), &c->orgcharts[0]);
	assert_null(config_orgchart_for(c, "m.t"));
	assert_string_equal(c->orgcharts[0].caption, "Chain");
	assert_int_equal(c->orgcharts[0].caption_line, 17);
	assert_int_equal(c->orgcharts[0].line, 16);
	assert_int_equal(c->orgcharts[0].caption_position, CAPTION_BELOW);
	assert_null(c->tables[0].caption);             /* empty: none */
	assert_int_equal(c->tables[0].caption_position, CAPTION_DEFAULT);
	config_free(c);
	diag_release(&dl);
}

/* [document] language and [hyphenation]: defaults, then every key. */
static void test_hyphenation_settings(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = parse(GOOD_HEAD ONE_SECTION, &dl);

	(void)state;
	assert_non_null(c);
	assert_string_equal(c->language, "en-GB");
	assert_int_equal(c->language_line, 0);
	assert_true(c->hyphenate);
	assert_int_equal(c->hyphen_left_min, 2);
	assert_int_equal(c->hyphen_right_min, 3);
	assert_true(c->hyphen_capitals);
	assert_false(c->style.list_justify);
	config_free(c);
	c = parse("[document]\ntitle = T\nmarking = NU\nas_of = 2018-11-29\n"
	          "language = en-US\n[data]\nm = m.ini\n[hyphenation]\n"
	          "enabled = no\nexceptions = NATO, Pris-tina\nleft_min = 3\n"
	          "right_min = 4\ncapitals = no\n" ONE_SECTION, &dl);
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_string_equal(c->language, "en-US");
	assert_int_equal(c->language_line, 5);
	assert_false(c->hyphenate);
	assert_int_equal(c->hyphen_exceptions_len, 2);
	assert_string_equal(c->hyphen_exceptions[1], "Pris-tina");
	assert_int_equal(c->hyphen_left_min, 3);
	assert_int_equal(c->hyphen_right_min, 4);
	assert_false(c->hyphen_capitals);
	config_free(c);
	diag_release(&dl);
}

/* as_of with a time keeps the day in as_of; the date keys, document
 * control and the month names of [document] language are read. */
static void test_dates_and_document_control_are_read(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	c = parse(DOC_HEAD "as_of = 2018-11-29 13:53-01:00\n"
	          "cover_date_format = dtg\ndate_format = d MMM yyyy\n"
	          "reference = \"SHAPE/J5 (2018) 042\"\nedition = B\n"
	          "version = 1.2\nlanguage = fr\n" DATA_TAIL, &dl);
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_string_equal(c->as_of, "2018-11-29");
	assert_true(c->as_of_time.has_time);
	assert_int_equal(c->as_of_time.hour, 13);
	assert_int_equal(c->as_of_time.zone, 'N');
	assert_string_equal(c->cover_date_format, "dtg");
	assert_string_equal(c->date_format, "d MMM yyyy");
	assert_null(c->header_date_format);
	assert_string_equal(c->reference, "SHAPE/J5 (2018) 042");
	assert_string_equal(c->edition, "B");
	assert_int_equal(c->edition_line, 8);
	assert_string_equal(c->version, "1.2");
	assert_string_equal(c->style.labels.month_names[7], "ao\xC3\xBBt");
	assert_string_equal(c->style.labels.month_short[1], "f\xC3\xA9vr.");
	config_free(c);
	/* names given in [labels] without short forms: the first three
	 * characters of each */
	c = parse(GOOD_HEAD "[labels]\nmonth_names = Styczen Luty Marzec "
	          "Kwiecien Maj Czerwiec Lipiec Sierpien Wrzesien Pazdziernik "
	          "Listopad Grudzien\n" ONE_SECTION, &dl);
	assert_non_null(c);
	assert_string_equal(c->style.labels.month_short[0], "Sty");
	assert_string_equal(c->style.labels.month_short[11], "Gru");
	config_free(c);
	diag_release(&dl);
}

static void test_bad_configs_name_line_and_key(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct diag_list dl = { 0 };
		struct config *c = parse(bad_cases[i].text, &dl);

		if (c || !has_diag(&dl, "cfg/b.ini", bad_cases[i].line,
		                   bad_cases[i].message))
			printf("case %zu:\n", i);
		assert_null(c);
		assert_diag(&dl, "cfg/b.ini", bad_cases[i].line, bad_cases[i].message);
		diag_release(&dl);
	}
}

static void test_all_errors_are_reported_at_once(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse(GOOD_HEAD "[page]\nsize = A5\nmargn = 1\n[style]\n"
	                  "body_size = x\n" ONE_SECTION, &dl));
	assert_true(dl.errors >= 3);
	diag_release(&dl);
}

static void test_missing_config_file_is_reported(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(config_load("no/such/config.ini", &dl));
	assert_diag(&dl, "no/such/config.ini", 0,
	            "cannot open: No such file or directory");
	diag_release(&dl);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_include_overrides_keys_and_keeps_their_files(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_text("/tmp/briefing-test-base.ini", GOOD_HEAD "[page]\nsize = A4\n"
	           "margin_left = 20\n[fonts]\nregular = ../x/R.ttf\n" ONE_SECTION);
	write_text("/tmp/briefing-test-print.ini", "include = briefing-test-base.ini\n"
	           "[page]\nmargin_left = 30\nduplex = yes\n"
	           "[section.b]\ntitle = B\n1 = text m.other\n");
	c = config_load("/tmp/briefing-test-print.ini", &dl);
	assert_non_null(c);
	assert_true(c->style.margin_left > 85 && c->style.margin_left < 85.1);
	assert_true(c->style.duplex);
	assert_int_equal(c->sections_len, 2);          /* base's, then new */
	assert_string_equal(c->sections[1].id, "b");
	/* paths resolve against the file that names them */
	assert_string_equal(c->fonts[FACE_REGULAR], "/tmp/../x/R.ttf");
	assert_string_equal(c->data_files[0], "/tmp/../data/m.ini");
	/* ... naming the key's own file and line, for messages */
	assert_string_equal(c->data_ref_files[0], "/tmp/briefing-test-base.ini");
	assert_true(c->data_lines[0] > 0);
	/* every file read: the config first, then what it includes */
	assert_int_equal(c->files_len, 2);
	assert_string_equal(c->files[0], "/tmp/briefing-test-print.ini");
	assert_string_equal(c->files[1], "/tmp/briefing-test-base.ini");
	config_free(c);
	diag_release(&dl);

	/* an error in the included file names that file and line */
	write_text("/tmp/briefing-test-print.ini", "include = briefing-test-base.ini\n"
	           "[page]\nsize = A5\n");
	assert_null(config_load("/tmp/briefing-test-print.ini", &dl));
	assert_diag(&dl, "/tmp/briefing-test-print.ini", 3, "[page] size: 'A5'");
	diag_release(&dl);
	write_text("/tmp/briefing-test-print.ini", "include = briefing-test-base.ini\n"
	           "[page]\nmargn = 3\n");
	assert_null(config_load("/tmp/briefing-test-print.ini", &dl));
	assert_diag(&dl, "/tmp/briefing-test-print.ini", 3, "[page] margn: unknown key");
	diag_release(&dl);

	/* a file that includes itself */
	write_text("/tmp/briefing-test-print.ini", "include = briefing-test-print.ini\n");
	assert_null(config_load("/tmp/briefing-test-print.ini", &dl));
	assert_diag(&dl, "/tmp/briefing-test-print.ini", 1, "a file includes itself");
	diag_release(&dl);

	/* a missing include */
	write_text("/tmp/briefing-test-print.ini", "include = nowhere.ini\n");
	assert_null(config_load("/tmp/briefing-test-print.ini", &dl));
	assert_diag(&dl, "/tmp/briefing-test-print.ini", 1, "'/tmp/nowhere.ini': cannot open: No such file");
	diag_release(&dl);
	remove("/tmp/briefing-test-base.ini");
	remove("/tmp/briefing-test-print.ini");
}

static void test_allow_bidi_lets_config_values_through(void **state)
{
	static const char text[] =
		"[document]\ntitle = \"a\xe2\x80\xae" "b\"\nmarking = NU\n"
		"as_of = 2018-11-29\nallow_bidi = yes\n[data]\nm = m.ini\n"
		ONE_SECTION;
	struct diag_list dl = { 0 };
	struct config *c = config_parse(text, sizeof text - 1, "cfg/b.ini", &dl);

	(void)state;
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_true(c->allow_bidi);
	assert_int_equal(c->link_schemes_len, 3);
	assert_string_equal(c->link_schemes[2], "mailto");
	config_free(c);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_config_loads),
		cmocka_unit_test(test_minimal_config_gets_defaults),
		cmocka_unit_test(test_letter_landscape_and_margins_in_mm),
		cmocka_unit_test(test_empty_sections_warn_and_fact_sections_are_recorded),
		cmocka_unit_test(test_bad_configs_name_line_and_key),
		cmocka_unit_test(test_dates_and_document_control_are_read),
		cmocka_unit_test(test_hyphenation_settings),
		cmocka_unit_test(test_caption_settings),
		cmocka_unit_test(test_allow_bidi_lets_config_values_through),
		cmocka_unit_test(test_all_errors_are_reported_at_once),
		cmocka_unit_test(test_missing_config_file_is_reported),
		cmocka_unit_test(test_include_overrides_keys_and_keeps_their_files),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
