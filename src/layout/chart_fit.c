/*
 * chart_fit.c: fitting an org chart to the page, without drawing it.
 *
 * Every length is a multiple of the type size the chart is drawn at, so
 * shrinking the type shrinks the whole chart. Boxes of one level share a
 * width and a height (staff boxes have their own), and the width is
 * chosen from the labels: the narrowest that wraps no label into more
 * than L lines, for L = 1, 2, ... chart_max_lines, so labels wrap as
 * little as the page allows. Each label is then wrapped at the narrowest
 * width that keeps its line count, so its lines come out balanced
 * ("Command and / Support Element", not "Command and Support / Element").
 *
 * Separate from orgchart.c, which draws the result: fitting is a search
 * over sizes and arrangements that tests run with fake metrics and no
 * builder (chart_fit.h).
 */
#include "layout/chart_fit.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

#define NO_NODE ((size_t)-1)
/* Halvings in the search for a label's narrowest width. */
#define WIDTH_STEPS 18

/* ---- sizing ----------------------------------------------------------- */

/* The state of one chart_fit() call. Groups: depth d's ordinary boxes
 * are group d, its staff boxes group levels + d. */
struct fit_work {
	const struct metrics *m;
	const struct style *s;
	const struct doc_orgchart *c;
	size_t n, levels;
	size_t *depth;
	bool *staff;        /* staff in effect, as chart.c decides it */
	bool *bottom;       /* a leaf whose parent has only leaves (staff
	                       aside): compact lists it */
	/* per size: each text's narrowest width for 1..L lines, lazily */
	double size;
	int max_lines;
	double *name_mw, *detail_mw;   /* n x max_lines, < 0: not yet */
	/* per attempt */
	double *gw, *gh;               /* per group */
	size_t *group_len;             /* units per group */
	double *list_h;                /* per unit: its list's height */
	size_t *map, rn;               /* unit -> index in rnodes */
	struct chart_node *rnodes;
};

static size_t lines_at(const struct fit_work *fw, enum face f, double size,
                       const char *text, double width, double *widest)
{
	struct layout_line *lines;
	size_t k = layout_wrap(fw->m, f, size, text, strlen(text), width, &lines);

	if (widest) {
		*widest = 0;
		for (size_t j = 0; j < k; j++)
			*widest = fmax(*widest, lines[j].width);
	}
	free(lines);
	return k;
}

/* The narrowest width at which text wraps into at most l lines: the
 * widest line of the greedy wrap at the smallest such width found by
 * halving (wrapping at that line width breaks in the same places). */
static double narrowest(const struct fit_work *fw, enum face f, double size,
                        const char *text, int l)
{
	double nat = layout_width(fw->m, f, size, text, strlen(text));
	double lo = nat / l, hi = nat, widest;

	if (nat <= 0)
		return 0;
	if (l == 1)
		return nat;
	/* Never narrower than the longest word: a word broken between
	 * letters ("Operatio / ns") is no way to save a line. */
	for (size_t a = 0, z; text[a]; a = z) {
		while (text[a] == ' ')
			a++;
		for (z = a; text[z] && text[z] != ' '; z++)
			;
		lo = fmax(lo, layout_width(fw->m, f, size, text + a, z - a));
	}
	if (lo >= hi)
		return nat;
	if (lines_at(fw, f, size, text, lo, NULL) <= (size_t)l)
		hi = lo;
	for (int i = 0; i < WIDTH_STEPS && hi - lo > nat * 1e-4; i++) {
		double mid = (lo + hi) / 2;

		if (lines_at(fw, f, size, text, mid, NULL) <= (size_t)l)
			hi = mid;
		else
			lo = mid;
	}
	lines_at(fw, f, size, text, hi, &widest);
	return widest;
}

static double name_mw(struct fit_work *fw, size_t i, int l)
{
	double *slot = &fw->name_mw[i * (size_t)fw->max_lines + (size_t)l - 1];

	if (*slot < 0)
		*slot = narrowest(fw, FACE_BOLD, fw->size, fw->c->units[i].name, l);
	return *slot;
}

static double detail_mw(struct fit_work *fw, size_t i, int l)
{
	double *slot = &fw->detail_mw[i * (size_t)fw->max_lines + (size_t)l - 1];

	if (*slot < 0)
		*slot = narrowest(fw, FACE_REGULAR,
		                  fw->size * fw->s->chart_detail_scale,
		                  fw->c->units[i].detail, l);
	return *slot;
}

static void set_size(struct fit_work *fw, double size)
{
	size_t k = fw->n * (size_t)fw->max_lines;

	fw->size = size;
	for (size_t i = 0; i < k; i++)
		fw->name_mw[i] = fw->detail_mw[i] = -1;
}

static size_t group_of(const struct fit_work *fw, size_t i)
{
	return fw->staff[i] ? fw->levels + fw->depth[i] : fw->depth[i];
}

/* How wide a text is wrapped for drawing in a box whose text is width
 * wide: at the narrowest width that keeps its line count. */
static double wrap_width(struct fit_work *fw, size_t i, bool detail,
                         double width)
{
	const struct doc_unit *u = &fw->c->units[i];
	enum face f = detail ? FACE_REGULAR : FACE_BOLD;
	double size = detail ? fw->size * fw->s->chart_detail_scale : fw->size;
	size_t k = lines_at(fw, f, size, detail ? u->detail : u->name, width,
	                    NULL);
	double w;

	if (k == 0 || k > (size_t)fw->max_lines)
		return width;
	w = detail ? detail_mw(fw, i, (int)k) : name_mw(fw, i, (int)k);
	return w <= width ? w + FIT_EPSILON : width;
}

/*
 * Sizes the boxes for one attempt: at most l lines a label where the
 * wrap width allows, one width for all ordinary boxes when uniform, a
 * list under each bottom parent when compact. Fills fw->rnodes (the
 * units that are boxes) and returns a number that changes whenever the
 * widths do, so the caller can skip attempts that would repeat one.
 */
static double size_boxes(struct fit_work *fw, int l, bool uniform,
                         bool compact)
{
	const struct style *s = fw->s;
	double size = fw->size, pad = s->chart_padding * size;
	double cap = s->chart_wrap_width * size;
	double min_inner = fmax(0, s->chart_min_width * size - 2 * pad);
	double leading = size * s->chart_leading, all = 0, sig = 0;
	size_t groups = 2 * fw->levels;

	for (size_t g = 0; g < groups; g++)
		fw->gw[g] = fw->gh[g] = 0;
	for (size_t i = 0; i < fw->n; i++) {
		size_t g = group_of(fw, i);
		/* A box alone on its level gains the row nothing by wrapping. */
		int lg = fw->group_len[g] > 1 ? l : 1;
		double w = fmax(name_mw(fw, i, lg), detail_mw(fw, i, lg));

		fw->list_h[i] = 0;
		if (compact && fw->bottom[i])
			continue;
		fw->gw[g] = fmax(fw->gw[g], fmin(w, cap));
	}
	for (size_t g = 0; g < fw->levels; g++)
		all = fmax(all, fw->gw[g]);
	for (size_t g = 0; g < groups; g++) {
		if (uniform && g < fw->levels && fw->gw[g] > 0)
			fw->gw[g] = all;
		fw->gw[g] = fmax(fw->gw[g], min_inner);
		sig += fw->gw[g] * (double)(g + 1);
	}
	fw->rn = 0;
	for (size_t i = 0; i < fw->n; i++) {
		const struct doc_unit *u = &fw->c->units[i];
		size_t g = group_of(fw, i);
		double w = fw->gw[g];
		size_t k;

		if (compact && fw->bottom[i]) {
			size_t p = (size_t)u->parent;
			double lw = fw->gw[group_of(fw, p)] -
			            s->chart_list_indent * size;

			k = lines_at(fw, FACE_REGULAR, size, u->name, lw, NULL);
			fw->list_h[p] += leading * (double)(k ? k : 1);
			fw->map[i] = NO_NODE;
			continue;
		}
		k = lines_at(fw, FACE_BOLD, size, u->name, w, NULL) +
		    lines_at(fw, FACE_REGULAR, size * s->chart_detail_scale,
		             u->detail, w, NULL);
		fw->gh[g] = fmax(fw->gh[g], leading * (double)k + 2 * pad);
		fw->map[i] = fw->rn++;
	}
	for (size_t i = 0; i < fw->n; i++) {
		struct chart_node *nd;
		size_t g = group_of(fw, i);

		if (fw->map[i] == NO_NODE)
			continue;
		nd = &fw->rnodes[fw->map[i]];
		memset(nd, 0, sizeof *nd);
		nd->w = fw->gw[g] + 2 * pad;
		nd->h = fw->gh[g];
		if (fw->list_h[i] > 0) {
			fw->list_h[i] += 2 * pad;
			nd->h += fw->list_h[i];
		}
		nd->parent = fw->c->units[i].parent < 0 ? -1
		           : (int)fw->map[fw->c->units[i].parent];
		nd->staff = fw->c->units[i].kind == DOC_UNIT_STAFF;
	}
	return sig;
}

/* Copies an attempt that fits (or the last one) into out. */
static void keep_attempt(struct fit_work *fw, const struct chart_result *r,
                         bool turned, bool compact, struct chart_fit *out)
{
	const struct style *s = fw->s;
	double size = fw->size, pad = s->chart_padding * size;
	double leading = size * s->chart_leading;
	double *next_y = xcalloc(fw->n, sizeof *next_y);

	free(out->segments);
	out->segments = r->segments;
	out->segments_len = r->segments_len;
	out->width = r->width;
	out->height = r->height;
	out->size = size;
	out->turned = turned;
	out->compact = compact;
	for (size_t i = 0; i < fw->n; i++) {
		size_t g = group_of(fw, i);

		out->listed[i] = fw->map[i] == NO_NODE;
		if (out->listed[i])
			continue;
		out->nodes[i] = fw->rnodes[fw->map[i]];
		out->box_h[i] = fw->gh[g];
		out->name_wrap[i] = wrap_width(fw, i, false, fw->gw[g]);
		out->detail_wrap[i] = wrap_width(fw, i, true, fw->gw[g]);
		next_y[i] = out->nodes[i].y + out->box_h[i] + pad;
	}
	/* Listed units, in file order under their parent's box. */
	for (size_t i = 0; i < fw->n; i++) {
		size_t p;
		double lw;
		size_t k;

		if (!out->listed[i])
			continue;
		p = (size_t)fw->c->units[i].parent;
		lw = out->nodes[p].w - 2 * pad - s->chart_list_indent * size;
		k = lines_at(fw, FACE_REGULAR, size, fw->c->units[i].name, lw, NULL);
		memset(&out->nodes[i], 0, sizeof out->nodes[i]);
		out->nodes[i].x = out->nodes[p].x + pad + s->chart_list_indent * size;
		out->nodes[i].y = next_y[p];
		out->nodes[i].w = lw;
		out->nodes[i].h = leading * (double)(k ? k : 1);
		out->nodes[i].parent = (int)p;
		out->nodes[i].place = CHART_PLACE_STACK;
		out->name_wrap[i] = lw;
		out->detail_wrap[i] = lw;
		out->box_h[i] = out->nodes[i].h;
		next_y[p] += out->nodes[i].h;
	}
	free(next_y);
}

static void fit_work_init(struct fit_work *fw, const struct metrics *m,
                          const struct style *s, const struct doc_orgchart *c)
{
	size_t n = c->len, *kids, *leaves;

	memset(fw, 0, sizeof *fw);
	fw->m = m, fw->s = s, fw->c = c, fw->n = n;
	fw->max_lines = s->chart_max_lines > 0 ? s->chart_max_lines : 1;
	fw->depth = xcalloc(n, sizeof *fw->depth);
	fw->staff = xcalloc(n, sizeof *fw->staff);
	fw->bottom = xcalloc(n, sizeof *fw->bottom);
	kids = xcalloc(n, sizeof *kids);
	leaves = xcalloc(n, sizeof *leaves);
	/* facts checked the tree, so following parents always ends */
	for (size_t i = 0; i < n; i++) {
		for (int p = c->units[i].parent; p >= 0; p = c->units[p].parent)
			fw->depth[i]++;
		fw->levels = fw->depth[i] + 1 > fw->levels ? fw->depth[i] + 1
		                                            : fw->levels;
		if (c->units[i].parent >= 0)
			kids[c->units[i].parent]++;
	}
	for (size_t i = 0; i < n; i++)
		fw->staff[i] = c->units[i].kind == DOC_UNIT_STAFF &&
		               c->units[i].parent >= 0 && kids[i] == 0;
	memset(kids, 0, n * sizeof *kids);
	for (size_t i = 0; i < n; i++) {
		int p = c->units[i].parent;

		if (p >= 0 && !fw->staff[i])
			kids[p]++;
	}
	for (size_t i = 0; i < n; i++) {
		int p = c->units[i].parent;

		if (p >= 0 && !fw->staff[i] && kids[i] == 0)
			leaves[p]++;
	}
	for (size_t i = 0; i < n; i++) {
		int p = c->units[i].parent;

		fw->bottom[i] = p >= 0 && !fw->staff[i] && kids[i] == 0 &&
		                leaves[p] == kids[p];
	}
	free(kids);
	free(leaves);
	fw->name_mw = xmalloc(n * (size_t)fw->max_lines * sizeof *fw->name_mw);
	fw->detail_mw = xmalloc(n * (size_t)fw->max_lines *
	                        sizeof *fw->detail_mw);
	fw->gw = xcalloc(2 * fw->levels, sizeof *fw->gw);
	fw->gh = xcalloc(2 * fw->levels, sizeof *fw->gh);
	fw->group_len = xcalloc(2 * fw->levels, sizeof *fw->group_len);
	for (size_t i = 0; i < n; i++)
		fw->group_len[group_of(fw, i)]++;
	fw->list_h = xcalloc(n, sizeof *fw->list_h);
	fw->map = xcalloc(n, sizeof *fw->map);
	fw->rnodes = xcalloc(n, sizeof *fw->rnodes);
}

static void fit_work_release(struct fit_work *fw)
{
	free(fw->depth);
	free(fw->staff);
	free(fw->bottom);
	free(fw->name_mw);
	free(fw->detail_mw);
	free(fw->gw);
	free(fw->gh);
	free(fw->group_len);
	free(fw->list_h);
	free(fw->map);
	free(fw->rnodes);
}

/* Every size, arrangement, line count and width rule on one page shape,
 * in order of preference. Returns 1 on a fit, 0 without, -1 for a bad
 * tree; the last attempt is in out. */
static int fit_page(struct fit_work *fw, double width, double height,
                    bool turned, bool compact, struct chart_fit *out)
{
	const struct style *s = fw->s;
	static const enum chart_arrange order[] = {
		CHART_ROWS, CHART_WRAP, CHART_STACK
	};

	double size = s->chart_size;

	for (;;) {
		struct chart_params pp = {
			.level_gap = s->chart_row_gap * size,
			.sibling_gap = s->chart_box_gap * size,
			.stack_gap = s->chart_stack_spacing * size,
			.stack_indent = s->chart_stack_offset * size,
			.staff_gap = s->chart_stub * size,
			.staff_left = s->chart_staff_left,
			.max_width = width, .max_height = height,
		};

		set_size(fw, size);
		for (size_t a = 0; a < sizeof order / sizeof *order; a++) {
			double last = -1;

			pp.arrange = order[a];
			for (int l = 1; l <= fw->max_lines; l++) {
				for (int uniform = 1; uniform >= 0; uniform--) {
					struct chart_result r;
					double sig = size_boxes(fw, l, uniform, compact);

					if (sig == last)
						continue;
					last = sig;
					if (chart_layout(fw->rnodes, fw->rn, &pp, &r) != 0)
						return -1;
					keep_attempt(fw, &r, turned, compact, out);
					if (r.fits)
						return 1;
				}
			}
		}
		if (size <= s->chart_min_size)
			return 0;
		size = fmax(s->chart_min_size, size * s->chart_shrink);
	}
}

int chart_fit(const struct metrics *m, const struct style *s,
              const struct doc_orgchart *c, const struct chart_area *area,
              struct chart_fit *out)
{
	struct fit_work fw;
	size_t n = c->len;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return -1;
	out->n = n;
	out->nodes = xcalloc(n, sizeof *out->nodes);
	out->listed = xcalloc(n, sizeof *out->listed);
	out->box_h = xcalloc(n, sizeof *out->box_h);
	out->name_wrap = xcalloc(n, sizeof *out->name_wrap);
	out->detail_wrap = xcalloc(n, sizeof *out->detail_wrap);
	fit_work_init(&fw, m, s, c);
	/* chart_compact: 0 no, 1 yes (always), 2 auto (a last resort) */
	for (int compact = s->chart_compact == 1; compact <= (s->chart_compact > 0);
	     compact++) {
		rc = fit_page(&fw, area->width, area->height, false, compact, out);
		if (rc == 0 && area->turned_width > 0)
			rc = fit_page(&fw, area->turned_width, area->turned_height,
			              true, compact, out);
		if (rc != 0)
			break;
	}
	fit_work_release(&fw);
	return rc;
}

void chart_fit_release(struct chart_fit *f)
{
	free(f->nodes);
	free(f->listed);
	free(f->box_h);
	free(f->name_wrap);
	free(f->detail_wrap);
	free(f->segments);
	memset(f, 0, sizeof *f);
}
