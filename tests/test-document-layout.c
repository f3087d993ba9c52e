/* test-document-layout.c: a record laid out as blocks, as printing uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-document-layout.h"
#include "ips-signature.h"
#include "ips-error.h"
#include "ips-test-util.h"
#include "ips-xml-import.h"

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

static GPtrArray *
build (Fixture    *f,
       const char *form_id)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 1, 5, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = ips_document_layout_build (f->file, form_id, IPS_LAYOUT_DEFAULT, time, &error);

  g_assert_no_error (error);
  g_assert_nonnull (blocks);
  return blocks;
}

static IpsLayoutBlock *
lookup (GPtrArray    *blocks,
      IpsBlockKind  kind,
      const char   *text,
      guint        *position)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      IpsLayoutBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind == kind && (text == NULL || g_strcmp0 (block->text, text) == 0))
        {
          if (position)
            *position = i;
          return block;
        }
    }
  return NULL;
}

static IpsLayoutBlock *
find (GPtrArray    *blocks,
      IpsBlockKind  kind,
      const char   *text,
      guint        *position)
{
  IpsLayoutBlock *block = lookup (blocks, kind, text, position);

  if (block == NULL)
    g_error ("no block of kind %d with “%s”", kind, text ? text : "(any)");
  return block;
}

/* Each form starts with the client's name, its title and the date, in the catalog's order. */
static void
test_forms (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) blocks = build (f, NULL);
  guint n_forms = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      IpsLayoutBlock *block = g_ptr_array_index (blocks, i);

      if (block->kind != IPS_BLOCK_CLIENT_NAME)
        continue;
      g_assert_cmpstr (block->text, ==, "John");
      g_assert_cmpint (((IpsLayoutBlock *)g_ptr_array_index (blocks, i + 1))->kind, ==, IPS_BLOCK_TITLE);
      g_assert_cmpstr (((IpsLayoutBlock *)g_ptr_array_index (blocks, i + 1))->text, ==,
                       ips_form_definition_get_title (ips_form_catalog_get_form (f->catalog, n_forms)));
      g_assert_cmpstr (((IpsLayoutBlock *)g_ptr_array_index (blocks, i + 2))->text, ==, "Date: 5 January 2026");
      n_forms++;
    }
  g_assert_cmpuint (n_forms, ==, ips_form_catalog_get_n_forms (f->catalog));
}

/* Questions in bold with the answer beneath, options ticked, empty answers
 * left to be written in, a follow-up answered "no" left out. */
static void
test_questions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) blocks = build (f, "referral");
  guint at = 0;

  g_assert_nonnull (find (blocks, IPS_BLOCK_LABEL, "Client name", &at));
  g_assert_cmpint (((IpsLayoutBlock *)g_ptr_array_index (blocks, at + 1))->kind, ==, IPS_BLOCK_ANSWER);
  g_assert_cmpstr (((IpsLayoutBlock *)g_ptr_array_index (blocks, at + 1))->text, ==, "John");
  g_assert_nonnull (find (blocks, IPS_BLOCK_ANSWER, "1 January 1970", NULL));
  g_assert_nonnull (find (blocks, IPS_BLOCK_OPTION, "☑ Return to paid employment", NULL));
  g_assert_nonnull (find (blocks, IPS_BLOCK_OPTION, "☐ Help looking into on-the-job training", NULL));
  g_assert_nonnull (find (blocks, IPS_BLOCK_LABEL, "Team", &at));
  g_assert_cmpint (((IpsLayoutBlock *)g_ptr_array_index (blocks, at + 1))->kind, ==, IPS_BLOCK_BLANK);
  g_assert_null (lookup (blocks, IPS_BLOCK_LABEL, "If volunteering, for how long", NULL));
}

/* The decision balance is a 2 x 2 grid with its row and column names. */
static void
test_grid (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) blocks = build (f, "decision-balance");
  IpsLayoutBlock *table = find (blocks, IPS_BLOCK_TABLE, NULL, NULL);
  IpsLayoutRow *header, *row;
  IpsLayoutCell *cell;

  g_assert_nonnull (table);
  g_assert_cmpuint (table->widths->len, ==, 3);
  g_assert_cmpuint (table->rows->len, ==, 3);
  header = g_ptr_array_index (table->rows, 0);
  g_assert_cmpint (header->kind, ==, IPS_ROW_HEADER);
  g_assert_cmpstr (((IpsLayoutCell *)g_ptr_array_index (header->cells, 1))->text, ==, "Advantages");
  g_assert_cmpstr (((IpsLayoutCell *)g_ptr_array_index (header->cells, 2))->text, ==, "Disadvantages");
  row = g_ptr_array_index (table->rows, 1);
  g_assert_cmpint (row->kind, ==, IPS_ROW_GRID);
  cell = g_ptr_array_index (row->cells, 0);
  g_assert_true (cell->heading);
  cell = g_ptr_array_index (row->cells, 1);
  g_assert_nonnull (cell->points);
  g_assert_cmpuint (g_strv_length (cell->points), >, 0);
}

/* Rows make a table with a header of the fields' labels; a signature line
 * carries what was drawn on screen, and when. */
static void
test_rows_and_signature (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  IpsLayoutBlock *signature;
  IpsLayoutBlock *table;
  IpsLayoutRow *header;

  /* John signs his plan; start from an unsigned one. */
  ips_signature_clear (f->file, "action-plan", "client-signature", &error);
  g_assert_no_error (error);
  before = build (f, "action-plan");
  signature = find (before, IPS_BLOCK_SIGNATURE, NULL, NULL);
  table = find (before, IPS_BLOCK_TABLE, NULL, NULL);

  g_assert_nonnull (table);
  header = g_ptr_array_index (table->rows, 0);
  g_assert_cmpint (header->kind, ==, IPS_ROW_HEADER);
  g_assert_cmpuint (header->cells->len, ==, table->widths->len);
  g_assert_cmpstr (((IpsLayoutCell *)g_ptr_array_index (header->cells, 0))->text, ==, "Objective");

  g_assert_nonnull (signature);
  g_assert_null (signature->signature);
  g_assert_null (signature->date);

  ips_client_file_set_value (f->file, "action-plan", "client-signature", "M10 10 l 90 30 Q 160 5 170 25", &error);
  g_assert_no_error (error);
  after = build (f, "action-plan");
  signature = find (after, IPS_BLOCK_SIGNATURE, NULL, NULL);
  g_assert_cmpstr (signature->signature, ==, "M 10 10 L 100 40 Q 160 5 170 25");
  g_assert_nonnull (signature->date);
}

static void
test_unknown_form (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = ips_document_layout_build (f->file, "nope", IPS_LAYOUT_DEFAULT, NULL, &error);

  g_assert_null (blocks);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FORM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/document-layout/forms", test_forms);
  ADD ("/core/document-layout/questions", test_questions);
  ADD ("/core/document-layout/grid", test_grid);
  ADD ("/core/document-layout/rows-and-signature", test_rows_and_signature);
  ADD ("/core/document-layout/unknown-form", test_unknown_form);
#undef ADD

  return g_test_run ();
}
