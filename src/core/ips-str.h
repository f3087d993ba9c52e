/* ips-str.h: small string helpers that newer GLib has and 2.74 lacks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Replaces *@str with a copy of @new_str; TRUE if the value changed (as g_set_str of GLib 2.76). */
static inline gboolean
ips_set_str (char       **str,
             const char  *new_str)
{
  char *copy;

  if (*str == new_str || g_strcmp0 (*str, new_str) == 0)
    return FALSE;
  copy = g_strdup (new_str);
  g_free (*str);
  *str = copy;
  return TRUE;
}
