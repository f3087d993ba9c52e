/* ips-cli-commands.h: the commands, a module ips-caseload loads when given one
 *
 * Each takes the arguments from the command's name on (argv[0] is the name)
 * and returns the process's exit status. The module exports these alone
 * (ips-cli-commands.map).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

typedef int (*IpsCliCommandFunc) (int    argc,
                                  char **argv);

int ips_cli_command_new    (int argc, char **argv);
int ips_cli_command_check  (int argc, char **argv);
int ips_cli_command_export (int argc, char **argv);
int ips_cli_command_import (int argc, char **argv);
int ips_cli_command_report (int argc, char **argv);
