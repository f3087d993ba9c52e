/* ips-section-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-str.h"
#include "ips-section-view.h"
#include "ips-label-util.h"

struct _IpsSectionView
{
  GtkBox parent_instance;

  char *section_id;
  IpsFormSection *section;
  GtkWidget *heading;
  GtkWidget *reveal_box;
  GtkWidget *reveal_button;
  gboolean client_view;
  gboolean revealed;
  /* The children this view hid for client view, to show again: a child the
   * form hides for its own reasons (a follow-up question) stays hidden. */
  GPtrArray *hidden;
};

G_DEFINE_FINAL_TYPE (IpsSectionView, ips_section_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SECTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_sensitive (IpsSectionView *self)
{
  return self->section != NULL && ips_form_section_get_sensitive (self->section) != NULL;
}

static void
update_visibility (IpsSectionView *self)
{
  gboolean hide = self->client_view && is_sensitive (self) && !self->revealed;

  if (self->reveal_box != NULL)
    gtk_widget_set_visible (self->reveal_box, hide);

  if (!hide)
    {
      for (guint i = 0; i < self->hidden->len; i++)
        gtk_widget_set_visible (g_ptr_array_index (self->hidden, i), TRUE);
      g_ptr_array_set_size (self->hidden, 0);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child == self->heading || child == self->reveal_box || !gtk_widget_get_visible (child))
        continue;
      gtk_widget_set_visible (child, FALSE);
      g_ptr_array_add (self->hidden, g_object_ref (child));
    }
}

static void
on_reveal_clicked (IpsSectionView *self)
{
  self->revealed = TRUE;
  update_visibility (self);
}

static void
ips_section_view_finalize (GObject *object)
{
  IpsSectionView *self = (IpsSectionView *)object;

  g_free (self->section_id);
  g_clear_object (&self->section);
  g_ptr_array_unref (self->hidden);

  G_OBJECT_CLASS (ips_section_view_parent_class)->finalize (object);
}

static void
ips_section_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IpsSectionView *self = IPS_SECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SECTION_ID:
      g_value_set_string (value, self->section_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_section_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  IpsSectionView *self = IPS_SECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_SECTION_ID:
      if (ips_set_str (&self->section_id, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_section_view_class_init (IpsSectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ips_section_view_finalize;
  object_class->get_property = ips_section_view_get_property;
  object_class->set_property = ips_section_view_set_property;

  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "ipssection");
}

static void
ips_section_view_init (IpsSectionView *self)
{
  GtkWidget *note;

  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);

  self->heading = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_widget_add_css_class (self->heading, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (self), self->heading);

  self->reveal_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  note = gtk_label_new (_("This section is hidden while the client is reading the screen."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_set_hexpand (note, TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  self->reveal_button = gtk_button_new_with_mnemonic (_("_Show This Section"));
  g_signal_connect_swapped (self->reveal_button, "clicked", G_CALLBACK (on_reveal_clicked), self);
  gtk_box_append (GTK_BOX (self->reveal_box), note);
  gtk_box_append (GTK_BOX (self->reveal_box), self->reveal_button);
  gtk_widget_set_visible (self->reveal_box, FALSE);
  gtk_box_append (GTK_BOX (self), self->reveal_box);
}

GtkWidget *
ips_section_view_new (const char *section_id)
{
  return g_object_new (IPS_TYPE_SECTION_VIEW, "section-id", section_id, NULL);
}

const char *
ips_section_view_get_section_id (IpsSectionView *self)
{
  g_return_val_if_fail (IPS_IS_SECTION_VIEW (self), NULL);
  return self->section_id;
}

void
ips_section_view_set_section (IpsSectionView *self,
                              IpsFormSection *section)
{
  g_return_if_fail (IPS_IS_SECTION_VIEW (self));

  g_set_object (&self->section, section);
  ips_label_set_text_wrapping (GTK_LABEL (self->heading), ips_form_section_get_title (section));
  update_visibility (self);
}

void
ips_section_view_set_client_view (IpsSectionView *self,
                                  gboolean        client_view)
{
  g_return_if_fail (IPS_IS_SECTION_VIEW (self));

  self->client_view = client_view;
  /* Leaving client view forgets what was revealed: next time it is hidden again. */
  if (!client_view)
    self->revealed = FALSE;
  update_visibility (self);
}

gboolean
ips_section_view_get_content_shown (IpsSectionView *self)
{
  g_return_val_if_fail (IPS_IS_SECTION_VIEW (self), FALSE);
  return !(self->client_view && is_sensitive (self) && !self->revealed);
}

void
ips_section_view_set_child_shown (IpsSectionView *self,
                                  GtkWidget      *child,
                                  gboolean        shown)
{
  guint index;

  g_return_if_fail (IPS_IS_SECTION_VIEW (self));
  g_return_if_fail (gtk_widget_get_parent (child) == GTK_WIDGET (self));

  if (!(self->client_view && is_sensitive (self) && !self->revealed))
    {
      gtk_widget_set_visible (child, shown);
      return;
    }

  /* Hidden for client view: show it, or not, when the section is revealed. */
  if (g_ptr_array_find (self->hidden, child, &index))
    {
      if (!shown)
        g_ptr_array_remove_index (self->hidden, index);
    }
  else if (shown)
    g_ptr_array_add (self->hidden, g_object_ref (child));
}

GPtrArray *
ips_section_view_steal_children (IpsSectionView *self)
{
  GPtrArray *children;
  GtkWidget *child, *next;

  g_return_val_if_fail (IPS_IS_SECTION_VIEW (self), NULL);

  children = g_ptr_array_new_with_free_func (g_object_unref);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL; child = next)
    {
      guint index;

      next = gtk_widget_get_next_sibling (child);
      if (child == self->heading || child == self->reveal_box)
        continue;
      /* Hidden for client view only: it goes back shown, and add_child
       * hides it again while the section is hidden. */
      if (g_ptr_array_find (self->hidden, child, &index))
        {
          gtk_widget_set_visible (child, TRUE);
          g_ptr_array_remove_index (self->hidden, index);
        }
      g_ptr_array_add (children, g_object_ref (child));
      gtk_box_remove (GTK_BOX (self), child);
    }
  return children;
}

void
ips_section_view_add_child (IpsSectionView *self,
                            GtkWidget      *child)
{
  g_return_if_fail (IPS_IS_SECTION_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_box_append (GTK_BOX (self), child);
  if (!ips_section_view_get_content_shown (self) && gtk_widget_get_visible (child))
    {
      gtk_widget_set_visible (child, FALSE);
      g_ptr_array_add (self->hidden, g_object_ref (child));
    }
}
