/*
 * fuzz_facts.c: libFuzzer harness for facts_parse().
 *
 * Any input must be parsed into the store or refused with diagnostics,
 * without a crash, a leak or undefined behaviour. A table fact's CSV file
 * is looked up in the empty scratch directory, so it is never found; the
 * CSV parser has its own harness.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/input.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct facts *f = facts_new();

	facts_parse(f, (const char *)data, size, fuzz_name("facts.ini"), &dl);
	facts_free(f);
	diag_release(&dl);
	return 0;
}
