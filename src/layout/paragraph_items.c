/*
 * paragraph_items.c: a paragraph's text as line-breaker items, and the
 * passes that break them into lines (linebreak.c).
 *
 * The text becomes boxes (pieces of words, one per face where inline
 * spans change it mid-word), glue (the spaces) and penalties (after an
 * explicit hyphen, at hyphenation points, between the characters of a
 * word wider than the measure). Breaking tries, as TeX does, first
 * without hyphenation at the pretolerance, then with it at the
 * tolerance, then with any badness: so every paragraph is set, and a
 * word is cut between characters only when it alone is wider than the
 * measure (a warning naming the fact's line).
 *
 * Separate from paragraph.c, which places the lines chosen here: this
 * file knows only the text, the metrics, the style and the hyphenator,
 * never the builder.
 *
 * Invariant: a line never extends past the measure, except by the
 * rounding FIT_EPSILON allows.
 */
#include "layout/paragraph_items.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* Room for n more items, at once: growing item by item copied the
 * arrays a dozen times a paragraph. */
static void reserve(struct par_items *pi, size_t n)
{
	pi->it = xgrow(pi->it, &pi->cap, pi->len + n, sizeof *pi->it);
	pi->meta = xgrow(pi->meta, &pi->meta_cap, pi->len + n, sizeof *pi->meta);
}

static void push(struct par_items *pi, struct lb_item it, struct par_meta pm)
{
	if (pi->len == pi->cap || pi->len == pi->meta_cap)
		reserve(pi, 1);
	pi->it[pi->len] = it;
	pi->meta[pi->len] = pm;
	pi->len++;
}

/* The span covering byte pos, or -1. Spans are sorted and disjoint. */
static long span_at(const struct doc_rich *r, size_t pos)
{
	size_t lo = 0, hi;

	if (!r || r->spans_len == 0)
		return -1;
	hi = r->spans_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (r->spans[mid].start + r->spans[mid].len <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->spans_len && r->spans[lo].start <= pos &&
	    pos < r->spans[lo].start + r->spans[lo].len)
		return (long)lo;
	return -1;
}

/* True when span is a footnote's marker. */
static bool is_mark(const struct par_ctx *c, long span)
{
	return span >= 0 && (c->par->rich->spans[span].style & DOC_SPAN_NOTE);
}

static enum face face_of(const struct par_ctx *c, long span)
{
	unsigned st;

	if (span < 0)
		return c->par->face;
	st = c->par->rich->spans[span].style;
	if (st & DOC_SPAN_BOLD)
		return FACE_BOLD;
	if (st & DOC_SPAN_ITALIC)
		return FACE_ITALIC;
	return c->par->face;
}

/* Letters a hyphenation pattern can see: Latin, Greek, Cyrillic. */
static bool is_letter(uint32_t cp)
{
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return true;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return cp >= 0x370 && cp <= 0x52F;
}

/* The letters of word [ws, we) without punctuation around them, when
 * the word may be hyphenated at all: never a number, an address or
 * anything else with a digit, '/', '.', '@' or ':' inside, nor a word
 * with an explicit hyphen (it breaks there already). */
static bool word_core(const char *t, size_t ws, size_t we, size_t *cs,
                      size_t *ce)
{
	size_t a = ws, z = we;
	uint32_t cp;

	while (a < z) {
		size_t k = utf8_decode(t + a, z - a, &cp);

		if (k == 0 || is_letter(cp))
			break;
		a += k;
	}
	/* back over trailing non-letters, one UTF-8 sequence at a time */
	while (z > a) {
		size_t p = z - 1;
		size_t k;

		while (p > a && ((unsigned char)t[p] & 0xC0) == 0x80)
			p--;
		k = utf8_decode(t + p, z - p, &cp);
		if (k == 0 || is_letter(cp))
			break;
		z = p;
	}
	if (a >= z)
		return false;
	for (size_t p = ws; p < we; p++) {
		char ch = t[p];

		if ((ch >= '0' && ch <= '9') || ch == '/' || ch == '@' || ch == ':')
			return false;
	}
	for (size_t p = a; p < z;) {
		unsigned char ch = (unsigned char)t[p];
		size_t k;

		if (ch < 0x80) {
			if (!(((unsigned)(ch | 0x20) - 'a') < 26u))
				return false;
			p++;
			continue;
		}
		k = utf8_decode(t + p, z - p, &cp);
		if (k == 0 || !is_letter(cp))
			return false;
		p += k;
	}
	*cs = a;
	*ce = z;
	return true;
}

/* Byte offsets in the word [ws, we) where it may break, sorted, into
 * at[]: after each explicit hyphen (layout_piece_end()). */
#define MAX_POINTS 64

static size_t explicit_breaks(const char *t, size_t ws, size_t we, size_t *at)
{
	size_t n = 0;

	for (size_t ps = ws; ps < we && n < MAX_POINTS;) {
		size_t pe = layout_piece_end(t, ps, we);

		if (pe < we)
			at[n++] = pe;
		ps = pe;
	}
	return n;
}

/* The hyphenation points of the word [ws, we), which has no explicit
 * hyphen, sorted, into at[]. */
static size_t hyphen_points(const struct par_ctx *c, size_t ws, size_t we,
                            size_t *at)
{
	const char *t = c->par->text;
	size_t n = 0, cs, ce, pts[MAX_POINTS], k;

	if (!word_core(t, ws, we, &cs, &ce))
		return 0;
	k = c->hy->points(c->hy->ctx, t + cs, ce - cs, pts, MAX_POINTS);
	for (size_t j = 0; j < k && n < MAX_POINTS; j++) {
		size_t off = cs + pts[j];

		/* trust no callback: inside the word, on a character */
		if (off <= ws || off >= we ||
		    ((unsigned char)t[off] & 0xC0) == 0x80 ||
		    (n && at[n - 1] >= off))
			continue;
		at[n++] = off;
	}
	return n;
}

static double width_of(const struct par_ctx *c, enum face f, size_t start,
                       size_t len)
{
	return layout_width(c->m, f, c->par->size, c->par->text + start, len);
}

/* Appends the boxes of fragment [fs, fe) of a word, one per face, cut
 * between every two characters when the fragment is wider than the
 * measure. */
static void push_fragment(const struct par_ctx *c, struct par_items *pi,
                          size_t fs, size_t fe)
{
	const char *t = c->par->text;
	double total = 0;
	size_t first = pi->len;
	/* Justified lines may widen or narrow their glyphs a little (as
	 * pdfTeX's font expansion does), so that word gaps stay even. */
	double e = c->par->justify ? c->s->glyph_expansion : 0;

	for (size_t p = fs; p < fe;) {
		long sp = span_at(c->par->rich, p);
		size_t q = fe;
		enum face f = face_of(c, sp);
		struct par_meta pm = { p, 0, -1, (unsigned char)f, false, false,
		                       false, is_mark(c, sp) };
		double w;

		if (c->par->rich)
			for (size_t k = 0; k < c->par->rich->spans_len; k++) {
				const struct doc_span *d = &c->par->rich->spans[k];

				if (d->start > p && d->start < q)
					q = d->start;
				if (d->start + d->len > p && d->start + d->len < q)
					q = d->start + d->len;
			}
		pm.len = q - p;
		/* (a span implies rich text; said again for the analyser) */
		pm.span = sp >= 0 && c->par->rich && c->par->rich->spans[sp].uri
		          ? sp : -1;
		w = pm.mark ? layout_width(c->m, f, c->par->size *
		                           c->s->footnote_mark_scale, t + p, q - p)
		            : width_of(c, f, p, q - p);
		total += w;
		push(pi, (struct lb_item){ w, w * e, w * e, 0, LB_BOX, false }, pm);
		p = q;
	}
	if (total <= c->par->width + FIT_EPSILON || pi->len == first)
		return;
	/* Too wide for any line: one box per character, with a costly break
	 * between each two; the breaker uses as few as it must. */
	{
		size_t nb = pi->len - first;
		struct par_meta *boxes = xmalloc(nb * sizeof *boxes);

		memcpy(boxes, pi->meta + first, nb * sizeof *boxes);
		pi->len = first;
		for (size_t k = 0; k < nb; k++) {
			for (size_t p = boxes[k].start;
			     p < boxes[k].start + boxes[k].len;) {
				uint32_t cp;
				size_t n = utf8_decode(t + p, boxes[k].start +
				                       boxes[k].len - p, &cp);
				struct par_meta pm = boxes[k];

				if (n == 0)
					n = 1;
				if (pi->len > first)
					push(pi, (struct lb_item){ 0, 0, 0, 1000,
					          LB_PENALTY, false },
					     (struct par_meta){ 0, 0, -1, pm.face,
					                        false, true, false, false });
				pm.start = p;
				pm.len = n;
				double cw = width_of(c, (enum face)pm.face, p, n);

				push(pi, (struct lb_item){ cw, cw * e, cw * e, 0, LB_BOX,
				                           false }, pm);
				p += n;
			}
		}
		free(boxes);
	}
}

/* Where a word's items are in the pass-1 list, so that pass 2 can
 * replace only the words that get hyphenation points. */
struct par_word {
	size_t ws, we;       /* its bytes */
	size_t first, end;   /* its items [first, end) */
	bool hyphenable;     /* no explicit hyphen: may get points */
};

struct par_words {
	struct par_word *w;
	size_t len, cap;
};

/* The penalty at a break inside a word, before byte end: at a
 * hyphenation point when hyw is given (drawing the hyphen, whose width
 * in each face it keeps, negative until measured), else after an
 * explicit hyphen. */
static void push_break(const struct par_ctx *c, struct par_items *pi,
                       size_t end, double *hyw)
{
	enum face f = face_of(c, span_at(c->par->rich, end - 1));
	const char *hy = c->hy && c->hy->hyphen ? c->hy->hyphen : "-";
	bool h = hyw != NULL;

	if (h && hyw[f] < 0)
		hyw[f] = layout_width(c->m, f, c->par->size, hy, strlen(hy));
	push(pi, (struct lb_item){ h ? hyw[f] : 0, 0, 0, c->s->hyphen_penalty,
	                           LB_PENALTY, true },
	     (struct par_meta){ 0, 0, -1, (unsigned char)f, h, false, h, false });
}

/* Appends the items of the word [ws, we) broken at at[0..n): at
 * hyphenation points when hyw is given (see push_break()). */
static void push_word(const struct par_ctx *c, struct par_items *pi,
                      size_t ws, size_t we, const size_t *at, size_t n,
                      double *hyw)
{
	size_t prev = ws;

	for (size_t k = 0; k <= n; k++) {
		size_t end = k < n ? at[k] : we;

		push_fragment(c, pi, prev, end);
		if (k < n)
			push_break(c, pi, end, hyw);
		prev = end;
	}
}

/* The items of the paragraph without hyphenation points (pass 1), and
 * where each word's are. */
static void build_items(const struct par_ctx *c, struct par_items *pi,
                        struct par_words *pw)
{
	const struct style *s = c->s;
	const char *t = c->par->text;
	size_t i = 0, len = c->text_len;
	double space = layout_width(c->m, c->par->face, c->par->size, " ", 1);
	double stretch = c->par->justify ? space * s->space_stretch : 0;
	double shrink = c->par->justify ? space * s->space_shrink : 0;
	bool words = false;

	pi->len = 0;
	pw->len = 0;
	/* a word and its space are two items, most words 4 bytes or more */
	reserve(pi, len / 2 + 4);
	pw->w = xgrow(pw->w, &pw->cap, len / 4 + 2, sizeof *pw->w);
	while (i < len) {
		size_t ws, we, at[MAX_POINTS], n;
		struct par_word *w;

		while (i < len && t[i] == ' ')
			i++;
		if (i >= len)
			break;
		ws = i;
		while (i < len && t[i] != ' ')
			i++;
		we = i;
		if (words)
			push(pi, (struct lb_item){ space, stretch, shrink, 0, LB_GLUE,
			                           false },
			     (struct par_meta){ 0, 0, -1, 0, false, false, false, false });
		words = true;
		n = explicit_breaks(t, ws, we, at);
		if (pw->len == pw->cap)
			pw->w = xgrow(pw->w, &pw->cap, pw->len + 1, sizeof *pw->w);
		w = &pw->w[pw->len++];
		w->ws = ws;
		w->we = we;
		w->first = pi->len;
		w->hyphenable = n == 0;
		push_word(c, pi, ws, we, at, n, NULL);
		w->end = pi->len;
	}
	if (!words)
		return;
	push(pi, (struct lb_item){ 0, LB_FIL, 0, 0, LB_GLUE, false },
	     (struct par_meta){ 0, 0, -1, 0, false, false, false, false });
	push(pi, (struct lb_item){ 0, 0, 0, -LB_INF, LB_PENALTY, false },
	     (struct par_meta){ 0, 0, -1, 0, false, false, false, false });
}

/* Appends items src[from, to) to pi. */
static void push_range(struct par_items *pi, const struct par_items *src,
                       size_t from, size_t to)
{
	size_t n = to - from;

	if (n == 0)
		return;
	reserve(pi, n);
	memcpy(pi->it + pi->len, src->it + from, n * sizeof *pi->it);
	memcpy(pi->meta + pi->len, src->meta + from, n * sizeof *pi->meta);
	pi->len += n;
}

/* The items of pass 2 into out: those of pass 1 (src, its words pw) with
 * the hyphenation points added, as building them afresh would give, but
 * measuring only the pieces of the words that get points. False when no
 * word gets one: src stands as it is. */
static bool add_points(const struct par_ctx *c, const struct par_items *src,
                       const struct par_words *pw, struct par_items *out)
{
	size_t copied = 0;
	double hyw[FACE_COUNT];

	for (int f = 0; f < FACE_COUNT; f++)
		hyw[f] = -1;
	out->len = 0;
	for (size_t k = 0; k < pw->len; k++) {
		const struct par_word *w = &pw->w[k];
		size_t at[MAX_POINTS], n;

		if (!w->hyphenable)
			continue;
		n = hyphen_points(c, w->ws, w->we, at);
		if (n == 0)
			continue;
		if (out->len == 0)
			reserve(out, src->len + src->len / 2);
		push_range(out, src, copied, w->first);
		push_word(c, out, w->ws, w->we, at, n, hyw);
		copied = w->end;
	}
	if (copied == 0)
		return false;
	push_range(out, src, copied, src->len);
	return true;
}

void layout_par_items_release(struct par_items *pi)
{
	free(pi->it);
	free(pi->meta);
}

static struct lb_params params_for(const struct par_ctx *c, double tolerance)
{
	const struct style *s = c->s;
	struct lb_params p = {
		c->par->width, tolerance, s->line_penalty,
		s->double_hyphen_demerits, s->final_hyphen_demerits,
		s->adj_demerits,
		c->par->justify ? 0 : s->ragged_stretch * c->par->size
	};

	return p;
}

/* Breaks the paragraph: the passes described at the top. Returns the
 * line count; *lines and the items in pi are the caller's to free. */
size_t layout_par_break(const struct par_ctx *c, struct par_items *pi,
                        struct lb_line **lines)
{
	const struct style *s = c->s;
	struct par_words pw = { NULL, 0, 0 };
	struct par_items h = { NULL, NULL, 0, 0, 0 };
	struct lb_params p;
	size_t n = 0;

	*lines = NULL;
	build_items(c, pi, &pw);
	if (pi->len == 0)
		goto done;
	if (s->pretolerance >= 0) {
		p = params_for(c, s->pretolerance);
		n = layout_linebreak(pi->it, pi->len, &p, lines);
		if (n)
			goto done;
	}
	if (c->hy && c->par->hyphenate && add_points(c, pi, &pw, &h)) {
		struct par_items t = *pi;

		*pi = h;
		h = t;
	}
	p = params_for(c, s->tolerance);
	n = layout_linebreak(pi->it, pi->len, &p, lines);
	if (n)
		goto done;
	p = params_for(c, -1);
	n = layout_linebreak(pi->it, pi->len, &p, lines);
done:
	free(pw.w);
	layout_par_items_release(&h);
	return pi->len ? n : 0;
}
