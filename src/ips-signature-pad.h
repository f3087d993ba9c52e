/* ips-signature-pad.h: a box to sign in with the pointer, touchpad, touchscreen or pen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ips-binder.h"
#include "ips-signature.h"

G_BEGIN_DECLS

#define IPS_TYPE_SIGNATURE_PAD (ips_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (IpsSignaturePad, ips_signature_pad, IPS, SIGNATURE_PAD, GtkWidget)

/* Strokes are kept in pad units: the pad is this many units wide. */
#define IPS_SIGNATURE_PAD_UNITS 1000.0

GtkWidget         *ips_signature_pad_new           (void);
/* Shows the signature @key of @form and keeps it when the client presses
 * Sign; follows every change of the form to tell whether it still signs it. */
void               ips_signature_pad_bind          (IpsSignaturePad *self,
                                                    IpsBinder       *binder,
                                                    const char      *form,
                                                    const char      *key);
void               ips_signature_pad_reload        (IpsSignaturePad *self);
void               ips_signature_pad_set_editable  (IpsSignaturePad *self,
                                                    gboolean         editable);
gboolean           ips_signature_pad_get_editable  (IpsSignaturePad *self);

/* Drawing, in the drawing area's coordinates: what the gestures call. */
void               ips_signature_pad_begin_stroke  (IpsSignaturePad *self,
                                                    double           x,
                                                    double           y);
void               ips_signature_pad_extend_stroke (IpsSignaturePad *self,
                                                    double           x,
                                                    double           y);
void               ips_signature_pad_end_stroke    (IpsSignaturePad *self);
/* Strokes drawn and not yet signed. */
guint              ips_signature_pad_get_n_strokes (IpsSignaturePad *self);

IpsSignatureState  ips_signature_pad_get_state     (IpsSignaturePad *self);
/* What the line under the pad says. */
const char        *ips_signature_pad_get_status    (IpsSignaturePad *self);
GtkWidget         *ips_signature_pad_get_drawing_area (IpsSignaturePad *self);

G_END_DECLS
