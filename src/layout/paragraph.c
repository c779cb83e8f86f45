/*
 * paragraph.c: paragraphs and list items on the page.
 *
 * paragraph_items.c turns the text into line-breaker items and chooses
 * the lines; this file places each line in an item of its own: runs of
 * text (one box per face, with the glyphs' expansion of a justified
 * line), link rectangles over inline links, footnote markers and the
 * hyphen of a broken word.
 *
 * Invariant: a line never extends past the measure, except by the
 * rounding FIT_EPSILON allows.
 */
#include "layout/paragraph_items.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/arena.h"
#include "briefing/base/xalloc.h"

/* The width a glue, or a box with expansion, gets on a line of the given
 * ratio. */
static double set_width(const struct lb_item *g, double r)
{
	return g->width + (r > 0 ? r * g->stretch : r * g->shrink);
}

/* The ratio a line is set at: justified lines use theirs, unless the
 * gaps would be wider than justify_max_space spaces (then ragged); the
 * last line and ragged lines only ever shrink. */
static double set_ratio(const struct par_ctx *c, const struct par_items *pi,
                        const struct lb_line *ln, bool last)
{
	double r = ln->ratio;

	if (r < -1)
		r = -1;
	if (!c->par->justify || last)
		return r < 0 ? r : 0;
	for (size_t k = ln->start; k < ln->end; k++)
		if (pi->it[k].kind == LB_GLUE && pi->it[k].stretch > 0 &&
		    set_width(&pi->it[k], r) >
		    pi->it[k].width * c->s->justify_max_space)
			return 0;
	return r;
}

/* A text run being collected on a line. */
struct run {
	char *buf;
	size_t len, cap;
	double x, w;
	int face;          /* -1: none */
	double expand;     /* its glyphs' expansion (struct box) */
	bool mark;         /* a footnote's marker: smaller, raised */
};

static void run_add(struct run *r, const char *s, size_t len, double w)
{
	r->buf = xgrow(r->buf, &r->cap, r->len + len + 1, 1);
	memcpy(r->buf + r->len, s, len);
	r->len += len;
	r->w += w;
}

static void run_flush(struct builder *b, const struct layout_par *par,
                      struct run *r, double base)
{
	const struct style *s = b->s;

	if (r->face >= 0 && r->len)
		layout_text(b, r->x, r->mark ? base - par->size *
		                                   s->footnote_mark_rise : base,
		            (enum face)r->face, r->mark ? par->size *
		                                s->footnote_mark_scale : par->size,
		            par->color, r->buf, r->len, r->w)->expand =
			(float)r->expand;
	r->len = 0;
	r->w = 0;
	r->face = -1;
}

/* A link rectangle being collected on a line. */
struct link {
	long span;
	double x0, x1;
};

static void link_flush(struct builder *b, const struct layout_par *par,
                       struct link *l, double leading)
{
	if (l->span >= 0) {
		const char *uri = par->rich->spans[l->span].uri;
		struct box *x = layout_box(b, BOX_LINK);

		x->x = (float)l->x0;
		x->y = 0;
		x->w = (float)(l->x1 - l->x0);
		x->h = (float)leading;
		x->uri = arena_strndup(b->out->arena, uri, strlen(uri));
	}
	l->span = -1;
}

static size_t set_paragraph(struct builder *b, const struct layout_par *par,
                            double space_before);

/* Places line ln of the paragraph in the current item. */
static void place_line(struct builder *b, const struct par_ctx *c,
                       const struct par_items *pi, const struct lb_line *ln,
                       bool last, double base, double leading,
                       struct run *run, struct fn_marks *marks)
{
	const struct layout_par *par = c->par;
	double r = set_ratio(c, pi, ln, last);
	double x = par->x;
	struct link link = { -1, 0, 0 };
	const char *hy = c->hy && c->hy->hyphen ? c->hy->hyphen : "-";

	run->face = -1;
	run->mark = false;
	run->len = 0;
	run->w = 0;
	run->expand = 0;
	for (size_t k = ln->start; k < ln->end; k++) {
		const struct lb_item *it = &pi->it[k];
		const struct par_meta *pm = &pi->meta[k];
		double w;

		if (it->kind == LB_GLUE) {
			run_flush(b, par, run, base);
			x += set_width(it, r);
			continue;
		}
		if (it->kind != LB_BOX)
			continue;
		w = set_width(it, r);
		if (run->face != pm->face || run->mark != pm->mark) {
			run_flush(b, par, run, base);
			run->face = pm->face;
			run->mark = pm->mark;
			run->x = x;
		}
		if (pm->mark)
			layout_fn_mark(marks, par->rich, pm->start, b->len - 1);
		/* every box of a line has the same expansion (its stretch and
		 * shrink are in proportion to its width) */
		run->expand = it->width > 0 ? w / it->width - 1 : 0;
		run_add(run, par->text + pm->start, pm->len, w);
		if (link.span != pm->span)
			link_flush(b, par, &link, leading);
		if (pm->span >= 0) {
			if (link.span < 0)
				link.x0 = x;
			link.span = pm->span;
			link.x1 = x + w;
		}
		x += w;
	}
	if (pi->meta[ln->end].hyphen) {
		/* the hyphen is not expanded: the breaker counted it at its
		 * natural width */
		if (run->face != pi->meta[ln->end].face || run->expand != 0 ||
		    run->mark) {
			run_flush(b, par, run, base);
			run->face = pi->meta[ln->end].face;
			run->mark = false;
			run->x = x;
		}
		run->expand = 0;
		run_add(run, hy, strlen(hy), pi->it[ln->end].width);
	}
	run_flush(b, par, run, base);
	link_flush(b, par, &link, leading);
}

size_t layout_set_paragraph(struct builder *b, const struct layout_par *par,
                            double space_before)
{
	struct layout_par with_pages;
	struct doc_rich rich;
	char *text = NULL;

	/* page references print the pages of the last pass (xref.c) */
	if (layout_xref_text(b, par, &text, &rich)) {
		size_t n;

		with_pages = *par;
		with_pages.text = text;
		with_pages.rich = &rich;
		n = set_paragraph(b, &with_pages, space_before);
		layout_xref_release(text, &rich);
		return n;
	}
	return set_paragraph(b, par, space_before);
}

static size_t set_paragraph(struct builder *b, const struct layout_par *par,
                            double space_before)
{
	struct par_ctx c = { b->m, b->hy, b->s, par, strlen(par->text) };
	struct par_items pi = { NULL, NULL, 0, 0, 0 };
	struct lb_line *lines;
	size_t n = layout_par_break(&c, &pi, &lines);
	double leading = par->size * b->s->line_spacing;
	double base = layout_baseline(b, par->face, par->size, leading);
	struct run run = { NULL, 0, 0, 0, 0, -1, 0, false };
	struct fn_marks marks = { NULL, 0, 0 };
	bool cut = false;

	for (size_t i = 0; i < n; i++) {
		struct item *it = layout_item(b, leading);

		it->space_before = i == 0 ? space_before : 0;
		it->break_ok = i == 0 || (i >= 2 && n - i >= 2);
		if (i == 0 && par->bullet)
			layout_text(b, par->bullet_x, base, par->face, par->size,
			            par->bullet_color, par->bullet, strlen(par->bullet),
			            layout_width(b->m, par->face, par->size, par->bullet,
			                         strlen(par->bullet)));
		place_line(b, &c, &pi, &lines[i], i + 1 == n, base, leading, &run,
		           &marks);
		cut = cut || pi.meta[lines[i].end].cut;
	}
	if (cut)
		diag_warning(b->dl, par->origin.file, par->origin.line, "a word is "
		             "wider than the measure (%.1f pt) and was cut between "
		             "characters", par->width);
	free(run.buf);
	free(lines);
	layout_par_items_release(&pi);
	/* the notes' lines come after the paragraph's: see footnotes.c */
	layout_fn_add(b, &marks);
	return n;
}

size_t layout_par_lines(const struct metrics *m, const struct hyphenator *hy,
                        const struct style *s, const struct layout_par *par,
                        char *buf, size_t size)
{
	struct par_ctx c = { m, hy, s, par, strlen(par->text) };
	struct par_items pi = { NULL, NULL, 0, 0, 0 };
	struct lb_line *lines;
	size_t n = layout_par_break(&c, &pi, &lines), o = 0;
	const char *h = hy && hy->hyphen ? hy->hyphen : "-";

#define PUT(s_, l_) do { size_t l = (l_); if (o + l < size) { \
	memcpy(buf + o, (s_), l); o += l; } } while (0)
	for (size_t i = 0; i < n; i++) {
		bool gap = false;

		if (i)
			PUT("|", 1);
		for (size_t k = lines[i].start; k < lines[i].end; k++) {
			if (pi.it[k].kind == LB_GLUE)
				gap = true;
			if (pi.it[k].kind != LB_BOX)
				continue;
			if (gap)
				PUT(" ", 1);
			gap = false;
			PUT(par->text + pi.meta[k].start, pi.meta[k].len);
		}
		if (pi.meta[lines[i].end].hyphen)
			PUT(h, strlen(h));
	}
#undef PUT
	if (size)
		buf[o < size ? o : size - 1] = '\0';
	free(lines);
	layout_par_items_release(&pi);
	return n;
}
