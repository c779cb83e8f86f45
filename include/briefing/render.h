/*
 * render.h: pages of positioned boxes -> PDF bytes, through libharu.
 *
 * This is the only module that includes <hpdf.h>. It builds one libharu
 * document per call, embedding the font subsets the fonts module cuts for
 * the code points the pages use, and serialises it once.
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
	/* Creation and modification date as "YYYY-MM-DD", or with the time
	 * and zone of an as-of date that has one ("YYYY-MM-DDThh:mmZ"), from
	 * the as-of date or SOURCE_DATE_EPOCH, never the clock, so builds
	 * are reproducible. NULL leaves the dates out. */
	const char *date;
	/* The document's computed classification marking, written as the
	 * custom key /Classification; NULL leaves it out. */
	const char *marking;
	/* Document control ([document] reference, edition, version), as the
	 * custom keys /Reference, /Edition and /Version; NULL leaves each
	 * out. */
	const char *reference, *edition, *version;
};

/* Draws the pages, set in the faces of fonts (the ones layout measured
 * with), and serialises the whole PDF into a new buffer *out of *out_len
 * bytes that the caller frees with free(). A character a face cannot
 * print is an error naming the font file and the text. Writes no file, so
 * the caller controls where and how atomically the bytes land. Output is
 * a pure function of the arguments. Returns 0, or -1 with a diagnostic
 * (and *out NULL). */
int render_pdf(const struct pages *pages, const struct fonts *fonts,
               const struct render_info *info, unsigned char **out,
               size_t *out_len, struct diag_list *dl);

/* Checks image bytes data[0..len) as a build does (image_probe()) and,
 * when they pass, has libharu load them into a scratch document, which is
 * then freed: the image fuzzer's way to prove that what the check lets
 * through, libharu loads. Returns 0, or -1 after reporting why, naming
 * the bytes name. */
int render_image_bytes(const unsigned char *data, size_t len,
                       const char *name, struct diag_list *dl);

#endif
