/* ips-help-window.h: the short help shipped with the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IPS_TYPE_HELP_WINDOW (ips_help_window_get_type ())

G_DECLARE_FINAL_TYPE (IpsHelpWindow, ips_help_window, IPS, HELP_WINDOW, GtkWindow)

/* The forms and the IPS due dates in plain language, beside @parent. */
GtkWindow *ips_help_window_new (GtkWindow *parent);

G_END_DECLS
