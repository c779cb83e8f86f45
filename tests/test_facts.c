/* Unit tests for facts.c: fixture data loads; each kind of bad data
 * file gets a diagnostic naming file, line and section. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "briefing/input.h"
#include "input/csvfile.h"
#include "briefing/base/xalloc.h"

/* Unit tests read fixtures only, never the shipped data/. */
#define FIXTURE_DATA "tests/fixtures/data/"
#define SOURCE "[source]\ntitle = T\nupdated = 2018-11-29\n"

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/briefing-facts-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static int parse(struct facts *f, const char *text, struct diag_list *dl)
{
	char *name = xasprintf("%s/m.ini", tmpdir);
	int rc = facts_parse(f, text, strlen(text), name, dl);

	free(name);
	return rc;
}

/* Data files on disk (tests/fixtures/data/) load, each fact keeps its
 * source, and a table fact's CSV is read relative to its INI file. */
static void test_fixture_data_loads_with_sources(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	const struct fact *c;

	(void)state;
	assert_int_equal(facts_load(f, FIXTURE_DATA "alpha.ini", &dl), 0);
	assert_int_equal(facts_load(f, FIXTURE_DATA "beta.ini", &dl), 0);
	assert_int_equal(dl.errors, 0);
	assert_int_equal(f->sources_len, 2);
	assert_int_equal(f->sources[0]->updated.year, 2019);
	assert_int_equal(f->sources[1]->updated.year, 2018);
	assert_int_equal(facts_find(f, "alpha.tasks")->len, 5);
	assert_int_equal(facts_find(f, "beta.tasks")->kind, FACT_LIST);
	assert_ptr_equal(facts_find(f, "beta.tasks")->source, f->sources[1]);
	c = facts_find(f, "alpha.people");
	assert_non_null(c);
	assert_non_null(c->table);
	assert_string_equal(csvfile_cell(c->table, 2, 1), "Juan Ortuño");
	assert_ptr_equal(c->source, f->sources[0]);
	facts_free(f);
	diag_release(&dl);
}

static void test_text_list_and_figures_items(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	const struct fact *l, *g;

	(void)state;
	assert_int_equal(parse(f, SOURCE "[m.list]\ntype = list\nintro = In:\n"
	                       "2 = b\n1 = a\n1.1 = a1\n[m.fig]\ntype = figures\n"
	                       "1 = Troops | about 4,000\n", &dl), 0);
	l = facts_find(f, "m.list");
	assert_string_equal(l->intro, "In:");
	assert_int_equal(l->len, 3);
	assert_string_equal(l->items[1].text, "a1");
	assert_int_equal(l->items[1].level, 1);
	g = facts_find(f, "m.fig");
	assert_string_equal(g->items[0].text, "Troops");
	assert_string_equal(g->items[0].value, "about 4,000");
	facts_free(f);
	diag_release(&dl);
}

static const struct bad_case bad_cases[] = {
	{ "[m.a]\ntype = text\n1 = x\n", 0, "missing [source] section" },
	{ "[source]\ntitle = T\nupdated = 29 Nov 2018\n", 3,
	  "[source] updated: '29 Nov 2018' is not a date (YYYY-MM-DD)" },
	{ "[source]\ntitle = T\nupdated = 2019-02-29\n", 3,
	  "[source] updated: '2019-02-29' is not a date (YYYY-MM-DD): 2019 "
	  "February has 28 days" },
	/* changes facts: each part checked, never going back */
#define CHANGES SOURCE "[m.ch]\ntype = changes\n"
	{ CHANGES "1 = \"1 | 2018-11-01\"\n", 6,
	  "[m.ch] 1: expected 'edition | YYYY-MM-DD | what changed'" },
	{ CHANGES "1 = \"1b | 2018-11-01 | x\"\n", 6,
	  "[m.ch] 1: edition '1b' is neither a number (1 to 9999) nor one or "
	  "two capital letters (A, B, ... AA)" },
	{ CHANGES "1 = \"1 | 2018-11-31 | x\"\n", 6,
	  "[m.ch] 1: '2018-11-31' is not a date (YYYY-MM-DD): 2018 November "
	  "has 30 days" },
	{ CHANGES "1 = \"1 | 2018-13-01 | x\"\n", 6,
	  "[m.ch] 1: '2018-13-01' is not a date (YYYY-MM-DD): month 13" },
	{ CHANGES "1 = \"1 | 2018-11-01 |  \"\n", 6,
	  "[m.ch] 1: say what changed in edition 1" },
	{ CHANGES "1 = \"2 | 2018-11-01 | b\"\n2 = \"1 | 2018-11-02 | a\"\n", 7,
	  "[m.ch] 2: edition 1 comes after edition 2 (line 6); list the changes "
	  "oldest first" },
	{ CHANGES "1 = \"9 | 2018-11-01 | b\"\n2 = \"10 | 2018-10-02 | a\"\n", 7,
	  "[m.ch] 2: this change is dated before the one above it (line 6)" },
	{ CHANGES "1 = \"1 | 2018-11-01 | b\"\n2 = \"B | 2018-11-02 | a\"\n", 7,
	  "[m.ch] 2: edition B after edition 1: number the editions, or letter "
	  "them, not both" },
	{ CHANGES "1 = \"1 | 2018-11-01 | b\"\n1.1 = \"1 | 2018-11-02 | a\"\n", 7,
	  "[m.ch] 1.1: only list items can have sub-items" },
	{ CHANGES "1 = \"1 | 2018-11-01 | b\"\ndeparture.9 = \"x\"\n", 7,
	  "[m.ch] departure.9: the fact has no part '9' (an entry's key)" },
	{ SOURCE "[m.a]\n1 = x\n", 4, "[m.a] type: required key is missing" },
	{ SOURCE "[m.a]\ntype = txt\n1 = x\n", 5,
	  "[m.a] type: 'txt' is not one of: text, list, figures, table" },
	{ SOURCE "[m.a]\ntype = text\n", 4, "[m.a]: a text fact needs items" },
	{ SOURCE "[m.a]\ntype = figures\n1 = no bar here\n", 6,
	  "[m.a] 1: expected 'label | value'" },
	{ SOURCE "[m.a]\ntype = list\n2.1 = orphan\n", 6,
	  "[m.a] 2.1: sub-item of item 2, which does not exist" },
	{ SOURCE "[m.a]\ntype = text\n1 = x\ncolour = red\n", 7,
	  "[m.a] colour: unknown key" },
	{ SOURCE "[M.A]\ntype = text\n1 = x\n[m.a]\n", 7, "repeated" },
	{ SOURCE "[m.t]\ntype = table\n", 4, "[m.t] file: required key is missing" },
	{ SOURCE "[m.t]\ntype = table\nfile = none.csv\n", 6,
	  "none.csv': cannot open: No such file or directory" },
	/* hostile values */
	{ SOURCE "[m.a]\ntype = figures\n1 = \"  | 5,000\"\n", 6,
	  "[m.a] 1: the figure has an empty label; expected 'label | value'" },
	{ SOURCE "[m.a]\ntype = figures\n1 = \"Troops |  \"\n", 6,
	  "[m.a] 1: the figure has an empty value; expected 'label | value'" },
	{ SOURCE "[m.a]\ntype = list\n2 = a\n3 = c\n02 = b\n", 8,
	  "[m.a] 02: same number as key '2' (" },
	{ SOURCE "[m.a]\ntype = list\n1 = \"a\" b\n", 6,
	  "[m.a] 1: text after the closing quote: 'b'" },
	{ SOURCE "[m.a]\ntype = list\n1 = \"a\n", 6,
	  "[m.a] 1: the double quote opened here is never closed" },
	{ SOURCE "[m.a]\ntype = text\n1 = \"a\xe2\x80\xae" "b\"\n", 6,
	  "[m.a] 1: bidirectional control character U+202E in the value" },
	{ SOURCE "[m.a]\ntype = text\n1 = x\n[m.c]\ntype = orgchart\n[m.c.u]\n"
	  "name = \"\xe2\x81\xa9u\"\n", 10,
	  "[m.c.u] name: bidirectional control character U+2069" },
	{ "[source]\ntitle = T\nupdated = 2018-11-29\nurl = \"javascript:x()\"\n",
	  4, "[source] url: scheme 'javascript' is not allowed in links; allowed: "
	  "http, https, mailto ([document] link_schemes)" },
	{ "[source]\ntitle = T\nupdated = 2018-11-29\nurl = \"www.x.org\"\n",
	  4, "[source] url: 'www.x.org' has no scheme" },
	{ "[source]\ntitle = T\nupdated = 2018-11-29\nurl = \"https://x.org/a b\"\n",
	  4, "[source] url: 'https://x.org/a b' has a blank or control character "
	  "at byte 16" },
};

static void test_bad_data_names_line_and_section(void **state)
{
	char *name = xasprintf("%s/m.ini", tmpdir);

	(void)state;
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct diag_list dl = { 0 };
		struct facts *f = facts_new();

		if (parse(f, bad_cases[i].text, &dl) != -1 ||
		    !has_diag(&dl, name, bad_cases[i].line, bad_cases[i].message))
			printf("case %zu:\n", i);
		assert_diag(&dl, name, bad_cases[i].line, bad_cases[i].message);
		facts_free(f);
		diag_release(&dl);
	}
	free(name);
}

/* A changes fact keeps its entries in key order, parts trimmed; the
 * same edition may have several entries, and 9 < 10, Z < AA. */
static void test_changes_fact_reads_entries(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	const struct fact *ch;

	(void)state;
	assert_int_equal(parse(f, CHANGES "1 = \"9 | 2018-10-01 | First\"\n"
	                          "2 = \"10 | 2018-11-29 |  Commanders  \"\n"
	                          "3 = \"10 | 2018-11-29 | Map\"\n"
	                          "[m.ed]\ntype = changes\n"
	                          "1 = \"Z | 2018-10-01 | a\"\n"
	                          "2 = \"AA | 2018-10-01 | b\"\n", &dl), 0);
	ch = facts_find(f, "m.ch");
	assert_non_null(ch);
	assert_int_equal(ch->kind, FACT_CHANGES);
	assert_int_equal(ch->changes_len, 3);
	assert_string_equal(ch->changes[0].edition, "9");
	assert_string_equal(ch->changes[1].edition, "10");
	assert_string_equal(ch->changes[1].text, "Commanders");
	assert_int_equal(ch->changes[1].date.day, 29);
	assert_int_equal(ch->changes[2].line, 8);
	assert_int_equal(facts_find(f, "m.ed")->changes_len, 2);
	facts_free(f);
	diag_release(&dl);
}

static void test_duplicate_fact_across_files_names_both(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	const char *other = SOURCE "\n[m.a]\ntype = text\n1 = y\n";

	(void)state;
	assert_int_equal(parse(f, SOURCE "[m.a]\ntype = text\n1 = x\n", &dl), 0);
	assert_int_equal(facts_parse(f, other, strlen(other), "other.ini", &dl),
	                 -1);
	assert_diag(&dl, "other.ini", 5, "[m.a]: fact already defined at");
	facts_free(f);
	diag_release(&dl);
}

static void test_succession_checks_dates_gaps_and_overlaps(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *csv = xasprintf("%s/c.csv", tmpdir);

	(void)state;
	write_file("c.csv", "name,from,to\n"
	                    "A,2000-01-01,2000-06-01\n"
	                    "B,2000-06-01,2000-12-01\n"    /* clean hand-over */
	                    "C,2000-12-11,2001-05-01\n"    /* 10-day gap */
	                    "D,2001-04-01,2001-03-01\n"    /* overlap; from > to */
	                    "E,2001-02-30,\n");            /* no such day */
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = table\nfile = c.csv\n"
	                       "succession = yes\n", &dl), -1);
	assert_diag(&dl, csv, 4, "gap of 10 days between row 2 (B) and row 3 (C)");
	assert_diag(&dl, csv, 5, "overlap of 30 days between row 3 (C) and row 4 (D)");
	assert_diag(&dl, csv, 5, "row 4: 'from' 2001-04-01 is after 'to' 2001-03-01");
	assert_diag(&dl, csv, 6, "row 5, column 'from': '2001-02-30' is not a date");
	assert_false(has_diag(&dl, csv, 3, "gap"));
	facts_free(f);
	free(csv);
	diag_release(&dl);
}

/* A break the source has, acknowledged with its reason, is not reported;
 * one acknowledged as the other kind, or an acknowledgement that matches
 * no break, is, at the acknowledgement's line. */
static void test_succession_acknowledged_breaks(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *csv = xasprintf("%s/c.csv", tmpdir);
	char *ini = xasprintf("%s/m.ini", tmpdir);

	(void)state;
	write_file("c.csv", "name,from,to\n"
	                    "A,2000-01-01,2000-06-01\n"
	                    "B,2000-06-11,2000-12-01\n"    /* 10-day gap */
	                    "C,2000-11-01,2001-05-01\n"    /* 30-day overlap */
	                    "D,2001-05-03,\n");            /* 2-day gap */
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = table\nfile = c.csv\n"
	                       "succession = yes\n"
	                       "gap.2000-06-01 = \"Vacant until the rotation.\"\n"
	                       "gap.2000-12-01 = \"Wrong kind.\"\n"
	                       "overlap.1999-01-01 = \"No such break.\"\n",
	                       &dl), 0);
	assert_int_equal(dl.errors, 0);
	assert_false(has_diag(&dl, csv, 3, "gap"));
	assert_false(has_diag(&dl, csv, 4, "overlap"));
	assert_diag(&dl, ini, 9, "[m.t] gap.2000-12-01: the break after "
	            "2000-12-01 (");
	assert_diag(&dl, ini, 9, ") is an overlap of 30 days; write "
	            "overlap.2000-12-01");
	assert_diag(&dl, ini, 10, "[m.t] overlap.1999-01-01: no overlap in the "
	            "succession begins on 1999-01-01");
	assert_diag(&dl, csv, 5, "gap of 2 days between row 3 (C) and row 4 (D); "
	            "if the source has it, acknowledge it in [m.t]: "
	            "gap.2001-05-01 = \"why\"");
	assert_int_equal(dl.len, 3);
	facts_free(f);
	free(csv);
	free(ini);
	diag_release(&dl);
}

/* A succession's 'from' or 'to' written otherwise is named. */
static void test_succession_names_a_column_written_otherwise(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *ini = xasprintf("%s/m.ini", tmpdir);

	(void)state;
	write_file("c.csv", "name,From,to\nA,2000-01-01,2000-06-01\n");
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = table\nfile = c.csv\n"
	                       "succession = yes\n", &dl), -1);
	assert_diag(&dl, ini, 4, "[m.t] succession: the table needs 'from' and "
	            "'to' columns; rename its column 'From' to 'from' (names are "
	            "exact)");
	facts_free(f);
	diag_release(&dl);
	f = facts_new();
	write_file("c.csv", "name,from,no\nA,2000-01-01,1\n");
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = table\nfile = c.csv\n"
	                       "succession = yes\n", &dl), -1);
	assert_diag(&dl, ini, 4, "[m.t] succession: the table needs 'from' and "
	            "'to' columns");
	assert_false(has_diag(&dl, ini, 4, "rename"));
	facts_free(f);
	free(ini);
	diag_release(&dl);
}

/* gap.KEY must name a day, give a reason, and sit on a succession. */
static void test_succession_acknowledgement_errors(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *ini = xasprintf("%s/m.ini", tmpdir);

	(void)state;
	write_file("c.csv", "name,from,to\nA,2000-01-01,2000-06-01\n");
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = table\nfile = c.csv\n"
	                       "succession = yes\ngap.2000-02-30 = \"x\"\n"
	                       "overlap.2000-06-01 = \"\"\n"
	                       "[m.u]\ntype = table\nfile = c.csv\n"
	                       "gap.2000-06-01 = \"x\"\n", &dl), -1);
	assert_diag(&dl, ini, 8, "[m.t] gap.2000-02-30: '2000-02-30' is not a "
	            "date (YYYY-MM-DD): write gap.DATE, DATE the day the earlier "
	            "term ended");
	assert_diag(&dl, ini, 9, "[m.t] overlap.2000-06-01: say why the "
	            "succession has this overlap");
	assert_diag(&dl, ini, 13, "[m.u] gap.2000-06-01: only a table with "
	            "succession = yes has gaps and overlaps");
	facts_free(f);
	free(ini);
	diag_release(&dl);
}

#define CHART "[m.c]\ntype = orgchart\n"

static void test_orgchart_units_and_parents(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	const struct fact *c;

	(void)state;
	assert_int_equal(parse(f, SOURCE CHART "[m.c.top]\nname = Top\nkind = command\n"
	                       "[m.c.a]\nname = A\ndetail = somewhere\nparent = top\n"
	                       "[m.c.b]\nname = B\nparent = top\nkind = staff\n", &dl), 0);
	c = facts_find(f, "m.c");
	assert_int_equal(c->kind, FACT_ORGCHART);
	assert_int_equal(c->units_len, 3);
	assert_string_equal(c->units[1].id, "a");
	assert_string_equal(c->units[1].detail, "somewhere");
	assert_int_equal(c->units[0].parent, -1);
	assert_int_equal(c->units[1].parent, 0);
	assert_int_equal(c->units[2].kind, UNIT_STAFF);
	assert_null(facts_find(f, "m.c.a"));   /* a unit is not a fact */
	facts_free(f);
	diag_release(&dl);
}

static const struct bad_case chart_cases[] = {
	{ SOURCE CHART "[m.c.a]\nname = A\n[m.c.b]\nname = B\nparent = zz\n", 8,
	  "[m.c.b] parent: no unit 'zz' in chart 'm.c'" },
	{ SOURCE CHART "[m.c.a]\nname = A\n[m.c.b]\nname = B\n", 4,
	  "[m.c]: more than one root unit (a, b)" },
	{ SOURCE CHART "[m.c.r]\nname = R\n[m.c.a]\nname = A\nparent = b\n"
	  "[m.c.b]\nname = B\nparent = a\n", 8,
	  "[m.c]: units form a cycle: a -> b -> a" },
	{ SOURCE CHART "[m.c.a]\nname = A\nparent = a\n", 6,
	  "[m.c.a] parent: a unit cannot be its own parent" },
	{ SOURCE CHART "[m.c.a]\nname = A\n[m.c.A]\nname = B\n", 8,
	  "section [m.c.A] repeated" },
	{ SOURCE CHART "[m.c.a]\nkind = general\n", 6,
	  "[m.c.a] name: required key is missing" },
	{ SOURCE CHART "[m.c.a]\nname = A\nkind = general\n", 8,
	  "[m.c.a] kind: 'general' is not one of: command, staff, unit, support" },
	{ SOURCE CHART, 4, "[m.c]: an org chart needs units" },
};

static void test_bad_orgcharts_name_units(void **state)
{
	char *name = xasprintf("%s/m.ini", tmpdir);

	(void)state;
	for (size_t i = 0; i < sizeof chart_cases / sizeof chart_cases[0]; i++) {
		struct diag_list dl = { 0 };
		struct facts *f = facts_new();

		if (parse(f, chart_cases[i].text, &dl) != -1 ||
		    !has_diag(&dl, name, chart_cases[i].line, chart_cases[i].message))
			printf("case %zu:\n", i);
		assert_diag(&dl, name, chart_cases[i].line, chart_cases[i].message);
		facts_free(f);
		diag_release(&dl);
	}
	free(name);
}

/* The config's [document] allow_bidi and link_schemes reach the facts
 * through facts_configure(). */
static void test_config_policy_allows_bidi_and_schemes(void **state)
{
	static const char cfg[] =
		"[document]\ntitle = T\nmarking = NU\nas_of = 2018-11-29\n"
		"allow_bidi = yes\nlink_schemes = \"https FTP\"\n"
		"[data]\nm = m.ini\n[section.a]\ntitle = A\n1 = text m.a\n";
	static const char data[] =
		"[source]\ntitle = T\nupdated = 2018-11-29\nurl = \"ftp://x.org/\"\n"
		"[m.a]\ntype = text\n1 = \"a\xe2\x80\xae" "b\"\n";
	struct diag_list dl = { 0 };
	struct config *c = config_parse(cfg, sizeof cfg - 1, "c.ini", &dl);
	struct facts *f = facts_new();

	(void)state;
	assert_non_null(c);
	/* defaults first: both refused */
	assert_int_equal(parse(f, data, &dl), -1);
	assert_true(has_diag(&dl, NULL, 4, "scheme 'ftp' is not allowed"));
	assert_true(has_diag(&dl, NULL, 7, "U+202E"));
	facts_free(f);
	diag_release(&dl);
	f = facts_new();
	facts_configure(f, c);
	if (parse(f, data, &dl) != 0)
		dump_diags(&dl);
	assert_int_equal(dl.errors, 0);
	assert_string_equal(f->sources[0]->url, "ftp://x.org/");
	assert_non_null(facts_find(f, "m.a"));
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

/* Many facts: lookups go through the index, and a repeat is still found. */
static void test_many_facts_are_found_and_repeats_named(void **state)
{
	char *text = xmalloc(40 * 3000 + 64), *p = text;
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();

	(void)state;
	p += sprintf(p, SOURCE);
	for (int i = 0; i < 3000; i++)
		p += sprintf(p, "[m.f%d]\ntype = text\n1 = x\n", i);
	assert_int_equal(parse(f, text, &dl), 0);
	assert_int_equal(f->len, 3000);
	assert_string_equal(facts_find(f, "m.f2999")->name, "m.f2999");
	assert_null(facts_find(f, "m.f3000"));
	assert_int_equal(parse(f, SOURCE "[m.f1234]\ntype = text\n1 = y\n", &dl),
	                 -1);
	assert_diag(&dl, NULL, 4, "[m.f1234]: fact already defined at ");
	facts_free(f);
	diag_release(&dl);
	free(text);
}

/* A text fact may name a Markdown file: read and checked here, its
 * markup parsed by the model. */
static void test_text_fact_from_markdown_file(void **state)
{
	static const struct {
		const char *md;
		int line;
		const char *message;
	} bad[] = {
		{ "One.\n\x01\n", 2, "control character U+0001 at byte 6" },
		{ "One.\n\nTwo \xE2\x80\xAE.\n", 3, "bidirectional control "
		  "character U+202E" },
		{ "One.\r\ncaf\xE9\n", 2, "invalid UTF-8 at byte 10" },
		{ "", 0, "empty Markdown file" },
	};
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *md = xasprintf("%s/p.md", tmpdir);
	const struct fact *t;

	(void)state;
	write_file("p.md", "\xEF\xBB\xBFOne.\n\n- item\n");
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = text\nfile = p.md\n",
	                       &dl), 0);
	t = facts_find(f, "m.t");
	assert_string_equal(t->text_file, md);
	assert_int_equal(t->file_line, 6);
	assert_string_equal(t->markdown, "One.\n\n- item\n");   /* no BOM */
	assert_int_equal(t->markdown_len, 13);
	facts_free(f);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		f = facts_new();
		write_file("p.md", bad[i].md);
		assert_int_equal(parse(f, SOURCE "[m.t]\ntype = text\n"
		                       "file = p.md\n", &dl), -1);
		if (!has_diag(&dl, md, bad[i].line, bad[i].message))
			dump_diags(&dl);
		assert_diag(&dl, md, bad[i].line, bad[i].message);
		assert_null(facts_find(f, "m.t"));
		facts_free(f);
		diag_release(&dl);
	}
	f = facts_new();
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = text\nfile = p.md\n"
	                       "1 = \"x\"\n", &dl), -1);
	assert_diag(&dl, NULL, 7, "[m.t] 1: a text fact has either a file or "
	            "numbered paragraphs, not both");
	facts_free(f);
	diag_release(&dl);
	f = facts_new();
	assert_int_equal(parse(f, SOURCE "[m.t]\ntype = text\nfile = none.md\n",
	                       &dl), -1);
	assert_diag(&dl, NULL, 6, "none.md': cannot open: No such file");
	facts_free(f);
	diag_release(&dl);
	free(md);
}

/* Every file the store tried to read is an input, found or not: watch
 * mode waits for a CSV that is missing. */
static void test_files_lists_what_was_read_or_tried(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	char *csv = xasprintf("%s/absent.csv", tmpdir);

	(void)state;
	assert_int_equal(parse(f, "[source]\ntitle = \"S\"\nupdated = 2020-01-01\n"
	                          "[t.rows]\ntype = table\nfile = absent.csv\n", &dl), -1);
	assert_int_equal(f->files.len, 1);
	assert_string_equal(f->files.items[0], csv);
	free(csv);
	facts_free(f);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_data_loads_with_sources),
		cmocka_unit_test(test_text_list_and_figures_items),
		cmocka_unit_test(test_bad_data_names_line_and_section),
		cmocka_unit_test(test_changes_fact_reads_entries),
		cmocka_unit_test(test_duplicate_fact_across_files_names_both),
		cmocka_unit_test(test_succession_checks_dates_gaps_and_overlaps),
		cmocka_unit_test(test_succession_acknowledged_breaks),
		cmocka_unit_test(test_succession_acknowledgement_errors),
		cmocka_unit_test(test_succession_names_a_column_written_otherwise),
		cmocka_unit_test(test_orgchart_units_and_parents),
		cmocka_unit_test(test_bad_orgcharts_name_units),
		cmocka_unit_test(test_config_policy_allows_bidi_and_schemes),
		cmocka_unit_test(test_many_facts_are_found_and_repeats_named),
		cmocka_unit_test(test_text_fact_from_markdown_file),
		cmocka_unit_test(test_files_lists_what_was_read_or_tried),
	};

	return cmocka_run_group_tests_name("facts", tests, make_tmpdir,
	                                   remove_tmpdir);
}
