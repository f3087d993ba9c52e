/* ips-window.h: one client's record: its forms beside a list of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-application.h"
#include "ips-binder.h"
#include "ips-client-file.h"

G_BEGIN_DECLS

#define IPS_TYPE_WINDOW (ips_window_get_type ())

G_DECLARE_FINAL_TYPE (IpsWindow, ips_window, IPS, WINDOW, GtkApplicationWindow)

IpsWindow     *ips_window_new             (IpsApplication *application,
                                           IpsClientFile  *file);
IpsClientFile *ips_window_get_file        (IpsWindow      *self);
IpsBinder     *ips_window_get_binder      (IpsWindow      *self);
/* Shows a form, building its page the first time. */
GtkWidget     *ips_window_show_form       (IpsWindow      *self,
                                           const char     *form_id);
GtkWidget     *ips_window_get_visible_page (IpsWindow     *self);
gboolean       ips_window_get_client_view (IpsWindow      *self);
void           ips_window_set_client_view (IpsWindow      *self,
                                           gboolean        client_view);
/* Shows a message above the form; @is_error colours it. */
void           ips_window_show_banner     (IpsWindow      *self,
                                           const char     *message,
                                           gboolean        is_error);
const char    *ips_window_get_banner_text (IpsWindow      *self);
/* Saves whatever is still being typed. */
gboolean       ips_window_flush           (IpsWindow      *self,
                                           GError        **error);

G_END_DECLS
