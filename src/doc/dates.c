/*
 * dates.c: which pattern each place prints its dates in, so that the
 * cover, the running header, tables, the sources and the record of
 * changes all go through one pattern language (base/date.h) and one
 * set of month names (the [labels]).
 *
 * A place's own key wins, then [document] date_format, then the form
 * the place always had (long; iso in tables), so a config that sets
 * none prints as before.
 */
#include "doc_internal.h"

static const char *pattern_for(const struct config *c, enum doc_date_place p,
                               const char *own)
{
	static const char *const keys_default[] = {
		[DOC_DATE_COVER] = "long", [DOC_DATE_HEADER] = "long",
		[DOC_DATE_SOURCES] = "long", [DOC_DATE_TABLE] = "iso",
	};
	const char *place = p == DOC_DATE_COVER    ? c->cover_date_format
	                  : p == DOC_DATE_HEADER   ? c->header_date_format
	                  : p == DOC_DATE_SOURCES  ? c->sources_date_format
	                  : own;

	if (place)
		return place;
	return c->date_format ? c->date_format : keys_default[p];
}

void doc_format_day(const struct config *c, enum doc_date_place p,
                    const char *own, struct date d, char *buf, size_t size)
{
	struct date_time t = { d, false, 0, 0, 'Z' };

	doc_format_when(c, p, own, &t, buf, size);
}

void doc_format_when(const struct config *c, enum doc_date_place p,
                     const char *own, const struct date_time *t, char *buf,
                     size_t size)
{
	const struct labels *l = &c->style.labels;
	struct date_names names = { l->month_names, l->month_short };

	date_format_time(t, pattern_for(c, p, own), &names, buf, size);
}
