/* ips-test-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-test-ui-util.h"

static char **system_dirs;

static gboolean
on_wake (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sleeps in the main loop rather than spinning: a spinning test starves
 * the others on a small machine. */
void
ips_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_wake, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWindow *
ips_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

int
ips_test_wait_for_size (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             old_size,
                        guint           limit_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)limit_ms * 1000;

  while (gtk_widget_get_size (widget, orientation) == old_size && g_get_monotonic_time () < end)
    ips_test_wait_ms (10);
  return gtk_widget_get_size (widget, orientation);
}

void
ips_test_save_png_part (GtkWidget  *widget,
                        const char *path,
                        int         top,
                        int         height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int full_height = gtk_widget_get_height (widget);

  if (height < 0)
    height = full_height - top;

  /* The window's background, for parts (a whole form) that draw none. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0.965, 0.961, 0.957, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, full_height));
  gdk_paintable_snapshot (paintable, snapshot, width, full_height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, top, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
ips_test_save_png (GtkWidget  *widget,
                   const char *path)
{
  ips_test_save_png_part (widget, path, 0, -1);
}

void
ips_test_remember_system_dirs (void)
{
  g_strfreev (system_dirs);
  system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
}

void
ips_test_use_system_icons (GtkWidget *widget)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  for (guint i = 0; system_dirs != NULL && system_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (theme, icons);
    }
}
