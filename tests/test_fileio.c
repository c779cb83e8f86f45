/* Unit tests for fileio.c: whole-file reads and atomic writes, with
 * write(2) replaced (-Wl,--wrap=write) to fail midway like a full disk. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

/* Bytes the fake disk takes before it is full; -1: unlimited. */
static long disk_left = -1;

ssize_t __real_write(int fd, const void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	if (disk_left < 0)
		return __real_write(fd, buf, n);
	if (disk_left == 0) {
		errno = ENOSPC;
		return -1;
	}
	if ((long)n > disk_left)
		n = (size_t)disk_left;
	disk_left -= (long)n;
	return __real_write(fd, buf, n);
}

static char dir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/briefing-fileio-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static char *slurp(const char *path, size_t *len)
{
	struct diag_list dl = { 0 };
	char *buf;

	assert_int_equal(file_read(path, &buf, len, &dl), 0);
	diag_release(&dl);
	return buf;
}

static int temp_files_left(void)
{
	char *cmd = xasprintf("ls '%s' | grep -q '\\.tmp\\.'", dir);
	int found = system(cmd) == 0;

	free(cmd);
	return found;
}

static void test_write_replaces_the_file_whole(void **state)
{
	struct diag_list dl = { 0 };
	char *path = xasprintf("%s/out.pdf", dir);
	char *got;
	size_t len;
	struct stat st;

	(void)state;
	disk_left = -1;
	assert_int_equal(file_write_atomic(path, "first", 5, &dl), 0);
	assert_int_equal(file_write_atomic(path, "second!", 7, &dl), 0);
	got = slurp(path, &len);
	assert_int_equal(len, 7);
	assert_memory_equal(got, "second!", 7);
	assert_int_equal(stat(path, &st), 0);
	assert_true((st.st_mode & 0044) != 0);   /* readable by others */
	assert_false(temp_files_left());
	free(got);
	free(path);
	diag_release(&dl);
}

static void test_disk_full_midway_keeps_the_old_file(void **state)
{
	struct diag_list dl = { 0 };
	char *path = xasprintf("%s/keep.pdf", dir);
	char *big = xcalloc(100000, 1), *got;
	size_t len;

	(void)state;
	disk_left = -1;
	assert_int_equal(file_write_atomic(path, "old good pdf", 12, &dl), 0);
	disk_left = 4096;                       /* fills after 4 KiB */
	assert_int_equal(file_write_atomic(path, big, 100000, &dl), -1);
	disk_left = -1;
	assert_diag(&dl, path, 0, "cannot write output: No space left on device");
	got = slurp(path, &len);
	assert_int_equal(len, 12);
	assert_memory_equal(got, "old good pdf", 12);
	assert_false(temp_files_left());
	free(got);
	free(big);
	free(path);
	diag_release(&dl);
}

static void test_missing_directory_is_named(void **state)
{
	struct diag_list dl = { 0 };
	char *path = xasprintf("%s/no/such/x.pdf", dir);
	char *parent = xasprintf("%s/no/such", dir);
	char *want = xasprintf("output directory '%s' does not exist", parent);

	(void)state;
	assert_int_equal(file_write_atomic(path, "x", 1, &dl), -1);
	assert_diag(&dl, path, 0, want);
	free(want);
	free(parent);
	free(path);
	diag_release(&dl);
}

static void test_read_refuses_directories_and_missing_files(void **state)
{
	struct diag_list dl = { 0 };
	char *buf;
	size_t len;

	(void)state;
	assert_int_equal(file_read(dir, &buf, &len, &dl), -1);
	assert_diag(&dl, dir, 0, "is a directory, not a file");
	assert_int_equal(file_read("/nonexistent/x", &buf, &len, &dl), -1);
	assert_diag(&dl, "/nonexistent/x", 0, "cannot open: No such file or directory");
	diag_release(&dl);
}

static void test_paths(void **state)
{
	char *s;

	(void)state;
	assert_string_equal(s = path_dirname("cfg/a.ini"), "cfg");
	free(s);
	assert_string_equal(s = path_dirname("a.ini"), ".");
	free(s);
	assert_string_equal(s = path_dirname("/a.ini"), "/");
	free(s);
	assert_string_equal(s = path_join("cfg", "../facts/x.ini"), "cfg/../facts/x.ini");
	free(s);
	assert_string_equal(s = path_join("cfg", "/abs/x.ini"), "/abs/x.ini");
	free(s);
	assert_string_equal(s = path_join(".", "x.ini"), "x.ini");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_replaces_the_file_whole),
		cmocka_unit_test(test_disk_full_midway_keeps_the_old_file),
		cmocka_unit_test(test_missing_directory_is_named),
		cmocka_unit_test(test_read_refuses_directories_and_missing_files),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests_name("fileio", tests, setup, teardown);
}
