/* Unit tests for pathset.c: the ordered set of the files a build read. */
#include "helpers.h"

#include "briefing/base/pathset.h"

static void test_names_are_kept_once_in_first_order(void **state)
{
	struct path_set s = { 0 };
	char name[] = "b.ini";

	(void)state;
	path_set_add(&s, "a.ini");
	path_set_add(&s, name);
	path_set_add(&s, "a.ini");
	path_set_add(&s, NULL);
	name[0] = 'x';   /* the set holds copies */
	assert_int_equal(s.len, 2);
	assert_string_equal(s.items[0], "a.ini");
	assert_string_equal(s.items[1], "b.ini");
	assert_true(path_set_has(&s, "b.ini"));
	assert_false(path_set_has(&s, "x.ini"));
	path_set_release(&s);
	assert_int_equal(s.len, 0);
	path_set_add(&s, "again.ini");   /* usable after release */
	assert_int_equal(s.len, 1);
	path_set_release(&s);
}

static void test_merge_appends_what_is_new(void **state)
{
	struct path_set a = { 0 }, b = { 0 };

	(void)state;
	path_set_add(&a, "1");
	path_set_add(&a, "2");
	path_set_add(&b, "2");
	path_set_add(&b, "3");
	path_set_merge(&a, &b);
	assert_int_equal(a.len, 3);
	assert_string_equal(a.items[2], "3");
	path_set_release(&a);
	path_set_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_are_kept_once_in_first_order),
		cmocka_unit_test(test_merge_appends_what_is_new),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
