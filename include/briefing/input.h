/*
 * input.h: the two kinds of input, never mixed.
 *
 * config: a config INI file -> struct config, plain validated values. The
 * config says what goes where and how it looks; it holds no facts. Every
 * section and key is checked: an unknown one is an error naming its line,
 * so a typo is never silently ignored.
 *
 * facts: data files -> named, validated facts with their sources. Facts
 * say what is true and where it comes from; they carry no layout. Each
 * fact has a dotted name (kfor.mandate) that config blocks cite.
 */
#ifndef BRIEFING_INPUT_H
#define BRIEFING_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/date.h"
#include "briefing/base/diag.h"
#include "briefing/base/imagefile.h"
#include "briefing/base/pathset.h"
#include "briefing/base/style.h"

struct csvfile;
struct strhash;

/* ---- classification (classification.c; docs/classification.md) ----
 *
 * A scheme is an ordered list of levels, lowest first, each with the
 * banner printed at the top and bottom of a page and the abbreviation
 * of its portion marks, plus the audiences a fact may be releasable to
 * (each a bit of a mask). The config defines it; the facts are read
 * against a copy of it, so an unknown level is an error at its line. */
#define CLASS_MAX_LEVELS 16
#define CLASS_MAX_AUDIENCES 32

struct class_scheme {
	char *banners[CLASS_MAX_LEVELS];   /* "NATO RESTRICTED" */
	char *abbrevs[CLASS_MAX_LEVELS];   /* "NR" */
	size_t len;
	char *audiences[CLASS_MAX_AUDIENCES];   /* "KFOR" */
	size_t audiences_len;
};

/* How one fact, item, row or unit is marked: a level of the scheme and
 * the audiences (bit i: audiences[i]) it is releasable to. */
struct fact_mark {
	int level;
	unsigned releasable;
};

/* The level named name (an abbreviation or a banner, case ignored), or
 * -1. */
int class_level_find(const struct class_scheme *s, const char *name);

/* The audience named name (case ignored), or -1. */
int class_audience_find(const struct class_scheme *s, const char *name);

/* Reads a list of audiences ("KFOR, EUFOR"; "none" for none) into
 * *mask. Returns 0, or -1 after reporting an unknown one at file:line,
 * naming what (the section and key). */
int class_audiences_parse(const struct class_scheme *s, const char *value,
                          unsigned *mask, const char *file, int line,
                          const char *what, struct diag_list *dl);

/* Copies from into to (to is overwritten, not released). */
void class_scheme_copy(struct class_scheme *to, const struct class_scheme *from);

void class_scheme_release(struct class_scheme *s);

/* ---- config ---- */

enum block_kind {
	BLOCK_TEXT,      /* paragraphs of a text fact */
	BLOCK_LIST,      /* a bulleted list fact */
	BLOCK_FIGURES,   /* a key-figures fact as a two-column table */
	BLOCK_TABLE,     /* a table fact read from CSV */
	BLOCK_ORGCHART,  /* an org chart fact, laid out as a tree */
	BLOCK_CHANGES,   /* a changes fact as the record of changes */
	BLOCK_IMAGE,     /* an image fact: a figure with its caption */
	BLOCK_PAGEBREAK, /* start a new page; names no fact (nor do the rest) */
	BLOCK_CONTENTS,  /* the table of contents; names no fact */
	BLOCK_SOURCES,   /* every data file's source; names no fact */
	BLOCK_LIST_OF_FIGURES, /* the captioned figures, with pages; no fact */
	BLOCK_LIST_OF_TABLES   /* the captioned tables, with pages; no fact */
};

/* Where a block's caption goes: as [style] says for its kind, or as its
 * [table.FACT] or [orgchart.FACT] caption_position does. */
enum caption_position { CAPTION_DEFAULT, CAPTION_ABOVE, CAPTION_BELOW };

struct config_block {
	enum block_kind kind;
	char *fact;      /* dotted fact name; NULL for a page break */
	char *file;      /* where the block is named, for diagnostics */
	int line;
	/* N.required = yes (or the section's required = yes): a release
	 * build that withholds this block's fact is an error, not a hole */
	bool required;
};

struct config_section {
	char *id;        /* the part after "section." */
	char *title;
	int level;       /* 1 or 2 */
	bool numbered;   /* false: no number, not in the contents */
	/* start and orientation, resolved (config_geometry.c): the section's
	 * own keys, or [page] section_start / subsection_start, and a
	 * level-2 section stands as its level-1 section does */
	enum page_start start;
	enum page_orient orient;
	char *file;      /* the file the section is written in, for its line */
	int line;
	struct config_block *blocks;
	size_t len, cap;
};

/* ALIGN_AUTO: right for a column of numbers, left otherwise. */
enum column_align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER, ALIGN_AUTO };

/* How one column of a table block looks. width: > 0 a fixed width in
 * points, 0 automatic (from content), < 0 a proportional share (-1 = 1*). */
struct config_column {
	char *field;     /* CSV header name, or "tenure" (computed) */
	char *title;
	enum column_align align;
	double width;
	char *file;
	int line;
};

struct config_table {
	char *fact;
	char *date_format;   /* a pattern or alias (base/date.h); NULL: unset */
	char *caption;
	struct config_column *columns;
	size_t len, cap;
	int line;
	/* the caption key's place (for the model's warnings) and where the
	 * caption goes */
	char *caption_file;
	int caption_line;
	enum caption_position caption_position;
	char *file;          /* the section's file */
};

/* [orgchart.FACT]: how the orgchart blocks of a fact print; today only
 * their caption. */
struct config_orgchart {
	char *fact;
	char *caption;       /* NULL: none */
	char *caption_file;
	int caption_line;
	enum caption_position caption_position;
	char *file;          /* the section's file and line */
	int line;
};

/* An image the config places, or how an image fact prints
 * (config_image.c). width > 0 is in points, < 0 a share of the measure
 * (-0.6: 60 %), 0 the default. file:line is where the image, or the
 * [image.FACT] section, is named; width_file:width_line the width's key
 * (the config's file and 0 when it is the default). */
enum image_place { IMAGE_LEFT, IMAGE_CENTRE, IMAGE_RIGHT };

struct config_image {
	char *fact;              /* [image.FACT]; NULL for a config image */
	char *path;              /* a config image's file, resolved; NULL: none */
	struct image_info info;  /* its checked header */
	double width;
	enum image_place place;
	enum caption_position caption_position;
	char *file;
	int line;
	char *width_file;
	int width_line;
};

/* A key figure shown on the cover: item `number` of figures fact `fact`. */
struct config_cover_figure {
	char *fact;
	int number;
	char *file;
	int line;
};

/* [classification]: the scheme, how markings print, and the release
 * the build is for (release_level -1: none; release_to -1: any). */
struct config_classification {
	struct class_scheme scheme;
	bool portion_marks;    /* "(NR)" before paragraphs, items, captions */
	bool page_banners;     /* each page's banner: its own highest level */
	char *caveat_format;   /* "RELEASABLE TO %s" */
	int release_level;
	int release_to;
	char *file;            /* where the section is, or the config */
	int line;
};

struct config {
	char *file;            /* path as given */
	/* [document] */
	char *title, *subtitle, *author, *subject, *keywords;
	char *organisation;    /* issuing organisation; may be NULL */
	char *marking;         /* [document] marking as written; NULL if not */
	int marking_level;     /* its level, the under-marking check; -1 */
	char *marking_file;    /* where it is written */
	int marking_line;
	struct config_classification classification;
	char *as_of;           /* YYYY-MM-DD */
	/* as_of with its time of day and zone when it gives one
	 * (2018-11-29T13:53Z), for the date-time group (config_dates.c) */
	struct date_time as_of_time;
	/* [document] date_format and the places that override it: a pattern
	 * or alias each (base/date.h), checked; NULL: the place's default */
	char *date_format, *cover_date_format, *header_date_format;
	char *sources_date_format;
	/* document control: NULL when not set; where edition is written,
	 * for the warning when no changes fact lists it */
	char *reference, *edition, *version;
	char *edition_file;
	int edition_line;
	double max_source_age; /* days; a source older than this warns; 0: off */
	bool allow_bidi;       /* bidi control characters allowed in values */
	char **link_schemes;   /* schemes a link may use, lower case */
	size_t link_schemes_len;
	bool smart_quotes;     /* straight quotes in facts become ’ “ ” */
	/* citations = yes: each block printing a fact ends in a marker
	 * ([1]) linking to the Sources entry of its source */
	bool citations;
	int citations_line;    /* 0 when not set */
	/* [cover]: a cover page when present */
	bool cover;
	struct config_cover_figure *cover_figures;
	size_t cover_figures_len;
	/* [cover] image: a crest or logo above the title; [page]
	 * header_image: a logo in every running header (path NULL: none) */
	struct config_image cover_image, header_image;
	/* [image.FACT] sections */
	struct config_image *images;
	size_t images_len;
	/* [data] files, resolved against the config's directory, and the
	 * file and line of the key that names each, for messages */
	char **data_files;
	char **data_ref_files;
	int *data_lines;
	size_t data_len;
	/* Every file the config was read from: itself first, then each file
	 * it includes, so a build can refuse to write over any of them. */
	char **files;
	size_t files_len;
	/* [fonts]: a file path (resolved) or a fontconfig name */
	char *fonts[FACE_COUNT];
	char *font_files[FACE_COUNT];   /* where each was set, for diagnostics */
	int font_lines[FACE_COUNT];
	struct style style;
	struct config_section *sections;
	size_t sections_len;
	/* [page] section_start and subsection_start: where sections of
	 * level 1 and 2 start unless their own start says */
	enum page_start section_start, subsection_start;
	struct config_table *tables;
	size_t tables_len;
	struct config_orgchart *orgcharts;   /* [orgchart.FACT] sections */
	size_t orgcharts_len;
	/* every per-fact section ([table.FACT], [orgchart.FACT], ...), in
	 * file order, for the check that a block prints its fact */
	struct config_fact_section *fact_sections;
	size_t fact_sections_len;
	/* [document] language and [hyphenation] (config_hyphen.c) */
	char *language;         /* "en-GB" (the default) */
	char *language_file;    /* where it is set, or the config's file */
	int language_line;      /* 0 when it is the default */
	bool hyphenate;         /* [hyphenation] enabled */
	char **hyphen_exceptions;   /* as written: "Pris-tina", "NATO" */
	size_t hyphen_exceptions_len;
	int hyphen_left_min, hyphen_right_min;
	bool hyphen_capitals;   /* words with a capital may be hyphenated */
};

/* Parses config text buf[0..len) named name. Relative paths inside it are
 * resolved against the directory of name. The caller frees the result with
 * config_free(). Returns NULL after reporting every error found. */
struct config *config_parse(const char *buf, size_t len, const char *name,
                            struct diag_list *dl);

/* Reads and parses the config file at path. */
struct config *config_load(const char *path, struct diag_list *dl);

/* The command line's overrides: each "SECTION.KEY=VALUE" (-D), laid over
 * the config after every file, in order (docs/config.md, "Setting keys
 * from the command line"). Diagnostics about one name it as the file
 * "-D SECTION.KEY=VALUE". */
struct config_defines {
	const char *const *items;
	size_t len;
};

/* config_parse() and config_load() with the overrides of defs (NULL:
 * none). */
struct config *config_parse_defines(const char *buf, size_t len,
                                    const char *name,
                                    const struct config_defines *defs,
                                    struct diag_list *dl);
struct config *config_load_defines(const char *path,
                                   const struct config_defines *defs,
                                   struct diag_list *dl);

void config_free(struct config *c);

/* The table settings for a fact, or NULL when the config has none. */
const struct config_table *config_table_for(const struct config *c,
                                            const char *fact);

/* Sets the release the build is for, as --release-level and
 * --releasable-to say (either may be NULL: the config's stays): level
 * and audience are names of the config's scheme. Returns 0, or -1 after
 * reporting an unknown name. */
int config_set_release(struct config *c, const char *level,
                       const char *audience, struct diag_list *dl);

/* The [image.FACT] settings for a fact, or NULL when there are none. */
const struct config_image *config_image_for(const struct config *c,
                                            const char *fact);

/* The [orgchart.FACT] settings for a fact, or NULL when there are none. */
const struct config_orgchart *config_orgchart_for(const struct config *c,
                                                  const char *fact);

/* ---- facts ---- */

enum fact_kind { FACT_TEXT, FACT_LIST, FACT_FIGURES, FACT_TABLE,
                 FACT_ORGCHART, FACT_CHANGES, FACT_IMAGE };

/* One entry of a changes fact (facts_changes.c): "2 | 2018-11-29 |
 * Commander table updated", in key order, oldest first. */
struct fact_change {
	char *edition;  /* valid: values_edition_valid() */
	struct date date;
	char *text;
	int line;
};

/* What a unit of an org chart is; config maps each to a box style. */
enum unit_kind { UNIT_COMMAND, UNIT_STAFF, UNIT_UNIT, UNIT_SUPPORT };

/* One box of an org chart, from section [CHART.ID]. */
struct fact_unit {
	char *id;
	char *name;
	char *detail;     /* second line (location or role); may be NULL */
	char *parent_id;  /* NULL for the root */
	int parent;       /* index in units, -1 for the root */
	enum unit_kind kind;
	int line;
	struct fact_mark mark;   /* classification = NR, releasable = ... */
};

struct fact_source {
	char *file;     /* the data file */
	char *title;
	char *url;      /* may be NULL */
	struct date updated;
	/* the file's [classification] level and releasable: the default
	 * mark of its facts, and the mark of its entry among the sources */
	struct fact_mark mark;
	/* [source] snapshot: the page's text as it was read, a file named
	 * relative to the data file (path resolved here), checked as text
	 * (UTF-8, no NUL or control character but tab and line ends; a
	 * byte-order mark removed), and the day it was read ([source]
	 * retrieved). NULL, 0 when the source has no snapshot: its facts
	 * cannot be checked against it. */
	char *snapshot;
	char *snapshot_text;
	size_t snapshot_len;
	int snapshot_line;      /* the line of the snapshot key */
	struct date retrieved;
};

/* A paragraph, a list item or a key figure. */
struct fact_item {
	char *text;     /* paragraph or item text; a figure's label */
	char *value;    /* a figure's value; NULL otherwise */
	int level;      /* list items: 0, or 1 for a sub-item */
	int number;     /* its key in the data file: 3 for "3" and "3.1" */
	int minor;      /* 1 for "3.1"; 0 for an item */
	int line;       /* where it is written */
	struct fact_mark mark;   /* the fact's, or classification.N's */
};

/* A declared departure from the source: what part of a fact is not
 * written as the source writes it, and why (docs/data-format.md,
 * "Verbatim facts and departures"). part is "" for the whole fact
 * (verbatim = no, departure = "..."), an item key ("1", "2.1"),
 * "intro", "note", or a table column's name (departure.KEY = "..."). */
struct fact_departure {
	char *part;
	char *reason;
	int line;
};

/* A code used in a table column and what it stands for ("A" = "Army"). */
struct fact_code {
	char *field;
	char *code;
	char *meaning;
};

struct fact {
	char *name;
	enum fact_kind kind;
	char *file;
	int line;
	char *intro;    /* list: lead-in sentence; may be NULL */
	char *note;     /* table: note printed under it; may be NULL */
	int intro_line, note_line;   /* where each is written */
	struct fact_item *items;
	size_t len;
	struct csvfile *table;   /* FACT_TABLE only */
	bool succession;         /* rows are consecutive terms (from, to) */
	struct fact_code *codes; /* FACT_TABLE: codes.FIELD = "A = Army, ..." */
	size_t codes_len;
	struct fact_unit *units; /* FACT_ORGCHART, in file order */
	size_t units_len;
	struct fact_change *changes;   /* FACT_CHANGES, oldest first */
	size_t changes_len;
	/* FACT_TEXT written in a Markdown file (key file = "x.md"): the
	 * file's path, its text (checked: UTF-8, no NUL or other control
	 * character but tab and line ends; a byte-order mark removed) and
	 * the INI line naming it. The model parses its paragraphs and lists
	 * (doc_markup_file()). NULL, 0 when the paragraphs are INI keys. */
	char *text_file;
	char *markdown;
	size_t markdown_len;
	int file_line;
	/* Departures from the source, in file order; every other part is
	 * a quotation to check against the source's snapshot. A table may
	 * name a CSV column giving each row's departure (departure_column;
	 * an empty cell: the row is quoted), which is not printed by
	 * default. NULL, 0 when none. */
	struct fact_departure *departures;
	size_t departures_len;
	char *departure_column;
	/* FACT_IMAGE (facts_image.c): a map or photo. image_file is the
	 * file (resolved against the data file; its line is file_line),
	 * image what its checked header says, caption the caption's text
	 * (NULL: none), alt the text a screen reader says instead, credit
	 * the line printed under it ("Map: UNMIK GIS Centre"; NULL: none). */
	char *image_file;
	struct image_info image;
	char *caption, *alt, *credit;
	int caption_line;
	const struct fact_source *source;
	/* the fact's own mark: its file's, or its classification and
	 * releasable keys; a table's rows may have their own (row_marks,
	 * from the columns the fact's classification_column and
	 * releasable_column name, which do not print) */
	struct fact_mark mark;
	struct fact_mark *row_marks;   /* FACT_TABLE: one per row */
	int mark_column, releasable_column;   /* -1: none */
};

struct facts {
	struct fact *items;
	size_t len, cap;
	struct fact_source **sources;   /* one per data file, in load order */
	size_t sources_len, sources_cap;
	/* What values may hold: by default no bidi controls, and links with
	 * the schemes http, https and mailto only. facts_configure() takes
	 * the config's [document] allow_bidi and link_schemes. */
	bool allow_bidi;
	char **link_schemes;
	size_t link_schemes_len;
	struct class_scheme scheme;     /* the config's, or NATO's */
	/* Every file the store read or tried to read, in that order: each
	 * data file, then the CSV and Markdown files it names. A file that
	 * could not be read is listed too: it is still an input to wait for
	 * (input_files()). */
	struct path_set files;
	struct strhash *index;          /* private: name -> index in items */
};

/* Empty fact store with the default checks; free with facts_free(). */
struct facts *facts_new(void);

/* Applies c's value checks ([document] allow_bidi, link_schemes) and its
 * classification scheme to the data files parsed into f from now on. */
void facts_configure(struct facts *f, const struct config *c);

/* Parses one data file's text buf[0..len) named name into f. CSV files a
 * table names are read relative to name's directory. Reports every error;
 * returns 0 or -1. A fact name already present is an error naming both. */
int facts_parse(struct facts *f, const char *buf, size_t len,
                const char *name, struct diag_list *dl);

/* Reads the data file at path and parses it into f. */
int facts_load(struct facts *f, const char *path, struct diag_list *dl);

/* facts_load() for a data file a config line names: a file that cannot
 * be read is reported at ref_file:ref_line (see file_read_at()). */
int facts_load_at(struct facts *f, const char *path, const char *ref_file,
                  int ref_line, struct diag_list *dl);

void facts_free(struct facts *f);

/* The fact called name, or NULL. */
const struct fact *facts_find(const struct facts *f, const char *name);

/* The reason part of fact departs from its source, or NULL when it is a
 * quotation: part as in struct fact_departure ("" asks about the whole
 * fact). A whole-fact departure answers for every part. */
const char *fact_departure(const struct fact *fact, const char *part);

/* The name of the kind, for messages ("text", "list", ...). */
const char *fact_kind_name(enum fact_kind k);

/* Checks that uri is a link target f allows (the config's link_schemes;
 * no blanks or control characters), as [source] url is checked. what
 * names the place for the message ("link"). Returns 0, or -1 after
 * reporting at file:line. */
int facts_check_link(const struct facts *f, const char *uri,
                     const char *file, int line, const char *what,
                     struct diag_list *dl);

/* The closest fact name to name, for "did you mean", or NULL. */
const char *facts_suggest(const struct facts *f, const char *name);

/* A per-fact section as written: [KIND.FACT], the block kind that
 * prints FACT and the fact kind it must be (config_factsec.c lists the
 * kinds). kind is static ("table"). */
struct config_fact_section {
	const char *kind;
	enum block_kind block;
	enum fact_kind fact_kind;
	char *fact;
	char *file;
	int line;
};

/* The closest name to name among the facts of kind kind (-1: any), for
 * "did you mean", or NULL. */
const char *facts_suggest_kind(const struct facts *f, const char *name,
                               int kind);

/* ---- the files a build reads (inputs.c) ---- */

/* Adds to set the input files of config c and facts f, either of which
 * may be NULL (a build that stopped early): the config and every file it
 * includes, then every data file and the CSV and Markdown files it names
 * (read or not, see struct facts). A config font that is a path
 * (not a fontconfig pattern) is added too, for when the fonts could not be loaded;
 * the resolved font files are fonts_path()'s and the hyphenation
 * patterns hyphen_path()'s, which the caller adds. The same set serves
 * the refusal of an output that is an input, depfiles and watch mode. */
void input_files(const struct config *c, const struct facts *f,
                 struct path_set *set);

/* ---- a table fact's cells (facts_table.c) ----
 *
 * The model reads a FACT_TABLE through these, so no other module sees the
 * CSV reader. Rows are data rows (header excluded), 0-based; columns are
 * in header order. Each takes a FACT_TABLE fact. */

/* The CSV file the table was read from, for messages. */
const char *fact_table_file(const struct fact *t);

size_t fact_table_rows(const struct fact *t);
size_t fact_table_columns(const struct fact *t);

/* The header name of column col. */
const char *fact_table_header(const struct fact *t, size_t col);

/* The index of the column named name, or -1. */
int fact_table_column(const struct fact *t, const char *name);

/* The text of the cell at (row, col); "" for an empty field. */
const char *fact_table_cell(const struct fact *t, size_t row, size_t col);

/* The CSV line on which data row row starts. */
int fact_table_row_line(const struct fact *t, size_t row);

#endif
