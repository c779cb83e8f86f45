/*
 * coverage.c: every character the document prints has a glyph, checked
 * before layout so the error names the fact that holds the character.
 *
 * A character without a glyph would print as an empty box. The check
 * walks the document model and tests each string against the face that
 * layout sets it in (headings bold, notes italic, ...: the same faces
 * docs/config.md lists under [fonts]). Render checks every text run again
 * as it draws, as a safety net for text that layout makes itself, such as
 * labels; that error can only name the font.
 */
#include "briefing/fonts.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"

static const char *const face_names[FACE_COUNT] = {
	[FACE_REGULAR] = "regular",
	[FACE_BOLD] = "bold",
	[FACE_ITALIC] = "italic",
};

/* Reports the missing character cp at byte at of s[0..len) with the
 * text around it. Returns -1. */
static int report_at(const struct fonts *f, enum face face, const char *s,
                     size_t len, size_t at, uint32_t cp, const char *file,
                     int line, struct diag_list *dl)
{
	size_t n = utf8_decode(s + at, len - at, &cp), from, to;
	char ch[8] = "";

	from = at > 30 ? at - 30 : 0;
	to = at + n + 30 < len ? at + n + 30 : len;
	while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
		from--;
	while (to < len && ((unsigned char)s[to] & 0xC0) == 0x80)
		to++;
	if (cp >= 0x20 && cp != 0x7F)
		snprintf(ch, sizeof ch, " '%.*s'", (int)n, s + at);
	return diag_error(dl, file, line, "the %s font (%s) has no glyph for "
	                  "U+%04X%s, used in \"%s%.*s%s\"; use a font that "
	                  "covers it", face_names[face], fonts_path(f, face),
	                  (unsigned)cp, ch, from ? "…" : "", (int)(to - from),
	                  s + from, to < len ? "…" : "");
}

int fonts_report_missing(const struct fonts *f, enum face face,
                         const char *s, size_t len, const char *file,
                         int line, struct diag_list *dl)
{
	uint32_t cp;
	long at = fonts_missing(f, face, s, len, &cp);

	if (at < 0)
		return 0;
	return report_at(f, face, s, len, (size_t)at, cp, file, line, dl);
}

/* reported: one bit per face and BMP code point already reported, so a
 * character missing from a column of 100,000 cells is one error, at its
 * first use; characters beyond the BMP (which libharu prints as spaces)
 * are reported once per face, at the first. */
struct walk {
	const struct fonts *f;
	struct diag_list *dl;
	int rc;
	unsigned char reported[FACE_COUNT][FONTS_BMP_BYTES];
	bool astral_reported[FACE_COUNT];
};

/* Marks cp reported in face; false when it already was. */
static bool first_report(struct walk *w, enum face face, uint32_t cp)
{
	unsigned char *bit;

	if (cp >= 0x10000) {
		if (w->astral_reported[face])
			return false;
		w->astral_reported[face] = true;
		return true;
	}
	bit = &w->reported[face][cp >> 3];
	if (*bit & (1u << (cp & 7)))
		return false;
	*bit = (unsigned char)(*bit | (1u << (cp & 7)));
	return true;
}

/* s[0..len) (s may be NULL when len is 0) set in face, from o: every
 * missing character not reported before is reported here. */
static void check_run(struct walk *w, enum face face, const char *s,
                      size_t len, struct doc_origin o)
{
	size_t off = 0;
	uint32_t cp;
	long at;

	while (off < len &&
	       (at = fonts_missing(w->f, face, s + off, len - off, &cp)) >= 0) {
		size_t pos = off + (size_t)at, n;
		uint32_t c;

		w->rc = -1;
		if (first_report(w, face, cp))
			report_at(w->f, face, s, len, pos, cp, o.file, o.line, w->dl);
		n = utf8_decode(s + pos, len - pos, &c);
		off = pos + (n ? n : 1);
	}
}

/* The NUL-terminated s (may be NULL) set in face. */
static void check(struct walk *w, enum face face, const char *s,
                  struct doc_origin o)
{
	check_run(w, face, s, s ? strlen(s) : 0, o);
}

/* The face a span of inline markup sets its text in, over base. */
static enum face span_face(enum face base, unsigned style)
{
	if (style & DOC_SPAN_BOLD)
		return FACE_BOLD;
	if (style & DOC_SPAN_ITALIC)
		return FACE_ITALIC;
	return base;
}

/* s set in base, except the runs its inline spans set bold or italic,
 * which must be in those faces. */
static void check_rich(struct walk *w, enum face base, const char *s,
                       const struct doc_rich *r, struct doc_origin o)
{
	size_t len = s ? strlen(s) : 0, pos = 0;

	for (size_t i = 0; r && i < r->spans_len && pos < len; i++) {
		const struct doc_span *sp = &r->spans[i];
		size_t end = sp->start + sp->len;

		if (sp->start < pos || end > len)
			continue;  /* doc_check() refuses these */
		check_run(w, base, s + pos, sp->start - pos, o);
		check_run(w, span_face(base, sp->style), s + sp->start, sp->len, o);
		pos = end;
	}
	check_run(w, base, s ? s + pos : NULL, len - pos, o);
	/* footnotes are set in the regular face, at their own lines */
	for (size_t i = 0; r && i < r->notes_len; i++)
		check_rich(w, FACE_REGULAR, r->notes[i].text, &r->notes[i].rich,
		           r->notes[i].origin);
}

/* A caption's origin is its config key, when it has one. */
static struct doc_origin caption_origin(const struct doc_caption *cap,
                                        struct doc_origin block)
{
	return cap->origin.line > 0 ? cap->origin : block;
}

static void check_table(struct walk *w, const struct doc_block *b)
{
	const struct doc_table *t = &b->u.table;

	check(w, FACE_BOLD, t->caption, caption_origin(&t->cap, b->origin));
	for (size_t c = 0; c < t->cols; c++)
		check(w, FACE_BOLD, t->columns[c].title, t->columns[c].origin);
	for (size_t r = 0; r < t->rows; r++)
		for (size_t c = 0; c < t->cols; c++)
			check(w, FACE_REGULAR, t->cells[r * t->cols + c],
			      t->row_origins[r]);
}

/* A figures block sets labels bold and values regular; a cover tile the
 * other way round (a big bold value over a small label). */
static void check_figures(struct walk *w, const struct doc_figures *fs,
                          bool cover)
{
	for (size_t i = 0; i < fs->len; i++) {
		const struct doc_figure *x = &fs->items[i];

		check(w, cover ? FACE_REGULAR : FACE_BOLD, x->label, x->origin);
		check(w, cover ? FACE_BOLD : FACE_REGULAR, x->value, x->origin);
	}
}

static void check_block(struct walk *w, const struct doc_block *b)
{
	switch (b->kind) {
	case DOC_HEADING:
		check(w, FACE_BOLD, b->u.heading.title, b->origin);
		break;
	case DOC_PARAGRAPH:
		check_rich(w, FACE_REGULAR, b->u.paragraph.text,
		           &b->u.paragraph.rich, b->origin);
		break;
	case DOC_NOTE:
		check_rich(w, FACE_ITALIC, b->u.paragraph.text,
		           &b->u.paragraph.rich, b->origin);
		break;
	case DOC_LIST:
		check_rich(w, FACE_REGULAR, b->u.list.intro, &b->u.list.intro_rich,
		           b->origin);
		for (size_t i = 0; i < b->u.list.len; i++)
			check_rich(w, FACE_REGULAR, b->u.list.items[i].text,
			           &b->u.list.items[i].rich, b->u.list.items[i].origin);
		break;
	case DOC_FIGURES:
	case DOC_COVER:
		check_figures(w, &b->u.figures, b->kind == DOC_COVER);
		break;
	case DOC_TABLE:
		check_table(w, b);
		break;
	case DOC_ORGCHART:
		check(w, FACE_BOLD, b->u.orgchart.caption,
		      caption_origin(&b->u.orgchart.cap, b->origin));
		for (size_t i = 0; i < b->u.orgchart.len; i++) {
			const struct doc_unit *u = &b->u.orgchart.units[i];

			check(w, FACE_BOLD, u->name, u->origin);
			check(w, FACE_REGULAR, u->detail, u->origin);
		}
		break;
	case DOC_IMAGE:
		check(w, FACE_BOLD, b->u.image.caption,
		      caption_origin(&b->u.image.cap, b->origin));
		check(w, FACE_ITALIC, b->u.image.credit, b->origin);
		break;
	case DOC_CONTENTS:
		/* titles are the headings' (checked bold there); level 2
		 * entries, and a list of figures' or tables' captions, are
		 * set regular */
		for (size_t i = 0; i < b->u.contents.len; i++)
			if (b->u.contents.entries[i].level > 1 ||
			    b->u.contents.lists != DOC_CONTENTS_HEADINGS)
				check(w, FACE_REGULAR, b->u.contents.entries[i].title,
				      b->origin);
		break;
	case DOC_SOURCES:
		check(w, FACE_REGULAR, b->u.sources.intro, b->origin);
		for (size_t i = 0; i < b->u.sources.len; i++) {
			const struct doc_source *s = &b->u.sources.items[i];

			check(w, FACE_BOLD, s->title, s->origin);
			check(w, FACE_REGULAR, s->url, s->origin);
			check(w, FACE_ITALIC, s->updated, s->origin);
		}
		break;
	case DOC_PAGEBREAK:
		break;
	}
}

/* The document's own lines, set in every face somewhere: the title bold
 * on page 1 and regular in the running header, the organisation in all
 * three, the marking bold, the subtitle regular. */
static void check_document(struct walk *w, const struct doc *d)
{
	for (int face = 0; face < FACE_COUNT; face++) {
		check(w, (enum face)face, d->organisation, d->origin);
		if (face != FACE_ITALIC)
			check(w, (enum face)face, d->title, d->origin);
	}
	check(w, FACE_BOLD, d->marking, d->origin);
	check(w, FACE_REGULAR, d->subtitle, d->origin);
	check(w, FACE_ITALIC, d->as_of, d->origin);
}

int fonts_check_doc(const struct fonts *f, const struct doc *d,
                    struct diag_list *dl)
{
	struct walk *w = xcalloc(1, sizeof *w);
	int rc;

	w->f = f;
	w->dl = dl;
	check_document(w, d);
	for (size_t i = 0; i < d->len; i++)
		check_block(w, &d->blocks[i]);
	rc = w->rc;
	free(w);
	return rc;
}
