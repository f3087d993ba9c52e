/* ips-binder.h: carries edits from the widgets to the client file, a moment after typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ips-client-file.h"

G_BEGIN_DECLS

typedef enum
{
  IPS_SAVE_STATE_SAVED,
  IPS_SAVE_STATE_PENDING,
  IPS_SAVE_STATE_FAILED,
} IpsSaveState;

#define IPS_TYPE_BINDER (ips_binder_get_type ())

G_DECLARE_FINAL_TYPE (IpsBinder, ips_binder, IPS, BINDER, GObject)

/* How long after the last keystroke an edit is saved. */
#define IPS_BINDER_DELAY_MS 400
/* How late an edit is saved at most, however steadily the typing goes on. */
#define IPS_BINDER_MAX_DELAY_MS 500

IpsBinder     *ips_binder_new               (IpsClientFile *file);
IpsClientFile *ips_binder_get_file          (IpsBinder     *self);
IpsSaveState   ips_binder_get_state         (IpsBinder     *self);
/* Why the last save failed, while the state is FAILED. */
const char    *ips_binder_get_error_message (IpsBinder     *self);

/* Queues a value for a field (@row NULL) or a row's field; it is saved
 * IPS_BINDER_DELAY_MS after the last call but at most
 * IPS_BINDER_MAX_DELAY_MS after the first unsaved one, or at the next flush. */
void           ips_binder_queue             (IpsBinder     *self,
                                             const char    *form,
                                             const char    *row,
                                             const char    *key,
                                             const char    *value);
/* Saves everything queued now. On failure the edits stay queued and are
 * retried; returns FALSE with the reason. */
gboolean       ips_binder_flush             (IpsBinder     *self,
                                             GError       **error);
/* Whether an edit of this field waits to be saved (so it is not overwritten). */
gboolean       ips_binder_is_pending        (IpsBinder     *self,
                                             const char    *form,
                                             const char    *row,
                                             const char    *key);

G_END_DECLS
