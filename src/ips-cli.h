/* ips-cli.h: the command line's words and help, on the C library alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdbool.h>

/* Whether argv names a command (new, check, export, import, report). */
bool     ips_cli_is_command (int    argc,
                             char **argv);
int      ips_cli_run        (int    argc,
                             char **argv);
/* "--help", "-h" or "help": the commands and how to open the window. */
bool     ips_cli_is_help    (int    argc,
                             char **argv);
int      ips_cli_print_help (void);
/* A first word that is neither a command nor a file to open. */
bool     ips_cli_is_unknown_command     (int         argc,
                                         char      **argv);
int      ips_cli_report_unknown_command (const char *word);
/* The path of one of the program's own files (the window, the commands'
 * module): beside the running executable if it is there, as in the build
 * tree, otherwise in installed_dir. */
char    *ips_cli_find_file              (const char *name,
                                         const char *installed_dir);
