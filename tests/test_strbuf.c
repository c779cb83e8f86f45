/*
 * test_strbuf.c: the growing string and its JSON strings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "briefing/base/strbuf.h"

/* addf takes output of any length, not a fixed buffer's worth. */
static void test_addf_grows_past_any_buffer(void **state)
{
	struct strbuf b = {0};
	char big[1000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	strbuf_puts(&b, "<");
	strbuf_addf(&b, "%s|%d", big, 42);
	assert_int_equal(b.len, 1 + 999 + 3);
	assert_string_equal(b.s + 1000, "|42");
	assert_int_equal(strlen(b.s), b.len);
	free(b.s);
}

static void expect_json(const char *in, const char *want)
{
	struct strbuf b = {0};

	strbuf_json(&b, in);
	assert_string_equal(b.s, want);
	free(b.s);
}

/* Quotes and backslashes escaped, controls as \n \t \u00XX, UTF-8 kept,
 * invalid bytes as \ufffd, NULL as null: every line parses. */
static void test_json_strings(void **state)
{
	(void)state;
	expect_json("plain", "\"plain\"");
	expect_json("a\"b\\c", "\"a\\\"b\\\\c\"");
	expect_json("l1\nl2\tx\x01\x7f", "\"l1\\nl2\\tx\\u0001\\u007f\"");
	expect_json("Pe\xc4\x87", "\"Pe\xc4\x87\"");
	expect_json("bad\xff\xc4", "\"bad\\ufffd\\ufffd\"");
	expect_json("", "\"\"");
	expect_json(NULL, "null");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_addf_grows_past_any_buffer),
		cmocka_unit_test(test_json_strings),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
