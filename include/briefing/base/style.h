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
	/* org charts: connectors, and a box style per unit kind */
	struct rgb chart_line_color;
	struct rgb chart_command_fill, chart_command_text;
	struct rgb chart_staff_fill, chart_staff_text;
	struct rgb chart_unit_fill, chart_unit_text;
	struct rgb chart_support_fill, chart_support_text;
};

/* Fills s with the defaults documented in docs/config.md (A4 portrait). */
void style_default(struct style *s);

#endif
