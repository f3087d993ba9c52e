/* ips-signature-pad.c
 *
 * The client signs in the box with whatever they point with. What is drawn
 * stays in the pad until they press Sign, so a half-drawn signature is never
 * kept; then the strokes, the date and the version of the plan are stored
 * through ips_signature_sign(). The pad follows every change of its form,
 * so an edit after signing shows at once that the signature is for an
 * earlier version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-journey.h"
#include "ips-signature-pad.h"

struct _IpsSignaturePad
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkWidget *area;
  GtkLabel *status;
  GtkWidget *clear_button;
  GtkWidget *sign_button;

  /* owned */
  IpsBinder *binder;
  char *form;
  char *key;
  gulong file_changed_id;
  GPtrArray *strokes;       /* GArray of IpsSignaturePoint, in pad units: drawn, not signed */
  GPtrArray *stored;        /* the signature kept in the file, or NULL */
  char *status_text;

  IpsSignatureState state;
  GDate signed_on;
  gboolean editable;
  gboolean drawing;
};

G_DEFINE_FINAL_TYPE (IpsSignaturePad, ips_signature_pad, GTK_TYPE_WIDGET)

static void
update (IpsSignaturePad *self)
{
  g_autofree char *text = NULL;
  const char *description;
  gboolean earlier = FALSE;

  if (self->strokes->len > 0)
    text = g_strdup (_("Press Sign to keep this signature, or Clear to start again."));
  else if (self->state == IPS_SIGNATURE_EARLIER_VERSION)
    {
      g_autofree char *said = ips_signature_describe (self->state, &self->signed_on);

      earlier = TRUE;
      text = self->editable
        ? g_strdup_printf (_("%s. The client can sign this version: draw the signature again and press Sign."), said)
        : g_strdup_printf ("%s.", said);
    }
  else if (self->state == IPS_SIGNATURE_SIGNED)
    text = ips_signature_describe (self->state, &self->signed_on);
  else if (self->editable)
    text = g_strdup (_("Not signed yet. The client signs in the box with the mouse, the touchpad or a finger, then presses Sign."));
  else
    text = g_strdup (_("Not signed."));

  g_free (self->status_text);
  self->status_text = g_steal_pointer (&text);
  gtk_label_set_text (self->status, self->status_text);
  if (earlier)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "ips-signature-earlier");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "ips-signature-earlier");
  if (self->state == IPS_SIGNATURE_UNSIGNED && self->strokes->len == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "dim-label");

  /* A screen reader reads what the picture stands for. */
  description = self->strokes->len > 0 || self->stored != NULL ? self->status_text : _("Empty");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.sign",
                                 self->editable && self->binder != NULL && self->strokes->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "signature.clear",
                                 self->editable && self->binder != NULL &&
                                 (self->strokes->len > 0 || self->stored != NULL));
  gtk_widget_queue_draw (self->area);
}

void
ips_signature_pad_reload (IpsSignaturePad *self)
{
  IpsClientFile *file;
  g_autofree char *value = NULL;

  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));

  if (self->binder == NULL)
    return;
  file = ips_binder_get_file (self->binder);
  value = ips_client_file_get_value (file, self->form, self->key);
  g_clear_pointer (&self->stored, g_ptr_array_unref);
  self->stored = ips_signature_parse_strokes (value);
  self->state = ips_signature_get_state (file, self->form, self->key, &self->signed_on);
  update (self);
}

/* Drawing */

static void
draw_strokes (cairo_t   *cr,
              GPtrArray *strokes)
{
  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index (strokes, i);

      for (guint j = 0; j < stroke->len; j++)
        {
          IpsSignaturePoint *p = &g_array_index (stroke, IpsSignaturePoint, j);

          if (j == 0)
            cairo_move_to (cr, p->x, p->y);
          else
            cairo_line_to (cr, p->x, p->y);
        }
      /* A single point still leaves a dot. */
      if (stroke->len == 1)
        cairo_rel_line_to (cr, 0.5, 0);
    }
}

static void
draw_area (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  IpsSignaturePad *self = user_data;
  GPtrArray *strokes = self->strokes->len > 0 ? self->strokes : self->stored;
  double scale = width / IPS_SIGNATURE_PAD_UNITS;
  double line_y = height * 0.78;
  IpsSignatureBounds b = { 0, };

  /* Paper, white in a dark style too, as the signature prints. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* The line to sign on. */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 24, line_y + 0.5);
  cairo_line_to (cr, width - 24, line_y + 0.5);
  cairo_stroke (cr);

  if (strokes == NULL || strokes->len == 0)
    return;

  cairo_save (cr);
  if (strokes == self->stored)
    {
      for (guint i = 0; i < strokes->len; i++)
        {
          GArray *stroke = g_ptr_array_index (strokes, i);

          for (guint j = 0; j < stroke->len; j++)
            {
              IpsSignaturePoint *p = &g_array_index (stroke, IpsSignaturePoint, j);

              if (!b.any)
                b = (IpsSignatureBounds) { p->x, p->y, p->x, p->y, TRUE };
              b.x0 = MIN (b.x0, p->x);
              b.y0 = MIN (b.y0, p->y);
              b.x1 = MAX (b.x1, p->x);
              b.y1 = MAX (b.y1, p->y);
            }
        }
      /* A signature from elsewhere (an import) may not fit: fit it in. */
      if (b.x0 < 0 || b.y0 < 0 || b.x1 * scale > width || b.y1 * scale > height)
        {
          double w = MAX (b.x1 - b.x0, 1), h = MAX (b.y1 - b.y0, 1);

          scale = MIN ((width - 16) / w, (height - 16) / h);
          cairo_translate (cr, (width - w * scale) / 2 - b.x0 * scale,
                               (height - h * scale) / 2 - b.y0 * scale);
        }
    }
  cairo_scale (cr, scale, scale);
  draw_strokes (cr, strokes);
  cairo_restore (cr);

  /* Ink; a signature for an earlier version is greyed. */
  if (strokes == self->stored && self->state == IPS_SIGNATURE_EARLIER_VERSION)
    cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  else
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.2);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

static void
add_point (IpsSignaturePad *self,
           double           x,
           double           y)
{
  double units = IPS_SIGNATURE_PAD_UNITS / MAX (gtk_widget_get_width (self->area), 1);
  IpsSignaturePoint point;
  GArray *stroke;

  g_assert (self->strokes->len > 0);
  stroke = g_ptr_array_index (self->strokes, self->strokes->len - 1);
  point.x = CLAMP (x, 0, gtk_widget_get_width (self->area)) * units;
  point.y = CLAMP (y, 0, gtk_widget_get_height (self->area)) * units;
  g_array_append_val (stroke, point);
  gtk_widget_queue_draw (self->area);
}

void
ips_signature_pad_begin_stroke (IpsSignaturePad *self,
                                double           x,
                                double           y)
{
  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));

  if (!self->editable)
    return;
  g_ptr_array_add (self->strokes, g_array_new (FALSE, FALSE, sizeof (IpsSignaturePoint)));
  self->drawing = TRUE;
  add_point (self, x, y);
  if (self->strokes->len == 1)
    update (self);
}

void
ips_signature_pad_extend_stroke (IpsSignaturePad *self,
                                 double           x,
                                 double           y)
{
  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));

  if (self->drawing)
    add_point (self, x, y);
}

void
ips_signature_pad_end_stroke (IpsSignaturePad *self)
{
  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));
  self->drawing = FALSE;
}

guint
ips_signature_pad_get_n_strokes (IpsSignaturePad *self)
{
  g_return_val_if_fail (IPS_IS_SIGNATURE_PAD (self), 0);
  return self->strokes->len;
}

static gboolean
is_pen (GtkGesture *gesture)
{
  GdkDevice *device = gtk_gesture_get_device (gesture);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_PEN;
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               IpsSignaturePad *self)
{
  /* A pen is followed by the stylus gesture, with every point it reports. */
  if (!self->editable || is_pen (GTK_GESTURE (gesture)))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  ips_signature_pad_begin_stroke (self, x, y);
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                IpsSignaturePad *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    ips_signature_pad_extend_stroke (self, x + dx, y + dy);
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             IpsSignaturePad *self)
{
  ips_signature_pad_end_stroke (self);
}

static void
on_stylus_down (GtkGestureStylus *gesture,
                double            x,
                double            y,
                IpsSignaturePad  *self)
{
  ips_signature_pad_begin_stroke (self, x, y);
}

static void
on_stylus_motion (GtkGestureStylus *gesture,
                  double            x,
                  double            y,
                  IpsSignaturePad  *self)
{
  ips_signature_pad_extend_stroke (self, x, y);
}

static void
on_stylus_up (GtkGestureStylus *gesture,
              double            x,
              double            y,
              IpsSignaturePad  *self)
{
  ips_signature_pad_extend_stroke (self, x, y);
  ips_signature_pad_end_stroke (self);
}

/* Actions */

static void
show_problem (IpsSignaturePad *self,
              const char      *message)
{
  gtk_label_set_text (self->status, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IpsSignaturePad *self = IPS_SIGNATURE_PAD (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today = ips_date_today ();

  if (self->binder == NULL || self->strokes->len == 0)
    return;

  /* The version signed is the plan with everything typed so far. */
  if (!ips_binder_flush (self->binder, &error))
    {
      show_problem (self, error->message);
      return;
    }
  path = ips_signature_strokes_to_path (self->strokes);
  g_ptr_array_set_size (self->strokes, 0);
  if (!ips_signature_sign (ips_binder_get_file (self->binder), self->form, self->key, path, &today, &error))
    {
      ips_signature_pad_reload (self);
      show_problem (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
  ips_signature_pad_reload (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  IpsSignaturePad *self = IPS_SIGNATURE_PAD (widget);
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
  /* First what is drawn and not signed; then the signature kept (undoable). */
  if (self->strokes->len > 0)
    {
      g_ptr_array_set_size (self->strokes, 0);
      self->drawing = FALSE;
      update (self);
      return;
    }
  if (self->binder == NULL)
    return;
  if (!ips_signature_clear (ips_binder_get_file (self->binder), self->form, self->key, &error))
    show_problem (self, error->message);
  else
    ips_signature_pad_reload (self);
}

/* Binding */

static void
on_file_changed (IpsSignaturePad *self,
                 const char      *form,
                 const char      *group,
                 const char      *row,
                 const char      *key)
{
  if (g_strcmp0 (form, self->form) == 0)
    ips_signature_pad_reload (self);
}

void
ips_signature_pad_bind (IpsSignaturePad *self,
                        IpsBinder       *binder,
                        const char      *form,
                        const char      *key)
{
  IpsClientFile *file;

  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));
  g_return_if_fail (IPS_IS_BINDER (binder));
  g_return_if_fail (self->binder == NULL);

  self->binder = g_object_ref (binder);
  self->form = g_strdup (form);
  self->key = g_strdup (key);
  file = ips_binder_get_file (binder);
  self->editable = !ips_client_file_get_read_only (file);
  self->file_changed_id = g_signal_connect_swapped (file, "changed", G_CALLBACK (on_file_changed), self);
  ips_signature_pad_reload (self);
}

void
ips_signature_pad_set_editable (IpsSignaturePad *self,
                                gboolean         editable)
{
  g_return_if_fail (IPS_IS_SIGNATURE_PAD (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;
  if (!editable)
    {
      g_ptr_array_set_size (self->strokes, 0);
      self->drawing = FALSE;
    }
  gtk_widget_set_cursor_from_name (self->area, editable ? "crosshair" : NULL);
  update (self);
}

gboolean
ips_signature_pad_get_editable (IpsSignaturePad *self)
{
  g_return_val_if_fail (IPS_IS_SIGNATURE_PAD (self), FALSE);
  return self->editable;
}

IpsSignatureState
ips_signature_pad_get_state (IpsSignaturePad *self)
{
  g_return_val_if_fail (IPS_IS_SIGNATURE_PAD (self), IPS_SIGNATURE_UNSIGNED);
  return self->state;
}

const char *
ips_signature_pad_get_status (IpsSignaturePad *self)
{
  g_return_val_if_fail (IPS_IS_SIGNATURE_PAD (self), NULL);
  return gtk_label_get_text (self->status);
}

GtkWidget *
ips_signature_pad_get_drawing_area (IpsSignaturePad *self)
{
  g_return_val_if_fail (IPS_IS_SIGNATURE_PAD (self), NULL);
  return self->area;
}

/* The class */

static gboolean
ips_signature_pad_grab_focus (GtkWidget *widget)
{
  IpsSignaturePad *self = IPS_SIGNATURE_PAD (widget);

  if (gtk_widget_is_sensitive (self->sign_button) && gtk_widget_grab_focus (self->sign_button))
    return TRUE;
  return gtk_widget_grab_focus (self->clear_button);
}

static void
ips_signature_pad_dispose (GObject *object)
{
  IpsSignaturePad *self = (IpsSignaturePad *)object;

  if (self->binder != NULL)
    {
      g_clear_signal_handler (&self->file_changed_id, ips_binder_get_file (self->binder));
      g_clear_object (&self->binder);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), IPS_TYPE_SIGNATURE_PAD);

  G_OBJECT_CLASS (ips_signature_pad_parent_class)->dispose (object);
}

static void
ips_signature_pad_finalize (GObject *object)
{
  IpsSignaturePad *self = (IpsSignaturePad *)object;

  g_ptr_array_unref (self->strokes);
  g_clear_pointer (&self->stored, g_ptr_array_unref);
  g_free (self->form);
  g_free (self->key);
  g_free (self->status_text);

  G_OBJECT_CLASS (ips_signature_pad_parent_class)->finalize (object);
}

static void
ips_signature_pad_class_init (IpsSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ips_signature_pad_dispose;
  object_class->finalize = ips_signature_pad_finalize;
  widget_class->grab_focus = ips_signature_pad_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ipscaseload/IpsCaseload/ui/ips-signature-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, IpsSignaturePad, box);
  gtk_widget_class_bind_template_child (widget_class, IpsSignaturePad, area);
  gtk_widget_class_bind_template_child (widget_class, IpsSignaturePad, status);
  gtk_widget_class_bind_template_child (widget_class, IpsSignaturePad, clear_button);
  gtk_widget_class_bind_template_child (widget_class, IpsSignaturePad, sign_button);

  gtk_widget_class_install_action (widget_class, "signature.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "signature.clear", NULL, clear_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ipssignaturepad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ips_signature_pad_init (IpsSignaturePad *self)
{
  GtkGesture *drag;
  GtkGesture *stylus;

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  self->editable = TRUE;
  g_date_clear (&self->signed_on, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_area, self, NULL);
  gtk_widget_set_cursor_from_name (self->area, "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_ROLE_DESCRIPTION, _("signature pad"), -1);

  /* Mouse, touchpad and touchscreen. */
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (drag));

  /* A pen or graphics tablet. */
  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (on_stylus_down), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (on_stylus_motion), self);
  g_signal_connect (stylus, "up", G_CALLBACK (on_stylus_up), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (stylus));

  update (self);
}

GtkWidget *
ips_signature_pad_new (void)
{
  return g_object_new (IPS_TYPE_SIGNATURE_PAD, NULL);
}
