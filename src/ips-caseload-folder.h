/* ips-caseload-folder.h: where the caseload lives, and its first run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ips-form-catalog.h"

G_BEGIN_DECLS

/* The file name of the example client put in a new caseload folder. */
#define IPS_CASELOAD_EXAMPLE_FILE_NAME "John.ipsclient"

/* The folder named by the "caseload-folder" setting @setting, or when it is
 * empty "IPS Caseload" in the user's Documents folder (~/Documents when the
 * desktop names none). */
char     *ips_caseload_folder_resolve (const char      *setting);

/* On first run @folder does not exist: creates it, readable by the user
 * alone, with the example client from the training workbook in it, so a new
 * user sees a working caseload at once. An existing folder is left as it is.
 * Returns TRUE when the folder is there. */
gboolean  ips_caseload_folder_ensure  (const char      *folder,
                                       IpsFormCatalog  *catalog,
                                       GError         **error);

/* @name made safe as a file name: characters that are not allowed in file
 * names on common systems are dropped, spaces trimmed. NULL when nothing is
 * left. */
char     *ips_caseload_folder_file_name_for (const char *name);

G_END_DECLS
