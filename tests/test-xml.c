/* test-xml.c: the XML export and import, against real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-test-util.h"
#include "ips-xml-export.h"
#include "ips-xml-import.h"

/* 2026-01-05T09:00:00Z */
#define EPOCH "1767603600"
#define EXPORTED "exported=\"2026-01-05T09:00:00.000Z\""
#define CLIENT_ID "5f0c6a0e-3f64-4b4e-9d0a-8c2f1e7b9a51"

/* A form with every type of field, beside the built-in ones: nothing in the
 * export or import may depend on which forms there are. */
static const char sampler_form[] =
  "<form id=\"sampler\" version=\"3\" order=\"90\">"
  "  <title>Every kind of field</title>"
  "  <section id=\"main\"><title>Main</title>"
  "    <field key=\"line\" type=\"text\"><label>One line &amp; “quoted”</label></field>"
  "    <field key=\"story\" type=\"long\"><label>Story</label></field>"
  "    <field key=\"day\" type=\"date\"><label>Day</label></field>"
  "    <field key=\"hour\" type=\"time\"><label>Hour</label></field>"
  "    <field key=\"agreed\" type=\"yesno\"><label>Agreed</label></field>"
  "    <field key=\"colour\" type=\"choice\"><label>Colour</label>"
  "      <option value=\"red\">Red &lt;warm&gt;</option><option value=\"blue\">Blue</option></field>"
  "    <field key=\"tags\" type=\"multi\"><label>Tags</label>"
  "      <option value=\"a\">A</option><option value=\"b\">B</option><option value=\"c\">C</option></field>"
  "    <field key=\"pay\" type=\"number\"><label>Pay</label></field>"
  "    <field key=\"signed\" type=\"signature\"><label>Signature</label></field>"
  "    <group key=\"jobs\" type=\"rows\"><label>Jobs</label><item-label>Job</item-label>"
  "      <field key=\"title\" type=\"text\"><label>Title</label></field>"
  "      <field key=\"start\" type=\"date\"><label>Start</label></field>"
  "      <field key=\"kind\" type=\"choice\"><label>Kind</label>"
  "        <option value=\"paid\">Paid</option><option value=\"voluntary\">Voluntary</option></field>"
  "    </group>"
  "    <field key=\"share-daily\" type=\"yesno\"><label>Share with the employer</label></field>"
  "    <group key=\"daily\" type=\"points\" share-key=\"share-daily\"><label>Every day</label></group>"
  "  </section>"
  "</form>";

static const char awkward_line[] =
  "O'Brien & \"Sons\" <ltd> ]]> &amp; 🙂👩🏽‍💻 שלום עולם مرحبا بالعالم\ttab";
static const char awkward_long[] =
  "\n  First line, indented\r\nSecond line with <tags> & \"quotes\" & 'apostrophes'\n\n"
  "العربية من اليمين إلى اليسار, mixed with English\nעברית 123\n🙂\n  trailing  \n";

typedef struct
{
  char *folder;
  IpsFormCatalog *catalog;
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->folder, name, NULL);
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
list_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_test_message ("left behind: %s", name);
}

static void
assert_no_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".import-"));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (sampler_form, strlen (sampler_form));
  g_autoptr(IpsFormDefinition) sampler = NULL;

  fixture->folder = g_dir_make_tmp ("ips-xml-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->catalog = ips_form_catalog_new_default (&error);
  g_assert_no_error (error);
  sampler = ips_form_definition_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  ips_form_catalog_add (fixture->catalog, sampler);

  g_setenv ("SOURCE_DATE_EPOCH", EPOCH, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
  g_clear_object (&fixture->catalog);
}

static IpsClientFile *
create_file (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, name);
  IpsClientFile *file = ips_client_file_create (path, fixture->catalog, &error);

  g_assert_no_error (error);
  return file;
}

/* Every type, awkward text, rows added, moved and removed, and a history
 * with values set, changed and cleared. */
static void
fill_record (IpsClientFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *word = g_strnfill (1000, 'w');
  g_autofree char *long_word = g_strnfill (50000, 'y');
  g_autofree char *story = g_strconcat (awkward_long, long_word, "\n", awkward_line, NULL);
  g_autofree char *job1 = NULL;
  g_autofree char *job2 = NULL;
  g_autofree char *job3 = NULL;
  g_autofree char *point1 = NULL;
  g_autofree char *point2 = NULL;

  ips_test_set (file, "referral", "name", awkward_line);
  ips_test_set (file, "referral", "address", awkward_long);
  ips_test_set (file, "referral", "date-of-birth", "1970-01-02");
  ips_test_set (file, "referral", "date-of-birth", "1970-01-01");
  ips_test_set (file, "referral", "unemployed", "yes");
  ips_test_set (file, "referral", "meeting-time", "09:00");
  ips_test_set (file, "referral", "referral-source", "care-coordinator");
  ips_test_set (file, "referral", "reasons", "benefits-advice;return-to-paid-work");
  ips_test_set (file, "referral", "email", "john@example.org");
  ips_test_set (file, "referral", "email", "");

  ips_test_set (file, "sampler", "line", word);
  ips_test_set (file, "sampler", "story", story);
  ips_test_set (file, "sampler", "day", "2028-02-29");
  ips_test_set (file, "sampler", "hour", "23:59");
  ips_test_set (file, "sampler", "agreed", "no");
  ips_test_set (file, "sampler", "colour", "red");
  ips_test_set (file, "sampler", "tags", "c;a");
  ips_test_set (file, "sampler", "pay", "12.50");
  ips_test_set (file, "sampler", "signed", "M 10 10 L 20 25\nM 30 30 L 31 40");
  ips_test_set (file, "sampler", "share-daily", "yes");

  job1 = ips_test_new_row (file, "sampler", "jobs");
  job2 = ips_test_new_row (file, "sampler", "jobs");
  job3 = ips_test_new_row (file, "sampler", "jobs");
  ips_test_set_row (file, job1, "title", "Shelf stacker & \"helper\"");
  ips_test_set_row (file, job1, "start", "2019-03-04");
  ips_test_set_row (file, job1, "kind", "paid");
  ips_test_set_row (file, job2, "title", "Café <volunteer> ☕");
  ips_test_set_row (file, job2, "kind", "voluntary");
  ips_test_set_row (file, job3, "title", "Removed soon");
  ips_client_file_move_row (file, job2, 0, &error);
  g_assert_no_error (error);
  ips_client_file_remove_row (file, job3, &error);
  g_assert_no_error (error);

  point1 = ips_test_new_row (file, "sampler", "daily");
  point2 = ips_test_new_row (file, "sampler", "daily");
  ips_test_set_row (file, point1, "text", "Walk the dog\nbefore 9");
  ips_test_set_row (file, point2, "text", "  Take my tablets  ");
}

static GBytes *
export (IpsClientFile     *file,
        const char        *form_id,
        IpsXmlExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GBytes *xml = ips_xml_export (file, form_id, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  return xml;
}

static void
assert_valid (GBytes *xml)
{
  g_autoptr(GError) error = NULL;

  if (!ips_xml_validate (xml, &error))
    g_test_message ("%.*s", (int)g_bytes_get_size (xml), (const char *)g_bytes_get_data (xml, NULL));
  g_assert_no_error (error);
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  g_autofree char *text_a = g_strndup (g_bytes_get_data (a, NULL), g_bytes_get_size (a));
  g_autofree char *text_b = g_strndup (g_bytes_get_data (b, NULL), g_bytes_get_size (b));

  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_true (g_bytes_equal (a, b));
}

static IpsClientFile *
import (Fixture    *fixture,
        GBytes     *xml,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, name);
  IpsClientFile *file = ips_xml_import (xml, path, fixture->catalog, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Export */

static void
test_export_validates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(IpsClientFile) empty = create_file (fixture, "empty.ipsclient");
  g_autoptr(IpsClientFile) full = create_file (fixture, "full.ipsclient");
  IpsClientFile *files[] = { empty, full };

  fill_record (full);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) plain = export (files[i], NULL, IPS_XML_EXPORT_DEFAULT);
      g_autoptr(GBytes) history = export (files[i], NULL, IPS_XML_EXPORT_HISTORY);

      assert_valid (plain);
      assert_valid (history);

      for (guint j = 0; j < ips_form_catalog_get_n_forms (fixture->catalog); j++)
        {
          const char *form_id = ips_form_definition_get_id (ips_form_catalog_get_form (fixture->catalog, j));
          g_autoptr(GBytes) one = export (files[i], form_id, IPS_XML_EXPORT_HISTORY);

          assert_valid (one);
        }
    }
}

static void
test_export_unknown_form (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create_file (fixture, "client.ipsclient");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = ips_xml_export (file, "no-such-form", IPS_XML_EXPORT_DEFAULT, &error);

  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM);
  g_assert_null (xml);
}

static xmlDoc *
parse (GBytes *xml)
{
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (xml, NULL), (int)g_bytes_get_size (xml),
                               NULL, "UTF-8", XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);
  return copy;
}

static xmlNode *
next_element (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

static void
assert_element (xmlNode    *node,
                const char *name,
                const char *key)
{
  g_autofree char *found_key = NULL;

  g_assert_nonnull (node);
  g_assert_cmpstr ((const char *)node->name, ==, name);
  found_key = get_attr (node, "key");
  g_assert_cmpstr (found_key, ==, key);
}

/* Every form, every declared field in declared order (empty ones too), rows
 * in position order with every field of the group. */
static void
test_export_every_field (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create_file (fixture, "client.ipsclient");
  g_autoptr(GBytes) xml = NULL;
  xmlDoc *doc;
  xmlNode *form_node;
  g_auto(GStrv) jobs = NULL;

  fill_record (file);
  jobs = ips_client_file_list_rows (file, "sampler", "jobs");
  xml = export (file, NULL, IPS_XML_EXPORT_DEFAULT);
  doc = parse (xml);

  g_assert_cmpstr ((const char *)xmlDocGetRootElement (doc)->ns->href, ==, IPS_XML_NAMESPACE);
  form_node = next_element (xmlDocGetRootElement (doc)->children);

  for (guint i = 0; i < ips_form_catalog_get_n_forms (fixture->catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (fixture->catalog, i);
      GPtrArray *fields = ips_form_definition_get_all_fields (form);
      g_autofree char *form_id = NULL;
      xmlNode *node;

      g_assert_nonnull (form_node);
      g_assert_cmpstr ((const char *)form_node->name, ==, "form");
      form_id = get_attr (form_node, "id");
      g_assert_cmpstr (form_id, ==, ips_form_definition_get_id (form));

      node = next_element (form_node->children);
      for (guint j = 0; j < fields->len; j++, node = next_element (node->next))
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, j);
          const char *key = ips_field_definition_get_key (field);

          if (!ips_field_definition_is_group (field))
            {
              assert_element (node, "field", key);
              continue;
            }

          assert_element (node, "rows", key);
          if (g_strcmp0 (key, "jobs") == 0 && g_strcmp0 (form_id, "sampler") == 0)
            {
              xmlNode *row = next_element (node->children);
              GPtrArray *members = ips_field_definition_get_fields (field);

              for (guint r = 0; jobs[r]; r++, row = next_element (row->next))
                {
                  g_autofree char *id = get_attr (row, "id");
                  xmlNode *member_node = next_element (row->children);

                  g_assert_cmpstr (id, ==, jobs[r]);
                  for (guint m = 0; m < members->len; m++, member_node = next_element (member_node->next))
                    assert_element (member_node, "field",
                                    ips_field_definition_get_key (g_ptr_array_index (members, m)));
                  g_assert_null (member_node);
                }
              g_assert_null (row);
            }
        }
      g_assert_null (node);
      form_node = next_element (form_node->next);
    }
  g_assert_null (form_node);

  xmlFreeDoc (doc);
}

static gboolean
contains (GBytes     *xml,
          const char *needle)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

  return strstr (text, needle) != NULL;
}

static void
test_export_shape (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create_file (fixture, "client.ipsclient");
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;

  ips_test_set (file, "referral", "name", "John");
  ips_test_set (file, "referral", "referral-source", "care-coordinator");
  xml = export (file, "referral", IPS_XML_EXPORT_DEFAULT);

  head = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\" id=\"%s\" created=\"%s\" "
                          EXPORTED " generator=\"IPS Caseload ",
                          ips_client_file_get_id (file), ips_client_file_get_created (file));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (xml, NULL), head));
  g_assert_true (contains (xml, "\n  <form id=\"referral\" version=\"1\" title=\"Referral form\">\n"));
  g_assert_true (contains (xml, "\n    <field key=\"name\" type=\"text\" label=\"Client name\">John</field>\n"));
  g_assert_true (contains (xml, "\n    <field key=\"email\" type=\"text\" label=\"Email\"/>\n"));
  g_assert_true (contains (xml, "\n    <field key=\"referral-source\" type=\"choice\" label=\"Referral source\">\n"
                                "      <option key=\"care-coordinator\" label=\"Care co-ordinator\"/>\n"
                                "    </field>\n"));
  g_assert_false (contains (xml, "<history"));
  g_assert_false (contains (xml, "sampler"));
  text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_assert_true (g_str_has_suffix (text, "  </form>\n</client>\n"));
}

static void
test_export_history (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create_file (fixture, "client.ipsclient");
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) with_history = NULL;
  g_autoptr(GBytes) sampler_only = NULL;

  fill_record (file);
  plain = export (file, NULL, IPS_XML_EXPORT_DEFAULT);
  with_history = export (file, NULL, IPS_XML_EXPORT_HISTORY);
  sampler_only = export (file, "sampler", IPS_XML_EXPORT_HISTORY);

  g_assert_false (contains (plain, "<history"));
  g_assert_true (contains (with_history, "<history>"));
  /* The first value of a field has no old value, and clearing one has an empty new one. */
  g_assert_true (contains (with_history, "key=\"name\" action=\"set\">\n      <new>"));
  g_assert_true (contains (with_history, "key=\"email\" action=\"set\">\n      <old>john@example.org</old>\n      <new></new>\n"));
  g_assert_true (contains (with_history, "action=\"remove-row\">\n      <old>"));
  g_assert_true (contains (with_history, "action=\"move-row\">\n      <old>1</old>\n      <new>0</new>\n"));
  /* One form's export holds that form's history only. */
  g_assert_false (contains (sampler_only, "form=\"referral\""));
  g_assert_true (contains (sampler_only, "form=\"sampler\""));
  /* The implicit field of a points list is labelled after the list. */
  g_assert_true (contains (plain, "<field key=\"text\" type=\"long\" label=\"Every day\">Walk the dog\nbefore 9</field>"));
}

static void
test_export_source_date_epoch (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create_file (fixture, "client.ipsclient");
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *expected_day = g_date_time_format (before, "exported=\"%Y-%m-%dT");

  fill_record (file);
  first = export (file, NULL, IPS_XML_EXPORT_HISTORY);
  second = export (file, NULL, IPS_XML_EXPORT_HISTORY);
  g_assert_true (contains (first, EXPORTED));
  assert_same_bytes (first, second);

  g_unsetenv ("SOURCE_DATE_EPOCH");
  now = export (file, NULL, IPS_XML_EXPORT_DEFAULT);
  if (!contains (now, expected_day))
    {
      /* Midnight passed between the two readings. */
      g_autoptr(GDateTime) after = g_date_time_new_now_utc ();
      g_autofree char *after_day = g_date_time_format (after, "exported=\"%Y-%m-%dT");

      g_assert_true (contains (now, after_day));
    }
  assert_valid (now);

  g_setenv ("SOURCE_DATE_EPOCH", "next tuesday", TRUE);
  refused = ips_xml_export (file, NULL, IPS_XML_EXPORT_DEFAULT, &error);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_FAILED);
  g_assert_null (refused);
}

/* Round trips */

static void
assert_same_record (IpsClientFile  *a,
                    IpsClientFile  *b,
                    IpsFormCatalog *catalog)
{
  g_autoptr(GListModel) history_a = ips_client_file_list_history (a, NULL, NULL, NULL, NULL);
  g_autoptr(GListModel) history_b = ips_client_file_list_history (b, NULL, NULL, NULL, NULL);

  g_assert_cmpstr (ips_client_file_get_id (a), ==, ips_client_file_get_id (b));
  g_assert_cmpstr (ips_client_file_get_created (a), ==, ips_client_file_get_created (b));
  g_assert_cmpuint (g_list_model_get_n_items (history_a), ==, g_list_model_get_n_items (history_b));

  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);
      const char *form_id = ips_form_definition_get_id (form);
      GPtrArray *fields = ips_form_definition_get_all_fields (form);

      for (guint j = 0; j < fields->len; j++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, j);
          const char *key = ips_field_definition_get_key (field);

          if (ips_field_definition_is_group (field))
            {
              g_auto(GStrv) rows_a = ips_client_file_list_rows (a, form_id, key);
              g_auto(GStrv) rows_b = ips_client_file_list_rows (b, form_id, key);
              GPtrArray *members = ips_field_definition_get_fields (field);

              g_assert_true (g_strv_equal ((const char * const *)rows_a, (const char * const *)rows_b));
              for (guint r = 0; rows_a[r]; r++)
                for (guint m = 0; m < members->len; m++)
                  {
                    const char *member = ips_field_definition_get_key (g_ptr_array_index (members, m));
                    g_autofree char *value_a = ips_client_file_get_row_value (a, rows_a[r], member);
                    g_autofree char *value_b = ips_client_file_get_row_value (b, rows_b[r], member);

                    g_assert_cmpstr (value_a, ==, value_b);
                  }
            }
          else
            {
              g_autofree char *value_a = ips_client_file_get_value (a, form_id, key);
              g_autofree char *value_b = ips_client_file_get_value (b, form_id, key);

              g_assert_cmpstr (value_a, ==, value_b);
            }
        }
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  IpsXmlExportFlags flags = GPOINTER_TO_UINT (data);
  g_autoptr(IpsClientFile) original = create_file (fixture, "original.ipsclient");
  g_autoptr(IpsClientFile) copy = NULL;
  g_autoptr(IpsClientFile) copy_of_copy = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autofree char *awkward = NULL;

  fill_record (original);
  first = export (original, NULL, flags);
  assert_valid (first);

  copy = import (fixture, first, "copy.ipsclient");
  second = export (copy, NULL, flags);
  assert_same_bytes (first, second);

  if (flags & IPS_XML_EXPORT_HISTORY)
    assert_same_record (original, copy, fixture->catalog);

  /* And again from the copy, closed and reopened from disk. */
  ips_client_file_close (copy);
  copy_of_copy = import (fixture, second, "copy-of-copy.ipsclient");
  third = export (copy_of_copy, NULL, flags);
  assert_same_bytes (first, third);

  awkward = ips_client_file_get_value (copy_of_copy, "referral", "name");
  g_assert_cmpstr (awkward, ==, awkward_line);
  assert_no_temporaries (fixture->folder);
}

static void
test_round_trip_one_form (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(IpsClientFile) original = create_file (fixture, "original.ipsclient");
  g_autoptr(IpsClientFile) copy = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autofree char *referral_name = NULL;
  g_auto(GStrv) jobs = NULL;

  fill_record (original);
  first = export (original, "sampler", IPS_XML_EXPORT_HISTORY);
  copy = import (fixture, first, "copy.ipsclient");
  second = export (copy, "sampler", IPS_XML_EXPORT_HISTORY);
  assert_same_bytes (first, second);

  referral_name = ips_client_file_get_value (copy, "referral", "name");
  g_assert_null (referral_name);
  jobs = ips_client_file_list_rows (copy, "sampler", "jobs");
  g_assert_cmpuint (g_strv_length (jobs), ==, 2);
}

/* Import */

static void
test_import_example (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GListModel) history = NULL;
  gsize length;
  struct { const char *key, *value; } expected[] = {
    { "name", "John" },
    { "address", "A flat, in the city, London" },
    { "postcode", "AB12C345" },
    { "telephone", "0123456789" },
    { "date-of-birth", "1970-01-01" },
    { "email", "John@home.com" },
    { "unemployed", "yes" },
    { "volunteering", "no" },
    { "meeting-time", "09:00" },
    { "meeting-date", "2026-01-12" },
    { "meeting-venue", "Meeting room 1" },
    { "referral-source", "care-coordinator" },
    { "referrer-name", "Jane" },
    { "referral-date", "2026-01-05" },
    { "reasons", "return-to-paid-work;interviews-cv;contacting-employers;benefits-advice" },
    { "spend-time", "Watching TV – going to Mind – playing around with the computer." },
    { "complete-profile", "yes" },
    { "refer-back-to", NULL },
  };

  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  xml = g_bytes_new_take (g_steal_pointer (&contents), length);
  assert_valid (xml);

  file = import (fixture, xml, "john.ipsclient");
  g_assert_true (g_uuid_string_is_valid (ips_client_file_get_id (file)));
  g_assert_cmpstr (ips_client_file_get_created (file), ==, "2026-01-05T09:00:00.000Z");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = ips_client_file_get_value (file, "referral", expected[i].key);

      g_assert_cmpstr (value, ==, expected[i].value);
    }
  {
    g_autofree char *requests = ips_client_file_get_value (file, "referral", "meeting-requests");
    g_autofree char *name = ips_client_file_dup_client_name (file);

    g_assert_true (g_str_has_prefix (requests, "John would prefer his social worker Jane"));
    g_assert_nonnull (strstr (requests, ".\n\nJohn prefers to be contacted by email"));
    g_assert_cmpstr (name, ==, "John");
  }

  /* An import records no changes of its own. */
  history = ips_client_file_list_history (file, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  exported = export (file, "referral", IPS_XML_EXPORT_DEFAULT);
  assert_valid (exported);
}

static const char minimal_head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
static const char minimal_open[] =
  "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\" id=\"" CLIENT_ID "\""
  " created=\"2026-01-05T09:00:00.000Z\">\n";

static GBytes *
document (const char *prolog,
          const char *body)
{
  g_autofree char *text = g_strconcat (minimal_head, prolog, minimal_open, body, "</client>\n", NULL);

  return bytes_from_string (text);
}

static void
test_import_minimal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) xml = document ("", "  <form id=\"referral\" version=\"1\">\n"
                                        "    <field key=\"name\" type=\"text\">John &amp; <![CDATA[<Jo>]]></field>\n"
                                        "    <field key=\"reasons\" type=\"multi\">\n"
                                        "      <option key=\"benefits-advice\"/> <option key=\"return-to-paid-work\"/>\n"
                                        "    </field>\n"
                                        "  </form>\n");
  g_autoptr(IpsClientFile) file = import (fixture, xml, "client.ipsclient");
  g_autofree char *name = ips_client_file_get_value (file, "referral", "name");
  g_autofree char *reasons = ips_client_file_get_value (file, "referral", "reasons");

  g_assert_cmpstr (ips_client_file_get_id (file), ==, CLIENT_ID);
  g_assert_cmpstr (name, ==, "John & <Jo>");
  /* Stored in declared order, however the document lists them. */
  g_assert_cmpstr (reasons, ==, "return-to-paid-work;benefits-advice");
  assert_no_temporaries (fixture->folder);
}

typedef struct
{
  const char *name;
  int code;
  const char *prolog;
  const char *body;      /* between <client> and </client> */
  const char *raw;       /* instead of a document from the two above */
  const char *in_message;
} HostileCase;

static const char billion_laughs[] =
  "<!DOCTYPE client [\n"
  " <!ENTITY lol \"lol\">\n"
  " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
  " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
  " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
  " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
  " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
  " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
  " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
  " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
  " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
  "]>\n";

#define NAME_IS(text) \
  "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"text\">" text "</field>\n  </form>\n"

static const HostileCase hostile_cases[] = {
  { "external-entity", IPS_ERROR_INVALID_XML,
    "<!DOCTYPE client [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n", NAME_IS ("&x;"), NULL, "DTD" },
  { "external-dtd", IPS_ERROR_INVALID_XML,
    "<!DOCTYPE client SYSTEM \"http://127.0.0.1:9/client.dtd\">\n", NAME_IS ("John"), NULL, "DTD" },
  { "billion-laughs", IPS_ERROR_INVALID_XML, billion_laughs, NAME_IS ("&lol9;"), NULL, "DTD" },
  { "undeclared-entity", IPS_ERROR_INVALID_XML, "", NAME_IS ("&x;"), NULL, "Line 4" },
  { "xinclude", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"referral\" version=\"1\">\n"
    "    <xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>\n"
    "  </form>\n", NULL, "include" },
  { "invalid-utf8", IPS_ERROR_INVALID_XML, "", NAME_IS ("Jo\xff\xfehn"), NULL, "UTF-8" },
  { "overlong-utf8", IPS_ERROR_INVALID_XML, "", NAME_IS ("J\xc0\xafohn"), NULL, "UTF-8" },
  { "latin1-declared", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
    "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\" id=\"" CLIENT_ID "\" created=\"2026-01-05T09:00:00.000Z\">"
    "<form id=\"referral\" version=\"1\"><field key=\"name\" type=\"text\">Jos\xe9</field></form></client>", "UTF-8" },
  { "not-xml", IPS_ERROR_INVALID_XML, NULL, NULL, "Name,Postcode\nJohn,AB12C345\n", "Line 1" },
  { "empty", IPS_ERROR_INVALID_XML, NULL, NULL, "", "empty" },
  { "truncated", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<?xml version=\"1.0\"?>\n<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\"", "Line" },
  { "wrong-namespace", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<client xmlns=\"https://example.org/not-ips\" schema-version=\"1\" id=\"" CLIENT_ID "\""
    " created=\"2026-01-05T09:00:00.000Z\"/>", IPS_XML_NAMESPACE },
  { "no-namespace", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<client schema-version=\"1\" id=\"" CLIENT_ID "\" created=\"2026-01-05T09:00:00.000Z\"/>",
    IPS_XML_NAMESPACE },
  { "newer-schema-version", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"2\" id=\"" CLIENT_ID "\""
    " created=\"2026-01-05T09:00:00.000Z\"/>", "schema-version" },
  { "bad-client-id", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\" id=\"../../etc/passwd\""
    " created=\"2026-01-05T09:00:00.000Z\"/>", "id" },
  { "bad-created", IPS_ERROR_INVALID_XML, NULL, NULL,
    "<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\" id=\"" CLIENT_ID "\""
    " created=\"2026-13-05T09:00:00.000Z\"/>", "created" },
  { "unexpected-element", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"referral\" version=\"1\">\n    <script>alert(1)</script>\n  </form>\n", NULL, "Line 4" },
  { "bad-field-type-name", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"shoe\">John</field>\n  </form>\n",
    NULL, "Line 4" },
  { "unknown-form", IPS_ERROR_UNKNOWN_FORM, "",
    "  <form id=\"tax-return\" version=\"1\">\n    <field key=\"name\" type=\"text\">John</field>\n  </form>\n",
    NULL, "tax-return" },
  { "unknown-field", IPS_ERROR_UNKNOWN_FIELD, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"text\">John</field>\n"
    "    <field key=\"shoe-size\" type=\"text\">11</field>\n  </form>\n", NULL, "Line 5" },
  { "unknown-row-field", IPS_ERROR_UNKNOWN_FIELD, "",
    "  <form id=\"sampler\" version=\"3\">\n    <rows key=\"jobs\" type=\"rows\">\n"
    "      <row id=\"0e4c8a7e-5b1d-4a52-9c77-2d1f6b3e8a90\"><field key=\"salary\" type=\"text\">1</field></row>\n"
    "    </rows>\n  </form>\n", NULL, "salary" },
  { "bad-date", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"text\">John</field>\n"
    "    <field key=\"date-of-birth\" type=\"date\">32/13/2020</field>\n  </form>\n",
    NULL, "Line 5, “date-of-birth”" },
  { "bad-row-date", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"sampler\" version=\"3\">\n    <rows key=\"jobs\" type=\"rows\">\n"
    "      <row id=\"0e4c8a7e-5b1d-4a52-9c77-2d1f6b3e8a90\">\n"
    "        <field key=\"start\" type=\"date\">2020-02-30</field>\n"
    "      </row>\n    </rows>\n  </form>\n", NULL, "Line 6, “start”" },
  { "wrong-type", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"date\">2020-01-01</field>\n  </form>\n",
    NULL, "“name”" },
  { "unknown-option", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"referral-source\" type=\"choice\">"
    "<option key=\"police\"/></field>\n  </form>\n", NULL, "police" },
  { "two-options-for-one-choice", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"referral-source\" type=\"choice\">"
    "<option key=\"self\"/><option key=\"dea\"/></field>\n  </form>\n", NULL, "referral-source" },
  { "choice-as-text", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"referral-source\" type=\"choice\">self</field>\n"
    "  </form>\n", NULL, "referral-source" },
  { "control-character", IPS_ERROR_INVALID_XML, "", NAME_IS ("John&#1;"), NULL, "Line 4" },
  { "two-lines-in-a-line", IPS_ERROR_INVALID_VALUE, "", NAME_IS ("John\nSmith"), NULL, "“name”" },
  { "duplicate-field", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"referral\" version=\"1\">\n    <field key=\"name\" type=\"text\">John</field>\n"
    "    <field key=\"name\" type=\"text\">Eve</field>\n  </form>\n", NULL, "Line 5" },
  { "duplicate-form", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"referral\" version=\"1\"/>\n  <form id=\"referral\" version=\"1\"/>\n", NULL, "Line" },
  { "duplicate-row-id", IPS_ERROR_INVALID_XML, "",
    "  <form id=\"sampler\" version=\"3\">\n    <rows key=\"jobs\" type=\"rows\">\n"
    "      <row id=\"0e4c8a7e-5b1d-4a52-9c77-2d1f6b3e8a90\"/>\n"
    "      <row id=\"0e4c8a7e-5b1d-4a52-9c77-2d1f6b3e8a90\"/>\n"
    "    </rows>\n  </form>\n", NULL, "Line" },
  { "rows-of-a-field", IPS_ERROR_INVALID_VALUE, "",
    "  <form id=\"referral\" version=\"1\">\n    <rows key=\"name\" type=\"rows\"/>\n  </form>\n", NULL, "“name”" },
  { "bad-history-action", IPS_ERROR_INVALID_XML, "",
    "  <history>\n    <change time=\"2026-01-05T09:00:00.000Z\" author=\"x\" form=\"referral\" key=\"name\""
    " action=\"drop-table\"/>\n  </history>\n", NULL, "Line 4" },
};

static void
run_hostile_case (Fixture           *fixture,
                  const HostileCase *hostile)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *path = path_in (fixture, "client.ipsclient");

  if (hostile->raw != NULL)
    xml = bytes_from_string (hostile->raw);
  else
    xml = document (hostile->prolog, hostile->body);

  file = ips_xml_import (xml, path, fixture->catalog, &error);
  g_test_message ("%s: %s", hostile->name, error ? error->message : "(no error)");
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, hostile->code);
  g_assert_nonnull (strstr (error->message, hostile->in_message));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strstr (error->message, "root:"));   /* nothing read from /etc/passwd */

  if (count_entries (fixture->folder) != 0)
    list_entries (fixture->folder);
  g_assert_cmpuint (count_entries (fixture->folder), ==, 0);
}

static void
test_import_hostile (Fixture       *fixture,
                     gconstpointer  data)
{
  run_hostile_case (fixture, data);
}

static void
test_import_deep (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("  <form id=\"referral\" version=\"1\">\n");
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *path = path_in (fixture, "client.ipsclient");

  for (guint i = 0; i < 10000; i++)
    g_string_append (body, "<field>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (body, "</field>");
  g_string_append (body, "\n  </form>\n");
  xml = document ("", body->str);

  file = ips_xml_import (xml, path, fixture->catalog, &error);
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML);
  g_assert_nonnull (strstr (error->message, "nested"));
  g_assert_null (file);
  g_assert_cmpuint (count_entries (fixture->folder), ==, 0);
}

/* A 50 MB file is refused before it is parsed. */
static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *big = path_in (fixture, "big.xml");
  g_autofree char *path = path_in (fixture, "client.ipsclient");
  g_autoptr(GString) text = g_string_sized_new (50 * 1024 * 1024 + 1024);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;

  g_string_append (text, minimal_head);
  g_string_append (text, minimal_open);
  g_string_append (text, "  <form id=\"referral\" version=\"1\">\n    <field key=\"address\" type=\"long\">");
  while (text->len < 50 * 1024 * 1024)
    g_string_append (text, "A flat, in the city, London. ");
  g_string_append (text, "</field>\n  </form>\n</client>\n");
  g_file_set_contents (big, text->str, (gssize)text->len, &error);
  g_assert_no_error (error);

  mapped = g_mapped_file_new (big, FALSE, &error);
  g_assert_no_error (error);
  xml = g_mapped_file_get_bytes (mapped);
  g_assert_cmpuint (g_bytes_get_size (xml), >, IPS_XML_IMPORT_MAX_SIZE);

  file = ips_xml_import (xml, path, fixture->catalog, &error);
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML);
  g_assert_null (file);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fixture->folder), ==, 1);   /* big.xml */
}

static void
test_import_exists (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "client.ipsclient");
  g_autoptr(GBytes) xml = document ("", NAME_IS ("John"));
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *contents = NULL;
  GStatBuf before, after;

  g_file_set_contents (path, "someone else's precious file", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  file = ips_xml_import (xml, path, fixture->catalog, &error);
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, IPS_ERROR, IPS_ERROR_EXISTS);
  g_assert_null (file);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "someone else's precious file");
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
  g_assert_cmpuint (count_entries (fixture->folder), ==, 1);
}

/* A leftover journal of an earlier file of the same name would be replayed into the new one. */
static void
test_import_leftover_journal (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "client.ipsclient");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GBytes) xml = document ("", NAME_IS ("John"));
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;

  g_file_set_contents (wal, "journal", -1, &error);
  g_assert_no_error (error);

  file = ips_xml_import (xml, path, fixture->catalog, &error);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_EXISTS);
  g_assert_null (file);
  g_assert_cmpuint (count_entries (fixture->folder), ==, 1);
}

/* libxml2 reports nothing on stderr: each refusal is in the GError only. */
static void
test_import_quiet (Fixture       *fixture,
                   gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
        run_hostile_case (fixture, &hostile_cases[i]);
      test_import_deep (fixture, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

static void
test_validate_rejects (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) wrong = bytes_from_string ("<client xmlns=\"urn:x\"/>");
  g_autoptr(GBytes) incomplete = bytes_from_string ("<client xmlns=\"" IPS_XML_NAMESPACE "\" schema-version=\"1\"/>");
  g_autoptr(GBytes) with_dtd = document ("<!DOCTYPE client>\n", "");
  g_autoptr(GError) error = NULL;

  g_assert_false (ips_xml_validate (wrong, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML);
  g_clear_error (&error);

  g_assert_false (ips_xml_validate (incomplete, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_clear_error (&error);

  g_assert_false (ips_xml_validate (with_dtd, &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_XML);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/xml/export/validates", test_export_validates, NULL);
  ADD ("/core/xml/export/unknown-form", test_export_unknown_form, NULL);
  ADD ("/core/xml/export/every-field", test_export_every_field, NULL);
  ADD ("/core/xml/export/shape", test_export_shape, NULL);
  ADD ("/core/xml/export/history", test_export_history, NULL);
  ADD ("/core/xml/export/source-date-epoch", test_export_source_date_epoch, NULL);
  ADD ("/core/xml/round-trip/with-history", test_round_trip, GUINT_TO_POINTER (IPS_XML_EXPORT_HISTORY));
  ADD ("/core/xml/round-trip/without-history", test_round_trip, GUINT_TO_POINTER (IPS_XML_EXPORT_DEFAULT));
  ADD ("/core/xml/round-trip/one-form", test_round_trip_one_form, NULL);
  ADD ("/core/xml/import/example", test_import_example, NULL);
  ADD ("/core/xml/import/minimal", test_import_minimal, NULL);
  ADD ("/core/xml/import/deep", test_import_deep, NULL);
  ADD ("/core/xml/import/too-large", test_import_too_large, NULL);
  ADD ("/core/xml/import/exists", test_import_exists, NULL);
  ADD ("/core/xml/import/leftover-journal", test_import_leftover_journal, NULL);
  ADD ("/core/xml/import/quiet", test_import_quiet, NULL);
  ADD ("/core/xml/validate/rejects", test_validate_rejects, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/core/xml/import/hostile/", hostile_cases[i].name, NULL);

      ADD (path, test_import_hostile, &hostile_cases[i]);
    }

#undef ADD

  return g_test_run ();
}
