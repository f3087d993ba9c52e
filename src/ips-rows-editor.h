/* ips-rows-editor.h: a repeatable group of fields (schools, jobs, convictions), edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"

G_BEGIN_DECLS

#define IPS_TYPE_ROWS_EDITOR (ips_rows_editor_get_type ())

G_DECLARE_FINAL_TYPE (IpsRowsEditor, ips_rows_editor, IPS, ROWS_EDITOR, GtkWidget)

const char *ips_rows_editor_get_key  (IpsRowsEditor      *self);
void        ips_rows_editor_bind     (IpsRowsEditor      *self,
                                      IpsBinder          *binder,
                                      const char         *form,
                                      IpsFieldDefinition *group);
/* Adds an empty row at the end and puts the focus in it. */
void        ips_rows_editor_add_row  (IpsRowsEditor      *self);
guint       ips_rows_editor_get_n_rows (IpsRowsEditor    *self);
/* The row's card, holding an IpsField per field of the group. */
GtkWidget  *ips_rows_editor_get_row  (IpsRowsEditor      *self,
                                      guint               position);

G_END_DECLS
