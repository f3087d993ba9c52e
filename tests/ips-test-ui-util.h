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
/* Renders @widget as it is on screen into a PNG at @path. */
void ips_test_save_png (GtkWidget  *widget,
                        const char *path);

G_END_DECLS
