/* ips-signature.h: a signature drawn on screen, its date and the version it signs
 *
 * A signature field holds SVG path data (the strokes). Its form definition
 * may name two companion fields: date-key, the day it was signed, and
 * version-key, a digest of the rest of the form (every field outside the
 * signature's own section) as it stood when it was signed. When the form
 * changes after signing, the digest no longer matches and the signature is
 * one for an earlier version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ips-client-file.h"

G_BEGIN_DECLS

typedef enum
{
  IPS_SIGNATURE_UNSIGNED,
  IPS_SIGNATURE_SIGNED,            /* signs the form as it is now */
  IPS_SIGNATURE_EARLIER_VERSION,   /* the form changed after signing */
} IpsSignatureState;

typedef struct
{
  double x, y;
} IpsSignaturePoint;

typedef struct
{
  double x0, y0, x1, y1;
  gboolean any;
} IpsSignatureBounds;

/* Reads SVG path data and writes it again in absolute coordinates, keeping
 * only what was understood; NULL when @data is not a path with a point. */
char              *ips_signature_normalize_path  (const char          *data,
                                                  IpsSignatureBounds  *bounds);
/* The strokes of @data, each a GArray of IpsSignaturePoint; curves are
 * followed through their control points. NULL when it is not a path. */
GPtrArray         *ips_signature_parse_strokes   (const char          *data);
/* Path data for @strokes (GArrays of IpsSignaturePoint): "M x y L x y …". */
char              *ips_signature_strokes_to_path (GPtrArray           *strokes);

/* A signature field of @form that keeps @key as its date or version, or NULL. */
IpsFieldDefinition *ips_signature_lookup_owner   (IpsFormDefinition   *form,
                                                  const char          *key);
/* The digest of what the signature @key of @form signs, as it is now. */
char              *ips_signature_dup_version     (IpsClientFile       *file,
                                                  const char          *form,
                                                  const char          *key);
/* The state of the signature @key of @form; @signed_on (may be NULL) gets
 * the date it was signed, or is cleared. */
IpsSignatureState  ips_signature_get_state       (IpsClientFile       *file,
                                                  const char          *form,
                                                  const char          *key,
                                                  GDate               *signed_on);
/* Stores @path_data as the signature, signed on @date, for the form as it is
 * now. The strokes are written last, so undoing that one change unsigns. */
gboolean           ips_signature_sign            (IpsClientFile       *file,
                                                  const char          *form,
                                                  const char          *key,
                                                  const char          *path_data,
                                                  const GDate         *date,
                                                  GError             **error);
/* Removes the strokes: one change, which undo brings back. */
gboolean           ips_signature_clear           (IpsClientFile       *file,
                                                  const char          *form,
                                                  const char          *key,
                                                  GError             **error);
/* "Signed on 5 January 2026", "Signed on … for an earlier version of this
 * plan", or NULL when unsigned; translated. */
char              *ips_signature_describe        (IpsSignatureState    state,
                                                  const GDate         *signed_on);

G_END_DECLS
