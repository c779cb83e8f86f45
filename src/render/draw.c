/*
 * draw.c: the boxes of a page as libharu content, and the bookmarks.
 *
 * The pages' y axis points down from the top edge; PDF's points up from
 * the bottom, hence height - y throughout. The content operators are
 * written by content.c, not libharu; libharu still owns the page objects,
 * their font resources, the links and the bookmarks.
 */
#include "render_internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* render_haru_error() for a failure while drawing page index pi. */
static int page_error(struct render *r, struct diag_list *dl, size_t pi)
{
	char *what = xasprintf("cannot draw page %zu", pi + 1);

	render_haru_error(r, dl, what);
	free(what);
	return -1;
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

/* One text run, inside c's open text object. */
static void draw_text(struct render *r, struct render_content *c,
                      const struct box *b, double H)
{
	HPDF_Font font = r->font[b->face];
	size_t slot = fonts_index(r->fonts, b->face);
	struct render_glyphs g = {r->widths + slot * 0x10000, r->enc[slot].code};

	/* render_collect_used() has checked that the font prints it */
	render_content_font(c, font, r->font_name[slot], b->size);
	render_content_hscale(c, b->expand);
	render_content_fill(c, b->color);
	fonts_shape(r->fonts, b->face, b->text, b->len, &r->run);
	render_content_run(c, render_hundredths(b->x), render_hundredths(H - b->y),
	                   &r->run, &g);
}

/* A link on page pi to the top of another page, to a height on it (a
 * reference), or to a URI. */
static int draw_link(struct render *r, const struct pages *pages, size_t pi,
                     HPDF_Page *hpages, HPDF_Destination *tops,
                     const struct box *b, struct diag_list *dl)
{
	double H = pages->items[pi].height;
	HPDF_Rect rect;
	HPDF_Annotation annot;

	rect.left = (HPDF_REAL)b->x;
	rect.right = (HPDF_REAL)(b->x + b->w);
	rect.top = (HPDF_REAL)(H - b->y);
	rect.bottom = (HPDF_REAL)(H - b->y - b->h);
	if (b->target_page >= 0) {
		size_t t = (size_t)b->target_page;

		if (t >= pages->len)
			return diag_error(dl, NULL, 0, "page %zu: link to page %zu of %zu",
			                  pi + 1, t + 1, pages->len);
		if (b->len > 0) {
			/* a reference: to the height of its target (len - 1
			 * points from the page's top) */
			HPDF_Destination at = HPDF_Page_CreateDestination(hpages[t]);

			if (!at || dest_at(at, hpages[t], pages->items[t].height -
			                   (double)(b->len - 1)) != HPDF_OK)
				return page_error(r, dl, pi);
			annot = HPDF_Page_CreateLinkAnnot(hpages[pi], rect, at);
		} else {
			/* one destination per target page, shared by links */
			if (!tops[t]) {
				tops[t] = HPDF_Page_CreateDestination(hpages[t]);
				if (!tops[t] || dest_at(tops[t], hpages[t],
				                        pages->items[t].height) != HPDF_OK)
					return page_error(r, dl, pi);
			}
			annot = HPDF_Page_CreateLinkAnnot(hpages[pi], rect, tops[t]);
		}
	} else if (b->uri) {
		annot = HPDF_Page_CreateURILinkAnnot(hpages[pi], rect, b->uri);
	} else {
		return diag_error(dl, NULL, 0, "page %zu: link without a target",
		                  pi + 1);
	}
	/* libharu's default is a visible black border. /Type /Annot and the
	 * /P back-reference to the page are optional and read by no viewer
	 * for links: 25 bytes a link. */
	if (annot) {
		HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
		HPDF_Dict_RemoveElement(annot, "Type");
		HPDF_Dict_RemoveElement(annot, "P");
	}
	return 0;
}

/* Appends a rule or a fill to the page's content. */
static void draw_path(struct render_content *c, const struct box *b, double H)
{
	if (b->kind == BOX_RULE) {
		render_content_stroke(c, b->color, b->line_width);
		render_content_line(c, render_hundredths(b->x),
		                    render_hundredths(H - b->y),
		                    render_hundredths(b->x + b->w),
		                    render_hundredths(H - (b->y + b->h)));
	} else {
		render_content_fill(c, b->color);
		render_content_rect(c, render_hundredths(b->x),
		                    render_hundredths(H - b->y - b->h),
		                    render_hundredths(b->w), render_hundredths(b->h));
	}
}

/* The page's content is deflated as it is drawn (write_content), so
 * libharu must write it as it is and only name the filter; its own
 * /Filter entry comes from the stream's filter field, which also makes it
 * deflate at save time. This hook runs inside the dictionary, after its
 * entries. */
HPDF_STATUS render_write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
	(void)dict;
	return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* A memory stream allocates in chunks of its buffer size (4 KB) on
 * demand, and a deflated page is ~2 KB: at 5,000 pages half of each chunk
 * (10 MB) would sit unused until save. An empty stream's one chunk can be
 * made exactly the size of the one write it will get; w_pos at the end
 * of the (absent) chunk is how libharu marks that it needs a new one. */
void render_size_stream(HPDF_Stream stream, size_t len)
{
	HPDF_MemStreamAttr m = stream->attr;

	if (stream->type != HPDF_STREAM_MEMORY || stream->size != 0 || len == 0)
		return;
	m->buf_siz = (HPDF_UINT)len;
	m->w_pos = m->buf_siz;
}

/* Hands the page's operators to libharu, deflated. */
static int write_content(struct render *r, HPDF_Page hp,
                         struct diag_list *dl, size_t pi)
{
	struct render_content *c = &r->content;
	HPDF_PageAttr attr = hp->attr;
	size_t zlen;

	attr->contents->filter = HPDF_STREAM_FILTER_NONE;
	if (c->len == 0)
		return 0;
	if (render_content_deflate(c, render_compressor(r), &zlen) < 0)
		return diag_error(dl, NULL, 0, "page %zu: cannot compress the "
		                  "page content", pi + 1);
	attr->contents->write_fn = render_write_flate_filter;
	render_size_stream(attr->stream, zlen);
	if (HPDF_Stream_Write(attr->stream, c->zbuf, (HPDF_UINT)zlen) != HPDF_OK)
		return page_error(r, dl, pi);
	return 0;
}

/* Appends a text run, rule or fill to c (of page index pi, height H);
 * links are not content. */
int render_draw_box(struct render *r, struct render_content *c,
                    const struct box *b, double H, size_t pi,
                    struct diag_list *dl)
{
	/* Consecutive runs share one text object (BT ... ET): a table page
	 * is mostly text, and an object per run doubles the content stream.
	 * Paths cannot be drawn inside one. */
	switch (b->kind) {
	case BOX_TEXT:
		if ((unsigned)b->face >= FACE_COUNT)
			return diag_error(dl, NULL, 0, "page %zu: text in unknown face %d",
			                  pi + 1, (int)b->face);
		if (b->len == 0)
			return 0;
		render_content_begin_text(c);
		draw_text(r, c, b, H);
		return 0;
	case BOX_RULE:
	case BOX_FILL:
		render_content_end_text(c);
		draw_path(c, b, H);
		return 0;
	case BOX_IMAGE: {
		const char *name = render_image_get(r, b->image, dl);

		if (!name)
			return -1;
		render_content_end_text(c);
		render_content_flush(c);
		render_content_image(c, name, render_hundredths(b->x),
		                     render_hundredths(H - b->y - b->h),
		                     render_hundredths(b->w), render_hundredths(b->h));
		return 0;
	}
	default:
		return diag_error(dl, NULL, 0, "page %zu: unknown box kind %d",
		                  pi + 1, (int)b->kind);
	}
}

/* Draws the boxes of page index pi onto hpages[pi]: the operators go into
 * r->content and then, deflated in one write, into the page's content
 * stream. Runs of boxes the page shares with the one before it (running
 * heads, a repeated table header) are drawn by a form XObject each
 * (forms.c), so their operators are stored once for all pages. */
int render_draw_page(struct render *r, const struct pages *pages, size_t pi,
                     HPDF_Page *hpages, HPDF_Destination *tops,
                     struct diag_list *dl)
{
	const struct page *pg = &pages->items[pi];
	HPDF_Page hp = hpages[pi];
	double H = pg->height;
	struct render_content *c = &r->content;
	const struct render_span *spans;
	size_t nspans = render_page_spans(r, pi, &spans), si = 0;

	render_content_reset(c);
	for (size_t bi = 0; bi < pg->len; bi++) {
		const struct box *b = &pg->boxes[bi];
		int rc = 0;

		if (si < nspans && bi == spans[si].from) {
			const char *form;

			if (render_form_get(r, pages, pi, spans[si].from, spans[si].to,
			                    &form, dl) < 0)
				return -1;
			if (form) {
				render_content_end_text(c);
				render_content_flush(c);
				render_content_do(c, form);
				bi = spans[si++].to - 1;
				continue;
			}
			si++;
		}
		if (b->kind == BOX_LINK)
			rc = draw_link(r, pages, pi, hpages, tops, b, dl);
		else
			rc = render_draw_box(r, c, b, H, pi, dl);
		if (rc < 0 || render_haru_failed(r))
			return render_haru_failed(r) ? page_error(r, dl, pi) : -1;
	}
	render_content_end_text(c);
	render_content_flush(c);
	if (write_content(r, hp, dl, pi) < 0)
		return -1;
	return render_haru_failed(r) ? page_error(r, dl, pi) : 0;
}

/* True when s is printable ASCII, which a PDF text string holds as it
 * is (PDFDocEncoding); anything else goes as UTF-16, four hex digits a
 * character. Most titles are ASCII: the outline is then a quarter the
 * size. */
bool render_plain_ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e)
			return false;
	return true;
}

HPDF_STATUS render_text_string(struct render *r, HPDF_Dict dict,
                               const char *key, const char *s)
{
	size_t len = strlen(s), n = 2;
	unsigned char *buf;
	HPDF_Binary v;

	if (render_plain_ascii(s))
		return HPDF_Dict_Add(dict, key, HPDF_String_New(r->pdf->mmgr, s,
		                                                 NULL));
	/* the byte order mark, then at most two units a character */
	buf = xmalloc(2 + 4 * len);
	buf[0] = 0xFE;
	buf[1] = 0xFF;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);

		if (k == 0) {   /* checked by layout; a stray byte is U+FFFD */
			cp = 0xFFFD;
			k = 1;
		}
		if (cp > 0xFFFF) {
			cp -= 0x10000;
			buf[n++] = (unsigned char)(0xD8 | cp >> 18);
			buf[n++] = (unsigned char)(cp >> 10 & 0xFF);
			cp = 0xDC00 | (cp & 0x3FF);
		}
		buf[n++] = (unsigned char)(cp >> 8);
		buf[n++] = (unsigned char)(cp & 0xFF);
		i += k;
	}
	v = HPDF_Binary_New(r->pdf->mmgr, buf, (HPDF_UINT)n);
	free(buf);
	return HPDF_Dict_Add(dict, key, v);
}

/* Bookmarks: a level-1 entry at the top, deeper entries under the level-1
 * entry before them (at the top if there is none). A title that is not
 * plain ASCII is UTF-16BE with a byte order mark (render_text_string()),
 * the form PDF text strings need for it. */

int render_add_outline(struct render *r, const struct pages *pages,
                       HPDF_Page *hpages, struct diag_list *dl)
{
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
		o = HPDF_CreateOutline(r->pdf, e->level <= 1 ? NULL : section, "",
		                       NULL);
		if (!o || render_text_string(r, o, "Title", e->title) != HPDF_OK)
			goto fail;
		if (e->level <= 1) {
			section = o;
			HPDF_Outline_SetOpened(o, HPDF_TRUE);
		}
		/* An outline item needs no /Type (libharu writes /Outlines,
		 * the root's), and its destination is its own: a direct array
		 * rather than an object of its own saves ~40 bytes an entry. */
		HPDF_Dict_RemoveElement(o, "Type");
		dst = HPDF_Array_New(r->pdf->mmgr);
		if (!dst || dest_at(dst, hpages[e->page],
		                    pages->items[e->page].height - e->y) != HPDF_OK ||
		    HPDF_Dict_Add(o, "Dest", dst) != HPDF_OK)
			goto fail;
	}
	HPDF_SetPageMode(r->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (render_haru_failed(r))
		goto fail;
	return 0;
fail:
	return render_haru_error(r, dl, "cannot add the bookmarks");
}
