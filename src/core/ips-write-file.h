/* ips-write-file.h: write an export whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces @path with @contents, mode 0600, through a temporary file in the
 * same folder that is synced and renamed; on failure nothing is left and
 * @error (IPS_ERROR: NOT_FOUND, NO_SPACE or WRITE_FAILED) says why in words
 * that name @path and its folder. */
gboolean ips_write_file (const char  *path,
                         GBytes      *contents,
                         GError     **error);

G_END_DECLS
