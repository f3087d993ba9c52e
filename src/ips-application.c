/* ips-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>

#include "ips-application.h"
#include "ips-caseload-folder.h"
#include "ips-caseload-window.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-help-window.h"
#include "ips-window.h"

struct _IpsApplication
{
  GtkApplication parent_instance;

  IpsFormCatalog *catalog;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (IpsApplication, ips_application, GTK_TYPE_APPLICATION)

GtkWindow *
ips_application_find_window (IpsApplication *self,
                             const char     *path)
{
  g_autoptr(GFile) wanted = g_file_new_for_path (path);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (IPS_IS_WINDOW (l->data))
      {
        g_autoptr(GFile) open = g_file_new_for_path (ips_client_file_get_path (ips_window_get_file (l->data)));

        if (g_file_equal (open, wanted))
          return GTK_WINDOW (l->data);
      }
  return NULL;
}

static GtkWindow *
parent_window (IpsApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
show_error (IpsApplication *self,
            const char     *path,
            gboolean        creating,
            const char     *secondary)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = creating ? g_strdup_printf (_("“%s” could not be created"), name)
                                    : g_strdup_printf (_("“%s” could not be opened"), name);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent_window (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The benchmarks (bench/) time the start-up from the process's start to the
 * first frame painted, as the user sees it. With
 * IPS_CASELOAD_EXIT_AFTER_FIRST_FRAME set, the first window prints the
 * monotonic clock at its first after-paint, the CPU time used so far and the
 * renderer in use, then the application quits as Ctrl+Q would. */
#define EXIT_AFTER_FIRST_FRAME "IPS_CASELOAD_EXIT_AFTER_FIRST_FRAME"

static gboolean
quit_after_first_frame (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, window);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-us=%" G_GINT64_FORMAT "\ncpu-us=%" G_GINT64_FORMAT "\nrenderer=%s\n", now,
           (gint64)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec,
           renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  g_idle_add_full (G_PRIORITY_HIGH, quit_after_first_frame,
                   g_object_ref (gtk_window_get_application (GTK_WINDOW (window))), g_object_unref);
}

static void
on_window_map (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, on_window_map, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint), window, G_CONNECT_DEFAULT);
}

static GtkWindow *
open_window (IpsApplication *self,
             IpsClientFile  *file)
{
  IpsWindow *window = ips_window_new (self, file);

  if (g_getenv (EXIT_AFTER_FIRST_FRAME) != NULL)
    g_signal_connect (window, "map", G_CALLBACK (on_window_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
on_read_only_response (GtkDialog      *dialog,
                       int             response,
                       IpsApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    open_window (self, g_object_get_data (G_OBJECT (dialog), "reader"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Offers @reader, already open read-only, for a file @error says cannot be
 * opened for editing. */
static void
offer_read_only (IpsApplication *self,
                 const char     *path,
                 IpsClientFile  *reader,
                 const GError   *error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (g_error_matches (error, IPS_ERROR, IPS_ERROR_LOCKED))
    title = g_strdup_printf (_("“%s” is open elsewhere"), name);
  else if (g_error_matches (error, IPS_ERROR, IPS_ERROR_READ_ONLY))
    title = g_strdup_printf (_("“%s” cannot be changed here"), name);
  else
    title = g_strdup_printf (_("“%s” is from a newer version"), name);
  dialog = gtk_message_dialog_new (parent_window (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", title);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s. %s", error->message,
                                            _("You can read it, but not change it."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("Open _Read-Only"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_object_set_data_full (G_OBJECT (dialog), "reader", g_object_ref (reader), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_read_only_response), self);
  gtk_application_add_window (GTK_APPLICATION (self), GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
ips_application_open_path (IpsApplication *self,
                           const char     *path)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *existing;

  g_return_val_if_fail (IPS_IS_APPLICATION (self), NULL);

  existing = ips_application_find_window (self, path);
  if (existing != NULL)
    {
      gtk_window_present (existing);
      return existing;
    }

  file = ips_client_file_open (path, self->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
  if (file != NULL)
    return open_window (self, file);

  if (g_error_matches (error, IPS_ERROR, IPS_ERROR_LOCKED) ||
      g_error_matches (error, IPS_ERROR, IPS_ERROR_NEWER_VERSION) ||
      g_error_matches (error, IPS_ERROR, IPS_ERROR_READ_ONLY))
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(IpsClientFile) reader = ips_client_file_open (path, self->catalog, IPS_CLIENT_FILE_OPEN_READ_ONLY,
                                                              &read_error);

      /* Offered only when it can be read: a file open for editing on a
       * network share cannot be until it is closed, and the user is told
       * both reasons at once. */
      if (reader != NULL)
        offer_read_only (self, path, reader, error);
      else
        {
          g_autofree char *secondary = g_strdup_printf ("%s. %s", error->message, read_error->message);

          show_error (self, path, FALSE, secondary);
        }
    }
  else
    show_error (self, path, FALSE, error->message);
  return NULL;
}

GtkWindow *
ips_application_create_path (IpsApplication *self,
                             const char     *path)
{
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (IPS_IS_APPLICATION (self), NULL);

  file = ips_client_file_create (path, self->catalog, &error);
  if (file == NULL)
    {
      show_error (self, path, TRUE, error->message);
      return NULL;
    }
  return open_window (self, file);
}

/* Actions */

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  IpsApplication  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;

      if (path != NULL)
        {
          if (create)
            {
              if (!g_str_has_suffix (path, IPS_CLIENT_FILE_EXTENSION))
                {
                  char *with_extension = g_strconcat (path, IPS_CLIENT_FILE_EXTENSION, NULL);
                  g_free (path);
                  path = with_extension;
                }
              ips_application_create_path (self, path);
            }
          else
            ips_application_open_path (self, path);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose_file (IpsApplication       *self,
             GtkFileChooserAction  action)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;
  gboolean create = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  dialog = gtk_file_chooser_native_new (create ? _("New Client") : _("Open Client"),
                                        parent_window (self), action,
                                        create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Client files"));
  gtk_file_filter_add_suffix (filter, "ipsclient");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (create)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = g_date_time_format (now, "%Y-%m-%d-%H%M");
      /* TRANSLATORS: the default name of a new client file; never the client's name */
      g_autofree char *name = g_strdup_printf (_("client-%s.ipsclient"), day);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static IpsCaseloadWindow *
find_caseload_window (IpsApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (IPS_IS_CASELOAD_WINDOW (active))
    return IPS_CASELOAD_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (IPS_IS_CASELOAD_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
new_client_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  IpsApplication *self = IPS_APPLICATION (user_data);
  IpsCaseloadWindow *caseload = find_caseload_window (self);

  /* New clients go in the caseload folder, named after the client. */
  if (caseload == NULL)
    choose_file (self, GTK_FILE_CHOOSER_ACTION_SAVE);
  else
    {
      gtk_window_present (GTK_WINDOW (caseload));
      gtk_widget_activate_action (GTK_WIDGET (caseload), "win.new-client", NULL);
    }
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  choose_file (IPS_APPLICATION (user_data), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  /* Closing each window saves what it holds. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  const char *authors[] = { "IPS Caseload developers", NULL };
  const char *wording[] = { N_("Centre for Mental Health’s Individual Placement and Support training workbook"), NULL };
  const char *translated[] = { _(wording[0]), NULL };
  GtkAboutDialog *about = GTK_ABOUT_DIALOG (gtk_about_dialog_new ());

  g_object_set (about,
                "program-name", _("IPS Caseload"),
                "logo-icon-name", APPLICATION_ID,
                "version", PACKAGE_VERSION,
                "comments", _("Forms, records and a caseload for IPS employment specialists"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "authors", authors,
                "translator-credits", _("translator-credits"),
                "website", "https://github.com/ipscaseload/ips-caseload",
                "modal", TRUE,
                "destroy-with-parent", TRUE,
                NULL);
  /* The forms' questions and John's example come from the workbook. */
  gtk_about_dialog_add_credit_section (about, _("Forms and example wording"), translated);
  gtk_window_set_transient_for (GTK_WINDOW (about), parent_window (IPS_APPLICATION (user_data)));
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/ipscaseload/IpsCaseload/ui/ips-shortcuts.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (window, parent_window (IPS_APPLICATION (user_data)));
  gtk_window_present (window);
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  IpsApplication *self = IPS_APPLICATION (user_data);
  GtkWindow *window = ips_help_window_new (parent_window (self));

  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "new-client", new_client_action },
  { "open", open_action },
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "help", help_action },
};

/* GApplication */

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Uninstalled runs may lack the schema; the default folder is used then. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema ? g_settings_new (APPLICATION_ID) : NULL;
}

GtkWindow *
ips_application_open_caseload (IpsApplication *self,
                               const char     *folder)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  IpsCaseloadWindow *window;

  g_return_val_if_fail (IPS_IS_APPLICATION (self), NULL);

  if (folder == NULL)
    {
      g_autofree char *setting = self->settings ? g_settings_get_string (self->settings, "caseload-folder") : NULL;

      path = ips_caseload_folder_resolve (setting);
      /* First run: the folder, with the workbook's example client in it. */
      if (!ips_caseload_folder_ensure (path, self->catalog, &error))
        show_error (self, path, TRUE, error->message);
    }
  else
    path = g_strdup (folder);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (IPS_IS_CASELOAD_WINDOW (l->data) &&
        g_strcmp0 (ips_caseload_window_get_folder (l->data), path) == 0)
      {
        gtk_window_present (l->data);
        return l->data;
      }

  window = ips_caseload_window_new (self, path);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
ips_application_activate (GApplication *app)
{
  IpsApplication *self = IPS_APPLICATION (app);
  IpsCaseloadWindow *caseload = find_caseload_window (self);

  if (caseload != NULL)
    gtk_window_present (GTK_WINDOW (caseload));
  else
    ips_application_open_caseload (self, NULL);
}

static void
ips_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        ips_application_open_caseload (IPS_APPLICATION (app), path);
      else
        ips_application_open_path (IPS_APPLICATION (app), path);
    }
}

static void
ips_application_startup (GApplication *app)
{
  IpsApplication *self = IPS_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  struct { const char *action; const char *accel; } accels[] = {
    { "app.new-client", "<Control>n" },
    { "app.open", "<Control>o" },
    { "app.quit", "<Control>q" },
    { "app.shortcuts", "<Control>question" },
    { "app.help", "F1" },
  };

  G_APPLICATION_CLASS (ips_application_parent_class)->startup (app);

  /* Client names are health information: keep them out of the desktop's recent files. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  self->settings = lookup_settings ();
  self->catalog = ips_form_catalog_new_default (&error);
  if (self->catalog == NULL)
    g_error ("The built-in forms do not load: %s", error->message);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           (const char *[]){ accels[i].accel, NULL });

  gtk_css_provider_load_from_resource (css, "/io/github/ipscaseload/IpsCaseload/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
ips_application_finalize (GObject *object)
{
  g_clear_object (&IPS_APPLICATION (object)->catalog);
  g_clear_object (&IPS_APPLICATION (object)->settings);
  G_OBJECT_CLASS (ips_application_parent_class)->finalize (object);
}

/* Client view */

/* While any window is in client view the client may be looking: New Client
 * and Open, whose file choosers would list the caseload's files and so other
 * clients' names, are off (their keys too) until it ends. */
static void
update_client_view_actions (IpsApplication *self)
{
  const char *names[] = { "new-client", "open" };
  gboolean client_view = FALSE;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL && !client_view; l = l->next)
    client_view = (IPS_IS_WINDOW (l->data) && ips_window_get_client_view (l->data)) ||
                  (IPS_IS_CASELOAD_WINDOW (l->data) && ips_caseload_window_get_client_view (l->data));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !client_view);
    }
}

static void
ips_application_window_added (GtkApplication *app,
                              GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (ips_application_parent_class)->window_added (app, window);
  if (IPS_IS_WINDOW (window) || IPS_IS_CASELOAD_WINDOW (window))
    g_signal_connect_object (window, "notify::client-view", G_CALLBACK (update_client_view_actions), app,
                             G_CONNECT_SWAPPED);
  update_client_view_actions (IPS_APPLICATION (app));
}

static void
ips_application_window_removed (GtkApplication *app,
                                GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (ips_application_parent_class)->window_removed (app, window);
  g_signal_handlers_disconnect_by_func (window, update_client_view_actions, app);
  update_client_view_actions (IPS_APPLICATION (app));
}

static void
ips_application_class_init (IpsApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_application_finalize;
  G_APPLICATION_CLASS (klass)->activate = ips_application_activate;
  G_APPLICATION_CLASS (klass)->open = ips_application_open;
  G_APPLICATION_CLASS (klass)->startup = ips_application_startup;
  GTK_APPLICATION_CLASS (klass)->window_added = ips_application_window_added;
  GTK_APPLICATION_CLASS (klass)->window_removed = ips_application_window_removed;
}

static void
ips_application_init (IpsApplication *self)
{
}

IpsApplication *
ips_application_new (void)
{
  return g_object_new (IPS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

IpsFormCatalog *
ips_application_get_catalog (IpsApplication *self)
{
  g_return_val_if_fail (IPS_IS_APPLICATION (self), NULL);
  return self->catalog;
}
