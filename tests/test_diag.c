/* Unit tests for diag.c: the "file:line: level: msg" format, and that text
 * echoed from hostile input reaches the terminal escaped and cut. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>

#include "briefing/base/xalloc.h"

/* What diag_print writes for dl; the caller frees it. */
static char *printed(const struct diag_list *dl)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	diag_print(dl, f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* diag_print_color() with colour on. */
static char *printed_color(const struct diag_list *dl)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	diag_print_color(dl, f, true);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void assert_escaped(const char *in, const char *want)
{
	char *got = diag_escape(in);

	if (strcmp(got, want) != 0)
		printf("escaped: got \"%s\", want \"%s\"\n", got, want);
	assert_string_equal(got, want);
	free(got);
}

static void test_print_format_names_file_line_and_level(void **state)
{
	struct diag_list dl = { 0 };
	char *out;

	(void)state;
	assert_int_equal(diag_error(&dl, "data/kfor.ini", 42, "bad '%s'", "x"), -1);
	assert_int_equal(diag_warning(&dl, "data/kfor.ini", 0, "old source"), 0);
	diag_error(&dl, NULL, 0, "no file");
	out = printed(&dl);
	assert_string_equal(out, "data/kfor.ini:42: error: bad 'x'\n"
	                         "data/kfor.ini: warning: old source\n"
	                         "briefing: error: no file\n");
	assert_int_equal(dl.errors, 2);
	free(out);
	diag_release(&dl);
}

static const struct { const char *in, *want; } escapes[] = {
	/* C0 controls, with the common ones by their C names */
	{ "a\x1b[31mred", "a\\x1b[31mred" },
	{ "over\rwrite", "over\\rwrite" },
	{ "two\nlines", "two\\nlines" },
	{ "tab\there", "tab\\there" },
	{ "bell\x07", "bell\\x07" },
	{ "\x01\x1f", "\\x01\\x1f" },
	/* DEL, and C1 controls (U+0080-U+009F: U+009B is CSI) */
	{ "del\x7f", "del\\x7f" },
	{ "c1 \xc2\x80 \xc2\x85 \xc2\x9b \xc2\x9f", "c1 \\u0080 \\u0085 \\u009b \\u009f" },
	/* bidi controls */
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae",
	  "\\u202a\\u202b\\u202c\\u202d\\u202e" },
	{ "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	  "\\u2066\\u2067\\u2068\\u2069" },
	{ "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\\u200e\\u200f\\u061c" },
	/* bytes that are not UTF-8: stray, truncated, overlong, surrogate */
	{ "caf\xe9", "caf\\xe9" },
	{ "\xff\x80", "\\xff\\x80" },
	{ "\xe2\x82", "\\xe2\\x82" },
	{ "\xc0\xaf", "\\xc0\\xaf" },
	{ "\xed\xa0\x80", "\\xed\\xa0\\x80" },
	/* kept: printable UTF-8, neighbours of the bidi range, backslash */
	{ "Peć 漢字 \xc2\xa0ü", "Peć 漢字 \xc2\xa0ü" },
	{ "\xe2\x80\x8d\xe2\x80\xaf", "\xe2\x80\x8d\xe2\x80\xaf" },
	{ "C:\\x1b", "C:\\x1b" },
	{ "", "" },
};

static void test_escape_every_unsafe_class(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++)
		assert_escaped(escapes[i].in, escapes[i].want);
}

static void test_long_text_keeps_head_and_tail(void **state)
{
	char in[1001], want[400];

	(void)state;
	memset(in, 'a', 1000);
	in[0] = 'H';
	in[999] = 'T';
	in[1000] = '\0';
	memset(want, 'a', sizeof want);
	want[0] = 'H';
	memcpy(want + DIAG_SHOW_HEAD, "...", 3);
	want[DIAG_SHOW_HEAD + 3 + DIAG_SHOW_TAIL - 1] = 'T';
	want[DIAG_SHOW_HEAD + 3 + DIAG_SHOW_TAIL] = '\0';
	assert_escaped(in, want);
	/* DIAG_SHOW_MAX characters are shown whole, one more is cut. */
	in[DIAG_SHOW_MAX] = '\0';
	assert_escaped(in, in);
	in[DIAG_SHOW_MAX] = 'a';
	in[DIAG_SHOW_MAX + 1] = '\0';
	want[DIAG_SHOW_HEAD + 3 + DIAG_SHOW_TAIL - 1] = 'a';
	assert_escaped(in, want);
}

static void test_cut_counts_characters_not_bytes(void **state)
{
	char *in = xcalloc(400 * 2 + 1, 1), *want = xcalloc(400 * 2 + 4, 1);
	char *got;
	size_t len = 0;

	(void)state;
	for (int i = 0; i < 400; i++)
		memcpy(in + 2 * i, "\xc3\xa9", 2);
	for (int i = 0; i < DIAG_SHOW_HEAD; i++, len += 2)
		memcpy(want + len, "\xc3\xa9", 2);
	memcpy(want + len, "...", 3);
	len += 3;
	for (int i = 0; i < DIAG_SHOW_TAIL; i++, len += 2)
		memcpy(want + len, "\xc3\xa9", 2);
	got = diag_escape(in);
	assert_string_equal(got, want);
	assert_true(utf8_valid(got, strlen(got), NULL));
	free(got);
	free(want);
	free(in);
}

static void test_print_escapes_message_and_file_name(void **state)
{
	struct diag_list dl = { 0 };
	char *out;

	(void)state;
	diag_error(&dl, "evil\x1b]0;pwned\x07.ini", 3,
	           "[style] body_size: '%s' is not a number", "\x1b[2J\rbig");
	out = printed(&dl);
	assert_string_equal(out, "evil\\x1b]0;pwned\\x07.ini:3: error: [style] "
	                         "body_size: '\\x1b[2J\\rbig' is not a number\n");
	/* The list itself keeps the exact bytes for other consumers. */
	assert_string_equal(dl.items[0].msg,
	                    "[style] body_size: '\x1b[2J\rbig' is not a number");
	free(out);
	diag_release(&dl);
}

static void test_print_cuts_an_echoed_value(void **state)
{
	struct diag_list dl = { 0 };
	char value[2001], *out;

	(void)state;
	memset(value, 'v', 2000);
	value[2000] = '\0';
	diag_error(&dl, "c.ini", 7, "[x] k: '%s' is not a number", value);
	out = printed(&dl);
	assert_true(strlen(out) < 400);
	assert_non_null(strstr(out, "c.ini:7: error: [x] k: 'vvv"));
	assert_non_null(strstr(out, "vvv...vvv"));
	assert_non_null(strstr(out, "vvv' is not a number\n"));
	free(out);
	diag_release(&dl);
}

static void test_color_marks_only_the_level(void **state)
{
	struct diag_list dl = { 0 };
	char *out;

	(void)state;
	diag_error(&dl, "a.ini", 3, "bad \033[31m value");
	diag_warning(&dl, NULL, 0, "old");
	out = printed_color(&dl);
	/* the level is coloured; the escape from the input stays escaped */
	assert_string_equal(out, "a.ini:3: \033[1;31merror:\033[0m bad \\x1b[31m value\n"
	                         "briefing: \033[1;33mwarning:\033[0m old\n");
	free(out);
	diag_release(&dl);
}

static void test_promote_warnings_makes_them_errors(void **state)
{
	struct diag_list dl = { 0 };
	char *out;

	(void)state;
	diag_warning(&dl, "a.ini", 1, "old");
	diag_error(&dl, "a.ini", 2, "bad");
	diag_warning(&dl, "a.ini", 3, "older");
	assert_int_equal(diag_promote_warnings(&dl), 2);
	assert_int_equal(dl.errors, 3);
	assert_int_equal(diag_promote_warnings(&dl), 0);
	out = printed(&dl);
	assert_string_equal(out, "a.ini:1: error: old\na.ini:2: error: bad\n"
	                         "a.ini:3: error: older\n");
	free(out);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_format_names_file_line_and_level),
		cmocka_unit_test(test_escape_every_unsafe_class),
		cmocka_unit_test(test_long_text_keeps_head_and_tail),
		cmocka_unit_test(test_cut_counts_characters_not_bytes),
		cmocka_unit_test(test_print_escapes_message_and_file_name),
		cmocka_unit_test(test_print_cuts_an_echoed_value),
		cmocka_unit_test(test_color_marks_only_the_level),
		cmocka_unit_test(test_promote_warnings_makes_them_errors),
	};

	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
