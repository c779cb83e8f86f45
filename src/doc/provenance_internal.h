/*
 * provenance_internal.h: what provenance.c and provenance_check.c share,
 * the state of one build's checks and the part of a fact being checked.
 * Not installed.
 */
#ifndef BRIEFING_PROVENANCE_INTERNAL_H
#define BRIEFING_PROVENANCE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/doc.h"
#include "briefing/input.h"
#include "quote.h"

struct prov {
	const struct config *c;
	const struct facts *f;
	struct quote_index **index;   /* per source, built when first used */
	bool *seen;                   /* per fact: counted in its ref's facts */
	struct doc_origin *misses;    /* where a miss was reported */
	size_t misses_len, misses_cap;
};

/* What one part is called in messages and the report, and how to declare
 * it a departure. */
struct part {
	const char *key;     /* for fact_departure(): "1", "intro", a unit;
	                      * NULL: only a whole-fact departure applies */
	char label[48];      /* "1", "intro", "row 6", "unit deputy" */
	/* how to declare it; NULL: departure.KEY = "why", or the whole-fact
	 * form without a key (part_hint()): made only for a message, as a
	 * long table has a part a row */
	const char *hint;
	struct doc_origin origin;
};

/* ---- provenance_check.c: one part, one table row ---- */

/* Records in cl that the part labelled label departs from its source,
 * for reason, declared at o. */
void prov_record_departure(struct doc_claim *cl, const char *label,
                           const char *reason, struct doc_origin o);

/* Whether text is in q as mode asks; reports it when not. */
bool prov_found(struct prov *p, const struct quote_index *q,
                const struct fact *fact, const struct part *pt,
                const char *text, enum quote_mode mode,
                struct diag_list *dl);

/* The declared reason pt departs, or NULL; a part's own departure is
 * recorded in cl. */
const char *prov_departs(struct doc_claim *cl, const struct fact *fact,
                         const struct part *pt);

/* Checks one quotation of one part against q (NULL: no snapshot,
 * unchecked); prov_check_rich_part() without its footnote markers.
 * Return 0 or -1. */
int prov_check_part(struct prov *p, const struct quote_index *q,
                    struct doc_claim *cl, const struct fact *fact,
                    const struct part *pt, const char *text,
                    enum quote_mode mode, struct diag_list *dl);
int prov_check_rich_part(struct prov *p, const struct quote_index *q,
                         struct doc_claim *cl, const struct fact *fact,
                         const struct part *pt, const char *text,
                         const struct doc_rich *rich, struct diag_list *dl);

/* Sets pt to the part called label, keyed key (NULL: none), at o. */
void prov_set_part(struct part *pt, const char *key, const char *label,
                   struct doc_origin o);

/* Checks row r of table fact, at o, against q. Returns 0 or -1. */
int prov_check_row(struct prov *p, const struct quote_index *q,
                   struct doc_claim *cl, const struct fact *fact, size_t r,
                   struct doc_origin o, struct diag_list *dl);

#endif
