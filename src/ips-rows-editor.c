/* ips-rows-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-str.h"
#include "ips-field.h"
#include "ips-group-common.h"
#include "ips-journey.h"
#include "ips-rows-editor.h"

struct _IpsRowsEditor
{
  GtkWidget parent_instance;

  char *key;
  char *form;
  IpsFieldDefinition *group;
  IpsBinder *binder;
  gulong file_changed_id;

  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *rows_box;
  GtkWidget *empty_label;
  GtkWidget *add_button;
  GPtrArray *cards;
  char *today_key;
};

G_DEFINE_FINAL_TYPE (IpsRowsEditor, ips_rows_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  PROP_TODAY_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild (IpsRowsEditor *self);

static const char *
item_label (IpsRowsEditor *self)
{
  const char *label = ips_field_definition_get_item_label (self->group);

  return label ? label : ips_field_definition_get_label (self->group);
}

static gboolean
is_short (IpsFieldDefinition *definition)
{
  switch (ips_field_definition_get_field_type (definition))
    {
    case IPS_FIELD_TEXT:
    case IPS_FIELD_DATE:
    case IPS_FIELD_TIME:
    case IPS_FIELD_NUMBER:
    case IPS_FIELD_YESNO:
      return TRUE;
    case IPS_FIELD_CHOICE:
      return ips_field_definition_get_n_options (definition) <= 3;
    default:
      return FALSE;
    }
}

static GtkWidget *
make_card (IpsRowsEditor *self,
           const char    *row,
           guint          position,
           guint          n_rows)
{
  GPtrArray *fields = ips_field_definition_get_fields (self->group);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = g_strdup_printf ("%s %u", item_label (self), position + 1);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *grid;
  int column = 0, line = 0;

  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);
  gtk_box_append (GTK_BOX (header),
                  ips_group_row_buttons (self->binder, self->form, self->key, row, position, n_rows));
  gtk_box_append (GTK_BOX (box), header);

  /* Short answers two to a line, long ones across: a row's dates and names
   * need not each take a line of the screen. */
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint i = 0; i < fields->len; i++)
    {
      IpsFieldDefinition *definition = g_ptr_array_index (fields, i);
      GtkWidget *field = ips_field_new (ips_field_definition_get_key (definition));

      ips_field_set_definition (IPS_FIELD (field), definition);
      ips_field_bind (IPS_FIELD (field), self->binder, self->form, row);
      if (is_short (definition))
        {
          gtk_grid_attach (GTK_GRID (grid), field, column, line, 1, 1);
          if (++column == 2)
            {
              column = 0;
              line++;
            }
        }
      else
        {
          if (column != 0)
            line++;
          gtk_grid_attach (GTK_GRID (grid), field, 0, line++, 2, 1);
          column = 0;
        }
      if (i == 0)
        g_object_set_data (G_OBJECT (frame), "first-field", field);
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_frame_set_child (GTK_FRAME (frame), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (frame), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return frame;
}

static void
rebuild (IpsRowsEditor *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  g_auto(GStrv) rows = ips_client_file_list_rows (file, self->form, self->key);
  guint n = g_strv_length (rows);

  ips_group_remove_children (self->rows_box);
  g_ptr_array_set_size (self->cards, 0);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *card = make_card (self, rows[i], i, n);

      g_ptr_array_add (self->cards, card);
      gtk_box_append (GTK_BOX (self->rows_box), card);
    }
  gtk_widget_set_visible (self->empty_label, n == 0);
}

static void
on_file_changed (IpsRowsEditor *self,
                 const char    *form,
                 const char    *group,
                 const char    *row,
                 const char    *key)
{
  /* Rows added, moved or removed (here, by undo, or by a restore). */
  if (key == NULL && g_strcmp0 (group, self->key) == 0 && g_strcmp0 (form, self->form) == 0)
    rebuild (self);
}

static void
on_add_clicked (IpsRowsEditor *self)
{
  ips_rows_editor_add_row (self);
}

static void
ips_rows_editor_dispose (GObject *object)
{
  IpsRowsEditor *self = (IpsRowsEditor *)object;

  if (self->binder != NULL)
    {
      g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
      g_clear_object (&self->binder);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->cards, g_ptr_array_unref);

  G_OBJECT_CLASS (ips_rows_editor_parent_class)->dispose (object);
}

static void
ips_rows_editor_finalize (GObject *object)
{
  IpsRowsEditor *self = (IpsRowsEditor *)object;

  g_free (self->key);
  g_free (self->today_key);
  g_free (self->form);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (ips_rows_editor_parent_class)->finalize (object);
}

static void
ips_rows_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  if (prop_id == PROP_KEY)
    g_value_set_string (value, IPS_ROWS_EDITOR (object)->key);
  else if (prop_id == PROP_TODAY_KEY)
    g_value_set_string (value, IPS_ROWS_EDITOR (object)->today_key);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_rows_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  if (prop_id == PROP_KEY)
    ips_set_str (&IPS_ROWS_EDITOR (object)->key, g_value_get_string (value));
  else if (prop_id == PROP_TODAY_KEY)
    {
      if (ips_set_str (&IPS_ROWS_EDITOR (object)->today_key, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ips_rows_editor_class_init (IpsRowsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_rows_editor_dispose;
  object_class->finalize = ips_rows_editor_finalize;
  object_class->get_property = ips_rows_editor_get_property;
  object_class->set_property = ips_rows_editor_set_property;

  properties[PROP_KEY] = ips_group_key_param_spec ();
  /* A date field of the rows that a new row starts with today in (a review). */
  properties[PROP_TODAY_KEY] =
    g_param_spec_string ("today-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipsrows");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ips_rows_editor_init (IpsRowsEditor *self)
{
  self->cards = g_ptr_array_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);

  self->empty_label = gtk_label_new (_("None yet."));
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->empty_label);

  self->rows_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (self->box), self->rows_box);

  self->add_button = gtk_button_new ();
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self);
  gtk_box_append (GTK_BOX (self->box), self->add_button);
}

const char *
ips_rows_editor_get_key (IpsRowsEditor *self)
{
  g_return_val_if_fail (IPS_IS_ROWS_EDITOR (self), NULL);
  return self->key;
}

void
ips_rows_editor_bind (IpsRowsEditor      *self,
                      IpsBinder          *binder,
                      const char         *form,
                      IpsFieldDefinition *group)
{
  IpsClientFile *file;
  g_autofree char *add_label = NULL;
  g_autofree char *item = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_if_fail (IPS_IS_ROWS_EDITOR (self));
  g_return_if_fail (self->binder == NULL);

  self->binder = g_object_ref (binder);
  self->form = g_strdup (form);
  self->group = g_object_ref (group);
  file = ips_binder_get_file (binder);

  gtk_label_set_text (GTK_LABEL (self->heading), ips_field_definition_get_label (group));
  /* An underscore in the item's name is text, not an access key. */
  parts = g_strsplit (item_label (self), "_", -1);
  item = g_strjoinv ("__", parts);
  /* TRANSLATORS: a button adding a row, e.g. "Add Job"; the underscore marks the access key */
  add_label = g_strdup_printf (_("_Add %s"), item);
  gtk_button_set_label (GTK_BUTTON (self->add_button), add_label);
  gtk_button_set_use_underline (GTK_BUTTON (self->add_button), TRUE);
  gtk_widget_set_sensitive (self->add_button, !ips_client_file_get_read_only (file));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ips_field_definition_get_label (group), -1);

  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
  rebuild (self);
}

void
ips_rows_editor_add_row (IpsRowsEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  g_return_if_fail (IPS_IS_ROWS_EDITOR (self));

  ips_binder_flush (self->binder, NULL);
  row = ips_client_file_add_row (ips_binder_get_file (self->binder), self->form, self->key, -1, &error);
  if (row == NULL)
    {
      g_warning ("A row could not be added: %s", error->message);
      return;
    }
  if (self->today_key != NULL)
    {
      GDate today = ips_date_today ();
      g_autofree char *day = ips_date_format (&today);

      if (!ips_client_file_set_row_value (ips_binder_get_file (self->binder), row, self->today_key, day, &error))
        g_warning ("The new row's date could not be set: %s", error->message);
    }
  /* The file's ::changed has rebuilt the list: go to the new row's first field. */
  if (self->cards->len > 0)
    gtk_widget_grab_focus (g_object_get_data (g_ptr_array_index (self->cards, self->cards->len - 1), "first-field"));
}

guint
ips_rows_editor_get_n_rows (IpsRowsEditor *self)
{
  g_return_val_if_fail (IPS_IS_ROWS_EDITOR (self), 0);
  return self->cards->len;
}

GtkWidget *
ips_rows_editor_get_row (IpsRowsEditor *self,
                         guint          position)
{
  g_return_val_if_fail (IPS_IS_ROWS_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->cards->len, NULL);
  return g_ptr_array_index (self->cards, position);
}
