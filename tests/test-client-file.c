/* test-client-file.c: the client file store, with real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ips-caseload-entry.h"
#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-file-lock.h"
#include "ips-test-util.h"

typedef struct
{
  char *dir;
  char *path;
  IpsFormCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ips_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "client.ipsclient", NULL);
  fixture->catalog = ips_test_catalog ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_object_unref (fixture->catalog);
}

static IpsClientFile *
create (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  IpsClientFile *file = ips_client_file_create (fixture->path, fixture->catalog, &error);

  g_assert_no_error (error);
  return file;
}

static IpsClientFile *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  IpsClientFile *file = ips_client_file_open (fixture->path, fixture->catalog,
                                              IPS_CLIENT_FILE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return file;
}

static void
set (IpsClientFile *file,
     const char    *key,
     const char    *value)
{
  g_autoptr(GError) error = NULL;

  ips_client_file_set_value (file, "referral", key, value, &error);
  g_assert_no_error (error);
}

static void
assert_value (IpsClientFile *file,
              const char    *key,
              const char    *expected)
{
  g_autofree char *value = ips_client_file_get_value (file, "referral", key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autofree char *id = g_strdup (ips_client_file_get_id (file));
  g_autofree char *listing = NULL;

  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_false (ips_client_file_get_read_only (file));
  g_assert_cmpint (ips_client_file_get_schema_version (file), ==, IPS_CLIENT_FILE_SCHEMA_VERSION);

  set (file, "name", "John");
  set (file, "address", "A flat,\r\nin the city,\nLondon");
  set (file, "date-of-birth", "1970-01-01");
  set (file, "meeting-time", "09:00");
  set (file, "unemployed", "yes");
  set (file, "referral-source", "care-coordinator");
  set (file, "reasons", "benefits-advice;return-to-paid-work");

  /* The client file and its journal are the client's alone. */
  g_assert_cmpuint (ips_test_file_mode (fixture->path), ==, 0600);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
    g_autofree char *lock = g_strconcat (fixture->path, "-lock", NULL);

    g_assert_cmpuint (ips_test_file_mode (wal), ==, 0600);
    g_assert_cmpuint (ips_test_file_mode (shm), ==, 0600);
    g_assert_cmpuint (ips_test_file_mode (lock), ==, 0600);
  }

  ips_client_file_close (file);
  g_clear_object (&file);

  /* A clean close leaves nothing beside the file. */
  listing = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "client.ipsclient");

  file = reopen (fixture);
  g_assert_cmpstr (ips_client_file_get_id (file), ==, id);
  assert_value (file, "name", "John");
  assert_value (file, "address", "A flat,\nin the city,\nLondon");
  assert_value (file, "reasons", "return-to-paid-work;benefits-advice");
  assert_value (file, "email", NULL);

  {
    g_autofree char *name = ips_client_file_dup_client_name (file);
    g_assert_cmpstr (name, ==, "John");
  }

  /* Emptying a field unsets it. */
  set (file, "name", "");
  assert_value (file, "name", NULL);
}

static void
test_refuses_existing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  IpsClientFile *file;

  g_file_set_contents (fixture->path, "precious", -1, NULL);
  before = ips_test_read_bytes (fixture->path);

  file = ips_client_file_create (fixture->path, fixture->catalog, &error);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_EXISTS);
  g_assert_null (file);

  after = ips_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_validation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  struct {
    const char *form;
    const char *key;
    const char *value;
    int code;
  } bad[] = {
    { "nonsense", "name", "x", IPS_ERROR_UNKNOWN_FORM },
    { "referral", "shoe-size", "x", IPS_ERROR_UNKNOWN_FIELD },
    { "referral", "date-of-birth", "1/1/1970", IPS_ERROR_INVALID_VALUE },
    { "referral", "date-of-birth", "1970-02-30", IPS_ERROR_INVALID_VALUE },
    { "referral", "meeting-time", "25:00", IPS_ERROR_INVALID_VALUE },
    { "referral", "meeting-time", "9am", IPS_ERROR_INVALID_VALUE },
    { "referral", "unemployed", "maybe", IPS_ERROR_INVALID_VALUE },
    { "referral", "referral-source", "psychic", IPS_ERROR_INVALID_VALUE },
    { "referral", "reasons", "return-to-paid-work;fame", IPS_ERROR_INVALID_VALUE },
    { "referral", "name", "John\nSmith", IPS_ERROR_INVALID_VALUE },
    { "referral", "name", "\xff\xfe", IPS_ERROR_INVALID_VALUE },
  };

  set (file, "name", "John");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ips_client_file_set_value (file, bad[i].form, bad[i].key, bad[i].value, &error));
      g_assert_error (error, IPS_ERROR, bad[i].code);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* Nothing was recorded for the refused edits. */
  {
    g_autoptr(GListModel) history = ips_client_file_list_history (file, NULL, NULL, NULL, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  }
  assert_value (file, "name", "John");
}

static void
test_history_and_restore (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(IpsHistoryEntry) first = NULL;
  g_autoptr(IpsHistoryEntry) last = NULL;
  g_autoptr(GError) error = NULL;

  set (file, "hopes", "Part-time work");
  set (file, "hopes", "Part-time work with computers");
  set (file, "hopes", "Part-time work with computers");   /* unchanged: not recorded */
  set (file, "name", "John");
  set (file, "hopes", "Anything");

  history = ips_client_file_list_history (file, "referral", NULL, NULL, "hopes");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);

  first = g_list_model_get_item (history, 0);
  g_assert_cmpstr (ips_history_entry_get_old_value (first), ==, NULL);
  g_assert_cmpstr (ips_history_entry_get_new_value (first), ==, "Part-time work");
  g_assert_cmpstr (ips_history_entry_get_author (first), ==, g_get_user_name ());
  g_assert_cmpint (ips_history_entry_get_action (first), ==, IPS_HISTORY_SET);
  {
    g_autoptr(GDateTime) when = ips_history_entry_dup_date_time (first);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_nonnull (when);
    g_assert_cmpint (g_date_time_difference (now, when), <, 60 * G_TIME_SPAN_SECOND);
  }

  /* Restore an earlier value: it becomes a change of its own. */
  ips_client_file_restore_value (file, first, &error);
  g_assert_no_error (error);
  assert_value (file, "hopes", "Part-time work");

  /* Undo that restore. */
  g_clear_object (&history);
  history = ips_client_file_list_history (file, "referral", NULL, NULL, "hopes");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 4);
  last = g_list_model_get_item (history, 3);
  ips_client_file_revert_change (file, last, &error);
  g_assert_no_error (error);
  assert_value (file, "hopes", "Anything");

  g_assert_cmpint (ips_client_file_get_last_change_id (file), >, ips_history_entry_get_id (last));
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  IpsFormCatalog *catalog = fixture->catalog;
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_auto(GStrv) rows = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(IpsHistoryEntry) removal = NULL;
  const char *form = NULL, *group = NULL, *key = NULL;

  /* Use the first group of rows of any form, so this holds as forms grow. */
  for (guint i = 0; form == NULL && i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *definition = ips_form_catalog_get_form (catalog, i);
      GPtrArray *fields = ips_form_definition_get_all_fields (definition);

      for (guint j = 0; j < fields->len; j++)
        {
          IpsFieldDefinition *field = g_ptr_array_index (fields, j);

          if (ips_field_definition_is_group (field))
            {
              IpsFieldDefinition *first = g_ptr_array_index (ips_field_definition_get_fields (field), 0);

              if (ips_field_definition_get_field_type (first) != IPS_FIELD_TEXT &&
                  ips_field_definition_get_field_type (first) != IPS_FIELD_LONG)
                continue;
              form = ips_form_definition_get_id (definition);
              group = ips_field_definition_get_key (field);
              key = ips_field_definition_get_key (first);
              break;
            }
        }
    }
  if (form == NULL)
    {
      g_test_skip ("No form has a group of rows yet");
      return;
    }

  file = create (fixture);
  a = ips_client_file_add_row (file, form, group, -1, &error);
  g_assert_no_error (error);
  b = ips_client_file_add_row (file, form, group, -1, &error);
  c = ips_client_file_add_row (file, form, group, 0, &error);
  g_assert_no_error (error);

  ips_client_file_set_row_value (file, a, key, "A", &error);
  ips_client_file_set_row_value (file, b, key, "B", &error);
  ips_client_file_set_row_value (file, c, key, "C", &error);
  g_assert_no_error (error);

  rows = ips_client_file_list_rows (file, form, group);
  g_assert_cmpuint (g_strv_length (rows), ==, 3);
  g_assert_cmpstr (rows[0], ==, c);
  g_assert_cmpstr (rows[1], ==, a);
  g_assert_cmpstr (rows[2], ==, b);
  g_clear_pointer (&rows, g_strfreev);

  ips_client_file_move_row (file, c, 2, &error);
  g_assert_no_error (error);
  rows = ips_client_file_list_rows (file, form, group);
  g_assert_cmpstr (rows[0], ==, a);
  g_assert_cmpstr (rows[1], ==, b);
  g_assert_cmpstr (rows[2], ==, c);
  g_clear_pointer (&rows, g_strfreev);

  ips_client_file_remove_row (file, a, &error);
  g_assert_no_error (error);
  rows = ips_client_file_list_rows (file, form, group);
  g_assert_cmpuint (g_strv_length (rows), ==, 2);
  g_clear_pointer (&rows, g_strfreev);

  /* An unknown field of a row, and a removed row, are refused. */
  g_assert_false (ips_client_file_set_row_value (file, b, "no-such-key", "x", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);
  g_assert_false (ips_client_file_set_row_value (file, a, key, "x", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undoing the removal brings the row back where it was, with its values. */
  history = ips_client_file_list_history (file, form, group, a, NULL);
  removal = g_list_model_get_item (history, g_list_model_get_n_items (history) - 1);
  g_assert_cmpint (ips_history_entry_get_action (removal), ==, IPS_HISTORY_REMOVE_ROW);
  ips_client_file_revert_change (file, removal, &error);
  g_assert_no_error (error);

  rows = ips_client_file_list_rows (file, form, group);
  g_assert_cmpuint (g_strv_length (rows), ==, 3);
  g_assert_cmpstr (rows[0], ==, a);
  {
    g_autofree char *value = ips_client_file_get_row_value (file, a, key);
    g_assert_cmpstr (value, ==, "A");
  }

  /* Reopened, the order stays. */
  g_clear_object (&file);
  file = reopen (fixture);
  g_clear_pointer (&rows, g_strfreev);
  rows = ips_client_file_list_rows (file, form, group);
  g_assert_cmpstr (rows[0], ==, a);
  g_assert_cmpstr (rows[1], ==, b);
  g_assert_cmpstr (rows[2], ==, c);
}

static void
test_second_opener (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(IpsClientFile) first = create (fixture);
  g_autoptr(IpsClientFile) second = NULL;
  g_autoptr(IpsClientFile) reader = NULL;
  g_autoptr(GError) error = NULL;

  set (first, "name", "John");

  second = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, g_get_user_name ()));
  g_assert_nonnull (strstr (error->message, g_get_host_name ()));
  g_clear_error (&error);

  /* It may be opened read-only, and it says why. */
  reader = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ips_client_file_get_read_only (reader));
  g_assert_cmpint (ips_client_file_get_read_only_reason (reader), ==, IPS_READ_ONLY_LOCKED);
  g_assert_nonnull (strstr (ips_client_file_get_read_only_message (reader), g_get_host_name ()));
  assert_value (reader, "name", "John");

  g_assert_false (ips_client_file_set_value (reader, "referral", "name", "Jack", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The reader sees the writer's later edits. */
  set (first, "name", "John Smith");
  assert_value (reader, "name", "John Smith");

  /* Once closed, it opens for writing. */
  g_clear_object (&first);
  second = reopen (fixture);
  g_assert_false (ips_client_file_get_read_only (second));
}

/* An export reads between ips_client_file_begin_read() and _end_read(): it
 * sees one state of the file while the window goes on saving. */
static void
test_read_snapshot (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(IpsClientFile) writer = create (fixture);
  g_autoptr(IpsClientFile) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rows = NULL;
  g_autofree char *title = NULL;
  g_autofree char *employer = NULL;

  set (writer, "name", "John");
  ips_test_add_row (writer, "journey", "jobs", "title", "Warehouse operative", "employer", NULL, NULL);
  reader = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rows = ips_client_file_list_rows (reader, "journey", "jobs");
  g_assert_cmpuint (g_strv_length (rows), ==, 1);

  ips_client_file_begin_read (reader);
  assert_value (reader, "name", "John");
  title = ips_client_file_get_row_value (reader, rows[0], "title");
  g_assert_cmpstr (title, ==, "Warehouse operative");
  g_clear_pointer (&title, g_free);
  /* The writer is not held up, and the reader does not see its edit yet:
   * neither a value of a form or a row it has read, nor one it has not. */
  set (writer, "name", "John Smith");
  set (writer, "telephone", "01632 960000");
  ips_test_set (writer, "journey", "referral-received", "2026-01-05");
  ips_test_set_row (writer, rows[0], "title", "Driver");
  ips_test_set_row (writer, rows[0], "employer", "Parcels Ltd");
  assert_value (reader, "name", "John");
  assert_value (reader, "telephone", NULL);
  g_assert_null (ips_client_file_get_value (reader, "journey", "referral-received"));
  title = ips_client_file_get_row_value (reader, rows[0], "title");
  employer = ips_client_file_get_row_value (reader, rows[0], "employer");
  g_assert_cmpstr (title, ==, "Warehouse operative");
  g_assert_null (employer);
  g_clear_pointer (&title, g_free);
  g_assert_null (ips_client_file_get_value (reader, "referral", NULL));
  g_assert_null (ips_client_file_get_row_value (reader, "no-such-row", "title"));
  /* Nested calls keep the same snapshot until the outermost ends. */
  ips_client_file_begin_read (reader);
  assert_value (reader, "name", "John");
  ips_client_file_end_read (reader);
  assert_value (reader, "name", "John");
  ips_client_file_end_read (reader);

  assert_value (reader, "name", "John Smith");
  assert_value (reader, "telephone", "01632 960000");
  title = ips_client_file_get_row_value (reader, rows[0], "title");
  g_assert_cmpstr (title, ==, "Driver");
  g_clear_pointer (&title, g_free);

  /* A new snapshot sees every edit made before it. */
  ips_client_file_begin_read (reader);
  title = ips_client_file_get_row_value (reader, rows[0], "title");
  employer = ips_client_file_get_row_value (reader, rows[0], "employer");
  g_assert_cmpstr (title, ==, "Driver");
  g_assert_cmpstr (employer, ==, "Parcels Ltd");
  assert_value (reader, "telephone", "01632 960000");
  ips_client_file_end_read (reader);

  /* The writer's own reads in a snapshot; it edits again once it ends. */
  ips_client_file_begin_read (writer);
  assert_value (writer, "name", "John Smith");
  ips_client_file_end_read (writer);
  set (writer, "name", "John");
  assert_value (reader, "name", "John");
}

/* A change group is a number while it lasts, the same for nested calls,
 * and new for each group. */
static void
test_change_groups (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(GListModel) history = NULL;
  guint first;

  g_assert_cmpuint (ips_client_file_get_change_group (file), ==, 0);
  ips_client_file_begin_change_group (file);
  first = ips_client_file_get_change_group (file);
  g_assert_cmpuint (first, !=, 0);
  set (file, "name", "John");
  ips_client_file_begin_change_group (file);
  g_assert_cmpuint (ips_client_file_get_change_group (file), ==, first);
  set (file, "telephone", "01632 960000");
  ips_client_file_end_change_group (file);
  g_assert_cmpuint (ips_client_file_get_change_group (file), ==, first);
  ips_client_file_end_change_group (file);
  g_assert_cmpuint (ips_client_file_get_change_group (file), ==, 0);

  ips_client_file_begin_change_group (file);
  g_assert_cmpuint (ips_client_file_get_change_group (file), !=, 0);
  g_assert_cmpuint (ips_client_file_get_change_group (file), !=, first);
  ips_client_file_end_change_group (file);
  /* Each change is still its own in the history. */
  history = ips_client_file_list_history (file, "referral", NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  assert_value (file, "name", "John");
  assert_value (file, "telephone", "01632 960000");
}

static void
make_newer (const char *path,
            int         version)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  set (file, "name", "John");
  g_clear_object (&file);
  make_newer (fixture->path, IPS_CLIENT_FILE_SCHEMA_VERSION + 1);
  before = ips_test_read_bytes (fixture->path);

  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NEWER_VERSION);
  g_clear_error (&error);

  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ips_client_file_get_read_only_reason (file), ==, IPS_READ_ONLY_NEWER_VERSION);
  assert_value (file, "name", "John");
  g_assert_false (ips_client_file_set_value (file, "referral", "name", "Jack", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&file);

  /* Read from a copy on a network share, it still says why it is read-only. */
  g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);
  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
  g_assert_no_error (error);
  g_assert_cmpint (ips_client_file_get_read_only_reason (file), ==, IPS_READ_ONLY_NEWER_VERSION);
  g_assert_cmpstr (ips_client_file_get_read_only_message (file), ==,
                   "Read-only: made by a newer version of IPS Caseload");
  g_clear_object (&file);

  after = ips_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  listing = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "client.ipsclient");
}

/* A file saved by each released schema version opens, and reads back. */
static void
test_migrations (Fixture       *fixture,
                 gconstpointer  data)
{
  for (int version = 1; version <= IPS_CLIENT_FILE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("schema-%d.ipsclient", version);
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GBytes) bytes = ips_test_read_bytes (source);
      g_autoptr(IpsClientFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) history = NULL;

      g_assert_nonnull (bytes);
      g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes),
                                G_FILE_SET_CONTENTS_NONE, 0600, &error);
      g_assert_no_error (error);

      file = ips_client_file_open (path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ips_client_file_get_schema_version (file), ==, IPS_CLIENT_FILE_SCHEMA_VERSION);
      assert_value (file, "name", "John");
      assert_value (file, "postcode", "AB12C345");
      history = ips_client_file_list_history (file, NULL, NULL, NULL, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (history), >=, 2);
      set (file, "email", "John@home.com");
    }
}

/* Hostile files */

typedef void (*MakeFile) (Fixture *fixture);

static void
write_bytes (const char *path,
             const void *data,
             gsize       size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, data, (gssize)size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
  g_assert_no_error (error);
}

static void
make_empty (Fixture *fixture)
{
  write_bytes (fixture->path, "", 0);
}

static void
make_random (Fixture *fixture)
{
  g_autofree guint32 *data = g_new (guint32, 2048);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 2048; i++)
    data[i] = g_rand_int (rand);
  g_rand_free (rand);
  write_bytes (fixture->path, data, 2048 * sizeof (guint32));
}

static void
make_text (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "Client name: John. Referral source: care co-ordinator.\n");
  write_bytes (fixture->path, text->str, text->len);
}

static void
make_client (Fixture *fixture)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 400; i++)
    g_string_append (text, "John has a strong aptitude for computers. ");
  set (file, "name", "John");
  set (file, "current-situation", text->str);
  set (file, "hopes", text->str);
  set (file, "concerns", text->str);
}

static void
make_truncated (Fixture *fixture)
{
  g_autoptr(GBytes) bytes = NULL;

  make_client (fixture);
  bytes = ips_test_read_bytes (fixture->path);
  write_bytes (fixture->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2 + 100);
}

static void
make_flipped_page (Fixture *fixture)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guchar *data = NULL;
  gsize size;

  make_client (fixture);
  bytes = ips_test_read_bytes (fixture->path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_assert_cmpuint (size, >=, 4096 * 4);
  /* Every byte of the b-tree pages after the first: their headers break. */
  for (gsize i = 4096; i < size; i += 4096)
    for (gsize j = 0; j < 12; j++)
      data[i + j] ^= 0xff;
  write_bytes (fixture->path, data, size);
}

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_other_application (Fixture *fixture)
{
  exec_raw (fixture->path, "PRAGMA application_id = 1; CREATE TABLE notes (text TEXT);"
                           "INSERT INTO notes VALUES ('not a client');");
}

static void
make_plain_sqlite (Fixture *fixture)
{
  exec_raw (fixture->path, "CREATE TABLE field_value (form, key, value);");
}

static void
make_trigger (Fixture *fixture)
{
  make_client (fixture);
  exec_raw (fixture->path, "CREATE TRIGGER spy AFTER INSERT ON field_value"
                           " BEGIN DELETE FROM history; END;");
}

static void
make_view (Fixture *fixture)
{
  make_client (fixture);
  exec_raw (fixture->path, "CREATE VIEW everything AS SELECT * FROM field_value;");
}

static void
make_extra_table (Fixture *fixture)
{
  make_client (fixture);
  exec_raw (fixture->path, "CREATE TABLE extra (x TEXT);");
}

static void
make_symlink (Fixture *fixture)
{
  g_autofree char *target = g_build_filename (fixture->dir, "real.ipsclient", NULL);
  g_autofree char *saved = g_steal_pointer (&fixture->path);

  fixture->path = g_steal_pointer (&target);
  make_client (fixture);
  target = g_steal_pointer (&fixture->path);
  fixture->path = g_steal_pointer (&saved);
  g_assert_cmpint (symlink (target, fixture->path), ==, 0);
}

static void
make_directory (Fixture *fixture)
{
  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
}

typedef struct
{
  const char *name;
  MakeFile make;
  int code;
} Hostile;

static const Hostile hostile_files[] = {
  { "zero-bytes", make_empty, IPS_ERROR_NOT_CLIENT_FILE },
  { "random-bytes", make_random, IPS_ERROR_NOT_CLIENT_FILE },
  { "text-file", make_text, IPS_ERROR_NOT_CLIENT_FILE },
  { "truncated", make_truncated, IPS_ERROR_DAMAGED },
  { "flipped-page", make_flipped_page, IPS_ERROR_DAMAGED },
  { "other-application", make_other_application, IPS_ERROR_NOT_CLIENT_FILE },
  { "plain-sqlite", make_plain_sqlite, IPS_ERROR_NOT_CLIENT_FILE },
  { "extra-trigger", make_trigger, IPS_ERROR_DAMAGED },
  { "extra-view", make_view, IPS_ERROR_DAMAGED },
  { "extra-table", make_extra_table, IPS_ERROR_DAMAGED },
  { "symlink", make_symlink, IPS_ERROR_UNREADABLE },
  { "directory", make_directory, IPS_ERROR_UNREADABLE },
};

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  const Hostile *hostile = data;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;

  hostile->make (fixture);

  before = ips_test_read_bytes (fixture->path);
  listing_before = ips_test_list_dir (fixture->dir);

  for (guint flags = 0; flags < 2; flags++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) file = NULL;

      file = ips_client_file_open (fixture->path, fixture->catalog, flags, &error);
      g_assert_null (file);
      g_assert_error (error, IPS_ERROR, hostile->code);
      g_test_message ("%s: %s", hostile->name, error->message);
    }

  /* The same bytes in memory meet the same checks. */
  if (before != NULL && g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR) &&
      !g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) file = ips_client_file_open_bytes (before, fixture->catalog, &error);

      g_assert_null (file);
      g_assert_error (error, IPS_ERROR, hostile->code);
    }

  /* Refused with its bytes unchanged, and nothing left beside it. */
  after = ips_test_read_bytes (fixture->path);
  g_assert_true ((before == NULL && after == NULL) || g_bytes_equal (before, after));
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

static void
test_open_bytes (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(IpsClientFile) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *name = NULL;

  set (file, "name", "John");
  set (file, "hopes", "Part-time work with computers");
  g_clear_object (&file);

  bytes = ips_test_read_bytes (fixture->path);
  listing = ips_test_list_dir (fixture->dir);

  copy = ips_client_file_open_bytes (bytes, fixture->catalog, &error);
  g_assert_no_error (error);
  g_assert_null (ips_client_file_get_path (copy));
  g_assert_true (ips_client_file_get_read_only (copy));
  name = ips_client_file_dup_client_name (copy);
  g_assert_cmpstr (name, ==, "John");
  assert_value (copy, "hopes", "Part-time work with computers");

  g_assert_false (ips_client_file_set_value (copy, "referral", "name", "Jack", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Nothing was written beside the file on disk, and a file open for
   * writing can still be read as bytes. */
  g_clear_object (&copy);
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing);
  file = reopen (fixture);
  copy = ips_client_file_open_bytes (bytes, fixture->catalog, &error);
  g_assert_no_error (error);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) file = NULL;

      /* The child's own fixture folder is not used; once it is no longer
       * root it could not remove it from /tmp. */
      ips_test_remove_tree (fixture->dir);
      ips_test_drop_root ();
      file = ips_client_file_open (g_getenv ("IPS_TEST_PATH"), fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
      g_assert_null (file);
      g_assert_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE);
      g_print ("%s\n", error->message);
      return;
    }

  make_client (fixture);
  g_assert_cmpint (g_chmod (fixture->path, 0000), ==, 0);
  /* The child runs the fixture again; it finds this file through the environment. */
  g_setenv ("IPS_TEST_PATH", fixture->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*permission*");
}

/* A folder the user may read but not write to (a shared folder open to
 * reading, a read-only disk): SQLite cannot make the -shm file it reads
 * with there. The file opens read-only, as it is on disk, even when written
 * a moment ago, and a caseload scan reads it; opening it for editing is
 * refused with the reason; nothing in the folder changes. */
static void
test_unwritable_folder (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  if (g_test_subprocess ())
    {
      const char *shared = g_getenv ("IPS_TEST_FOLDER");
      g_autofree char *client = g_build_filename (shared, "client.ipsclient", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) file = NULL;
      g_autoptr(IpsCaseloadScan) scan = NULL;
      g_autoptr(GListModel) entries = NULL;
      g_autoptr(IpsCaseloadEntry) entry = NULL;
      g_autofree char *value = NULL;
      g_autofree char *report = NULL;

      ips_test_remove_tree (fixture->dir);
      ips_test_drop_root ();

      /* A -wal file beside it: open for editing elsewhere, and what is on
       * disk may lack its latest edits. */
      if (g_getenv ("IPS_TEST_WAL") != NULL)
        {
          file = ips_client_file_open (client, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
          g_assert_null (file);
          g_assert_error (error, IPS_ERROR, IPS_ERROR_LOCKED);
          g_assert_nonnull (strstr (error->message, "open for editing elsewhere"));
          g_clear_error (&error);

          /* A file far larger than any client file is not read into memory. */
          {
            g_autofree char *huge = g_build_filename (shared, "huge.ipsclient", NULL);

            file = ips_client_file_open (huge, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
            g_assert_null (file);
            g_assert_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE);
            g_assert_nonnull (strstr (error->message, "too large"));
          }
          return;
        }

      file = ips_client_file_open (client, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
      g_assert_null (file);
      g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "permission"));
      g_clear_error (&error);

      file = ips_client_file_open (client, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (ips_client_file_get_read_only (file));
      g_assert_cmpstr (ips_client_file_get_read_only_message (file), ==, "Read-only: its folder cannot be written");
      value = ips_client_file_get_value (file, "referral", "hopes");
      g_assert_cmpstr (value, ==, "Part-time work with computers");
      g_assert_false (ips_client_file_set_value (file, "referral", "hopes", "Changed", &error));
      g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_true (ips_client_file_check_integrity (file, &report, &error));
      g_assert_no_error (error);
      g_clear_object (&file);

      scan = ips_caseload_scan_new (fixture->catalog);
      entries = ips_caseload_scan_run (scan, shared, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
      entry = g_list_model_get_item (entries, 0);
      g_assert_cmpstr (ips_caseload_entry_get_error (entry), ==, NULL);
      g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "John");
      return;
    }

  folder = g_build_filename (fixture->dir, "shared", NULL);
  path = g_build_filename (folder, "client.ipsclient", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IpsClientFile) file = ips_client_file_create (path, fixture->catalog, &error);

    g_assert_no_error (error);
    ips_test_set (file, "referral", "name", "John");
    ips_test_set (file, "referral", "hopes", "Part-time work with computers");
    ips_client_file_close (file);
  }
  if (getuid () == 0)
    {
      /* The file is the user's; the folder is not theirs to write to. */
      g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
    }
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  listing = ips_test_list_dir (folder);
  before = ips_test_read_bytes (path);

  g_setenv ("IPS_TEST_FOLDER", folder, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  {
    g_autofree char *listing_after = ips_test_list_dir (folder);

    g_assert_cmpstr (listing_after, ==, listing);
  }
  after = ips_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* Now with a -wal file beside it, and a huge file. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *huge = g_build_filename (folder, "huge.ipsclient", NULL);
    int fd;

    g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
    ips_test_write_file (wal, "", 0);
    /* Sparse: it takes no room on the disk. */
    fd = g_open (huge, O_WRONLY | O_CREAT | O_EXCL, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t)300 * 1024 * 1024), ==, 0);
    close (fd);
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  }
  g_setenv ("IPS_TEST_WAL", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("IPS_TEST_WAL");
  g_test_trap_assert_passed ();
}

static gboolean
exists_beside (const char *path,
               const char *suffix)
{
  g_autofree char *name = g_strconcat (path, suffix, NULL);

  return g_file_test (name, G_FILE_TEST_EXISTS);
}

/* On a network share the editor keeps SQLite's WAL index in its own memory
 * (no -shm file, which other computers would map without sharing it), and
 * a reader reads a copy of the file as it is on disk, or is told to wait
 * while it is open for editing. */
static void
test_network_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(IpsClientFile) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsCaseloadScan) scan = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(IpsCaseloadEntry) entry = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *report = NULL;

  g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);

  /* Created and edited with no -shm file. */
  file = create (fixture);
  set (file, "name", "John");
  set (file, "hopes", "Part-time work with computers");
  g_assert_false (exists_beside (fixture->path, "-shm"));
  g_assert_true (exists_beside (fixture->path, "-wal"));

  /* Read while it is open for editing: refused, with the reason, for a
   * user's read-only open and for the caseload's snapshot read alike. */
  for (guint i = 0; i < 2; i++)
    {
      reader = ips_client_file_open (fixture->path, fixture->catalog,
                                     i == 0 ? IPS_CLIENT_FILE_OPEN_READ_ONLY : IPS_CLIENT_FILE_OPEN_SNAPSHOT, &error);
      g_assert_null (reader);
      g_assert_error (error, IPS_ERROR, IPS_ERROR_LOCKED);
      g_assert_cmpstr (error->message, ==,
                       "The file is open for editing, and its folder is on a network share: "
                       "it can be read once it is closed");
      g_clear_error (&error);
    }
  g_assert_false (exists_beside (fixture->path, "-shm"));

  /* Closed: the WAL is written back into the file and removed. */
  g_clear_object (&file);
  g_assert_false (exists_beside (fixture->path, "-wal"));
  g_assert_false (exists_beside (fixture->path, "-shm"));
  g_assert_false (exists_beside (fixture->path, "-lock"));

  /* Read from a copy in memory: nothing made beside it. */
  listing = ips_test_list_dir (fixture->dir);
  reader = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ips_client_file_get_read_only (reader));
  g_assert_cmpstr (ips_client_file_get_read_only_message (reader), ==, "Read-only");
  assert_value (reader, "hopes", "Part-time work with computers");
  g_assert_false (ips_client_file_set_value (reader, "referral", "hopes", "Changed", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
  g_clear_error (&error);
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_after, ==, listing);
  g_clear_object (&reader);

  /* The caseload lists it. */
  scan = ips_caseload_scan_new (fixture->catalog);
  entries = ips_caseload_scan_run (scan, fixture->dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpstr (ips_caseload_entry_get_error (entry), ==, NULL);
  g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "John");

  /* Opened again for editing: still no -shm, and the edit is kept. While
   * it is open the caseload shows what it read before; once it is closed,
   * what it holds now. */
  file = reopen (fixture);
  set (file, "hopes", "Work in a library");
  set (file, "name", "John Smith");
  g_assert_false (exists_beside (fixture->path, "-shm"));
  g_assert_true (ips_client_file_check_integrity (file, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&entries);
      g_clear_object (&entry);
      if (i == 1)
        g_clear_object (&file);
      entries = ips_caseload_scan_run (scan, fixture->dir, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
      entry = g_list_model_get_item (entries, 0);
      g_assert_cmpstr (ips_caseload_entry_get_error (entry), ==, NULL);
      g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, i == 0 ? "John" : "John Smith");
    }

  reader = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_value (reader, "hopes", "Work in a library");
  g_clear_object (&reader);

  /* Left with a -wal file by an editor that stopped without closing it (a
   * copy of the file and its -wal taken while open, with no lock held):
   * readers are told how to put it right, and opening it for editing
   * recovers the last edit. */
  {
    g_autofree char *left = g_build_filename (fixture->dir, "left.ipsclient", NULL);
    g_autofree char *left_wal = g_strconcat (left, "-wal", NULL);
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autoptr(GBytes) main_bytes = NULL;
    g_autoptr(GBytes) wal_bytes = NULL;

    file = reopen (fixture);
    set (file, "hopes", "Work in a bookshop");
    main_bytes = ips_test_read_bytes (fixture->path);
    wal_bytes = ips_test_read_bytes (wal);
    g_assert_cmpuint (g_bytes_get_size (wal_bytes), >, 0);
    ips_test_write_file (left, g_bytes_get_data (main_bytes, NULL), g_bytes_get_size (main_bytes));
    ips_test_write_file (left_wal, g_bytes_get_data (wal_bytes, NULL), g_bytes_get_size (wal_bytes));
    g_clear_object (&file);

    reader = ips_client_file_open (left, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
    g_assert_null (reader);
    g_assert_error (error, IPS_ERROR, IPS_ERROR_LOCKED);
    g_assert_cmpstr (error->message, ==,
                     "The file was not closed after it was last edited, and its folder is on a network share: "
                     "open it for editing once, and it can be read again");
    g_clear_error (&error);

    file = ips_client_file_open (left, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_clear_object (&file);
    g_assert_false (exists_beside (left, "-wal"));
    reader = ips_client_file_open (left, fixture->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    assert_value (reader, "hopes", "Work in a bookshop");
    g_clear_object (&reader);
  }

  g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
}

static void
test_missing (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *listing = NULL;

  file = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_null (file);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND);
  listing = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, "");
}

/* Crash safety: a writer killed at random moments loses no acknowledged edit. */

#define CRASH_KEYS 4
static const char * const crash_keys[CRASH_KEYS] = { "name", "current-situation", "hopes", "meeting-venue" };

static int
run_writer (const char *path,
            gint64      start)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = NULL;

  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file == NULL)
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }

  for (gint64 n = start; ; n++)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, n);

      if (!ips_client_file_set_value (file, "referral", crash_keys[n % CRASH_KEYS], value, &error))
        {
          fprintf (stderr, "writer: %s\n", error->message);
          return 1;
        }
      /* Acknowledged only once committed: this is what the window relies on. */
      printf ("%" G_GINT64_FORMAT "\n", n);
      fflush (stdout);
    }
  return 0;
}

static guint
crash_iterations (void)
{
  const char *env = g_getenv ("IPS_CRASH_ITERATIONS");

  return env ? (guint)g_ascii_strtoull (env, NULL, 10) : 50;
}

/* Run with data set, the folder is taken as a network share: the writer,
 * which inherits the environment, keeps its WAL index in its own memory. */
static void
test_crash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autofree char *self_path = g_test_build_filename (G_TEST_BUILT, "test-client-file", NULL);
  gint64 next = 0;
  guint iterations = crash_iterations ();
  guint lost = 0;

  if (data != NULL)
    g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);
  file = create (fixture);
  g_clear_object (&file);

  for (guint i = 0; i < iterations; i++)
    {
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, next);
      const char *argv[] = { self_path, "--writer", fixture->path, start, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(IpsClientFile) check = NULL;
      g_autofree char *report = NULL;
      gint64 acked = next - 1;
      GPid pid;
      int out_fd, status;
      FILE *out;
      char line[64];
      gint64 deadline;

      g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");

      /* Let it run for a random while, reading its acknowledgements. */
      deadline = g_get_monotonic_time () + g_test_rand_int_range (2000, 60000);
      while (g_get_monotonic_time () < deadline && fgets (line, sizeof line, out) != NULL)
        acked = g_ascii_strtoll (line, NULL, 10);
      kill (pid, SIGKILL);
      /* Acknowledgements already written before the kill count too. */
      while (fgets (line, sizeof line, out) != NULL)
        acked = g_ascii_strtoll (line, NULL, 10);
      fclose (out);
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      /* The lock died with the writer: the file opens for writing at once. */
      check = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (ips_client_file_check_integrity (check, &report, &error));
      g_assert_no_error (error);

      /* Every acknowledged edit is there: each key holds its last acknowledged value or a later one. */
      for (gint64 n = MAX (acked - CRASH_KEYS + 1, 0); n <= acked; n++)
        {
          g_autofree char *value = ips_client_file_get_value (check, "referral", crash_keys[n % CRASH_KEYS]);
          gint64 stored = value ? g_ascii_strtoll (value, NULL, 10) : -1;

          if (stored < n)
            lost++;
          next = MAX (next, stored + 1);
        }
      next = MAX (next, acked + 1);
    }

  g_test_message ("%u kills, %" G_GINT64_FORMAT " edits, %u acknowledged edits lost", iterations, next, lost);
  g_assert_cmpuint (lost, ==, 0);
  if (data != NULL)
    {
      g_assert_false (exists_beside (fixture->path, "-shm"));
      g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
    }
}

/* A snapshot read of a file no one has open makes no -wal or -shm file and
 * writes nothing; with a writer open it is the usual read, and sees what
 * the writer committed to its -wal file. */
static void
test_snapshot_open (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(IpsClientFile) file = create (fixture);
  g_autoptr(IpsClientFile) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *name = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  set (file, "name", "John");
  g_clear_object (&file);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = ips_test_read_bytes (fixture->path);

  snapshot = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_SNAPSHOT, &error);
  g_assert_no_error (error);
  g_assert_true (ips_client_file_is_snapshot (snapshot));
  g_assert_true (ips_client_file_get_read_only (snapshot));
  name = ips_client_file_dup_client_name (snapshot);
  g_assert_cmpstr (name, ==, "John");
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (ips_client_file_set_value (snapshot, "referral", "name", "Jo", &error));
  g_assert_error (error, IPS_ERROR, IPS_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&snapshot);
  after = ips_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A window has the file open: its edit is in the -wal file only. */
  file = reopen (fixture);
  set (file, "name", "Johnny");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  snapshot = ips_client_file_open (fixture->path, fixture->catalog, IPS_CLIENT_FILE_OPEN_SNAPSHOT, &error);
  g_assert_no_error (error);
  g_assert_false (ips_client_file_is_snapshot (snapshot));
  g_clear_pointer (&name, g_free);
  name = ips_client_file_dup_client_name (snapshot);
  g_assert_cmpstr (name, ==, "Johnny");
  g_clear_object (&snapshot);

  /* A damaged file says so, as it does to the usual read. */
  {
    g_autofree char *damaged = g_build_filename (fixture->dir, "damaged.ipsclient", NULL);

    ips_test_make_damaged (damaged, fixture->catalog);
    snapshot = ips_client_file_open (damaged, fixture->catalog, IPS_CLIENT_FILE_OPEN_SNAPSHOT, &error);
    g_assert_null (snapshot);
    g_assert_error (error, IPS_ERROR, IPS_ERROR_DAMAGED);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* Makes tests/data/schema-N.ipsclient when a schema version is released. */
  if (argc == 3 && g_strcmp0 (argv[1], "--make-fixture") == 0)
    {
      g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
      g_autoptr(IpsClientFile) file = ips_client_file_create (argv[2], catalog, NULL);

      set (file, "name", "John");
      set (file, "postcode", "AB12C345");
      set (file, "hopes", "Part-time work with computers");
      return 0;
    }
  if (argc == 4 && g_strcmp0 (argv[1], "--writer") == 0)
    return run_writer (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/client-file/create-reopen", test_create_and_reopen);
  ADD ("/core/client-file/refuses-existing", test_refuses_existing);
  ADD ("/core/client-file/validation", test_validation);
  ADD ("/core/client-file/history-restore", test_history_and_restore);
  ADD ("/core/client-file/rows", test_rows);
  ADD ("/core/client-file/second-opener", test_second_opener);
  ADD ("/core/client-file/read-snapshot", test_read_snapshot);
  ADD ("/core/client-file/snapshot-open", test_snapshot_open);
  ADD ("/core/client-file/change-groups", test_change_groups);
  ADD ("/core/client-file/newer-version", test_newer_version);
  ADD ("/core/client-file/migrations", test_migrations);
  ADD ("/core/client-file/missing", test_missing);
  ADD ("/core/client-file/open-bytes", test_open_bytes);
  ADD ("/core/client-file/hostile/unreadable", test_unreadable);
  ADD ("/core/client-file/unwritable-folder", test_unwritable_folder);
  ADD ("/core/client-file/network-folder", test_network_folder);
  ADD ("/core/client-file/crash", test_crash);
  g_test_add ("/core/client-file/network-folder/crash", Fixture, "network", fixture_set_up, test_crash,
              fixture_tear_down);
#undef ADD

  for (guint i = 0; i < G_N_ELEMENTS (hostile_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/client-file/hostile/%s", hostile_files[i].name);

      g_test_add (path, Fixture, &hostile_files[i], fixture_set_up, test_hostile, fixture_tear_down);
    }

  return g_test_run ();
}
