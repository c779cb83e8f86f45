/* Unit tests for imagefile.c: PNG and JPEG headers checked before any
 * library decodes them. The images are built here, byte by byte. */
#include "helpers.h"

#include <stdlib.h>

#include <zlib.h>

#include "briefing/base/imagefile.h"

struct bytes {
	unsigned char b[4096];
	size_t len;
};

static void put(struct bytes *o, const void *p, size_t n)
{
	assert_true(o->len + n <= sizeof o->b);
	if (n)   /* memcpy() takes no NULL, even for 0 bytes */
		memcpy(o->b + o->len, p, n);
	o->len += n;
}

static void put32(struct bytes *o, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255 };

	put(o, b, 4);
}

static void chunk(struct bytes *o, const char *type, const void *d,
                  uint32_t n)
{
	uLong crc = crc32(0, (const unsigned char *)type, 4);

	if (n)
		crc = crc32(crc, d, n);
	put32(o, n);
	put(o, type, 4);
	put(o, d, n);
	put32(o, (uint32_t)crc);
}

/* A PNG of w x h pixels of colour type type at depth bits, with raw
 * (filtered) image data raw[0..raw_len) and, for type 3, a palette. */
static void png(struct bytes *o, uint32_t w, uint32_t h, int bits, int type,
                int interlace, const unsigned char *raw, size_t raw_len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
	unsigned char ihdr[13], z[2048];
	uLongf zlen = sizeof z;

	o->len = 0;
	put(o, sig, 8);
	for (int i = 0; i < 4; i++) {
		ihdr[i] = (unsigned char)(w >> (24 - 8 * i));
		ihdr[4 + i] = (unsigned char)(h >> (24 - 8 * i));
	}
	ihdr[8] = (unsigned char)bits;
	ihdr[9] = (unsigned char)type;
	ihdr[10] = ihdr[11] = 0;
	ihdr[12] = (unsigned char)interlace;
	chunk(o, "IHDR", ihdr, 13);
	if (type == 3)
		chunk(o, "PLTE", "\xff\0\0\0\0\xff", 6);
	assert_int_equal(compress(z, &zlen, raw, raw_len), Z_OK);
	chunk(o, "IDAT", z, (uint32_t)zlen);
	chunk(o, "IEND", NULL, 0);
}

/* 4 x 2 RGB pixels, each row "filter 0" then 12 bytes. */
static void rgb_png(struct bytes *o)
{
	unsigned char raw[2 * 13] = { 0 };

	raw[13] = 1;   /* the second row with the Sub filter */
	png(o, 4, 2, 8, 2, 0, raw, sizeof raw);
}

static int probe(const struct bytes *o, struct image_info *info, char *why)
{
	return image_probe(o->b, o->len, info, why, 160);
}

static void test_png_header_is_read(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	rgb_png(&o);
	assert_int_equal(probe(&o, &info, why), 0);
	assert_int_equal(info.format, IMAGE_PNG);
	assert_int_equal(info.width, 4);
	assert_int_equal(info.height, 2);
	assert_int_equal(info.components, 3);
	assert_int_equal(info.bits, 8);
	assert_false(info.alpha);
	assert_string_equal(image_colour_name(&info), "RGB");
}

static void test_palette_png_needs_its_palette(void **state)
{
	unsigned char raw[2] = { 0, 1 };
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	png(&o, 1, 1, 8, 3, 0, raw, sizeof raw);
	assert_int_equal(probe(&o, &info, why), 0);
	assert_true(info.palette);
	assert_string_equal(image_colour_name(&info), "palette");
	/* the same file with its PLTE chunk renamed to an unknown ancillary
	 * one ("pLTX", its CRC fixed): no palette */
	{
		size_t at = 8 + 25;   /* after the signature and IHDR */
		uLong crc;

		memcpy(o.b + at + 4, "pLTX", 4);
		crc = crc32(0, o.b + at + 4, 4 + 6);
		o.b[at + 14] = (unsigned char)(crc >> 24);
		o.b[at + 15] = (unsigned char)(crc >> 16);
		o.b[at + 16] = (unsigned char)(crc >> 8);
		o.b[at + 17] = (unsigned char)crc;
	}
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "a palette PNG without a PLTE chunk");
}

static void test_truncated_png_is_refused(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	rgb_png(&o);
	o.len -= 20;   /* into the IDAT chunk */
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "truncated"));
	o.len = 8;     /* the signature alone */
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "truncated"));
}

static void test_damaged_chunk_fails_its_crc(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	rgb_png(&o);
	o.b[8 + 8 + 3] ^= 1;   /* the width in IHDR */
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "chunk IHDR is damaged (its CRC is wrong)");
}

static void test_wrong_signature_is_not_an_image(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	rgb_png(&o);
	o.b[0] = 'G';
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "damaged PNG signature"));
	memcpy(o.b, "GIF89a\0\0", 8);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "not a PNG or JPEG file");
}

static void test_absurd_size_is_refused(void **state)
{
	unsigned char raw[2] = { 0, 0 };
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	png(&o, 100000, 100000, 8, 0, 0, raw, sizeof raw);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "more than the limit"));
	png(&o, 0, 1, 8, 0, 0, raw, sizeof raw);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "an image of 0 x 1 pixels");
}

static void test_depth_and_colour_type_must_agree(void **state)
{
	unsigned char raw[8] = { 0 };
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	png(&o, 1, 1, 4, 2, 0, raw, 2);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "a PNG of colour type 2 cannot have 4-bit "
	                    "samples");
	png(&o, 1, 1, 16, 0, 0, raw, 3);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "16-bit"));
}

static void test_image_data_must_fill_the_rows_exactly(void **state)
{
	unsigned char raw[64] = { 0 };
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	/* 4 x 2 RGB needs 26 bytes */
	png(&o, 4, 2, 8, 2, 0, raw, 25);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "ends before its last row"));
	png(&o, 4, 2, 8, 2, 0, raw, 27);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "does not match its rows"));
	raw[13] = 9;   /* an unknown filter */
	png(&o, 4, 2, 8, 2, 0, raw, 26);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "unknown row filter"));
}

/* Found by fuzz_image: an IDAT chunk whose zlib stream ends before the
 * chunk does (the rest was other chunks, swallowed by a wrong length)
 * passed the probe, and libpng then refused it. */
static void test_bytes_after_the_compressed_data_are_refused(void **state)
{
	static const char sig[8] = "\x89PNG\r\n\x1a\n";
	unsigned char raw[26] = { 0 }, ihdr[13] = { 0, 0, 0, 4, 0, 0, 0, 2, 8, 2 };
	unsigned char z[256];
	uLongf zlen = sizeof z - 8;
	struct bytes o = { .len = 0 };
	struct image_info info;
	char why[160];

	(void)state;
	assert_int_equal(compress(z, &zlen, raw, sizeof raw), Z_OK);
	memcpy(z + zlen, "IEND\0\0\0\0", 8);   /* junk after the stream */
	put(&o, sig, 8);
	chunk(&o, "IHDR", ihdr, 13);
	chunk(&o, "IDAT", z, (uint32_t)zlen + 8);
	chunk(&o, "IEND", NULL, 0);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "data after the end of the compressed image "
	                    "data (damaged)");
	/* the same junk as an IDAT of its own */
	o.len = 0;
	put(&o, sig, 8);
	chunk(&o, "IHDR", ihdr, 13);
	chunk(&o, "IDAT", z, (uint32_t)zlen);
	chunk(&o, "IDAT", "junk", 4);
	chunk(&o, "IEND", NULL, 0);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "data after the end"));
}

/* The compressed stream may be cut into IDAT chunks anywhere, one byte
 * each even (64 KB of rows from some 100 bytes). */
static void test_image_data_split_across_chunks_is_whole(void **state)
{
	static const char sig[8] = "\x89PNG\r\n\x1a\n";
	unsigned char ihdr[13] = { 0, 0, 0, 255, 0, 0, 1, 0, 8, 0 };
	unsigned char *raw = calloc(256 * 256, 1), z[1024];
	uLongf zlen = sizeof z;
	struct bytes o = { .len = 0 };
	struct image_info info;
	char why[160];

	(void)state;
	assert_non_null(raw);
	assert_int_equal(compress(z, &zlen, raw, 256 * 256), Z_OK);
	put(&o, sig, 8);
	chunk(&o, "IHDR", ihdr, 13);
	for (size_t i = 0; i < zlen; i++)
		chunk(&o, "IDAT", z + i, 1);
	chunk(&o, "IEND", NULL, 0);
	assert_int_equal(probe(&o, &info, why), 0);
	assert_int_equal(info.width, 255);
	assert_int_equal(info.height, 256);
	free(raw);
}

/* What libharu 2.3.0 cannot take: an interlaced PNG (a libpng error
 * from memory) and a grey or RGB image's transparent colour (a crash). */
static void test_what_libharu_cannot_load_is_refused(void **state)
{
	unsigned char raw[16] = { 0 };
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	png(&o, 1, 1, 8, 0, 1, raw, 2);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "an interlaced PNG is not supported (save it "
	                    "without interlacing)");
	/* an RGB image with a tRNS chunk before its data */
	o.len = 0;
	png(&o, 1, 1, 8, 2, 0, raw, 4);
	{
		struct bytes t = { .len = 0 };

		put(&t, o.b, 8 + 25);
		chunk(&t, "tRNS", "\0\0\0\0\0\0", 6);
		put(&t, o.b + 33, o.len - 33);
		assert_int_equal(probe(&t, &info, why), -1);
		assert_non_null(strstr(why, "transparent colour (tRNS) is not "
		                        "supported"));
	}
}

/* libpng fails a load on an ancillary chunk it dislikes (a zero gamma):
 * libharu gets the PNG without them, which still probes clean. */
static void test_essentials_drop_the_ancillary_chunks(void **state)
{
	struct bytes o, t = { .len = 0 };
	struct image_info info;
	char why[160];
	unsigned char *e;
	size_t n;

	(void)state;
	rgb_png(&o);
	put(&t, o.b, 8 + 25);
	chunk(&t, "gAMA", "\0\0\0\0", 4);
	chunk(&t, "tEXt", "Title\0x", 7);
	put(&t, o.b + 33, o.len - 33);
	assert_int_equal(probe(&t, &info, why), 0);
	e = image_png_essentials(t.b, t.len, &n);
	assert_int_equal(n, o.len);
	assert_memory_equal(e, o.b, n);
	assert_int_equal(image_probe(e, n, &info, why, sizeof why), 0);
	free(e);
}

/* A JPEG's markers: SOI, SOF0 of w x h with nc components, a scan of a
 * few entropy bytes (with a stuffed 0xFF 0x00), EOI. */
static void jpeg(struct bytes *o, unsigned sof, unsigned w, unsigned h,
                 unsigned nc, bool eoi)
{
	unsigned char seg[32];
	unsigned n = 8 + 3 * nc;

	o->len = 0;
	put(o, "\xff\xd8", 2);
	put(o, "\xff\xe0\x00\x04\x00\x00", 6);   /* an APP0 segment */
	seg[0] = 0xFF;
	seg[1] = (unsigned char)sof;
	seg[2] = 0;
	seg[3] = (unsigned char)n;
	seg[4] = 8;
	seg[5] = (unsigned char)(h >> 8);
	seg[6] = (unsigned char)h;
	seg[7] = (unsigned char)(w >> 8);
	seg[8] = (unsigned char)w;
	seg[9] = (unsigned char)nc;
	for (unsigned i = 0; i < nc; i++) {
		seg[10 + 3 * i] = (unsigned char)(i + 1);
		seg[11 + 3 * i] = 0x11;
		seg[12 + 3 * i] = 0;
	}
	put(o, seg, 2 + n);
	put(o, "\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00", 10);
	put(o, "\x12\x34\xff\x00\x56", 5);
	if (eoi)
		put(o, "\xff\xd9", 2);
}

static void test_jpeg_frame_is_read(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	jpeg(&o, 0xC0, 640, 480, 3, true);
	assert_int_equal(probe(&o, &info, why), 0);
	assert_int_equal(info.format, IMAGE_JPEG);
	assert_int_equal(info.width, 640);
	assert_int_equal(info.height, 480);
	assert_int_equal(info.components, 3);
	jpeg(&o, 0xC2, 10, 10, 1, true);
	assert_int_equal(probe(&o, &info, why), 0);
	assert_true(info.interlaced);
}

static void test_lying_jpeg_is_refused(void **state)
{
	struct bytes o;
	struct image_info info;
	char why[160];

	(void)state;
	jpeg(&o, 0xC0, 640, 480, 3, false);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "end-of-image"));
	jpeg(&o, 0xC0, 0, 480, 3, true);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_string_equal(why, "an image of 0 x 480 pixels");
	jpeg(&o, 0xC3, 10, 10, 1, true);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "SOF3 is not supported"));
	jpeg(&o, 0xC0, 10, 10, 2, true);
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "2 components"));
	/* a segment length past the end of the file */
	jpeg(&o, 0xC0, 10, 10, 1, true);
	o.b[5] = 0x7f;
	assert_int_equal(probe(&o, &info, why), -1);
	assert_non_null(strstr(why, "past the end"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_header_is_read),
		cmocka_unit_test(test_palette_png_needs_its_palette),
		cmocka_unit_test(test_truncated_png_is_refused),
		cmocka_unit_test(test_damaged_chunk_fails_its_crc),
		cmocka_unit_test(test_wrong_signature_is_not_an_image),
		cmocka_unit_test(test_absurd_size_is_refused),
		cmocka_unit_test(test_depth_and_colour_type_must_agree),
		cmocka_unit_test(test_image_data_must_fill_the_rows_exactly),
		cmocka_unit_test(test_bytes_after_the_compressed_data_are_refused),
		cmocka_unit_test(test_image_data_split_across_chunks_is_whole),
		cmocka_unit_test(test_what_libharu_cannot_load_is_refused),
		cmocka_unit_test(test_essentials_drop_the_ancillary_chunks),
		cmocka_unit_test(test_jpeg_frame_is_read),
		cmocka_unit_test(test_lying_jpeg_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
