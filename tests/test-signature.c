/* test-signature.c: strokes as path data, signing, and the version a signature signs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-test-util.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-journey.h"
#include "ips-signature.h"
#include "ips-xml-export.h"
#include "ips-xml-import.h"

#define FORM "action-plan"
#define KEY "client-signature"
#define STROKES "M 10 20 L 30 40 L 50 20 M 60 60 L 61 61"

typedef struct
{
  char *dir;
  IpsFormCatalog *catalog;
  IpsClientFile *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = ips_test_make_dir ();
  f->catalog = ips_test_catalog ();
  path = g_build_filename (f->dir, "client.ipsclient", NULL);
  f->file = ips_client_file_create (path, f->catalog, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ips_client_file_close (f->file);
  g_clear_object (&f->file);
  g_clear_object (&f->catalog);
  ips_test_remove_tree (f->dir);
  g_free (f->dir);
}

static GDate
day (const char *iso)
{
  GDate date = ips_date_parse (iso);

  g_assert_true (g_date_valid (&date));
  return date;
}

static void
sign (IpsClientFile *file,
      const char    *strokes,
      const char    *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date = day (iso);

  ips_signature_sign (file, FORM, KEY, strokes, &date, &error);
  g_assert_no_error (error);
}

static IpsSignatureState
state (IpsClientFile *file,
       char         **signed_on)
{
  GDate date;
  IpsSignatureState result = ips_signature_get_state (file, FORM, KEY, &date);

  if (signed_on != NULL)
    *signed_on = ips_date_format (&date);
  return result;
}

static IpsSignaturePoint *
point (GPtrArray *strokes,
       guint      stroke,
       guint      index)
{
  GArray *points = g_ptr_array_index (strokes, stroke);

  g_assert_cmpuint (index, <, points->len);
  return &g_array_index (points, IpsSignaturePoint, index);
}

static void
test_strokes (void)
{
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) curves = NULL;
  g_autofree char *path = NULL;
  IpsSignaturePoint first[] = { { 10.04, 20 }, { 30.25, 40.5 }, { -0.01, 2 } };
  IpsSignaturePoint dot[] = { { 5, 5 } };
  GArray *stroke;

  stroke = g_array_new (FALSE, FALSE, sizeof (IpsSignaturePoint));
  g_array_append_vals (stroke, first, G_N_ELEMENTS (first));
  g_ptr_array_add (strokes, stroke);
  stroke = g_array_new (FALSE, FALSE, sizeof (IpsSignaturePoint));
  g_array_append_vals (stroke, dot, G_N_ELEMENTS (dot));
  g_ptr_array_add (strokes, stroke);

  /* tenths are enough; a dot becomes a short line so that it shows */
  path = ips_signature_strokes_to_path (strokes);
  g_assert_cmpstr (path, ==, "M 10 20 L 30.2 40.5 L 0 2 M 5 5 L 5.5 5");

  parsed = ips_signature_parse_strokes (path);
  g_assert_nonnull (parsed);
  g_assert_cmpuint (parsed->len, ==, 2);
  g_assert_cmpuint (((GArray *)g_ptr_array_index (parsed, 0))->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (point (parsed, 0, 1)->x, 30.2, 1e-9);
  g_assert_cmpuint (((GArray *)g_ptr_array_index (parsed, 1))->len, ==, 2);

  /* paths from elsewhere: relative commands and curves, closed shapes */
  curves = ips_signature_parse_strokes ("m 10 10 l 5 0 c 1 1 2 2 3 3 z");
  g_assert_nonnull (curves);
  g_assert_cmpuint (curves->len, ==, 1);
  g_assert_cmpuint (((GArray *)g_ptr_array_index (curves, 0))->len, ==, 6);
  g_assert_cmpfloat (point (curves, 0, 4)->x, ==, 18);
  g_assert_cmpfloat (point (curves, 0, 5)->x, ==, 10);

  g_assert_null (ips_signature_parse_strokes (""));
  g_assert_null (ips_signature_parse_strokes ("hello"));
  g_assert_null (ips_signature_parse_strokes ("M 1 1 <script>"));
}

static void
test_companions (void)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  IpsFormDefinition *plan = ips_form_catalog_lookup (catalog, FORM);
  IpsFieldDefinition *signature = ips_form_definition_lookup_field (plan, KEY);

  g_assert_cmpstr (ips_field_definition_get_date_key (signature), ==, "signature-date");
  g_assert_cmpstr (ips_field_definition_get_version_key (signature), ==, "signed-version");
  g_assert_true (ips_signature_lookup_owner (plan, "signature-date") == signature);
  g_assert_true (ips_signature_lookup_owner (plan, "signed-version") == signature);
  g_assert_null (ips_signature_lookup_owner (plan, "job-goal"));
  g_assert_null (ips_signature_lookup_owner (plan, KEY));
}

static void
test_bad_companions (void)
{
  const char *bad[] = {
    /* the date must be an earlier date field */
    "<field key='s' type='signature' date-key='d'><label>S</label></field>"
    "<field key='d' type='date'><label>D</label></field>",
    "<field key='d' type='text'><label>D</label></field>"
    "<field key='s' type='signature' date-key='d'><label>S</label></field>",
    /* the version a text field */
    "<field key='v' type='date'><label>V</label></field>"
    "<field key='s' type='signature' version-key='v'><label>S</label></field>",
    /* only a signature has them */
    "<field key='d' type='date'><label>D</label></field>"
    "<field key='s' type='long' date-key='d'><label>S</label></field>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *text = g_strdup_printf ("<form id='f' version='1' order='1'><title>F</title>"
                                               "<section id='a'><title>A</title>%s</section></form>", bad[i]);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsFormDefinition) form = ips_form_definition_new_from_bytes (bytes, &error);

      g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_DEFINITION);
      g_assert_null (form);
    }
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_on = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(IpsHistoryEntry) last = NULL;
  g_auto(GStrv) rows = NULL;
  char *row;
  GDate date = day ("2026-01-20");

  ips_test_set (f->file, FORM, "date", "2026-01-20");
  ips_test_set (f->file, FORM, "job-goal", "Web design or computer repairs");
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_UNSIGNED);
  g_assert_null (ips_signature_describe (IPS_SIGNATURE_UNSIGNED, NULL));

  /* nothing drawn, nothing signed */
  g_assert_false (ips_signature_sign (f->file, FORM, KEY, "", &date, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (ips_signature_sign (f->file, FORM, "job-goal", STROKES, &date, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  sign (f->file, STROKES, "2026-01-20");
  g_assert_cmpint (state (f->file, &signed_on), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (signed_on, ==, "2026-01-20");
  stored = ips_client_file_get_value (f->file, FORM, KEY);
  g_assert_cmpstr (stored, ==, STROKES);
  g_clear_pointer (&signed_on, g_free);
  text = ips_signature_describe (state (f->file, NULL), &date);
  g_assert_cmpstr (text, ==, "Signed on 20 January 2026");
  g_clear_pointer (&text, g_free);

  /* the strokes are the last change: undoing it unsigns */
  history = ips_client_file_list_history (f->file, FORM, NULL, NULL, NULL);
  last = g_list_model_get_item (history, g_list_model_get_n_items (history) - 1);
  g_assert_cmpstr (ips_history_entry_get_key (last), ==, KEY);

  /* an edit to the plan: the signature is for an earlier version */
  ips_test_set (f->file, FORM, "job-goal", "Computer repairs");
  g_assert_cmpint (state (f->file, &signed_on), ==, IPS_SIGNATURE_EARLIER_VERSION);
  g_assert_cmpstr (signed_on, ==, "2026-01-20");
  g_clear_pointer (&signed_on, g_free);
  text = ips_signature_describe (IPS_SIGNATURE_EARLIER_VERSION, &date);
  g_assert_cmpstr (text, ==, "Signed on 20 January 2026 for an earlier version of this plan");
  g_clear_pointer (&text, g_free);

  /* put back as it was signed, it is the signed version again */
  ips_test_set (f->file, FORM, "job-goal", "Web design or computer repairs");
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_SIGNED);

  /* the signature's own section is not part of what it signs */
  ips_test_set (f->file, FORM, "signature-date", "2026-01-21");
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_SIGNED);

  /* a row, and a change inside a row, are edits */
  row = ips_client_file_add_row (f->file, FORM, "objectives", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_SIGNED);   /* an empty row says nothing */
  ips_client_file_set_row_value (f->file, row, "objective", "Update the CV", &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_EARLIER_VERSION);
  g_free (row);

  /* signing again signs this version */
  sign (f->file, "M 1 1 L 2 2", "2026-02-17");
  g_assert_cmpint (state (f->file, &signed_on), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (signed_on, ==, "2026-02-17");

  /* a review recorded is an edit of the plan too */
  rows = ips_client_file_list_rows (f->file, FORM, "objectives");
  g_assert_cmpuint (g_strv_length (rows), ==, 1);
  row = ips_client_file_add_row (f->file, FORM, "reviews", -1, &error);
  ips_client_file_set_row_value (f->file, row, "date", "2026-02-17", &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_EARLIER_VERSION);
  g_free (row);

  /* clearing is one change, and undoing it brings the signature back */
  ips_signature_clear (f->file, FORM, KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_UNSIGNED);
  g_clear_object (&last);
  last = ips_client_file_get_history_entry (f->file, ips_client_file_get_last_change_id (f->file));
  ips_client_file_revert_change (f->file, last, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (f->file, NULL), ==, IPS_SIGNATURE_EARLIER_VERSION);
  g_clear_pointer (&stored, g_free);
  stored = ips_client_file_get_value (f->file, FORM, KEY);
  g_assert_cmpstr (stored, ==, "M 1 1 L 2 2");
}

static GBytes *
export (IpsClientFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = ips_xml_export (file, NULL, IPS_XML_EXPORT_DEFAULT, &error);

  g_assert_no_error (error);
  ips_xml_validate (xml, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&xml);
}

/* The exported time differs between two exports; the rest must not. */
static char *
without_export_time (GBytes *xml)
{
  g_autoptr(GRegex) exported = g_regex_new (" exported=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (exported, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml),
                                  0, "", 0, NULL);
}

static void
test_export_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(IpsClientFile) copy = NULL;
  g_autofree char *path = g_build_filename (f->dir, "copy.ipsclient", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *signed_on = NULL;
  char *row;

  ips_test_set (f->file, FORM, "date", "2026-01-20");
  ips_test_set (f->file, FORM, "job-goal", "Line one\nline two ☕ & <more>");
  row = ips_client_file_add_row (f->file, FORM, "objectives", -1, &error);
  ips_client_file_set_row_value (f->file, row, "objective", "Update the CV", &error);
  g_assert_no_error (error);
  g_free (row);
  sign (f->file, STROKES, "2026-01-20");

  first = export (f->file);
  {
    gsize size;
    const char *xml = g_bytes_get_data (first, &size);

    /* The export is bytes, not a string: search within its length. */
    g_assert_nonnull (g_strstr_len (xml, (gssize)size,
                                    "<field key=\"client-signature\" type=\"signature\" label=\"Client’s signature\">" STROKES "</field>"));
  }

  copy = ips_xml_import (first, path, f->catalog, &error);
  g_assert_no_error (error);
  g_assert_cmpint (state (copy, &signed_on), ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (signed_on, ==, "2026-01-20");

  second = export (copy);
  a = without_export_time (first);
  b = without_export_time (second);
  g_assert_cmpstr (a, ==, b);
}

/* The example client signed his plan at its last review. */
static void
test_example (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autofree char *path = g_build_filename (f->dir, "john.ipsclient", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) john = NULL;
  g_autoptr(GPtrArray) strokes = NULL;
  g_autofree char *signed_on = NULL;
  g_autofree char *version = NULL;
  IpsSignatureState result;

  john = ips_xml_import (xml, path, f->catalog, &error);
  g_assert_no_error (error);
  version = ips_signature_dup_version (john, FORM, KEY);
  g_test_message ("the version of John's plan: %s", version);
  result = state (john, &signed_on);
  g_assert_cmpint (result, ==, IPS_SIGNATURE_SIGNED);
  g_assert_cmpstr (signed_on, ==, "2026-03-23");
  {
    g_autofree char *value = ips_client_file_get_value (john, FORM, KEY);
    strokes = ips_signature_parse_strokes (value);
  }
  g_assert_nonnull (strokes);
  g_assert_cmpuint (strokes->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/signature/strokes", test_strokes);
  g_test_add_func ("/core/signature/companions", test_companions);
  g_test_add_func ("/core/signature/bad-companions", test_bad_companions);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/signature/states", test_states);
  ADD ("/core/signature/export-import", test_export_import);
  ADD ("/core/signature/example", test_example);
#undef ADD

  return g_test_run ();
}
