/*
 * config_style.c: [style] and [labels], and the defaults they override.
 *
 * Both sections are table-driven: one row per key names the field it
 * sets (by offset into struct style), its kind and its range, so adding
 * a key is one line here plus its row in docs/config.md. Every default
 * lives in style_default(), and the defaults of the spacing factors and
 * labels are the literals layout and doc used before they were
 * configurable, so an empty [style] changes nothing.
 */
#include "config_internal.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static void spacing_default(struct style *s)
{
	s->justify_max_space = 3;
	s->space_after_heading = 0.5;
	s->note_space = 3;
	s->table_space = 2;
	s->heading_leading = 1.25;
	s->heading_number_indent = 10 * MM;
	s->heading2_space = 0.7;
	s->heading1_rule_gap = 3;
	s->heading1_rule_offset = 1;
	s->heading1_rule_width = 0.6;
	s->list_item_space = 0.3;
	s->list_bullet_offset = 0.75;
	s->table_leading = 1.25;
	s->cell_pad_x = 4;
	s->cell_pad_y = 2.5;
	s->table_rule_width = 0.4;
	s->caption_gap = 2;
	s->caption_leading = 1.4;
	s->figures_label_max = 0.45;
	s->figures_rule_width = 0.8;
	s->title_leading = 1.15;
	s->subtitle_leading = 1.3;
	s->subtitle_gap = 2;
	s->as_of_leading = 1.4;
	s->as_of_gap = 4;
	s->title_rule_gap = 6;
	s->title_rule_width = 1.5;
}

static void chart_cover_default(struct style *s)
{
	s->chart_pad = 4;
	s->chart_max_text = 40 * MM;
	s->chart_level_gap = 7 * MM;
	s->chart_sibling_gap = 3.5 * MM;
	s->chart_stack_gap = 2.5 * MM;
	s->chart_stack_indent = 5 * MM;
	s->chart_leading = 1.2;
	s->chart_detail_scale = 0.9;
	s->chart_min_box_width = 22 * MM;
	s->chart_box_rule_width = 0.6;
	s->chart_line_width = 0.9;
	s->chart_shrink = 0.9;
	s->chart_margin = 12;
	s->chart_space_before = 4;
	s->chart_landscape_heading = 3;
	s->contents_number_gap = 10 * MM;
	s->contents_level_indent = 10 * MM;
	s->contents_level2_gap = 2 * MM;
	s->contents_number_space = 6;
	s->contents_leader_gap = 4;
	s->contents_entry_space = 0.5;
	s->sources_entry_space = 0.8;
	s->sources_date_scale = 0.9;
	s->cover_band = 12 * MM;
	s->cover_top = 0.18;
	s->cover_marking_grow = 2;
	s->cover_marking_baseline = 0.35;
	s->cover_org_leading = 1.3;
	s->cover_org_gap = 1;
	s->cover_rule_length = 0.25;
	s->cover_rule_width = 3;
	s->cover_rule_gap = 10;
	s->cover_title_scale = 1.35;
	s->cover_title_leading = 1.15;
	s->cover_subtitle_gap = 0.8;
	s->cover_subtitle_scale = 1.2;
	s->cover_subtitle_leading = 1.3;
	s->cover_as_of_scale = 1.2;
	s->cover_as_of_gap = 2.2;
	s->cover_tile_columns = 4;
	s->cover_tile_gap = 4 * MM;
	s->cover_value_scale = 1.3;
	s->cover_value_leading = 1.2;
	s->cover_value_lines = 3;
	s->cover_label_leading = 1.3;
	s->cover_label_lines = 2;
	s->cover_tile_pad = 6;
	s->cover_label_gap = 4;
	s->cover_tile_rule_width = 2;
	s->header_offset = 10;
	s->footer_offset = 10;
	s->marking_offset = 0.3;
	s->marking_baseline = 0.8;
	s->header_rule_gap = 4;
	s->footer_rule_gap = 2;
	s->header_rule_width = 0.5;
}

static void labels_default(struct labels *l)
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};

	snprintf(l->continued, sizeof l->continued, "(continued)");
	snprintf(l->page_number, sizeof l->page_number, "Page %%d of %%d");
	snprintf(l->as_of, sizeof l->as_of, "As of");
	snprintf(l->separator, sizeof l->separator, "  \xC2\xB7  ");
	snprintf(l->bullet, sizeof l->bullet, "\xE2\x80\xA2");
	snprintf(l->sub_bullet, sizeof l->sub_bullet, "\xE2\x80\x93");
	snprintf(l->present, sizeof l->present, "present");
	snprintf(l->blank, sizeof l->blank, "\xE2\x80\x93");
	snprintf(l->leader, sizeof l->leader, ". ");
	snprintf(l->last_updated, sizeof l->last_updated, "Last updated");
	snprintf(l->sources_intro, sizeof l->sources_intro, "This briefing is "
	         "current as of %%s. It draws on the following sources.");
	snprintf(l->day, sizeof l->day, "day");
	snprintf(l->days, sizeof l->days, "days");
	snprintf(l->month, sizeof l->month, "month");
	snprintf(l->months, sizeof l->months, "months");
	snprintf(l->year, sizeof l->year, "year");
	snprintf(l->years, sizeof l->years, "years");
	for (int i = 0; i < 12; i++)
		snprintf(l->month_names[i], sizeof l->month_names[i], "%s",
		         months[i]);
}

void style_default(struct style *s)
{
	static const struct rgb black = { 0.1f, 0.1f, 0.1f };
	static const struct rgb navy = { 0.0f, 0.2f, 0.4f };

	memset(s, 0, sizeof *s);
	s->page_width = 595.276;
	s->page_height = 841.89;
	s->margin_top = 25 * MM;
	s->margin_bottom = 25 * MM;
	s->margin_left = 22 * MM;
	s->margin_right = 22 * MM;
	s->body_size = 10;
	s->line_spacing = 1.35;
	s->paragraph_space = 6;
	s->heading1_size = 14;
	s->heading2_size = 11.5;
	s->heading_space = 14;
	s->title_size = 22;
	s->subtitle_size = 13;
	s->header_size = 8;
	s->marking_size = 9;
	s->table_size = 9;
	s->list_indent = 5 * MM;
	s->justify = true;
	s->zebra = true;
	s->text_color = black;
	s->heading_color = navy;
	s->accent_color = navy;
	s->marking_color = black;
	s->muted_color = (struct rgb){ 0.4f, 0.4f, 0.4f };
	s->table_header_fill = navy;
	s->table_header_text = (struct rgb){ 1, 1, 1 };
	s->table_rule_color = (struct rgb){ 0.7f, 0.7f, 0.7f };
	s->zebra_fill = (struct rgb){ 0.93f, 0.95f, 0.97f };
	s->cover_marking_color = (struct rgb){ 1, 1, 1 };
	s->chart_size = 8.5;
	s->chart_min_size = 6;
	s->chart_line_color = (struct rgb){ 0.35f, 0.4f, 0.47f };
	s->chart_command_fill = navy;
	s->chart_command_text = (struct rgb){ 1, 1, 1 };
	s->chart_staff_fill = (struct rgb){ 1, 1, 1 };
	s->chart_staff_text = black;
	s->chart_unit_fill = (struct rgb){ 0.87f, 0.91f, 0.96f };
	s->chart_unit_text = black;
	s->chart_support_fill = (struct rgb){ 0.93f, 0.93f, 0.93f };
	s->chart_support_text = black;
	spacing_default(s);
	chart_cover_default(s);
	labels_default(&s->labels);
}

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
	enum style_kind kind;
	double min, max;       /* in the unit the key is written in */
};

#define PT(k, lo, hi) { #k, offsetof(struct style, k), STYLE_PT, lo, hi }
#define MM_(k, lo, hi) { #k, offsetof(struct style, k), STYLE_MM, lo, hi }
#define INT(k, lo, hi) { #k, offsetof(struct style, k), STYLE_INT, lo, hi }
#define BOOL(k) { #k, offsetof(struct style, k), STYLE_BOOL, 0, 0 }
#define COLOR(k) { #k, offsetof(struct style, k), STYLE_COLOR, 0, 0 }

/* One row per [style] key; docs/config.md lists them in this order. */
static const struct style_key style_keys[] = {
	PT(body_size, 4, 72), PT(line_spacing, 0.8, 4),
	PT(paragraph_space, 0, 72), PT(heading1_size, 4, 72),
	PT(heading2_size, 4, 72), PT(heading_space, 0, 144),
	PT(title_size, 4, 144), PT(subtitle_size, 4, 72),
	PT(header_size, 4, 36), PT(marking_size, 4, 36),
	PT(table_size, 4, 36), MM_(list_indent, 0, 50),
	PT(chart_size, 4, 36), PT(chart_min_size, 3, 36),
	BOOL(zebra),
	/* text and headings */
	PT(justify_max_space, 1, 100), PT(space_after_heading, 0, 1),
	PT(note_space, 0, 72), PT(table_space, 0, 72),
	PT(heading_leading, 0.8, 4), MM_(heading_number_indent, 0, 50),
	PT(heading2_space, 0, 1), PT(heading1_rule_gap, 0, 36),
	PT(heading1_rule_offset, 0, 36), PT(heading1_rule_width, 0, 10),
	PT(list_item_space, 0, 5), PT(list_bullet_offset, 0, 1),
	/* tables and title block */
	PT(table_leading, 0.8, 4), PT(cell_pad_x, 0, 36), PT(cell_pad_y, 0, 36),
	PT(table_rule_width, 0, 10), PT(caption_leading, 0.8, 4),
	PT(caption_gap, 0, 72),
	PT(figures_label_max, 0.1, 0.9), PT(figures_rule_width, 0, 10),
	PT(title_leading, 0.8, 4), PT(subtitle_leading, 0.8, 4),
	PT(subtitle_gap, 0, 72), PT(as_of_leading, 0.8, 4),
	PT(as_of_gap, 0, 72), PT(title_rule_gap, 0, 72),
	PT(title_rule_width, 0, 10),
	/* org charts */
	PT(chart_pad, 0, 36), MM_(chart_max_text, 10, 400),
	MM_(chart_level_gap, 1, 100), MM_(chart_sibling_gap, 0, 100),
	MM_(chart_stack_gap, 0, 100), MM_(chart_stack_indent, 0, 100),
	PT(chart_leading, 0.8, 4), PT(chart_detail_scale, 0.3, 2),
	MM_(chart_min_box_width, 0, 200), PT(chart_box_rule_width, 0, 10),
	PT(chart_line_width, 0, 10), PT(chart_shrink, 0.5, 0.99),
	PT(chart_margin, 0, 144), PT(chart_space_before, 0, 72),
	PT(chart_landscape_heading, 0, 20),
	/* contents and sources */
	MM_(contents_number_gap, 0, 100), MM_(contents_level_indent, 0, 100),
	MM_(contents_level2_gap, 0, 100), PT(contents_number_space, 0, 72),
	PT(contents_leader_gap, 0, 72), PT(contents_entry_space, 0, 5),
	PT(sources_entry_space, 0, 5), PT(sources_date_scale, 0.3, 2),
	/* cover */
	MM_(cover_band, 0, 100), PT(cover_top, 0, 0.9),
	PT(cover_marking_grow, 0, 36), PT(cover_marking_baseline, 0, 2),
	PT(cover_org_leading, 0.8, 4), PT(cover_org_gap, 0, 10),
	PT(cover_rule_length, 0, 1), PT(cover_rule_width, 0, 20),
	PT(cover_rule_gap, 0, 144), PT(cover_title_scale, 0.5, 4),
	PT(cover_title_leading, 0.8, 4), PT(cover_subtitle_gap, 0, 10),
	PT(cover_subtitle_scale, 0.5, 4), PT(cover_subtitle_leading, 0.8, 4),
	PT(cover_as_of_scale, 0.5, 4), PT(cover_as_of_gap, 0, 20),
	INT(cover_tile_columns, 1, 8), MM_(cover_tile_gap, 0, 100),
	PT(cover_value_scale, 0.5, 4), PT(cover_value_leading, 0.8, 4),
	INT(cover_value_lines, 1, 10), PT(cover_label_leading, 0.8, 4),
	INT(cover_label_lines, 1, 10), PT(cover_tile_pad, 0, 72),
	PT(cover_label_gap, 0, 72), PT(cover_tile_rule_width, 0, 20),
	/* running header and footer */
	PT(header_offset, 0, 144), PT(footer_offset, 0, 144),
	PT(marking_offset, 0, 1), PT(marking_baseline, 0, 2),
	PT(header_rule_gap, 0, 72), PT(footer_rule_gap, 0, 72),
	PT(header_rule_width, 0, 10),
	/* colours */
	COLOR(text_color), COLOR(heading_color), COLOR(accent_color),
	COLOR(marking_color), COLOR(muted_color), COLOR(table_header_fill),
	COLOR(table_header_text), COLOR(table_rule_color), COLOR(zebra_fill),
	COLOR(cover_marking_color),
	COLOR(chart_line_color), COLOR(chart_command_fill),
	COLOR(chart_command_text), COLOR(chart_staff_fill),
	COLOR(chart_staff_text), COLOR(chart_unit_fill), COLOR(chart_unit_text),
	COLOR(chart_support_fill), COLOR(chart_support_text),
};

#undef PT
#undef MM_
#undef INT
#undef BOOL
#undef COLOR

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
		if (e && !parse_color(e->value, (struct rgb *)(void *)field))
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

int config_read_style(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const aligns[] = { "left", "justify", NULL };
	struct ini_section *s = ini_find(ini, "style");
	const char *allowed[COUNT(style_keys) + 2];
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
	allowed[n] = NULL;
	ini_check_unused(s, allowed, dl);
	if (dl->errors == before)
		check_indents(c, s, dl);
	return dl->errors > before ? -1 : 0;
}

/* ---- [labels] ---------------------------------------------------------- */

struct label_key {
	const char *key;
	size_t offset;         /* into struct labels */
	const char *pattern;   /* conversions it must hold, in order: "dd"
	                        * is two %d; NULL: plain text */
	const char *meaning;   /* what the conversions stand for, for errors */
};

#define PLAIN(k) { #k, offsetof(struct labels, k), NULL, NULL }

static const struct label_key label_keys[] = {
	PLAIN(continued),
	{ "page_number", offsetof(struct labels, page_number), "dd",
	  "%d twice (page number, page count)" },
	PLAIN(as_of), PLAIN(separator), PLAIN(bullet), PLAIN(sub_bullet),
	PLAIN(present), PLAIN(blank), PLAIN(leader), PLAIN(last_updated),
	{ "sources_intro", offsetof(struct labels, sources_intro), "s",
	  "%s once (the as-of date)" },
	PLAIN(day), PLAIN(days), PLAIN(month), PLAIN(months), PLAIN(year),
	PLAIN(years),
};

#undef PLAIN

/* True when pattern v holds exactly the conversions in want ("dd": %d
 * then %d), with no flags, widths or other conversions: a label is
 * handed to printf, and %n or a stray %s there would read or write
 * through arguments that are not there. "%%" prints a percent sign. */
static bool pattern_ok(const char *v, const char *want)
{
	for (; *v; v++) {
		if (*v != '%')
			continue;
		if (v[1] == '%') {
			v++;
			continue;
		}
		if (v[1] != *want || (*want != 'd' && *want != 's'))
			return false;
		want++;
		v++;
	}
	return *want == '\0';
}

/* "month_names = January February ...": twelve words. */
static void read_month_names(struct ini_section *s, struct labels *l,
                             struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, "month_names");
	char names[12][32];
	const char *p;
	int n = 0;

	if (!e)
		return;
	for (p = e->value; *p;) {
		size_t len = strcspn(p, " ");

		if (len == 0) {
			p++;
			continue;
		}
		if (n == 12 || len >= sizeof names[0]) {
			n = -1;
			break;
		}
		snprintf(names[n++], sizeof names[0], "%.*s", (int)len, p);
		p += len;
	}
	if (n != 12) {
		diag_error(dl, e->file, e->line, "[labels] month_names: expected "
		           "12 names separated by spaces, each under %zu bytes",
		           sizeof names[0]);
		return;
	}
	memcpy(l->month_names, names, sizeof names);
}

int config_read_labels(struct config *c, const struct ini *ini,
                       struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "labels");
	const char *allowed[COUNT(label_keys) + 2];
	size_t n = 0, before = dl->errors;

	if (!s)
		return 0;
	for (size_t i = 0; i < COUNT(label_keys); i++) {
		const struct label_key *k = &label_keys[i];
		struct ini_entry *e = ini_get(s, k->key);
		char *field = (char *)&c->style.labels + k->offset;

		allowed[n++] = k->key;
		if (!e)
			continue;
		if (strlen(e->value) >= LABEL_MAX)
			diag_error(dl, e->file, e->line, "[labels] %s: %zu bytes long; "
			           "the limit is %d", k->key, strlen(e->value),
			           LABEL_MAX - 1);
		else if (k->pattern && !pattern_ok(e->value, k->pattern))
			diag_error(dl, e->file, e->line, "[labels] %s: '%s' must hold "
			           "%s and no other conversion (write %%%% for a "
			           "percent sign)", k->key, e->value, k->meaning);
		else
			memcpy(field, e->value, strlen(e->value) + 1);
	}
	read_month_names(s, &c->style.labels, dl);
	allowed[n++] = "month_names";
	allowed[n] = NULL;
	ini_check_unused(s, allowed, dl);
	return dl->errors > before ? -1 : 0;
}
