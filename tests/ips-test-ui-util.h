/* ips-test-ui-util.h: shared helpers for the tests that build windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @ms milliseconds, so that idles, timeouts and
 * frames happen as they would for a user. */
void ips_test_wait_ms  (guint       ms);
/* A visible toplevel (of GTK's own list) of @type, or NULL. */
GtkWindow *ips_test_find_toplevel (GType type);
/* Runs the main loop until @widget's allocated width or height (as
 * @orientation says) is other than @old_size, for at most @limit_ms
 * milliseconds; returns the size. A layout waits for a frame, which a
 * loaded machine can hold back. */
int  ips_test_wait_for_size (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             old_size,
                             guint           limit_ms);
/* Renders @widget as it is on screen into a PNG at @path. */
void ips_test_save_png (GtkWidget  *widget,
                        const char *path);
/* Of a tall widget, the part from @top down @height pixels (-1: to the end). */
void ips_test_save_png_part (GtkWidget  *widget,
                             const char *path,
                             int         top,
                             int         height);

/* Call before g_test_init(): remembers the system's data folders, which
 * G_TEST_OPTION_ISOLATE_DIRS hides from the tests. */
void ips_test_remember_system_dirs (void);
/* Lets the display of @widget find the system's icon themes again, so that
 * a screenshot shows the icons a user sees. */
void ips_test_use_system_icons     (GtkWidget  *widget);

G_END_DECLS
