/*
 * layout_internal.h: what the files of the layout stage share.
 *
 * Layout runs in two passes (see layout.c). First every block becomes a
 * run of "items": a line of a paragraph, a list item's line, a table row.
 * Each item has a height, the space it wants above it, a flag saying
 * whether a page may break just before it, and boxes positioned relative
 * to its own top. Then pagination assigns items to pages, and emit copies
 * their boxes there and adds the running heads.
 *
 *   wrap.c      first-fit line breaking (layout_wrap): cells, headings
 *   linebreak.c Knuth-Plass line breaking over abstract items
 *   paragraph.c paragraphs and list items: placing the lines
 *   paragraph_items.c
 *               rich text and hyphens as items, broken into lines
 *   builder.c   items and boxes, placing a line, paragraphs
 *   blocks.c    headings, lists, the walk over the blocks
 *   table.c     tables: column widths, rows, page breaks, repeated
 *               headers; figures blocks (one label column a document)
 *   orgchart.c  org charts: drawing boxes at chart.c's geometry
 *   chart_fit.c org charts: sizing boxes, the arrangement that fits
 *   front.c     title block, cover, contents, sources
 *   paginate.c  items -> pages
 *   sections.c  section starts (new, odd page) and turned sections
 *   heads.c     boxes -> pages, running heads, contents page numbers
 *   layout.c    layout_run(): the driver, and layout_check()
 *
 * Not installed: tests include it as "layout/layout_internal.h".
 */
#ifndef BRIEFING_LAYOUT_INTERNAL_H
#define BRIEFING_LAYOUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/layout.h"

#define MM (72.0 / 25.4)
/* Widths are sums of per-glyph floats: a line measured piece by piece may
 * exceed the same line measured whole by a rounding error, and must still
 * fit the column sized from the whole. */
#define FIT_EPSILON 1e-6
#define BOX_CHUNK_SHIFT 12
#define BOX_CHUNK ((size_t)1 << BOX_CHUNK_SHIFT)

/* ---- wrap.c ---- */

/* One line of wrapped text: bytes [start, start + len) of the input, with
 * trailing spaces dropped, and its natural width. */
struct layout_line {
	size_t start, len;
	double width;
};

/* Breaks text[0..len) into lines no wider than max_width, at spaces. A word
 * wider than a line is broken between characters (never inside a UTF-8
 * sequence) so nothing is lost. Returns the line count and a new array in
 * *lines that the caller frees with free(). Empty text gives zero lines. */
size_t layout_wrap(const struct metrics *m, enum face face, double size,
                   const char *text, size_t len, double max_width,
                   struct layout_line **lines);

/* The end of the piece of word [ps, we) that starts at ps: just after the
 * first hyphen with a character on both sides ("multi-|ethnic"), or we. */
size_t layout_piece_end(const char *text, size_t ps, size_t we);

/* The width of s[0..len), 0 for an empty run without asking the metric. */
double layout_width(const struct metrics *m, enum face f, double size,
                    const char *s, size_t len);

struct builder;

/* ---- linebreak.c: Knuth-Plass over abstract items ---- */

enum lb_kind { LB_BOX, LB_GLUE, LB_PENALTY };

/* A penalty of LB_INF or more forbids a break, -LB_INF or less forces
 * one. Badness is capped at LB_INF_BAD, TeX's "infinitely bad". */
#define LB_INF 10000.0
#define LB_INF_BAD 10000.0
/* The stretch of the glue that fills a paragraph's last line. */
#define LB_FIL 1e6

struct lb_item {
	double width;            /* BOX, GLUE; PENALTY: added if it breaks (a hyphen) */
	/* GLUE; BOX: how far its glyphs may widen or narrow (expansion) */
	double stretch, shrink;
	double penalty;          /* PENALTY */
	unsigned char kind;      /* enum lb_kind */
	bool flagged;            /* PENALTY: a hyphen break */
};

struct lb_params {
	double width;            /* the measure */
	/* The largest badness a line may have (100 * ratio^3, at most
	 * LB_INF_BAD); negative: any, and an overfull line where no other
	 * way on exists (the last pass). */
	double tolerance;
	double line_penalty;     /* added to each line's badness */
	double flagged_demerits; /* two hyphen breaks in a row */
	double final_hyphen_demerits; /* a hyphen break before the last line */
	double fitness_demerits; /* a line two fitness classes off the last */
	/* Stretch every line has besides its glue: 0 when justified, about
	 * two ems for ragged-right text, whose glue does not stretch. */
	double line_stretch;
};

/* One line: items [start, end), where end is the item it breaks at (a
 * glue, dropped, or a penalty, whose width is added); its adjustment
 * ratio (the share of its stretch, > 0, or shrink, < 0, it uses) and
 * the demerits it added. */
struct lb_line {
	size_t start, end;
	double ratio;
	double demerits;
};

/* Breaks items[0..n) (ending in a forced-break penalty) into the lines
 * of least total demerits under p. Returns the line count and a new
 * array in *lines that the caller frees with free(), or 0 (and NULL)
 * when no breaking keeps every line within p->tolerance. */
size_t layout_linebreak(const struct lb_item *items, size_t n,
                        const struct lb_params *p, struct lb_line **lines);

/* 100 * |ratio|^3 capped at LB_INF_BAD; above it for an overfull line. */
double layout_badness(double ratio);

/* ---- paragraph.c: rich text set with layout_linebreak ---- */

/* How a paragraph's lines are set. */
struct layout_par {
	const char *text;
	const struct doc_rich *rich;  /* may be NULL */
	struct doc_origin origin;     /* for warnings */
	enum face face;
	double size;
	struct rgb color;
	double x, width;
	bool justify;                 /* else ragged right */
	bool hyphenate;
	/* A marker hung before the first line (a list bullet), or NULL. */
	const char *bullet;
	double bullet_x;
	struct rgb bullet_color;
};

/* Sets par: one item per line (height: size * line_spacing), the first
 * with space_before. Returns the number of lines. Breaks allowed before
 * each line except where fewer than two lines would stay on a side;
 * the caller adjusts the first item's flag. */
size_t layout_set_paragraph(struct builder *b, const struct layout_par *par,
                            double space_before);

/* The text of par's lines as the breaker chose them, hyphens added and
 * lines joined by '|', into buf (for tests). Returns the line count. */
size_t layout_par_lines(const struct metrics *m, const struct hyphenator *hy,
                        const struct style *s, const struct layout_par *par,
                        char *buf, size_t size);

/* ---- footnotes.c: notes at the foot of the page of their marker ---- */

struct item;
struct paginator;

/* The markers a paragraph's lines hold: (item, note index) pairs. */
struct fn_mark {
	size_t item;
	const struct doc_note *note;
};

struct fn_marks {
	struct fn_mark *items;
	size_t len, cap;
};

/* Records that the marker at byte start of rich's text is on item. */
void layout_fn_mark(struct fn_marks *m, const struct doc_rich *rich,
                    size_t start, size_t item);

/* Sets the notes of m's markers as lines of their own (builder fn) and
 * gives each marked item its lines; frees m. */
void layout_fn_add(struct builder *b, struct fn_marks *m);

/* Pagination: whether item it, its bottom at y, fits the page with what
 * the foot holds and must hold for it. */
bool layout_fn_fits(const struct builder *b, const struct paginator *pg,
                    const struct item *it, double y);

/* Places it's notes (all, or as many lines as fit: then the page is
 * full) on page, the item's bottom at y. */
void layout_fn_place(struct builder *b, struct paginator *pg,
                     const struct item *it, double y, int page);

/* A new page: lines carried over from the last one go first. */
void layout_fn_new_page(struct builder *b, struct paginator *pg, int page);

/* The walk backs up to item j of the page that starts at item first. */
void layout_fn_backup(struct builder *b, struct paginator *pg, size_t first,
                      size_t j, size_t i);

/* Gives every footnote line its y, stacked at the foot of its page. */
void layout_fn_finish(struct builder *b);

/* Copies the lines of it's notes to their pages. */
void layout_fn_emit(struct builder *b, const struct item *it);

/* The rule above the notes of each page that has any. */
void layout_fn_rules(struct builder *b);

/* ---- xref.c: references to sections, tables and figures ---- */

/* Records that doc block i starts at item `item`. */
void layout_xref_mark(struct builder *b, size_t block, size_t item);

/* par's text with each page reference's number written in from the
 * last pass (b->ref_pages), in *text and *rich (freed by the caller with
 * layout_xref_release); returns false, leaving them unset, when par has
 * no page reference. */
bool layout_xref_text(const struct builder *b, const struct layout_par *par,
                      char **text, struct doc_rich *rich);

void layout_xref_release(char *text, struct doc_rich *rich);

/* Points each reference link among the last len boxes of page at its
 * target block's page. */
void layout_xref_links(const struct builder *b, struct page *page,
                       size_t len);

/* ---- the builder: items and boxes (builder.c) ---- */

struct item {
	double height;
	double space_before;  /* dropped at the top of a page */
	bool break_ok;        /* a page may break just before this item */
	bool forced;          /* a page must break just before this item */
	int table;            /* index in builder tables, or -1 */
	bool table_header;
	bool landscape;       /* alone on a page turned to landscape */
	bool turned;          /* in a turned section (sections.c) */
	bool odd_start;       /* forced: the break goes to an odd page */
	bool heading;         /* a section's heading */
	size_t box_start, box_len;
	int outline_level;    /* 0: none */
	const char *outline_title;
	/* A contents entry: the item of the heading it lists (a doc block
	 * index until build_items resolves it), and the baseline, relative
	 * to the item, where its page number goes once pages are known. */
	long toc_ref;         /* -1: none */
	double toc_baseline;
	double toc_size;
	enum face toc_face;
	/* Footnotes (footnotes.c): the lines [fn_start, fn_end) of builder
	 * fn are the notes whose markers this line holds; those before
	 * fn_need (to the first line of its last note) must start on its
	 * page. A footnote line itself has note_first on a note's first. */
	size_t fn_start, fn_end, fn_need;
	bool note_first;
	/* set by pagination */
	int page;
	double y;
	int level;            /* the classification level of its block */
};

struct table_info {
	size_t header_item;
	struct box *header_boxes;  /* a copy, for repeating the header */
	size_t header_len;
	const char *caption;  /* may be NULL */
};

struct builder {
	const struct style *s;
	const struct metrics *m;
	const struct hyphenator *hy;  /* NULL: no hyphenation */
	struct pages *out;
	struct item *items;
	size_t len, cap;
	/* Boxes, y relative to the owning item's top, in chunks of BOX_CHUNK
	 * so that emit() can free them as it copies them to their pages: a
	 * 100,000-row table makes a million boxes, and holding two copies
	 * would double peak memory. */
	struct box **chunks;
	size_t chunks_len, chunks_cap;
	size_t boxes_len;
	struct table_info *tables;
	size_t tables_len, tables_cap;
	bool cover;           /* page 1 is a cover, with banners, no heads */
	/* The running heads' texts, measured and copied once: they repeat
	 * on every page (heads.c). */
	struct head_text {
		enum face face;
		double size, width;
		const char *text;  /* in out->arena */
		size_t len;
	} head_texts[8];
	size_t head_texts_next;
	bool turned;          /* the items being built are for turned pages */
	struct diag_list *dl;
	double x0, width;     /* content column */
	double top, bottom;   /* content area, y down */
	/* The label column of every figures block, one width per document
	 * so they align (layout_measure_figures); 0: each block its own. */
	double figures_label_w;
	/* The first item of each Sources entry, by entry number - 1 (0:
	 * none yet; else item index + 1), for the citation links
	 * "#source-N" that emit turns into links to the entry's page. */
	size_t *source_items;
	size_t source_items_len;
	/* The lines of footnotes, in the order of their markers: items of
	 * their own, placed at the foot of pages (footnotes.c). */
	struct item *fn;
	size_t fn_len, fn_cap;
	/* The first item of each doc block (+ 1; 0: none), for references
	 * to sections, tables and figures (xref.c). */
	size_t *block_items;
	size_t block_items_len;
	/* The page each block landed on in the last pass (-1: not known),
	 * which references print; pages[] of layout_run's passes. */
	const int *ref_pages;
	size_t ref_pages_len;
};

/* Records that Sources entry n (1-based) starts at item `item`, for the
 * citation links; the first sources block wins. */
void layout_mark_source(struct builder *b, size_t n, size_t item);

/* Points each citation link "#source-N" among the last len boxes of
 * page at the page of Sources entry N. */
void layout_resolve_citations(const struct builder *b, struct page *page,
                              size_t len);

/* A new item of the given height at the end, break allowed before it. */
struct item *layout_item(struct builder *b, double height);

/* Box index of the builder's box list; valid until emit frees its chunk. */
struct box *layout_box_at(const struct builder *b, size_t index);

/* A new zeroed box owned by the last item. */
struct box *layout_box(struct builder *b, enum box_kind kind);

/* A text run of s[0..len) (copied), baseline at (x, baseline); the box,
 * valid until the next box is added. */
struct box *layout_text(struct builder *b, double x, double baseline,
                        enum face face, double size, struct rgb color,
                        const char *s, size_t len, double width);

void layout_fill(struct builder *b, double x, double y, double w, double h,
                 struct rgb color);

/* A horizontal rule w long from (x, y). */
void layout_rule(struct builder *b, double x, double y, double w,
                 double line_width, struct rgb color);

/* Baseline offset of a line of the given leading from the line's top:
 * the glyphs' ascent-to-descent block is centred in the leading. */
double layout_baseline(const struct builder *b, enum face f, double size,
                       double leading);

/* Places one wrapped line of text at (x, baseline) in a column width wide,
 * aligned, or justified (spare width spread over the word gaps). */
void layout_place_line(struct builder *b, const char *text,
                       const struct layout_line *ln, double x, double baseline,
                       double width, enum face f, double size,
                       struct rgb color, bool justify, enum doc_align align);

/* A paragraph: one item per line, breaks allowed only where at least two
 * lines stay on each side. */
void layout_paragraph(struct builder *b, const char *text, double x,
                      double width, enum face f, double size,
                      struct rgb color, bool justify, double space_before);

/* ---- blocks (blocks.c, table.c, orgchart.c, front.c) ---- */

/* Turns every block of d into items (the first pass). */
void layout_build_items(struct builder *b, const struct doc *d);


void layout_heading(struct builder *b, const struct doc_block *blk);
void layout_list(struct builder *b, const struct doc_list *l,
                 double space_before);
void layout_figures(struct builder *b, const struct doc_figures *f,
                    double space_before);
/* Sets b->figures_label_w from the labels of all of d's figures blocks:
 * the widest on one line, capped at figures_label_max of the measure. */
void layout_measure_figures(struct builder *b, const struct doc *d);
void layout_table(struct builder *b, const struct doc_table *t,
                  double space_before);
void layout_orgchart(struct builder *b, const struct doc_block *blk,
                     double space_before);
void layout_title_block(struct builder *b, const struct doc *d);
void layout_cover(struct builder *b, const struct doc *d,
                  const struct doc_block *blk);
void layout_contents(struct builder *b, const struct doc_contents *c,
                     double space_before);
void layout_sources(struct builder *b, const struct doc_sources *src,
                    double space_before);

/* image.c: an image block (caption above or below, the image, its
 * credit line), kept together and scaled to fit the measure and the
 * page; the cover's crest, placed at y (the item's top) and its height
 * returned; the running header's logo on page pg, its bottom at bottom,
 * at most max_h tall, starting at x (ending there when right), its width
 * returned. The figure and the crest warn, at the line where the width
 * is set, when they would print below 150 dpi. */
void layout_image(struct builder *b, const struct doc_block *blk,
                  double space_before);
double layout_cover_image(struct builder *b, const struct doc_picture *p,
                          double y);
double layout_header_image(struct builder *b, struct page *pg,
                           const struct doc_picture *p, double x,
                           double bottom, double max_h, bool right);

/* A caption (table.c): text wrapped to the measure in bold at
 * table_size, each line aligned in a column width wide from the left
 * margin, one item per line with breaks allowed only before the first
 * (it keeps break_ok; the caller may clear it). The first line gets
 * space_before. Returns the number of lines. */
size_t layout_caption(struct builder *b, const char *text, double width,
                      enum doc_align align, double space_before);

/* The height layout_caption() gives text, with caption_gap, the space
 * between a caption and its table or chart. */
double layout_caption_height(const struct builder *b, const char *text);

/* The widths of table t's columns in a table width wide, into w[t->cols]:
 * fixed columns get their width, automatic ones their natural width (all
 * cells on one line), proportional ones share the rest; automatic columns
 * shrink in proportion when they alone would overflow. For tests. */
void layout_table_columns(const struct metrics *m, const struct style *s,
                          const struct doc_table *t, double width, double *w);

/* ---- pagination and output (paginate.c, heads.c) ---- */

/* A table header repeated at the top of a page, or (heading not NULL)
 * a section's heading (sections.c). */
struct cont_header {
	int page;
	size_t table;
	double y;
	struct box *heading;  /* a copy of the heading's boxes, or NULL */
	size_t heading_len;
};

struct paginator {
	struct cont_header *conts;
	size_t len, cap;
	/* footnotes (footnotes.c): lines [0, fn_done) are placed; those up
	 * to fn_due must be (their markers are placed); this page's start
	 * at fn_first, and its carried-over lines end at fn_carry */
	size_t fn_done, fn_due, fn_first, fn_carry, fn_carry_due;
	bool fn_full;         /* a note was split: the page is full */
	/* [page] repeat_heading: the heading item each item is under, + 1
	 * (0: none); NULL when headings are not repeated */
	size_t *heading_of;
};

/* The height a repeated header takes: "(continued)" line plus the row. */
double layout_cont_height(const struct builder *b, size_t table);

/* Assigns every item a page and a y. Returns the page count. */
int layout_paginate(struct builder *b, struct paginator *pg);

/* ---- section starts and turned sections (sections.c) ---- */

/* Sets the content column and foot (b->width, b->bottom) for upright or
 * turned pages, and b->turned. */
void layout_set_turned(struct builder *b, bool turned);

/* The foot of the content area on the page an item is set for. */
double layout_item_bottom(const struct builder *b, const struct item *it);

/* Before heading block blk: a forced break item when its section starts
 * a new or odd page or turns the page, switching the builder to the
 * turned or upright page. after_heading: blk directly follows another
 * heading. */
void layout_section_start(struct builder *b, const struct doc_block *blk,
                          bool after_heading);

/* A new array: for each item, the heading item it is under, + 1 (0:
 * none). The caller frees it. */
size_t *layout_heading_index(const struct builder *b);

/* [page] repeat_heading: when item i starts page `page` at y inside a
 * section, records a copy of the section's heading there and returns
 * the height it takes (with the space under it), else 0. */
double layout_repeat_heading(struct builder *b, struct paginator *pg,
                             size_t i, int page, double y);

/* Frees what pagination recorded (repeated headings' copies, the
 * table headers). */
void layout_paginator_release(struct paginator *pg);

/* Gives the pages of turned items their turned size (emit). */
void layout_turn_pages(struct builder *b);

/* A new array of npages flags: true for a page that no item prints on
 * (a blank verso). The caller frees it. */
bool *layout_blank_pages(const struct builder *b, size_t npages);

/* Moves every item's boxes to its page, freeing box chunks once copied. */
void layout_emit(struct builder *b, const struct paginator *pg, int npages);

/* An error when the marking is wider than the measure. */
void layout_check_marking(struct builder *b, const struct doc *d);

/* Marking, header and footer with "Page X of Y" on every page. The title
 * and organisation are cut, with "...", to leave room for the date and
 * page number. */
void layout_running_heads(struct builder *b, const struct doc *d);

#endif
