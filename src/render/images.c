/*
 * images.c: PNG and JPEG images as image XObjects, each file loaded once
 * and named in the resources every page inherits ("Im1", ...).
 *
 * The file is read and checked again here (image_probe()), not only when
 * the facts or the config were read: it may have changed since, and
 * libpng, under libharu, aborts the process on data it cannot decode.
 * libharu then loads the very bytes that were checked, from memory.
 */
#include "render/render_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/base/fileio.h"
#include "briefing/base/imagefile.h"
#include "briefing/base/xalloc.h"

#include <hpdf_objects.h>

/* libharu's image of the checked bytes buf[0..len), named what in
 * messages; NULL after reporting. */
static HPDF_Image load_bytes_as_image(struct render *r, const char *buf,
                                      size_t len, const char *what,
                                      struct diag_list *dl)
{
	struct image_info info;
	char why[160];
	HPDF_Image img;

	if (image_probe((const unsigned char *)buf, len, &info, why,
	                sizeof why) != 0) {
		diag_error(dl, what, 0, "%s", why);
		return NULL;
	}
	if (info.format == IMAGE_PNG) {
		/* only the chunks libharu draws: libpng fails a load on an
		 * ancillary chunk it dislikes (a zero gamma, a bad profile) */
		size_t n;
		unsigned char *png = image_png_essentials((const unsigned char *)buf,
		                                          len, &n);

		img = HPDF_LoadPngImageFromMem(r->pdf, png, (HPDF_UINT)n);
		free(png);
	} else {
		img = HPDF_LoadJpegImageFromMem(r->pdf, (const HPDF_BYTE *)buf,
		                                (HPDF_UINT)len);
	}
	/* libharu deflates the colours of a PNG but writes its alpha
	 * channel's soft mask raw: 30 KB for a 300 x 100 logo */
	if (img && !render_haru_failed(r)) {
		HPDF_Dict smask = HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT);

		if (smask)
			smask->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_ResetError(r->pdf);   /* a lookup that finds none sets it */
	}
	if (!img || render_haru_failed(r)) {
		char *msg = xasprintf("cannot load image '%s'", what);

		render_haru_error(r, dl, msg);
		free(msg);
		return NULL;
	}
	return img;
}

static HPDF_Image load(struct render *r, const char *path,
                       struct diag_list *dl)
{
	char *buf;
	size_t len;
	HPDF_Image img;

	if (file_read(path, &buf, &len, dl) != 0)
		return NULL;
	img = load_bytes_as_image(r, buf, len, path, dl);
	free(buf);
	return img;
}

static void on_scratch_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                             void *user_data)
{
	struct render_error *e = user_data;

	if (e->error_no == HPDF_OK) {
		e->error_no = error_no;
		e->detail_no = detail_no;
	}
}

int render_image_bytes(const unsigned char *data, size_t len,
                       const char *name, struct diag_list *dl)
{
	struct render r;
	HPDF_Image img;

	memset(&r, 0, sizeof r);
	r.pdf = HPDF_New(on_scratch_error, &r.err);
	if (!r.pdf)
		return diag_error(dl, NULL, 0, "cannot set up a pdf document");
	img = load_bytes_as_image(&r, (const char *)data, len, name, dl);
	HPDF_Free(r.pdf);
	return img ? 0 : -1;
}

const char *render_image_get(struct render *r, const char *path,
                             struct diag_list *dl)
{
	struct render_image *im;
	HPDF_Image img;

	for (size_t i = 0; i < r->nimages; i++)
		if (strcmp(r->images[i].path, path) == 0)
			return r->images[i].name;
	if (!r->xobjects) {
		r->xobjects = HPDF_Dict_New(r->pdf->mmgr);
		if (!r->xobjects ||
		    HPDF_Dict_Add(r->resources, "XObject", r->xobjects) != HPDF_OK) {
			render_haru_error(r, dl, "cannot make the xobject resources");
			return NULL;
		}
	}
	img = load(r, path, dl);
	if (!img)
		return NULL;
	r->images = xgrow(r->images, &r->images_cap, r->nimages + 1,
	                  sizeof *r->images);
	im = &r->images[r->nimages++];
	im->path = xstrdup(path);
	snprintf(im->name, sizeof im->name, "Im%zu", r->nimages);
	if (HPDF_Dict_Add(r->xobjects, im->name, img) != HPDF_OK) {
		render_haru_error(r, dl, "cannot name an image in the resources");
		return NULL;
	}
	return im->name;
}

void render_images_release(struct render *r)
{
	for (size_t i = 0; i < r->nimages; i++)
		free(r->images[i].path);
	free(r->images);
	r->images = NULL;
	r->nimages = r->images_cap = 0;
}
