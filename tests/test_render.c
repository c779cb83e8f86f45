/*
 * test_render.c: render's metrics and PDF output, with real DejaVu fonts.
 *
 * The pages are built by hand (no layout), so each test controls exactly
 * which characters reach the PDF. The fonts are the build's copies of
 * DejaVu (fonts/, made by `make fonts`); test_fonts.c tests the metrics. The ToUnicode test needs pdftotext
 * (poppler-utils) and is skipped when it is not installed.
 */
#define _GNU_SOURCE  /* memmem */

#include "briefing/render.h"
#include "render/render_internal.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>


/* The names the acceptance criteria check extraction with: Spanish ñ,
 * Albanian/Serbian š and ć, a typographic apostrophe and an en dash. */
#define SAMPLE "Ortu\xc3\xb1o Uro\xc5\xa1" "evac Pe\xc4\x87 D\xe2\x80\x99" \
	"Addario \xe2\x80\x93 \xe2\x80\x99"

static const char *const dejavu[FACE_COUNT] = {
	[FACE_REGULAR] = "fonts/DejaVuSans.ttf",
	[FACE_BOLD] = "fonts/DejaVuSans-Bold.ttf",
	[FACE_ITALIC] = "fonts/DejaVuSans-Oblique.ttf",
};

/* A two-page document: a heading, the sample line, a rule, a filled box
 * with a link to page 2, a URI link, and two bookmarks. */
struct fixture {
	struct box boxes1[6];
	struct box boxes2[1];
	struct page page[2];
	struct outline_entry outline[2];
	struct pages pages;
	struct render_info info;
};

static struct box text_box(double x, double y, enum face face, double size,
                           const char *s)
{
	struct box b = {0};

	b.kind = BOX_TEXT;
	b.x = x;
	b.y = y;
	b.face = face;
	b.size = size;
	b.text = s;
	b.len = strlen(s);
	return b;
}

static void fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	f->boxes1[0] = text_box(72, 90, FACE_BOLD, 18, "Kosovo \xe2\x80\x93 KFOR");
	f->boxes1[1] = text_box(72, 120, FACE_REGULAR, 12, SAMPLE);
	f->boxes1[2] = (struct box){.kind = BOX_RULE, .x = 72, .y = 130,
	                            .w = 451, .line_width = 0.5,
	                            .color = {0.5, 0.5, 0.5}};
	f->boxes1[3] = (struct box){.kind = BOX_FILL, .x = 72, .y = 140, .w = 100,
	                            .h = 20, .color = {0.9, 0.9, 0.8}};
	f->boxes1[4] = (struct box){.kind = BOX_LINK, .x = 72, .y = 140, .w = 100,
	                            .h = 20, .target_page = 1};
	f->boxes1[5] = (struct box){.kind = BOX_LINK, .x = 72, .y = 170, .w = 100,
	                            .h = 20, .target_page = -1,
	                            .uri = "https://www.nato.int/"};
	f->boxes2[0] = text_box(72, 90, FACE_ITALIC, 12, "Second page");
	f->page[0] = (struct page){595, 842, f->boxes1, 6, 6};
	f->page[1] = (struct page){595, 842, f->boxes2, 1, 1};
	f->outline[0] = (struct outline_entry){1, "Ortu\xc3\xb1o section", 0, 90};
	f->outline[1] = (struct outline_entry){2, "Second", 1, 90};
	f->pages.items = f->page;
	f->pages.len = f->pages.cap = 2;
	f->pages.outline = f->outline;
	f->pages.outline_len = f->pages.outline_cap = 2;
	f->pages.arena = NULL;  /* render must not need it */
	f->info = (struct render_info){.title = "Ortu\xc3\xb1o",
	                               .author = "D\xe2\x80\x99" "Addario",
	                               .creator = "briefing test",
	                               .date = "2024-02-29"};
}

static struct fonts *load_dejavu(void)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;

	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = dejavu[i] };
	f = fonts_load(s, &dl);
	assert_non_null(f);
	diag_release(&dl);
	return f;
}

/* Renders the fixture; asserts success. */
static void render_fixture(const struct fixture *f, unsigned char **out,
                           size_t *len)
{
	struct diag_list dl = {0};
	struct fonts *fonts = load_dejavu();

	assert_int_equal(render_pdf(&f->pages, fonts, &f->info, out, len, &dl), 0);
	assert_int_equal(dl.len, 0);
	fonts_free(fonts);
	diag_release(&dl);
}

/* Renders the fixture expecting one error and returns its message, which
 * the caller frees; *file gets whether the diagnostic names a file. */
static char *render_error(const struct fixture *f, int *has_file)
{
	struct diag_list dl = {0};
	struct fonts *fonts = load_dejavu();
	unsigned char *out = (unsigned char *)"";
	size_t len = 1;
	char *msg;

	assert_int_equal(render_pdf(&f->pages, fonts, &f->info, &out, &len, &dl),
	                 -1);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_int_equal(dl.errors, 1);
	msg = strdup(dl.items[0].msg);
	if (has_file)
		*has_file = dl.items[0].file != NULL;
	fonts_free(fonts);
	diag_release(&dl);
	return msg;
}

static int count_bytes(const unsigned char *buf, size_t len,
                       const char *needle)
{
	size_t n = strlen(needle);
	int c = 0;

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			c++;
	return c;
}

/* Occurrences of needle in buf and in the objects its object streams
 * hold: render packs plain objects (fonts, the information dictionary)
 * into deflated object streams. */
static int count(const unsigned char *buf, size_t len, const char *needle)
{
	static const char mark[] = "/Type /ObjStm";
	const unsigned char *p = buf, *end = buf + len;
	int c = count_bytes(buf, len, needle);

	while ((p = memmem(p, (size_t)(end - p), mark, sizeof mark - 1))) {
		size_t cap = 1 << 20;
		unsigned char *objs = malloc(cap);
		z_stream z = {0};

		p = memmem(p, (size_t)(end - p), "stream\r\n", 8);
		assert_non_null(p);
		p += 8;
		z.next_in = (Bytef *)p;
		z.avail_in = (uInt)(end - p);
		z.next_out = objs;
		z.avail_out = (uInt)cap;
		assert_int_equal(inflateInit(&z), Z_OK);
		assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
		c += count_bytes(objs, cap - z.avail_out, needle);
		inflateEnd(&z);
		free(objs);
	}
	return c;
}

static void test_pdf_starts_with_header(void **state)
{
	struct fixture f;
	unsigned char *out;
	size_t len;

	(void)state;
	fixture_init(&f);
	render_fixture(&f, &out, &len);
	assert_true(len > 5);
	/* packed: libharu writes 1.3, pack.c makes it 1.5 */
	assert_memory_equal(out, "%PDF-1.5\n", 9);
	free(out);
}

static void test_two_renders_are_byte_identical(void **state)
{
	struct fixture f;
	unsigned char *a, *b;
	size_t alen, blen;

	(void)state;
	fixture_init(&f);
	render_fixture(&f, &a, &alen);
	render_fixture(&f, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	free(a);
	free(b);
}

static void test_same_font_file_for_two_faces_is_loaded_once(void **state)
{
	struct fonts_spec spec[FACE_COUNT] = {
		{ .name = dejavu[FACE_REGULAR] }, { .name = dejavu[FACE_REGULAR] },
		{ .name = dejavu[FACE_ITALIC] },
	};
	struct diag_list dl = {0};
	struct fonts *fonts = fonts_load(spec, &dl);
	struct fixture f;
	unsigned char *out;
	size_t len;

	(void)state;
	assert_non_null(fonts);
	fixture_init(&f);
	assert_int_equal(render_pdf(&f.pages, fonts, &f.info, &out, &len, &dl), 0);
	assert_int_equal(count(out, len, "/Subtype /Type0"), 2);
	free(out);
	fonts_free(fonts);
	diag_release(&dl);
}

static void test_info_strings_are_ascii_or_utf16_with_bom(void **state)
{
	struct fixture f;
	unsigned char *out;
	size_t len;

	(void)state;
	fixture_init(&f);
	render_fixture(&f, &out, &len);
	assert_int_equal(count(out, len,
	                       "/Title <FEFF004F00720074007500F1006F>"), 1);
	assert_int_equal(count(out, len,
	                       "/Producer (briefing)"), 1);
	assert_int_equal(count(out, len, "/Creator (briefing test)"),
	                 1);
	assert_int_equal(count(out, len, "Haru"), 0);
	assert_int_equal(count(out, len,
	                       "/CreationDate (D:20240229000000Z00'00')"), 1);
	free(out);
}

static void test_invalid_date_is_reported(void **state)
{
	struct fixture f;
	char *msg;

	(void)state;
	fixture_init(&f);
	f.info.date = "2023-02-29";
	msg = render_error(&f, NULL);
	assert_string_equal(msg, "invalid document date "
	                    "'2023-02-29': expected a real date as YYYY-MM-DD");
	free(msg);
}

static void test_link_to_missing_page_is_reported(void **state)
{
	struct fixture f;
	char *msg;

	(void)state;
	fixture_init(&f);
	f.boxes1[4].target_page = 2;
	msg = render_error(&f, NULL);
	assert_string_equal(msg, "page 1: link to page 3 of 2");
	free(msg);
}

static void test_character_without_glyph_names_font_and_text(void **state)
{
	struct fixture f;
	int has_file = 1;
	char *msg;

	(void)state;
	fixture_init(&f);
	f.boxes1[1] = text_box(72, 120, FACE_REGULAR, 12,
	                       "Pe\xc4\x87 \xe6\xbc\xa2\xe5\xad\x97");
	msg = render_error(&f, &has_file);
	/* render is the safety net behind fonts_check_doc(): it knows no
	 * fact, so it names the face and its font instead of a file */
	assert_false(has_file);
	assert_string_equal(msg, "the regular font (fonts/DejaVuSans.ttf) has no "
	                    "glyph for U+6F22 '\xe6\xbc\xa2', used in \"Pe\xc4\x87 "
	                    "\xe6\xbc\xa2\xe5\xad\x97\"; use a font that covers it");
	free(msg);
}

/* Coverage is checked per code point of each font, then the first run
 * that uses a missing one is named: here on page 2, in another face,
 * after runs the regular font prints. */
static void test_missing_character_on_a_later_page_is_found(void **state)
{
	struct fixture f;
	char *msg;

	(void)state;
	fixture_init(&f);
	f.boxes2[0] = text_box(72, 90, FACE_ITALIC, 12, "Tab\there");
	msg = render_error(&f, NULL);
	assert_non_null(strstr(msg, "the italic font (fonts/DejaVuSans-Oblique.ttf) "
	                       "has no glyph for U+0009"));
	free(msg);
	/* beyond the BMP: no font prints it (it would be a space) */
	fixture_init(&f);
	f.boxes2[0] = text_box(72, 90, FACE_ITALIC, 12, "Flag \xf0\x9f\x87\xbd");
	msg = render_error(&f, NULL);
	assert_non_null(strstr(msg, "has no glyph for U+1F1FD"));
	free(msg);
}

/* Positions are rounded as llround() would: halves away from zero. */
static void test_hundredths_round_like_llround(void **state)
{
	static const double v[] = { 0, 0.004, 0.005, -0.005, 1.234999, 12.345,
	                            -12.345, 595.275, 0.49999999999999994 / 100,
	                            1e13, -1e13, 1e300, -3.999999 };

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		assert_true(render_hundredths(v[i]) == llround(v[i] * 100));
	for (int i = -100000; i <= 100000; i++) {
		double x = i / 1000.0 + 0.00005;

		assert_true(render_hundredths(x) == llround(x * 100));
	}
}

static void test_invalid_utf8_is_reported(void **state)
{
	struct fixture f;
	char *msg;

	(void)state;
	fixture_init(&f);
	f.boxes2[0] = text_box(72, 90, FACE_ITALIC, 12, "caf\xe9");
	msg = render_error(&f, NULL);
	assert_string_equal(msg, "page 2: text run is not valid UTF-8");
	free(msg);
}

/* Reads a whole small file into a NUL-terminated buffer. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;

	assert_non_null(fp);
	buf = malloc(65536);
	n = fread(buf, 1, 65535, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* pdftotext's text of page `page` of the PDF out[0..len), and in *errs
 * what it printed on stderr (both freed by the caller). */
static char *extract_text(const unsigned char *out, size_t len, int page,
                          char **errs)
{
	char pdf[] = "/tmp/test_render_pdf_XXXXXX";
	char err[] = "/tmp/test_render_err_XXXXXX";
	char cmd[256];
	char *text;
	int fd, efd, status;
	size_t n;
	FILE *p;

	fd = mkstemp(pdf);
	efd = mkstemp(err);
	assert_true(fd >= 0 && efd >= 0);
	assert_int_equal(write(fd, out, len), (ssize_t)len);
	close(fd);
	close(efd);
	snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s' - 2>'%s'", page,
	         page, pdf, err);
	p = popen(cmd, "r");
	assert_non_null(p);
	text = malloc(65536);
	n = fread(text, 1, 65535, p);
	text[n] = '\0';
	status = pclose(p);
	*errs = slurp(err);
	unlink(pdf);
	unlink(err);
	assert_int_equal(status, 0);
	return text;
}

static void test_tounicode_maps_used_characters(void **state)
{
	struct fixture f;
	unsigned char *out;
	size_t len;
	char *text, *errs;

	(void)state;
	if (system("pdftotext -v >/dev/null 2>&1") != 0)
		skip();  /* poppler-utils not installed */
	fixture_init(&f);
	render_fixture(&f, &out, &len);
	text = extract_text(out, len, 1, &errs);
	free(out);

	/* poppler said nothing: before the fix it printed "Syntax Error:
	 * Invalid 'begincidrange' operator in ToUnicode CMap" */
	assert_string_equal(errs, "");
	assert_non_null(strstr(text, "Kosovo \xe2\x80\x93 KFOR\n"));
	assert_non_null(strstr(text, "\n" SAMPLE "\n"));
	free(text);
	free(errs);
}

/* The page contents (and forms) inflated and joined (render deflates
 * them itself), *out_len bytes, with NULs where CIDs take two bytes; NULL
 * if one does not inflate, as when deflated twice. */
static char *inflate_contents(const unsigned char *pdf, size_t len,
                              size_t *out_len)
{
	static const char mark[] = "/Filter /FlateDecode\012>>\012stream\015\012";
	size_t cap = 1 << 16, n = 0;
	char *all = calloc(cap, 1);
	const unsigned char *p = pdf, *end = pdf + len;

	while ((p = memmem(p, (size_t)(end - p), mark, sizeof mark - 1))) {
		z_stream z = {0};
		int rc;

		p += sizeof mark - 1;
		z.next_in = (Bytef *)p;
		z.avail_in = (uInt)(end - p);
		z.next_out = (Bytef *)all + n;
		z.avail_out = (uInt)(cap - n - 1);
		assert_int_equal(inflateInit(&z), Z_OK);
		rc = inflate(&z, Z_FINISH);
		n = cap - 1 - z.avail_out;
		inflateEnd(&z);
		if (rc != Z_STREAM_END || memcmp(all, "BT\n", 3) != 0) {
			free(all);
			return NULL;
		}
	}
	*out_len = n;
	return all;
}

/* Three runs on one baseline in one face: one Td and one TJ array, whose
 * numbers make up the gaps, instead of a Td and a Tj each. */
static void test_runs_on_one_baseline_share_one_tj(void **state)
{
	struct fixture f;
	struct box runs[3];
	unsigned char *out;
	size_t len, clen = 0;
	char *content;

	(void)state;
	fixture_init(&f);
	f.boxes1[1].y = 90;  /* the sample joins the heading's baseline... */
	f.boxes1[1].face = FACE_BOLD;
	f.boxes1[1].size = 18;
	f.boxes1[1].x = 400;  /* ...after it */
	runs[0] = text_box(72, 90, FACE_ITALIC, 12, "Second");
	runs[1] = text_box(150, 90, FACE_ITALIC, 12, "(page)");
	runs[2] = text_box(220, 90, FACE_ITALIC, 12, "here");
	f.page[1].boxes = runs;
	f.page[1].len = f.page[1].cap = 3;
	render_fixture(&f, &out, &len);
	content = inflate_contents(out, len, &clen);
	free(out);
	assert_non_null(content);
	assert_int_equal(count((unsigned char *)content, clen, "Td"), 2);
	assert_int_equal(count((unsigned char *)content, clen, "]TJ"), 2);
	assert_int_equal(count((unsigned char *)content, clen, "Tj"), 0);
	free(content);
}

/* Expanded glyphs (a justified line's, struct box expand) are drawn with
 * Tz: the words of one line join one TJ in their scale; a run in another
 * scale starts afresh, and the scale is reset where it is not wanted. */
static void test_expanded_runs_set_their_scale(void **state)
{
	struct fixture f;
	struct box runs[4];
	unsigned char *out;
	size_t len, clen = 0;
	char *content;

	(void)state;
	fixture_init(&f);
	runs[0] = text_box(72, 90, FACE_ITALIC, 12, "Second");
	runs[1] = text_box(120, 90, FACE_ITALIC, 12, "page");
	runs[2] = text_box(160, 90, FACE_ITALIC, 12, "here");
	runs[3] = text_box(200, 90, FACE_ITALIC, 12, "plain");
	for (int i = 0; i < 3; i++)
		runs[i].expand = 0.02f;
	f.page[1].boxes = runs;
	f.page[1].len = f.page[1].cap = 4;
	render_fixture(&f, &out, &len);
	content = inflate_contents(out, len, &clen);
	free(out);
	assert_non_null(content);
	assert_int_equal(count((unsigned char *)content, clen, "102 Tz"), 1);
	assert_int_equal(count((unsigned char *)content, clen, "100 Tz"), 1);
	/* one array from "Second" to "here", then the scale goes back */
	assert_true(memmem(content, clen, "[(Second)", 9) != NULL);
	assert_true(memmem(content, clen, "(here)]TJ\n100 Tz", 16) != NULL);
	assert_true(memmem(content, clen, "(plain)Tj", 9) != NULL);
	free(content);
}

/* The fixture's fonts draw a few dozen characters each: one byte a
 * character, through an embedded one-byte CMap, with ASCII as itself
 * and the sample's ñ, š, ć, ’ and – on codes of their own; the text
 * still extracts exactly (test_tounicode_maps_used_characters). */
static void test_few_characters_take_one_byte_codes(void **state)
{
	struct fixture f;
	unsigned char *out;
	size_t len, clen = 0;
	char *content;

	(void)state;
	fixture_init(&f);
	render_fixture(&f, &out, &len);
	assert_int_equal(count(out, len, "/Encoding /Identity-H"), 0);
	assert_int_equal(count(out, len, "/CMapName /Briefing-Identity-1"), 1);
	content = inflate_contents(out, len, &clen);
	free(out);
	assert_non_null(content);
	assert_true(memmem(content, clen, "(Second page)Tj", 15) != NULL);
	/* "Ortuño Urošev": ñ keeps its Latin-1 code (kerning may split the
	 * string after it: "(Ortuño U)18(ro") */
	assert_true(memmem(content, clen, "(Ortu\xf1o U", 9) != NULL);
	free(content);
}

/* Appends the UTF-8 of code points lo..hi to buf at *n. */
static void put_range(char *buf, size_t *n, unsigned lo, unsigned hi)
{
	for (unsigned cp = lo; cp <= hi; cp++)
		if (cp < 0x800) {
			buf[(*n)++] = (char)(0xC0 | cp >> 6);
			buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
		}
	buf[*n] = '\0';
}

/* Renders the lines on page 2 in the italic face, checks that the
 * italic font has two-byte CIDs (Identity-H) or not, and that every line
 * extracts exactly. */
static void check_lines(char lines[][400], int nlines, bool two_byte)
{
	struct fixture f;
	struct box boxes[4];
	unsigned char *out;
	size_t len;
	char *text, *errs;

	fixture_init(&f);
	for (int i = 0; i < nlines; i++)
		boxes[i] = text_box(36, 90 + 20 * i, FACE_ITALIC, 8, lines[i]);
	f.page[1].boxes = boxes;
	f.page[1].len = f.page[1].cap = (size_t)nlines;
	render_fixture(&f, &out, &len);
	/* the other fonts take one byte */
	assert_int_equal(count(out, len, "/Encoding /Identity-H"), two_byte);
	text = extract_text(out, len, 2, &errs);
	free(out);
	assert_string_equal(errs, "");
	for (int i = 0; i < nlines; i++) {
		char want[401];
		size_t l = strlen(lines[i]);

		memcpy(want, lines[i], l);
		memcpy(want + l, "\n", 2);
		assert_non_null(strstr(text, want));
	}
	free(text);
	free(errs);
}

/* A face that draws more than 255 distinct characters keeps two-byte
 * CIDs (Identity-H), and its text extracts exactly too. */
static void test_many_characters_keep_two_byte_cids(void **state)
{
	static char lines[4][400];
	size_t n;

	(void)state;
	if (system("pdftotext -v >/dev/null 2>&1") != 0)
		skip();
	/* 128 + 96 + 53 = 277 letters */
	n = 0;
	put_range(lines[0], &n, 0x100, 0x13F);
	n = 0;
	put_range(lines[1], &n, 0x140, 0x17F);
	n = 0;
	put_range(lines[2], &n, 0x400, 0x45F);
	n = 0;
	put_range(lines[3], &n, 0x3B1, 0x3C9);
	put_range(lines[3], &n, 0x391, 0x3A1);
	put_range(lines[3], &n, 0x3A3, 0x3A9);
	put_range(lines[3], &n, 0x3D0, 0x3D3);
	check_lines(lines, 4, true);
}

/* 181 characters beyond ASCII are more than the 160 free codes: the
 * printable ASCII codes the face does not draw serve too, and the face
 * keeps one byte a character. */
static void test_free_ascii_codes_serve_when_needed(void **state)
{
	static char lines[3][400];
	size_t n;

	(void)state;
	if (system("pdftotext -v >/dev/null 2>&1") != 0)
		skip();
	n = 0;
	put_range(lines[0], &n, 0x100, 0x13F);
	n = 0;
	put_range(lines[1], &n, 0x140, 0x17F);
	n = 0;
	put_range(lines[2], &n, 0x3B1, 0x3C9);
	put_range(lines[2], &n, 0x391, 0x3A1);
	put_range(lines[2], &n, 0x3A3, 0x3A9);
	put_range(lines[2], &n, 0x3D0, 0x3D3);
	memcpy(lines[2] + n, " (a\\b)", 7);
	check_lines(lines, 3, false);
}

/* Boxes that pages repeat (running heads) are drawn once, by a form
 * XObject that each page paints, and extract on every page as before. */
static void test_repeated_boxes_become_one_form(void **state)
{
	static const char *const words[] = {
		"NATO UNCLASSIFIED", "Synthetic briefing for a test of forms, and a long one",
		"1 January 2024", "Running head text that repeats on every page",
		"NATO UNCLASSIFIED",
	};
	struct fixture f;
	struct box boxes[3][6];
	struct page pg[3];
	unsigned char *out;
	size_t len;

	(void)state;
	fixture_init(&f);
	for (int p = 0; p < 3; p++) {
		for (int i = 0; i < 5; i++)
			boxes[p][i] = text_box(72, 40 + 12 * i, FACE_REGULAR, 8, words[i]);
		/* the page number differs */
		boxes[p][5] = text_box(500, 800, FACE_REGULAR, 8,
		                       p == 0 ? "1" : p == 1 ? "2" : "3");
		pg[p] = (struct page){595, 842, boxes[p], 6, 6};
	}
	f.pages.items = pg;
	f.pages.len = f.pages.cap = 3;
	f.outline[1].page = 2;
	render_fixture(&f, &out, &len);
	assert_int_equal(count(out, len, "/Subtype /Form"), 1);
	if (system("pdftotext -v >/dev/null 2>&1") == 0)
		for (int p = 1; p <= 3; p++) {
			char *errs, *text = extract_text(out, len, p, &errs);

			assert_string_equal(errs, "");
			assert_non_null(strstr(text, "Running head text that repeats"));
			free(text);
			free(errs);
		}
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_starts_with_header),
		cmocka_unit_test(test_two_renders_are_byte_identical),
		cmocka_unit_test(test_same_font_file_for_two_faces_is_loaded_once),
		cmocka_unit_test(test_info_strings_are_ascii_or_utf16_with_bom),
		cmocka_unit_test(test_invalid_date_is_reported),
		cmocka_unit_test(test_link_to_missing_page_is_reported),
		cmocka_unit_test(test_character_without_glyph_names_font_and_text),
		cmocka_unit_test(test_missing_character_on_a_later_page_is_found),
		cmocka_unit_test(test_hundredths_round_like_llround),
		cmocka_unit_test(test_invalid_utf8_is_reported),
		cmocka_unit_test(test_tounicode_maps_used_characters),
		cmocka_unit_test(test_runs_on_one_baseline_share_one_tj),
		cmocka_unit_test(test_few_characters_take_one_byte_codes),
		cmocka_unit_test(test_expanded_runs_set_their_scale),
		cmocka_unit_test(test_many_characters_keep_two_byte_cids),
		cmocka_unit_test(test_free_ascii_codes_serve_when_needed),
		cmocka_unit_test(test_repeated_boxes_become_one_form),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
