/* ips-file-lock.h: one writer per client file, and a note of who it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define IPS_TYPE_FILE_LOCK (ips_file_lock_get_type ())

G_DECLARE_FINAL_TYPE (IpsFileLock, ips_file_lock, IPS, FILE_LOCK, GObject)

/* Takes the lock beside @path ("PATH-lock"), or fails with IPS_ERROR_LOCKED
 * and a message saying who holds it and since when. The kernel drops the
 * lock when the holder's process ends, however it ends, so a lock is never
 * stale; the note in the lock file is only advice. */
IpsFileLock *ips_file_lock_acquire      (const char  *path,
                                         GError     **error);
/* Releases the lock and removes the lock file. */
void         ips_file_lock_release      (IpsFileLock *self);

/* Whether another process holds the lock; if so, the holder's note. */
gboolean     ips_file_lock_probe        (const char  *path,
                                         char       **user,
                                         char       **host,
                                         GDateTime  **since);

char        *ips_file_lock_get_lock_path (const char *path);

G_END_DECLS
