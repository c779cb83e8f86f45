/*
 * fuzz_config.c: libFuzzer harness for config_parse().
 *
 * Any input must come back as a config or NULL with diagnostics, without
 * a crash, a leak or undefined behaviour.
 */
#define _POSIX_C_SOURCE 200809L
#include "briefing/input.h"

#include "fuzz.h"

FUZZ_PARSER(config_parse, config_free, "briefing.ini")
