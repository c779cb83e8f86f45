/*
 * values.c: checks on values that no single key's reader owns: hidden
 * reordering characters, and which link targets may reach the PDF.
 */
#include "values.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "briefing/base/utf8.h"

uint32_t values_bidi(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;

		/* Every such character starts with 0xE2: skip the rest fast. */
		if ((unsigned char)s[i] != 0xE2) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return 0;   /* input was validated; be safe anyway */
		if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
			return cp;
		i += n;
	}
	return 0;
}

int values_check_bidi(const struct ini *ini, struct diag_list *dl)
{
	int rc = 0;

	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_section *s = &ini->sections[i];

		for (size_t j = 0; j < s->len; j++) {
			const struct ini_entry *e = &s->entries[j];
			uint32_t cp = values_bidi(e->value);

			if (cp)
				rc = diag_error(dl, e->file, e->line, "[%s] %s: "
				                "bidirectional control character U+%04X "
				                "in the value; set [document] allow_bidi = "
				                "yes in the config to allow it", s->name,
				                e->key, (unsigned)cp);
		}
	}
	return rc;
}

bool values_scheme_valid(const char *s, size_t len)
{
	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	                  (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
			return false;
	}
	return true;
}

int values_check_link(const char *uri, char *const *schemes, size_t n,
                      const char *file, int line, const char *what,
                      struct diag_list *dl)
{
	const char *colon = strchr(uri, ':');
	size_t len = colon ? (size_t)(colon - uri) : 0;
	char allowed[256] = "";
	size_t used = 0;

	for (const char *c = uri; *c; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7F)
			return diag_error(dl, file, line, "%s: '%s' has a blank or "
			                  "control character at byte %zu; a link "
			                  "cannot", what, uri, (size_t)(c - uri) + 1);
	for (size_t i = 0; i < n; i++) {
		if (len && strlen(schemes[i]) == len &&
		    strncasecmp(uri, schemes[i], len) == 0)
			return 0;
		if (used < sizeof allowed)
			used += (size_t)snprintf(allowed + used, sizeof allowed - used,
			                         "%s%s", i ? ", " : "", schemes[i]);
	}
	if (!colon || !values_scheme_valid(uri, len))
		return diag_error(dl, file, line, "%s: '%s' has no scheme; a link "
		                  "needs one of: %s ([document] link_schemes)", what,
		                  uri, n ? allowed : "(none allowed)");
	return diag_error(dl, file, line, "%s: scheme '%.*s' is not allowed in "
	                  "links; allowed: %s ([document] link_schemes)", what,
	                  (int)len, uri, n ? allowed : "(none)");
}

bool values_edition_valid(const char *s)
{
	size_t n = strlen(s);

	if (n >= 1 && n <= 4 && strspn(s, "0123456789") == n)
		return s[0] != '0';
	return n >= 1 && n <= 2 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n;
}

int values_edition_cmp(const char *a, const char *b)
{
	bool na = a[0] >= '0' && a[0] <= '9', nb = b[0] >= '0' && b[0] <= '9';
	size_t la = strlen(a), lb = strlen(b);
	int c;

	if (na != nb)
		return 2;
	/* numbers without leading zeros and letters alike: the shorter is
	 * the smaller, then the order of their characters */
	if (la != lb)
		return la < lb ? -1 : 1;
	c = strcmp(a, b);
	return (c > 0) - (c < 0);
}
