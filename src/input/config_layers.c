/*
 * config_layers.c: the layers one config is read from, merged in order.
 *
 * A config file may include several others, each of which may include
 * more. They apply like style sheets: the files a file includes first,
 * in the order of its include lines (a later one overrides an earlier
 * one), then the file itself; then the command line's -D overrides, in
 * their order. Each file applies once, at its first mention, so two
 * profiles that both include one base do not apply the base twice (which
 * would undo the first profile's changes to it).
 *
 * Nothing is removed by merging, with one exception: a later layer that
 * sets a block of a [section.NAME] to nothing ("2 =") removes the block
 * the layers before it set, as an empty assignment resets a list in a
 * systemd drop-in. In a single file an empty block stays an error.
 *
 * Invariant: a cycle is an error naming the chain, and a chain deeper
 * than MAX_INCLUDE_DEPTH is an error, so reading always ends.
 */
#define _GNU_SOURCE
#include "config_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/strbuf.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* Include files nest at most this deep (9 files in a chain). */
#define MAX_INCLUDE_DEPTH 8

/* The sections a -D may add when no file has them; every other section
 * (section.NAME and the per-fact ones: table.FACT, ...) must exist, so a typo
 * in its name is not a new, empty section. */
static const char *const fixed_sections[] = {
	"document", "page", "fonts", "style", "labels", "data", "cover",
	"hyphenation", "classification", NULL
};

struct walk {
	struct ini **layers;      /* in the order they apply */
	size_t len, cap;
	/* the include chain being read, as file names and identities */
	const char *chain[MAX_INCLUDE_DEPTH + 2];
	char *chain_ids[MAX_INCLUDE_DEPTH + 2];
	size_t depth;
	struct path_set applied;  /* identities of the files read */
	struct path_set *files;   /* their names, in the order of reading */
};

/* What tells two names of one file apart from two files: its real path,
 * or the name itself when it has none (a buffer, in tests and fuzzing). */
static char *identity(const char *name)
{
	char *real = realpath(name, NULL);

	return real ? real : xstrdup(name);
}

static int walk_file(struct walk *w, const char *buf, size_t len,
                     const char *name, struct diag_list *dl);

/* walk_file() as file_parse_at() calls it: any non-NULL pointer is
 * success. */
static void *walk_included(void *ctx, const char *buf, size_t len,
                           const char *name, struct diag_list *dl)
{
	return walk_file(ctx, buf, len, name, dl) == 0 ? ctx : NULL;
}

/* "a.ini -> b.ini -> a.ini": the chain that comes back to again. */
static int report_cycle(const struct walk *w, const char *name, int line,
                        const char *again, const char *again_id,
                        struct diag_list *dl)
{
	struct strbuf b = { NULL, 0, 0 };
	size_t from = 0;
	int rc;

	while (from < w->depth && strcmp(w->chain_ids[from], again_id) != 0)
		from++;
	for (size_t i = from; i < w->depth; i++)
		strbuf_addf(&b, "%s -> ", w->chain[i]);
	strbuf_addf(&b, "%s", again);
	rc = diag_error(dl, name, line, "include: a file includes itself "
	                "(%s)", b.s);
	free(b.s);
	return rc;
}

/* Reads the include at index i of ini (the file name, at depth w->depth),
 * unless it has applied already. Returns 0 or -1. */
static int walk_include(struct walk *w, const struct ini *ini, size_t i,
                        const char *name, struct diag_list *dl)
{
	char *dir = path_dirname(name);
	char *path = path_join(dir, ini->includes[i]);
	char *id = identity(path);
	int line = ini->include_lines[i], rc = 0;

	free(dir);
	for (size_t k = 0; k < w->depth; k++)
		if (strcmp(w->chain_ids[k], id) == 0)
			rc = report_cycle(w, name, line, path, id, dl);
	if (rc == 0 && !path_set_has(&w->applied, id)) {
		if (w->depth > MAX_INCLUDE_DEPTH)
			rc = diag_error(dl, name, line, "include: files nest more "
			                "than %d deep", MAX_INCLUDE_DEPTH);
		else if (!file_parse_at(path, name, line, walk_included, w, dl))
			rc = -1;
	}
	free(id);
	free(path);
	return rc;
}

/* Parses name, walks its includes, then adds it as a layer. Every
 * include is tried, so one missing file does not hide the others'
 * errors. */
static int walk_file(struct walk *w, const char *buf, size_t len,
                     const char *name, struct diag_list *dl)
{
	struct ini *ini = ini_parse(buf, len, name, dl);
	char *id;
	int rc = 0;

	path_set_add(w->files, name);
	if (!ini)
		return -1;
	id = identity(name);
	w->chain[w->depth] = name;
	w->chain_ids[w->depth++] = id;
	for (size_t i = 0; i < ini->includes_len; i++)
		if (walk_include(w, ini, i, name, dl) != 0)
			rc = -1;
	w->depth--;
	path_set_add(&w->applied, id);
	free(id);
	w->layers = xgrow(w->layers, &w->cap, w->len + 1, sizeof(struct ini *));
	w->layers[w->len++] = ini;
	return rc;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Before layer goes over base: every "N =" (empty) of a [section.NAME]
 * of layer that base has a block N for removes that block, and its
 * N.required, from both. */
static void remove_emptied_blocks(struct ini *base, struct ini *layer)
{
	for (size_t i = 0; i < layer->len; i++) {
		struct ini_section *ls = &layer->sections[i];
		struct ini_section *bs = ini_find(base, ls->name);

		if (!bs || strncmp(ls->name, "section.", 8) != 0)
			continue;
		for (size_t j = ls->len; j-- > 0;) {
			char *key = ls->entries[j].key, *required;

			if (ls->entries[j].value[0] || !all_digits(key) ||
			    !ini_get(bs, key))
				continue;
			required = xasprintf("%s.required", key);
			ini_remove(bs, key);
			ini_remove(bs, required);
			free(required);
			ini_remove(ls, key);
		}
	}
}

/* The names that a -D's section may be: the config's sections and the
 * fixed ones, NULL-terminated, for suggestions. The caller frees the
 * array (not the names). */
static const char **section_names(const struct ini *ini)
{
	size_t n = 0;
	const char **v = xcalloc(ini->len + COUNT(fixed_sections) + 1,
	                         sizeof *v);

	for (size_t i = 0; i < ini->len; i++)
		v[n++] = ini->sections[i].name;
	for (size_t i = 0; fixed_sections[i]; i++)
		v[n++] = fixed_sections[i];
	return v;
}

static bool is_fixed(const char *name, size_t len)
{
	for (size_t i = 0; fixed_sections[i]; i++)
		if (strlen(fixed_sections[i]) == len &&
		    memcmp(fixed_sections[i], name, len) == 0)
			return true;
	return false;
}

/* Splits lhs ("section.kfor.2.required", lower case) into a section and
 * a key: the longest run of leading dotted words that names a section of
 * ini, else the first word when it is a fixed section (which the -D then
 * adds). *dot gets the dot between them. Returns 0, or -1 after
 * reporting, with a suggestion, a section no file has. */
static int split_name(const struct ini *ini, char *lhs, const char *name,
                      char **dot, struct diag_list *dl)
{
	size_t n = strlen(lhs);
	char *first = strchr(lhs, '.'), *at = strrchr(lhs, '.');
	const char **names, *hint = NULL;

	for (size_t i = n; i-- > 0;) {
		struct ini_section *s;

		if (lhs[i] != '.')
			continue;
		lhs[i] = '\0';
		s = ini_find(ini, lhs);
		lhs[i] = '.';
		if (s) {
			*dot = lhs + i;
			return 0;
		}
	}
	if (is_fixed(lhs, (size_t)(first - lhs))) {
		*dot = first;
		return 0;
	}
	/* the closest section any split names, trying the longest first */
	names = section_names(ini);
	for (size_t i = n; i-- > 0 && !hint;) {
		if (lhs[i] != '.')
			continue;
		lhs[i] = '\0';
		hint = ini_suggest(lhs, names);
		lhs[i] = '.';
		if (hint)
			at = lhs + i;
	}
	*at = '\0';
	if (hint)
		diag_error(dl, name, 0, "no section [%s] to set '%s' in (did you "
		           "mean [%s]?)", lhs, at + 1, hint);
	else
		diag_error(dl, name, 0, "no section [%s] to set '%s' in; -D sets "
		           "a key of a section the config has, or of [document], "
		           "[page], [fonts], [style], [labels], [data], [cover], "
		           "[hyphenation] or [classification]", lhs, at + 1);
	*at = '.';
	free(names);
	return -1;
}

/* Lays one -D, "section.key=value", over ini, as if it were the last
 * line of a file named "-D section.key=value": the value is read with
 * the same quoting and checks, and every diagnostic about it names the
 * option. Returns 0 or -1. */
static int apply_define(struct ini *ini, const char *def,
                        struct diag_list *dl)
{
	const char *eq = strchr(def, '=');
	char *name = xasprintf("-D %s", def), *lhs = NULL, *dot, *text;
	struct ini *layer = NULL;
	size_t bad;
	int rc = -1;

	if (!eq || eq == def || !memchr(def, '.', (size_t)(eq - def))) {
		diag_error(dl, name, 0, "expected -D SECTION.KEY=VALUE, e.g. "
		           "-D page.size=letter");
		goto done;
	}
	if (!utf8_valid(def, strlen(def), &bad)) {
		diag_error(dl, name, 0, "invalid UTF-8 (byte 0x%02x at offset "
		           "%zu)", (unsigned char)def[bad], bad);
		goto done;
	}
	if (strpbrk(def, "\r\n")) {
		diag_error(dl, name, 0, "a value given with -D cannot hold a "
		           "line break");
		goto done;
	}
	lhs = xstrndup(def, (size_t)(eq - def));
	for (char *c = lhs; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	if (lhs[0] == '.' || eq[-1] == '.' || strstr(lhs, "..")) {
		diag_error(dl, name, 0, "expected -D SECTION.KEY=VALUE, e.g. "
		           "-D page.size=letter");
		goto done;
	}
	if (split_name(ini, lhs, name, &dot, dl) != 0)
		goto done;
	*dot = '\0';
	layer = ini_new(name);
	text = xasprintf("%s =%s", dot + 1, eq + 1);
	rc = ini_scan_entry(layer, lhs, text, strlen(text), 0, dl);
	free(text);
	if (rc == 0)
		rc = ini_values(layer, dl);
	if (rc == 0) {
		layer->sections[0].entries[0].command_line = true;
		remove_emptied_blocks(ini, layer);
		ini_merge(ini, layer);
		layer = NULL;
	}
done:
	ini_free(layer);
	free(lhs);
	free(name);
	return rc;
}

struct ini *config_read_layers(const char *buf, size_t len, const char *name,
                               const struct config_defines *defs,
                               struct path_set *files, struct diag_list *dl)
{
	struct walk w = { .files = files };
	struct ini *ini = NULL;
	int rc = walk_file(&w, buf, len, name, dl);

	if (rc == 0) {
		ini = w.layers[0];
		for (size_t i = 1; i < w.len; i++) {
			remove_emptied_blocks(ini, w.layers[i]);
			ini_merge(ini, w.layers[i]);
		}
		w.len = 0;
		for (size_t i = 0; defs && i < defs->len; i++)
			if (apply_define(ini, defs->items[i], dl) != 0)
				rc = -1;
	}
	for (size_t i = 0; i < w.len; i++)
		ini_free(w.layers[i]);
	free(w.layers);
	path_set_release(&w.applied);
	if (rc != 0) {
		ini_free(ini);
		return NULL;
	}
	return ini;
}

char *config_entry_dir(const struct ini_entry *e)
{
	return e->command_line ? xstrdup(".") : path_dirname(e->file);
}
