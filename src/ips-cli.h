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
/* "--help", "-h" or "help": the commands and how to open the window. */
gboolean ips_cli_is_help    (int    argc,
                             char **argv);
int      ips_cli_print_help (void);
/* A first word that is neither a command nor a file to open. */
gboolean ips_cli_is_unknown_command     (int         argc,
                                         char      **argv);
int      ips_cli_report_unknown_command (const char *word);

G_END_DECLS
