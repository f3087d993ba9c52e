/* ips-fidelity.c
 *
 * The UK IPS fidelity scale in the training workbook has 25 items scored
 * 1 to 5 by a reviewer. Six of them can be scored from the records: caseload
 * size (1), rapid job search (15), diversity of job types (19) and of
 * employers (20), competitive jobs (21) and time-unlimited follow-along
 * support (23). They are scored here with the scale's own anchors; the rest
 * are left for the reviewer, so the total is only ever a range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ips-fidelity.h"
#include "ips-journey.h"

#define FOLLOW_ALONG_ON_AVERAGE 90   /* % of what the schedule asks, "on average" */

/* Bands */

GType
ips_fidelity_band_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { IPS_FIDELITY_BAND_NOT_IPS, "IPS_FIDELITY_BAND_NOT_IPS", "not-ips" },
    { IPS_FIDELITY_BAND_FAIR, "IPS_FIDELITY_BAND_FAIR", "fair" },
    { IPS_FIDELITY_BAND_GOOD, "IPS_FIDELITY_BAND_GOOD", "good" },
    { IPS_FIDELITY_BAND_EXEMPLARY, "IPS_FIDELITY_BAND_EXEMPLARY", "exemplary" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("IpsFidelityBand"), values));
  return type;
}

IpsFidelityBand
ips_fidelity_band_for_total (guint total)
{
  if (total >= 115)
    return IPS_FIDELITY_BAND_EXEMPLARY;
  if (total >= 100)
    return IPS_FIDELITY_BAND_GOOD;
  if (total >= 74)
    return IPS_FIDELITY_BAND_FAIR;
  return IPS_FIDELITY_BAND_NOT_IPS;
}

const char *
ips_fidelity_band_get_label (IpsFidelityBand band)
{
  switch (band)
    {
    case IPS_FIDELITY_BAND_NOT_IPS:
      return _("Not IPS");
    case IPS_FIDELITY_BAND_FAIR:
      return _("Fair fidelity");
    case IPS_FIDELITY_BAND_GOOD:
      return _("Good fidelity");
    case IPS_FIDELITY_BAND_EXEMPLARY:
      return _("Exemplary fidelity");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
ips_fidelity_band_get_range (IpsFidelityBand  band,
                             guint           *lowest,
                             guint           *highest)
{
  static const guint ranges[][2] = { { 0, 73 }, { 74, 99 }, { 100, 114 }, { 115, 125 } };

  g_return_if_fail (band <= IPS_FIDELITY_BAND_EXEMPLARY);
  if (lowest != NULL)
    *lowest = ranges[band][0];
  if (highest != NULL)
    *highest = ranges[band][1];
}

/* Items */

IpsFidelityItem *
ips_fidelity_item_copy (const IpsFidelityItem *item)
{
  IpsFidelityItem *copy;

  g_return_val_if_fail (item != NULL, NULL);
  copy = g_new0 (IpsFidelityItem, 1);
  copy->number = item->number;
  copy->title = g_strdup (item->title);
  copy->score = item->score;
  copy->basis = g_strdup (item->basis);
  return copy;
}

void
ips_fidelity_item_free (IpsFidelityItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->basis);
  g_free (item);
}

G_DEFINE_BOXED_TYPE (IpsFidelityItem, ips_fidelity_item, ips_fidelity_item_copy, ips_fidelity_item_free)

/* The items' names as the workbook lists them. */
static const char *
item_title (guint number)
{
  switch (number)
    {
    case 1: return _("Number on caseload");
    case 2: return _("Employment services staff");
    case 3: return _("Vocational generalists");
    case 4: return _("Integration through team assignment");
    case 5: return _("Integration through frequent team member contact");
    case 6: return _("Collaboration between employment specialists and JC+/WP");
    case 7: return _("Vocational unit");
    case 8: return _("Role of employment supervisor");
    case 9: return _("Zero exclusion criteria");
    case 10: return _("Provider focus on competitive employment");
    case 11: return _("Executive team support");
    case 12: return _("Work incentives planning");
    case 13: return _("Disclosure");
    case 14: return _("Ongoing, work-based vocational assessment");
    case 15: return _("Rapid search for competitive job");
    case 16: return _("Individualised job search");
    case 17: return _("Job development – frequent employer contact");
    case 18: return _("Job development – quality of employer contacts");
    case 19: return _("Diversity of job types");
    case 20: return _("Diversity of employers");
    case 21: return _("Competitive jobs");
    case 22: return _("Individualised follow-along supports");
    case 23: return _("Time-unlimited follow-along supports");
    case 24: return _("Community-based services");
    case 25: return _("Assertive engagement and outreach by integrated team");
    default: g_return_val_if_reached (NULL);
    }
}

/* The anchors */

guint
ips_fidelity_score_caseload (guint n_active)
{
  if (n_active <= 20)
    return 5;
  if (n_active <= 25)
    return 4;
  if (n_active <= 30)
    return 3;
  if (n_active <= 40)
    return 2;
  return 1;
}

guint
ips_fidelity_score_rapid_search (double mean_days)
{
  g_return_val_if_fail (mean_days >= 0, 1);

  if (mean_days <= 30)
    return 5;
  if (mean_days <= 60)
    return 4;
  if (mean_days <= 150)
    return 3;
  if (mean_days <= 270)
    return 2;
  return 1;
}

/* Whether @part of @whole is at least @percent, without rounding. */
static gboolean
at_least (guint part,
          guint whole,
          guint percent)
{
  return (guint64)part * 100 >= (guint64)whole * percent;
}

guint
ips_fidelity_score_diversity (guint different,
                              guint jobs)
{
  g_return_val_if_fail (jobs > 0 && different <= jobs, 1);

  if (at_least (different, jobs, 85))
    return 5;
  if (at_least (different, jobs, 70))
    return 4;
  if (at_least (different, jobs, 60))
    return 3;
  if (at_least (different, jobs, 50))
    return 2;
  return 1;
}

guint
ips_fidelity_score_competitive (guint permanent_competitive,
                                guint current_jobs)
{
  g_return_val_if_fail (permanent_competitive <= current_jobs, 1);

  if (current_jobs < 10)
    return 1;
  if (at_least (permanent_competitive, current_jobs, 95))
    return 5;
  if (at_least (permanent_competitive, current_jobs, 85))
    return 4;
  if (at_least (permanent_competitive, current_jobs, 75))
    return 3;
  if (at_least (permanent_competitive, current_jobs, 65))
    return 2;
  return 1;
}

guint
ips_fidelity_score_follow_along (const IpsCaseloadFigures *figures)
{
  guint measured;

  g_return_val_if_fail (figures != NULL, 0);

  measured = figures->n_follow_along_measured;
  if (measured == 0)
    return 0;
  if (figures->n_follow_along_after_first_month == 0)
    return 1;
  if (figures->n_follow_along_four_months * 2 < measured)
    return 2;
  if (figures->n_support_due == 0 ||
      !at_least (figures->n_support_on_time_face_to_face, figures->n_support_due, FOLLOW_ALONG_ON_AVERAGE))
    return 3;
  if (at_least (figures->n_follow_along_before_start, measured, FOLLOW_ALONG_ON_AVERAGE) &&
      (figures->n_jobs_ended_in_period == 0 ||
       at_least (figures->n_jobs_ended_contacted, figures->n_jobs_ended_in_period, FOLLOW_ALONG_ON_AVERAGE)))
    return 5;
  return 4;
}

/* Scoring from the figures */

static char *
share (guint part,
       guint whole)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", whole ? 100.0 * part / whole : 0));
}

static void
score_item (IpsFidelityItem          *item,
            const IpsCaseloadFigures *figures)
{
  g_autofree char *today = ips_date_format (&figures->today);

  switch (item->number)
    {
    case 1:
      if (figures->n_clients == 0)
        {
          item->basis = g_strdup (_("Left for the reviewer: no client file could be read."));
          break;
        }
      item->score = ips_fidelity_score_caseload (figures->n_active_in_contact);
      item->basis = g_strdup_printf (_("Active clients on %s (not closed, a contact in the last 28 days): %u, read as one full-time employment specialist’s caseload. 20 or fewer scores 5, 21–25 scores 4, 26–30 scores 3, 31–40 scores 2, 41 or more scores 1."),
                                     today, figures->n_active_in_contact);
      break;

    case 15:
      if (figures->n_period_contact_measured == 0)
        {
          item->basis = g_strdup (_("Left for the reviewer: no client who entered in the period has had a face-to-face employer contact yet."));
          break;
        }
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        item->score = ips_fidelity_score_rapid_search (figures->mean_days_to_employer_contact);
        item->basis = g_strdup_printf (_("Mean days from entry to the first face-to-face employer contact: %s, over the clients who entered in the period and have had one (n = %u). Within 30 days scores 5, 31–60 scores 4, 61–150 scores 3, 151–270 scores 2, 271 or more scores 1."),
                                       g_ascii_formatd (buffer, sizeof buffer, "%.1f", figures->mean_days_to_employer_contact),
                                       figures->n_period_contact_measured);
      }
      break;

    case 19:
    case 20:
      {
        gboolean types = item->number == 19;
        guint different = types ? figures->n_period_job_types : figures->n_period_employers;
        guint jobs = types ? figures->n_period_jobs_typed : figures->n_period_jobs_with_employer;
        g_autofree char *percent = share (different, jobs);

        if (jobs == 0)
          {
            item->basis = g_strdup (types ? _("Left for the reviewer: no job held in the period has a job type recorded.")
                                          : _("Left for the reviewer: no job held in the period has an employer recorded."));
            break;
          }
        item->score = ips_fidelity_score_diversity (different, jobs);
        item->basis = g_strdup_printf (types ? _("Different job types over the jobs held in the period with one recorded: %u of %u (%s%%). 85%% or more scores 5, 70–84%% scores 4, 60–69%% scores 3, 50–59%% scores 2, less scores 1.")
                                             : _("Different employers over the jobs held in the period with one recorded: %u of %u (%s%%). 85%% or more scores 5, 70–84%% scores 4, 60–69%% scores 3, 50–59%% scores 2, less scores 1."),
                                       different, jobs, percent);
      }
      break;

    case 21:
      {
        g_autofree char *percent = share (figures->n_current_permanent_competitive, figures->n_current_jobs);

        item->score = ips_fidelity_score_competitive (figures->n_current_permanent_competitive, figures->n_current_jobs);
        item->basis = g_strdup_printf (_("Jobs held on %s that are permanent and competitive: %u of %u (%s%%). 95%% or more scores 5, 85–94%% scores 4, 75–84%% scores 3, 65–74%% scores 2; less, or fewer than 10 current jobs, scores 1."),
                                       today, figures->n_current_permanent_competitive, figures->n_current_jobs, percent);
      }
      break;

    case 23:
      item->score = ips_fidelity_score_follow_along (figures);
      if (item->score == 0)
        {
          item->basis = g_strdup (_("Left for the reviewer: no job held in the period has lasted 4 months yet."));
          break;
        }
      item->basis = g_strdup_printf (_("Jobs held in the period that have lasted 4 months: %u; with face-to-face support after the first month: %u; from the fourth month on: %u; with a face-to-face contact in the week before the start: %u. Scheduled contacts face to face and on time: %u of %u. Jobs ended in the period and followed up within 3 days: %u of %u. 5: the schedule kept (90%% on time) with contacts before starts and after job ends; 4: the schedule kept; 3: face to face with at least half for 4 months; 2: with fewer than half; 1: none after the first month."),
                                     figures->n_follow_along_measured, figures->n_follow_along_after_first_month,
                                     figures->n_follow_along_four_months, figures->n_follow_along_before_start,
                                     figures->n_support_on_time_face_to_face, figures->n_support_due,
                                     figures->n_jobs_ended_contacted, figures->n_jobs_ended_in_period);
      break;

    default:
      item->basis = g_strdup (_("Left for the reviewer: the records cannot score it."));
      break;
    }
}

GPtrArray *
ips_fidelity_score (const IpsCaseloadFigures *figures)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify)ips_fidelity_item_free);

  g_return_val_if_fail (figures != NULL, items);

  for (guint number = 1; number <= IPS_FIDELITY_N_ITEMS; number++)
    {
      IpsFidelityItem *item = g_new0 (IpsFidelityItem, 1);

      item->number = number;
      item->title = g_strdup (item_title (number));
      score_item (item, figures);
      g_ptr_array_add (items, item);
    }
  return items;
}

guint
ips_fidelity_get_partial_total (GPtrArray *items,
                                guint     *n_unscored)
{
  guint total = 0;
  guint unscored = 0;

  g_return_val_if_fail (items != NULL, 0);

  for (guint i = 0; i < items->len; i++)
    {
      const IpsFidelityItem *item = g_ptr_array_index (items, i);

      if (item->score > 0)
        total += item->score;
      else
        unscored++;
    }
  if (n_unscored != NULL)
    *n_unscored = unscored;
  return total;
}

static char *
summary (GPtrArray *items)
{
  guint n_unscored;
  guint total = ips_fidelity_get_partial_total (items, &n_unscored);
  guint lowest = total + n_unscored;
  guint highest = total + n_unscored * IPS_FIDELITY_MAX_SCORE;

  return g_strdup_printf (_("Scored from the records: %u, over the items they can score (%u of them). The reviewer scores the other %u items: the total will be between %u (%s) and %u (%s)."),
                          total, items->len - n_unscored, n_unscored,
                          lowest, ips_fidelity_band_get_label (ips_fidelity_band_for_total (lowest)),
                          highest, ips_fidelity_band_get_label (ips_fidelity_band_for_total (highest)));
}

static char *
bands (void)
{
  return g_strdup (_("Bands: 115–125 exemplary fidelity, 100–114 good fidelity, 74–99 fair fidelity, 73 and below not IPS."));
}

GStrv
ips_fidelity_to_lines (GPtrArray *items)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_null_terminated (IPS_FIDELITY_N_ITEMS + 2, g_free, TRUE);

  g_return_val_if_fail (items != NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const IpsFidelityItem *item = g_ptr_array_index (items, i);

      if (item->score > 0)
        g_ptr_array_add (lines, g_strdup_printf (_("Fidelity item %u, %s: %u of 5. %s"),
                                                 item->number, item->title, item->score, item->basis));
      else
        g_ptr_array_add (lines, g_strdup_printf (_("Fidelity item %u, %s: %s"),
                                                 item->number, item->title, item->basis));
    }
  g_ptr_array_add (lines, summary (items));
  g_ptr_array_add (lines, bands ());
  return (GStrv)g_ptr_array_steal (lines, NULL);
}

GPtrArray *
ips_fidelity_list_figures (GPtrArray *items)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify)ips_figure_free);
  g_autofree char *total_basis = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *band_text = NULL;

  g_return_val_if_fail (items != NULL, figures);

  for (guint i = 0; i < items->len; i++)
    {
      const IpsFidelityItem *item = g_ptr_array_index (items, i);
      g_autofree char *id = g_strdup_printf ("fidelity-%u", item->number);
      g_autofree char *label = g_strdup_printf (_("Fidelity item %u: %s"), item->number, item->title);
      g_autofree char *value = item->score > 0 ? g_strdup_printf ("%u", item->score) : g_strdup ("");

      g_ptr_array_add (figures, ips_figure_new (id, label, value, item->basis));
    }

  total_text = g_strdup_printf ("%u", ips_fidelity_get_partial_total (items, NULL));
  band_text = bands ();
  {
    g_autofree char *range = summary (items);

    total_basis = g_strdup_printf ("%s %s", range, band_text);
  }
  g_ptr_array_add (figures, ips_figure_new ("fidelity-scored-total", _("Fidelity points scored from the records"),
                                            total_text, total_basis));
  return figures;
}
