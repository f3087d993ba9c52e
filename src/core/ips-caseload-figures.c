/* ips-caseload-figures.c
 *
 * The fidelity scale's items that the records can answer: caseload size,
 * rapid job search, job starts and the employment rate (IPS Grow's
 * definition: clients out of work at referral who started a job), and the
 * diversity, permanence and competitiveness of the jobs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-caseload-entry.h"
#include "ips-caseload-figures.h"
#include "ips-error.h"
#include "ips-journey.h"

#define IN_CONTACT_DAYS 28
#define RAPID_JOB_SEARCH_DAYS 30
#define EMPLOYMENT_RATE_BENCHMARK 40
#define SUSTAINED_DAYS (13 * 7)
#define SUPPORT_START_DAYS 3
#define SUPPORT_WEEK_DAYS 7
#define SUPPORT_WEEKLY_PERIOD_DAYS 28
#define SUPPORT_MONTH_DAYS 28
#define BEFORE_START_DAYS 7
#define JOB_END_CONTACT_DAYS 3

static void
figure_count_free (gpointer data)
{
  IpsFigureCount *count = data;

  g_free (count->label);
  g_free (count);
}

static void
figures_clear (gpointer data)
{
  IpsCaseloadFigures *figures = data;

  /* NULL when the figures were given up on before counting. */
  g_clear_pointer (&figures->job_types, g_ptr_array_unref);
  g_clear_pointer (&figures->employers, g_ptr_array_unref);
}

IpsCaseloadFigures *
ips_caseload_figures_ref (IpsCaseloadFigures *figures)
{
  g_return_val_if_fail (figures != NULL, NULL);
  return g_atomic_rc_box_acquire (figures);
}

void
ips_caseload_figures_unref (IpsCaseloadFigures *figures)
{
  g_return_if_fail (figures != NULL);
  g_atomic_rc_box_release_full (figures, figures_clear);
}

G_DEFINE_BOXED_TYPE (IpsCaseloadFigures, ips_caseload_figures,
                     ips_caseload_figures_ref, ips_caseload_figures_unref)

/* Counting labels typed by hand: "Retail", "retail " and "RETAIL" are one. */
static void
count_label (GHashTable *counts,
             const char *label)
{
  g_autofree char *key = g_utf8_casefold (label, -1);
  IpsFigureCount *count = g_hash_table_lookup (counts, key);

  if (count == NULL)
    {
      count = g_new0 (IpsFigureCount, 1);
      count->label = g_strdup (label);
      g_hash_table_insert (counts, g_steal_pointer (&key), count);
    }
  count->count++;
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const IpsFigureCount *x = *(IpsFigureCount * const *)a;
  const IpsFigureCount *y = *(IpsFigureCount * const *)b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static GPtrArray *
sorted_counts (GHashTable *counts)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (figure_count_free);
  GHashTableIter iter;
  gpointer value;

  /* The table owns its keys only; the counts move to the array. */
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (array, value);
  g_ptr_array_sort (array, compare_counts);
  return array;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *)a;
  int y = *(const int *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return -1;
  g_array_sort (values, compare_ints);
  if (n % 2 == 1)
    return g_array_index (values, int, n / 2);
  return (g_array_index (values, int, n / 2 - 1) + g_array_index (values, int, n / 2)) / 2.0;
}

static void
count_jobs (IpsCaseloadFigures *figures,
            const IpsJourney   *journey,
            const GDate        *year_ago,
            GHashTable         *job_types,
            GHashTable         *employers)
{
  gboolean into_work = FALSE;

  for (guint i = 0; i < journey->jobs->len; i++)
    {
      const IpsJob *job = g_ptr_array_index (journey->jobs, i);

      if (!g_date_valid (&job->start) || g_date_compare (&job->start, &figures->today) > 0)
        continue;

      into_work = TRUE;
      figures->n_job_starts++;
      if (g_date_compare (&job->start, year_ago) > 0)
        figures->n_job_starts_last_12_months++;

      if (job->job_type != NULL)
        count_label (job_types, job->job_type);
      else
        figures->n_job_type_unknown++;
      if (job->employer != NULL)
        count_label (employers, job->employer);
      else
        figures->n_employer_unknown++;

      if (g_strcmp0 (job->permanence, "permanent") == 0)
        figures->n_permanent++;
      else if (g_strcmp0 (job->permanence, "temporary") == 0)
        figures->n_temporary++;
      else
        figures->n_permanence_unknown++;

      if (g_strcmp0 (job->competitive, "yes") == 0)
        figures->n_competitive++;
      else if (g_strcmp0 (job->competitive, "no") == 0)
        figures->n_not_competitive++;
      else
        figures->n_competitive_unknown++;
    }

  if (into_work)
    figures->n_clients_into_work++;
  if (g_strcmp0 (journey->employment_status, "out-of-work") == 0)
    {
      figures->n_out_of_work_at_referral++;
      if (into_work)
        figures->n_out_of_work_into_work++;
    }
}

/* The period */

/* Julian day numbers make the arithmetic plain; 0 means "not recorded". */
static guint32
julian (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? g_date_get_julian (date) : 0;
}

static gboolean
within (guint32 day,
        guint32 first,
        guint32 last)
{
  return day > 0 && day >= first && day <= last;
}

/* Whether an in-work support contact (face to face only, when asked) is
 * dated from @first to @last, both included. */
static gboolean
support_between (const IpsJourney *journey,
                 guint32           first,
                 guint32           last,
                 gboolean          face_to_face_only)
{
  for (guint i = 0; i < journey->in_work_contacts->len; i++)
    {
      guint32 day = julian (&g_array_index (journey->in_work_contacts, GDate, i));
      gboolean face_to_face = i < journey->in_work_face_to_face->len &&
                              g_array_index (journey->in_work_face_to_face, gboolean, i);

      if (within (day, first, last) && (face_to_face || !face_to_face_only))
        return TRUE;
    }
  return FALSE;
}

/* One slot of the in-work support schedule: a contact from @open to @close.
 * It is due when it closes in the period, and not after the job ended. */
static void
count_support_slot (IpsCaseloadFigures *figures,
                    const IpsJourney   *journey,
                    guint32             open,
                    guint32             close,
                    guint32             end,
                    guint32             from,
                    guint32             to,
                    gboolean           *any_due)
{
  if (close < from || close > to || (end > 0 && close > end))
    return;
  *any_due = TRUE;
  figures->n_support_due++;
  if (support_between (journey, open, close, FALSE))
    figures->n_support_on_time++;
  if (support_between (journey, open, close, TRUE))
    figures->n_support_on_time_face_to_face++;
}

static void
count_support_schedule (IpsCaseloadFigures *figures,
                        const IpsJourney   *journey,
                        guint32             start,
                        guint32             end,
                        guint32             from,
                        guint32             to)
{
  gboolean any_due = FALSE;
  guint32 close;

  count_support_slot (figures, journey, start, start + SUPPORT_START_DAYS, end, from, to, &any_due);
  for (close = start + SUPPORT_WEEK_DAYS; close <= start + SUPPORT_WEEKLY_PERIOD_DAYS; close += SUPPORT_WEEK_DAYS)
    count_support_slot (figures, journey, close - SUPPORT_WEEK_DAYS + 1, close, end, from, to, &any_due);
  for (close = start + SUPPORT_WEEKLY_PERIOD_DAYS + SUPPORT_MONTH_DAYS;
       close <= to && (end == 0 || close <= end);
       close += SUPPORT_MONTH_DAYS)
    count_support_slot (figures, journey, close - SUPPORT_MONTH_DAYS + 1, close, end, from, to, &any_due);
  if (any_due)
    figures->n_support_jobs++;
}

static void
count_follow_along (IpsCaseloadFigures *figures,
                    const IpsJourney   *journey,
                    const IpsJob       *job,
                    guint32             today)
{
  guint32 start = julian (&job->start);
  guint32 end = julian (&job->end);
  GDate date = job->start;
  guint32 month3, month4;

  g_date_add_months (&date, 3);
  month3 = julian (&date);
  g_date_add_months (&date, 1);
  month4 = julian (&date);
  if (month4 > today || (end > 0 && end < month4))
    return;

  figures->n_follow_along_measured++;
  if (support_between (journey, start + SUPPORT_WEEKLY_PERIOD_DAYS + 1, today, TRUE))
    figures->n_follow_along_after_first_month++;
  if (support_between (journey, month3, today, TRUE))
    figures->n_follow_along_four_months++;
  if (support_between (journey, start - BEFORE_START_DAYS, start - 1, TRUE))
    figures->n_follow_along_before_start++;
}

static void
count_period (IpsCaseloadFigures *figures,
              const IpsJourney   *journey,
              GHashTable         *job_types,
              GHashTable         *employers)
{
  guint32 from = julian (&figures->period_start);
  guint32 to = julian (&figures->period_end);
  guint32 today = julian (&figures->today);
  GDate entry_date = ips_journey_get_entry_date (journey);
  guint32 entry = julian (&entry_date);
  guint32 closure = julian (&journey->closure_date);
  gboolean contacted = FALSE;
  gboolean into_work = FALSE;

  if (within (julian (&journey->referral_received), from, to))
    figures->n_referrals_received++;
  if (within (julian (&journey->referral_accepted), from, to))
    figures->n_referrals_accepted++;

  if (within (entry, from, to))
    {
      GDate first_date = ips_journey_get_first_face_to_face (journey, &figures->today);
      guint32 first = julian (&first_date);

      figures->n_period_entries++;
      if (first >= entry && first > 0)
        {
          figures->n_period_contact_measured++;
          /* Summed here, divided once every client is counted. */
          figures->mean_days_to_employer_contact += first - entry;
          if (first - entry <= RAPID_JOB_SEARCH_DAYS)
            figures->n_period_contact_within_30_days++;
        }
    }

  for (guint i = 0; i < journey->employer_contacts->len; i++)
    {
      const IpsEmployerContact *contact = &g_array_index (journey->employer_contacts, IpsEmployerContact, i);

      if (within (julian (&contact->date), from, to))
        {
          figures->n_employer_contacts++;
          if (contact->face_to_face)
            figures->n_employer_contacts_face_to_face++;
          contacted = TRUE;
        }
    }
  if (contacted)
    figures->n_clients_with_employer_contacts++;

  for (guint i = 0; i < journey->jobs->len; i++)
    {
      const IpsJob *job = g_ptr_array_index (journey->jobs, i);
      guint32 start = julian (&job->start);
      guint32 end = julian (&job->end);
      gboolean permanent_competitive = g_strcmp0 (job->permanence, "permanent") == 0 &&
                                       g_strcmp0 (job->competitive, "yes") == 0;

      if (start == 0 || start > today)
        continue;
      /* An end date after today is a plan, not an end. */
      if (end > today)
        end = 0;

      if (within (start, from, to))
        {
          figures->n_period_job_starts++;
          into_work = TRUE;
          if (permanent_competitive)
            figures->n_period_permanent_competitive++;
          if (start + SUSTAINED_DAYS <= today)
            {
              figures->n_sustained_measured++;
              if (end == 0 || end >= start + SUSTAINED_DAYS)
                figures->n_sustained++;
            }
        }

      if (end == 0)
        {
          figures->n_current_jobs++;
          if (permanent_competitive)
            figures->n_current_permanent_competitive++;
        }

      if (within (end, from, to) && end + JOB_END_CONTACT_DAYS <= today)
        {
          figures->n_jobs_ended_in_period++;
          if (support_between (journey, end, end + JOB_END_CONTACT_DAYS, FALSE))
            figures->n_jobs_ended_contacted++;
        }

      /* Held on some day of the period; the end date is its last day. */
      if (start > to || (end > 0 && end < from))
        continue;
      figures->n_period_jobs_held++;
      if (job->job_type != NULL)
        {
          figures->n_period_jobs_typed++;
          count_label (job_types, job->job_type);
        }
      if (job->employer != NULL)
        {
          figures->n_period_jobs_with_employer++;
          count_label (employers, job->employer);
        }
      count_support_schedule (figures, journey, start, end, from, to);
      count_follow_along (figures, journey, job, today);
    }

  if (into_work)
    figures->n_period_clients_into_work++;

  if (g_strcmp0 (journey->employment_status, "out-of-work") == 0 &&
      entry > 0 && entry <= to && (closure == 0 || closure >= from))
    {
      figures->n_period_out_of_work++;
      if (into_work)
        figures->n_period_out_of_work_into_work++;
    }
}

static gboolean
is_closed (const IpsJourney *journey,
           const GDate      *today)
{
  /* A closure dated after the day the figures are for has not happened yet. */
  return g_date_valid (&journey->closure_date) && g_date_compare (&journey->closure_date, today) <= 0;
}

IpsCaseloadFigures *
ips_caseload_figures_compute (GListModel  *entries,
                              const GDate *today)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  return ips_caseload_figures_compute_for_period (entries, today, NULL, NULL, NULL);
}

IpsCaseloadFigures *
ips_caseload_figures_compute_for_period (GListModel   *entries,
                                         const GDate  *today,
                                         const GDate  *from,
                                         const GDate  *to,
                                         GError      **error)
{
  g_autoptr(IpsCaseloadFigures) figures = NULL;
  g_autoptr(GHashTable) job_types = NULL;
  g_autoptr(GHashTable) employers = NULL;
  g_autoptr(GHashTable) period_job_types = NULL;
  g_autoptr(GHashTable) period_employers = NULL;
  g_autoptr(GArray) days_to_contact = NULL;
  GDate year_ago;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to == NULL || g_date_valid (to), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  figures = g_atomic_rc_box_new0 (IpsCaseloadFigures);
  figures->today = *today;
  figures->caseload_limit = IPS_CASELOAD_LIMIT;
  figures->median_days_to_employer_contact = -1;

  figures->period_end = to != NULL ? *to : *today;
  if (from != NULL)
    figures->period_start = *from;
  else
    {
      figures->period_start = figures->period_end;
      g_date_subtract_years (&figures->period_start, 1);
      g_date_add_days (&figures->period_start, 1);
    }
  if (g_date_compare (&figures->period_end, today) > 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("The period cannot end after the day the figures are for"));
      return NULL;
    }
  if (g_date_compare (&figures->period_start, &figures->period_end) > 0)
    {
      g_set_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE,
                   _("The period cannot start after it ends"));
      return NULL;
    }

  job_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  employers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  period_job_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, figure_count_free);
  period_employers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, figure_count_free);
  days_to_contact = g_array_new (FALSE, FALSE, sizeof (int));

  year_ago = *today;
  g_date_subtract_years (&year_ago, 1);

  n = g_list_model_get_n_items (entries);
  figures->n_files = n;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IpsCaseloadEntry) entry = g_list_model_get_item (entries, i);
      IpsJourney *journey = ips_caseload_entry_get_journey (entry);
      GDate entry_date, first, last;
      IpsDue due;

      if (journey == NULL)
        {
          figures->n_unreadable++;
          continue;
        }
      figures->n_clients++;

      if (is_closed (journey, today))
        figures->n_closed++;
      else
        {
          figures->n_active++;
          last = ips_journey_get_last_contact (journey, today);
          if (g_date_valid (&last) && g_date_days_between (&last, today) < IN_CONTACT_DAYS)
            figures->n_active_in_contact++;
          if (ips_journey_get_next_due (journey, today, &due) &&
              g_date_compare (&due.date, today) < 0)
            figures->n_overdue++;
        }

      entry_date = ips_journey_get_entry_date (journey);
      first = ips_journey_get_first_face_to_face (journey, today);
      if (g_date_valid (&entry_date) && g_date_valid (&first) &&
          g_date_compare (&first, &entry_date) >= 0)
        {
          int days = g_date_days_between (&entry_date, &first);

          g_array_append_val (days_to_contact, days);
          if (days <= RAPID_JOB_SEARCH_DAYS)
            figures->n_employer_contact_within_30_days++;
        }

      count_jobs (figures, journey, &year_ago, job_types, employers);
      count_period (figures, journey, period_job_types, period_employers);
    }

  figures->n_employer_contact_measured = days_to_contact->len;
  figures->median_days_to_employer_contact = median (days_to_contact);
  figures->job_types = sorted_counts (job_types);
  figures->employers = sorted_counts (employers);
  figures->n_period_job_types = g_hash_table_size (period_job_types);
  figures->n_period_employers = g_hash_table_size (period_employers);
  if (figures->n_period_contact_measured > 0)
    figures->mean_days_to_employer_contact /= figures->n_period_contact_measured;
  else
    figures->mean_days_to_employer_contact = -1;

  return g_steal_pointer (&figures);
}

/* Rendering */

static guint
percent (guint part,
         guint whole)
{
  return whole ? (guint)(100.0 * part / whole + 0.5) : 0;
}

static char *
format_days (double days)
{
  if (days == (int)days)
    return g_strdup_printf ("%d", (int)days);
  return g_strdup_printf ("%.1f", days);
}

/* Values are written the same in every language: a point, not a comma. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

static char *
format_share (guint part,
              guint whole)
{
  return whole > 0 ? format_number (100.0 * part / whole) : g_strdup ("");
}

typedef struct
{
  GPtrArray *figures;   /* IpsFigure, or NULL */
  GPtrArray *lines;     /* char *, or NULL */
} Report;

/* Takes @value and @basis. A figure that cannot be worked out has the value
 * "" and says why in its basis. */
static void
report_add (Report     *report,
            gboolean    in_lines,
            const char *id,
            const char *label,
            char       *value,
            char       *basis)
{
  g_autofree char *owned_value = value;
  g_autofree char *owned_basis = basis;

  if (report->figures != NULL)
    g_ptr_array_add (report->figures, ips_figure_new (id, label, value, basis));
  if (report->lines != NULL && in_lines)
    g_ptr_array_add (report->lines,
                     g_strdup_printf ("%s: %s. %s", label,
                                      *value ? value : _("not known"), basis));
}

static char *
count (guint n)
{
  return g_strdup_printf ("%u", n);
}

static void
report_figures (Report                   *report,
                const IpsCaseloadFigures *figures)
{
  g_autofree char *today = ips_date_format (&figures->today);
  g_autofree char *from = ips_date_format (&figures->period_start);
  g_autofree char *to = ips_date_format (&figures->period_end);
  guint n_not_measured = figures->n_period_entries - figures->n_period_contact_measured;

  /* Already in the lines above them: the files and the caseload today. */
  report_add (report, FALSE, "client-files", _("Client files"), count (figures->n_files),
              g_strdup_printf (_("Every client file in the folder: read %u, could not be read %u (those are in no other figure)."),
                               figures->n_clients, figures->n_unreadable));
  report_add (report, FALSE, "active-caseload", _("Active caseload"), count (figures->n_active_in_contact),
              g_strdup_printf (_("Clients not closed on %s with a contact in the 28 days up to it, against the limit of %u; not closed but without a contact for 28 days: %u."),
                               today, figures->caseload_limit, figures->n_active - figures->n_active_in_contact));
  report_add (report, FALSE, "closed", _("Closed clients"), count (figures->n_closed),
              g_strdup_printf (_("Clients with a closure date on or before %s, over the client files read (n = %u)."),
                               today, figures->n_clients));
  report_add (report, FALSE, "overdue", _("Clients with something overdue"), count (figures->n_overdue),
              g_strdup_printf (_("Clients not closed on %s whose next due item (employer contact, plan review, in-work support, keeping in touch) is past its date, over the clients not closed (n = %u)."),
                               today, figures->n_active));

  /* The period */
  report_add (report, TRUE, "period", _("Period"), g_strdup_printf ("%s/%s", from, to),
              g_strdup_printf (_("Figures for the period count records dated from %s to %s, both days included, as the records stood on %s."),
                               from, to, today));
  report_add (report, TRUE, "referrals-received", _("Referrals received in the period"),
              count (figures->n_referrals_received),
              g_strdup_printf (_("Client files whose referral received date is in the period, over the client files read (n = %u)."),
                               figures->n_clients));
  report_add (report, TRUE, "referrals-accepted", _("Referrals accepted in the period"),
              count (figures->n_referrals_accepted),
              g_strdup_printf (_("Client files whose referral accepted date is in the period, over the client files read (n = %u)."),
                               figures->n_clients));
  report_add (report, TRUE, "days-to-employer-contact",
              _("Mean days from entry to the first face-to-face employer contact"),
              figures->n_period_contact_measured > 0 ? format_number (figures->mean_days_to_employer_contact) : g_strdup (""),
              g_strdup_printf (_("Over the clients who entered in the period (acceptance, else referral) and have had a face-to-face employer contact since (n = %u); entered in the period without one yet: %u (fidelity item 15)."),
                               figures->n_period_contact_measured, n_not_measured));
  report_add (report, TRUE, "employer-contact-within-30-days",
              _("First face-to-face employer contact within 30 days of entry (%)"),
              format_share (figures->n_period_contact_within_30_days, figures->n_period_contact_measured),
              g_strdup_printf (_("Of the clients who entered in the period and have had a face-to-face employer contact (n = %u), those who had it within 30 days: %u."),
                               figures->n_period_contact_measured, figures->n_period_contact_within_30_days));
  report_add (report, TRUE, "employer-contacts", _("Employer contacts in the period"),
              count (figures->n_employer_contacts),
              g_strdup_printf (_("Contacts with employers on clients’ behalf dated in the period; face to face: %u; clients they were for: %u."),
                               figures->n_employer_contacts_face_to_face, figures->n_clients_with_employer_contacts));
  report_add (report, TRUE, "job-starts", _("Job starts in the period"), count (figures->n_period_job_starts),
              g_strdup_printf (_("Jobs with a start date in the period; clients who started them: %u."),
                               figures->n_period_clients_into_work));
  report_add (report, TRUE, "employment-rate", _("Employment rate of clients out of work at referral (%)"),
              format_share (figures->n_period_out_of_work_into_work, figures->n_period_out_of_work),
              g_strdup_printf (_("IPS Grow’s definition: of the clients out of work at referral who were on the caseload in the period (entered by its end, not closed before its start; n = %u), those who started a job in the period: %u. The benchmark is %u%%."),
                               figures->n_period_out_of_work, figures->n_period_out_of_work_into_work,
                               EMPLOYMENT_RATE_BENCHMARK));
  report_add (report, TRUE, "in-work-13-weeks", _("Still in work after 13 weeks (%)"),
              format_share (figures->n_sustained, figures->n_sustained_measured),
              g_strdup_printf (_("Of the jobs started in the period at least 13 weeks before %s (n = %u), those with no end date before 13 weeks from their start: %u."),
                               today, figures->n_sustained_measured, figures->n_sustained));
  report_add (report, TRUE, "permanent-competitive", _("Jobs permanent and competitive (%)"),
              format_share (figures->n_period_permanent_competitive, figures->n_period_job_starts),
              g_strdup_printf (_("Of the jobs started in the period (n = %u), those recorded as both permanent and competitive: %u; a job without both answers counts as not."),
                               figures->n_period_job_starts, figures->n_period_permanent_competitive));
  report_add (report, TRUE, "current-permanent-competitive", _("Current jobs permanent and competitive (%)"),
              format_share (figures->n_current_permanent_competitive, figures->n_current_jobs),
              g_strdup_printf (_("Of the jobs held on %s, started and not ended (n = %u), those recorded as both permanent and competitive: %u (fidelity item 21)."),
                               today, figures->n_current_jobs, figures->n_current_permanent_competitive));
  report_add (report, TRUE, "job-type-diversity", _("Different job types (%)"),
              format_share (figures->n_period_job_types, figures->n_period_jobs_typed),
              g_strdup_printf (_("Different job types among the jobs held in the period with a type recorded (n = %u): %u; jobs without a type: %u (fidelity item 19)."),
                               figures->n_period_jobs_typed, figures->n_period_job_types,
                               figures->n_period_jobs_held - figures->n_period_jobs_typed));
  report_add (report, TRUE, "employer-diversity", _("Different employers (%)"),
              format_share (figures->n_period_employers, figures->n_period_jobs_with_employer),
              g_strdup_printf (_("Different employers among the jobs held in the period with an employer recorded (n = %u): %u; jobs without an employer: %u (fidelity item 20)."),
                               figures->n_period_jobs_with_employer, figures->n_period_employers,
                               figures->n_period_jobs_held - figures->n_period_jobs_with_employer));
  report_add (report, TRUE, "in-work-support-on-time", _("In-work support contacts on schedule (%)"),
              format_share (figures->n_support_on_time, figures->n_support_due),
              g_strdup_printf (_("Of the in-work support contacts due in the period (within 3 days of a job start, in each of the first 4 weeks, then in each 28 days, while the job lasted; n = %u; jobs: %u), those that happened on time: %u; face to face and on time: %u."),
                               figures->n_support_due, figures->n_support_jobs,
                               figures->n_support_on_time, figures->n_support_on_time_face_to_face));
}

GPtrArray *
ips_caseload_figures_list (const IpsCaseloadFigures *figures)
{
  Report report = { g_ptr_array_new_with_free_func ((GDestroyNotify)ips_figure_free), NULL };

  g_return_val_if_fail (figures != NULL, NULL);

  report_figures (&report, figures);
  return report.figures;
}

GStrv
ips_caseload_figures_to_lines (const IpsCaseloadFigures *figures)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_null_terminated (12, g_free, TRUE);
  g_autofree char *date = NULL;
  guint n_jobs;

  g_return_val_if_fail (figures != NULL, NULL);

  date = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&figures->today),
                          g_date_get_month (&figures->today), g_date_get_day (&figures->today));
  n_jobs = figures->n_job_starts;

#define ADD(...) g_ptr_array_add (lines, g_strdup_printf (__VA_ARGS__))

  ADD (g_dngettext (GETTEXT_PACKAGE,
                    "Caseload figures on %s, from %u client file",
                    "Caseload figures on %s, from %u client files", figures->n_files),
       date, figures->n_files);

  ADD (g_dngettext (GETTEXT_PACKAGE,
                    "Active caseload: %u client against the limit of %u (not closed; %u with a contact in the last 28 days)",
                    "Active caseload: %u clients against the limit of %u (not closed; %u with a contact in the last 28 days)",
                    figures->n_active),
       figures->n_active, figures->caseload_limit, figures->n_active_in_contact);

  ADD (g_dngettext (GETTEXT_PACKAGE, "Closed: %u client", "Closed: %u clients", figures->n_closed),
       figures->n_closed);

  ADD (g_dngettext (GETTEXT_PACKAGE,
                    "Overdue: %u active client has something overdue",
                    "Overdue: %u active clients have something overdue", figures->n_overdue),
       figures->n_overdue);

  if (figures->n_employer_contact_measured > 0)
    {
      g_autofree char *days = format_days (figures->median_days_to_employer_contact);

      ADD (g_dngettext (GETTEXT_PACKAGE,
                        "Days from acceptance to first face-to-face employer contact: median %s, over %u client; %u within 30 days",
                        "Days from acceptance to first face-to-face employer contact: median %s, over %u clients; %u within 30 days",
                        figures->n_employer_contact_measured),
           days, figures->n_employer_contact_measured, figures->n_employer_contact_within_30_days);
    }
  else
    ADD ("%s", _("Days from acceptance to first face-to-face employer contact: no client has had one yet"));

  ADD (g_dngettext (GETTEXT_PACKAGE,
                    "Job starts: %u in all, %u in the last 12 months, by %u client",
                    "Job starts: %u in all, %u in the last 12 months, by %u clients",
                    figures->n_clients_into_work),
       n_jobs, figures->n_job_starts_last_12_months, figures->n_clients_into_work);

  if (figures->n_out_of_work_at_referral > 0)
    ADD (g_dngettext (GETTEXT_PACKAGE,
                      "Employment rate of clients out of work at referral: %u%% (%u of %u client started a job; benchmark %u%%)",
                      "Employment rate of clients out of work at referral: %u%% (%u of %u clients started a job; benchmark %u%%)",
                      figures->n_out_of_work_at_referral),
         percent (figures->n_out_of_work_into_work, figures->n_out_of_work_at_referral),
         figures->n_out_of_work_into_work, figures->n_out_of_work_at_referral,
         EMPLOYMENT_RATE_BENCHMARK);
  else
    ADD ("%s", _("Employment rate of clients out of work at referral: no client is recorded as out of work at referral"));

  if (n_jobs > 0)
    {
      g_autoptr(GString) spread = g_string_new (NULL);

      for (guint i = 0; i < figures->job_types->len; i++)
        {
          const IpsFigureCount *count = g_ptr_array_index (figures->job_types, i);

          g_string_append_printf (spread, "%s%s %u", i ? ", " : "", count->label, count->count);
        }
      if (figures->n_job_type_unknown > 0)
        g_string_append_printf (spread, "%s%s %u", spread->len ? ", " : "",
                                _("not recorded"), figures->n_job_type_unknown);

      ADD (g_dngettext (GETTEXT_PACKAGE,
                        "Job types: %u different over %u job (%s)",
                        "Job types: %u different over %u jobs (%s)", n_jobs),
           figures->job_types->len, n_jobs, spread->str);
      ADD (g_dngettext (GETTEXT_PACKAGE,
                        "Employers: %u different over %u job (%u without an employer recorded)",
                        "Employers: %u different over %u jobs (%u without an employer recorded)", n_jobs),
           figures->employers->len, n_jobs, figures->n_employer_unknown);
      ADD (_("Permanent jobs: %u; temporary: %u; not recorded: %u"),
           figures->n_permanent, figures->n_temporary, figures->n_permanence_unknown);
      if (figures->n_competitive + figures->n_not_competitive > 0)
        ADD (g_dngettext (GETTEXT_PACKAGE,
                          "Competitive jobs: %u%% (%u of %u job with an answer)",
                          "Competitive jobs: %u%% (%u of %u jobs with an answer)",
                          figures->n_competitive + figures->n_not_competitive),
             percent (figures->n_competitive, figures->n_competitive + figures->n_not_competitive),
             figures->n_competitive, figures->n_competitive + figures->n_not_competitive);
      else
        ADD ("%s", _("Competitive jobs: not recorded for any job"));
    }
  else
    ADD ("%s", _("Jobs: no job starts yet, so no job types, employers, permanence or competitive share"));

  {
    Report report = { NULL, lines };

    report_figures (&report, figures);
  }

  if (figures->n_unreadable > 0)
    ADD (g_dngettext (GETTEXT_PACKAGE,
                      "%u file could not be read",
                      "%u files could not be read", figures->n_unreadable),
         figures->n_unreadable);

#undef ADD

  return (GStrv)g_ptr_array_steal (lines, NULL);
}
