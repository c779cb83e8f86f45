/* Unit tests for rich text (src/doc/markup.c): inline markup of INI
 * values -> plain text and spans, smart quotes, and Markdown files ->
 * paragraph and list blocks with their lines. Cases are tables of input
 * and the text rendered with its spans as {b:...}, {i:...}, {bi:...}
 * and {URI|...}, so each reads at a glance. */
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <stdlib.h>

#include "briefing/doc.h"
#include "briefing/input.h"
#include "briefing/base/xalloc.h"

#define FILE_ "t.ini"
#define MD "t.md"
#define NBSP "\xC2\xA0"
#define LQ "\xE2\x80\x9C"   /* “ */
#define RQ "\xE2\x80\x9D"   /* ” */
#define LS "\xE2\x80\x98"   /* ‘ */
#define RS "\xE2\x80\x99"   /* ’ */

/* text with its spans marked, in a new string. */
static char *render(const char *text, const struct doc_rich *r)
{
	char *out = NULL;
	size_t len, at = 0;
	FILE *f = open_memstream(&out, &len);

	for (size_t i = 0; i < r->spans_len; i++) {
		const struct doc_span *s = &r->spans[i];

		fprintf(f, "%.*s{", (int)(s->start - at), text + at);
		if (s->uri)
			fprintf(f, "%s|", s->uri);
		else
			fprintf(f, "%s%s%s:", s->style & DOC_SPAN_BOLD ? "b" : "",
			        s->style & DOC_SPAN_ITALIC ? "i" : "",
			        s->style & DOC_SPAN_NOTE ? "n" : "");
		if (s->uri && s->style)
			fprintf(f, "%s%s:", s->style & DOC_SPAN_BOLD ? "b" : "",
			        s->style & DOC_SPAN_ITALIC ? "i" : "");
		fprintf(f, "%.*s}", (int)s->len, text + s->start);
		at = s->start + s->len;
	}
	fprintf(f, "%s", text + at);
	fclose(f);
	return out;
}

/* A doc holding the one text, so doc_check() can judge its spans. */
static void check_spans(const char *text, const struct doc_rich *r)
{
	struct doc *d = doc_new("T", "M", "today");
	struct doc_block *b = doc_append(d, DOC_PARAGRAPH, FILE_, 1);

	b->u.paragraph.text = xstrdup(text);
	b->u.paragraph.rich.spans = xcalloc(r->spans_len + 1, sizeof *r->spans);
	b->u.paragraph.rich.spans_len = r->spans_len;
	for (size_t i = 0; i < r->spans_len; i++) {
		b->u.paragraph.rich.spans[i] = r->spans[i];
		if (r->spans[i].uri)
			b->u.paragraph.rich.spans[i].uri = xstrdup(r->spans[i].uri);
	}
	assert_int_equal(doc_check(d), 0);
	doc_free(d);
}

/* Parses src as the value at t.ini:7 and returns it rendered, or NULL
 * when it is refused; the diagnostics stay in dl. */
static char *parse(const char *src, bool quotes, struct diag_list *dl)
{
	struct facts *f = facts_new();
	struct doc_markup m = { quotes, f };
	struct doc_rich r;
	char *text, *out;

	if (doc_markup_text(&m, src, FILE_, 7, &text, &r, dl) != 0) {
		assert_null(text);
		assert_int_equal(r.spans_len, 0);
		facts_free(f);
		return NULL;
	}
	check_spans(text, &r);
	out = render(text, &r);
	free(text);
	doc_rich_release(&r);
	facts_free(f);
	return out;
}

struct ok_case {
	const char *src, *want;
};

static void run_ok(const struct ok_case *c, size_t n, bool quotes)
{
	for (size_t i = 0; i < n; i++) {
		struct diag_list dl = { 0 };
		char *got = parse(c[i].src, quotes, &dl);

		if (!got || strcmp(got, c[i].want) != 0 || dl.len) {
			printf("input: %s\nwant:  %s\ngot:   %s\n", c[i].src, c[i].want,
			       got ? got : "(refused)");
			dump_diags(&dl);
		}
		assert_non_null(got);
		assert_string_equal(got, c[i].want);
		assert_int_equal(dl.len, 0);
		free(got);
		diag_release(&dl);
	}
}

static void test_plain_text_is_kept_byte_for_byte(void **state)
{
	static const struct ok_case cases[] = {
		{ "KFOR deployed on 12 June 1999.", "KFOR deployed on 12 June 1999." },
		{ "1999. A year", "1999. A year" },           /* not a list */
		{ "- a dash", "- a dash" },
		{ "# not a heading", "# not a heading" },
		{ "  two blanks  ", "  two blanks  " },
		{ "5 * 3 and a_b_c", "5 * 3 and a_b_c" },      /* nothing to match */
		{ "Bosnia & Herzegovina", "Bosnia & Herzegovina" },
		{ "It’s “typed”", "It’s “typed”" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, true);
}

static void test_bold_italic_and_nesting(void **state)
{
	static const struct ok_case cases[] = {
		{ "a **bold** term", "a {b:bold} term" },
		{ "a __bold__ term", "a {b:bold} term" },
		{ "an *italic* term", "an {i:italic} term" },
		{ "an _italic_ term", "an {i:italic} term" },
		{ "***both***", "{bi:both}" },
		{ "*a **b** c*", "{i:a }{bi:b}{i: c}" },
		{ "**a *b* c**", "{b:a }{bi:b}{b: c}" },
		{ "**KFOR**", "{b:KFOR}" },
		{ "- **item** start", "- {b:item} start" },
		{ "1999. **Year**", "1999. {b:Year}" },
		{ "snake_case **x**", "snake_case {b:x}" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, true);
}

static void test_links_and_autolinks(void **state)
{
	static const struct ok_case cases[] = {
		{ "see [NATO](https://www.nato.int/) now",
		  "see {https://www.nato.int/|NATO} now" },
		{ "[**bold** link](https://e.org)",
		  "{https://e.org|b:bold}{https://e.org| link}" },
		{ "<https://e.org/a>", "{https://e.org/a|https://e.org/a}" },
		{ "<info@e.org>", "{mailto:info@e.org|info@e.org}" },
		{ "[t](https://e.org/?a=1&amp;b=2 \"title\")",
		  "{https://e.org/?a=1&b=2|t}" },
		{ "[sic] stays", "[sic] stays" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, true);
}

static void test_entities_nbsp_and_escapes(void **state)
{
	static const struct ok_case cases[] = {
		{ "4,000&nbsp;troops", "4,000" NBSP "troops" },
		{ "4,000" NBSP "troops *x*", "4,000" NBSP "troops {i:x}" },
		{ "&#160;&#xA0;", NBSP NBSP },
		{ "a &amp; b &lt;c&gt;", "a & b <c>" },
		{ "&ndash;&mdash;&hellip;", "–—…" },
		{ "\\*not italic\\*", "*not italic*" },
		{ "\\_x\\_ \\[y\\] \\<z\\> \\\\", "_x_ [y] <z> \\" },
		{ "a\\`b", "a`b" },
		{ "&quot;straight&quot; &apos;", "\"straight\" '" },
		{ "\\\"straight\\\" *x*", "\"straight\" {i:x}" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, true);
}

static void test_smart_quotes(void **state)
{
	static const struct ok_case cases[] = {
		{ "NATO's role", "NATO" RS "s role" },
		{ "O'Brien and KFOR's", "O" RS "Brien and KFOR" RS "s" },
		{ "\"quoted\"", LQ "quoted" RQ },
		{ "he said \"the 'inner' one\".",
		  "he said " LQ "the " LS "inner" RS " one" RQ "." },
		{ "the '90s", "the " RS "90s" },
		{ "(\"x\")", "(" LQ "x" RQ ")" },
		{ "\"**bold**\"", LQ "{b:bold}" RQ },
		{ "**KFOR**'s task", "{b:KFOR}" RS "s task" },
		{ "*\"in\"* x", "{i:" LQ "in" RQ "} x" },
		{ "[\"a\"](https://e.org)", "{https://e.org|" LQ "a" RQ "}" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, true);
}

static void test_smart_quotes_off(void **state)
{
	static const struct ok_case cases[] = {
		{ "NATO's \"role\"", "NATO's \"role\"" },
		{ "a **b's** c", "a {b:b's} c" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, false);
}

/* The byte offsets count each quote as its three bytes. */
static void test_span_offsets_after_quote_expansion(void **state)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();
	struct doc_markup m = { true, f };
	struct doc_rich r;
	char *text;

	(void)state;
	assert_int_equal(doc_markup_text(&m, "\"a\" 'b' **c** [d](https://e.org)",
	                                 FILE_, 3, &text, &r, &dl), 0);
	assert_string_equal(text, LQ "a" RQ " " LS "b" RS " c d");
	assert_int_equal(r.spans_len, 2);
	assert_int_equal(r.spans[0].start, 16);   /* 3+1+3 +1+ 3+1+3 +1 */
	assert_int_equal(r.spans[0].len, 1);
	assert_int_equal(r.spans[0].style, DOC_SPAN_BOLD);
	assert_int_equal(r.spans[1].start, 18);
	assert_string_equal(r.spans[1].uri, "https://e.org");
	free(text);
	doc_rich_release(&r);
	facts_free(f);
}

static void test_unmatched_marker_warns_at_its_line(void **state)
{
	static const struct bad_case cases[] = {
		{ "a **bold term", 7, "unmatched '**' prints as written" },
		{ "an *italic term", 7, "unmatched '*' prints as written" },
		{ "***a** b", 7, "unmatched '*' prints" },
		{ "_x", 7, "unmatched '_'" },
		{ "&nbps; typo", 7, "unknown entity '&nbps;' prints as written" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = { 0 };
		char *got = parse(cases[i].text, true, &dl);

		assert_non_null(got);     /* a warning: the text is kept */
		if (!has_diag(&dl, FILE_, cases[i].line, cases[i].message))
			dump_diags(&dl);
		assert_true(has_diag(&dl, FILE_, cases[i].line, cases[i].message));
		assert_int_equal(dl.errors, 0);
		free(got);
		diag_release(&dl);
	}
}

static void test_unsupported_constructs_are_errors(void **state)
{
	static const struct bad_case cases[] = {
		{ "a `code` span", 7, "code spans are not supported" },
		{ "an ![image](x.png)", 7, "an image cannot be printed" },
		{ "raw <b>html</b>", 7, "raw HTML '<b>' is not supported" },
		{ "<div>block</div>", 7, "raw HTML is not supported" },
		{ "[x](javascript:alert(1))", 7, "link: scheme 'javascript' is "
		  "not allowed" },
		{ "[x](page.htm)", 7, "link: 'page.htm' has no scheme" },
		{ "<ftp://e.org/f>", 7, "scheme 'ftp' is not allowed" },
		{ "[](https://e.org)", 7, "the link to 'https://e.org' has no text" },
		{ "&#1; *x*", 7, "entity '&#1;' is not a printable character" },
		{ "&#x202E; *x*", 7, "entity '&#x202E;' is a bidirectional" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = { 0 };
		char *got = parse(cases[i].text, true, &dl);

		if (got || !has_diag(&dl, FILE_, cases[i].line, cases[i].message)) {
			printf("input: %s\n", cases[i].text);
			dump_diags(&dl);
		}
		assert_null(got);
		assert_true(has_diag(&dl, FILE_, cases[i].line, cases[i].message));
		diag_release(&dl);
	}
}

static void test_empty_after_markup_is_an_error(void **state)
{
	struct diag_list dl = { 0 };

	(void)state;
	assert_null(parse("<!-- -->", true, &dl));
	assert_true(dl.errors > 0);
	diag_release(&dl);
}

/* ---- Markdown files ---------------------------------------------------- */

/* Parses buf as Markdown file t.md into a new doc; NULL on errors. */
static struct doc *parse_md(const char *buf, bool quotes,
                            struct diag_list *dl)
{
	struct facts *f = facts_new();
	struct doc_markup m = { quotes, f };
	struct doc *d = doc_new("T", "M", "today");
	int rc = doc_markup_file(d, &m, MD, buf, strlen(buf), dl);

	facts_free(f);
	if (rc != 0) {
		assert_int_equal(d->len, 0);    /* nothing half-built stays */
		doc_free(d);
		return NULL;
	}
	assert_int_equal(doc_check(d), 0);
	return d;
}

static void test_markdown_paragraphs_and_lists_with_lines(void **state)
{
	static const char md[] =
		"First paragraph, with **bold**\n"      /* 1 */
		"and a second line.\n"
		"\n"
		"A paragraph of its own: it's long.\r\n" /* 4: CRLF */
		"\r\n"
		"- one\n"                                /* 6 */
		"- two, with *italic*\n"
		"  - two, in detail\n"                   /* 8 */
		"  - more detail\n"
		"- three\n"                              /* 10 */
		"\n"
		"Closing paragraph.\n";                  /* 12 */
	struct diag_list dl = { 0 };
	struct doc *d = parse_md(md, true, &dl);
	const struct doc_list *l;
	char *r;

	(void)state;
	if (!d)
		dump_diags(&dl);
	assert_non_null(d);
	assert_int_equal(dl.len, 0);
	assert_int_equal(d->len, 4);
	assert_int_equal(d->blocks[0].kind, DOC_PARAGRAPH);
	assert_int_equal(d->blocks[0].origin.line, 1);
	assert_string_equal(d->blocks[0].origin.file, MD);
	r = render(d->blocks[0].u.paragraph.text, &d->blocks[0].u.paragraph.rich);
	assert_string_equal(r, "First paragraph, with {b:bold} and a second line.");
	free(r);
	assert_int_equal(d->blocks[1].origin.line, 4);
	assert_string_equal(d->blocks[1].u.paragraph.text,
	                    "A paragraph of its own: it" RS "s long.");
	assert_int_equal(d->blocks[2].kind, DOC_LIST);
	assert_int_equal(d->blocks[2].origin.line, 6);
	l = &d->blocks[2].u.list;
	assert_null(l->intro);
	assert_int_equal(l->len, 5);
	assert_string_equal(l->items[0].text, "one");
	assert_int_equal(l->items[0].origin.line, 6);
	assert_int_equal(l->items[1].level, 0);
	r = render(l->items[1].text, &l->items[1].rich);
	assert_string_equal(r, "two, with {i:italic}");
	free(r);
	assert_int_equal(l->items[2].level, 1);
	assert_int_equal(l->items[2].origin.line, 8);
	assert_string_equal(l->items[2].text, "two, in detail");
	assert_int_equal(l->items[3].origin.line, 9);
	assert_int_equal(l->items[4].level, 0);
	assert_int_equal(l->items[4].origin.line, 10);
	assert_int_equal(d->blocks[3].origin.line, 12);
	doc_free(d);
	diag_release(&dl);
}

/* A paragraph from a file has no length limit (an INI line has 1,000). */
static void test_markdown_paragraph_of_any_length(void **state)
{
	size_t n = 200000;
	char *md = xmalloc(n + 2);
	struct diag_list dl = { 0 };
	struct doc *d;

	(void)state;
	for (size_t i = 0; i < n; i++)
		md[i] = i % 7 == 6 ? ' ' : 'x';
	md[n] = '\n';
	md[n + 1] = '\0';
	d = parse_md(md, true, &dl);
	assert_non_null(d);
	assert_int_equal(d->len, 1);
	assert_int_equal(strlen(d->blocks[0].u.paragraph.text), n);
	doc_free(d);
	free(md);
}

static void test_markdown_errors_name_their_line(void **state)
{
	static const struct bad_case cases[] = {
		{ "Para.\n\n# Heading\n", 3, "a heading cannot be in a text fact" },
		{ "Para.\n\n> quoted\n", 3, "block quotes are not supported" },
		{ "Para.\n\n```\ncode\n```\n", 4, "code blocks are not supported" },
		{ "Para.\n\n---\n", 3, "a horizontal rule is not supported" },
		{ "Para.\n\n\n1. one\n2. two\n", 4, "numbered lists are not supported" },
		{ "- a\n  - b\n    - c\n", 3, "lists nest one level deep" },
		{ "- a\n-\n- c\n", 2, "empty list item" },
		{ "- a\n\n  second paragraph\n", 3, "a list item holds one paragraph" },
		{ "Text\n\n<div>\nx\n</div>\n", 3, "raw HTML is not supported" },
		{ "One.\n\nTwo has `code`.\n", 3, "code spans are not supported" },
		{ "One.\n\nTwo [x](ftp://e.org).\n", 3, "scheme 'ftp' is not allowed" },
		{ "\n\n\n", 0, "no paragraph or list" },
		/* found by fuzz_markup: a tight list's item has no paragraph
		 * whose end would close the note */
		{ "- item^[note] and ^[open\nover two\n- next\n", 1,
		  "footnote '^[' is not closed" },
		{ "- a ^[open\n  - sub\n", 1, "footnote '^[' is not closed" },
		{ "Para.\n\nA ^[open\n", 3, "footnote '^[' is not closed" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = { 0 };
		struct doc *d = parse_md(cases[i].text, true, &dl);

		if (d || !has_diag(&dl, MD, cases[i].line, cases[i].message)) {
			printf("input: %s\n", cases[i].text);
			dump_diags(&dl);
		}
		assert_null(d);
		assert_true(has_diag(&dl, MD, cases[i].line, cases[i].message));
		diag_release(&dl);
	}
}

static void test_markdown_warning_names_its_line(void **state)
{
	struct diag_list dl = { 0 };
	struct doc *d = parse_md("One.\n\nTwo\nhas **a typo.\n", true, &dl);

	(void)state;
	assert_non_null(d);
	assert_true(has_diag(&dl, MD, 4, "unmatched '**'"));
	doc_free(d);
	diag_release(&dl);
}

/* A file of errors is reported up to a limit, then once more saying so. */
static void test_markdown_errors_are_capped(void **state)
{
	struct diag_list dl = { 0 };
	char *md = NULL;
	size_t len;
	FILE *f = open_memstream(&md, &len);

	(void)state;
	for (int i = 0; i < 1000; i++)
		fprintf(f, "# heading %d\n\n", i);
	fclose(f);
	assert_null(parse_md(md, true, &dl));
	assert_int_equal(dl.errors, DOC_MARKUP_MAX_ERRORS + 1);
	assert_true(has_diag(&dl, MD, 0, "too many markup errors"));
	free(md);
	diag_release(&dl);
}

/* Deep nesting is refused at the third level, without a crash. */
static void test_markdown_deep_nesting(void **state)
{
	struct diag_list dl = { 0 };
	char *md = NULL;
	size_t len;
	FILE *f = open_memstream(&md, &len);

	(void)state;
	for (int i = 0; i < 3000; i++)
		fprintf(f, "%*s- x\n", i * 2, "");
	fprintf(f, "%s", "*******[[[[[[[[[[((((((((");
	fclose(f);
	assert_null(parse_md(md, true, &dl));
	assert_true(has_diag(&dl, MD, 3, "lists nest one level deep"));
	free(md);
	diag_release(&dl);
}

/* ---- doc_check on spans ------------------------------------------------ */

static void test_check_rejects_bad_spans(void **state)
{
	static const struct {
		size_t start, len;
		unsigned style;
		bool ok;
	} cases[][2] = {
		{ { 0, 2, DOC_SPAN_BOLD, true }, { 3, 2, DOC_SPAN_ITALIC, true } },
		{ { 0, 2, DOC_SPAN_BOLD, false }, { 1, 2, DOC_SPAN_ITALIC, false } },
		{ { 3, 2, DOC_SPAN_BOLD, false }, { 0, 2, DOC_SPAN_ITALIC, false } },
		{ { 0, 0, DOC_SPAN_BOLD, false }, { 3, 2, DOC_SPAN_ITALIC, false } },
		{ { 0, 2, DOC_SPAN_BOLD, false }, { 6, 9, DOC_SPAN_ITALIC, false } },
		{ { 0, 2, 0, false }, { 3, 2, DOC_SPAN_ITALIC, false } },
		{ { 0, 2, 4, false }, { 3, 2, DOC_SPAN_ITALIC, false } },
		/* "é" is bytes 6 and 7: a span may not end between them */
		{ { 0, 2, DOC_SPAN_BOLD, false }, { 6, 1, DOC_SPAN_ITALIC, false } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct doc *d = doc_new("T", "M", "today");
		struct doc_paragraph *p;

		p = &doc_append(d, DOC_PARAGRAPH, FILE_, 1)->u.paragraph;
		p->text = xstrdup("abcdef\xC3\xA9");
		p->rich.spans = xcalloc(2, sizeof *p->rich.spans);
		p->rich.spans_len = 2;
		for (size_t k = 0; k < 2; k++)
			p->rich.spans[k] = (struct doc_span){ cases[i][k].start,
			        cases[i][k].len, cases[i][k].style, NULL };
		if ((doc_check(d) == 0) != cases[i][0].ok)
			printf("case %zu\n", i);
		assert_int_equal(doc_check(d) == 0, cases[i][0].ok);
		doc_free(d);
	}
}

/* Footnotes: "^[...]" leaves a marker span (a placeholder digit the
 * model numbers later) and a note with its own spans; escaped, it is
 * text. */
static void test_footnotes_parse_into_markers_and_notes(void **state)
{
	static const struct { const char *src, *text, *note; } cases[] = {
		{ "a^[the *note*] b", "a{n:0} b", "the {i:note}" },
		{ "**bold^[note] text**", "{b:bold}{n:0}{b: text}", "note" },
		{ "x^[a [b] c] y", "x{n:0} y", "a [b] c" },
		{ "see^[[l](https://e.org)]", "see{n:0}", "{https://e.org|l}" },
		{ "a ^[n1]^[n2]", "a {n:0}{n:0}", "n1" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct facts *f = facts_new();
		struct doc_markup m = { false, f };
		struct diag_list dl = { 0 };
		struct doc_rich r;
		char *text, *got, *note;

		assert_int_equal(doc_markup_text(&m, cases[i].src, FILE_, 7, &text,
		                                 &r, &dl), 0);
		assert_int_equal(dl.len, 0);
		got = render(text, &r);
		assert_true(r.notes_len >= 1);
		note = render(r.notes[0].text, &r.notes[0].rich);
		if (strcmp(got, cases[i].text) || strcmp(note, cases[i].note))
			printf("input: %s\ngot: %s / %s\n", cases[i].src, got, note);
		assert_string_equal(got, cases[i].text);
		assert_string_equal(note, cases[i].note);
		assert_int_equal(r.notes[0].origin.line, 7);
		free(got);
		free(note);
		free(text);
		doc_rich_release(&r);
		facts_free(f);
	}
	{
		static const struct ok_case plain[] = {
			{ "a \\^[not a note] b", "a ^[not a note] b" },
			{ "a ^\\[not a note] b", "a ^[not a note] b" },
			{ "2^3 and [x] ^ [y]", "2^3 and [x] ^ [y]" },
		};

		run_ok(plain, sizeof plain / sizeof *plain, false);
	}
}

static void test_bad_footnotes_are_errors(void **state)
{
	static const struct bad_case cases[] = {
		{ "a ^[never closed", 7, "footnote '^[' is not closed" },
		{ "a ^[] b", 7, "empty footnote" },
		{ "a ^[x ^[y] z] b", 7, "a footnote cannot hold a footnote" },
		{ "**a ^[b** c] d", 7, "bold or italic crosses the end of a "
		  "footnote" },
		{ "[a ^[b] c](https://e.org)", 7, "a footnote cannot start inside "
		  "a link" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = { 0 };
		char *got = parse(cases[i].text, true, &dl);

		if (got || !has_diag(&dl, FILE_, cases[i].line, cases[i].message)) {
			printf("input: %s\n", cases[i].text);
			dump_diags(&dl);
		}
		assert_null(got);
		assert_true(has_diag(&dl, FILE_, cases[i].line, cases[i].message));
		diag_release(&dl);
	}
}

/* References: "[](#id)" keeps a placeholder the model overwrites (its
 * uri "##id"), "[text](#id)" its text; neither is a link's scheme
 * error. */
static void test_references_parse_as_internal_links(void **state)
{
	static const struct ok_case cases[] = {
		{ "see [](#kfor.chain).", "see {##kfor.chain|?}." },
		{ "see [the chart](#kfor.chain)", "see {#kfor.chain|the chart}" },
		{ "on [](#page:section.a)", "on {##page:section.a|?}" },
	};

	(void)state;
	run_ok(cases, sizeof cases / sizeof *cases, false);
}

static void test_markdown_file_notes_have_their_lines(void **state)
{
	static const char md[] =
		"A paragraph^[a note\n"          /* 1 */
		"over two lines] ends.\n"
		"\n"
		"- item^[item note]\n"           /* 4 */
		"- plain\n";
	struct facts *f = facts_new();
	struct doc_markup m = { false, f };
	struct doc *d = doc_new("T", "M", "today");
	struct diag_list dl = { 0 };

	(void)state;
	assert_int_equal(doc_markup_file(d, &m, MD, md, strlen(md), &dl), 0);
	assert_int_equal(d->len, 2);
	assert_int_equal(d->blocks[0].u.paragraph.rich.notes_len, 1);
	assert_string_equal(d->blocks[0].u.paragraph.rich.notes[0].text,
	                    "a note over two lines");
	assert_int_equal(d->blocks[0].u.paragraph.rich.notes[0].origin.line, 1);
	assert_int_equal(d->blocks[1].u.list.items[0].rich.notes_len, 1);
	assert_string_equal(d->blocks[1].u.list.items[0].rich.notes[0].text,
	                    "item note");
	assert_int_equal(d->blocks[1].u.list.items[0].rich.notes[0].origin.line,
	                 4);
	assert_int_equal(d->blocks[1].u.list.items[1].rich.notes_len, 0);
	doc_free(d);
	facts_free(f);
	diag_release(&dl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_is_kept_byte_for_byte),
		cmocka_unit_test(test_bold_italic_and_nesting),
		cmocka_unit_test(test_links_and_autolinks),
		cmocka_unit_test(test_entities_nbsp_and_escapes),
		cmocka_unit_test(test_smart_quotes),
		cmocka_unit_test(test_smart_quotes_off),
		cmocka_unit_test(test_span_offsets_after_quote_expansion),
		cmocka_unit_test(test_unmatched_marker_warns_at_its_line),
		cmocka_unit_test(test_unsupported_constructs_are_errors),
		cmocka_unit_test(test_empty_after_markup_is_an_error),
		cmocka_unit_test(test_markdown_paragraphs_and_lists_with_lines),
		cmocka_unit_test(test_markdown_paragraph_of_any_length),
		cmocka_unit_test(test_markdown_errors_name_their_line),
		cmocka_unit_test(test_markdown_warning_names_its_line),
		cmocka_unit_test(test_markdown_errors_are_capped),
		cmocka_unit_test(test_markdown_deep_nesting),
		cmocka_unit_test(test_check_rejects_bad_spans),
		cmocka_unit_test(test_footnotes_parse_into_markers_and_notes),
		cmocka_unit_test(test_bad_footnotes_are_errors),
		cmocka_unit_test(test_references_parse_as_internal_links),
		cmocka_unit_test(test_markdown_file_notes_have_their_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
