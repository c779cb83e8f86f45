/*
 * forms.c: runs of boxes that pages repeat, drawn once as form XObjects.
 *
 * Running heads and feet, the header row of a table continued over many
 * pages, the rules and fills at the same places: on a long table they
 * were over a quarter of every page's deflated content, because each
 * page's stream is compressed on its own. A run of boxes that a page
 * shares with the page before or after it becomes a form XObject, made
 * the first time and painted by "/X1 Do" wherever the run recurs.
 *
 * Invariants: a form's content starts from the default state and sets
 * everything it uses (a fresh render_content), and Do restores the
 * graphics state afterwards, so neither the form nor the page depends on
 * the other's state. A form draws only text, rules and fills; links stay
 * annotations of their page. The order of drawing, and so the order
 * extraction tools see the text in, is the page's.
 */
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "briefing/base/xalloc.h"

/* A run shorter than this many boxes, or whose operators take fewer
 * bytes, is drawn in place; longer ones become a form if it pays
 * (worth_a_form). */
#define FORM_MIN_BOXES 3
#define FORM_MIN_BYTES 200
/* Forms are looked up linearly; a document that keeps repeating new runs
 * stops making forms here. */
#define FORM_MAX 256

static bool drawable(const struct box *b)
{
	return b->kind == BOX_TEXT || b->kind == BOX_RULE || b->kind == BOX_FILL;
}

/* Whether a and b draw the same: every field content.c reads. */
static bool box_equal(const struct box *a, const struct box *b)
{
	if (a->kind != b->kind || a->x != b->x || a->y != b->y || a->w != b->w ||
	    a->h != b->h || a->color.r != b->color.r ||
	    a->color.g != b->color.g || a->color.b != b->color.b)
		return false;
	switch (a->kind) {
	case BOX_TEXT:
		return a->face == b->face && a->size == b->size && a->len == b->len &&
		       memcmp(a->text, b->text, a->len) == 0;
	case BOX_RULE:
		return a->line_width == b->line_width;
	case BOX_FILL:
		return true;
	default:
		return false;
	}
}

static uint64_t mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ull;
}

static uint64_t float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof u);
	return u;
}

/* A hash of the run's drawn fields, to skip most forms unequal to it. */
static uint64_t form_hash(const struct box *boxes, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++) {
		const struct box *b = &boxes[i];

		h = mix(h, b->kind);
		h = mix(h, float_bits(b->x));
		h = mix(h, float_bits(b->y));
		h = mix(h, float_bits(b->w));
		h = mix(h, float_bits(b->h));
		if (b->kind == BOX_TEXT)
			for (unsigned k = 0; k < b->len; k++)
				h = mix(h, (unsigned char)b->text[k]);
	}
	return h;
}

/* Adds the maximal runs of at least FORM_MIN_BOXES drawable boxes of cur
 * that equal the boxes of prev (the page before or after) at the same
 * distance from the start (from_end false) or from the end, and that no
 * span before covers. */
static void add_spans(struct render *r, size_t *n, const struct page *prev,
                      const struct page *cur, bool from_end)
{
	size_t m = prev->len < cur->len ? prev->len : cur->len, k = 0;

	while (k < m) {
		size_t start = k;

		while (k < m) {
			size_t ci = from_end ? cur->len - 1 - k : k;
			size_t pi = from_end ? prev->len - 1 - k : k;

			if (r->covered[ci] || !drawable(&cur->boxes[ci]) ||
			    !box_equal(&cur->boxes[ci], &prev->boxes[pi]))
				break;
			k++;
		}
		if (k - start >= FORM_MIN_BOXES) {
			struct render_span s = from_end ?
				(struct render_span){cur->len - k, cur->len - start} :
				(struct render_span){start, k};

			r->spans = xgrow(r->spans, &r->spans_cap, *n + 1,
			                 sizeof *r->spans);
			r->spans[(*n)++] = s;
			memset(r->covered + s.from, 1, s.to - s.from);
		}
		if (k == start)
			k++;
	}
}

static int span_cmp(const void *a, const void *b)
{
	const struct render_span *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

/* The spans of page pi that it shares with page pi - 1 or pi + 1, into
 * r->spans in page order; returns how many. */
static size_t find_spans(struct render *r, const struct pages *pages,
                         size_t pi)
{
	const struct page *cur = &pages->items[pi];
	size_t n = 0;

	if (cur->len == 0)
		return 0;
	r->covered = xgrow(r->covered, &r->covered_cap, cur->len, 1);
	memset(r->covered, 0, cur->len);
	/* the page before, then the one after: a run's first page draws it
	 * by the form too */
	for (int d = 0; d < 2; d++) {
		const struct page *other;

		if ((d == 0 && pi == 0) || (d == 1 && pi + 1 >= pages->len))
			continue;
		other = &pages->items[d == 0 ? pi - 1 : pi + 1];
		if (other->width != cur->width || other->height != cur->height)
			continue;
		add_spans(r, &n, other, cur, false);
		if (other->len != cur->len)
			add_spans(r, &n, other, cur, true);
	}
	if (n > 1)
		qsort(r->spans, n, sizeof *r->spans, span_cmp);
	return n;
}

static int hash_cmp(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

void render_forms_count(struct render *r, const struct pages *pages)
{
	size_t n = 0, cap = 0, all = 0;

	/* drawing takes each page's spans from here: finding them is a
	 * comparison of every box with its neighbours' */
	r->page_span_at = xcalloc(pages->len + 1, sizeof *r->page_span_at);
	for (size_t pi = 0; pi < pages->len; pi++) {
		size_t k = find_spans(r, pages, pi);

		r->page_spans = xgrow(r->page_spans, &r->page_spans_cap, all + k,
		                      sizeof *r->page_spans);
		if (k)
			memcpy(r->page_spans + all, r->spans, k * sizeof *r->spans);
		all += k;
		r->page_span_at[pi + 1] = all;
		for (size_t i = 0; i < k; i++) {
			const struct box *b = pages->items[pi].boxes + r->spans[i].from;

			r->run_hashes = xgrow(r->run_hashes, &cap, n + 1,
			                      sizeof *r->run_hashes);
			r->run_hashes[n++] = form_hash(b, r->spans[i].to -
			                                  r->spans[i].from);
		}
	}
	if (n > 1)
		qsort(r->run_hashes, n, sizeof *r->run_hashes, hash_cmp);
	r->nrun_hashes = n;
}

size_t render_page_spans(const struct render *r, size_t pi,
                         const struct render_span **spans)
{
	size_t n = r->page_span_at[pi + 1] - r->page_span_at[pi];

	/* no page may have any: then there is no array to point into */
	*spans = n ? r->page_spans + r->page_span_at[pi] : NULL;
	return n;
}

/* How many pages have a run of this hash (render_forms_count). */
static size_t run_uses(const struct render *r, uint64_t hash)
{
	size_t lo = 0, hi = r->nrun_hashes, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->run_hashes[mid] < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < r->nrun_hashes && r->run_hashes[lo] == hash)
		lo++;
	return lo - first;
}

/* Whether a form of zlen deflated bytes, drawn on uses pages, is smaller
 * than the run drawn in place on each: in a page's stream the run costs
 * roughly its deflated size (less, by what the page's context saves,
 * taken as a quarter), and a form costs its object (~120 bytes) plus
 * "ET /X1 Do BT" (~8 bytes deflated) a use. */
static bool worth_a_form(size_t uses, size_t zlen)
{
	return uses * (zlen * 3 / 4) > zlen + 120 + uses * 8;
}

static const struct render_form *find_form(const struct render *r,
                                           const struct box *boxes,
                                           size_t len, uint64_t hash,
                                           const struct page *pg)
{
	for (size_t i = 0; i < r->nforms; i++) {
		const struct render_form *f = &r->forms[i];
		size_t k = 0;

		if (f->hash != hash || f->len != len || f->width != pg->width ||
		    f->height != pg->height)
			continue;
		while (k < len && box_equal(&f->boxes[k], &boxes[k]))
			k++;
		if (k == len)
			return f;
	}
	return NULL;
}

/* The form's dictionary: << /Type /XObject /Subtype /Form /BBox [0 0 w h]
 * /Resources << /Font ... >> >>, named in the pages' resources. */
static HPDF_Dict new_form(struct render *r, const struct render_form *f)
{
	HPDF_MMgr mmgr = r->pdf->mmgr;
	HPDF_Dict form = HPDF_DictStream_New(mmgr, r->pdf->xref);
	HPDF_Dict res = HPDF_Dict_New(mmgr);
	HPDF_Array box = HPDF_Array_New(mmgr);
	HPDF_STATUS ret = HPDF_OK;

	if (!form || !res || !box)
		return NULL;
	if (!r->xobjects) {
		r->xobjects = HPDF_Dict_New(mmgr);
		if (!r->xobjects ||
		    HPDF_Dict_Add(r->resources, "XObject", r->xobjects) != HPDF_OK)
			return NULL;
	}
	ret |= HPDF_Dict_AddName(form, "Type", "XObject");
	ret |= HPDF_Dict_AddName(form, "Subtype", "Form");
	ret |= HPDF_Array_AddNumber(box, 0);
	ret |= HPDF_Array_AddNumber(box, 0);
	ret |= HPDF_Array_AddReal(box, (HPDF_REAL)f->width);
	ret |= HPDF_Array_AddReal(box, (HPDF_REAL)f->height);
	ret |= HPDF_Dict_Add(form, "BBox", box);
	ret |= HPDF_Dict_Add(res, "Font", r->font_dict);
	ret |= HPDF_Dict_Add(form, "Resources", res);
	ret |= HPDF_Dict_Add(r->xobjects, f->name, form);
	return ret == HPDF_OK ? form : NULL;
}

int render_form_get(struct render *r, const struct pages *pages, size_t pi,
                    size_t from, size_t to, const char **name,
                    struct diag_list *dl)
{
	const struct page *pg = &pages->items[pi];
	const struct box *boxes = pg->boxes + from;
	size_t len = to - from, zlen;
	uint64_t hash = form_hash(boxes, len);
	const struct render_form *found = find_form(r, boxes, len, hash, pg);
	struct render_content *c = &r->form_content;
	struct render_form *f;
	HPDF_Dict form;

	*name = found ? found->name : NULL;
	if (found || r->nforms >= FORM_MAX)
		return 0;
	render_content_reset(c);
	for (size_t i = 0; i < len; i++)
		if (render_draw_box(r, c, &boxes[i], pg->height, pi, dl) < 0)
			return -1;
	render_content_end_text(c);
	render_content_flush(c);
	if (c->len < FORM_MIN_BYTES)
		return 0;
	if (render_content_deflate(c, render_compressor(r), &zlen) < 0)
		return diag_error(dl, NULL, 0, "page %zu: cannot compress a form",
		                  pi + 1);
	if (!worth_a_form(run_uses(r, hash), zlen))
		return 0;
	r->forms = xgrow(r->forms, &r->forms_cap, r->nforms + 1, sizeof *r->forms);
	f = &r->forms[r->nforms];
	*f = (struct render_form){boxes, len, pg->width, pg->height, hash, ""};
	snprintf(f->name, sizeof f->name, "X%zu", r->nforms + 1);
	form = new_form(r, f);
	if (!form)
		return render_haru_error(r, dl, "cannot make a form xobject");
	form->filter = HPDF_STREAM_FILTER_NONE;
	form->write_fn = render_write_flate_filter;
	render_size_stream(form->stream, zlen);
	if (HPDF_Stream_Write(form->stream, c->zbuf, (HPDF_UINT)zlen) != HPDF_OK)
		return render_haru_error(r, dl, "cannot make a form xobject");
	r->nforms++;
	*name = f->name;
	return 0;
}

void render_forms_release(struct render *r)
{
	free(r->forms);
	free(r->spans);
	free(r->covered);
	free(r->run_hashes);
	free(r->page_spans);
	free(r->page_span_at);
	r->page_spans = NULL;
	r->page_span_at = NULL;
	r->page_spans_cap = 0;
	r->run_hashes = NULL;
	r->nrun_hashes = 0;
	render_content_release(&r->form_content);
	r->forms = NULL;
	r->spans = NULL;
	r->covered = NULL;
	r->nforms = r->forms_cap = r->spans_cap = r->covered_cap = 0;
}
