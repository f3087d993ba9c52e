/* ips-caseload-window.c
 *
 * The folder is read off the main thread by an IpsCaseloadScan; its entries
 * go into one GListStore, which is filtered (active or closed, the search)
 * and sorted (the column the user clicked) for the column view. The
 * columns are in ips-caseload-window-columns.c, the commands in
 * ips-caseload-window-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-caseload-entry.h"
#include "ips-caseload-figures.h"
#include "ips-fidelity.h"
#include "ips-journey.h"
#include "ips-caseload-scan.h"
#include "ips-caseload-window-private.h"
#include "ips-client-file.h"
#include "ips-window.h"

/* Files change in bursts (a save, a copy of many files): read once after. */
#define RESCAN_DELAY_MS 700
/* A quick scan shows no progress bar rather than a flash of one. */
#define PROGRESS_DELAY_MS 300
/* How often a folder on a network share is read again: edits made on
 * other computers are not announced to file monitors. */
#define NETWORK_POLL_SECONDS 30

G_DEFINE_FINAL_TYPE (IpsCaseloadWindow, ips_caseload_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_FOLDER,
  PROP_STATE,
  PROP_BUSY,
  PROP_CLIENT_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_scan (IpsCaseloadWindow *self);

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

GDate
_ips_caseload_window_get_today (IpsCaseloadWindow *self)
{
  return self->today_fixed ? self->today : ips_date_today ();
}

/* State and what shows */

static guint
count_active (IpsCaseloadWindow *self,
              gboolean           active)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(IpsCaseloadEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (ips_caseload_entry_get_active (entry) == active)
        n++;
    }
  return n;
}

static void
show_message (IpsCaseloadWindow *self,
              const char        *title,
              const char        *text)
{
  gtk_label_set_text (self->empty_title, title);
  gtk_label_set_text (self->empty_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), text != NULL && *text != '\0');
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

/* The folder as the user knows it: "~/Documents/IPS Caseload". */
static char *
display_folder (const char *folder)
{
  const char *home = g_get_home_dir ();
  gsize home_length = strlen (home);

  if (folder == NULL)
    return g_strdup ("");
  if (home_length > 1 && strncmp (folder, home, home_length) == 0 && folder[home_length] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (folder + home_length + 1);

      return g_strconcat ("~", G_DIR_SEPARATOR_S, rest, NULL);
    }
  return g_filename_display_name (folder);
}

static void
update_view (IpsCaseloadWindow *self)
{
  g_autofree char *active = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *folder = display_folder (self->folder);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean show_closed = gtk_toggle_button_get_active (self->closed_button);

  gtk_stack_set_visible_child_name (self->mode_stack, self->client_view ? "client-view" : "caseload");
  gtk_widget_set_visible (self->view_switcher, !self->client_view);
  gtk_widget_set_visible (self->new_client_button, !self->client_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", !self->client_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", !self->client_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.choose-folder", !self->client_view);

  /* TRANSLATORS: a toggle button; %u is how many clients */
  active = g_strdup_printf (_("_Active (%u)"), count_active (self, TRUE));
  /* TRANSLATORS: a toggle button; %u is how many clients */
  closed = g_strdup_printf (_("C_losed (%u)"), count_active (self, FALSE));
  gtk_button_set_label (GTK_BUTTON (self->active_button), active);
  gtk_button_set_label (GTK_BUTTON (self->closed_button), closed);
  gtk_label_set_text (self->folder_label, folder);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_label), folder);

  switch (self->state)
    {
    case IPS_CASELOAD_STATE_LOADING:
      show_message (self, _("Reading the caseload folder…"), NULL);
      return;
    case IPS_CASELOAD_STATE_ERROR:
      {
        g_autofree char *text = g_strdup_printf (_("“%s”: %s. Choose another folder from the main menu."),
                                                 folder, self->folder_error);

        show_message (self, _("The caseload folder cannot be read"), text);
      }
      return;
    case IPS_CASELOAD_STATE_EMPTY:
      {
        g_autofree char *text = g_strdup_printf (_("Use New Client to add the first client to “%s”, "
                                                   "copy client files into it, or choose another "
                                                   "caseload folder from the main menu."),
                                                 folder);

        show_message (self, _("No client files yet"), text);
      }
      return;
    case IPS_CASELOAD_STATE_READY:
    default:
      break;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "list");
  else if (*search != '\0')
    {
      g_autofree char *title = g_strdup_printf (show_closed ? _("No closed client matches “%s”")
                                                            : _("No active client matches “%s”"),
                                                search);

      show_message (self, title, _("Search looks at the clients’ names. Clear the search to see them all."));
    }
  else if (show_closed)
    show_message (self, _("No closed clients"), _("Clients whose case is closed are listed here."));
  else
    show_message (self, _("No active clients"), _("Every client in this folder has a closed case. "
                                                  "Use New Client to add one."));
}

static void
set_state (IpsCaseloadWindow *self,
           IpsCaseloadState   state)
{
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  update_view (self);
}

static void
on_column_view_activate (IpsCaseloadWindow *self,
                         guint              position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->column_view));
  g_autoptr(IpsCaseloadEntry) entry = g_list_model_get_item (model, position);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (entry != NULL && IPS_IS_APPLICATION (application))
    ips_application_open_path (IPS_APPLICATION (application), ips_caseload_entry_get_path (entry));
}

/* The list */

static void
on_filter_changed (IpsCaseloadWindow *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
}

/* Figures */

static void
fill_figures (IpsCaseloadWindow *self)
{
  GDate today = _ips_caseload_window_get_today (self);
  g_autoptr(IpsCaseloadFigures) figures = ips_caseload_figures_compute (G_LIST_MODEL (self->store), &today);
  GtkWidget *child;

  g_autoptr(GPtrArray) items = ips_fidelity_score (figures);
  g_auto(GStrv) fidelity = ips_fidelity_to_lines (items);
  g_auto(GStrv) lines = ips_caseload_figures_to_lines (figures);
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  /* The figures, then the fidelity items they score and the bands. */
  g_strv_builder_addv (all, (const char **) lines);
  g_strv_builder_addv (all, (const char **) fidelity);
  g_clear_pointer (&self->figures, g_strfreev);
  self->figures = g_strv_builder_end (all);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_list))) != NULL)
    gtk_list_box_remove (self->figures_list, child);

  gtk_label_set_text (self->figures_title, self->figures[0] ? self->figures[0] : "");
  for (guint i = 1; self->figures[i] != NULL; i++)
    {
      /* "What: how many, over whom": the part before the colon as a heading. */
      const char *line = self->figures[i];
      const char *colon = strstr (line, ": ");
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new (colon ? colon + 2 : line);

      if (colon != NULL)
        {
          g_autofree char *heading = g_strndup (line, (gsize)(colon - line));
          GtkWidget *label = gtk_label_new (heading);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_add_css_class (label, "heading");
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_box_append (GTK_BOX (box), value);
      gtk_list_box_append (self->figures_list, box);
    }
}

/* Scanning */

static gboolean
on_progress_delay (gpointer data)
{
  IpsCaseloadWindow *self = data;

  self->progress_id = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_scan_progress (IpsCaseloadWindow *self,
                  guint              done,
                  guint              total)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading %u of %u file",
                                                        "Reading %u of %u files", total),
                                           MIN (done + 1, total), total);

  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double)done / total : 0.0);
}

static void
set_busy (IpsCaseloadWindow *self,
          gboolean           busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (busy)
    {
      gtk_label_set_text (self->progress_label, _("Reading the caseload folder…"));
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      self->progress_id = g_timeout_add (PROGRESS_DELAY_MS, on_progress_delay, self);
    }
  else
    gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
entries_look_alike (IpsCaseloadEntry *a,
                    IpsCaseloadEntry *b)
{
  return g_strcmp0 (ips_caseload_entry_get_path (a), ips_caseload_entry_get_path (b)) == 0 &&
         g_strcmp0 (ips_caseload_entry_get_name (a), ips_caseload_entry_get_name (b)) == 0 &&
         g_strcmp0 (ips_caseload_entry_get_error (a), ips_caseload_entry_get_error (b)) == 0 &&
         g_strcmp0 (ips_caseload_entry_get_next_due (a), ips_caseload_entry_get_next_due (b)) == 0 &&
         g_strcmp0 (ips_caseload_entry_get_due_date (a), ips_caseload_entry_get_due_date (b)) == 0 &&
         ips_caseload_entry_get_stage (a) == ips_caseload_entry_get_stage (b) &&
         ips_caseload_entry_get_days_overdue (a) == ips_caseload_entry_get_days_overdue (b) &&
         ips_caseload_entry_get_active (a) == ips_caseload_entry_get_active (b);
}

/* The folder is read again often (a window closes, a file is saved): when
 * the same files are there, only the rows that changed are replaced, so the
 * list keeps its selection and scroll position. */
static void
replace_entries (IpsCaseloadWindow *self,
                 GPtrArray         *items)
{
  GListModel *store = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (store);
  gboolean same_files = n == items->len;

  for (guint i = 0; same_files && i < n; i++)
    {
      g_autoptr(IpsCaseloadEntry) old = g_list_model_get_item (store, i);

      same_files = g_strcmp0 (ips_caseload_entry_get_path (old),
                              ips_caseload_entry_get_path (items->pdata[i])) == 0;
    }
  if (!same_files)
    {
      g_list_store_splice (self->store, 0, n, items->pdata, items->len);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IpsCaseloadEntry) old = g_list_model_get_item (store, i);

      if (!entries_look_alike (old, items->pdata[i]))
        g_list_store_splice (self->store, i, 1, &items->pdata[i], 1);
    }
}

/* A client being edited in one of the application's windows is listed as
 * that window has it: its file holds the latest edits, and on a network
 * share the scan cannot read a file open for editing at all. */
static IpsCaseloadEntry *
entry_from_open_window (IpsCaseloadWindow *self,
                        IpsCaseloadEntry  *entry)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  const char *path = ips_caseload_entry_get_path (entry);
  g_autoptr(IpsJourney) journey = NULL;
  g_autofree char *name = NULL;
  GtkWindow *window;
  IpsClientFile *file;
  GDate today;

  if (!IPS_IS_APPLICATION (application) ||
      (window = ips_application_find_window (IPS_APPLICATION (application), path)) == NULL)
    return NULL;
  file = ips_window_get_file (IPS_WINDOW (window));
  if (ips_client_file_get_read_only (file))
    return NULL;

  ips_client_file_begin_read (file);
  name = ips_client_file_dup_client_name (file);
  journey = ips_journey_read (file);
  ips_client_file_end_read (file);
  today = _ips_caseload_window_get_today (self);
  return ips_caseload_entry_new (path, name, journey, &today);
}

static void
on_scan_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(IpsCaseloadWindow) self = data;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  entries = ips_caseload_scan_run_finish (IPS_CASELOAD_SCAN (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the window closed, or the folder changed and another scan runs */

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  if (entries != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        IpsCaseloadEntry *entry = g_list_model_get_item (entries, i);
        IpsCaseloadEntry *open = entry_from_open_window (self, entry);

        if (open != NULL)
          g_object_unref (entry);
        g_ptr_array_add (items, open != NULL ? open : entry);
      }
  replace_entries (self, items);

  g_clear_pointer (&self->folder_error, g_free);
  if (entries == NULL)
    {
      self->folder_error = g_strdup (error->message);
      set_state (self, IPS_CASELOAD_STATE_ERROR);
    }
  else
    set_state (self, items->len > 0 ? IPS_CASELOAD_STATE_READY : IPS_CASELOAD_STATE_EMPTY);
  fill_figures (self);

  if (self->rescan_pending)
    start_scan (self);
}

static void
start_scan (IpsCaseloadWindow *self)
{
  GDate today;

  if (self->folder == NULL)
    return;
  if (self->busy)
    {
      self->rescan_pending = TRUE;
      return;
    }

  if (self->scan == NULL)
    {
      GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
      g_autoptr(IpsFormCatalog) catalog = NULL;

      if (IPS_IS_APPLICATION (application))
        catalog = g_object_ref (ips_application_get_catalog (IPS_APPLICATION (application)));
      else
        catalog = ips_form_catalog_new_default (NULL);
      g_return_if_fail (catalog != NULL);
      self->scan = ips_caseload_scan_new (catalog);
      g_signal_connect_object (self->scan, "progress", G_CALLBACK (on_scan_progress), self, G_CONNECT_SWAPPED);
    }

  self->rescan_pending = FALSE;
  today = _ips_caseload_window_get_today (self);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  ips_caseload_scan_run_async (self->scan, self->folder, &today, self->cancellable,
                               on_scan_finished, g_object_ref (self));
}

static gboolean
on_rescan_timeout (gpointer data)
{
  IpsCaseloadWindow *self = data;

  self->rescan_id = 0;
  start_scan (self);
  return G_SOURCE_REMOVE;
}

void
_ips_caseload_window_queue_rescan (IpsCaseloadWindow *self)
{
  g_clear_handle_id (&self->rescan_id, g_source_remove);
  self->rescan_id = g_timeout_add (RESCAN_DELAY_MS, on_rescan_timeout, self);
}

static gboolean
is_client_file (GFile *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return name != NULL && g_str_has_suffix (name, IPS_CLIENT_FILE_EXTENSION);
}

static void
on_folder_changed (IpsCaseloadWindow *self,
                   GFile             *file,
                   GFile             *other_file,
                   GFileMonitorEvent  event)
{
  /* Journals, locks and other files come and go while a client is edited;
   * only the client files themselves change the list. */
  if (is_client_file (file) || is_client_file (other_file))
    _ips_caseload_window_queue_rescan (self);
}

static gboolean
on_poll (gpointer data)
{
  IpsCaseloadWindow *self = data;

  /* Files unchanged since the last read are not read again (IpsCaseloadScan). */
  if (!ips_caseload_window_get_busy (self))
    start_scan (self);
  return G_SOURCE_CONTINUE;
}

/* A monitor hears of changes made on this computer only. */
static void
schedule_poll (IpsCaseloadWindow *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (ips_client_file_folder_is_on_network (self->folder))
    self->poll_id = g_timeout_add_seconds (self->poll_seconds, on_poll, self);
}

static void
watch_folder (IpsCaseloadWindow *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (self->folder);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* Without a monitor the list still follows windows closing and Refresh. */
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (on_folder_changed), self);
  schedule_poll (self);
}

/* The application's client windows */

static void
sync_client_view (IpsCaseloadWindow *self,
                  GParamSpec        *pspec,
                  IpsWindow         *window)
{
  ips_caseload_window_set_client_view (self, ips_window_get_client_view (window));
}

static void
on_window_added (IpsCaseloadWindow *self,
                 GtkWindow         *window)
{
  if (!IPS_IS_WINDOW (window))
    return;
  /* A client in the room sees no other client's name, whichever window is in front. */
  g_signal_connect_object (window, "notify::client-view", G_CALLBACK (sync_client_view), self,
                           G_CONNECT_SWAPPED);
  if (ips_window_get_client_view (IPS_WINDOW (window)))
    ips_caseload_window_set_client_view (self, TRUE);
}

static void
on_window_removed (IpsCaseloadWindow *self,
                   GtkWindow         *window)
{
  /* What was recorded in it may change the stage and what is due. */
  if (IPS_IS_WINDOW (window))
    _ips_caseload_window_queue_rescan (self);
}

static void
on_application_changed (IpsCaseloadWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL || g_object_get_data (G_OBJECT (self), "watching") == application)
    return;
  g_object_set_data (G_OBJECT (self), "watching", application);
  g_signal_connect_object (application, "window-added", G_CALLBACK (on_window_added), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "window-removed", G_CALLBACK (on_window_removed), self, G_CONNECT_SWAPPED);
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    on_window_added (self, l->data);
}

const char *
ips_caseload_window_get_folder (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return self->folder;
}

void
ips_caseload_window_set_folder (IpsCaseloadWindow *self,
                                const char        *folder)
{
  g_return_if_fail (IPS_IS_CASELOAD_WINDOW (self));
  g_return_if_fail (folder != NULL);

  if (g_strcmp0 (self->folder, folder) == 0)
    return;

  g_free (self->folder);
  self->folder = g_strdup (folder);

  /* Another folder: what the running scan finds is no longer wanted. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->busy = FALSE;
    }
  g_list_store_remove_all (self->store);
  watch_folder (self);
  set_state (self, IPS_CASELOAD_STATE_LOADING);
  start_scan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

void
ips_caseload_window_refresh (IpsCaseloadWindow *self)
{
  g_return_if_fail (IPS_IS_CASELOAD_WINDOW (self));

  g_clear_handle_id (&self->rescan_id, g_source_remove);
  start_scan (self);
}

IpsCaseloadState
ips_caseload_window_get_state (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), IPS_CASELOAD_STATE_LOADING);
  return self->state;
}

gboolean
ips_caseload_window_get_busy (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), FALSE);
  return self->busy || self->rescan_id != 0;
}

gboolean
ips_caseload_window_get_client_view (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), FALSE);
  return self->client_view;
}

void
ips_caseload_window_set_client_view (IpsCaseloadWindow *self,
                                     gboolean           client_view)
{
  g_return_if_fail (IPS_IS_CASELOAD_WINDOW (self));

  client_view = !!client_view;
  if (self->client_view == client_view)
    return;

  self->client_view = client_view;
  if (client_view)
    _ips_caseload_window_hide_new_client (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_VIEW]);
}

void
ips_caseload_window_set_network_poll (IpsCaseloadWindow *self,
                                      guint              seconds)
{
  g_return_if_fail (IPS_IS_CASELOAD_WINDOW (self));
  g_return_if_fail (seconds > 0);

  self->poll_seconds = seconds;
  if (self->folder != NULL)
    schedule_poll (self);
}

void
ips_caseload_window_set_today (IpsCaseloadWindow *self,
                               const GDate       *today)
{
  g_return_if_fail (IPS_IS_CASELOAD_WINDOW (self));

  self->today_fixed = today != NULL && g_date_valid (today);
  if (self->today_fixed)
    self->today = *today;
  ips_caseload_window_refresh (self);
}

GListModel *
ips_caseload_window_get_rows (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

GtkColumnView *
ips_caseload_window_get_column_view (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return self->column_view;
}

GtkWidget *
ips_caseload_window_get_search_entry (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

GtkWidget *
ips_caseload_window_get_new_client_entry (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return GTK_WIDGET (self->new_client_entry);
}

const char *
ips_caseload_window_get_new_client_error (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->new_client_error)))
    return NULL;
  return gtk_label_get_text (self->new_client_error);
}

GStrv
ips_caseload_window_dup_figures (IpsCaseloadWindow *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_WINDOW (self), NULL);
  return g_strdupv (self->figures);
}

/* GObject */

static void
ips_caseload_window_dispose (GObject *object)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rescan_id, g_source_remove);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  /* The window's child is a template child: disposing the template would
   * unparent it behind GtkWindow's back, which then unparents it again. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IPS_TYPE_CASELOAD_WINDOW);

  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->scan);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ips_caseload_window_parent_class)->dispose (object);
}

static void
ips_caseload_window_finalize (GObject *object)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (object);

  g_free (self->folder);
  g_free (self->folder_error);
  g_strfreev (self->figures);

  G_OBJECT_CLASS (ips_caseload_window_parent_class)->finalize (object);
}

static void
ips_caseload_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_CLIENT_VIEW:
      g_value_set_boolean (value, self->client_view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_caseload_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_FOLDER:
      if (g_value_get_string (value) != NULL)
        ips_caseload_window_set_folder (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_VIEW:
      ips_caseload_window_set_client_view (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window's size is remembered, as the client window's is. */
static gboolean
ips_caseload_window_close_request (GtkWindow *window)
{
  IpsCaseloadWindow *self = IPS_CASELOAD_WINDOW (window);

  if (self->settings != NULL && !gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "caseload-width", width);
      g_settings_set_int (self->settings, "caseload-height", height);
    }
  return GTK_WINDOW_CLASS (ips_caseload_window_parent_class)->close_request (window);
}

static void
ips_caseload_window_class_init (IpsCaseloadWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_caseload_window_dispose;
  object_class->finalize = ips_caseload_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = ips_caseload_window_close_request;
  object_class->get_property = ips_caseload_window_get_property;
  object_class->set_property = ips_caseload_window_set_property;

  properties[PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, IPS_CASELOAD_STATE_LOADING, IPS_CASELOAD_STATE_ERROR,
                      IPS_CASELOAD_STATE_LOADING,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_VIEW] =
    g_param_spec_boolean ("client-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ipscaseload/IpsCaseload/ui/ips-caseload-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, new_client_button);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, new_client_revealer);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, new_client_entry);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, new_client_error);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, active_button);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, closed_button);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, folder_label);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, name_column);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, stage_column);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, next_due_column);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, due_date_column);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, overdue_column);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, empty_title);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, figures_title);
  gtk_widget_class_bind_template_child (widget_class, IpsCaseloadWindow, figures_list);

  _ips_caseload_window_class_init_actions (widget_class);
}

static void
ips_caseload_window_init (IpsCaseloadWindow *self)
{
  GtkFilterListModel *filtered;
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "ips-caseload-window");
  self->poll_seconds = NETWORK_POLL_SECONDS;
  self->settings = lookup_settings ();
  if (self->settings != NULL)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (self->settings, "caseload-width"),
                                 g_settings_get_int (self->settings, "caseload-height"));
  self->store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
  _ips_caseload_window_init_columns (self);

  /* store -> filter (active or closed, search) -> sort (the columns) -> view */
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->column_view, selection);
  /* Who needs something first is the question the list answers first. */
  gtk_column_view_sort_by_column (self->column_view, self->due_date_column, GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_column_view_activate), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_filter_changed), self);
  g_signal_connect_swapped (self->closed_button, "toggled", G_CALLBACK (on_filter_changed), self);
  _ips_caseload_window_init_actions (self);
  g_signal_connect_swapped (self, "notify::application", G_CALLBACK (on_application_changed), self);

  update_view (self);
  fill_figures (self);
}

IpsCaseloadWindow *
ips_caseload_window_new (IpsApplication *application,
                         const char     *folder)
{
  IpsCaseloadWindow *self;

  g_return_val_if_fail (application == NULL || IPS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  /* The application first: the scan reads with its form catalog. */
  self = g_object_new (IPS_TYPE_CASELOAD_WINDOW, "application", application, NULL);
  ips_caseload_window_set_folder (self, folder);
  return self;
}
