/*
 * pack_internal.h: what the packer's parser (pack_parse.c, its lexer in
 * pack_lex.c) and writer (pack.c) share: the parsed objects of libharu's PDF.
 */
#ifndef BRIEFING_RENDER_PACK_INTERNAL_H
#define BRIEFING_RENDER_PACK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* pack_lex.c: PDF's tokens, for pack_parse.c. */
enum pack_tok {
	TOK_ERR, TOK_END, TOK_INT, TOK_REAL, TOK_NAME, TOK_STRING,
	TOK_DICT, TOK_DICT_END, TOK_ARRAY, TOK_ARRAY_END, TOK_WORD
};

struct pack_token {
	enum pack_tok kind;
	size_t from, to;
	long long value;            /* TOK_INT */
};

/* Whether c is white space, or a regular character (7.2.2, 7.2.3). */
bool pack_is_space(unsigned char c);
bool pack_is_regular(unsigned char c);

/* Skips white space and comments from pos, up to end. */
size_t pack_skip_space(const struct pack *pk, size_t pos, size_t end);

/* The next token from *pos (before end), which moves past it. */
void pack_lex(const struct pack *pk, size_t *pos, size_t end,
              struct pack_token *t);

/* Whether t is of kind and its bytes are text. */
bool pack_tok_is(const struct pack *pk, const struct pack_token *t,
                 enum pack_tok kind, const char *text);

/* Sets pk->why (the first reason only) and returns -1. */
int pack_fail(struct pack *pk, const char *why);

/* Everything the writer needs, checked: the table, the trailer, every
 * object, and that the objects tile the file from the header to the
 * table. Returns 0, or -1 with pk->why. */
int pack_parse(struct pack *pk);

#endif
