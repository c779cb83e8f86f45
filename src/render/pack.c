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
#define _GNU_SOURCE  /* qsort_r */
#include "pack.h"

#include <libdeflate.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
/* Nesting of arrays and dictionaries; libharu's go three deep. */
#define PACK_MAX_DEPTH 64
/* Entries of the trailer kept in the cross-reference stream's dictionary
 * (libharu writes /Root, /Info and, when encrypting, /ID). */
#define PACK_MAX_TRAILER 8

enum pack_kind { PACK_FREE, PACK_PLAIN, PACK_STREAM };

struct pack_obj {
	size_t start, end;          /* "N G obj" .. just after "endobj" */
	size_t body, body_end;      /* the value, without white space */
	/* a stream: its /Length value's bytes in the dictionary, the length
	 * (direct, or from the object length_ref) and its first data byte */
	size_t len_from, len_to, data;
	long long length;
	uint32_t length_ref;
	long long value;            /* a lone integer >= 0 as the body, or -1 */
	uint16_t gen;
	uint8_t kind;
	bool has_length;
	bool referenced;            /* by anything but a stream's /Length */
	bool is_length;             /* the /Length of some stream */
	bool dropped;
	bool listed;                /* in the table already */
	/* where it went: an offset (out_off), or object stream stm, index */
	size_t out_off;
	uint32_t stm, stm_index;
};

/* A span of the input: a trailer entry, key and value. */
struct pack_span {
	size_t from, to;
};

struct pack {
	const unsigned char *in;
	size_t len;
	size_t xref;                /* offset of "xref": objects end before */
	struct pack_obj *obj;
	uint32_t nobj;              /* the table's entries, = trailer /Size */
	uint32_t *order;            /* objects in use, by offset */
	uint32_t norder;
	struct pack_span trailer[PACK_MAX_TRAILER];
	size_t ntrailer;
	const char *why;
};

enum pack_tok {
	TOK_ERR, TOK_END, TOK_INT, TOK_REAL, TOK_NAME, TOK_STRING,
	TOK_DICT, TOK_DICT_END, TOK_ARRAY, TOK_ARRAY_END, TOK_WORD
};

struct pack_token {
	enum pack_tok kind;
	size_t from, to;
	long long value;            /* TOK_INT */
};

static int fail(struct pack *pk, const char *why)
{
	if (!pk->why)
		pk->why = why;
	return -1;
}

/* Character classes (7.2.2, 7.2.3): white space, delimiters, and the
 * regular characters of numbers, names and words. A table, because the
 * lexer asks for every byte of every dictionary. */
enum { CH_REGULAR, CH_SPACE, CH_DELIM };

static const unsigned char char_class[256] = {
	[0] = CH_SPACE, ['\t'] = CH_SPACE, ['\n'] = CH_SPACE, ['\f'] = CH_SPACE,
	['\r'] = CH_SPACE, [' '] = CH_SPACE,
	['('] = CH_DELIM, [')'] = CH_DELIM, ['<'] = CH_DELIM, ['>'] = CH_DELIM,
	['['] = CH_DELIM, [']'] = CH_DELIM, ['{'] = CH_DELIM, ['}'] = CH_DELIM,
	['/'] = CH_DELIM, ['%'] = CH_DELIM,
};

static bool is_space(unsigned char c)
{
	return char_class[c] == CH_SPACE;
}

static bool is_regular(unsigned char c)
{
	return char_class[c] == CH_REGULAR;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Skips white space and comments from pos, up to end. */
static size_t skip_space(const struct pack *pk, size_t pos, size_t end)
{
	while (pos < end) {
		if (pk->in[pos] == '%')
			while (pos < end && pk->in[pos] != '\n' && pk->in[pos] != '\r')
				pos++;
		else if (is_space(pk->in[pos]))
			pos++;
		else
			break;
	}
	return pos;
}

/* A run of regular characters: an integer ("12", "-3"), a real ("0.5",
 * "-.25") or a word ("obj", "R", "true"). */
static void classify(const unsigned char *s, struct pack_token *t)
{
	size_t i = t->from, digits = 0, dots = 0;
	bool sign = s[i] == '+' || s[i] == '-';
	long long v = 0;

	for (i += sign; i < t->to; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (++digits <= 18)
				v = v * 10 + (s[i] - '0');
		} else if (s[i] == '.') {
			dots++;
		} else {
			t->kind = TOK_WORD;
			return;
		}
	}
	if (digits == 0 || dots > 1)
		t->kind = TOK_WORD;
	else if (dots == 1)
		t->kind = TOK_REAL;
	else if (digits > 18)
		t->kind = TOK_ERR;  /* no object number or length is that long */
	else {
		t->kind = TOK_INT;
		t->value = s[t->from] == '-' ? -v : v;
	}
}

/* The next token from *pos (before end), which moves past it. */
static void lex(const struct pack *pk, size_t *pos, size_t end,
                struct pack_token *t)
{
	const unsigned char *s = pk->in;
	size_t p = skip_space(pk, *pos, end);
	int depth;

	t->from = p;
	t->value = 0;
	t->kind = TOK_ERR;
	if (p >= end) {
		t->kind = TOK_END;
		goto done;
	}
	switch (s[p]) {
	case '(':  /* a literal string: balanced parentheses, \ escapes */
		for (depth = 1, p++; p < end && depth > 0; p++)
			if (s[p] == '\\')
				p++;
			else if (s[p] == '(')
				depth++;
			else if (s[p] == ')')
				depth--;
		if (depth == 0)
			t->kind = TOK_STRING;
		else
			p = end;  /* unterminated, or a \ as the last byte */
		break;
	case '<':
		if (p + 1 < end && s[p + 1] == '<') {
			t->kind = TOK_DICT;
			p += 2;
			break;
		}
		for (p++; p < end && (is_hex(s[p]) || is_space(s[p])); p++)
			;
		if (p < end && s[p] == '>') {
			t->kind = TOK_STRING;
			p++;
		}
		break;
	case '>':
		if (p + 1 < end && s[p + 1] == '>') {
			t->kind = TOK_DICT_END;
			p += 2;
		}
		break;
	case '[':
		t->kind = TOK_ARRAY;
		p++;
		break;
	case ']':
		t->kind = TOK_ARRAY_END;
		p++;
		break;
	case '/':
		for (p++; p < end && is_regular(s[p]); p++)
			;
		t->kind = TOK_NAME;
		break;
	case ')': case '{': case '}':
		break;
	default:
		while (p < end && is_regular(s[p]))
			p++;
		t->to = p;
		classify(s, t);
		break;
	}
done:
	t->to = p;
	*pos = p;
}

static bool tok_is(const struct pack *pk, const struct pack_token *t,
                   enum pack_tok kind, const char *text)
{
	size_t n = strlen(text);

	return t->kind == kind && t->to - t->from == n &&
	       memcmp(pk->in + t->from, text, n) == 0;
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
	size_t p = skip_space(pk, *pos, end), q = p;

	while (q < end && s[q] >= '0' && s[q] <= '9')
		q++;
	if (q == p || (q < end && is_regular(s[q])))
		return false;  /* no generation number */
	q = skip_space(pk, q, end);
	if (q >= end || s[q] != 'R' || (q + 1 < end && is_regular(s[q + 1])))
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
		return fail(pk, "objects nested too deep");
	lex(pk, pos, end, &t);
	switch (t.kind) {
	case TOK_INT:
		after_int(pk, pos, end, &t, true, &ref);
		return 0;
	case TOK_REAL: case TOK_NAME: case TOK_STRING:
		return 0;
	case TOK_WORD:
		if (tok_is(pk, &t, TOK_WORD, "true") ||
		    tok_is(pk, &t, TOK_WORD, "false") ||
		    tok_is(pk, &t, TOK_WORD, "null"))
			return 0;
		return fail(pk, "unexpected word in an object");
	case TOK_ARRAY:
		for (;;) {
			size_t p = *pos;

			lex(pk, &p, end, &t);
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
		return fail(pk, "malformed object");
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
		return fail(pk, "two /Length entries");
	lex(pk, pos, end, &t);
	if (t.kind != TOK_INT || t.value < 0)
		return fail(pk, "a /Length that is not an integer");
	o->has_length = true;
	o->len_from = t.from;
	if (after_int(pk, pos, end, &t, false, &ref)) {
		if (ref == 0)
			return fail(pk, "a /Length that refers to no object");
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
		return fail(pk, "objects nested too deep");
	for (;;) {
		lex(pk, pos, end, &key);
		if (key.kind == TOK_DICT_END)
			return 0;
		if (key.kind != TOK_NAME)
			return fail(pk, "a dictionary key that is not a name");
		if (o && tok_is(pk, &key, TOK_NAME, "/Length")) {
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

	lex(pk, &pos, pk->xref, &t);
	if (t.kind != TOK_INT || t.from != off || t.value != (long long)n)
		return fail(pk, "an object is not where the table says");
	lex(pk, &pos, pk->xref, &t);
	if (t.kind != TOK_INT || t.value != o->gen)
		return fail(pk, "an object's generation differs from the table's");
	lex(pk, &pos, pk->xref, &t);
	if (!tok_is(pk, &t, TOK_WORD, "obj"))
		return fail(pk, "an object without 'obj'");
	o->start = off;
	o->body = skip_space(pk, pos, pk->xref);
	p = pos;
	lex(pk, &p, pk->xref, &t);
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
	lex(pk, &pos, pk->xref, &t);
	if (tok_is(pk, &t, TOK_WORD, "endobj")) {
		o->kind = PACK_PLAIN;
		o->end = pos;
		return 0;
	}
	if (!tok_is(pk, &t, TOK_WORD, "stream") || !o->has_length ||
	    s[o->body] != '<')
		return fail(pk, "an object that is neither a value nor a stream");
	/* the keyword ends with CR LF or LF, never CR alone (7.3.8.1) */
	if (pos + 1 < pk->xref && s[pos] == '\r' && s[pos + 1] == '\n')
		pos += 2;
	else if (pos < pk->xref && s[pos] == '\n')
		pos++;
	else
		return fail(pk, "'stream' without an end of line");
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
			return fail(pk, "a /Length object that is not an integer");
		l->is_length = true;
		o->length = l->value;
	}
	if ((unsigned long long)o->length > pk->xref - o->data)
		return fail(pk, "a stream runs past the end");
	pos = o->data + (size_t)o->length;
	if (pos + 1 < pk->xref && s[pos] == '\r' && s[pos + 1] == '\n')
		pos += 2;
	else if (pos < pk->xref && (s[pos] == '\n' || s[pos] == '\r'))
		pos++;
	if (pk->xref - pos < sizeof endstream - 1 ||
	    memcmp(s + pos, endstream, sizeof endstream - 1) != 0)
		return fail(pk, "a stream's length does not end at 'endstream'");
	pos += sizeof endstream - 1;
	lex(pk, &pos, pk->xref, &t);
	if (!tok_is(pk, &t, TOK_WORD, "endobj"))
		return fail(pk, "a stream without 'endobj'");
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
		return fail(pk, "no 'startxref'");
	pos = at + sizeof mark - 1;
	lex(pk, &pos, pk->len, &t);
	/* lex() skips comments, so it would read past "%%EOF": none follows */
	if (t.kind != TOK_INT || t.value <= 0 || (unsigned long long)t.value >= at)
		return fail(pk, "a bad 'startxref' offset");
	pk->xref = (size_t)t.value;
	while (pos < pk->len && is_space(pk->in[pos]))
		pos++;
	if (pk->len - pos < 5 || memcmp(pk->in + pos, "%%EOF", 5) != 0 ||
	    skip_space(pk, pos + 5, pk->len) != pk->len)
		return fail(pk, "no '%%EOF' at the end");
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
			return fail(pk, "a malformed cross-reference entry");
		*off = *off * 10 + (size_t)(e[i] - '0');
	}
	for (int i = 11; i < 16; i++) {
		if (e[i] < '0' || e[i] > '9')
			return fail(pk, "a malformed cross-reference entry");
		*gen = *gen * 10 + (e[i] - '0');
	}
	*type = (char)e[17];
	if (e[10] != ' ' || e[16] != ' ' || (*type != 'n' && *type != 'f') ||
	    !((e[18] == '\r' && e[19] == '\n') || (e[18] == ' ' &&
	      (e[19] == '\n' || e[19] == '\r'))) || *gen > 65535)
		return fail(pk, "a malformed cross-reference entry");
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

		lex(pk, pos, pk->len, &t);
		if (tok_is(pk, &t, TOK_WORD, "trailer"))
			return 0;
		lex(pk, pos, pk->len, &count);
		if (t.kind != TOK_INT || count.kind != TOK_INT || t.value < 0 ||
		    count.value < 0 || (unsigned long long)count.value >
		    (pk->len - *pos) / 20)
			return fail(pk, "a malformed cross-reference subsection");
		/* the entries start on the next line */
		p = *pos;
		while (p < pk->len && (pk->in[p] == ' ' || pk->in[p] == '\r' ||
		                       pk->in[p] == '\n'))
			p++;
		if ((unsigned long long)count.value > (pk->len - p) / 20)
			return fail(pk, "a malformed cross-reference subsection");
		if (!fill) {
			unsigned long long top = (unsigned long long)t.value +
			                         (unsigned long long)count.value;

			if (top > UINT32_MAX / 2)
				return fail(pk, "too many objects");
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
				return fail(pk, "an object listed twice");
			pk->obj[n].listed = true;
			pk->obj[n].gen = (uint16_t)gen;
			if (type == 'n') {
				if (n == 0 || off == 0 || off >= pk->xref)
					return fail(pk, "a bad cross-reference offset");
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

	lex(pk, &pos, pk->len, &t);
	if (t.kind != TOK_DICT)
		return fail(pk, "no trailer dictionary");
	for (;;) {
		struct pack_token key, v;
		size_t p;

		lex(pk, &pos, pk->len, &key);
		if (key.kind == TOK_DICT_END)
			break;
		if (key.kind != TOK_NAME)
			return fail(pk, "a malformed trailer");
		if (tok_is(pk, &key, TOK_NAME, "/Encrypt"))
			return fail(pk, "the file is encrypted");
		if (tok_is(pk, &key, TOK_NAME, "/Prev") ||
		    tok_is(pk, &key, TOK_NAME, "/XRefStm"))
			return fail(pk, "the file has more than one section");
		p = pos;
		lex(pk, &p, pk->len, &v);
		if (parse_value(pk, &pos, pk->len, 1) < 0)
			return -1;
		if (tok_is(pk, &key, TOK_NAME, "/Size")) {
			if (v.kind != TOK_INT || pos != v.to)
				return fail(pk, "a malformed trailer /Size");
			size = v.value;
			continue;
		}
		if (pk->ntrailer == PACK_MAX_TRAILER)
			return fail(pk, "too many trailer entries");
		pk->trailer[pk->ntrailer].from = key.from;
		pk->trailer[pk->ntrailer].to = pos;
		pk->ntrailer++;
	}
	if (size != (long long)pk->nobj)
		return fail(pk, "the trailer's /Size differs from the table");
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
static int parse(struct pack *pk)
{
	size_t pos;
	struct pack_token t;

	if (pk->len < 16 || memcmp(pk->in, "%PDF-1.", 7) != 0)
		return fail(pk, "no PDF header");
	if (find_xref(pk) < 0)
		return -1;
	pos = pk->xref;
	lex(pk, &pos, pk->len, &t);
	if (!tok_is(pk, &t, TOK_WORD, "xref") || t.from != pk->xref)
		return fail(pk, "no cross-reference table at 'startxref'");
	if (read_table(pk, &pos, false) < 0)
		return -1;
	if (pk->nobj == 0)
		return fail(pk, "an empty cross-reference table");
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

		if (skip_space(pk, pos, pk->xref) != o->start)
			return fail(pk, "bytes between objects");
		pos = o->end;
	}
	if (skip_space(pk, pos, pk->xref) != pk->xref)
		return fail(pk, "bytes before the cross-reference table");
	return 0;
}

/* The output, growing. */
struct pack_buf {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct pack_buf *b, const void *s, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->len + n, 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void putf(struct pack_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void putf(struct pack_buf *b, const char *fmt, ...)
{
	char tmp[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* v in decimal, and a separator if sep is not 0: for the per-object
 * numbers, where vsnprintf would cost ten times as much. */
static void put_uint(struct pack_buf *b, unsigned long long v, char sep)
{
	char tmp[24];
	size_t n = sizeof tmp;

	if (sep)
		tmp[--n] = sep;
	do
		tmp[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put(b, tmp + n, sizeof tmp - n);
}

/* The writer's state: the output, the object stream being filled (its
 * header of "number offset" pairs and its objects), and where each new
 * object (object streams, then the cross-reference stream) went. */
struct pack_out {
	struct pack_buf out, head, body, z;
	uint32_t members;
	uint32_t next;              /* the next new object number */
	size_t *new_off;
	size_t nnew, new_cap;
	struct libdeflate_compressor *zc;
};

/* Deflates src into po->z; -1 if the compressor fails. */
static int deflate_into(struct pack_out *po, const unsigned char *src,
                        size_t n)
{
	size_t bound = libdeflate_zlib_compress_bound(po->zc, n);

	po->z.p = xgrow(po->z.p, &po->z.cap, bound, 1);
	po->z.len = libdeflate_zlib_compress(po->zc, src, n, po->z.p, bound);
	return po->z.len == 0 ? -1 : 0;
}

/* Writes the object stream being filled, if it holds any object. Its
 * dictionary ends with /Length, not /Filter. */
static int flush_stream(struct pack_out *po)
{
	size_t first = po->head.len;

	if (po->members == 0)
		return 0;
	put(&po->head, po->body.p, po->body.len);
	if (deflate_into(po, po->head.p, po->head.len) < 0)
		return -1;
	po->new_off = xgrow(po->new_off, &po->new_cap, po->nnew + 1,
	                    sizeof *po->new_off);
	po->new_off[po->nnew++] = po->out.len;
	putf(&po->out, "%u 0 obj\n<<\n/Type /ObjStm\n/N %u\n/First %zu\n"
	     "/Filter /FlateDecode\n/Length %zu\n>>\nstream\r\n", po->next,
	     po->members, first, po->z.len);
	put(&po->out, po->z.p, po->z.len);
	put(&po->out, "\nendstream\nendobj\n", 18);
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
	putf(&po->out, "%u 0 obj\n<<\n/Type /XRef\n/Size %u\n/Index [ 0 %u ]\n"
	     "/W [ 1 %d 2 ]\n", self, size, size, w);
	for (size_t i = 0; i < pk->ntrailer; i++) {
		put(&po->out, pk->in + pk->trailer[i].from,
		    pk->trailer[i].to - pk->trailer[i].from);
		put(&po->out, "\n", 1);
	}
	putf(&po->out, "/Filter /FlateDecode\n/Length %zu\n>>\nstream\r\n",
	     po->z.len);
	put(&po->out, po->z.p, po->z.len);
	putf(&po->out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", off);
	return 0;
}

/* Writes the packed file: objects in the input's order, streams (and
 * objects of another generation) as they are but for a direct /Length,
 * plain objects into object streams written as they fill. */
static int write_packed(struct pack *pk, struct pack_out *po)
{
	static const char header[] = "%PDF-1.5\n%\xb7\xbe\xad\xaa\n";
	const unsigned char *s = pk->in;

	po->zc = libdeflate_alloc_compressor(PACK_DEFLATE_LEVEL);
	if (!po->zc)
		return fail(pk, "no compressor");
	po->next = pk->nobj;
	/* the output is smaller than the input; one allocation, mostly */
	po->out.cap = pk->len;
	po->out.p = xmalloc(po->out.cap);
	put(&po->out, header, sizeof header - 1);
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
			put(&po->body, s + o->body, o->body_end - o->body);
			put(&po->body, "\n", 1);
			/* numbered when it is written, in this order */
			o->stm = po->next;
			o->stm_index = po->members++;
			if (po->members == PACK_PER_STREAM && flush_stream(po) < 0)
				return fail(pk, "deflate failed");
			continue;
		}
		o->out_off = po->out.len;
		if (o->kind == PACK_STREAM && o->length_ref) {
			put(&po->out, s + o->start, o->len_from - o->start);
			put_uint(&po->out, (unsigned long long)o->length, 0);
			put(&po->out, s + o->len_to, o->end - o->len_to);
		} else {
			put(&po->out, s + o->start, o->end - o->start);
		}
		put(&po->out, "\n", 1);
	}
	if (flush_stream(po) < 0 || write_xref(pk, po) < 0)
		return fail(pk, "deflate failed");
	return 0;
}

int render_pack(const unsigned char *in, size_t len, unsigned char **out,
                size_t *out_len, const char **why)
{
	struct pack pk = {0};
	struct pack_out po = {0};
	int rc = -1;

	*out = NULL;
	*out_len = 0;
	pk.in = in;
	pk.len = len;
	if (parse(&pk) < 0 || write_packed(&pk, &po) < 0)
		goto done;
	*out = po.out.p;
	*out_len = po.out.len;
	po.out.p = NULL;
	rc = 0;
done:
	if (why)
		*why = rc == 0 ? NULL : pk.why;
	libdeflate_free_compressor(po.zc);
	free(po.out.p);
	free(po.head.p);
	free(po.body.p);
	free(po.z.p);
	free(po.new_off);
	free(pk.obj);
	free(pk.order);
	return rc;
}

int render_pack_in_place(unsigned char **pdf, size_t *len, const char **why)
{
	unsigned char *packed;
	size_t n;

	if (render_pack(*pdf, *len, &packed, &n, why) < 0)
		return -1;
	free(*pdf);
	*pdf = packed;
	*len = n;
	return 0;
}
