/*
 * imagefile.c: PNG and JPEG headers, checked before libharu loads them.
 *
 * A PNG is read chunk by chunk: every chunk's length within the file and
 * its CRC right, IHDR first with a size and a bit depth and colour type
 * that PNG allows, a palette where one is needed, IEND last, and the
 * image data inflating to exactly the bytes its rows need, each row with
 * a known filter. libpng, through libharu, aborts on what this lets
 * through, so the check is the whole decode but the unfiltering. What
 * libharu 2.3.0 itself cannot take is refused too: 16-bit samples, an
 * interlaced file (a libpng error from memory) and the transparent colour
 * of a grey or RGB image (a crash).
 *
 * A JPEG is read marker by marker, as libharu's parser reads it (no fill
 * bytes before the frame header, every segment inside the file), up to
 * the end-of-image marker: a baseline, extended or progressive frame of
 * 8-bit grey, RGB or CMYK with a size.
 */
#include "briefing/base/imagefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

const char *image_format_name(enum image_format f)
{
	return f == IMAGE_PNG ? "PNG" : "JPEG";
}

const char *image_colour_name(const struct image_info *info)
{
	if (info->palette)
		return "palette";
	switch (info->components) {
	case 1:
		return info->alpha ? "grey with alpha" : "grey";
	case 4:
		return "CMYK";
	default:
		return info->alpha ? "RGB with alpha" : "RGB";
	}
}

static int fail(char *why, size_t size, const char *msg)
{
	snprintf(why, size, "%s", msg);
	return -1;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int check_size(unsigned w, unsigned h, char *why, size_t size)
{
	if (w == 0 || h == 0) {
		snprintf(why, size, "an image of %u x %u pixels", w, h);
		return -1;
	}
	if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    (uint64_t)w * h > IMAGE_MAX_PIXELS) {
		snprintf(why, size, "%u x %u pixels is more than the limit "
		         "(%u pixels a side, %u in all)", w, h, IMAGE_MAX_SIDE,
		         IMAGE_MAX_PIXELS);
		return -1;
	}
	return 0;
}

/* ---- PNG ---------------------------------------------------------------- */

static const unsigned char png_signature[8] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
};

/* The rows of the image data and where the inflated bytes are in them:
 * each row is a filter byte (0-4) then its pixels. */
struct png_rows {
	uint32_t rows_left;
	uint64_t row_bytes;    /* filter byte included */
	uint64_t at;           /* offset within the current row */
};

/* Walks n inflated bytes through the rows. -1: more data than the
 * image has, or a filter byte PNG does not define. */
static int feed_rows(struct png_rows *r, const unsigned char *p, size_t n)
{
	while (n > 0) {
		uint64_t take;

		if (r->rows_left == 0)
			return -1;
		if (r->at == 0 && *p > 4)
			return -1;
		take = r->row_bytes - r->at;
		if (take > n)
			take = n;
		r->at += take;
		p += take;
		n -= (size_t)take;
		if (r->at == r->row_bytes) {
			r->at = 0;
			r->rows_left--;
		}
	}
	return 0;
}

/* Inflates the concatenated IDAT chunks (each given by its offset and
 * length) through the rows. */
static int png_inflate(const unsigned char *buf, const size_t *idat,
                       size_t nidat, struct png_rows *rows, char *why,
                       size_t size)
{
	unsigned char out[16384];
	z_stream z;
	int zr = Z_OK, rc = 0;
	size_t i, consumed;

	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return fail(why, size, "cannot start to inflate the image data");
	for (i = 0; i < nidat && zr != Z_STREAM_END && rc == 0; i++) {
		z.next_in = (unsigned char *)(uintptr_t)(buf + idat[2 * i]);
		z.avail_in = (uInt)idat[2 * i + 1];
		/* on while input is left, or output may be (a full buffer) */
		z.avail_out = 0;
		while ((z.avail_in > 0 || z.avail_out == 0) && zr != Z_STREAM_END &&
		       rc == 0) {
			z.next_out = out;
			z.avail_out = sizeof out;
			zr = inflate(&z, Z_NO_FLUSH);
			if (zr == Z_BUF_ERROR) {   /* no progress: wants more input */
				zr = Z_OK;
				break;
			}
			if (zr != Z_OK && zr != Z_STREAM_END)
				rc = fail(why, size, "the image data does not inflate "
				          "(damaged)");
			else if (feed_rows(rows, out, sizeof out - z.avail_out) != 0)
				rc = fail(why, size, "the image data does not match its "
				          "rows (more bytes than the size needs, or an "
				          "unknown row filter)");
		}
	}
	consumed = i;
	inflateEnd(&z);
	if (rc == 0 && (zr != Z_STREAM_END || rows->rows_left > 0))
		rc = fail(why, size, "truncated: the image data ends before its "
		          "last row");
	/* libpng refuses bytes after the compressed stream, in its chunk or
	 * in a further IDAT (found by fuzz_image) */
	if (rc == 0 && (z.avail_in > 0 || consumed < nidat))
		rc = fail(why, size, "data after the end of the compressed image "
		          "data (damaged)");
	return rc;
}

static int png_ihdr(const unsigned char *d, struct image_info *info,
                    unsigned *channels, char *why, size_t size)
{
	unsigned w = be32(d), h = be32(d + 4), depth = d[8], type = d[9];
	bool ok;

	if (check_size(w, h, why, size) != 0)
		return -1;
	switch (type) {
	case 0: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 ||
	             depth == 16; *channels = 1; break;
	case 2: ok = depth == 8 || depth == 16; *channels = 3; break;
	case 3: ok = depth == 1 || depth == 2 || depth == 4 || depth == 8;
	        *channels = 1; break;
	case 4: ok = depth == 8 || depth == 16; *channels = 2; break;
	case 6: ok = depth == 8 || depth == 16; *channels = 4; break;
	default:
		snprintf(why, size, "unknown PNG colour type %u", type);
		return -1;
	}
	if (!ok) {
		snprintf(why, size, "a PNG of colour type %u cannot have %u-bit "
		         "samples", type, depth);
		return -1;
	}
	if (depth == 16)
		return fail(why, size, "16-bit PNG samples are not supported "
		            "(save the image with 8 bits per sample)");
	if (d[10] != 0 || d[11] != 0 || d[12] > 1)
		return fail(why, size, "unknown PNG compression, filter or "
		            "interlace method");
	/* libharu reads no interlaced PNG from memory (libpng error) */
	if (d[12] == 1)
		return fail(why, size, "an interlaced PNG is not supported (save it "
		            "without interlacing)");
	info->format = IMAGE_PNG;
	info->width = w;
	info->height = h;
	info->bits = (int)depth;
	info->palette = type == 3;
	info->alpha = type == 4 || type == 6;
	info->components = type == 2 || type == 3 || type == 6 ? 3 : 1;
	info->interlaced = d[12] == 1;
	return 0;
}

static bool chunk_is(const unsigned char *type, const char *name)
{
	return memcmp(type, name, 4) == 0;
}

static int png_probe(const unsigned char *buf, size_t len,
                     struct image_info *info, char *why, size_t size)
{
	size_t pos = 8, nidat = 0, cap = 16, *idat = NULL;
	unsigned channels = 0, palette = 0;
	bool ihdr = false, iend = false, idat_done = false;
	int rc = -1;

	idat = malloc(cap * 2 * sizeof *idat);
	if (!idat)
		return fail(why, size, "out of memory");
	while (!iend) {
		const unsigned char *c = buf + pos, *type = c + 4, *data = c + 8;
		uint32_t n;

		if (len - pos < 12) {
			fail(why, size, "truncated: the file ends before its IEND "
			     "chunk");
			goto out;
		}
		n = be32(c);
		if (n > 0x7fffffffu || n > len - pos - 12) {
			snprintf(why, size, "truncated: chunk %.4s runs past the end "
			         "of the file", (const char *)type);
			goto out;
		}
		if ((uint32_t)crc32(0, type, (uInt)n + 4) != be32(data + n)) {
			snprintf(why, size, "chunk %.4s is damaged (its CRC is wrong)",
			         (const char *)type);
			goto out;
		}
		for (int k = 0; k < 4; k++)
			if (!((type[k] >= 'a' && type[k] <= 'z') ||
			      (type[k] >= 'A' && type[k] <= 'Z'))) {
				fail(why, size, "a chunk type is not four letters");
				goto out;
			}
		if (!ihdr && !chunk_is(type, "IHDR")) {
			fail(why, size, "the first chunk is not IHDR");
			goto out;
		}
		if (nidat && !chunk_is(type, "IDAT"))
			idat_done = true;
		if (chunk_is(type, "IHDR")) {
			if (ihdr || n != 13) {
				fail(why, size, "a second or malformed IHDR chunk");
				goto out;
			}
			if (png_ihdr(data, info, &channels, why, size) != 0)
				goto out;
			ihdr = true;
		} else if (chunk_is(type, "PLTE")) {
			if (n == 0 || n % 3 || n / 3 > 256 || nidat || palette) {
				fail(why, size, "a malformed or misplaced PLTE chunk");
				goto out;
			}
			palette = n / 3;
		} else if (chunk_is(type, "tRNS")) {
			/* libharu crashes on the colour key of a grey or RGB
			 * image: only a palette's transparency is taken */
			if (!info->palette) {
				fail(why, size, "a grey or RGB PNG with a transparent "
				     "colour (tRNS) is not supported; save it with an "
				     "alpha channel");
				goto out;
			}
			if (!palette || n > palette || nidat) {
				fail(why, size, "a malformed or misplaced tRNS chunk");
				goto out;
			}
		} else if (chunk_is(type, "IDAT")) {
			if (idat_done) {
				fail(why, size, "the IDAT chunks are not consecutive");
				goto out;
			}
			if (nidat == cap) {
				size_t *more = realloc(idat, cap * 4 * sizeof *idat);

				if (!more) {
					fail(why, size, "out of memory");
					goto out;
				}
				idat = more;
				cap *= 2;
			}
			idat[2 * nidat] = (size_t)(data - buf);
			idat[2 * nidat++ + 1] = n;
		} else if (chunk_is(type, "IEND")) {
			iend = true;
		} else if (type[0] >= 'A' && type[0] <= 'Z') {
			snprintf(why, size, "unknown critical chunk %.4s",
			         (const char *)type);
			goto out;
		}
		pos += 12 + (size_t)n;
	}
	if (info->palette && !palette) {
		fail(why, size, "a palette PNG without a PLTE chunk");
		goto out;
	}
	if (!nidat) {
		fail(why, size, "no image data (IDAT chunk)");
		goto out;
	}
	{
		struct png_rows rows = {
			info->height,
			1 + ((uint64_t)info->width * channels * (unsigned)info->bits + 7) / 8,
			0
		};

		rc = png_inflate(buf, idat, nidat, &rows, why, size);
	}
out:
	free(idat);
	return rc;
}

unsigned char *image_png_essentials(const unsigned char *buf, size_t len,
                                    size_t *out_len)
{
	unsigned char *out = xmalloc(len);
	size_t pos = 8, n = 8;

	memcpy(out, buf, 8);
	/* the probe walked these chunks: each lies inside the file */
	while (len - pos >= 12) {
		const unsigned char *type = buf + pos + 4;
		size_t total = 12 + (size_t)be32(buf + pos);

		if (chunk_is(type, "IHDR") || chunk_is(type, "PLTE") ||
		    chunk_is(type, "tRNS") || chunk_is(type, "IDAT") ||
		    chunk_is(type, "IEND")) {
			memcpy(out + n, buf + pos, total);
			n += total;
		}
		if (chunk_is(type, "IEND"))
			break;
		pos += total;
	}
	*out_len = n;
	return out;
}

/* ---- JPEG --------------------------------------------------------------- */

static int jpeg_frame(const unsigned char *s, unsigned n, unsigned marker,
                      struct image_info *info, char *why, size_t size)
{
	unsigned nc;

	if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
		snprintf(why, size, "a JPEG frame of type SOF%u is not supported "
		         "(only baseline, extended and progressive)",
		         marker - 0xC0);
		return -1;
	}
	if (n < 8)
		return fail(why, size, "a malformed JPEG frame header");
	nc = s[7];
	if (n != 8 + 3 * nc)
		return fail(why, size, "the JPEG frame header's length does not "
		            "match its components");
	if (s[2] != 8)
		return fail(why, size, "only 8-bit JPEG samples are supported");
	if (nc != 1 && nc != 3 && nc != 4) {
		snprintf(why, size, "a JPEG of %u components (1, 3 or 4 are "
		         "supported)", nc);
		return -1;
	}
	if (check_size(be16(s + 5), be16(s + 3), why, size) != 0)
		return -1;
	info->format = IMAGE_JPEG;
	info->width = be16(s + 5);
	info->height = be16(s + 3);
	info->bits = 8;
	info->components = (int)nc;
	info->interlaced = marker == 0xC2;
	return 0;
}

/* Skips entropy-coded data from pos to the next marker that is not a
 * stuffed byte or a restart. */
static size_t skip_scan(const unsigned char *buf, size_t len, size_t pos)
{
	while (pos + 1 < len) {
		if (buf[pos] == 0xFF && buf[pos + 1] != 0 &&
		    !(buf[pos + 1] >= 0xD0 && buf[pos + 1] <= 0xD7) &&
		    buf[pos + 1] != 0xFF)
			return pos;
		pos++;
	}
	return len;
}

static int jpeg_probe(const unsigned char *buf, size_t len,
                      struct image_info *info, char *why, size_t size)
{
	size_t pos = 2;
	bool frame = false, scan = false;

	for (;;) {
		unsigned marker, n;

		if (pos + 1 >= len)
			return fail(why, size, "truncated: the JPEG ends before its "
			            "end-of-image marker");
		if (buf[pos] != 0xFF)
			return fail(why, size, "a JPEG segment does not start with a "
			            "marker (damaged)");
		marker = buf[pos + 1];
		if (marker == 0xFF && frame) {   /* fill byte */
			pos++;
			continue;
		}
		if (marker == 0xD9)
			break;
		if (marker == 0xFF || marker == 0x00 || marker == 0x01 ||
		    (marker >= 0xD0 && marker <= 0xD8))
			return fail(why, size, "an unexpected JPEG marker (damaged)");
		if (len - pos < 4)
			return fail(why, size, "truncated: a JPEG segment is cut "
			            "short");
		n = be16(buf + pos + 2);
		if (n < 2 || n > len - pos - 2)
			return fail(why, size, "truncated: a JPEG segment runs past "
			            "the end of the file");
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
		    marker != 0xC8 && marker != 0xCC) {
			if (frame)
				return fail(why, size, "a JPEG with two frames");
			if (jpeg_frame(buf + pos + 2, n, marker, info, why, size) != 0)
				return -1;
			frame = true;
		}
		pos += 2 + n;
		if (marker == 0xDA) {
			if (!frame)
				return fail(why, size, "JPEG scan data before its frame "
				            "header");
			scan = true;
			pos = skip_scan(buf, len, pos);
		}
	}
	if (!frame || !scan)
		return fail(why, size, "a JPEG without a frame header or scan");
	return 0;
}

int image_probe(const unsigned char *buf, size_t len, struct image_info *info,
                char *why, size_t size)
{
	memset(info, 0, sizeof *info);
	if (len >= 8 && memcmp(buf, png_signature, 8) == 0)
		return png_probe(buf, len, info, why, size);
	if (len >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF)
		return jpeg_probe(buf, len, info, why, size);
	if (len >= 8 && memcmp(buf + 1, "PNG", 3) == 0)
		return fail(why, size, "a damaged PNG signature (the file was "
		            "perhaps copied as text)");
	return fail(why, size, "not a PNG or JPEG file");
}

int image_probe_file(const char *path, const char *ref_file, int ref_line,
                     const char *what, struct image_info *info,
                     struct diag_list *dl)
{
	char *buf, why[160];
	size_t len;
	int rc;

	if (file_read_at(path, ref_file, ref_line, &buf, &len, dl) != 0)
		return -1;
	rc = image_probe((const unsigned char *)buf, len, info, why, sizeof why);
	free(buf);
	if (rc != 0)
		return diag_error(dl, ref_file ? ref_file : path, ref_file ? ref_line : 0,
		                  "%s: '%s': %s", what, path, why);
	return 0;
}
