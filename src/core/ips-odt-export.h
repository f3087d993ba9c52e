/* ips-odt-export.h: a client record as an OpenDocument text, for the clinical record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

#define IPS_ODT_MIME_TYPE "application/vnd.oasis.opendocument.text"

typedef enum
{
  IPS_ODT_EXPORT_DEFAULT       = 0,
  /* Only the fields and groups the client agreed to share: those with a
   * share-key whose yes/no field is "yes". Everything without a share-key
   * is left out; the title and the client's name stay. */
  IPS_ODT_EXPORT_EMPLOYER_COPY = 1 << 0,
} IpsOdtExportFlags;

/* The record (every form, each on its own pages) or one form (@form_id
 * non-NULL) as an ODF 1.3 text package. The export time honours
 * SOURCE_DATE_EPOCH: with it set, the same record gives the same bytes. */
GBytes   *ips_odt_export          (IpsClientFile      *file,
                                   const char         *form_id,
                                   IpsOdtExportFlags   flags,
                                   GError            **error);

/* Exports to @path (mode 0600) through a temporary file in the same folder,
 * renamed into place: on failure nothing is left behind and an existing
 * file at @path is untouched. */
gboolean  ips_odt_export_to_file  (IpsClientFile      *file,
                                   const char         *form_id,
                                   IpsOdtExportFlags   flags,
                                   const char         *path,
                                   GError            **error);

G_END_DECLS
