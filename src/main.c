/* main.c: ips-caseload, the command line and the way to the window
 *
 * The commands need no display, so this executable does not link GTK:
 * loading GTK's libraries (bound at load time) cost as many instructions as
 * the whole ODT export. Nor does it link what the commands need: they are a
 * module it loads when given one. With no command it runs the window,
 * ips-caseload-gui, found beside it in the build tree and in libexecdir once
 * installed, with the same arguments, having loaded no more than the C
 * library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ips-cli.h"

#define GUI_NAME "ips-caseload-gui"

static int
run_window (char **argv)
{
  char *gui = ips_cli_find_file (GUI_NAME, LIBEXECDIR);

  /* argv[0] stays "ips-caseload": it names the program to the desktop. */
  execv (gui, argv);
  fprintf (stderr, "%s: %s\n", gui, strerror (errno));
  free (gui);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (ips_cli_is_command (argc, argv))
    return ips_cli_run (argc, argv);
  if (ips_cli_is_help (argc, argv))
    return ips_cli_print_help ();
  if (ips_cli_is_unknown_command (argc, argv))
    return ips_cli_report_unknown_command (argv[1]);
  return run_window (argv);
}
