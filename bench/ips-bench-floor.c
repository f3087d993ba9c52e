/* ips-bench-floor.c: the floor for the start-up benchmark
 *
 * The smallest GTK4 application that shows something: one window of the
 * main window's default size with one label. It reports its first frame
 * exactly as ips-caseload does with IPS_CASELOAD_EXIT_AFTER_FIRST_FRAME set,
 * so the two are timed by the same clock and drawn by the same renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>
#include <stdio.h>
#include <sys/resource.h>

static gboolean
quit_after_first_frame (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            GtkWidget     *window)
{
  gint64 now = g_get_monotonic_time ();
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, window);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-frame-us=%" G_GINT64_FORMAT "\ncpu-us=%" G_GINT64_FORMAT "\nrenderer=%s\n", now,
           (gint64)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec,
           renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  g_idle_add_full (G_PRIORITY_HIGH, quit_after_first_frame,
                   g_object_ref (gtk_window_get_application (GTK_WINDOW (window))), g_object_unref);
}

static void
on_window_map (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, on_window_map, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint), window, G_CONNECT_DEFAULT);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("A bare GTK window"));
  g_signal_connect (window, "map", G_CALLBACK (on_window_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.ipscaseload.IpsCaseload.BenchFloor",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
