/*
 * ini_values.c: every value of an INI file, as iniparser 4.1 reads it.
 *
 * iniparser is the INI parser of record: the scan (ini_scan.c) finds
 * lines, sections, repeated keys and what iniparser would mangle, and
 * this pass hands the same logical lines to iniparser_load() and keeps
 * the values it returns. iniparser's dictionary searches every entry on
 * each insert and each lookup, so one call over a whole file costs time
 * quadratic in its keys (100,000 list items took minutes). We feed it
 * batches of at most INI_BATCH keys instead, each under its section's
 * header, so a file costs time linear in its size and iniparser still
 * reads every byte that becomes a value.
 *
 * iniparser reads files only, so each batch goes through a memfd.
 */
#define _GNU_SOURCE
#include "ini.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#include "briefing/base/xalloc.h"

/* Keys per iniparser call: its cost per call grows with the square of
 * this, the number of calls with its inverse. */
#define INI_BATCH 256

/* A batch: iniparser text for up to INI_BATCH entries, from one or more
 * sections, and the entries (with their section) it holds. */
struct batch {
	char *text;
	size_t len, cap;
	struct ini_entry *entries[INI_BATCH];
	const char *sections[INI_BATCH];
	size_t count;
	const char *section;   /* the section whose header was written last */
};

static void batch_put(struct batch *b, const char *s, size_t n)
{
	b->text = xgrow(b->text, &b->cap, b->len + n + 1, 1);
	memcpy(b->text + b->len, s, n);
	b->len += n;
	b->text[b->len] = '\0';
}

/* iniparser reports syntax errors through a process-wide callback with
 * no user data, the one global state we cannot avoid. It is set around
 * each iniparser_load() call only and keeps the first message; the scan
 * has already refused everything we know iniparser would, so this is a
 * safety net. */
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

/* Loads text[0..len) with iniparser through a memory file. */
static dictionary *load_text(const char *text, size_t len, const char *name,
                             int line, struct diag_list *dl)
{
	char path[64];
	dictionary *d;
	int fd = memfd_create("briefing-ini", MFD_CLOEXEC);

	if (fd < 0) {
		diag_error(dl, name, line, "cannot create a memory file: %s",
		           strerror(errno));
		return NULL;
	}
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, text + off, len - off);

		if (n <= 0) {
			diag_error(dl, name, line, "cannot fill a memory file: %s",
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
		diag_error(dl, name, line, "iniparser cannot read this part of "
		           "the file: %s", iniparser_message[0] ?
		           iniparser_message : "unknown error");
		iniparser_freedict(d);
		return NULL;
	}
	return d;
}

/* Runs the batch through iniparser, stores its values and empties it. */
static int run_batch(const struct ini *ini, struct batch *b,
                     struct diag_list *dl)
{
	dictionary *d;
	int rc = 0;

	if (b->count == 0)
		return 0;
	d = load_text(b->text, b->len, ini->file, b->entries[0]->line, dl);
	for (size_t i = 0; d && i < b->count; i++) {
		struct ini_entry *e = b->entries[i];
		char *full = xasprintf("%s:%s", b->sections[i], e->key);
		const char *v = iniparser_getstring(d, full, NULL);

		free(full);
		if (!v) {
			rc = diag_error(dl, ini->file, e->line, "[%s] %s: iniparser "
			                "does not read this key", b->sections[i], e->key);
			continue;
		}
		free(e->value);
		e->value = xstrdup(v);
	}
	iniparser_freedict(d);
	b->len = 0;
	b->count = 0;
	b->section = NULL;
	return d ? rc : -1;
}

/* Adds entry e of section s, under s's header when the batch has none. */
static void batch_add(struct batch *b, const struct ini_section *s,
                      struct ini_entry *e)
{
	if (b->section != s->name) {
		batch_put(b, "[", 1);
		batch_put(b, s->name, strlen(s->name));
		batch_put(b, "]\n", 2);
		b->section = s->name;
	}
	batch_put(b, e->key, strlen(e->key));
	batch_put(b, " =", 2);
	batch_put(b, e->raw, strlen(e->raw));
	batch_put(b, "\n", 1);
	free(e->raw);
	e->raw = NULL;
	b->entries[b->count] = e;
	b->sections[b->count++] = s->name;
}

int ini_values(struct ini *ini, struct diag_list *dl)
{
	struct batch *b = xcalloc(1, sizeof *b);
	int rc = 0;

	for (size_t i = 0; i < ini->len; i++) {
		struct ini_section *s = &ini->sections[i];

		for (size_t j = 0; j < s->len; j++) {
			batch_add(b, s, &s->entries[j]);
			if (b->count == INI_BATCH && run_batch(ini, b, dl) != 0)
				rc = -1;
		}
	}
	if (run_batch(ini, b, dl) != 0)
		rc = -1;
	free(b->text);
	free(b);
	return rc;
}
