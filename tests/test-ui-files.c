/* test-ui-files.c: every GtkBuilder file is valid, and the help opens
 *
 * Files that name only GTK's own classes go through
 * `gtk4-builder-tool validate`. That tool cannot know the application's
 * widget classes, so a file that places them is loaded here instead, with
 * those classes registered: a template by building its widget (which
 * instantiates the copy in the GResource, made from the same file), a form
 * layout with GtkBuilder. Under G_DEBUG=fatal-warnings any warning GtkBuilder
 * gives about a property, a signal or a child fails the test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ips-application.h"
#include "ips-form-page.h"
#include "ips-help-window.h"
#include "ips-test-ui-util.h"
#include "ips-test-util.h"
#include "ips-window.h"

static void
ensure_types (void)
{
  g_type_class_unref (g_type_class_ref (IPS_TYPE_FORM_PAGE));
  g_type_ensure (IPS_TYPE_WINDOW);
  g_type_ensure (IPS_TYPE_HELP_WINDOW);
}

/* The class names a file uses: its objects and its template's parent. */
static GPtrArray *
classes_in (const char  *contents,
            char       **template_class)
{
  g_autoptr(GRegex) object = g_regex_new ("<object\\s+class=\"([A-Za-z0-9_]+)\"", 0, 0, NULL);
  g_autoptr(GRegex) template = g_regex_new ("<template\\s+class=\"([A-Za-z0-9_]+)\"\\s+parent=\"([A-Za-z0-9_]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *classes = g_ptr_array_new_with_free_func (g_free);

  *template_class = NULL;
  if (g_regex_match (template, contents, 0, &match))
    {
      *template_class = g_match_info_fetch (match, 1);
      g_ptr_array_add (classes, g_match_info_fetch (match, 2));
    }
  g_clear_pointer (&match, g_match_info_free);

  g_regex_match (object, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (classes, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return classes;
}

static gboolean
names_own_classes (GPtrArray *classes)
{
  for (guint i = 0; i < classes->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (classes, i), "Ips"))
      return TRUE;
  return FALSE;
}

static void
validate_with_builder_tool (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("gtk4-builder-tool");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (tool == NULL)
    {
      g_test_skip ("gtk4-builder-tool is not installed (Debian: libgtk-4-bin)");
      return;
    }

  g_spawn_sync (NULL, (char *[]) { tool, (char *) "validate", (char *) path, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("gtk4-builder-tool validate %s:\n%s%s", path, out, err);
}

static void
validate_in_process (const char *path,
                     const char *template_class,
                     GPtrArray  *classes)
{
  g_autoptr(GtkBuilder) resolver = gtk_builder_new ();

  ensure_types ();

  /* As GtkBuilder finds them: GTK's own types are registered on first use. */
  for (guint i = 0; i < classes->len; i++)
    {
      const char *name = g_ptr_array_index (classes, i);

      if (gtk_builder_get_type_from_name (resolver, name) == G_TYPE_INVALID)
        g_error ("%s: unknown class %s", path, name);
    }

  if (template_class != NULL)
    {
      GType type = g_type_from_name (template_class);
      GtkWidget *widget;

      if (type == G_TYPE_INVALID)
        g_error ("%s: the template's class %s is not registered", path, template_class);
      /* Windows are built without a client; build only what stands alone. */
      if (g_type_is_a (type, IPS_TYPE_WINDOW))
        {
          g_test_message ("%s: the window is built by the window tests", path);
          return;
        }
      widget = g_object_ref_sink (g_object_new (type, NULL));
      if (GTK_IS_WINDOW (widget))
        gtk_window_destroy (GTK_WINDOW (widget));
      g_object_unref (widget);
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;

      gtk_builder_add_from_file (builder, path, &error);
      g_assert_no_error (error);
    }
}

static void
test_ui_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  g_autofree char *template_class = NULL;
  g_autoptr(GPtrArray) classes = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  classes = classes_in (contents, &template_class);
  g_assert_cmpuint (classes->len, >, 0);

  if (names_own_classes (classes))
    validate_in_process (path, template_class, classes);
  else
    validate_with_builder_tool (path);
}

static gboolean
label_mentions (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_mentions (child, text))
      return TRUE;
  return FALSE;
}

/* One application for the tests: a process can register only one with the
 * session bus under its ID. */
static IpsApplication *
shared_app (void)
{
  static IpsApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = ips_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
      g_assert_no_error (error);
    }
  return app;
}

/* F1 and the menu's Help open a window that explains the due dates. */
static void
test_help (void)
{
  IpsApplication *app = shared_app ();
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_auto(GStrv) accels = NULL;
  GtkWindow *help = NULL;


  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_cmpstrv (accels, ((const char *[]) { "F1", NULL }));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  ips_test_wait_ms (100);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (IPS_IS_HELP_WINDOW (l->data))
      help = l->data;
  g_assert_nonnull (help);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));
  g_assert_true (label_mentions (GTK_WIDGET (help), "30 days"));
  g_assert_true (label_mentions (GTK_WIDGET (help), "28 days"));
  g_assert_true (label_mentions (GTK_WIDGET (help), "within 3 days"));

  g_mkdir_with_parents (out_dir, 0755);
  {
    g_autofree char *path = g_build_filename (out_dir, "help.png", NULL);
    ips_test_save_png (GTK_WIDGET (help), path);
  }
  gtk_window_destroy (help);
  ips_test_wait_ms (50);
}

/* The about dialog names the version and credits the workbook. */
static void
test_about (void)
{
  IpsApplication *app = shared_app ();
  g_autoptr(GListModel) toplevels = NULL;
  GtkAboutDialog *about = NULL;


  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ips_test_wait_ms (100);
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_ABOUT_DIALOG (window))
        about = GTK_ABOUT_DIALOG (window);
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (gtk_about_dialog_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (gtk_about_dialog_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
  ips_test_wait_ms (50);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  const char *subdirs[] = { "", "forms" };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "ui", subdirs[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".ui"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          const char *file = g_ptr_array_index (names, j);
          g_autofree char *test_path = g_strconcat ("/ui/files/", subdirs[i], *subdirs[i] ? "/" : "", file, NULL);

          g_test_add_data_func_full (test_path, g_build_filename (dir_path, file, NULL),
                                     test_ui_file, g_free);
        }
    }
  g_test_add_func ("/ui/help", test_help);
  g_test_add_func ("/ui/about", test_about);

  return g_test_run ();
}
