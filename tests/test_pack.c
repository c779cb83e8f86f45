/*
 * test_pack.c: the packer (src/render/pack.c) on small PDFs written here,
 * in libharu's layout: what a packed file holds, that objects of another
 * generation and lengths something else refers to are kept, and that
 * anything malformed keeps the input as it is. When qpdf is installed, a
 * packed file must pass qpdf --check.
 */
#define _GNU_SOURCE  /* memmem */
#include "helpers.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "render/pack.h"

#define DATA "BT /F1 12 Tf 72 100 Td (endobj) Tj ET"
#define DATA2 "0 0 m 100 100 l S"

/* A PDF of the objects given, each "N G obj\n<body>\nendobj\n" in order
 * (NULL ends the list), with libharu's header, a classic table of them
 * all (0 free; objects numbered 1, 2, ... in the order given) and a
 * trailer with extra entries. */
struct built {
	char *p;
	size_t len;
};

static struct built build(const char *const *objs, const char *trailer_extra)
{
	struct built b;
	size_t offs[32], n = 0, cap = 8192, xref;
	char *p = calloc(cap, 1);
	int len;

	len = sprintf(p, "%%PDF-1.3\n%%\xb7\xbe\xad\xaa\n");
	for (; objs[n]; n++) {
		offs[n] = (size_t)len;
		len += sprintf(p + len, "%s", objs[n]);
	}
	xref = (size_t)len;
	len += sprintf(p + len, "xref\n0 %zu\n0000000000 65535 f\r\n", n + 1);
	for (size_t i = 0; i < n; i++)
		len += sprintf(p + len, "%010zu 00000 n\r\n", offs[i]);
	len += sprintf(p + len, "trailer\n<<\n/Root 1 0 R\n/Info 6 0 R\n%s"
	               "/Size %zu\n>>\nstartxref\n%zu\n%%%%EOF\n",
	               trailer_extra, n + 1, xref);
	b.p = p;
	b.len = (size_t)len;
	return b;
}

/* Catalog, pages, a page, its content (length in object 5), an info
 * dictionary with strings that hold "endobj", ">>" and parentheses, and
 * a stream with a direct length. */
static const char *const sample[] = {
	"1 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n",
	"2 0 obj\n<<\n/Type /Pages\n/Kids [ 3 0 R ]\n/Count 1\n>>\nendobj\n",
	"3 0 obj\n<<\n/Type /Page\n/Parent 2 0 R\n/MediaBox [ 0 0 200 200 ]\n"
	"/Contents 4 0 R\n/Annots [ 7 0 R ]\n>>\nendobj\n",
	"4 0 obj\n<<\n/Length 5 0 R\n>>\nstream\r\n" DATA "\nendstream\nendobj\n",
	"5 0 obj\n37\nendobj\n",
	"6 0 obj\n<<\n/Title (a \\) endobj >> \\(x\\) (nested) string)\n"
	"/Subject <FEFF0041>\n/Producer (briefing)\n>>\nendobj\n",
	"7 0 obj\n<<\n/Type /Annot\n/Subtype /Link\n/Rect [ 0 0 10 10 ]\n"
	"/Border [ 0 0 0 ]\n/Dest [ 3 0 R /XYZ 0 200 null ]\n/Data 8 0 R\n>>\n"
	"endobj\n",
	"8 0 obj\n<<\n/Length 17\n>>\nstream\r\n" DATA2 "\nendstream\nendobj\n",
	NULL
};

static size_t count(const char *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle), c = 0;
	const char *p = buf, *end = buf + len;

	while ((p = memmem(p, (size_t)(end - p), needle, n))) {
		c++;
		p += n;
	}
	return c;
}

/* The inflated data of the first stream after `after` in buf. */
static unsigned char *inflate_after(const char *buf, size_t len,
                                    const char *after, size_t *out_len)
{
	const char *p = memmem(buf, len, after, strlen(after));
	unsigned char *out = calloc(1 << 16, 1);
	z_stream z = {0};

	assert_non_null(p);
	p = memmem(p, len - (size_t)(p - buf), "stream\r\n", 8);
	assert_non_null(p);
	p += 8;
	z.next_in = (Bytef *)p;
	z.avail_in = (uInt)(len - (size_t)(p - buf));
	z.next_out = out;
	z.avail_out = (1 << 16) - 1;
	assert_int_equal(inflateInit(&z), Z_OK);
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	*out_len = (1 << 16) - 1 - z.avail_out;
	inflateEnd(&z);
	return out;
}

static void assert_qpdf_accepts(const char *pdf, size_t len)
{
	char path[] = "/tmp/briefing-pack-XXXXXX", cmd[128];
	int fd;

	if (system("qpdf --version >/dev/null 2>&1") != 0)
		return;  /* not installed: the e2e tests need it anyway */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	close(fd);
	snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", path);
	assert_int_equal(system(cmd), 0);
	unlink(path);
}

/* One row of the cross-reference stream, /W [ 1 w 2 ]. */
struct row {
	unsigned type, f3;
	size_t f2;
};

static struct row xref_row(const unsigned char *rows, int w, size_t n)
{
	const unsigned char *r = rows + n * (size_t)(1 + w + 2);
	struct row x = {r[0], 0, 0};

	for (int i = 0; i < w; i++)
		x.f2 = x.f2 << 8 | r[1 + i];
	x.f3 = (unsigned)(r[1 + w] << 8 | r[2 + w]);
	return x;
}

static void test_plain_objects_go_into_an_object_stream(void **state)
{
	struct built in = build(sample, "");
	unsigned char *out, *objs;
	size_t len, olen;
	const char *why = "unset", *s;

	(void)state;
	assert_int_equal(render_pack((unsigned char *)in.p, in.len, NULL, &out, &len,
	                             &why), 0);
	assert_null(why);
	s = (const char *)out;
	assert_memory_equal(s, "%PDF-1.5\n", 9);
	assert_true(len < in.len);
	assert_int_equal(count(s, len, "/Type /ObjStm"), 1);
	assert_int_equal(count(s, len, "/Type /XRef"), 1);
	assert_int_equal(count(s, len, "\nxref\n"), 0);
	assert_int_equal(count(s, len, "trailer"), 0);
	assert_int_equal(count(s, len, "/Root 1 0 R\n/Info 6 0 R\n"), 1);
	/* the streams are copied, the first with its length in place */
	assert_int_equal(count(s, len, "4 0 obj\n<<\n/Length 37\n>>\nstream\r\n"
	                       DATA "\nendstream\nendobj\n"), 1);
	assert_int_equal(count(s, len, "8 0 obj\n<<\n/Length 17\n>>\nstream\r\n"
	                       DATA2 "\nendstream\nendobj\n"), 1);
	assert_int_equal(count(s, len, "5 0 obj"), 0);
	assert_int_equal(count(s, len, "/Type /Catalog"), 0);
	/* five objects (not 4, 5, 8) in the object stream, in order */
	objs = inflate_after(s, len, "/Type /ObjStm", &olen);
	assert_int_equal(count((char *)objs, olen, "/Type /Catalog"), 1);
	assert_int_equal(count((char *)objs, olen,
	                       "(a \\) endobj >> \\(x\\) (nested) string)"), 1);
	assert_int_equal(strncmp((char *)objs, "1 0 2 ", 6), 0);
	assert_int_equal(count(s, len, "/N 5\n"), 1);
	free(objs);
	assert_qpdf_accepts(s, len);
	free(out);
	free(in.p);
}

/* The table as a stream: 0 and the dropped length free, the streams at
 * their offsets, the rest in the object stream (object 9) in order, and
 * the cross-reference stream (10) at startxref. */
static void test_cross_reference_stream_rows(void **state)
{
	struct built in = build(sample, "");
	unsigned char *out, *rows;
	size_t len, rlen, at;
	const char *s, *x;
	int w;

	(void)state;
	assert_int_equal(render_pack((unsigned char *)in.p, in.len, NULL, &out, &len,
	                             NULL), 0);
	s = (const char *)out;
	x = memmem(s, len, "/W [ 1 ", 7);
	assert_non_null(x);
	w = x[7] - '0';
	assert_true(w >= 1 && w <= 4);
	assert_int_equal(count(s, len, "/Size 11\n/Index [ 0 11 ]\n"), 1);
	rows = inflate_after(s, len, "/Type /XRef", &rlen);
	assert_int_equal(rlen, 11 * (size_t)(1 + w + 2));
	assert_int_equal(xref_row(rows, w, 0).type, 0);
	assert_int_equal(xref_row(rows, w, 0).f2, 5);  /* the free list */
	assert_int_equal(xref_row(rows, w, 0).f3, 65535);
	assert_int_equal(xref_row(rows, w, 5).type, 0);
	assert_int_equal(xref_row(rows, w, 5).f2, 0);
	for (size_t n = 4; n <= 8; n += 4) {
		char head[16];

		assert_int_equal(xref_row(rows, w, n).type, 1);
		snprintf(head, sizeof head, "%zu 0 obj\n", n);
		assert_memory_equal(s + xref_row(rows, w, n).f2, head, strlen(head));
	}
	for (size_t n = 1, i = 0; n <= 7; n++)
		if (n != 4 && n != 5) {
			assert_int_equal(xref_row(rows, w, n).type, 2);
			assert_int_equal(xref_row(rows, w, n).f2, 9);
			assert_int_equal(xref_row(rows, w, n).f3, i++);
		}
	assert_memory_equal(s + xref_row(rows, w, 9).f2, "9 0 obj\n", 8);
	at = xref_row(rows, w, 10).f2;
	assert_memory_equal(s + at, "10 0 obj\n", 9);
	x = memmem(s, len, "startxref\n", 10);
	assert_non_null(x);
	assert_int_equal(strtoul(x + 10, NULL, 10), at);
	free(rows);
	free(out);
	free(in.p);
}

/* Objects of another generation may not go in an object stream; a length
 * object that something else refers to stays. */
static void test_other_generations_and_shared_lengths_are_kept(void **state)
{
	const char *const objs[] = {
		sample[0], sample[1], sample[2], sample[3], sample[4],
		"6 0 obj\n<<\n/Producer (briefing)\n/Count 5 0 R\n>>\nendobj\n",
		sample[6], sample[7], NULL
	};
	struct built in = build(objs, "");
	unsigned char *out;
	size_t len;
	char *g;

	(void)state;
	/* object 7 of generation 3 */
	g = strstr(in.p, "\n7 0 obj");
	assert_non_null(g);
	g[3] = '3';
	g = strstr(in.p, "0000000000 65535 f\r\n");
	for (int i = 0; i < 7; i++)
		g = strchr(g, '\n') + 1;
	memcpy(g + 11, "00003", 5);
	assert_int_equal(render_pack((unsigned char *)in.p, in.len, NULL, &out, &len,
	                             NULL), 0);
	assert_int_equal(count((char *)out, len, "7 3 obj\n<<\n/Type /Annot"), 1);
	assert_int_equal(count((char *)out, len, "/N 5\n"), 1);
	free(out);
	free(in.p);
}

/* Damage to the sample, each of which must keep the input. Same-length
 * replacements keep the offsets valid, so each case tests one check. */
static const struct {
	const char *from, *to, *trailer;
} damage[] = {
	{"37\nendobj", "36\nendobj", ""},               /* length too short */
	{"37\nendobj", "3.\nendobj", ""},               /* not an integer */
	{"/Length 5 0 R", "/Length 9 0 R", ""},         /* a missing object */
	{"/Length 17", "/Length 16", ""},               /* direct, too short */
	{"(nested) string)", "(nested) string(", ""},   /* unterminated */
	{"<FEFF0041>", "<FEFF004G>", ""},               /* bad hex string */
	{"2 0 obj\n", "9 0 obj\n", ""},                 /* wrong number */
	{"2 0 obj\n", "2 1 obj\n", ""},                 /* wrong generation */
	{"endobj\n3 0 obj", "endobj%3 0 obj", ""},      /* object not found */
	{"/Count 1\n>>", "/Count 1\n}}", ""},           /* bad dictionary */
	{"/Kids [ 3 0 R ]", "/Kids [ 3 0 R  ", ""},     /* unclosed array */
	{"endobj\n6 0 obj", "endobx\n6 0 obj", ""},     /* no endobj */
	{"\nendstream", "\nendstreax", ""},            /* no endstream */
	{"stream\r\nBT", "stream\r\rBT", ""},          /* bad end of line */
	{"00000 n\r\n", "00000 x\r\n", ""},             /* bad table entry */
	{"%%EOF", "%%EOX", ""},                         /* no end marker */
	{"startxref\n", "startxxxx\n", ""},             /* no startxref */
	{NULL, NULL, "/Encrypt 6 0 R\n"},               /* encrypted */
	{NULL, NULL, "/Prev 10\n"},                     /* an update */
	{NULL, NULL, "/Bad [\n"},                       /* malformed trailer */
};

static void test_malformed_input_is_kept(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof damage / sizeof damage[0]; i++) {
		struct built in = build(sample, damage[i].trailer);
		unsigned char *out = (unsigned char *)"x", *buf;
		size_t len = 1, blen;
		const char *why = NULL;

		if (damage[i].from) {
			char *at = strstr(in.p, damage[i].from);

			assert_non_null(at);
			assert_int_equal(strlen(damage[i].from), strlen(damage[i].to));
			memcpy(at, damage[i].to, strlen(damage[i].to));
		}
		if (render_pack((unsigned char *)in.p, in.len, NULL, &out, &len, &why) != -1)
			fail_msg("damage %zu (%s) was packed", i,
			         damage[i].to ? damage[i].to : damage[i].trailer);
		assert_null(out);
		assert_int_equal(len, 0);
		assert_non_null(why);
		/* in place: the caller's bytes stay, unchanged */
		buf = (unsigned char *)in.p;
		blen = in.len;
		assert_int_equal(render_pack_in_place(&buf, &blen, NULL, NULL), -1);
		assert_ptr_equal(buf, in.p);
		assert_int_equal(blen, in.len);
		free(in.p);
	}
}

/* Every prefix of the sample is refused (and no read goes past it, which
 * ASan checks under make check). */
static void test_truncated_input_is_kept(void **state)
{
	struct built in = build(sample, "");

	(void)state;
	for (size_t n = 0; n < in.len - 1; n++) {
		unsigned char *cut = malloc(n ? n : 1), *out;
		size_t len;

		memcpy(cut, in.p, n);
		assert_int_equal(render_pack(cut, n, NULL, &out, &len, NULL), -1);
		free(cut);
	}
	free(in.p);
}

static void test_packing_in_place_replaces_the_buffer(void **state)
{
	struct built in = build(sample, "");
	unsigned char *buf = (unsigned char *)in.p;
	size_t len = in.len;

	(void)state;
	assert_int_equal(render_pack_in_place(&buf, &len, NULL, NULL), 0);
	assert_true(len < in.len);
	assert_memory_equal(buf, "%PDF-1.5\n", 9);
	free(buf);  /* the input was freed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_objects_go_into_an_object_stream),
		cmocka_unit_test(test_cross_reference_stream_rows),
		cmocka_unit_test(test_other_generations_and_shared_lengths_are_kept),
		cmocka_unit_test(test_malformed_input_is_kept),
		cmocka_unit_test(test_truncated_input_is_kept),
		cmocka_unit_test(test_packing_in_place_replaces_the_buffer),
	};

	return cmocka_run_group_tests_name("pack", tests, NULL, NULL);
}
