/* ips-caseload-scan.h: read every client file in a folder, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ips-caseload-entry.h"
#include "ips-form-catalog.h"

G_BEGIN_DECLS

#define IPS_TYPE_CASELOAD_SCAN (ips_caseload_scan_get_type ())

G_DECLARE_FINAL_TYPE (IpsCaseloadScan, ips_caseload_scan, IPS, CASELOAD_SCAN, GObject)

/* Keep one scan object for a folder: it remembers what it read, so the next
 * scan opens only the files that changed. */
IpsCaseloadScan *ips_caseload_scan_new          (IpsFormCatalog       *catalog);

/* Lists the *.ipsclient files directly in @folder (not in subfolders, not
 * through links) as IpsCaseloadEntry items sorted by name, each read
 * read-only: the scan never takes a client's lock, never writes, and does
 * not wait for a window that is editing a file. Files that cannot be read
 * are listed with their error. @today (NULL: the local date) is the day the
 * stage and what is due are worked out for.
 *
 * "progress" is emitted on the caller's main context as files are read.
 * Fails only when the folder itself cannot be listed, or when cancelled. */
void             ips_caseload_scan_run_async    (IpsCaseloadScan      *self,
                                                 const char           *folder,
                                                 const GDate          *today,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GListModel      *ips_caseload_scan_run_finish   (IpsCaseloadScan      *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
/* The same in the calling thread, for the command line. */
GListModel      *ips_caseload_scan_run          (IpsCaseloadScan      *self,
                                                 const char           *folder,
                                                 const GDate          *today,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

/* How many files the last scan had to open (the rest came from memory). */
guint            ips_caseload_scan_get_n_files_read (IpsCaseloadScan  *self);

G_END_DECLS
