/* ips-group-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-group-common.h"

GParamSpec *
ips_group_key_param_spec (void)
{
  return g_param_spec_string ("key", NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
}

GtkWidget *
ips_group_icon_button (const char *icon_name,
                       const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

void
ips_group_move_row (IpsBinder  *binder,
                    const char *form,
                    const char *group,
                    const char *row,
                    int         delta)
{
  IpsClientFile *file = ips_binder_get_file (binder);
  g_auto(GStrv) rows = NULL;
  g_autoptr(GError) error = NULL;
  int position = -1;
  guint n;

  ips_binder_flush (binder, NULL);

  rows = ips_client_file_list_rows (file, form, group);
  n = g_strv_length (rows);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (rows[i], row) == 0)
      position = (int)i;
  if (position < 0 || position + delta < 0 || position + delta >= (int)n)
    return;

  if (!ips_client_file_move_row (file, row, (guint)(position + delta), &error))
    g_warning ("A row could not be moved: %s", error->message);
}

void
ips_group_remove_row (IpsBinder  *binder,
                      const char *row)
{
  g_autoptr(GError) error = NULL;

  ips_binder_flush (binder, NULL);
  if (!ips_client_file_remove_row (ips_binder_get_file (binder), row, &error))
    g_warning ("A row could not be removed: %s", error->message);
}

typedef struct
{
  IpsBinder *binder;
  char *form;
  char *group;
  char *row;
} RowTarget;

static void
row_target_free (gpointer data)
{
  RowTarget *target = data;

  g_object_unref (target->binder);
  g_free (target->form);
  g_free (target->group);
  g_free (target->row);
  g_free (target);
}

static void
on_up_clicked (GtkButton *button,
               RowTarget *target)
{
  ips_group_move_row (target->binder, target->form, target->group, target->row, -1);
}

static void
on_down_clicked (GtkButton *button,
                 RowTarget *target)
{
  ips_group_move_row (target->binder, target->form, target->group, target->row, 1);
}

static void
on_remove_clicked (GtkButton *button,
                   RowTarget *target)
{
  ips_group_remove_row (target->binder, target->row);
}

GtkWidget *
ips_group_row_buttons (IpsBinder  *binder,
                       const char *form,
                       const char *group,
                       const char *row,
                       guint       position,
                       guint       n_rows)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *up = ips_group_icon_button ("go-up-symbolic", _("Move up"));
  GtkWidget *down = ips_group_icon_button ("go-down-symbolic", _("Move down"));
  GtkWidget *remove = ips_group_icon_button ("user-trash-symbolic", _("Remove (Ctrl+Z brings it back)"));
  gboolean editable = !ips_client_file_get_read_only (ips_binder_get_file (binder));
  RowTarget *target = g_new0 (RowTarget, 1);

  target->binder = g_object_ref (binder);
  target->form = g_strdup (form);
  target->group = g_strdup (group);
  target->row = g_strdup (row);
  /* The buttons live in the box; it owns what they act on. */
  g_object_set_data_full (G_OBJECT (box), "row-target", target, row_target_free);

  gtk_widget_set_sensitive (up, editable && position > 0);
  gtk_widget_set_sensitive (down, editable && position + 1 < n_rows);
  gtk_widget_set_sensitive (remove, editable);
  g_signal_connect (up, "clicked", G_CALLBACK (on_up_clicked), target);
  g_signal_connect (down, "clicked", G_CALLBACK (on_down_clicked), target);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), target);
  gtk_box_append (GTK_BOX (box), up);
  gtk_box_append (GTK_BOX (box), down);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  return box;
}

void
ips_group_remove_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}
