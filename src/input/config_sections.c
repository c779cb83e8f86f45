/*
 * config_sections.c: [section.NAME] and [table.FACT], the config's
 * ordered content: which blocks print where, and how table columns look.
 *
 * Invariant, as for the rest of config: only valid blocks and columns are
 * kept, and each bad one is reported with its file, line and key.
 */
#include "config_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/date.h"
#include "briefing/base/xalloc.h"

static const char *const section_keys[] = { "title", "level", "numbered",
                                            "required",
                                            /* config_geometry.c */
                                            "start", "orientation", NULL };
static const char *const table_keys[] = { "date_format", "caption",
                                          "caption_position", NULL };

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
		"text", "list", "figures", "table", "orgchart", "changes", "image",
		"pagebreak",
		"contents", "sources", "list_of_figures", "list_of_tables", NULL
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

int config_read_section(struct config *c, struct ini_section *s,
                        struct diag_list *dl)
{
	struct config_section *sec = &c->sections[c->sections_len++];
	struct ini_numbered *items;
	size_t n, before = dl->errors;
	double level = 1;
	bool required = false;

	memset(sec, 0, sizeof *sec);
	sec->id = xstrdup(s->name + strlen("section."));
	sec->file = xstrdup(s->file);
	sec->line = s->line;
	sec->title = config_req_string(s, "title", dl);
	ini_number(s, "level", 1, 2, &level, dl);
	sec->numbered = true;
	ini_bool(s, "numbered", &sec->numbered, dl);
	ini_bool(s, "required", &required, dl);
	if (level != 1 && level != 2)
		diag_error(dl, ini_get(s, "level")->file, ini_get(s, "level")->line,
		           "[%s] level: must be 1 or 2", s->name);
	sec->level = (int)level;
	config_section_geometry(c, s, sec, dl);
	items = ini_numbered(s, &n, dl);
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
			/* N.required = yes: this block must survive a release */
			char *key = xasprintf("%s.required", items[i].entry->key);
			struct config_block *b = &sec->blocks[sec->len];

			b->required = required && b->fact;
			if (ini_bool(s, key, &b->required, dl) == 1 && !b->fact)
				diag_error(dl, s->file, ini_get(s, key)->line, "[%s] %s: "
				           "only a block that names a fact can be "
				           "required", s->name, key);
			free(key);
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
	/* !(v > 0) also refuses "nan", which compares false to everything. */
	if (end == s || !isfinite(v) || !(v > 0) || v > 1000)
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

/* A caption section's caption (text, the key's place) and its
 * caption_position; shared by [table.FACT] and [orgchart.FACT]. */
static void config_read_caption(struct ini_section *s, char **text,
                                char **file, int *line,
                                enum caption_position *pos,
                                struct diag_list *dl)
{
	static const char *const places[] = { "above", "below", NULL };
	struct ini_entry *e = ini_get(s, "caption");
	int v;

	*text = config_opt_string(s, "caption");
	*file = e ? xstrdup(e->file) : NULL;
	*line = e ? e->line : 0;
	*pos = CAPTION_DEFAULT;
	if (ini_choice(s, "caption_position", places, &v, dl) == 1)
		*pos = v == 1 ? CAPTION_BELOW : CAPTION_ABOVE;
}

int config_read_table(struct config *c, struct ini_section *s,
                      struct diag_list *dl)
{
	struct config_table *t = &c->tables[c->tables_len++];
	struct ini_numbered *items;
	struct ini_entry *e;
	size_t n, before = dl->errors;

	memset(t, 0, sizeof *t);
	t->fact = xstrdup(s->name + strlen("table."));
	t->line = s->line;
	t->file = xstrdup(s->file);
	config_read_caption(s, &t->caption, &t->caption_file, &t->caption_line,
	                    &t->caption_position, dl);
	e = ini_get(s, "date_format");
	if (e) {
		char why[200];
		bool time = false;

		if (!date_pattern_check(e->value, &time, why, sizeof why))
			diag_error(dl, e->file, e->line, "[%s] date_format: '%s': %s",
			           s->name, e->value, why);
		else if (time)
			diag_error(dl, e->file, e->line, "[%s] date_format: '%s' "
			           "prints a time, and a table's dates have none",
			           s->name, e->value);
		else
			t->date_format = xstrdup(e->value);
	}
	items = ini_numbered(s, &n, dl);
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

/* ---- [orgchart.FACT] ---------------------------------------------------- */

static const char *const orgchart_keys[] = { "caption", "caption_position",
                                             NULL };

int config_read_orgchart(struct config *c, struct ini_section *s,
                         struct diag_list *dl)
{
	struct config_orgchart *o = &c->orgcharts[c->orgcharts_len++];
	size_t before = dl->errors;

	memset(o, 0, sizeof *o);
	o->fact = xstrdup(s->name + strlen("orgchart."));
	o->file = xstrdup(s->file);
	o->line = s->line;
	config_read_caption(s, &o->caption, &o->caption_file, &o->caption_line,
	                    &o->caption_position, dl);
	ini_check_unused(s, orgchart_keys, dl);
	return dl->errors > before ? -1 : 0;
}
