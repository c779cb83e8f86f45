/*
 * markup_note.c: footnotes in rich text, written as Pandoc's inline
 * notes: "the mandate^[UNSCR 1244 (1999).] of KFOR".
 *
 * markup.c finds "^[" and the ']' that matches it in md4c's literal
 * text; between them the parse builds the note's own text (bold, italic
 * and links as anywhere else) in place of the text around it, which
 * waits in p->outer. At the ']' the note is stored and a marker span
 * (DOC_SPAN_NOTE) takes its place in the text: a placeholder digit that
 * the model overwrites with the note's number once the whole document
 * is built (notes.c), since only then is the reading order known.
 */
#include "markup_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

int markup_note_open(struct mparse *p, int line)
{
	if (p->in_note)
		return markup_error(p, line, "a footnote cannot hold a footnote; "
		                    "write \\^ for a literal '^'");
	if (p->uri)
		return markup_error(p, line, "a footnote cannot start inside a "
		                    "link; put it after the link's ']'");
	p->outer = p->cur;
	memset(&p->cur, 0, sizeof p->cur);
	p->in_note = true;
	p->note_depth = 0;
	/* a note is set in its own style, not in the emphasis around it */
	p->note_strong = p->strong;
	p->note_em = p->em;
	p->strong = p->em = 0;
	p->note_line = line;
	return 0;
}

/* Leaves the note: the text around it is cur again. */
static void leave_note(struct mparse *p, char **text, struct doc_rich *r)
{
	markup_builder_take(&p->cur, text, r);
	p->cur = p->outer;
	memset(&p->outer, 0, sizeof p->outer);
	p->in_note = false;
	p->note_depth = 0;
	p->strong = p->note_strong;
	p->em = p->note_em;
}

int markup_note_close(struct mparse *p, int line)
{
	bool crossed = p->strong != 0 || p->em != 0;
	struct doc_note *n;
	char *text;
	struct doc_rich r;

	leave_note(p, &text, &r);
	if (crossed || text[0] == '\0') {
		free(text);
		doc_rich_release(&r);
		return markup_error(p, line, crossed
		    ? "bold or italic crosses the end of a footnote: open and "
		      "close it inside the note's brackets"
		    : "empty footnote '^[]'; write \\^ for a literal '^'");
	}
	p->notes = xgrow(p->notes, &p->notes_cap, p->notes_len + 1,
	                 sizeof *p->notes);
	n = &p->notes[p->notes_len++];
	memset(n, 0, sizeof *n);
	n->text = text;
	n->rich = r;
	n->origin.line = p->note_line;
	/* the number comes later (doc_number_notes); "0" holds its place */
	markup_builder_put(&p->cur, "0", 1, DOC_SPAN_NOTE, NULL);
	return 0;
}

int markup_note_end(struct mparse *p)
{
	char *text;
	struct doc_rich r;
	int line = p->note_line;

	leave_note(p, &text, &r);
	free(text);
	doc_rich_release(&r);
	return markup_error(p, line, "footnote '^[' is not closed: end it "
	                    "with ']' in the same paragraph, or write \\^ for "
	                    "a literal '^'");
}

void markup_note_take(struct mparse *p, struct doc_rich *r)
{
	r->notes = p->notes;
	r->notes_len = p->notes_len;
	p->notes = NULL;
	p->notes_len = p->notes_cap = 0;
}

void markup_note_release(struct mparse *p)
{
	struct doc_rich r = { NULL, 0, p->notes, p->notes_len };

	if (p->in_note) {
		markup_builder_release(&p->outer);
		p->in_note = false;
	}
	doc_rich_release(&r);
	p->notes = NULL;
	p->notes_len = p->notes_cap = 0;
}
