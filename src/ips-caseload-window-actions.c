/* ips-caseload-window-actions.c: the caseload window's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ips-caseload-folder.h"
#include "ips-caseload-window-private.h"
#include "ips-client-file.h"
#include "ips-error.h"


static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ips_caseload_window_refresh (IPS_CASELOAD_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "clients");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  gtk_revealer_set_reveal_child (self->new_client_revealer, TRUE);
  gtk_entry_grab_focus_without_selecting (self->new_client_entry);
}

void
_ips_caseload_window_hide_new_client (IpsCaseloadWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->new_client_entry), "");
  gtk_revealer_set_reveal_child (self->new_client_revealer, FALSE);
}

static void
cancel_new_client_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  _ips_caseload_window_hide_new_client (IPS_CASELOAD_WINDOW (widget));
}

static void
create_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->new_client_entry));

  if (ips_caseload_window_create_client (self, name, &error) == NULL && error != NULL)
    {
      gtk_label_set_text (self->new_client_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->new_client_error), TRUE);
      gtk_entry_grab_focus_without_selecting (self->new_client_entry);
      return;
    }
  _ips_caseload_window_hide_new_client (self);
}

static void
on_new_client_entry_activate (IpsCaseloadWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.create-client", NULL);
}

static void
on_choose_folder_response (GtkNativeDialog   *dialog,
                           int                response,
                           IpsCaseloadWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "caseload-folder", path);
          ips_caseload_window_set_folder (self, path);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Choose Caseload Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Choose"), _("_Cancel"));
  if (self->folder != NULL)
    {
      g_autoptr(GFile) current = g_file_new_for_path (self->folder);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), current, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_choose_folder_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}


GtkWindow *
ips_caseload_window_create_client (IpsCaseloadWindow  *self,
                                   const char         *name,
                                   GError            **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shown_name = NULL;
  g_autoptr(IpsClientFile) file = NULL;
  GtkApplication *application;
  IpsFormCatalog *catalog;

  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  application = gtk_window_get_application (GTK_WINDOW (self));
  g_return_val_if_fail (IPS_IS_APPLICATION (application), NULL);
  catalog = ips_application_get_catalog (IPS_APPLICATION (application));

  base = ips_caseload_folder_file_name_for (name);
  if (base == NULL)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE, _("Type the client’s name first"));
      return NULL;
    }
  file_name = g_strconcat (base, IPS_CLIENT_FILE_EXTENSION, NULL);
  path = g_build_filename (self->folder, file_name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_EXISTS,
                   _("There is already a client file called “%s” in the caseload folder. "
                     "Add something to tell them apart, such as an initial."),
                   file_name);
      return NULL;
    }

  file = ips_client_file_create (path, catalog, error);
  if (file == NULL)
    return NULL;

  shown_name = g_strstrip (g_strdup (name));
  if (!ips_client_file_set_value (file, "referral", "name", shown_name, error))
    {
      /* An empty file left behind would be listed with no name: remove it. */
      ips_client_file_close (file);
      g_remove (path);
      return NULL;
    }
  ips_client_file_close (file);

  _ips_caseload_window_queue_rescan (self);
  return ips_application_open_path (IPS_APPLICATION (application), path);
}

void
_ips_caseload_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.create-client", NULL, create_client_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-new-client", NULL, cancel_new_client_action);
  gtk_widget_class_install_action (widget_class, "win.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_property_action (widget_class, "win.client-view", "client-view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.client-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-new-client", NULL);
}

void
_ips_caseload_window_init_actions (IpsCaseloadWindow *self)
{
  g_signal_connect_swapped (self->new_client_entry, "activate", G_CALLBACK (on_new_client_entry_activate), self);
}
