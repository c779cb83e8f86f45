/*
 * config_internal.h: what the parts of the config reader share.
 *
 * config.c reads the fixed sections and drives the rest; config_style.c
 * reads [style] and config_labels.c [labels]; config_sections.c reads
 * [section.NAME] and [table.FACT]. Each reader reports every error it
 * finds and returns 0 or -1.
 */
#ifndef BRIEFING_INPUT_CONFIG_INTERNAL_H
#define BRIEFING_INPUT_CONFIG_INTERNAL_H

#include "briefing/input.h"
#include "ini.h"

#define MM (72.0 / 25.4)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A copy of an optional string value, or NULL when absent or empty. */
char *config_opt_string(struct ini_section *s, const char *key);

/* As config_opt_string(), reporting a missing key. */
char *config_req_string(struct ini_section *s, const char *key,
                        struct diag_list *dl);

/* The config named name (text buf[0..len)), its includes and the -D
 * overrides of defs (may be NULL), merged in the order they apply
 * (config_layers.c). files gets every file read, in the order read.
 * The caller frees the result with ini_free(). Returns NULL after
 * reporting. */
struct ini *config_read_layers(const char *buf, size_t len, const char *name,
                               const struct config_defines *defs,
                               struct path_set *files, struct diag_list *dl);

/* The directory a relative path in e's value is relative to: its file's,
 * or the current directory for a -D. The caller frees it. */
char *config_entry_dir(const struct ini_entry *e);

int config_read_style(struct config *c, const struct ini *ini,
                      struct diag_list *dl);
int config_read_labels(struct config *c, const struct ini *ini,
                       struct diag_list *dl);
/* Every label at its default and English month names
 * (config_labels.c); style_default() calls it. */
void config_labels_default(struct labels *l);

/* [document] as_of, the date patterns and document control
 * (config_dates.c); release frees what read set. */
void config_read_dates(struct config *c, struct ini_section *s,
                       struct diag_list *dl);
void config_release_dates(struct config *c);

/* [document] language and [hyphenation] (config_hyphen.c). */
int config_read_hyphenation(struct config *c, const struct ini *ini,
                            struct diag_list *dl);
void config_hyphenation_release(struct config *c);

/* Page geometry (config_geometry.c): [page] size and orientation into
 * st; [page] section_start and subsection_start into c; a section's
 * start and orientation into sec, resolved against those and the
 * level-1 section before it. Each returns 0 or -1. */
int config_page_size(struct ini_section *s, struct style *st,
                     struct diag_list *dl);
int config_page_starts(struct config *c, struct ini_section *s,
                       struct diag_list *dl);
int config_section_geometry(struct config *c, struct ini_section *s,
                            struct config_section *sec, struct diag_list *dl);

/* s is a [section.NAME]: appends to c->sections. */
int config_read_section(struct config *c, struct ini_section *s,
                        struct diag_list *dl);
/* s is a [table.FACT]: appends to c->tables. */
int config_read_table(struct config *c, struct ini_section *s,
                      struct diag_list *dl);
/* s is an [orgchart.FACT]: appends to c->orgcharts. */
int config_read_orgchart(struct config *c, struct ini_section *s,
                         struct diag_list *dl);

/* Records every per-fact section of ini in c->fact_sections
 * (config_factsec.c, which lists the kinds); and releases them. */
void config_record_fact_sections(struct config *c, const struct ini *ini);
void config_fact_sections_release(struct config *c);
/* Warns about each [section.NAME] that would print only its title. */
void config_warn_empty_sections(const struct config *c, const struct ini *ini,
                                struct diag_list *dl);
/* [cover] image and image_width, [page] header_image and
 * header_image_height, before [cover] and [page] check their keys; and
 * one [image.FACT] section (config_image.c). */
void config_read_placed_images(struct config *c, const struct ini *ini,
                               struct diag_list *dl);
int config_read_image(struct config *c, struct ini_section *s,
                      struct diag_list *dl);
void config_images_release(struct config *c);

/* [classification] (classification.c): the scheme (NATO's when the
 * section lists no levels), and the level [document] marking names. */
int config_read_classification(struct config *c, const struct ini *ini,
                               struct diag_list *dl);
void config_classification_release(struct config *c);

/* NATO's five levels, lowest first. */
void class_scheme_default(struct class_scheme *s);

#endif
