/* ips-text-view.h: a wrapping text view that grows with its text in a form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IPS_TYPE_TEXT_VIEW (ips_text_view_get_type ())

G_DECLARE_FINAL_TYPE (IpsTextView, ips_text_view, IPS, TEXT_VIEW, GtkTextView)

/* A text view that wraps at word boundaries, with the margins of the
 * form's boxes, and asks for more height when its text wraps onto more lines. */
GtkWidget *ips_text_view_new      (void);
/* The whole text. */
char      *ips_text_view_dup_text (IpsTextView *self);
void       ips_text_view_set_text (IpsTextView *self,
                                   const char  *text);

G_END_DECLS
