/* ips-points-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-str.h"
#include "ips-field-definition.h"
#include "ips-group-common.h"
#include "ips-points-list.h"

struct _IpsPointsList
{
  GtkWidget parent_instance;

  char *key;
  char *form;
  IpsFieldDefinition *group;
  IpsBinder *binder;
  gulong file_changed_id;
  gboolean loading;

  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *points_box;
  GtkWidget *new_entry;
  GPtrArray *entries;
};

G_DEFINE_FINAL_TYPE (IpsPointsList, ips_points_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_point_changed (GtkEditable   *entry,
                  IpsPointsList *self)
{
  if (self->loading)
    return;
  ips_binder_queue (self->binder, self->form, g_object_get_data (G_OBJECT (entry), "row"),
                    IPS_POINT_TEXT_KEY, gtk_editable_get_text (entry));
}

static void
on_point_leave (IpsPointsList *self)
{
  ips_binder_flush (self->binder, NULL);
}

static void
rebuild (IpsPointsList *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  g_auto(GStrv) rows = ips_client_file_list_rows (file, self->form, self->key);
  gboolean editable = !ips_client_file_get_read_only (file);
  guint n = g_strv_length (rows);

  ips_group_remove_children (self->points_box);
  g_ptr_array_set_size (self->entries, 0);

  self->loading = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = ips_client_file_get_row_value (file, rows[i], IPS_POINT_TEXT_KEY);
      g_autofree char *name = g_strdup_printf (_("%s, point %u"), ips_field_definition_get_label (self->group), i + 1);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *bullet = gtk_label_new ("•");
      GtkWidget *entry = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      gtk_widget_set_valign (bullet, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (row), bullet);

      gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
      gtk_editable_set_editable (GTK_EDITABLE (entry), editable);
      gtk_widget_set_hexpand (entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (entry), "row", g_strdup (rows[i]), g_free);
      g_signal_connect (entry, "changed", G_CALLBACK (on_point_changed), self);
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_point_leave), self);
      gtk_widget_add_controller (entry, focus);
      gtk_box_append (GTK_BOX (row), entry);

      gtk_box_append (GTK_BOX (row), ips_group_row_buttons (self->binder, self->form, self->key, rows[i], i, n));
      gtk_box_append (GTK_BOX (self->points_box), row);
      g_ptr_array_add (self->entries, entry);
    }
  self->loading = FALSE;
}

static void
on_file_changed (IpsPointsList *self,
                 const char    *form,
                 const char    *group,
                 const char    *row,
                 const char    *key)
{
  if (g_strcmp0 (group, self->key) != 0 || g_strcmp0 (form, self->form) != 0)
    return;

  if (key == NULL)
    {
      rebuild (self);
      return;
    }

  /* One point's text changed elsewhere (undo, restore): update that entry. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (entry), "row"), row) == 0 &&
          !ips_binder_is_pending (self->binder, self->form, row, IPS_POINT_TEXT_KEY))
        {
          g_autofree char *text = ips_client_file_get_row_value (ips_binder_get_file (self->binder), row, key);

          if (g_strcmp0 (text ? text : "", gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
            {
              self->loading = TRUE;
              gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
              self->loading = FALSE;
            }
        }
    }
}

static void
on_new_activate (IpsPointsList *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_entry))));
  g_autofree char *row = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;

  ips_binder_flush (self->binder, NULL);
  row = ips_client_file_add_row (file, self->form, self->key, -1, &error);
  if (row == NULL || !ips_client_file_set_row_value (file, row, IPS_POINT_TEXT_KEY, text, &error))
    {
      /* Keep the text in the entry so nothing is lost. */
      gtk_widget_add_css_class (self->new_entry, "error");
      gtk_widget_set_tooltip_text (self->new_entry, error->message);
      return;
    }
  gtk_widget_remove_css_class (self->new_entry, "error");
  gtk_widget_set_tooltip_text (self->new_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_entry), "");
}

static void
ips_points_list_dispose (GObject *object)
{
  IpsPointsList *self = (IpsPointsList *)object;

  if (self->binder != NULL)
    {
      g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
      g_clear_object (&self->binder);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (ips_points_list_parent_class)->dispose (object);
}

static void
ips_points_list_finalize (GObject *object)
{
  IpsPointsList *self = (IpsPointsList *)object;

  g_free (self->key);
  g_free (self->form);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (ips_points_list_parent_class)->finalize (object);
}

static void
ips_points_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  if (prop_id == PROP_KEY)
    g_value_set_string (value, IPS_POINTS_LIST (object)->key);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_points_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  if (prop_id == PROP_KEY)
    ips_set_str (&IPS_POINTS_LIST (object)->key, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_points_list_class_init (IpsPointsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_points_list_dispose;
  object_class->finalize = ips_points_list_finalize;
  object_class->get_property = ips_points_list_get_property;
  object_class->set_property = ips_points_list_set_property;

  properties[PROP_KEY] = ips_group_key_param_spec ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipspoints");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ips_points_list_init (IpsPointsList *self)
{
  self->entries = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);

  self->points_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->points_box);

  self->new_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->new_entry), _("Type a point and press Enter"));
  gtk_entry_set_icon_from_icon_name (GTK_ENTRY (self->new_entry), GTK_ENTRY_ICON_PRIMARY, "list-add-symbolic");
  g_signal_connect_swapped (self->new_entry, "activate", G_CALLBACK (on_new_activate), self);
  gtk_box_append (GTK_BOX (self->box), self->new_entry);
}

const char *
ips_points_list_get_key (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  return self->key;
}

void
ips_points_list_bind (IpsPointsList      *self,
                      IpsBinder          *binder,
                      const char         *form,
                      IpsFieldDefinition *group)
{
  IpsClientFile *file;
  g_autofree char *new_label = NULL;

  g_return_if_fail (IPS_IS_POINTS_LIST (self));
  g_return_if_fail (self->binder == NULL);

  self->binder = g_object_ref (binder);
  self->form = g_strdup (form);
  self->group = g_object_ref (group);
  file = ips_binder_get_file (binder);

  gtk_label_set_text (GTK_LABEL (self->heading), ips_field_definition_get_label (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ips_field_definition_get_label (group), -1);
  new_label = g_strdup_printf (_("New point: %s"), ips_field_definition_get_label (group));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, new_label, -1);
  gtk_widget_set_visible (self->new_entry, !ips_client_file_get_read_only (file));

  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
  rebuild (self);
}

GtkWidget *
ips_points_list_get_new_entry (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  return self->new_entry;
}

guint
ips_points_list_get_n_points (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), 0);
  return self->entries->len;
}

GtkWidget *
ips_points_list_get_point (IpsPointsList *self,
                           guint          position)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, position);
}
