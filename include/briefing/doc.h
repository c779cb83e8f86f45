/*
 * doc.h: the document model, built from config and facts.
 *
 * A briefing is a flat sequence of typed blocks: numbered headings,
 * paragraphs, lists, key figures, tables, org charts, notes, page breaks,
 * the contents, the sources and a cover. Each kind has its own struct, so
 * a field means one thing; struct doc_block tags which one a block holds.
 *
 * Every block, and every list item, table row and org unit, carries the
 * place it came from (struct doc_origin), so a later stage can name a
 * file and line in its errors. The model copies every string it keeps, so
 * config and facts can be freed once it is built, and it holds no layout
 * decisions: those are layout's. Nothing here depends on the input types.
 */
#ifndef BRIEFING_DOC_H
#define BRIEFING_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/date.h"
#include "briefing/base/diag.h"
#include "briefing/base/style.h"

struct config;
struct facts;

enum doc_kind {
	DOC_HEADING,
	DOC_PARAGRAPH,
	DOC_LIST,
	DOC_FIGURES,
	DOC_TABLE,
	DOC_ORGCHART,
	DOC_NOTE,       /* a small-print remark, e.g. under a table */
	DOC_PAGEBREAK,
	DOC_CONTENTS,   /* table of contents */
	DOC_SOURCES,    /* the sources of the facts */
	DOC_COVER,      /* a cover page; always the first block when present */
	DOC_IMAGE       /* a map or photo: a figure, numbered with the charts */
};

/* How a table column's text sits in it. The model resolves the config's
 * "auto" (numbers right, text left), so layout never guesses. */
enum doc_align { DOC_ALIGN_LEFT, DOC_ALIGN_RIGHT, DOC_ALIGN_CENTER };

/* What a unit of an org chart is; layout maps each to a box style. */
enum doc_unit_kind {
	DOC_UNIT_COMMAND,
	DOC_UNIT_STAFF,     /* drawn beside its parent's line */
	DOC_UNIT_UNIT,
	DOC_UNIT_SUPPORT
};

/* Where something came from: a data file's line for facts, a config line
 * for page breaks, contents and sources. file points into the doc's own
 * copy of the name (struct doc files); line 0 means no line is known. */
struct doc_origin {
	const char *file;
	int line;
};

struct doc_heading {
	int level;          /* 1 or 2 */
	char *number;       /* "2.1", or NULL when unnumbered */
	char *title;
	char *id;           /* the config's [section.ID], for references;
	                     * NULL for headings built by hand */
	/* Its section's geometry (style.h), resolved by config: where the
	 * section starts and how its pages stand. Zero: on the same page,
	 * as the page stands. */
	enum page_start start;
	enum page_orient orient;
};

/* Inline style of part of a text: bytes [start, start + len) of the
 * text it belongs to are set bold and/or italic, or are a link to uri.
 * The text itself is plain (markup removed); spans are sorted by start,
 * never overlap, and text outside every span is set in the block's own
 * face. Bold and italic together are set bold: there is no bold-italic
 * face. */
enum { DOC_SPAN_BOLD = 1, DOC_SPAN_ITALIC = 2 };

/* A footnote's marker: its bytes are the note's number ("3"), set as a
 * superscript, and the k-th marker span of a text is the marker of its
 * rich's notes[k]. Never combined with another style or a link, and
 * never merged with a marker next to it. */
#define DOC_SPAN_NOTE 4u

/* A reference to a section, table or figure (notes.c) is a link span
 * whose uri is "#block-N" (its text, "Figure 2" or the writer's own,
 * links to block N) or "#page-N" (its text is the page block N lands
 * on, which layout writes in once pages are known: labels.page_ref). */
#define DOC_REF_BLOCK "#block-"
#define DOC_REF_PAGE "#page-"

struct doc_note;

struct doc_span {
	size_t start, len;
	unsigned style;     /* DOC_SPAN_BOLD | DOC_SPAN_ITALIC, or 0 */
	char *uri;          /* a link target, or NULL */
};

/* A text with its inline spans (none for plain text), and the notes
 * its DOC_SPAN_NOTE markers call, in the markers' order. */
struct doc_rich {
	struct doc_span *spans;
	size_t spans_len;
	struct doc_note *notes;
	size_t notes_len;
};

/* A footnote: its own rich text (bold, italic, links; no notes of its
 * own), its number in the document (1, 2, ... in reading order) and the
 * line of the data that wrote it. */
struct doc_note {
	char *text;
	struct doc_rich rich;
	int number;
	struct doc_origin origin;
};

struct doc_paragraph {
	char *text;         /* also a note's text */
	struct doc_rich rich;
};

struct doc_list_item {
	char *text;
	struct doc_rich rich;
	int level;          /* 0, or 1 for a sub-item */
	struct doc_origin origin;
	int mark;           /* its classification level (release.c) */
};

struct doc_list {
	char *intro;        /* lead-in sentence; may be NULL */
	struct doc_rich intro_rich;   /* the intro's spans */
	struct doc_list_item *items;
	size_t len;
};

/* A key figure: in a figures block, or a tile on the cover. A block's
 * figures carry the fact's data-file line; a cover tile carries its
 * [cover] config line, the line to change when the tile does not fit. */
struct doc_figure {
	char *label;
	char *value;
	struct doc_origin origin;
};

struct doc_figures {
	struct doc_figure *items;
	size_t len;
};

struct doc_column {
	char *title;
	enum doc_align align;
	double width;   /* > 0 points, 0 automatic, < 0 a share (-1 = 1*) */
	/* The config line of the column, or the table fact's line when the
	 * config does not list the columns: where a width is set. */
	struct doc_origin origin;
};

/* The number of a table's or a figure's (an org chart's) caption. Only
 * a block with caption text is numbered, as LaTeX numbers only captioned
 * floats: tables 1, 2, ... and figures 1, 2, ... each in document order.
 * The model writes the printed form from the labels into the block's
 * caption ("Table 1 – Commanders of KFOR"), so layout only sets it.
 * All NULL and 0 without a caption. */
struct doc_caption {
	char *text;         /* "Commanders of KFOR" */
	int number;         /* 1, 2, ...; 0: none */
	bool below;         /* under its table or chart; else above */
	struct doc_origin origin;   /* the config's caption key */
};

struct doc_table {
	char *name;         /* the fact's name, for messages */
	char *caption;      /* printed: "Table 1 – Commanders"; may be NULL */
	struct doc_caption cap;
	struct doc_column *columns;
	size_t cols, rows;
	char **cells;       /* rows * cols, row-major, formatted for print */
	struct doc_origin *row_origins;   /* rows of them: the CSV lines */
};

struct doc_unit {
	char *name;
	char *detail;       /* second line; "" when none */
	enum doc_unit_kind kind;
	int parent;         /* index in units, -1 for the root */
	struct doc_origin origin;
};

struct doc_orgchart {
	char *name;         /* the fact's name, for messages */
	char *caption;      /* printed: "Figure 1 – Structure"; may be NULL */
	struct doc_caption cap;
	struct doc_unit *units;
	size_t len;
};

/* An image file as layout places it: a figure's, the cover's crest or
 * the running header's logo. The file was checked (image_probe());
 * render reads and checks it again. width > 0 is in points, < 0 a share
 * of the measure (-0.6: 60 %), 0 the full measure (a header logo: its
 * height, in points). origin is where the width is set, for the
 * warning that the image prints below 150 dpi. NULL path: none. */
enum doc_place { DOC_PLACE_LEFT, DOC_PLACE_CENTRE, DOC_PLACE_RIGHT };

struct doc_picture {
	char *path;
	unsigned px_width, px_height;
	double width;
	enum doc_place place;
	struct doc_origin origin;
};

struct doc_image {
	char *name;         /* the fact's name, for messages */
	struct doc_picture pic;
	char *caption;      /* printed: "Figure 2 – KFOR regions"; may be NULL */
	struct doc_caption cap;
	char *alt;          /* what it shows, in words; may be NULL */
	char *credit;       /* printed under it; may be NULL */
};

/* An entry of the contents, or of a list of figures or tables: then
 * title is the caption text, number the figure's or table's ("2"),
 * level 1, and ref the DOC_ORGCHART or DOC_TABLE block. */
struct doc_contents_entry {
	char *title;
	char *number;       /* "" when unnumbered */
	int level;          /* 1 or 2 */
	size_t ref;         /* index of the entry's DOC_HEADING block */
};

/* What a contents block lists: the headings, or (a list of figures,
 * a list of tables) the numbered org charts or tables. */
enum doc_contents_kind {
	DOC_CONTENTS_HEADINGS,
	DOC_CONTENTS_FIGURES,
	DOC_CONTENTS_TABLES
};

struct doc_contents {
	enum doc_contents_kind lists;
	struct doc_contents_entry *entries;
	size_t len;
};

struct doc_source {
	char *title;
	char *url;          /* "" when none */
	char *updated;      /* "Last updated 29 November 2018" */
	struct doc_origin origin;   /* the data file */
};

struct doc_sources {
	char *intro;        /* may be NULL */
	struct doc_source *items;
	size_t len;
};

struct doc_block {
	enum doc_kind kind;
	struct doc_origin origin;
	/* The classification level of what the block prints (an index into
	 * struct doc's markings): the highest of its fact, items, rows or
	 * units; 0 for what the config writes (headings, contents). */
	int level;
	/* The Sources entry (1-based, an index + 1 into struct doc refs) of
	 * the fact the block prints; 0 for blocks that print no fact. */
	size_t cite;
	union {
		struct doc_heading heading;       /* DOC_HEADING */
		struct doc_paragraph paragraph;   /* DOC_PARAGRAPH, DOC_NOTE */
		struct doc_list list;             /* DOC_LIST */
		struct doc_figures figures;       /* DOC_FIGURES, DOC_COVER */
		struct doc_table table;           /* DOC_TABLE */
		struct doc_orgchart orgchart;     /* DOC_ORGCHART */
		struct doc_contents contents;     /* DOC_CONTENTS */
		struct doc_sources sources;       /* DOC_SOURCES */
		struct doc_image image;           /* DOC_IMAGE */
	} u;                                  /* DOC_PAGEBREAK: nothing */
};

/* Something a release build left out: the fact's name, which part of
 * it ("item 3", "row 2", "unit", or "" for the whole fact or a source),
 * where it is written and why ("NR, above the release level NU"). Never
 * its text: the release report lists these for the releasing officer. */
struct doc_withheld {
	char *name;
	char *part;
	char *reason;
	struct doc_origin origin;
};

/* ---- provenance: where each printed fact comes from (provenance.c) ----
 *
 * A source as the briefing cites it: one per data file, in load order,
 * so that Sources entry n is refs[n - 1] whether or not the briefing
 * prints a sources block. Dates are ISO; "" when there is none. */
struct doc_ref {
	char *title;
	char *url;             /* "" when none */
	const char *file;      /* the data file (the doc's copy) */
	const char *snapshot;  /* the snapshot file, or NULL */
	char updated[11];
	char retrieved[11];    /* the snapshot's date */
	size_t facts;          /* distinct facts the briefing prints from it */
};

/* A part of a fact declared as departing from its source. */
struct doc_departure {
	char *part;            /* "1", "2.1", "intro", "note", "row 6", a
	                        * column or unit; "" for the whole fact */
	char *reason;
	struct doc_origin origin;
};

/* One fact as a block of the briefing prints it. Its parts are the
 * paragraphs, list items and intro, figure values, table rows and note,
 * or org chart units; each was either found in the source's snapshot
 * (verbatim), declared as a departure, or left unchecked because the
 * source has no snapshot. */
struct doc_claim {
	char *fact;
	struct doc_origin origin;
	size_t cite;           /* its source: refs[cite - 1] */
	bool cover;            /* a cover tile, else a block */
	size_t parts;          /* parts = verbatim + departed, with a snapshot */
	size_t verbatim;       /* found in the snapshot */
	size_t departed;       /* declared as departures */
	struct doc_departure *departures;
	size_t departures_len;
	const char *image;     /* an image fact's file (the doc's copy); NULL */
};

struct doc {
	/* marking: the computed overall marking, the banner of the highest
	 * level the document prints with the caveats that apply to all of
	 * it ("NATO RESTRICTED RELEASABLE TO KFOR") */
	char *title, *subtitle, *marking, *organisation;
	char *as_of;        /* formatted for print: "29 November 2018" */
	/* the as-of date as the running header prints it; NULL: as_of */
	char *header_date;
	/* document control (changes.c), NULL when the config sets none:
	 * "Reference X  ·  Edition 2  ·  Version 1" under the cover's as-of
	 * line, "X  ·  Edition 2" after the organisation in the footer */
	char *control, *footer_control;
	struct doc_origin origin;   /* the config that set the lines above */
	/* the cover's crest and the running header's logo (image.c);
	 * path NULL when none */
	struct doc_picture cover_image, header_image;
	struct doc_block *blocks;
	size_t len, cap;
	/* The file names origins point to, each copied once. */
	char **files;
	size_t files_len, files_cap;
	/* Classification (release.c): level is the highest printed, an
	 * index into markings, the banner of each level of the scheme with
	 * the document's caveats; page_banners asks layout to print on each
	 * page the marking of the highest level on it instead of marking.
	 * NULL markings (hand-built docs): every page prints marking. */
	int level;
	char **markings;
	size_t markings_len;
	bool page_banners;
	char *release;      /* "up to NR, releasable to KFOR"; NULL: full */
	struct doc_withheld *withheld;
	size_t withheld_len, withheld_cap;
	/* Provenance: the sources and every printed fact. */
	struct doc_ref *refs;
	size_t refs_len;
	struct doc_claim *claims;
	size_t claims_len, claims_cap;
};

/* Builds the document the config describes from the facts. A block that
 * names a missing fact, or a fact of another kind, is an error naming the
 * config line. The caller frees the result with doc_free(). Returns NULL
 * after reporting every error. */
struct doc *doc_build(const struct config *c, const struct facts *f,
                      struct diag_list *dl);

/* The release report of d: a line per withheld fact, item, row, unit or
 * source ("data/x.ini:12: kfor.secret item 3: NS, above the release
 * level NR"), after a first line naming the release; names and places,
 * never text. The caller frees it. */
char *doc_release_report(const struct doc *d);

/* An empty document with the given title, marking and as-of line (each
 * copied), for building one by hand as tests do. Free with doc_free(). */
struct doc *doc_new(const char *title, const char *marking, const char *as_of);

/* Appends a zeroed block of kind to d and returns it; it is valid until
 * the next append. Its origin is (file, line), file copied once per doc. */
struct doc_block *doc_append(struct doc *d, enum doc_kind kind,
                             const char *file, int line);

/* The doc's own copy of the file name (NULL for NULL), for origins. */
const char *doc_intern(struct doc *d, const char *file);

/* Writes the provenance report of d to path (file_write_output(): "-"
 * is standard output): a JSON object with the sources and, for every
 * fact the briefing prints, its name, file and line, source, snapshot
 * date and how each of its parts was checked (docs/data-format.md,
 * "The provenance report"). Returns 0 or -1. */
int doc_write_provenance(const struct doc *d, const char *path,
                         struct diag_list *dl);

/* The caption of a table, org chart or image block and, in *printed
 * (may be NULL), its printed form; NULL for other kinds. Figures (org
 * charts and images) are numbered together. */
const struct doc_caption *doc_block_caption(const struct doc_block *b,
                                            const char **printed);

/* Frees d and everything its blocks hold. Accepts NULL. */
void doc_free(struct doc *d);

/* Checks the model's invariants: a heading has a title and level 1 or 2,
 * lists and figures have items, a table has rows * cols cells and a
 * resolved alignment and an origin per column, an org chart has exactly one root and
 * parents in range, contents entries refer to headings, and an origin
 * with a line names a file, captions are numbered 1, 2, ... per kind
 * in order (and only captions with text), lists of figures and tables
 * refer to numbered blocks of their kind, and the spans of every rich text are sorted,
 * within the text, on UTF-8 character boundaries, not empty and not
 * overlapping, each bold, italic or a link, or a footnote marker, one per
 * note, each note numbered and without notes of its own. Returns 0 when they hold, or
 * -1; for tests. */
int doc_check(const struct doc *d);

/* ---- rich text (markup.c) ----
 *
 * Text facts, list items, list intros and table notes are written in a
 * small part of Markdown's inline syntax (docs/data-format.md): **bold**,
 * *italic* or _italic_, [text](https://...) and <https://...> links,
 * backslash escapes and the entities &nbsp; &amp; &lt; &gt; &quot; &apos;
 * &ndash; &mdash; &hellip; &lsquo; &rsquo; &ldquo; &rdquo; and &#N;. The
 * model keeps the text plain and marks the styled bytes with spans. Code,
 * images, raw HTML and block syntax are errors; an emphasis marker left
 * unmatched is a warning, since it prints as written. Straight quotes
 * become typographic ones in every text from the data when smart_quotes
 * is set, in the same pass, so span offsets count the 3-byte quotes. */
struct doc_markup {
	bool smart_quotes;
	/* link schemes and allow_bidi, as the data files were checked */
	const struct facts *facts;
};

/* Parses the markup of one INI value src, written at file:line, into a
 * new plain *text (the caller frees it) and spans in *rich (freed with
 * doc_rich_release()). A value without markup characters comes back
 * unchanged, with no spans, but for its quotes. A leading "1999." or "-"
 * is text, not a list: the key already says what the text is. Returns
 * 0, or -1 after reporting each error (then *text is NULL and *rich
 * empty). */
int doc_markup_text(const struct doc_markup *m, const char *src,
                    const char *file, int line, char **text,
                    struct doc_rich *rich, struct diag_list *dl);

/* Parses a Markdown file's text buf[0..len) (NUL-terminated) named file
 * and appends its paragraphs (DOC_PARAGRAPH) and bulleted lists
 * (DOC_LIST, nested one level) to d, each with its line in file.
 * Headings, quotes, code, rules, numbered lists and HTML are errors at
 * their line. Returns 0, or -1 after reporting each error (at most
 * DOC_MARKUP_MAX_ERRORS, then one more line saying so). */
int doc_markup_file(struct doc *d, const struct doc_markup *m,
                    const char *file, const char *buf, size_t len,
                    struct diag_list *dl);

#define DOC_MARKUP_MAX_ERRORS 20

/* s with its quotes made typographic when m->smart_quotes, in a new
 * string the caller frees: for text that takes no markup (figures, table
 * cells, org units, source titles). */
char *doc_markup_plain(const struct doc_markup *m, const char *s);

/* Frees the spans of r and empties it. */
void doc_rich_release(struct doc_rich *r);

/* "4 months", "1 year, 2 months" or "12 days": the time from a to b,
 * each number joined to its unit by a no-break space (U+00A0), the units
 * in l's words (day/days, month/months, year/years). When a is after b
 * the term has not begun and buf gets l->blank, never a negative count. */
void doc_format_tenure(struct date a, struct date b, const struct labels *l,
                       char *buf, size_t size);

#endif
