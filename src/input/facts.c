/*
 * facts.c: data INI files (and the CSV tables they name) -> struct facts.
 *
 * Invariant: every fact in the store is complete and valid for its kind,
 * carries the file and line it came from, and points at its file's source.
 *
 * This file drives the reading and keeps the store; a file's [source] is
 * facts_source.c, a table fact's CSV facts_csv.c, and the Markdown and
 * snapshot files facts_text.c.
 */
#define _POSIX_C_SOURCE 200809L
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "csvfile.h"
#include "values.h"

static const char *const kind_names[] = { "text", "list", "figures", "table",
                                          "orgchart", "changes", "image",
                                          NULL };

const char *fact_kind_name(enum fact_kind k)
{
	return kind_names[k];
}

static void set_schemes(struct facts *f, char *const *schemes, size_t n)
{
	xfree_strings(f->link_schemes, f->link_schemes_len);
	f->link_schemes = xcalloc(n ? n : 1, sizeof *f->link_schemes);
	for (size_t i = 0; i < n; i++)
		f->link_schemes[i] = xstrdup(schemes[i]);
	f->link_schemes_len = n;
}

struct facts *facts_new(void)
{
	static char *const defaults[] = { "http", "https", "mailto" };
	struct facts *f = xcalloc(1, sizeof(struct facts));

	f->index = xcalloc(1, sizeof *f->index);
	set_schemes(f, defaults, 3);
	class_scheme_default(&f->scheme);
	return f;
}

void facts_configure(struct facts *f, const struct config *c)
{
	f->allow_bidi = c->allow_bidi;
	set_schemes(f, c->link_schemes, c->link_schemes_len);
	class_scheme_release(&f->scheme);
	class_scheme_copy(&f->scheme, &c->classification.scheme);
}

const struct fact *facts_find(const struct facts *f, const char *name)
{
	size_t i = strhash_get(f->index, name, strlen(name));

	return i == STRHASH_NONE ? NULL : &f->items[i];
}

int facts_check_link(const struct facts *f, const char *uri,
                     const char *file, int line, const char *what,
                     struct diag_list *dl)
{
	return values_check_link(uri, f->link_schemes, f->link_schemes_len, file,
	                         line, what, dl);
}

const char *facts_suggest(const struct facts *f, const char *name)
{
	return facts_suggest_kind(f, name, -1);
}

const char *facts_suggest_kind(const struct facts *f, const char *name,
                               int kind)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; i < f->len; i++) {
		size_t d;

		if (kind >= 0 && f->items[i].kind != (enum fact_kind)kind)
			continue;
		d = ini_edit_distance(name, f->items[i].name);
		if (d < best_d) {
			best_d = d;
			best = f->items[i].name;
		}
	}
	return best_d <= strlen(name) / 3 + 1 ? best : NULL;
}

static void split_figure(const char *v, struct fact_item *item)
{
	const char *bar = strchr(v, '|');
	const char *a_end = bar, *b = bar + 1, *b_end = v + strlen(v);

	while (a_end > v && a_end[-1] == ' ')
		a_end--;
	while (*b == ' ')
		b++;
	while (b_end > b && b_end[-1] == ' ')
		b_end--;
	item->text = xstrndup(v, (size_t)(a_end - v));
	item->value = xstrndup(b, (size_t)(b_end - b));
}

/* Checks and copies the numbered items of a text, list or figures fact. */
static int read_items(const struct facts *f, const struct ini *ini,
                      struct ini_section *s, struct fact *fact,
                      struct diag_list *dl)
{
	struct ini_numbered *items;
	size_t n, before = dl->errors;
	int last_major = 0;

	items = ini_numbered(s, &n, dl);
	fact->items = xcalloc(n ? n : 1, sizeof *fact->items);
	for (size_t i = 0; i < n; i++) {
		const struct ini_entry *e = items[i].entry;
		struct fact_item *item = &fact->items[fact->len];

		if (!e->value[0]) {
			diag_error(dl, ini->file, e->line, "[%s] %s: empty item",
			           s->name, e->key);
			continue;
		}
		if (items[i].minor && fact->kind != FACT_LIST) {
			diag_error(dl, ini->file, e->line, "[%s] %s: only list items "
			           "can have sub-items", s->name, e->key);
			continue;
		}
		if (items[i].minor && items[i].major != last_major) {
			diag_error(dl, ini->file, e->line, "[%s] %s: sub-item of item "
			           "%d, which does not exist", s->name, e->key,
			           items[i].major);
			continue;
		}
		if (!items[i].minor)
			last_major = items[i].major;
		if (fact->kind == FACT_FIGURES) {
			const char *bar = strchr(e->value, '|');

			if (!bar || bar == e->value || !bar[1] || strchr(bar + 1, '|')) {
				diag_error(dl, ini->file, e->line, "[%s] %s: expected "
				           "'label | value'", s->name, e->key);
				continue;
			}
			split_figure(e->value, item);
			if (!item->text[0] || !item->value[0]) {
				diag_error(dl, ini->file, e->line, "[%s] %s: the figure "
				           "has an empty %s; expected 'label | value'",
				           s->name, e->key, item->text[0] ? "value" : "label");
				free(item->text);
				free(item->value);
				item->text = item->value = NULL;
				continue;
			}
		} else {
			item->text = xstrdup(e->value);
		}
		item->level = items[i].minor ? 1 : 0;
		item->number = items[i].major;
		item->minor = items[i].minor;
		item->line = e->line;
		/* classification.3 = NR marks item 3 (classification.2.1 its
		 * sub-item); a sub-item does not inherit its item's mark */
		item->mark = fact->mark;
		{
			char *lk = xasprintf("classification.%s", e->key);
			char *rk = xasprintf("releasable.%s", e->key);

			facts_read_mark(f, s, lk, rk, &item->mark, dl);
			free(lk);
			free(rk);
		}
		fact->len++;
	}
	free(items);
	if (n == 0)
		diag_error(dl, ini->file, s->line, "[%s]: a %s fact needs items "
		           "(keys 1, 2, ...)", s->name, kind_names[fact->kind]);
	return dl->errors > before ? -1 : 0;
}


static void fact_release(struct fact *f)
{
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].text);
		free(f->items[i].value);
	}
	free(f->items);
	free(f->name);
	free(f->file);
	free(f->intro);
	free(f->note);
	csvfile_free(f->table);
	for (size_t i = 0; i < f->codes_len; i++) {
		free(f->codes[i].field);
		free(f->codes[i].code);
		free(f->codes[i].meaning);
	}
	free(f->codes);
	for (size_t i = 0; i < f->units_len; i++) {
		free(f->units[i].id);
		free(f->units[i].name);
		free(f->units[i].detail);
		free(f->units[i].parent_id);
	}
	free(f->units);
	facts_release_changes(f);
	free(f->text_file);
	free(f->markdown);
	free(f->row_marks);
	for (size_t i = 0; i < f->departures_len; i++) {
		free(f->departures[i].part);
		free(f->departures[i].reason);
	}
	free(f->departures);
	free(f->departure_column);
	free(f->image_file);
	free(f->caption);
	free(f->alt);
	free(f->credit);
}

static bool valid_name(const char *s)
{
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		      *c == '.' || *c == '-' || *c == '_'))
			return false;
	return s[0] != '\0';
}

static int read_fact(struct facts *f, const struct ini *ini,
                     struct ini_section *s, const struct fact_source *src,
                     struct diag_list *dl)
{
	static const char *const item_keys[] = { "type", "intro", NULL };
	struct fact fact;
	struct ini_entry *type = ini_get(s, "type");
	const struct fact *dup = facts_find(f, s->name);
	int kind = 0;

	if (!valid_name(s->name))
		return diag_error(dl, ini->file, s->line, "[%s]: fact names use "
		                  "lower-case letters, digits, '.', '-' and '_'",
		                  s->name);
	if (dup)
		return diag_error(dl, ini->file, s->line, "[%s]: fact already "
		                  "defined at %s:%d", s->name, dup->file, dup->line);
	if (!type)
		return ini_missing(s, "type", dl);
	if (ini_choice(s, "type", kind_names, &kind, dl) != 1)
		return -1;
	memset(&fact, 0, sizeof fact);
	fact.name = xstrdup(s->name);
	fact.kind = (enum fact_kind)kind;
	fact.file = xstrdup(ini->file);
	fact.line = s->line;
	fact.source = src;
	fact.mark_column = fact.releasable_column = -1;
	if (src)
		fact.mark = src->mark;
	if (facts_read_mark(f, s, "classification", "releasable", &fact.mark,
	                    dl) != 0)
		goto fail;
	if (facts_read_departures(ini, s, &fact, dl) != 0)
		goto fail;
	if (fact.kind == FACT_TABLE) {
		if (facts_read_table(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_ORGCHART) {
		static const char *const chart_keys[] = { "type", NULL };

		if (ini_check_unused(s, chart_keys, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_IMAGE) {
		if (facts_read_image(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else if (fact.kind == FACT_TEXT && ini_get(s, "file")) {
		if (facts_read_markdown(f, ini, s, &fact, dl) != 0)
			goto fail;
	} else {
		const char *intro = ini_value(s, "intro");

		if (intro && fact.kind != FACT_LIST) {
			diag_error(dl, ini->file, ini_get(s, "intro")->line,
			           "[%s] intro: only a list has an intro", s->name);
			goto fail;
		}
		fact.intro = intro && intro[0] ? xstrdup(intro) : NULL;
		fact.intro_line = intro ? ini_get(s, "intro")->line : 0;
		if (read_items(f, ini, s, &fact, dl) != 0 ||
		    ini_check_unused(s, item_keys, dl) != 0)
			goto fail;
		if (fact.kind == FACT_CHANGES &&
		    facts_read_changes(ini->file, s->name, &fact, dl) != 0)
			goto fail;
	}
	if (fact.kind != FACT_ORGCHART && facts_check_departures(&fact, dl) != 0)
		goto fail;
	f->items = xgrow(f->items, &f->cap, f->len + 1, sizeof *f->items);
	f->items[f->len] = fact;
	strhash_put(f->index, fact.name, strlen(fact.name), f->len++);
	return 0;
fail:
	fact_release(&fact);
	return -1;
}

int facts_parse(struct facts *f, const char *buf, size_t len,
                const char *name, struct diag_list *dl)
{
	struct ini *ini = ini_parse(buf, len, name, dl);
	struct fact_source *src;
	size_t before = dl->errors, first = f->len;

	if (!ini)
		return -1;
	if (ini->includes_len)
		diag_error(dl, name, ini->include_lines[0], "include: only config files "
		           "can include another file");
	if (!f->allow_bidi)
		values_check_bidi(ini, dl);
	src = facts_read_source(f, ini, dl);
	/* an input even when it could not be read: watch mode waits for it */
	if (src && src->snapshot)
		path_set_add(&f->files, src->snapshot);
	if (src) {
		f->sources = xgrow(f->sources, &f->sources_cap, f->sources_len + 1,
		                   sizeof *f->sources); /* NOLINT(bugprone-sizeof-expression): array of pointers */
		f->sources[f->sources_len++] = src;
	}
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];
		struct fact *chart = facts_unit_owner(f, first, s);

		if (chart)
			facts_read_unit(f, chart, s, dl);
		else if (strcmp(s->name, "source") != 0 &&
		         strcmp(s->name, "classification") != 0)
			read_fact(f, ini, s, src, dl);
	}
	for (size_t i = first; i < f->len; i++)
		if (f->items[i].kind == FACT_ORGCHART &&
		    facts_check_chart(&f->items[i], dl) == 0)
			facts_check_departures(&f->items[i], dl);
	ini_free(ini);
	return dl->errors > before ? -1 : 0;
}

/* facts_parse() as file_parse_at() calls it: the store, or NULL. */
static void *parse_facts(void *f, const char *buf, size_t len,
                         const char *name, struct diag_list *dl)
{
	return facts_parse(f, buf, len, name, dl) == 0 ? f : NULL;
}

int facts_load(struct facts *f, const char *path, struct diag_list *dl)
{
	return facts_load_at(f, path, NULL, 0, dl);
}

int facts_load_at(struct facts *f, const char *path, const char *ref_file,
                  int ref_line, struct diag_list *dl)
{
	/* before reading: a file that cannot be read is still an input,
	 * which watch mode waits for */
	path_set_add(&f->files, path);
	return file_parse_at(path, ref_file, ref_line, parse_facts, f, dl) ?
	       0 : -1;
}

void facts_free(struct facts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->len; i++)
		fact_release(&f->items[i]);
	free(f->items);
	for (size_t i = 0; i < f->sources_len; i++) {
		free(f->sources[i]->snapshot);
		free(f->sources[i]->snapshot_text);
		free(f->sources[i]->file);
		free(f->sources[i]->title);
		free(f->sources[i]->url);
		free(f->sources[i]);
	}
	free(f->sources);
	path_set_release(&f->files);
	xfree_strings(f->link_schemes, f->link_schemes_len);
	class_scheme_release(&f->scheme);
	strhash_release(f->index);
	free(f->index);
	free(f);
}
