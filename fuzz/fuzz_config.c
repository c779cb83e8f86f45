/*
 * fuzz_config.c: libFuzzer harness for config_parse().
 *
 * Any input must come back as a config or NULL with diagnostics, without
 * a crash, a leak or undefined behaviour.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/input.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };

	config_free(config_parse((const char *)data, size,
	                         fuzz_name("briefing.ini"), &dl));
	diag_release(&dl);
	return 0;
}
