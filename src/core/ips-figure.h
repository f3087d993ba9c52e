/* ips-figure.h: one figure of a report, and figures as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One figure for a report: a stable id (for CSV and scripts), a translated
 * label, its value ("" when it cannot be worked out), and one translated
 * sentence saying how it was computed and over which clients. */
typedef struct
{
  char *id;
  char *label;
  char *value;
  char *basis;
} IpsFigure;

#define IPS_TYPE_FIGURE (ips_figure_get_type ())
GType      ips_figure_get_type (void) G_GNUC_CONST;
IpsFigure *ips_figure_new      (const char      *id,
                                const char      *label,
                                const char      *value,
                                const char      *basis);
IpsFigure *ips_figure_copy     (const IpsFigure *figure);
void       ips_figure_free     (IpsFigure       *figure);

/* RFC 4180: a header row "id,label,value,basis", then one row per figure,
 * CRLF line ends, fields quoted when they hold a comma, quote or line end. */
char      *ips_figures_to_csv  (GPtrArray       *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsFigure, ips_figure_free)

G_END_DECLS
