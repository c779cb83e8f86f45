/*
 * config_labels.c: [labels], the words and patterns the document prints
 * around the facts, and their defaults.
 *
 * Separate from config_style.c because labels are text, not numbers: a
 * pattern is handed to printf and is checked for its conversions, and
 * the month names follow [document] language. One row per key names the
 * field it sets (by offset into struct labels) and its default, which
 * is what doc printed before labels were configurable.
 */
#include "config_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct label_key {
	const char *key;
	size_t offset;         /* into struct labels */
	const char *pattern;   /* conversions it must hold, in order: "dd"
	                        * is two %d; NULL: plain text */
	const char *meaning;   /* what the conversions stand for, for errors */
	const char *def;       /* the default */
};

#define PLAIN(k, d) { #k, offsetof(struct labels, k), NULL, NULL, d }

static const struct label_key label_keys[] = {
	PLAIN(continued, "(continued)"),
	{ "page_number", offsetof(struct labels, page_number), "dd",
	  "%d twice (page number, page count)", "Page %d of %d" },
	PLAIN(as_of, "As of"),
	PLAIN(separator, "  \xC2\xB7  "),
	PLAIN(bullet, "\xE2\x80\xA2"),
	PLAIN(sub_bullet, "\xE2\x80\x93"),
	PLAIN(present, "present"),
	PLAIN(blank, "\xE2\x80\x93"),
	PLAIN(leader, ". "),
	PLAIN(last_updated, "Last updated"),
	{ "sources_intro", offsetof(struct labels, sources_intro), "s",
	  "%s once (the as-of date)",
	  "This briefing is current as of %s. It draws on the following "
	  "sources." },
	{ "citation", offsetof(struct labels, citation), "d",
	  "%d once (the Sources entry's number)", "[%d]" },
	PLAIN(source_note, "Source:"),
	{ "snapshot_of", offsetof(struct labels, snapshot_of), "s",
	  "%s once (the snapshot's date)", "snapshot of %s" },
	PLAIN(no_snapshot, "no snapshot"),
	{ "facts_cited", offsetof(struct labels, facts_cited), "d",
	  "%d once (the number of facts)", "facts cited: %d" },
	PLAIN(day, "day"), PLAIN(days, "days"),
	PLAIN(month, "month"), PLAIN(months, "months"),
	PLAIN(year, "year"), PLAIN(years, "years"),
	/* captions: "Figure 1 – ...", "Table 1 – ..." */
	PLAIN(figure, "Figure"), PLAIN(table, "Table"),
	PLAIN(caption_separator, " \xE2\x80\x93 "),
	/* references: "see section 3.1", "see Figure 2, page 5", word and
	 * number joined by a no-break space (U+00A0), as LaTeX's "~" does */
	{ "section_ref", offsetof(struct labels, section_ref), "s",
	  "%s once (the section's number)", "section\xC2\xA0%s" },
	{ "page_ref", offsetof(struct labels, page_ref), "d",
	  "%d once (the page number)", "page\xC2\xA0%d" },
	/* document control and the record of changes */
	PLAIN(reference, "Reference"), PLAIN(edition, "Edition"),
	PLAIN(version, "Version"),
	PLAIN(changes_title, "Record of changes"),
	PLAIN(changes_edition, "Edition"), PLAIN(changes_date, "Date"),
	PLAIN(changes_text, "Change"),
};

#undef PLAIN

void config_labels_default(struct labels *l)
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};

	for (size_t i = 0; i < COUNT(label_keys); i++)
		snprintf((char *)l + label_keys[i].offset, LABEL_MAX, "%s",
		         label_keys[i].def);
	for (int i = 0; i < 12; i++) {
		snprintf(l->month_names[i], sizeof l->month_names[i], "%s",
		         months[i]);
		snprintf(l->month_short[i], sizeof l->month_short[i], "%.3s",
		         months[i]);
	}
}

/* True when pattern v holds exactly the conversions in want ("dd": %d
 * then %d), with no flags, widths or other conversions: a label is
 * handed to printf, and %n or a stray %s there would read or write
 * through arguments that are not there. "%%" prints a percent sign. */
static bool pattern_ok(const char *v, const char *want)
{
	for (; *v; v++) {
		if (*v != '%')
			continue;
		if (v[1] == '%') {
			v++;
			continue;
		}
		if (v[1] != *want || (*want != 'd' && *want != 's'))
			return false;
		want++;
		v++;
	}
	return *want == '\0';
}

/* "month_names = January February ...": twelve words into out. Returns
 * true when the key is set and valid. */
static bool read_month_names(struct ini_section *s, const char *key,
                             char (*out)[DATE_MONTH_NAME_MAX],
                             struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	char names[12][32];
	const char *p;
	int n = 0;

	if (!e)
		return false;
	for (p = e->value; *p;) {
		size_t len = strcspn(p, " ");

		if (len == 0) {
			p++;
			continue;
		}
		if (n == 12 || len >= sizeof names[0]) {
			n = -1;
			break;
		}
		snprintf(names[n++], sizeof names[0], "%.*s", (int)len, p);
		p += len;
	}
	if (n != 12) {
		diag_error(dl, e->file, e->line, "[labels] %s: expected "
		           "12 names separated by spaces, each under %zu bytes",
		           key, sizeof names[0]);
		return false;
	}
	memcpy(out, names, sizeof names);
	return true;
}

/* The first three characters (whole UTF-8 sequences) of each name. */
static void short_from_long(struct labels *l)
{
	for (int m = 0; m < 12; m++) {
		const char *s = l->month_names[m];
		size_t i = 0;

		for (int k = 0; s[i] && k < 3; k++)
			do
				i++;
			while (((unsigned char)s[i] & 0xC0) == 0x80);
		snprintf(l->month_short[m], sizeof l->month_short[m], "%.*s",
		         (int)i, s);
	}
}

/* Month names by [document] language: its first two letters pick them
 * (fr-CA is fr); a language without a list here keeps English. The
 * short forms are the ones the language's own style guides use. */
static void month_defaults(struct labels *l, const char *language)
{
	static const struct {
		const char *lang;
		const char *names[12], *shorts[12];
	} langs[] = {
		{ "fr",
		  { "janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin",
		    "juillet", "ao\xC3\xBBt", "septembre", "octobre", "novembre",
		    "d\303\251cembre" },
		  { "janv.", "f\xC3\xA9vr.", "mars", "avr.", "mai", "juin",
		    "juil.", "ao\xC3\xBBt", "sept.", "oct.", "nov.",
		    "d\303\251c." } },
		{ "de",
		  { "Januar", "Februar", "M\xC3\xA4rz", "April", "Mai", "Juni",
		    "Juli", "August", "September", "Oktober", "November",
		    "Dezember" },
		  { "Jan.", "Feb.", "M\xC3\xA4rz", "Apr.", "Mai", "Juni", "Juli",
		    "Aug.", "Sept.", "Okt.", "Nov.", "Dez." } },
	};

	for (size_t i = 0; language && i < COUNT(langs); i++) {
		if (strncmp(language, langs[i].lang, 2) != 0 ||
		    (language[2] != '\0' && language[2] != '-' &&
		     language[2] != '_'))
			continue;
		for (int m = 0; m < 12; m++) {
			snprintf(l->month_names[m], sizeof l->month_names[m], "%s",
			         langs[i].names[m]);
			snprintf(l->month_short[m], sizeof l->month_short[m], "%s",
			         langs[i].shorts[m]);
		}
	}
}

int config_read_labels(struct config *c, const struct ini *ini,
                       struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "labels");
	const char *allowed[COUNT(label_keys) + 3];
	size_t n = 0, before = dl->errors;

	month_defaults(&c->style.labels, c->language);
	if (!s)
		return 0;
	for (size_t i = 0; i < COUNT(label_keys); i++) {
		const struct label_key *k = &label_keys[i];
		struct ini_entry *e = ini_get(s, k->key);
		char *field = (char *)&c->style.labels + k->offset;

		allowed[n++] = k->key;
		if (!e)
			continue;
		if (strlen(e->value) >= LABEL_MAX)
			diag_error(dl, e->file, e->line, "[labels] %s: %zu bytes long; "
			           "the limit is %d", k->key, strlen(e->value),
			           LABEL_MAX - 1);
		else if (k->pattern && !pattern_ok(e->value, k->pattern))
			diag_error(dl, e->file, e->line, "[labels] %s: '%s' must hold "
			           "%s and no other conversion (write %%%% for a "
			           "percent sign)", k->key, e->value, k->meaning);
		else
			memcpy(field, e->value, strlen(e->value) + 1);
	}
	/* names given without short forms: their first three characters */
	if (read_month_names(s, "month_names", c->style.labels.month_names, dl))
		short_from_long(&c->style.labels);
	read_month_names(s, "month_short", c->style.labels.month_short, dl);
	allowed[n++] = "month_names";
	allowed[n++] = "month_short";
	allowed[n] = NULL;
	ini_check_unused(s, allowed, dl);
	return dl->errors > before ? -1 : 0;
}
