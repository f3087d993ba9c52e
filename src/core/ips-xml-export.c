/* ips-xml-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ips-error.h"
#include "ips-xml-export.h"

GBytes *
ips_xml_export (IpsClientFile      *file,
                const char         *form_id,
                IpsXmlExportFlags   flags,
                GError            **error)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, "not yet written");
  return NULL;
}

gboolean
ips_xml_validate (GBytes  *xml,
                  GError **error)
{
  g_set_error (error, IPS_ERROR, IPS_ERROR_FAILED, "not yet written");
  return FALSE;
}
