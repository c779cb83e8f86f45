/*
 * test_fonts.c: loading, validation, metrics, coverage and subsetting,
 * with the build's copies of DejaVu (fonts/, made by `make fonts`).
 *
 * The metrics must equal libharu's, which measured before the fonts
 * module existed and still writes the widths into the PDF, so one test
 * asks libharu itself. Damaged fonts are made in memory from DejaVu Sans.
 * Shaping is checked against HarfBuzz itself: the pair model and the
 * cache must give exactly what hb_shape gives.
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
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "fonts/fonts_internal.h"

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

/* The width libharu gives the shaped run of s[0..len): its widths of the
 * run's code points plus the kerns; each advance must be libharu's. */
static double haru_run_width(const struct fonts *f, HPDF_Font font,
                             enum face face, const char *s, size_t len)
{
	struct fonts_run run = {0};
	double w = 0;

	fonts_shape(f, face, s, len, &run);
	for (size_t i = 0; i < run.len; i++) {
		HPDF_INT haru = HPDF_Font_GetUnicodeWidth(font,
		                                          run.glyphs[i].cp);

		if (haru != run.glyphs[i].advance)
			fail_msg("U+%04X: advance %d, libharu %d",
			         run.glyphs[i].cp, run.glyphs[i].advance, (int)haru);
		w += haru + run.glyphs[i].kern;
	}
	fonts_run_release(&run);
	return w;
}

/* What the fonts module measures, libharu measures too, for every face:
 * the sample, every BMP code point, ascent and descent. */
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

		assert_non_null(font);
		/* each glyph's advance is libharu's width of its code point,
		 * and text_width is their sum plus the kerns */
		assert_true(em(m, (enum face)face, SAMPLE) ==
		            haru_run_width(f, font, (enum face)face, SAMPLE,
		                           strlen(SAMPLE)));
		/* and every other BMP code point, present or not */
		for (uint32_t cp = 1; cp <= 0xFFFF; cp++) {
			char u[4];
			size_t n;
			double w;

			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;   /* surrogates are not UTF-8 */
			n = utf8_encode(cp, u);
			w = haru_run_width(f, font, (enum face)face, u, n);
			if (m->text_width(m->ctx, (enum face)face, 1000, u, n) != w)
				fail_msg("face %d, U+%04X: %g, libharu %g", face,
				         (unsigned)cp, m->text_width(m->ctx,
				         (enum face)face, 1000, u, n), w);
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
		bool stub = !memcmp(r, "cvt ", 4) || !memcmp(r, "fpgm", 4);

		assert_memory_equal(r, want[i], 4);   /* sorted, none else */
		assert_true(off % 4 == 0 && off + tlen <= len);
		/* prep is the program that does nothing, never empty: libharu
		 * rebuilds the font with prep last and seeks to its start */
		if (!memcmp(r, "prep", 4))
			assert_true(tlen == 3 && !memcmp(sub + off, "\xB0\x00\x21", 3));
		else
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

/* Text under an italic or bold span must be in that face: DejaVu Sans
 * has U+0621 (Arabic hamza), its oblique face has not. */
static void test_doc_check_follows_inline_spans(void **state)
{
	struct fonts *f = load_dejavu();
	struct doc *d = doc_new("T", "M", "1 January 2020");
	struct diag_list dl = {0};
	struct doc_block *b;

	(void)state;
	b = doc_append(d, DOC_PARAGRAPH, "a.ini", 4);
	b->u.paragraph.text = strdup("x \xd8\xa1 y");
	assert_int_equal(fonts_check_doc(f, d, &dl), 0);   /* regular has it */
	b->u.paragraph.rich.spans = calloc(1, sizeof *b->u.paragraph.rich.spans);
	b->u.paragraph.rich.spans[0] = (struct doc_span){ 2, 2, DOC_SPAN_ITALIC,
	                                                  NULL };
	b->u.paragraph.rich.spans_len = 1;
	assert_int_equal(fonts_check_doc(f, d, &dl), -1);
	assert_int_equal(dl.len, 1);
	assert_int_equal(dl.items[0].line, 4);
	assert_non_null(strstr(dl.items[0].msg, "the italic font"));
	assert_non_null(strstr(dl.items[0].msg, "U+0621"));
	diag_release(&dl);
	doc_free(d);
	fonts_free(f);
}

/* ---- shaping ---- */

#define FIXTURE "tests/fixtures/fonts/DejaVuSans.ttf"

/* The fixture font in every face. */
static struct fonts *load_fixture(void)
{
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;

	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = FIXTURE, .file = CONFIG,
		                            .line = 30 + i };
	f = fonts_load(s, &dl);
	assert_non_null(f);
	assert_int_equal(dl.len, 0);
	diag_release(&dl);
	return f;
}

/* The run of s, shaped as mode says (internal: fonts_internal.h). */
static bool shaped(struct fonts *f, enum face face, const char *s,
                   enum shape_mode mode, struct fonts_run *run)
{
	return shape_run(f, f->index[face], s, strlen(s), mode, run);
}

/* Are two runs the same, glyph for glyph? Fails naming s if not. */
static void assert_same_run(const char *s, const struct fonts_run *a,
                            const struct fonts_run *b)
{
	if (a->len != b->len || a->width != b->width)
		fail_msg("\"%s\": %zu glyphs, width %ld against %zu, %ld", s,
		         a->len, a->width, b->len, b->width);
	for (size_t i = 0; i < a->len; i++) {
		const struct fonts_glyph *x = &a->glyphs[i], *y = &b->glyphs[i];

		if (x->cp != y->cp || x->start != y->start || x->len != y->len ||
		    x->advance != y->advance || x->kern != y->kern)
			fail_msg("\"%s\" glyph %zu: U+%04X [%u+%u] %d%+d against "
			         "U+%04X [%u+%u] %d%+d", s, i, x->cp, x->start,
			         x->len, x->advance, x->kern, y->cp, y->start,
			         y->len, y->advance, y->kern);
	}
}

/* The kern after the first glyph of s, in 1/1000 em. */
static int first_kern(const struct fonts *f, enum face face, const char *s)
{
	struct fonts_run run = {0};
	int k;

	fonts_shape(f, face, s, strlen(s), &run);
	assert_int_equal(run.len, strlen(s));
	k = run.glyphs[0].kern;
	assert_int_equal(run.glyphs[run.len - 1].kern, 0);
	fonts_run_release(&run);
	return k;
}

/* DejaVu Sans's GPOS kerning, rounded to 1/1000 em: AV -131 font units
 * (of 2048), Te -348, Yo -272, T. -243, Pe -73; none across a space. */
static void test_kerning_pairs_have_dejavus_values(void **state)
{
	struct fonts *f = load_fixture();
	const struct metrics *m = fonts_metrics(f);

	(void)state;
	assert_int_equal(first_kern(f, FACE_REGULAR, "AV"), -64);
	assert_int_equal(first_kern(f, FACE_REGULAR, "Te"), -170);
	assert_int_equal(first_kern(f, FACE_REGULAR, "Yo"), -133);
	assert_int_equal(first_kern(f, FACE_REGULAR, "T."), -119);
	assert_int_equal(first_kern(f, FACE_REGULAR, "Pe"), -36);
	assert_int_equal(first_kern(f, FACE_REGULAR, "A V"), 0);
	assert_int_equal(first_kern(f, FACE_REGULAR, "ab"), 0);
	/* A and V are 1401 units, 684 each: 684 - 64 + 684 */
	assert_true(em(m, FACE_REGULAR, "AV") == 1304);
	assert_true(em(m, FACE_REGULAR, "AVA") == 684 * 3 - 64 * 2);
	fonts_free(f);
}

/* "office" sets ffi as one glyph, shown by U+FB03, which stands for the
 * three letters it replaces; the other letters stand for themselves. */
static void test_ligature_maps_back_to_its_letters(void **state)
{
	struct fonts *f = load_fixture();
	struct fonts_run run = {0};
	unsigned char used[FONTS_BMP_BYTES] = {0};
	static const struct { uint16_t cp; uint32_t start, len; } want[] = {
		{ 'o', 0, 1 }, { 0xFB03, 1, 3 }, { 'c', 4, 1 }, { 'e', 5, 1 },
	};

	(void)state;
	fonts_shape(f, FACE_REGULAR, "office", 6, &run);
	assert_int_equal(run.len, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(run.glyphs[i].cp, want[i].cp);
		assert_int_equal(run.glyphs[i].start, want[i].start);
		assert_int_equal(run.glyphs[i].len, want[i].len);
	}
	/* the ligature is as wide as its glyph: 1980 units */
	assert_int_equal(run.glyphs[1].advance, 966);
	assert_true(em(fonts_metrics(f), FACE_REGULAR, "office") == run.width);
	fonts_shape(f, FACE_REGULAR, "fi", 2, &run);
	assert_int_equal(run.len, 1);
	assert_int_equal(run.glyphs[0].cp, 0xFB01);
	assert_int_equal(run.glyphs[0].len, 2);
	/* the subset must keep U+FB01: marking the run marks it */
	fonts_run_mark_used(&run, used);
	assert_true(used[0xFB01 >> 3] & (1u << (0xFB01 & 7)));
	assert_false(used['f' >> 3] & (1u << ('f' & 7)));
	fonts_run_release(&run);
	fonts_free(f);
}

/* Render skips shaping for text set glyph for character; every string
 * it says so of must shape to exactly its own code points. */
static void test_plain_shaping_is_glyph_for_character(void **state)
{
	struct fonts *f = load_fixture();
	struct fonts_run run = {0};
	/* f starts ligatures (ff fi fl ffi ffl), but only before f, i, l */
	static const char *const plain[] = { "Kosovo", "AVA", "KFOR 1999", "",
	                                     "Page 3 of 1160", "fj", "f", "half-life" };

	(void)state;
	assert_false(fonts_shapes_plainly(f, FACE_REGULAR, "office", 6));
	assert_false(fonts_shapes_plainly(f, FACE_REGULAR, "fi", 2));
	assert_false(fonts_shapes_plainly(f, FACE_REGULAR, "ff", 2));
	assert_false(fonts_shapes_plainly(f, FACE_REGULAR, "halfling", 8));
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		size_t len = strlen(plain[i]);

		assert_true(fonts_shapes_plainly(f, FACE_REGULAR, plain[i], len));
		fonts_shape(f, FACE_REGULAR, plain[i], len, &run);
		assert_int_equal(run.len, len);
		for (size_t g = 0; g < len; g++)
			assert_int_equal(run.glyphs[g].cp, (unsigned char)plain[i][g]);
	}
	assert_false(fonts_shapes_plainly(f, (enum face)FACE_COUNT, "A", 1));
	fonts_run_release(&run);
	fonts_free(f);
}

/* A copy of DejaVu Sans whose cmap lacks the fi and fl presentation
 * forms but which keeps their glyphs and the GSUB that ligates them:
 * hb-subset keeps a ligature's glyph (closure over GSUB) without its code
 * point when that code point is not asked for. */
static hb_blob_t *subset_without_fb01(void)
{
	hb_blob_t *blob = hb_blob_create_from_file(FIXTURE);
	hb_face_t *face = hb_face_create(blob, 0), *sub;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *u = hb_subset_input_unicode_set(in);
	hb_blob_t *out;

	for (const char *p = "fiol AVTe"; *p; p++)
		hb_set_add(u, (unsigned char)*p);
	sub = hb_subset_or_fail(face, in);
	assert_non_null(sub);
	out = hb_face_reference_blob(sub);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return out;
}

/* When the ligature's glyph has no code point, the letters are set
 * instead, each as itself: nothing is lost, and the width is theirs. */
static void test_ligature_without_code_point_falls_back(void **state)
{
	hb_blob_t *blob = subset_without_fb01();
	unsigned int n = 0;
	const char *data = hb_blob_get_data(blob, &n);
	struct fonts_spec s[FACE_COUNT];
	struct diag_list dl = {0};
	struct fonts *f;
	struct fonts_run run = {0}, hb = {0};
	hb_face_t *face;
	hb_font_t *font;
	hb_buffer_t *buf;
	hb_codepoint_t gid;

	(void)state;
	/* the subset does ligate "fi", to a glyph no code point names */
	face = hb_face_create(blob, 0);
	font = hb_font_create(face);
	buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, "fi", 2, 0, 2);
	hb_buffer_guess_segment_properties(buf);
	hb_shape(font, buf, NULL, 0);
	assert_int_equal(hb_buffer_get_length(buf), 1);
	assert_false(hb_font_get_nominal_glyph(font, 0xFB01, &gid));
	hb_buffer_destroy(buf);
	hb_font_destroy(font);
	hb_face_destroy(face);

	for (int i = 0; i < FACE_COUNT; i++)
		s[i] = (struct fonts_spec){ .name = "sub.ttf",
		                            .data = (const unsigned char *)data,
		                            .len = n };
	f = fonts_load(s, &dl);
	assert_non_null(f);
	fonts_shape(f, FACE_REGULAR, "fil", 3, &run);
	assert_int_equal(run.len, 3);
	for (uint32_t i = 0; i < 3; i++) {
		assert_int_equal(run.glyphs[i].cp, (unsigned char)"fil"[i]);
		assert_int_equal(run.glyphs[i].start, i);
		assert_int_equal(run.glyphs[i].len, 1);
	}
	assert_true(em(fonts_metrics(f), FACE_REGULAR, "fil") == run.width);
	/* the same from HarfBuzz directly (not cached) */
	assert_true(shaped(f, FACE_REGULAR, "fil", SHAPE_HARFBUZZ, &hb));
	assert_same_run("fil", &run, &hb);
	/* shaped again without the ligature, not merely set plain: A kerns
	 * with f (-73 units), not with the ligature's glyph */
	fonts_shape(f, FACE_REGULAR, "Afi", 3, &run);
	assert_int_equal(run.len, 3);
	assert_int_equal(run.glyphs[0].kern, -36);
	assert_int_equal(run.glyphs[1].cp, 'f');
	assert_int_equal(first_kern(f, FACE_REGULAR, "AV"), -64);
	fonts_run_release(&run);
	fonts_run_release(&hb);
	fonts_free(f);
	diag_release(&dl);
	hb_blob_destroy(blob);
}

/* A deterministic stream of pseudo-random numbers (xorshift). */
static uint32_t next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Letters, digits, punctuation and accented letters a briefing prints,
 * as UTF-8 strings of one character each. */
static size_t alphabet(char chars[][5])
{
	static const uint32_t extra[] = {
		0xE9, 0xE8, 0xF1, 0xF6, 0xFC, 0xC9, 0xC7, 0x107, 0x161, 0x10C,
		0x17E, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0xA0, 0xB0,
		0xFB01, 0x410, 0x3B1,
	};
	size_t n = 0;

	for (uint32_t c = 0x20; c < 0x7F; c++, n++)
		chars[n][utf8_encode(c, chars[n])] = 0;
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++, n++)
		chars[n][utf8_encode(extra[i], chars[n])] = 0;
	return n;
}

/* The pair model is HarfBuzz: on every pair of the alphabet, and on
 * 200,000 random strings of 1-12 of its characters, in every face of
 * DejaVu, a run the model gives is the run hb_shape gives. It must also
 * take most of them, or it would not be the fast path. */
static void test_pair_model_equals_harfbuzz(void **state)
{
	struct fonts *f = load_dejavu();
	struct fonts_run model = {0}, hb = {0};
	char chars[160][5], s[64];
	size_t n = alphabet(chars), taken = 0, tried = 0;
	uint32_t x = 2463534242u;

	(void)state;
	for (int face = 0; face < FACE_COUNT; face++) {
		for (size_t a = 0; a < n; a++)
			for (size_t b = 0; b < n; b++) {
				strcpy(s, chars[a]);
				strcat(s, chars[b]);
				tried++;
				if (!shaped(f, (enum face)face, s, SHAPE_MODEL, &model))
					continue;
				taken++;
				shaped(f, (enum face)face, s, SHAPE_HARFBUZZ, &hb);
				assert_same_run(s, &model, &hb);
			}
		for (int i = 0; i < 200000 / FACE_COUNT; i++) {
			size_t len = 1 + next_random(&x) % 12;

			s[0] = 0;
			for (size_t k = 0; k < len; k++)
				strcat(s, chars[next_random(&x) % n]);
			tried++;
			if (!shaped(f, (enum face)face, s, SHAPE_MODEL, &model))
				continue;
			taken++;
			shaped(f, (enum face)face, s, SHAPE_HARFBUZZ, &hb);
			assert_same_run(s, &model, &hb);
		}
	}
	/* f (ligatures), Cyrillic and Greek (other scripts) and ﬁ (a
	 * ligature's own form) are not the model's */
	assert_true(taken > tried / 2);
	fonts_run_release(&model);
	fonts_run_release(&hb);
	fonts_free(f);
}

/* Every triple of letters, in the regular face: contextual kerning or
 * a three-letter ligature would show here. */
static void test_pair_model_equals_harfbuzz_on_triples(void **state)
{
	struct fonts *f = load_fixture();
	struct fonts_run model = {0}, hb = {0};
	static const char letters[] = "AFLPTVWYacdefiloruvwy.,-'1";
	size_t n = strlen(letters);
	char s[4] = "";

	(void)state;
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			for (size_t c = 0; c < n; c++) {
				s[0] = letters[a];
				s[1] = letters[b];
				s[2] = letters[c];
				shaped(f, FACE_REGULAR, s, SHAPE_ANY, &model);
				shaped(f, FACE_REGULAR, s, SHAPE_HARFBUZZ, &hb);
				assert_same_run(s, &model, &hb);
			}
	fonts_run_release(&model);
	fonts_run_release(&hb);
	fonts_free(f);
}

/* text_width is the run's width, which is the sum of its advances and
 * kerns, which is hb_shape's: per glyph libharu's rounding of the hmtx
 * advance plus the rounded GPOS adjustment. */
static void test_text_width_is_sum_of_shaped_advances(void **state)
{
	static const char *const texts[] = {
		"AVAVA", "Kosovo Force", "office affluent", "Te\xc4\x87", "Yo.",
		SAMPLE, "T\xc3\xa9l\xc3\xa9vision", "1999-06-12", "",
	};
	struct fonts *f = load_fixture();
	const struct metrics *m = fonts_metrics(f);
	struct fonts_run run = {0};
	hb_buffer_t *buf = hb_buffer_create();
	struct fonts_font *ft = &f->font[0];

	(void)state;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		const char *s = texts[t];
		unsigned int n = 0;
		hb_glyph_info_t *info;
		hb_glyph_position_t *pos;
		long sum = 0, hbsum = 0;

		fonts_shape(f, FACE_REGULAR, s, strlen(s), &run);
		for (size_t i = 0; i < run.len; i++)
			sum += run.glyphs[i].advance + run.glyphs[i].kern;
		assert_int_equal(sum, run.width);
		assert_true(em(m, FACE_REGULAR, s) == run.width);
		assert_true(m->text_width(m->ctx, FACE_REGULAR, 9.5, s,
		                          strlen(s)) == run.width * 9.5 / 1000);
		hb_buffer_clear_contents(buf);
		hb_buffer_add_utf8(buf, s, -1, 0, -1);
		hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
		hb_buffer_set_script(buf, HB_SCRIPT_LATIN);
		hb_shape(ft->font, buf, NULL, 0);
		info = hb_buffer_get_glyph_infos(buf, &n);
		pos = hb_buffer_get_glyph_positions(buf, &n);
		assert_int_equal(n, run.len);
		for (unsigned int i = 0; i < n; i++) {
			long nom = hb_font_get_glyph_h_advance(ft->font,
			                                       info[i].codepoint);
			long d = (pos[i].x_advance - nom) * 1000;

			hbsum += nom * 1000 / 2048 +
			         (d >= 0 ? (d + 1024) / 2048 : -((-d + 1024) / 2048));
		}
		assert_int_equal(hbsum, run.width);
	}
	hb_buffer_destroy(buf);
	fonts_run_release(&run);
	fonts_free(f);
}

/* The cache gives what HarfBuzz gives: on a miss, on a hit, for strings
 * longer than it keeps, and after more distinct strings than it holds
 * have emptied it. */
static void test_cache_gives_harfbuzzs_runs(void **state)
{
	struct fonts *f = load_fixture();
	const struct metrics *m = fonts_metrics(f);
	struct fonts_run a = {0}, b = {0}, hb = {0};
	char s[1200];

	(void)state;
	for (int i = 0; i < 40000; i++) {
		/* "f" keeps them out of the pair model; short, so that the
		 * bound on entries is the one reached */
		snprintf(s, sizeof s, i % 2 ? "f%d" : "Af%dfi", i);
		shaped(f, FACE_REGULAR, s, SHAPE_ANY, &a);       /* miss */
		assert_true(f->cache.used <= 16384 / 2);
		if (i % 97 == 0) {
			shaped(f, FACE_REGULAR, s, SHAPE_ANY, &b);   /* hit */
			shaped(f, FACE_REGULAR, s, SHAPE_HARFBUZZ, &hb);
			assert_same_run(s, &a, &hb);
			assert_same_run(s, &b, &hb);
			assert_true(em(m, FACE_REGULAR, s) == hb.width);
		}
	}
	assert_true(f->cache.clears > 0);
	/* long strings, beyond what is cached */
	s[0] = 0;
	while (strlen(s) + 20 < sizeof s)
		strcat(s, "office Ty\xc3\xa9 AVA ");
	shaped(f, FACE_REGULAR, s, SHAPE_ANY, &a);
	shaped(f, FACE_REGULAR, s, SHAPE_HARFBUZZ, &hb);
	assert_same_run("(long)", &a, &hb);
	assert_true(em(m, FACE_REGULAR, s) == hb.width);
	fonts_run_release(&a);
	fonts_run_release(&b);
	fonts_run_release(&hb);
	fonts_free(f);
}

/* The reverse cmap (read from the font's format 12 subtable) is the
 * inverse of HarfBuzz's nominal mapping on the BMP, in every face. */
static void test_reverse_cmap_inverts_harfbuzzs_cmap(void **state)
{
	struct fonts *f = load_dejavu();

	(void)state;
	for (size_t i = 0; i < fonts_count(f); i++) {
		struct fonts_font *ft = &f->font[i];
		size_t mapped = 0;

		fonts_rev(ft);
		for (uint32_t cp = 1; cp <= 0xFFFF; cp++) {
			hb_codepoint_t g, back;
			bool multi;

			if (!hb_font_get_nominal_glyph(ft->font, cp, &g) || g == 0)
				continue;
			multi = ft->rev_multi[g >> 3] >> (g & 7) & 1;
			mapped++;
			if (ft->rev[g] == 0 || (ft->rev[g] != cp && !multi) ||
			    ft->rev[g] > cp ||
			    !hb_font_get_nominal_glyph(ft->font, ft->rev[g], &back) ||
			    back != g)
				fail_msg("font %zu U+%04X -> glyph %u -> U+%04X", i,
				         (unsigned)cp, (unsigned)g, ft->rev[g]);
		}
		assert_true(mapped > 3000);
	}
	fonts_free(f);
}

static void test_empty_string_is_an_empty_run(void **state)
{
	struct fonts *f = load_fixture();
	struct fonts_run run = {0};

	(void)state;
	fonts_shape(f, FACE_REGULAR, "", 0, &run);
	assert_int_equal(run.len, 0);
	assert_int_equal(run.width, 0);
	assert_true(em(fonts_metrics(f), FACE_BOLD, "") == 0);
	assert_true(shaped(f, FACE_REGULAR, "", SHAPE_HARFBUZZ, &run));
	assert_int_equal(run.len, 0);
	/* an unknown face is an empty run too */
	fonts_shape(f, FACE_REGULAR, "AV", 2, &run);
	fonts_shape(f, (enum face)FACE_COUNT, "AV", 2, &run);
	assert_int_equal(run.len, 0);
	fonts_run_release(&run);
	fonts_free(f);
}

/* A byte that is not UTF-8 is measured and shown as U+FFFD, one per
 * byte, as text_width did before shaping; a character beyond the BMP as
 * a space. */
static void test_invalid_utf8_is_replacement_characters(void **state)
{
	static const char *const bad[] = {
		"\xff", "A\xc3", "\xe2\x80", "A\xed\xa0\x80V", "\xc0\xafT",
		"of\xfe" "fi", "\xf0\x9f\x98\x80" "A",
	};
	struct fonts *f = load_fixture();
	struct fonts_run run = {0}, hb = {0};
	const struct metrics *m = fonts_metrics(f);

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		shaped(f, FACE_REGULAR, bad[i], SHAPE_ANY, &run);
		shaped(f, FACE_REGULAR, bad[i], SHAPE_HARFBUZZ, &hb);
		assert_same_run(bad[i], &run, &hb);
		assert_true(em(m, FACE_REGULAR, bad[i]) == run.width);
	}
	fonts_shape(f, FACE_REGULAR, "A\xc3", 2, &run);
	assert_int_equal(run.len, 2);
	assert_int_equal(run.glyphs[1].cp, 0xFFFD);
	assert_int_equal(run.glyphs[1].len, 1);
	fonts_shape(f, FACE_REGULAR, "\xf0\x9f\x98\x80" "A", 5, &run);
	assert_int_equal(run.glyphs[0].cp, ' ');
	assert_int_equal(run.glyphs[0].len, 4);
	fonts_run_release(&run);
	fonts_run_release(&hb);
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
		cmocka_unit_test(test_doc_check_follows_inline_spans),
		cmocka_unit_test(test_kerning_pairs_have_dejavus_values),
		cmocka_unit_test(test_ligature_maps_back_to_its_letters),
		cmocka_unit_test(test_ligature_without_code_point_falls_back),
		cmocka_unit_test(test_pair_model_equals_harfbuzz),
		cmocka_unit_test(test_pair_model_equals_harfbuzz_on_triples),
		cmocka_unit_test(test_text_width_is_sum_of_shaped_advances),
		cmocka_unit_test(test_cache_gives_harfbuzzs_runs),
		cmocka_unit_test(test_reverse_cmap_inverts_harfbuzzs_cmap),
		cmocka_unit_test(test_empty_string_is_an_empty_run),
		cmocka_unit_test(test_plain_shaping_is_glyph_for_character),
		cmocka_unit_test(test_invalid_utf8_is_replacement_characters),
	};

	return cmocka_run_group_tests_name("fonts", tests, NULL, NULL);
}
