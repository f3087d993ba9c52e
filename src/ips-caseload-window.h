/* ips-caseload-window.h: the client files in the caseload folder, and what is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-application.h"

G_BEGIN_DECLS

#define IPS_TYPE_CASELOAD_WINDOW (ips_caseload_window_get_type ())

G_DECLARE_FINAL_TYPE (IpsCaseloadWindow, ips_caseload_window, IPS, CASELOAD_WINDOW, GtkApplicationWindow)

typedef enum
{
  IPS_CASELOAD_STATE_LOADING,     /* the first scan of a folder is running */
  IPS_CASELOAD_STATE_READY,       /* the list shows the folder */
  IPS_CASELOAD_STATE_EMPTY,       /* no client files in the folder */
  IPS_CASELOAD_STATE_ERROR,       /* the folder cannot be read */
} IpsCaseloadState;

IpsCaseloadWindow *ips_caseload_window_new         (IpsApplication    *application,
                                                    const char        *folder);
const char        *ips_caseload_window_get_folder  (IpsCaseloadWindow *self);
/* Shows another folder (and reads it). */
void               ips_caseload_window_set_folder  (IpsCaseloadWindow *self,
                                                    const char        *folder);
/* Reads the folder again; a scan running now is followed by another. */
void               ips_caseload_window_refresh     (IpsCaseloadWindow *self);
IpsCaseloadState   ips_caseload_window_get_state   (IpsCaseloadWindow *self);
/* Whether a scan is running, or about to after a change in the folder. */
gboolean           ips_caseload_window_get_busy    (IpsCaseloadWindow *self);
gboolean           ips_caseload_window_get_client_view (IpsCaseloadWindow *self);
void               ips_caseload_window_set_client_view (IpsCaseloadWindow *self,
                                                        gboolean           client_view);
/* How often, in seconds, a folder on a network share is read again
 * (30 unless set); edits made on other computers are not announced. */
void               ips_caseload_window_set_network_poll (IpsCaseloadWindow *self,
                                                         guint              seconds);
/* The day what is due is worked out for; NULL: today, as the clock says. */
void               ips_caseload_window_set_today   (IpsCaseloadWindow *self,
                                                    const GDate       *today);
/* Creates <@name>.ipsclient in the folder with @name on its referral form
 * and opens its window. Never replaces a file. Returns the window. */
GtkWindow         *ips_caseload_window_create_client (IpsCaseloadWindow *self,
                                                      const char        *name,
                                                      GError           **error);

/* The rows as shown (filtered and sorted): IpsCaseloadEntry items. */
GListModel        *ips_caseload_window_get_rows    (IpsCaseloadWindow *self);
GtkColumnView     *ips_caseload_window_get_column_view (IpsCaseloadWindow *self);
GtkWidget         *ips_caseload_window_get_search_entry (IpsCaseloadWindow *self);
/* The entry of the New Client popover, and the error shown under it (NULL: none). */
GtkWidget         *ips_caseload_window_get_new_client_entry (IpsCaseloadWindow *self);
const char        *ips_caseload_window_get_new_client_error (IpsCaseloadWindow *self);
/* The figures view's lines as shown. */
GStrv              ips_caseload_window_dup_figures (IpsCaseloadWindow *self);

G_END_DECLS
