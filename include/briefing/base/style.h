/*
 * base/style.h: the plain values that decide how a briefing looks, and
 * the typefaces and colours they are made of.
 *
 * config fills a struct style from the INI file; layout reads it. Neither
 * depends on the other's types. Lengths are in points unless named _mm.
 */
#ifndef BRIEFING_BASE_STYLE_H
#define BRIEFING_BASE_STYLE_H

#include <stdbool.h>

#include "briefing/base/date.h"


/* The typefaces a document uses. Config maps each to a font file. */
enum face {
	FACE_REGULAR,
	FACE_BOLD,
	FACE_ITALIC,
	FACE_COUNT
};

/* Colour components 0..1. float, not double: PDF colour operands are
 * printed with a few digits, and a million boxes are smaller this way. */
struct rgb {
	float r, g, b;
};

/* Longest label, in bytes with its NUL; config refuses a longer one.
 * Labels are arrays, not pointers, so a struct style stays a plain value
 * that can be copied and needs no freeing. */
#define LABEL_MAX 160

/* The fixed words a briefing prints, so a briefing in another language
 * is a new [labels] section, never new C. They live in struct style
 * (s->labels) because layout receives only the style, and doc reaches
 * them as c->style.labels. Each is plain text, used through "%s" and
 * never as a format, except the patterns marked "pattern": config checks
 * that those hold exactly the conversions named, and nothing else. */
struct labels {
	char continued[LABEL_MAX];   /* "(continued)": put_cont_header, after
	                              * the caption and a space */
	char page_number[LABEL_MAX]; /* pattern "Page %d of %d": running_heads
	                              * `"Page %zu of %zu"`; two int arguments,
	                              * page then page count */
	char as_of[LABEL_MAX];       /* "As of": add_title_block `"As of %s%s%s"`
	                              * and add_cover `"As of %s"`, then a space
	                              * and the date */
	char separator[LABEL_MAX];   /* "  \xC2\xB7  " (two spaces, middle dot,
	                              * two spaces): add_title_block, between the
	                              * date and the organisation */
	char bullet[LABEL_MAX];      /* "\xE2\x80\xA2" (bullet): add_list, level 0 */
	char sub_bullet[LABEL_MAX];  /* "\xE2\x80\x93" (en dash): add_list, level 1 */
	char present[LABEL_MAX];     /* "present": doc.c cell_text, the empty
	                              * "to" of a succession table */
	char blank[LABEL_MAX];       /* "\xE2\x80\x93" (en dash): doc.c cell_text,
	                              * a blank or "unknown" cell, and a tenure
	                              * without both dates */
	char leader[LABEL_MAX];      /* ". ": repeated between a contents entry
	                              * and its page number (trailing blanks
	                              * dropped); "" for no leaders */
	char last_updated[LABEL_MAX]; /* "Last updated": doc.c sources block
	                              * `"Last updated %s"`, then a space and the
	                              * date */
	char sources_intro[LABEL_MAX]; /* pattern "This briefing is current as
	                              * of %s. It draws on the following
	                              * sources.": doc.c sources block; one
	                              * string argument, the as-of date */
	/* provenance.c, with [document] citations: */
	char citation[LABEL_MAX];    /* pattern "[%d]": the marker after a
	                              * block, the Sources entry's number */
	char source_note[LABEL_MAX]; /* "Source:": the note under a figures
	                              * block, table or chart, before the marker */
	char snapshot_of[LABEL_MAX]; /* pattern "snapshot of %s": a source's
	                              * snapshot date, on its Sources entry */
	char no_snapshot[LABEL_MAX]; /* "no snapshot": a source without one */
	char facts_cited[LABEL_MAX]; /* pattern "facts cited: %d": how many
	                              * facts the briefing prints from it */
	/* doc.c tenure: `"%d" NBSP "day%s"` and so on; singular when 1 */
	char day[LABEL_MAX], days[LABEL_MAX];
	char month[LABEL_MAX], months[LABEL_MAX];
	char year[LABEL_MAX], years[LABEL_MAX];
	/* "January" .. "December": every printed date (MMMM whole); the
	 * short forms (MMM) default to their first three characters; both
	 * default per [document] language (en, fr, de) */
	char month_names[12][DATE_MONTH_NAME_MAX];
	char month_short[12][DATE_MONTH_NAME_MAX];
	/* document control (doc.c, config_dates.c): "Reference", "Edition",
	 * "Version" before their values on the cover and in the footer; the
	 * record of changes' title and column heads */
	char reference[LABEL_MAX], edition[LABEL_MAX], version[LABEL_MAX];
	char changes_title[LABEL_MAX];
	char changes_edition[LABEL_MAX], changes_date[LABEL_MAX];
	char changes_text[LABEL_MAX];
	/* Captions (doc.c number_captions): "Figure", "Table" and " – " (a
	 * space, an en dash, a space) make `"%s %d%s%s"` "Table 1 – Commanders
	 * of KFOR": word, number, separator, the config's caption text. */
	char figure[LABEL_MAX];
	char table[LABEL_MAX];
	char caption_separator[LABEL_MAX];
	/* References (notes.c, layout xref.c): "section %s" with the
	 * section's number, "page %d" with the page a target lands on, each
	 * word joined to its number by a no-break space (U+00A0). */
	char section_ref[LABEL_MAX];
	char page_ref[LABEL_MAX];
};

/* Where a section starts ([section.NAME] start; config_geometry.c):
 * DEFAULT (zero, as in a hand-built doc) is CONTINUE. */
enum page_start {
	PAGE_START_DEFAULT,
	PAGE_START_CONTINUE,  /* on the page the last section left */
	PAGE_START_NEW,       /* at the top of a new page */
	PAGE_START_ODD        /* on the next odd page, a blank verso between */
};

/* How a section's pages stand ([section.NAME] orientation): DEFAULT
 * (zero) is the [page] orientation; the others turn the page when it
 * stands otherwise. */
enum page_orient {
	PAGE_ORIENT_DEFAULT,
	PAGE_ORIENT_PORTRAIT,
	PAGE_ORIENT_LANDSCAPE
};

struct style {
	/* page */
	double page_width, page_height;
	double margin_top, margin_bottom, margin_left, margin_right;
	/* Printed on both sides: margin_left is the inner (binding) margin
	 * and margin_right the outer one, mirrored on even pages, and page
	 * numbers sit on the outer edge. */
	bool duplex;
	/* A chart too big for the page may have a landscape page of its own. */
	bool chart_landscape;
	/* [cover] page_number: the cover prints its page number too. */
	bool cover_page_number;
	/* [page] repeat_heading: a page that continues a section starts
	 * with its heading again, "(continued)" after it. */
	bool repeat_heading;
	/* type sizes */
	double body_size;
	double line_spacing;      /* baseline distance as a multiple of size */
	double paragraph_space;   /* extra space after a paragraph */
	double heading1_size, heading2_size;
	double heading_space;     /* extra space above a heading */
	double title_size, subtitle_size;
	double header_size;       /* running header and footer */
	double marking_size;      /* classification marking */
	double table_size;
	double list_indent;       /* hanging indent of a list item */
	double chart_size;        /* org chart text, shrunk down to ... */
	double chart_min_size;    /* ... this before a chart is refused */
	bool justify;
	bool zebra;               /* shade every other table row */
	/* colours */
	struct rgb text_color;
	struct rgb heading_color;
	struct rgb accent_color;      /* title rule, header and footer rules */
	struct rgb marking_color;
	struct rgb muted_color;       /* header, footer, notes */
	struct rgb table_header_fill;
	struct rgb table_header_text;
	struct rgb table_rule_color;
	struct rgb zebra_fill;
	struct rgb cover_marking_color;  /* the marking in the cover's bands */
	/* org charts: connectors, and a box style per unit kind */
	struct rgb chart_line_color;
	struct rgb chart_command_fill, chart_command_text;
	struct rgb chart_staff_fill, chart_staff_text;
	struct rgb chart_unit_fill, chart_unit_text;
	struct rgb chart_support_fill, chart_support_text;

	/* Spacing factors. Each replaces a literal that layout.c had
	 * hard-coded; the comment names the function and the expression it
	 * replaces, and the default is that literal, so the default briefing
	 * is unchanged. "x size" is a multiple of the type size in use;
	 * lengths are in points (config reads the ones marked mm in mm). */
	/* text */
	double justify_max_space;   /* place_line: `extra > space * 3` (x a space's width) */
	double space_after_heading; /* build_items: `s->paragraph_space * 0.5` (x paragraph_space) */
	double note_space;          /* build_items DOC_NOTE: space_before `3` pt */
	double table_space;         /* build_items DOC_FIGURES, DOC_TABLE: `space + 2` pt */
	/* footnotes (layout footnotes.c) */
	double footnote_size;       /* a note's type size, pt */
	double footnote_mark_scale; /* a marker's size (x the text's size) */
	double footnote_mark_rise;  /* its baseline's rise (x the text's size) */
	double footnote_gap;        /* from the text area to the rule, pt */
	double footnote_rule_length; /* the rule (x the measure); a continued
	                             * note's page has a rule the whole measure */
	/* headings */
	double heading_leading;     /* add_heading: `size * 1.25` */
	double heading_number_indent; /* HEADING_INDENT `(10 * MM)`; key in mm */
	double heading2_space;      /* add_heading: `s->heading_space * 0.7` (x heading_space) */
	double heading1_rule_gap;   /* add_heading: `rule_gap = ... 3` pt */
	double heading1_rule_offset; /* add_heading: rule at `leading * n + 1` pt */
	double heading1_rule_width; /* add_heading: add_rule width `0.6` pt */
	/* lists */
	double list_item_space;     /* add_list: both `size * 0.3` (intro, items) */
	double list_bullet_offset;  /* add_list: `x - s->list_indent * 0.75` (x list_indent) */
	/* tables and figures */
	double table_leading;       /* add_row: `size * 1.25` */
	double cell_pad_x;          /* CELL_PAD_X `4.0` pt */
	double cell_pad_y;          /* CELL_PAD_Y `2.5` pt */
	double table_rule_width;    /* add_row: add_rule width `0.4` pt */
	double caption_gap;         /* between a table caption and its table, pt */
	double caption_leading;     /* cont_height and put_cont_header: `s->table_size * 1.4` */
	double figures_label_max;   /* add_figures: both `b->width * 0.45` (x text width) */
	double figures_rule_width;  /* add_figures: both add_rule widths `0.8` pt */
	/* title block (page 1 without a cover) */
	double title_leading;       /* add_title_block: `s->title_size * 1.15` */
	double subtitle_leading;    /* add_title_block: `s->subtitle_size * 1.3` */
	double subtitle_gap;        /* add_title_block: `y += 2` pt */
	double as_of_leading;       /* add_title_block: `lead = size * 1.4` */
	double as_of_gap;           /* add_title_block: `y += 4` pt */
	double title_rule_gap;      /* add_title_block: `y += 6` pt */
	double title_rule_width;    /* add_title_block: add_rule `1.5` and `y + 1.5` pt */
	/* org charts: lengths are multiples of the type size the chart is
	 * drawn at, so they shrink with it ([style] chart_* keys "x chart
	 * size"; the old pt/mm keys convert at chart_size) */
	double chart_padding;       /* inside a box */
	double chart_wrap_width;    /* widest a box's text runs before it wraps */
	double chart_min_width;     /* narrowest box */
	double chart_row_gap;       /* between a parent and a forked row */
	double chart_box_gap;       /* between neighbouring boxes */
	double chart_stack_spacing; /* between stacked leaves, staff rows */
	double chart_stack_offset;  /* stacked leaves right of their line */
	double chart_stub;          /* a staff box's stub off the line */
	double chart_border;        /* box borders */
	double chart_line;          /* connectors */
	double chart_list_indent;   /* compact lists: entries right of the rule */
	int chart_max_lines;        /* most lines a label is wrapped into
	                               to keep a row narrow */
	bool chart_staff_left;      /* the first staff box goes left */
	int chart_compact;          /* 0 no, 1 yes, 2 auto (last resort) */
	double chart_leading;       /* x chart size: baseline distance */
	double chart_detail_scale;  /* x chart size: a box's second line */
	double chart_shrink;        /* fit_chart: `*size * 0.9` per step */
	double chart_margin;        /* add_orgchart: `- 12`, `res.height + 12`; connectors at `6 +` (half) */
	double chart_space_before;  /* add_orgchart: `space_before + 4` pt */
	double chart_landscape_heading; /* add_orgchart: `3 * s->heading1_size` (x heading1_size) */
	/* contents */
	double contents_number_gap; /* TOC_NUMBER_GAP `(10 * MM)`; key in mm */
	double contents_level_indent; /* TOC_LEVEL_INDENT `(10 * MM)`; key in mm */
	double contents_level2_gap; /* add_contents: `(top ? 0 : 2 * MM)`; key in mm */
	double contents_number_space; /* add_contents: `right - num_w - 6` pt */
	double contents_leader_gap; /* add_contents: leaders `+ 4` after title, `- 4` before number */
	double contents_entry_space; /* add_contents: `top ? size * 0.5` (x body_size) */
	/* sources */
	double sources_entry_space; /* add_sources_block: `size * 0.8` (x body_size) */
	double sources_date_scale;  /* add_sources_block: `size * 0.9` ("Last updated" line) */
	/* cover */
	double cover_band;          /* add_cover: `band = 12 * MM`; key in mm */
	double cover_top;           /* add_cover: `y = height * 0.18` (x text height) */
	double cover_marking_grow;  /* add_cover: every `s->marking_size + 2` pt */
	double cover_marking_baseline; /* add_cover: `(s->marking_size + 2) * 0.35` */
	double cover_org_leading;   /* add_cover: `y += s->subtitle_size * 1.3` */
	double cover_org_gap;       /* add_cover: `y += s->subtitle_size` (x subtitle_size, 1) */
	double cover_rule_length;   /* add_cover: `b->width * 0.25` (x text width) */
	double cover_rule_width;    /* add_cover: add_rule width `3` pt */
	double cover_rule_gap;      /* add_cover: `y += 10` pt */
	double cover_title_scale;   /* add_cover: every `s->title_size * 1.35` (x title_size) */
	double cover_title_leading; /* add_cover: `... * 1.35 * 1.15` (the 1.15) */
	double cover_subtitle_gap;  /* add_cover: `y += s->subtitle_size * 0.8` */
	double cover_subtitle_scale; /* add_cover: every `s->subtitle_size * 1.2` */
	double cover_subtitle_leading; /* add_cover: `... * 1.2 * 1.3` (the 1.3) */
	double cover_as_of_scale;   /* add_cover: `s->body_size * 1.2` */
	double cover_as_of_gap;     /* add_cover: `y += size * 2.2` */
	int cover_tile_columns;     /* add_cover: `c->len < 4 ? c->len : 4` */
	double cover_tile_gap;      /* add_cover: `gap = 4 * MM`; key in mm */
	double cover_value_scale;   /* add_cover: `s->heading1_size * 1.3` */
	double cover_value_leading; /* add_cover: every `value_size * 1.2` */
	int cover_value_lines;      /* add_cover: `* 3` in tile_h and ly, `j < 3` */
	double cover_label_leading; /* add_cover: every `label_size * 1.3` */
	int cover_label_lines;      /* add_cover: `* 2` in tile_h, `j < 2` */
	double cover_tile_pad;      /* add_cover: `tx + 6`, `ty + 6`, `tile_w - 12` (2 pads) */
	double cover_label_gap;     /* add_cover: `+ 4` before labels; tile_h's `+ 16` is
	                             * 2 * cover_tile_pad + cover_label_gap */
	double cover_tile_rule_width; /* add_cover: add_rule width `2` pt on each tile */
	/* running header and footer */
	double header_offset;       /* running_heads: `s->margin_top - 10` pt */
	double footer_offset;       /* running_heads: `s->margin_bottom + 10` pt */
	double marking_offset;      /* running_heads: `s->margin_top * 0.3` and
	                             * `s->margin_bottom * 0.3` (x the margin) */
	double marking_baseline;    /* running_heads: `s->marking_size * 0.8` */
	double header_rule_gap;     /* running_heads: `head_base + 4` pt */
	double footer_rule_gap;     /* running_heads: `foot_base - s->header_size - 2` pt */
	double header_rule_width;   /* running_heads: both put_rule widths `0.5` pt */

	/* Page breaks in tables, and how key figures are shown. Unlike the
	 * factors above, these are choices, not old literals; their defaults
	 * are documented in docs/config.md. */
	int table_keep_rows;        /* a table of at most this many rows is kept
	                             * whole, unless taller than a page; 0: none */
	int table_min_rows;         /* a longer table leaves at least this many
	                             * rows on each side of a page break */
	bool cover_note_to_label;   /* a tile's value "4,000 (approx.)" shows
	                             * "4,000", the "(approx.)" after the label */
	/* Paragraph line breaking (src/layout/linebreak.c, after TeX's
	 * parameters of the same names) and lists. Kept together so that
	 * other additions to this struct merge cleanly. */
	double tolerance;           /* largest badness of a line, with hyphens */
	double pretolerance;        /* the same for the first pass, without
	                             * hyphens; < 0 skips that pass */
	double space_stretch;       /* x a space: a word gap's stretch (badness 100) */
	double space_shrink;        /* x a space: how far it may shrink */
	double glyph_expansion;     /* x a word's width: how far a justified
	                             * line may widen or narrow its glyphs */
	double ragged_stretch;      /* x size (ems): a ragged line's stretch */
	double line_penalty;        /* added to each line's badness */
	double hyphen_penalty;      /* a break at a hyphen */
	double double_hyphen_demerits; /* two hyphenated lines in a row */
	double final_hyphen_demerits;  /* a hyphen before a paragraph's last line */
	double adj_demerits;        /* a loose line next to a tight one */
	bool list_justify;          /* list items justified, not ragged */
	double list_tight_space;    /* x body_size: between one-line items */

	/* Captions of tables and figures (org charts): placed under their
	 * table or chart when set, above it otherwise, unless the block's
	 * own [table.FACT] or [orgchart.FACT] caption_position says. The
	 * model resolves the position (struct doc_caption below). */
	bool table_caption_below;   /* default no: tables above */
	bool figure_caption_below;  /* default yes: figures below */

	/* The words a briefing prints (see struct labels). */
	struct labels labels;
};

/* Fills s with the defaults documented in docs/config.md (A4 portrait). */
void style_default(struct style *s);

#endif
