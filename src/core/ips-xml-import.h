/* ips-xml-import.h: a client file made from an XML export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

#define IPS_XML_IMPORT_MAX_SIZE (16 * 1024 * 1024)

/* Reads untrusted @xml (no network, no DTD, no entities, size and depth
 * capped, validated against the schema and the form definitions) and
 * creates a new client file at @path with exactly its contents: id, creation
 * time, row ids and history. Nothing is left at @path on failure, and an
 * existing file is never replaced. */
IpsClientFile *ips_xml_import (GBytes          *xml,
                               const char      *path,
                               IpsFormCatalog  *catalog,
                               GError         **error);

G_END_DECLS
