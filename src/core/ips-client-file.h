/* ips-client-file.h: one client's record, kept in one SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ips-form-catalog.h"
#include "ips-history-entry.h"

G_BEGIN_DECLS

#define IPS_CLIENT_FILE_APPLICATION_ID 0x49505343   /* "IPSC" */
#define IPS_CLIENT_FILE_SCHEMA_VERSION 1
#define IPS_CLIENT_FILE_EXTENSION ".ipsclient"

typedef enum
{
  IPS_CLIENT_FILE_OPEN_DEFAULT   = 0,
  /* Never write: used for files from a newer version, files open elsewhere,
   * and by readers such as the caseload scan and the exporters. */
  IPS_CLIENT_FILE_OPEN_READ_ONLY = 1 << 0,
  /* Read-only, and when no connection has the file open (it has no -wal
   * file) read as it is on disk: no locks, and no -wal or -shm file made
   * beside it (SQLite's immutable mode). A change made while it is read is
   * not seen and may give a mixed or damaged read, so this is for short
   * reads whose caller compares the file before and after, and reads it
   * again without this flag when it changed: the caseload scan. */
  IPS_CLIENT_FILE_OPEN_SNAPSHOT  = 1 << 1,
} IpsClientFileOpenFlags;

typedef enum
{
  IPS_READ_ONLY_NONE,
  IPS_READ_ONLY_REQUESTED,
  IPS_READ_ONLY_NEWER_VERSION,
  IPS_READ_ONLY_LOCKED,
} IpsReadOnlyReason;

#define IPS_TYPE_CLIENT_FILE (ips_client_file_get_type ())

G_DECLARE_FINAL_TYPE (IpsClientFile, ips_client_file, IPS, CLIENT_FILE, GObject)

/* Whether @folder is on a file system other computers may share (a network
 * share, a FUSE mount): there SQLite's WAL index is kept by the one editor
 * and readers read a copy, and changes made on other computers are not
 * announced to file monitors. */
gboolean           ips_client_file_folder_is_on_network (const char     *folder);
/* Creates a new, empty client file (mode 0600); refuses to replace a file. */
IpsClientFile     *ips_client_file_create          (const char             *path,
                                                    IpsFormCatalog         *catalog,
                                                    GError                **error);
IpsClientFile     *ips_client_file_open            (const char             *path,
                                                    IpsFormCatalog         *catalog,
                                                    IpsClientFileOpenFlags  flags,
                                                    GError                **error);
/* Reads a copy of a client file's bytes in memory, read-only, through the
 * same checks as ips_client_file_open(); its path is NULL. For files that
 * arrive as data, and for fuzzing the checks. */
IpsClientFile     *ips_client_file_open_bytes      (GBytes                 *bytes,
                                                    IpsFormCatalog         *catalog,
                                                    GError                **error);
/* Flushes and closes; later calls fail with IPS_ERROR_READ_ONLY. */
void               ips_client_file_close           (IpsClientFile          *self);

const char        *ips_client_file_get_path        (IpsClientFile          *self);
IpsFormCatalog    *ips_client_file_get_catalog     (IpsClientFile          *self);
const char        *ips_client_file_get_id          (IpsClientFile          *self);
const char        *ips_client_file_get_created     (IpsClientFile          *self);
int                ips_client_file_get_schema_version (IpsClientFile       *self);
gboolean           ips_client_file_get_read_only   (IpsClientFile          *self);
IpsReadOnlyReason  ips_client_file_get_read_only_reason (IpsClientFile     *self);
/* Why the file is read-only, for a banner; NULL when it is not. */
const char        *ips_client_file_get_read_only_message (IpsClientFile    *self);
/* Whether IPS_CLIENT_FILE_OPEN_SNAPSHOT read it as it is on disk (the file
 * had no -wal file), so that a change made meanwhile would not be seen. */
gboolean           ips_client_file_is_snapshot     (IpsClientFile          *self);
/* The client's name from the referral form, or NULL. */
char              *ips_client_file_dup_client_name (IpsClientFile          *self);

/* Between these two calls (which nest) every read sees the file as it was at
 * the first of them, in one read transaction: an export reads hundreds of
 * values, and each read on its own would take and release SQLite's locks.
 * Other processes may still write; this object may not until the end. */
void               ips_client_file_begin_read      (IpsClientFile          *self);
void               ips_client_file_end_read        (IpsClientFile          *self);

/* Fields. An empty or NULL value unsets the field. Values are validated
 * against the form definition and stored in canonical form. */
char              *ips_client_file_get_value       (IpsClientFile          *self,
                                                    const char             *form,
                                                    const char             *key);
gboolean           ips_client_file_set_value       (IpsClientFile          *self,
                                                    const char             *form,
                                                    const char             *key,
                                                    const char             *value,
                                                    GError                **error);

/* Repeatable rows and points, identified by a UUID that survives export. */
GStrv              ips_client_file_list_rows       (IpsClientFile          *self,
                                                    const char             *form,
                                                    const char             *group);
/* Adds an empty row at @position (-1: at the end); returns its id. */
char              *ips_client_file_add_row         (IpsClientFile          *self,
                                                    const char             *form,
                                                    const char             *group,
                                                    int                     position,
                                                    GError                **error);
gboolean           ips_client_file_remove_row      (IpsClientFile          *self,
                                                    const char             *row,
                                                    GError                **error);
gboolean           ips_client_file_move_row        (IpsClientFile          *self,
                                                    const char             *row,
                                                    guint                   position,
                                                    GError                **error);
char              *ips_client_file_get_row_value   (IpsClientFile          *self,
                                                    const char             *row,
                                                    const char             *key);
gboolean           ips_client_file_set_row_value   (IpsClientFile          *self,
                                                    const char             *row,
                                                    const char             *key,
                                                    const char             *value,
                                                    GError                **error);

/* History, oldest first. Any of @form, @group, @row, @key may be NULL to
 * mean any; a field's history is (form, NULL, NULL, key). */
GListModel        *ips_client_file_list_history    (IpsClientFile          *self,
                                                    const char             *form,
                                                    const char             *group,
                                                    const char             *row,
                                                    const char             *key);
/* Puts back the value a field or row field had after @entry (restore), or
 * undoes @entry (revert). Both are recorded as new changes. */
gboolean           ips_client_file_restore_value   (IpsClientFile          *self,
                                                    IpsHistoryEntry        *entry,
                                                    GError                **error);
gboolean           ips_client_file_revert_change   (IpsClientFile          *self,
                                                    IpsHistoryEntry        *entry,
                                                    GError                **error);
/* One recorded change, or NULL. */
IpsHistoryEntry   *ips_client_file_get_history_entry (IpsClientFile        *self,
                                                    gint64                  id);
/* The id of the last recorded change, or 0. */
gint64             ips_client_file_get_last_change_id (IpsClientFile       *self);

/* Changes made between these calls (they nest) are one user action: an undo
 * takes them back together (signing writes the strokes, the date and the
 * version signed). Each is still its own change in the history. Outside a
 * group get_change_group() is 0; inside, a number no earlier group had. */
void               ips_client_file_begin_change_group (IpsClientFile       *self);
void               ips_client_file_end_change_group (IpsClientFile         *self);
guint              ips_client_file_get_change_group (IpsClientFile         *self);

/* PRAGMA integrity_check; TRUE with "ok". */
gboolean           ips_client_file_check_integrity (IpsClientFile          *self,
                                                    char                  **report,
                                                    GError                **error);

G_END_DECLS
