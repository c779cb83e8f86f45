/*
 * markup.c: the inline markup of text facts -> plain text and spans, and
 * Markdown files -> paragraph and list blocks. md4c parses; this file
 * decides what a briefing can print.
 *
 * md4c calls back with the text between the markup and with where each
 * block and span starts and ends. A builder appends the text and, for
 * each run in one style, a span; so spans come out sorted and never
 * overlap, and their offsets are in the output, after quotes have grown
 * from one byte to three. md4c gives no offsets, but its text pointers
 * point into the input (the escaped character of "\*" too), which gives
 * the line of every piece of text and the characters around a literal
 * '*'. Constructs without text of their own (a rule, an empty item) are
 * placed at the first non-blank line after the last text seen.
 *
 * The text it builds (spans, quotes, entities) is markup_text.c's; the
 * inline callbacks (text and spans) are markup_inline.c's.
 *
 * Invariant: a parse that reports an error adds nothing to the doc.
 */
#include "briefing/doc.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/utf8.h"
#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"
#include "markup_internal.h"

/* ---- the parse --------------------------------------------------------- */

/* The line of p, a pointer into the buffer (else the last line known). */
int markup_line_of(const struct mparse *p, const char *at)
{
	size_t off, lo = 0, hi;

	if (p->line)
		return p->line;
	if (!at || at < p->buf || at > p->buf + p->len)
		return 1;
	off = (size_t)(at - p->buf);
	hi = p->lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

/* Where a construct without text starts: for a block, the first
 * non-blank line after the line of the last text; for a span, that
 * line itself. */
int markup_line_after_last(const struct mparse *p, bool block)
{
	const char *s = p->last_end ? p->last_end : p->buf;
	const char *end = p->buf + p->len;

	if (p->line)
		return p->line;
	if (!block)
		return markup_line_of(p, s);
	if (p->last_end)
		while (s < end && *s != '\n' && *s != '\r')
			s++;
	for (;;) {
		const char *t = s;

		while (t < end && (*t == '\n' || *t == '\r'))
			t++;
		s = t;
		while (t < end && (*t == ' ' || *t == '\t'))
			t++;
		if (t >= end || (*t != '\n' && *t != '\r'))
			break;
		s = t;
	}
	return markup_line_of(p, s < end ? s : end);
}

/* Counts an error; past the limit, says so once and stops the parse. */
int markup_counted(struct mparse *p, int line)
{
	if (++p->errors == DOC_MARKUP_MAX_ERRORS) {
		diag_error(p->dl, p->file, line, "too many markup errors; the rest "
		           "of the file is not checked");
		p->stopped = true;
		return 1;
	}
	return 0;
}

int markup_error(struct mparse *p, int line, const char *msg)
{
	if (p->stopped)
		return 1;
	diag_error(p->dl, p->file, line, "%s", msg);
	return markup_counted(p, line);
}

/* Refuses the construct being entered: its error waits for its first
 * text (which gives the line) or its end. */
void markup_refuse(struct mparse *p, const char *msg, bool block)
{
	if (p->skip++ == 0) {
		p->pending = xstrdup(msg);
		p->pending_block = block;
	}
}

int markup_resolve_pending(struct mparse *p, int line)
{
	int rc = 0;

	if (p->pending)
		rc = markup_error(p, line, p->pending);
	free(p->pending);
	p->pending = NULL;
	return rc;
}

/* Leaves a refused construct; at its outermost end, reports it. */
int markup_unskip(struct mparse *p)
{
	if (--p->skip == 0 && p->pending)
		return markup_resolve_pending(p, markup_line_after_last(p,
		                              p->pending_block));
	return 0;
}

/* ---- blocks of a Markdown file ----------------------------------------- */

static void store_item(struct mparse *p)
{
	struct mitem *it;

	/* a tight list's items have no paragraph of their own to end a
	 * note: the item does */
	if (p->in_note)
		markup_note_end(p);
	p->item_open = false;
	if (p->cur.len == 0) {
		markup_builder_release(&p->cur);
		markup_error(p, p->cur_line ? p->cur_line
		                            : markup_line_after_last(p, true),
		             "empty list item");
		p->cur_line = 0;
		return;
	}
	p->items = xgrow(p->items, &p->items_cap, p->items_len + 1,
	                 sizeof *p->items);
	it = &p->items[p->items_len++];
	memset(it, 0, sizeof *it);
	markup_builder_take(&p->cur, &it->text, &it->rich);
	markup_note_take(p, &it->rich);
	it->level = p->li - 1;
	it->line = p->cur_line;
	p->cur_line = 0;
}

static void release_items(struct mparse *p)
{
	for (size_t i = 0; i < p->items_len; i++) {
		free(p->items[i].text);
		doc_rich_release(&p->items[i].rich);
	}
	free(p->items);
	p->items = NULL;
	p->items_len = p->items_cap = 0;
}

/* The top list ends: its items become a DOC_LIST at the first's line. */
static void store_list(struct mparse *p)
{
	struct doc_list *l;

	if (p->items_len == 0)
		return;
	l = &doc_append(p->d, DOC_LIST, p->file, p->items[0].line)->u.list;
	l->len = p->items_len;
	l->items = xcalloc(l->len, sizeof *l->items);
	for (size_t i = 0; i < l->len; i++) {
		l->items[i].text = p->items[i].text;
		l->items[i].rich = p->items[i].rich;
		l->items[i].level = p->items[i].level;
		l->items[i].origin.file = doc_intern(p->d, p->file);
		l->items[i].origin.line = p->items[i].line;
	}
	free(p->items);
	p->items = NULL;
	p->items_len = p->items_cap = 0;
}

static const char *refused_block(MD_BLOCKTYPE type)
{
	switch (type) {
	case MD_BLOCK_H:
		return "a heading cannot be in a text fact: the config's sections "
		       "give the headings";
	case MD_BLOCK_QUOTE:
		return "block quotes are not supported";
	case MD_BLOCK_CODE:
		return "code blocks are not supported";
	case MD_BLOCK_HTML:
		return "raw HTML is not supported; write **bold**, *italic* or "
		       "[text](address)";
	case MD_BLOCK_HR:
		return "a horizontal rule is not supported";
	case MD_BLOCK_OL:
		return "numbered lists are not supported: a briefing's lists are "
		       "bulleted ('- item'); write 1999\\. for a number that "
		       "starts a line";
	default:
		return "tables are not supported in a text fact: use a table fact";
	}
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct mparse *p = u;

	(void)detail;
	if (p->stopped)
		return 1;
	if (p->skip) {
		p->skip++;
		return 0;
	}
	if (type == MD_BLOCK_DOC)
		return 0;
	if (!p->d) {
		/* one INI value: only a paragraph (block syntax was escaped) */
		if (type != MD_BLOCK_P)
			markup_refuse(p, refused_block(type), true);
		return 0;
	}
	switch (type) {
	case MD_BLOCK_UL:
		if (p->ul == 2) {
			markup_refuse(p, "lists nest one level deep: a sub-item "
			              "cannot have sub-items", true);
			return 0;
		}
		if (p->item_open)
			store_item(p);   /* the parent's text ends here */
		p->ul++;
		return 0;
	case MD_BLOCK_LI:
		p->li++;
		p->item_open = true;
		p->item_has_para = false;
		p->cur_line = 0;
		return 0;
	case MD_BLOCK_P:
		if (p->li) {
			if (p->item_has_para || !p->item_open) {
				markup_refuse(p, "a list item holds one paragraph",
				              true);
				return 0;
			}
			p->item_has_para = true;
		}
		if (!p->li)
			p->cur_line = 0;
		return 0;
	default:
		markup_refuse(p, refused_block(type), true);
		return 0;
	}
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct mparse *p = u;

	(void)detail;
	if (p->stopped)
		return 1;
	if (p->skip)
		return markup_unskip(p);
	if (type == MD_BLOCK_P && p->in_note && markup_note_end(p))
		return 1;
	if (!p->d || type == MD_BLOCK_DOC)
		return 0;
	switch (type) {
	case MD_BLOCK_UL:
		if (--p->ul == 0)
			store_list(p);
		break;
	case MD_BLOCK_LI:
		if (p->item_open)
			store_item(p);
		p->li--;
		/* a parent's text is stored when its sub-list starts */
		p->item_open = false;
		break;
	case MD_BLOCK_P:
		if (!p->li && p->cur.len) {
			struct doc_paragraph *para;

			para = &doc_append(p->d, DOC_PARAGRAPH, p->file,
			                   p->cur_line)->u.paragraph;
			markup_builder_take(&p->cur, &para->text, &para->rich);
			markup_note_take(p, &para->rich);
			p->cur_line = 0;
		}
		break;
	default:
		break;
	}
	return p->stopped;
}

static int run_md4c(struct mparse *p)
{
	/* No indented code: indentation in data is layout, not code. No
	 * extensions: tables, strikethrough and bare-URL autolinks would
	 * take characters that plain briefing text uses. */
	MD_PARSER parser = {
		0, MD_FLAG_NOINDENTEDCODEBLOCKS, on_enter_block, on_leave_block,
		markup_on_enter_span, markup_on_leave_span, markup_on_text, NULL, NULL
	};
	size_t before = p->dl->errors;

	md_parse(p->buf, (MD_SIZE)p->len, &parser, p);
	if (p->in_note && !p->stopped)
		markup_note_end(p);
	free(p->pending);
	free(p->uri);
	return p->dl->errors > before ? -1 : 0;
}

/* ---- one INI value ----------------------------------------------------- */

/* A copy of src in which what would start a block (a heading's '#', a
 * list's "-" or "1999.", a quote's '>', a rule, a fence, a link
 * definition) is escaped with a backslash: in a value the key already
 * says whether the text is a paragraph or an item. */
static char *escape_block_start(const char *src)
{
	size_t lead = strspn(src, " \t"), at = (size_t)-1;
	const char *s = src + lead;

	if ((s[0] && strchr("#>+-=~", s[0])) || strncmp(s, "```", 3) == 0) {
		at = 0;
	} else if (s[0] == '*' || s[0] == '_') {
		size_t marks = 0;
		bool rule = true;

		for (const char *c = s; *c && rule; c++)
			if (*c == s[0])
				marks++;
			else if (*c != ' ' && *c != '\t')
				rule = false;
		if ((rule && marks >= 3) ||
		    (s[0] == '*' && (s[1] == ' ' || s[1] == '\t' || !s[1])))
			at = 0;
	} else if (s[0] >= '0' && s[0] <= '9') {
		size_t digits = strspn(s, "0123456789");

		if (digits <= 9 && (s[digits] == '.' || s[digits] == ')') &&
		    (s[digits + 1] == ' ' || s[digits + 1] == '\t' ||
		     !s[digits + 1]))
			at = digits;
	} else if (s[0] == '[') {
		const char *c = s + 1;

		while (*c && *c != ']')
			c += *c == '\\' && c[1] ? 2 : 1;
		if (*c == ']' && c[1] == ':')
			at = 0;
	}
	if (at == (size_t)-1)
		return xstrdup(src);
	return xasprintf("%.*s\\%s", (int)(lead + at), src, s + at);
}

int doc_markup_text(const struct doc_markup *m, const char *src,
                    const char *file, int line, char **text,
                    struct doc_rich *rich, struct diag_list *dl)
{
	struct mparse p;
	char *buf;

	memset(rich, 0, sizeof *rich);
	*text = NULL;
	/* Without these, md4c would find no inline markup: the text is
	 * kept byte for byte (quotes aside), even its blanks. */
	if (!strpbrk(src, "\\`*_[<&")) {
		*text = doc_markup_plain(m, src);
		return 0;
	}
	buf = escape_block_start(src);
	memset(&p, 0, sizeof p);
	p.m = m;
	p.file = file;
	p.buf = buf;
	p.len = strlen(buf);
	p.line = line > 0 ? line : 1;
	p.dl = dl;
	if (run_md4c(&p) != 0) {
		markup_builder_release(&p.cur);
		markup_note_release(&p);
		free(buf);
		return -1;
	}
	free(buf);
	if (p.cur.len == 0) {
		markup_builder_release(&p.cur);
		markup_note_release(&p);
		return diag_error(dl, file, line, "the text is empty once its "
		                  "markup is removed");
	}
	markup_builder_take(&p.cur, text, rich);
	markup_note_take(&p, rich);
	return 0;
}

/* ---- a Markdown file --------------------------------------------------- */

/* The offset of each line's start: lines end at LF, CR LF or a lone CR,
 * as md4c reads them. */
static size_t *line_starts(const char *buf, size_t len, size_t *n)
{
	size_t cap = 64, k = 0;
	size_t *starts = xmalloc(cap * sizeof *starts);

	starts[k++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\r' && i + 1 < len && buf[i + 1] == '\n')
			i++;
		else if (buf[i] != '\n' && buf[i] != '\r')
			continue;
		starts = xgrow(starts, &cap, k + 1, sizeof *starts);
		starts[k++] = i + 1;
	}
	*n = k;
	return starts;
}

int doc_markup_file(struct doc *d, const struct doc_markup *m,
                    const char *file, const char *buf, size_t len,
                    struct diag_list *dl)
{
	struct mparse p;
	size_t first = d->len;
	int rc;

	memset(&p, 0, sizeof p);
	p.m = m;
	p.file = file;
	p.buf = buf;
	p.len = len;
	p.dl = dl;
	p.d = d;
	p.starts = line_starts(buf, len, &p.lines);
	rc = run_md4c(&p);
	if (rc == 0 && d->len == first)
		rc = diag_error(dl, file, 0, "no paragraph or list: a text fact "
		                "needs one");
	markup_builder_release(&p.cur);
	markup_note_release(&p);
	release_items(&p);
	free(p.starts);
	if (rc != 0)
		doc_truncate(d, first);   /* nothing half-built stays */
	return rc;
}
