/*
 * pack.c: libharu's PDF 1.3 rewritten as PDF 1.5, with object streams and
 * a cross-reference stream.
 *
 * libharu 2.3.0 writes every object on its own ("N 0 obj ... endobj"),
 * each stream's /Length as an object of its own, and a classic
 * cross-reference table of 20 bytes an object: at 100,000 table rows,
 * about 1.3 MB of page dictionaries, stream wrappers, lengths and table
 * around 5.2 MB of page content. Here the plain objects go into deflated
 * object streams (ISO 32000-1, 7.5.7), each stream's length into its own
 * dictionary, and the table into a deflated cross-reference stream
 * (7.5.8).
 *
 * Invariants: object numbers never change, so no reference is rewritten
 * (the object streams and the cross-reference stream take new numbers
 * after the last); stream data is copied byte for byte; the input is
 * parsed completely and checked before a byte is written (every object
 * where the table says and of the number it says, the objects tiling the
 * file with only white space and comments between them, every length
 * landing on "endstream", every string and dictionary closed), so the
 * outcome is either a packed PDF or the input kept as it is. Objects of
 * another generation than 0 are copied as they are (they may not go in
 * an object stream); an encrypted file or an incremental update is not
 * packed at all.
 */
#include "pack.h"
#include "pack_internal.h"

#include <libdeflate.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/strbuf.h"
#include "briefing/base/xalloc.h"

/* Objects an object stream holds. A reader inflates a whole object stream
 * to reach one of its objects, so not too many; each stream costs its
 * dictionary and a fresh start for deflate, so not too few. */
#ifndef PACK_PER_STREAM
#define PACK_PER_STREAM 200
#endif
/* Deflate level of the object and cross-reference streams, as for page
 * content: level 9 saved 2 KB of 5.6 MB at 100,000 table rows, for 40 ms
 * more, and cost the default briefing 0.7 ms. */
#ifndef PACK_DEFLATE_LEVEL
#define PACK_DEFLATE_LEVEL 6
#endif

/* v in decimal, and a separator if sep is not 0: for the per-object
 * numbers, where vsnprintf would cost ten times as much. */
static void put_uint(struct strbuf *b, unsigned long long v, char sep)
{
	char tmp[24];
	size_t n = sizeof tmp;

	if (sep)
		tmp[--n] = sep;
	do
		tmp[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	strbuf_add(b, tmp + n, sizeof tmp - n);
}

/* The writer's state: the output, the object stream being filled (its
 * header of "number offset" pairs and its objects), and where each new
 * object (object streams, then the cross-reference stream) went. */
struct pack_out {
	struct strbuf out, head, body, z;
	uint32_t members;
	uint32_t next;              /* the next new object number */
	size_t *new_off;
	size_t nnew, new_cap;
	struct libdeflate_compressor *zc, *own_zc;  /* own_zc: made here */
};

/* Deflates src into po->z; -1 if the compressor fails. */
static int deflate_into(struct pack_out *po, const unsigned char *src,
                        size_t n)
{
	size_t bound = libdeflate_zlib_compress_bound(po->zc, n);

	po->z.s = xgrow(po->z.s, &po->z.cap, bound, 1);
	po->z.len = libdeflate_zlib_compress(po->zc, src, n, po->z.s, bound);
	return po->z.len == 0 ? -1 : 0;
}

/* Writes the object stream being filled, if it holds any object. Its
 * dictionary ends with /Length, not /Filter. */
static int flush_stream(struct pack_out *po)
{
	size_t first = po->head.len;

	if (po->members == 0)
		return 0;
	strbuf_add(&po->head, po->body.s, po->body.len);
	if (deflate_into(po, (const unsigned char *)po->head.s,
	                 po->head.len) < 0)
		return -1;
	po->new_off = xgrow(po->new_off, &po->new_cap, po->nnew + 1,
	                    sizeof *po->new_off);
	po->new_off[po->nnew++] = po->out.len;
	strbuf_addf(&po->out, "%u 0 obj\n<<\n/Type /ObjStm\n/N %u\n/First %zu\n"
	            "/Filter /FlateDecode\n/Length %zu\n>>\nstream\r\n",
	            po->next, po->members, first, po->z.len);
	strbuf_add(&po->out, po->z.s, po->z.len);
	strbuf_add(&po->out, "\nendstream\nendobj\n", 18);
	po->next++;
	po->head.len = po->body.len = 0;
	po->members = 0;
	return 0;
}

/* Bytes to hold v, at least one. */
static int bytes_for(size_t v)
{
	int n = 1;

	while (n < 8 && (v >> (8 * n)) != 0)
		n++;
	return n;
}

static void put_be(unsigned char *p, size_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xFF);
}

/* The cross-reference stream, its trailer entries and the end of the
 * file. Rows are type (1 byte), offset or object stream or next free
 * object (w bytes), generation or index (2 bytes). No predictor: rows
 * of the three types alternate (a page, its content, its dropped
 * length), so the PNG Up predictor, which subtracts the row above, made
 * the stream larger (73 KB instead of 50 KB at 100,000 table rows). */
static int write_xref(struct pack *pk, struct pack_out *po)
{
	uint32_t self = po->next, size = self + 1, first_free = 0, *next_free;
	size_t off = po->out.len, max = off;
	int w, cols;
	unsigned char *rows;

	next_free = xcalloc(size, sizeof *next_free);
	/* the free list: 0 -> each free object in turn -> 0 */
	for (uint32_t n = pk->nobj; n-- > 1;)
		if (pk->obj[n].kind == PACK_FREE || pk->obj[n].dropped) {
			next_free[n] = first_free;
			first_free = n;
		}
	next_free[0] = first_free;
	if (size > max)
		max = size;
	w = bytes_for(max);
	cols = 1 + w + 2;
	rows = xcalloc(size, (size_t)cols);
	for (uint32_t n = 0; n < size; n++) {
		unsigned char *row = rows + (size_t)n * (size_t)cols;
		unsigned type;
		size_t f2;
		unsigned f3;

		if (n >= pk->nobj) {
			type = 1;
			f2 = n == self ? off : po->new_off[n - pk->nobj];
			f3 = 0;
		} else if (n == 0 || pk->obj[n].kind == PACK_FREE ||
		           pk->obj[n].dropped) {
			type = 0;
			f2 = next_free[n];
			/* a dropped object's number may come back as generation 1 */
			f3 = n == 0 ? 65535 : pk->obj[n].gen + pk->obj[n].dropped;
			if (f3 > 65535)
				f3 = 65535;
		} else if (pk->obj[n].out_off) {
			type = 1;
			f2 = pk->obj[n].out_off;
			f3 = pk->obj[n].gen;
		} else {
			type = 2;
			f2 = pk->obj[n].stm;
			f3 = pk->obj[n].stm_index;
		}
		row[0] = (unsigned char)type;
		put_be(row + 1, f2, w);
		put_be(row + 1 + w, f3, 2);
	}
	free(next_free);
	if (deflate_into(po, rows, (size_t)size * (size_t)cols) < 0) {
		free(rows);
		return -1;
	}
	free(rows);
	strbuf_addf(&po->out, "%u 0 obj\n<<\n/Type /XRef\n/Size %u\n"
	            "/Index [ 0 %u ]\n/W [ 1 %d 2 ]\n", self, size, size, w);
	for (size_t i = 0; i < pk->ntrailer; i++) {
		strbuf_add(&po->out, (const char *)pk->in + pk->trailer[i].from,
		    pk->trailer[i].to - pk->trailer[i].from);
		strbuf_add(&po->out, "\n", 1);
	}
	strbuf_addf(&po->out, "/Filter /FlateDecode\n/Length %zu\n>>\n"
	            "stream\r\n", po->z.len);
	strbuf_add(&po->out, po->z.s, po->z.len);
	strbuf_addf(&po->out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n",
	            off);
	return 0;
}

/* Writes the packed file: objects in the input's order, streams (and
 * objects of another generation) as they are but for a direct /Length,
 * plain objects into object streams written as they fill. */
static int write_packed(struct pack *pk, struct pack_out *po)
{
	static const char header[] = "%PDF-1.5\n%\xb7\xbe\xad\xaa\n";
	const char *s = (const char *)pk->in;

	if (!po->zc)
		po->zc = po->own_zc = libdeflate_alloc_compressor(PACK_DEFLATE_LEVEL);
	if (!po->zc)
		return pack_fail(pk, "no compressor");
	po->next = pk->nobj;
	/* the output is smaller than the input; one allocation, mostly */
	po->out.cap = pk->len;
	po->out.s = xmalloc(po->out.cap);
	strbuf_add(&po->out, header, sizeof header - 1);
	for (uint32_t i = 0; i < pk->norder; i++) {
		uint32_t n = pk->order[i];
		struct pack_obj *o = &pk->obj[n];

		if (o->kind == PACK_PLAIN && o->is_length && !o->referenced &&
		    o->gen == 0) {
			o->dropped = true;
			continue;
		}
		if (o->kind == PACK_PLAIN && o->gen == 0) {
			put_uint(&po->head, n, ' ');
			put_uint(&po->head, po->body.len, ' ');
			strbuf_add(&po->body, s + o->body,
			           o->body_end - o->body);
			strbuf_add(&po->body, "\n", 1);
			/* numbered when it is written, in this order */
			o->stm = po->next;
			o->stm_index = po->members++;
			if (po->members == PACK_PER_STREAM && flush_stream(po) < 0)
				return pack_fail(pk, "deflate failed");
			continue;
		}
		o->out_off = po->out.len;
		if (o->kind == PACK_STREAM && o->length_ref) {
			strbuf_add(&po->out, s + o->start,
			           o->len_from - o->start);
			put_uint(&po->out, (unsigned long long)o->length, 0);
			strbuf_add(&po->out, s + o->len_to, o->end - o->len_to);
		} else {
			strbuf_add(&po->out, s + o->start, o->end - o->start);
		}
		strbuf_add(&po->out, "\n", 1);
	}
	if (flush_stream(po) < 0 || write_xref(pk, po) < 0)
		return pack_fail(pk, "deflate failed");
	return 0;
}

int render_pack(const unsigned char *in, size_t len,
                struct libdeflate_compressor *z, unsigned char **out,
                size_t *out_len, const char **why)
{
	struct pack pk = {0};
	struct pack_out po = {0};
	int rc = -1;

	po.zc = z;
	*out = NULL;
	*out_len = 0;
	pk.in = in;
	pk.len = len;
	if (pack_parse(&pk) < 0 || write_packed(&pk, &po) < 0)
		goto done;
	*out = (unsigned char *)po.out.s;
	*out_len = po.out.len;
	po.out.s = NULL;
	rc = 0;
done:
	if (why)
		*why = rc == 0 ? NULL : pk.why;
	libdeflate_free_compressor(po.own_zc);
	free(po.out.s);
	free(po.head.s);
	free(po.body.s);
	free(po.z.s);
	free(po.new_off);
	free(pk.obj);
	free(pk.order);
	return rc;
}

int render_pack_in_place(unsigned char **pdf, size_t *len,
                         struct libdeflate_compressor *z, const char **why)
{
	unsigned char *packed;
	size_t n;

	if (render_pack(*pdf, *len, z, &packed, &n, why) < 0)
		return -1;
	free(*pdf);
	*pdf = packed;
	*len = n;
	return 0;
}
