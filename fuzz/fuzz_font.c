/*
 * fuzz_font.c: libFuzzer harness for the font path: fonts_load() from
 * bytes, the metrics, coverage, and render_pdf() of one line, which cuts
 * the subset with HarfBuzz and hands it to libharu, into memory.
 *
 * libharu trusts fonts (a bad hhea overflows a heap array, a zero
 * unitsPerEm divides by zero): any input must be refused by fonts_check()
 * with a diagnostic or render to a PDF, without a crash, a leak or
 * undefined behaviour, in libharu as in our code.
 *
 * Built with -DFUZZ_FONT_SEED it is instead the seed maker: it writes the
 * subset of a font for the sample line, a small valid font that mutations
 * reach the deep checks from (the whole of DejaVu is mostly glyphs).
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/fonts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/render.h"
#ifndef FUZZ_FONT_SEED
#include "fuzz.h"
#endif

/* Accents, a typographic apostrophe, a dash, digits. */
static const char sample[] = "Ortu\xc3\xb1o Uro\xc5\xa1" "evi\xc4\x87 "
	"D\xe2\x80\x99" "Addario \xe2\x80\x93 KFOR 1999";

#ifndef FUZZ_FONT_SEED
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fonts_spec spec[FACE_COUNT];
	struct diag_list dl = { 0 };
	struct fonts *f;
	struct box box = { 0 };
	struct page page = { 0 };
	struct pages pages = { 0 };
	struct render_info info = { .title = "fuzz", .date = "2024-02-29" };
	unsigned char *out = NULL;
	size_t len = 0;
	uint32_t cp;

	for (int i = 0; i < FACE_COUNT; i++)
		spec[i] = (struct fonts_spec){ .name = "fuzz.ttf", .data = data,
		                               .len = size, .file = fuzz_name("fuzz.ini"),
		                               .line = i + 1 };
	f = fonts_load(spec, &dl);
	if (f) {
		const struct metrics *m = fonts_metrics(f);

		for (int i = 0; i < FACE_COUNT; i++) {
			m->text_width(m->ctx, (enum face)i, 12, sample,
			              sizeof sample - 1);
			m->ascent(m->ctx, (enum face)i, 12);
			m->descent(m->ctx, (enum face)i, 12);
		}
		fonts_missing(f, FACE_REGULAR, sample, sizeof sample - 1, &cp);
		box = (struct box){ .kind = BOX_TEXT, .face = FACE_REGULAR,
		                    .x = 72, .y = 72, .size = 12, .text = sample,
		                    .len = sizeof sample - 1 };
		page = (struct page){ 595, 842, &box, 1, 1 };
		pages.items = &page;
		pages.len = pages.cap = 1;
		/* a font without these glyphs is refused, after libharu has
		 * loaded the subset */
		render_pdf(&pages, f, &info, &out, &len, &dl);
		free(out);
		fonts_free(f);
	}
	diag_release(&dl);
	return 0;
}
#else
/* font_seed FONT OUT: writes the subset of FONT for the sample to OUT. */
int main(int argc, char **argv)
{
	struct fonts_spec spec[FACE_COUNT];
	struct diag_list dl = { 0 };
	unsigned char used[FONTS_BMP_BYTES] = { 0 }, *sub = NULL;
	struct fonts *f;
	size_t len = 0;
	FILE *fp;

	if (argc != 3) {
		fprintf(stderr, "usage: font_seed FONT OUT\n");
		return 2;
	}
	for (int i = 0; i < FACE_COUNT; i++)
		spec[i] = (struct fonts_spec){ .name = argv[1] };
	f = fonts_load(spec, &dl);
	for (size_t i = 0, n; f && i < sizeof sample - 1; i += n) {
		uint32_t c;

		n = utf8_decode(sample + i, sizeof sample - 1 - i, &c);
		used[c >> 3] |= (unsigned char)(1u << (c & 7));
	}
	if (!f || fonts_subset(f, 0, used, &sub, &len, &dl) < 0 ||
	    !(fp = fopen(argv[2], "wb")) || fwrite(sub, 1, len, fp) != len ||
	    fclose(fp) != 0) {
		diag_print(&dl, stderr);
		fprintf(stderr, "font_seed: cannot write %s\n", argv[2]);
		return 1;
	}
	free(sub);
	fonts_free(f);
	diag_release(&dl);
	fontfind_shutdown();
	return 0;
}
#endif
