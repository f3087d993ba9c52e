/* ips-odt-export.h: a client record as an OpenDocument text, for the clinical record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

typedef enum
{
  IPS_ODT_EXPORT_DEFAULT       = 0,
  IPS_ODT_EXPORT_EMPLOYER_COPY = 1 << 0,
} IpsOdtExportFlags;

GBytes   *ips_odt_export         (IpsClientFile      *file,
                                  const char         *form_id,
                                  IpsOdtExportFlags   flags,
                                  GError            **error);
gboolean  ips_odt_export_to_file (IpsClientFile      *file,
                                  const char         *form_id,
                                  IpsOdtExportFlags   flags,
                                  const char         *path,
                                  GError            **error);

G_END_DECLS
