/* ips-caseload-figures.h: the fidelity figures that can be computed from the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define IPS_CASELOAD_LIMIT 20

typedef struct
{
  char *label;          /* as first written; counted case-insensitively */
  guint count;
} IpsFigureCount;

/* Every count is over the client files that could be read, except
 * n_unreadable. Jobs count when their start date is on or before the day
 * the figures are for. */
typedef struct
{
  GDate today;

  guint n_files;                      /* every client file listed */
  guint n_unreadable;                 /* listed with an error; in no other figure */
  guint n_clients;                    /* read */

  /* Caseload size (fidelity item 1) */
  guint n_active;                     /* not closed */
  guint n_active_in_contact;          /* of those, a contact in the last 28 days */
  guint n_closed;
  guint n_overdue;                    /* active clients with something overdue */
  guint caseload_limit;

  /* Rapid job search (item 15): entry (acceptance, else referral) to the
   * first face-to-face employer contact, over clients who have both. */
  guint n_employer_contact_measured;
  double median_days_to_employer_contact;   /* -1 when nobody has both */
  guint n_employer_contact_within_30_days;

  /* Jobs */
  guint n_job_starts;
  guint n_job_starts_last_12_months;  /* start in (today - 12 months, today] */
  guint n_clients_into_work;          /* with at least one job start */
  guint n_out_of_work_at_referral;
  guint n_out_of_work_into_work;      /* of those, with at least one job start */

  /* Diversity of jobs (items 19, 20) and their kind (item 21) */
  GPtrArray *job_types;               /* IpsFigureCount, most first */
  guint n_job_type_unknown;
  GPtrArray *employers;               /* IpsFigureCount, most first */
  guint n_employer_unknown;
  guint n_permanent;
  guint n_temporary;
  guint n_permanence_unknown;
  guint n_competitive;
  guint n_not_competitive;
  guint n_competitive_unknown;
} IpsCaseloadFigures;

#define IPS_TYPE_CASELOAD_FIGURES (ips_caseload_figures_get_type ())
GType               ips_caseload_figures_get_type (void) G_GNUC_CONST;

/* @entries: IpsCaseloadEntry items, as the caseload scan returns them. */
IpsCaseloadFigures *ips_caseload_figures_compute  (GListModel               *entries,
                                                   const GDate              *today);
IpsCaseloadFigures *ips_caseload_figures_ref      (IpsCaseloadFigures       *figures);
void                ips_caseload_figures_unref    (IpsCaseloadFigures       *figures);

/* One translated line per figure, saying how it was computed and over which
 * clients. No client names; employers are counted, not named (a small
 * employer and a start date can identify a client in a shared report). */
GStrv               ips_caseload_figures_to_lines (const IpsCaseloadFigures *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsCaseloadFigures, ips_caseload_figures_unref)

G_END_DECLS
