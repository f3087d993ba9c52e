/* ips-client-file-private.h: what the XML importer needs to restore a record as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

/* Creates the file at @path (must not exist) with the given identity. */
IpsClientFile *ips_client_file_create_full   (const char      *path,
                                              IpsFormCatalog  *catalog,
                                              const char      *id,
                                              const char      *created,
                                              GError         **error);
/* One transaction around a restore; nothing is recorded in history. */
gboolean       ips_client_file_begin_restore (IpsClientFile   *self,
                                              GError         **error);
gboolean       ips_client_file_end_restore   (IpsClientFile   *self,
                                              gboolean         commit,
                                              GError         **error);
gboolean       ips_client_file_restore_field (IpsClientFile   *self,
                                              const char      *form,
                                              const char      *key,
                                              const char      *value,
                                              GError         **error);
gboolean       ips_client_file_restore_row   (IpsClientFile   *self,
                                              const char      *form,
                                              const char      *group,
                                              const char      *row,
                                              guint            position,
                                              GError         **error);
gboolean       ips_client_file_restore_row_value (IpsClientFile *self,
                                              const char      *row,
                                              const char      *key,
                                              const char      *value,
                                              GError         **error);
gboolean       ips_client_file_restore_history (IpsClientFile *self,
                                              IpsHistoryEntry *entry,
                                              GError         **error);

G_END_DECLS
