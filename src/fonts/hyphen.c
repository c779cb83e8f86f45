/*
 * hyphen.c: where words may be hyphenated, from libhyphen's patterns
 * (the ones LibreOffice uses, packaged by Debian as hyphen-LANG) and the
 * config's exceptions.
 *
 * Layout asks through struct hyphenator (fonts.h) with a word of letters
 * as printed; here it is lower-cased for the patterns, and the points
 * the minimums (left_min, right_min, in characters) or the capitals rule
 * exclude are dropped. An exception replaces the patterns for its word:
 * "Pris-tina" breaks only after "Pris", "NATO" never. Acronyms (two or
 * more letters, all capitals) are never hyphenated.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hyphen.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

#define HYPHEN_DIR "/usr/share/hyphen"
/* libhyphen's own limit on a word */
#define WORD_MAX 100

struct exception {
	char *word;          /* lower case, hyphens removed */
	size_t *points;      /* byte offsets in word */
	size_t len;
};

struct hyphen {
	HyphenDict *dict;
	struct exception *ex;
	size_t ex_len;
	int left_min, right_min;
	bool capitals;
	char hyphen_glyph[8];
	struct hyphenator cb;
	char *path;          /* the pattern file read (hyphen_path()) */
};

/* ASCII letters lower-cased; other bytes kept (the patterns are UTF-8
 * and hold lower-case accented letters, which text rarely capitalises
 * mid-sentence). */
static void lower(const char *s, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = '\0';
}

/* Code points in s[0..len). */
static size_t chars(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static const struct exception *find_exception(const struct hyphen *h,
                                              const char *w)
{
	for (size_t i = 0; i < h->ex_len; i++)
		if (strcmp(h->ex[i].word, w) == 0)
			return &h->ex[i];
	return NULL;
}

static size_t points(const void *ctx, const char *s, size_t len, size_t *at,
                     size_t max)
{
	const struct hyphen *h = ctx;
	char w[WORD_MAX + 1], hy[WORD_MAX + 5];
	const struct exception *e;
	size_t n = 0, upper = 0, total;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;

	if (len == 0 || len > WORD_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		upper += isupper((unsigned char)s[i]) != 0;
	total = chars(s, len);
	if ((upper && !h->capitals) || (upper >= 2 && upper == total))
		return 0;
	lower(s, len, w);
	e = find_exception(h, w);
	if (e) {
		for (size_t i = 0; i < e->len && n < max; i++)
			at[n++] = e->points[i];
		return n;
	}
	if (!h->dict || total < (size_t)h->left_min + (size_t)h->right_min)
		return 0;
	if (hnj_hyphen_hyphenate2(h->dict, w, (int)len, hy, NULL, &rep, &pos,
	                          &cut) != 0)
		return 0;
	for (size_t i = 0; i + 1 < len && n < max; i++) {
		size_t left, right;

		/* odd: a break after byte i; rep: a spelling change (not for
		 * the languages shipped; refused rather than misprinted) */
		if (!(hy[i] & 1) || (rep && rep[i]))
			continue;
		left = chars(w, i + 1);
		right = total - left;
		if (left >= (size_t)h->left_min && right >= (size_t)h->right_min)
			at[n++] = i + 1;
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
	}
	return n;
}

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
	h->dict = hnj_hyphen_load(path);
	if (!h->dict) {
		diag_error(dl, spec->file, spec->line, "[document] language: cannot "
		           "read the hyphenation patterns %s", path);
		free(path);
		free(h);
		return NULL;
	}
	h->path = path;
	for (size_t i = 0; i < spec->exceptions_len; i++)
		add_exception(h, spec->exceptions[i]);
	h->left_min = spec->left_min;
	h->right_min = spec->right_min;
	h->capitals = spec->capitals;
	snprintf(h->hyphen_glyph, sizeof h->hyphen_glyph, "%s",
	         spec->hyphen ? spec->hyphen : "-");
	h->cb.points = points;
	h->cb.hyphen = h->hyphen_glyph;
	h->cb.ctx = h;
	return h;
}

void hyphen_free(struct hyphen *h)
{
	if (!h)
		return;
	if (h->dict)
		hnj_hyphen_free(h->dict);
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
