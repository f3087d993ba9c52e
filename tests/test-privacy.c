/* test-privacy.c: no client data in logs, recent files or stray files
 *
 * A full run with every debug message on: the command line makes, imports,
 * exports and checks John's record in child processes, and the window opens
 * it and takes typing in this one. Neither the client's name nor any answer
 * may appear in what they print or log; nothing may reach the desktop's
 * recently-used list; every file made is 0600 and no temporary file is left,
 * after success or failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <sys/stat.h>

#include "ips-binder.h"
#include "ips-client-file.h"
#include "ips-field.h"
#include "ips-form-page.h"
#include "ips-test-util.h"
#include "ips-window.h"
#include "ips-xml-import.h"

/* Everything logged in this process, every level. */
static GString *logged;

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 || g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
      {
        if (fields[i].length < 0)
          g_string_append (logged, fields[i].value);
        else
          g_string_append_len (logged, fields[i].value, fields[i].length);
        g_string_append_c (logged, '\n');
      }

  /* Warnings still show, and still fail the test (G_DEBUG=fatal-warnings). */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static char *
example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
}

/* The name and every free-text answer of John's record. */
static GPtrArray *
sensitive_values (void)
{
  g_autofree char *path = example_path ();
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_assert_nonnull (doc);
  g_ptr_array_add (stack, xmlDocGetRootElement (doc));
  while (stack->len > 0)
    {
      xmlNode *node = g_ptr_array_steal_index (stack, stack->len - 1);

      for (xmlNode *child = node->children; child; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          g_ptr_array_add (stack, child);

      if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST "field"))
        {
          xmlChar *type = xmlGetProp (node, BAD_CAST "type");

          if (type && (xmlStrEqual (type, BAD_CAST "text") || xmlStrEqual (type, BAD_CAST "long")))
            {
              xmlChar *content = xmlNodeGetContent (node);
              g_autofree char *value = g_strstrip (g_strdup ((const char *)content));

              /* Long answers: their first line is enough to recognise. */
              if (strchr (value, '\n'))
                *strchr (value, '\n') = '\0';
              if (g_utf8_strlen (value, -1) >= 4)
                g_ptr_array_add (values, g_steal_pointer (&value));
              xmlFree (content);
            }
          xmlFree (type);
        }
    }
  xmlFreeDoc (doc);

  g_assert_true (g_ptr_array_find_with_equal_func (values, "John", g_str_equal, NULL));
  g_assert_cmpuint (values->len, >, 20);
  return values;
}

static void
assert_no_client_data (const char *where,
                       const char *text,
                       GPtrArray  *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      if (strstr (text, value) != NULL)
        {
          g_test_message ("%s shows a client's answer: %s", where, value);
          g_test_fail ();
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* Every file under @dir, relative, sorted; fails on any that is not 0600. */
static char *
list_files_0600 (const char *dir,
                 const char *prefix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *relative = prefix ? g_build_filename (prefix, name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *inner = list_files_0600 (path, relative);

          if (*inner)
            g_ptr_array_add (names, g_steal_pointer (&inner));
          continue;
        }
      if (ips_test_file_mode (path) != 0600)
        {
          g_test_message ("%s has mode %o, not 600", relative, ips_test_file_mode (path));
          g_test_fail ();
        }
      g_ptr_array_add (names, g_steal_pointer (&relative));
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "", (char *)g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
find_recent_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return FALSE;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_prefix (name, "recently-used"))
        return TRUE;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && find_recent_files (path))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *home;
  GString *output;
} Run;

/* Runs the command line with every debug message on and a private home;
 * returns whether it succeeded. */
static gboolean
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup (g_getenv ("IPS_CASELOAD_EXE")));
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "all", TRUE);
  envp = g_environ_setenv (envp, "HOME", run->home, TRUE);
  {
    static const char * const xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

    for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
      {
        g_autofree char *path = g_build_filename (run->home, xdg[i], NULL);

        envp = g_environ_setenv (envp, xdg[i], path, TRUE);
      }
  }

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_string_append_printf (run->output, "%s%s", out, err);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_command_line (void)
{
  g_autoptr(GPtrArray) values = sensitive_values ();
  g_autofree char *dir = ips_test_make_dir ();
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *work = g_build_filename (dir, "work", NULL);
  g_autofree char *example = example_path ();
  g_autofree char *broken = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *client = g_build_filename (work, "client-a.ipsclient", NULL);
  g_autofree char *empty = g_build_filename (work, "client-b.ipsclient", NULL);
  g_autofree char *failed = g_build_filename (work, "client-c.ipsclient", NULL);
  g_autofree char *xml = g_build_filename (work, "client-a.xml", NULL);
  g_autofree char *odt = g_build_filename (work, "client-a.odt", NULL);
  g_autofree char *form_odt = g_build_filename (work, "client-a-referral.odt", NULL);
  g_autofree char *nowhere = g_build_filename (work, "no-such-folder", "client-a.odt", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  Run run = { home, g_string_new (NULL) };

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (work, 0700), ==, 0);

  /* Success... */
  g_assert_true (run_cli (&run, "new", "-o", empty, NULL));
  g_assert_true (run_cli (&run, "import", example, "-o", client, NULL));
  g_assert_true (run_cli (&run, "export", "--format=xml", "--with-history", client, "-o", xml, NULL));
  g_assert_true (run_cli (&run, "export", "--format=odt", client, "-o", odt, NULL));
  g_assert_true (run_cli (&run, "export", "--format=odt", "--form=referral", client, "-o", form_odt, NULL));
  g_assert_true (run_cli (&run, "check", client, NULL));

  /* ...and failure: an export that cannot be written, an export of a file
   * that is no client file, an import over a client, an import of a file
   * cut short. */
  g_assert_true (g_file_get_contents (example, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (broken, contents, length / 2, NULL));
  g_assert_false (run_cli (&run, "export", "--format=odt", client, "-o", nowhere, NULL));
  g_assert_false (run_cli (&run, "export", "--format=xml", broken, "-o", xml, NULL));
  g_assert_false (run_cli (&run, "import", example, "-o", client, NULL));
  g_assert_false (run_cli (&run, "import", broken, "-o", failed, NULL));

  g_test_message ("%s", run.output->str);
  assert_no_client_data ("The command line's output", run.output->str, values);

  /* Exactly the files asked for, each 0600; nothing half-written. */
  listing = list_files_0600 (work, NULL);
  g_assert_cmpstr (listing, ==,
                   "client-a-referral.odt client-a.ipsclient client-a.odt client-a.xml client-b.ipsclient");
  g_assert_false (find_recent_files (home));

  g_string_free (run.output, TRUE);
  ips_test_remove_tree (dir);
}

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_window (void)
{
  g_autoptr(GPtrArray) values = sensitive_values ();
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autofree char *dir = ips_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "client-a.ipsclient", NULL);
  g_autofree char *example = example_path ();
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  const char *typed = "Would like to work in a bike repair shop near Station Road";
  IpsWindow *window;
  IpsFormPage *page;
  GtkWidget *name;
  GtkWidget *hopes;

  g_ptr_array_add (values, g_strdup (typed));

  file = ips_xml_import (xml, path, catalog, &error);
  g_assert_no_error (error);
  g_clear_object (&file);

  file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  window = ips_window_new (NULL, file);
  g_clear_object (&file);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (100);

  /* The title names the client only outside client view. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "John");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "John"));

  /* Typing, saved as it goes. */
  page = IPS_FORM_PAGE (ips_window_get_visible_page (window));
  name = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "name")));
  gtk_editable_set_text (GTK_EDITABLE (name), "John Smith");
  hopes = ips_field_get_input (IPS_FIELD (ips_form_page_lookup (page, "hopes")));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (hopes)), typed, -1);
  /* Saved a moment after typing (a moment a busy machine, or the sanitizers,
   * may stretch). */
  wait_ms (IPS_BINDER_DELAY_MS + 200);
  for (guint i = 0; i < 200 && ips_binder_get_state (ips_window_get_binder (window)) != IPS_SAVE_STATE_SAVED; i++)
    wait_ms (100);
  g_assert_cmpint (ips_binder_get_state (ips_window_get_binder (window)), ==, IPS_SAVE_STATE_SAVED);
  g_assert_true (ips_window_flush (window, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "John"));

  /* While open: the file and everything beside it is 0600. */
  g_free (list_files_0600 (dir, NULL));

  gtk_window_close (GTK_WINDOW (window));
  wait_ms (100);

  /* Closed: only the client file remains. */
  listing = list_files_0600 (dir, NULL);
  g_assert_cmpstr (listing, ==, "client-a.ipsclient");

  /* Nothing logged names the client or an answer, not even debug messages. */
  g_assert_cmpuint (logged->len, >, 0);
  assert_no_client_data ("The log", logged->str, values);
  g_assert_false (find_recent_files (g_get_user_data_dir ()));

  ips_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* As a user would run it to send a log with a problem report. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  logged = g_string_new (NULL);
  g_log_set_writer_func (capture_log, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  g_test_add_func ("/ui/privacy/command-line", test_command_line);
  g_test_add_func ("/ui/privacy/window", test_window);

  return g_test_run ();
}
