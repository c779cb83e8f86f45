/* Unit tests for config_layers.c: the order in which several includes and
 * the -D overrides apply, cycles and depth, and the diagnostics that name
 * the include line or the option. Files go to a fresh temporary
 * directory. */
#define _GNU_SOURCE
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "briefing/input.h"

#define GOOD_HEAD                                                            \
	"[document]\ntitle = T\nmarking = \"NATO UNCLASSIFIED\"\n"               \
	"as_of = 2018-11-29\n[data]\nm = ../data/m.ini\n"
#define ONE_SECTION "[section.a]\ntitle = A\n1 = text m.summary\n"
#define BASE GOOD_HEAD "[page]\nmargin_left = 20\nmargin_right = 20\n" \
	ONE_SECTION

/* mm as the config stores it, in points */
#define PT(mm) ((mm) * 72.0 / 25.4)

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/briefing-layers-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* dir/name, in a static buffer of four, so a call may use a few. */
static const char *at(const char *name)
{
	static char bufs[4][128];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
	return b;
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(at(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static struct config *load(const char *name, const char *const *defs,
                           size_t n, struct diag_list *dl)
{
	struct config_defines d = { defs, n };

	return config_load_defines(at(name), &d, dl);
}

static void assert_near(double got, double want)
{
	if (got < want - 0.01 || got > want + 0.01)
		fail_msg("%g is not %g", got, want);
}

/* include a, include b: b overrides a, and the file overrides both. */
static void test_later_include_overrides_earlier(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_file("base.ini", BASE);
	write_file("a.ini", "[page]\nmargin_left = 25\nmargin_right = 25\n");
	write_file("b.ini", "[page]\nmargin_left = 30\nmargin_top = 30\n");
	write_file("top.ini", "# comments may come first\ninclude = base.ini\n"
	           "include = a.ini\n\ninclude = \"b.ini\"\n"
	           "[page]\nmargin_top = 40\n");
	c = load("top.ini", NULL, 0, &dl);
	assert_non_null(c);
	assert_near(c->style.margin_left, PT(30));    /* b over a */
	assert_near(c->style.margin_right, PT(25));   /* a over base */
	assert_near(c->style.margin_top, PT(40));     /* the file over b */
	/* the files in the order read */
	assert_int_equal(c->files_len, 4);
	assert_string_equal(c->files[0], at("top.ini"));
	assert_string_equal(c->files[1], at("base.ini"));
	assert_string_equal(c->files[2], at("a.ini"));
	assert_string_equal(c->files[3], at("b.ini"));
	config_free(c);
	diag_release(&dl);
}

/* Two profiles that include one base: the base applies once, first, so
 * the second profile does not undo the first's changes to it. */
static void test_shared_base_applies_once(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_file("base.ini", BASE);
	write_file("narrow.ini", "include = base.ini\n[page]\nmargin_left = 35\n");
	write_file("wide.ini", "include = ./base.ini\n[page]\nmargin_right = 10\n");
	write_file("top.ini", "include = narrow.ini\ninclude = wide.ini\n");
	c = load("top.ini", NULL, 0, &dl);
	assert_non_null(c);
	assert_near(c->style.margin_left, PT(35));
	assert_near(c->style.margin_right, PT(10));
	assert_int_equal(c->files_len, 4);   /* base.ini once */
	assert_string_equal(c->files[2], at("base.ini"));
	assert_string_equal(c->files[3], at("wide.ini"));
	config_free(c);
	diag_release(&dl);
}

static void test_include_cycle_names_the_chain(void **state)
{
	struct diag_list dl = { 0 };
	char want[512];

	(void)state;
	write_file("a.ini", "include = b.ini\n");
	write_file("b.ini", "\ninclude = a.ini\n");
	assert_null(load("a.ini", NULL, 0, &dl));
	snprintf(want, sizeof want, "include: a file includes itself (%s -> "
	         "%s -> %s)", at("a.ini"), at("b.ini"), at("a.ini"));
	assert_diag(&dl, at("b.ini"), 2, want);
	assert_int_equal(dl.errors, 1);
	diag_release(&dl);
}

/* A chain of 9 files is read; a 10th is an error at the 9th's line. */
static void test_include_depth_limit(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c;
	char name[16], text[64];

	(void)state;
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof name, "f%d.ini", i);
		snprintf(text, sizeof text, "include = f%d.ini\n", i + 1);
		write_file(name, text);
	}
	write_file("f8.ini", BASE);
	c = load("f0.ini", NULL, 0, &dl);
	assert_non_null(c);
	assert_int_equal(c->files_len, 9);
	config_free(c);
	write_file("f8.ini", "include = f9.ini\n");
	write_file("f9.ini", BASE);
	assert_null(load("f0.ini", NULL, 0, &dl));
	assert_diag(&dl, at("f8.ini"), 1, "include: files nest more than 8 deep");
	diag_release(&dl);
}

static void test_bad_include_lines(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	write_file("base.ini", BASE);
	write_file("top.ini", "include = base.ini\ninclude = base.ini\n");
	assert_null(load("top.ini", NULL, 0, &dl));
	assert_diag(&dl, at("top.ini"), 2, "include: 'base.ini' is already "
	            "included (line 1)");
	diag_release(&dl);
	write_file("top.ini", "include =\n");
	assert_null(load("top.ini", NULL, 0, &dl));
	assert_diag(&dl, at("top.ini"), 1, "include: no file named");
	diag_release(&dl);
	/* every missing include is reported, not only the first */
	write_file("top.ini", "include = no1.ini\ninclude = base.ini\n"
	           "include = no2.ini\n");
	assert_null(load("top.ini", NULL, 0, &dl));
	assert_diag(&dl, at("top.ini"), 1, "no1.ini': cannot open");
	assert_diag(&dl, at("top.ini"), 3, "no2.ini': cannot open");
	diag_release(&dl);
	/* inside a section it is a key like any other */
	write_file("top.ini", BASE "[fonts]\ninclude = base.ini\n");
	assert_null(load("top.ini", NULL, 0, &dl));
	assert_diag(&dl, at("top.ini"), 0, "[fonts] include: unknown key");
	diag_release(&dl);
}

/* -D applies after every file, in order; the last of one key wins. */
static void test_defines_apply_last_in_order(void **state)
{
	static const char *const defs[] = {
		"page.margin_left=33", "Document.Title = \"Mission; West\"",
		"section.a.title=New A", "page.margin_left=34",
		/* a key with a dot: the longest section name that exists wins */
		"section.a.1.required=yes",
		/* a fixed section no file has is added */
		"cover.1=m.figures 2",
		/* relative paths: to the current directory, as -c's is */
		"fonts.regular=x/R.ttf", "data.extra=d/e.ini",
	};
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_file("base.ini", BASE);
	write_file("top.ini", "include = base.ini\n[page]\nmargin_left = 40\n");
	c = load("top.ini", defs, sizeof defs / sizeof defs[0], &dl);
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_near(c->style.margin_left, PT(34));
	assert_string_equal(c->title, "Mission; West");
	assert_string_equal(c->sections[0].title, "New A");
	assert_true(c->sections[0].blocks[0].required);
	assert_true(c->cover);
	assert_int_equal(c->cover_figures_len, 1);
	assert_string_equal(c->cover_figures[0].file, "-D cover.1=m.figures 2");
	assert_string_equal(c->fonts[FACE_REGULAR], "x/R.ttf");
	assert_int_equal(c->data_len, 2);
	assert_string_equal(c->data_files[1], "d/e.ini");
	assert_string_equal(c->data_ref_files[1], "-D data.extra=d/e.ini");
	/* the overrides are not files */
	assert_int_equal(c->files_len, 2);
	config_free(c);
	assert_int_equal(dl.len, 0);
	diag_release(&dl);
}

/* Each diagnostic about a -D names it as its file. */
static void test_define_errors_name_the_option(void **state)
{
	static const struct {
		const char *def, *message;
	} cases[] = {
		{ "pgae.size=letter", "no section [pgae] to set 'size' in (did you "
		  "mean [page]?)" },
		{ "section.b.title=X", "no section [section.b] to set 'title' in "
		  "(did you mean [section.a]?)" },
		{ "table.kfor.commanders.caption=X", "no section "
		  "[table.kfor.commanders] to set 'caption' in; -D sets a key of a "
		  "section the config has" },
		{ "page.sise=letter", "[page] sise: unknown key (did you mean "
		  "'size'?)" },
		{ "page.size=a5", "[page] size: 'a5' is not one of: a4, letter" },
		{ "page.margin_left=wide", "[page] margin_left: 'wide' is not a "
		  "number" },
		{ "document.title=\"A\" B", "[document] title: text after the "
		  "closing quote: 'B'" },
		{ "document.title=\"A", "the double quote opened here is never "
		  "closed" },
		{ "document.title=A\nB", "cannot hold a line break" },
		{ "document.title=A\\", "ends in '\\'" },
		{ "document.title=\xff", "invalid UTF-8" },
		{ "pagesize=a4", "expected -D SECTION.KEY=VALUE" },
		{ "page.=a4", "expected -D SECTION.KEY=VALUE" },
		{ "data.m=nowhere.ini", NULL },   /* read at build time */
	};
	struct diag_list dl = { 0 };

	(void)state;
	write_file("top.ini", BASE);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *defs[] = { cases[i].def };
		struct config *c = load("top.ini", defs, 1, &dl);
		char file[128];

		snprintf(file, sizeof file, "-D %s", cases[i].def);
		if (!cases[i].message) {
			assert_non_null(c);
			assert_string_equal(c->data_ref_files[0], file);
			config_free(c);
			continue;
		}
		assert_null(c);
		if (!has_diag(&dl, file, 0, cases[i].message))
			dump_diags(&dl);
		assert_diag(&dl, file, 0, cases[i].message);
		assert_int_equal(dl.items[0].line, 0);
		diag_release(&dl);
	}
	diag_release(&dl);
}

/* A warning about a -D's value names the option too. */
static void test_define_warning_names_the_option(void **state)
{
	const char *defs[] = { "document.title=A; B" };
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_file("top.ini", BASE);
	c = load("top.ini", defs, 1, &dl);
	assert_non_null(c);
	assert_string_equal(c->title, "A");
	assert_diag(&dl, "-D document.title=A; B", 0, "text after ';' is "
	            "dropped as a comment");
	config_free(c);
	diag_release(&dl);
}

/* "N =" in a later layer removes block N (and its N.required) of the
 * layers before; with no block N to remove it is still an error. */
static void test_empty_block_removes_an_earlier_one(void **state)
{
	const char *defs[] = { "section.a.3=" };
	struct diag_list dl = { 0 };
	struct config *c;

	(void)state;
	write_file("base.ini", GOOD_HEAD "[section.a]\ntitle = A\n"
	           "1 = text m.summary\n2 = list m.list\n2.required = yes\n"
	           "3 = figures m.figures\n");
	write_file("top.ini", "include = base.ini\n[section.a]\n2 =\n");
	c = load("top.ini", defs, 1, &dl);
	if (!c)
		dump_diags(&dl);
	assert_non_null(c);
	assert_int_equal(c->sections[0].len, 1);
	assert_string_equal(c->sections[0].blocks[0].fact, "m.summary");
	config_free(c);
	/* a block set again after its removal is back */
	write_file("again.ini", "include = top.ini\n[section.a]\n2 = text m.again\n");
	c = load("again.ini", NULL, 0, &dl);
	assert_non_null(c);
	assert_int_equal(c->sections[0].len, 3);
	assert_string_equal(c->sections[0].blocks[1].fact, "m.again");
	assert_false(c->sections[0].blocks[1].required);
	config_free(c);
	/* nothing to remove: an empty block is a mistake */
	defs[0] = "section.a.4=";
	assert_null(load("top.ini", defs, 1, &dl));
	assert_diag(&dl, "-D section.a.4=", 0, "[section.a] 4: unknown block type ''");
	diag_release(&dl);
	write_file("top.ini", GOOD_HEAD "[section.a]\ntitle = A\n1 = text m.x\n2 =\n");
	assert_null(load("top.ini", NULL, 0, &dl));
	assert_diag(&dl, at("top.ini"), 10, "[section.a] 2: unknown block type ''");
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_later_include_overrides_earlier),
		cmocka_unit_test(test_shared_base_applies_once),
		cmocka_unit_test(test_include_cycle_names_the_chain),
		cmocka_unit_test(test_include_depth_limit),
		cmocka_unit_test(test_bad_include_lines),
		cmocka_unit_test(test_defines_apply_last_in_order),
		cmocka_unit_test(test_define_errors_name_the_option),
		cmocka_unit_test(test_define_warning_names_the_option),
		cmocka_unit_test(test_empty_block_removes_an_earlier_one),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
