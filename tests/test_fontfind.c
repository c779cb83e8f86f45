/*
 * test_fontfind.c: a [fonts] pattern is checked against the face
 * fontconfig gives for it, and every face a hint offers loads.
 *
 * The faces are the build's copies of DejaVu (fonts/, made by `make
 * fonts`) in a directory of the test's own, searched as --font-path
 * searches it, so the answers do not depend on what is installed.
 */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>

#include "briefing/base/fileio.h"
#include "briefing/base/suggest.h"
#include "briefing/base/xalloc.h"
#include "fonts/fontfind_internal.h"

static char dir[64];

static void copy(const char *from, const char *to)
{
	char *buf, *path = xasprintf("%s/%s", dir, to);
	size_t len;
	struct diag_list dl = { 0 };
	FILE *f;

	assert_int_equal(file_read(from, &buf, &len, &dl), 0);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, len, f), len);
	fclose(f);
	free(buf);
	free(path);
}

static int make_dir(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/briefing-fontfind-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	copy("fonts/DejaVuSans.ttf", "Sans.ttf");
	copy("fonts/DejaVuSans-Bold.ttf", "Sans-Bold.ttf");
	return 0;
}

static int remove_dir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	fontfind_shutdown();
	return rc == 0 ? 0 : -1;
}

/* The style asked for and the one fontconfig gives agree: found. */
static void test_matching_styles_resolve(void **state)
{
	struct diag_list dl = { 0 };
	char *bold = xasprintf("%s/Sans-Bold.ttf", dir);
	char *p;

	(void)state;
	p = fontfind_resolve_in("DejaVu Sans:bold", dir, "c.ini", 3, &dl);
	assert_non_null(p);
	assert_string_equal(p, bold);
	free(p);
	p = fontfind_resolve_in("DejaVu Sans:style=Bold", dir, "c.ini", 3, &dl);
	assert_non_null(p);
	free(p);
	assert_int_equal(dl.len, 0);
	free(bold);
}

/* fontconfig drops ":blod" and grants "style=Blod" with the regular
 * face: each is an error that names the family's styles. */
static void test_style_the_family_lacks_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(fontfind_resolve_in("DejaVu Sans:blod", dir, "c.ini", 3,
	                                &dl));
	assert_diag(&dl, "c.ini", 3, "font 'DejaVu Sans:blod': 'blod' is not a "
	            "style fontconfig knows (did you mean 'bold'?); DejaVu Sans "
	            "has: Bold, Book");
	assert_null(fontfind_resolve_in("DejaVu Sans:style=Blod", dir, "c.ini",
	                                4, &dl));
	assert_diag(&dl, "c.ini", 4, "font 'DejaVu Sans:style=Blod': DejaVu Sans "
	            "has no such style (fontconfig would give 'Book'); DejaVu "
	            "Sans has: Bold, Book");
	/* the directory has no oblique face: fontconfig would give Book */
	assert_null(fontfind_resolve_in("DejaVu Sans:oblique", dir, "c.ini", 5,
	                                &dl));
	assert_diag(&dl, "c.ini", 5, "DejaVu Sans has: Bold, Book");
	assert_int_equal(dl.errors, 3);
	diag_release(&dl);
}

/* A face is offered only if a build would load it: a TrueType file
 * that passes fonts_check(). */
static void test_only_loadable_faces_are_offered(void **state)
{
	char *good = xasprintf("%s/Sans.ttf", dir);
	char *bad = xasprintf("%s/Bad.ttf", dir);
	char *otf = xasprintf("%s/Sans.otf", dir);
	FILE *f;

	(void)state;
	assert_true(fontsuggest_loadable(good));
	f = fopen(bad, "wb");
	assert_non_null(f);
	fputs("not a font", f);
	fclose(f);
	assert_false(fontsuggest_loadable(bad));
	assert_false(fontsuggest_loadable(otf));
	unlink(bad);
	free(good);
	free(bad);
	free(otf);
}

static void test_distance_ignores_case_when_asked(void **state)
{
	static const char *const words[] = { "bold", "book", "italic" };

	(void)state;
	assert_int_equal(suggest_distance("DejaVu Sams", "dejavu sans", true), 1);
	assert_int_equal(suggest_distance("DejaVu Sams", "dejavu sans", false),
	                 4);
	assert_int_equal(suggest_distance("", "abc", false), 3);
	assert_string_equal(suggest_closest("Blod", words, 3, true), "bold");
	assert_null(suggest_closest("Blod", words + 2, 1, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching_styles_resolve),
		cmocka_unit_test(test_style_the_family_lacks_is_an_error),
		cmocka_unit_test(test_only_loadable_faces_are_offered),
		cmocka_unit_test(test_distance_ignores_case_when_asked),
	};

	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
