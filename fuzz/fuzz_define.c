/*
 * fuzz_define.c: libFuzzer harness for the command line's -D overrides.
 *
 * The input is a list of -D values separated by NUL bytes (a command
 * line's arguments cannot hold one), laid over a small fixed config with
 * sections of dotted names. Any input must come back as a config or NULL
 * with diagnostics, without a crash, a leak or undefined behaviour.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/input.h"

#include "fuzz.h"

#define MAX_DEFINES 8

static const char config[] =
	"[document]\ntitle = T\nmarking = \"NATO UNCLASSIFIED\"\n"
	"as_of = 2018-11-29\n[data]\nm = m.ini\n"
	"[section.a]\ntitle = A\n1 = text m.summary\n2 = list m.list\n"
	"[section.a.b]\ntitle = B\nlevel = 2\n1 = table m.t\n"
	"[table.m.t]\n1 = name\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	char *copy = malloc(size + 1);
	const char *items[MAX_DEFINES];
	struct config_defines defs = { items, 0 };

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (size_t at = 0; at <= size && defs.len < MAX_DEFINES;) {
		items[defs.len++] = copy + at;
		at += strlen(copy + at) + 1;
	}
	config_free(config_parse_defines(config, sizeof config - 1,
	                                 fuzz_name("briefing.ini"), &defs, &dl));
	diag_release(&dl);
	free(copy);
	return 0;
}
