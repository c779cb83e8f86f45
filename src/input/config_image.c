/*
 * config_image.c: the images the config places, and how image facts
 * print.
 *
 *   [cover]  image = crest.png, image_width = 30 mm, image_position
 *   [page]   header_image = logo.png, header_image_height = 6 mm
 *   [image.FACT]  width = 120 mm | 60 %, caption_position
 *
 * A crest or a logo is layout, not a fact: it is named here, relative to
 * the config file that names it, and its header is checked at once
 * (image_probe_file()), so a damaged file is an error at its key's line.
 * An image fact's file is the data's (facts_image.c); only its size and
 * caption place are the config's.
 */
#include "config_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/xalloc.h"

static const char *const places[] = { "left", "centre", "right", NULL };

/* "30 mm", "30mm" or "30" (millimetres, up to 1000) in points, or
 * "60 %" (of the measure, up to 100) as -0.6. */
static bool parse_image_width(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || !isfinite(v) || !(v > 0))
		return false;
	while (*end == ' ')
		end++;
	if (strcmp(end, "%") == 0 && v <= 100) {
		*out = -v / 100;
		return true;
	}
	if ((*end == '\0' || strcmp(end, "mm") == 0) && v <= 1000) {
		*out = v * MM;
		return true;
	}
	return false;
}

/* The width key of s into img (left as it is when absent). */
static void read_width(struct ini_section *s, const char *key, bool share_ok,
                       struct config_image *img, struct diag_list *dl)
{
	struct ini_entry *e = ini_get(s, key);
	double w;

	if (!e)
		return;
	if (!parse_image_width(e->value, &w) || (w < 0 && !share_ok)) {
		diag_error(dl, e->file, e->line, "[%s] %s: '%s' is not a width "
		           "(e.g. '30 mm'%s)", s->name, key, e->value,
		           share_ok ? " or '60 %'" : "");
		return;
	}
	img->width = w;
	free(img->width_file);
	img->width_file = xstrdup(e->file);
	img->width_line = e->line;
}

/* A placed image: its file resolved against the config file that names
 * it, its header checked; a width and a place. */
static void read_placed(struct ini_section *s, const char *key,
                        const char *width_key, const char *place_key,
                        double default_width, bool share_ok,
                        struct config_image *img, struct diag_list *dl)
{
	struct ini_entry *e = s ? ini_get(s, key) : NULL;
	int place = 0;
	char *dir, *what;

	if (!e) {
		/* a size or a place for no image: the image key is missing or
		 * misspelt, which "unknown key" would not say */
		const char *orphans[2] = { width_key, place_key };

		for (int i = 0; s && i < 2; i++) {
			struct ini_entry *o = orphans[i] ? ini_get(s, orphans[i]) : NULL;

			if (o)
				diag_error(dl, o->file, o->line, "[%s] %s: there is no "
				           "%s to place (add %s = FILE)", s->name,
				           orphans[i], key, key);
		}
		return;
	}
	img->width = default_width;
	img->file = xstrdup(e->file);
	img->line = e->line;
	img->width_file = xstrdup(e->file);
	img->width_line = e->line;
	read_width(s, width_key, share_ok, img, dl);
	if (place_key && ini_choice(s, place_key, places, &place, dl) == 1)
		img->place = (enum image_place)place;
	if (!e->value[0]) {
		diag_error(dl, e->file, e->line, "[%s] %s: empty; name a PNG or "
		           "JPEG file", s->name, key);
		return;
	}
	dir = path_dirname(e->file);
	img->path = path_join(dir, e->value);
	free(dir);
	what = xasprintf("[%s] %s", s->name, key);
	image_probe_file(img->path, e->file, e->line, what, &img->info, dl);
	free(what);
}

void config_read_placed_images(struct config *c, const struct ini *ini,
                               struct diag_list *dl)
{
	/* a crest 30 mm wide; a logo 6 mm tall, before the header's title */
	read_placed(ini_find(ini, "cover"), "image", "image_width",
	            "image_position", 30 * MM, true, &c->cover_image, dl);
	read_placed(ini_find(ini, "page"), "header_image", "header_image_height",
	            NULL, 6 * MM, false, &c->header_image, dl);
}

static const char *const image_keys[] = { "width", "caption_position",
                                          NULL };

int config_read_image(struct config *c, struct ini_section *s,
                      struct diag_list *dl)
{
	static const char *const positions[] = { "above", "below", NULL };
	struct config_image *img = &c->images[c->images_len++];
	size_t before = dl->errors;
	int pos = 0;

	memset(img, 0, sizeof *img);
	img->fact = xstrdup(s->name + strlen("image."));
	img->file = xstrdup(s->file);
	img->line = s->line;
	read_width(s, "width", true, img, dl);
	if (ini_choice(s, "caption_position", positions, &pos, dl) == 1)
		img->caption_position = pos == 0 ? CAPTION_ABOVE : CAPTION_BELOW;
	ini_check_unused(s, image_keys, dl);
	return dl->errors > before ? -1 : 0;
}

static void image_release(struct config_image *img)
{
	free(img->fact);
	free(img->path);
	free(img->file);
	free(img->width_file);
}

void config_images_release(struct config *c)
{
	image_release(&c->cover_image);
	image_release(&c->header_image);
	for (size_t i = 0; i < c->images_len; i++)
		image_release(&c->images[i]);
	free(c->images);
}

const struct config_image *config_image_for(const struct config *c,
                                            const char *fact)
{
	for (size_t i = 0; i < c->images_len; i++)
		if (strcmp(c->images[i].fact, fact) == 0)
			return &c->images[i];
	return NULL;
}
