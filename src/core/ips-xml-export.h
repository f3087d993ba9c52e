/* ips-xml-export.h: a client record as XML, for record systems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

#define IPS_XML_NAMESPACE "https://ipscaseload.github.io/ns/client/1"
#define IPS_XML_SCHEMA_VERSION "1"

typedef enum
{
  IPS_XML_EXPORT_DEFAULT = 0,
  IPS_XML_EXPORT_HISTORY = 1 << 0,   /* include every recorded change */
} IpsXmlExportFlags;

/* The record (or one form, @form_id non-NULL) as an XML document. The export
 * time honours SOURCE_DATE_EPOCH, so exports can be made reproducible. */
GBytes   *ips_xml_export          (IpsClientFile      *file,
                                   const char         *form_id,
                                   IpsXmlExportFlags   flags,
                                   GError            **error);

/* Validates @xml against data/ipsclient.xsd (from the GResource). */
gboolean  ips_xml_validate        (GBytes             *xml,
                                   GError            **error);

G_END_DECLS
