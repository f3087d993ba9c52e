/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ips-application.h"
#include "ips-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(IpsApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (ips_cli_is_command (argc, argv))
    return ips_cli_run (argc, argv);

  app = ips_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
