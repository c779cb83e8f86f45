/*
 * hyphen_load.c: the hyphenator's making and freeing: the language tag
 * checked and turned into a patterns file (and the Debian package to
 * name when it is missing), the file read, the config's exceptions
 * parsed. Separate from hyphen.c, which looks words up, because none of
 * it runs after hyphen_load() returns.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "fonts/hyphen_internal.h"

#define HYPHEN_DIR "/usr/share/hyphen"

/* "Pris-tina" -> word "pristina", points { 4 }. */
static void add_exception(struct hyphen *h, const char *spec)
{
	struct exception *e;
	size_t len = strlen(spec), o = 0;

	h->ex = xrealloc(h->ex, (h->ex_len + 1) * sizeof *h->ex);
	e = &h->ex[h->ex_len++];
	e->word = xmalloc(len + 1);
	e->points = xcalloc(len ? len : 1, sizeof *e->points);
	e->len = 0;
	for (size_t i = 0; i < len; i++) {
		if (spec[i] == '-') {
			if (o > 0 && (e->len == 0 || e->points[e->len - 1] != o))
				e->points[e->len++] = o;
			continue;
		}
		e->word[o++] = (char)tolower((unsigned char)spec[i]);
	}
	e->word[o] = '\0';
	/* a trailing hyphen marks no point */
	while (e->len && e->points[e->len - 1] >= o)
		e->len--;
}

/* "en-GB" -> "en_GB"; the Debian package "hyphen-en-gb", or for other
 * languages "hyphen-" and the language alone ("hyphen-de"). */
static void names(const char *lang, char *file, size_t fsize, char *pkg,
                  size_t psize)
{
	size_t n = strlen(lang);
	char primary[16];
	size_t k = strcspn(lang, "-_");

	snprintf(file, fsize, "hyph_%s.dic", lang);
	for (char *p = file; *p; p++)
		if (*p == '-')
			*p = '_';
	snprintf(primary, sizeof primary, "%.*s", (int)(k < 15 ? k : 15), lang);
	for (char *p = primary; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(primary, "en") == 0 && n > k) {
		snprintf(pkg, psize, "hyphen-%s", lang);
		for (char *p = pkg; *p; p++) {
			if (*p == '_')
				*p = '-';
			else
				*p = (char)tolower((unsigned char)*p);
		}
	} else {
		snprintf(pkg, psize, "hyphen-%s", primary);
	}
}

struct hyphen *hyphen_load(const struct hyphen_spec *spec,
                           struct diag_list *dl)
{
	struct hyphen *h;
	char file[64], pkg[48], *path;
	const char *dir = spec->dir ? spec->dir : HYPHEN_DIR;

	for (const char *p = spec->language; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_') {
			diag_error(dl, spec->file, spec->line, "[document] language: "
			           "'%s' is not a language tag such as en-GB",
			           spec->language);
			return NULL;
		}
	if (!spec->language[0] || strlen(spec->language) > 35) {
		diag_error(dl, spec->file, spec->line, "[document] language: '%s' "
		           "is not a language tag such as en-GB", spec->language);
		return NULL;
	}
	names(spec->language, file, sizeof file, pkg, sizeof pkg);
	path = xasprintf("%s/%s", dir, file);
	if (access(path, R_OK) != 0) {
		/* "de" alone: the patterns are named for its main country */
		char *alt = NULL;

		if (!strchr(spec->language, '-') && !strchr(spec->language, '_')) {
			char up[40];
			size_t i;

			for (i = 0; spec->language[i] && i + 1 < sizeof up; i++)
				up[i] = (char)toupper((unsigned char)spec->language[i]);
			up[i] = '\0';
			alt = xasprintf("%s/hyph_%s_%s.dic", dir, spec->language, up);
		}
		if (!alt || access(alt, R_OK) != 0) {
			diag_error(dl, spec->file, spec->line, "[document] language: no "
			           "hyphenation patterns for '%s' (%s); install the "
			           "Debian package %s, or set [hyphenation] enabled = no",
			           spec->language, path, pkg);
			free(alt);
			free(path);
			return NULL;
		}
		free(path);
		path = alt;
	}
	h = xcalloc(1, sizeof *h);
	{
		/* file_read()'s own words would name no config line */
		struct diag_list quiet = { NULL, 0, 0, 0 };

		if (file_read(path, &h->dic, &h->dic_len, &quiet) != 0) {
			diag_release(&quiet);
			diag_error(dl, spec->file, spec->line, "[document] language: "
			           "cannot read the hyphenation patterns %s", path);
			free(path);
			free(h);
			return NULL;
		}
		diag_release(&quiet);
	}
	h->path = path;
	for (size_t i = 0; i < spec->exceptions_len; i++)
		add_exception(h, spec->exceptions[i]);
	h->left_min = spec->left_min;
	h->right_min = spec->right_min;
	h->capitals = spec->capitals;
	snprintf(h->hyphen_glyph, sizeof h->hyphen_glyph, "%s",
	         spec->hyphen ? spec->hyphen : "-");
	h->cb.points = hyphen_points;
	h->cb.hyphen = h->hyphen_glyph;
	h->cb.ctx = h;
	return h;
}

void hyphen_free(struct hyphen *h)
{
	if (!h)
		return;
	if (h->cut)
		hnj_hyphen_free(h->cut);
	if (h->full)
		hnj_hyphen_free(h->full);
	free(h->dic);
	free(h->w);
	free(h->slot);
	free(h->words);
	free(h->pts);
	free(h->raw);
	free(h->raw_slot);
	free(h->raw_keys);
	for (size_t i = 0; i < h->ex_len; i++) {
		free(h->ex[i].word);
		free(h->ex[i].points);
	}
	free(h->ex);
	free(h->path);
	free(h);
}

const struct hyphenator *hyphen_hyphenator(const struct hyphen *h)
{
	return &h->cb;
}

/* ---- the pattern file, for the list of a build's inputs ---- */

const char *hyphen_path(const struct hyphen *h)
{
	return h ? h->path : NULL;
}
