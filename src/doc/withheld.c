/*
 * withheld.c: what a release leaves of each section: whether any of a
 * fact prints, which sections drop out whole, and the error for a
 * required fact the release withholds.
 *
 * Separate from doc.c because these are questions asked of the config
 * and the facts before any block is built (and of the sources after),
 * answered from the release's marks alone.
 */
#include "briefing/doc.h"

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

/* True when some of fact prints in this release: the fact itself, and
 * an item, a row or the root unit. */
bool doc_fact_visible(const struct doc_release *r, const struct fact *f)
{
	if (!doc_release_passes(r, &f->mark))
		return false;
	switch (f->kind) {
	case FACT_TEXT:
	case FACT_LIST:
	case FACT_FIGURES:
	case FACT_CHANGES:
		if (f->markdown)
			return true;
		for (size_t i = 0; i < f->len; i++)
			if (f->items[i].level == 0 &&
			    doc_release_passes(r, &f->items[i].mark))
				return true;
		return false;
	case FACT_TABLE:
		for (size_t i = 0; i < fact_table_rows(f); i++)
			if (doc_release_passes(r, &f->row_marks[i]))
				return true;
		return false;
	case FACT_ORGCHART:
		for (size_t i = 0; i < f->units_len; i++)
			if (f->units[i].parent < 0)
				return doc_release_passes(r, &f->units[i].mark);
		return false;
	case FACT_IMAGE:
		return true;
	}
	return false;
}

/* A section whose fact blocks this release all withholds, and which
 * prints nothing else (contents, sources): it disappears, heading,
 * contents entry and bookmark with it. */
static bool section_withheld(const struct doc_release *r,
                             const struct config_section *sec,
                             const struct facts *f)
{
	size_t facts = 0;

	for (size_t j = 0; j < sec->len; j++) {
		const struct config_block *cb = &sec->blocks[j];
		const struct fact *fact;

		if (cb->kind == BLOCK_PAGEBREAK)
			continue;
		if (!cb->fact)
			return false;
		fact = facts_find(f, cb->fact);
		if (!fact || doc_fact_visible(r, fact))
			return false;
		facts++;
	}
	return facts > 0;
}

/* Which sections to leave out: a level-2 one withheld, and a level-1
 * one withheld, or with no blocks of its own, whose level-2 sections
 * are all left out (and at least one was withheld). */
bool *doc_sections_dropped(const struct config *c, const struct facts *f,
                           const struct doc_release *r)
{
	bool *drop = xcalloc(c->sections_len + 1, sizeof *drop);

	for (size_t i = 0; i < c->sections_len; i++)
		drop[i] = section_withheld(r, &c->sections[i], f);
	for (size_t i = 0; i < c->sections_len; i++) {
		const struct config_section *sec = &c->sections[i];
		size_t k, children = 0, gone = 0;

		if (sec->level != 1)
			continue;
		for (k = i + 1; k < c->sections_len && c->sections[k].level == 2;
		     k++) {
			children++;
			gone += drop[k];
		}
		if (gone < children)
			drop[i] = false;
		else if (!drop[i] && sec->len == 0 && gone > 0)
			drop[i] = true;
	}
	return drop;
}

/* A block with required = yes whose fact this release withholds is an
 * error at the block's line: the briefing would ship with a hole. */
void doc_check_required(const struct config *c, const struct facts *f,
                        const struct doc_release *r, struct diag_list *dl)
{
	for (size_t i = 0; i < c->sections_len; i++)
		for (size_t j = 0; j < c->sections[i].len; j++) {
			const struct config_block *cb = &c->sections[i].blocks[j];
			const struct fact *fact;

			if (!cb->required || !(fact = facts_find(f, cb->fact)) ||
			    doc_fact_visible(r, fact))
				continue;
			diag_error(dl, cb->file, cb->line, "[section.%s]: required "
			           "fact '%s' (%s:%d) is withheld from this release "
			           "(%s)", c->sections[i].id, cb->fact, fact->file,
			           fact->line, r->cl->release_level >= 0 &&
			           fact->mark.level > r->cl->release_level ?
			           "above the release level" :
			           doc_release_passes(r, &fact->mark) ?
			           "all of its parts are" : "not releasable");
		}
}
