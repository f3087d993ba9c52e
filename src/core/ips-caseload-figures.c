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
#include "ips-journey.h"

#define IN_CONTACT_DAYS 28
#define RAPID_JOB_SEARCH_DAYS 30
#define EMPLOYMENT_RATE_BENCHMARK 40

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

  g_ptr_array_unref (figures->job_types);
  g_ptr_array_unref (figures->employers);
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

IpsCaseloadFigures *
ips_caseload_figures_compute (GListModel  *entries,
                              const GDate *today)
{
  g_autoptr(IpsCaseloadFigures) figures = NULL;
  g_autoptr(GHashTable) job_types = NULL;
  g_autoptr(GHashTable) employers = NULL;
  g_autoptr(GArray) days_to_contact = NULL;
  GDate year_ago;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  figures = g_atomic_rc_box_new0 (IpsCaseloadFigures);
  figures->today = *today;
  figures->caseload_limit = IPS_CASELOAD_LIMIT;
  figures->median_days_to_employer_contact = -1;
  job_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  employers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

      if (ips_journey_get_stage (journey, today) == IPS_STAGE_CLOSED)
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
    }

  figures->n_employer_contact_measured = days_to_contact->len;
  figures->median_days_to_employer_contact = median (days_to_contact);
  figures->job_types = sorted_counts (job_types);
  figures->employers = sorted_counts (employers);

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

  if (figures->n_unreadable > 0)
    ADD (g_dngettext (GETTEXT_PACKAGE,
                      "%u file could not be read",
                      "%u files could not be read", figures->n_unreadable),
         figures->n_unreadable);

#undef ADD

  return (GStrv)g_ptr_array_steal (lines, NULL);
}
