/* fuzz-client-file.c: opening a client file from elsewhere
 *
 * The bytes are opened in memory through the same defensive checks as a file
 * on disk; a file that passes them is read through as the exporter reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "fuzz-common.h"

#include "ips-client-file.h"
#include "ips-xml-export.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IpsFormCatalog *catalog = fuzz_catalog ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(IpsClientFile) file = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *name = NULL;
  g_autofree char *report = NULL;

  file = ips_client_file_open_bytes (bytes, catalog, NULL);
  if (file == NULL)
    return 0;

  name = ips_client_file_dup_client_name (file);
  xml = ips_xml_export (file, NULL, IPS_XML_EXPORT_HISTORY, NULL);
  history = ips_client_file_list_history (file, NULL, NULL, NULL, NULL);
  ips_client_file_check_integrity (file, &report, NULL);
  return 0;
}
