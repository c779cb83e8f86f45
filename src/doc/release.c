/*
 * release.c: classification in the model: what a release build leaves
 * out, the portion marks, and the markings computed from what prints.
 *
 * The filter runs here, while the model is built, so nothing withheld
 * ever reaches layout, the fonts (their subsets) or render: a withheld
 * fact's text is never copied into the doc. Invariant: every part the
 * doc holds passed doc_release_keep(), and d->level and the caveats are
 * computed from exactly those parts.
 */
#include "briefing/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "briefing/input.h"
#include "doc_internal.h"

void doc_release_init(struct doc_release *r, const struct config *c)
{
	memset(r, 0, sizeof *r);
	r->cl = &c->classification;
	r->releasable = ~0u;
}

/* Why m may not print in this release, into buf; false when it may. */
static bool withheld_why(const struct doc_release *r,
                         const struct fact_mark *m, char *buf, size_t size)
{
	const struct config_classification *cl = r->cl;

	if (cl->release_level >= 0 && m->level > cl->release_level) {
		snprintf(buf, size, "%s, above the release level %s",
		         cl->scheme.abbrevs[m->level],
		         cl->scheme.abbrevs[cl->release_level]);
		return true;
	}
	if (cl->release_to >= 0 && !(m->releasable & (1u << cl->release_to))) {
		snprintf(buf, size, "%s, not releasable to %s",
		         cl->scheme.abbrevs[m->level],
		         cl->scheme.audiences[cl->release_to]);
		return true;
	}
	return false;
}

bool doc_release_passes(const struct doc_release *r, const struct fact_mark *m)
{
	char why[160];

	return !withheld_why(r, m, why, sizeof why);
}

/* Records a withheld part once, however many blocks name its fact. */
static void withhold(struct doc *d, const char *name, const char *part,
                     const char *file, int line, const char *why)
{
	struct doc_withheld *w;

	for (size_t i = 0; i < d->withheld_len; i++) {
		w = &d->withheld[i];
		if (w->origin.line == line && strcmp(w->name, name) == 0 &&
		    strcmp(w->part, part) == 0 && w->origin.file &&
		    strcmp(w->origin.file, file) == 0)
			return;
	}
	d->withheld = xgrow(d->withheld, &d->withheld_cap, d->withheld_len + 1,
	                    sizeof *d->withheld);
	w = &d->withheld[d->withheld_len++];
	w->name = xstrdup(name);
	w->part = xstrdup(part);
	w->reason = xstrdup(why);
	w->origin.file = doc_intern(d, file);
	w->origin.line = line;
}

bool doc_release_keep(struct doc *d, struct doc_release *r,
                      const struct fact_mark *m, const char *name,
                      const char *part, const char *file, int line)
{
	char why[160];

	if (withheld_why(r, m, why, sizeof why)) {
		withhold(d, name, part, file, line, why);
		return false;
	}
	if (!r->any || m->level > r->level) {
		r->level = m->level;
		r->top_name = name;
		r->top_file = file;
		r->top_line = line;
	}
	r->any = true;
	r->releasable &= m->releasable;
	return true;
}

/* ---- portion marks ------------------------------------------------------ */

char *doc_portion(const struct doc_release *r, int level)
{
	if (!r->cl->portion_marks)
		return NULL;
	return xasprintf("(%s) ", r->cl->scheme.abbrevs[level]);
}

void doc_prefix_rich(char **text, struct doc_rich *rich, const char *prefix)
{
	size_t n;
	char *t;

	if (!prefix || !*text)
		return;
	n = strlen(prefix);
	t = xasprintf("%s%s", prefix, *text);
	free(*text);
	*text = t;
	for (size_t i = 0; rich && i < rich->spans_len; i++)
		rich->spans[i].start += n;
}

void doc_portion_blocks(struct doc *d, size_t first, int level)
{
	for (size_t i = first; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];

		b->level = level;
		for (size_t k = 0; b->kind == DOC_LIST && k < b->u.list.len; k++)
			b->u.list.items[k].mark = level;
	}
}

void doc_portion_marks(struct doc *d, const struct doc_release *r,
                       size_t first)
{
	if (!r->cl->portion_marks)
		return;
	for (size_t i = first; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];
		char *p = doc_portion(r, b->level);

		if (b->kind == DOC_PARAGRAPH || b->kind == DOC_NOTE) {
			doc_prefix_rich(&b->u.paragraph.text, &b->u.paragraph.rich, p);
		} else if (b->kind == DOC_LIST) {
			/* an intro is marked as its whole list */
			doc_prefix_rich(&b->u.list.intro, &b->u.list.intro_rich, p);
			for (size_t k = 0; k < b->u.list.len; k++) {
				char *q = doc_portion(r, b->u.list.items[k].mark);

				doc_prefix_rich(&b->u.list.items[k].text,
				                &b->u.list.items[k].rich, q);
				free(q);
			}
		}
		free(p);
	}
}

/* Captions are printed once numbered: each gets its block's mark. */
static void portion_captions(struct doc *d, const struct doc_release *r)
{
	for (size_t i = 0; i < d->len; i++) {
		struct doc_block *b = &d->blocks[i];
		char **printed = b->kind == DOC_TABLE ? &b->u.table.caption
		               : b->kind == DOC_ORGCHART ? &b->u.orgchart.caption
		               : b->kind == DOC_IMAGE ? &b->u.image.caption
		               : NULL;
		char *p;

		if (!printed || !*printed)
			continue;
		p = doc_portion(r, b->level);
		doc_prefix_rich(printed, NULL, p);
		free(p);
	}
}

/* ---- markings ----------------------------------------------------------- */

/* " RELEASABLE TO KFOR, EUFOR": the caveats all the printed parts
 * share, or "" when they share none. */
static char *caveats(const struct doc_release *r)
{
	const struct config_classification *cl = r->cl;
	char list[512] = "";
	size_t used = 0;

	for (size_t i = 0; r->any && i < cl->scheme.audiences_len; i++)
		if (r->releasable & (1u << i) && used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used,
			                         "%s%s", used ? ", " : "",
			                         cl->scheme.audiences[i]);
	if (!used)
		return xstrdup("");
	{
		/* config checked: exactly one %s */
		char *c = xasprintf(cl->caveat_format, list);
		char *s = xasprintf(" %s", c);

		free(c);
		return s;
	}
}

int doc_release_finish(struct doc *d, const struct config *c,
                       const struct doc_release *r, struct diag_list *dl)
{
	const struct config_classification *cl = r->cl;
	char *cav = caveats(r);

	portion_captions(d, r);
	d->level = r->any ? r->level : 0;
	free(d->marking);
	d->marking = xasprintf("%s%s", cl->scheme.banners[d->level], cav);
	d->markings = xcalloc(cl->scheme.len, sizeof *d->markings);
	for (size_t i = 0; i < cl->scheme.len; i++)
		d->markings[i] = xasprintf("%s%s", cl->scheme.banners[i], cav);
	d->markings_len = cl->scheme.len;
	d->page_banners = cl->page_banners;
	free(cav);
	if (cl->release_level >= 0 || cl->release_to >= 0)
		d->release = xasprintf("%s%s%s",
		                       cl->release_level >= 0 ?
		                       cl->scheme.banners[cl->release_level] :
		                       "any level",
		                       cl->release_to >= 0 ? ", releasable to " : "",
		                       cl->release_to >= 0 ?
		                       cl->scheme.audiences[cl->release_to] : "");
	if (c->marking_level >= 0 && d->level > c->marking_level)
		return diag_error(dl, c->marking_file, c->marking_line,
		                  "[document] marking: '%s' is lower than what the "
		                  "briefing prints: %s (%s:%d) is %s", c->marking,
		                  r->top_name, r->top_file, r->top_line,
		                  cl->scheme.banners[d->level]);
	return 0;
}

char *doc_release_report(const struct doc *d)
{
	size_t cap = 256, len = 0;
	char *out = xmalloc(cap);

	len = (size_t)snprintf(out, cap, "release: %s\nwithheld: %zu\n",
	                       d->release ? d->release : "full (nothing withheld)",
	                       d->withheld_len);
	for (size_t i = 0; i < d->withheld_len; i++) {
		const struct doc_withheld *w = &d->withheld[i];
		char at[24] = "";
		char *line;

		if (w->origin.line > 0)
			snprintf(at, sizeof at, ":%d", w->origin.line);
		line = xasprintf("%s%s: %s%s%s: %s\n",
		                 w->origin.file ? w->origin.file : "", at, w->name,
		                 w->part[0] ? " " : "", w->part, w->reason);
		size_t n = strlen(line);

		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = xrealloc(out, cap);
		}
		memcpy(out + len, line, n + 1);
		len += n;
		free(line);
	}
	return out;
}

void doc_release_free(struct doc *d)
{
	for (size_t i = 0; i < d->withheld_len; i++) {
		free(d->withheld[i].name);
		free(d->withheld[i].part);
		free(d->withheld[i].reason);
	}
	free(d->withheld);
	xfree_strings(d->markings, d->markings_len);
	free(d->release);
}
