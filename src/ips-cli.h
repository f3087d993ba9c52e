/* ips-cli.h: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether argv names a command (new, check, export, import, report). */
gboolean ips_cli_is_command (int    argc,
                             char **argv);
int      ips_cli_run        (int    argc,
                             char **argv);

G_END_DECLS
