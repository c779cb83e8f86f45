/*
 * render.h: pages of positioned boxes -> PDF bytes, through libharu.
 *
 * This is the only module that includes <hpdf.h>. It also provides the
 * real font metrics layout measures with, because the widths must come
 * from the same font objects that are embedded.
 */
#ifndef BRIEFING_RENDER_H
#define BRIEFING_RENDER_H

#include <stddef.h>

#include "briefing/base/diag.h"
#include "briefing/fonts.h"
#include "briefing/layout.h"

/* Document information dictionary entries; any may be NULL. */
struct render_info {
	const char *title;
	const char *author;
	const char *subject;
	const char *keywords;
	const char *creator;   /* the program, e.g. "briefing 0.1.0" */
	/* Creation and modification date as "YYYY-MM-DD" (from the as-of
	 * date or SOURCE_DATE_EPOCH), never the clock, so builds are
	 * reproducible. NULL leaves the dates out. */
	const char *date;
};

struct render;

/* Starts a PDF document and loads the TrueType font file for every face.
 * A font that cannot be loaded is reported naming its path. The caller
 * frees the result with render_free(). Returns NULL on error. */
struct render *render_new(const char *const font_paths[FACE_COUNT],
                          struct diag_list *dl);

/* Metrics of the loaded faces, valid until render_free(). */
const struct metrics *render_metrics(const struct render *r);

/* Draws the pages and serialises the whole PDF into a new buffer *out of
 * *out_len bytes that the caller frees with free(). Writes no file, so the
 * caller controls where and how atomically the bytes land. A render can be
 * written once. Returns 0, or -1 with a diagnostic. */
int render_pdf(struct render *r, const struct pages *pages,
               const struct render_info *info, unsigned char **out,
               size_t *out_len, struct diag_list *dl);

void render_free(struct render *r);

#endif
