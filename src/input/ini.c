/*
 * ini.c: a line-numbering scan in front of iniparser.
 *
 * The scan (ini_scan.c) mirrors iniparser 4.1's grammar closely enough to
 * know the line of every key and to reject what iniparser would mangle;
 * this file rejects NUL bytes and invalid UTF-8 first. Only a clean file
 * goes on to iniparser, whose values are then attached to the scanned
 * entries, so the values users get are exactly iniparser's.
 *
 * iniparser 4.1 reads only named files; to parse a buffer we hand it an
 * anonymous memory file (memfd) through /proc/self/fd.
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
#include <sys/mman.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "briefing/base/fileio.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

/* iniparser reports syntax errors through a process-wide callback with no
 * user data. We set it around our own iniparser_load() call only and keep
 * the first message; the scan has already rejected everything we know
 * iniparser would, so this is a safety net, not the main path. */
static char iniparser_message[256];

static int record_iniparser_error(const char *fmt, ...)
{
	va_list ap;

	if (iniparser_message[0])
		return 0;
	va_start(ap, fmt);
	vsnprintf(iniparser_message, sizeof iniparser_message, fmt, ap);
	va_end(ap);
	for (char *c = iniparser_message; *c; c++)
		if (*c == '\n')
			*c = ' ';
	return 0;
}

static dictionary *load_with_iniparser(const char *buf, size_t len,
                                       const char *name, struct diag_list *dl)
{
	char path[64];
	dictionary *d;
	int fd = memfd_create("briefing-ini", MFD_CLOEXEC);

	if (fd < 0) {
		diag_error(dl, name, 0, "cannot create memory file: %s",
		           strerror(errno));
		return NULL;
	}
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n <= 0) {
			diag_error(dl, name, 0, "cannot fill memory file: %s",
			           strerror(errno));
			close(fd);
			return NULL;
		}
		off += (size_t)n;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	iniparser_message[0] = '\0';
	iniparser_set_error_callback(record_iniparser_error);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	close(fd);
	if (!d || iniparser_message[0]) {
		diag_error(dl, name, 0, "iniparser cannot read the file: %s",
		           iniparser_message[0] ? iniparser_message : "unknown error");
		iniparser_freedict(d);
		return NULL;
	}
	return d;
}

struct ini *ini_parse(const char *buf, size_t len, const char *name,
                      struct diag_list *dl)
{
	struct ini *ini = xcalloc(1, sizeof *ini);
	const char *nul = memchr(buf, '\0', len);
	dictionary *d = NULL;
	size_t bad;

	ini->file = xstrdup(name);
	ini->files = xmalloc(sizeof *ini->files);
	ini->files[ini->files_len++] = ini->file;
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
	if (ini_scan(ini, buf, len, dl) != 0)
		goto fail;
	d = load_with_iniparser(buf, len, name, dl);
	if (!d)
		goto fail;
	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];

		for (size_t j = 0; j < s->len; j++) {
			char *full = xasprintf("%s:%s", s->name, s->entries[j].key);
			const char *v = iniparser_getstring(d, full, NULL);

			s->entries[j].value = xstrdup(v ? v : "");
			free(full);
		}
	}
	iniparser_freedict(d);
	return ini;
fail:
	ini_free(ini);
	return NULL;
}

struct ini *ini_load(const char *path, struct diag_list *dl)
{
	char *buf;
	size_t len;
	struct ini *ini;

	if (file_read(path, &buf, &len, dl) != 0)
		return NULL;
	ini = ini_parse(buf, len, path, dl);
	free(buf);
	return ini;
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
		}
		free(s->entries);
		free(s->name);
	}
	free(ini->sections);
	for (size_t i = 0; i < ini->files_len; i++)
		free(ini->files[i]);
	free(ini->files);
	free(ini->include);
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
				free(t->key);
				free(t->value);
				*t = *e;
			} else {
				s->entries = xgrow(s->entries, &s->cap, s->len + 1,
				                   sizeof *s->entries);
				s->entries[s->len++] = *e;
			}
			t = ini_get(s, e->key);
			t->used = false;
		}
		o->len = 0;
	}
	ini_free(overlay);
}

struct ini_section *ini_find(const struct ini *ini, const char *name)
{
	for (size_t i = 0; i < ini->len; i++)
		if (strcmp(ini->sections[i].name, name) == 0)
			return &ini->sections[i];
	return NULL;
}

struct ini_entry *ini_get(struct ini_section *s, const char *key)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < s->len; i++) {
		if (strcmp(s->entries[i].key, key) == 0) {
			s->entries[i].used = true;
			return &s->entries[i];
		}
	}
	return NULL;
}

const char *ini_value(struct ini_section *s, const char *key)
{
	struct ini_entry *e = ini_get(s, key);

	return e ? e->value : NULL;
}

size_t ini_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row, result;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	row = xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
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

struct ini_numbered *ini_numbered(struct ini_section *s, size_t *count)
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
	*count = n;
	return items;
}
