/*
 * markup_inline.c: md4c's inline callbacks -- the text between the markup
 * and the spans (bold, italic, links) around it -- for the parse in
 * markup.c. Apart from it because the inline half of a parse is one job
 * (what a run of text becomes: literal stars, entities, tabs, notes,
 * checked links) that the block half (paragraphs and list items) and the
 * entry points never look into; they meet only in struct mparse.
 */
#include "briefing/doc.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"
#include "markup_internal.h"

static int check_link(struct mparse *p, int line)
{
	size_t before = p->dl->errors;

	p->uri_unchecked = false;
	/* "#id": a reference to a section, table or figure, which the
	 * model resolves once every block is built (notes.c) */
	if (p->uri[0] == '#')
		return 0;
	if (facts_check_link(p->m->facts, p->uri, p->file, line, "link", p->dl)
	    != 0 && p->dl->errors > before)
		return markup_counted(p, line);
	return 0;
}

static unsigned cur_style(const struct mparse *p)
{
	return (p->strong ? DOC_SPAN_BOLD : 0) | (p->em ? DOC_SPAN_ITALIC : 0);
}

/* Warns about each '*' or '_' run in the literal text s (at off in buf)
 * that could open or close emphasis by CommonMark's rules: md4c found no
 * partner for it, so it prints as written, which is most likely a typo. */
static int warn_unmatched(struct mparse *p, const char *s, size_t n,
                          int line)
{
	size_t off = (size_t)(s - p->buf);

	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		size_t a, z;
		uint32_t before, after;
		bool lf, rf, open, close;

		if (c != '*' && c != '_')
			continue;
		a = z = off + i;
		while (a > 0 && p->buf[a - 1] == c)
			a--;
		while (z < p->len && p->buf[z] == c)
			z++;
		before = markup_cp_before(p->buf, a);
		after = markup_cp_at(p->buf, p->len, z);
		lf = !markup_is_blank(after) && (!markup_is_punct(after) || markup_is_blank(before) ||
		                          markup_is_punct(before));
		rf = !markup_is_blank(before) && (!markup_is_punct(before) || markup_is_blank(after) ||
		                           markup_is_punct(after));
		open = c == '*' ? lf : lf && (!rf || markup_is_punct(before));
		close = c == '*' ? rf : rf && (!lf || markup_is_punct(after));
		/* name the part md4c left, not markers it used ("***a**") */
		if (open || close)
			diag_warning(p->dl, p->file, line, "unmatched '%.*s' prints as "
			             "written; write \\%c for a literal '%c'",
			             (int)((z < off + n ? z : off + n) - (a > off ? a : off)),
			             p->buf + (a > off ? a : off), c, c);
		i = z - off - 1;   /* on past the run */
	}
	return 0;
}

/* Appends the character entity s[0..n) stands for, or refuses it. */
static int put_entity(struct mparse *p, const char *s, size_t n, int line,
                      unsigned style)
{
	char ent[8], *msg;
	int rc;

	switch (markup_decode_entity(s, n, ent, p->m->facts->allow_bidi)) {
	case ENTITY_OK:
		markup_builder_put(&p->cur, ent, strlen(ent), style, p->uri);
		return 0;
	case ENTITY_UNKNOWN:
		diag_warning(p->dl, p->file, line, "unknown entity '%.*s' prints as "
		             "written; write &amp; for a literal '&'", (int)n, s);
		markup_builder_put(&p->cur, s, n, style, p->uri);
		return 0;
	case ENTITY_BIDI:
		msg = xasprintf("entity '%.*s' is a bidirectional control "
		                "character; set [document] allow_bidi = yes in the "
		                "config to allow it", (int)n, s);
		break;
	case ENTITY_UNPRINTABLE:
	default:
		msg = xasprintf("entity '%.*s' is not a printable character",
		                (int)n, s);
		break;
	}
	rc = markup_error(p, line, msg);
	free(msg);
	return rc;
}

/* Appends literal text s[0..n) in the current style. */
static void put_normal(struct mparse *p, const char *s, size_t n, int line,
                       bool in_buf, bool escaped)
{
	unsigned style = cur_style(p);

	if (in_buf && !escaped)
		warn_unmatched(p, s, n, line);
	/* a tab would print as nothing: PDF text has no tab stops */
	for (size_t i = 0, from = 0; i <= n; i++) {
		if (i < n && s[i] != '\t')
			continue;
		markup_put_quoted(&p->cur, s + from, i - from,
		           in_buf ? markup_cp_at(p->buf, p->len,
		                          (size_t)(s - p->buf) + i) : 0,
		           p->m->smart_quotes && !escaped, style, p->uri);
		if (i < n)
			markup_builder_put(&p->cur, " ", 1, style, p->uri);
		from = i + 1;
	}
}

/* Literal text, in which "^[" opens a footnote and the ']' that matches
 * it closes the note. md4c hands over "^[note]" as text (it is no link)
 * and each escaped character as a text of its own, so an escaped '^',
 * '[' or ']' is never markup. */
static int put_with_notes(struct mparse *p, const char *s, size_t n,
                          int line, bool in_buf, bool escaped)
{
	size_t from = 0;

	if (escaped) {
		put_normal(p, s, n, line, in_buf, escaped);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '^' && i + 1 < n && s[i + 1] == '[') {
			put_normal(p, s + from, i - from, line, in_buf, false);
			if (markup_note_open(p, line))
				return 1;
			from = ++i + 1;
		} else if (p->in_note && s[i] == '[') {
			p->note_depth++;
		} else if (p->in_note && s[i] == ']' && p->note_depth-- == 0) {
			put_normal(p, s + from, i - from, line, in_buf, false);
			if (markup_note_close(p, line))
				return 1;
			from = i + 1;
		}
	}
	put_normal(p, s + from, n - from, line, in_buf, false);
	return 0;
}

int markup_on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *u)
{
	struct mparse *p = u;
	bool in_buf = s >= p->buf && s + n <= p->buf + p->len;
	int line = in_buf ? markup_line_of(p, s)
	                  : markup_line_after_last(p, false);
	bool escaped = in_buf && n == 1 && s > p->buf && s[-1] == '\\';
	unsigned style = cur_style(p);

	if (in_buf && type != MD_TEXT_SOFTBR && type != MD_TEXT_BR)
		p->last_end = s + n;
	if (p->stopped)
		return 1;
	if (p->pending && markup_resolve_pending(p, line))
		return 1;
	if (p->skip)
		return 0;
	if (p->uri_unchecked && check_link(p, line))
		return 1;
	if (!p->cur_line)
		p->cur_line = line;
	switch (type) {
	case MD_TEXT_NORMAL:
		return put_with_notes(p, s, n, line, in_buf, escaped);
	case MD_TEXT_NULLCHAR:
		markup_builder_put(&p->cur, "\xEF\xBF\xBD", 3, style, p->uri);
		return 0;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		/* a briefing's paragraph is one run of text: lines join */
		markup_builder_put(&p->cur, " ", 1, style, p->uri);
		return 0;
	case MD_TEXT_ENTITY:
		return put_entity(p, s, n, line, style);
	case MD_TEXT_HTML: {
		char *msg = xasprintf("raw HTML '%.*s' is not supported; write "
		                      "**bold**, *italic* or [text](address), or "
		                      "\\< for a literal '<'", n > 40 ? 40 : (int)n, s);
		int rc = markup_error(p, line, msg);

		free(msg);
		return rc;
	}
	default:
		return 0;
	}
}

/* The href of a link, entities decoded, in a new string. */
static char *attribute_text(const MD_ATTRIBUTE *a, bool allow_bidi)
{
	struct builder b = { 0 };
	struct doc_rich r;
	char *text, ent[8];

	for (int i = 0; a->substr_offsets && a->substr_offsets[i] < a->size;
	     i++) {
		const char *s = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];

		if (a->substr_types[i] == MD_TEXT_ENTITY &&
		    markup_decode_entity(s, n, ent, allow_bidi) == ENTITY_OK)
			markup_builder_put(&b, ent, strlen(ent), 0, NULL);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			markup_builder_put(&b, "\xEF\xBF\xBD", 3, 0, NULL);
		else
			markup_builder_put(&b, s, n, 0, NULL);
	}
	markup_builder_take(&b, &text, &r);
	return text;
}

int markup_on_enter_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct mparse *p = u;

	if (p->stopped)
		return 1;
	if (p->skip) {
		p->skip++;
		return 0;
	}
	switch (type) {
	case MD_SPAN_STRONG:
		p->strong++;
		return 0;
	case MD_SPAN_EM:
		p->em++;
		return 0;
	case MD_SPAN_A:
		/* CommonMark has no link in a link; md4c can still report one
		 * for broken UTF-8, so the inner one replaces the outer */
		free(p->uri);
		p->uri = attribute_text(&((MD_SPAN_A_DETAIL *)detail)->href,
		                        p->m->facts->allow_bidi);
		p->uri_unchecked = true;
		p->link_start = p->cur.len;
		return 0;
	case MD_SPAN_IMG:
		markup_refuse(p, "an image cannot be printed in a text; remove "
		              "the '!' for a link", false);
		return 0;
	case MD_SPAN_CODE:
		markup_refuse(p, "code spans are not supported; write \\` for "
		              "a literal '`'", false);
		return 0;
	default:
		markup_refuse(p, "this markup is not supported", false);
		return 0;
	}
}

int markup_on_leave_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct mparse *p = u;
	int rc = 0;

	(void)detail;
	if (p->stopped)
		return 1;
	if (p->skip)
		return markup_unskip(p);
	switch (type) {
	case MD_SPAN_STRONG:
		p->strong--;
		break;
	case MD_SPAN_EM:
		p->em--;
		break;
	case MD_SPAN_A:
		if (p->cur.len == p->link_start && p->uri[0] == '#') {
			/* "[](#id)": the model writes the printed form ("Figure
			 * 2") over this placeholder; "##" says it may */
			char *uri = xasprintf("#%s", p->uri);

			markup_builder_put(&p->cur, "?", 1, 0, uri);
			free(uri);
		} else if (p->cur.len == p->link_start) {
			char *msg = xasprintf("the link to '%s' has no text", p->uri);

			rc = markup_error(p, markup_line_after_last(p, false),
			                  msg);
			free(msg);
		}
		free(p->uri);
		p->uri = NULL;
		p->uri_unchecked = false;
		break;
	default:
		break;
	}
	return rc;
}
