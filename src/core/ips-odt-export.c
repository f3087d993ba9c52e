/* ips-odt-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-error.h"
#include "ips-odt-export.h"

GBytes *
ips_odt_export (IpsClientFile      *file,
                const char         *form_id,
                IpsOdtExportFlags   flags,
                GError            **error)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, "ODT export is not available yet");
  return NULL;
}

gboolean
ips_odt_export_to_file (IpsClientFile      *file,
                        const char         *form_id,
                        IpsOdtExportFlags   flags,
                        const char         *path,
                        GError            **error)
{
  return ips_odt_export (file, form_id, flags, error) != NULL;
}
