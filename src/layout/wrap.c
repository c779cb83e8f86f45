/*
 * wrap.c: line breaking.
 *
 * Greedy, first fit: a line takes words while they fit. Words may break
 * after an inner hyphen, and a word wider than the line is cut between
 * characters, never inside a UTF-8 sequence, so no text is ever lost.
 */
#include "layout/layout_internal.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

double layout_width(const struct metrics *m, enum face f, double size,
                    const char *s, size_t len)
{
	return len ? m->text_width(m->ctx, f, size, s, len) : 0;
}

static void push_line(struct layout_line **lines, size_t *n, size_t *cap,
                      size_t start, size_t len, double width)
{
	*lines = xgrow(*lines, cap, *n + 1, sizeof **lines);
	(*lines)[*n].start = start;
	(*lines)[*n].len = len;
	(*lines)[*n].width = width;
	(*n)++;
}

/* The end of the piece of word [ps, we) that starts at ps: just after the
 * first hyphen that has a character on both sides ("multi-|ethnic"), or
 * the word's end. Lines may break between pieces, which keeps justified
 * lines tight without a hyphenation dictionary. */
size_t layout_piece_end(const char *text, size_t ps, size_t we)
{
	for (size_t k = ps + 1; k + 1 < we; k++)
		if (text[k] == '-' && text[k - 1] != '-' && text[k + 1] != '-')
			return k + 1;
	return we;
}

size_t layout_wrap(const struct metrics *m, enum face face, double size,
                   const char *text, size_t len, double max_width,
                   struct layout_line **lines)
{
	double space = layout_width(m, face, size, " ", 1);
	size_t n = 0, cap = 0, i = 0;
	size_t line_start = 0, line_end = 0;  /* line_end: end of last piece */
	double line_w = 0;
	bool have_line = false;

	*lines = NULL;
	while (i < len) {
		size_t ws, we;
		bool glued = false;

		while (i < len && text[i] == ' ')
			i++;
		if (i >= len)
			break;
		ws = i;
		while (i < len && text[i] != ' ')
			i++;
		we = i;
		while (ws < we) {
			size_t pe = layout_piece_end(text, ws, we);
			double w = layout_width(m, face, size, text + ws, pe - ws);
			double sep = glued ? 0 : space;

			glued = true;
			if (have_line && line_w + sep + w <= max_width + FIT_EPSILON) {
				line_w += sep + w;
				line_end = pe;
				ws = pe;
				continue;
			}
			if (have_line)
				push_line(lines, &n, &cap, line_start,
				          line_end - line_start, line_w);
			/* A piece wider than the line is cut between characters: as
			 * many as fit, at least one, so that nothing is dropped. */
			while (w > max_width + FIT_EPSILON) {
				size_t p = ws, cut = ws;
				double cw = 0;

				while (p < pe) {
					uint32_t cp;
					size_t k = utf8_decode(text + p, pe - p, &cp);
					double gw;

					if (k == 0)
						k = 1;
					gw = layout_width(m, face, size, text + p, k);
					if (cut > ws && cw + gw > max_width + FIT_EPSILON)
						break;
					cw += gw;
					p += k;
					cut = p;
				}
				if (cut >= pe)
					break;
				push_line(lines, &n, &cap, ws, cut - ws, cw);
				ws = cut;
				w = layout_width(m, face, size, text + ws, pe - ws);
			}
			line_start = ws;
			line_end = pe;
			line_w = w;
			have_line = true;
			ws = pe;
		}
	}
	if (have_line)
		push_line(lines, &n, &cap, line_start, line_end - line_start, line_w);
	return n;
}
