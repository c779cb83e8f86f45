/* Unit tests for the document model (src/doc/): fact references,
 * numbering, typed blocks and their origins, table cells, doc_check().
 * Facts and config are built from strings here (one CSV fixture under
 * tests/fixtures/doc/); nothing reads the shipped data/ or config/. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include <zlib.h>

#include "briefing/doc.h"
#include "briefing/input.h"
#include "briefing/base/xalloc.h"

#define NBSP "\xC2\xA0"
#define DATA "tests/fixtures/doc/t.ini"   /* not on disk: a name only */
#define CONFIG "tests/fixtures/doc/c.ini"

/* The data file. Line numbers matter: tests assert origins. */
static const char data_text[] =
	"[source]\n"                                           /* 1 */
	"title = \"Test source\"\n"
	"url = \"https://example.org/t\"\n"
	"updated = \"2018-11-01\"\n"
	"\n"                                                   /* 5 */
	"[t.summary]\n"
	"type = text\n"
	"1 = \"First paragraph.\"\n"
	"2 = \"Second paragraph.\"\n"
	"\n"                                                   /* 10 */
	"[t.points]\n"
	"type = list\n"
	"intro = \"Two points:\"\n"
	"1 = \"one\"\n"
	"1.1 = \"one, in detail\"\n"                           /* 15 */
	"2 = \"two\"\n"
	"\n"
	"[t.figures]\n"
	"type = figures\n"
	"1 = \"Troops | 4,000\"\n"                             /* 20 */
	"2 = \"Nations | 28\"\n"
	"\n"
	"[t.terms]\n"
	"type = table\n"
	"file = \"terms.csv\"\n"                               /* 25 */
	"succession = yes\n"
	"codes.service = \"A = Army, N = Navy\"\n"
	"note = \"Sizes are approximate.\"\n"
	"\n"
	"[t.chain]\n"                                          /* 30 */
	"type = orgchart\n"
	"\n"
	"[t.chain.hq]\n"
	"name = \"HQ\"\n"
	"kind = command\n"                                     /* 35 */
	"\n"
	"[t.chain.staff]\n"
	"name = \"Staff\"\n"
	"parent = hq\n"
	"kind = staff\n"                                       /* 40 */
	"\n"
	"[t.chain.east]\n"
	"name = \"East\"\n"
	"detail = \"Camp E\"\n"
	"parent = hq\n";                                       /* 45 */

/* A config with the six-line head below, dated as_of; sections start at
 * line 7. */
static struct config *cfg_as_of(const char *as_of, const char *sections,
                                struct diag_list *dl)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	struct config *c;

	fprintf(f, "[document]\ntitle = T\nmarking = NU\nas_of = %s\n"
	           "[data]\nt = t.ini\n%s", as_of, sections);
	fclose(f);
	c = config_parse(text, len, CONFIG, dl);
	free(text);
	if (!c)
		dump_diags(dl);
	assert_non_null(c);
	return c;
}

static struct facts *facts(struct diag_list *dl)
{
	struct facts *f = facts_new();

	if (facts_parse(f, data_text, sizeof data_text - 1, DATA, dl) != 0)
		dump_diags(dl);
	assert_int_equal(dl->errors, 0);
	return f;
}

/* Builds config sections dated as_of against the test facts; NULL on
 * errors. */
static struct doc *build_as_of(const char *as_of, const char *sections,
                               struct diag_list *dl)
{
	struct config *c = cfg_as_of(as_of, sections, dl);
	struct facts *f = facts(dl);
	struct doc *d = doc_build(c, f, dl);

	facts_free(f);          /* the model keeps copies of what it needs */
	config_free(c);
	return d;
}

static struct doc *build(const char *sections, struct diag_list *dl)
{
	return build_as_of("2018-11-29", sections, dl);
}

static void test_sections_are_numbered_1_and_1_1(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = text t.summary\n"
	                      "[section.b]\ntitle = B\nlevel = 2\n"
	                      "[section.c]\ntitle = C\nlevel = 2\n"
	                      "[section.d]\ntitle = D\nnumbered = no\n"
	                      "[section.e]\ntitle = E\n", &dl);
	const char *want[] = { "1", "1.1", "1.2", NULL, "2" };
	size_t h = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_heading *hd = &d->blocks[i].u.heading;

		if (d->blocks[i].kind != DOC_HEADING)
			continue;
		if (want[h])
			assert_string_equal(hd->number, want[h]);
		else
			assert_null(hd->number);
		h++;
	}
	assert_int_equal(h, 5);
	assert_string_equal(d->blocks[0].u.heading.title, "A");
	assert_int_equal(d->blocks[3].u.heading.level, 2);
	assert_string_equal(d->as_of, "29" NBSP "November" NBSP "2018");
	doc_free(d);
	diag_release(&dl);
}

static void test_blocks_carry_their_origin(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = text t.summary\n"
	                      "2 = pagebreak\n3 = list t.points\n", &dl);
	const struct doc_block *b;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_int_equal(d->len, 5);
	/* heading: its config section's line */
	assert_string_equal(d->blocks[0].origin.file, CONFIG);
	assert_int_equal(d->blocks[0].origin.line, 7);
	/* each paragraph of a text fact: its own line in the data file */
	for (size_t i = 1; i <= 2; i++) {
		b = &d->blocks[i];
		assert_int_equal(b->kind, DOC_PARAGRAPH);
		assert_string_equal(b->origin.file, DATA);
		assert_int_equal(b->origin.line, 7 + (int)i);
	}
	assert_string_equal(d->blocks[1].u.paragraph.text, "First paragraph.");
	/* a page break: the config line that asks for it */
	b = &d->blocks[3];
	assert_int_equal(b->kind, DOC_PAGEBREAK);
	assert_string_equal(b->origin.file, CONFIG);
	assert_int_equal(b->origin.line, 10);
	/* one copy of each file name, shared by every origin */
	assert_ptr_equal(d->blocks[1].origin.file, d->blocks[4].origin.file);
	doc_free(d);
	diag_release(&dl);
}

static void test_list_has_typed_items_with_levels(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = list t.points\n", &dl);
	const struct doc_list *l = &d->blocks[1].u.list;

	(void)state;
	assert_int_equal(d->blocks[1].kind, DOC_LIST);
	assert_string_equal(l->intro, "Two points:");
	assert_int_equal(l->len, 3);
	assert_string_equal(l->items[1].text, "one, in detail");
	assert_int_equal(l->items[0].level, 0);
	assert_int_equal(l->items[1].level, 1);
	/* each item: its own line; the block: the fact's */
	assert_int_equal(d->blocks[1].origin.line, 11);
	assert_int_equal(l->items[0].origin.line, 14);
	assert_int_equal(l->items[1].origin.line, 15);
	assert_int_equal(l->items[2].origin.line, 16);
	doc_free(d);
	diag_release(&dl);
}

static void test_orgchart_units_map_kinds_and_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = orgchart t.chain\n",
	                      &dl);
	const struct doc_orgchart *o = &d->blocks[1].u.orgchart;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_string_equal(o->name, "t.chain");
	assert_int_equal(o->len, 3);
	assert_int_equal(o->units[0].kind, DOC_UNIT_COMMAND);
	assert_int_equal(o->units[0].parent, -1);
	assert_int_equal(o->units[1].kind, DOC_UNIT_STAFF);
	assert_int_equal(o->units[2].kind, DOC_UNIT_UNIT);
	assert_int_equal(o->units[2].parent, 0);
	assert_string_equal(o->units[2].detail, "Camp E");
	assert_string_equal(o->units[1].detail, "");
	/* each unit: the line of its own section */
	assert_int_equal(o->units[1].origin.line, 37);
	assert_string_equal(o->units[1].origin.file, DATA);
	doc_free(d);
	diag_release(&dl);
}

static void test_missing_fact_names_config_line_and_suggests(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(build("[section.a]\ntitle = A\n1 = text t.sumary\n", &dl));
	assert_diag(&dl, CONFIG, 9, "[section.a]: no fact named 't.sumary' "
	            "(did you mean 't.summary'?)");
	diag_release(&dl);
}

static void test_fact_of_another_kind_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(build("[section.a]\ntitle = A\n1 = list t.summary\n", &dl));
	assert_diag(&dl, CONFIG, 9, "[section.a]: fact 't.summary' is a text "
	            "(" DATA ":6), not a list");
	diag_release(&dl);
}

static void test_table_cells_format_dates_codes_and_tenure(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = table t.terms\n"
	                      "[table.t.terms]\ndate_format = short\n"
	                      "caption = \"Terms\"\n"
	                      "1 = name | Name\n2 = from | From\n3 = to | To\n"
	                      "4 = tenure | Tenure | right\n5 = service | Arm\n"
	                      "6 = size | Size\n7 = no | No. | center\n", &dl);
	const struct doc_table *t = &d->blocks[1].u.table;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_int_equal(d->blocks[1].kind, DOC_TABLE);
	assert_string_equal(t->caption, "Table 1 \xE2\x80\x93 Terms");
	assert_string_equal(t->cap.text, "Terms");
	assert_int_equal(t->cap.number, 1);
	assert_int_equal(t->cols, 7);
	assert_int_equal(t->rows, 3);
	assert_string_equal(t->cells[1], "01" NBSP "Jan" NBSP "2000");
	assert_string_equal(t->cells[3], "3" NBSP "months");   /* 1 Jan - 1 Apr */
	assert_string_equal(t->cells[4], "Army");              /* a code */
	assert_string_equal(t->cells[1 * 7 + 2], "–");         /* 'unknown' */
	assert_string_equal(t->cells[1 * 7 + 3], "–");         /* no end date */
	assert_string_equal(t->cells[2 * 7 + 2], "present");   /* runs on */
	assert_string_equal(t->cells[2 * 7 + 3],               /* to as-of */
	                    "17" NBSP "years, 9" NBSP "months");
	assert_string_equal(t->cells[2 * 7 + 4], "–");         /* blank */
	assert_string_equal(t->columns[3].title, "Tenure");
	assert_int_equal(t->columns[3].align, DOC_ALIGN_RIGHT);
	assert_int_equal(t->columns[0].align, DOC_ALIGN_LEFT);  /* auto: text */
	assert_int_equal(t->columns[5].align, DOC_ALIGN_RIGHT); /* auto: numbers */
	assert_int_equal(t->columns[6].align, DOC_ALIGN_CENTER);
	/* each row: its line in the CSV file */
	assert_string_equal(t->row_origins[0].file,
	                    "tests/fixtures/doc/terms.csv");
	assert_int_equal(t->row_origins[0].line, 2);
	assert_int_equal(t->row_origins[2].line, 4);
	assert_int_equal(d->blocks[2].kind, DOC_NOTE);          /* the note */
	assert_string_equal(d->blocks[2].u.paragraph.text,
	                    "Sizes are approximate.");
	doc_free(d);
	diag_release(&dl);
}

/* Dated 2000-03-01, the fixture's first term ends after the briefing and
 * the other two start after it: a warning per row at its CSV line, and no
 * negative tenure (the blank instead). */
static void test_term_after_as_of_warns_and_prints_no_tenure(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_as_of("2000-03-01",
	                            "[section.a]\ntitle = A\n1 = table t.terms\n"
	                            "[table.t.terms]\n1 = name | Name\n"
	                            "2 = tenure | Tenure\n", &dl);
	const char *csv = "tests/fixtures/doc/terms.csv";
	const struct doc_table *t;

	(void)state;
	assert_non_null(d);
	assert_int_equal(dl.errors, 0);
	/* the three terms, and the source updated in 2018 */
	assert_int_equal(dl.len, 4);
	assert_diag(&dl, csv, 2, "term ends 2000-04-01, after the briefing's "
	            "as-of date 2000-03-01");
	assert_diag(&dl, csv, 3, "term starts 2000-04-01, after the briefing's "
	            "as-of date 2000-03-01");
	assert_diag(&dl, csv, 4, "term starts 2001-02-03, after the briefing's "
	            "as-of date 2000-03-01");
	assert_int_equal(dl.items[0].level, DIAG_WARNING);
	t = &d->blocks[1].u.table;
	assert_string_equal(t->cells[1], "3" NBSP "months"); /* as the data say */
	assert_string_equal(t->cells[2 * 2 + 1], "–");       /* not "-393 days" */
	doc_free(d);
	diag_release(&dl);
}

/* A table of many future terms warns about the first five rows and
 * counts the rest in one line, so the log stays readable. */
static void test_many_future_terms_warn_five_then_count(void **state)
{
	static const char data[] = "[source]\ntitle = S\nupdated = 2020-01-01\n"
	                           "[t.future]\ntype = table\nfile = future.csv\n"
	                           "succession = yes\n";
	const char *csv = "tests/fixtures/doc/future.csv";
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	struct config *c = cfg_as_of("2020-06-01", "[section.a]\ntitle = A\n"
	                             "1 = table t.future\n", &dl);
	struct doc *d;

	(void)state;
	assert_int_equal(facts_parse(f, data, sizeof data - 1,
	                             "tests/fixtures/doc/future.ini", &dl), 0);
	d = doc_build(c, f, &dl);
	assert_non_null(d);
	assert_int_equal(dl.errors, 0);
	assert_int_equal(dl.len, 6);
	for (int line = 2; line <= 6; line++)
		assert_diag(&dl, csv, line, "term starts 2021-");
	assert_diag(&dl, csv, 0, "3 more terms after the briefing's as-of date "
	            "2020-06-01");
	doc_free(d);
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

/* Each column carries the config line that set its width. */
static void test_columns_carry_their_config_line(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = table t.terms\n"
	                      "[table.t.terms]\n1 = name | Name\n"
	                      "2 = from | From | | 30\n", &dl);
	const struct doc_table *t = &d->blocks[1].u.table;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_string_equal(t->columns[1].origin.file, CONFIG);
	assert_int_equal(t->columns[0].origin.line, 11);
	assert_int_equal(t->columns[1].origin.line, 12);
	doc_free(d);
	d = build("[section.a]\ntitle = A\n1 = table t.terms\n", &dl);
	t = &d->blocks[1].u.table;
	assert_string_equal(t->columns[0].origin.file, DATA);  /* the fact */
	assert_int_equal(t->columns[0].origin.line, 23);
	doc_free(d);
	diag_release(&dl);
}

static void test_table_without_config_takes_the_csv_header(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = table t.terms\n", &dl);
	const struct doc_table *t = &d->blocks[1].u.table;

	(void)state;
	assert_non_null(d);
	assert_int_equal(t->cols, 6);
	assert_null(t->caption);
	assert_string_equal(t->columns[0].title, "no");
	assert_string_equal(t->cells[2], "2000-01-01");         /* iso */
	assert_int_equal(t->columns[0].align, DOC_ALIGN_RIGHT);
	doc_free(d);
	diag_release(&dl);
}

static void test_table_column_must_exist_in_csv(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(build("[section.a]\ntitle = A\n1 = table t.terms\n"
	                  "[table.t.terms]\n1 = nme | Name\n", &dl));
	assert_diag(&dl, CONFIG, 11, "[table.t.terms]: column 'nme' is not in "
	            "tests/fixtures/doc/terms.csv (did you mean 'name'? its "
	            "columns: no, name, from, to, service, size)");
	diag_release(&dl);
}

static void test_contents_lists_other_headings(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.toc]\ntitle = Contents\nnumbered = no\n"
	                      "1 = contents\n"
	                      "[section.a]\ntitle = A\n"
	                      "[section.b]\ntitle = B\nlevel = 2\n", &dl);
	const struct doc_contents *c = &d->blocks[1].u.contents;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_int_equal(d->blocks[1].kind, DOC_CONTENTS);
	assert_int_equal(d->blocks[1].origin.line, 10);
	assert_int_equal(c->len, 2);            /* not its own heading */
	assert_string_equal(c->entries[0].title, "A");
	assert_string_equal(c->entries[0].number, "1");
	assert_int_equal(c->entries[1].level, 2);
	assert_string_equal(c->entries[1].number, "1.1");
	assert_int_equal(d->blocks[c->entries[1].ref].kind, DOC_HEADING);
	assert_string_equal(d->blocks[c->entries[1].ref].u.heading.title, "B");
	doc_free(d);
	diag_release(&dl);
}

static void test_sources_and_cover(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[cover]\n1 = t.figures 2\n"
	                      "[section.s]\ntitle = S\n1 = sources\n", &dl);
	const struct doc_figures *cov = &d->blocks[0].u.figures;
	const struct doc_sources *s = &d->blocks[2].u.sources;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_int_equal(d->blocks[0].kind, DOC_COVER);
	assert_int_equal(cov->len, 1);
	assert_string_equal(cov->items[0].label, "Nations");
	assert_string_equal(cov->items[0].value, "28");
	/* a tile: the [cover] line that picked it */
	assert_string_equal(cov->items[0].origin.file, CONFIG);
	assert_int_equal(cov->items[0].origin.line, 8);
	assert_int_equal(d->blocks[2].kind, DOC_SOURCES);
	assert_int_equal(d->blocks[2].origin.line, 11);
	assert_int_equal(s->len, 1);
	assert_string_equal(s->items[0].title, "Test source");
	assert_string_equal(s->items[0].url, "https://example.org/t");
	assert_string_equal(s->items[0].updated,
	                    "Last updated 1" NBSP "November" NBSP "2018");
	assert_string_equal(s->items[0].origin.file, DATA);
	assert_non_null(strstr(s->intro, "current as of 29" NBSP "November"));
	doc_free(d);
	diag_release(&dl);
}

/* A second data file with the record of changes. */
static const char changes_text[] =
	"[source]\ntitle = \"Registry\"\nupdated = 2018-11-29\n"
	"[t.changes]\n"                                        /* 4 */
	"type = changes\n"
	"1 = \"1 | 2018-10-01 | First edition\"\n"
	"2 = \"2 | 2018-11-29 | Commander's table updated\"\n";

static struct doc *build_changes(const char *doc_keys, struct diag_list *dl)
{
	struct config *c = cfg_as_of(doc_keys, "[section.r]\ntitle = R\n"
	                             "1 = changes t.changes\n", dl);
	struct facts *f = facts(dl);
	struct doc *d;

	assert_int_equal(facts_parse(f, changes_text, sizeof changes_text - 1,
	                             "tests/fixtures/doc/ch.ini", dl), 0);
	d = doc_build(c, f, dl);
	facts_free(f);
	config_free(c);
	return d;
}

/* Each place takes its own pattern, month names follow the language, and
 * document control gives the cover's and the footer's lines. */
static void test_dates_follow_each_places_pattern(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_changes("2018-11-29T13:53Z\n"
	                              "cover_date_format = dtg\n"
	                              "header_date_format = \"d MMM yyyy\"\n"
	                              "date_format = \"d MMMM yyyy\"\n"
	                              "reference = R-1\nedition = 2\n"
	                              "version = 1.1\nlanguage = fr", &dl);
	const struct doc_table *t;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	/* the date-time group's month is ACP 121's, whatever the language */
	assert_string_equal(d->as_of, "291353ZNOV18");
	assert_string_equal(d->header_date, "29" NBSP "nov." NBSP "2018");
	assert_string_equal(d->control, "Reference R-1  \xC2\xB7  Edition 2  "
	                    "\xC2\xB7  Version 1.1");
	assert_string_equal(d->footer_control, "R-1  \xC2\xB7  Edition 2");
	assert_int_equal(d->blocks[1].kind, DOC_TABLE);
	t = &d->blocks[1].u.table;
	assert_string_equal(t->caption, "Record of changes");
	assert_int_equal(t->cap.number, 0);     /* a title, not Table 1 */
	assert_int_equal(t->rows, 2);
	assert_string_equal(t->columns[0].title, "Edition");
	assert_string_equal(t->cells[0], "1");
	assert_string_equal(t->cells[1], "1" NBSP "octobre" NBSP "2018");
	assert_string_equal(t->cells[5], "Commander\xE2\x80\x99s table updated");
	assert_int_equal(t->row_origins[1].line, 7);
	assert_int_equal(dl.len, 0);            /* edition 2 is the last */
	doc_free(d);
	diag_release(&dl);
}

static void test_edition_missing_from_the_record_warns(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_changes("2018-11-29\nedition = 3", &dl);

	(void)state;
	assert_non_null(d);
	assert_diag(&dl, CONFIG, 5, "[document] edition: 3 is not in the record "
	            "of changes 't.changes' (tests/fixtures/doc/ch.ini:4), whose "
	            "last edition is 2");
	/* no reference or version: the edition alone */
	assert_string_equal(d->control, "Edition 3");
	assert_string_equal(d->footer_control, "Edition 3");
	doc_free(d);
	diag_release(&dl);
	d = build_changes("2018-11-29\nedition = 1", &dl);
	assert_diag(&dl, CONFIG, 5, "[document] edition: 1, but the record of "
	            "changes 't.changes' (tests/fixtures/doc/ch.ini:7) lists a "
	            "later edition, 2");
	assert_string_equal(d->control, "Edition 1");
	doc_free(d);
	diag_release(&dl);
}

static void test_cover_figure_must_exist(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(build("[cover]\n1 = t.figures 9\n2 = t.summary 1\n"
	                  "[section.a]\ntitle = A\n", &dl));
	assert_diag(&dl, CONFIG, 8, "[cover]: 't.figures' has no item 9 "
	            "(" DATA ":18)");
	assert_diag(&dl, CONFIG, 9, "[cover]: 't.summary' is not a figures fact");
	diag_release(&dl);
}

/* doc_check() catches what a hand-built (or buggy) model gets wrong. */
/* ---- rich text --------------------------------------------------------- */

#define RICH "tests/fixtures/doc/r.ini"   /* not on disk; its files are */

static const char rich_text[] =
	"[source]\n"                                           /* 1 */
	"title = \"NATO's page\"\n"
	"updated = \"2018-11-01\"\n"
	"[r.list]\n"
	"type = list\n"                                        /* 5 */
	"intro = \"The **team's** tasks:\"\n"
	"1 = \"to *advise*\"\n"
	"2 = \"to `code`\"\n"
	"[r.file]\n"
	"type = text\n"                                        /* 10 */
	"file = \"rich.md\"\n"
	"[r.table]\n"
	"type = table\n"
	"file = \"quotes.csv\"\n"
	"note = \"See [the page](https://e.org/p).\"\n"      /* 15 */
	"[r.figures]\n"
	"type = figures\n"
	"1 = \"Chief's staff | 'a few'\"\n"
	"[r.good]\n"
	"type = list\n"                                        /* 20 */
	"intro = \"The **team's** tasks:\"\n"
	"1 = \"to *advise*\"\n";

/* Builds sections of a config against the rich facts, smart quotes as
 * given ("" for the default); NULL on errors. */
static struct doc *build_rich(const char *smart, const char *sections,
                              struct diag_list *dl)
{
	char *text = xasprintf("[document]\ntitle = T\nmarking = NU\n"
	                       "as_of = 2018-11-29\n%s\n[data]\nr = r.ini\n%s",
	                       smart, sections);
	struct config *c = config_parse(text, strlen(text), CONFIG, dl);
	struct facts *f = facts_new();
	struct doc *d = NULL;

	assert_non_null(c);
	if (facts_parse(f, rich_text, sizeof rich_text - 1, RICH, dl) == 0)
		d = doc_build(c, f, dl);
	else
		dump_diags(dl);
	facts_free(f);
	config_free(c);
	free(text);
	return d;
}

static void test_rich_text_from_ini_and_markdown(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_rich("", "[section.a]\ntitle = A\n"
	                           "1 = text r.file\n2 = table r.table\n"
	                           "3 = figures r.figures\n4 = sources\n", &dl);
	const struct doc_paragraph *p;
	const struct doc_list *l;
	const struct doc_table *t;

	(void)state;
	if (!d)
		dump_diags(&dl);
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	/* the Markdown file: a paragraph and a list, at their own lines */
	assert_int_equal(d->blocks[1].kind, DOC_PARAGRAPH);
	assert_string_equal(d->blocks[1].origin.file, "tests/fixtures/doc/rich.md");
	assert_int_equal(d->blocks[1].origin.line, 1);
	p = &d->blocks[1].u.paragraph;
	assert_string_equal(p->text, "A paragraph from a file, with bold and "
	                    "NATO’s quote.");
	assert_int_equal(p->rich.spans_len, 1);
	assert_int_equal(p->rich.spans[0].start, 30);
	assert_int_equal(p->rich.spans[0].len, 4);
	assert_int_equal(d->blocks[2].kind, DOC_LIST);
	assert_int_equal(d->blocks[2].origin.line, 3);
	l = &d->blocks[2].u.list;
	assert_int_equal(l->len, 3);
	assert_int_equal(l->items[1].level, 1);
	assert_int_equal(l->items[1].origin.line, 4);
	assert_int_equal(l->items[1].rich.spans[0].style, DOC_SPAN_ITALIC);
	/* CSV cells and figures get quotes, not markup */
	t = &d->blocks[3].u.table;
	assert_string_equal(t->cells[0], "O’Brien");
	assert_string_equal(t->cells[1], "the “chief”");
	/* a table note takes markup: a link, at the note's line */
	assert_int_equal(d->blocks[4].kind, DOC_NOTE);
	assert_int_equal(d->blocks[4].origin.line, 15);
	assert_string_equal(d->blocks[4].u.paragraph.text, "See the page.");
	assert_string_equal(d->blocks[4].u.paragraph.rich.spans[0].uri,
	                    "https://e.org/p");
	assert_string_equal(d->blocks[5].u.figures.items[0].label, "Chief’s staff");
	assert_string_equal(d->blocks[5].u.figures.items[0].value, "‘a few’");
	assert_string_equal(d->blocks[6].u.sources.items[0].title, "NATO’s page");
	doc_free(d);
	diag_release(&dl);
}

static void test_list_intro_and_items_take_markup(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_rich("", "[section.a]\ntitle = A\n"
	                           "1 = list r.list\n", &dl);

	(void)state;
	/* item 2's code span is refused at its line; nothing is built */
	assert_null(d);
	assert_true(has_diag(&dl, RICH, 8, "code spans are not supported"));
	assert_int_equal(dl.errors, 1);
	diag_release(&dl);
	d = build_rich("", "[section.a]\ntitle = A\n1 = list r.good\n", &dl);
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_string_equal(d->blocks[1].u.list.intro, "The team’s tasks:");
	assert_int_equal(d->blocks[1].u.list.intro_rich.spans_len, 1);
	assert_int_equal(d->blocks[1].u.list.intro_rich.spans[0].start, 4);
	assert_int_equal(d->blocks[1].u.list.intro_rich.spans[0].len, 8);
	assert_string_equal(d->blocks[1].u.list.items[0].text, "to advise");
	assert_int_equal(d->blocks[1].u.list.items[0].origin.line, 22);
	doc_free(d);
	diag_release(&dl);
}

static void test_smart_quotes_can_be_turned_off(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_rich("smart_quotes = no", "[section.a]\ntitle = A\n"
	                           "1 = text r.file\n2 = table r.table\n", &dl);

	(void)state;
	assert_non_null(d);
	assert_string_equal(d->blocks[1].u.paragraph.text, "A paragraph from a "
	                    "file, with bold and NATO's quote.");
	assert_string_equal(d->blocks[3].u.table.cells[0], "O'Brien");
	doc_free(d);
	diag_release(&dl);
}

/* ---- captions ---------------------------------------------------------- */

#define EN_DASH "\xE2\x80\x93"

/* Charts and tables in the order orgchart, table, (uncaptioned) table,
 * orgchart; a list of each kind first. Sections start at line 7. */
static const char captions_config[] =
	"[section.lists]\ntitle = Lists\nnumbered = no\n"     /* 7 */
	"1 = list_of_figures\n2 = list_of_tables\n"
	"[section.a]\ntitle = A\n1 = orgchart t.chain\n"      /* 12 */
	"2 = table t.terms\n3 = contents\n"
	"[section.b]\ntitle = B\nlevel = 2\n"                 /* 17 */
	"1 = orgchart t.chain\n2 = table t.terms\n"
	"[table.t.terms]\ncaption = \"Terms\"\n1 = name | Name\n"   /* 22 */
	"[orgchart.t.chain]\ncaption = \"Chain\"\n";          /* 25 */

static void test_captions_number_tables_and_figures_apart(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build(captions_config, &dl);
	const char *want[] = { "Figure 1 " EN_DASH " Chain",
	                       "Table 1 " EN_DASH " Terms",
	                       "Figure 2 " EN_DASH " Chain",
	                       "Table 2 " EN_DASH " Terms" };
	size_t k = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(dl.len, 0);
	assert_int_equal(doc_check(d), 0);
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_block *b = &d->blocks[i];

		if (b->kind == DOC_TABLE) {
			assert_string_equal(b->u.table.caption, want[k]);
			assert_false(b->u.table.cap.below);     /* tables: above */
			assert_int_equal(b->u.table.cap.origin.line, 23);
			k++;
		} else if (b->kind == DOC_ORGCHART) {
			assert_string_equal(b->u.orgchart.caption, want[k]);
			assert_true(b->u.orgchart.cap.below);   /* figures: below */
			assert_int_equal(b->u.orgchart.cap.origin.line, 26);
			k++;
		}
	}
	assert_int_equal(k, 4);
	doc_free(d);
	diag_release(&dl);
}

/* ---- images ------------------------------------------------------------ */

/* Writes a grey PNG of w x h pixels to path. */
static void write_png(const char *path, unsigned w, unsigned h)
{
	unsigned char ihdr[13] = { 0, 0, w >> 8, w & 255, 0, 0, h >> 8, h & 255,
	                           8, 0, 0, 0, 0 };
	size_t raw_len = (size_t)h * (w + 1);
	unsigned char *raw = calloc(raw_len, 1), z[4096];
	uLongf zlen = sizeof z;
	FILE *f = fopen(path, "wb");
	const struct { const char *type; const unsigned char *d; size_t n; }
	chunks[3] = { { "IHDR", ihdr, 13 }, { "IDAT", z, 0 }, { "IEND", NULL, 0 } };

	assert_non_null(raw);
	assert_non_null(f);
	assert_int_equal(compress(z, &zlen, raw, raw_len), Z_OK);
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
	for (int i = 0; i < 3; i++) {
		size_t n = i == 1 ? zlen : chunks[i].n;
		unsigned char len[4] = { n >> 24, n >> 16 & 255, n >> 8 & 255, n & 255 };
		uLong crc = crc32(0, (const unsigned char *)chunks[i].type, 4);
		unsigned char c[4];

		if (n)
			crc = crc32(crc, chunks[i].d, (uInt)n);
		c[0] = (unsigned char)(crc >> 24);
		c[1] = (unsigned char)(crc >> 16);
		c[2] = (unsigned char)(crc >> 8);
		c[3] = (unsigned char)crc;
		fwrite(len, 1, 4, f);
		fwrite(chunks[i].type, 1, 4, f);
		if (n)
			fwrite(chunks[i].d, 1, n, f);
		fwrite(c, 1, 4, f);
	}
	fclose(f);
	free(raw);
}

/* An image is a figure: numbered with the org charts in document order,
 * listed in the list of figures; its width and caption place come from
 * [image.FACT], its file, caption and credit from the data. */
static void test_images_are_figures_numbered_with_charts(void **state)
{
	char dir[] = "/tmp/briefing-doc-XXXXXX", *png, *data;
	static const char facts_text[] =
		"[source]\ntitle = \"S\"\nupdated = 2018-11-01\n"      /* 1 */
		"[i.chain]\ntype = orgchart\n"                           /* 4 */
		"[i.chain.hq]\nname = \"HQ\"\n"                          /* 6 */
		"[i.map]\ntype = image\nfile = map.png\n"                /* 8 */
		"caption = \"The area\"\ncredit = \"Map: survey\"\n"     /* 11 */
		"[i.photo]\ntype = image\nfile = map.png\nalt = \"HQ\"\n";/* 13 */
	static const char sections[] =
		"[section.a]\ntitle = A\n1 = list_of_figures\n"           /* 7 */
		"2 = image i.map\n3 = orgchart i.chain\n4 = image i.photo\n"
		"[orgchart.i.chain]\ncaption = \"Chain\"\n"              /* 13 */
		"[image.i.map]\nwidth = 50 %\ncaption_position = above\n";/* 15 */
	struct diag_list dl = { 0 };
	struct config *c;
	struct facts *f = facts_new();
	struct doc *d;
	const struct doc_contents *lf;
	const struct doc_image *map, *photo;

	(void)state;
	assert_non_null(mkdtemp(dir));
	png = xasprintf("%s/map.png", dir);
	data = xasprintf("%s/i.ini", dir);
	write_png(png, 60, 30);
	assert_int_equal(facts_parse(f, facts_text, sizeof facts_text - 1, data,
	                             &dl), 0);
	c = cfg_as_of("2018-11-29", sections, &dl);
	d = doc_build(c, f, &dl);
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_int_equal(d->blocks[2].kind, DOC_IMAGE);
	map = &d->blocks[2].u.image;
	assert_string_equal(map->caption, "Figure 1 " EN_DASH " The area");
	assert_false(map->cap.below);
	assert_string_equal(map->credit, "Map: survey");
	assert_string_equal(map->pic.path, png);
	assert_int_equal(map->pic.px_width, 60);
	assert_int_equal(map->pic.px_height, 30);
	assert_float_equal(map->pic.width, -0.5, 1e-9);
	assert_int_equal(map->pic.origin.line, 16);   /* the width key */
	assert_string_equal(d->blocks[3].u.orgchart.caption,
	                    "Figure 2 " EN_DASH " Chain");
	photo = &d->blocks[4].u.image;
	assert_null(photo->caption);                  /* alt only: no number */
	assert_int_equal(photo->cap.number, 0);
	assert_int_equal(photo->pic.origin.line, 12); /* the block's line */
	lf = &d->blocks[1].u.contents;
	assert_int_equal(lf->len, 2);
	assert_int_equal(lf->entries[0].ref, 2);
	assert_string_equal(lf->entries[0].title, "The area");
	assert_int_equal(lf->entries[1].ref, 3);
	doc_free(d);
	config_free(c);
	facts_free(f);
	diag_release(&dl);
	unlink(png);
	rmdir(dir);
	free(png);
	free(data);
}

/* Each list has one entry per numbered block of its kind, in order,
 * referring to it; the contents do not list the lists' section. */
static void test_lists_of_figures_and_tables_refer_to_their_blocks(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build(captions_config, &dl);
	const struct doc_contents *lf = &d->blocks[1].u.contents;
	const struct doc_contents *lt = &d->blocks[2].u.contents;

	(void)state;
	assert_int_equal(d->blocks[1].kind, DOC_CONTENTS);
	assert_int_equal(lf->lists, DOC_CONTENTS_FIGURES);
	assert_int_equal(lt->lists, DOC_CONTENTS_TABLES);
	assert_int_equal(lf->len, 2);
	assert_int_equal(lt->len, 2);
	for (size_t i = 0; i < 2; i++) {
		char n[4];

		snprintf(n, sizeof n, "%zu", i + 1);
		assert_string_equal(lf->entries[i].number, n);
		assert_string_equal(lf->entries[i].title, "Chain");
		assert_int_equal(d->blocks[lf->entries[i].ref].kind, DOC_ORGCHART);
		assert_int_equal(d->blocks[lf->entries[i].ref].u.orgchart.cap.number,
		                 (int)i + 1);
		assert_string_equal(lt->entries[i].title, "Terms");
		assert_int_equal(d->blocks[lt->entries[i].ref].u.table.cap.number,
		                 (int)i + 1);
	}
	for (size_t i = 0; i < d->len; i++) {
		const struct doc_contents *c = &d->blocks[i].u.contents;

		if (d->blocks[i].kind != DOC_CONTENTS ||
		    c->lists != DOC_CONTENTS_HEADINGS)
			continue;
		assert_int_equal(c->len, 2);            /* A and B, not Lists */
		assert_string_equal(c->entries[0].title, "A");
	}
	/* an entry pointing at a block of the other kind is refused */
	d->blocks[1].u.contents.entries[0].ref = lt->entries[0].ref;
	assert_int_equal(doc_check(d), -1);
	doc_free(d);
	diag_release(&dl);
}

static void test_caption_words_come_from_labels(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[labels]\ntable = Tableau\nfigure = Schéma\n"
	                      "caption_separator = \" : \"\n"
	                      "[section.a]\ntitle = A\n1 = table t.terms\n"
	                      "2 = orgchart t.chain\n"
	                      "[table.t.terms]\ncaption = \"Mandats\"\n"
	                      "1 = name | Nom\n"
	                      "[orgchart.t.chain]\ncaption = \"Chaîne\"\n", &dl);

	(void)state;
	assert_non_null(d);
	assert_string_equal(d->blocks[1].u.table.caption, "Tableau 1 : Mandats");
	assert_string_equal(d->blocks[3].u.orgchart.caption,   /* 2: note */
	                    "Schéma 1 : Chaîne");
	doc_free(d);
	diag_release(&dl);
}

/* LaTeX numbers only captioned floats: an uncaptioned chart or table
 * has no number, and the next captioned one is number 1. */
static void test_uncaptioned_blocks_get_no_number(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[section.a]\ntitle = A\n1 = orgchart t.chain\n"
	                      "2 = table t.terms\n3 = orgchart t.chain\n"
	                      "[table.t.terms]\ncaption = \"\"\n"
	                      "1 = name | Name\n", &dl);

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	assert_null(d->blocks[1].u.orgchart.caption);
	assert_int_equal(d->blocks[1].u.orgchart.cap.number, 0);
	assert_null(d->blocks[2].u.table.caption);   /* empty: none */
	assert_int_equal(d->blocks[2].u.table.cap.number, 0);
	doc_free(d);
	diag_release(&dl);
}

/* A caption written with its number by hand, as before numbering was
 * automatic, prints once, with a warning at its line saying what to
 * write instead. */
static void test_hand_numbered_caption_warns_and_is_renumbered(void **state)
{
	static const char *const old[] = {
		"Table 3. Terms", "Table 1: Terms", "TABLE 12 - Terms",
		"Table 1 " EN_DASH " Terms", "Tableau 2. Terms",
	};

	(void)state;
	for (size_t i = 0; i < sizeof old / sizeof old[0]; i++) {
		struct diag_list dl = { 0 };
		char *cfg = xasprintf("[labels]\ntable = %s\n"
		                      "[section.a]\ntitle = A\n1 = table t.terms\n"
		                      "[table.t.terms]\ncaption = \"%s\"\n"
		                      "1 = name | Name\n",
		                      i == 4 ? "Tableau" : "Table", old[i]);
		struct doc *d = build(cfg, &dl);
		char *want = xasprintf("%s 1 " EN_DASH " Terms",
		                       i == 4 ? "Tableau" : "Table");
		char *msg = xasprintf("[table.t.terms] caption: tables are numbered "
		                      "automatically; write caption = \"Terms\" (it "
		                      "prints as \"%s\")", want);

		assert_non_null(d);
		assert_string_equal(d->blocks[1].u.table.caption, want);
		assert_diag(&dl, CONFIG, 13, msg);
		assert_int_equal(dl.errors, 0);
		free(msg);
		free(want);
		free(cfg);
		doc_free(d);
		diag_release(&dl);
	}
}

/* Text that merely starts with the word is left alone. */
static void test_caption_starting_with_the_word_is_kept(void **state)
{
	static const char *const kept[] = {
		"Table 1", "Tables of terms", "Table 1999 elections", "Table 2.5"
	};

	(void)state;
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
		struct diag_list dl = { 0 };
		char *cfg = xasprintf("[section.a]\ntitle = A\n1 = table t.terms\n"
		                      "[table.t.terms]\ncaption = \"%s\"\n"
		                      "1 = name | Name\n", kept[i]);
		struct doc *d = build(cfg, &dl);
		char *want = xasprintf("Table 1 " EN_DASH " %s", kept[i]);

		assert_non_null(d);
		assert_string_equal(d->blocks[1].u.table.caption, want);
		assert_int_equal(dl.len, 0);
		free(want);
		free(cfg);
		doc_free(d);
		diag_release(&dl);
	}
}

static void test_caption_position_from_style_and_section(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build("[style]\ntable_caption_position = below\n"
	                      "figure_caption_position = above\n"
	                      "[section.a]\ntitle = A\n1 = table t.terms\n"
	                      "2 = orgchart t.chain\n"
	                      "[table.t.terms]\ncaption = T\n1 = name | Name\n"
	                      "[orgchart.t.chain]\ncaption = C\n"
	                      "caption_position = below\n", &dl);

	(void)state;
	assert_non_null(d);
	assert_true(d->blocks[1].u.table.cap.below);     /* [style] */
	assert_true(d->blocks[3].u.orgchart.cap.below);  /* its own section */
	doc_free(d);
	diag_release(&dl);
}

static void test_caption_section_must_name_a_used_fact(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(build("[section.a]\ntitle = A\n1 = orgchart t.chain\n"
	                  "[orgchart.t.chian]\ncaption = C\n"         /* 10 */
	                  "[orgchart.t.terms]\ncaption = C\n"         /* 12 */
	                  "[table.t.chain]\n1 = name | Name\n", &dl)); /* 14 */
	assert_diag(&dl, CONFIG, 10, "[orgchart.t.chian]: no fact named "
	            "'t.chian' (did you mean 't.chain'?)");
	assert_diag(&dl, CONFIG, 12, "[orgchart.t.terms]: fact 't.terms' is a "
	            "table (" DATA ":23), not an orgchart");
	assert_diag(&dl, CONFIG, 14, "[table.t.chain]: fact 't.chain' is an "
	            "orgchart (" DATA ":30), not a table");
	diag_release(&dl);
	/* the hint is a fact of the section's kind; failing that, the
	 * closest fact of another kind is named as what it is */
	assert_null(build("[section.a]\ntitle = A\n1 = table t.terms\n"
	                  "[table.t.term]\n1 = name | Name\n"          /* 10 */
	                  "[orgchart.t.terms]\ncaption = C\n"          /* 12 */
	                  "[orgchart.t.term]\ncaption = C\n", &dl));   /* 14 */
	assert_diag(&dl, CONFIG, 10, "[table.t.term]: no fact named 't.term' "
	            "(did you mean 't.terms'?)");
	assert_diag(&dl, CONFIG, 14, "[orgchart.t.term]: no fact named 't.term' "
	            "(the closest, 't.terms', is a table, not an orgchart)");
	diag_release(&dl);
	{
		struct doc *d = build("[section.a]\ntitle = A\n1 = text t.summary\n"
		                      "[orgchart.t.chain]\ncaption = C\n", &dl);

		assert_non_null(d);
		assert_diag(&dl, CONFIG, 10, "[orgchart.t.chain]: no 'orgchart "
		            "t.chain' block uses it, so it prints nothing");
		doc_free(d);
		diag_release(&dl);
	}
}

/* A source updated after the briefing's date is a mistyped date, one or
 * the other: a warning at the data file; on or before it, none. */
static void test_source_updated_after_as_of_warns(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = build_as_of("2018-10-31", "[section.a]\ntitle = A\n"
	                            "1 = text t.summary\n", &dl);

	(void)state;
	assert_non_null(d);
	assert_diag(&dl, DATA, 0, "[source] updated: 2018-11-01 is after the "
	            "briefing's as-of date 2018-10-31 (a mistyped date?)");
	doc_free(d);
	diag_release(&dl);
	d = build_as_of("2018-11-01", "[section.a]\ntitle = A\n"
	                "1 = text t.summary\n", &dl);
	assert_non_null(d);
	assert_false(has_diag(&dl, DATA, 0, "is after"));
	doc_free(d);
	diag_release(&dl);
}

static void test_check_rejects_broken_models(void **state)
{
	struct doc *d = doc_new("T", "M", "today");
	struct doc_block *b;
	struct doc_orgchart *o;

	(void)state;
	assert_int_equal(doc_check(d), 0);
	b = doc_append(d, DOC_HEADING, "x.ini", 3);
	b->u.heading.title = xstrdup("H");
	b->u.heading.level = 3;                      /* levels are 1 and 2 */
	assert_int_equal(doc_check(d), -1);
	d->blocks[0].u.heading.level = 1;
	assert_int_equal(doc_check(d), 0);
	o = &doc_append(d, DOC_ORGCHART, "x.ini", 4)->u.orgchart;
	o->name = xstrdup("c");
	o->len = 2;
	o->units = xcalloc(2, sizeof *o->units);
	for (size_t i = 0; i < 2; i++) {
		o->units[i].name = xstrdup("u");
		o->units[i].detail = xstrdup("");
		o->units[i].parent = -1;                 /* two roots */
	}
	assert_int_equal(doc_check(d), -1);
	o->units[1].parent = 0;
	assert_int_equal(doc_check(d), 0);
	o->units[1].parent = 2;                      /* out of range */
	assert_int_equal(doc_check(d), -1);
	o->units[1].parent = 0;
	d->blocks[1].origin.file = "not interned";   /* not the doc's copy */
	assert_int_equal(doc_check(d), -1);
	d->blocks[1].origin.file = doc_intern(d, "x.ini");
	assert_int_equal(doc_check(d), 0);
	b = doc_append(d, DOC_COVER, NULL, 0);       /* a cover must be first */
	assert_int_equal(doc_check(d), -1);
	doc_free(d);
}

static void test_tenure_formats(void **state)
{
	char buf[64];
	struct style st;
	const struct labels *l = &st.labels;

	(void)state;
	style_default(&st);
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2000, 1, 13 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "12" NBSP "days");
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2001, 3, 1 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "1" NBSP "year, 2" NBSP "months");
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2002, 1, 1 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "2" NBSP "years");
	doc_format_tenure((struct date){ 2000, 1, 31 }, (struct date){ 2000, 2, 1 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "1" NBSP "day");     /* not a month yet */
	doc_format_tenure((struct date){ 2000, 1, 5 }, (struct date){ 2001, 2, 5 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "1" NBSP "year, 1" NBSP "month");
	doc_format_tenure((struct date){ 2030, 1, 1 }, (struct date){ 2018, 11, 29 },
	                  l, buf, sizeof buf);
	assert_string_equal(buf, "–");                /* not begun: blank */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_are_numbered_1_and_1_1),
		cmocka_unit_test(test_blocks_carry_their_origin),
		cmocka_unit_test(test_list_has_typed_items_with_levels),
		cmocka_unit_test(test_orgchart_units_map_kinds_and_lines),
		cmocka_unit_test(test_missing_fact_names_config_line_and_suggests),
		cmocka_unit_test(test_fact_of_another_kind_is_an_error),
		cmocka_unit_test(test_table_cells_format_dates_codes_and_tenure),
		cmocka_unit_test(test_term_after_as_of_warns_and_prints_no_tenure),
		cmocka_unit_test(test_many_future_terms_warn_five_then_count),
		cmocka_unit_test(test_columns_carry_their_config_line),
		cmocka_unit_test(test_table_without_config_takes_the_csv_header),
		cmocka_unit_test(test_table_column_must_exist_in_csv),
		cmocka_unit_test(test_contents_lists_other_headings),
		cmocka_unit_test(test_sources_and_cover),
		cmocka_unit_test(test_cover_figure_must_exist),
		cmocka_unit_test(test_dates_follow_each_places_pattern),
		cmocka_unit_test(test_edition_missing_from_the_record_warns),
		cmocka_unit_test(test_captions_number_tables_and_figures_apart),
		cmocka_unit_test(test_lists_of_figures_and_tables_refer_to_their_blocks),
		cmocka_unit_test(test_images_are_figures_numbered_with_charts),
		cmocka_unit_test(test_caption_words_come_from_labels),
		cmocka_unit_test(test_uncaptioned_blocks_get_no_number),
		cmocka_unit_test(test_hand_numbered_caption_warns_and_is_renumbered),
		cmocka_unit_test(test_caption_starting_with_the_word_is_kept),
		cmocka_unit_test(test_caption_position_from_style_and_section),
		cmocka_unit_test(test_caption_section_must_name_a_used_fact),
		cmocka_unit_test(test_check_rejects_broken_models),
		cmocka_unit_test(test_source_updated_after_as_of_warns),
		cmocka_unit_test(test_tenure_formats),
		cmocka_unit_test(test_rich_text_from_ini_and_markdown),
		cmocka_unit_test(test_list_intro_and_items_take_markup),
		cmocka_unit_test(test_smart_quotes_can_be_turned_off),
	};

	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
