/*
 * classification.c: the classification scheme ([classification] in the
 * config), the release a build is for, and the marks of facts.
 *
 * The config defines an ordered list of levels (NATO's by default) and
 * the audiences a fact may be releasable to; the facts are read against
 * a copy of that scheme, so every mark in the data is a valid level or
 * audience by the time the model sees it. Invariant: a struct fact_mark
 * holds a level index below scheme.len and audience bits below
 * scheme.audiences_len.
 */
#define _POSIX_C_SOURCE 200809L
#include "config_internal.h"
#include "facts_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/xalloc.h"

static const char *const nato[][2] = {
	{ "NATO UNCLASSIFIED", "NU" }, { "NATO RESTRICTED", "NR" },
	{ "NATO CONFIDENTIAL", "NC" }, { "NATO SECRET", "NS" },
	{ "COSMIC TOP SECRET", "CTS" },
};

static const char *const classification_keys[] = {
	"audiences", "caveat_format", "portion_marks", "page_banners",
	"release_level", "releasable_to", NULL
};

int class_level_find(const struct class_scheme *s, const char *name)
{
	for (size_t i = 0; i < s->len; i++)
		if (strcasecmp(s->abbrevs[i], name) == 0 ||
		    strcasecmp(s->banners[i], name) == 0)
			return (int)i;
	return -1;
}

int class_audience_find(const struct class_scheme *s, const char *name)
{
	for (size_t i = 0; i < s->audiences_len; i++)
		if (strcasecmp(s->audiences[i], name) == 0)
			return (int)i;
	return -1;
}

/* "NR, NS, ..." for messages: the levels a value may name. */
static void level_list(const struct class_scheme *s, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < s->len && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		                         i ? ", " : "", s->abbrevs[i]);
}

/* The level named in value at file:line, or -1 after reporting it. */
static int level_at(const struct class_scheme *s, const char *value,
                    const char *file, int line, const char *what,
                    struct diag_list *dl)
{
	int l = class_level_find(s, value);
	char list[256];

	if (l >= 0)
		return l;
	level_list(s, list, sizeof list);
	diag_error(dl, file, line, "%s: unknown classification level '%s' "
	           "(levels: %s)", what, value, list);
	return -1;
}

int class_audiences_parse(const struct class_scheme *s, const char *value,
                          unsigned *mask, const char *file, int line,
                          const char *what, struct diag_list *dl)
{
	char *copy = xstrdup(value), *save = NULL;
	int rc = 0;

	*mask = 0;
	if (strcasecmp(value, "none") == 0) {
		free(copy);
		return 0;
	}
	for (char *w = strtok_r(copy, ", ", &save); w;
	     w = strtok_r(NULL, ", ", &save)) {
		int a = class_audience_find(s, w);

		if (a < 0)
			rc = diag_error(dl, file, line, "%s: unknown releasability "
			                "caveat '%s' (the config's [classification] "
			                "audiences: %s)", what, w,
			                s->audiences_len ? s->audiences[0] : "none");
		else
			*mask |= 1u << a;
	}
	free(copy);
	return rc;
}

void class_scheme_copy(struct class_scheme *to, const struct class_scheme *from)
{
	memset(to, 0, sizeof *to);
	for (size_t i = 0; i < from->len; i++) {
		to->banners[i] = xstrdup(from->banners[i]);
		to->abbrevs[i] = xstrdup(from->abbrevs[i]);
	}
	to->len = from->len;
	for (size_t i = 0; i < from->audiences_len; i++)
		to->audiences[i] = xstrdup(from->audiences[i]);
	to->audiences_len = from->audiences_len;
}

void class_scheme_release(struct class_scheme *s)
{
	for (size_t i = 0; i < s->len; i++) {
		free(s->banners[i]);
		free(s->abbrevs[i]);
	}
	for (size_t i = 0; i < s->audiences_len; i++)
		free(s->audiences[i]);
	memset(s, 0, sizeof *s);
}

void class_scheme_default(struct class_scheme *s)
{
	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < COUNT(nato); i++) {
		s->banners[i] = xstrdup(nato[i][0]);
		s->abbrevs[i] = xstrdup(nato[i][1]);
	}
	s->len = COUNT(nato);
}

/* N = "BANNER | ABBR": the levels, lowest first. */
static void read_levels(struct class_scheme *sc, struct ini_section *s,
                        struct diag_list *dl)
{
	size_t n;
	struct ini_numbered *items = ini_numbered(s, &n, dl);

	if (n > CLASS_MAX_LEVELS) {
		diag_error(dl, s->file, s->line, "[classification]: more than %d "
		           "levels", CLASS_MAX_LEVELS);
		n = 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct ini_entry *e = items[i].entry;
		const char *bar = strchr(e->value, '|');
		const char *b_end = bar, *a = bar ? bar + 1 : NULL, *a_end;

		if (!bar || items[i].minor) {
			diag_error(dl, e->file, e->line, "[classification] %s: expected "
			           "'BANNER | ABBREVIATION', e.g. 'NATO RESTRICTED | "
			           "NR'", e->key);
			continue;
		}
		while (b_end > e->value && b_end[-1] == ' ')
			b_end--;
		while (*a == ' ')
			a++;
		a_end = a + strlen(a);
		while (a_end > a && a_end[-1] == ' ')
			a_end--;
		if (b_end == e->value || a_end == a || memchr(a, ' ', (size_t)(a_end - a))) {
			diag_error(dl, e->file, e->line, "[classification] %s: a level "
			           "needs a banner and a one-word abbreviation", e->key);
			continue;
		}
		sc->banners[sc->len] = xstrndup(e->value, (size_t)(b_end - e->value));
		sc->abbrevs[sc->len] = xstrndup(a, (size_t)(a_end - a));
		if (class_level_find(sc, sc->abbrevs[sc->len]) >= 0 ||
		    class_level_find(sc, sc->banners[sc->len]) >= 0) {
			diag_error(dl, e->file, e->line, "[classification] %s: level "
			           "'%s' is defined twice", e->key, sc->abbrevs[sc->len]);
			free(sc->banners[sc->len]);
			free(sc->abbrevs[sc->len]);
			continue;
		}
		sc->len++;
	}
	free(items);
}

static void read_audiences(struct class_scheme *sc, struct ini_section *s,
                           struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, "audiences");
	char *copy, *save = NULL;

	if (!e)
		return;
	copy = xstrdup(e->value);
	for (char *w = strtok_r(copy, ", ", &save); w;
	     w = strtok_r(NULL, ", ", &save)) {
		if (sc->audiences_len == CLASS_MAX_AUDIENCES) {
			diag_error(dl, e->file, e->line, "[classification] audiences: "
			           "more than %d", CLASS_MAX_AUDIENCES);
			break;
		}
		if (class_audience_find(sc, w) >= 0) {
			diag_error(dl, e->file, e->line, "[classification] audiences: "
			           "'%s' is listed twice", w);
			continue;
		}
		sc->audiences[sc->audiences_len++] = xstrdup(w);
	}
	free(copy);
}

/* caveat_format holds exactly one %s (the audiences) and no other %. */
static bool one_string(const char *f)
{
	const char *p = strchr(f, '%');

	return p && p[1] == 's' && !strchr(p + 2, '%');
}

/* [document] marking, if given, must name a level: it is what the
 * author expects the briefing to be, checked against what it prints.
 * "NATO RESTRICTED RELEASABLE TO KFOR" names NATO RESTRICTED. */
static void read_marking_level(struct config *c, struct diag_list *dl)
{
	const struct class_scheme *sc = &c->classification.scheme;
	size_t best = 0;
	char list[256];

	c->marking_level = -1;
	if (!c->marking)
		return;
	for (size_t i = 0; i < sc->len; i++) {
		size_t n = strlen(sc->banners[i]);

		if (strcasecmp(c->marking, sc->abbrevs[i]) == 0) {
			c->marking_level = (int)i;
			return;
		}
		if (n > best && strncasecmp(c->marking, sc->banners[i], n) == 0 &&
		    (c->marking[n] == '\0' || c->marking[n] == ' ')) {
			best = n;
			c->marking_level = (int)i;
		}
	}
	if (c->marking_level >= 0)
		return;
	level_list(sc, list, sizeof list);
	diag_error(dl, c->marking_file, c->marking_line, "[document] marking: "
	           "'%s' is not a level of the classification scheme (%s)",
	           c->marking, list);
}

int config_read_classification(struct config *c, const struct ini *ini,
                               struct diag_list *dl)
{
	struct config_classification *cl = &c->classification;
	struct ini_section *s = ini_find(ini, "classification");
	struct ini_entry *e;
	size_t before = dl->errors;

	cl->release_level = -1;
	cl->release_to = -1;
	cl->file = xstrdup(s ? s->file : ini->file);
	cl->line = s ? s->line : 0;
	if (s)
		read_levels(&cl->scheme, s, dl);
	if (cl->scheme.len == 0) {
		class_scheme_release(&cl->scheme);
		class_scheme_default(&cl->scheme);
	}
	if (s) {
		read_audiences(&cl->scheme, s, dl);
		ini_bool(s, "portion_marks", &cl->portion_marks, dl);
		ini_bool(s, "page_banners", &cl->page_banners, dl);
		e = ini_get(s, "caveat_format");
		if (e && !one_string(e->value))
			diag_error(dl, e->file, e->line, "[classification] "
			           "caveat_format: '%s' needs exactly one %%s (the "
			           "audiences) and no other %%", e->value);
		else if (e)
			cl->caveat_format = xstrdup(e->value);
		e = ini_get(s, "release_level");
		if (e)
			cl->release_level = level_at(&cl->scheme, e->value, e->file,
			                             e->line, "[classification] "
			                             "release_level", dl);
		e = ini_get(s, "releasable_to");
		if (e && (cl->release_to = class_audience_find(&cl->scheme,
		                                               e->value)) < 0)
			diag_error(dl, e->file, e->line, "[classification] "
			           "releasable_to: '%s' is not one of the audiences",
			           e->value);
		ini_check_unused(s, classification_keys, dl);
	}
	if (!cl->caveat_format)
		cl->caveat_format = xstrdup("RELEASABLE TO %s");
	read_marking_level(c, dl);
	return dl->errors > before ? -1 : 0;
}

void config_classification_release(struct config *c)
{
	class_scheme_release(&c->classification.scheme);
	free(c->classification.caveat_format);
	free(c->classification.file);
	free(c->marking_file);
}

int config_set_release(struct config *c, const char *level,
                       const char *audience, struct diag_list *dl)
{
	struct config_classification *cl = &c->classification;
	int rc = 0;

	if (level && (cl->release_level = level_at(&cl->scheme, level, NULL, 0,
	                                          "--release-level", dl)) < 0)
		rc = -1;
	if (audience &&
	    (cl->release_to = class_audience_find(&cl->scheme, audience)) < 0)
		rc = diag_error(dl, NULL, 0, "--releasable-to: '%s' is not one of "
		                "the audiences of %s [classification]", audience,
		                c->file);
	return rc;
}

/* ---- the marks of facts ------------------------------------------------ */

int facts_read_mark(const struct facts *f, struct ini_section *s,
                    const char *level_key, const char *rel_key,
                    struct fact_mark *m, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, level_key);
	size_t before = dl->errors;
	char what[160];

	if (e) {
		int l;

		snprintf(what, sizeof what, "[%s] %s", s->name, e->key);
		l = level_at(&f->scheme, e->value, e->file, e->line, what, dl);
		if (l >= 0)
			m->level = l;
	}
	e = ini_get(s, rel_key);
	if (e) {
		unsigned mask;

		snprintf(what, sizeof what, "[%s] %s", s->name, e->key);
		if (class_audiences_parse(&f->scheme, e->value, &mask, e->file,
		                          e->line, what, dl) == 0)
			m->releasable = mask;
	}
	return dl->errors > before ? -1 : 0;
}

int facts_read_cell_mark(const struct facts *f, const char *level,
                         const char *rel, const char *file, int line,
                         size_t row, struct fact_mark *m,
                         struct diag_list *dl)
{
	char what[64];
	size_t before = dl->errors;

	snprintf(what, sizeof what, "row %zu", row + 1);
	if (level && level[0]) {
		int l = level_at(&f->scheme, level, file, line, what, dl);

		if (l >= 0)
			m->level = l;
	}
	if (rel && rel[0]) {
		unsigned mask;

		if (class_audiences_parse(&f->scheme, rel, &mask, file, line, what,
		                          dl) == 0)
			m->releasable = mask;
	}
	return dl->errors > before ? -1 : 0;
}
