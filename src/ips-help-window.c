/* ips-help-window.c
 *
 * The help is a window of the application's own rather than a web page or a
 * Yelp document: it is always installed, translated with the rest of the
 * interface, and opens without a browser on a locked-down office laptop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-help-window.h"

struct _IpsHelpWindow
{
  GtkWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (IpsHelpWindow, ips_help_window, GTK_TYPE_WINDOW)

static void
ips_help_window_class_init (IpsHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ipscaseload/IpsCaseload/ui/ips-help-window.ui");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ips_help_window_init (IpsHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
ips_help_window_new (GtkWindow *parent)
{
  return g_object_new (IPS_TYPE_HELP_WINDOW,
                       "transient-for", parent,
                       NULL);
}
