/*
 * ini.h: INI files with line numbers, in iniparser 4.1's dialect.
 *
 * iniparser gives values but forgets where they came from, merges repeated
 * sections, lets a repeated key win silently, crashes on some names and
 * takes time quadratic in the number of keys (its dictionary searches
 * every entry on each insert). This module reads the same dialect itself:
 * it scans the text once (line numbers, duplicates, UTF-8, NUL bytes,
 * quotes, names iniparser cannot hold), computes each value exactly as
 * iniparser 4.1 would (tests/test_ini.c checks that against iniparser),
 * and exposes sections and keys in file order with their lines, found
 * through hash tables.
 */
#ifndef BRIEFING_INI_H
#define BRIEFING_INI_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/base/diag.h"
#include "strhash.h"

/* iniparser cannot read a logical line of 1024 bytes or more; we refuse
 * anything over this, with the line number. */
#define INI_MAX_LINE 1000

struct ini_entry {
	const char *file;  /* the file it was written in (owned by struct ini) */
	char *key;    /* lower-cased, as iniparser stores it */
	char *value;  /* as iniparser returns it: unquoted, trimmed */
	char *raw;    /* the text after '=', until ini_values() has read it */
	int line;
	bool used;    /* set by ini_get(); ini_check_unused() reports the rest */
	bool command_line;   /* from -D: a relative path is the cwd's */
};

struct ini_section {
	const char *file;  /* the file it was first written in */
	char *name;   /* lower-cased */
	int line;
	struct ini_entry *entries;
	size_t len, cap;
	struct strhash index;   /* key -> index in entries */
};

struct ini {
	char *file;   /* the name diagnostics use */
	struct ini_section *sections;
	size_t len, cap;
	struct strhash index;   /* name -> index of its first section */
	/* The "include = FILE" lines before the first section, in file
	 * order. Only config files may include another; ini itself just
	 * records them. */
	char **includes;
	int *include_lines;
	size_t includes_len;
	/* every file name entries point to (file first), freed with the ini */
	char **files;
	size_t files_len;
};

/* Parses buf[0..len) named name (used in diagnostics). The caller frees
 * the result with ini_free(). Returns NULL after reporting errors. */
struct ini *ini_parse(const char *buf, size_t len, const char *name,
                      struct diag_list *dl);

void ini_free(struct ini *ini);

/* Lays overlay over base: each key of overlay replaces base's key of the
 * same section and name, or is added; sections only in overlay are added
 * at the end. Entries keep the file and line they were written at.
 * Consumes overlay. */
void ini_merge(struct ini *base, struct ini *overlay);

/* Removes the entry key from s, if it has one. */
void ini_remove(struct ini_section *s, const char *key);

/* The section called name, or NULL. */
struct ini_section *ini_find(const struct ini *ini, const char *name);

/* The entry key of section s (s may be NULL), or NULL. Marks it used. */
struct ini_entry *ini_get(struct ini_section *s, const char *key);

/* The value of key in s, or NULL when absent. Marks it used. */
const char *ini_value(struct ini_section *s, const char *key);

/* Reports every entry of s that no ini_get() asked for as an unknown key,
 * suggesting the closest of the allowed keys when one is near. The allowed
 * list ends with NULL. Returns 0 or -1. */
int ini_check_unused(const struct ini_section *s,
                     const char *const *allowed, struct diag_list *dl);

/* Reports key as missing from section s. Returns -1. */
int ini_missing(const struct ini_section *s,
                const char *key, struct diag_list *dl);

/* Typed reads. Each returns 1 when the key is present and valid (storing
 * *out), 0 when absent (leaving *out alone), -1 after reporting a bad
 * value naming file, line, section and key. */
int ini_number(struct ini_section *s, const char *key,
               double min, double max, double *out, struct diag_list *dl);
int ini_bool(struct ini_section *s, const char *key,
             bool *out, struct diag_list *dl);
/* choices ends with NULL; *out gets the index of the match. */
int ini_choice(struct ini_section *s, const char *key,
               const char *const *choices, int *out, struct diag_list *dl);

/* A numbered key: "3" (major 3, minor 0) or "3.1" (an item under 3). */
struct ini_numbered {
	struct ini_entry *entry;
	int major, minor;
};

/* Collects the entries of s whose keys are numbers ("1", "2", "2.1"),
 * marks them used and returns them sorted by number in a new array of
 * *count items that the caller frees with free(). Gaps are allowed, so
 * items can be inserted without renumbering. Two keys of one number
 * ("2" and "02") are an error naming both lines; both stay in the array,
 * so the caller goes on checking them. */
struct ini_numbered *ini_numbered(struct ini_section *s, size_t *count,
                                  struct diag_list *dl);

/* Internal to ini.c and ini_scan.c. The line of byte off of buf, where
 * a line ends at LF, CR LF or a lone CR. */
int ini_line_of(const char *buf, size_t off);

/* An empty ini named name, for ini_scan(); free with ini_free(). */
struct ini *ini_new(const char *name);

/* Scans buf[0..len) into ini's sections and entries, with their values
 * as the scan reads them and their lines, reporting what iniparser would
 * mangle. Returns 0 or -1. */
int ini_scan(struct ini *ini, const char *buf, size_t len,
             struct diag_list *dl);

/* Replaces each entry's value with the one iniparser 4.1 reads from the
 * same line (ini_values.c), in batches that keep the cost linear. Frees
 * every raw. Returns 0 or -1. */
int ini_values(struct ini *ini, struct diag_list *dl);

/* Reads text[0..len), "key = value", as a line of section `section`
 * (added to ini when it has none) at line `line` would be read: the same
 * quoting, comments and checks. For values that come from no file (the
 * command line's -D); call ini_values() after. Returns 0 or -1. */
int ini_scan_entry(struct ini *ini, const char *section, const char *text,
                   size_t len, int line, struct diag_list *dl);

/* The edit distance of two short strings, for "did you mean" hints. */
size_t ini_edit_distance(const char *a, const char *b);

/* The closest of candidates (NULL-terminated) to word, or NULL if none is
 * within a third of its length. */
const char *ini_suggest(const char *word, const char *const *candidates);

#endif
