/*
 * facts_image.c: image facts, a map or a photo with its source.
 *
 *   [kfor.map]
 *   type = image
 *   file = kfor-map.png
 *   caption = KFOR area of responsibility
 *   alt = Map of Kosovo with the five KFOR regions
 *   credit = Map: KFOR Public Affairs
 *
 * An image is a fact because what it shows is true or not, as a table
 * is: it comes from the data file's [source]. How wide it prints is the
 * config's ([image.FACT] width). The file's header is checked here
 * (image_probe_file()), so a damaged or unsupported image is an error at
 * the file key's line before anything is laid out, and render only ever
 * loads a file that was checked (it checks again what it reads).
 */
#include "facts_internal.h"

#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

/* A text key of the image: NULL when absent; empty is an error, as an
 * empty caption is a mistake, not a wish for none. */
static int read_text(struct ini_section *s, const struct ini *ini,
                     const char *key, char **out, int *line,
                     struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);

	*out = NULL;
	if (!e)
		return 0;
	if (line)
		*line = e->line;
	if (!e->value[0])
		return diag_error(dl, ini->file, e->line, "[%s] %s: empty; leave "
		                  "the key out for none", s->name, key);
	*out = xstrdup(e->value);
	return 0;
}

int facts_read_image(struct facts *f, const struct ini *ini,
                     struct ini_section *s, struct fact *fact,
                     struct diag_list *dl)
{
	static const char *const keys[] = {
		"type", "file", "caption", "alt", "credit", "classification",
		"releasable", NULL
	};
	struct ini_entry *file = ini_get(s, "file");
	char *dir, *what;
	int rc = 0;

	rc |= read_text(s, ini, "caption", &fact->caption, &fact->caption_line,
	                dl);
	rc |= read_text(s, ini, "alt", &fact->alt, NULL, dl);
	rc |= read_text(s, ini, "credit", &fact->credit, NULL, dl);
	if (ini_check_unused(s, keys, dl) != 0)
		rc = -1;
	if (!file)
		return ini_missing(s, "file", dl);
	if (!file->value[0])
		return diag_error(dl, ini->file, file->line, "[%s] file: empty; "
		                  "name a PNG or JPEG file", s->name);
	if (!fact->caption && !fact->alt)
		rc = diag_error(dl, ini->file, s->line, "[%s]: an image needs a "
		                "caption or an alt text (what it shows, for a "
		                "reader who cannot see it)", s->name);
	dir = path_dirname(ini->file);
	fact->image_file = path_join(dir, file->value);
	free(dir);
	fact->file_line = file->line;
	/* an input even when it cannot be read: watch mode waits for it */
	path_set_add(&f->files, fact->image_file);
	what = xasprintf("[%s] file", s->name);
	if (image_probe_file(fact->image_file, ini->file, file->line, what,
	                     &fact->image, dl) != 0)
		rc = -1;
	free(what);
	return rc;
}
