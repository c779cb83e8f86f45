/*
 * config.c: the layout config, checked key by key.
 *
 * Invariant: a struct config returned to a caller holds only valid values;
 * every unknown section or key has been reported with its line, with a
 * "did you mean" hint where one is close, because a typo silently ignored
 * is a briefing silently wrong.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/input.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/date.h"
#include "briefing/base/fileio.h"
#include "ini.h"
#include "briefing/base/xalloc.h"

#define MM (72.0 / 25.4)

static const char *const document_keys[] = {
	"title", "subtitle", "author", "subject", "keywords", "organisation",
	"marking", "as_of", "max_source_age", NULL
};
static const char *const page_keys[] = {
	"size", "orientation", "margin_top", "margin_bottom", "margin_left",
	"margin_right", "duplex", "chart_landscape", NULL
};
static const char *const font_keys[] = { "regular", "bold", "italic", NULL };
static const char *const section_keys[] = { "title", "level", "numbered",
                                            NULL };
static const char *const table_keys[] = { "date_format", "caption", NULL };
static const char *const fixed_sections[] = {
	"document", "page", "fonts", "style", "data", "cover", "section.",
	"table.", NULL
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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

/* Keeps a copy of an optional string value. */
static char *opt_string(struct ini_section *s, const char *key)
{
	const char *v = ini_value(s, key);

	return v && v[0] ? xstrdup(v) : NULL;
}

static char *req_string(struct ini_section *s,
                        const char *key, struct diag_list *dl)
{
	char *v = s ? opt_string(s, key) : NULL;

	if (!v && s)
		ini_missing(s, key, dl);
	return v;
}

static int read_document(struct config *c, const struct ini *ini,
                         struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "document");
	struct ini_entry *e;
	struct date d;
	size_t before = dl->errors;

	if (!s)
		return diag_error(dl, ini->file, 0, "missing required section "
		                  "[document]");
	c->title = req_string(s, "title", dl);
	c->marking = req_string(s, "marking", dl);
	c->subtitle = opt_string(s, "subtitle");
	c->author = opt_string(s, "author");
	c->subject = opt_string(s, "subject");
	c->keywords = opt_string(s, "keywords");
	c->organisation = opt_string(s, "organisation");
	e = ini_get(s, "as_of");
	if (!e)
		ini_missing(s, "as_of", dl);
	else if (!date_parse(e->value, &d))
		diag_error(dl, e->file, e->line, "[document] as_of: '%s' is not "
		           "a date (YYYY-MM-DD)", e->value);
	else
		c->as_of = xstrdup(e->value);
	ini_number(s, "max_source_age", 1, 36500, &c->max_source_age, dl);
	ini_check_unused(s, document_keys, dl);
	return dl->errors > before ? -1 : 0;
}

static int read_page(struct config *c, const struct ini *ini,
                     struct diag_list *dl)
{
	static const char *const sizes[] = { "a4", "letter", "a3", "legal", NULL };
	static const double dims[][2] = {
		{ 595.276, 841.89 }, { 612, 792 }, { 841.89, 1190.551 }, { 612, 1008 }
	};
	static const char *const orientations[] = { "portrait", "landscape", NULL };
	struct ini_section *s = ini_find(ini, "page");
	struct style *st = &c->style;
	double *margins[] = { &st->margin_top, &st->margin_bottom,
	                      &st->margin_left, &st->margin_right };
	size_t before = dl->errors;
	int size = 0, orient = 0;

	if (!s)
		return 0;
	ini_choice(s, "size", sizes, &size, dl);
	ini_bool(s, "duplex", &st->duplex, dl);
	ini_bool(s, "chart_landscape", &st->chart_landscape, dl);
	ini_choice(s, "orientation", orientations, &orient, dl);
	st->page_width = dims[size][orient];
	st->page_height = dims[size][!orient];
	for (int i = 0; i < 4; i++) {
		double mm;

		if (ini_number(s, page_keys[2 + i], 0, 200, &mm, dl) == 1)
			*margins[i] = mm * MM;
	}
	/* A page with no room for text is a config mistake, not a layout job. */
	if (dl->errors == before &&
	    (st->page_width - st->margin_left - st->margin_right < 72 ||
	     st->page_height - st->margin_top - st->margin_bottom < 144))
		diag_error(dl, s->file, s->line, "[page] margins leave less than "
		           "25 mm x 50 mm for text on a %.0f x %.0f mm page",
		           st->page_width / MM, st->page_height / MM);
	ini_check_unused(s, page_keys, dl);
	return dl->errors > before ? -1 : 0;
}

static int read_fonts(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const defaults[FACE_COUNT] = {
		"DejaVu Sans", "DejaVu Sans:bold", "DejaVu Sans:oblique"
	};
	struct ini_section *s = ini_find(ini, "fonts");

	for (int f = 0; f < FACE_COUNT; f++) {
		struct ini_entry *e = ini_get(s, font_keys[f]);

		if (!e || !e->value[0]) {
			c->fonts[f] = xstrdup(defaults[f]);
			c->font_files[f] = xstrdup(ini->file);
			c->font_lines[f] = 0;
			continue;
		}
		c->font_files[f] = xstrdup(e->file);
		c->font_lines[f] = e->line;
		/* A value naming a file is a path relative to the config file it
		 * is written in; any other value is a fontconfig pattern such as
		 * "DejaVu Sans:bold". */
		if (strchr(e->value, '/') || strstr(e->value, ".ttf")) {
			char *dir = path_dirname(e->file);

			c->fonts[f] = path_join(dir, e->value);
			free(dir);
		} else {
			c->fonts[f] = xstrdup(e->value);
		}
	}
	return s ? ini_check_unused(s, font_keys, dl) : 0;
}

/* [style]: sizes in points with their ranges, then colours. The tables
 * point at the fields themselves, so adding a key is one line. */
static int read_style(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const aligns[] = { "left", "justify", NULL };
	struct style *st = &c->style;
#define SIZE_KEY(k, lo, hi) { #k, &st->k, lo, hi }
	const struct {
		const char *key;
		double *field;
		double min, max;
	} sizes[] = {
		SIZE_KEY(body_size, 4, 72),
		SIZE_KEY(line_spacing, 0.8, 4),
		SIZE_KEY(paragraph_space, 0, 72),
		SIZE_KEY(heading1_size, 4, 72),
		SIZE_KEY(heading2_size, 4, 72),
		SIZE_KEY(heading_space, 0, 144),
		SIZE_KEY(title_size, 4, 144),
		SIZE_KEY(subtitle_size, 4, 72),
		SIZE_KEY(header_size, 4, 36),
		SIZE_KEY(marking_size, 4, 36),
		SIZE_KEY(table_size, 4, 36),
		SIZE_KEY(chart_size, 4, 36),
		SIZE_KEY(chart_min_size, 3, 36),
	};
#undef SIZE_KEY
#define COLOR_KEY(k) { #k, &st->k }
	const struct {
		const char *key;
		struct rgb *field;
	} colors[] = {
		COLOR_KEY(text_color), COLOR_KEY(heading_color),
		COLOR_KEY(accent_color), COLOR_KEY(marking_color),
		COLOR_KEY(muted_color), COLOR_KEY(table_header_fill),
		COLOR_KEY(table_header_text), COLOR_KEY(table_rule_color),
		COLOR_KEY(zebra_fill), COLOR_KEY(chart_line_color),
		COLOR_KEY(chart_command_fill), COLOR_KEY(chart_command_text),
		COLOR_KEY(chart_staff_fill), COLOR_KEY(chart_staff_text),
		COLOR_KEY(chart_unit_fill), COLOR_KEY(chart_unit_text),
		COLOR_KEY(chart_support_fill), COLOR_KEY(chart_support_text),
	};
#undef COLOR_KEY
	struct ini_section *s = ini_find(ini, "style");
	const char *allowed[COUNT(sizes) + COUNT(colors) + 4];
	size_t n = 0, before = dl->errors;
	double mm;
	int align;

	if (!s)
		return 0;
	for (size_t i = 0; i < COUNT(sizes); i++) {
		ini_number(s, sizes[i].key, sizes[i].min, sizes[i].max,
		           sizes[i].field, dl);
		allowed[n++] = sizes[i].key;
	}
	for (size_t i = 0; i < COUNT(colors); i++) {
		struct ini_entry *e = ini_get(s, colors[i].key);

		allowed[n++] = colors[i].key;
		if (e && !parse_color(e->value, colors[i].field))
			diag_error(dl, e->file, e->line, "[style] %s: '%s' is not a "
			           "colour (#rrggbb)", e->key, e->value);
	}
	if (ini_number(s, "list_indent", 0, 50, &mm, dl) == 1)
		st->list_indent = mm * MM;
	if (ini_choice(s, "align", aligns, &align, dl) == 1)
		st->justify = align == 1;
	ini_bool(s, "zebra", &st->zebra, dl);
	allowed[n++] = "list_indent";
	allowed[n++] = "align";
	allowed[n++] = "zebra";
	allowed[n] = NULL;
	ini_check_unused(s, allowed, dl);
	return dl->errors > before ? -1 : 0;
}

static int read_data(struct config *c, const struct ini *ini,
                     struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "data");

	if (!s || s->len == 0)
		return diag_error(dl, s ? s->file : ini->file, s ? s->line : 0,
		                  "[data]: no data files named; add e.g. "
		                  "'mission = ../data/mission.ini'");
	c->data_files = xcalloc(s->len, sizeof *c->data_files);
	for (size_t i = 0; i < s->len; i++) {
		char *dir = path_dirname(s->entries[i].file);

		s->entries[i].used = true;
		c->data_files[c->data_len++] = path_join(dir, s->entries[i].value);
		free(dir);
	}
	return 0;
}

static bool valid_fact_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '.' && *s != '-' && *s != '_')
			return false;
	return true;
}

static int parse_block(struct ini_section *s,
                       const struct ini_entry *e, struct config_block *b,
                       struct diag_list *dl)
{
	static const char *const kinds[] = {
		"text", "list", "figures", "table", "orgchart", "pagebreak",
		"contents", "sources", NULL
	};
	const char *v = e->value, *sp = strchr(v, ' ');
	size_t klen = sp ? (size_t)(sp - v) : strlen(v);
	char kind[32];
	const char *fact;

	b->line = e->line;
	b->file = xstrdup(e->file);
	b->fact = NULL;
	snprintf(kind, sizeof kind, "%.*s", (int)(klen < 31 ? klen : 31), v);
	for (int i = 0; kinds[i]; i++) {
		if (strcmp(kind, kinds[i]) != 0)
			continue;
		b->kind = (enum block_kind)i;
		fact = sp ? sp + 1 : "";
		while (*fact == ' ')
			fact++;
		if (b->kind >= BLOCK_PAGEBREAK) {
			if (*fact)
				return diag_error(dl, e->file, e->line,
				                  "[%s] %s: '%s' takes no fact name",
				                  s->name, e->key, kind);
			return 0;
		}
		if (!*fact)
			return diag_error(dl, e->file, e->line,
			                  "[%s] %s: block '%s' needs a fact name, e.g. "
			                  "'%s mission.summary'", s->name, e->key, kind,
			                  kind);
		if (!valid_fact_name(fact))
			return diag_error(dl, e->file, e->line,
			                  "[%s] %s: '%s' is not a fact name (lower-case "
			                  "letters, digits, '.', '-', '_')", s->name,
			                  e->key, fact);
		b->fact = xstrdup(fact);
		return 0;
	}
	{
		const char *hint = ini_suggest(kind, kinds);

		return diag_error(dl, e->file, e->line,
		                  "[%s] %s: unknown block type '%s'%s%s%s", s->name,
		                  e->key, kind, hint ? " (did you mean '" : "",
		                  hint ? hint : "", hint ? "'?)" : "");
	}
}

static int read_section(struct config *c, struct ini_section *s,
                        struct diag_list *dl)
{
	struct config_section *sec = &c->sections[c->sections_len++];
	struct ini_numbered *items;
	size_t n, before = dl->errors;
	double level = 1;

	memset(sec, 0, sizeof *sec);
	sec->id = xstrdup(s->name + strlen("section."));
	sec->line = s->line;
	sec->title = req_string(s, "title", dl);
	ini_number(s, "level", 1, 2, &level, dl);
	sec->numbered = true;
	ini_bool(s, "numbered", &sec->numbered, dl);
	if (level != 1 && level != 2)
		diag_error(dl, ini_get(s, "level")->file, ini_get(s, "level")->line,
		           "[%s] level: must be 1 or 2", s->name);
	sec->level = (int)level;
	items = ini_numbered(s, &n);
	sec->blocks = xcalloc(n ? n : 1, sizeof *sec->blocks);
	sec->cap = n;
	for (size_t i = 0; i < n; i++) {
		if (items[i].minor != 0) {
			diag_error(dl, items[i].entry->file, items[i].entry->line,
			           "[%s] %s: block keys are whole numbers", s->name,
			           items[i].entry->key);
			continue;
		}
		if (parse_block(s, items[i].entry, &sec->blocks[sec->len],
		                dl) == 0) {
			sec->len++;
		} else {
			free(sec->blocks[sec->len].file);
			free(sec->blocks[sec->len].fact);
		}
	}
	free(items);
	if (sec->level == 2 && c->sections_len == 1)
		diag_error(dl, s->file, s->line, "[%s]: a level-2 section cannot "
		           "come before the first level-1 section", s->name);
	ini_check_unused(s, section_keys, dl);
	return dl->errors > before ? -1 : 0;
}

/* "12" (mm), "auto", "*" or "2*" (proportional). */
static bool parse_width(const char *s, double *out)
{
	char *end;
	double v;

	if (strcmp(s, "auto") == 0) {
		*out = 0;
		return true;
	}
	if (strcmp(s, "*") == 0) {
		*out = -1;
		return true;
	}
	v = strtod(s, &end);
	if (end == s || v <= 0 || v > 1000)
		return false;
	if (strcmp(end, "*") == 0) {
		*out = -v;
		return true;
	}
	if (*end == '\0' || strcmp(end, "mm") == 0) {
		*out = v * MM;
		return true;
	}
	return false;
}

/* Splits "a | b | c" into at most max trimmed fields, in place. */
static size_t split_bar(char *s, char **fields, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *bar = strchr(s, '|'), *end;

		if (bar)
			*bar = '\0';
		while (*s == ' ')
			s++;
		end = s + strlen(s);
		while (end > s && end[-1] == ' ')
			*--end = '\0';
		fields[n++] = s;
		if (!bar)
			break;
		s = bar + 1;
	}
	return n;
}

static int read_column(const struct ini_section *s,
                       const struct ini_entry *e, struct config_column *col,
                       struct diag_list *dl)
{
	static const char *const aligns[] = { "left", "right", "center", "auto",
	                                      NULL };
	char *copy = xstrdup(e->value), *f[5];
	size_t n = split_bar(copy, f, 5);
	int rc = 0;

	memset(col, 0, sizeof *col);
	col->line = e->line;
	col->file = xstrdup(e->file);
	col->align = ALIGN_AUTO;
	col->width = 0;
	if (n < 2 || n > 4 || !f[0][0]) {
		rc = diag_error(dl, e->file, e->line, "[%s] %s: expected 'field | "
		                "title | align | width', e.g. 'from | From | left | "
		                "22'", s->name, e->key);
		goto done;
	}
	col->field = xstrdup(f[0]);
	col->title = xstrdup(f[1]);
	if (n >= 3 && f[2][0]) {
		int i;

		for (i = 0; aligns[i] && strcmp(aligns[i], f[2]) != 0; i++)
			;
		if (!aligns[i])
			rc = diag_error(dl, e->file, e->line, "[%s] %s: alignment "
			                "'%s' is not one of: left, right, center, auto",
			                s->name, e->key, f[2]);
		else
			col->align = (enum column_align)i;
	}
	if (n == 4 && f[3][0] && !parse_width(f[3], &col->width))
		rc = diag_error(dl, e->file, e->line, "[%s] %s: width '%s' is not "
		                "a length in mm, 'auto', '*' or 'N*'", s->name,
		                e->key, f[3]);
done:
	free(copy);
	return rc;
}

static int read_table(struct config *c, struct ini_section *s,
                      struct diag_list *dl)
{
	struct config_table *t = &c->tables[c->tables_len++];
	struct ini_numbered *items;
	struct ini_entry *e;
	size_t n, before = dl->errors;

	memset(t, 0, sizeof *t);
	t->fact = xstrdup(s->name + strlen("table."));
	t->line = s->line;
	t->caption = opt_string(s, "caption");
	e = ini_get(s, "date_format");
	if (e && !date_format_known(e->value))
		diag_error(dl, e->file, e->line, "[%s] date_format: '%s' is not "
		           "one of: iso, long, short, military", s->name, e->value);
	t->date_format = xstrdup(e ? e->value : "iso");
	items = ini_numbered(s, &n);
	t->columns = xcalloc(n ? n : 1, sizeof *t->columns);
	for (size_t i = 0; i < n; i++) {
		if (items[i].minor != 0)
			diag_error(dl, items[i].entry->file, items[i].entry->line,
			           "[%s] %s: column keys are whole numbers", s->name,
			           items[i].entry->key);
		else if (read_column(s, items[i].entry, &t->columns[t->len],
		                     dl) == 0)
			t->len++;
		else
			free(t->columns[t->len].field), free(t->columns[t->len].title),
			free(t->columns[t->len].file);
	}
	free(items);
	if (n == 0)
		diag_error(dl, s->file, s->line, "[%s]: no columns; add e.g. "
		           "'1 = name | Name | left | *'", s->name);
	ini_check_unused(s, table_keys, dl);
	return dl->errors > before ? -1 : 0;
}

static void check_section_names(const struct ini *ini, struct diag_list *dl)
{
	static const char *const known[] = {
		"document", "page", "fonts", "style", "data", "cover", NULL
	};

	for (size_t i = 0; i < ini->len; i++) {
		const char *name = ini->sections[i].name;
		const char *hint;

		if (strncmp(name, "section.", 8) == 0 && name[8])
			continue;
		if (strncmp(name, "table.", 6) == 0 && name[6])
			continue;
		if (ini_find(ini, name) != &ini->sections[i])
			continue;
		{
			bool ok = false;

			for (int k = 0; known[k]; k++)
				ok = ok || strcmp(name, known[k]) == 0;
			if (ok)
				continue;
		}
		hint = ini_suggest(name, fixed_sections);
		diag_error(dl, ini->sections[i].file, ini->sections[i].line,
		           "unknown section [%s]%s%s%s", name,
		           hint ? " (did you mean [" : " (expected [document], [page], "
		           "[fonts], [style], [data], [cover], [section.NAME] or [table.FACT])",
		           hint ? hint : "", hint ? "])" : "");
	}
}

/* [cover]: its presence asks for a cover page; numbered keys pick key
 * figures, "N = FACT ITEM" (item ITEM of figures fact FACT). */
static int read_cover(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const keys[] = { NULL };
	struct ini_section *s = ini_find(ini, "cover");
	struct ini_numbered *items;
	size_t n, before = dl->errors;

	if (!s)
		return 0;
	c->cover = true;
	items = ini_numbered(s, &n);
	c->cover_figures = xcalloc(n ? n : 1, sizeof *c->cover_figures);
	for (size_t i = 0; i < n; i++) {
		const struct ini_entry *e = items[i].entry;
		const char *sp = strrchr(e->value, ' ');
		char *end;
		long num = sp ? strtol(sp + 1, &end, 10) : 0;
		struct config_cover_figure *f;

		if (!sp || *end || num < 1 || items[i].minor) {
			diag_error(dl, e->file, e->line, "[cover] %s: expected 'FACT "
			           "ITEM', e.g. '1 = mission.figures 2'", e->key);
			continue;
		}
		f = &c->cover_figures[c->cover_figures_len++];
		f->fact = xstrndup(e->value, (size_t)(sp - e->value));
		f->number = (int)num;
		f->file = xstrdup(e->file);
		f->line = e->line;
	}
	free(items);
	ini_check_unused(s, keys, dl);
	return dl->errors > before ? -1 : 0;
}

/* Include files nest at most this deep, which also stops a cycle. */
#define MAX_INCLUDE_DEPTH 8

/* Parses a config file and, when it starts with "include = FILE", the
 * file it includes (relative to it), then lays its keys over the
 * included ones: a profile states only what differs. */
static struct ini *parse_with_includes(const char *buf, size_t len,
                                       const char *name, int depth,
                                       struct diag_list *dl)
{
	struct ini *ini = ini_parse(buf, len, name, dl), *base;
	char *dir, *path, *text;
	size_t text_len;

	if (!ini || !ini->include)
		return ini;
	if (depth >= MAX_INCLUDE_DEPTH) {
		diag_error(dl, name, ini->include_line, "include: files nest more "
		           "than %d deep (does a file include itself?)",
		           MAX_INCLUDE_DEPTH);
		ini_free(ini);
		return NULL;
	}
	dir = path_dirname(name);
	path = path_join(dir, ini->include);
	free(dir);
	if (file_read(path, &text, &text_len, dl) != 0) {
		diag_error(dl, name, ini->include_line, "include: cannot read '%s'",
		           ini->include);
		free(path);
		ini_free(ini);
		return NULL;
	}
	base = parse_with_includes(text, text_len, path, depth + 1, dl);
	free(text);
	free(path);
	if (!base) {
		ini_free(ini);
		return NULL;
	}
	ini_merge(base, ini);
	return base;
}

struct config *config_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl)
{
	struct config *c;
	struct ini *ini = parse_with_includes(buf, len, name, 0, dl);
	size_t before = dl->errors;

	if (!ini)
		return NULL;
	c = xcalloc(1, sizeof *c);
	c->file = xstrdup(name);
	style_default(&c->style);
	c->sections = xcalloc(ini->len, sizeof *c->sections);
	c->tables = xcalloc(ini->len, sizeof *c->tables);
	check_section_names(ini, dl);
	read_document(c, ini, dl);
	read_page(c, ini, dl);
	read_fonts(c, ini, dl);
	read_style(c, ini, dl);
	read_data(c, ini, dl);
	read_cover(c, ini, dl);
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];

		if (strncmp(s->name, "section.", 8) == 0 && s->name[8])
			read_section(c, s, dl);
		else if (strncmp(s->name, "table.", 6) == 0 && s->name[6])
			read_table(c, s, dl);
	}
	if (c->sections_len == 0)
		diag_error(dl, name, 0, "no [section.NAME] sections: the briefing "
		           "would be empty");
	ini_free(ini);
	if (dl->errors > before) {
		config_free(c);
		return NULL;
	}
	return c;
}

struct config *config_load(const char *path, struct diag_list *dl)
{
	char *buf;
	size_t len;
	struct config *c;

	if (file_read(path, &buf, &len, dl) != 0)
		return NULL;
	c = config_parse(buf, len, path, dl);
	free(buf);
	return c;
}

void config_free(struct config *c)
{
	if (!c)
		return;
	free(c->file);
	free(c->title);
	free(c->subtitle);
	free(c->author);
	free(c->subject);
	free(c->keywords);
	free(c->organisation);
	free(c->marking);
	free(c->as_of);
	for (size_t i = 0; i < c->data_len; i++)
		free(c->data_files[i]);
	free(c->data_files);
	for (int f = 0; f < FACE_COUNT; f++) {
		free(c->fonts[f]);
		free(c->font_files[f]);
	}
	for (size_t i = 0; i < c->sections_len; i++) {
		struct config_section *s = &c->sections[i];

		for (size_t j = 0; j < s->len; j++) {
			free(s->blocks[j].fact);
			free(s->blocks[j].file);
		}
		free(s->blocks);
		free(s->id);
		free(s->title);
	}
	free(c->sections);
	for (size_t i = 0; i < c->tables_len; i++) {
		struct config_table *t = &c->tables[i];

		for (size_t j = 0; j < t->len; j++) {
			free(t->columns[j].field);
			free(t->columns[j].title);
			free(t->columns[j].file);
		}
		free(t->columns);
		free(t->fact);
		free(t->date_format);
		free(t->caption);
	}
	free(c->tables);
	for (size_t i = 0; i < c->cover_figures_len; i++) {
		free(c->cover_figures[i].fact);
		free(c->cover_figures[i].file);
	}
	free(c->cover_figures);
	free(c);
}

const struct config_table *config_table_for(const struct config *c,
                                            const char *fact)
{
	for (size_t i = 0; i < c->tables_len; i++)
		if (strcmp(c->tables[i].fact, fact) == 0)
			return &c->tables[i];
	return NULL;
}
