/* test-dialogs.c: opening and exporting through the real file chooser and
 * message dialogs (under Xvfb), as a specialist does from the menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <unistd.h>

#include "ips-application.h"
#include "ips-client-file.h"
#include "ips-test-ui-util.h"
#include "ips-test-util.h"
#include "ips-window.h"

#define WAIT_LIMIT_MS 10000

typedef struct
{
  char *dir;
  char *path;
  IpsFormCatalog *catalog;
} Fixture;

static IpsApplication *application;
static char *private_home;

#define NOBODY 65534

static void
chown_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_cmpint (lchown (path, NOBODY, NOBODY), ==, 0);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        chown_tree (child);
      else
        g_assert_cmpint (lchown (child, NOBODY, NOBODY), ==, 0);
    }
}

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

/* The dialog of @type that the application shows, once it shows it. */
static GtkWindow *
wait_for_toplevel (GType type)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;
  GtkWindow *window;

  while ((window = ips_test_find_toplevel (type)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  if (window == NULL)
    g_error ("No %s appeared", g_type_name (type));
  return window;
}

/* Clicks the dialog's button for @response, as the user does, and waits
 * until the dialog has gone. */
static void
click_response (GtkWindow *dialog,
                int        response)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), response);
  g_autoptr(GtkWindow) watched = g_object_ref (dialog);   /* the click may destroy it */
  gint64 end;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  end = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;
  while (gtk_widget_get_visible (GTK_WIDGET (watched)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (watched)));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Chooses @path in the open dialog that app.open shows, and clicks Open. */
static void
open_through_chooser (const char *path)
{
  g_autoptr(GFile) wanted = g_file_new_for_path (path);
  GtkWindow *chooser;
  GtkWidget *widget;
  gint64 end;

  g_action_group_activate_action (G_ACTION_GROUP (application), "open", NULL);
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);

  /* Typed as a user does after Ctrl+L: the chooser's location entry. */
  widget = find_descendant (GTK_WIDGET (chooser), GTK_TYPE_FILE_CHOOSER_WIDGET);
  g_assert_nonnull (widget);
  g_signal_emit_by_name (widget, "location-popup", path);
  end = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;
  for (;;)
    {
      g_autoptr(GFile) selected = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if ((selected != NULL && g_file_equal (selected, wanted)) || g_get_monotonic_time () > end)
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  click_response (chooser, GTK_RESPONSE_ACCEPT);
}

/* Reads the message dialog's text, checks it, and closes it with @response. */
static void
read_and_close_message (const char *title_part,
                        const char *message_part,
                        int         response)
{
  GtkWindow *dialog = wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);
  g_autofree char *text = NULL;
  g_autofree char *secondary = NULL;

  g_object_get (dialog, "text", &text, "secondary-text", &secondary, NULL);
  g_test_message ("dialog: %s — %s", text, secondary);
  if (strstr (text, title_part) == NULL)
    g_error ("The dialog says “%s”, not “%s”", text, title_part);
  if (secondary == NULL || strstr (secondary, message_part) == NULL)
    g_error ("The dialog explains “%s”, not “%s”", secondary, message_part);
  /* It names the file, never the client. */
  g_assert_nonnull (strstr (text, ".ipsclient"));

  click_response (dialog, response);
}

static IpsWindow *
find_client_window (void)
{
  return (IpsWindow *)ips_test_find_toplevel (IPS_TYPE_WINDOW);
}

static void
close_all_windows (void)
{
  GtkWindow *window;

  while ((window = ips_test_find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    {
      gtk_window_destroy (window);
      ips_test_wait_ms (20);
    }
}

static void
write_file (const char *path,
            const char *data,
            gsize       size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, data, (gssize)size, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* A client file, then every b-tree page after the first broken. */
static void
make_damaged (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = ips_client_file_create (fixture->path, fixture->catalog, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *data = NULL;
  gsize size;

  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *value = g_strdup_printf ("Note %u: %s", i, "a long answer to fill some pages of the file");
      ips_client_file_set_value (file, "referral", "summary", value, NULL);
    }
  ips_client_file_close (file);
  g_clear_object (&file);

  bytes = ips_test_read_bytes (fixture->path);
  size = g_bytes_get_size (bytes);
  data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  g_assert_cmpuint (size, >=, 4096 * 2);
  for (gsize i = 4096; i < size; i += 4096)
    for (gsize j = 0; j < 12; j++)
      data[i + j] ^= 0xff;
  write_file (fixture->path, (const char *)data, size);
}

/* Notes that happen to carry the extension. */
static void
make_not_client (Fixture *fixture)
{
  const char *text = "Ring the job centre on Monday.\nAsk about the CV workshop.\n";

  write_file (fixture->path, text, strlen (text));
}

typedef struct
{
  const char *name;
  void (*make) (Fixture *fixture);
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  { "damaged", make_damaged, "damaged" },
  { "not-client", make_not_client, "not an IPS Caseload client file" },
};

/* A file that cannot be opened: the dialog says why, and nothing changes. */
static void
test_open_bad_file (Fixture       *fixture,
                    gconstpointer  data)
{
  const BadFile *bad = data;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;

  bad->make (fixture);
  before = ips_test_read_bytes (fixture->path);
  listing_before = ips_test_list_dir (fixture->dir);

  open_through_chooser (fixture->path);
  read_and_close_message ("could not be opened", bad->message, GTK_RESPONSE_CLOSE);
  g_assert_null (find_client_window ());

  after = ips_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  close_all_windows ();
}

/* Another process holds the file: the read-only offer, then a read-only
 * window. With data set the folder is taken as a network share, where a
 * file open for editing cannot be read until it is closed: no offer, but
 * both reasons, and no window. */
static void
test_open_locked (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = ips_client_file_create (fixture->path, fixture->catalog, &error);
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) holder_out = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  IpsWindow *window;

  g_assert_no_error (error);
  ips_client_file_set_value (file, "referral", "hopes", "Part-time work with computers", NULL);
  ips_client_file_close (file);
  g_clear_object (&file);

  if (data != NULL)
    g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             self_exe, "--hold", fixture->path, NULL);
  g_assert_no_error (error);
  holder_out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line (holder_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "holding");
  before = ips_test_read_bytes (fixture->path);

  open_through_chooser (fixture->path);
  if (data != NULL)
    {
      read_and_close_message ("could not be opened", "it can be read once it is closed", GTK_RESPONSE_CLOSE);
      g_assert_null (find_client_window ());
      g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
    }
  else
    {
      read_and_close_message ("is open elsewhere", g_get_host_name (), GTK_RESPONSE_ACCEPT);
      window = find_client_window ();
      g_assert_nonnull (window);
      g_assert_true (ips_client_file_get_read_only (ips_window_get_file (window)));
      g_assert_nonnull (ips_window_get_banner_text (window));
    }
  close_all_windows ();

  after = ips_test_read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));

  /* The holder lets go when its input closes. */
  g_output_stream_close (g_subprocess_get_stdin_pipe (holder), NULL, NULL);
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
}

/* A client file in a folder the user may read but not write to (a shared
 * folder open to reading): the offer to read it, then a read-only window
 * that says why; nothing in the folder changes. */
static void
test_open_unwritable_folder (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "shared", NULL);
  g_autofree char *path = g_build_filename (folder, "client.ipsclient", NULL);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  IpsClientFile *file;
  IpsWindow *window;

  if (!g_test_subprocess ())
    {
      /* Root writes anywhere: the child works as an unprivileged user. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IpsClientFile) created = ips_client_file_create (path, fixture->catalog, &error);

    g_assert_no_error (error);
    ips_client_file_set_value (created, "referral", "hopes", "Part-time work with computers", NULL);
    ips_client_file_close (created);
  }
  if (getuid () == 0)
    {
      /* The file and the home are the user's; the folder is not theirs to write to. */
      g_assert_cmpint (chown (path, NOBODY, NOBODY), ==, 0);
      chown_tree (private_home);
      ips_test_drop_root ();
    }
  else
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
  listing_before = ips_test_list_dir (folder);
  before = ips_test_read_bytes (path);

  g_assert_null (ips_application_open_path (application, path));
  read_and_close_message ("cannot be changed here", "permission", GTK_RESPONSE_ACCEPT);

  window = find_client_window ();
  g_assert_nonnull (window);
  file = ips_window_get_file (window);
  g_assert_true (ips_client_file_get_read_only (file));
  g_assert_cmpstr (ips_client_file_get_read_only_message (file), ==, "Read-only: its folder cannot be written");
  value = ips_client_file_get_value (file, "referral", "hopes");
  g_assert_cmpstr (value, ==, "Part-time work with computers");
  g_test_message ("banner: %s", ips_window_get_banner_text (window));
  close_all_windows ();

  listing_after = ips_test_list_dir (folder);
  g_assert_cmpstr (listing_after, ==, listing_before);
  after = ips_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Exporting into a folder the user may not write to: an error, and no file. */
static void
test_export_unwritable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "locked-away", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_build_filename (folder, "client-record.xml", NULL);
  g_autofree char *listing = NULL;
  IpsClientFile *file;
  IpsWindow *window;
  GtkWindow *chooser;
  const char *banner;

  if (!g_test_subprocess ())
    {
      /* Root writes anywhere: the child works as an unprivileged user. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  {
    g_autoptr(IpsClientFile) created = ips_client_file_create (fixture->path, fixture->catalog, &error);

    g_assert_no_error (error);
    ips_client_file_close (created);
  }
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  if (getuid () == 0)
    {
      /* The client file's folder and the home are the user's; the export folder is not. */
      g_assert_cmpint (chown (fixture->dir, NOBODY, NOBODY), ==, 0);
      g_assert_cmpint (chown (fixture->path, NOBODY, NOBODY), ==, 0);
      chown_tree (private_home);
      ips_test_drop_root ();
    }
  else
    g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  g_assert_cmpint (ips_application_open_path (application, fixture->path) != NULL, ==, TRUE);
  window = find_client_window ();
  g_assert_nonnull (window);
  file = ips_window_get_file (window);
  g_assert_false (ips_client_file_get_read_only (file));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "xml"));
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The whole path typed into the name box, as a user may. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), target);
  {
    g_autoptr(GFile) wanted = g_file_new_for_path (target);
    gint64 end = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;

    for (;;)
      {
        g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

        if (chosen != NULL && g_file_equal (chosen, wanted))
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, end);
        g_main_context_iteration (NULL, FALSE);
      }
  }
  click_response (chooser, GTK_RESPONSE_ACCEPT);

  /* The window says the export failed and why. */
  {
    gint64 end = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;

    while (ips_window_get_banner_text (window) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  banner = ips_window_get_banner_text (window);
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "export failed"));
  g_assert_nonnull (strstr (banner, "locked-away"));

  listing = ips_test_list_dir (folder);
  g_assert_cmpstr (listing, ==, "");
  close_all_windows ();
}

static guint
count_visible_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      count += gtk_widget_get_visible (window) ? 1 : 0;
    }
  return count;
}

/* In client view nothing opens that would list the caseload's files (other
 * clients' names) or print what client view hides. */
static void
test_client_view (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  IpsWindow *window;
  GtkWindow *chooser;
  guint shown;

  {
    g_autoptr(IpsClientFile) created = ips_client_file_create (fixture->path, fixture->catalog, &error);

    g_assert_no_error (error);
    ips_client_file_close (created);
  }
  g_assert_nonnull (ips_application_open_path (application, fixture->path));
  window = find_client_window ();
  g_assert_nonnull (window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "open"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_true (ips_window_get_client_view (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "open"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "new-client"));
  ips_test_wait_ms (100);
  shown = count_visible_toplevels ();
  /* As the menu or the keys would, were the items not greyed out. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "open", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (application), "new-client", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "odt");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "xml");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", "s", "form");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", "s", "record");
  ips_test_wait_ms (500);
  g_assert_null (ips_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpuint (count_visible_toplevels (), ==, shown);

  /* Out of client view they work again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "open"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "xml"));
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  click_response (chooser, GTK_RESPONSE_CANCEL);
  g_action_group_activate_action (G_ACTION_GROUP (application), "open", NULL);
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  click_response (chooser, GTK_RESPONSE_CANCEL);

  /* Closing a window left in client view ends it for the application. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "open"));
  close_all_windows ();
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (application), "open"));
}

/* Run as "--hold PATH": another process that has the client file open until
 * its input closes. */
static int
hold (const char *path)
{
  g_autoptr(IpsFormCatalog) catalog = ips_test_catalog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = ips_client_file_open (path, catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  char buffer[16];

  if (file == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("holding\n");
  fflush (stdout);
  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  ips_client_file_close (file);
  return 0;
}

static const struct
{
  const char *name;
  const char *subdir;
} home_variables[] = {
  { "HOME", "home" },
  { "XDG_CONFIG_HOME", "config" },
  { "XDG_DATA_HOME", "data" },
  { "XDG_CACHE_HOME", "cache" },
  { "XDG_STATE_HOME", "state" },
  { "XDG_RUNTIME_DIR", "runtime" },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--hold"))
    return hold (argv[2]);

  g_test_init (&argc, &argv, NULL);
  /* A private home, but the system's data folders: the file chooser's icons
   * need the MIME database there to load (G_TEST_OPTION_ISOLATE_DIRS hides it).
   * A child of g_test_trap_subprocess() inherits its parent's. */
  if (!g_test_subprocess ())
    {
      private_home = g_dir_make_tmp ("ips-dialogs-home-XXXXXX", &error);
      g_assert_no_error (error);
      g_chmod (private_home, 0755);
      for (guint i = 0; i < G_N_ELEMENTS (home_variables); i++)
        {
          g_autofree char *dir = g_build_filename (private_home, home_variables[i].subdir, NULL);

          g_mkdir_with_parents (dir, 0700);
          g_setenv (home_variables[i].name, dir, TRUE);
        }
    }
  else
    private_home = g_path_get_dirname (g_getenv ("HOME"));
  /* A child that gives up root could not reach root's accessibility bus
   * (the test environment usually says so already). */
  if (g_test_subprocess ())
    g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();

  /* The real application, as the menu's Open uses it; not a second instance's proxy. */
  application = ips_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/dialogs/open-%s", bad_files[i].name);
      g_test_add (path, Fixture, &bad_files[i], fixture_set_up, test_open_bad_file, fixture_tear_down);
    }
  g_test_add ("/ui/dialogs/open-locked", Fixture, NULL, fixture_set_up, test_open_locked, fixture_tear_down);
  g_test_add ("/ui/dialogs/open-locked-network-share", Fixture, "network", fixture_set_up, test_open_locked,
              fixture_tear_down);
  g_test_add ("/ui/dialogs/open-unwritable-folder", Fixture, NULL, fixture_set_up, test_open_unwritable_folder,
              fixture_tear_down);
  g_test_add ("/ui/dialogs/export-unwritable", Fixture, NULL, fixture_set_up, test_export_unwritable, fixture_tear_down);
  g_test_add ("/ui/dialogs/client-view", Fixture, NULL, fixture_set_up, test_client_view, fixture_tear_down);

  status = g_test_run ();
  if (!g_test_subprocess ())
    ips_test_remove_tree (private_home);
  g_free (private_home);
  return status;
}
