/* ips-cli-commands.c: the commands, loaded by ips-caseload when one is given
 *
 * Each command prints one line naming the file and the problem on failure,
 * exits non-zero, and leaves no output file behind. File names are printed
 * only as the user gave them; client names are never printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <stdio.h>

#include "ips-caseload-figures.h"
#include "ips-caseload-scan.h"
#include "ips-cli-commands.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-fidelity.h"
#include "ips-file-lock.h"
#include "ips-form-catalog.h"
#include "ips-odt-export.h"
#include "ips-xml-export.h"
#include "ips-xml-import.h"
#include "ips-write-file.h"

static int
fail (const char   *file,
      const GError *error)
{
  if (file != NULL)
    g_printerr ("ips-caseload: %s: %s\n", file, error->message);
  else
    g_printerr ("ips-caseload: %s\n", error->message);
  return 1;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("ips-caseload: %s\n", message);
  g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return 2;
}

/* Every command starts here: argv[0] is its name, which its help and its
 * messages give as "ips-caseload NAME". */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("ips-caseload %s", (*argv)[0]);

  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The form definitions, for as long as the process runs. A command runs
 * once and exits; freeing the thousand small objects of the definitions
 * just before exit cost 2% of an export's instructions, for memory the
 * system takes back at once. */
static IpsFormCatalog *
load_catalog (void)
{
  static IpsFormCatalog *catalog;
  g_autoptr(GError) error = NULL;

  if (catalog != NULL)
    return catalog;

  catalog = ips_form_catalog_new_default (&error);
  /* The forms are built in; failing here is a bug in the build. */
  if (catalog == NULL)
    g_error ("The built-in forms do not load: %s", error->message);
  return catalog;
}

int
ips_cli_command_new (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— create an empty client file"));
  IpsFormCatalog *catalog;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The new client file"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (output == NULL || argc != 1)
    return usage_error (context, _("new needs -o FILE and nothing else"));

  catalog = load_catalog ();
  file = ips_client_file_create (output, catalog, &error);
  if (file == NULL)
    return fail (output, error);
  return 0;
}

int
ips_cli_command_check (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — check a client file"));
  IpsFormCatalog *catalog;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *user = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GDateTime) since = NULL;
  gboolean ok;
  int status = 0;
  int version;

  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("check needs one FILE"));

  catalog = load_catalog ();
  file = ips_client_file_open (argv[1], catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  if (file == NULL)
    return fail (argv[1], error);

  version = ips_client_file_get_schema_version (file);
  if (version > IPS_CLIENT_FILE_SCHEMA_VERSION)
    g_print (_("Schema version: %d (newer than this program: read-only)\n"), version);
  else
    g_print (_("Schema version: %d\n"), version);

  ok = ips_client_file_check_integrity (file, &report, &error);
  if (error != NULL)
    return fail (argv[1], error);
  g_print (_("Integrity: %s\n"), ok ? _("ok") : report);

  if (ips_file_lock_probe (argv[1], &user, &host, &since))
    {
      g_autofree char *when = NULL;

      if (since != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (since);
          when = g_date_time_format (local, "%Y-%m-%d %H:%M");
        }
      g_print (_("Lock: open on %s by %s since %s\n"),
               host ? host : "?", user ? user : "?", when ? when : "?");
    }
  else
    g_print (_("Lock: not open elsewhere\n"));

  if (!ok)
    {
      g_printerr ("ips-caseload: %s: %s\n", argv[1], _("The file is damaged"));
      return 1;
    }
  return 0;
}

int
ips_cli_command_export (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — export a client record"));
  IpsFormCatalog *catalog;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *form = NULL;
  g_autofree char *output = NULL;
  gboolean with_history = FALSE;
  gboolean employer_copy = FALSE;
  int status = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("odt or xml"), N_("FORMAT") },
    { "form", 0, 0, G_OPTION_ARG_STRING, &form, N_("Export only this form"), N_("NAME") },
    { "with-history", 0, 0, G_OPTION_ARG_NONE, &with_history, N_("Include every recorded change (XML)"), NULL },
    { "employer-copy", 0, 0, G_OPTION_ARG_NONE, &employer_copy, N_("Only the parts the client shares with an employer (ODT)"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("OUT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL)
    return usage_error (context, _("export needs one FILE and -o OUT"));
  if (g_strcmp0 (format, "xml") != 0 && g_strcmp0 (format, "odt") != 0)
    return usage_error (context, _("--format must be odt or xml"));

  catalog = load_catalog ();
  if (form != NULL && ips_form_catalog_lookup (catalog, form) == NULL)
    {
      g_set_error (&error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM, _("There is no form called “%s”"), form);
      return fail (NULL, error);
    }

  file = ips_client_file_open (argv[1], catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  if (file == NULL)
    return fail (argv[1], error);

  if (g_strcmp0 (format, "xml") == 0)
    {
      g_autoptr(GBytes) bytes = ips_xml_export (file, form,
                                                with_history ? IPS_XML_EXPORT_HISTORY : IPS_XML_EXPORT_DEFAULT,
                                                &error);

      if (bytes == NULL)
        return fail (argv[1], error);
      if (!ips_write_file (output, bytes, &error))
        return fail (output, error);
    }
  else if (!ips_odt_export_to_file (file, form,
                                    employer_copy ? IPS_ODT_EXPORT_EMPLOYER_COPY : IPS_ODT_EXPORT_DEFAULT,
                                    output, &error))
    return fail (output, error);

  return 0;
}

int
ips_cli_command_import (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.xml — make a client file from an XML export"));
  IpsFormCatalog *catalog;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *output = NULL;
  int status = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The new client file"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || output == NULL)
    return usage_error (context, _("import needs one FILE.xml and -o FILE"));

  if (g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_set_error (&error, IPS_ERROR, IPS_ERROR_UNREADABLE, _("This is a folder, not an XML file"));
      return fail (argv[1], error);
    }
  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    return fail (argv[1], error);
  bytes = g_mapped_file_get_bytes (mapped);

  catalog = load_catalog ();
  file = ips_xml_import (bytes, output, catalog, &error);
  if (file == NULL)
    {
      /* Say which file is at fault: an existing output, or the XML. */
      return fail (g_error_matches (error, IPS_ERROR, IPS_ERROR_EXISTS) ? output : argv[1], error);
    }
  return 0;
}

/* A date option: unset leaves @date as it is; a bad one is a usage error. */
static gboolean
parse_date_option (const char *option,
                   const char *text,
                   GDate      *date,
                   char      **message)
{
  GDate parsed;

  if (text == NULL)
    return TRUE;
  parsed = ips_date_parse (text);
  if (!g_date_valid (&parsed))
    {
      *message = g_strdup_printf (_("%s needs a date written YYYY-MM-DD, not “%s”"), option, text);
      return FALSE;
    }
  *date = parsed;
  return TRUE;
}

static char *
report_text (const IpsCaseloadFigures *figures,
             GPtrArray                *items)
{
  g_auto(GStrv) lines = ips_caseload_figures_to_lines (figures);
  g_auto(GStrv) fidelity = ips_fidelity_to_lines (items);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (text, "%s\n", lines[i]);
  g_string_append_c (text, '\n');
  for (guint i = 0; fidelity[i]; i++)
    g_string_append_printf (text, "%s\n", fidelity[i]);
  return g_string_free (text, FALSE);
}

static char *
report_csv (const IpsCaseloadFigures *figures,
            GPtrArray                *items)
{
  g_autoptr(GPtrArray) rows = ips_caseload_figures_list (figures);
  g_autoptr(GPtrArray) fidelity = ips_fidelity_list_figures (items);

  for (guint i = 0; i < fidelity->len; i++)
    g_ptr_array_add (rows, ips_figure_copy (g_ptr_array_index (fidelity, i)));
  return ips_figures_to_csv (rows);
}

int
ips_cli_command_report (int    argc,
                        char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FOLDER — caseload figures over a folder of client files"));
  IpsFormCatalog *catalog;
  g_autoptr(IpsCaseloadScan) scan = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(IpsCaseloadFigures) figures = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *message = NULL;
  g_autofree char *report = NULL;
  GDate today, from, to;
  gboolean csv;
  int status = 0;
  const GOptionEntry entries_options[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period (default: 12 months before its end)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period (default: the --as-of day)"), N_("YYYY-MM-DD") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of, N_("Work the figures out as they stood on this day (default: today)"), N_("YYYY-MM-DD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or csv (default: text)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to this file instead of the terminal"), N_("OUT") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries_options, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error (context, _("report needs one FOLDER"));
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "csv") != 0)
    return usage_error (context, _("--format must be text or csv"));
  csv = g_strcmp0 (format, "csv") == 0;

  today = ips_date_today ();
  if (!parse_date_option ("--as-of", as_of, &today, &message))
    return usage_error (context, message);
  to = today;
  if (!parse_date_option ("--to", to_text, &to, &message))
    return usage_error (context, message);
  from = to;
  g_date_subtract_years (&from, 1);
  g_date_add_days (&from, 1);
  if (!parse_date_option ("--from", from_text, &from, &message))
    return usage_error (context, message);
  if (g_date_compare (&to, &today) > 0)
    return usage_error (context, as_of ? _("--to cannot be after --as-of: records after that day are not counted")
                                       : _("--to cannot be after today"));
  if (g_date_compare (&from, &to) > 0)
    return usage_error (context, _("--from cannot be after --to"));

  catalog = load_catalog ();
  scan = ips_caseload_scan_new (catalog);
  entries = ips_caseload_scan_run (scan, argv[1], &today, NULL, &error);
  if (entries == NULL)
    return fail (argv[1], error);

  /* Figures only: no client names, and no names of the unreadable files. */
  figures = ips_caseload_figures_compute_for_period (entries, &today, &from, &to, &error);
  if (figures == NULL)
    return fail (NULL, error);
  items = ips_fidelity_score (figures);
  report = csv ? report_csv (figures, items) : report_text (figures, items);

  if (output != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (report, strlen (report));

      if (!ips_write_file (output, bytes, &error))
        return fail (output, error);
    }
  else
    {
      fputs (report, stdout);
      fflush (stdout);
    }
  return 0;
}

