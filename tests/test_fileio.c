/* Unit tests for fileio.c: whole-file reads of regular files only, atomic
 * and device writes, and outputs that are inputs, with write(2) replaced
 * (-Wl,--wrap=write) to fail midway like a full disk. A FIFO test that
 * blocked would hang the suite, so each test runs under alarm(). */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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

/* A read or write that blocks kills the test binary (SIGALRM) instead of
 * hanging make test. */
static int arm_alarm(void **state)
{
	(void)state;
	disk_left = -1;
	alarm(10);
	return 0;
}

static int disarm_alarm(void **state)
{
	(void)state;
	alarm(0);
	return 0;
}

/* A new file in dir holding text; the caller frees the name. */
static char *make_file(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *make_fifo(const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	assert_int_equal(mkfifo(path, 0600), 0);
	return path;
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

static void test_read_refuses_a_fifo_without_blocking(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_fifo("in.fifo");
	char *buf;
	size_t len;

	(void)state;
	assert_int_equal(file_read(path, &buf, &len, &dl), -1);
	assert_null(buf);
	assert_diag(&dl, path, 0, "is a FIFO, not a regular file");
	unlink(path);
	free(path);
	diag_release(&dl);
}

static void test_read_refuses_devices_and_sockets(void **state)
{
	struct diag_list dl = { 0 };
	struct sockaddr_un addr = { 0 };
	char *sock = xasprintf("%s/in.sock", dir);
	char *buf;
	size_t len;
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	(void)state;
	assert_int_equal(file_read("/dev/null", &buf, &len, &dl), -1);
	assert_diag(&dl, "/dev/null", 0, "is a character device, not a regular file");
	addr.sun_family = AF_UNIX;
	snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
	assert_int_equal(file_read(sock, &buf, &len, &dl), -1);
	assert_diag(&dl, sock, 0, "is a socket, not a regular file");
	close(fd);
	unlink(sock);
	free(sock);
	diag_release(&dl);
}

static void test_read_at_names_the_referring_line(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_fifo("table.csv");
	char *want = xasprintf("'%s': is a FIFO, not a regular file", path);
	char *buf;
	size_t len;

	(void)state;
	assert_int_equal(file_read_at(path, "config/a.ini", 12, &buf, &len, &dl),
	                 -1);
	assert_diag(&dl, "config/a.ini", 12, want);
	assert_int_equal(file_check_input(path, "config/b.ini", 3, &dl), -1);
	assert_diag(&dl, "config/b.ini", 3, want);
	assert_int_equal(dl.errors, 2);
	unlink(path);
	free(want);
	free(path);
	diag_release(&dl);
}

static void test_check_input_accepts_a_regular_file(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_file("font.ttf", "x");

	(void)state;
	assert_int_equal(file_check_input(path, NULL, 0, &dl), 0);
	assert_int_equal(file_check_input(dir, NULL, 0, &dl), -1);
	assert_diag(&dl, dir, 0, "is a directory, not a file");
	unlink(path);
	free(path);
	diag_release(&dl);
}

static void test_read_refuses_a_sparse_oversized_file(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_file("huge.ini", "");
	char *buf;
	size_t len;

	(void)state;
	/* Sparse: 17 MB that take no disk. (Refused from fstat before any
	 * read; the read loop would give the same message, more slowly.) */
	assert_int_equal(truncate(path, (off_t)FILEIO_MAX_INPUT + 1), 0);
	assert_int_equal(file_read(path, &buf, &len, &dl), -1);
	assert_diag(&dl, path, 0, "file is larger than the limit of 16777216 bytes");
	unlink(path);
	free(path);
	diag_release(&dl);
}

static void test_output_to_a_character_device_is_written_to(void **state)
{
	struct diag_list dl = { 0 };
	struct stat st;

	(void)state;
	assert_int_equal(file_write_output("/dev/null", "pdf", 3, &dl), 0);
	assert_int_equal(dl.len, 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(file_write_output("/dev/full", "pdf", 3, &dl), -1);
	assert_diag(&dl, "/dev/full", 0,
	            "cannot write output: No space left on device");
	diag_release(&dl);
}

static void test_output_to_a_fifo_nobody_reads_fails_at_once(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_fifo("out.fifo");
	struct stat st;

	(void)state;
	assert_int_equal(file_write_output(path, "pdf", 3, &dl), -1);
	assert_diag(&dl, path, 0, "cannot write output: the FIFO has no reader");
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	unlink(path);
	free(path);
	diag_release(&dl);
}

static void test_output_dash_is_standard_output(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_file("stdout.pdf", "");
	int saved = dup(STDOUT_FILENO), fd = open(path, O_WRONLY);
	char *got;
	size_t len;

	(void)state;
	assert_true(saved >= 0 && fd >= 0);
	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	assert_int_equal(file_write_output("-", "%PDF-", 5, &dl), 0);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	got = slurp(path, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(got, "%PDF-", 5);
	unlink(path);
	free(got);
	free(path);
	diag_release(&dl);
}

static void test_output_through_symlinks_replaces_the_target(void **state)
{
	struct diag_list dl = { 0 };
	char *sub = xasprintf("%s/sub", dir);
	char *hop = xasprintf("%s/hop.pdf", dir), *link = xasprintf("%s/l.pdf", dir);
	char *target, *got;
	size_t len;
	struct stat st;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	target = make_file("sub/real.pdf", "old");
	/* l.pdf -> hop.pdf -> sub/real.pdf, the last hop relative to hop's
	 * directory, not the working directory. */
	assert_int_equal(symlink("sub/real.pdf", hop), 0);
	assert_int_equal(symlink("hop.pdf", link), 0);
	assert_int_equal(file_write_output(link, "new", 3, &dl), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(lstat(hop, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	got = slurp(target, &len);
	assert_memory_equal(got, "new", 3);
	free(got);
	/* A dangling link: its target is created. */
	unlink(target);
	assert_int_equal(file_write_output(link, "again", 5, &dl), 0);
	got = slurp(target, &len);
	assert_memory_equal(got, "again", 5);
	assert_int_equal(dl.len, 0);
	assert_false(temp_files_left());
	unlink(link);
	unlink(hop);
	unlink(target);
	rmdir(sub);
	free(got);
	free(link);
	free(hop);
	free(target);
	free(sub);
	diag_release(&dl);
}

static void test_symlink_loop_is_reported(void **state)
{
	struct diag_list dl = { 0 };
	char *a = xasprintf("%s/a.pdf", dir), *b = xasprintf("%s/b.pdf", dir);

	(void)state;
	assert_int_equal(symlink("b.pdf", a), 0);
	assert_int_equal(symlink("a.pdf", b), 0);
	assert_int_equal(file_write_output(a, "x", 1, &dl), -1);
	assert_diag(&dl, a, 0, "too many levels of symbolic links");
	unlink(a);
	unlink(b);
	free(a);
	free(b);
	diag_release(&dl);
}

static void test_output_keeps_the_mode_of_the_old_file(void **state)
{
	struct diag_list dl = { 0 };
	char *path = make_file("private.pdf", "old");
	struct stat st;

	(void)state;
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(file_write_output(path, "new", 3, &dl), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(file_write_atomic(path, "newer", 5, &dl), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	unlink(path);
	free(path);
	diag_release(&dl);
}

static void test_output_named_at_name_max_works(void **state)
{
	struct diag_list dl = { 0 };
	char name[256];
	char *path, *got;
	size_t len;

	(void)state;
	/* 255 bytes: the name itself fits, name + ".tmp.XXXXXX" would not.
	 * Two-byte characters check the cut keeps whole characters. */
	memset(name, 'a', 255);
	for (int i = 0; i < 200; i += 2)
		memcpy(name + i, "\xc3\xa9", 2);
	name[255] = '\0';
	path = xasprintf("%s/%s", dir, name);
	assert_int_equal(file_write_output(path, "long", 4, &dl), 0);
	got = slurp(path, &len);
	assert_memory_equal(got, "long", 4);
	/* Still cleaned up when the write fails. */
	disk_left = 2;
	assert_int_equal(file_write_output(path, "longer", 6, &dl), -1);
	disk_left = -1;
	assert_false(temp_files_left());
	unlink(path);
	free(got);
	free(path);
	diag_release(&dl);
}

static void test_output_refuses_directories(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_int_equal(file_write_output(dir, "x", 1, &dl), -1);
	assert_diag(&dl, dir, 0, "is a directory; name the pdf file to write");
	diag_release(&dl);
}

static void test_output_that_is_an_input_is_refused(void **state)
{
	struct diag_list dl = { 0 };
	char *config = make_file("c.ini", "[document]\n");
	char *data = make_file("d.ini", "[source]\n");
	char *sym = xasprintf("%s/sym.pdf", dir), *hard = xasprintf("%s/hard", dir);
	char *fresh = xasprintf("%s/fresh.pdf", dir);
	char *want = xasprintf("output '%s' is the input '%s' (read by this "
	                       "build); choose another output", sym, config);
	const char *inputs[] = { NULL, config, data };

	(void)state;
	assert_int_equal(symlink("c.ini", sym), 0);
	assert_int_equal(link(data, hard), 0);
	assert_int_equal(file_check_output(config, inputs, 3, &dl), -1);
	assert_int_equal(file_check_output(sym, inputs, 3, &dl), -1);
	assert_diag(&dl, NULL, 0, want);
	assert_int_equal(file_check_output(hard, inputs, 3, &dl), -1);
	assert_int_equal(dl.errors, 3);
	assert_int_equal(file_check_output(fresh, inputs, 3, &dl), 0);
	assert_int_equal(file_check_output("/dev/null", inputs, 3, &dl), 0);
	assert_int_equal(dl.errors, 3);
	unlink(sym);
	unlink(hard);
	unlink(config);
	unlink(data);
	free(want);
	free(fresh);
	free(hard);
	free(sym);
	free(data);
	free(config);
	diag_release(&dl);
}

static void test_output_dash_appended_to_an_input_is_refused(void **state)
{
	struct diag_list dl = { 0 };
	char *config = make_file("c2.ini", "[document]\n");
	const char *inputs[] = { config };
	int saved = dup(STDOUT_FILENO), fd = open(config, O_WRONLY | O_APPEND);

	(void)state;
	assert_true(saved >= 0 && fd >= 0);
	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	assert_int_equal(file_check_output("-", inputs, 1, &dl), -1);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	assert_diag(&dl, NULL, 0, "output '-' is the input");
	unlink(config);
	free(config);
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

#define T(f) cmocka_unit_test_setup_teardown(f, arm_alarm, disarm_alarm)

/* file_is_stdout: "-", and any other name for what fd 1 is open on. */
static void test_is_stdout_names_what_fd_1_is(void **state)
{
	char path[] = "/tmp/briefing-stdout-XXXXXX";
	int fd = mkstemp(path), saved = dup(STDOUT_FILENO);

	(void)state;
	assert_true(fd >= 0 && saved >= 0);
	assert_true(file_is_stdout("-"));
	assert_false(file_is_stdout(path));
	assert_int_equal(dup2(fd, STDOUT_FILENO), STDOUT_FILENO);
	assert_true(file_is_stdout(path));
	assert_true(file_is_stdout("/dev/stdout"));
	assert_int_equal(dup2(saved, STDOUT_FILENO), STDOUT_FILENO);
	assert_false(file_is_stdout(path));
	assert_false(file_is_stdout("/no/such/file"));
	close(saved);
	close(fd);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_stdout_names_what_fd_1_is),
		cmocka_unit_test(test_write_replaces_the_file_whole),
		cmocka_unit_test(test_disk_full_midway_keeps_the_old_file),
		cmocka_unit_test(test_missing_directory_is_named),
		cmocka_unit_test(test_read_refuses_directories_and_missing_files),
		cmocka_unit_test(test_paths),
		T(test_read_refuses_a_fifo_without_blocking),
		T(test_read_refuses_devices_and_sockets),
		T(test_read_at_names_the_referring_line),
		T(test_check_input_accepts_a_regular_file),
		T(test_read_refuses_a_sparse_oversized_file),
		T(test_output_to_a_character_device_is_written_to),
		T(test_output_to_a_fifo_nobody_reads_fails_at_once),
		T(test_output_dash_is_standard_output),
		T(test_output_through_symlinks_replaces_the_target),
		T(test_symlink_loop_is_reported),
		T(test_output_keeps_the_mode_of_the_old_file),
		T(test_output_named_at_name_max_works),
		T(test_output_refuses_directories),
		T(test_output_that_is_an_input_is_refused),
		T(test_output_dash_appended_to_an_input_is_refused),
	};

	return cmocka_run_group_tests_name("fileio", tests, setup, teardown);
}
