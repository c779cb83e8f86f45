/*
 * config_style.c: [style], and the defaults it overrides.
 *
 * The section is table-driven: one row per key names the field it sets
 * (by offset into struct style), its kind, its range and its default,
 * so adding a key is one line here plus its row in docs/config.md.
 * style_default() applies the rows' defaults; those of the spacing
 * factors are the literals layout and doc used before they were
 * configurable, so an empty [style] changes nothing. [labels], which
 * style_default() also fills, is config_labels.c.
 */
#include "config_internal.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "#rrggbb" or "#rgb". */
static bool parse_color(const char *s, struct rgb *out)
{
	size_t n = strlen(s);
	int v[6];

	if (s[0] != '#' || (n != 7 && n != 4))
		return false;
	for (size_t i = 1; i < n; i++)
		if ((v[i - 1] = hex_digit((unsigned char)s[i])) < 0)
			return false;
	if (n == 4) {
		out->r = (float)(v[0] * 17) / 255.0f;
		out->g = (float)(v[1] * 17) / 255.0f;
		out->b = (float)(v[2] * 17) / 255.0f;
	} else {
		out->r = (float)(v[0] * 16 + v[1]) / 255.0f;
		out->g = (float)(v[2] * 16 + v[3]) / 255.0f;
		out->b = (float)(v[4] * 16 + v[5]) / 255.0f;
	}
	return true;
}

/* How a [style] key is written and stored. */
enum style_kind {
	STYLE_PT,      /* a double in points, or a plain factor */
	STYLE_MM,      /* written in mm, stored in points */
	STYLE_INT,     /* a whole number, stored as int */
	STYLE_BOOL,
	STYLE_COLOR
};

struct style_key {
	const char *key;
	size_t offset;         /* into struct style */
	double min, max;       /* in the unit the key is written in */
	double def;            /* the default, in that unit too */
	enum style_kind kind;
	struct rgb color;      /* the default of a STYLE_COLOR */
};

#define PT(k, lo, hi, d) \
	{ #k, offsetof(struct style, k), lo, hi, d, STYLE_PT, { 0, 0, 0 } }
#define MM_(k, lo, hi, d) \
	{ #k, offsetof(struct style, k), lo, hi, d, STYLE_MM, { 0, 0, 0 } }
#define INT(k, lo, hi, d) \
	{ #k, offsetof(struct style, k), lo, hi, d, STYLE_INT, { 0, 0, 0 } }
#define BOOL(k, d) \
	{ #k, offsetof(struct style, k), 0, 0, d, STYLE_BOOL, { 0, 0, 0 } }
#define COLOR(k, c) \
	{ #k, offsetof(struct style, k), 0, 0, 0, STYLE_COLOR, c }
#define RGB(r, g, b) { r, g, b }
#define BLACK RGB(0.1f, 0.1f, 0.1f)
#define NAVY RGB(0.0f, 0.2f, 0.4f)
#define WHITE RGB(1, 1, 1)

/* One row per [style] key; docs/config.md lists them in this order. */
static const struct style_key style_keys[] = {
	PT(body_size, 4, 72, 10),
	PT(line_spacing, 0.8, 4, 1.35),
	PT(paragraph_space, 0, 72, 6),
	PT(heading1_size, 4, 72, 14),
	PT(heading2_size, 4, 72, 11.5),
	PT(heading_space, 0, 144, 14),
	PT(title_size, 4, 144, 22),
	PT(subtitle_size, 4, 72, 13),
	PT(header_size, 4, 36, 8),
	PT(marking_size, 4, 36, 9),
	PT(table_size, 4, 36, 9),
	MM_(list_indent, 0, 50, 5),
	PT(chart_size, 4, 36, 8.5),
	PT(chart_min_size, 3, 36, 6),
	BOOL(zebra, true),
	/* text and headings */
	PT(justify_max_space, 1, 100, 3),
	PT(space_after_heading, 0, 1, 0.5),
	PT(note_space, 0, 72, 3),
	PT(table_space, 0, 72, 2),
	PT(footnote_size, 4, 36, 8),
	PT(footnote_mark_scale, 0.3, 1, 0.65),
	PT(footnote_mark_rise, 0, 1, 0.35),
	PT(footnote_gap, 0, 72, 8),
	PT(footnote_rule_length, 0, 1, 0.3),
	PT(heading_leading, 0.8, 4, 1.25),
	MM_(heading_number_indent, 0, 50, 10),
	PT(heading2_space, 0, 1, 0.7),
	PT(heading1_rule_gap, 0, 36, 3),
	PT(heading1_rule_offset, 0, 36, 1),
	PT(heading1_rule_width, 0, 10, 0.6),
	PT(list_item_space, 0, 5, 0.3),
	PT(list_bullet_offset, 0, 1, 0.75),
	/* tables and title block */
	PT(table_leading, 0.8, 4, 1.25),
	PT(cell_pad_x, 0, 36, 4),
	PT(cell_pad_y, 0, 36, 2.5),
	PT(table_rule_width, 0, 10, 0.4),
	PT(caption_leading, 0.8, 4, 1.4),
	PT(caption_gap, 0, 72, 2),
	PT(figures_label_max, 0.1, 0.9, 0.45),
	PT(figures_rule_width, 0, 10, 0.8),
	PT(title_leading, 0.8, 4, 1.15),
	PT(subtitle_leading, 0.8, 4, 1.3),
	PT(subtitle_gap, 0, 72, 2),
	PT(as_of_leading, 0.8, 4, 1.4),
	PT(as_of_gap, 0, 72, 4),
	PT(title_rule_gap, 0, 72, 6),
	PT(title_rule_width, 0, 10, 1.5),
	/* org charts: every length a multiple of the chart's type size */
	PT(chart_padding, 0, 4, 0.45),
	PT(chart_wrap_width, 2, 60, 18),
	PT(chart_min_width, 0, 60, 7),
	PT(chart_row_gap, 0.2, 12, 2.4),
	PT(chart_box_gap, 0.1, 12, 1),
	PT(chart_stack_spacing, 0, 12, 0.8),
	PT(chart_stack_offset, 0.2, 12, 1.5),
	PT(chart_stub, 0.1, 12, 1.2),
	PT(chart_border, 0, 1, 0.07),
	PT(chart_line, 0, 1, 0.1),
	PT(chart_list_indent, 0, 12, 1),
	INT(chart_max_lines, 1, 6, 3),
	PT(chart_leading, 0.8, 4, 1.2),
	PT(chart_detail_scale, 0.3, 2, 0.9),
	PT(chart_shrink, 0.5, 0.99, 0.9),
	PT(chart_margin, 0, 144, 12),
	PT(chart_space_before, 0, 72, 4),
	PT(chart_landscape_heading, 0, 20, 3),
	/* contents and sources */
	MM_(contents_number_gap, 0, 100, 10),
	MM_(contents_level_indent, 0, 100, 10),
	MM_(contents_level2_gap, 0, 100, 2),
	PT(contents_number_space, 0, 72, 6),
	PT(contents_leader_gap, 0, 72, 4),
	PT(contents_entry_space, 0, 5, 0.5),
	PT(sources_entry_space, 0, 5, 0.8),
	PT(sources_date_scale, 0.3, 2, 0.9),
	/* cover */
	MM_(cover_band, 0, 100, 12),
	PT(cover_top, 0, 0.9, 0.18),
	PT(cover_marking_grow, 0, 36, 2),
	PT(cover_marking_baseline, 0, 2, 0.35),
	PT(cover_org_leading, 0.8, 4, 1.3),
	PT(cover_org_gap, 0, 10, 1),
	PT(cover_rule_length, 0, 1, 0.25),
	PT(cover_rule_width, 0, 20, 3),
	PT(cover_rule_gap, 0, 144, 10),
	PT(cover_title_scale, 0.5, 4, 1.35),
	PT(cover_title_leading, 0.8, 4, 1.15),
	PT(cover_subtitle_gap, 0, 10, 0.8),
	PT(cover_subtitle_scale, 0.5, 4, 1.2),
	PT(cover_subtitle_leading, 0.8, 4, 1.3),
	PT(cover_as_of_scale, 0.5, 4, 1.2),
	PT(cover_as_of_gap, 0, 20, 2.2),
	INT(cover_tile_columns, 1, 8, 4),
	MM_(cover_tile_gap, 0, 100, 4),
	PT(cover_value_scale, 0.5, 4, 1.3),
	PT(cover_value_leading, 0.8, 4, 1.2),
	INT(cover_value_lines, 1, 10, 3),
	PT(cover_label_leading, 0.8, 4, 1.3),
	INT(cover_label_lines, 1, 10, 2),
	PT(cover_tile_pad, 0, 72, 6),
	PT(cover_label_gap, 0, 72, 4),
	PT(cover_tile_rule_width, 0, 20, 2),
	/* running header and footer */
	PT(header_offset, 0, 144, 10),
	PT(footer_offset, 0, 144, 10),
	PT(marking_offset, 0, 1, 0.3),
	PT(marking_baseline, 0, 2, 0.8),
	PT(header_rule_gap, 0, 72, 4),
	PT(footer_rule_gap, 0, 72, 2),
	PT(header_rule_width, 0, 10, 0.5),
	/* table page breaks and cover tiles (docs/config.md: "Tables and
	 * key figures") */
	INT(table_keep_rows, 0, 1000000, 8),
	INT(table_min_rows, 1, 1000, 3),
	BOOL(cover_note_to_label, true),
	/* paragraph line breaking and lists (docs/config.md: Line breaking) */
	PT(tolerance, 0, 10000, 100),
	PT(pretolerance, -1, 10000, 30),
	PT(space_stretch, 0, 2, 0.5),
	PT(space_shrink, 0, 0.5, 0.33),
	PT(glyph_expansion, 0, 0.05, 0.02),
	PT(ragged_stretch, 0, 20, 4),
	PT(line_penalty, 0, 10000, 10),
	PT(hyphen_penalty, 0, 10000, 50),
	PT(double_hyphen_demerits, 0, 100000000, 1000000),
	PT(final_hyphen_demerits, 0, 100000000, 1000000),
	PT(adj_demerits, 0, 100000000, 10000),
	BOOL(list_justify, false),
	PT(list_tight_space, 0, 5, 0),
	/* colours */
	COLOR(text_color, BLACK),
	COLOR(heading_color, NAVY),
	COLOR(accent_color, NAVY),
	COLOR(marking_color, BLACK),
	COLOR(muted_color, RGB(0.4f, 0.4f, 0.4f)),
	COLOR(table_header_fill, NAVY),
	COLOR(table_header_text, WHITE),
	COLOR(table_rule_color, RGB(0.7f, 0.7f, 0.7f)),
	COLOR(zebra_fill, RGB(0.93f, 0.95f, 0.97f)),
	COLOR(cover_marking_color, WHITE),
	COLOR(chart_line_color, RGB(0.35f, 0.4f, 0.47f)),
	COLOR(chart_command_fill, NAVY),
	COLOR(chart_command_text, WHITE),
	COLOR(chart_staff_fill, WHITE),
	COLOR(chart_staff_text, BLACK),
	COLOR(chart_unit_fill, RGB(0.87f, 0.91f, 0.96f)),
	COLOR(chart_unit_text, BLACK),
	COLOR(chart_support_fill, RGB(0.93f, 0.93f, 0.93f)),
	COLOR(chart_support_text, BLACK),
};

#undef PT
#undef MM_
#undef INT
#undef BOOL
#undef COLOR
#undef RGB
#undef BLACK
#undef NAVY
#undef WHITE

/* Sets a row's field to its default. */
static void style_key_default(const struct style_key *k, struct style *st)
{
	char *field = (char *)st + k->offset;

	switch (k->kind) {
	case STYLE_PT:
		*(double *)(void *)field = k->def;
		break;
	case STYLE_MM:
		*(double *)(void *)field = k->def * MM;
		break;
	case STYLE_INT:
		*(int *)(void *)field = (int)k->def;
		break;
	case STYLE_BOOL:
		*(bool *)(void *)field = k->def != 0;
		break;
	case STYLE_COLOR:
		*(struct rgb *)(void *)field = k->color;
		break;
	}
}

/* Reads one row's key, if present, into the style. */
static void read_style_key(struct ini_section *s, const struct style_key *k,
                           struct style *st, struct diag_list *dl)
{
	char *field = (char *)st + k->offset;
	struct ini_entry *e;
	double v;

	switch (k->kind) {
	case STYLE_PT:
		ini_number(s, k->key, k->min, k->max, (double *)(void *)field, dl);
		break;
	case STYLE_MM:
		if (ini_number(s, k->key, k->min, k->max, &v, dl) == 1)
			*(double *)(void *)field = v * MM;
		break;
	case STYLE_INT:
		if (ini_number(s, k->key, k->min, k->max, &v, dl) != 1)
			break;
		e = ini_get(s, k->key);
		if (v != floor(v))
			diag_error(dl, e->file, e->line, "[style] %s: '%s' is not a "
			           "whole number", k->key, e->value);
		else
			*(int *)(void *)field = (int)v;
		break;
	case STYLE_BOOL:
		ini_bool(s, k->key, (bool *)(void *)field, dl);
		break;
	case STYLE_COLOR:
		e = ini_get(s, k->key);
		/* "text_color = #1a1a1a" reads as empty: unquoted, '#' starts
		 * a comment, so the likely value was there and is lost */
		if (e && !e->value[0])
			diag_error(dl, e->file, e->line, "[style] %s: empty; an "
			           "unquoted '#' starts a comment, so quote the colour: "
			           "%s = \"#%02x%02x%02x\" (the default)", e->key, e->key,
			           (unsigned)lroundf(k->color.r * 255),
			           (unsigned)lroundf(k->color.g * 255),
			           (unsigned)lroundf(k->color.b * 255));
		else if (e && !parse_color(e->value, (struct rgb *)(void *)field))
			diag_error(dl, e->file, e->line, "[style] %s: '%s' is not a "
			           "colour (#rrggbb)", e->key, e->value);
		break;
	}
}

/* An indent the ranges allow can still leave no room for text on a
 * narrow page: the text beside each indent must keep a quarter of the
 * measure. Reported at the key when [style] sets it, else at the config,
 * naming the page. */
static void check_indent(const struct config *c, struct ini_section *s,
                         const char *key, double indent, double measure,
                         struct diag_list *dl)
{
	struct ini_entry *e = s ? ini_get(s, key) : NULL;

	if (measure - indent >= measure / 4)
		return;
	diag_error(dl, e ? e->file : c->file, e ? e->line : 0, "[style] %s: "
	           "indents of %.1f mm leave %.1f mm for text in a measure of "
	           "%.1f mm; text keeps at least a quarter of the measure",
	           key, indent / MM, (measure - indent) / MM, measure / MM);
}

static void check_indents(const struct config *c, struct ini_section *s,
                          struct diag_list *dl)
{
	const struct style *st = &c->style;
	double measure = st->page_width - st->margin_left - st->margin_right;

	/* a sub-item is indented twice */
	check_indent(c, s, "list_indent", 2 * st->list_indent, measure, dl);
	check_indent(c, s, "heading_number_indent", st->heading_number_indent,
	             measure, dl);
	/* a level-2 contents entry: its indent, the number, the gap */
	check_indent(c, s, "contents_level_indent", st->contents_level_indent +
	             st->contents_number_gap + st->contents_level2_gap, measure,
	             dl);
}

/* ---- org chart keys that are not numbers, and the old ones --------- */

/* The org chart keys before they were multiples of the type size: each
 * still works, converted at the configured chart_size, with a warning
 * that names its replacement (docs/config.md, Org charts). */
static const struct chart_alias {
	const char *key, *now;
	size_t offset;
	double min, max;
	bool mm;
} chart_aliases[] = {
#define ALIAS(k, n, lo, hi, mm) { #k, #n, offsetof(struct style, n), lo, hi, mm }
	ALIAS(chart_pad, chart_padding, 0, 36, false),
	ALIAS(chart_max_text, chart_wrap_width, 10, 400, true),
	ALIAS(chart_level_gap, chart_row_gap, 1, 100, true),
	ALIAS(chart_sibling_gap, chart_box_gap, 0, 100, true),
	ALIAS(chart_stack_gap, chart_stack_spacing, 0, 100, true),
	ALIAS(chart_stack_indent, chart_stack_offset, 0, 100, true),
	ALIAS(chart_min_box_width, chart_min_width, 0, 200, true),
	ALIAS(chart_box_rule_width, chart_border, 0, 10, false),
	ALIAS(chart_line_width, chart_line, 0, 10, false),
#undef ALIAS
};

#define CHART_CHOICES 2
#define CAPTION_CHOICES 2

/* table_caption_position and figure_caption_position: where a caption
 * goes when its block's section does not say; adds their names to
 * allowed[*n]. */
static void read_caption_keys(struct config *c, struct ini_section *s,
                              const char **allowed, size_t *n,
                              struct diag_list *dl)
{
	static const char *const places[] = { "above", "below", NULL };
	int v;

	if (ini_choice(s, "table_caption_position", places, &v, dl) == 1)
		c->style.table_caption_below = v == 1;
	allowed[(*n)++] = "table_caption_position";
	if (ini_choice(s, "figure_caption_position", places, &v, dl) == 1)
		c->style.figure_caption_below = v == 1;
	allowed[(*n)++] = "figure_caption_position";
}

/* chart_staff_side, chart_compact and the old keys; adds their names to
 * allowed[*n]. */
static void read_chart_keys(struct config *c, struct ini_section *s,
                            const char **allowed, size_t *n,
                            struct diag_list *dl)
{
	static const char *const sides[] = { "right", "left", NULL };
	static const char *const compact[] = { "no", "yes", "auto", NULL };
	struct style *st = &c->style;
	int v;

	if (ini_choice(s, "chart_staff_side", sides, &v, dl) == 1)
		st->chart_staff_left = v == 1;
	allowed[(*n)++] = "chart_staff_side";
	if (ini_choice(s, "chart_compact", compact, &v, dl) == 1)
		st->chart_compact = v;
	allowed[(*n)++] = "chart_compact";
	for (size_t i = 0; i < COUNT(chart_aliases); i++) {
		const struct chart_alias *a = &chart_aliases[i];
		struct ini_entry *e = ini_get(s, a->key);
		double x;

		allowed[(*n)++] = a->key;
		if (!e || ini_number(s, a->key, a->min, a->max, &x, dl) != 1)
			continue;
		if (ini_get(s, a->now)) {
			diag_error(dl, e->file, e->line, "[style] %s: set with %s; "
			           "keep only %s", a->key, a->now, a->now);
			continue;
		}
		x = (a->mm ? x * MM : x) / st->chart_size;
		*(double *)(void *)((char *)st + a->offset) = x;
		diag_warning(dl, e->file, e->line, "[style] %s is replaced by %s, "
		             "a multiple of chart_size: %s = %.3g", a->key, a->now,
		             a->now, x);
	}
}

int config_read_style(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const aligns[] = { "left", "justify", NULL };
	struct ini_section *s = ini_find(ini, "style");
	const char *allowed[COUNT(style_keys) + COUNT(chart_aliases) +
	                    CHART_CHOICES + CAPTION_CHOICES + 2];
	size_t n = 0, before = dl->errors;
	int align;

	if (!s) {
		check_indents(c, NULL, dl);
		return dl->errors > before ? -1 : 0;
	}
	for (size_t i = 0; i < COUNT(style_keys); i++) {
		read_style_key(s, &style_keys[i], &c->style, dl);
		allowed[n++] = style_keys[i].key;
	}
	if (ini_choice(s, "align", aligns, &align, dl) == 1)
		c->style.justify = align == 1;
	allowed[n++] = "align";
	read_chart_keys(c, s, allowed, &n, dl);
	read_caption_keys(c, s, allowed, &n, dl);
	allowed[n] = NULL;
	ini_check_unused(s, allowed, dl);
	if (dl->errors == before)
		check_indents(c, s, dl);
	return dl->errors > before ? -1 : 0;
}

void style_default(struct style *s)
{
	memset(s, 0, sizeof *s);
	/* [page] keys, read in config.c, and align, which sets justify */
	s->page_width = 595.276;
	s->page_height = 841.89;
	s->margin_top = 25 * MM;
	s->margin_bottom = 25 * MM;
	s->margin_left = 22 * MM;
	s->margin_right = 22 * MM;
	s->justify = true;
	s->chart_compact = 2;  /* chart_compact = auto */
	s->figure_caption_below = true;   /* figure_caption_position = below */
	for (size_t i = 0; i < COUNT(style_keys); i++)
		style_key_default(&style_keys[i], s);
	config_labels_default(&s->labels);
}
