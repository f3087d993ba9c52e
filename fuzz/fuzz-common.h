/* fuzz-common.h: what every fuzz target shares
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true it
 * is linked with libFuzzer; otherwise fuzz-replay.c gives it a main() that
 * feeds it every file of its checked-in corpus, as an ordinary test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "ips-form-catalog.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The shipped forms, loaded once; warnings and criticals abort, so that a
 * g_return_if_fail() reached by hostile input counts as a crash. */
IpsFormCatalog *fuzz_catalog (void);
