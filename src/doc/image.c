/*
 * image.c: image blocks (a map or photo fact, a figure numbered with the
 * org charts) and the images the config places (the cover's crest, the
 * running header's logo).
 *
 * The model copies the checked file name and pixel size, the width as
 * the config sets it and where it sets it, so layout can size the image
 * and warn at that line when it would print below 150 dpi.
 */
#include <stdlib.h>
#include <string.h>

#include "briefing/base/xalloc.h"
#include "doc_internal.h"

static void set_picture(struct doc *d, struct doc_picture *p,
                        const char *path, const struct image_info *info,
                        double width, enum image_place place,
                        const char *file, int line)
{
	p->path = xstrdup(path);
	p->px_width = info->width;
	p->px_height = info->height;
	p->width = width;
	p->place = place == IMAGE_CENTRE ? DOC_PLACE_CENTRE
	         : place == IMAGE_RIGHT ? DOC_PLACE_RIGHT : DOC_PLACE_LEFT;
	p->origin.file = doc_intern(d, file);
	p->origin.line = line;
}

void doc_add_placed_images(struct doc *d, const struct config *c)
{
	const struct config_image *ci = &c->cover_image, *hi = &c->header_image;

	if (ci->path)
		set_picture(d, &d->cover_image, ci->path, &ci->info, ci->width,
		            ci->place, ci->width_file, ci->width_line);
	if (hi->path)
		set_picture(d, &d->header_image, hi->path, &hi->info, hi->width,
		            hi->place, hi->width_file, hi->width_line);
}

int doc_add_image(struct doc *d, const struct config *c,
                  const struct fact *fact, const struct doc_markup *m,
                  const struct config_block *cb)
{
	const struct config_image *ci = config_image_for(c, fact->name);
	struct doc_block *b = doc_append(d, DOC_IMAGE, fact->file, fact->line);
	struct doc_image *im = &b->u.image;

	b->level = fact->mark.level;
	im->name = xstrdup(fact->name);
	/* the width's line, or the block's when it is the default */
	set_picture(d, &im->pic, fact->image_file, &fact->image,
	            ci ? ci->width : 0, IMAGE_CENTRE,
	            ci && ci->width_file ? ci->width_file : cb->file,
	            ci && ci->width_file ? ci->width_line : cb->line);
	if (fact->caption) {
		char *text = doc_markup_plain(m, fact->caption);

		doc_set_caption(d, &im->cap, text, fact->file, fact->caption_line,
		                ci ? ci->caption_position : CAPTION_DEFAULT,
		                c->style.figure_caption_below);
		free(text);
	}
	im->alt = fact->alt ? doc_markup_plain(m, fact->alt) : NULL;
	im->credit = fact->credit ? doc_markup_plain(m, fact->credit) : NULL;
	return 0;
}

void doc_picture_release(struct doc_picture *p)
{
	free(p->path);
	p->path = NULL;
}

void doc_image_release(struct doc_image *im)
{
	free(im->name);
	doc_picture_release(&im->pic);
	free(im->caption);
	free(im->cap.text);
	free(im->alt);
	free(im->credit);
}

const struct doc_caption *doc_block_caption(const struct doc_block *b,
                                            const char **printed)
{
	const struct doc_caption *c;
	const char *p;

	switch (b->kind) {
	case DOC_TABLE:
		c = &b->u.table.cap;
		p = b->u.table.caption;
		break;
	case DOC_ORGCHART:
		c = &b->u.orgchart.cap;
		p = b->u.orgchart.caption;
		break;
	case DOC_IMAGE:
		c = &b->u.image.cap;
		p = b->u.image.caption;
		break;
	default:
		return NULL;
	}
	if (printed)
		*printed = p;
	return c;
}
