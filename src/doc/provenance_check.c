/*
 * provenance_check.c: one part of a fact, or one row of a table fact,
 * looked up in its source's snapshot, with the message that shows the
 * closest passage when it is not there.
 *
 * Separate from provenance.c, which walks a fact's blocks, records the
 * claim and cites it: this is the check of a single quotation, and the
 * wording of what is wrong with it. quote.c does the matching.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"
#include "provenance_internal.h"
#include "quote.h"

/* How to declare pt a departure, in buf if it must be made. */
static const char *part_hint(const struct part *pt, char *buf, size_t size)
{
	if (pt->hint)
		return pt->hint;
	if (!pt->key)
		return "verbatim = no, departure = \"why\"";
	snprintf(buf, size, "departure.%s = \"why\"", pt->key);
	return buf;
}

void prov_record_departure(struct doc_claim *cl, const char *label,
                           const char *reason, struct doc_origin o)
{
	struct doc_departure *dp;

	cl->departures = xrealloc(cl->departures, (cl->departures_len + 1) *
	                          sizeof *cl->departures);
	dp = &cl->departures[cl->departures_len++];
	dp->part = xstrdup(label);
	dp->reason = xstrdup(reason);
	dp->origin = o;
}

/* Whether a miss at o was reported already: a cover tile and a figures
 * block print the same figure. */
static bool reported(struct prov *p, struct doc_origin o)
{
	for (size_t i = 0; i < p->misses_len; i++)
		if (p->misses[i].line == o.line && p->misses[i].file &&
		    o.file && strcmp(p->misses[i].file, o.file) == 0)
			return true;
	p->misses = xgrow(p->misses, &p->misses_cap, p->misses_len + 1,
	                  sizeof *p->misses);
	p->misses[p->misses_len++] = o;
	return false;
}

/* Reports that text (part pt of fact) is not in the snapshot, showing
 * the closest passage and the first word where they part. Messages stay
 * short of the length diag_print() cuts. */
static void report_miss(struct prov *p, const struct quote_index *q,
                        const struct fact *fact, const struct part *pt,
                        const char *text, struct diag_list *dl)
{
	int line;
	char *fw, *sw;
	char *near;
	const char *snap = fact->source->snapshot;
	char buf[96];
	const char *hint = part_hint(pt, buf, sizeof buf);

	if (reported(p, pt->origin))
		return;
	near = quote_closest(q, text, strlen(text), &line, &fw, &sw);
	if (!near)
		diag_error(dl, pt->origin.file, pt->origin.line, "[%s] %s: not in "
		           "the snapshot %s, which has none of its words; correct "
		           "the fact or declare %s", fact->name, pt->label, snap,
		           hint);
	else if (fw && sw)
		diag_error(dl, pt->origin.file, pt->origin.line, "[%s] %s: not in "
		           "the snapshot; the closest passage, %s:%d, has '%s' where "
		           "the fact has '%s': \"%s\"; correct the fact or declare "
		           "%s", fact->name, pt->label, snap, line, sw, fw, near,
		           hint);
	else if (fw)
		diag_error(dl, pt->origin.file, pt->origin.line, "[%s] %s: not in "
		           "the snapshot; the closest passage, %s:%d, ends before "
		           "the fact's '%s': \"%s\"; correct the fact or declare "
		           "%s", fact->name, pt->label, snap, line, fw, near,
		           hint);
	else
		diag_error(dl, pt->origin.file, pt->origin.line, "[%s] %s: not in "
		           "the snapshot as written (the words agree; punctuation or "
		           "sentence bounds differ); closest, %s:%d: \"%s\"; correct "
		           "the fact or declare %s", fact->name, pt->label, snap, line,
		           near, hint);
	free(near);
	free(fw);
	free(sw);
}

/* Whether text is in q as mode asks; reports it when not. */
bool prov_found(struct prov *p, const struct quote_index *q,
                const struct fact *fact, const struct part *pt,
                const char *text, enum quote_mode mode,
                struct diag_list *dl)
{
	if (quote_find(q, text, strlen(text), mode))
		return true;
	report_miss(p, q, fact, pt, text, dl);
	return false;
}

/* The declared reason pt departs, or NULL. A part's own departure is
 * recorded in cl; a whole fact's was recorded once by prov_fact(). */
const char *prov_departs(struct doc_claim *cl, const struct fact *fact,
                         const struct part *pt)
{
	const char *why = fact_departure(fact, pt->key ? pt->key : "");

	if (why && !fact_departure(fact, ""))
		prov_record_departure(cl, pt->label, why, pt->origin);
	cl->departed += why != NULL;
	return why;
}

/* Checks one quotation of one part: counts it, records a departure, or
 * looks for it in q (NULL: no snapshot, unchecked). Returns 0 or -1. */
int prov_check_part(struct prov *p, const struct quote_index *q,
                    struct doc_claim *cl, const struct fact *fact,
                    const struct part *pt, const char *text,
                    enum quote_mode mode, struct diag_list *dl)
{
	cl->parts++;
	if (prov_departs(cl, fact, pt) || !q)
		return 0;
	if (!prov_found(p, q, fact, pt, text, mode, dl))
		return -1;
	cl->verbatim++;
	return 0;
}

/* prov_check_part() for a rich text: its footnote markers are the briefing's,
 * not the source's, so the text is looked up without them. */
int prov_check_rich_part(struct prov *p, const struct quote_index *q,
                         struct doc_claim *cl, const struct fact *fact,
                         const struct part *pt, const char *text,
                         const struct doc_rich *rich, struct diag_list *dl)
{
	char *plain = doc_text_unmarked(text, rich);
	int rc = prov_check_part(p, q, cl, fact, pt, plain, QUOTE_SENTENCES, dl);

	free(plain);
	return rc;
}

/* A part called label, keyed key (NULL: the part has no key of its
 * own), at o. */
void prov_set_part(struct part *pt, const char *key, const char *label,
                   struct doc_origin o)
{
	size_t n = strlen(label);

	pt->key = key;
	if (n >= sizeof pt->label)
		n = sizeof pt->label - 1;
	memcpy(pt->label, label, n);
	pt->label[n] = '\0';
	pt->origin = o;
	pt->hint = NULL;
}


/* ---- table rows -------------------------------------------------------- */

/* Whether the date v (ISO) is written in the snapshot: "9 June 1999",
 * "09 Jun 1999", "9 Jun. 1999", "June 9, 1999" or "1999-06-09", in the
 * month names of the labels. */
static bool date_in(const struct quote_index *q, const struct labels *l,
                    struct date d)
{
	const char *m = l->month_names[d.month - 1];
	char forms[9][64];
	int n = 0;

	snprintf(forms[n++], sizeof forms[0], "%d %s %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%02d %s %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%d %.3s %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%02d %.3s %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%d %.3s. %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%02d %.3s. %d", d.day, m, d.year);
	snprintf(forms[n++], sizeof forms[0], "%s %d, %d", m, d.day, d.year);
	snprintf(forms[n++], sizeof forms[0], "%.3s %d, %d", m, d.day, d.year);
	snprintf(forms[n++], sizeof forms[0], "%04d-%02d-%02d", d.year, d.month,
	         d.day);
	for (int i = 0; i < n; i++)
		if (quote_find(q, forms[i], strlen(forms[i]), QUOTE_PHRASE))
			return true;
	return false;
}

/* One CSV row: its text cells together in one passage, its dates each
 * somewhere. Columns declared as departures, the departure column, empty
 * and "unknown" cells are not quotations. */
int prov_check_row(struct prov *p, const struct quote_index *q,
                   struct doc_claim *cl, const struct fact *fact, size_t r,
                   struct doc_origin o, struct diag_list *dl)
{
	size_t cols = fact_table_columns(fact), n = 0, missing;
	int dep = fact->departure_column ?
	          fact_table_column(fact, fact->departure_column) : -1;
	const char *why = dep >= 0 ? fact_table_cell(fact, r, (size_t)dep) : "";
	const char **cells = xcalloc(cols ? cols : 1, sizeof *cells);
	struct part pt;
	char label[32];
	int rc = 0;

	snprintf(label, sizeof label, "row %zu", r + 1);
	prov_set_part(&pt, NULL, label, o);
	pt.hint = fact->departure_column ?
	          "a reason in its departure column" :
	          "departure_column = COLUMN, and a reason in that column";
	cl->parts++;
	if (fact_departure(fact, "")) {
		cl->departed++;
		free(cells);
		return 0;
	}
	if (why[0]) {
		cl->departed++;
		prov_record_departure(cl, label, why, o);
		free(cells);
		return 0;
	}
	for (size_t c = 0; q && c < cols; c++) {
		const char *v = fact_table_cell(fact, r, c);
		struct date d;

		if ((int)c == dep || !v[0] || strcmp(v, "unknown") == 0 ||
		    fact_departure(fact, fact_table_header(fact, c)))
			continue;
		if (!date_parse(v, &d)) {
			cells[n++] = v;
			continue;
		}
		if (!date_in(q, &p->c->style.labels, d)) {
			diag_error(dl, o.file, o.line, "[%s] row %zu, column '%s': the "
			           "date %s is not in the snapshot %s in any usual form "
			           "(9 June 1999, 09 Jun 1999, June 9, 1999); correct "
			           "it or declare the row (%s)", fact->name, r + 1,
			           fact_table_header(fact, c), v, fact->source->snapshot,
			           pt.hint);
			rc = -1;
		}
	}
	if (q && n > 0 && quote_find_together(q, cells, n, &missing) == 0) {
		int line = 0;
		char *fw, *sw;
		char *near = quote_closest(q, cells[missing], strlen(cells[missing]),
		                           &line, &fw, &sw);

		if (near)
			diag_error(dl, o.file, o.line, "[%s] row %zu: '%s' is not in "
			           "the snapshot %s on one line with the row's other "
			           "cells; closest, at its line %d: \"%s\"; correct it "
			           "or declare the row (%s)", fact->name, r + 1,
			           cells[missing], fact->source->snapshot, line, near,
			           pt.hint);
		else
			diag_error(dl, o.file, o.line, "[%s] row %zu: '%s' is not in "
			           "the snapshot %s; correct it or declare the row "
			           "(%s)", fact->name, r + 1, cells[missing],
			           fact->source->snapshot, pt.hint);
		free(near);
		free(fw);
		free(sw);
		rc = -1;
	} else if (q && rc == 0) {
		cl->verbatim++;
	}
	free(cells);
	return rc;
}