/* main.c: ips-caseload, the command line and the way to the window
 *
 * The commands need no display, so this executable does not link GTK:
 * loading GTK's libraries (bound at load time) cost as many instructions as
 * the whole ODT export. With no command it runs the window,
 * ips-caseload-gui, found beside it in the build tree and in libexecdir once
 * installed, with the same arguments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <unistd.h>

#include "ips-cli.h"

#define GUI_NAME "ips-caseload-gui"

static int
run_window (char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir ? g_build_filename (dir, GUI_NAME, NULL) : NULL;
  const char *gui = beside && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE)
                      ? beside : LIBEXECDIR G_DIR_SEPARATOR_S GUI_NAME;

  /* argv[0] stays "ips-caseload": it names the program to the desktop. */
  execv (gui, argv);
  g_printerr ("%s: %s\n", gui, g_strerror (errno));
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
