/*
 * fuzz_csv.c: libFuzzer harness for csvfile_parse().
 *
 * Any input must come back as a table or NULL with diagnostics, without
 * a crash, a leak or undefined behaviour.
 */
#define _POSIX_C_SOURCE 200809L
#include "input/csvfile.h"

#include "fuzz.h"

FUZZ_PARSER(csvfile_parse, csvfile_free, "table.csv")
