/* ips-text-view.c
 *
 * A text view outside a scrolled window reports the height of its text as
 * laid out at its last width. When an allocation changes that width, the
 * text re-wraps during the allocation, and GTK 4.8 drops the resize the
 * view asks for then: long answers stay cut off at their first height. This
 * view asks again once the allocation is over.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-text-view.h"

struct _IpsTextView
{
  GtkTextView parent_instance;

  int asked_width;    /* the width and height last asked for after an allocation */
  int asked_height;
  guint resize_tick;
};

G_DEFINE_FINAL_TYPE (IpsTextView, ips_text_view, GTK_TYPE_TEXT_VIEW)

static gboolean
queue_resize_tick (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  IPS_TEXT_VIEW (widget)->resize_tick = 0;
  gtk_widget_queue_resize (widget);
  return G_SOURCE_REMOVE;
}

static void
ips_text_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  IpsTextView *self = IPS_TEXT_VIEW (widget);
  int natural = 0;

  GTK_WIDGET_CLASS (ips_text_view_parent_class)->size_allocate (widget, width, height, baseline);

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  /* Ask once per width and height, so a parent that cannot give it is not asked forever. */
  if (natural != height && (natural != self->asked_height || width != self->asked_width) &&
      self->resize_tick == 0)
    {
      self->asked_width = width;
      self->asked_height = natural;
      self->resize_tick = gtk_widget_add_tick_callback (widget, queue_resize_tick, NULL, NULL);
    }
}

static void
ips_text_view_dispose (GObject *object)
{
  IpsTextView *self = IPS_TEXT_VIEW (object);

  if (self->resize_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->resize_tick);
      self->resize_tick = 0;
    }
  G_OBJECT_CLASS (ips_text_view_parent_class)->dispose (object);
}

static void
ips_text_view_class_init (IpsTextViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ips_text_view_dispose;
  GTK_WIDGET_CLASS (klass)->size_allocate = ips_text_view_size_allocate;
}

static void
ips_text_view_init (IpsTextView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 6);
  gtk_text_view_set_bottom_margin (view, 6);
  gtk_text_view_set_left_margin (view, 8);
  gtk_text_view_set_right_margin (view, 8);
}

GtkWidget *
ips_text_view_new (void)
{
  return g_object_new (IPS_TYPE_TEXT_VIEW, NULL);
}

char *
ips_text_view_dup_text (IpsTextView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (IPS_IS_TEXT_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
ips_text_view_set_text (IpsTextView *self,
                        const char  *text)
{
  g_return_if_fail (IPS_IS_TEXT_VIEW (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), text ? text : "", -1);
}
