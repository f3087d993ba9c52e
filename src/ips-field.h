/* ips-field.h: one question of a form on screen, its label and input from the definition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"
#include "ips-field-definition.h"

G_BEGIN_DECLS

#define IPS_TYPE_FIELD (ips_field_get_type ())

G_DECLARE_FINAL_TYPE (IpsField, ips_field, IPS, FIELD, GtkWidget)

GtkWidget          *ips_field_new            (const char          *key);
/* The key placed in the .ui file; the definition comes from the form. */
const char         *ips_field_get_key        (IpsField            *self);
void                ips_field_set_key        (IpsField            *self,
                                              const char          *key);
IpsFieldDefinition *ips_field_get_definition (IpsField            *self);
/* Builds the label and input for @definition. Called once by the form page. */
void                ips_field_set_definition (IpsField            *self,
                                              IpsFieldDefinition  *definition);

/* The value in canonical form ("" when empty); FALSE with @error when what
 * is typed is not yet valid (a half-typed date). */
gboolean            ips_field_get_value      (IpsField            *self,
                                              char               **value,
                                              GError             **error);
/* Shows @value without emitting ::changed. */
void                ips_field_set_value      (IpsField            *self,
                                              const char          *value);
void                ips_field_set_editable   (IpsField            *self,
                                              gboolean             editable);
/* Marks the input as not saved, with @message, or clears the mark (NULL). */
void                ips_field_set_problem    (IpsField            *self,
                                              const char          *message);
/* Fills the history popover with @entries (IpsHistoryEntry, oldest first). */
void                ips_field_show_history   (IpsField            *self,
                                              GListModel          *entries);
/* The widget that takes focus, for tests and mnemonics. */
GtkWidget          *ips_field_get_input      (IpsField            *self);

/* Connects the field to the file through @binder: loads its value, saves
 * what is typed, reloads on changes from elsewhere (undo, restore). @row is
 * the row id for a field of a repeatable row, else NULL. */
void                ips_field_bind           (IpsField            *self,
                                              IpsBinder           *binder,
                                              const char          *form,
                                              const char          *row);
void                ips_field_reload         (IpsField            *self);

G_END_DECLS
