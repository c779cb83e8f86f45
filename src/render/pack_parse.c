/*
 * pack_parse.c: the packer's reading of libharu's PDF (pack_internal.h),
 * from the tokens of pack_lex.c (ISO 32000-1, 7.2, 7.3): the objects
 * where the cross-reference table says, the trailer, and every check
 * pack.c relies on before it writes a byte.
 */
#define _GNU_SOURCE  /* qsort_r */
#include "pack_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

/* Nesting of arrays and dictionaries; libharu's go three deep. */
#define PACK_MAX_DEPTH 64

int pack_fail(struct pack *pk, const char *why)
{
	if (!pk->why)
		pk->why = why;
	return -1;
}

/* After an integer: "G R" makes it a reference, which marks its object
 * (when mark); anything else is left unread. Returns whether it was one,
 * with the object in *ref. Looks at the bytes rather than lexing two
 * tokens ahead, since most integers are in arrays of numbers (widths,
 * boxes) and this runs after each. */
static bool after_int(struct pack *pk, size_t *pos, size_t end,
                      const struct pack_token *first, bool mark,
                      uint32_t *ref)
{
	const unsigned char *s = pk->in;
	size_t p = pack_skip_space(pk, *pos, end), q = p;

	while (q < end && s[q] >= '0' && s[q] <= '9')
		q++;
	if (q == p || (q < end && pack_is_regular(s[q])))
		return false;  /* no generation number */
	q = pack_skip_space(pk, q, end);
	if (q >= end || s[q] != 'R' || (q + 1 < end && pack_is_regular(s[q + 1])))
		return false;
	*pos = q + 1;
	if (first->value > 0 && (unsigned long long)first->value < pk->nobj) {
		if (mark)
			pk->obj[first->value].referenced = true;
		*ref = (uint32_t)first->value;
	} else {
		*ref = 0;  /* to no object: a reader takes it as null */
	}
	return true;
}

static int parse_dict(struct pack *pk, size_t *pos, size_t end, int depth,
                      struct pack_obj *o);

/* Reads one value, marking the objects it refers to. */
static int parse_value(struct pack *pk, size_t *pos, size_t end, int depth)
{
	struct pack_token t;
	uint32_t ref;

	if (depth > PACK_MAX_DEPTH)
		return pack_fail(pk, "objects nested too deep");
	pack_lex(pk, pos, end, &t);
	switch (t.kind) {
	case TOK_INT:
		after_int(pk, pos, end, &t, true, &ref);
		return 0;
	case TOK_REAL: case TOK_NAME: case TOK_STRING:
		return 0;
	case TOK_WORD:
		if (pack_tok_is(pk, &t, TOK_WORD, "true") ||
		    pack_tok_is(pk, &t, TOK_WORD, "false") ||
		    pack_tok_is(pk, &t, TOK_WORD, "null"))
			return 0;
		return pack_fail(pk, "unexpected word in an object");
	case TOK_ARRAY:
		for (;;) {
			size_t p = *pos;

			pack_lex(pk, &p, end, &t);
			if (t.kind == TOK_ARRAY_END) {
				*pos = p;
				return 0;
			}
			if (parse_value(pk, pos, end, depth + 1) < 0)
				return -1;
		}
	case TOK_DICT:
		return parse_dict(pk, pos, end, depth + 1, NULL);
	default:
		return pack_fail(pk, "malformed object");
	}
}

/* A stream dictionary's /Length: an integer, or a reference to the
 * object that holds one, which is not marked as referenced: when the
 * length is written in place, nothing else needs it. */
static int parse_length(struct pack *pk, size_t *pos, size_t end,
                        struct pack_obj *o)
{
	struct pack_token t;
	uint32_t ref = 0;

	if (o->has_length)
		return pack_fail(pk, "two /Length entries");
	pack_lex(pk, pos, end, &t);
	if (t.kind != TOK_INT || t.value < 0)
		return pack_fail(pk, "a /Length that is not an integer");
	o->has_length = true;
	o->len_from = t.from;
	if (after_int(pk, pos, end, &t, false, &ref)) {
		if (ref == 0)
			return pack_fail(pk, "a /Length that refers to no object");
		o->length_ref = ref;
	} else {
		o->length = t.value;
	}
	o->len_to = *pos;
	return 0;
}

/* The entries of a dictionary after its "<<"; o, for an object's own
 * dictionary, gets its /Length. */
static int parse_dict(struct pack *pk, size_t *pos, size_t end, int depth,
                      struct pack_obj *o)
{
	struct pack_token key;

	if (depth > PACK_MAX_DEPTH)
		return pack_fail(pk, "objects nested too deep");
	for (;;) {
		pack_lex(pk, pos, end, &key);
		if (key.kind == TOK_DICT_END)
			return 0;
		if (key.kind != TOK_NAME)
			return pack_fail(pk, "a dictionary key that is not a name");
		if (o && pack_tok_is(pk, &key, TOK_NAME, "/Length")) {
			if (parse_length(pk, pos, end, o) < 0)
				return -1;
		} else if (parse_value(pk, pos, end, depth) < 0) {
			return -1;
		}
	}
}

/* Object n, at off as the table says: "n G obj", one value, then
 * "endobj", or "stream" and an end of line after a dictionary. */
static int parse_object(struct pack *pk, uint32_t n, size_t off)
{
	struct pack_obj *o = &pk->obj[n];
	struct pack_token t;
	size_t pos = off, p;
	const unsigned char *s = pk->in;

	pack_lex(pk, &pos, pk->xref, &t);
	if (t.kind != TOK_INT || t.from != off || t.value != (long long)n)
		return pack_fail(pk, "an object is not where the table says");
	pack_lex(pk, &pos, pk->xref, &t);
	if (t.kind != TOK_INT || t.value != o->gen)
		return pack_fail(pk, "an object's generation differs from the table's");
	pack_lex(pk, &pos, pk->xref, &t);
	if (!pack_tok_is(pk, &t, TOK_WORD, "obj"))
		return pack_fail(pk, "an object without 'obj'");
	o->start = off;
	o->body = pack_skip_space(pk, pos, pk->xref);
	p = pos;
	pack_lex(pk, &p, pk->xref, &t);
	if (t.kind == TOK_DICT) {
		pos = p;
		if (parse_dict(pk, &pos, pk->xref, 1, o) < 0)
			return -1;
	} else {
		if (parse_value(pk, &pos, pk->xref, 0) < 0)
			return -1;
		if (t.kind == TOK_INT && pos == t.to && t.value >= 0)
			o->value = t.value;
	}
	o->body_end = pos;
	pack_lex(pk, &pos, pk->xref, &t);
	if (pack_tok_is(pk, &t, TOK_WORD, "endobj")) {
		o->kind = PACK_PLAIN;
		o->end = pos;
		return 0;
	}
	if (!pack_tok_is(pk, &t, TOK_WORD, "stream") || !o->has_length ||
	    s[o->body] != '<')
		return pack_fail(pk, "an object that is neither a value nor a stream");
	/* the keyword ends with CR LF or LF, never CR alone (7.3.8.1) */
	if (pos + 1 < pk->xref && s[pos] == '\r' && s[pos + 1] == '\n')
		pos += 2;
	else if (pos < pk->xref && s[pos] == '\n')
		pos++;
	else
		return pack_fail(pk, "'stream' without an end of line");
	o->kind = PACK_STREAM;
	o->data = pos;
	return 0;
}

/* A stream's data and its end, once every length is known. */
static int finish_stream(struct pack *pk, struct pack_obj *o)
{
	static const char endstream[] = "endstream";
	const unsigned char *s = pk->in;
	struct pack_token t;
	size_t pos;

	if (o->length_ref) {
		struct pack_obj *l = &pk->obj[o->length_ref];

		if (l->kind != PACK_PLAIN || l->gen != 0 || l->value < 0)
			return pack_fail(pk, "a /Length object that is not an integer");
		l->is_length = true;
		o->length = l->value;
	}
	if ((unsigned long long)o->length > pk->xref - o->data)
		return pack_fail(pk, "a stream runs past the end");
	pos = o->data + (size_t)o->length;
	if (pos + 1 < pk->xref && s[pos] == '\r' && s[pos + 1] == '\n')
		pos += 2;
	else if (pos < pk->xref && (s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	if (pk->xref - pos < sizeof endstream - 1 ||
	    memcmp(s + pos, endstream, sizeof endstream - 1) != 0)
		return pack_fail(pk, "a stream's length does not end at 'endstream'");
	pos += sizeof endstream - 1;
	pack_lex(pk, &pos, pk->xref, &t);
	if (!pack_tok_is(pk, &t, TOK_WORD, "endobj"))
		return pack_fail(pk, "a stream without 'endobj'");
	o->end = pos;
	return 0;
}

/* "startxref", its offset and "%%EOF" at the end of the file. */
static int find_xref(struct pack *pk)
{
	static const char mark[] = "startxref";
	size_t from = pk->len > 1024 ? pk->len - 1024 : 0, at = SIZE_MAX;
	size_t pos;
	struct pack_token t;

	for (size_t i = pk->len >= sizeof mark ? pk->len - sizeof mark + 1 : 0;
	     i-- > from;)
		if (memcmp(pk->in + i, mark, sizeof mark - 1) == 0) {
			at = i;
			break;
		}
	if (at == SIZE_MAX)
		return pack_fail(pk, "no 'startxref'");
	pos = at + sizeof mark - 1;
	pack_lex(pk, &pos, pk->len, &t);
	/* pack_lex() skips comments, so it would read past "%%EOF": none follows */
	if (t.kind != TOK_INT || t.value <= 0 || (unsigned long long)t.value >= at)
		return pack_fail(pk, "a bad 'startxref' offset");
	pk->xref = (size_t)t.value;
	while (pos < pk->len && pack_is_space(pk->in[pos]))
		pos++;
	if (pk->len - pos < 5 || memcmp(pk->in + pos, "%%EOF", 5) != 0 ||
	    pack_skip_space(pk, pos + 5, pk->len) != pk->len)
		return pack_fail(pk, "no '%%EOF' at the end");
	return 0;
}

/* One 20-byte entry of the table: "oooooooooo ggggg n" and a two-byte end
 * of line. */
static int read_entry(struct pack *pk, size_t pos, size_t *off, long *gen,
                      char *type)
{
	const unsigned char *e = pk->in + pos;

	*off = 0;
	*gen = 0;
	for (int i = 0; i < 10; i++) {
		if (e[i] < '0' || e[i] > '9')
			return pack_fail(pk, "a malformed cross-reference entry");
		*off = *off * 10 + (size_t)(e[i] - '0');
	}
	for (int i = 11; i < 16; i++) {
		if (e[i] < '0' || e[i] > '9')
			return pack_fail(pk, "a malformed cross-reference entry");
		*gen = *gen * 10 + (e[i] - '0');
	}
	*type = (char)e[17];
	if (e[10] != ' ' || e[16] != ' ' || (*type != 'n' && *type != 'f') ||
	    !((e[18] == '\r' && e[19] == '\n') || (e[18] == ' ' &&
	      (e[19] == '\n' || e[19] == '\r'))) || *gen > 65535)
		return pack_fail(pk, "a malformed cross-reference entry");
	return 0;
}

/* The table's subsections ("first count" and count entries) from pos up
 * to "trailer", read twice: to size pk->obj (fill false), then to fill it.
 * *pos ends after "trailer". */
static int read_table(struct pack *pk, size_t *pos, bool fill)
{
	struct pack_token t, count;

	for (;;) {
		size_t p;

		pack_lex(pk, pos, pk->len, &t);
		if (pack_tok_is(pk, &t, TOK_WORD, "trailer"))
			return 0;
		pack_lex(pk, pos, pk->len, &count);
		if (t.kind != TOK_INT || count.kind != TOK_INT || t.value < 0 ||
		    count.value < 0 || (unsigned long long)count.value >
		    (pk->len - *pos) / 20)
			return pack_fail(pk, "a malformed cross-reference subsection");
		/* the entries start on the next line */
		p = *pos;
		while (p < pk->len && (pk->in[p] == ' ' || pk->in[p] == '\r' ||
		                       pk->in[p] == '\n'))
			p++;
		if ((unsigned long long)count.value > (pk->len - p) / 20)
			return pack_fail(pk, "a malformed cross-reference subsection");
		if (!fill) {
			unsigned long long top = (unsigned long long)t.value +
			                         (unsigned long long)count.value;

			if (top > UINT32_MAX / 2)
				return pack_fail(pk, "too many objects");
			if (top > pk->nobj)
				pk->nobj = (uint32_t)top;
		}
		for (long long i = 0; i < count.value; i++, p += 20) {
			size_t off;
			long gen;
			char type;
			uint32_t n = (uint32_t)(t.value + i);

			if (read_entry(pk, p, &off, &gen, &type) < 0)
				return -1;
			if (!fill)
				continue;
			if (pk->obj[n].listed)
				return pack_fail(pk, "an object listed twice");
			pk->obj[n].listed = true;
			pk->obj[n].gen = (uint16_t)gen;
			if (type == 'n') {
				if (n == 0 || off == 0 || off >= pk->xref)
					return pack_fail(pk, "a bad cross-reference offset");
				pk->obj[n].start = off;  /* checked by parse_object */
			}
		}
		*pos = p;
	}
}

/* The trailer: /Size must match the table; /Root, /Info, /ID and any
 * other entry go into the cross-reference stream as they are, but an
 * encrypted file or an update of another (/Prev) is not for packing. */
static int read_trailer(struct pack *pk, size_t pos)
{
	struct pack_token t;
	long long size = -1;

	pack_lex(pk, &pos, pk->len, &t);
	if (t.kind != TOK_DICT)
		return pack_fail(pk, "no trailer dictionary");
	for (;;) {
		struct pack_token key, v;
		size_t p;

		pack_lex(pk, &pos, pk->len, &key);
		if (key.kind == TOK_DICT_END)
			break;
		if (key.kind != TOK_NAME)
			return pack_fail(pk, "a malformed trailer");
		if (pack_tok_is(pk, &key, TOK_NAME, "/Encrypt"))
			return pack_fail(pk, "the file is encrypted");
		if (pack_tok_is(pk, &key, TOK_NAME, "/Prev") ||
		    pack_tok_is(pk, &key, TOK_NAME, "/XRefStm"))
			return pack_fail(pk, "the file has more than one section");
		p = pos;
		pack_lex(pk, &p, pk->len, &v);
		if (parse_value(pk, &pos, pk->len, 1) < 0)
			return -1;
		if (pack_tok_is(pk, &key, TOK_NAME, "/Size")) {
			if (v.kind != TOK_INT || pos != v.to)
				return pack_fail(pk, "a malformed trailer /Size");
			size = v.value;
			continue;
		}
		if (pk->ntrailer == PACK_MAX_TRAILER)
			return pack_fail(pk, "too many trailer entries");
		pk->trailer[pk->ntrailer].from = key.from;
		pk->trailer[pk->ntrailer].to = pos;
		pk->ntrailer++;
	}
	if (size != (long long)pk->nobj)
		return pack_fail(pk, "the trailer's /Size differs from the table");
	return 0;
}

static int by_offset(const void *a, const void *b, void *objs)
{
	const struct pack_obj *o = objs;
	size_t x = o[*(const uint32_t *)a].start, y = o[*(const uint32_t *)b].start;

	return (x > y) - (x < y);
}

/* Everything the writer needs, checked: the table, the trailer, every
 * object, and that the objects tile the file from the header to the
 * table. */
int pack_parse(struct pack *pk)
{
	size_t pos;
	struct pack_token t;

	if (pk->len < 16 || memcmp(pk->in, "%PDF-1.", 7) != 0)
		return pack_fail(pk, "no PDF header");
	if (find_xref(pk) < 0)
		return -1;
	pos = pk->xref;
	pack_lex(pk, &pos, pk->len, &t);
	if (!pack_tok_is(pk, &t, TOK_WORD, "xref") || t.from != pk->xref)
		return pack_fail(pk, "no cross-reference table at 'startxref'");
	if (read_table(pk, &pos, false) < 0)
		return -1;
	if (pk->nobj == 0)
		return pack_fail(pk, "an empty cross-reference table");
	pk->obj = xcalloc(pk->nobj, sizeof *pk->obj);
	pos = t.to;
	if (read_table(pk, &pos, true) < 0 || read_trailer(pk, pos) < 0)
		return -1;
	pk->order = xcalloc(pk->nobj, sizeof *pk->order);
	for (uint32_t n = 1; n < pk->nobj; n++) {
		pk->obj[n].value = -1;
		if (pk->obj[n].start)
			pk->order[pk->norder++] = n;
	}
	for (uint32_t i = 0; i < pk->norder; i++)
		if (parse_object(pk, pk->order[i], pk->obj[pk->order[i]].start) < 0)
			return -1;
	for (uint32_t i = 0; i < pk->norder; i++)
		if (pk->obj[pk->order[i]].kind == PACK_STREAM &&
		    finish_stream(pk, &pk->obj[pk->order[i]]) < 0)
			return -1;
	qsort_r(pk->order, pk->norder, sizeof *pk->order, by_offset, pk->obj);
	/* after the header line, only comments, white space and objects */
	pos = 8;
	for (uint32_t i = 0; i < pk->norder; i++) {
		const struct pack_obj *o = &pk->obj[pk->order[i]];

		if (pack_skip_space(pk, pos, pk->xref) != o->start)
			return pack_fail(pk, "bytes between objects");
		pos = o->end;
	}
	if (pack_skip_space(pk, pos, pk->xref) != pk->xref)
		return pack_fail(pk, "bytes before the cross-reference table");
	return 0;
}
