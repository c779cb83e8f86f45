/*
 * render_internal.h: what the files of render share: the state of the one
 * libharu document a render_pdf() call builds, and libharu error
 * handling. Only src/render/ includes it (and <hpdf.h>).
 */
#ifndef BRIEFING_RENDER_INTERNAL_H
#define BRIEFING_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "briefing/render.h"

/* The first libharu error since the last reset. */
struct render_error {
	HPDF_STATUS error_no;
	HPDF_STATUS detail_no;
};

struct render {
	HPDF_Doc pdf;
	struct render_error err;
	const struct fonts *fonts;
	/* The font of each face, and each distinct font once, in
	 * fonts_index() order: faces that share a font share one HPDF_Font. */
	HPDF_Font font[FACE_COUNT];
	HPDF_Font loaded[FACE_COUNT];
	size_t nloaded;
	/* FONTS_BMP_BYTES per loaded font: the code points its pages use. */
	unsigned char *used;
	/* A NUL-terminated copy of the current text run, for HPDF_Page_TextOut. */
	char *text;
	size_t text_cap;
};

/* render.c */
bool render_haru_failed(const struct render *r);
int render_haru_error(struct render *r, struct diag_list *dl, const char *what);

/* draw.c: page index pi onto hpages[pi]; tops[] holds the destinations
 * links share, one per target page. */
int render_draw_page(struct render *r, const struct pages *pages, size_t pi,
                     HPDF_Page *hpages, HPDF_Destination *tops,
                     struct diag_list *dl);
int render_add_outline(struct render *r, const struct pages *pages,
                       HPDF_Page *hpages, struct diag_list *dl);

/* tounicode.c: replaces libharu's invalid ToUnicode CMap of font by one
 * mapping the code points set in used (FONTS_BMP_BYTES). */
int render_fix_tounicode(struct render *r, HPDF_Font font,
                         const unsigned char *used, struct diag_list *dl);

static inline bool render_is_used(const unsigned char *used, uint32_t cp)
{
	return used[cp >> 3] & (1u << (cp & 7));
}

#endif
