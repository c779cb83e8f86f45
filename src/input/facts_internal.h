/*
 * facts_internal.h: what the files of the facts reader share.
 */
#ifndef BRIEFING_INPUT_FACTS_INTERNAL_H
#define BRIEFING_INPUT_FACTS_INTERNAL_H

#include "briefing/input.h"
#include "ini.h"
#include "strhash.h"

/* Reads the departure keys of fact section s (verbatim, departure,
 * departure.KEY, departure_column) into fact; facts_departure.c.
 * Returns 0, or -1 after reporting. */
int facts_read_departures(const struct ini *ini, struct ini_section *s,
                          struct fact *fact, struct diag_list *dl);

/* Checks that each of fact's departures names a part it has (an item,
 * intro, note, a table column). Returns 0, or -1 after reporting. */
int facts_check_departures(const struct fact *fact, struct diag_list *dl);

/* Reads the gap.DATE and overlap.DATE keys of table section s (an
 * error unless fact is a succession) and checks fact's terms of office
 * against them: each break not acknowledged as what it is warns, and so
 * does an acknowledgement that matches no break (facts_succession.c).
 * Call before s's unknown keys are reported. Returns 0, or -1 after
 * reporting an error. */
int facts_check_succession(const struct ini *ini, struct ini_section *s,
                           const struct fact *fact, struct diag_list *dl);

/* Units of one chart beyond this are refused (docs/limits.md). */
#define FACTS_MAX_UNITS 10000

/* The org chart of this file (facts first..) that section s is a unit
 * of: s is named CHART.ID after a [CHART] with type = orgchart, and has
 * no type itself. NULL otherwise. */
struct fact *facts_unit_owner(struct facts *f, size_t first,
                              struct ini_section *s);

/* Reads unit section s into chart. Returns 0 or -1. */
int facts_read_unit(const struct facts *f, struct fact *chart,
                    struct ini_section *s,
                    struct diag_list *dl);

/* Resolves parent ids and checks the units form one tree: every parent
 * exists, exactly one root, no cycle. Each error names the unit ids. */
int facts_check_chart(struct fact *c, struct diag_list *dl);

/* Reads the keys level_key ("classification", "classification.3") and
 * rel_key ("releasable", ...) of s into *m, leaving what is absent.
 * Returns 0, or -1 after reporting an unknown level or audience at its
 * line (classification.c). */
int facts_read_mark(const struct facts *f, struct ini_section *s,
                    const char *level_key, const char *rel_key,
                    struct fact_mark *m, struct diag_list *dl);

/* The same for a table row's cells (either may be NULL or empty), at
 * the row's file:line. */
int facts_read_cell_mark(const struct facts *f, const char *level,
                         const char *rel, const char *file, int line,
                         size_t row, struct fact_mark *m,
                         struct diag_list *dl);

/* Parses the items of changes fact fact ("edition | YYYY-MM-DD | what
 * changed") into fact->changes, checking each part and that editions
 * and dates never go back (facts_changes.c). Returns 0, or -1 after
 * reporting at the item's file:line; release frees them. */
int facts_read_changes(const char *file, const char *section,
                       struct fact *fact, struct diag_list *dl);
void facts_release_changes(struct fact *fact);
/* Reads image fact section s (file, caption, alt, credit) into fact:
 * the file resolved against the data file, recorded in f's files and
 * its header checked (facts_image.c). Returns 0, or -1 after reporting
 * at the key's line. */
int facts_read_image(struct facts *f, const struct ini *ini,
                     struct ini_section *s, struct fact *fact,
                     struct diag_list *dl);

/* The [source] section of data file ini and its [classification], the
 * mark its facts carry unless they say otherwise (facts_source.c). The
 * caller owns the result (facts_free() frees it once it is in
 * f->sources). NULL after reporting a missing [source]. */
struct fact_source *facts_read_source(const struct facts *f,
                                      const struct ini *ini,
                                      struct diag_list *dl);

/* Reads table fact section s into fact: its CSV file (recorded in f's
 * files), codes.FIELD, the marking columns and the succession checks
 * (facts_csv.c). Returns 0, or -1 after reporting. */
int facts_read_table(struct facts *f, const struct ini *ini,
                     struct ini_section *s, struct fact *fact,
                     struct diag_list *dl);

/* The text files a data file names (facts_text.c). check_text checks
 * buf[0..len) of file name as text (UTF-8, no NUL or control character,
 * no bidi control unless allow_bidi; what ends the NUL message),
 * reporting the first problem at its line; returns 0 or -1. drop_bom
 * removes a leading byte-order mark from the NUL-terminated buf.
 * read_markdown reads text fact s's file = "x.md" into fact. */
int facts_check_text(const char *buf, size_t len, const char *name,
                     bool allow_bidi, const char *what, struct diag_list *dl);
void facts_drop_bom(char *buf, size_t *len);
int facts_read_markdown(struct facts *f, const struct ini *ini,
                        struct ini_section *s, struct fact *fact,
                        struct diag_list *dl);

/* NATO's five levels, lowest first (classification.c). */
void class_scheme_default(struct class_scheme *s);

#endif
