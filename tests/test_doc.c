/* Unit tests for doc.c: fact references, numbering, table cells. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>

#include "briefing/doc.h"

#define NBSP "\xC2\xA0"

static struct config *cfg(const char *sections, struct diag_list *dl)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);
	struct config *c;

	fprintf(f, "[document]\ntitle = T\nmarking = M\nas_of = 2018-11-29\n"
	           "[data]\nk = ../data/kfor.ini\n%s", sections);
	fclose(f);
	c = config_parse(text, len, "config/t.ini", dl);
	free(text);
	return c;
}

static struct facts *kfor(struct diag_list *dl)
{
	struct facts *f = facts_new();

	assert_int_equal(facts_load(f, "data/kfor.ini", dl), 0);
	return f;
}

static void test_sections_are_numbered_1_and_1_1(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = cfg("[section.a]\ntitle = A\n1 = text kfor.summary\n"
	                       "[section.b]\ntitle = B\nlevel = 2\n"
	                       "[section.c]\ntitle = C\nlevel = 2\n"
	                       "[section.d]\ntitle = D\n", &dl);
	struct facts *f = kfor(&dl);
	struct doc *d = doc_build(c, f, &dl);
	const char *want[] = { "1", "1.1", "1.2", "2" };
	size_t h = 0;

	(void)state;
	assert_non_null(d);
	assert_int_equal(doc_check(d), 0);
	for (size_t i = 0; i < d->len; i++)
		if (d->blocks[i].kind == DOC_HEADING)
			assert_string_equal(d->blocks[i].number, want[h++]);
	assert_int_equal(h, 4);
	assert_int_equal(d->blocks[1].kind, DOC_PARAGRAPH);
	assert_string_equal(d->as_of, "29" NBSP "November" NBSP "2018");
	doc_free(d);
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

static void test_missing_fact_names_config_line_and_suggests(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = cfg("[section.a]\ntitle = A\n1 = text kfor.sumary\n", &dl);
	struct facts *f = kfor(&dl);

	(void)state;
	assert_null(doc_build(c, f, &dl));
	assert_diag(&dl, "config/t.ini", 9, "[section.a]: no fact named "
	            "'kfor.sumary' (did you mean 'kfor.summary'?)");
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

static void test_fact_of_another_kind_is_an_error(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = cfg("[section.a]\ntitle = A\n1 = list kfor.summary\n", &dl);
	struct facts *f = kfor(&dl);

	(void)state;
	assert_null(doc_build(c, f, &dl));
	assert_diag(&dl, "config/t.ini", 9, "fact 'kfor.summary' is a text");
	assert_diag(&dl, "config/t.ini", 9, "not a list");
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

static void test_commander_cells_format_dates_present_and_tenure(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = cfg("[section.a]\ntitle = A\n1 = table kfor.commanders\n"
	                       "[table.kfor.commanders]\ndate_format = short\n"
	                       "1 = name | Name\n2 = from | From\n3 = to | To\n"
	                       "4 = tenure | Tenure | right\n5 = nation | Nation\n",
	                       &dl);
	struct facts *f = kfor(&dl);
	struct doc *d = doc_build(c, f, &dl);
	const struct doc_block *t = &d->blocks[1];
	size_t last = t->rows - 1;

	(void)state;
	assert_int_equal(t->kind, DOC_TABLE);
	assert_int_equal(t->cols, 5);
	assert_string_equal(t->cells[1], "09" NBSP "Jun" NBSP "1999");
	assert_string_equal(t->cells[3], "3" NBSP "months");       /* 9 Jun - 8 Oct */
	assert_string_equal(t->cells[last * 5 + 2], "present");
	assert_string_equal(t->cells[last * 5 + 4], "–");   /* not given */
	assert_string_equal(t->cells[(last - 1) * 5 + 2], "–"); /* 'unknown' */
	assert_int_equal(t->columns[3].align, ALIGN_RIGHT);
	assert_int_equal(d->blocks[2].kind, DOC_NOTE);      /* the fact's note */
	doc_free(d);
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

static void test_table_column_must_exist_in_csv(void **state)
{
	struct diag_list dl = { 0 };
	struct config *c = cfg("[section.a]\ntitle = A\n1 = table kfor.commanders\n"
	                       "[table.kfor.commanders]\n1 = nme | Name\n", &dl);
	struct facts *f = kfor(&dl);

	(void)state;
	assert_null(doc_build(c, f, &dl));
	assert_diag(&dl, "config/t.ini", 11, "column 'nme' is not in");
	facts_free(f);
	config_free(c);
	diag_release(&dl);
}

static void test_tenure_formats(void **state)
{
	char buf[64];

	(void)state;
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2000, 1, 13 },
	                  buf, sizeof buf);
	assert_string_equal(buf, "12" NBSP "days");
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2001, 3, 1 },
	                  buf, sizeof buf);
	assert_string_equal(buf, "1" NBSP "year, 2" NBSP "months");
	doc_format_tenure((struct date){ 2000, 1, 1 }, (struct date){ 2002, 1, 1 },
	                  buf, sizeof buf);
	assert_string_equal(buf, "2" NBSP "years");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_are_numbered_1_and_1_1),
		cmocka_unit_test(test_missing_fact_names_config_line_and_suggests),
		cmocka_unit_test(test_fact_of_another_kind_is_an_error),
		cmocka_unit_test(test_commander_cells_format_dates_present_and_tenure),
		cmocka_unit_test(test_table_column_must_exist_in_csv),
		cmocka_unit_test(test_tenure_formats),
	};

	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
