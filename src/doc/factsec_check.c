/*
 * factsec_check.c: the config's per-fact sections checked against the
 * facts and the blocks, once the model is built.
 *
 * A [table.FACT] or [orgchart.FACT] section changes how a fact prints,
 * but only through a block that prints that fact; one that names no such
 * block is ignored, which is the silent mistake this file exists for: a
 * misspelled [table.kfor.comanders] leaves the table with its raw CSV
 * headers. The kinds are config_factsec.c's list, so a new kind of
 * section is checked here with no code.
 */
#include <stdbool.h>
#include <string.h>

#include "briefing/input.h"
#include "doc_internal.h"

/* True when some block of kind kind names fact. */
static bool block_uses(const struct config *c, enum block_kind kind,
                       const char *fact)
{
	for (size_t i = 0; i < c->sections_len; i++)
		for (size_t j = 0; j < c->sections[i].len; j++)
			if (c->sections[i].blocks[j].kind == kind &&
			    strcmp(c->sections[i].blocks[j].fact, fact) == 0)
				return true;
	return false;
}

/* "a" or "an" before a kind's name. */
static const char *article(const char *word)
{
	return strchr("aeiou", word[0]) ? "an" : "a";
}

/* One [KIND.FACT]: FACT must be a fact of the kind (the closest such
 * fact is suggested), or the section is a typo; one no block prints is
 * ignored, which is worth a warning. */
static void check_one(const struct config *c, const struct facts *f,
                      const struct config_fact_section *s,
                      struct diag_list *dl)
{
	const struct fact *fact = facts_find(f, s->fact);
	const char *want = fact_kind_name(s->fact_kind);

	if (!fact) {
		const char *hint = facts_suggest_kind(f, s->fact,
		                                      (int)s->fact_kind);
		/* none of the kind is near: a fact of another kind may be, as
		 * when [orgchart.X] was written for the table X */
		const char *any = hint ? NULL : facts_suggest(f, s->fact);
		const struct fact *near = any ? facts_find(f, any) : NULL;

		if (near)
			diag_error(dl, s->file, s->line, "[%s.%s]: no fact named '%s' "
			           "(the closest, '%s', is %s %s, not %s %s)", s->kind,
			           s->fact, s->fact, near->name,
			           article(fact_kind_name(near->kind)),
			           fact_kind_name(near->kind), article(want), want);
		else
			diag_error(dl, s->file, s->line, "[%s.%s]: no fact named "
			           "'%s'%s%s%s", s->kind, s->fact, s->fact,
			           hint ? " (did you mean '" : "", hint ? hint : "",
			           hint ? "'?)" : "");
	} else if (fact->kind != s->fact_kind) {
		const char *have = fact_kind_name(fact->kind);

		diag_error(dl, s->file, s->line, "[%s.%s]: fact '%s' is %s %s "
		           "(%s:%d), not %s %s", s->kind, s->fact, s->fact,
		           article(have), have, fact->file, fact->line,
		           article(want), want);
	} else if (!block_uses(c, s->block, s->fact)) {
		diag_warning(dl, s->file, s->line, "[%s.%s]: no '%s %s' block "
		             "uses it, so it prints nothing", s->kind, s->fact,
		             s->kind, s->fact);
	}
}

void doc_check_fact_sections(const struct config *c, const struct facts *f,
                             struct diag_list *dl)
{
	for (size_t i = 0; i < c->fact_sections_len; i++)
		check_one(c, f, &c->fact_sections[i], dl);
}
