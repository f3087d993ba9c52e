/* ips-caseload-entry.c
 *
 * Built in the scan's worker thread and handed to the main thread before
 * anything connects to it; after that it is used on the main thread only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ips-caseload-entry.h"

struct _IpsCaseloadEntry
{
  GObject parent_instance;

  /* owned */
  char *path;
  char *name;
  char *sort_key;
  char *error;
  IpsJourney *journey;

  /* derived from the journey and today */
  IpsStage stage;
  IpsDueKind due_kind;
  char *due_date;
  int days_overdue;
};

G_DEFINE_FINAL_TYPE (IpsCaseloadEntry, ips_caseload_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_NAME,
  PROP_STAGE,
  PROP_NEXT_DUE,
  PROP_DUE_DATE,
  PROP_DAYS_OVERDUE,
  PROP_ERROR,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ips_caseload_entry_finalize (GObject *object)
{
  IpsCaseloadEntry *self = (IpsCaseloadEntry *)object;

  g_free (self->path);
  g_free (self->name);
  g_free (self->sort_key);
  g_free (self->error);
  g_free (self->due_date);
  g_clear_pointer (&self->journey, ips_journey_unref);

  G_OBJECT_CLASS (ips_caseload_entry_parent_class)->finalize (object);
}

static void
ips_caseload_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IpsCaseloadEntry *self = IPS_CASELOAD_ENTRY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_NEXT_DUE:
      g_value_set_string (value, ips_caseload_entry_get_next_due (self));
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_DAYS_OVERDUE:
      g_value_set_int (value, self->days_overdue);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, ips_caseload_entry_get_active (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_caseload_entry_class_init (IpsCaseloadEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ips_caseload_entry_finalize;
  object_class->get_property = ips_caseload_entry_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, IPS_TYPE_STAGE,
                                              IPS_STAGE_REFERRED, flags);
  properties[PROP_NEXT_DUE] = g_param_spec_string ("next-due", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, flags);
  properties[PROP_DAYS_OVERDUE] = g_param_spec_int ("days-overdue", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ips_caseload_entry_init (IpsCaseloadEntry *self)
{
  self->stage = IPS_STAGE_REFERRED;
}

static void
set_identity (IpsCaseloadEntry *self,
              const char       *path,
              const char       *name)
{
  g_autofree char *folded = NULL;

  self->path = g_strdup (path);
  self->name = name && *name ? g_strdup (name) : NULL;
  /* Unnamed files sort after every name, by file name. */
  if (self->name != NULL)
    {
      folded = g_utf8_casefold (self->name, -1);
      self->sort_key = g_utf8_collate_key (folded, -1);
    }
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *display = g_filename_display_name (base);

      folded = g_utf8_casefold (display, -1);
      self->sort_key = g_utf8_collate_key_for_filename (folded, -1);
    }
}

IpsCaseloadEntry *
ips_caseload_entry_new (const char  *path,
                        const char  *name,
                        IpsJourney  *journey,
                        const GDate *today)
{
  IpsCaseloadEntry *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (journey != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (IPS_TYPE_CASELOAD_ENTRY, NULL);
  set_identity (self, path, name);
  self->journey = ips_journey_ref (journey);
  ips_caseload_entry_set_today (self, today);
  return self;
}

IpsCaseloadEntry *
ips_caseload_entry_new_error (const char *path,
                              const char *name,
                              const char *message)
{
  IpsCaseloadEntry *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (IPS_TYPE_CASELOAD_ENTRY, NULL);
  set_identity (self, path, name);
  self->error = g_strdup (message);
  return self;
}

void
ips_caseload_entry_set_today (IpsCaseloadEntry *self,
                              const GDate      *today)
{
  IpsStage stage;
  IpsDue due;
  g_autofree char *due_date = NULL;
  int days_overdue = 0;
  gboolean was_active;

  g_return_if_fail (IPS_IS_CASELOAD_ENTRY (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (self->journey == NULL)
    return;

  was_active = ips_caseload_entry_get_active (self);
  stage = ips_journey_get_stage (self->journey, today);
  if (ips_journey_get_next_due (self->journey, today, &due))
    {
      due_date = ips_date_format (&due.date);
      days_overdue = MAX (0, g_date_days_between (&due.date, today));
    }
  else
    due.kind = IPS_DUE_NONE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->stage != stage)
    {
      self->stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }
  if (was_active != ips_caseload_entry_get_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  if (self->due_kind != due.kind)
    {
      self->due_kind = due.kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DUE]);
    }
  if (g_strcmp0 (self->due_date, due_date) != 0)
    {
      g_free (self->due_date);
      self->due_date = g_steal_pointer (&due_date);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_DATE]);
    }
  if (self->days_overdue != days_overdue)
    {
      self->days_overdue = days_overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS_OVERDUE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
ips_caseload_entry_get_path (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return self->path;
}

const char *
ips_caseload_entry_get_name (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return self->name;
}

IpsStage
ips_caseload_entry_get_stage (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), IPS_STAGE_REFERRED);
  return self->stage;
}

const char *
ips_caseload_entry_get_next_due (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return ips_due_kind_get_label (self->due_kind);
}

const char *
ips_caseload_entry_get_due_date (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return self->due_date;
}

IpsDueKind
ips_caseload_entry_get_due_kind (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), IPS_DUE_NONE);
  return self->due_kind;
}

int
ips_caseload_entry_get_days_overdue (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), 0);
  return self->days_overdue;
}

const char *
ips_caseload_entry_get_error (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return self->error;
}

gboolean
ips_caseload_entry_get_active (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), FALSE);
  return self->stage != IPS_STAGE_CLOSED;
}

IpsJourney *
ips_caseload_entry_get_journey (IpsCaseloadEntry *self)
{
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (self), NULL);
  return self->journey;
}

int
ips_caseload_entry_compare (IpsCaseloadEntry *a,
                            IpsCaseloadEntry *b)
{
  int order;

  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (a), 0);
  g_return_val_if_fail (IPS_IS_CASELOAD_ENTRY (b), 0);

  if ((a->name == NULL) != (b->name == NULL))
    return a->name == NULL ? 1 : -1;
  order = strcmp (a->sort_key, b->sort_key);
  if (order == 0)
    order = strcmp (a->path, b->path);
  return order;
}
