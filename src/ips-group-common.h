/* ips-group-common.h: what the rows editor and the points list share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"

G_BEGIN_DECLS

/* The key property both classes expose to GtkBuilder. */
GParamSpec *ips_group_key_param_spec      (void);

/* A flat icon button with a tooltip and an accessible name. */
GtkWidget  *ips_group_icon_button         (const char *icon_name,
                                           const char *label);

/* The up, down and remove buttons of @row of @group, acting on the file. */
GtkWidget  *ips_group_row_buttons         (IpsBinder  *binder,
                                           const char *form,
                                           const char *group,
                                           const char *row,
                                           guint       position,
                                           guint       n_rows);

/* Moves or removes @row after saving what is queued. */
void        ips_group_move_row            (IpsBinder  *binder,
                                           const char *form,
                                           const char *group,
                                           const char *row,
                                           int         delta);
void        ips_group_remove_row          (IpsBinder  *binder,
                                           const char *row);

void        ips_group_remove_children     (GtkWidget  *box);

G_END_DECLS
