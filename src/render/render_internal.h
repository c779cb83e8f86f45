/*
 * render_internal.h: what the files of render share: the state of the one
 * libharu document a render_pdf() call builds, and libharu error
 * handling. Only src/render/ includes it (and <hpdf.h>).
 */
#ifndef BRIEFING_RENDER_INTERNAL_H
#define BRIEFING_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_streams.h>

#include "briefing/render.h"
#include "briefing/base/xalloc.h"

struct libdeflate_compressor;

/* The first libharu error since the last reset. */
struct render_error {
	HPDF_STATUS error_no;
	HPDF_STATUS detail_no;
};

enum render_path { RENDER_PATH_NONE, RENDER_PATH_STROKE, RENDER_PATH_FILL };

/* One page's content stream as it is written (content.c), and the graphics
 * and text state it has set, so that no operator repeats what is set.
 * Positions and sizes are integer hundredths of a point. */
struct render_content {
	char *buf;
	size_t len, cap;
	bool in_text;
	enum render_path path;     /* the path under construction */
	long long tx, ty;          /* start of the last Td'd run, in BT */
	/* the run being shown (render_content_run): its string or array
	 * starts at buf[run_start], and the pen is in 1/1000 hundredths */
	bool in_run, run_array;
	size_t run_start;
	long long pen;
	const void *font;          /* the HPDF_Font of the last Tf */
	long long size;
	/* the horizontal scaling (Tz) in hundredths of a percent; 0 is the
	 * default, 100 % */
	long long hscale;
	bool fill_set, stroke_set, width_set;
	struct rgb fill, stroke;
	long long line_width;
	/* the deflated page (render_content_deflate), kept across pages */
	unsigned char *zbuf;
	size_t zcap;
};

/* How a font's text is coded in the content (encoding.c): one byte a
 * character when the code points it draws fit, else libharu's two-byte
 * CIDs (Identity-H, CID = code point). */
struct render_encoding {
	bool one_byte;
	/* one_byte only: per code, the code point it stands for and whether
	 * the pages draw it; and the code of each of 65,536 code points */
	uint16_t cp[256];
	bool drawn[256];
	uint8_t *code;
};

/* What content.c needs to show a run in a font: the advances by code
 * point and the one-byte codes (NULL for two-byte CIDs). */
struct render_glyphs {
	const uint16_t *widths;
	const uint8_t *code;
};

/* A form XObject (forms.c): a run of boxes that pages repeat, drawn
 * once. */
struct render_form {
	const struct box *boxes;   /* the run, on the page that made it */
	size_t len;
	double width, height;      /* of that page: the form's BBox */
	uint64_t hash;             /* of the run (form_hash) */
	char name[16];             /* in the resources: "X1", ... */
};

/* Boxes [from, to) of a page. */
/* An image file loaded as an XObject (images.c). */
struct render_image {
	char *path;
	char name[16];             /* in the resources: "Im1", ... */
};

struct render_span {
	size_t from, to;
};

/* A code point that a shaped glyph shows in place of other text, such as
 * a ligature (U+FB01 for "fi"): what ToUnicode maps it back to, in UTF-16
 * code units, so that copied and extracted text is the source text. */
#define RENDER_ALIAS_MAX 8
struct render_alias {
	size_t slot;               /* the loaded font */
	uint16_t cp;
	uint8_t len;
	uint16_t text[RENDER_ALIAS_MAX];
};

struct render {
	HPDF_Doc pdf;
	struct render_error err;
	const struct fonts *fonts;
	/* The font of each face, and each distinct font once, in
	 * fonts_index() order: faces that share a font share one HPDF_Font. */
	HPDF_Font font[FACE_COUNT];
	HPDF_Font loaded[FACE_COUNT];
	size_t nloaded;
	/* each loaded font's name in the shared resources ("F1", ...) and
	 * the /Font dictionary that holds them (render.c) */
	char font_name[FACE_COUNT][8];
	HPDF_Dict font_dict;
	/* the resources every page inherits, and their /XObject dictionary
	 * once a form exists */
	HPDF_Dict resources, xobjects;
	/* the forms made so far; the spans of the page being drawn that
	 * may be drawn by one (forms.c); the content of the form being made */
	struct render_form *forms;
	size_t nforms, forms_cap;
	struct render_span *spans;
	size_t spans_cap;
	unsigned char *covered;
	size_t covered_cap;
	/* the spans of every page, page pi's from page_span_at[pi] to
	 * page_span_at[pi + 1] (render_forms_count) */
	struct render_span *page_spans;
	size_t page_spans_cap;
	size_t *page_span_at;
	/* the hash of every span of every page, sorted: how many pages
	 * would use a form (render_forms_count) */
	uint64_t *run_hashes;
	size_t nrun_hashes;
	struct render_content form_content;
	struct libdeflate_compressor *z;  /* render_compressor() */
	/* the images loaded so far (images.c) */
	struct render_image *images;
	size_t nimages, images_cap;
	/* FONTS_BMP_BYTES per loaded font: the code points its pages use. */
	unsigned char *used;
	/* per loaded font, 65,536 advances in 1/1000 em: the widths
	 * libharu writes into its /W array, by CID (code point) */
	uint16_t *widths;
	/* per loaded font, how its text is coded */
	struct render_encoding enc[FACE_COUNT];
	/* the encoding CMap the one-byte fonts share, once one exists */
	HPDF_Dict byte_cmap;
	/* the page being drawn; its buffer is reused from page to page */
	struct render_content content;
	/* the shaped text of the box being drawn, reused for every box */
	struct fonts_run run;
	/* the code points shown for other text (ligatures), all fonts */
	struct render_alias *aliases;
	size_t naliases, aliases_cap;
};

/* used.c: fills r->used (and r->aliases) from the text of the pages,
 * and reports a character a font cannot print. */
int render_collect_used(struct render *r, const struct pages *pages,
                        struct diag_list *dl);

/* render.c */
bool render_haru_failed(const struct render *r);
int render_haru_error(struct render *r, struct diag_list *dl, const char *what);

/* draw.c: page index pi onto hpages[pi]; tops[] holds the destinations
 * links share, one per target page. */
int render_draw_page(struct render *r, const struct pages *pages, size_t pi,
                     HPDF_Page *hpages, HPDF_Destination *tops,
                     struct diag_list *dl);
int render_add_outline(struct render *r, const struct pages *pages,
                       HPDF_Page *hpages, struct diag_list *dl);
/* draw.c: a text run, rule or fill of page index pi (height H) into c */
int render_draw_box(struct render *r, struct render_content *c,
                    const struct box *b, double H, size_t pi,
                    struct diag_list *dl);
/* draw.c: whether s is printable ASCII, which a PDF text string holds as
 * it is; anything else goes as UTF-16 */
bool render_plain_ascii(const char *s);
/* draw.c: sets dict's key to the PDF text string of UTF-8 s: as it is
 * when printable ASCII, else UTF-16BE with a byte order mark (libharu's
 * own way needs its UTF-8 encoder, a quarter of a megabyte). */
HPDF_STATUS render_text_string(struct render *r, HPDF_Dict dict,
                               const char *key, const char *s);
/* draw.c: for a stream whose bytes are already deflated */
HPDF_STATUS render_write_flate_filter(HPDF_Dict dict, HPDF_Stream stream);
void render_size_stream(HPDF_Stream stream, size_t len);

/* forms.c: finds and counts the spans of all pages before any is
 * drawn: the runs of boxes each page shares with the page before or
 * after it. */
void render_forms_count(struct render *r, const struct pages *pages);
/* forms.c: the spans render_forms_count() found on page pi, in page
 * order, into *spans; returns how many. */
size_t render_page_spans(const struct render *r, size_t pi,
                         const struct render_span **spans);
/* forms.c: the name of the form that draws boxes [from, to) of page pi,
 * made if need be, or NULL in *name when the run is better drawn in
 * place. Returns -1 with a diagnostic. */
int render_form_get(struct render *r, const struct pages *pages, size_t pi,
                    size_t from, size_t to, const char **name,
                    struct diag_list *dl);
/* forms.c: frees the forms' bookkeeping (libharu owns the objects) */
void render_forms_release(struct render *r);

/* content.c: operators appended to a page's content */
long long render_hundredths(double v);
void render_content_reset(struct render_content *c);
/* Room for n more bytes of c, at c->buf + c->len. Called for every
 * operand of every page, so the common case is a comparison; inline, so
 * that a literal's length is known when it is compiled. */
static inline char *render_content_room(struct render_content *c, size_t n)
{
	if (c->len + n > c->cap)
		c->buf = xgrow(c->buf, &c->cap, c->len + n, 1);
	return c->buf + c->len;
}

static inline void render_content_str(struct render_content *c,
                                      const char *s)
{
	size_t n = strlen(s);

	memcpy(render_content_room(c, n), s, n);
	c->len += n;
}
void render_content_flush(struct render_content *c);
void render_content_fill(struct render_content *c, struct rgb col);
void render_content_stroke(struct render_content *c, struct rgb col,
                           double width);
void render_content_line(struct render_content *c, long long x0,
                         long long y0, long long x1, long long y1);
void render_content_rect(struct render_content *c, long long x, long long y,
                         long long w, long long h);
void render_content_begin_text(struct render_content *c);
void render_content_end_text(struct render_content *c);
void render_content_font(struct render_content *c, const void *font,
                         const char *local_name, double size);
void render_content_do(struct render_content *c, const char *name);
/* Paints image XObject name into the box (x, y) w by h, in hundredths
 * of a point, y up; the graphics state is saved and restored. */
void render_content_image(struct render_content *c, const char *name,
                          long long x, long long y, long long w,
                          long long h);
/* images.c: the XObject name of the image at path, loaded (read and
 * checked again, then handed to libharu) on first use; NULL after an
 * error naming the file. */
const char *render_image_get(struct render *r, const char *path,
                             struct diag_list *dl);
void render_images_release(struct render *r);
void render_content_hscale(struct render_content *c, double expand);
void render_content_run(struct render_content *c, long long x, long long y,
                        const struct fonts_run *run,
                        const struct render_glyphs *g);
/* The page's operators deflated with z (render_compressor()) into
 * c->zbuf; *out_len bytes, or -1 when z is NULL or fails. */
int render_content_deflate(struct render_content *c,
                           struct libdeflate_compressor *z, size_t *out_len);
/* Frees the buffers. */
void render_content_release(struct render_content *c);
/* The one compressor of the render, made on first use (NULL when it
 * cannot be): pages, forms and the packed objects share it, so the
 * render holds one compressor's tables (~1.3 MB), not three. */
struct libdeflate_compressor *render_compressor(struct render *r);

/* encoding.c: plans e for the code points set in used (FONTS_BMP_BYTES):
 * one-byte codes when they fit (e->code is then allocated; free it with
 * render_encoding_release). */
void render_encoding_plan(struct render_encoding *e, const unsigned char *used);
void render_encoding_release(struct render_encoding *e);
/* Gives font, loaded with one-byte codes as its CIDs, the one-byte
 * identity encoding CMap. */
int render_set_encoding(struct render *r, HPDF_Font font,
                        struct diag_list *dl);

/* tounicode.c: appends a printf-formatted line (at most 95 bytes) to a
 * CMap stream; returns non-zero on failure. */
HPDF_STATUS render_cmap_put(HPDF_Stream s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* tounicode.c: replaces libharu's invalid ToUnicode CMap of font by one
 * mapping what the pages draw: the code points set in used
 * (FONTS_BMP_BYTES) as two-byte CIDs, or e's one-byte codes; a code
 * point with an alias (a ligature) copies out as the alias's text. */
int render_fix_tounicode(struct render *r, HPDF_Font font, size_t slot,
                         const unsigned char *used,
                         const struct render_encoding *e,
                         struct diag_list *dl);

static inline bool render_is_used(const unsigned char *used, uint32_t cp)
{
	return used[cp >> 3] & (1u << (cp & 7));
}

/* The first code point from cp on that is set in used, or 0x10000: a
 * document uses a few hundred of 65,536, so whole empty bytes are
 * skipped. Loop as for (cp = render_next_used(u, 0); cp <= 0xFFFF;
 * cp = render_next_used(u, cp + 1)). */
static inline uint32_t render_next_used(const unsigned char *used,
                                        uint32_t cp)
{
	while (cp <= 0xFFFF) {
		if ((cp & 7) == 0 && used[cp >> 3] == 0)
			cp += 8;
		else if (render_is_used(used, cp))
			return cp;
		else
			cp++;
	}
	return 0x10000;
}

#endif
