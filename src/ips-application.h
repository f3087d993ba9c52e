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

G_END_DECLS
