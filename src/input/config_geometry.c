/*
 * config_geometry.c: the page's size and how sections sit on pages.
 *
 * [page] size is a named size (a4, letter, ...) or a custom one,
 * "297 x 167 mm"; [page] section_start and subsection_start are the
 * defaults of [section.NAME] start; [section.NAME] orientation turns a
 * section's pages. Every section leaves here with its start and
 * orientation resolved, so the model and layout never look anything up.
 *
 * Invariant: a page side is within PAGE_MIN_MM to PAGE_MAX_MM, so layout
 * and libharu (at most 14400 pt a side) always get a page they can use.
 */
#define _POSIX_C_SOURCE 200809L
#include "config_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A business card is the smallest page a briefing has a reason to use;
 * 2 m is beyond any plotter roll a headquarters has and well inside
 * libharu's 14400 pt. */
#define PAGE_MIN_MM 50.0
#define PAGE_MAX_MM 2000.0

static const char *const starts[] = { "continue", "new", "odd", NULL };

/* The length of one unit in points, or 0 for an unknown unit. */
static double unit_points(const char *unit)
{
	static const struct { const char *name; double pt; } units[] = {
		{ "mm", MM }, { "cm", 10 * MM }, { "in", 72 }, { "pt", 1 }
	};

	for (size_t i = 0; i < COUNT(units); i++)
		if (strcasecmp(unit, units[i].name) == 0)
			return units[i].pt;
	return 0;
}

/* Reads one positive decimal at *p, moving *p past it and the blanks
 * after it. False when there is none. */
static bool read_side(const char **p, double *out)
{
	char *end;

	while (**p == ' ' || **p == '\t')
		(*p)++;
	if (!isdigit((unsigned char)**p) && **p != '.')
		return false;
	errno = 0;
	*out = strtod(*p, &end);
	if (end == *p || errno == ERANGE || !isfinite(*out))
		return false;
	*p = end;
	while (**p == ' ' || **p == '\t')
		(*p)++;
	return true;
}

/* "297 x 167 mm" (also "297x167mm", "11 x 8.5 in", the sign U+00D7 for
 * x): width and height in points. Returns 0, or -1 after reporting what
 * is wrong at the key's line. */
static int parse_custom(const struct ini_section *s, const struct ini_entry *e,
                        double *w, double *h, struct diag_list *dl)
{
	const char *p = e->value;
	double a, b, pt;

	if (!read_side(&p, &a))
		goto syntax;
	if (*p == 'x' || *p == 'X')
		p++;
	else if (strncmp(p, "\xC3\x97", 2) == 0)
		p += 2;
	else
		goto syntax;
	if (!read_side(&p, &b) || !*p)
		goto syntax;
	pt = unit_points(p);
	if (pt == 0)
		return diag_error(dl, e->file, e->line, "[%s] size: unknown unit "
		                  "'%s' (write mm, cm, in or pt)", s->name, p);
	for (int i = 0; i < 2; i++) {
		double mm = (i ? b : a) * pt / MM;

		if (mm < PAGE_MIN_MM - 1e-9 || mm > PAGE_MAX_MM + 1e-9)
			return diag_error(dl, e->file, e->line, "[%s] size: the %s "
			                  "%g %s is %.0f mm; a page side is %.0f to "
			                  "%.0f mm", s->name, i ? "height" : "width",
			                  i ? b : a, p, mm, PAGE_MIN_MM, PAGE_MAX_MM);
	}
	*w = a * pt;
	*h = b * pt;
	return 0;
syntax:
	return diag_error(dl, e->file, e->line, "[%s] size: '%s' is not one of: "
	                  "a4, letter, a3, legal, or WIDTH x HEIGHT with a unit "
	                  "(e.g. '297 x 167 mm')", s->name, e->value);
}

/* [page] size and orientation into st. A named size is portrait unless
 * orientation says landscape. A custom size stands as written; an
 * orientation with it puts its longer side across (landscape) or down
 * (portrait). */
int config_page_size(struct ini_section *s, struct style *st,
                     struct diag_list *dl)
{
	static const char *const sizes[] = { "a4", "letter", "a3", "legal", NULL };
	static const double dims[][2] = {
		{ 595.276, 841.89 }, { 612, 792 }, { 841.89, 1190.551 }, { 612, 1008 }
	};
	static const char *const orientations[] = { "portrait", "landscape", NULL };
	struct ini_entry *e = ini_get(s, "size");
	double w = dims[0][0], h = dims[0][1];
	int orient = 0, has_orient, rc = 0;

	has_orient = ini_choice(s, "orientation", orientations, &orient, dl);
	if (has_orient < 0)
		rc = -1;
	if (e) {
		int i;

		for (i = 0; sizes[i] && strcasecmp(e->value, sizes[i]) != 0; i++)
			;
		if (sizes[i]) {
			w = dims[i][0];
			h = dims[i][1];
		} else if (parse_custom(s, e, &w, &h, dl) < 0) {
			return -1;
		} else if (has_orient != 1) {
			st->page_width = w;
			st->page_height = h;
			return rc;
		}
	}
	st->page_width = orient ? fmax(w, h) : fmin(w, h);
	st->page_height = orient ? fmin(w, h) : fmax(w, h);
	return rc;
}

/* [page] section_start and subsection_start: where a level-1 and a
 * level-2 section start when its own section does not say; and
 * repeat_heading, whether a page that continues a section repeats its
 * heading. */
int config_page_starts(struct config *c, struct ini_section *s,
                       struct diag_list *dl)
{
	int v, rc = 0;

	c->section_start = c->subsection_start = PAGE_START_CONTINUE;
	if (!s)
		return 0;
	if (ini_bool(s, "repeat_heading", &c->style.repeat_heading, dl) < 0)
		rc = -1;
	switch (ini_choice(s, "section_start", starts, &v, dl)) {
	case 1: c->section_start = (enum page_start)(v + 1); break;
	case -1: rc = -1; break;
	default: break;
	}
	switch (ini_choice(s, "subsection_start", starts, &v, dl)) {
	case 1: c->subsection_start = (enum page_start)(v + 1); break;
	case -1: rc = -1; break;
	default: break;
	}
	return rc;
}

/* [section.NAME] start and orientation into sec (the last section read,
 * c->sections[c->sections_len - 1]). A level-2 section without an
 * orientation stands as the level-1 section before it does, so an annex
 * turned landscape keeps its subsections turned; a level-1 section
 * without one stands as the page does. */
int config_section_geometry(struct config *c, struct ini_section *s,
                            struct config_section *sec, struct diag_list *dl)
{
	static const char *const orients[] = { "portrait", "landscape", NULL };
	int v, rc = 0;

	sec->start = sec->level == 1 ? c->section_start : c->subsection_start;
	sec->orient = PAGE_ORIENT_DEFAULT;
	switch (ini_choice(s, "start", starts, &v, dl)) {
	case 1: sec->start = (enum page_start)(v + 1); break;
	case -1: rc = -1; break;
	default: break;
	}
	switch (ini_choice(s, "orientation", orients, &v, dl)) {
	case 1:
		sec->orient = (enum page_orient)(v + 1);
		break;
	case -1:
		rc = -1;
		break;
	default:
		for (size_t i = c->sections_len - 1; sec->level == 2 && i-- > 0;)
			if (c->sections[i].level == 1) {
				sec->orient = c->sections[i].orient;
				break;
			}
		break;
	}
	return rc;
}
