/* ips-caseload-figures.h: the fidelity figures that can be computed from the records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ips-figure.h"

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

  /* The period the figures below are for: from period_start to period_end,
   * both days included; period_end is never after today. */
  GDate period_start;
  GDate period_end;

  /* Referrals and acceptances dated in the period */
  guint n_referrals_received;
  guint n_referrals_accepted;

  /* Rapid job search over the clients who entered in the period */
  guint n_period_entries;
  guint n_period_contact_measured;          /* of those, a first face-to-face contact */
  double mean_days_to_employer_contact;     /* -1 when nobody */
  guint n_period_contact_within_30_days;

  /* Employer contacts dated in the period */
  guint n_employer_contacts;
  guint n_employer_contacts_face_to_face;
  guint n_clients_with_employer_contacts;

  /* Jobs started in the period */
  guint n_period_job_starts;
  guint n_period_clients_into_work;
  guint n_period_permanent_competitive;     /* both recorded as such */

  /* Employment rate (IPS Grow): clients out of work at referral who were on
   * the caseload in the period (entered by its end, not closed before its
   * start), and of those, who started a job in the period. */
  guint n_period_out_of_work;
  guint n_period_out_of_work_into_work;

  /* Still in work after 13 weeks: jobs started in the period at least 13
   * weeks before today, and of those, not ended before 13 weeks. */
  guint n_sustained_measured;
  guint n_sustained;

  /* Jobs held on some day of the period: diversity (items 19, 20) */
  guint n_period_jobs_held;
  guint n_period_jobs_typed;                /* with a job type */
  guint n_period_job_types;                 /* different job types among them */
  guint n_period_jobs_with_employer;
  guint n_period_employers;                 /* different employers among them */

  /* Jobs held today (item 21) */
  guint n_current_jobs;
  guint n_current_permanent_competitive;

  /* In-work support against the schedule, over jobs held in the period:
   * a contact within 3 days of the start, one in each of the first four
   * weeks, then one in each 28 days; a slot is due when it closes in the
   * period, before the job ended. */
  guint n_support_due;
  guint n_support_on_time;
  guint n_support_on_time_face_to_face;
  guint n_support_jobs;                     /* jobs with at least one slot due */

  /* Follow-along for fidelity item 23, over jobs started at least 4 months
   * before today that lasted 4 months (and held in the period) */
  guint n_follow_along_measured;
  guint n_follow_along_after_first_month;   /* face to face after day 28 */
  guint n_follow_along_four_months;         /* face to face from month 4 on */
  guint n_follow_along_before_start;        /* face to face in the week before the start */
  guint n_jobs_ended_in_period;
  guint n_jobs_ended_contacted;             /* a contact within 3 days of the end */
} IpsCaseloadFigures;

#define IPS_TYPE_CASELOAD_FIGURES (ips_caseload_figures_get_type ())
GType               ips_caseload_figures_get_type (void) G_GNUC_CONST;

/* @entries: IpsCaseloadEntry items, as the caseload scan returns them.
 * The period is the 12 months up to @today. */
IpsCaseloadFigures *ips_caseload_figures_compute  (GListModel               *entries,
                                                   const GDate              *today);
/* The same for the period from @from to @to, both days included, as the
 * records stood on @today (records dated after @today are not counted).
 * @from and @to may be NULL: 12 months up to @to, and @today. Returns NULL
 * and sets @error when @from is after @to or @to is after @today. */
IpsCaseloadFigures *ips_caseload_figures_compute_for_period (GListModel    *entries,
                                                             const GDate   *today,
                                                             const GDate   *from,
                                                             const GDate   *to,
                                                             GError       **error);
IpsCaseloadFigures *ips_caseload_figures_ref      (IpsCaseloadFigures       *figures);
void                ips_caseload_figures_unref    (IpsCaseloadFigures       *figures);

/* One translated line per figure, saying how it was computed and over which
 * clients. No client names; employers are counted, not named (a small
 * employer and a start date can identify a client in a shared report). */
GStrv               ips_caseload_figures_to_lines (const IpsCaseloadFigures *figures);
/* Every figure as an IpsFigure, in report order. */
GPtrArray          *ips_caseload_figures_list     (const IpsCaseloadFigures *figures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IpsCaseloadFigures, ips_caseload_figures_unref)

G_END_DECLS
