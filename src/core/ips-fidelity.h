/* ips-fidelity.h: the fidelity scale's items that the records can score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ips-caseload-figures.h"

G_BEGIN_DECLS

#define IPS_FIDELITY_N_ITEMS 25
#define IPS_FIDELITY_MAX_SCORE 5

typedef enum
{
  IPS_FIDELITY_BAND_NOT_IPS,        /* 73 and below */
  IPS_FIDELITY_BAND_FAIR,           /* 74-99 */
  IPS_FIDELITY_BAND_GOOD,           /* 100-114 */
  IPS_FIDELITY_BAND_EXEMPLARY,      /* 115-125 */
} IpsFidelityBand;

#define IPS_TYPE_FIDELITY_BAND (ips_fidelity_band_get_type ())
GType           ips_fidelity_band_get_type       (void) G_GNUC_CONST;
IpsFidelityBand ips_fidelity_band_for_total      (guint total);
/* "Exemplary fidelity", …: translated. */
const char     *ips_fidelity_band_get_label      (IpsFidelityBand band);
/* The band's lowest and highest total. */
void            ips_fidelity_band_get_range      (IpsFidelityBand band,
                                                  guint          *lowest,
                                                  guint          *highest);

/* One item of the UK IPS fidelity scale. */
typedef struct
{
  guint number;         /* 1 … 25 */
  char *title;          /* translated, "Caseload size" */
  guint score;          /* 1 … 5; 0 when left for the reviewer */
  char *basis;          /* translated: how it was scored, or why it was not */
} IpsFidelityItem;

#define IPS_TYPE_FIDELITY_ITEM (ips_fidelity_item_get_type ())
GType            ips_fidelity_item_get_type (void) G_GNUC_CONST;
IpsFidelityItem *ips_fidelity_item_copy     (const IpsFidelityItem *item);
void             ips_fidelity_item_free     (IpsFidelityItem       *item);

/* The anchors, as pure functions of the counts. Each returns 1 … 5. */
/* Item 1: active clients per (full-time) employment specialist. */
guint       ips_fidelity_score_caseload      (guint  n_active);
/* Item 15: mean days from entry to the first face-to-face employer contact. */
guint       ips_fidelity_score_rapid_search  (double mean_days);
/* Items 19 and 20: @different of @jobs jobs are of a different type
 * (employer); @jobs > 0. */
guint       ips_fidelity_score_diversity     (guint  different,
                                              guint  jobs);
/* Item 21: @permanent_competitive of @current_jobs held today; fewer than
 * 10 current jobs score 1. */
guint       ips_fidelity_score_competitive   (guint  permanent_competitive,
                                              guint  current_jobs);
/* Item 23 from the figures' follow-along counts; 0 when no job can be
 * measured yet. */
guint       ips_fidelity_score_follow_along  (const IpsCaseloadFigures *figures);

/* All 25 items in order, IpsFidelityItem: 1, 15, 19, 20, 21 and 23 scored
 * from @figures (0 when there is nothing to score them on yet), the rest
 * left for the reviewer. */
GPtrArray  *ips_fidelity_score               (const IpsCaseloadFigures *figures);
/* The sum of the scored items, and how many are left for the reviewer. */
guint       ips_fidelity_get_partial_total   (GPtrArray *items,
                                              guint     *n_unscored);
/* One translated line per item, then the bands, saying the total needs the
 * reviewer's items. */
GStrv       ips_fidelity_to_lines            (GPtrArray *items);
/* The items as IpsFigure rows ("fidelity-1" …, value the score or ""). */
GPtrArray  *ips_fidelity_list_figures        (GPtrArray *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsFidelityItem, ips_fidelity_item_free)

G_END_DECLS
