/*
 * fuzz_csv.c: libFuzzer harness for csvfile_parse().
 *
 * Any input must come back as a table or NULL with diagnostics, without
 * a crash, a leak or undefined behaviour.
 */
#define _POSIX_C_SOURCE 200809L
#include "input/csvfile.h"

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };

	csvfile_free(csvfile_parse((const char *)data, size,
	                           fuzz_name("table.csv"), &dl));
	diag_release(&dl);
	return 0;
}
