/* Unit tests for csvfile.c: RFC 4180 quoting, ragged rows, empty files,
 * BOM, bad UTF-8. */
#include "helpers.h"

#include <stdlib.h>

#include "input/csvfile.h"

static struct csvfile *parse(const char *text, struct diag_list *dl)
{
	return csvfile_parse(text, strlen(text), "t.csv", dl);
}

static void test_quoted_fields_keep_commas_quotes_and_newlines(void **state)
{
	struct diag_list dl = { 0 };
	struct csvfile *t = parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
	                          "Ortuño,Peć,D’Addario\n", &dl);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->columns, 3);
	assert_int_equal(t->rows, 2);
	assert_string_equal(csvfile_cell(t, 0, 0), "x, y");
	assert_string_equal(csvfile_cell(t, 0, 1), "say \"hi\"");
	assert_string_equal(csvfile_cell(t, 0, 2), "two\nlines");
	assert_string_equal(csvfile_cell(t, 1, 2), "D’Addario");
	assert_int_equal(t->lines[0], 2);
	assert_int_equal(t->lines[1], 4);
	assert_int_equal(csvfile_column(t, "c"), 2);
	assert_int_equal(csvfile_column(t, "z"), -1);
	csvfile_free(t);
	diag_release(&dl);
}

static void test_crlf_bom_and_blank_lines_are_accepted(void **state)
{
	struct diag_list dl = { 0 };
	struct csvfile *t = parse("\xEF\xBB\xBFname,n\r\nA,1\r\n\r\nB,2\r\n", &dl);

	(void)state;
	assert_non_null(t);
	assert_string_equal(t->header[0], "name");
	assert_int_equal(t->rows, 2);
	assert_string_equal(csvfile_cell(t, 1, 0), "B");
	assert_int_equal(t->lines[1], 4);
	csvfile_free(t);
	diag_release(&dl);
}

/* A ';'-separated file reads as one column: the header says so, before
 * a row's field count (a comma in a name) or a missing column hides it. */
static void test_semicolon_header_gets_the_hint(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("name;from;to\nJackson, Sir Michael;1999-06-09;"
	                  "1999-10-08\n", &dl));
	assert_diag(&dl, "t.csv", 1, "the header 'name;from;to' is one column: "
	            "the file looks ';'-separated, but fields are separated by "
	            "','; save it as comma-separated CSV");
	assert_int_equal(dl.len, 1);
	diag_release(&dl);
}

/* One column and a ';' in every row warns; a ';' in some rows does not. */
static void test_semicolon_rows_warn(void **state)
{
	struct diag_list dl = { 0 };
	struct csvfile *t = parse("name\nA;1\n\nB;2\n", &dl);

	(void)state;
	assert_non_null(t);
	assert_int_equal(dl.errors, 0);
	assert_diag(&dl, "t.csv", 2, "every row is one field with ';' in it: if "
	            "the file is ';'-separated, save it as comma-separated CSV");
	csvfile_free(t);
	diag_release(&dl);
	t = parse("name\nA;1\nB\n", &dl);
	assert_non_null(t);
	assert_int_equal(dl.len, 0);
	csvfile_free(t);
	t = parse("a,b\nA;1,x\nB;2,y\n", &dl);
	assert_int_equal(dl.len, 0);
	csvfile_free(t);
	diag_release(&dl);
}

static void test_ragged_row_names_row_and_line(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("a,b\n1,2\n3\n4,5,6\n", &dl));
	assert_diag(&dl, "t.csv", 3, "row 2 has 1 fields; the header has 2");
	assert_diag(&dl, "t.csv", 4, "has 3 fields");
	diag_release(&dl);
}

static void test_empty_file_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("", &dl));
	assert_diag(&dl, "t.csv", 0, "empty CSV file");
	diag_release(&dl);
}

static void test_bad_quoting_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("a,b\n1,\"open\n", &dl));
	assert_diag(&dl, "t.csv", 0, "not closed");
	diag_release(&dl);
	assert_null(parse("a,b\n1,\"x\"y\n", &dl));
	assert_diag(&dl, "t.csv", 2, "CSV syntax error");
	diag_release(&dl);
}

static void test_invalid_utf8_names_line(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("a,b\n1,2\n3,\xFF\n", &dl));
	assert_diag(&dl, "t.csv", 3, "invalid UTF-8 (byte 0xff)");
	diag_release(&dl);
}

static void test_nul_byte_is_an_error(void **state)
{
	struct diag_list dl = { 0 };
	const char text[] = "a,b\n1,x\0y\n";

	(void)state;
	assert_null(csvfile_parse(text, sizeof text - 1, "t.csv", &dl));
	assert_diag(&dl, "t.csv", 2, "NUL byte");
	diag_release(&dl);
}

static void test_columns_of_one_name_are_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("a,b, a \n1,2,3\n", &dl));
	assert_diag(&dl, "t.csv", 1, "header columns 1 and 3 are both named 'a'");
	diag_release(&dl);
}

static void test_tab_in_a_cell_becomes_a_space(void **state)
{
	struct diag_list dl = { 0 };
	struct csvfile *t = parse("a,b\nx\ty,\"p\tq\"\n", &dl);

	(void)state;
	assert_non_null(t);
	assert_string_equal(csvfile_cell(t, 0, 0), "x y");
	assert_string_equal(csvfile_cell(t, 0, 1), "p q");
	csvfile_free(t);
	diag_release(&dl);
}

static void test_unclosed_quote_is_reported_where_it_opens(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("a,b\n1,2\n3,\"open\n4,5\n6,7\n", &dl));
	assert_diag(&dl, "t.csv", 3, "the quoted field opened here is not closed");
	diag_release(&dl);
	/* a doubled quote inside a field does not close it */
	assert_null(parse("a,b\n1,\"x\"\"\ny\n", &dl));
	assert_diag(&dl, "t.csv", 2, "the quoted field opened here is not closed");
	diag_release(&dl);
}

static void test_cr_line_ends_count_lines(void **state)
{
	struct diag_list dl = { 0 };
	struct csvfile *t = parse("a,b\r1,2\r\"x\ry\",3\r4,5\r", &dl);

	(void)state;
	assert_non_null(t);
	assert_int_equal(t->rows, 3);
	assert_int_equal(t->lines[1], 3);
	assert_int_equal(t->lines[2], 5);
	csvfile_free(t);
	assert_null(parse("a,b\r1,2\r3\r", &dl));
	assert_diag(&dl, "t.csv", 3, "row 2 has 1 fields; the header has 2");
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_of_one_name_are_an_error),
		cmocka_unit_test(test_tab_in_a_cell_becomes_a_space),
		cmocka_unit_test(test_unclosed_quote_is_reported_where_it_opens),
		cmocka_unit_test(test_cr_line_ends_count_lines),
		cmocka_unit_test(test_quoted_fields_keep_commas_quotes_and_newlines),
		cmocka_unit_test(test_crlf_bom_and_blank_lines_are_accepted),
		cmocka_unit_test(test_ragged_row_names_row_and_line),
		cmocka_unit_test(test_semicolon_header_gets_the_hint),
		cmocka_unit_test(test_semicolon_rows_warn),
		cmocka_unit_test(test_empty_file_is_an_error),
		cmocka_unit_test(test_bad_quoting_is_an_error),
		cmocka_unit_test(test_invalid_utf8_names_line),
		cmocka_unit_test(test_nul_byte_is_an_error),
	};

	return cmocka_run_group_tests_name("csvfile", tests, NULL, NULL);
}
