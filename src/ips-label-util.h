/* ips-label-util.h: labels that wrap only when they may need to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A wrapping label is laid out again for each width it is measured at
 * (three or more times before the window's first frame); one that does not
 * wrap, once. A text this short fits any column it is placed in, at any
 * text size the window offers, so it is not wrapped. */
#define IPS_LABEL_WRAP_MIN_CHARS 16

static inline void
ips_label_set_text_wrapping (GtkLabel   *label,
                             const char *text)
{
  gtk_label_set_text (label, text);
  gtk_label_set_wrap (label, text != NULL && g_utf8_strlen (text, -1) > IPS_LABEL_WRAP_MIN_CHARS);
}

G_END_DECLS
