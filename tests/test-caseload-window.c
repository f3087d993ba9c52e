/* test-caseload-window.c: the caseload window over a folder of client files (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "ips-application.h"
#include "ips-caseload-entry.h"
#include "ips-caseload-folder.h"
#include "ips-caseload-window.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-form-page.h"
#include "ips-journey.h"
#include "ips-test-ui-util.h"
#include "ips-test-util.h"
#include "ips-window.h"
#include "ips-xml-import.h"

/* The day the made-up caseload is seen on, so stages and what is overdue are known. */
#define TODAY "2026-06-30"

static IpsApplication *app;

typedef struct
{
  char *dir;
  IpsCaseloadWindow *window;
} Fixture;

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for_scan (IpsCaseloadWindow *window)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, on_tick, NULL);

  while (ips_caseload_window_get_busy (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_false (ips_caseload_window_get_busy (window));
  ips_test_wait_ms (50);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static IpsClientFile *
new_client (Fixture    *fixture,
            const char *file_name,
            const char *client_name)
{
  g_autofree char *path = path_in (fixture, file_name);

  return ips_test_new_client (path, ips_application_get_catalog (app), client_name);
}

static void
import_john (const char *path)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", "john.xml", NULL);
  g_autoptr(GBytes) xml = ips_test_read_bytes (example);
  g_autoptr(GError) error = NULL;
  g_autoptr(IpsClientFile) file = ips_xml_import (xml, path, ips_application_get_catalog (app), &error);

  g_assert_no_error (error);
  ips_client_file_close (file);
}

/* John, four clients with known stages on TODAY, a damaged file, a file
 * that is not a client file, and a file the list does not show at all. */
static void
make_caseload (Fixture *fixture)
{
  g_autofree char *john = path_in (fixture, "John.ipsclient");
  g_autofree char *foreign = path_in (fixture, "notes.ipsclient");
  g_autofree char *text = path_in (fixture, "notes.txt");
  g_autoptr(IpsClientFile) ann = new_client (fixture, "ann.ipsclient", "Ann");
  g_autoptr(IpsClientFile) ben = new_client (fixture, "ben.ipsclient", "Ben");
  g_autoptr(IpsClientFile) cat = new_client (fixture, "cat.ipsclient", "Cat");
  g_autoptr(IpsClientFile) dan = new_client (fixture, "dan.ipsclient", "Dan");

  import_john (john);

  /* In work since February, seen ten days ago: in-work contact due 2026-07-18. */
  ips_test_set (ann, "journey", "referral-accepted", "2026-01-05");
  ips_test_add_row (ann, "journey", "employer-contacts", "date", "2026-01-20", "face-to-face", "yes", NULL);
  ips_test_add_row (ann, "journey", "jobs", "employer", "Shop One", "start-date", "2026-02-01", NULL);
  ips_test_add_row (ann, "journey", "in-work-support", "date", "2026-06-20", "with", "client", NULL);

  /* Looking, with a plan made on 2026-06-10: its review is due 2026-07-08. */
  ips_test_set (ben, "journey", "referral-accepted", "2026-02-01");
  ips_test_add_row (ben, "journey", "employer-contacts", "date", "2026-03-13", "face-to-face", "yes", NULL);
  ips_test_set (ben, "action-plan", "date", "2026-06-10");

  /* Closed. */
  ips_test_set (cat, "journey", "referral-accepted", "2025-03-01");
  ips_test_set (cat, "journey", "closure-date", "2026-01-31");

  /* Accepted in May, not seen since: first employer contact 32 days overdue. */
  ips_test_set (dan, "journey", "referral-accepted", "2026-05-01");

  ips_client_file_close (ann);
  ips_client_file_close (ben);
  ips_client_file_close (cat);
  ips_client_file_close (dan);

  {
    g_autofree char *damaged = path_in (fixture, "damaged.ipsclient");

    ips_test_make_damaged (damaged, ips_application_get_catalog (app));
  }
  ips_test_write_file (foreign, "Meeting notes, not a client file.\n", 34);
  ips_test_write_file (text, "Not listed.\n", 12);
}

static void
close_client_windows (void)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  ips_test_wait_ms (20);
}

static IpsCaseloadWindow *
open_caseload (Fixture *fixture)
{
  GDate today = ips_date_parse (TODAY);
  IpsCaseloadWindow *window = ips_caseload_window_new (app, fixture->dir);

  ips_caseload_window_set_today (window, &today);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_scan (window);
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ips_test_make_dir ();
  if (data != NULL)
    make_caseload (fixture);
  fixture->window = open_caseload (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_client_windows ();
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Reading what shows */

static IpsCaseloadEntry *
row_at (IpsCaseloadWindow *window,
        guint              position)
{
  g_autoptr(IpsCaseloadEntry) entry = g_list_model_get_item (ips_caseload_window_get_rows (window), position);

  g_assert_nonnull (entry);
  return entry;   /* the model keeps it alive */
}

/* The names of the rows shown, in order, joined by spaces; unnamed files by file name. */
static char *
row_names (IpsCaseloadWindow *window)
{
  GListModel *rows = ips_caseload_window_get_rows (window);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      IpsCaseloadEntry *entry = row_at (window, i);
      const char *name = ips_caseload_entry_get_name (entry);
      g_autofree char *base = g_path_get_basename (ips_caseload_entry_get_path (entry));

      g_string_append_printf (names, "%s%s", names->len ? " " : "", name ? name : base);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The cell label that shows @text, or NULL. */
static GtkWidget *
find_label (IpsCaseloadWindow *window,
            const char        *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (GTK_WIDGET (ips_caseload_window_get_column_view (window)), labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static GtkWidget *
find_label_prefix (IpsCaseloadWindow *window,
                   const char        *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (GTK_WIDGET (ips_caseload_window_get_column_view (window)), labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (labels->pdata[i]), prefix))
      return labels->pdata[i];
  return NULL;
}

static GtkColumnViewColumn *
column (IpsCaseloadWindow *window,
        guint              position)
{
  GListModel *columns = gtk_column_view_get_columns (ips_caseload_window_get_column_view (window));
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);

  return column;
}

static void
show_closed (IpsCaseloadWindow *window,
             gboolean           closed)
{
  GtkWidget *search = ips_caseload_window_get_search_entry (window);
  /* The toggles sit left of the search entry, in one linked box. */
  GtkWidget *toggles = gtk_widget_get_first_child (gtk_widget_get_parent (search));
  GtkWidget *button = closed ? gtk_widget_get_last_child (toggles) : gtk_widget_get_first_child (toggles);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  ips_test_wait_ms (50);
}

static void
search_for (IpsCaseloadWindow *window,
            const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ips_caseload_window_get_search_entry (window)), text);
  /* The search entry waits a moment for more typing. */
  ips_test_wait_ms (400);
}

static IpsWindow *
find_client_window (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (IPS_IS_WINDOW (l->data) &&
        g_strcmp0 (ips_client_file_get_path (ips_window_get_file (l->data)), path) == 0)
      return l->data;
  return NULL;
}

/* Tests */

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  g_autofree char *names = NULL;
  g_autofree char *closed = NULL;
  IpsCaseloadEntry *damaged = NULL;
  IpsCaseloadEntry *foreign = NULL;
  GListModel *rows = ips_caseload_window_get_rows (window);
  GtkWidget *label;

  g_assert_cmpint (ips_caseload_window_get_state (window), ==, IPS_CASELOAD_STATE_READY);

  /* Every active client file, the unreadable ones too; not notes.txt, not Cat (closed). */
  gtk_column_view_sort_by_column (ips_caseload_window_get_column_view (window), column (window, 0), GTK_SORT_ASCENDING);
  names = row_names (window);
  g_assert_cmpstr (names, ==, "Ann Ben Dan John damaged.ipsclient notes.ipsclient");

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      IpsCaseloadEntry *entry = row_at (window, i);

      if (g_str_has_suffix (ips_caseload_entry_get_path (entry), "damaged.ipsclient"))
        damaged = entry;
      else if (g_str_has_suffix (ips_caseload_entry_get_path (entry), "notes.ipsclient"))
        foreign = entry;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      IpsCaseloadEntry *entry = row_at (window, i);

      g_test_message ("%s: stage %d, %s on %s, %d days overdue", ips_caseload_entry_get_name (entry),
                      ips_caseload_entry_get_stage (entry), ips_caseload_entry_get_next_due (entry),
                      ips_caseload_entry_get_due_date (entry), ips_caseload_entry_get_days_overdue (entry));
    }
  g_assert_nonnull (damaged);
  g_assert_nonnull (foreign);
  g_assert_nonnull (ips_caseload_entry_get_error (damaged));
  g_assert_nonnull (ips_caseload_entry_get_error (foreign));

  /* The reason shows in the Stage column. */
  {
    g_autofree char *shown = g_strdup_printf ("Cannot be read: %s", ips_caseload_entry_get_error (damaged));

    label = find_label (window, shown);
    g_assert_nonnull (label);
    g_assert_true (gtk_widget_has_css_class (label, "ips-file-error"));
    g_test_message ("damaged: %s", shown);
  }
  g_assert_nonnull (find_label_prefix (window, "Cannot be read: "));
  g_assert_nonnull (find_label (window, "Assessment"));
  g_assert_nonnull (find_label (window, "In work"));

  show_closed (window, TRUE);
  closed = row_names (window);
  g_assert_cmpstr (closed, ==, "Cat");
  g_assert_nonnull (find_label (window, "Closed"));
  show_closed (window, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 6);

  /* The figures are over the same folder. */
  {
    g_auto(GStrv) figures = ips_caseload_window_dup_figures (window);

    g_assert_nonnull (figures);
    g_assert_nonnull (strstr (figures[0], "7 client files"));
    /* The fidelity items the records score, and the scale's bands. */
    {
      gboolean item_1 = FALSE, bands = FALSE;

      for (guint i = 0; figures[i] != NULL; i++)
        {
          item_1 |= g_str_has_prefix (figures[i], "Fidelity item 1,");
          bands |= strstr (figures[i], "115–125 exemplary") != NULL;
        }
      g_assert_true (item_1);
      g_assert_true (bands);
    }
  }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;

  gtk_column_view_sort_by_column (ips_caseload_window_get_column_view (window), column (window, 0), GTK_SORT_ASCENDING);

  search_for (window, "an");
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "Ann Dan");
  }

  /* Case and accents aside. */
  search_for (window, "JOHN");
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "John");
  }

  /* Nobody: said so, rather than an empty table. */
  search_for (window, "Zebedee");
  g_assert_cmpuint (g_list_model_get_n_items (ips_caseload_window_get_rows (window)), ==, 0);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (ips_caseload_window_get_column_view (window))));

  search_for (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (ips_caseload_window_get_rows (window)), ==, 6);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ips_caseload_window_get_column_view (window))));

  /* Ctrl+F goes to the search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  ips_test_wait_ms (50);
  g_assert_true (gtk_widget_is_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (ips_caseload_window_get_search_entry (window))))) ||
                 gtk_widget_has_focus (ips_caseload_window_get_search_entry (window)));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkColumnView *view = ips_caseload_window_get_column_view (window);
  GListModel *rows = ips_caseload_window_get_rows (window);
  g_autoptr(GPtrArray) dates = g_ptr_array_new ();

  gtk_column_view_sort_by_column (view, column (window, 0), GTK_SORT_DESCENDING);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "notes.ipsclient damaged.ipsclient John Dan Ben Ann");
  }

  /* By due date: the earliest first (John's plan review from the workbook), nothing due last. */
  gtk_column_view_sort_by_column (view, column (window, 3), GTK_SORT_ASCENDING);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "John Dan Ben Ann damaged.ipsclient notes.ipsclient");
  }
  g_assert_cmpstr (ips_caseload_entry_get_due_date (row_at (window, 1)), ==, "2026-05-29");
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      const char *due = ips_caseload_entry_get_due_date (row_at (window, i));

      if (dates->len > 0 && due != NULL)
        {
          const char *before = g_ptr_array_index (dates, dates->len - 1);

          g_assert_nonnull (before);
          g_assert_cmpstr (before, <=, due);
        }
      g_ptr_array_add (dates, (gpointer)due);
    }
  g_assert_null (ips_caseload_entry_get_due_date (row_at (window, g_list_model_get_n_items (rows) - 1)));

  gtk_column_view_sort_by_column (view, column (window, 3), GTK_SORT_DESCENDING);
  g_assert_cmpstr (ips_caseload_entry_get_name (row_at (window, 5)), ==, "John");
  g_assert_cmpstr (ips_caseload_entry_get_name (row_at (window, 2)), ==, "Ann");

  /* By how overdue: the most overdue first. */
  gtk_column_view_sort_by_column (view, column (window, 4), GTK_SORT_ASCENDING);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "John Dan Ben Ann damaged.ipsclient notes.ipsclient");
  }
}

static void
test_overdue (Fixture       *fixture,
              gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkWidget *overdue;

  /* In words and in red: colour is not the only cue. */
  overdue = find_label (window, "32 days overdue");
  g_assert_nonnull (overdue);
  g_assert_true (gtk_widget_has_css_class (overdue, "overdue"));
  g_assert_nonnull (find_label (window, "2026-05-29"));
  g_assert_nonnull (find_label (window, "Contact with the client (none for 4 weeks)"));
  g_assert_true (gtk_widget_has_css_class (find_label (window, "71 days overdue"), "overdue"));

  /* Due today is not late yet. */
  {
    GDate today = ips_date_parse ("2026-07-08");

    ips_caseload_window_set_today (window, &today);
    wait_for_scan (window);
    g_assert_nonnull (find_label (window, "Due today"));
    g_assert_nonnull (find_label (window, "40 days overdue"));
  }

  /* Not overdue: no red. */
  {
    GtkWidget *on_time = find_label (window, "On time");

    g_assert_nonnull (on_time);
    g_assert_false (gtk_widget_has_css_class (on_time, "overdue"));
  }
}

static void
test_open_row (Fixture       *fixture,
               gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkColumnView *view = ips_caseload_window_get_column_view (window);
  g_autofree char *ben = path_in (fixture, "ben.ipsclient");
  guint position = G_MAXUINT;
  IpsWindow *client;

  gtk_column_view_sort_by_column (view, column (window, 0), GTK_SORT_ASCENDING);
  for (guint i = 0; i < g_list_model_get_n_items (ips_caseload_window_get_rows (window)); i++)
    if (g_strcmp0 (ips_caseload_entry_get_path (row_at (window, i)), ben) == 0)
      position = i;
  g_assert_cmpuint (position, ==, 1);

  g_assert_null (find_client_window (ben));
  g_signal_emit_by_name (view, "activate", position);
  ips_test_wait_ms (50);
  client = find_client_window (ben);
  g_assert_nonnull (client);
  g_assert_false (ips_client_file_get_read_only (ips_window_get_file (client)));

  /* Activating it again shows the same window. */
  g_signal_emit_by_name (view, "activate", position);
  ips_test_wait_ms (20);
  {
    guint n = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      n += IPS_IS_WINDOW (l->data);
    g_assert_cmpuint (n, ==, 1);
  }

  /* Reading the folder again with nothing changed keeps the rows and the selection. */
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (view);
    g_autoptr(IpsCaseloadEntry) before = g_list_model_get_item (ips_caseload_window_get_rows (window), 0);
    g_autoptr(IpsCaseloadEntry) after = NULL;

    gtk_selection_model_select_item (selection, 2, TRUE);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
    wait_for_scan (window);
    after = g_list_model_get_item (ips_caseload_window_get_rows (window), 0);
    g_assert_true (before == after);
    g_assert_true (gtk_selection_model_is_selected (selection, 2));
  }

  /* Closing it reads the folder again: the list follows what was recorded. */
  {
    g_autoptr(GError) error = NULL;

    ips_client_file_set_value (ips_window_get_file (client), "journey", "closure-date", "2026-06-29", &error);
    g_assert_no_error (error);
  }
  gtk_window_close (GTK_WINDOW (client));
  ips_test_wait_ms (20);
  g_assert_true (ips_caseload_window_get_busy (window));
  wait_for_scan (window);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "Ann Dan John damaged.ipsclient notes.ipsclient");
  }
}

static void
test_new_client (Fixture       *fixture,
                 gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkWidget *entry = ips_caseload_window_get_new_client_entry (window);
  g_autofree char *path = path_in (fixture, "Zoë O'Brien.ipsclient");
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  IpsWindow *client;

  /* Ctrl+N, the application's New Client, asks the caseload for a name. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-client", NULL);
  ips_test_wait_ms (400);
  g_assert_true (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Zoë O'Brien ");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-client", NULL);
  ips_test_wait_ms (50);
  g_assert_null (ips_caseload_window_get_new_client_error (window));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (ips_test_file_mode (path), ==, 0600);

  /* Its window opens, on the referral form, with the name on it. */
  client = find_client_window (path);
  g_assert_nonnull (client);
  g_assert_cmpstr (ips_form_definition_get_id (ips_form_page_get_definition (IPS_FORM_PAGE (ips_window_get_visible_page (client)))),
                   ==, "referral");
  {
    g_autofree char *name = ips_client_file_get_value (ips_window_get_file (client), "referral", "name");
    g_assert_cmpstr (name, ==, "Zoë O'Brien");
  }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (client)), ==, "Zoë O'Brien");
  gtk_window_close (GTK_WINDOW (client));
  ips_test_wait_ms (20);
  wait_for_scan (window);
  g_assert_nonnull (find_label (window, "Zoë O'Brien"));

  /* The same name again: a clear error, and no file changed. */
  before = ips_test_read_bytes (path);
  listing = ips_test_list_dir (fixture->dir);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Zoë O'Brien");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-client", NULL);
  ips_test_wait_ms (50);
  g_assert_nonnull (ips_caseload_window_get_new_client_error (window));
  g_assert_nonnull (strstr (ips_caseload_window_get_new_client_error (window), "already a client file called “Zoë O'Brien.ipsclient”"));
  g_test_message ("%s", ips_caseload_window_get_new_client_error (window));
  after = ips_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autofree char *listing_after = ips_test_list_dir (fixture->dir);
    g_assert_cmpstr (listing, ==, listing_after);
  }
  g_assert_null (find_client_window (path));

  /* No name at all. */
  gtk_editable_set_text (GTK_EDITABLE (entry), " /.. ");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-client", NULL);
  g_assert_cmpstr (ips_caseload_window_get_new_client_error (window), ==, "Type the client’s name first");
  {
    g_autofree char *listing_after = ips_test_list_dir (fixture->dir);
    g_assert_cmpstr (listing, ==, listing_after);
  }
}

static void
test_file_names (void)
{
  struct { const char *name; const char *file; } cases[] = {
    { "John", "John" },
    { "  Ann  Lee ", "Ann  Lee" },
    { "../Jo/hn: *Smith?", "John Smith" },
    { "a<b>c|d\"e\\f\tg", "abcdefg" },
    { "Siân Llŷr", "Siân Llŷr" },
    { "...", NULL },
    { " / ", NULL },
    { "", NULL },
  };
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *trimmed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *file = ips_caseload_folder_file_name_for (cases[i].name);

      g_assert_cmpstr (file, ==, cases[i].file);
    }

  /* A long name is cut on a character, with room for the extension. */
  for (guint i = 0; i < 150; i++)
    g_string_append (long_name, "ŵ");
  trimmed = ips_caseload_folder_file_name_for (long_name->str);
  g_assert_true (g_utf8_validate (trimmed, -1, NULL));
  g_assert_cmpuint (strlen (trimmed), <=, 200);
  g_assert_cmpuint (strlen (trimmed), >=, 198);
}

static void
test_client_view (Fixture       *fixture,
                  gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkWidget *view = GTK_WIDGET (ips_caseload_window_get_column_view (window));
  g_autofree char *john = path_in (fixture, "John.ipsclient");
  GtkWindow *client;

  g_assert_true (gtk_widget_get_mapped (view));

  /* The caseload's own switch hides the list entirely. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  ips_test_wait_ms (50);
  g_assert_true (ips_caseload_window_get_client_view (window));
  g_assert_false (gtk_widget_get_mapped (view));
  g_assert_null (find_label (window, "Ann"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  ips_test_wait_ms (50);
  g_assert_true (gtk_widget_get_mapped (view));

  /* So does client view in a client's window. */
  client = ips_application_open_path (app, john);
  g_assert_nonnull (client);
  gtk_widget_activate_action (GTK_WIDGET (client), "win.client-view", NULL);
  ips_test_wait_ms (50);
  g_assert_true (ips_caseload_window_get_client_view (window));
  g_assert_false (gtk_widget_get_mapped (view));
  gtk_widget_activate_action (GTK_WIDGET (client), "win.client-view", NULL);
  ips_test_wait_ms (50);
  g_assert_false (ips_caseload_window_get_client_view (window));
  g_assert_true (gtk_widget_get_mapped (view));

  /* A caseload opened while a client window is in client view starts hidden. */
  gtk_widget_activate_action (GTK_WIDGET (client), "win.client-view", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = window = IPS_CASELOAD_WINDOW (ips_application_open_caseload (app, fixture->dir));
  wait_for_scan (window);
  g_assert_true (ips_caseload_window_get_client_view (window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (ips_caseload_window_get_column_view (window))));

  /* New Client (Ctrl+N) shows nothing then: no list of files to see. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-client", NULL);
  ips_test_wait_ms (50);
  g_assert_false (gtk_widget_get_mapped (ips_caseload_window_get_new_client_entry (window)));
  /* Nor do Open and Choose Folder, whose choosers would list the files. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "open"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.choose-folder", NULL);
  ips_test_wait_ms (200);
  g_assert_null (ips_test_find_toplevel (GTK_TYPE_FILE_CHOOSER));
}

/* On a network share a file open for editing cannot be read by the scan
 * (IpsClientFile): a client being edited in one of the application's
 * windows is listed as that window has it, with the latest edits, and as
 * the file has it once the window closes. */
static void
test_network_share (Fixture       *fixture,
                    gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  g_autofree char *john = path_in (fixture, "john.ipsclient");
  g_autoptr(GError) error = NULL;
  IpsCaseloadEntry *entry;
  IpsWindow *client;

  g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);
  {
    g_autoptr(IpsClientFile) file = new_client (fixture, "john.ipsclient", "John");

    ips_client_file_close (file);
  }
  g_assert_nonnull (ips_application_open_path (app, john));
  client = find_client_window (john);
  g_assert_nonnull (client);
  ips_client_file_set_value (ips_window_get_file (client), "referral", "name", "John Smith", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      if (i == 1)
        {
          gtk_window_close (GTK_WINDOW (client));
          ips_test_wait_ms (20);
        }
      gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
      wait_for_scan (window);
      g_assert_cmpuint (g_list_model_get_n_items (ips_caseload_window_get_rows (window)), ==, 1);
      entry = row_at (window, 0);
      g_assert_cmpstr (ips_caseload_entry_get_error (entry), ==, NULL);
      g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "John Smith");
    }
  g_assert_null (find_client_window (john));
  g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
}

/* Edits made on other computers are not announced to file monitors: a
 * folder on a network share is read again every so often, with nothing
 * changed on this computer; a local folder is not. */
static void
count_busy (IpsCaseloadWindow *window,
            GParamSpec        *pspec,
            guint             *scans)
{
  if (ips_caseload_window_get_busy (window))
    (*scans)++;
}

static void
test_network_poll (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint network = 0; network < 2; network++)
    {
      IpsCaseloadWindow *window;
      gint64 end;
      guint scans = 0;

      if (network)
        g_setenv ("IPS_CASELOAD_NETWORK_FOLDER", fixture->dir, TRUE);
      window = open_caseload (fixture);
      ips_caseload_window_set_network_poll (window, 1);
      g_signal_connect (window, "notify::busy", G_CALLBACK (count_busy), &scans);
      end = g_get_monotonic_time () + (network ? 10 : 3) * G_USEC_PER_SEC;
      while (scans == 0 && g_get_monotonic_time () < end)
        ips_test_wait_ms (20);
      g_test_message ("%s folder: %u scans", network ? "network" : "local", scans);
      g_assert_cmpuint (scans > 0, ==, network);
      g_signal_handlers_disconnect_by_func (window, count_busy, &scans);
      wait_for_scan (window);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_unsetenv ("IPS_CASELOAD_NETWORK_FOLDER");
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  g_autofree char *notes = path_in (fixture, "notes.txt");
  g_autofree char *john = path_in (fixture, "John.ipsclient");

  g_assert_cmpint (ips_caseload_window_get_state (window), ==, IPS_CASELOAD_STATE_EMPTY);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (ips_caseload_window_get_column_view (window))));

  /* Another kind of file does not count; a client file copied in is seen. */
  ips_test_write_file (notes, "notes", 5);
  import_john (john);
  ips_test_wait_ms (100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  wait_for_scan (window);
  g_assert_cmpint (ips_caseload_window_get_state (window), ==, IPS_CASELOAD_STATE_READY);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "John");
  }
}

static void
test_folder_watched (Fixture       *fixture,
                     gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  g_autofree char *eve = path_in (fixture, "eve.ipsclient");
  g_autoptr(IpsClientFile) file = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  file = new_client (fixture, "eve.ipsclient", "Eve");
  ips_client_file_close (file);

  /* Seen without Refresh, once the folder settles. */
  while (find_label (window, "Eve") == NULL && g_get_monotonic_time () < end)
    ips_test_wait_ms (50);
  g_assert_nonnull (find_label (window, "Eve"));
  g_assert_cmpuint (g_list_model_get_n_items (ips_caseload_window_get_rows (window)), ==, 7);
  (void)eve;
}

static void
test_first_run (void)
{
  g_autofree char *home = ips_test_make_dir ();
  g_autofree char *folder = g_build_filename (home, "Documents", "IPS Caseload", NULL);
  g_autofree char *john = g_build_filename (folder, IPS_CASELOAD_EXAMPLE_FILE_NAME, NULL);
  g_autofree char *default_folder = ips_caseload_folder_resolve ("");
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  IpsCaseloadWindow *window;

  /* Nothing set: "IPS Caseload" in the user's documents. */
  g_assert_true (g_str_has_suffix (default_folder, G_DIR_SEPARATOR_S "IPS Caseload"));
  g_assert_true (g_str_has_prefix (default_folder, g_get_home_dir ()));

  g_settings_set_string (settings, "caseload-folder", folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  window = IPS_CASELOAD_WINDOW (ips_application_open_caseload (app, NULL));
  g_assert_nonnull (window);

  /* Created for the user alone, with John in it. */
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (ips_test_file_mode (folder), ==, 0700);
  g_assert_true (g_file_test (john, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (ips_test_file_mode (john), ==, 0600);
  g_assert_cmpstr (ips_caseload_window_get_folder (window), ==, folder);
  wait_for_scan (window);
  {
    g_autofree char *names = row_names (window);
    g_assert_cmpstr (names, ==, "John");
  }

  /* Activating the application again shows the same window. */
  g_application_activate (G_APPLICATION (app));
  {
    guint n = 0;

    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
      n += IPS_IS_CASELOAD_WINDOW (l->data);
    g_assert_cmpuint (n, ==, 1);
  }

  /* A second run leaves the folder as the user left it. */
  g_assert_cmpint (g_unlink (john), ==, 0);
  close_client_windows ();
  window = IPS_CASELOAD_WINDOW (ips_application_open_caseload (app, NULL));
  g_assert_false (g_file_test (john, G_FILE_TEST_EXISTS));
  wait_for_scan (window);
  g_assert_cmpint (ips_caseload_window_get_state (window), ==, IPS_CASELOAD_STATE_EMPTY);

  close_client_windows ();
  g_settings_reset (settings, "caseload-folder");
  ips_test_remove_tree (home);
}

/* Screenshots */

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *out_dir = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *path = g_build_filename (out_dir, name, NULL);

  g_mkdir_with_parents (out_dir, 0755);
  ips_test_save_png (widget, path);
}

/* A caseload like a specialist's: a dozen clients at every stage. */
static void
make_realistic_caseload (Fixture *fixture)
{
  struct {
    const char *name;
    const char *accepted;
    const char *employer_contact;
    const char *plan;
    const char *review;
    const char *job_start;
    const char *in_work;
    const char *closed;
  } clients[] = {
    { "Amira Hassan", "2026-06-08", NULL, NULL, NULL, NULL, NULL, NULL },
    { "Bethan Jones", "2026-04-02", "2026-04-20", "2026-05-01", "2026-05-29", NULL, NULL, NULL },
    { "Callum Reid", "2026-01-12", "2026-01-30", "2026-02-10", "2026-06-16", "2026-06-01", "2026-06-26", NULL },
    { "Dev Patel", "2026-05-20", "2026-06-03", "2026-06-15", NULL, NULL, NULL, NULL },
    { "Ewa Nowak", "2026-03-01", "2026-03-19", "2026-04-01", "2026-06-20", "2026-06-24", NULL, NULL },
    { "Faisal Khan", "2026-06-22", NULL, NULL, NULL, NULL, NULL, NULL },
    { "Grace O'Neill", "2025-11-03", "2025-11-20", "2025-12-01", "2026-05-25", "2026-01-05", "2026-05-20", NULL },
    { "Harry Evans", "2025-09-01", "2025-09-15", "2025-10-01", NULL, "2025-11-01", "2026-02-01", "2026-03-31" },
    { "Isla Morgan", "2026-05-04", NULL, NULL, NULL, NULL, NULL, NULL },
    { "Kwame Mensah", "2026-02-16", "2026-03-02", "2026-06-05", NULL, NULL, NULL, NULL },
    { "Lowri Price", "2025-10-13", "2025-10-30", "2025-11-10", "2026-06-02", "2025-12-01", "2026-06-18", NULL },
  };
  g_autofree char *john = path_in (fixture, "John.ipsclient");

  for (guint i = 0; i < G_N_ELEMENTS (clients); i++)
    {
      g_autofree char *file_name = g_strdup_printf ("%s.ipsclient", clients[i].name);
      g_autoptr(IpsClientFile) file = new_client (fixture, file_name, clients[i].name);

      ips_test_set (file, "journey", "referral-accepted", clients[i].accepted);
      if (clients[i].employer_contact)
        ips_test_add_row (file, "journey", "employer-contacts", "date", clients[i].employer_contact,
                 "face-to-face", "yes", NULL);
      if (clients[i].plan)
        ips_test_set (file, "action-plan", "date", clients[i].plan);
      if (clients[i].review)
        ips_test_add_row (file, "action-plan", "reviews", "date", clients[i].review, NULL);
      if (clients[i].job_start)
        ips_test_add_row (file, "journey", "jobs", "employer", "Employer", "start-date", clients[i].job_start,
                 "permanence", "permanent", "competitive", "yes", "job-type", i % 2 ? "Retail" : "Admin", NULL);
      if (clients[i].in_work)
        ips_test_add_row (file, "journey", "in-work-support", "date", clients[i].in_work, "with", "client", NULL);
      if (clients[i].closed)
        ips_test_set (file, "journey", "closure-date", clients[i].closed);
      ips_client_file_close (file);
    }
  import_john (john);
  {
    g_autofree char *damaged = path_in (fixture, "Old record.ipsclient");

    ips_test_make_damaged (damaged, ips_application_get_catalog (app));
  }
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  IpsCaseloadWindow *window = fixture->window;
  GtkStackSwitcher *switcher = NULL;

  /* Where a specialist's caseload is: the window shows the folder from
   * the home folder, as "~/Documents/IPS Caseload". */
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  fixture->dir = g_build_filename (g_get_home_dir (), "Documents", "IPS Caseload", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  ips_caseload_window_set_folder (window, fixture->dir);
  make_realistic_caseload (fixture);
  ips_caseload_window_refresh (window);
  wait_for_scan (window);
  ips_test_wait_ms (300);
  save_png (GTK_WIDGET (window), "caseload.png");

  /* The figures view, through its switcher button. */
  switcher = GTK_STACK_SWITCHER (gtk_header_bar_get_title_widget (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (window)))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_last_child (GTK_WIDGET (switcher))), TRUE);
  ips_test_wait_ms (300);
  save_png (GTK_WIDGET (window), "caseload-figures.png");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (switcher))), TRUE);

  /* New Client, saying why a name cannot be used. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ips_caseload_window_get_new_client_entry (window)), "Bethan Jones");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.create-client", NULL);
  ips_test_wait_ms (300);
  g_assert_nonnull (ips_caseload_window_get_new_client_error (window));
  save_png (GTK_WIDGET (window), "caseload-new-client.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-new-client", NULL);
  g_assert_null (ips_caseload_window_get_new_client_error (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.client-view", NULL);
  ips_test_wait_ms (300);
  save_png (GTK_WIDGET (window), "caseload-client-view.png");
}

static void
test_screenshot_empty (Fixture       *fixture,
                       gconstpointer  data)
{
  ips_test_wait_ms (200);
  save_png (GTK_WIDGET (fixture->window), "caseload-empty.png");
}

/* The window opens at the size it was closed at. */
static void
test_size_remembered (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ipscaseload.IpsCaseload");
  IpsCaseloadWindow *window;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_close (GTK_WINDOW (fixture->window));
  ips_test_wait_ms (50);
  g_assert_cmpint (g_settings_get_int (settings, "caseload-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "caseload-height"), ==, 600);

  window = ips_caseload_window_new (app, fixture->dir);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  gtk_window_destroy (GTK_WINDOW (window));
  fixture->window = NULL;
  g_settings_reset (settings, "caseload-width");
  g_settings_reset (settings, "caseload-height");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The private session bus may not start an accessibility bus in time. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_init ();

  app = ips_application_new ();
  /* Tests run side by side: no single instance, no taking over another's windows. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/caseload/file-names", test_file_names);
  g_test_add_func ("/ui/caseload/first-run", test_first_run);
#define ADD(path, func, filled) g_test_add (path, Fixture, filled ? "" : NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/caseload/list", test_list, TRUE);
  ADD ("/ui/caseload/search", test_search, TRUE);
  ADD ("/ui/caseload/sort", test_sort, TRUE);
  ADD ("/ui/caseload/overdue", test_overdue, TRUE);
  ADD ("/ui/caseload/open-row", test_open_row, TRUE);
  ADD ("/ui/caseload/new-client", test_new_client, TRUE);
  ADD ("/ui/caseload/client-view", test_client_view, TRUE);
  ADD ("/ui/caseload/folder-watched", test_folder_watched, TRUE);
  ADD ("/ui/caseload/empty", test_empty, FALSE);
  ADD ("/ui/caseload/network-share", test_network_share, FALSE);
  ADD ("/ui/caseload/network-poll", test_network_poll, TRUE);
  ADD ("/ui/caseload/size-remembered", test_size_remembered, FALSE);
  ADD ("/ui/caseload/screenshot-empty", test_screenshot_empty, FALSE);
  ADD ("/ui/caseload/screenshots", test_screenshots, FALSE);
#undef ADD

  status = g_test_run ();
  close_client_windows ();
  g_clear_object (&app);
  return status;
}
