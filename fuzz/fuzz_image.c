/*
 * fuzz_image.c: libFuzzer harness for image files: image_probe() on the
 * bytes and, for what it accepts, libharu's PNG or JPEG loader (through
 * libpng for a PNG) into a scratch document.
 *
 * libpng aborts the process on data it cannot decode, and libharu trusts
 * the sizes a JPEG's frame header gives: any input must be refused by
 * the probe with a reason or load, without a crash, an abort, a leak or
 * undefined behaviour, in libharu and libpng as in our code.
 *
 * Seeds are made at build time by tests/tools/mkimage.c (every kind of
 * PNG it makes, and a JPEG), never committed (fuzz/corpus/image/README).
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/base/imagefile.h"
#include "briefing/render.h"

#include <zlib.h>

#include "fuzz.h"

/* A mutation almost never keeps a PNG chunk's CRC right, so the probe
 * would refuse nearly every input at the first chunk: half the inputs
 * get their CRCs made right again, so that mutations reach the deeper
 * checks, and libpng. */
static void fix_crcs(uint8_t *d, size_t size)
{
	size_t pos = 8;

	if (size < 8 || memcmp(d, "\x89PNG", 4) != 0)
		return;
	while (size - pos >= 12) {
		uint32_t n = (uint32_t)d[pos] << 24 | (uint32_t)d[pos + 1] << 16 |
		             (uint32_t)d[pos + 2] << 8 | d[pos + 3];
		uLong crc;

		if (n > size - pos - 12)
			return;
		crc = crc32(0, d + pos + 4, (uInt)n + 4);
		d[pos + 8 + n] = (uint8_t)(crc >> 24);
		d[pos + 9 + n] = (uint8_t)(crc >> 16);
		d[pos + 10 + n] = (uint8_t)(crc >> 8);
		d[pos + 11 + n] = (uint8_t)crc;
		pos += 12 + n;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct image_info info;
	char why[160];
	uint8_t *copy = malloc(size ? size : 1);

	if (!copy)
		abort();
	memcpy(copy, data, size);
	if (size && data[size - 1] & 1)
		fix_crcs(copy, size);
	if (image_probe(copy, size, &info, why, sizeof why) == 0 &&
	    render_image_bytes(copy, size, fuzz_name("image.png"), &dl) != 0) {
		/* the probe passed what libharu refused: a finding */
		for (size_t i = 0; i < dl.len; i++)
			fprintf(stderr, "%s\n", dl.items[i].msg);
		abort();
	}
	free(copy);
	diag_release(&dl);
	return 0;
}
