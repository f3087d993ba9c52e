/* ips-history-entry.h: one recorded change to a client file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  IPS_HISTORY_SET,         /* a field or a row's field got a new value */
  IPS_HISTORY_ADD_ROW,
  IPS_HISTORY_REMOVE_ROW,  /* old value: the row's values, to bring it back */
  IPS_HISTORY_MOVE_ROW,    /* old and new value: positions */
} IpsHistoryAction;

#define IPS_TYPE_HISTORY_ENTRY (ips_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (IpsHistoryEntry, ips_history_entry, IPS, HISTORY_ENTRY, GObject)

IpsHistoryEntry  *ips_history_entry_new           (gint64            id,
                                                   const char       *time,
                                                   const char       *author,
                                                   const char       *form,
                                                   const char       *group,
                                                   const char       *row,
                                                   const char       *key,
                                                   IpsHistoryAction  action,
                                                   const char       *old_value,
                                                   const char       *new_value);

gint64            ips_history_entry_get_id        (IpsHistoryEntry  *self);
/* ISO 8601, UTC, milliseconds: sorts as it reads. */
const char       *ips_history_entry_get_time      (IpsHistoryEntry  *self);
GDateTime        *ips_history_entry_dup_date_time (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_author    (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_form      (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_group     (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_row       (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_key       (IpsHistoryEntry  *self);
IpsHistoryAction  ips_history_entry_get_action    (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_old_value (IpsHistoryEntry  *self);
const char       *ips_history_entry_get_new_value (IpsHistoryEntry  *self);

const char       *ips_history_action_to_string    (IpsHistoryAction  action);
gboolean          ips_history_action_from_string  (const char       *name,
                                                   IpsHistoryAction *action);

G_END_DECLS
