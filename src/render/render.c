/*
 * render.c: pages of positioned boxes -> PDF bytes, through libharu 2.3.0.
 *
 * src/render/ is the only place that includes <hpdf.h>. render_pdf() is
 * one-shot: it starts one libharu document, loads into it the font
 * subsets the fonts module cuts for the code points the pages use (layout
 * measured with the same fonts, through fonts_metrics(), so widths agree),
 * draws the pages (draw.c), repairs the ToUnicode maps (tounicode.c) and
 * serialises the document once.
 *
 * Invariants worth knowing before editing:
 * - libharu errors are sticky. Its public API reports them through the
 *   error handler; ours records the first error_no/detail_no in
 *   struct render_error (passed as user_data, no globals, no longjmp). Its
 *   object API only sets the document's error. Every phase checks both
 *   (render_haru_failed) and turns the error into a diagnostic
 *   (render_haru_error).
 * - Text is UTF-8. content.c writes it itself: one byte a character in a
 *   font that draws at most 255 distinct code points (encoding.c), else
 *   two-byte CIDs equal to the code points (Identity-H), as libharu's
 *   "UTF-8" encoder would. Characters beyond the BMP become U+0020.
 * - libharu trusts font files; it only ever sees bytes fonts_subset()
 *   checked (fonts_check()).
 * - Output is a pure function of the input: no clock, no document ID.
 */
#define _GNU_SOURCE
#include "render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <libdeflate.h>
#include <sys/mman.h>
#include <unistd.h>

#include "briefing/base/date.h"
#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "pack.h"

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                     void *user_data)
{
	struct render_error *e = user_data;

	if (e->error_no == HPDF_OK) {
		e->error_no = error_no;
		e->detail_no = detail_no;
	}
}

/* A short meaning for the libharu errors a user can cause or meet; the
 * rest are internal and only the number is useful (hpdf_error.h). */
static const char *error_meaning(HPDF_STATUS no)
{
	switch (no) {
	case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
	case HPDF_FILE_IO_ERROR: return "file input/output error";
	case HPDF_FILE_OPEN_ERROR: return "cannot open the file";
	case HPDF_FONT_EXISTS: return "the font is already loaded";
	case HPDF_INVALID_DATE_TIME: return "invalid date";
	case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
	case HPDF_INVALID_TTC_FILE: return "invalid TrueType collection";
	case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
	case HPDF_PAGE_INVALID_SIZE: return "invalid page size";
	case HPDF_PAGE_OUT_OF_RANGE: return "value out of range";
	case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
	case HPDF_STRING_OUT_OF_RANGE: return "string too long";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		return "the font's licence forbids embedding";
	case HPDF_TTF_INVALID_CMAP: return "the font has no usable Unicode cmap";
	case HPDF_TTF_INVALID_FOMAT: return "not a TrueType font";
	case HPDF_TTF_MISSING_TABLE: return "the font lacks a required table";
	case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
	case HPDF_INVALID_URI: return "invalid URI";
	case HPDF_ZLIB_ERROR: return "compression failed";
	default: return NULL;
	}
}

/* True once libharu has failed. Public API calls report through the
 * handler; the object API we use for the ToUnicode and destination fixes
 * only sets the document's sticky error, so look there too. */
bool render_haru_failed(const struct render *r)
{
	return r->err.error_no != HPDF_OK ||
	       (r->pdf && HPDF_GetError(r->pdf) != HPDF_OK);
}

/* Turns libharu's error into a diagnostic "<what>: libharu error 0x1060
 * (detail 0): <meaning>" and clears both the record and libharu's sticky
 * state, so a caller that goes on (to report the next font) can. */
int render_haru_error(struct render *r, struct diag_list *dl, const char *what)
{
	HPDF_STATUS no = r->err.error_no, detail = r->err.detail_no;
	const char *meaning;

	if (no == HPDF_OK && r->pdf) {
		no = HPDF_GetError(r->pdf);
		detail = HPDF_GetErrorDetail(r->pdf);
	}
	r->err.error_no = r->err.detail_no = HPDF_OK;
	if (r->pdf)
		HPDF_ResetError(r->pdf);
	if (no == HPDF_OK)  /* failed without saying why */
		return diag_error(dl, NULL, 0, "%s: libharu failed", what);
	meaning = error_meaning(no);
	return diag_error(dl, NULL, 0, "%s: libharu error 0x%04X (detail %u)%s%s",
	                  what, (unsigned)no, (unsigned)detail,
	                  meaning ? ": " : "", meaning ? meaning : "");
}

/* Starts the document. All before any font or page exists, so every
 * stream is set up with compression and text goes through the UTF-8
 * encoder. */
static int new_document(struct render *r, struct diag_list *dl)
{
	r->pdf = HPDF_NewEx(on_error, NULL, NULL, 0, &r->err);
	if (!r->pdf)
		return diag_error(dl, NULL, 0, "cannot start a pdf document: out "
		                  "of memory");
	HPDF_SetCompressionMode(r->pdf, HPDF_COMP_ALL);
	if (render_haru_failed(r))
		return render_haru_error(r, dl, "cannot set up the pdf document");
	return 0;
}

/* Hands libharu 2.3.0, which loads TrueType only from a file, the bytes
 * of a subset: through a memory file, opened by name. libharu keeps its
 * own descriptor (it reads the font again when saving), so ours can close
 * at once. Returns libharu's name for the font, or NULL. */
static const char *load_bytes(struct render *r, const unsigned char *data,
                              size_t len)
{
	const char *name = NULL;
	char proc[64];
	int fd = memfd_create("briefing-font", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		return NULL;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off == len) {
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
		name = HPDF_LoadTTFontFromFile(r->pdf, proc, HPDF_TRUE);
	}
	close(fd);
	return name;
}

/* The encoder a font is loaded with: libharu's own "UTF-8" encoder makes
 * HPDF_GetFont look up all 65,536 code points, each by a linear search of
 * the cmap, and write a 131,070-byte CID-to-glyph map. A CMap encoder that
 * maps only the code points the font draws (each to itself, so CIDs stay
 * code points as in the UTF-8 mode) makes libharu look up only those, and
 * its map ends at the highest one. Content never goes through an encoder
 * (content.c writes the CIDs), so nothing else reads it. */
static HPDF_STATUS encoder_init(HPDF_Encoder e)
{
	HPDF_CMapEncoderAttr a;
	HPDF_CidRange_Rec space = {0x0000, 0xFFFF, 0};
	HPDF_STATUS ret = HPDF_CMapEncoder_InitAttr(e);

	if (ret != HPDF_OK)
		return ret;
	if ((ret = HPDF_CMapEncoder_AddCodeSpaceRange(e, space)) != HPDF_OK)
		return ret;
	a = e->attr;
	snprintf(a->registry, sizeof a->registry, "Adobe");
	/* libharu names the font's encoding Identity-H for this ordering */
	snprintf(a->ordering, sizeof a->ordering, "Identity-H");
	a->suppliment = 0;
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

/* Registers the encoder for font slot i and maps the code points set in
 * used, each to its CID: the code point itself, or its one-byte code when
 * e has them (encoding.c). Returns its name (in buf), or NULL after a
 * libharu error. */
static const char *new_encoder(struct render *r, size_t i,
                               const unsigned char *used,
                               const struct render_encoding *e, char *buf,
                               size_t size)
{
	HPDF_Encoder enc;
	HPDF_CMapEncoderAttr a;
	uint32_t top = 0, spare;

	snprintf(buf, size, "briefing-%zu", i);
	enc = HPDF_CMapEncoder_New(r->pdf->mmgr, buf, encoder_init);
	if (!enc || HPDF_Doc_RegisterEncoder(r->pdf, enc) != HPDF_OK)
		return NULL;
	/* initialises it (libharu does so on first use) */
	if (!HPDF_GetEncoder(r->pdf, buf))
		return NULL;
	a = enc->attr;
	/* CID 0 means unmapped to libharu, and U+0000 is never drawn */
	for (uint32_t cp = render_next_used(used, 1); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1)) {
		uint32_t cid = e->one_byte ? e->code[cp] : cp;

		a->cid_map[cp & 0xFF][cp >> 8] = (HPDF_UINT16)cid;
		a->unicode_map[cp & 0xFF][cp >> 8] = (HPDF_UNICODE)cp;
		if (cid > top)
			top = cid;
	}
	/* libharu writes widths and the CID-to-glyph map for CIDs below the
	 * highest one it is given: one more, unused, keeps the last real one.
	 * It takes the slot of a code point the font does not draw: the next
	 * after the highest (U+FFFF, a noncharacter, is in no font), or for
	 * one-byte codes the first. */
	spare = top + 1;
	if (e->one_byte)
		for (spare = 1; render_is_used(used, spare); spare++)
			;
	if (spare <= 0xFFFF) {
		a->cid_map[spare & 0xFF][spare >> 8] = (HPDF_UINT16)(top + 1);
		a->unicode_map[spare & 0xFF][spare >> 8] = (HPDF_UNICODE)spare;
	}
	return buf;
}

/* libharu embeds the outline of a glyph only once its width was asked
 * for, which its text operators do and content.c does not. The widths
 * are kept (in widths[], by code point): they are the ones libharu writes
 * into the font's /W array, which content.c needs to know where each
 * string ends. */
static void mark_glyphs(HPDF_Font font, const unsigned char *used,
                        uint16_t *widths)
{
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;

	for (uint32_t cp = render_next_used(used, 1); cp <= 0xFFFF;
	     cp = render_next_used(used, cp + 1))
		widths[cp] = (uint16_t)HPDF_TTFontDef_GetCharWidth(def,
		                                                   (HPDF_UINT16)cp);
}

/* Embeds a subset of every font holding the code points in r->used. */
static int load_fonts(struct render *r, struct diag_list *dl)
{
	for (size_t i = 0; i < r->nloaded; i++) {
		const char *path = NULL, *name, *enc;
		const unsigned char *used = r->used + i * FONTS_BMP_BYTES;
		char enc_name[32];
		unsigned char *data;
		size_t len;

		for (int f = 0; f < FACE_COUNT && !path; f++)
			if (fonts_index(r->fonts, (enum face)f) == i)
				path = fonts_path(r->fonts, (enum face)f);
		if (fonts_subset(r->fonts, i, used, &data, &len, dl) < 0)
			return -1;
		name = load_bytes(r, data, len);
		free(data);
		render_encoding_plan(&r->enc[i], used);
		enc = name ? new_encoder(r, i, used, &r->enc[i], enc_name,
		                         sizeof enc_name) : NULL;
		r->loaded[i] = enc ? HPDF_GetFont(r->pdf, name, enc) : NULL;
		if (r->loaded[i])
			mark_glyphs(r->loaded[i], used, r->widths + i * 0x10000);
		if (r->loaded[i] && r->enc[i].one_byte &&
		    render_set_encoding(r, r->loaded[i], dl) < 0)
			return -1;
		if (!r->loaded[i] || render_haru_failed(r)) {
			char *what = xasprintf("cannot embed font file '%s'", path);

			render_haru_error(r, dl, what);
			free(what);
			return -1;
		}
	}
	for (int f = 0; f < FACE_COUNT; f++)
		r->font[f] = r->loaded[fonts_index(r->fonts, (enum face)f)];
	return 0;
}

static int set_info(struct render *r, const struct render_info *info,
                    struct diag_list *dl)
{
	const struct {
		HPDF_InfoType type;
		const char *key, *value;
	} attrs[] = {
		/* first: it makes the information dictionary; it replaces
		 * libharu's "Haru Free PDF Library 2.3.0" */
		{HPDF_INFO_PRODUCER, "Producer", "briefing"},
		{HPDF_INFO_TITLE, "Title", info ? info->title : NULL},
		{HPDF_INFO_AUTHOR, "Author", info ? info->author : NULL},
		{HPDF_INFO_SUBJECT, "Subject", info ? info->subject : NULL},
		{HPDF_INFO_KEYWORDS, "Keywords", info ? info->keywords : NULL},
		{HPDF_INFO_CREATOR, "Creator", info ? info->creator : NULL},
	};
	HPDF_Date date;
	struct date_time d;

	/* Printable ASCII goes as it is; anything else as UTF-16BE with a
	 * byte order mark (render_text_string()), so non-ASCII survives. */
	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (attrs[i].value && attrs[i].value[0]) {
			if (render_plain_ascii(attrs[i].value))
				HPDF_SetInfoAttr(r->pdf, attrs[i].type, attrs[i].value);
			else if (r->pdf->info)
				render_text_string(r, r->pdf->info, attrs[i].key,
				                   attrs[i].value);
		}
	/* /Classification: the computed marking, so a file found without
	 * its pages still says what it is (producer is always set above, so
	 * the information dictionary exists) */
	if (info && r->pdf->info) {
		const struct { const char *key, *value; } custom[] = {
			{ "Classification", info->marking },
			/* document control: a registry can file the PDF by them */
			{ "Reference", info->reference },
			{ "Edition", info->edition },
			{ "Version", info->version },
		};

		for (size_t i = 0; i < sizeof custom / sizeof custom[0]; i++) {
			const char *v = custom[i].value;

			if (v && v[0])
				render_text_string(r, r->pdf->info, custom[i].key, v);
		}
	}
	if (info && info->date) {
		int off;

		if (!date_time_parse(info->date, &d, NULL, 0))
			return diag_error(dl, NULL, 0, "invalid document date '%s': "
			                  "expected a real date as YYYY-MM-DD",
			                  info->date);
		/* 00:00:00 UTC of that day, or the as-of time in its zone */
		off = date_zone_hours(d.zone);
		memset(&date, 0, sizeof date);
		date.year = d.date.year;
		date.month = d.date.month;
		date.day = d.date.day;
		date.hour = d.hour;
		date.minutes = d.minute;
		date.ind = (char)(off > 0 ? '+' : off < 0 ? '-' : 'Z');
		date.off_hour = off < 0 ? -off : off;
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, date);
	}
	if (render_haru_failed(r))
		return render_haru_error(r, dl, "cannot set the document information");
	return 0;
}
/* Where libharu's serialised document goes: straight into the buffer
 * the caller receives. */
struct render_sink {
	unsigned char *buf;
	size_t len, cap;
};

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr,
                              HPDF_UINT size)
{
	struct render_sink *k = stream->attr;

	k->buf = xgrow(k->buf, &k->cap, k->len + size, 1);
	memcpy(k->buf + k->len, ptr, size);
	k->len += size;
	return HPDF_OK;
}

/* Serialises the document into a malloc'd buffer. HPDF_SaveToStream
 * writes to the document's stream, a memory stream it creates unless one
 * is set: a callback stream set first makes libharu's bytes land in our
 * buffer as they are produced, instead of in its chunks and then in a
 * copy (which held the whole PDF twice).
 *
 * libharu's PDF 1.3 is then packed as PDF 1.5 (pack.c): object streams
 * and a cross-reference stream, a sixth smaller at 100,000 table rows.
 * The document is freed first, so that at most the two PDFs are held,
 * not libharu's objects too. Should the packer not recognise libharu's
 * output, those bytes are written as they are: valid, only larger. */
static int save(struct render *r, unsigned char **out, size_t *out_len,
                struct diag_list *dl)
{
	struct render_sink sink = {0};

	r->pdf->stream = HPDF_CallbackWriter_New(r->pdf->mmgr, sink_write, &sink);
	if (!r->pdf->stream || HPDF_SaveToStream(r->pdf) != HPDF_OK ||
	    render_haru_failed(r) || sink.len == 0)
		goto fail;
	HPDF_Free(r->pdf);
	r->pdf = NULL;
	render_pack_in_place(&sink.buf, &sink.len, render_compressor(r), NULL);
	*out = sink.buf;
	*out_len = sink.len;
	return 0;
fail:
	free(sink.buf);
	return render_haru_error(r, dl, "cannot serialise the pdf document");
}

/* One resource dictionary for every page, on the root of the page tree,
 * where pages inherit it: << /Font << /F1 ... >> >>, every embedded font
 * under the name content.c uses (r->font_name). libharu gives each page
 * its own, with the obsolete /ProcSet and the fonts it drew: 95 bytes a
 * page repeated. The font dictionary is one object, so that form
 * XObjects can share it too. */
static int share_resources(struct render *r)
{
	HPDF_MMgr mmgr = r->pdf->mmgr;
	HPDF_Dict res = HPDF_Dict_New(mmgr), fonts = HPDF_Dict_New(mmgr);
	HPDF_STATUS ret = HPDF_OK;

	if (!res || !fonts || HPDF_Xref_Add(r->pdf->xref, fonts) != HPDF_OK)
		return -1;
	for (size_t i = 0; i < r->nloaded; i++) {
		snprintf(r->font_name[i], sizeof r->font_name[i], "F%zu", i + 1);
		ret |= HPDF_Dict_Add(fonts, r->font_name[i], r->loaded[i]);
	}
	ret |= HPDF_Dict_Add(res, "Font", fonts);
	ret |= HPDF_Dict_Add(r->pdf->root_pages, "Resources", res);
	r->font_dict = fonts;
	r->resources = res;
	return ret == HPDF_OK ? 0 : -1;
}

/* When every page has one size, the root of the page tree carries the
 * MediaBox, which pages inherit, and the pages none; returns whether it
 * does. */
static bool share_media_box(struct render *r, const struct pages *pages)
{
	HPDF_Array box;

	for (size_t i = 1; i < pages->len; i++)
		if (pages->items[i].width != pages->items[0].width ||
		    pages->items[i].height != pages->items[0].height)
			return false;
	box = HPDF_Array_New(r->pdf->mmgr);
	if (!box)
		return false;
	HPDF_Array_AddNumber(box, 0);
	HPDF_Array_AddNumber(box, 0);
	HPDF_Array_AddReal(box, (HPDF_REAL)pages->items[0].width);
	HPDF_Array_AddReal(box, (HPDF_REAL)pages->items[0].height);
	return HPDF_Dict_Add(r->pdf->root_pages, "MediaBox", box) == HPDF_OK;
}

/* The pages, after the fonts: every page exists before drawing, so a link
 * can point forward. */
static int draw_all(struct render *r, const struct pages *pages,
                    HPDF_Page *hpages, HPDF_Destination *tops,
                    struct diag_list *dl)
{
	bool shared_box;

	if (share_resources(r) < 0 || render_haru_failed(r))
		return render_haru_error(r, dl, "cannot set up the page resources");
	shared_box = share_media_box(r, pages);
	for (size_t i = 0; i < pages->len; i++) {
		hpages[i] = HPDF_AddPage(r->pdf);
		if (hpages[i]) {
			HPDF_Page_SetWidth(hpages[i], (HPDF_REAL)pages->items[i].width);
			HPDF_Page_SetHeight(hpages[i], (HPDF_REAL)pages->items[i].height);
			/* both inherited from the root */
			HPDF_Dict_RemoveElement(hpages[i], "Resources");
			if (shared_box)
				HPDF_Dict_RemoveElement(hpages[i], "MediaBox");
		}
		if (render_haru_failed(r)) {
			char *what = xasprintf("cannot add page %zu (%g x %g pt)", i + 1,
			                       pages->items[i].width,
			                       pages->items[i].height);

			render_haru_error(r, dl, what);
			free(what);
			return -1;
		}
	}
	render_forms_count(r, pages);
	for (size_t i = 0; i < pages->len; i++)
		if (render_draw_page(r, pages, i, hpages, tops, dl) < 0)
			return -1;
	return render_add_outline(r, pages, hpages, dl);
}

int render_pdf(const struct pages *pages, const struct fonts *fonts,
               const struct render_info *info, unsigned char **out,
               size_t *out_len, struct diag_list *dl)
{
	struct render r = {0};
	HPDF_Page *hpages = NULL;
	HPDF_Destination *tops = NULL;
	int rc = -1;

	*out = NULL;
	*out_len = 0;
	if (pages->len == 0)
		return diag_error(dl, NULL, 0, "the document has no pages");
	r.fonts = fonts;
	r.nloaded = fonts_count(fonts);
	r.used = xcalloc(r.nloaded, FONTS_BMP_BYTES);
	r.widths = xcalloc(r.nloaded * 0x10000, sizeof *r.widths);
	/* arrays of libharu handles, which are pointers */
	hpages = xcalloc(pages->len, sizeof *hpages); /* NOLINT(bugprone-sizeof-expression) */
	tops = xcalloc(pages->len, sizeof *tops); /* NOLINT(bugprone-sizeof-expression) */
	if (render_collect_used(&r, pages, dl) < 0 || new_document(&r, dl) < 0 ||
	    load_fonts(&r, dl) < 0 || draw_all(&r, pages, hpages, tops, dl) < 0 ||
	    set_info(&r, info, dl) < 0)
		goto fail;
	for (size_t i = 0; i < r.nloaded; i++)
		if (render_fix_tounicode(&r, r.loaded[i], i,
		                         r.used + i * FONTS_BMP_BYTES, &r.enc[i],
		                         dl) < 0)
			goto fail;
	if (save(&r, out, out_len, dl) < 0)
		goto fail;
	rc = 0;
fail:
	if (r.pdf)
		HPDF_Free(r.pdf);
	free(hpages);
	free(tops);
	free(r.used);
	free(r.widths);
	for (size_t i = 0; i < r.nloaded; i++)
		render_encoding_release(&r.enc[i]);
	render_content_release(&r.content);
	render_forms_release(&r);
	libdeflate_free_compressor(r.z);
	render_images_release(&r);
	fonts_run_release(&r.run);
	free(r.aliases);
	return rc;
}
