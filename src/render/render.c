/*
 * render.c: pages of positioned boxes -> PDF bytes, through libharu 2.3.0.
 *
 * The only file that includes <hpdf.h>. It owns one libharu document per
 * struct render: the fonts are loaded once in render_new() so layout can
 * measure with exactly the faces that get embedded, and render_pdf() draws
 * the laid-out pages into that document and serialises it once.
 *
 * Invariants worth knowing before editing:
 * - libharu errors are sticky. Its public API reports them through the
 *   error handler; ours records the first error_no/detail_no in
 *   struct render_error (passed as user_data, no globals, no longjmp). Its
 *   object API only sets the document's error. Every phase checks both
 *   (haru_failed) and turns the error into a diagnostic (haru_error).
 * - Text is UTF-8 and goes through libharu's "UTF-8" encoder, which writes
 *   each character as a two-byte CID equal to its Unicode code point
 *   (Identity-H). Characters beyond the BMP become U+0020.
 * - libharu's ToUnicode CMap for that encoder is invalid (it uses
 *   begincidrange, an operator that belongs in an encoding CMap), so before
 *   saving we rewrite each font's ToUnicode stream with a correct bfchar /
 *   bfrange CMap for the code points the pages actually use.
 * - Output is a pure function of the input: no clock, no document ID.
 */
#define _GNU_SOURCE
#include "briefing/render.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <sys/mman.h>
#include <unistd.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* libharu refuses to measure more than HPDF_LIMIT_MAX_STRING_LEN bytes at
 * once (and the refusal is a sticky error), so longer strings are measured
 * in chunks of at most this many bytes, cut between characters. */
#define RENDER_MEASURE_CHUNK 16384

/* A ToUnicode CMap may hold at most 100 entries per bfchar/bfrange block. */
#define RENDER_CMAP_BLOCK 100

/* One bit per BMP code point: which characters a font has to map. */
#define RENDER_BMP_BYTES (0x10000 / 8)

static const char *const face_names[FACE_COUNT] = {
	[FACE_REGULAR] = "regular",
	[FACE_BOLD] = "bold",
	[FACE_ITALIC] = "italic",
};

/* The first libharu error since the last reset. */
struct render_error {
	HPDF_STATUS error_no;
	HPDF_STATUS detail_no;
};

struct render {
	HPDF_Doc pdf;
	struct render_error err;
	/* The font of each face. Faces that name the same file share one
	 * HPDF_Font, so loaded[] lists each distinct font once and slot[]
	 * maps a face to its index there. */
	HPDF_Font font[FACE_COUNT];
	HPDF_Font loaded[FACE_COUNT];
	size_t slot[FACE_COUNT];
	size_t nloaded;
	struct metrics metrics;
	/* Advance widths in 1/1000 em per BMP code point, per loaded font,
	 * filled on first use: layout measures every word and table cell, and
	 * HPDF_Font_TextWidth re-encodes its input on every call. */
	float *widths[FACE_COUNT];
	/* Per loaded font and BMP code point: 0 not checked, 1 has a glyph,
	 * 2 has none. */
	unsigned char *glyphs[FACE_COUNT];
	char *paths[FACE_COUNT];   /* font file of each face, for messages */
	/* Memory files holding the subset fonts; libharu reads them again
	 * when it saves, so they stay open until render_free(). */
	int subset_fd[FACE_COUNT];
	size_t subset_len;
	bool written;
	/* A NUL-terminated copy of the current text run, for HPDF_Page_TextOut. */
	char *text;
	size_t text_cap;
};

/* State of one page's content stream, to skip operators that would set
 * what is already set (libharu writes every call out verbatim). */
struct render_gstate {
	HPDF_Font font;
	double size;
	bool fill_set, stroke_set, width_set;
	struct rgb fill, stroke;
	double line_width;
};

static HPDF_Doc new_document(struct render *r);

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                     void *user_data)
{
	struct render_error *e = user_data;

	if (e->error_no == HPDF_OK) {
		e->error_no = error_no;
		e->detail_no = detail_no;
	}
}

/* A short meaning for the libharu errors a user can cause or meet; the
 * rest are internal and only the number is useful (hpdf_error.h). */
static const char *error_meaning(HPDF_STATUS no)
{
	switch (no) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_IO_ERROR: return "file input/output error";
	case HPDF_FILE_OPEN_ERROR: return "cannot open the file";
	case HPDF_FONT_EXISTS: return "the font is already loaded";
	case HPDF_INVALID_DATE_TIME: return "invalid date";
	case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
	case HPDF_INVALID_TTC_FILE: return "invalid TrueType collection";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
	case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
	case HPDF_PAGE_OUT_OF_RANGE: return "value out of range";
	case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
	case HPDF_STRING_OUT_OF_RANGE: return "string too long";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		return "the font's licence forbids embedding";
	case HPDF_TTF_INVALID_CMAP: return "the font has no usable Unicode cmap";
	case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
	case HPDF_TTF_MISSING_TABLE: return "the font lacks a required table";
	case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
	case HPDF_INVALID_URI: return "invalid URI";
	case HPDF_ZLIB_ERROR: return "compression failed";
	default: return NULL;
	}
}

/* True once libharu has failed. Public API calls report through the
 * handler; the object API we use for the ToUnicode and destination fixes
 * only sets the document's sticky error, so look there too. */
static bool haru_failed(const struct render *r)
{
	return r->err.error_no != HPDF_OK ||
	       (r->pdf && HPDF_GetError(r->pdf) != HPDF_OK);
}

/* Turns libharu's error into a diagnostic "<what>: libharu error 0x1060
 * (detail 0): <meaning>" and clears both the record and libharu's sticky
 * state, so a caller that goes on (to report the next font) can. */
static int haru_error(struct render *r, struct diag_list *dl, const char *what)
{
	HPDF_STATUS no = r->err.error_no, detail = r->err.detail_no;
	const char *meaning;

	if (no == HPDF_OK && r->pdf) {
		no = HPDF_GetError(r->pdf);
		detail = HPDF_GetErrorDetail(r->pdf);
	}
	r->err.error_no = r->err.detail_no = HPDF_OK;
	if (r->pdf)
		HPDF_ResetError(r->pdf);
	if (no == HPDF_OK)  /* failed without saying why */
		return diag_error(dl, NULL, 0, "%s: libharu failed", what);
	meaning = error_meaning(no);
	return diag_error(dl, NULL, 0, "%s: libharu error 0x%04X (detail %u)%s%s",
	                  what, (unsigned)no, (unsigned)detail,
	                  meaning ? ": " : "", meaning ? meaning : "");
}

/* haru_error() for a failure while drawing page index pi. */
static int page_error(struct render *r, struct diag_list *dl, size_t pi)
{
	char *what = xasprintf("cannot draw page %zu", pi + 1);

	haru_error(r, dl, what);
	free(what);
	return -1;
}

/*
 * Metrics. Widths come from HPDF_Font_GetUnicodeWidth, the same table
 * HPDF_Font_TextWidth sums (libharu applies no kerning), cached per code
 * point. Code points beyond the BMP are drawn by libharu as spaces, so they
 * measure as a space. tests/test_render.c pins the DejaVu values of
 * ñ š ć ’ – and checks that widths add up.
 */
static double glyph_width(struct render *r, size_t slot, uint32_t cp)
{
	float *w = r->widths[slot];

	if (cp > 0xFFFF)
		cp = ' ';
	if (!w) {
		w = r->widths[slot] = xmalloc(65536 * sizeof *w);
		for (size_t i = 0; i < 65536; i++)
			w[i] = -1;
	}
	if (w[cp] < 0)
		w[cp] = (float)HPDF_Font_GetUnicodeWidth(r->loaded[slot],
		                                         (HPDF_UNICODE)cp);
	return w[cp];
}

static double metrics_text_width(const void *ctx, enum face face, double size,
                                 const char *s, size_t len)
{
	struct render *r = (struct render *)ctx;
	double units = 0;
	size_t slot;

	if ((unsigned)face >= FACE_COUNT || !r->font[face])
		return 0;
	slot = r->slot[face];
	for (size_t i = 0; i < len;) {
		uint32_t cp = (unsigned char)s[i];
		size_t n = cp < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);

		if (n == 0) {   /* invalid byte: render refuses it later */
			cp = 0xFFFD;
			n = 1;
		}
		units += glyph_width(r, slot, cp);
		i += n;
	}
	return units * size / 1000.0;
}

static double metrics_ascent(const void *ctx, enum face face, double size)
{
	const struct render *r = ctx;

	if ((unsigned)face >= FACE_COUNT || !r->font[face])
		return 0;
	return HPDF_Font_GetAscent(r->font[face]) * size / 1000.0;
}

/* libharu gives the descent as a negative number (below the baseline);
 * metrics.h promises a positive distance. */
static double metrics_descent(const void *ctx, enum face face, double size)
{
	const struct render *r = ctx;

	if ((unsigned)face >= FACE_COUNT || !r->font[face])
		return 0;
	return -HPDF_Font_GetDescent(r->font[face]) * size / 1000.0;
}

/* libharu reports a missing font file only as "file open error"; checking
 * first lets the message name the path and the system's reason. Reading a
 * byte also catches directories, which fopen() accepts. */
static int check_readable(const char *path, struct diag_list *dl)
{
	FILE *f;
	int c, err;

	errno = 0;
	f = fopen(path, "rb");
	if (!f)
		return diag_error(dl, NULL, 0, "cannot read font file '%s': %s",
		                  path, strerror(errno));
	errno = 0;
	c = getc(f);
	err = errno;
	if (c == EOF && ferror(f)) {
		fclose(f);
		return diag_error(dl, NULL, 0, "cannot read font file '%s': %s",
		                  path, strerror(err ? err : EIO));
	}
	fclose(f);
	if (c == EOF)
		return diag_error(dl, NULL, 0, "cannot read font file '%s': %s",
		                  path, "the file is empty");
	return 0;
}

/* Loads the font file of one face, or reuses the font of an earlier face
 * that names the same file: libharu registers fonts by name, and the file
 * need not be parsed and embedded twice. */
static int load_face(struct render *r, const char *const font_paths[],
                     enum face face, struct diag_list *dl)
{
	const char *path = font_paths[face];
	const char *name;
	HPDF_Font font;
	char *what;

	if (!path)
		return diag_error(dl, NULL, 0, "no font file for the %s face",
		                  face_names[face]);
	r->paths[face] = xstrdup(path);
	for (int j = 0; j < (int)face; j++) {
		if (font_paths[j] && strcmp(font_paths[j], path) == 0) {
			if (!r->font[j])
				return -1;  /* already reported for face j */
			r->font[face] = r->font[j];
			r->slot[face] = r->slot[j];
			return 0;
		}
	}
	if (check_readable(path, dl) < 0)
		return -1;

	name = HPDF_LoadTTFontFromFile(r->pdf, path, HPDF_TRUE);
	font = name ? HPDF_GetFont(r->pdf, name, "UTF-8") : NULL;
	if (!font || haru_failed(r)) {
		what = xasprintf("cannot load font file '%s'", path);
		haru_error(r, dl, what);
		free(what);
		return -1;
	}
	r->font[face] = font;
	/* Two paths to one file (a symlink) still give one HPDF_Font. */
	for (size_t i = 0; i < r->nloaded; i++) {
		if (r->loaded[i] == font) {
			r->slot[face] = i;
			return 0;
		}
	}
	r->slot[face] = r->nloaded;
	r->loaded[r->nloaded++] = font;
	return 0;
}

struct render *render_new(const char *const font_paths[FACE_COUNT],
                          struct diag_list *dl)
{
	struct render *r = xcalloc(1, sizeof *r);
	int failed = 0;

	r->pdf = new_document(r);
	if (!r->pdf) {
		diag_error(dl, NULL, 0, "cannot start a pdf document: out of memory");
		goto fail;
	}
	if (haru_failed(r)) {
		haru_error(r, dl, "cannot set up the pdf document");
		goto fail;
	}
	/* Go on past a bad font so that every bad path is reported at once. */
	for (int face = 0; face < FACE_COUNT; face++)
		if (load_face(r, font_paths, (enum face)face, dl) < 0)
			failed = 1;
	if (failed)
		goto fail;

	r->metrics.text_width = metrics_text_width;
	r->metrics.ascent = metrics_ascent;
	r->metrics.descent = metrics_descent;
	r->metrics.ctx = r;
	return r;

fail:
	render_free(r);
	return NULL;
}

const struct metrics *render_metrics(const struct render *r)
{
	return &r->metrics;
}

void render_free(struct render *r)
{
	if (!r)
		return;
	if (r->pdf)
		HPDF_Free(r->pdf);
	for (size_t i = 0; i < r->subset_len; i++)
		if (r->subset_fd[i] >= 0)
			close(r->subset_fd[i]);
	for (size_t i = 0; i < FACE_COUNT; i++) {
		free(r->widths[i]);
		free(r->glyphs[i]);
		free(r->paths[i]);
	}
	free(r->text);
	free(r);
}

/* libharu raises a sticky error for a colour component outside 0..1;
 * clamping keeps one odd colour from failing the whole document. */
static double unit(double v)
{
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

static bool same_rgb(struct rgb a, struct rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(HPDF_Page page, struct render_gstate *gs, struct rgb c)
{
	if (gs->fill_set && same_rgb(gs->fill, c))
		return;
	HPDF_Page_SetRGBFill(page, (HPDF_REAL)unit(c.r), (HPDF_REAL)unit(c.g),
	                     (HPDF_REAL)unit(c.b));
	gs->fill = c;
	gs->fill_set = true;
}

static void set_stroke(HPDF_Page page, struct render_gstate *gs, struct rgb c,
                       double width)
{
	if (!gs->stroke_set || !same_rgb(gs->stroke, c)) {
		HPDF_Page_SetRGBStroke(page, (HPDF_REAL)unit(c.r),
		                       (HPDF_REAL)unit(c.g), (HPDF_REAL)unit(c.b));
		gs->stroke = c;
		gs->stroke_set = true;
	}
	if (!gs->width_set || gs->line_width != width) {
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)(width < 0 ? 0 : width));
		gs->line_width = width;
		gs->width_set = true;
	}
}

/* Marks the code points of a UTF-8 run in used[], as libharu will write
 * them: the CID of a BMP character is its code point, and a character
 * beyond the BMP becomes U+0020. Returns -1 on invalid UTF-8, which would
 * otherwise come out as silently wrong glyphs. */
/* A character the font cannot draw would print as an empty box: refuse
 * it, naming the character, the font and the text it is in. Control
 * characters count as missing too. */
static int check_glyphs(struct render *r, enum face face, const char *s,
                        size_t len, struct diag_list *dl)
{
	size_t slot = r->slot[face];
	HPDF_FontAttr attr = (HPDF_FontAttr)r->font[face]->attr;
	unsigned char *g = r->glyphs[slot];

	if (!g)
		g = r->glyphs[slot] = xcalloc(65536, 1);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return 0;     /* mark_used reports invalid UTF-8 */
		if (cp <= 0xFFFF && g[cp] == 0)
			g[cp] = cp >= 0x20 && cp != 0x7F &&
			        HPDF_TTFontDef_GetGlyphid(attr->fontdef,
			                                  (HPDF_UINT16)cp) != 0 ? 1 : 2;
		if (cp > 0xFFFF || g[cp] == 2) {
			char ch[8] = "";
			size_t from = i > 30 ? i - 30 : 0, to = i + n + 30 < len ?
			              i + n + 30 : len;

			while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
				from--;
			while (to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
				to++;
			if (cp >= 0x20 && cp != 0x7F)
				snprintf(ch, sizeof ch, " '%.*s'", (int)n, s + i);
			return diag_error(dl, r->paths[face], 0, "font has no glyph "
			                  "for U+%04X%s, used in \"%s%.*s%s\"; use a font "
			                  "that covers it", (unsigned)cp, ch,
			                  from ? "…" : "", (int)(to - from), s + from,
			                  to < len ? "…" : "");
		}
		i += n;
	}
	return 0;
}

static int mark_used(unsigned char *used, const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0)
			return -1;
		if (cp > 0xFFFF)
			cp = 0x20;
		used[cp >> 3] |= (unsigned char)(1u << (cp & 7));
		i += n;
	}
	return 0;
}

static bool is_used(const unsigned char *used, uint32_t cp)
{
	return used[cp >> 3] & (1u << (cp & 7));
}

/* Rewrites dst as [page /XYZ null top null]: scroll to that height and
 * keep the reader's zoom and horizontal position. libharu's own
 * HPDF_Destination_SetXYZ insists on a zoom factor between 0.08 and 32,
 * which would reset the reader's zoom on every click. */
static HPDF_STATUS dest_at(HPDF_Destination dst, HPDF_Page page, double top)
{
	HPDF_STATUS ret = HPDF_OK;

	HPDF_Array_Clear(dst);
	ret |= HPDF_Array_Add(dst, page);
	ret |= HPDF_Array_AddName(dst, "XYZ");
	ret |= HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
	ret |= HPDF_Array_AddReal(dst, (HPDF_REAL)top);
	ret |= HPDF_Array_Add(dst, HPDF_Null_New(dst->mmgr));
	return ret;
}

static char *text_copy(struct render *r, const char *s, size_t len)
{
	r->text = xgrow(r->text, &r->text_cap, len + 1, 1);
	memcpy(r->text, s, len);
	r->text[len] = '\0';
	return r->text;
}

/* Draws the boxes of page index pi onto hp. The pages' y axis points down
 * from the top edge; PDF's points up from the bottom, hence height - y. */
static int draw_page(struct render *r, const struct pages *pages, size_t pi,
                     HPDF_Page *hpages, HPDF_Destination *tops,
                     unsigned char *used, struct diag_list *dl)
{
	const struct page *pg = &pages->items[pi];
	HPDF_Page hp = hpages[pi];
	double H = pg->height;
	struct render_gstate gs = {0};
	bool in_text = false;

	for (size_t bi = 0; bi < pg->len; bi++) {
		const struct box *b = &pg->boxes[bi];
		HPDF_Rect rect;
		HPDF_Annotation annot;

		/* Consecutive runs share one text object (BT ... ET): a table
		 * page is mostly text, and an object per run doubles the
		 * content stream. Paths cannot be drawn inside one. */
		if (in_text && b->kind != BOX_TEXT) {
			HPDF_Page_EndText(hp);
			in_text = false;
		}
		switch (b->kind) {
		case BOX_TEXT:
			if ((unsigned)b->face >= FACE_COUNT)
				return diag_error(dl, NULL, 0,
				                  "page %zu: text in unknown face %d",
				                  pi + 1, (int)b->face);
			if (b->len == 0)
				break;
			if (check_glyphs(r, b->face, b->text, b->len, dl) < 0)
				return -1;
			if (mark_used(used + r->slot[b->face] * RENDER_BMP_BYTES,
			              b->text, b->len) < 0)
				return diag_error(dl, NULL, 0,
				                  "page %zu: text run is not valid UTF-8",
				                  pi + 1);
			if (!in_text) {
				HPDF_Page_BeginText(hp);
				in_text = true;
			}
			if (gs.font != r->font[b->face] || gs.size != b->size) {
				HPDF_Page_SetFontAndSize(hp, r->font[b->face],
				                         (HPDF_REAL)b->size);
				gs.font = r->font[b->face];
				gs.size = b->size;
			}
			set_fill(hp, &gs, b->color);
			HPDF_Page_TextOut(hp, (HPDF_REAL)b->x, (HPDF_REAL)(H - b->y),
			                  text_copy(r, b->text, b->len));
			break;
		case BOX_RULE:
			set_stroke(hp, &gs, b->color, b->line_width);
			HPDF_Page_MoveTo(hp, (HPDF_REAL)b->x, (HPDF_REAL)(H - b->y));
			HPDF_Page_LineTo(hp, (HPDF_REAL)(b->x + b->w),
			                 (HPDF_REAL)(H - (b->y + b->h)));
			HPDF_Page_Stroke(hp);
			break;
		case BOX_FILL:
			set_fill(hp, &gs, b->color);
			HPDF_Page_Rectangle(hp, (HPDF_REAL)b->x,
			                    (HPDF_REAL)(H - b->y - b->h),
			                    (HPDF_REAL)b->w, (HPDF_REAL)b->h);
			HPDF_Page_Fill(hp);
			break;
		case BOX_LINK:
			rect.left = (HPDF_REAL)b->x;
			rect.right = (HPDF_REAL)(b->x + b->w);
			rect.top = (HPDF_REAL)(H - b->y);
			rect.bottom = (HPDF_REAL)(H - b->y - b->h);
			if (b->target_page >= 0) {
				size_t t = (size_t)b->target_page;

				if (t >= pages->len)
					return diag_error(dl, NULL, 0,
					                  "page %zu: link to page %zu of %zu",
					                  pi + 1, t + 1, pages->len);
				/* one destination per target page, shared by links */
				if (!tops[t]) {
					tops[t] = HPDF_Page_CreateDestination(hpages[t]);
					if (!tops[t] || dest_at(tops[t], hpages[t],
					                        pages->items[t].height)
					                != HPDF_OK)
						return page_error(r, dl, pi);
				}
				annot = HPDF_Page_CreateLinkAnnot(hp, rect, tops[t]);
			} else if (b->uri) {
				annot = HPDF_Page_CreateURILinkAnnot(hp, rect, b->uri);
			} else {
				return diag_error(dl, NULL, 0,
				                  "page %zu: link without a target",
				                  pi + 1);
			}
			/* libharu's default is a visible black border */
			if (annot)
				HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
			break;
		default:
			return diag_error(dl, NULL, 0, "page %zu: unknown box kind %d",
			                  pi + 1, (int)b->kind);
		}
		if (haru_failed(r))
			return page_error(r, dl, pi);
	}
	if (in_text)
		HPDF_Page_EndText(hp);
	return haru_failed(r) ? page_error(r, dl, pi) : 0;
}

/* Bookmarks: a level-1 entry at the top, deeper entries under the level-1
 * entry before them (at the top if there is none). Titles go through the
 * UTF-8 encoder, which libharu writes as UTF-16BE with a byte order mark,
 * the form PDF text strings need for non-ASCII. */
static int add_outline(struct render *r, const struct pages *pages,
                       HPDF_Page *hpages, struct diag_list *dl)
{
	HPDF_Encoder utf8 = HPDF_GetEncoder(r->pdf, "UTF-8");
	HPDF_Outline section = NULL;

	if (pages->outline_len == 0)
		return 0;
	for (size_t i = 0; i < pages->outline_len; i++) {
		const struct outline_entry *e = &pages->outline[i];
		HPDF_Outline o;
		HPDF_Destination dst;

		if (e->page < 0 || (size_t)e->page >= pages->len)
			return diag_error(dl, NULL, 0,
			                  "bookmark '%s' points to page %d of %zu",
			                  e->title, e->page + 1, pages->len);
		o = HPDF_CreateOutline(r->pdf, e->level <= 1 ? NULL : section,
		                       e->title, utf8);
		if (!o)
			goto fail;
		if (e->level <= 1) {
			section = o;
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
		}
		dst = HPDF_Page_CreateDestination(hpages[e->page]);
		if (!dst || dest_at(dst, hpages[e->page],
		                    pages->items[e->page].height - e->y) != HPDF_OK)
			goto fail;
		HPDF_Outline_SetDestination(o, dst);
	}
	HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (haru_failed(r))
		goto fail;
	return 0;
fail:
	return haru_error(r, dl, "cannot add the bookmarks");
}

/* "YYYY-MM-DD" -> 00:00:00 UTC of that day. */
static int parse_date(const char *s, HPDF_Date *d, struct diag_list *dl)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, day;
	bool leap;

	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;

		if (!s[i] || (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')))
			goto bad;
	}
	if (s[10])
		goto bad;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || day < 1 || day > mdays[m - 1] ||
	    (m == 2 && day == 29 && !leap))
		goto bad;
	memset(d, 0, sizeof *d);
	d->year = y;
	d->month = m;
	d->day = day;
	d->ind = 'Z';
	return 0;
bad:
	return diag_error(dl, NULL, 0, "invalid document date '%s': expected "
	                  "a real date as YYYY-MM-DD", s);
}

static int set_info(struct render *r, const struct render_info *info,
                    struct diag_list *dl)
{
	const struct { HPDF_InfoType type; const char *value; } attrs[] = {
		{HPDF_INFO_TITLE, info ? info->title : NULL},
		{HPDF_INFO_AUTHOR, info ? info->author : NULL},
		{HPDF_INFO_SUBJECT, info ? info->subject : NULL},
		{HPDF_INFO_KEYWORDS, info ? info->keywords : NULL},
		{HPDF_INFO_CREATOR, info ? info->creator : NULL},
		/* replaces libharu's "Haru Free PDF Library 2.3.0" */
		{HPDF_INFO_PRODUCER, "briefing"},
	};
	HPDF_Date date;

	/* With the UTF-8 encoder current, libharu writes these as UTF-16BE
	 * hex strings with a byte order mark, so non-ASCII survives. */
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (attrs[i].value && attrs[i].value[0])
			HPDF_SetInfoAttr(r->pdf, attrs[i].type, attrs[i].value);
	if (info && info->date) {
		if (parse_date(info->date, &date, dl) < 0)
			return -1;
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date);
	}
	if (haru_failed(r))
		return haru_error(r, dl, "cannot set the document information");
	return 0;
}

/* Appends one line to a libharu stream; returns non-zero on failure. */
static HPDF_STATUS put(HPDF_Stream s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static HPDF_STATUS put(HPDF_Stream s, const char *fmt, ...)
{
	char line[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	return HPDF_Stream_WriteStr(s, line);
}

/* A run of consecutive used code points that share a high byte: one
 * bfrange entry, or a bfchar entry when lo == hi. bfrange may only vary
 * the last byte of the source code, hence the high-byte split. */
struct cmap_run {
	uint16_t lo, hi;
};

/* The text a code point copies out as. Layout glues dates and numbers to
 * their units with no-break spaces; pasted or searched, they should be
 * ordinary spaces. */
static uint32_t copy_as(uint32_t cp)
{
	return cp == 0xA0 ? 0x20 : cp;
}

/* Writes "N beginbfchar/bfrange ... end" blocks of at most 100 entries for
 * the runs of one kind (single = bfchar). */
static HPDF_STATUS put_cmap_entries(HPDF_Stream s, const struct cmap_run *runs,
                                    size_t nruns, bool single)
{
	const char *kind = single ? "bfchar" : "bfrange";
	HPDF_STATUS ret = HPDF_OK;
	size_t total = 0, done = 0;

	for (size_t i = 0; i < nruns; i++)
		total += (runs[i].lo == runs[i].hi) == single;
	for (size_t i = 0; i < nruns; i++) {
		const struct cmap_run *u = &runs[i];

		if ((u->lo == u->hi) != single)
			continue;
		if (done % RENDER_CMAP_BLOCK == 0) {
			size_t left = total - done;

			ret |= put(s, "%zu begin%s\n", left < RENDER_CMAP_BLOCK ?
			           left : (size_t)RENDER_CMAP_BLOCK, kind);
		}
		if (single)
			ret |= put(s, "<%04X> <%04X>\n", u->lo, copy_as(u->lo));
		else
			ret |= put(s, "<%04X> <%04X> <%04X>\n", u->lo, u->hi, u->lo);
		if (++done % RENDER_CMAP_BLOCK == 0 || done == total)
			ret |= put(s, "end%s\n", kind);
	}
	return ret;
}

/*
 * Replaces the ToUnicode CMap of font with one that maps every code point
 * in used (a BMP bitmap) to itself, since CID == code point here.
 *
 * libharu 2.3.0 reuses its encoding CMap as the ToUnicode CMap: that CMap
 * maps codes to CIDs with begincidrange, which a ToUnicode CMap may not
 * contain, so poppler warns and text extraction and copy-paste guess.
 * The font dictionary is an HPDF_Dict whose "ToUnicode" entry is a stream
 * dictionary; we empty its memory stream and write a conforming CMap, and
 * drop the dictionary keys that only an encoding CMap carries. Rewriting
 * in place keeps the object number, so no orphan object is left behind and
 * libharu still applies the font's compression filter when it writes.
 */
static int fix_tounicode(struct render *r, HPDF_Font font,
                         const unsigned char *used, struct diag_list *dl)
{
	static const char *const drop[] = {"Type", "CMapName", "CIDSystemInfo",
	                                   "WMode"};
	HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	struct cmap_run *runs = NULL;
	size_t nruns = 0, cap = 0;
	HPDF_Stream s;
	HPDF_STATUS ret = HPDF_OK;
	int rc = -1;

	if (!tu || !tu->stream) {
		if (haru_failed(r))
			return haru_error(r, dl, "cannot find the ToUnicode map");
		return diag_error(dl, NULL, 0, "font '%s' has no ToUnicode stream "
		                  "to repair (not libharu 2.3.0?)",
		                  HPDF_Font_GetFontName(font));
	}
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++) {
		if (!is_used(used, cp))
			continue;
		if (nruns > 0 && runs[nruns - 1].hi + 1u == cp && (cp & 0xFF) != 0 &&
		    copy_as(cp) == cp && copy_as(cp - 1) == cp - 1) {
			runs[nruns - 1].hi = (uint16_t)cp;
			continue;
		}
		runs = xgrow(runs, &cap, nruns + 1, sizeof *runs);
		runs[nruns].lo = runs[nruns].hi = (uint16_t)cp;
		nruns++;
	}

	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		HPDF_Dict_RemoveElement(tu, drop[i]);
	s = tu->stream;
	HPDF_MemStream_FreeData(s);
	ret |= put(s, "/CIDInit /ProcSet findresource begin\n"
	              "12 dict begin\n"
	              "begincmap\n");
	ret |= put(s, "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	              "/Supplement 0 >> def\n");
	ret |= put(s, "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	ret |= put(s, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	ret |= put_cmap_entries(s, runs, nruns, true);
	ret |= put_cmap_entries(s, runs, nruns, false);
	ret |= put(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	              "end\nend\n");
	if (ret != HPDF_OK || haru_failed(r)) {
		haru_error(r, dl, "cannot write the ToUnicode map");
		goto fail;
	}
	rc = 0;
fail:
	free(runs);
	return rc;
}

/* Copies libharu's serialised document out into a malloc'd buffer. */
static int save(struct render *r, unsigned char **out, size_t *out_len,
                struct diag_list *dl)
{
	HPDF_UINT32 size, got;
	unsigned char *buf = NULL;

	if (HPDF_SaveToStream(r->pdf) != HPDF_OK || haru_failed(r))
		goto fail;
	size = HPDF_GetStreamSize(r->pdf);
	if (size == 0)
		goto fail;
	buf = xmalloc(size);
	got = size;
	/* Reading exactly the size does not hit end of stream, so the handler
	 * stays quiet; a short read is a failure. */
	if (HPDF_ReadFromStream(r->pdf, buf, &got) != HPDF_OK || got != size)
		goto fail;
	*out = buf;
	*out_len = size;
	return 0;
fail:
	free(buf);
	return haru_error(r, dl, "cannot serialise the pdf document");
}

/*
 * Font subsetting. libharu embeds a TrueType font almost whole (about 90 KB
 * a face). Once the pages are known, each font is cut down with HarfBuzz to
 * the code points they use, and the document is started again with the
 * subsets; widths are the subset's own, which are the font's. A font that
 * HarfBuzz cannot subset is embedded whole.
 */

/* Writes a subset of the font at path holding the used code points into
 * a memory file; returns its descriptor, or -1 to embed the whole font. */
static int subset_font(const char *path, const unsigned char *used)
{
	static const hb_tag_t drop[] = {
		/* layout tables: libharu neither reads nor needs them */
		HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'S', 'U', 'B'),
		HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'),
	};
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path), *out = NULL;
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *in = NULL;
	const char *data;
	unsigned int len = 0;
	int fd = -1;

	if (!blob)
		return -1;
	face = hb_face_create(blob, 0);
	in = hb_subset_input_create_or_fail();
	if (!in)
		goto done;
	for (uint32_t cp = 0; cp <= 0xFFFF; cp++)
		if (is_used(used, cp))
			hb_set_add(hb_subset_input_unicode_set(in), cp);
	for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
		hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
		           drop[i]);
	sub = hb_subset_or_fail(face, in);
	if (!sub)
		goto done;
	out = hb_face_reference_blob(sub);
	data = hb_blob_get_data(out, &len);
	if (len == 0)
		goto done;
	fd = memfd_create("briefing-font", MFD_CLOEXEC);
	for (size_t off = 0; fd >= 0 && off < len;) {
		ssize_t n = write(fd, data + off, len - off);

		if (n <= 0) {
			close(fd);
			fd = -1;
			break;
		}
		off += (size_t)n;
	}
done:
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return fd;
}

/* Starts a fresh document, set up as render_new() does. */
static HPDF_Doc new_document(struct render *r)
{
	HPDF_Doc pdf = HPDF_NewEx(on_error, NULL, NULL, 0, &r->err);

	if (!pdf)
		return NULL;
	/* All before any font or page exists, so every stream is set up with
	 * compression and text goes through the UTF-8 encoder. */
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	HPDF_SetCurrentEncoder(pdf, "UTF-8");
	return pdf;
}

/* Replaces the measuring document by one embedding font subsets. */
static int use_subsets(struct render *r, const unsigned char *used,
                       struct diag_list *dl)
{
	HPDF_Doc pdf = new_document(r);
	HPDF_Font fonts[FACE_COUNT] = { NULL };

	if (!pdf || haru_failed(r)) {
		if (pdf)
			HPDF_Free(pdf);
		return haru_error(r, dl, "cannot start the pdf document");
	}
	for (size_t i = 0; i < r->nloaded; i++) {
		const char *path = NULL, *name;
		char proc[64];
		int fd;

		for (int f = 0; f < FACE_COUNT && !path; f++)
			if (r->font[f] && r->slot[f] == i)
				path = r->paths[f];
		fd = subset_font(path, used + i * RENDER_BMP_BYTES);
		r->subset_fd[r->subset_len++] = fd;
		if (fd >= 0)
			snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		name = HPDF_LoadTTFontFromFile(pdf, fd >= 0 ? proc : path, HPDF_TRUE);
		fonts[i] = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
		if (!fonts[i] || haru_failed(r)) {
			char *what = xasprintf("cannot embed font file '%s'", path);

			HPDF_Free(pdf);
			haru_error(r, dl, what);
			free(what);
			return -1;
		}
	}
	HPDF_Free(r->pdf);
	r->pdf = pdf;
	for (size_t i = 0; i < r->nloaded; i++)
		r->loaded[i] = fonts[i];
	for (int f = 0; f < FACE_COUNT; f++)
		if (r->font[f])
			r->font[f] = fonts[r->slot[f]];
	return 0;
}

/* The code points each loaded font draws, as bitmaps of RENDER_BMP_BYTES
 * per font slot; invalid UTF-8 is reported. */
static int collect_used(const struct render *r, const struct pages *pages,
                        unsigned char *used, struct diag_list *dl)
{
	for (size_t i = 0; i < pages->len; i++)
		for (size_t k = 0; k < pages->items[i].len; k++) {
			const struct box *b = &pages->items[i].boxes[k];

			if (b->kind != BOX_TEXT || (unsigned)b->face >= FACE_COUNT ||
			    !r->font[b->face])
				continue;
			if (mark_used(used + r->slot[b->face] * RENDER_BMP_BYTES,
			              b->text, b->len) < 0)
				return diag_error(dl, NULL, 0, "page %zu: text run is not "
				                  "valid UTF-8", i + 1);
		}
	return 0;
}

int render_pdf(struct render *r, const struct pages *pages,
               const struct render_info *info, unsigned char **out,
               size_t *out_len, struct diag_list *dl)
{
	HPDF_Page *hpages = NULL;
	HPDF_Destination *tops = NULL;
	unsigned char *used = NULL;
	int rc = -1;

	*out = NULL;
	*out_len = 0;
	/* libharu documents cannot be reset, so a second run would append a
	 * second copy of every page. */
	if (r->written)
		return diag_error(dl, NULL, 0, "a render can be written only once");
	r->written = true;
	if (pages->len == 0)
		return diag_error(dl, NULL, 0, "the document has no pages");
	/* Errors from measuring with the metrics (sticky in libharu). */
	if (haru_failed(r))
		return haru_error(r, dl, "cannot measure text");

	/* arrays of libharu handles, which are pointers */
	hpages = xcalloc(pages->len, sizeof *hpages); /* NOLINT(bugprone-sizeof-expression) */
	tops = xcalloc(pages->len, sizeof *tops); /* NOLINT(bugprone-sizeof-expression) */
	used = xcalloc(r->nloaded, RENDER_BMP_BYTES);
	if (collect_used(r, pages, used, dl) < 0 || use_subsets(r, used, dl) < 0)
		goto fail;

	/* Every page exists before drawing, so a link can point forward. */
	for (size_t i = 0; i < pages->len; i++) {
		hpages[i] = HPDF_AddPage(r->pdf);
		if (hpages[i]) {
			HPDF_Page_SetWidth(hpages[i], (HPDF_REAL)pages->items[i].width);
			HPDF_Page_SetHeight(hpages[i], (HPDF_REAL)pages->items[i].height);
		}
		if (haru_failed(r)) {
			char *what = xasprintf("cannot add page %zu (%g x %g pt)", i + 1,
			                       pages->items[i].width,
			                       pages->items[i].height);

			haru_error(r, dl, what);
			free(what);
			goto fail;
		}
	}
	for (size_t i = 0; i < pages->len; i++)
		if (draw_page(r, pages, i, hpages, tops, used, dl) < 0)
			goto fail;
	if (add_outline(r, pages, hpages, dl) < 0)
		goto fail;
	if (set_info(r, info, dl) < 0)
		goto fail;
	for (size_t i = 0; i < r->nloaded; i++)
		if (fix_tounicode(r, r->loaded[i], used + i * RENDER_BMP_BYTES,
		                  dl) < 0)
			goto fail;
	if (save(r, out, out_len, dl) < 0)
		goto fail;
	rc = 0;
fail:
	free(hpages);
	free(tops);
	free(used);
	return rc;
}
