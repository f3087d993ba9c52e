/* ips-caseload-window-columns.c: what the caseload list shows, and in which order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-caseload-window-private.h"
#include "ips-client-file.h"
#include "ips-journey.h"

/* What the list shows for a file with no name recorded: its file name. */
char *
_ips_caseload_window_display_name (IpsCaseloadEntry *entry)
{
  const char *name = ips_caseload_entry_get_name (entry);
  g_autofree char *base = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  base = g_path_get_basename (ips_caseload_entry_get_path (entry));
  if (g_str_has_suffix (base, IPS_CLIENT_FILE_EXTENSION))
    base[strlen (base) - strlen (IPS_CLIENT_FILE_EXTENSION)] = '\0';
  return g_steal_pointer (&base);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normal ? g_utf8_casefold (normal, -1) : g_strdup ("");
}


static gboolean
filter_entry (gpointer item,
              gpointer data)
{
  IpsCaseloadWindow *self = data;
  IpsCaseloadEntry *entry = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean show_closed = gtk_toggle_button_get_active (self->closed_button);
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_search = NULL;

  if (ips_caseload_entry_get_active (entry) == show_closed)
    return FALSE;
  if (*search == '\0')
    return TRUE;

  name = _ips_caseload_window_display_name (entry);
  folded_name = fold (name);
  folded_search = fold (search);
  return strstr (folded_name, g_strstrip (folded_search)) != NULL;
}

/* NULL (nothing due, or unreadable) sorts after every value. */
static int
compare_optional (const char *a,
                  const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return g_utf8_collate (a, b);
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return ips_caseload_entry_compare ((IpsCaseloadEntry *)a, (IpsCaseloadEntry *)b);
}

static int
compare_by_stage (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  IpsCaseloadEntry *x = (IpsCaseloadEntry *)a;
  IpsCaseloadEntry *y = (IpsCaseloadEntry *)b;
  /* Files that cannot be read first: they need a look. */
  int rank_x = ips_caseload_entry_get_error (x) ? -1 : (int)ips_caseload_entry_get_stage (x);
  int rank_y = ips_caseload_entry_get_error (y) ? -1 : (int)ips_caseload_entry_get_stage (y);

  if (rank_x != rank_y)
    return rank_x < rank_y ? -1 : 1;
  return ips_caseload_entry_compare (x, y);
}

static int
compare_by_next_due (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  IpsCaseloadEntry *x = (IpsCaseloadEntry *)a;
  IpsCaseloadEntry *y = (IpsCaseloadEntry *)b;
  int order = compare_optional (ips_caseload_entry_get_next_due (x), ips_caseload_entry_get_next_due (y));

  return order ? order : ips_caseload_entry_compare (x, y);
}

static int
compare_by_due_date (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  IpsCaseloadEntry *x = (IpsCaseloadEntry *)a;
  IpsCaseloadEntry *y = (IpsCaseloadEntry *)b;
  /* YYYY-MM-DD sorts as text. */
  int order = compare_optional (ips_caseload_entry_get_due_date (x), ips_caseload_entry_get_due_date (y));

  return order ? order : ips_caseload_entry_compare (x, y);
}

static int
compare_by_overdue (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  IpsCaseloadEntry *x = (IpsCaseloadEntry *)a;
  IpsCaseloadEntry *y = (IpsCaseloadEntry *)b;
  int days_x = ips_caseload_entry_get_days_overdue (x);
  int days_y = ips_caseload_entry_get_days_overdue (y);

  /* Most overdue first when sorted ascending: the column's question is "who first?". */
  if (days_x != days_y)
    return days_x > days_y ? -1 : 1;
  return compare_by_due_date (a, b, data);
}

static void
set_sorter (GtkColumnViewColumn *column,
            GCompareDataFunc     func)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (func, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

/* Cells */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              IpsCaseloadWindow        *self)
{
  IpsCaseloadEntry *entry = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *error = ips_caseload_entry_get_error (entry);
  g_autofree char *owned = NULL;
  const char *text = NULL;
  const char *css_class = NULL;

  switch ((Column)GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column")))
    {
    case COLUMN_NAME:
      text = owned = _ips_caseload_window_display_name (entry);
      if (ips_caseload_entry_get_name (entry) == NULL)
        css_class = "dim-label";
      break;
    case COLUMN_STAGE:
      if (error != NULL)
        {
          /* TRANSLATORS: in the Stage column, for a file that cannot be read; %s says why */
          text = owned = g_strdup_printf (_("Cannot be read: %s"), error);
          css_class = "ips-file-error";
        }
      else
        text = ips_stage_get_label (ips_caseload_entry_get_stage (entry));
      break;
    case COLUMN_NEXT_DUE:
      text = ips_caseload_entry_get_next_due (entry);
      break;
    case COLUMN_DUE_DATE:
      text = ips_caseload_entry_get_due_date (entry);
      break;
    case COLUMN_OVERDUE:
      {
        int days = ips_caseload_entry_get_days_overdue (entry);

        if (days > 0)
          {
            /* Said in words too: colour is not the only cue. */
            text = owned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", days),
                                            days);
            css_class = "overdue";
          }
        else if (ips_caseload_entry_get_due_date (entry) != NULL)
          {
            GDate today = _ips_caseload_window_get_today (self);
            g_autofree char *today_text = ips_date_format (&today);

            if (g_strcmp0 (ips_caseload_entry_get_due_date (entry), today_text) == 0)
              text = _("Due today");
            else
              text = _("On time");
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), error != NULL && css_class != NULL ? text : NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "ips-file-error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "overdue");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css_class);
}

static void
set_factory (IpsCaseloadWindow   *self,
             GtkColumnViewColumn *column,
             Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), self);
  gtk_column_view_column_set_factory (column, factory);
}

void
_ips_caseload_window_init_columns (IpsCaseloadWindow *self)
{
  self->filter = gtk_custom_filter_new (filter_entry, self, NULL);

  set_factory (self, self->name_column, COLUMN_NAME);
  set_factory (self, self->stage_column, COLUMN_STAGE);
  set_factory (self, self->next_due_column, COLUMN_NEXT_DUE);
  set_factory (self, self->due_date_column, COLUMN_DUE_DATE);
  set_factory (self, self->overdue_column, COLUMN_OVERDUE);
  set_sorter (self->name_column, compare_by_name);
  set_sorter (self->stage_column, compare_by_stage);
  set_sorter (self->next_due_column, compare_by_next_due);
  set_sorter (self->due_date_column, compare_by_due_date);
  set_sorter (self->overdue_column, compare_by_overdue);
}
