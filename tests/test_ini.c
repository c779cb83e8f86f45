/* Unit tests for ini.c: line numbers, duplicates and what iniparser
 * would mangle. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "input/ini.h"
#include "briefing/base/xalloc.h"

#include <stdlib.h>

#include <iniparser/iniparser.h>

static struct ini *parse(const char *text, struct diag_list *dl)
{
	return ini_parse(text, strlen(text), "t.ini", dl);
}

static void test_keys_keep_file_order_and_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("# c\n[One]\nB = 2\nA = \"x; y\"\n\n[two]\nk=v\n", &dl);
	struct ini_section *s;

	(void)state;
	assert_non_null(ini);
	assert_int_equal(ini->len, 2);
	s = ini_find(ini, "one");
	assert_non_null(s);
	assert_int_equal(s->line, 2);
	assert_string_equal(s->entries[0].key, "b");
	assert_int_equal(s->entries[0].line, 3);
	assert_string_equal(s->entries[1].value, "x; y");
	assert_int_equal(s->entries[1].line, 4);
	assert_string_equal(ini_value(ini_find(ini, "two"), "k"), "v");
	assert_int_equal(dl.len, 0);
	ini_free(ini);
	diag_release(&dl);
}

static void test_repeated_key_is_an_error_with_both_lines(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\nK = 2\n", &dl));
	assert_diag(&dl, "t.ini", 3, "[a] k: key repeated (first at line 2)");
	diag_release(&dl);
}

static void test_repeated_section_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\n[b]\n[A]\nk = 2\n", &dl));
	assert_diag(&dl, "t.ini", 4, "section [A] repeated (first at line 1)");
	/* Its keys are not blamed on the section above it. */
	assert_int_equal(dl.errors, 1);
	diag_release(&dl);
}

static void test_colon_in_section_name_is_refused(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a:b]\nk = 1\n", &dl));
	assert_diag(&dl, "t.ini", 1, "contains ':'");
	diag_release(&dl);
}

static void test_syntax_error_names_line(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("[a]\nk = 1\nthis is not ini\n", &dl));
	assert_diag(&dl, "t.ini", 3, "expected 'key = value' or '[section]'");
	diag_release(&dl);
}

static void test_key_before_section_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("k = 1\n[a]\n", &dl));
	assert_diag(&dl, "t.ini", 1, "before any [section]");
	diag_release(&dl);
}

static void test_long_line_is_refused_with_limit(void **state)
{
	struct diag_list dl = { 0 };
	char *text = malloc(3000);

	(void)state;
	strcpy(text, "[a]\nk = ");
	memset(text + 8, 'x', 2000);
	strcpy(text + 2008, "\n");
	assert_null(parse(text, &dl));
	assert_diag(&dl, "t.ini", 2, "the limit is 1000");
	free(text);
	diag_release(&dl);
}

static void test_nul_byte_and_bad_utf8_are_refused(void **state)
{
	struct diag_list dl = { 0 };
	const char nul[] = "[a]\nk = 1\0\n";

	(void)state;
	assert_null(ini_parse(nul, sizeof nul - 1, "t.ini", &dl));
	assert_diag(&dl, "t.ini", 2, "NUL byte");
	assert_null(parse("[a]\n\nk = caf\xC3\n", &dl));
	assert_diag(&dl, "t.ini", 3, "invalid UTF-8");
	diag_release(&dl);
}

static void test_unquoted_semicolon_warns(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\nk = one; two\n", &dl);

	(void)state;
	assert_non_null(ini);
	assert_string_equal(ini_value(ini->sections, "k"), "one");
	assert_int_equal(dl.errors, 0);
	assert_diag(&dl, "t.ini", 2, "text after ';' is dropped");
	ini_free(ini);
	diag_release(&dl);
}

static void test_numbered_keys_sort_numerically(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\n10 = j\n2 = b\n2.1 = b1\n1 = a\nx = y\n", &dl);
	struct ini_numbered *items;
	size_t n;

	(void)state;
	items = ini_numbered(ini->sections, &n, &dl);
	assert_int_equal(n, 4);
	assert_string_equal(items[0].entry->value, "a");
	assert_string_equal(items[1].entry->value, "b");
	assert_string_equal(items[2].entry->value, "b1");
	assert_int_equal(items[2].minor, 1);
	assert_string_equal(items[3].entry->value, "j");
	free(items);
	ini_free(ini);
	diag_release(&dl);
}

static void test_unknown_key_suggests_the_closest(void **state)
{
	static const char *const allowed[] = { "margin_top", "size", NULL };
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[page]\nmargin_tpo = 3\n", &dl);

	(void)state;
	assert_int_equal(ini_check_unused(ini->sections, allowed, &dl), -1);
	assert_diag(&dl, "t.ini", 2,
	            "[page] margin_tpo: unknown key (did you mean 'margin_top'?)");
	ini_free(ini);
	diag_release(&dl);
}

static void test_numbers_are_read_in_base_ten(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[s]\na = 08\nb = 2.5\nc = 12pt\nd = -3\n", &dl);
	double v = 0;

	(void)state;
	assert_int_equal(ini_number(ini->sections, "a", 0, 100, &v, &dl), 1);
	assert_true(v == 8);
	assert_int_equal(ini_number(ini->sections, "b", 0, 100, &v, &dl), 1);
	assert_true(v == 2.5);
	assert_int_equal(ini_number(ini->sections, "c", 0, 100, &v, &dl), -1);
	assert_diag(&dl, "t.ini", 4, "[s] c: '12pt' is not a number");
	assert_int_equal(ini_number(ini->sections, "d", 0, 100, &v, &dl), -1);
	assert_diag(&dl, "t.ini", 5, "[s] d: -3 is out of range (0 to 100)");
	assert_int_equal(ini_number(ini->sections, "zz", 0, 1, &v, &dl), 0);
	ini_free(ini);
	diag_release(&dl);
}

/* iniparser reads the values in batches of a few hundred keys: every key
 * of a long section, across batch boundaries and sections, gets its own
 * value. */
static void test_long_sections_keep_every_value(void **state)
{
	struct diag_list dl = { 0 };
	size_t cap = 2 * 1000 * 40, len = 0;
	char *buf = malloc(cap);
	struct ini *ini;

	(void)state;
	for (int s = 0; s < 2; s++) {
		len += (size_t)snprintf(buf + len, cap - len, "[s%d]\n", s);
		for (int k = 0; k < 1000; k++)
			len += (size_t)snprintf(buf + len, cap - len,
			                        "k%d = \"v %d.%d\" ; c\n", k, s, k);
	}
	ini = ini_parse(buf, len, "long.ini", &dl);
	assert_non_null(ini);
	for (int s = 0; s < 2; s++) {
		char name[8], key[8], want[16];
		struct ini_section *sec;

		snprintf(name, sizeof name, "s%d", s);
		sec = ini_find(ini, name);
		assert_non_null(sec);
		assert_int_equal(sec->len, 1000);
		for (int k = 0; k < 1000; k++) {
			snprintf(key, sizeof key, "k%d", k);
			snprintf(want, sizeof want, "v %d.%d", s, k);
			assert_string_equal(ini_value(sec, key), want);
			assert_null(ini_get(sec, key)->raw);
		}
	}
	ini_free(ini);
	free(buf);
	diag_release(&dl);
}

/* The scan reads each value as iniparser 4.1 does: each line is read by
 * both and the values compared, so the scan's checks judge what
 * iniparser keeps. */
static void test_values_match_iniparser(void **state)
{
	static const char *const lines[] = {
		"k = plain", "k = \"quoted; kept # too\"", "k = 'single'",
		"k =   spaced out   ", "k = cut ; here", "k = cut # here",
		"k = #starts with hash", "k = ;semicolon", "k =", "k = \"\"",
		"k = ''", "k = \"\" # comment", "k = \"  inner  \"", "K = Case",
		"k = a = b", "k = x \"y\"", "k = \"a\" ; c", "k\t=\ttabs\t",
		"k = caf\xC3\xA9", "k = one \\\n  two", "k=tight", "k = 'it\"s'",
	};
	char path[] = "/tmp/briefing-ini-XXXXXX";
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct diag_list dl = { 0 };
		char *text = xasprintf("[s]\n%s\n", lines[i]);
		/* the scan alone: ini_parse() would take iniparser's values */
		struct ini *ini = ini_new("t.ini");
		FILE *f = fopen(path, "w");
		dictionary *d;
		const char *want;

		fputs(text, f);
		fclose(f);
		d = iniparser_load(path);
		assert_non_null(d);
		want = iniparser_getstring(d, "s:k", NULL);
		if (ini_scan(ini, text, strlen(text), &dl) != 0) {
			ini_free(ini);
			ini = NULL;
		}
		if (!ini || !want || strcmp(ini->sections[0].entries[0].value, want))
			printf("line %zu: %s: ours '%s', iniparser '%s'\n", i, lines[i],
			       ini ? ini->sections[0].entries[0].value : "(none)",
			       want ? want : "(none)");
		assert_non_null(ini);
		assert_non_null(want);
		assert_string_equal(ini->sections[0].entries[0].value, want);
		iniparser_freedict(d);
		ini_free(ini);
		free(text);
		diag_release(&dl);
	}
	remove(path);
}

/* A value that comes from no file (-D) is read exactly as the same text
 * on a line of a file: ini_scan_entry() then ini_values(), against
 * ini_parse() of "[s]\nLINE". */
static void test_entry_reads_as_a_line_of_a_file(void **state)
{
	static const char *const lines[] = {
		"k = plain", "k = \"quoted; kept # too\"", "k = 'single'",
		"k =   spaced out   ", "k = cut ; here", "k = #starts with hash",
		"k =", "k = \"\"", "k = \"  inner  \"", "K = Case", "k = a = b",
		"k = \"a\" ; c", "k\t=\ttabs\t", "k = caf\xC3\xA9", "k=tight",
		"k = 'it\"s'",
	};

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct diag_list dl = { 0 }, dl2 = { 0 };
		char *text = xasprintf("[s]\n%s\n", lines[i]);
		struct ini *file = ini_parse(text, strlen(text), "t.ini", &dl);
		struct ini *entry = ini_new("-D s.k");

		assert_non_null(file);
		assert_int_equal(ini_scan_entry(entry, "s", lines[i],
		                                strlen(lines[i]), 0, &dl2), 0);
		assert_int_equal(ini_values(entry, &dl2), 0);
		assert_string_equal(entry->sections[0].entries[0].key, "k");
		assert_string_equal(entry->sections[0].entries[0].value,
		                    file->sections[0].entries[0].value);
		/* the same warnings, at no line */
		assert_int_equal(dl2.len, dl.len);
		for (size_t j = 0; j < dl2.len; j++)
			assert_int_equal(dl2.items[j].line, 0);
		ini_free(file);
		ini_free(entry);
		free(text);
		diag_release(&dl);
		diag_release(&dl2);
	}
}

/* Where iniparser would silently lose text, we report instead. */
static const struct bad_case quote_cases[] = {
	{ "[a]\nk = \"x\" y\n", 2, "[a] k: text after the closing quote: 'y'" },
	{ "[a]\nk = 'it''s'\n", 2, "[a] k: text after the closing quote: ''s''" },
	{ "[a]\nk = \"\"x\n", 2, "[a] k: text after the closing quote: 'x'" },
	{ "[a]\n\nk = \"open\n", 3,
	  "[a] k: the double quote opened here is never closed" },
	{ "[a]\nk = 'open\n", 2,
	  "[a] k: the single quote opened here is never closed" },
};

static void test_quote_mistakes_name_the_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof quote_cases / sizeof quote_cases[0]; i++) {
		struct diag_list dl = { 0 };

		assert_null(parse(quote_cases[i].text, &dl));
		assert_diag(&dl, "t.ini", quote_cases[i].line, quote_cases[i].message);
		diag_release(&dl);
	}
}

static void test_numbered_keys_of_one_number_name_both_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\n2 = b\n1 = a\n02 = c\n2.1 = d\n2.01 = e\n",
	                        &dl);
	size_t n;
	struct ini_numbered *items;

	(void)state;
	assert_non_null(ini);
	items = ini_numbered(ini->sections, &n, &dl);
	assert_int_equal(n, 5);
	assert_diag(&dl, "t.ini", 4, "[a] 02: same number as key '2' (t.ini:2)");
	assert_diag(&dl, "t.ini", 6, "[a] 2.01: same number as key '2.1' (t.ini:5)");
	assert_int_equal(dl.errors, 2);
	free(items);
	ini_free(ini);
	diag_release(&dl);
}

static void test_cr_line_ends_count_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct ini *ini = parse("[a]\rk = 1\r\rj = 2\r\n[b]\rm = 3\r", &dl);

	(void)state;
	assert_non_null(ini);
	assert_int_equal(ini->sections[0].entries[1].line, 4);
	assert_int_equal(ini->sections[1].line, 5);
	assert_string_equal(ini_value(ini_find(ini, "b"), "m"), "3");
	ini_free(ini);
	assert_null(parse("[a]\rk = 1\r\rnot ini\r", &dl));
	assert_diag(&dl, "t.ini", 4, "expected 'key = value' or '[section]'");
	diag_release(&dl);
}

/* Repeats are found through the hash among thousands of names. */
static void test_repeats_found_among_many(void **state)
{
	char *text = xmalloc(20 * 5000 + 64), *p = text;
	struct diag_list dl = { 0 };

	(void)state;
	p += sprintf(p, "[a]\n");
	for (int i = 0; i < 5000; i++)
		p += sprintf(p, "k%d = v\n", i);
	p += sprintf(p, "k17 = again\n");
	for (int i = 0; i < 5000; i++)
		p += sprintf(p, "[s%d]\n", i);
	sprintf(p, "[S42]\n");
	assert_null(parse(text, &dl));
	assert_diag(&dl, "t.ini", 5002, "[a] k17: key repeated (first at line 19)");
	assert_diag(&dl, "t.ini", 10003, "section [S42] repeated (first at line 5045)");
	assert_int_equal(dl.errors, 2);
	diag_release(&dl);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_match_iniparser),
		cmocka_unit_test(test_entry_reads_as_a_line_of_a_file),
		cmocka_unit_test(test_long_sections_keep_every_value),
		cmocka_unit_test(test_quote_mistakes_name_the_line),
		cmocka_unit_test(test_numbered_keys_of_one_number_name_both_lines),
		cmocka_unit_test(test_cr_line_ends_count_lines),
		cmocka_unit_test(test_repeats_found_among_many),
		cmocka_unit_test(test_keys_keep_file_order_and_lines),
		cmocka_unit_test(test_repeated_key_is_an_error_with_both_lines),
		cmocka_unit_test(test_repeated_section_is_an_error),
		cmocka_unit_test(test_colon_in_section_name_is_refused),
		cmocka_unit_test(test_syntax_error_names_line),
		cmocka_unit_test(test_key_before_section_is_an_error),
		cmocka_unit_test(test_long_line_is_refused_with_limit),
		cmocka_unit_test(test_nul_byte_and_bad_utf8_are_refused),
		cmocka_unit_test(test_unquoted_semicolon_warns),
		cmocka_unit_test(test_numbered_keys_sort_numerically),
		cmocka_unit_test(test_unknown_key_suggests_the_closest),
		cmocka_unit_test(test_numbers_are_read_in_base_ten),
	};

	return cmocka_run_group_tests_name("ini", tests, NULL, NULL);
}
