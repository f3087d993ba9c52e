/* ips-application.h: the application, one window per open client file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-form-catalog.h"

G_BEGIN_DECLS

#define IPS_TYPE_APPLICATION (ips_application_get_type ())

G_DECLARE_FINAL_TYPE (IpsApplication, ips_application, IPS, APPLICATION, GtkApplication)

IpsApplication *ips_application_new         (void);
IpsFormCatalog *ips_application_get_catalog (IpsApplication *self);
/* Opens a client file in a window, or presents the window that has it.
 * Files open elsewhere or from a newer version are offered read-only;
 * other problems are shown in a dialog. Returns the window, or NULL. */
GtkWindow      *ips_application_open_path   (IpsApplication *self,
                                             const char     *path);
/* The client window that has @path open (an IpsWindow), or NULL. */
GtkWindow      *ips_application_find_window (IpsApplication *self,
                                             const char     *path);
/* Creates an empty client file at @path and opens it at the referral form. */
GtkWindow      *ips_application_create_path (IpsApplication *self,
                                             const char     *path);

/* Opens the caseload window on @folder, or with NULL on the folder of the
 * "caseload-folder" setting, created on first run with the example client. */
GtkWindow      *ips_application_open_caseload (IpsApplication *self,
                                               const char     *folder);

G_END_DECLS
