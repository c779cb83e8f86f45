/*
 * changes.c: document control in the model. The reference, edition and
 * version lines the cover and the footer print, and the record of
 * changes, a table built from a changes fact (edition, date, what
 * changed) whose dates print as the document's tables do.
 *
 * The edition is config and the record is a fact, so they can disagree;
 * doc_check_edition() says so, because a briefing whose cover and
 * record of changes name different editions is a briefing nobody can
 * trust to be current.
 */
#include "doc_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"

/* Joins the parts that are set with the separator label; NULL if none
 * is. */
static char *join(const struct labels *l, const char *const *parts, size_t n)
{
	char *s = NULL;

	for (size_t i = 0; i < n; i++) {
		char *t;

		if (!parts[i])
			continue;
		t = s ? xasprintf("%s%s%s", s, l->separator, parts[i])
		      : xstrdup(parts[i]);
		free(s);
		s = t;
	}
	return s;
}

static char *labelled(const char *label, const char *v)
{
	return v ? xasprintf("%s %s", label, v) : NULL;
}

void doc_set_control(struct doc *d, const struct config *c)
{
	const struct labels *l = &c->style.labels;
	char *ref = labelled(l->reference, c->reference);
	char *ed = labelled(l->edition, c->edition);
	char *ver = labelled(l->version, c->version);
	const char *cover[] = { ref, ed, ver };
	/* the footer is narrow: the reference itself, and the edition */
	const char *footer[] = { c->reference, ed };

	d->control = join(l, cover, 3);
	d->footer_control = join(l, footer, 2);
	free(ref);
	free(ed);
	free(ver);
}

int doc_add_changes(struct doc *d, const struct config *c,
                    const struct fact *fact, const struct doc_markup *m,
                    struct diag_list *dl)
{
	const struct labels *l = &c->style.labels;
	const char *titles[] = { l->changes_edition, l->changes_date,
	                         l->changes_text };
	struct doc_table *t;

	(void)dl;
	if (fact->changes_len == 0)
		return 0;
	t = &doc_append(d, DOC_TABLE, fact->file, fact->line)->u.table;
	t->name = xstrdup(fact->name);
	/* a title, not a numbered caption: the record is no table of facts */
	t->caption = xstrdup(l->changes_title);
	t->cols = 3;
	t->rows = fact->changes_len;
	t->columns = xcalloc(3, sizeof *t->columns);
	t->cells = xcalloc(3 * t->rows, sizeof *t->cells);
	t->row_origins = xcalloc(t->rows, sizeof *t->row_origins);
	for (size_t i = 0; i < 3; i++) {
		t->columns[i].title = xstrdup(titles[i]);
		t->columns[i].width = i == 2 ? -1 : 0;   /* the text takes the rest */
		t->columns[i].origin = doc_fact_origin(d, fact, fact->line);
	}
	for (size_t k = 0; k < t->rows; k++) {
		const struct fact_change *ch = &fact->changes[k];
		char date[96];

		doc_format_day(c, DOC_DATE_TABLE, NULL, ch->date, date, sizeof date);
		t->row_origins[k] = doc_fact_origin(d, fact, ch->line);
		t->cells[k * 3] = xstrdup(ch->edition);
		t->cells[k * 3 + 1] = xstrdup(date);
		t->cells[k * 3 + 2] = doc_markup_plain(m, ch->text);
	}
	return 0;
}

static void check_record(const struct config *c, const struct fact *fact,
                         struct diag_list *dl)
{
	const struct fact_change *last;

	if (fact->changes_len == 0)
		return;
	last = &fact->changes[fact->changes_len - 1];
	for (size_t i = 0; i < fact->changes_len; i++)
		if (strcmp(fact->changes[i].edition, c->edition) == 0) {
			if (strcmp(last->edition, c->edition) != 0)
				diag_warning(dl, c->edition_file, c->edition_line,
				             "[document] edition: %s, but the record of "
				             "changes '%s' (%s:%d) lists a later edition, "
				             "%s", c->edition, fact->name, fact->file,
				             last->line, last->edition);
			return;
		}
	diag_warning(dl, c->edition_file, c->edition_line, "[document] edition: "
	             "%s is not in the record of changes '%s' (%s:%d), whose "
	             "last edition is %s", c->edition, fact->name, fact->file,
	             fact->line, last->edition);
}

void doc_check_edition(const struct config *c, const struct facts *f,
                       struct diag_list *dl)
{
	if (!c->edition)
		return;
	for (size_t i = 0; i < c->sections_len; i++)
		for (size_t j = 0; j < c->sections[i].len; j++) {
			const struct config_block *cb = &c->sections[i].blocks[j];
			const struct fact *fact;

			if (cb->kind != BLOCK_CHANGES)
				continue;
			fact = facts_find(f, cb->fact);
			if (fact && fact->kind == FACT_CHANGES)
				check_record(c, fact, dl);
		}
}
