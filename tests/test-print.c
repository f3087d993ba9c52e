/* test-print.c: printing a record to PDF, as the window's print command does
 *
 * The PDF's text is read back with pdftotext (poppler-utils, in
 * build-aux/deps.sh); without it those checks report a visible skip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

#include "ips-client-file.h"
#include "ips-document-layout.h"
#include "ips-error.h"
#include "ips-print-operation.h"
#include "ips-test-util.h"
#include "ips-window.h"
#include "ips-xml-import.h"

/* The page's printable height (A4 less two margins of 2 cm), and the gap
 * kept above the footer, in points. */
#define A4_HEIGHT 841.89
#define MARGIN 56.69
#define FOOTER_GAP 11.34

typedef struct
{
  char           *dir;
  IpsFormCatalog *catalog;
  IpsClientFile  *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = ips_test_make_dir ();
  f->catalog = ips_test_catalog ();
  path = g_build_filename (f->dir, "John.ipsclient", NULL);
  f->file = ips_xml_import (xml, path, f->catalog, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ips_client_file_close (f->file);
  g_object_unref (f->file);
  g_object_unref (f->catalog);
  ips_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* A copy to look at, beside the window's screenshots (a build artefact). */
static void
keep_copy (const char *path,
           const char *name)
{
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *keep = g_build_filename (out_dir, name, NULL);
  g_autoptr(GBytes) pdf = ips_test_read_bytes (path);

  g_mkdir_with_parents (out_dir, 0755);
  g_file_set_contents (keep, g_bytes_get_data (pdf, NULL), (gssize)g_bytes_get_size (pdf), NULL);
  g_test_message ("wrote %s", keep);
}

static char *
print_pdf (Fixture    *f,
           const char *form_id,
           const char *name,
           guint      *n_pages)
{
  g_autoptr(IpsPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  operation = ips_print_operation_new (f->file, form_id, &error);
  g_assert_no_error (error);
  /* the job name shows in print queues: never the client's name */
  g_object_get (operation, "job-name", &job_name, NULL);
  g_assert_null (strstr (job_name, "John"));

  ips_print_operation_export_pdf (operation, path, &error);
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = ips_print_operation_get_n_pages_laid_out (operation);
  return path;
}

static guint
count_pages (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page[^s]", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  g_regex_match_full (regex, data, (gssize)size, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      n++;
      g_match_info_next (match, NULL);
    }
  return n;
}

/* The PDF's text, or NULL (and the test skipped) without pdftotext. */
static char *
pdf_text (const char *path,
          gboolean    bbox)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  if (program == NULL)
    {
      g_test_skip ("pdftotext is not installed (poppler-utils): the PDF's text was not checked");
      return NULL;
    }
  {
    const char *argv[] = { program, bbox ? "-bbox" : "-raw", path, "-", NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdftotext failed for %s: %s", path, err);
  return out;
}

/* Text laid out in columns may wrap anywhere, with a hyphen inside a word:
 * compare with white space and hyphens removed. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* The text without the page footers, which fall between the lines of an
 * answer that runs over a page. */
static char *
squeeze_body (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    if (!g_str_has_prefix (lines[i], PACKAGE_NAME " " PACKAGE_VERSION " · "))
      g_string_append (body, lines[i]);
  return squeeze (body->str);
}

static void
assert_has_text (const char *squeezed,
                 const char *text)
{
  g_autofree char *want = squeeze (text);

  if (strstr (squeezed, want) == NULL)
    g_error ("the printed text lacks “%s”", text);
}

static void
test_whole_record (Fixture       *f,
                   gconstpointer  data)
{
  guint laid_out = 0;
  g_autofree char *path = print_pdf (f, NULL, "record.pdf", &laid_out);
  g_autoptr(GBytes) pdf = ips_test_read_bytes (path);
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  guint n_forms = ips_form_catalog_get_n_forms (f->catalog);

  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  g_assert_cmpuint (ips_test_file_mode (path), ==, 0600);
  /* each form starts a page */
  g_assert_cmpuint (count_pages (pdf), >=, n_forms);
  g_assert_cmpuint (count_pages (pdf), ==, laid_out);
  /* nothing left behind beside it */
  {
    g_autofree char *names = ips_test_list_dir (f->dir);

    g_assert_null (strstr (names, ".print-"));
  }

  keep_copy (path, "print-record.pdf");

  text = pdf_text (path, FALSE);
  if (text == NULL)
    return;
  squeezed = squeeze (text);
  for (guint i = 0; i < n_forms; i++)
    assert_has_text (squeezed, ips_form_definition_get_title (ips_form_catalog_get_form (f->catalog, i)));
  /* answers, a row of a table, a point of the decision balance, a ticked option */
  assert_has_text (squeezed, "John");
  assert_has_text (squeezed, "He has an ambition to leave home.");
  assert_has_text (squeezed, "Another school");
  assert_has_text (squeezed, "☑ Return to paid employment");
  assert_has_text (squeezed, "IPS Caseload");
  /* every long answer in full, in tables too (the example has no markup in them) */
  {
    g_autofree char *body = squeeze_body (text);
    g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
    g_autoptr(GBytes) xml = ips_test_read_bytes (example);
    g_autofree char *source = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
    g_autoptr(GRegex) regex = g_regex_new ("type=\"long\"[^>]*>([^<&]+)</field>", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint n = 0;

    g_regex_match (regex, source, 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL), n++)
      {
        g_autofree char *value = g_match_info_fetch (match, 1);

        assert_has_text (body, value);
      }
    g_assert_cmpuint (n, >, 100);
  }
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", laid_out, laid_out);

    assert_has_text (squeezed, last);
  }
}

static void
test_one_form (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = print_pdf (f, "decision-balance", "balance.pdf", NULL);
  g_autoptr(GBytes) pdf = ips_test_read_bytes (path);
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;

  g_assert_cmpuint (count_pages (pdf), >=, 1);
  text = pdf_text (path, FALSE);
  if (text == NULL)
    return;
  squeezed = squeeze (text);
  assert_has_text (squeezed, "Decision balance table");
  g_assert_null (strstr (squeezed, "Referralform"));
}

/* A signature drawn on screen is printed on its line, with the day it was signed. */
static void
test_signature (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");

  ips_client_file_set_value (f->file, "action-plan", "client-signature",
                             "M10 10 L 100 40 l 20 -10 C 130 20 140 60 150 30 S 170 0 180 20 Q 160 5 170 25 "
                             "T 190 30 A 5 5 0 0 1 200 30 H 210 V 20 Z", &error);
  g_assert_no_error (error);
  path = print_pdf (f, "action-plan", "signed.pdf", NULL);
  keep_copy (path, "print-signed.pdf");
  text = pdf_text (path, FALSE);
  if (text == NULL)
    return;
  squeezed = squeeze (text);
  today = ips_layout_format_date (iso);
  assert_has_text (squeezed, "Signature:");
  {
    g_autofree char *line = g_strdup_printf ("Date: %s", today);

    assert_has_text (squeezed, line);
  }
}

static void
test_unknown_form (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsPrintOperation) operation = ips_print_operation_new (f->file, "no-such-form", &error);

  g_assert_null (operation);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM);
}

static double
attribute (const char *tag,
           const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *p = strstr (tag, key);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (key), NULL);
}

/* Long answers and long lists run over several pages: every line is
 * printed once, and none reaches the footer. */
static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  double footer_top = A4_HEIGHT - MARGIN;
  double limit = 0, page_top = 0;
  guint n_words = 0;

  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (summary, "Summary line marker%03u of a long answer that goes on.\n", i);
  ips_client_file_set_value (f->file, "referral", "current-situation", summary->str, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *row = ips_client_file_add_row (f->file, "decision-balance", "returning-advantages", -1, &error);
      g_autofree char *point = g_strdup_printf ("Point pmark%03u, long enough to wrap in its narrow column of the grid.", i);

      g_assert_no_error (error);
      ips_client_file_set_row_value (f->file, row, "text", point, &error);
      g_assert_no_error (error);
    }

  path = print_pdf (f, NULL, "long.pdf", NULL);
  keep_copy (path, "print-long-text.pdf");
  text = pdf_text (path, TRUE);
  if (text == NULL)
    return;

  /* pdftotext -bbox: <page width=".." height=".."> then <word xMin yMin xMax yMax>word</word> */
  lines = g_strsplit (text, "\n", -1);
  {
    g_autofree char *squeezed = squeeze (text);

    for (guint i = 1; i <= 150; i++)
      {
        g_autofree char *marker = g_strdup_printf (">marker%03u<", i);
        const char *first = strstr (squeezed, marker);

        g_assert_nonnull (first);
        g_assert_null (strstr (first + 1, marker));
      }
    for (guint i = 1; i <= 120; i++)
      {
        g_autofree char *marker = g_strdup_printf (">pmark%03u,<", i);
        const char *first = strstr (squeezed, marker);

        g_assert_nonnull (first);
        g_assert_null (strstr (first + 1, marker));
      }
  }

  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_has_prefix (line, "<page "))
        {
          /* the footer's first line is the lowest text of a page */
          page_top = 0;
          limit = footer_top;
          for (guint j = i + 1; lines[j] && !g_str_has_prefix (g_strstrip (lines[j]), "</page>"); j++)
            if (g_str_has_prefix (lines[j], "<word "))
              page_top = MAX (page_top, attribute (lines[j], "yMin"));
          limit = page_top;
        }
      else if (g_str_has_prefix (line, "<word "))
        {
          double y_min = attribute (line, "yMin");
          double y_max = attribute (line, "yMax");

          n_words++;
          /* the footer itself, or clear of it by most of the gap */
          if (y_min >= limit - 1)
            continue;
          if (y_max > limit - FOOTER_GAP / 2)
            g_error ("a word reaches into the footer: %s (footer at %.1f)", line, limit);
        }
    }
  g_assert_cmpuint (n_words, >, 1000);
}

/* The window's print command takes "form" or "record", like the export menu. */
static void
test_window_action (Fixture       *f,
                    gconstpointer  data)
{
  IpsWindow *window = ips_window_new (NULL, f->file);
  gboolean found = FALSE;
  const GVariantType *type = NULL;
  const char *name;
  const char *property;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner, &name, &type, &property); i++)
    if (g_str_equal (name, "win.print"))
      {
        found = TRUE;
        break;
      }
  g_assert_true (found);
  g_assert_true (g_variant_type_equal (type, G_VARIANT_TYPE_STRING));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/print/whole-record", test_whole_record);
  ADD ("/ui/print/one-form", test_one_form);
  ADD ("/ui/print/signature", test_signature);
  ADD ("/ui/print/unknown-form", test_unknown_form);
  ADD ("/ui/print/long-text", test_long_text);
  ADD ("/ui/print/window-action", test_window_action);
#undef ADD

  return g_test_run ();
}
