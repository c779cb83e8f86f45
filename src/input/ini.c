/*
 * ini.c: INI files with line numbers: parse, merge, look up, read typed.
 *
 * This file rejects NUL bytes and invalid UTF-8 first; the scan
 * (ini_scan.c) then finds sections, keys and their lines in iniparser
 * 4.1's dialect, refusing what iniparser would mangle, and iniparser reads
 * the values (ini_values.c), in batches that keep its cost linear.
 * tests/test_ini.c checks, case by case, that the scan's reading of a
 * value is iniparser's, so its checks (text after a quote, ...) judge what
 * iniparser will keep.
 *
 * Sections and keys are found through hash tables (strhash.h), so every
 * lookup is constant time and a file costs time linear in its size.
 */
#define _GNU_SOURCE
#include "ini.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/suggest.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

struct ini *ini_new(const char *name)
{
	struct ini *ini = xcalloc(1, sizeof *ini);

	ini->file = xstrdup(name);
	ini->files = xmalloc(sizeof *ini->files);
	ini->files[ini->files_len++] = ini->file;
	return ini;
}

struct ini *ini_parse(const char *buf, size_t len, const char *name,
                      struct diag_list *dl)
{
	struct ini *ini = ini_new(name);
	const char *nul = memchr(buf, '\0', len);
	size_t bad;

	if (nul) {
		diag_error(dl, name, ini_line_of(buf, (size_t)(nul - buf)),
		           "NUL byte in text");
		goto fail;
	}
	if (!utf8_valid(buf, len, &bad)) {
		diag_error(dl, name, ini_line_of(buf, bad),
		           "invalid UTF-8 (byte 0x%02x at offset %zu)",
		           (unsigned char)buf[bad], bad);
		goto fail;
	}
	if (ini_scan(ini, buf, len, dl) != 0 || ini_values(ini, dl) != 0)
		goto fail;
	return ini;
fail:
	ini_free(ini);
	return NULL;
}

void ini_free(struct ini *ini)
{
	if (!ini)
		return;
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];

		for (size_t j = 0; j < s->len; j++) {
			free(s->entries[j].key);
			free(s->entries[j].value);
			free(s->entries[j].raw);
		}
		free(s->entries);
		free(s->name);
		strhash_release(&s->index);
	}
	free(ini->sections);
	strhash_release(&ini->index);
	xfree_strings(ini->files, ini->files_len);
	xfree_strings(ini->includes, ini->includes_len);
	free(ini->include_lines);
	free(ini);
}

void ini_merge(struct ini *base, struct ini *overlay)
{
	base->files = xrealloc(base->files, (base->files_len +
	                       overlay->files_len) * sizeof *base->files);
	for (size_t i = 0; i < overlay->files_len; i++)
		base->files[base->files_len++] = overlay->files[i];
	overlay->files_len = 0;
	for (size_t i = 0; i < overlay->len; i++) {
		struct ini_section *o = &overlay->sections[i];
		struct ini_section *s = ini_find(base, o->name);

		if (!s) {
			base->sections = xgrow(base->sections, &base->cap, base->len + 1,
			                       sizeof *base->sections);
			base->sections[base->len++] = *o;
			memset(o, 0, sizeof *o);
			continue;
		}
		for (size_t j = 0; j < o->len; j++) {
			struct ini_entry *e = &o->entries[j];
			struct ini_entry *t = ini_get(s, e->key);

			if (t) {
				/* Keep t's key string, which its index slot points to. */
				free(e->key);
				free(t->value);
				t->value = e->value;
				t->file = e->file;
				t->line = e->line;
				t->command_line = e->command_line;
			} else {
				s->entries = xgrow(s->entries, &s->cap, s->len + 1,
				                   sizeof *s->entries);
				t = &s->entries[s->len++];
				*t = *e;
				strhash_put(&s->index, t->key, strlen(t->key), s->len - 1);
			}
			t->used = false;
		}
		o->len = 0;
	}
	ini_free(overlay);
	strhash_release(&base->index);
	for (size_t i = 0; i < base->len; i++)
		strhash_put(&base->index, base->sections[i].name,
		            strlen(base->sections[i].name), i);
}

void ini_remove(struct ini_section *s, const char *key)
{
	size_t i = strhash_get(&s->index, key, strlen(key));

	if (i == STRHASH_NONE)
		return;
	free(s->entries[i].key);
	free(s->entries[i].value);
	free(s->entries[i].raw);
	memmove(&s->entries[i], &s->entries[i + 1],
	        (s->len - i - 1) * sizeof *s->entries);
	s->len--;
	/* every later index moved: rebuilding is linear, as a removal is */
	strhash_release(&s->index);
	for (size_t j = 0; j < s->len; j++)
		strhash_put(&s->index, s->entries[j].key,
		            strlen(s->entries[j].key), j);
}

struct ini_section *ini_find(const struct ini *ini, const char *name)
{
	size_t i = strhash_get(&ini->index, name, strlen(name));

	return i == STRHASH_NONE ? NULL : &ini->sections[i];
}

struct ini_entry *ini_get(struct ini_section *s, const char *key)
{
	size_t i;

	if (!s)
		return NULL;
	i = strhash_get(&s->index, key, strlen(key));
	if (i == STRHASH_NONE)
		return NULL;
	s->entries[i].used = true;
	return &s->entries[i];
}

const char *ini_value(struct ini_section *s, const char *key)
{
	struct ini_entry *e = ini_get(s, key);

	return e ? e->value : NULL;
}

size_t ini_edit_distance(const char *a, const char *b)
{
	return suggest_distance(a, b, false);
}

const char *ini_suggest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, limit = strlen(word) / 3 + 1;

	for (size_t i = 0; candidates && candidates[i]; i++) {
		size_t d = ini_edit_distance(word, candidates[i]);

		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

int ini_check_unused(const struct ini_section *s,
                     const char *const *allowed, struct diag_list *dl)
{
	int rc = 0;

	for (size_t i = 0; i < s->len; i++) {
		const struct ini_entry *e = &s->entries[i];
		const char *hint;

		if (e->used)
			continue;
		hint = ini_suggest(e->key, allowed);
		if (hint)
			rc = diag_error(dl, e->file, e->line,
			                "[%s] %s: unknown key (did you mean '%s'?)",
			                s->name, e->key, hint);
		else
			rc = diag_error(dl, e->file, e->line, "[%s] %s: unknown key",
			                s->name, e->key);
	}
	return rc;
}

int ini_missing(const struct ini_section *s,
                const char *key, struct diag_list *dl)
{
	return diag_error(dl, s->file, s->line, "[%s] %s: required key is missing",
	                  s->name, key);
}

int ini_number(struct ini_section *s, const char *key,
               double min, double max, double *out, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	char *end;
	double v;

	if (!e)
		return 0;
	/* strtod, not iniparser_getdouble: we never call setlocale(), so this
	 * is the C locale and "2.5" means two and a half everywhere. */
	errno = 0;
	v = strtod(e->value, &end);
	if (end == e->value || *end != '\0' || errno == ERANGE || !isfinite(v))
		return diag_error(dl, e->file, e->line,
		                  "[%s] %s: '%s' is not a number", s->name, key,
		                  e->value);
	if (v < min || v > max)
		return diag_error(dl, e->file, e->line,
		                  "[%s] %s: %g is out of range (%g to %g)", s->name,
		                  key, v, min, max);
	*out = v;
	return 1;
}

int ini_bool(struct ini_section *s, const char *key,
             bool *out, struct diag_list *dl)
{
	static const char *const choices[] = {
		"no", "yes", "false", "true", "off", "on", "0", "1", NULL
	};
	int idx;
	int rc = ini_choice(s, key, choices, &idx, dl);

	if (rc == 1)
		*out = idx % 2 == 1;
	return rc;
}

int ini_choice(struct ini_section *s, const char *key,
               const char *const *choices, int *out, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	char list[256] = "";
	size_t used = 0;

	if (!e)
		return 0;
	for (int i = 0; choices[i]; i++) {
		if (strcasecmp(e->value, choices[i]) == 0) {
			*out = i;
			return 1;
		}
		used += (size_t)snprintf(list + used, used < sizeof list ?
		                         sizeof list - used : 0, "%s%s",
		                         i ? ", " : "", choices[i]);
	}
	return diag_error(dl, e->file, e->line,
	                  "[%s] %s: '%s' is not one of: %s", s->name, key,
	                  e->value, list);
}

static bool parse_number_key(const char *k, int *major, int *minor)
{
	char *end;
	long a, b = 0;

	if (!isdigit((unsigned char)k[0]))
		return false;
	a = strtol(k, &end, 10);
	if (*end == '.') {
		if (!isdigit((unsigned char)end[1]))
			return false;
		b = strtol(end + 1, &end, 10);
		if (b < 1)
			return false;
	}
	if (*end != '\0' || a < 1 || a > 1000000 || b > 1000000)
		return false;
	*major = (int)a;
	*minor = (int)b;
	return true;
}

static int cmp_numbered(const void *pa, const void *pb)
{
	const struct ini_numbered *a = pa, *b = pb;

	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	return (a->minor > b->minor) - (a->minor < b->minor);
}

struct ini_numbered *ini_numbered(struct ini_section *s, size_t *count,
                                  struct diag_list *dl)
{
	struct ini_numbered *items = xcalloc(s->len ? s->len : 1, sizeof *items);
	size_t n = 0;

	for (size_t i = 0; i < s->len; i++) {
		int major, minor;

		if (!parse_number_key(s->entries[i].key, &major, &minor))
			continue;
		s->entries[i].used = true;
		items[n].entry = &s->entries[i];
		items[n].major = major;
		items[n].minor = minor;
		n++;
	}
	qsort(items, n, sizeof *items, cmp_numbered);
	/* Sorted, keys of one number ("2", "02"; "2.1", "2.01") are
	 * neighbours. The earlier line is named as the first. */
	for (size_t i = 1; i < n; i++) {
		const struct ini_entry *a = items[i - 1].entry, *b = items[i].entry;

		if (items[i].major != items[i - 1].major ||
		    items[i].minor != items[i - 1].minor)
			continue;
		if (a->line > b->line) {
			const struct ini_entry *t = a;

			a = b;
			b = t;
		}
		diag_error(dl, b->file, b->line, "[%s] %s: same number as key '%s' "
		           "(%s:%d)", s->name, b->key, a->key, a->file, a->line);
	}
	*count = n;
	return items;
}
