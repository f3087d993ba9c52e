/* ips-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-form-page.h"
#include "ips-label-util.h"
#include "ips-odt-export.h"
#include "ips-print-operation.h"
#include "ips-window.h"
#include "ips-write-file.h"
#include "ips-xml-export.h"

#define TEXT_SCALE_MIN 0.8
#define TEXT_SCALE_MAX 2.0
#define TEXT_SCALE_STEP 0.1

struct _IpsWindow
{
  GtkApplicationWindow parent_instance;

  /* template widgets */
  GtkLabel *title_label;
  GtkLabel *state_label;
  GtkRevealer *banner_revealer;
  GtkWidget *banner;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  GtkWidget *sidebar;
  GtkWidget *sidebar_separator;
  GtkListBox *form_list;
  GtkStack *stack;
  GtkMenuButton *menu_button;
  GMenuModel *main_menu;

  /* owned */
  IpsClientFile *file;
  IpsBinder *binder;
  GSettings *settings;
  GArray *undo_stack;   /* of Change */
  GArray *redo_stack;
  guint step;           /* the last step given to a change */
  guint group;          /* the file's change group of the last change, or 0 */
  GtkPrintSettings *print_settings;
  gboolean client_view;
  gboolean replaying;
  gboolean closing;
};

G_DEFINE_FINAL_TYPE (IpsWindow, ips_window, GTK_TYPE_APPLICATION_WINDOW)

/* A change of the file on the undo or redo stack. Undo takes back the
 * changes of the top step together: one user action, such as signing. */
typedef struct
{
  gint64 id;
  guint  step;
} Change;

enum {
  PROP_0,
  PROP_CLIENT_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkCssProvider *text_scale_provider;

static void
update_title (IpsWindow *self)
{
  g_autofree char *name = ips_client_file_dup_client_name (self->file);
  const char *shown;

  /* In client view no name shows, not even in the window list of the desktop. */
  if (self->client_view || name == NULL)
    shown = _("Client");
  else
    shown = name;

  gtk_label_set_text (self->title_label, shown);
  gtk_window_set_title (GTK_WINDOW (self), shown);
}

static void
update_state (IpsWindow *self)
{
  const char *text;

  if (ips_client_file_get_read_only (self->file))
    text = ips_client_file_get_read_only_message (self->file);
  else
    switch (ips_binder_get_state (self->binder))
      {
      case IPS_SAVE_STATE_PENDING:
        text = _("Saving…");
        break;
      case IPS_SAVE_STATE_FAILED:
        text = _("Not saved");
        break;
      case IPS_SAVE_STATE_SAVED:
      default:
        text = _("Saved");
        break;
      }
  gtk_label_set_text (self->state_label, text);

  if (ips_binder_get_state (self->binder) == IPS_SAVE_STATE_FAILED)
    ips_window_show_banner (self, ips_binder_get_error_message (self->binder), TRUE);
}

static void
update_actions (IpsWindow *self)
{
  gboolean editable = !ips_client_file_get_read_only (self->file);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", editable && self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", editable && self->redo_stack->len > 0);
}

static void
on_binder_state (IpsWindow *self)
{
  update_state (self);
}

static void
on_file_changed (IpsWindow  *self,
                 const char *form,
                 const char *group,
                 const char *row,
                 const char *key)
{
  if (!self->replaying)
    {
      guint change_group = ips_client_file_get_change_group (self->file);
      Change change = { ips_client_file_get_last_change_id (self->file), 0 };

      /* The changes of one group are one step; any other change its own. */
      if (change_group == 0 || change_group != self->group)
        self->step++;
      self->group = change_group;
      change.step = self->step;
      g_array_append_val (self->undo_stack, change);
      g_array_set_size (self->redo_stack, 0);
    }
  if (g_strcmp0 (form, "referral") == 0 && g_strcmp0 (key, "name") == 0)
    update_title (self);
  update_actions (self);
}

/* Undo and redo replay the file's history: undoing a change records its
 * reversal, and redoing reverses that reversal. */
static void
replay (IpsWindow *self,
        GArray    *from,
        GArray    *to)
{
  g_autofree char *form = NULL;
  guint step;
  guint reversals;

  ips_binder_flush (self->binder, NULL);
  if (from->len == 0)
    return;

  step = g_array_index (from, Change, from->len - 1).step;
  reversals = ++self->step;
  self->group = 0;
  self->replaying = TRUE;
  /* The step's changes, last first. One that cannot be taken back stays on
   * its stack, with those before it, to be tried again. */
  while (from->len > 0 && g_array_index (from, Change, from->len - 1).step == step)
    {
      g_autoptr(IpsHistoryEntry) entry = ips_client_file_get_history_entry (self->file,
                                                                            g_array_index (from, Change, from->len - 1).id);
      g_autoptr(GError) error = NULL;
      Change reversal = { 0, reversals };

      if (entry != NULL && !ips_client_file_revert_change (self->file, entry, &error))
        {
          ips_window_show_banner (self, error->message, TRUE);
          break;
        }
      g_array_set_size (from, from->len - 1);
      if (entry == NULL)
        continue;
      reversal.id = ips_client_file_get_last_change_id (self->file);
      g_array_append_val (to, reversal);
      g_free (form);
      form = g_strdup (ips_history_entry_get_form (entry));
    }
  self->replaying = FALSE;

  /* Show the form the change was in. */
  if (form != NULL)
    ips_window_show_form (self, form);
  update_actions (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IpsWindow *self = IPS_WINDOW (widget);
  replay (self, self->undo_stack, self->redo_stack);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IpsWindow *self = IPS_WINDOW (widget);
  replay (self, self->redo_stack, self->undo_stack);
}

static double
get_text_scale (IpsWindow *self)
{
  return self->settings ? g_settings_get_double (self->settings, "text-scale") : 1.0;
}

static void
apply_text_scale (double scale)
{
  g_autofree char *css = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (text_scale_provider == NULL)
    {
      text_scale_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (text_scale_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  g_ascii_formatd (number, sizeof number, "%.0f", scale * 100);
  css = g_strdup_printf ("window.ips-window stack { font-size: %s%%; }", number);
  gtk_css_provider_load_from_data (text_scale_provider, css, -1);
}

static void
set_text_scale (IpsWindow *self,
                double     scale)
{
  scale = CLAMP (scale, TEXT_SCALE_MIN, TEXT_SCALE_MAX);
  if (self->settings)
    g_settings_set_double (self->settings, "text-scale", scale);
  apply_text_scale (scale);
}

static void
text_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IpsWindow *self = IPS_WINDOW (widget);
  double scale = get_text_scale (self);

  if (g_str_equal (action_name, "win.text-larger"))
    scale += TEXT_SCALE_STEP;
  else if (g_str_equal (action_name, "win.text-smaller"))
    scale -= TEXT_SCALE_STEP;
  else
    scale = 1.0;
  set_text_scale (self, scale);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Export */

typedef struct
{
  IpsWindow *window;
  char *kind;
} ExportRequest;

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    ExportRequest   *request)
{
  IpsWindow *self = request->window;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path != NULL)
    {
      GtkWidget *page = ips_window_get_visible_page (self);
      const char *form = NULL;

      if (g_str_equal (request->kind, "odt-form") && page != NULL)
        form = ips_form_definition_get_id (ips_form_page_get_definition (IPS_FORM_PAGE (page)));
      else if (g_str_equal (request->kind, "odt-employer"))
        form = "wellbeing-plan";

      if (g_str_equal (request->kind, "xml"))
        {
          g_autoptr(GBytes) bytes = ips_xml_export (self->file, NULL, IPS_XML_EXPORT_DEFAULT, &error);

          ok = bytes != NULL && ips_write_file (path, bytes, &error);
        }
      else
        ok = ips_odt_export_to_file (self->file, form,
                                     g_str_equal (request->kind, "odt-employer") ? IPS_ODT_EXPORT_EMPLOYER_COPY
                                                                                : IPS_ODT_EXPORT_DEFAULT,
                                     path, &error);

      if (ok)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

          ips_window_show_banner (self, message, FALSE);
        }
      else
        {
          g_autofree char *message = g_strdup_printf (_("The export failed: %s"), error->message);

          ips_window_show_banner (self, message, TRUE);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (request->window);
  g_free (request->kind);
  g_free (request);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  IpsWindow *self = IPS_WINDOW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  GtkFileChooserNative *dialog;
  ExportRequest *request;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean xml = g_str_equal (kind, "xml");

  ips_binder_flush (self->binder, NULL);

  dialog = gtk_file_chooser_native_new (xml ? _("Export as XML") : _("Export as Document"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Not the client's name: file names travel into folders, mail and logs. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), xml ? _("client-record.xml") : _("client-record.odt"));
  gtk_file_filter_set_name (filter, xml ? _("XML files") : _("OpenDocument text"));
  gtk_file_filter_add_suffix (filter, xml ? "xml" : "odt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  request = g_new0 (ExportRequest, 1);
  request->window = g_object_ref (self);
  request->kind = g_strdup (kind);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Print */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               IpsWindow               *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("Printing failed: %s"), error ? error->message : "");
      ips_window_show_banner (self, message, TRUE);
    }
}

/* "form" prints the form on show, "record" every form. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  IpsWindow *self = IPS_WINDOW (widget);
  GtkWidget *page = ips_window_get_visible_page (self);
  const char *form = NULL;
  g_autoptr(IpsPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (g_variant_get_string (parameter, NULL), "form") && page != NULL)
    form = ips_form_definition_get_id (ips_form_page_get_definition (IPS_FORM_PAGE (page)));

  ips_binder_flush (self->binder, NULL);
  operation = ips_print_operation_new (self->file, form, &error);
  if (operation != NULL)
    {
      if (self->print_settings != NULL)
        gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (operation), self->print_settings);
      gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), TRUE);
      g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
      gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error);
    }
  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

      ips_window_show_banner (self, message, TRUE);
    }
}

/* Forms */

static void
on_form_row_selected (IpsWindow     *self,
                      GtkListBoxRow *row)
{
  if (row != NULL)
    ips_window_show_form (self, g_object_get_data (G_OBJECT (row), "form-id"));
}

static void
fill_form_list (IpsWindow *self)
{
  IpsFormCatalog *catalog = ips_client_file_get_catalog (self->file);

  for (guint i = 0; i < ips_form_catalog_get_n_forms (catalog); i++)
    {
      IpsFormDefinition *form = ips_form_catalog_get_form (catalog, i);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *row = gtk_list_box_row_new ();

      ips_label_set_text_wrapping (GTK_LABEL (label), ips_form_definition_get_title (form));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "form-id", g_strdup (ips_form_definition_get_id (form)), g_free);
      gtk_list_box_append (self->form_list, row);
    }
}

GtkWidget *
ips_window_show_form (IpsWindow  *self,
                      const char *form_id)
{
  IpsFormDefinition *definition;
  GtkWidget *page;

  g_return_val_if_fail (IPS_IS_WINDOW (self), NULL);

  definition = ips_form_catalog_lookup (ips_client_file_get_catalog (self->file), form_id);
  if (definition == NULL)
    return NULL;

  /* Leaving a form saves what was typed in it. */
  ips_binder_flush (self->binder, NULL);

  page = gtk_stack_get_child_by_name (self->stack, form_id);
  if (page == NULL)
    {
      page = ips_form_page_new (definition, self->binder);
      ips_form_page_set_client_view (IPS_FORM_PAGE (page), self->client_view);
      gtk_stack_add_named (self->stack, page, form_id);
    }
  gtk_stack_set_visible_child (self->stack, page);

  /* Keep the sidebar in step without re-entering. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->form_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "form-id"), form_id) == 0 &&
        gtk_list_box_get_selected_row (self->form_list) != GTK_LIST_BOX_ROW (row))
      gtk_list_box_select_row (self->form_list, GTK_LIST_BOX_ROW (row));

  return page;
}

GtkWidget *
ips_window_get_visible_page (IpsWindow *self)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child (self->stack);
}

/* Client view */

gboolean
ips_window_get_client_view (IpsWindow *self)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), FALSE);
  return self->client_view;
}

void
ips_window_set_client_view (IpsWindow *self,
                            gboolean   client_view)
{
  g_return_if_fail (IPS_IS_WINDOW (self));

  client_view = !!client_view;
  if (self->client_view == client_view)
    return;

  self->client_view = client_view;
  gtk_widget_set_visible (self->sidebar, !client_view);
  gtk_widget_set_visible (self->sidebar_separator, !client_view);
  /* The client may be looking: an export's file chooser would show other
   * clients' names, and a print would hold the sections client view hides.
   * Both wait until client view ends. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !client_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", !client_view);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    ips_form_page_set_client_view (IPS_FORM_PAGE (page), client_view);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_VIEW]);
}

/* Banner */

static void
on_banner_dismiss (IpsWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

void
ips_window_show_banner (IpsWindow  *self,
                        const char *message,
                        gboolean    is_error)
{
  g_return_if_fail (IPS_IS_WINDOW (self));

  gtk_label_set_text (self->banner_label, message);
  if (is_error)
    gtk_widget_add_css_class (self->banner, "error");
  else
    gtk_widget_remove_css_class (self->banner, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), TRUE);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

const char *
ips_window_get_banner_text (IpsWindow *self)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_text (self->banner_label);
}

gboolean
ips_window_flush (IpsWindow  *self,
                  GError    **error)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), FALSE);

  if (ips_client_file_get_read_only (self->file))
    return TRUE;
  return ips_binder_flush (self->binder, error);
}

/* Closing */

static void
on_unsaved_response (GtkDialog *dialog,
                     int        response,
                     IpsWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_CLOSE)
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
ips_window_close_request (GtkWindow *window)
{
  IpsWindow *self = IPS_WINDOW (window);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->closing || ips_window_flush (self, &error))
    {
      if (self->settings != NULL && !gtk_window_is_maximized (window))
        {
          int width, height;

          gtk_window_get_default_size (window, &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      return GTK_WINDOW_CLASS (ips_window_parent_class)->close_request (window);
    }

  /* Something typed could not be saved: say so rather than lose it quietly. */
  dialog = gtk_message_dialog_new (window, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                   _("The last changes are not saved"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("Close _Without Them"), GTK_RESPONSE_CLOSE,
                          _("_Keep Open"), GTK_RESPONSE_CANCEL,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_unsaved_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
ips_window_dispose (GObject *object)
{
  IpsWindow *self = (IpsWindow *)object;

  if (self->file != NULL)
    g_signal_handlers_disconnect_by_data (self->file, self);
  if (self->binder != NULL)
    g_signal_handlers_disconnect_by_data (self->binder, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), IPS_TYPE_WINDOW);
  /* The binder flushes on dispose; then the file closes and unlocks. */
  g_clear_object (&self->binder);
  if (self->file != NULL)
    ips_client_file_close (self->file);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (ips_window_parent_class)->dispose (object);
}

static void
ips_window_finalize (GObject *object)
{
  IpsWindow *self = (IpsWindow *)object;

  g_array_unref (self->undo_stack);
  g_array_unref (self->redo_stack);

  G_OBJECT_CLASS (ips_window_parent_class)->finalize (object);
}

static void
ips_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  if (prop_id == PROP_CLIENT_VIEW)
    g_value_set_boolean (value, IPS_WINDOW (object)->client_view);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (prop_id == PROP_CLIENT_VIEW)
    ips_window_set_client_view (IPS_WINDOW (object), g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_window_class_init (IpsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ips_window_dispose;
  object_class->finalize = ips_window_finalize;
  object_class->get_property = ips_window_get_property;
  object_class->set_property = ips_window_set_property;
  window_class->close_request = ips_window_close_request;

  properties[PROP_CLIENT_VIEW] =
    g_param_spec_boolean ("client-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ipscaseload/IpsCaseload/ui/ips-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, form_list);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, IpsWindow, main_menu);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.text-larger", NULL, text_action);
  gtk_widget_class_install_action (widget_class, "win.text-smaller", NULL, text_action);
  gtk_widget_class_install_action (widget_class, "win.text-reset", NULL, text_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.print", "s", print_action);
  gtk_widget_class_install_property_action (widget_class, "win.client-view", "client-view");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.text-larger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.text-smaller", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.text-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.client-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", "s", "form");
}

/* The main menu's popover is built when first opened (by click or F10), not
 * before the window's first frame. */
static void
create_main_menu (GtkMenuButton *button,
                  gpointer       user_data)
{
  IpsWindow *self = IPS_WINDOW (user_data);

  gtk_menu_button_set_menu_model (button, self->main_menu);
}

static void
ips_window_init (IpsWindow *self)
{
  self->undo_stack = g_array_new (FALSE, FALSE, sizeof (Change));
  self->redo_stack = g_array_new (FALSE, FALSE, sizeof (Change));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "ips-window");
  gtk_menu_button_set_create_popup_func (self->menu_button, create_main_menu, self, NULL);
  g_signal_connect_swapped (self->form_list, "row-selected", G_CALLBACK (on_form_row_selected), self);
  g_signal_connect_swapped (self->banner_button, "clicked", G_CALLBACK (on_banner_dismiss), self);
}

static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Uninstalled runs may lack the schema; the window then keeps defaults. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema ? g_settings_new (APPLICATION_ID) : NULL;
}

IpsWindow *
ips_window_new (IpsApplication *application,
                IpsClientFile  *file)
{
  IpsWindow *self;
  IpsFormCatalog *catalog;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);

  self = g_object_new (IPS_TYPE_WINDOW, "application", application, NULL);
  self->file = g_object_ref (file);
  self->binder = ips_binder_new (file);
  self->settings = lookup_settings ();

  if (self->settings != NULL)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (self->settings, "window-width"),
                                 g_settings_get_int (self->settings, "window-height"));
  apply_text_scale (get_text_scale (self));

  g_signal_connect_swapped (self->binder, "notify::state", G_CALLBACK (on_binder_state), self);
  g_signal_connect_swapped (self->file, "changed", G_CALLBACK (on_file_changed), self);

  fill_form_list (self);
  update_title (self);
  update_state (self);
  update_actions (self);

  if (ips_client_file_get_read_only (file))
    {
      ips_window_show_banner (self, ips_client_file_get_read_only_message (file), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->banner_button), FALSE);
    }

  catalog = ips_client_file_get_catalog (file);
  if (ips_form_catalog_get_n_forms (catalog) > 0)
    ips_window_show_form (self, ips_form_definition_get_id (ips_form_catalog_get_form (catalog, 0)));
  return self;
}

IpsClientFile *
ips_window_get_file (IpsWindow *self)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), NULL);
  return self->file;
}

IpsBinder *
ips_window_get_binder (IpsWindow *self)
{
  g_return_val_if_fail (IPS_IS_WINDOW (self), NULL);
  return self->binder;
}
