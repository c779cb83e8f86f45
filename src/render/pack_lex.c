/*
 * pack_lex.c: the packer's lexer for PDF's syntax (ISO 32000-1, 7.2,
 * 7.3): character classes, white space and comments, and one token at a
 * time. Separate from pack_parse.c, which reads objects, the table and
 * the trailer out of these tokens, because it knows nothing of objects.
 */
#include "pack_internal.h"

#include <string.h>

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

bool pack_is_space(unsigned char c)
{
	return char_class[c] == CH_SPACE;
}

bool pack_is_regular(unsigned char c)
{
	return char_class[c] == CH_REGULAR;
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* Skips white space and comments from pos, up to end. */
size_t pack_skip_space(const struct pack *pk, size_t pos, size_t end)
{
	while (pos < end) {
		if (pk->in[pos] == '%')
			while (pos < end && pk->in[pos] != '\n' && pk->in[pos] != '\r')
				pos++;
		else if (pack_is_space(pk->in[pos]))
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
void pack_lex(const struct pack *pk, size_t *pos, size_t end,
              struct pack_token *t)
{
	const unsigned char *s = pk->in;
	size_t p = pack_skip_space(pk, *pos, end);
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
		for (p++; p < end && (is_hex(s[p]) || pack_is_space(s[p])); p++)
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
		for (p++; p < end && pack_is_regular(s[p]); p++)
			;
		t->kind = TOK_NAME;
		break;
	case ')': case '{': case '}':
		break;
	default:
		while (p < end && pack_is_regular(s[p]))
			p++;
		t->to = p;
		classify(s, t);
		break;
	}
done:
	t->to = p;
	*pos = p;
}

bool pack_tok_is(const struct pack *pk, const struct pack_token *t,
                 enum pack_tok kind, const char *text)
{
	size_t n = strlen(text);

	return t->kind == kind && t->to - t->from == n &&
	       memcmp(pk->in + t->from, text, n) == 0;
}
