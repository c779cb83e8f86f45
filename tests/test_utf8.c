/* Unit tests for utf8.c: strict decoding per RFC 3629 (shortest form only,
 * no surrogates, nothing above U+10FFFF, no truncated sequences), the
 * offset utf8_valid() reports, and encoding round trips. */
#include "helpers.h"

#include "briefing/base/utf8.h"

/* decode: bytes -> length and code point */
static const struct {
	const char *s;
	size_t len, want;
	uint32_t cp;
} good[] = {
	{ "A", 1, 1, 0x41 },
	{ "\x00", 1, 1, 0x00 },                 /* NUL is a code point */
	{ "\x7F", 1, 1, 0x7F },                 /* last one-byte */
	{ "\xC2\x80", 2, 2, 0x80 },             /* first two-byte */
	{ "\xC3\xB1", 2, 2, 0xF1 },             /* ñ */
	{ "\xDF\xBF", 2, 2, 0x7FF },            /* last two-byte */
	{ "\xE0\xA0\x80", 3, 3, 0x800 },        /* first three-byte */
	{ "\xE2\x80\x99", 3, 3, 0x2019 },       /* ’ */
	{ "\xED\x9F\xBF", 3, 3, 0xD7FF },       /* just below the surrogates */
	{ "\xEE\x80\x80", 3, 3, 0xE000 },       /* just above them */
	{ "\xEF\xBF\xBD", 3, 3, 0xFFFD },
	{ "\xEF\xBF\xBF", 3, 3, 0xFFFF },       /* last three-byte */
	{ "\xF0\x90\x80\x80", 4, 4, 0x10000 },  /* first four-byte */
	{ "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },
	{ "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF }, /* last code point */
	/* only the first code point is decoded */
	{ "ab", 2, 1, 0x61 },
	{ "\xC3\xB1x", 3, 2, 0xF1 },
	{ "\xE2\x80\x99\xE2\x80\x99", 6, 3, 0x2019 },
};

static void test_decode_reads_one_code_point_of_each_length(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		uint32_t cp = 0xDEADBEEF;
		size_t n = utf8_decode(good[i].s, good[i].len, &cp);

		if (n != good[i].want || cp != good[i].cp)
			printf("case %zu: %zu bytes, U+%04X\n", i, n, (unsigned)cp);
		assert_int_equal(n, good[i].want);
		assert_int_equal(cp, good[i].cp);
	}
}

/* Sequences decode must refuse (return 0), with the byte count given. */
static const struct {
	const char *what, *s;
	size_t len;
} bad[] = {
	{ "empty input", "", 0 },
	{ "lone continuation byte", "\x80", 1 },
	{ "last continuation byte", "\xBF", 1 },
	{ "overlong NUL (C0 80)", "\xC0\x80", 2 },
	{ "overlong '/' (C1 AF)", "\xC1\xAF", 2 },
	{ "overlong U+007F in three bytes", "\xE0\x81\xBF", 3 },
	{ "overlong U+07FF in three bytes", "\xE0\x9F\xBF", 3 },
	{ "overlong U+FFFF in four bytes", "\xF0\x8F\xBF\xBF", 4 },
	{ "overlong NUL in four bytes", "\xF0\x80\x80\x80", 4 },
	{ "first high surrogate U+D800", "\xED\xA0\x80", 3 },
	{ "last high surrogate U+DBFF", "\xED\xAF\xBF", 3 },
	{ "first low surrogate U+DC00", "\xED\xB0\x80", 3 },
	{ "last surrogate U+DFFF", "\xED\xBF\xBF", 3 },
	{ "CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\x80", 6 },
	{ "above U+10FFFF (F4 90)", "\xF4\x90\x80\x80", 4 },
	{ "F5 lead byte", "\xF5\x80\x80\x80", 4 },
	{ "F7 lead byte", "\xF7\xBF\xBF\xBF", 4 },
	{ "five-byte lead F8", "\xF8\x88\x80\x80\x80", 5 },
	{ "six-byte lead FC", "\xFC\x84\x80\x80\x80\x80", 6 },
	{ "FE", "\xFE", 1 },
	{ "FF", "\xFF", 1 },
	{ "two-byte, no continuation", "\xC3", 1 },
	{ "three-byte, one of two continuations", "\xE2\x80", 2 },
	{ "four-byte, two of three continuations", "\xF0\x9F\x98", 3 },
	/* the bytes are there but len stops before them */
	{ "two-byte cut by len", "\xC3\xB1", 1 },
	{ "four-byte cut by len", "\xF0\x9F\x98\x80", 3 },
	{ "continuation replaced by ASCII", "\xC3" "A", 2 },
	{ "three-byte, second continuation ASCII", "\xE2\x80" "A", 3 },
	{ "continuation replaced by a lead byte", "\xE2\xC3\xB1", 3 },
	{ "four-byte, last continuation a lead byte", "\xF0\x9F\x98\xF0", 4 },
};

static void test_decode_refuses_invalid_sequences(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0;
		size_t n = utf8_decode(bad[i].s, bad[i].len, &cp);

		if (n != 0)
			printf("accepted %s as %zu bytes, U+%04X\n", bad[i].what, n,
			       (unsigned)cp);
		assert_int_equal(n, 0);
	}
}

/* Every Unicode scalar value decodes; every surrogate is refused, even
 * though its three bytes are otherwise well formed. */
static void test_decode_round_trips_every_scalar_value(void **state)
{
	(void)state;
	for (uint32_t c = 0; c <= 0x10FFFF; c++) {
		char buf[4];
		size_t n = utf8_encode(c, buf);
		uint32_t back = 0xFFFFFFFF;
		size_t got = utf8_decode(buf, n, &back);

		if (c >= 0xD800 && c <= 0xDFFF) {
			if (got != 0)
				printf("surrogate U+%04X accepted\n", (unsigned)c);
			assert_int_equal(got, 0);
			continue;
		}
		if (got != n || back != c)
			printf("U+%04X: %zu of %zu bytes, back U+%04X\n", (unsigned)c,
			       got, n, (unsigned)back);
		assert_int_equal(got, n);
		assert_int_equal(back, c);
	}
}

static void test_encode_uses_the_shortest_form(void **state)
{
	static const struct {
		uint32_t cp;
		const char *want;
		size_t n;
	} cases[] = {
		{ 0x00, "\x00", 1 },
		{ 0x7F, "\x7F", 1 },
		{ 0x80, "\xC2\x80", 2 },
		{ 0x7FF, "\xDF\xBF", 2 },
		{ 0x800, "\xE0\xA0\x80", 3 },
		{ 0xA0, "\xC2\xA0", 2 },
		{ 0x2019, "\xE2\x80\x99", 3 },
		{ 0xFFFF, "\xEF\xBF\xBF", 3 },
		{ 0x10000, "\xF0\x90\x80\x80", 4 },
		{ 0x10FFFF, "\xF4\x8F\xBF\xBF", 4 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[4] = { 0 };

		assert_int_equal(utf8_encode(cases[i].cp, buf), cases[i].n);
		assert_memory_equal(buf, cases[i].want, cases[i].n);
	}
}

static void test_valid_accepts_text_of_every_length(void **state)
{
	const char s[] = "Ortuño’s – D’Addario’s \xF0\x9F\x98\x80 Uroševac";
	size_t bad_at;

	(void)state;
	assert_true(utf8_valid(s, sizeof s - 1, &bad_at));
	assert_true(utf8_valid("", 0, &bad_at));
	assert_true(utf8_valid("plain ASCII", 11, NULL));
	/* NUL bytes are valid UTF-8; callers refuse them separately */
	assert_true(utf8_valid("a\0b", 3, NULL));
}

/* *bad gets the offset of the first byte of the first bad sequence. */
static void test_valid_reports_first_bad_offset(void **state)
{
	static const struct {
		const char *s;
		size_t len, at;
	} cases[] = {
		{ "\xFF", 1, 0 },
		{ "caf\xC3", 4, 3 },                  /* truncated at the end */
		{ "caf\xC3\xA9\xFF", 6, 5 },          /* after a good sequence */
		{ "ab\xED\xA0\x80" "cd", 7, 2 },      /* surrogate */
		{ "ab\xC0\xAF", 4, 2 },               /* overlong */
		{ "\xE2\x80\x99x\x80", 5, 4 },        /* stray continuation */
		{ "x\xE2\x80" "A\xFF", 5, 1 },        /* first of two errors */
		{ "\xF4\x90\x80\x80", 4, 0 },         /* above U+10FFFF */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t at = 99;

		assert_false(utf8_valid(cases[i].s, cases[i].len, &at));
		if (at != cases[i].at)
			printf("case %zu: offset %zu\n", i, at);
		assert_int_equal(at, cases[i].at);
		assert_false(utf8_valid(cases[i].s, cases[i].len, NULL));
	}
}

/* len bounds the scan: bytes past it are never read, so a valid prefix
 * of a buffer is valid even if the buffer goes on into a bad byte. */
static void test_valid_stops_at_len(void **state)
{
	(void)state;
	assert_true(utf8_valid("ok\xFF", 2, NULL));
	assert_false(utf8_valid("ok\xC3\xA9", 3, NULL));   /* cuts é in half */
	assert_true(utf8_valid("ok\xC3\xA9", 4, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_reads_one_code_point_of_each_length),
		cmocka_unit_test(test_decode_refuses_invalid_sequences),
		cmocka_unit_test(test_decode_round_trips_every_scalar_value),
		cmocka_unit_test(test_encode_uses_the_shortest_form),
		cmocka_unit_test(test_valid_accepts_text_of_every_length),
		cmocka_unit_test(test_valid_reports_first_bad_offset),
		cmocka_unit_test(test_valid_stops_at_len),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
