/*
 * test_fonts.c: loading, validation, metrics, coverage and subsetting,
 * with the build's copies of DejaVu (fonts/, made by `make fonts`).
 *
 * The metrics must equal libharu's, which measured before the fonts
 * module existed and still writes the widths into the PDF, so one test
 * asks libharu itself. Damaged fonts are made in memory from DejaVu Sans.
 */
#define _POSIX_C_SOURCE 200809L

#include "briefing/fonts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <hpdf.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"

#define CONFIG "config/briefing.ini"

static const char *const dejavu[FACE_COUNT] = {
	[FACE_REGULAR] = "fonts/DejaVuSans.ttf",
	[FACE_BOLD] = "fonts/DejaVuSans-Bold.ttf",
	[FACE_ITALIC] = "fonts/DejaVuSans-Oblique.ttf",
};

/* Names, an apostrophe, a dash, digits: what the briefing prints. */
#define SAMPLE "Ortu\xc3\xb1o Uro\xc5\xa1" "evac Pe\xc4\x87 D\xe2\x80\x99" \
	"Addario \xe2\x80\x93 KFOR 1999, \xe2\x80\x9cquoted\xe2\x80\x9d"

static void specs_init(struct fonts_spec s[FACE_COUNT])
{
	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = dejavu[i], .file = CONFIG,
		                            .line = 30 + i };
}

static struct fonts *load_dejavu(void)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;

	specs_init(s);
	f = fonts_load(s, &dl);
	assert_non_null(f);
	assert_int_equal(dl.len, 0);
	diag_release(&dl);
	return f;
}

/* Width of s in 1/1000 em, i.e. measured at size 1000. */
static double em(const struct metrics *m, enum face face, const char *s)
{
	return m->text_width(m->ctx, face, 1000, s, strlen(s));
}

static void test_widths_are_dejavus_rounded_per_glyph(void **state)
{
	struct fonts *f = load_dejavu();
	const struct metrics *m = fonts_metrics(f);

	(void)state;
	/* hmtx advances * 1000 / 2048, truncated: ñ 1298, š 1065, ć 1124,
	 * ’ 650, – 1024 font units */
	assert_true(em(m, FACE_REGULAR, "\xc3\xb1") == 633);
	assert_true(em(m, FACE_REGULAR, "\xc5\xa1") == 520);
	assert_true(em(m, FACE_REGULAR, "\xc4\x87") == 549);
	assert_true(em(m, FACE_REGULAR, "\xe2\x80\x99") == 317);
	assert_true(em(m, FACE_REGULAR, "\xe2\x80\x93") == 500);
	/* 'a' is 1255 units, 612.8: rounded per glyph, not per run, so
	 * "aaa" is 1836, not 1838 */
	assert_true(em(m, FACE_REGULAR, "a") == 612);
	assert_true(em(m, FACE_REGULAR, "aaa") == 1836);
	/* len counts bytes; the string need not end there */
	assert_true(m->text_width(m->ctx, FACE_REGULAR, 12, "abc", 2) ==
	            m->text_width(m->ctx, FACE_REGULAR, 12, "ab", 2));
	/* hhea 1901 and -483 units */
	assert_true(m->ascent(m->ctx, FACE_BOLD, 1000) == 928);
	assert_true(m->descent(m->ctx, FACE_ITALIC, 1000) == 235);
	fonts_free(f);
}

static void on_haru_error(HPDF_STATUS no, HPDF_STATUS detail, void *data)
{
	(void)detail;
	*(HPDF_STATUS *)data = no;
}

/* Does libharu load the font data[0..len) and make a UTF-8 font of it?
 * It reads fonts from files only, so through a temporary one. */
static bool libharu_takes(const unsigned char *data, size_t len)
{
	char path[] = "/tmp/briefing-test-font.XXXXXX";
	int fd = mkstemp(path);
	HPDF_STATUS err = HPDF_OK;
	HPDF_Doc pdf;
	const char *name = NULL;
	bool ok;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	pdf = HPDF_New(on_haru_error, &err);
	HPDF_UseUTFEncodings(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	ok = name && HPDF_GetFont(pdf, name, "UTF-8") && err == HPDF_OK;
	HPDF_Free(pdf);
	unlink(path);
	return ok;
}

/* What the fonts module measures, libharu measures too, for every face:
 * each code point of the sample, the whole run, every BMP code point,
 * ascent and descent. */
static void test_metrics_equal_libharus(void **state)
{
	struct fonts *f = load_dejavu();
	const struct metrics *m = fonts_metrics(f);
	HPDF_STATUS err = HPDF_OK;
	HPDF_Doc pdf = HPDF_New(on_haru_error, &err);

	(void)state;
	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	for (int face = 0; face < FACE_COUNT; face++) {
		const char *name = HPDF_LoadTTFontFromFile(pdf, dejavu[face],
		                                           HPDF_TRUE);
		HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
		double sum = 0;

		assert_non_null(font);
		for (size_t i = 0, n; i < strlen(SAMPLE); i += n) {
			uint32_t cp;

			n = utf8_decode(SAMPLE + i, strlen(SAMPLE) - i, &cp);
			assert_true(m->text_width(m->ctx, (enum face)face, 1000,
			                          SAMPLE + i, n) ==
			            HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp));
			sum += HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
		}
		assert_true(em(m, (enum face)face, SAMPLE) == sum);
		/* and every other BMP code point, present or not */
		for (uint32_t cp = 1; cp <= 0xFFFF; cp++) {
			char u[4];
			size_t n;

			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;   /* surrogates are not UTF-8 */
			n = utf8_encode(cp, u);
			if (m->text_width(m->ctx, (enum face)face, 1000, u, n) !=
			    HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp))
				fail_msg("face %d, U+%04X: %g, libharu %d", face,
				         (unsigned)cp, m->text_width(m->ctx,
				         (enum face)face, 1000, u, n),
				         (int)HPDF_Font_GetUnicodeWidth(font,
				                                        (HPDF_UNICODE)cp));
		}
		assert_true(m->ascent(m->ctx, (enum face)face, 1000) ==
		            HPDF_Font_GetAscent(font));
		assert_true(m->descent(m->ctx, (enum face)face, 1000) ==
		            -HPDF_Font_GetDescent(font));
	}
	assert_int_equal(err, HPDF_OK);
	HPDF_Free(pdf);
	fonts_free(f);
}

static void test_missing_finds_first_uncovered_character(void **state)
{
	struct fonts *f = load_dejavu();
	const char *s = "Pe\xc4\x87 \xe6\xbc\xa2\xe5\xad\x97";   /* Peć 漢字 */
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(fonts_missing(f, FACE_REGULAR, SAMPLE, strlen(SAMPLE),
	                               &cp), -1);
	assert_int_equal(fonts_missing(f, FACE_REGULAR, s, strlen(s), &cp), 5);
	assert_int_equal(cp, 0x6F22);
	assert_int_equal(fonts_missing(f, FACE_BOLD, "a\tb", 3, &cp), 1);
	assert_int_equal(cp, '\t');
	/* beyond the BMP libharu would print a space */
	assert_int_equal(fonts_missing(f, FACE_ITALIC, "x\xf0\x9f\x98\x80", 5,
	                               &cp), 1);
	assert_int_equal(cp, 0x1F600);
	fonts_free(f);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	       p[3];
}

static uint32_t table_at(const unsigned char *d, const char *tag);
static void put16(unsigned char *p, unsigned v);

/* A control character counts as missing even when the font maps it.
 * DejaVu maps none, so we map U+001F to glyph 2 in both its Unicode cmaps,
 * (3,1) format 4 for libharu and (3,10) format 12 for HarfBuzz, by
 * starting the range that begins at the space (glyph 3) one earlier. */
static void test_control_character_is_missing_even_with_a_glyph(void **state)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;
	unsigned char *d;
	uint32_t cmap, cp = 1;
	size_t len;
	char *buf;
	unsigned n;

	(void)state;
	assert_int_equal(file_read(dejavu[FACE_REGULAR], &buf, &len, &dl), 0);
	d = (unsigned char *)buf;
	cmap = table_at(d, "cmap");
	n = (unsigned)(d[cmap + 2] << 8 | d[cmap + 3]);
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *r = d + cmap + 4 + 8 * i;
		unsigned char *sub = d + cmap + get32(r + 4);

		if (r[1] == 3 && r[3] == 1) {      /* segment 1: 0x20..0x7E */
			assert_int_equal(sub[16 + 2 * (sub[6] << 8 | sub[7]) / 2 + 3],
			                 0x20);
			put16(sub + 16 + (sub[6] << 8 | sub[7]) + 2, 0x1F);
		}
		if (r[1] == 3 && r[3] == 10) {     /* group 0: 0x20.., glyph 3 */
			assert_int_equal(sub[19], 0x20);
			sub[19] = 0x1F;
			sub[27] = 2;
		}
	}
	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = "us.ttf", .data = d, .len = len };
	f = fonts_load(s, &dl);
	assert_non_null(f);
	assert_int_equal(fonts_missing(f, FACE_REGULAR, "a\x1f" "b", 3, &cp), 1);
	assert_int_equal(cp, 0x1F);
	assert_int_equal(fonts_missing(f, FACE_REGULAR, "a b", 3, &cp), -1);
	fonts_free(f);
	free(buf);
	diag_release(&dl);
}

static void test_faces_with_the_same_bytes_share_a_font(void **state)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;

	(void)state;
	specs_init(s);
	s[FACE_BOLD].name = "./fonts/../fonts/DejaVuSans.ttf";
	f = fonts_load(s, &dl);
	assert_non_null(f);
	assert_int_equal(fonts_count(f), 2);
	assert_int_equal(fonts_index(f, FACE_BOLD), fonts_index(f, FACE_REGULAR));
	assert_int_equal(fonts_index(f, FACE_ITALIC), 1);
	assert_string_equal(fonts_path(f, FACE_BOLD),
	                    "./fonts/../fonts/DejaVuSans.ttf");
	fonts_free(f);
	diag_release(&dl);
}

/* A subset is a valid font with the used characters, their widths, and
 * not much else. */
static void test_subset_keeps_used_characters_only(void **state)
{
	struct fonts *f = load_dejavu(), *g;
	unsigned char used[FONTS_BMP_BYTES] = {0};
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	unsigned char *sub;
	size_t len;
	uint32_t cp;
	char what[160];

	(void)state;
	for (const char *p = "Hello"; *p; p++)
		used[(unsigned char)*p >> 3] |= (unsigned char)(1u << (*p & 7));
	assert_int_equal(fonts_subset(f, fonts_index(f, FACE_BOLD), used, &sub,
	                              &len, &dl), 0);
	assert_true(len > 1000 && len < 40000);
	assert_null(fonts_check(sub, len, what, sizeof what));
	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = "subset", .data = sub,
		                            .len = len };
	g = fonts_load(s, &dl);
	assert_non_null(g);
	assert_true(em(fonts_metrics(g), FACE_REGULAR, "Hello") ==
	            em(fonts_metrics(f), FACE_BOLD, "Hello"));
	assert_int_equal(fonts_missing(g, FACE_REGULAR, "Hello", 5, &cp), -1);
	assert_int_equal(fonts_missing(g, FACE_REGULAR, "Help", 4, &cp), 3);
	assert_int_equal(dl.len, 0);
	fonts_free(g);
	free(sub);
	fonts_free(f);
	diag_release(&dl);
}

/* The sum of the font's 32-bit big-endian words from p, len bytes, the
 * last one padded with zeros: the sfnt checksum. */
static uint32_t sfnt_sum(const unsigned char *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i < len; i += 4) {
		unsigned char w[4] = {0};

		memcpy(w, p + i, len - i < 4 ? len - i : 4);
		sum += get32(w);
	}
	return sum;
}

/* The unhinted subset: exactly the tables libharu reads, cvt, fpgm and
 * prep empty, no bytecode in any glyph, a directory with correct
 * checksums, and libharu takes it. */
static void test_subset_is_unhinted_with_stub_tables(void **state)
{
	static const char *const want[] = {
		"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea", "hmtx",
		"loca", "maxp", "name", "post", "prep",
	};
	struct fonts *f = load_dejavu();
	unsigned char used[FONTS_BMP_BYTES] = {0};
	struct diag_list dl = {0};
	unsigned char *sub;
	size_t len, n;
	uint32_t glyf, loca, head;
	unsigned glyphs, long_loca;

	(void)state;
	for (const char *p = "Hello, world"; *p; p++)
		used[(unsigned char)*p >> 3] |= (unsigned char)(1u << (*p & 7));
	assert_int_equal(fonts_subset(f, fonts_index(f, FACE_REGULAR), used,
	                              &sub, &len, &dl), 0);
	n = (size_t)(sub[4] << 8 | sub[5]);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *r = sub + 12 + 16 * i;
		uint32_t off = get32(r + 8), tlen = get32(r + 12);
		bool stub = !memcmp(r, "cvt ", 4) || !memcmp(r, "fpgm", 4) ||
		            !memcmp(r, "prep", 4);

		assert_memory_equal(r, want[i], 4);   /* sorted, none else */
		assert_true(off % 4 == 0 && off + tlen <= len);
		assert_true(stub ? tlen == 0 : tlen > 0);
		if (memcmp(r, "head", 4) != 0)
			assert_int_equal(get32(r + 4), sfnt_sum(sub + off, tlen));
	}
	/* head's checksum is taken with checkSumAdjustment zero, and that
	 * makes the whole file sum to 0xB1B0AFBA */
	head = table_at(sub, "head");
	assert_int_equal(sfnt_sum(sub, len), 0xB1B0AFBAu);
	long_loca = (unsigned)(sub[head + 50] << 8 | sub[head + 51]);
	glyphs = (unsigned)(sub[table_at(sub, "maxp") + 4] << 8 |
	                    sub[table_at(sub, "maxp") + 5]);
	glyf = table_at(sub, "glyf");
	loca = table_at(sub, "loca");
	for (unsigned g = 0; g < glyphs; g++) {
		uint32_t at = long_loca ? get32(sub + loca + 4 * g) :
		              2u * (unsigned)(sub[loca + 2 * g] << 8 |
		                              sub[loca + 2 * g + 1]);
		const unsigned char *gl = sub + glyf + at;
		int contours = (int16_t)(gl[0] << 8 | gl[1]);
		uint32_t next = long_loca ? get32(sub + loca + 4 * g + 4) :
		                2u * (unsigned)(sub[loca + 2 * g + 2] << 8 |
		                                sub[loca + 2 * g + 3]);

		if (next == at || contours < 0)
			continue;   /* empty; "Hello, world" has no composites */
		/* instructionLength follows the contours' end points */
		assert_int_equal(gl[10 + 2 * contours] << 8 |
		                 gl[11 + 2 * contours], 0);
	}
	assert_true(libharu_takes(sub, len));
	free(sub);
	fonts_free(f);
	diag_release(&dl);
}

static void test_missing_font_file_names_the_config_line(void **state)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};

	(void)state;
	specs_init(s);
	s[FACE_REGULAR].name = "/nonexistent/a.ttf";
	s[FACE_ITALIC].name = "/nonexistent/b.ttf";
	assert_null(fonts_load(s, &dl));
	assert_int_equal(dl.errors, 2);   /* every bad face, not the first */
	assert_string_equal(dl.items[0].file, CONFIG);
	assert_int_equal(dl.items[0].line, 30);
	assert_non_null(strstr(dl.items[0].msg, "font file '/nonexistent/a.ttf'"));
	assert_int_equal(dl.items[1].line, 32);
	diag_release(&dl);
}

/* The offset of table tag in the font's directory. */
static uint32_t table_at(const unsigned char *d, const char *tag)
{
	unsigned n = (unsigned)(d[4] << 8 | d[5]);

	for (unsigned i = 0; i < n; i++) {
		const unsigned char *r = d + 12 + 16 * i;

		if (memcmp(r, tag, 4) == 0)
			return (uint32_t)r[8] << 24 | (uint32_t)r[9] << 16 |
			       (uint32_t)r[10] << 8 | r[11];
	}
	fail_msg("no table %s", tag);
	return 0;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* Loads DejaVu Sans as the bold face after damage() and expects one error
 * at the bold key's line containing "damaged font: " want. */
static void expect_damaged(void (*damage)(unsigned char *, size_t *),
                           const char *want)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	char *buf, *expect;
	size_t len;

	assert_int_equal(file_read(dejavu[FACE_REGULAR], &buf, &len, &dl), 0);
	damage((unsigned char *)buf, &len);
	specs_init(s);
	s[FACE_BOLD] = (struct fonts_spec){ .name = "bad.ttf",
		.data = (unsigned char *)buf, .len = len, .file = CONFIG, .line = 31 };
	assert_null(fonts_load(s, &dl));
	assert_int_equal(dl.errors, 1);
	assert_string_equal(dl.items[0].file, CONFIG);
	assert_int_equal(dl.items[0].line, 31);
	expect = malloc(strlen(want) + 64);
	sprintf(expect, "[fonts] bold: damaged font: %s (bad.ttf)", want);
	assert_string_equal(dl.items[0].msg, expect);
	free(expect);
	free(buf);
	diag_release(&dl);
}

static void more_hmetrics(unsigned char *d, size_t *len)
{
	(void)len;
	put16(d + table_at(d, "hhea") + 34, 7000);
}

static void zero_upem(unsigned char *d, size_t *len)
{
	(void)len;
	put16(d + table_at(d, "head") + 18, 0);
}

static void truncate_font(unsigned char *d, size_t *len)
{
	(void)d;
	*len = 300000;
}

static void not_a_font(unsigned char *d, size_t *len)
{
	memcpy(d, "not a font, just some text\n", 27);
	*len = 27;
}

static void no_final_segment(unsigned char *d, size_t *len)
{
	/* cmap subtables: find the (3,1) one, and its last endCode */
	uint32_t cmap = table_at(d, "cmap");
	unsigned n = (unsigned)(d[cmap + 2] << 8 | d[cmap + 3]);

	(void)len;
	for (unsigned i = 0; i < n; i++) {
		const unsigned char *r = d + cmap + 4 + 8 * i;

		if (r[1] == 3 && r[3] == 1) {
			unsigned char *sub = d + cmap + ((uint32_t)r[4] << 24 |
			                     (uint32_t)r[5] << 16 | r[6] << 8 | r[7]);
			unsigned segs = (unsigned)(sub[6] << 8 | sub[7]) / 2;

			put16(sub + 14 + 2 * (segs - 1), 0xFFFE);
			return;
		}
	}
	fail_msg("no (3,1) cmap");
}

static void test_hmetrics_beyond_glyphs_is_damage(void **state)
{
	(void)state;
	expect_damaged(more_hmetrics,
	               "hhea.numberOfHMetrics 7000 > maxp.numGlyphs 6253");
}

static void test_zero_units_per_em_is_damage(void **state)
{
	(void)state;
	expect_damaged(zero_upem, "head.unitsPerEm is 0");
}

static void test_truncated_font_is_damage(void **state)
{
	(void)state;
	expect_damaged(truncate_font, "table 'glyf' (557508 bytes at 56648) "
	               "ends past the end of the file (300000 bytes)");
}

static void test_text_file_is_not_a_font(void **state)
{
	(void)state;
	expect_damaged(not_a_font, "not a TrueType font (sfnt version 0x6E6F7420)");
}

static void test_cmap_without_final_segment_is_damage(void **state)
{
	(void)state;
	expect_damaged(no_final_segment,
	               "cmap format 4 lacks the final 0xFFFF segment");
}

/* Before layout, each string is checked in the face layout sets it in,
 * and a missing character is reported at its fact's line (a table cell
 * at its CSV row), once per face however often it is used. */
static void test_doc_check_names_the_fact_and_face(void **state)
{
	struct fonts *f = load_dejavu();
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct diag_list dl = {0};
	struct doc_block *b;
	const char *han = "Pe\xc4\x87 \xe6\xbc\xa2";   /* "Peć 漢" */

	(void)state;
	b = doc_append(d, DOC_HEADING, "data/a.ini", 7);
	b->u.heading.level = 1;
	b->u.heading.title = strdup(han);
	for (int i = 0; i < 2; i++)
		doc_append(d, DOC_PARAGRAPH, "data/a.ini", 8 + i)
		        ->u.paragraph.text = strdup(han);
	doc_append(d, DOC_NOTE, "data/a.ini", 12)->u.paragraph.text = strdup(han);
	b = doc_append(d, DOC_TABLE, "data/a.ini", 20);
	b->u.table.cols = 1;
	b->u.table.rows = 1;
	b->u.table.columns = calloc(1, sizeof *b->u.table.columns);
	b->u.table.columns[0].title = strdup("Name");
	b->u.table.cells = calloc(1, sizeof *b->u.table.cells);
	b->u.table.cells[0] = strdup("\xe5\xad\x97");   /* "字" */
	b->u.table.row_origins = calloc(1, sizeof *b->u.table.row_origins);
	b->u.table.row_origins[0] = (struct doc_origin){ "data/a.csv", 3 };
	assert_int_equal(fonts_check_doc(f, d, &dl), -1);
	assert_int_equal(dl.len, 4);
	assert_string_equal(dl.items[0].file, "data/a.ini");
	assert_int_equal(dl.items[0].line, 7);
	assert_non_null(strstr(dl.items[0].msg, "the bold font (fonts/DejaVuSans-Bold.ttf) "
	                       "has no glyph for U+6F22 '\xe6\xbc\xa2', used in \"Pe"));
	assert_int_equal(dl.items[1].line, 8);      /* line 9: reported once */
	assert_non_null(strstr(dl.items[1].msg, "the regular font"));
	assert_int_equal(dl.items[2].line, 12);
	assert_non_null(strstr(dl.items[2].msg, "the italic font"));
	assert_string_equal(dl.items[3].file, "data/a.csv");
	assert_int_equal(dl.items[3].line, 3);
	assert_non_null(strstr(dl.items[3].msg, "U+5B57"));
	diag_release(&dl);
	doc_free(d);
	d = doc_new("Peć", "M", "1 January 2020");
	assert_int_equal(fonts_check_doc(f, d, &dl), 0);
	assert_int_equal(dl.len, 0);
	doc_free(d);
	fonts_free(f);
}

/* A character first met after one already reported is still reported;
 * characters beyond the BMP are reported once per face, not per use. */
static void test_doc_check_reports_each_character_once(void **state)
{
	struct fonts *f = load_dejavu();
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct diag_list dl = {0};

	(void)state;
	doc_append(d, DOC_PARAGRAPH, "a.ini", 1)->u.paragraph.text =
	        strdup("x \xe4\xb8\x80");                 /* 一 */
	doc_append(d, DOC_PARAGRAPH, "a.ini", 2)->u.paragraph.text =
	        strdup("x \xe4\xb8\x80\xe4\xb8\x81");     /* 一丁 */
	for (int i = 0; i < 3; i++)
		doc_append(d, DOC_PARAGRAPH, "a.ini", 3 + i)->u.paragraph.text =
		        strdup("smile \xf0\x9f\x98\x80");     /* U+1F600 */
	assert_int_equal(fonts_check_doc(f, d, &dl), -1);
	assert_int_equal(dl.len, 3);
	assert_int_equal(dl.items[0].line, 1);
	assert_non_null(strstr(dl.items[0].msg, "U+4E00"));
	assert_int_equal(dl.items[1].line, 2);
	assert_non_null(strstr(dl.items[1].msg, "U+4E01"));
	assert_int_equal(dl.items[2].line, 3);
	assert_non_null(strstr(dl.items[2].msg, "U+1F600"));
	diag_release(&dl);
	doc_free(d);
	fonts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths_are_dejavus_rounded_per_glyph),
		cmocka_unit_test(test_metrics_equal_libharus),
		cmocka_unit_test(test_missing_finds_first_uncovered_character),
		cmocka_unit_test(test_control_character_is_missing_even_with_a_glyph),
		cmocka_unit_test(test_faces_with_the_same_bytes_share_a_font),
		cmocka_unit_test(test_subset_keeps_used_characters_only),
		cmocka_unit_test(test_subset_is_unhinted_with_stub_tables),
		cmocka_unit_test(test_missing_font_file_names_the_config_line),
		cmocka_unit_test(test_hmetrics_beyond_glyphs_is_damage),
		cmocka_unit_test(test_zero_units_per_em_is_damage),
		cmocka_unit_test(test_truncated_font_is_damage),
		cmocka_unit_test(test_text_file_is_not_a_font),
		cmocka_unit_test(test_cmap_without_final_segment_is_damage),
		cmocka_unit_test(test_doc_check_names_the_fact_and_face),
		cmocka_unit_test(test_doc_check_reports_each_character_once),
	};

	return cmocka_run_group_tests_name("fonts", tests, NULL, NULL);
}
