/*
 * base/imagefile.h: the headers of PNG and JPEG files, checked before
 * any library decodes them.
 *
 * libharu trusts what it loads: a PNG that lies about its size, or a
 * JPEG whose frame header is cut short, reaches libpng or the PDF as it
 * is. image_probe() reads and checks every structure a loader relies on
 * (the PNG chunks, their CRCs and the inflated size of the pixel data;
 * the JPEG markers up to the end of the image), so a file it accepts is
 * one libharu can embed. It has no libharu, so tests and a fuzzer call
 * it directly.
 */
#ifndef BRIEFING_BASE_IMAGEFILE_H
#define BRIEFING_BASE_IMAGEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/diag.h"

/* Limits of an image file (docs/limits.md): a side of at most 10,000
 * pixels and 40 million pixels in all keep a decoded image under
 * 160 MB; the file itself is at most FILEIO_MAX_INPUT (16 MB). */
#define IMAGE_MAX_SIDE 10000u
#define IMAGE_MAX_PIXELS 40000000u

enum image_format { IMAGE_PNG, IMAGE_JPEG };

struct image_info {
	enum image_format format;
	unsigned width, height;   /* pixels */
	int bits;                 /* per component: 1, 2, 4, 8 (16 PNG only) */
	int components;           /* colour: 1 grey, 3 RGB (a palette's), 4 CMYK */
	bool alpha;               /* a PNG with an alpha channel */
	bool palette;             /* a PNG of colour type 3 */
	bool interlaced;          /* a progressive JPEG (an Adam7 PNG is refused) */
};

/* Checks the image in buf[0..len) and describes it in *info. Returns 0,
 * or -1 with the reason in why[0..size) ("not a PNG or JPEG file",
 * "truncated: chunk IDAT runs past the end of the file", "a JPEG of 0 x 0
 * pixels"). */
int image_probe(const unsigned char *buf, size_t len, struct image_info *info,
                char *why, size_t size);

/* The chunks of a PNG that image_probe() accepted, buf[0..len), that
 * libharu needs: the signature, IHDR, PLTE, tRNS, IDAT and IEND, in a
 * new buffer of *out_len bytes that the caller frees. libpng checks the
 * ancillary chunks (gamma, colour profiles, text) and fails the load on
 * one it dislikes, and libharu uses none of them. */
unsigned char *image_png_essentials(const unsigned char *buf, size_t len,
                                    size_t *out_len);

/* Reads the image file at path (file_read_at(): reported at
 * ref_file:ref_line when ref_file is not NULL) and probes it; a file
 * image_probe() refuses is an error at ref_file:ref_line naming what
 * (the section and key) and path. Returns 0 or -1. */
int image_probe_file(const char *path, const char *ref_file, int ref_line,
                     const char *what, struct image_info *info,
                     struct diag_list *dl);

/* The name of the format, "PNG" or "JPEG", and of the colour, for
 * messages and the summary: "RGB", "grey", "palette", "CMYK". */
const char *image_format_name(enum image_format f);
const char *image_colour_name(const struct image_info *info);

#endif
