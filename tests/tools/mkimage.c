/*
 * mkimage.c: small PNG and JPEG files for the tests, made at test time so
 * that no binary image is committed.
 *
 *   mkimage KIND WIDTH HEIGHT RRGGBB OUT
 *
 * KIND is png-rgb, png-grey, png-palette, png-rgba (half transparent),
 * jpeg, jpeg-grey or jpeg-progressive. Every pixel has the colour RRGGBB (its grey for png-grey), but a
 * 1-pixel border in the colour's complement, so a test can tell that the
 * image is not cropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <zlib.h>

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255 };

	fwrite(b, 1, 4, f);
}

static void chunk(FILE *f, const char *type, const unsigned char *d,
                  uint32_t n)
{
	uLong crc = crc32(0, (const unsigned char *)type, 4);

	/* crc32() with no buffer returns its seed, 0; fwrite() takes no
	 * NULL, even for 0 bytes */
	if (n > 0)
		crc = crc32(crc, d, n);
	put32(f, n);
	fwrite(type, 1, 4, f);
	if (n > 0)
		fwrite(d, 1, n, f);
	put32(f, (uint32_t)crc);
}

static void pixel(const unsigned char rgb[3], unsigned x, unsigned y,
                  unsigned w, unsigned h, unsigned char out[3])
{
	int border = x == 0 || y == 0 || x == w - 1 || y == h - 1;

	for (int k = 0; k < 3; k++)
		out[k] = border ? 255 - rgb[k] : rgb[k];
}

static int write_png(const char *kind, unsigned w, unsigned h,
                     const unsigned char rgb[3], FILE *f)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
	int type = !strcmp(kind, "png-grey") ? 0 : !strcmp(kind, "png-palette") ? 3
	           : !strcmp(kind, "png-rgba") ? 6 : 2;
	unsigned ch = type == 2 ? 3 : type == 6 ? 4 : 1;
	size_t row = 1 + (size_t)w * ch, raw_len = row * h;
	unsigned char ihdr[13], *raw = calloc(raw_len, 1), *z;
	uLongf zlen = compressBound(raw_len);

	if (!raw)
		return -1;
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			unsigned char c[3], *p = raw + y * row + 1 + (size_t)x * ch;
			int border;

			pixel(rgb, x, y, w, h, c);
			border = c[0] != rgb[0] || c[1] != rgb[1] || c[2] != rgb[2];
			if (type == 0)
				p[0] = (unsigned char)((c[0] * 30 + c[1] * 59 + c[2] * 11) / 100);
			else if (type == 3)
				p[0] = (unsigned char)border;
			else
				memcpy(p, c, 3);
			if (type == 6)
				p[3] = 128;
		}
	z = malloc(zlen);
	if (!z || compress2(z, &zlen, raw, raw_len, 9) != Z_OK)
		return -1;
	fwrite(sig, 1, 8, f);
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[8] = 8;
	ihdr[9] = (unsigned char)type;
	ihdr[10] = ihdr[11] = ihdr[12] = 0;
	chunk(f, "IHDR", ihdr, 13);
	if (type == 3) {
		unsigned char plte[6];

		pixel(rgb, 1, 1, 3, 3, plte);
		pixel(rgb, 0, 0, 3, 3, plte + 3);
		chunk(f, "PLTE", plte, 6);
	}
	chunk(f, "IDAT", z, (uint32_t)zlen);
	chunk(f, "IEND", NULL, 0);
	free(raw);
	free(z);
	return 0;
}

static int write_jpeg(const char *kind, unsigned w, unsigned h,
                      const unsigned char rgb[3], FILE *f)
{
	int grey = strcmp(kind, "jpeg-grey") == 0;
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *line = malloc((size_t)w * 3);

	if (!line)
		return -1;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = w;
	c.image_height = h;
	c.input_components = grey ? 1 : 3;
	c.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 95, TRUE);
	if (strcmp(kind, "jpeg-progressive") == 0)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < h) {
		JSAMPROW rows[1] = { line };

		for (unsigned x = 0; x < w; x++) {
			unsigned char p[3];

			pixel(rgb, x, c.next_scanline, w, h, p);
			if (grey)
				line[x] = (unsigned char)((p[0] * 30 + p[1] * 59 + p[2] * 11) / 100);
			else
				memcpy(line + 3 * x, p, 3);
		}
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(line);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long w, h, col;
	unsigned char rgb[3];
	FILE *f;
	int rc;

	if (argc != 6) {
		fprintf(stderr, "usage: mkimage png-rgb|png-grey|png-palette|"
		        "png-rgba|jpeg|jpeg-grey|jpeg-progressive WIDTH HEIGHT "
		        "RRGGBB OUT\n");
		return 2;
	}
	w = strtoul(argv[2], NULL, 10);
	h = strtoul(argv[3], NULL, 10);
	col = strtoul(argv[4], NULL, 16);
	if (w == 0 || h == 0 || w > 10000 || h > 10000) {
		fprintf(stderr, "mkimage: bad size\n");
		return 2;
	}
	rgb[0] = (unsigned char)(col >> 16);
	rgb[1] = (unsigned char)(col >> 8);
	rgb[2] = (unsigned char)col;
	f = fopen(argv[5], "wb");
	if (!f) {
		perror(argv[5]);
		return 1;
	}
	rc = !strncmp(argv[1], "jpeg", 4) ? write_jpeg(argv[1], (unsigned)w, (unsigned)h, rgb, f)
	     : write_png(argv[1], (unsigned)w, (unsigned)h, rgb, f);
	if (fclose(f) != 0 || rc != 0) {
		fprintf(stderr, "mkimage: cannot write %s\n", argv[5]);
		return 1;
	}
	return 0;
}
