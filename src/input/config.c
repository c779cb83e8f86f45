/*
 * config.c: the layout config, checked key by key.
 *
 * Invariant: a struct config returned to a caller holds only valid values;
 * every unknown section or key has been reported with its line, with a
 * "did you mean" hint where one is close, because a typo silently ignored
 * is a briefing silently wrong.
 */
#define _POSIX_C_SOURCE 200809L
#include "config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/date.h"
#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "values.h"

static const char *const document_keys[] = {
	"title", "subtitle", "author", "subject", "keywords", "organisation",
	"marking", "as_of", "max_source_age", "allow_bidi", "link_schemes",
	"language",
	/* dates and document control (config_dates.c) */
	"date_format", "cover_date_format", "header_date_format",
	"sources_date_format", "reference", "edition", "version",
	/* typography of the data's text (read_typography) */
	"smart_quotes",
	/* markers citing each fact's Sources entry */
	"citations",
	NULL
};
static const char *const page_keys[] = {
	"size", "orientation", "margin_top", "margin_bottom", "margin_left",
	"margin_right", "duplex", "chart_landscape",
	/* config_geometry.c */
	"section_start", "subsection_start", "repeat_heading",
	/* config_image.c */
	"header_image", "header_image_height", NULL
};
static const char *const font_keys[] = { "regular", "bold", "italic", NULL };
static const char *const fixed_sections[] = {
	"document", "page", "fonts", "style", "labels", "data", "cover",
	"hyphenation", "classification", "section.", "table.", "orgchart.",
	"image.", NULL
};

char *config_opt_string(struct ini_section *s, const char *key)
{
	const char *v = ini_value(s, key);

	return v && v[0] ? xstrdup(v) : NULL;
}

char *config_req_string(struct ini_section *s, const char *key,
                        struct diag_list *dl)
{
	char *v = s ? config_opt_string(s, key) : NULL;

	if (!v && s)
		ini_missing(s, key, dl);
	return v;
}

/* link_schemes = "http https mailto": the schemes a link may use. Empty
 * allows none, so a briefing can refuse every link. */
static void read_link_schemes(struct config *c, struct ini_section *s,
                              struct diag_list *dl)
{
	static const char *const defaults[] = { "http", "https", "mailto" };
	struct ini_entry *e = ini_get(s, "link_schemes");
	const char *p = e ? e->value : "";

	c->link_schemes = xcalloc(e ? strlen(p) / 2 + 1 : COUNT(defaults),
	                          sizeof *c->link_schemes);
	if (!e) {
		for (size_t i = 0; i < COUNT(defaults); i++)
			c->link_schemes[c->link_schemes_len++] = xstrdup(defaults[i]);
		return;
	}
	while (*p) {
		size_t len = strcspn(p, " ,");

		if (len == 0) {
			p++;
			continue;
		}
		if (!values_scheme_valid(p, len)) {
			diag_error(dl, e->file, e->line, "[document] link_schemes: "
			           "'%.*s' is not a scheme name (a letter, then "
			           "letters, digits, '+', '-' or '.')", (int)len, p);
		} else {
			char *name = xstrndup(p, len);

			for (char *k = name; *k; k++)
				*k = (char)tolower((unsigned char)*k);
			c->link_schemes[c->link_schemes_len++] = name;
		}
		p += len;
	}
}

/* ---- typography: how the data's text is set --------------------------
 *
 * smart_quotes = yes (the default) turns the straight quotes of the facts
 * into typographic ones (' -> ’ or ‘, " -> “ or ”) as the document is
 * built; no turns that off, for data whose straight quotes are meant. */
static void read_typography(struct config *c, struct ini_section *s,
                            struct diag_list *dl)
{
	c->smart_quotes = true;
	ini_bool(s, "smart_quotes", &c->smart_quotes, dl);
}

static int read_document(struct config *c, const struct ini *ini,
                         struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "document");
	struct ini_entry *e;
	size_t before = dl->errors;

	if (!s)
		return diag_error(dl, ini->file, 0, "missing required section "
		                  "[document]");
	c->title = config_req_string(s, "title", dl);
	c->marking = config_opt_string(s, "marking");
	e = ini_get(s, "marking");
	c->marking_file = xstrdup(e ? e->file : ini->file);
	c->marking_line = e ? e->line : 0;
	c->subtitle = config_opt_string(s, "subtitle");
	c->author = config_opt_string(s, "author");
	c->subject = config_opt_string(s, "subject");
	c->keywords = config_opt_string(s, "keywords");
	c->organisation = config_opt_string(s, "organisation");
	config_read_dates(c, s, dl);
	ini_number(s, "max_source_age", 1, 36500, &c->max_source_age, dl);
	ini_bool(s, "allow_bidi", &c->allow_bidi, dl);
	read_link_schemes(c, s, dl);
	read_typography(c, s, dl);
	e = ini_get(s, "citations");
	c->citations_line = e ? e->line : 0;
	ini_bool(s, "citations", &c->citations, dl);
	ini_check_unused(s, document_keys, dl);
	return dl->errors > before ? -1 : 0;
}

static int read_page(struct config *c, const struct ini *ini,
                     struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "page");
	struct style *st = &c->style;
	double *margins[] = { &st->margin_top, &st->margin_bottom,
	                      &st->margin_left, &st->margin_right };
	size_t before = dl->errors;

	if (!s)
		return 0;
	config_page_size(s, st, dl);
	config_page_starts(c, s, dl);
	ini_bool(s, "duplex", &st->duplex, dl);
	ini_bool(s, "chart_landscape", &st->chart_landscape, dl);
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
			char *dir = config_entry_dir(e);

			c->fonts[f] = path_join(dir, e->value);
			free(dir);
		} else {
			c->fonts[f] = xstrdup(e->value);
		}
	}
	return s ? ini_check_unused(s, font_keys, dl) : 0;
}

static int read_data(struct config *c, const struct ini *ini,
                     struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "data");
	size_t before = dl->errors;

	if (!s || s->len == 0)
		return diag_error(dl, s ? s->file : ini->file, s ? s->line : 0,
		                  "[data]: no data files named; add e.g. "
		                  "'mission = ../data/mission.ini'");
	c->data_files = xcalloc(s->len, sizeof *c->data_files);
	c->data_ref_files = xcalloc(s->len, sizeof *c->data_ref_files);
	c->data_lines = xcalloc(s->len, sizeof *c->data_lines);
	for (size_t i = 0; i < s->len; i++) {
		char *dir = config_entry_dir(&s->entries[i]);

		s->entries[i].used = true;
		c->data_ref_files[c->data_len] = xstrdup(s->entries[i].file);
		c->data_lines[c->data_len] = s->entries[i].line;
		c->data_files[c->data_len++] = path_join(dir, s->entries[i].value);
		free(dir);
		/* read twice, every fact of it would be "already defined" */
		for (size_t k = 0; k + 1 < c->data_len; k++)
			if (strcmp(c->data_files[k], c->data_files[c->data_len - 1]) == 0)
				diag_error(dl, s->entries[i].file, s->entries[i].line,
				           "[data] %s: '%s' is named already by '%s' "
				           "(line %d)", s->entries[i].key,
				           s->entries[i].value, s->entries[k].key,
				           s->entries[k].line);
	}
	return dl->errors > before ? -1 : 0;
}

static void check_section_names(const struct ini *ini, struct diag_list *dl)
{
	static const char *const known[] = {
		"document", "page", "fonts", "style", "labels", "data", "cover",
		"hyphenation", "classification", NULL
	};

	for (size_t i = 0; i < ini->len; i++) {
		const char *name = ini->sections[i].name;
		const char *hint;

		if (strncmp(name, "section.", 8) == 0 && name[8])
			continue;
		if (strncmp(name, "table.", 6) == 0 && name[6])
			continue;
		if (strncmp(name, "orgchart.", 9) == 0 && name[9])
			continue;
		if (strncmp(name, "image.", 6) == 0 && name[6])
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
		           "[fonts], [style], [labels], [data], [cover], [hyphenation], "
		           "[classification], "
		           "[section.NAME], [table.FACT], [orgchart.FACT] or "
		           "[image.FACT])",
		           hint ? hint : "", hint ? "])" : "");
	}
}

/* A figures fact's items are numbered keys, which stop at 1000000. */
#define COVER_MAX_ITEM 1000000

/* [cover]: its presence asks for a cover page; numbered keys pick key
 * figures, "N = FACT ITEM" (item ITEM of figures fact FACT). */
static int read_cover(struct config *c, const struct ini *ini,
                      struct diag_list *dl)
{
	static const char *const keys[] = { "page_number", "image", "image_width",
	                                    "image_position", NULL };
	struct ini_section *s = ini_find(ini, "cover");
	struct ini_numbered *items;
	size_t n, before = dl->errors;

	if (!s)
		return 0;
	c->cover = true;
	ini_bool(s, "page_number", &c->style.cover_page_number, dl);
	items = ini_numbered(s, &n, dl);
	c->cover_figures = xcalloc(n ? n : 1, sizeof *c->cover_figures);
	for (size_t i = 0; i < n; i++) {
		const struct ini_entry *e = items[i].entry;
		const char *sp = strrchr(e->value, ' ');
		char *end = NULL;
		long num = 0;
		struct config_cover_figure *f;

		/* strtol saturates at LONG_MAX with ERANGE, and a long beyond
		 * INT_MAX would wrap when stored: both are refused. */
		errno = 0;
		if (sp && sp[1] >= '0' && sp[1] <= '9')
			num = strtol(sp + 1, &end, 10);
		if (!sp || !end || *end || items[i].minor) {
			diag_error(dl, e->file, e->line, "[cover] %s: expected 'FACT "
			           "ITEM', e.g. '1 = mission.figures 2'", e->key);
			continue;
		}
		if (errno == ERANGE || num < 1 || num > COVER_MAX_ITEM) {
			diag_error(dl, e->file, e->line, "[cover] %s: item number '%s' "
			           "is out of range (1 to %d)", e->key, sp + 1,
			           COVER_MAX_ITEM);
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

struct config *config_parse_defines(const char *buf, size_t len,
                                    const char *name,
                                    const struct config_defines *defs,
                                    struct diag_list *dl)
{
	struct config *c;
	struct path_set files = { 0 };
	struct ini *ini = config_read_layers(buf, len, name, defs, &files, dl);
	size_t before = dl->errors;

	if (!ini) {
		path_set_release(&files);
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->file = xstrdup(name);
	/* every file read, in the order read: the config, then its includes */
	c->files = files.items;
	c->files_len = files.len;
	style_default(&c->style);
	c->sections = xcalloc(ini->len, sizeof *c->sections);
	c->tables = xcalloc(ini->len, sizeof *c->tables);
	c->orgcharts = xcalloc(ini->len, sizeof *c->orgcharts);
	c->images = xcalloc(ini->len, sizeof *c->images);
	check_section_names(ini, dl);
	config_record_fact_sections(c, ini);
	/* first: it reads [document] language, which read_document's check
	 * for unknown keys must then find used */
	config_read_hyphenation(c, ini, dl);
	read_document(c, ini, dl);
	config_read_classification(c, ini, dl);
	if (!c->allow_bidi)
		values_check_bidi(ini, dl);
	config_read_placed_images(c, ini, dl);
	read_page(c, ini, dl);
	read_fonts(c, ini, dl);
	config_read_style(c, ini, dl);
	config_read_labels(c, ini, dl);
	read_data(c, ini, dl);
	read_cover(c, ini, dl);
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];

		if (strncmp(s->name, "section.", 8) == 0 && s->name[8])
			config_read_section(c, s, dl);
		else if (strncmp(s->name, "table.", 6) == 0 && s->name[6])
			config_read_table(c, s, dl);
		else if (strncmp(s->name, "orgchart.", 9) == 0 && s->name[9])
			config_read_orgchart(c, s, dl);
		else if (strncmp(s->name, "image.", 6) == 0 && s->name[6])
			config_read_image(c, s, dl);
	}
	if (c->sections_len == 0)
		diag_error(dl, name, 0, "no [section.NAME] sections: the briefing "
		           "would be empty");
	config_warn_empty_sections(c, ini, dl);
	ini_free(ini);
	if (dl->errors > before) {
		config_free(c);
		return NULL;
	}
	return c;
}

struct config *config_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl)
{
	return config_parse_defines(buf, len, name, NULL, dl);
}

/* config_parse_defines() as file_parse_at() calls it; ctx is defs. */
static void *parse_config(void *ctx, const char *buf, size_t len,
                          const char *name, struct diag_list *dl)
{
	return config_parse_defines(buf, len, name, ctx, dl);
}

struct config *config_load_defines(const char *path,
                                   const struct config_defines *defs,
                                   struct diag_list *dl)
{
	/* file_parse_at() passes a void *: the cast drops only const */
	return file_parse_at(path, NULL, 0, parse_config,
	                     (struct config_defines *)defs, dl);
}

struct config *config_load(const char *path, struct diag_list *dl)
{
	return config_load_defines(path, NULL, dl);
}

static void section_release(struct config_section *s)
{
	for (size_t j = 0; j < s->len; j++) {
		free(s->blocks[j].fact);
		free(s->blocks[j].file);
	}
	free(s->blocks);
	free(s->id);
	free(s->file);
	free(s->title);
}

static void table_release(struct config_table *t)
{
	for (size_t j = 0; j < t->len; j++) {
		free(t->columns[j].field);
		free(t->columns[j].title);
		free(t->columns[j].file);
	}
	free(t->columns);
	free(t->fact);
	free(t->date_format);
	free(t->caption);
	free(t->caption_file);
	free(t->file);
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
	config_release_dates(c);
	xfree_strings(c->link_schemes, c->link_schemes_len);
	for (size_t i = 0; i < c->data_len; i++) {
		free(c->data_files[i]);
		free(c->data_ref_files[i]);
	}
	free(c->data_files);
	free(c->data_ref_files);
	free(c->data_lines);
	xfree_strings(c->files, c->files_len);
	for (int f = 0; f < FACE_COUNT; f++) {
		free(c->fonts[f]);
		free(c->font_files[f]);
	}
	for (size_t i = 0; i < c->sections_len; i++)
		section_release(&c->sections[i]);
	free(c->sections);
	for (size_t i = 0; i < c->tables_len; i++)
		table_release(&c->tables[i]);
	free(c->tables);
	for (size_t i = 0; i < c->orgcharts_len; i++) {
		free(c->orgcharts[i].fact);
		free(c->orgcharts[i].caption);
		free(c->orgcharts[i].caption_file);
		free(c->orgcharts[i].file);
	}
	free(c->orgcharts);
	for (size_t i = 0; i < c->cover_figures_len; i++) {
		free(c->cover_figures[i].fact);
		free(c->cover_figures[i].file);
	}
	free(c->cover_figures);
	config_fact_sections_release(c);
	config_hyphenation_release(c);
	config_classification_release(c);
	config_images_release(c);
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

const struct config_orgchart *config_orgchart_for(const struct config *c,
                                                  const char *fact)
{
	for (size_t i = 0; i < c->orgcharts_len; i++)
		if (strcmp(c->orgcharts[i].fact, fact) == 0)
			return &c->orgcharts[i];
	return NULL;
}
