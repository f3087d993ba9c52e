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
#include "ips-text-view.h"

struct _IpsPointsList
{
  GtkWidget parent_instance;

  /* owned */
  char *key;
  char *form;
  IpsFieldDefinition *group;
  IpsBinder *binder;
  gulong file_changed_id;
  char *focus_row;      /* the point to focus once the list is rebuilt */
  gboolean loading;
  gboolean show_label;

  /* children */
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *points_box;
  GtkWidget *new_frame;
  GtkWidget *new_view;
  GtkWidget *new_placeholder;
  GPtrArray *views;     /* the text view of each point, in order */
};

G_DEFINE_FINAL_TYPE (IpsPointsList, ips_points_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SHOW_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_view_text (GtkWidget *view)
{
  return ips_text_view_dup_text (IPS_TEXT_VIEW (view));
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  ips_text_view_set_text (IPS_TEXT_VIEW (view), text);
}

/* A wrapping text box that looks like the form's other long answers. */
static GtkWidget *
make_view (GtkWidget **frame)
{
  GtkWidget *view = ips_text_view_new ();

  gtk_widget_set_hexpand (view, TRUE);
  *frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (*frame, "view");
  gtk_widget_set_hexpand (*frame, TRUE);
  return view;
}

static void
on_point_changed (GtkTextBuffer *buffer,
                  GtkWidget     *view)
{
  IpsPointsList *self = g_object_get_data (G_OBJECT (view), "points-list");
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = dup_view_text (view);
  ips_binder_queue (self->binder, self->form, g_object_get_data (G_OBJECT (view), "row"),
                    IPS_POINT_TEXT_KEY, text);
}

static void
on_point_leave (IpsPointsList *self)
{
  ips_binder_flush (self->binder, NULL);
}

static gboolean
is_enter (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

/* Shift+Enter breaks the line; Enter alone means "next point". */
static gboolean
insert_line_break (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", 1, gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (view), gtk_text_buffer_get_insert (buffer));
  return TRUE;
}

static gboolean
on_point_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              IpsPointsList         *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const char *row = g_object_get_data (G_OBJECT (view), "row");
  gboolean editable = gtk_text_view_get_editable (GTK_TEXT_VIEW (view));

  state &= gtk_accelerator_get_default_mod_mask ();

  if (is_enter (keyval) && state == GDK_SHIFT_MASK)
    return insert_line_break (view);
  if (is_enter (keyval) && state == 0)
    {
      /* Go on to the next point, or to a new one after the last. */
      guint i;

      for (i = 0; i < self->views->len; i++)
        if (g_ptr_array_index (self->views, i) == view)
          break;
      if (i + 1 < self->views->len)
        gtk_widget_grab_focus (g_ptr_array_index (self->views, i + 1));
      else if (gtk_widget_get_visible (self->new_frame))
        gtk_widget_grab_focus (self->new_view);
      return TRUE;
    }
  if (editable && state == GDK_ALT_MASK && (keyval == GDK_KEY_Up || keyval == GDK_KEY_Down))
    {
      g_free (self->focus_row);
      self->focus_row = g_strdup (row);
      ips_group_move_row (self->binder, self->form, self->key, row, keyval == GDK_KEY_Up ? -1 : 1);
      return TRUE;
    }
  if (editable && state == GDK_ALT_MASK && keyval == GDK_KEY_Delete)
    {
      /* Keep the keyboard where it was: on the next point, else the one before. */
      for (guint i = 0; i < self->views->len; i++)
        if (g_ptr_array_index (self->views, i) == view)
          {
            GtkWidget *neighbour = i + 1 < self->views->len ? g_ptr_array_index (self->views, i + 1)
                                   : i > 0 ? g_ptr_array_index (self->views, i - 1) : NULL;

            g_free (self->focus_row);
            self->focus_row = neighbour ? g_strdup (g_object_get_data (G_OBJECT (neighbour), "row")) : NULL;
          }
      if (self->focus_row == NULL && gtk_widget_get_visible (self->new_frame))
        gtk_widget_grab_focus (self->new_view);
      ips_group_remove_row (self->binder, row);
      return TRUE;
    }
  return FALSE;
}

static void
focus_pending_row (IpsPointsList *self)
{
  g_autofree char *row = g_steal_pointer (&self->focus_row);

  if (row == NULL)
    return;
  for (guint i = 0; i < self->views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (self->views, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (view), "row"), row) == 0)
        gtk_widget_grab_focus (view);
    }
}

static void
rebuild (IpsPointsList *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  g_auto(GStrv) rows = ips_client_file_list_rows (file, self->form, self->key);
  gboolean editable = !ips_client_file_get_read_only (file);
  guint n = g_strv_length (rows);

  ips_group_remove_children (self->points_box);
  g_ptr_array_set_size (self->views, 0);

  self->loading = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = ips_client_file_get_row_value (file, rows[i], IPS_POINT_TEXT_KEY);
      g_autofree char *name = g_strdup_printf (_("%s, point %u"), ips_field_definition_get_label (self->group), i + 1);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *bullet = gtk_label_new ("•");
      GtkWidget *frame;
      GtkWidget *view = make_view (&frame);
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkEventController *keys = gtk_event_controller_key_new ();

      gtk_widget_set_valign (bullet, GTK_ALIGN_START);
      gtk_widget_set_margin_top (bullet, 8);
      gtk_box_append (GTK_BOX (row), bullet);

      set_view_text (view, text);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), editable);
      gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), editable);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data_full (G_OBJECT (view), "row", g_strdup (rows[i]), g_free);
      g_object_set_data (G_OBJECT (view), "points-list", self);
      g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                               G_CALLBACK (on_point_changed), view, 0);
      g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_point_leave), self);
      gtk_widget_add_controller (view, focus);
      /* Before the text view's own handling, which would insert a line break. */
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_point_key), self);
      gtk_widget_add_controller (view, keys);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (GTK_BOX (row), frame);

      gtk_box_append (GTK_BOX (row), ips_group_row_buttons (self->binder, self->form, self->key, rows[i], i, n));
      gtk_box_append (GTK_BOX (self->points_box), row);
      g_ptr_array_add (self->views, view);
    }
  self->loading = FALSE;
  gtk_widget_set_visible (self->points_box, n > 0);
  focus_pending_row (self);
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

  /* One point's text changed elsewhere (undo, restore): update that view. */
  for (guint i = 0; i < self->views->len; i++)
    {
      GtkWidget *view = g_ptr_array_index (self->views, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (view), "row"), row) == 0 &&
          !ips_binder_is_pending (self->binder, self->form, row, IPS_POINT_TEXT_KEY))
        {
          g_autofree char *text = ips_client_file_get_row_value (ips_binder_get_file (self->binder), row, key);
          g_autofree char *shown = dup_view_text (view);

          if (g_strcmp0 (text ? text : "", shown) != 0)
            {
              self->loading = TRUE;
              set_view_text (view, text);
              self->loading = FALSE;
            }
        }
    }
}

static void
add_new_point (IpsPointsList *self)
{
  IpsClientFile *file = ips_binder_get_file (self->binder);
  g_autofree char *typed = dup_view_text (self->new_view);
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *row = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;

  ips_binder_flush (self->binder, NULL);
  row = ips_client_file_add_row (file, self->form, self->key, -1, &error);
  if (row == NULL || !ips_client_file_set_row_value (file, row, IPS_POINT_TEXT_KEY, text, &error))
    {
      /* Keep the text in the box so nothing is lost. */
      gtk_widget_add_css_class (self->new_frame, "error");
      gtk_widget_set_tooltip_text (self->new_frame, error->message);
      return;
    }
  gtk_widget_remove_css_class (self->new_frame, "error");
  gtk_widget_set_tooltip_text (self->new_frame, NULL);
  set_view_text (self->new_view, "");
}

static gboolean
on_new_key (GtkEventControllerKey *controller,
            guint                  keyval,
            guint                  keycode,
            GdkModifierType        state,
            IpsPointsList         *self)
{
  state &= gtk_accelerator_get_default_mod_mask ();

  if (is_enter (keyval) && state == GDK_SHIFT_MASK)
    return insert_line_break (self->new_view);
  if (is_enter (keyval) && state == 0)
    {
      add_new_point (self);
      return TRUE;
    }
  return FALSE;
}

static void
on_new_changed (IpsPointsList *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->new_view));

  gtk_widget_set_visible (self->new_placeholder, gtk_text_buffer_get_char_count (buffer) == 0);
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
  g_clear_pointer (&self->views, g_ptr_array_unref);

  G_OBJECT_CLASS (ips_points_list_parent_class)->dispose (object);
}

static void
ips_points_list_finalize (GObject *object)
{
  IpsPointsList *self = (IpsPointsList *)object;

  g_free (self->key);
  g_free (self->form);
  g_free (self->focus_row);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (ips_points_list_parent_class)->finalize (object);
}

static void
ips_points_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IpsPointsList *self = IPS_POINTS_LIST (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_SHOW_LABEL:
      g_value_set_boolean (value, self->show_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_points_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IpsPointsList *self = IPS_POINTS_LIST (object);

  switch (prop_id)
    {
    case PROP_KEY:
      ips_set_str (&self->key, g_value_get_string (value));
      break;
    case PROP_SHOW_LABEL:
      ips_points_list_set_show_label (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  /* FALSE where the layout gives the list its own heading (a grid's row and
   * column): the label still names the list for screen readers. */
  properties[PROP_SHOW_LABEL] =
    g_param_spec_boolean ("show-label", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipspoints");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ips_points_list_init (IpsPointsList *self)
{
  GtkWidget *inner;
  GtkWidget *icon;
  GtkWidget *overlay;
  GtkEventController *keys;

  self->views = g_ptr_array_new ();
  self->show_label = TRUE;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->heading = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "heading");
  gtk_box_append (GTK_BOX (self->box), self->heading);

  self->points_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->box), self->points_box);

  /* The box for a new point: a "+" and a text that wraps, with a hint while empty. */
  self->new_view = make_view (&self->new_frame);
  inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_start (icon, 8);
  gtk_widget_set_margin_top (icon, 8);
  gtk_box_append (GTK_BOX (inner), icon);

  self->new_placeholder = gtk_label_new (_("Type a point and press Enter"));
  gtk_label_set_xalign (GTK_LABEL (self->new_placeholder), 0);
  gtk_label_set_wrap (GTK_LABEL (self->new_placeholder), TRUE);
  gtk_widget_set_valign (self->new_placeholder, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->new_placeholder, 8);
  gtk_widget_set_margin_top (self->new_placeholder, 6);
  gtk_widget_set_can_target (self->new_placeholder, FALSE);
  gtk_widget_add_css_class (self->new_placeholder, "dim-label");
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->new_view);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->new_placeholder);
  gtk_widget_set_hexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (inner), overlay);
  gtk_frame_set_child (GTK_FRAME (self->new_frame), inner);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_new_key), self);
  gtk_widget_add_controller (self->new_view, keys);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->new_view)), "changed",
                           G_CALLBACK (on_new_changed), self, G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (self->new_view, _("Enter adds the point; Shift+Enter starts a new line"));
  gtk_box_append (GTK_BOX (self->box), self->new_frame);
}

const char *
ips_points_list_get_key (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  return self->key;
}

gboolean
ips_points_list_get_show_label (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), FALSE);
  return self->show_label;
}

void
ips_points_list_set_show_label (IpsPointsList *self,
                                gboolean       show_label)
{
  g_return_if_fail (IPS_IS_POINTS_LIST (self));

  show_label = !!show_label;
  if (self->show_label == show_label)
    return;
  self->show_label = show_label;
  gtk_widget_set_visible (self->heading, show_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LABEL]);
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_view), GTK_ACCESSIBLE_PROPERTY_LABEL, new_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Enter adds the point; Shift+Enter starts a new line"), -1);
  gtk_widget_set_visible (self->new_frame, !ips_client_file_get_read_only (file));

  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
  rebuild (self);
}

GtkWidget *
ips_points_list_get_new_entry (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  return self->new_view;
}

guint
ips_points_list_get_n_points (IpsPointsList *self)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), 0);
  return self->views->len;
}

GtkWidget *
ips_points_list_get_point (IpsPointsList *self,
                           guint          position)
{
  g_return_val_if_fail (IPS_IS_POINTS_LIST (self), NULL);
  g_return_val_if_fail (position < self->views->len, NULL);
  return g_ptr_array_index (self->views, position);
}
