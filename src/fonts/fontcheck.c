/*
 * fontcheck.c: is a TrueType font safe to hand to libharu 2.3.0?
 *
 * libharu reads the tables it needs (head, maxp, hhea, cmap, hmtx, loca,
 * name, OS/2, then copies glyf and post) and trusts what they say:
 * hhea.numberOfHMetrics > maxp.numGlyphs overflows the heap array it
 * allocates for maxp.numGlyphs metrics, head.unitsPerEm == 0 divides by
 * zero, a cmap without a final 0xFFFF segment or whose idRangeOffset
 * points one past its glyph array is read out of bounds for every BMP code
 * point HPDF_GetFont() walks. So we check, on the exact bytes libharu will
 * get, every field it reads against the sizes and counts it relies on,
 * interpreting them as it does (the first table of a tag, the first (3,1)
 * format 4 cmap). The checks are stricter than libharu where a real font
 * never differs (tables inside the file, loca in order).
 */
#include "briefing/fonts.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* libharu refuses more table records than fit in 10000 bytes. */
#define FONTCHECK_MAX_TABLES (10000 / 16)

struct font_table {
	const unsigned char *p;
	uint32_t len;
};

struct font_check {
	const unsigned char *data;
	size_t len;
	char *buf;
	size_t size;
	uint16_t num_glyphs;
	uint16_t loca_long;
	struct font_table head, maxp, hhea, hmtx, cmap, loca, glyf, name, os2,
	                  post;
};

static uint16_t u16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool bad(struct font_check *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Records the problem in c->buf; always returns true ("is bad"). */
static bool bad(struct font_check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->buf, c->size, fmt, ap);
	va_end(ap);
	return true;
}

/* The first table named tag, as libharu's FindTable() takes it. Returns
 * true (bad) when it is missing or shorter than need bytes. */
static bool table(struct font_check *c, const char *tag, uint32_t need,
                  struct font_table *t)
{
	uint16_t n = u16(c->data + 4);

	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *r = c->data + 12 + 16 * (size_t)i;

		if (memcmp(r, tag, 4) != 0)
			continue;
		t->p = c->data + u32(r + 8);
		t->len = u32(r + 12);
		if (t->len < need)
			return bad(c, "table '%s' is %u bytes, shorter than %u",
			           tag, (unsigned)t->len, (unsigned)need);
		return false;
	}
	return bad(c, "missing table '%s'", tag);
}

/* The offset table and every table record: inside the file. */
static bool check_directory(struct font_check *c)
{
	uint32_t version;
	uint16_t n;

	if (c->len < 12)
		return bad(c, "%zu bytes is too short for a font", c->len);
	version = u32(c->data);
	if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
		return bad(c, "not a TrueType font (sfnt version 0x%08X)",
		           (unsigned)version);
	n = u16(c->data + 4);
	if (n > FONTCHECK_MAX_TABLES)
		return bad(c, "%u tables, more than libharu's %d", n,
		           FONTCHECK_MAX_TABLES);
	if (12 + 16 * (size_t)n > c->len)
		return bad(c, "the table directory (%u tables) is cut off", n);
	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *r = c->data + 12 + 16 * (size_t)i;
		uint64_t off = u32(r + 8), len = u32(r + 12);
		char tag[5];

		/* a damaged tag must not put control bytes in the message */
		for (int k = 0; k < 4; k++)
			tag[k] = (char)(r[k] >= 0x20 && r[k] < 0x7F ? r[k] : '?');
		tag[4] = '\0';
		if (off + len > c->len)
			return bad(c, "table '%s' (%llu bytes at %llu) ends past "
			           "the end of the file (%zu bytes)", tag,
			           (unsigned long long)len, (unsigned long long)off,
			           c->len);
	}
	return false;
}

/* head, maxp, hhea, hmtx: the counts and sizes libharu allocates by. */
static bool check_metrics(struct font_check *c)
{
	uint16_t upem, loc_format, nhm;

	if (table(c, "head", 54, &c->head) || table(c, "maxp", 6, &c->maxp) ||
	    table(c, "hhea", 36, &c->hhea) || table(c, "hmtx", 0, &c->hmtx))
		return true;
	upem = u16(c->head.p + 18);
	loc_format = u16(c->head.p + 50);
	if (upem == 0)
		return bad(c, "head.unitsPerEm is 0");
	if (loc_format > 1)
		return bad(c, "head.indexToLocFormat is %u, not 0 or 1", loc_format);
	c->loca_long = loc_format;
	c->num_glyphs = u16(c->maxp.p + 4);
	if (c->num_glyphs == 0)
		return bad(c, "maxp.numGlyphs is 0");
	nhm = u16(c->hhea.p + 34);
	if (nhm == 0)
		return bad(c, "hhea.numberOfHMetrics is 0");
	if (nhm > c->num_glyphs)
		return bad(c, "hhea.numberOfHMetrics %u > maxp.numGlyphs %u", nhm,
		           c->num_glyphs);
	if (c->hmtx.len < 4 * (uint32_t)nhm + 2 * (uint32_t)(c->num_glyphs - nhm))
		return bad(c, "hmtx is %u bytes, too short for %u metrics of %u "
		           "glyphs", (unsigned)c->hmtx.len, nhm, c->num_glyphs);
	return false;
}

/* loca: numGlyphs + 1 offsets, in order, inside glyf. */
static bool check_loca(struct font_check *c)
{
	size_t width = c->loca_long ? 4 : 2;
	uint32_t prev = 0;

	if (table(c, "glyf", 0, &c->glyf) ||
	    table(c, "loca", ((uint32_t)c->num_glyphs + 1) * (uint32_t)width,
	          &c->loca))
		return true;
	for (size_t i = 0; i <= c->num_glyphs; i++) {
		uint32_t off = c->loca_long ? u32(c->loca.p + 4 * i) :
		               2u * u16(c->loca.p + 2 * i);

		if (off < prev)
			return bad(c, "loca goes backwards at glyph %zu", i);
		if (off > c->glyf.len)
			return bad(c, "loca points past glyf at glyph %zu", i);
		prev = off;
	}
	return false;
}

/* Walks every BMP code point through a format 4 subtable the way
 * libharu's HPDF_TTFontDef_GetGlyphid() does: the first segment whose
 * endCode is not below the code point, then idDelta or the glyph array. */
static bool check_cmap4(struct font_check *c, const unsigned char *sub,
                        uint32_t room)
{
	uint32_t length;
	size_t segs, count;
	const unsigned char *end, *start, *delta, *range;
	long prev = -1;

	if (room < 14)
		return bad(c, "cmap format 4 subtable is cut off");
	length = u16(sub + 2);
	segs = u16(sub + 6) / 2u;
	if (u16(sub + 6) % 2 || segs == 0)
		return bad(c, "cmap format 4 segCountX2 is %u", u16(sub + 6));
	if (length > room || length < 16 + 8 * segs)
		return bad(c, "cmap format 4 length %u does not fit %zu segments "
		           "in %u bytes", (unsigned)length, segs,
		           (unsigned)room);
	count = (length - 16 - 8 * segs) / 2;
	end = sub + 14;
	start = end + 2 * segs + 2;
	delta = start + 2 * segs;
	range = delta + 2 * segs;
	for (size_t i = 0; i < segs; i++) {
		uint32_t hi = u16(end + 2 * i), lo = u16(start + 2 * i);

		if ((long)hi <= prev)
			continue;   /* an earlier segment takes all its code points */
		if ((long)lo <= prev)
			lo = (uint32_t)(prev + 1);
		prev = hi;
		for (uint32_t u = lo; u <= hi; u++) {
			uint32_t ro = u16(range + 2 * i), gid;

			if (ro == 0) {
				gid = (u + u16(delta + 2 * i)) & 0xFFFF;
			} else {
				/* unsigned, as libharu computes it: below the array
				 * wraps to a huge index */
				uint32_t idx = (uint32_t)(ro / 2 + (u - u16(start + 2 * i)) -
				                          (segs - i));

				if (idx >= count)
					return bad(c, "cmap maps U+%04X past its glyph id "
					           "array", (unsigned)u);
				gid = (u16(sub + 16 + 8 * segs + 2 * (size_t)idx) +
				       u16(delta + 2 * i)) & 0xFFFF;
			}
			if (gid >= c->num_glyphs)
				return bad(c, "cmap maps U+%04X to glyph %u of %u",
				           (unsigned)u, (unsigned)gid, c->num_glyphs);
		}
	}
	if (prev != 0xFFFF)
		return bad(c, "cmap format 4 lacks the final 0xFFFF segment");
	return false;
}

/* cmap: version 0, and the first (3,1) subtable libharu picks has
 * format 4 and passes check_cmap4(). */
static bool check_cmap(struct font_check *c)
{
	uint16_t n;

	if (table(c, "cmap", 4, &c->cmap))
		return true;
	if (u16(c->cmap.p) != 0)
		return bad(c, "cmap version is %u, not 0", u16(c->cmap.p));
	n = u16(c->cmap.p + 2);
	if (4 + 8 * (uint32_t)n > c->cmap.len)
		return bad(c, "cmap has %u subtables but is %u bytes", n,
		           (unsigned)c->cmap.len);
	for (uint16_t i = 0; i < n; i++) {
		const unsigned char *r = c->cmap.p + 4 + 8 * (size_t)i;
		uint32_t off = u32(r + 4);

		if (off > c->cmap.len || c->cmap.len - off < 2)
			return bad(c, "cmap subtable %u lies outside cmap", i);
		if (u16(r) == 3 && u16(r + 2) == 1 && u16(c->cmap.p + off) == 4)
			return check_cmap4(c, c->cmap.p + off, c->cmap.len - off);
	}
	return bad(c, "no Unicode (3,1) format 4 cmap");
}

/* name: every record inside the table (libharu copies them all), and the
 * PostScript name and subfamily libharu builds the font's name from. */
static bool check_name(struct font_check *c)
{
	size_t count;
	uint32_t strings, len[2] = {0, 0};
	bool found[2] = {false, false};

	if (table(c, "name", 6, &c->name))
		return true;
	count = u16(c->name.p + 2);
	strings = u16(c->name.p + 4);
	if (6 + 12 * count > c->name.len)
		return bad(c, "name has %zu records but is %u bytes", count,
		           (unsigned)c->name.len);
	for (size_t i = 0; i < count; i++) {
		const unsigned char *r = c->name.p + 6 + 12 * i;
		uint32_t platform = u16(r), encoding = u16(r + 2), id = u16(r + 6);
		uint32_t l = u16(r + 8), k = id == 6 ? 0 : 1;

		if ((uint64_t)strings + u16(r + 10) + l > c->name.len)
			return bad(c, "name record %zu lies outside the name table", i);
		if (id != 6 && id != 2)
			continue;
		if (platform == 1 && encoding == 0) {
			found[k] = true;
			len[k] = l;
		} else if (platform == 3 && encoding == 1 && u16(r + 4) == 0x409 &&
		           !found[k]) {
			found[k] = true;
			len[k] = l / 2 + l % 2;
		}
	}
	if (!found[0] || !found[1])
		return bad(c, "name has no PostScript name or no subfamily");
	if (len[0] + len[1] + 8 > 127)
		return bad(c, "the font's name is longer than libharu's limit");
	return false;
}

/* OS/2 up to the fields libharu reads (code page ranges from version 1),
 * and post, which it copies. */
static bool check_os2_post(struct font_check *c)
{
	if (table(c, "OS/2", 42, &c->os2))
		return true;
	if (u16(c->os2.p) > 0 && c->os2.len < 86)
		return bad(c, "table 'OS/2' version %u is %u bytes, shorter than 86",
		           u16(c->os2.p), (unsigned)c->os2.len);
	return table(c, "post", 32, &c->post);
}

const char *fonts_check(const unsigned char *data, size_t len, char *buf,
                        size_t size)
{
	struct font_check c = {0};

	c.data = data;
	c.len = len;
	c.buf = buf;
	c.size = size;
	if (check_directory(&c) || check_metrics(&c) || check_loca(&c) ||
	    check_cmap(&c) || check_name(&c) || check_os2_post(&c))
		return buf;
	return NULL;
}
