/*
 * init_crest.c: the crest briefing init's example puts on its cover, a
 * plain shield drawn here as a small palette PNG, so the example shows
 * an image without shipping one.
 *
 * 180 x 210 pixels prints at 152 dpi at the cover's 30 mm: an image that
 * passes the resolution check, as a real crest should.
 */
#include "cli/cli.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "briefing/base/xalloc.h"

enum { CREST_W = 180, CREST_H = 210, CREST_BORDER = 9 };

/* Half the shield's width at row y: straight sides for the upper half,
 * then an arc down to the point. */
static double half_width(int y)
{
	double top = CREST_H * 0.5, t;

	if (y < top)
		return CREST_W / 2.0;
	t = (y - top) / (CREST_H - top);
	return CREST_W / 2.0 * sqrt(1 - t * t);
}

/* The palette index of pixel (x, y): 0 background, 1 field, 2 border
 * and the pale. */
static unsigned char colour(int x, int y)
{
	double d = fabs(x + 0.5 - CREST_W / 2.0), hw = half_width(y);

	if (d >= hw)
		return 0;
	if (d >= hw - CREST_BORDER || y < CREST_BORDER || d < CREST_BORDER)
		return 2;
	return 1;
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Appends chunk type with data d[0..n) at out + *len. */
static void chunk(unsigned char *out, size_t *len, const char *type,
                  const unsigned char *d, size_t n)
{
	unsigned char *p = out + *len;
	uLong crc;

	put32(p, (uint32_t)n);
	memcpy(p + 4, type, 4);
	if (n)
		memcpy(p + 8, d, n);
	crc = crc32(0, p + 4, (uInt)(n + 4));
	put32(p + 8 + n, (uint32_t)crc);
	*len += 12 + n;
}

unsigned char *cli_init_crest(size_t *out_len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
	/* white, the navy of the default accent, gold */
	static const unsigned char plte[9] = { 255, 255, 255, 0, 51, 102,
	                                       200, 160, 48 };
	size_t raw_len = (size_t)CREST_H * (CREST_W + 1);
	unsigned char *raw = xmalloc(raw_len), ihdr[13];
	uLongf zlen = compressBound(raw_len);
	unsigned char *z = xmalloc(zlen), *out;
	size_t len = 0;

	for (int y = 0; y < CREST_H; y++) {
		unsigned char *row = raw + (size_t)y * (CREST_W + 1);

		row[0] = 0;
		for (int x = 0; x < CREST_W; x++)
			row[1 + x] = colour(x, y);
	}
	if (compress2(z, &zlen, raw, raw_len, 9) != Z_OK) {
		free(raw);
		free(z);
		return NULL;
	}
	out = xmalloc(8 + 25 + 21 + 12 + zlen + 12);
	memcpy(out, sig, 8);
	len = 8;
	put32(ihdr, CREST_W);
	put32(ihdr + 4, CREST_H);
	ihdr[8] = 8;       /* bits */
	ihdr[9] = 3;       /* palette */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(out, &len, "IHDR", ihdr, sizeof ihdr);
	chunk(out, &len, "PLTE", plte, sizeof plte);
	chunk(out, &len, "IDAT", z, zlen);
	chunk(out, &len, "IEND", NULL, 0);
	free(raw);
	free(z);
	*out_len = len;
	return out;
}
