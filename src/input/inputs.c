/*
 * inputs.c: the files a build reads, as far as input knows them.
 *
 * The order is the order of reading (config, includes, data files, the
 * tables and texts each names), so depfiles and summaries come out the
 * same from run to run.
 */
#include "briefing/input.h"

#include <string.h>

/* fontfind_resolve()'s test: a path contains '/' or ends in ".ttf"; any
 * other value is a fontconfig pattern. */
static bool is_font_path(const char *v)
{
	size_t n = strlen(v);

	return strchr(v, '/') || (n >= 4 && strcmp(v + n - 4, ".ttf") == 0);
}

void input_files(const struct config *c, const struct facts *f,
                 struct path_set *set)
{
	if (c) {
		for (size_t i = 0; i < c->files_len; i++)
			path_set_add(set, c->files[i]);
		for (size_t i = 0; i < c->data_len; i++)
			path_set_add(set, c->data_files[i]);
		/* the crest and the logo; an image fact's file is the facts' */
		if (c->cover_image.path)
			path_set_add(set, c->cover_image.path);
		if (c->header_image.path)
			path_set_add(set, c->header_image.path);
	}
	if (f)
		path_set_merge(set, &f->files);
	/* A font named by path; once fonts load, fonts_path() names the
	 * file of every face, fontconfig's choices included. */
	for (int i = 0; c && i < FACE_COUNT; i++)
		if (c->fonts[i] && is_font_path(c->fonts[i]))
			path_set_add(set, c->fonts[i]);
}
