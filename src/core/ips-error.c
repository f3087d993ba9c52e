/* ips-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ips-error.h"

G_DEFINE_QUARK (ips-error-quark, ips_error)
