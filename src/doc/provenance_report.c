/*
 * provenance_report.c: the provenance report (doc_write_provenance(),
 * doc.h): the claims provenance.c recorded, as JSON, for the officer who
 * signs the briefing off.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/strbuf.h"
#include "doc_internal.h"

static void put_field(struct strbuf *b, const char *key, const char *v,
                      bool comma)
{
	strbuf_json(b, key);
	strbuf_puts(b, ": ");
	if (v)
		strbuf_json(b, v);
	else
		strbuf_puts(b, "null");
	if (comma)
		strbuf_puts(b, ", ");
}

static void put_number(struct strbuf *b, const char *key, size_t v, bool comma)
{
	char num[32];

	snprintf(num, sizeof num, "%zu", v);
	strbuf_json(b, key);
	strbuf_puts(b, ": ");
	strbuf_puts(b, num);
	if (comma)
		strbuf_puts(b, ", ");
}

/* verbatim: every part found; departure: every part declared;
 * partly: some of each; unchecked: the source has no snapshot, and a
 * part is not declared. */
static const char *claim_status(const struct doc *d, const struct doc_claim *cl)
{
	/* an image: no words to check */
	if (cl->parts == 0 && cl->image)
		return "unchecked";
	if (cl->departed == cl->parts)
		return "departure";
	if (!d->refs[cl->cite - 1].snapshot)
		return "unchecked";
	return cl->departed ? "partly" : "verbatim";
}

int doc_write_provenance(const struct doc *d, const char *path,
                         struct diag_list *dl)
{
	struct strbuf b = { NULL, 0, 0 };
	int rc;

	strbuf_puts(&b, "{\n  \"sources\": [");
	for (size_t i = 0; i < d->refs_len; i++) {
		const struct doc_ref *r = &d->refs[i];

		strbuf_puts(&b, i ? ",\n    {" : "\n    {");
		put_number(&b, "number", i + 1, true);
		put_field(&b, "title", r->title, true);
		put_field(&b, "url", r->url[0] ? r->url : NULL, true);
		put_field(&b, "data", r->file, true);
		put_field(&b, "updated", r->updated, true);
		put_field(&b, "snapshot", r->snapshot, true);
		put_field(&b, "retrieved", r->snapshot ? r->retrieved : NULL, true);
		put_number(&b, "facts", r->facts, false);
		strbuf_puts(&b, "}");
	}
	strbuf_puts(&b, "\n  ],\n  \"facts\": [");
	for (size_t i = 0; i < d->claims_len; i++) {
		const struct doc_claim *cl = &d->claims[i];
		const struct doc_ref *r = &d->refs[cl->cite - 1];

		strbuf_puts(&b, i ? ",\n    {" : "\n    {");
		put_field(&b, "fact", cl->fact, true);
		put_field(&b, "printed", cl->cover ? "cover" : "block", true);
		put_field(&b, "file", cl->origin.file, true);
		put_number(&b, "line", (size_t)cl->origin.line, true);
		if (cl->image)
			put_field(&b, "image", cl->image, true);
		put_number(&b, "source", cl->cite, true);
		put_field(&b, "source_title", r->title, true);
		put_field(&b, "snapshot", r->snapshot, true);
		put_field(&b, "retrieved", r->snapshot ? r->retrieved : NULL, true);
		put_field(&b, "check", claim_status(d, cl), true);
		put_number(&b, "parts", cl->parts, true);
		put_number(&b, "verbatim", cl->verbatim, true);
		put_number(&b, "departed", cl->departed, true);
		strbuf_puts(&b, "\"departures\": [");
		for (size_t k = 0; k < cl->departures_len; k++) {
			const struct doc_departure *dp = &cl->departures[k];

			strbuf_puts(&b, k ? ", {" : "{");
			put_field(&b, "part", dp->part[0] ? dp->part : NULL, true);
			put_field(&b, "file", dp->origin.file, true);
			put_number(&b, "line", (size_t)dp->origin.line, true);
			put_field(&b, "reason", dp->reason, false);
			strbuf_puts(&b, "}");
		}
		strbuf_puts(&b, "]}");
	}
	strbuf_puts(&b, "\n  ]\n}\n");
	rc = file_write_output(path, b.s, b.len, dl);
	free(b.s);
	return rc;
}
