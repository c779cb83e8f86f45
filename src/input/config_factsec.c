/*
 * config_factsec.c: the per-fact sections ([table.FACT], [orgchart.FACT],
 * ...) as written, for the model's check that each names a fact of its
 * kind that some block prints (doc_check_fact_sections()).
 *
 * A section for a fact no block prints is a silent mistake: a misspelled
 * [table.kfor.comanders] leaves the real table with raw CSV headers. So
 * every kind of per-fact section is one row of kinds[] below; a new kind
 * (a block kind with its own [KIND.FACT] settings) adds one line here.
 */
#include "config_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

static const struct {
	const char *name;       /* the section prefix before ".FACT" */
	enum block_kind block;  /* the block that prints the fact */
	enum fact_kind fact;    /* the kind the fact must be */
} kinds[] = {
	{ "table", BLOCK_TABLE, FACT_TABLE },
	{ "orgchart", BLOCK_ORGCHART, FACT_ORGCHART },
	{ "image", BLOCK_IMAGE, FACT_IMAGE },
};

void config_record_fact_sections(struct config *c, const struct ini *ini)
{
	c->fact_sections = xcalloc(ini->len ? ini->len : 1,
	                           sizeof *c->fact_sections);
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_section *s = &ini->sections[i];

		for (size_t k = 0; k < COUNT(kinds); k++) {
			size_t n = strlen(kinds[k].name);
			struct config_fact_section *fs;

			if (strncmp(s->name, kinds[k].name, n) != 0 ||
			    s->name[n] != '.' || !s->name[n + 1])
				continue;
			fs = &c->fact_sections[c->fact_sections_len++];
			fs->kind = kinds[k].name;
			fs->block = kinds[k].block;
			fs->fact_kind = kinds[k].fact;
			fs->fact = xstrdup(s->name + n + 1);
			fs->file = xstrdup(s->file);
			fs->line = s->line;
			break;
		}
	}
}

void config_fact_sections_release(struct config *c)
{
	for (size_t i = 0; i < c->fact_sections_len; i++) {
		free(c->fact_sections[i].fact);
		free(c->fact_sections[i].file);
	}
	free(c->fact_sections);
}

/* A [section.NAME] with no blocks prints its title and nothing else,
 * which is a mistake unless level-2 sections follow it as its parts. */
void config_warn_empty_sections(const struct config *c, const struct ini *ini,
                                struct diag_list *dl)
{
	for (size_t i = 0; i < c->sections_len; i++) {
		const struct config_section *sec = &c->sections[i];
		bool has_parts = sec->level == 1 && i + 1 < c->sections_len &&
		                 c->sections[i + 1].level == 2;
		char *name;
		const struct ini_section *s;

		/* cap: its block keys, kept or refused; a refused one is
		 * reported already */
		if (sec->len > 0 || sec->cap > 0 || has_parts)
			continue;
		name = xasprintf("section.%s", sec->id);
		s = ini_find(ini, name);
		free(name);
		diag_warning(dl, s ? s->file : c->file, sec->line, "[section.%s]: "
		             "no blocks, so it prints only its title; add e.g. "
		             "'1 = text mission.summary'", sec->id);
	}
}
