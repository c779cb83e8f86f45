/*
 * content.c: a page's content stream, written as bytes.
 *
 * libharu's operator functions clear a 512-byte buffer and re-measure the
 * string on every call, print six significant digits and write one Td and
 * Tj per run; on a long table they were most of the render time and most
 * of the content bytes. Here a page's operators go into one growable
 * buffer, which is deflated (render_content_deflate) and handed to
 * libharu's content stream once per page. Runs on one baseline in one
 * font, size and colour (the cells of a table row) share one TJ array.
 *
 * Invariants: coordinates are held as integer hundredths of a point, so
 * relative moves (Td) add up exactly to the absolute positions and never
 * drift, and inside a TJ the pen is tracked exactly (in thousandths of
 * a hundredth) so that its adjustments do not drift either;
 * numbers print with at most two decimals (three for colours, which
 * keeps every 8-bit component k/255 exact) and no trailing zeros; a path
 * is always closed by its painting operator before any state changes,
 * since PDF allows no state operator inside a path.
 */
#include "render_internal.h"

#include <libdeflate.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

#ifndef RENDER_DEFLATE_LEVEL
#define RENDER_DEFLATE_LEVEL 6
#endif

static inline char *content_room(struct render_content *c, size_t n)
{
	return render_content_room(c, n);
}

/* Writes v / 10^decimals: "12", "12.5", "-0.25", never "12.50" or "-0";
 * after a space when sep and another operand came before. */
static void put_number(struct render_content *c, long long v, int decimals,
                       bool sep)
{
	char tmp[32], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v :
	                       (unsigned long long)v;
	bool digits = false;

	for (int i = 0; i < decimals; i++, u /= 10)
		if (u % 10 || digits) {
			*--p = (char)('0' + u % 10);
			digits = true;
		}
	if (digits)
		*--p = '.';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	if (sep && c->len > 0 && c->buf[c->len - 1] != '\n')
		*--p = ' ';
	memcpy(content_room(c, (size_t)(tmp + sizeof tmp - p)), p,
	       (size_t)(tmp + sizeof tmp - p));
	c->len += (size_t)(tmp + sizeof tmp - p);
}

static void put_fixed(struct render_content *c, long long v, int decimals)
{
	put_number(c, v, decimals, true);
}

/* llround(v): the nearest integer, halves away from zero. Without the
 * libm call: a long table has a million of them. Exact for finite |v|
 * below 2^53, where v minus its integer part loses nothing. */
static long long round_half_away(double v)
{
	long long t;
	double f;

	if (!(v > -9e15 && v < 9e15))
		return llround(v);
	t = (long long)v;
	f = v - (double)t;
	if (f >= 0.5)
		t++;
	else if (f <= -0.5)
		t--;
	return t;
}

long long render_hundredths(double v)
{
	return round_half_away(v * 100);
}

static void put_op(struct render_content *c, const char *op)
{
	render_content_str(c, " ");
	render_content_str(c, op);
	render_content_str(c, "\n");
}

static void close_run(struct render_content *c);

/* libharu raises a sticky error for a colour component outside 0..1;
 * clamping keeps one odd colour from failing the whole document. */
static long long component(double v)
{
	return round_half_away((v < 0 ? 0 : v > 1 ? 1 : v) * 1000);
}

static bool same_rgb(struct rgb a, struct rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void put_rgb(struct render_content *c, struct rgb col, const char *op)
{
	put_fixed(c, component(col.r), 3);
	put_fixed(c, component(col.g), 3);
	put_fixed(c, component(col.b), 3);
	put_op(c, op);
}

/* Paints the path under construction, if any. */
void render_content_flush(struct render_content *c)
{
	if (c->path == RENDER_PATH_STROKE)
		render_content_str(c, "S\n");
	else if (c->path == RENDER_PATH_FILL)
		render_content_str(c, "f\n");
	c->path = RENDER_PATH_NONE;
}

void render_content_fill(struct render_content *c, struct rgb col)
{
	if (c->fill_set && same_rgb(c->fill, col))
		return;
	close_run(c);
	render_content_flush(c);
	put_rgb(c, col, "rg");
	c->fill = col;
	c->fill_set = true;
}

void render_content_stroke(struct render_content *c, struct rgb col,
                           double width)
{
	long long w = render_hundredths(width < 0 ? 0 : width);

	if (!c->stroke_set || !same_rgb(c->stroke, col)) {
		render_content_flush(c);
		put_rgb(c, col, "RG");
		c->stroke = col;
		c->stroke_set = true;
	}
	if (!c->width_set || c->line_width != w) {
		render_content_flush(c);
		put_fixed(c, w, 2);
		put_op(c, "w");
		c->line_width = w;
		c->width_set = true;
	}
}

/* Adds a segment to the stroked path: consecutive rules of one colour and
 * width are painted by a single S. */
void render_content_line(struct render_content *c, long long x0,
                         long long y0, long long x1, long long y1)
{
	if (c->path != RENDER_PATH_STROKE)
		render_content_flush(c);
	c->path = RENDER_PATH_STROKE;
	put_fixed(c, x0, 2);
	put_fixed(c, y0, 2);
	put_op(c, "m");
	put_fixed(c, x1, 2);
	put_fixed(c, y1, 2);
	put_op(c, "l");
}

/* Adds a rectangle to the filled path: consecutive fills of one colour
 * share a single f (non-zero winding paints their union, as separate fills
 * of one opaque colour would). */
void render_content_rect(struct render_content *c, long long x, long long y,
                         long long w, long long h)
{
	if (c->path != RENDER_PATH_FILL)
		render_content_flush(c);
	c->path = RENDER_PATH_FILL;
	put_fixed(c, x, 2);
	put_fixed(c, y, 2);
	put_fixed(c, w, 2);
	put_fixed(c, h, 2);
	put_op(c, "re");
}

void render_content_begin_text(struct render_content *c)
{
	if (c->in_text)
		return;
	render_content_flush(c);
	render_content_str(c, "BT\n");
	c->in_text = true;
	/* BT resets the text matrix: the first Td is absolute */
	c->tx = c->ty = 0;
}

/* Ends the open run with its show operator: Tj for one string, TJ for an
 * array of strings and adjustments. */
static void close_run(struct render_content *c)
{
	if (!c->in_run)
		return;
	render_content_str(c, c->run_array ? "]TJ\n" : "Tj\n");
	c->in_run = false;
}

void render_content_end_text(struct render_content *c)
{
	if (!c->in_text)
		return;
	close_run(c);
	render_content_str(c, "ET\n");
	c->in_text = false;
}

/* "/F1 9.5 Tf" when the font or size changes. Tf is graphics state, so
 * it survives ET and is set once per run of same-font text on a page. */
void render_content_font(struct render_content *c, const void *font,
                         const char *local_name, double size)
{
	long long s = render_hundredths(size);

	if (c->font == font && c->size == s)
		return;
	close_run(c);
	render_content_str(c, "/");
	render_content_str(c, local_name);
	put_fixed(c, s, 2);
	put_op(c, "Tf");
	c->font = font;
	c->size = s;
}

/* The horizontal scaling in hundredths of a percent, 10000 by default. */
static long long hscale(const struct render_content *c)
{
	return c->hscale ? c->hscale : 10000;
}

/* "101.5 Tz" when the glyphs' horizontal scale changes: a text box's
 * expansion (struct box), 0 for none. Like Tf it is graphics state, set
 * where it changes. A run in another scale never joins the open one. */
void render_content_hscale(struct render_content *c, double expand)
{
	long long h = round_half_away((1 + expand) * 10000);

	if (h <= 0)
		h = 10000;
	if (h == hscale(c))
		return;
	close_run(c);
	put_number(c, h, 2, true);
	put_op(c, "Tz");
	c->hscale = h;
}

/* Moves to (x, y), relative to the start of the previous run (the only
 * operand Td takes). */
static void move(struct render_content *c, long long x, long long y)
{
	put_fixed(c, x - c->tx, 2);
	put_fixed(c, y - c->ty, 2);
	put_op(c, "Td");
	c->tx = x;
	c->ty = y;
}

/* Appends byte b of a literal string: raw bytes take half the room of
 * hex; only the delimiters, the backslash and CR (which a reader would
 * turn into LF) need escapes. */
static char *put_byte(char *p, unsigned char b)
{
	if (b == '(' || b == ')' || b == '\\') {
		*p++ = '\\';
		*p++ = (char)b;
	} else if (b == '\r') {
		*p++ = '\\';
		*p++ = 'r';
	} else {
		*p++ = (char)b;
	}
	return p;
}

/* Turns the open run's string into an array, so that numbers can move
 * the pen between its strings: "(AV)" -> "[(AV)". */
static void run_to_array(struct render_content *c)
{
	if (c->run_array)
		return;
	content_room(c, 1);
	memmove(c->buf + c->run_start + 1, c->buf + c->run_start,
	        c->len - c->run_start);
	c->buf[c->run_start] = '[';
	c->len++;
	c->run_array = true;
}

/* Appends the glyphs of a shaped run inside the open literal string: one
 * byte a glyph in a font with one-byte codes (encoding.c), else two-byte
 * CIDs, which in libharu's UTF-8 mode are the BMP code points. Raw bytes
 * take half the room of hex; only the delimiters, the backslash and CR
 * (which a reader would turn into LF) need escapes. A glyph that kerns
 * with the next ends the string, and the adjustment follows in the array:
 * "[(A)64(V)]". Returns the advance in 1/1000 em: the widths the font
 * dictionary gives the CIDs, plus the kerns. */
static long long put_glyphs(struct render_content *c,
                            const struct fonts_run *run,
                            const struct render_glyphs *g)
{
	long long units = 0;

	for (size_t i = 0; i < run->len; i++) {
		const struct fonts_glyph *gl = &run->glyphs[i];
		/* at most two bytes, each at most two escaped */
		char *p = content_room(c, 4), *start = p;

		if (g->code) {
			p = put_byte(p, g->code[gl->cp]);
		} else {
			p = put_byte(p, (unsigned char)(gl->cp >> 8));
			p = put_byte(p, (unsigned char)gl->cp);
		}
		c->len += (size_t)(p - start);
		units += g->widths[gl->cp];
		/* a kern after the last glyph has no next glyph to move */
		if (gl->kern != 0 && i + 1 < run->len) {
			run_to_array(c);
			render_content_str(c, ")");
			put_number(c, -gl->kern, 0, false);
			render_content_str(c, "(");
			units += gl->kern;
		}
	}
	return units;
}

/* a / b rounded half away from zero, b > 0 */
static long long div_round(long long a, long long b)
{
	return a >= 0 ? (a + b / 2) / b : -((-a + b / 2) / b);
}

/* Shows a run starting at (x, y) in the current font, size and fill.
 *
 * A run that continues the open one on its baseline (a table row's next
 * cell, the next word) joins it: one TJ array whose numbers move the pen
 * by -n/1000 of the size, "(Rank)-2797(Name)", instead of a Td and a Tj
 * each. The pen is tracked exactly, in 1/1000 of a hundredth of a point
 * (advance units times the size in hundredths), and each adjustment is
 * rounded from the true gap, so errors never add up: every run starts
 * within 1/2000 of the size of its x. A run that would start before the
 * pen starts afresh, since extraction tools read backward moves as
 * overlaps. */
void render_content_run(struct render_content *c, long long x, long long y,
                        const struct fonts_run *run,
                        const struct render_glyphs *g)
{
	/* the pen, in 1/1000 hundredths times the scale in hundredths of a
	 * percent: one TJ unit moves it size * scale */
	long long size = c->size, unit = size * hscale(c);
	long long gap = x * 10000000 - c->pen, n;

	if (c->in_run && y == c->ty && size > 0 && gap >= -unit) {
		n = -div_round(gap, unit);
		if (n == 0) {
			c->len--;  /* continues the last string: drops its ')' */
		} else {
			run_to_array(c);
			put_number(c, n, 0, false);
			render_content_str(c, "(");
		}
		c->pen -= n * unit;
	} else {
		close_run(c);
		move(c, x, y);
		c->run_start = c->len;
		render_content_str(c, "(");
		c->in_run = true;
		c->run_array = false;
		c->pen = x * 10000000;
	}
	c->pen += put_glyphs(c, run, g) * unit;
	render_content_str(c, ")");
}

/* Paints form XObject name: outside any text object or path, and the
 * graphics state is as it was afterwards (Do saves and restores it). */
void render_content_do(struct render_content *c, const char *name)
{
	/* a form inherits the text state: it was drawn unscaled */
	if (hscale(c) != 10000) {
		put_number(c, 100, 0, true);
		put_op(c, "Tz");
		c->hscale = 0;
	}
	render_content_str(c, "/");
	render_content_str(c, name);
	render_content_str(c, " Do\n");
}

void render_content_image(struct render_content *c, const char *name,
                          long long x, long long y, long long w,
                          long long h)
{
	render_content_str(c, "q\n");
	put_number(c, w, 2, false);
	render_content_str(c, " 0 0");
	put_fixed(c, h, 2);
	put_fixed(c, x, 2);
	put_fixed(c, y, 2);
	put_op(c, "cm");
	render_content_str(c, "/");
	render_content_str(c, name);
	render_content_str(c, " Do\nQ\n");
}

/* Forgets the state of the previous page: each page's content stream
 * starts from the default graphics state. The buffers and the deflater
 * are kept for the next page. */
void render_content_reset(struct render_content *c)
{
	struct render_content keep = *c;

	memset(c, 0, sizeof *c);
	c->buf = keep.buf;
	c->cap = keep.cap;
	c->zbuf = keep.zbuf;
	c->zcap = keep.zcap;
}

/* Deflates the page's operators in one call, into a zlib stream as
 * FlateDecode reads it. libdeflate does the work zlib's deflate() did, at
 * the same level and about the same size, in about half the time: on a
 * long table, deflating was the largest single cost of the render. Done
 * per page so that the document never holds its uncompressed content (at
 * 100,000 table rows, ~48 MB). One compressor serves every page. */
int render_content_deflate(struct render_content *c,
                           struct libdeflate_compressor *z, size_t *out_len)
{
	size_t bound, n;

	if (!z)
		return -1;
	bound = libdeflate_zlib_compress_bound(z, c->len);
	c->zbuf = xgrow(c->zbuf, &c->zcap, bound, 1);
	n = libdeflate_zlib_compress(z, c->buf, c->len, c->zbuf, bound);
	if (n == 0)
		return -1;
	*out_len = n;
	return 0;
}

struct libdeflate_compressor *render_compressor(struct render *r)
{
	if (!r->z)
		r->z = libdeflate_alloc_compressor(RENDER_DEFLATE_LEVEL);
	return r->z;
}

void render_content_release(struct render_content *c)
{
	free(c->buf);
	free(c->zbuf);
	memset(c, 0, sizeof *c);
}
