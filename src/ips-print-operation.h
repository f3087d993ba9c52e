/* ips-print-operation.h: a client's record printed as the paper forms are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-client-file.h"

G_BEGIN_DECLS

#define IPS_TYPE_PRINT_OPERATION (ips_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (IpsPrintOperation, ips_print_operation, IPS, PRINT_OPERATION, GtkPrintOperation)

/* The record (every form, each from a new page) or one form (@form_id
 * non-NULL), laid out as the ODT export is, on A4 with page numbers. The
 * job name is the form's title, never the client's name. */
IpsPrintOperation *ips_print_operation_new        (IpsClientFile      *file,
                                                   const char         *form_id,
                                                   GError            **error);
/* Prints straight to a PDF file (mode 0600), with no dialog. */
gboolean           ips_print_operation_export_pdf (IpsPrintOperation  *self,
                                                   const char         *path,
                                                   GError            **error);
guint              ips_print_operation_get_n_pages_laid_out (IpsPrintOperation *self);

G_END_DECLS
