/* ips-binder.c
 *
 * Typing is saved in short bursts: a burst of keystrokes becomes one change
 * in the file's history, so undo and the field history read naturally. A
 * failed save (disk full) keeps the edit queued and tries again, so nothing
 * typed is lost while the problem is put right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ips-str.h"
#include "ips-binder.h"
#include "ips-error.h"

#define RETRY_SECONDS 3

typedef struct
{
  char *form;
  char *row;
  char *key;
  char *value;
} Edit;

struct _IpsBinder
{
  GObject parent_instance;

  IpsClientFile *file;
  GPtrArray *pending;   /* of Edit, oldest first, one per field */
  guint timeout_id;
  gint64 burst_start;   /* when the first edit not yet saved was queued */
  IpsSaveState state;
  char *error_message;
};

G_DEFINE_FINAL_TYPE (IpsBinder, ips_binder, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_free (edit->form);
  g_free (edit->row);
  g_free (edit->key);
  g_free (edit->value);
  g_free (edit);
}

static void
set_state (IpsBinder    *self,
           IpsSaveState  state,
           const char   *message)
{
  if (ips_set_str (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
ips_binder_dispose (GObject *object)
{
  IpsBinder *self = (IpsBinder *)object;

  /* Whatever is still queued goes to disk before the file is let go. */
  if (self->file != NULL)
    ips_binder_flush (self, NULL);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (ips_binder_parent_class)->dispose (object);
}

static void
ips_binder_finalize (GObject *object)
{
  IpsBinder *self = (IpsBinder *)object;

  g_ptr_array_unref (self->pending);
  g_free (self->error_message);

  G_OBJECT_CLASS (ips_binder_parent_class)->finalize (object);
}

static void
ips_binder_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IpsBinder *self = IPS_BINDER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ips_binder_class_init (IpsBinderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ips_binder_dispose;
  object_class->finalize = ips_binder_finalize;
  object_class->get_property = ips_binder_get_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, IPS_SAVE_STATE_SAVED, IPS_SAVE_STATE_FAILED,
                      IPS_SAVE_STATE_SAVED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ips_binder_init (IpsBinder *self)
{
  self->pending = g_ptr_array_new_with_free_func (edit_free);
}

IpsBinder *
ips_binder_new (IpsClientFile *file)
{
  IpsBinder *self;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);

  self = g_object_new (IPS_TYPE_BINDER, NULL);
  self->file = g_object_ref (file);
  return self;
}

IpsClientFile *
ips_binder_get_file (IpsBinder *self)
{
  g_return_val_if_fail (IPS_IS_BINDER (self), NULL);
  return self->file;
}

IpsSaveState
ips_binder_get_state (IpsBinder *self)
{
  g_return_val_if_fail (IPS_IS_BINDER (self), IPS_SAVE_STATE_SAVED);
  return self->state;
}

const char *
ips_binder_get_error_message (IpsBinder *self)
{
  g_return_val_if_fail (IPS_IS_BINDER (self), NULL);
  return self->error_message;
}

static gint
find_edit (IpsBinder  *self,
           const char *form,
           const char *row,
           const char *key)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Edit *edit = g_ptr_array_index (self->pending, i);

      if (g_strcmp0 (edit->form, form) == 0 && g_strcmp0 (edit->row, row) == 0 &&
          g_strcmp0 (edit->key, key) == 0)
        return (gint)i;
    }
  return -1;
}

static gboolean
on_timeout (gpointer data)
{
  IpsBinder *self = data;

  self->timeout_id = 0;
  ips_binder_flush (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
schedule (IpsBinder *self,
          guint      delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (delay_ms, on_timeout, self);
}

void
ips_binder_queue (IpsBinder  *self,
                  const char *form,
                  const char *row,
                  const char *key,
                  const char *value)
{
  gint64 now, elapsed_ms;
  gint i;

  g_return_if_fail (IPS_IS_BINDER (self));

  i = find_edit (self, form, row, key);
  if (i >= 0)
    {
      Edit *edit = g_ptr_array_index (self->pending, i);
      ips_set_str (&edit->value, value);
    }
  else
    {
      Edit *edit = g_new0 (Edit, 1);

      edit->form = g_strdup (form);
      edit->row = g_strdup (row);
      edit->key = g_strdup (key);
      edit->value = g_strdup (value);
      g_ptr_array_add (self->pending, edit);
    }

  /* While a save is failing, its retry timer stands: typing does not make
   * it retry sooner. */
  if (self->state == IPS_SAVE_STATE_FAILED && self->timeout_id != 0)
    return;
  if (self->state != IPS_SAVE_STATE_FAILED)
    set_state (self, IPS_SAVE_STATE_PENDING, NULL);

  /* Each keystroke postpones the save, but never past IPS_BINDER_MAX_DELAY_MS
   * after the first unsaved one: someone typing steadily is saved as they go. */
  now = g_get_monotonic_time ();
  if (self->timeout_id == 0)
    self->burst_start = now;
  elapsed_ms = (now - self->burst_start) / 1000;
  schedule (self, (guint)CLAMP (IPS_BINDER_MAX_DELAY_MS - elapsed_ms, 0, IPS_BINDER_DELAY_MS));
}

gboolean
ips_binder_flush (IpsBinder  *self,
                  GError    **error)
{
  g_return_val_if_fail (IPS_IS_BINDER (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  while (self->pending->len > 0)
    {
      Edit *edit = g_ptr_array_index (self->pending, 0);
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (edit->row != NULL)
        ok = ips_client_file_set_row_value (self->file, edit->row, edit->key, edit->value, &local_error);
      else
        ok = ips_client_file_set_value (self->file, edit->form, edit->key, edit->value, &local_error);

      if (!ok)
        {
          /* A row removed meanwhile, or a value the definition refuses, cannot
           * succeed later either: drop it. Anything else is worth retrying. */
          if (g_error_matches (local_error, IPS_ERROR, IPS_ERROR_NOT_FOUND) ||
              g_error_matches (local_error, IPS_ERROR, IPS_ERROR_INVALID_VALUE) ||
              g_error_matches (local_error, IPS_ERROR, IPS_ERROR_UNKNOWN_FIELD))
            {
              g_ptr_array_remove_index (self->pending, 0);
              continue;
            }

          {
            g_autofree char *message =
              g_strdup_printf (_("Not saved yet: %s. Your text is kept and will be saved when this is put right."),
                               local_error->message);
            set_state (self, IPS_SAVE_STATE_FAILED, message);
          }
          if (!g_error_matches (local_error, IPS_ERROR, IPS_ERROR_READ_ONLY))
            schedule (self, RETRY_SECONDS * 1000);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_remove_index (self->pending, 0);
    }

  set_state (self, IPS_SAVE_STATE_SAVED, NULL);
  return TRUE;
}

gboolean
ips_binder_is_pending (IpsBinder  *self,
                       const char *form,
                       const char *row,
                       const char *key)
{
  g_return_val_if_fail (IPS_IS_BINDER (self), FALSE);
  return find_edit (self, form, row, key) >= 0;
}
