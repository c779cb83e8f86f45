/* Unit tests for arena.c: each string is an independent NUL-terminated
 * copy that stays valid until arena_free(), however many follow it and
 * however long it is. make check runs these under ASan and valgrind,
 * which catch a string overrunning its chunk or a chunk never freed. */
#include "helpers.h"

#include <stdlib.h>

#include "briefing/base/arena.h"

static void test_strndup_copies_and_terminates(void **state)
{
	struct arena *a = arena_new();
	char src[] = "hello, world";
	char *s;

	(void)state;
	assert_non_null(a);
	s = arena_strndup(a, src, 5);
	assert_string_equal(s, "hello");
	assert_ptr_not_equal(s, src);
	/* a copy: changing the source later does not change it */
	src[0] = 'J';
	assert_string_equal(s, "hello");
	arena_free(a);
}

static void test_strndup_copies_exactly_len_bytes(void **state)
{
	struct arena *a = arena_new();
	const char bytes[] = { 'a', '\0', 'b', 'c' };
	const char unterminated[3] = { 'x', 'y', 'z' };
	char *s;

	(void)state;
	/* NUL bytes inside the range are copied too, not stopped at */
	s = arena_strndup(a, bytes, sizeof bytes);
	assert_memory_equal(s, bytes, sizeof bytes);
	assert_int_equal(s[sizeof bytes], '\0');
	/* a source that is not NUL-terminated is read only up to len (ASan
	 * in make check catches a read past it) */
	s = arena_strndup(a, unterminated + 1, 2);
	assert_string_equal(s, "yz");
	arena_free(a);
}

static void test_strndup_of_nothing_is_an_empty_string(void **state)
{
	struct arena *a = arena_new();
	char *s = arena_strndup(a, "ignored", 0);

	(void)state;
	assert_non_null(s);
	assert_string_equal(s, "");
	arena_free(a);
}

static void test_strings_do_not_overlap(void **state)
{
	struct arena *a = arena_new();
	char *x = arena_strndup(a, "first", 5);
	char *y = arena_strndup(a, "second", 6);

	(void)state;
	assert_ptr_not_equal(x, y);
	assert_true(y >= x + 6 || x >= y + 7);
	assert_string_equal(x, "first");
	assert_string_equal(y, "second");
	arena_free(a);
}

/* 200,000 strings of 1 to 40 bytes fill many 64 KiB chunks; each keeps its
 * text, so growing the arena never moves or reuses earlier strings. */
static void test_earlier_strings_survive_many_more(void **state)
{
	enum { N = 200000 };
	struct arena *a = arena_new();
	char **p = calloc(N, sizeof *p);
	char buf[48];

	(void)state;
	assert_non_null(p);
	for (int i = 0; i < N; i++) {
		int n = snprintf(buf, sizeof buf, "%d:%.*s", i, i % 32,
		                 "abcdefghijklmnopqrstuvwxyzABCDEF");

		p[i] = arena_strndup(a, buf, (size_t)n);
	}
	for (int i = 0; i < N; i++) {
		snprintf(buf, sizeof buf, "%d:%.*s", i, i % 32,
		         "abcdefghijklmnopqrstuvwxyzABCDEF");
		if (strcmp(p[i], buf) != 0)
			printf("string %d changed\n", i);
		assert_string_equal(p[i], buf);
	}
	free(p);
	arena_free(a);
}

/* A string longer than a chunk (64 KiB) still fits, whole, and the small
 * strings around it are unharmed. */
static void test_strings_longer_than_a_chunk_fit(void **state)
{
	size_t sizes[] = { 65535, 65536, 65537, 300000 };
	struct arena *a = arena_new();

	(void)state;
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		size_t len = sizes[k];
		char *big = malloc(len);
		char *before = arena_strndup(a, "before", 6), *s, *after;

		assert_non_null(big);
		for (size_t i = 0; i < len; i++)
			big[i] = (char)('a' + i % 26);
		s = arena_strndup(a, big, len);
		after = arena_strndup(a, "after", 5);
		assert_memory_equal(s, big, len);
		assert_int_equal(s[len], '\0');
		assert_string_equal(before, "before");
		assert_string_equal(after, "after");
		free(big);
	}
	arena_free(a);
}

static void test_free_accepts_null_and_empty_arenas(void **state)
{
	(void)state;
	arena_free(NULL);
	arena_free(arena_new());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strndup_copies_and_terminates),
		cmocka_unit_test(test_strndup_copies_exactly_len_bytes),
		cmocka_unit_test(test_strndup_of_nothing_is_an_empty_string),
		cmocka_unit_test(test_strings_do_not_overlap),
		cmocka_unit_test(test_earlier_strings_survive_many_more),
		cmocka_unit_test(test_strings_longer_than_a_chunk_fit),
		cmocka_unit_test(test_free_accepts_null_and_empty_arenas),
	};

	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
