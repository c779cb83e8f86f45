/*
 * date_internal.h: what date.c and date_pattern.c share. Private to
 * src/base/.
 */
#ifndef BRIEFING_BASE_DATE_INTERNAL_H
#define BRIEFING_BASE_DATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the reason something is refused into why when there is room
 * (why may be NULL); returns false, for "return date_refuse(...)". */
bool date_refuse(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
