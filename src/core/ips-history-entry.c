/* ips-history-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ips-history-entry.h"

struct _IpsHistoryEntry
{
  GObject parent_instance;

  gint64 id;
  char *time;
  char *author;
  char *form;
  char *group;
  char *row;
  char *key;
  IpsHistoryAction action;
  char *old_value;
  char *new_value;
};

G_DEFINE_FINAL_TYPE (IpsHistoryEntry, ips_history_entry, G_TYPE_OBJECT)

static const char * const action_names[] = {
  [IPS_HISTORY_SET] = "set",
  [IPS_HISTORY_ADD_ROW] = "add-row",
  [IPS_HISTORY_REMOVE_ROW] = "remove-row",
  [IPS_HISTORY_MOVE_ROW] = "move-row",
};

static void
ips_history_entry_finalize (GObject *object)
{
  IpsHistoryEntry *self = (IpsHistoryEntry *)object;

  g_free (self->time);
  g_free (self->author);
  g_free (self->form);
  g_free (self->group);
  g_free (self->row);
  g_free (self->key);
  g_free (self->old_value);
  g_free (self->new_value);

  G_OBJECT_CLASS (ips_history_entry_parent_class)->finalize (object);
}

static void
ips_history_entry_class_init (IpsHistoryEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ips_history_entry_finalize;
}

static void
ips_history_entry_init (IpsHistoryEntry *self)
{
}

IpsHistoryEntry *
ips_history_entry_new (gint64            id,
                       const char       *time,
                       const char       *author,
                       const char       *form,
                       const char       *group,
                       const char       *row,
                       const char       *key,
                       IpsHistoryAction  action,
                       const char       *old_value,
                       const char       *new_value)
{
  IpsHistoryEntry *self = g_object_new (IPS_TYPE_HISTORY_ENTRY, NULL);

  self->id = id;
  self->time = g_strdup (time);
  self->author = g_strdup (author);
  self->form = g_strdup (form);
  self->group = g_strdup (group);
  self->row = g_strdup (row);
  self->key = g_strdup (key);
  self->action = action;
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
  return self;
}

#define GETTER(type, name) \
  type ips_history_entry_get_##name (IpsHistoryEntry *self) \
  { \
    g_return_val_if_fail (IPS_IS_HISTORY_ENTRY (self), 0); \
    return self->name; \
  }

GETTER (gint64, id)
GETTER (const char *, time)
GETTER (const char *, author)
GETTER (const char *, form)
GETTER (const char *, group)
GETTER (const char *, row)
GETTER (const char *, key)
GETTER (IpsHistoryAction, action)
GETTER (const char *, old_value)
GETTER (const char *, new_value)

GDateTime *
ips_history_entry_dup_date_time (IpsHistoryEntry *self)
{
  g_return_val_if_fail (IPS_IS_HISTORY_ENTRY (self), NULL);
  return g_date_time_new_from_iso8601 (self->time, NULL);
}

const char *
ips_history_action_to_string (IpsHistoryAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (action_names), NULL);
  return action_names[action];
}

gboolean
ips_history_action_from_string (const char       *name,
                                IpsHistoryAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (name, action_names[i]) == 0)
      {
        *action = (IpsHistoryAction)i;
        return TRUE;
      }
  return FALSE;
}
