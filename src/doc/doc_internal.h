/*
 * doc_internal.h: what the files of the doc stage share. Not installed.
 */
#ifndef BRIEFING_DOC_INTERNAL_H
#define BRIEFING_DOC_INTERNAL_H

#include "briefing/doc.h"
#include "briefing/input.h"

struct doc_release;

/* An origin at line of the fact's file, or at the fact's own line when
 * line is 0 (not known). */
struct doc_origin doc_fact_origin(struct doc *d, const struct fact *f,
                                  int line);

/* Sets caption c to text (copied), from the config's file:line, placed
 * as pos says or else below when below_default; numbered, and printed
 * into its block's caption, once every block exists (doc.c). */
void doc_set_caption(struct doc *d, struct doc_caption *c, const char *text,
                     const char *file, int line, enum caption_position pos,
                     bool below_default);

/* caption.c, once every block exists: numbers the captions of tables
 * and figures apart, in document order, and prints them; fills the lists
 * of figures and tables. */
void doc_number_captions(struct doc *d, const struct labels *l,
                         struct diag_list *dl);
void doc_fill_caption_lists(struct doc *d);

/* Numbers every footnote 1, 2, ... in reading order and resolves every
 * reference ("#id" links) to its block, writing the printed form from l
 * ("Figure 2", "section 3.1"); an unknown id is an error at the text's
 * origin (notes.c). */
void doc_resolve_notes(struct doc *d, const struct labels *l,
                       struct diag_list *dl);

/* text without its footnote markers, in a new string: what a source
 * says, for the provenance check. */
char *doc_text_unmarked(const char *text, const struct doc_rich *r);

/* factsec_check.c: checks that each per-fact section ([table.X],
 * [orgchart.X], ...) names a fact of its kind that a block prints, and
 * warns about a [section.NAME] that prints only its title. */
void doc_check_fact_sections(const struct config *c, const struct facts *f,
                             struct diag_list *dl);

/* image.c: the image block of image fact fact, sized as the config's
 * [image.FACT] says (cb: the block, whose line a default width is at);
 * the cover's and the running header's images. Returns 0. */
int doc_add_image(struct doc *d, const struct config *c,
                  const struct fact *fact, const struct doc_markup *m,
                  const struct config_block *cb);
void doc_add_placed_images(struct doc *d, const struct config *c);
void doc_image_release(struct doc_image *im);
void doc_picture_release(struct doc_picture *p);

/* Frees blocks len.. of d and drops them. */
void doc_truncate(struct doc *d, size_t len);

/* Appends the table block of table fact fact, laid out as the config's
 * [table.NAME] says, tenures counted to as_of, with the rows release r
 * keeps (none: no block); the mark columns do not print. Returns 0, or -1 after
 * reporting a column the CSV lacks or an error in the note's markup.
 * Cells get typographic quotes (m), not markup. */
int doc_add_table(struct doc *d, const struct config *c,
                  const struct fact *fact, const struct doc_markup *m,
                  struct date as_of, struct doc_release *r,
                  struct diag_list *dl);

/* Warns about succession terms after as_of, in every table fact, used
 * or not (see table.c). */
void doc_check_term_dates(const struct config *c, const struct facts *f,
                          struct date as_of, struct diag_list *dl);

/* ---- dates (dates.c) and document control (changes.c) ---- */

/* Where a date prints; each place has its [document] key. */
enum doc_date_place {
	DOC_DATE_COVER,     /* the as-of line of the cover or title block */
	DOC_DATE_HEADER,    /* the running header */
	DOC_DATE_SOURCES,   /* the sources block, snapshots */
	DOC_DATE_TABLE      /* table cells and the record of changes */
};

/* Formats day d (no time) as place p prints dates; own is a table's
 * date_format (DOC_DATE_TABLE; NULL: none). */
void doc_format_day(const struct config *c, enum doc_date_place p,
                    const char *own, struct date d, char *buf, size_t size);

/* The same for a date that may carry a time (the as-of date). */
void doc_format_when(const struct config *c, enum doc_date_place p,
                     const char *own, const struct date_time *t, char *buf,
                     size_t size);

/* Sets d's document-control lines (reference, edition, version) from
 * the config: the cover's and the footer's. */
void doc_set_control(struct doc *d, const struct config *c);

/* Appends the record of changes of changes fact fact: a table of
 * edition, date and change under the changes_title label. Returns 0,
 * or -1 after reporting. */
int doc_add_changes(struct doc *d, const struct config *c,
                    const struct fact *fact, const struct doc_markup *m,
                    struct diag_list *dl);

/* Warns when [document] edition is set and a changes block prints a
 * record that does not list it, or lists a later one. */
void doc_check_edition(const struct config *c, const struct facts *f,
                       struct diag_list *dl);

/* ---- classification (release.c) ---- */

/* What a build has printed so far, for the computed markings, and the
 * release it is for. */
struct doc_release {
	const struct config_classification *cl;
	bool any;               /* a marked part has been kept */
	int level;              /* the highest kept */
	unsigned releasable;    /* the audiences all kept parts share */
	const char *top_name, *top_file;   /* the first part at level */
	int top_line;
};

void doc_release_init(struct doc_release *r, const struct config *c);

/* True when a part marked m may print in this release (no recording). */
bool doc_release_passes(const struct doc_release *r, const struct fact_mark *m);

/* True when the part (fact name, part "item 3" or "", at file:line)
 * marked m may print: then it counts towards the markings. Otherwise
 * it is recorded in d->withheld and must not be copied into d. */
bool doc_release_keep(struct doc *d, struct doc_release *r,
                      const struct fact_mark *m, const char *name,
                      const char *part, const char *file, int line);

/* "(NR) " for level when portion marks are on, else NULL; freed by the
 * caller. */
char *doc_portion(const struct doc_release *r, int level);

/* Puts prefix (may be NULL: nothing) before *text, moving the spans. */
void doc_prefix_rich(char **text, struct doc_rich *rich, const char *prefix);

/* Sets the level of blocks first.. of d (and of their list items) to
 * level. */
void doc_portion_blocks(struct doc *d, size_t first, int level);

/* With portion marks on, puts "(NR) " before the paragraphs, notes,
 * list intros and items of blocks first.. of d, each of its own level.
 * Run after provenance has checked their text against the source. */
void doc_portion_marks(struct doc *d, const struct doc_release *r,
                       size_t first);

/* Once every block exists: portion marks on captions, the computed
 * markings, and the under-marking check against [document] marking.
 * Returns 0, or -1 after reporting under-marking. */
int doc_release_finish(struct doc *d, const struct config *c,
                       const struct doc_release *r, struct diag_list *dl);

/* Frees what release.c put into d. */
void doc_release_free(struct doc *d);
/* ---- fact blocks (fact_blocks.c), what a release prints (withheld.c) ---- */

/* Appends the blocks of fact, which config block cb names, as its kind
 * says: paragraphs, a list, figures, a table, an org chart, a record of
 * changes or an image, with the parts release r keeps. Returns 0, or -1
 * after reporting. */
int doc_add_fact(struct doc *d, const struct config *c,
                 const struct config_block *cb, const struct fact *fact,
                 const struct doc_markup *m, struct date as_of,
                 struct doc_release *r, struct diag_list *dl);

/* True when some of fact f prints in release r. */
bool doc_fact_visible(const struct doc_release *r, const struct fact *f);

/* Per section of c, whether release r leaves it out; freed by the
 * caller. */
bool *doc_sections_dropped(const struct config *c, const struct facts *f,
                           const struct doc_release *r);

/* Reports each required block whose fact release r withholds. */
void doc_check_required(const struct config *c, const struct facts *f,
                        const struct doc_release *r, struct diag_list *dl);

/* ---- provenance (provenance.c) ---- */

struct prov;

/* The checks of one build: fills d->refs from f's sources and checks
 * facts against their snapshots (indexed when first needed). With
 * c->citations, the blocks of each fact get a marker linking to their
 * Sources entry. Free with prov_free(). */
struct prov *prov_new(const struct config *c, const struct facts *f,
                      struct doc *d);

void prov_free(struct prov *p);

/* Checks the blocks first.. of d, which print fact, against the fact's
 * snapshot: each part must be found there, as quote.h says, unless it is
 * a declared departure. Records the claim, sets the blocks' cite and
 * adds citation markers. A part not found is an error naming its file
 * and line and the closest passage. Returns 0 or -1. */
int prov_fact(struct prov *p, struct doc *d, const struct fact *fact,
              size_t first, struct diag_list *dl);

/* Checks item of figures fact as a cover tile prints it (value), as
 * prov_fact() checks a figures block, and records it. Returns 0 or -1. */
int prov_cover_figure(struct prov *p, struct doc *d, const struct fact *fact,
                      size_t item, const char *value, struct diag_list *dl);

/* Once every block is built: the Sources entries get their numbers,
 * snapshot dates and counts of facts when citations are on (an error at
 * the config's citations line when nothing lists the sources). Returns
 * 0 or -1. */
int prov_finish(struct prov *p, struct doc *d, struct diag_list *dl);

/* Frees what d->refs and d->claims hold (model.c's doc_free). */
void doc_provenance_release(struct doc *d);

#endif
