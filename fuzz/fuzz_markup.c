/*
 * fuzz_markup.c: libFuzzer harness for the rich-text parser (markup.c).
 *
 * The first byte picks the mode: even, the rest is a Markdown file
 * (doc_markup_file()); odd, one INI value (doc_markup_text(), up to its
 * first NUL). Any input must parse, or fail with diagnostics, without a
 * crash, a leak or undefined behaviour; input as facts passes it on
 * (valid UTF-8, no NUL) must give blocks or text whose spans pass
 * doc_check() once the model has numbered their footnotes and resolved
 * their references (doc_resolve_notes(); unknown ids are errors in the
 * list). Smart quotes are on when the first byte has bit 1 set.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/doc.h"

#include "briefing/base/utf8.h"
#include "briefing/input.h"
#include "doc/doc_internal.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct facts *f;
	struct doc_markup m;
	struct doc *d;
	char *buf;

	if (size == 0)
		return 0;
	f = facts_new();
	m = (struct doc_markup){ (data[0] & 2) != 0, f };
	buf = malloc(size);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	d = doc_new("T", "M", "today");
	if (data[0] & 1) {
		struct doc_block *b = doc_append(d, DOC_PARAGRAPH, "v.ini", 1);
		char *text;
		struct doc_rich rich;

		if (doc_markup_text(&m, buf, "v.ini", 1, &text, &rich, &dl) == 0) {
			b->u.paragraph.text = text;
			b->u.paragraph.rich = rich;
		} else {
			b->u.paragraph.text = strdup("");
		}
	} else {
		doc_markup_file(d, &m, "f.md", buf, size - 1, &dl);
	}
	{
		struct style st;

		style_default(&st);
		doc_resolve_notes(d, &st.labels, &dl);
	}
	if (utf8_valid(buf, size - 1, NULL) && !memchr(buf, 0, size - 1) &&
	    doc_check(d) != 0)
		abort();
	doc_free(d);
	facts_free(f);
	free(buf);
	diag_release(&dl);
	return 0;
}
