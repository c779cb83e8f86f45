/*
 * facts_source.c: a data file's [source] section (title, url, updated,
 * and the snapshot of the page as it was read) and its [classification],
 * the mark its facts carry unless they say otherwise.
 *
 * Separate from facts.c because a source is not a fact: it is read once
 * per file, before the facts that point at it, and owns the only input
 * file a data file names that is never printed (the snapshot).
 */
#define _POSIX_C_SOURCE 200809L
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"
#include "values.h"

static const char *const source_keys[] = { "title", "url", "updated",
                                            "snapshot", "retrieved", NULL };

/* [source] snapshot = FILE, retrieved = DATE: the text of the page as it
 * was read, relative to the data file, and the day it was read, which
 * cannot come before the page's last update. Each needs the other. A
 * snapshot is never printed, so bidi controls in it are harmless. */
static void read_snapshot(const struct ini *ini, struct ini_section *s,
                          struct fact_source *src, bool updated_ok,
                          struct diag_list *dl)
{
	struct ini_entry *snap = ini_get(s, "snapshot");
	struct ini_entry *ret = ini_get(s, "retrieved");
	char *dir, *buf = NULL, why[120];
	size_t len = 0;

	if (!snap && !ret)
		return;
	if (!snap || !snap->value[0]) {
		diag_error(dl, ini->file, snap ? snap->line : ret->line,
		           "[source] %s: a retrieved date needs a snapshot "
		           "(snapshot = FILE, the page's text as read)",
		           snap ? "snapshot" : "retrieved");
		return;
	}
	if (!ret) {
		diag_error(dl, ini->file, snap->line, "[source] snapshot: say when "
		           "the page was read (retrieved = YYYY-MM-DD)");
		return;
	}
	if (!date_parse_why(ret->value, &src->retrieved, why, sizeof why)) {
		diag_error(dl, ini->file, ret->line, "[source] retrieved: '%s' is "
		           "not a date (YYYY-MM-DD): %s", ret->value, why);
		return;
	}
	if (updated_ok && date_cmp(src->retrieved, src->updated) < 0) {
		diag_error(dl, ini->file, ret->line, "[source] retrieved: %s is "
		           "before the page's last update (updated); a snapshot "
		           "cannot be older than the page", ret->value);
		return;
	}
	dir = path_dirname(ini->file);
	src->snapshot = path_join(dir, snap->value);
	free(dir);
	src->snapshot_line = snap->line;
	if (file_read_at(src->snapshot, ini->file, snap->line, &buf, &len,
	                 dl) != 0)
		return;
	if (facts_check_text(buf, len, src->snapshot, true,
	                     "a snapshot is text", dl) != 0) {
		free(buf);
		return;
	}
	facts_drop_bom(buf, &len);
	if (len == 0) {
		free(buf);
		diag_error(dl, ini->file, snap->line, "[source] snapshot: '%s' is "
		           "empty; it holds the page's text", src->snapshot);
		return;
	}
	src->snapshot_text = buf;
	src->snapshot_len = len;
}

struct fact_source *facts_read_source(const struct facts *f,
                                      const struct ini *ini,
                                      struct diag_list *dl)
{
	struct ini_section *s = ini_find(ini, "source");
	struct fact_source *src;
	struct ini_entry *e;
	const char *v;
	bool updated_ok = false;
	char why[120];

	if (!s) {
		diag_error(dl, ini->file, 0, "missing [source] section (title, url, "
		           "updated): every data file names its source");
		return NULL;
	}
	src = xcalloc(1, sizeof *src);
	src->file = xstrdup(ini->file);
	v = ini_value(s, "title");
	if (v && v[0])
		src->title = xstrdup(v);
	else
		ini_missing(s, "title", dl);
	e = ini_get(s, "url");
	if (e && e->value[0] &&
	    values_check_link(e->value, f->link_schemes, f->link_schemes_len,
	                      e->file, e->line, "[source] url", dl) == 0)
		src->url = xstrdup(e->value);
	e = ini_get(s, "updated");
	if (!e)
		ini_missing(s, "updated", dl);
	else if (!(updated_ok = date_parse_why(e->value, &src->updated, why,
	                                       sizeof why)))
		diag_error(dl, ini->file, e->line, "[source] updated: '%s' is not a "
		           "date (YYYY-MM-DD): %s", e->value, why);
	read_snapshot(ini, s, src, updated_ok, dl);
	ini_check_unused(s, source_keys, dl);
	/* [classification] level and releasable: what the file's facts are
	 * marked unless they say otherwise */
	s = ini_find(ini, "classification");
	if (s) {
		static const char *const keys[] = { "level", "releasable", NULL };

		facts_read_mark(f, s, "level", "releasable", &src->mark, dl);
		ini_check_unused(s, keys, dl);
	}
	return src;
}
