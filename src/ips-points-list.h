/* ips-points-list.h: a list of points in the client's own words, added with Enter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"

G_BEGIN_DECLS

#define IPS_TYPE_POINTS_LIST (ips_points_list_get_type ())

G_DECLARE_FINAL_TYPE (IpsPointsList, ips_points_list, IPS, POINTS_LIST, GtkWidget)

const char *ips_points_list_get_key     (IpsPointsList      *self);
void        ips_points_list_bind        (IpsPointsList      *self,
                                         IpsBinder          *binder,
                                         const char         *form,
                                         IpsFieldDefinition *group);
/* Whether the list shows its label above the points (default TRUE). */
gboolean    ips_points_list_get_show_label (IpsPointsList   *self);
void        ips_points_list_set_show_label (IpsPointsList   *self,
                                            gboolean         show_label);
/* The text view where a new point is typed: Enter adds it, Shift+Enter
 * breaks the line. */
GtkWidget  *ips_points_list_get_new_entry (IpsPointsList    *self);
guint       ips_points_list_get_n_points (IpsPointsList     *self);
/* The text view of the point at @position: Enter goes on to the next
 * point, Alt+Up and Alt+Down move it, Alt+Delete removes it. */
GtkWidget  *ips_points_list_get_point   (IpsPointsList      *self,
                                         guint               position);

G_END_DECLS
