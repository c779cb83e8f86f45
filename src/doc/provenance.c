/*
 * provenance.c: every printed fact checked against its source's
 * snapshot, recorded for the provenance report, and cited.
 *
 * A fact's parts are quotations unless the data declares a departure
 * (input's struct fact_departure): paragraphs, list items and intros and
 * a table's note must be whole sentences of one line of the snapshot,
 * figure values and org chart units phrases of one line, and a table
 * row's text cells phrases of one line together (its dates may be written
 * anywhere, in any of the usual forms). The text checked is the text the
 * model holds: markup removed, quotes made typographic, so what is
 * checked is what prints. provenance_check.c checks each part and row,
 * and quote.c does the matching.
 *
 * Invariant: d->refs has one entry per data file, in load order, so a
 * block's cite is the number of its Sources entry.
 */
#include "briefing/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"
#include "provenance_internal.h"
#include "quote.h"

/* The index of fact's source in f->sources (a handful: a short scan). */
static size_t source_of(const struct prov *p, const struct fact *fact)
{
	for (size_t i = 0; i < p->f->sources_len; i++)
		if (p->f->sources[i] == fact->source)
			return i;
	return 0;
}

struct prov *prov_new(const struct config *c, const struct facts *f,
                      struct doc *d)
{
	struct prov *p = xcalloc(1, sizeof *p);

	p->c = c;
	p->f = f;
	p->index = xcalloc(f->sources_len ? f->sources_len : 1,
	                   sizeof *p->index); /* NOLINT(bugprone-sizeof-expression): array of pointers */
	p->seen = xcalloc(f->len ? f->len : 1, sizeof *p->seen);
	d->refs_len = f->sources_len;
	d->refs = xcalloc(d->refs_len ? d->refs_len : 1, sizeof *d->refs);
	for (size_t i = 0; i < f->sources_len; i++) {
		const struct fact_source *src = f->sources[i];
		struct doc_ref *r = &d->refs[i];

		r->title = xstrdup(src->title ? src->title : src->file);
		r->url = xstrdup(src->url ? src->url : "");
		r->file = doc_intern(d, src->file);
		date_format(src->updated, "iso", r->updated, sizeof r->updated);
		if (src->snapshot_text) {
			r->snapshot = doc_intern(d, src->snapshot);
			date_format(src->retrieved, "iso", r->retrieved,
			            sizeof r->retrieved);
		}
	}
	return p;
}

void prov_free(struct prov *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->f->sources_len; i++)
		quote_index_free(p->index[i]);
	free(p->index);
	free(p->seen);
	free(p->misses);
	free(p);
}

/* Counts fact once among the facts its source gives the briefing. */
static void count_fact(struct prov *p, struct doc *d, const struct fact *fact,
                       size_t src)
{
	size_t fi = (size_t)(fact - p->f->items);

	if (fi < p->f->len && !p->seen[fi]) {
		p->seen[fi] = true;
		d->refs[src].facts++;
	}
}

/* The snapshot index of fact's source, or NULL when it has none. */
static const struct quote_index *index_for(struct prov *p,
                                           const struct fact *fact)
{
	size_t i = source_of(p, fact);
	const struct fact_source *src = fact->source;

	if (!src || !src->snapshot_text)
		return NULL;
	if (!p->index[i])
		p->index[i] = quote_index_new(src->snapshot_text, src->snapshot_len);
	return p->index[i];
}

static void item_key(const struct fact_item *it, char *buf, size_t size)
{
	if (it->minor)
		snprintf(buf, size, "%d.%d", it->number, it->minor);
	else
		snprintf(buf, size, "%d", it->number);
}

/* ---- citations --------------------------------------------------------- */

/* Appends a space (when space) and the marker of Sources entry n to
 * text, the marker a link to "#source-N", which layout resolves to the
 * entry's page. An ordinary space, not a no-break one: glued to the last
 * word, the marker would stretch the word gaps of justified lines. */
static void cite_rich(char **text, struct doc_rich *rich, size_t n,
                      const struct labels *l, bool space)
{
	char marker[LABEL_MAX + 32], uri[32];
	size_t at;
	char *t;

	/* config checked the pattern: exactly one %d */
	snprintf(marker, sizeof marker, l->citation, (int)n);
	snprintf(uri, sizeof uri, "#source-%zu", n);
	t = xasprintf("%s%s%s", *text, space ? " " : "", marker);
	at = strlen(t) - strlen(marker);
	free(*text);
	*text = t;
	rich->spans = xrealloc(rich->spans, (rich->spans_len + 1) *
	                       sizeof *rich->spans);
	rich->spans[rich->spans_len++] = (struct doc_span){
		at, strlen(marker), 0, xstrdup(uri)
	};
}

/* A marker after each block first.. of d: at the end of a paragraph, of
 * a list's last item, of a table's note, or in a note of its own
 * ("Source: [1]") under a figures block, table or chart. */
static void cite_blocks(struct doc *d, size_t first, size_t n,
                        const struct labels *l)
{
	size_t last = d->len;

	for (size_t i = first; i < last; i++) {
		struct doc_block *b = &d->blocks[i];
		bool own_note = false;

		b->cite = n;
		switch (b->kind) {
		case DOC_PARAGRAPH:
		case DOC_NOTE:
			cite_rich(&b->u.paragraph.text, &b->u.paragraph.rich, n, l, true);
			break;
		case DOC_LIST:
			if (b->u.list.len) {
				struct doc_list_item *it = &b->u.list.items[b->u.list.len - 1];

				cite_rich(&it->text, &it->rich, n, l, true);
			}
			break;
		case DOC_TABLE:
			own_note = !(i + 1 < last && d->blocks[i + 1].kind == DOC_NOTE);
			break;
		case DOC_FIGURES:
		case DOC_ORGCHART:
		case DOC_IMAGE:
			own_note = true;
			break;
		default:
			break;
		}
		if (own_note) {
			struct doc_origin o = b->origin;
			struct doc_block *nb;
			char *text = xasprintf("%s ", l->source_note);
			struct doc_rich rich = { NULL, 0, NULL, 0 };

			cite_rich(&text, &rich, n, l, false);
			/* appended at the end: the fact's blocks are the last ones */
			nb = doc_append(d, DOC_NOTE, o.file, o.line);
			nb->u.paragraph.text = text;
			nb->u.paragraph.rich = rich;
			nb->cite = n;
		}
	}
}

/* ---- a fact ------------------------------------------------------------ */

/* The parts of a list block: its intro and items, in the fact's order
 * (doc.c keeps every item or fails the build). */
static int check_list(struct prov *p, const struct quote_index *q,
                      struct doc_claim *cl,
                      const struct fact *fact, const struct doc_block *b,
                      bool from_markdown, struct diag_list *dl)
{
	const struct doc_list *l = &b->u.list;
	struct part pt;
	int rc = 0;

	if (l->intro) {
		prov_set_part(&pt, from_markdown ? NULL : "intro", "intro",
		              (struct doc_origin){ b->origin.file, fact->intro_line ?
		                                   fact->intro_line : b->origin.line });
		rc |= prov_check_rich_part(p, q, cl, fact, &pt, l->intro,
		                           &l->intro_rich, dl);
	}
	for (size_t i = 0; i < l->len; i++) {
		char key[32] = "item";

		if (!from_markdown && i < fact->len)
			item_key(&fact->items[i], key, sizeof key);
		prov_set_part(&pt, from_markdown ? NULL : key, key,
		              l->items[i].origin);
		rc |= prov_check_rich_part(p, q, cl, fact, &pt, l->items[i].text,
		                           &l->items[i].rich, dl);
	}
	return rc;
}

int prov_fact(struct prov *p, struct doc *d, const struct fact *fact,
              size_t first, struct diag_list *dl)
{
	const struct quote_index *q = index_for(p, fact);
	size_t src = source_of(p, fact);
	struct doc_claim *cl;
	struct part pt;
	int rc = 0;

	d->claims = xgrow(d->claims, &d->claims_cap, d->claims_len + 1,
	                  sizeof *d->claims);
	cl = &d->claims[d->claims_len++];
	memset(cl, 0, sizeof *cl);
	cl->fact = xstrdup(fact->name);
	cl->origin = (struct doc_origin){ doc_intern(d, fact->file), fact->line };
	cl->cite = src + 1;
	count_fact(p, d, fact, src);
	if (fact_departure(fact, ""))
		prov_record_departure(cl, "", fact_departure(fact, ""), cl->origin);
	/* parts declared by key but never printed still show in the report */
	switch (fact->kind) {
	case FACT_TEXT: {
		size_t k = 0;

		for (size_t i = first; i < d->len; i++) {
			const struct doc_block *b = &d->blocks[i];
			char key[32] = "paragraph";

			if (b->kind == DOC_LIST) {
				rc |= check_list(p, q, cl, fact, b, true, dl);
				continue;
			}
			if (!fact->markdown && k < fact->len)
				item_key(&fact->items[k++], key, sizeof key);
			prov_set_part(&pt, fact->markdown ? NULL : key, key, b->origin);
			rc |= prov_check_rich_part(p, q, cl, fact, &pt,
			                           b->u.paragraph.text,
			                           &b->u.paragraph.rich, dl);
		}
		break;
	}
	case FACT_LIST:
		rc |= check_list(p, q, cl, fact, &d->blocks[first], false, dl);
		break;
	case FACT_FIGURES: {
		const struct doc_figures *fg = &d->blocks[first].u.figures;

		for (size_t i = 0; i < fg->len && i < fact->len; i++) {
			char key[32];

			item_key(&fact->items[i], key, sizeof key);
			prov_set_part(&pt, key, key, fg->items[i].origin);
			rc |= prov_check_part(p, q, cl, fact, &pt, fg->items[i].value,
			                      QUOTE_PHRASE, dl);
		}
		break;
	}
	case FACT_CHANGES:    /* the document's history: nothing to quote */
		break;
	case FACT_TABLE: {
		const struct doc_table *t = &d->blocks[first].u.table;

		/* a release build leaves rows out: the doc's rows are the
		 * fact's in order, matched by their lines */
		for (size_t r = 0, k = 0; r < fact_table_rows(fact) && k < t->rows;
		     r++) {
			if (t->row_origins[k].line != fact_table_row_line(fact, r))
				continue;
			rc |= prov_check_row(p, q, cl, fact, r, t->row_origins[k++], dl);
		}
		for (size_t c = 0; c < fact_table_columns(fact); c++) {
			const char *h = fact_table_header(fact, c);
			const char *why = fact_departure(fact, h);

			if (why && !fact_departure(fact, ""))
				prov_record_departure(cl, h, why, cl->origin);
		}
		if (first + 1 < d->len && d->blocks[first + 1].kind == DOC_NOTE) {
			const struct doc_block *nb = &d->blocks[first + 1];

			prov_set_part(&pt, "note", "note", nb->origin);
			rc |= prov_check_part(p, q, cl, fact, &pt, nb->u.paragraph.text,
			                      QUOTE_SENTENCES, dl);
		}
		break;
	}
	case FACT_IMAGE:
		/* a picture has no words to find in its source's text; its
		 * caption is the briefing's description of it. The report
		 * names its file. */
		cl->image = doc_intern(d, fact->image_file);
		break;
	case FACT_ORGCHART: {
		const struct doc_orgchart *o = &d->blocks[first].u.orgchart;

		for (size_t i = 0; i < o->len && i < fact->units_len; i++) {
			char label[48];

			const struct doc_unit *u = &o->units[i];
			bool ok;

			snprintf(label, sizeof label, "unit %s", fact->units[i].id);
			prov_set_part(&pt, fact->units[i].id, label, u->origin);
			cl->parts++;
			if (prov_departs(cl, fact, &pt) || !q)
				continue;
			/* name and detail make one part, each a phrase */
			ok = prov_found(p, q, fact, &pt, u->name, QUOTE_PHRASE, dl);
			if (u->detail[0] &&
			    !prov_found(p, q, fact, &pt, u->detail, QUOTE_PHRASE, dl))
				ok = false;
			if (ok)
				cl->verbatim++;
			else
				rc = -1;
		}
		break;
	}
	}
	if (p->c->citations && rc == 0)
		cite_blocks(d, first, src + 1, &p->c->style.labels);
	else
		for (size_t i = first; i < d->len; i++)
			d->blocks[i].cite = src + 1;
	return rc ? -1 : 0;
}

int prov_cover_figure(struct prov *p, struct doc *d, const struct fact *fact,
                      size_t item, const char *value, struct diag_list *dl)
{
	const struct quote_index *q = index_for(p, fact);
	size_t src = source_of(p, fact);
	const struct fact_item *it = &fact->items[item];
	struct doc_claim *cl;
	struct part pt;
	char key[32];

	d->claims = xgrow(d->claims, &d->claims_cap, d->claims_len + 1,
	                  sizeof *d->claims);
	cl = &d->claims[d->claims_len++];
	memset(cl, 0, sizeof *cl);
	cl->fact = xstrdup(fact->name);
	cl->origin = (struct doc_origin){ doc_intern(d, fact->file), fact->line };
	cl->cite = src + 1;
	cl->cover = true;
	count_fact(p, d, fact, src);
	if (fact_departure(fact, ""))
		prov_record_departure(cl, "", fact_departure(fact, ""), cl->origin);
	item_key(it, key, sizeof key);
	prov_set_part(&pt, key, key,
	              (struct doc_origin){ cl->origin.file, it->line });
	return prov_check_part(p, q, cl, fact, &pt, value, QUOTE_PHRASE, dl);
}

/* ---- the Sources entries ----------------------------------------------- */

int prov_finish(struct prov *p, struct doc *d, struct diag_list *dl)
{
	const struct labels *l = &p->c->style.labels;
	bool listed = false;

	for (size_t i = 0; i < d->len; i++) {
		struct doc_sources *s = &d->blocks[i].u.sources;

		if (d->blocks[i].kind != DOC_SOURCES)
			continue;
		listed = true;
		if (!p->c->citations)
			continue;
		for (size_t k = 0; k < s->len && k < d->refs_len; k++) {
			struct doc_source *e = &s->items[k];
			const struct doc_ref *r = &d->refs[k];
			char num[LABEL_MAX + 32], snap[LABEL_MAX + 64], cnt[LABEL_MAX + 32];
			char *t;

			/* config checked each pattern: one %d, one %s, one %d */
			snprintf(num, sizeof num, l->citation, (int)(k + 1));
			if (r->snapshot) {
				struct date day;
				char when[64] = "";

				if (date_parse(r->retrieved, &day))
					doc_format_day(p->c, DOC_DATE_SOURCES, NULL, day, when,
					               sizeof when);
				snprintf(snap, sizeof snap, l->snapshot_of, when);
			} else
				snprintf(snap, sizeof snap, "%s", l->no_snapshot);
			snprintf(cnt, sizeof cnt, l->facts_cited, (int)r->facts);
			t = xasprintf("%s %s", num, e->title);
			free(e->title);
			e->title = t;
			t = xasprintf("%s%s%s%s%s", e->updated, l->separator, snap,
			              l->separator, cnt);
			free(e->updated);
			e->updated = t;
		}
	}
	if (p->c->citations && !listed)
		return diag_error(dl, p->c->file, p->c->citations_line,
		                  "[document] citations: the briefing has no "
		                  "sources block for the markers to cite; add "
		                  "'sources' to a section");
	return 0;
}

void doc_provenance_release(struct doc *d)
{
	for (size_t i = 0; i < d->refs_len; i++) {
		free(d->refs[i].title);
		free(d->refs[i].url);
	}
	free(d->refs);
	for (size_t i = 0; i < d->claims_len; i++) {
		struct doc_claim *cl = &d->claims[i];

		for (size_t k = 0; k < cl->departures_len; k++) {
			free(cl->departures[k].part);
			free(cl->departures[k].reason);
		}
		free(cl->departures);
		free(cl->fact);
	}
	free(d->claims);
}