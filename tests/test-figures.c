/* test-figures.c: the caseload figures for a period, the fidelity items and
 * the report command, on a generated folder of 200 client files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "ips-caseload-entry.h"
#include "ips-caseload-figures.h"
#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-fidelity.h"
#include "ips-journey.h"
#include "ips-test-util.h"

#define AS_OF "2026-06-30"
#define N_ARCHETYPES 20
#define N_COPIES 10

static IpsFormCatalog *catalog;

/* Dates */

static GDate
date (const char *text)
{
  GDate parsed = ips_date_parse (text);

  g_assert_true (g_date_valid (&parsed));
  return parsed;
}

/* @text plus @days (which may be negative), as YYYY-MM-DD. */
static char *
shift (const char *text,
       int         days)
{
  GDate result = date (text);

  if (days >= 0)
    g_date_add_days (&result, (guint)days);
  else
    g_date_subtract_days (&result, (guint)-days);
  return ips_date_format (&result);
}

/* Client files */

static IpsClientFile *
new_client (const char *dir,
            const char *file_name,
            const char *client_name)
{
  g_autofree char *path = g_build_filename (dir, file_name, NULL);

  return ips_test_new_client (path, catalog, client_name);
}

static void
add_job (IpsClientFile *file,
         const char    *start,
         const char    *end,
         const char    *permanence,
         const char    *competitive,
         const char    *job_type,
         const char    *employer)
{
  ips_test_add_row (file, "journey", "jobs", "title", "Job", "start-date", start, "end-date", end,
           "permanence", permanence, "competitive", competitive,
           "job-type", job_type, "employer", employer, NULL);
}

static void
add_support (IpsClientFile *file,
             const char    *day,
             gboolean       face_to_face)
{
  ips_test_add_row (file, "journey", "in-work-support", "date", day, "with", "client",
           "face-to-face", face_to_face ? "yes" : "no", NULL);
}

/* Twenty kinds of client, each written N_COPIES times; the figures of the
 * folder are ten times those of one set, and every date is chosen to sit on
 * or beside a boundary of the period 2025-07-01 to 2026-06-30 seen on
 * 2026-06-30. @copy makes job types and employers unique where they are
 * meant to be. */
static void
make_archetype (const char *dir,
                guint       kind,
                guint       copy)
{
  g_autofree char *file_name = g_strdup_printf ("client-%02u-%02u.ipsclient", kind, copy);
  g_autofree char *name = g_strdup_printf ("Client %02u %02u", kind, copy);
  g_autofree char *unique = g_strdup_printf ("Unique %02u %02u", kind, copy);
  g_autoptr(IpsClientFile) file = new_client (dir, file_name, name);
  const char *start = "2026-01-05";

  switch (kind)
    {
    case 0:   /* referred the day before the period, closed that day */
      ips_test_set (file, "journey", "referral-received", "2025-06-30");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_set (file, "journey", "closure-date", "2025-06-30");
      break;
    case 1:   /* the period's first day; employer met on day 30; a good job */
      ips_test_set (file, "journey", "referral-received", "2025-07-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-07-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-07-31", "face-to-face", "yes", NULL);
      add_job (file, "2025-09-01", NULL, "permanent", "yes", "Retail", unique);
      break;
    case 2:   /* the period's last day; a meeting planned after it */
      ips_test_set (file, "journey", "referral-received", "2026-06-30");
      ips_test_set (file, "journey", "referral-accepted", "2026-06-30");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2026-07-05", "face-to-face", "yes", NULL);
      break;
    case 3:   /* in work at referral; employer met on day 31 */
      ips_test_set (file, "journey", "referral-received", "2026-03-01");
      ips_test_set (file, "journey", "referral-accepted", "2026-03-03");
      ips_test_set (file, "journey", "employment-status-at-referral", "in-work-seeking");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2026-04-03", "face-to-face", "yes", NULL);
      break;
    case 4:   /* entered before the period; a job that lasted 90 days */
      ips_test_set (file, "journey", "referral-received", "2025-05-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-05-10");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-06-01", "face-to-face", "yes", NULL);
      add_job (file, "2026-03-31", "2026-06-29", "temporary", "yes", "retail ", "Shop");
      break;
    case 5:   /* a job started exactly 13 weeks before, still held */
      ips_test_set (file, "journey", "referral-received", "2025-08-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-08-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-08-11", "face-to-face", "yes", NULL);
      add_job (file, "2026-03-31", NULL, "permanent", "yes", unique, "Shop");
      break;
    case 6:   /* a job started 90 days before: too soon for 13 weeks */
      ips_test_set (file, "journey", "referral-received", "2025-08-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-08-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-10-30", "face-to-face", "yes", NULL);
      add_job (file, "2026-04-01", NULL, "permanent", "no", NULL, NULL);
      break;
    case 7:   /* closed on the period's first day */
      ips_test_set (file, "journey", "referral-received", "2025-01-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-01-02");
      ips_test_set (file, "journey", "employment-status-at-referral", "in-work-at-risk");
      ips_test_set (file, "journey", "closure-date", "2025-07-01");
      break;
    case 8:   /* a job and a closure both before the period */
      ips_test_set (file, "journey", "referral-received", "2025-01-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-01-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_set (file, "journey", "closure-date", "2025-06-30");
      add_job (file, "2025-03-01", "2025-06-30", "permanent", "yes", unique, unique);
      break;
    case 9:   /* a job that ended on the period's first day, followed up; closure planned */
      ips_test_set (file, "journey", "referral-received", "2025-01-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-01-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_set (file, "journey", "closure-date", "2026-12-01");
      add_job (file, "2025-06-30", "2025-07-01", "permanent", "yes", unique, "SHOP");
      add_support (file, "2025-07-03", FALSE);
      break;
    case 10:  /* a phone call to an employer only */
      ips_test_set (file, "journey", "referral-received", "2026-01-01");
      ips_test_set (file, "journey", "referral-accepted", "2026-01-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2026-01-10", "face-to-face", "no", NULL);
      break;
    case 11:  /* nothing recorded but a name */
      break;
    case 12:  /* in work with every support contact on time, face to face */
      {
        const int days[] = { -3, 2, 7, 14, 21, 28, 56, 84, 112, 140, 168 };

        ips_test_set (file, "journey", "referral-received", "2025-11-28");
        ips_test_set (file, "journey", "referral-accepted", "2025-12-01");
        ips_test_set (file, "journey", "employment-status-at-referral", "in-work-seeking");
        add_job (file, start, NULL, "permanent", "yes", unique, unique);
        for (guint i = 0; i < G_N_ELEMENTS (days); i++)
          {
            g_autofree char *day = shift (start, days[i]);

            add_support (file, day, TRUE);
          }
      }
      break;
    case 13:  /* in work with two support contacts, one face to face */
      {
        g_autofree char *day2 = shift (start, 2);
        g_autofree char *day20 = shift (start, 20);

        ips_test_set (file, "journey", "referral-received", "2025-11-28");
        ips_test_set (file, "journey", "referral-accepted", "2025-12-01");
        ips_test_set (file, "journey", "employment-status-at-referral", "in-work-seeking");
        add_job (file, start, NULL, "temporary", "yes", "Retail", "shop");
        add_support (file, day2, FALSE);
        add_support (file, day20, TRUE);
      }
      break;
    case 14:
    case 15:
    case 16:  /* referred before the period, accepted in it */
      ips_test_set (file, "journey", "referral-received", "2025-06-25");
      ips_test_set (file, "journey", "referral-accepted", "2025-07-02");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-09-30", "face-to-face", "yes", NULL);
      break;
    default:  /* 17 to 19: employer met on day 90 */
      ips_test_set (file, "journey", "referral-received", "2025-10-01");
      ips_test_set (file, "journey", "referral-accepted", "2025-10-01");
      ips_test_set (file, "journey", "employment-status-at-referral", "out-of-work");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2025-12-30", "face-to-face", "yes", NULL);
      break;
    }
}

/* Files that are not client files: text, another program's database, and a
 * file the scan does not list at all. */
static void
make_foreign (const char *dir)
{
  g_autofree char *text = g_build_filename (dir, "notes.ipsclient", NULL);
  g_autofree char *other = g_build_filename (dir, "other.ipsclient", NULL);
  g_autofree char *unlisted = g_build_filename (dir, "readme.txt", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_file_set_contents_full (text, "Ring the employer on Monday.\n", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (unlisted, "Not a client.\n", -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The generated folder, made once for every test that reads it. */
static char *folder;

static const char *
generated_folder (void)
{
  if (folder == NULL)
    {
      gint64 before = g_get_monotonic_time ();

      folder = ips_test_make_dir ();
      for (guint copy = 0; copy < N_COPIES; copy++)
        for (guint kind = 0; kind < N_ARCHETYPES; kind++)
          make_archetype (folder, kind, copy);
      {
        g_autofree char *damaged = g_build_filename (folder, "damaged.ipsclient", NULL);

        ips_test_make_damaged (damaged, catalog);
      }
      make_foreign (folder);
      g_test_message ("200 client files written in %.1f s",
                      (g_get_monotonic_time () - before) / (double)G_USEC_PER_SEC);
    }
  return folder;
}

static GListModel *
scan_folder (const char *today_text)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (catalog);
  g_autoptr(GError) error = NULL;
  GDate today = date (today_text);
  GListModel *entries = ips_caseload_scan_run (scan, generated_folder (), &today, NULL, &error);

  g_assert_no_error (error);
  return entries;
}

static const IpsFigure *
find_figure (GPtrArray  *figures,
             const char *id)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const IpsFigure *figure = g_ptr_array_index (figures, i);

      if (g_strcmp0 (figure->id, id) == 0)
        return figure;
    }
  g_assert_not_reached ();
}

/* The figures of the generated folder */

static void
test_generated (void)
{
  g_autoptr(GListModel) entries = scan_folder (AS_OF);
  g_autoptr(IpsCaseloadFigures) f = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GDate today = date (AS_OF);
  guint n_unscored = 0;

  f = ips_caseload_figures_compute (entries, &today);
  g_assert_nonnull (f);

  /* 200 clients, a damaged file and two foreign ones; readme.txt unlisted. */
  g_assert_cmpuint (f->n_files, ==, 203);
  g_assert_cmpuint (f->n_unreadable, ==, 3);
  g_assert_cmpuint (f->n_clients, ==, 200);

  /* The default period: the 12 months up to the day. */
  {
    g_autofree char *from = ips_date_format (&f->period_start);
    g_autofree char *to = ips_date_format (&f->period_end);

    g_assert_cmpstr (from, ==, "2025-07-01");
    g_assert_cmpstr (to, ==, AS_OF);
  }

  /* Kinds 0, 7, 8 are closed; 9's closure is after the day. Only kind 12
   * had a contact in the last 28 days. */
  g_assert_cmpuint (f->n_closed, ==, 30);
  g_assert_cmpuint (f->n_active, ==, 170);
  g_assert_cmpuint (f->n_active_in_contact, ==, 10);

  /* Received in the period: kinds 1 2 3 5 6 10 12 13 17 18 19. Accepted:
   * those less 17-19's twins, plus 14-16 (referred before, accepted in). */
  g_assert_cmpuint (f->n_referrals_received, ==, 110);
  g_assert_cmpuint (f->n_referrals_accepted, ==, 140);

  /* Entered in the period: 1 2 3 5 6 10 12 13 14-19. Measured: 1 (30 days)
   * 3 (31) 5 (10) 6 (90) and 14-19 (90 each): mean 701 / 10. */
  g_assert_cmpuint (f->n_period_entries, ==, 140);
  g_assert_cmpuint (f->n_period_contact_measured, ==, 100);
  g_assert_cmpfloat_with_epsilon (f->mean_days_to_employer_contact, 70.1, 1e-9);
  g_assert_cmpuint (f->n_period_contact_within_30_days, ==, 20);

  /* Dated in the period: 1 3 5 6 10 (phone) 14-19; 2's is after the day. */
  g_assert_cmpuint (f->n_employer_contacts, ==, 110);
  g_assert_cmpuint (f->n_employer_contacts_face_to_face, ==, 100);
  g_assert_cmpuint (f->n_clients_with_employer_contacts, ==, 110);

  /* Started in the period: 1 4 5 6 12 13; permanent and competitive: 1 5 12. */
  g_assert_cmpuint (f->n_period_job_starts, ==, 60);
  g_assert_cmpuint (f->n_period_clients_into_work, ==, 60);
  g_assert_cmpuint (f->n_period_permanent_competitive, ==, 30);

  /* Out of work and on the caseload: 1 2 4 5 6 9 10 14-19 (0 and 8 closed
   * before the period); into work in it: 1 4 5 6. */
  g_assert_cmpuint (f->n_period_out_of_work, ==, 130);
  g_assert_cmpuint (f->n_period_out_of_work_into_work, ==, 40);

  /* 13 weeks: 1 4 5 12 13 (6 started 90 days before); 4 ended on day 90. */
  g_assert_cmpuint (f->n_sustained_measured, ==, 50);
  g_assert_cmpuint (f->n_sustained, ==, 40);

  /* Held in the period: 1 4 5 6 9 12 13 (8 ended the day before it). */
  g_assert_cmpuint (f->n_period_jobs_held, ==, 70);
  g_assert_cmpuint (f->n_period_jobs_typed, ==, 60);
  g_assert_cmpuint (f->n_period_job_types, ==, 31);      /* retail, and 5 9 12 unique */
  g_assert_cmpuint (f->n_period_jobs_with_employer, ==, 60);
  g_assert_cmpuint (f->n_period_employers, ==, 21);      /* shop, and 1 12 unique */

  /* Held on the day: 1 5 6 12 13. */
  g_assert_cmpuint (f->n_current_jobs, ==, 50);
  g_assert_cmpuint (f->n_current_permanent_competitive, ==, 30);

  /* Slots due: 1 has 14, 4 5 6 have 7 each, 12 and 13 have 10; 9's job
   * ended before any. On time: all of 12's, 3 of 13's (1 face to face). */
  g_assert_cmpuint (f->n_support_due, ==, 550);
  g_assert_cmpuint (f->n_support_jobs, ==, 60);
  g_assert_cmpuint (f->n_support_on_time, ==, 130);
  g_assert_cmpuint (f->n_support_on_time_face_to_face, ==, 110);

  /* Lasted 4 months: 1 12 13; only 12 was met face to face after. 9's
   * ended job was followed up within 3 days; 4's end is too recent. */
  g_assert_cmpuint (f->n_follow_along_measured, ==, 30);
  g_assert_cmpuint (f->n_follow_along_after_first_month, ==, 10);
  g_assert_cmpuint (f->n_follow_along_four_months, ==, 10);
  g_assert_cmpuint (f->n_follow_along_before_start, ==, 10);
  g_assert_cmpuint (f->n_jobs_ended_in_period, ==, 10);
  g_assert_cmpuint (f->n_jobs_ended_contacted, ==, 10);

  /* The list: every figure has a value and says how it was counted. */
  list = ips_caseload_figures_list (f);
  g_assert_cmpstr (find_figure (list, "period")->value, ==, "2025-07-01/2026-06-30");
  g_assert_cmpstr (find_figure (list, "client-files")->value, ==, "203");
  g_assert_cmpstr (find_figure (list, "active-caseload")->value, ==, "10");
  g_assert_cmpstr (find_figure (list, "referrals-received")->value, ==, "110");
  g_assert_cmpstr (find_figure (list, "referrals-accepted")->value, ==, "140");
  g_assert_cmpstr (find_figure (list, "days-to-employer-contact")->value, ==, "70.1");
  g_assert_cmpstr (find_figure (list, "employer-contact-within-30-days")->value, ==, "20.0");
  g_assert_cmpstr (find_figure (list, "employer-contacts")->value, ==, "110");
  g_assert_cmpstr (find_figure (list, "job-starts")->value, ==, "60");
  g_assert_cmpstr (find_figure (list, "employment-rate")->value, ==, "30.8");
  g_assert_cmpstr (find_figure (list, "in-work-13-weeks")->value, ==, "80.0");
  g_assert_cmpstr (find_figure (list, "permanent-competitive")->value, ==, "50.0");
  g_assert_cmpstr (find_figure (list, "current-permanent-competitive")->value, ==, "60.0");
  g_assert_cmpstr (find_figure (list, "job-type-diversity")->value, ==, "51.7");
  g_assert_cmpstr (find_figure (list, "employer-diversity")->value, ==, "35.0");
  g_assert_cmpstr (find_figure (list, "in-work-support-on-time")->value, ==, "23.6");
  g_assert_nonnull (strstr (find_figure (list, "employment-rate")->basis, "n = 130"));
  g_assert_nonnull (strstr (find_figure (list, "employment-rate")->basis, "40%"));
  for (guint i = 0; i < list->len; i++)
    {
      const IpsFigure *figure = g_ptr_array_index (list, i);

      g_assert_cmpstr (figure->value, !=, "");
      g_assert_cmpuint (strlen (figure->basis), >, 20);
      g_assert_null (strstr (figure->basis, "Client 0"));
    }

  /* The lines keep what they said, and add the period's figures. */
  lines = ips_caseload_figures_to_lines (f);
  text = g_strjoinv ("\n", lines);
  g_test_message ("%s", text);
  g_assert_cmpstr (lines[0], ==, "Caseload figures on 2026-06-30, from 203 client files");
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "3 files could not be read");
  g_assert_nonnull (strstr (text, "\nReferrals received in the period: 110. "));
  g_assert_nonnull (strstr (text, "\nEmployment rate of clients out of work at referral (%): 30.8. IPS Grow"));
  g_assert_null (strstr (text, "Client 0"));
  /* Job types are listed; employers only counted. */
  g_assert_null (strstr (text, "Shop"));

  /* The fidelity items the records can score. */
  items = ips_fidelity_score (f);
  g_assert_cmpuint (items->len, ==, 25);
  {
    const guint expected[26] = { [1] = 5, [15] = 3, [19] = 2, [20] = 1, [21] = 1, [23] = 2 };

    for (guint i = 0; i < items->len; i++)
      {
        const IpsFidelityItem *item = g_ptr_array_index (items, i);

        g_assert_cmpuint (item->number, ==, i + 1);
        g_assert_cmpuint (item->score, ==, expected[item->number]);
        g_assert_nonnull (item->title);
        if (item->score == 0)
          g_assert_true (g_str_has_prefix (item->basis, "Left for the reviewer"));
      }
  }
  g_assert_cmpuint (ips_fidelity_get_partial_total (items, &n_unscored), ==, 14);
  g_assert_cmpuint (n_unscored, ==, 19);
  {
    g_auto(GStrv) fidelity = ips_fidelity_to_lines (items);
    guint n = g_strv_length (fidelity);

    g_assert_cmpuint (n, ==, 27);
    g_assert_true (g_str_has_prefix (fidelity[0], "Fidelity item 1, Number on caseload: 5 of 5. "));
    g_assert_cmpstr (fidelity[n - 2], ==,
                     "Scored from the records: 14, over the items they can score (6 of them). The reviewer scores "
                     "the other 19 items: the total will be between 33 (Not IPS) and 109 (Good fidelity).");
    g_assert_nonnull (strstr (fidelity[n - 1], "115–125 exemplary"));
    g_assert_nonnull (strstr (fidelity[n - 1], "73 and below not IPS"));
  }
}

/* Another period over the same folder, and the figures as they stood on
 * an earlier day. */
static void
test_generated_periods (void)
{
  g_autoptr(GListModel) entries = scan_folder (AS_OF);
  g_autoptr(IpsCaseloadFigures) day = NULL;
  g_autoptr(IpsCaseloadFigures) earlier = NULL;
  g_autoptr(IpsCaseloadFigures) none = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = date (AS_OF);
  GDate from = date ("2026-03-31");
  GDate to = date ("2026-03-31");
  GDate after = date ("2026-07-01");
  GDate old_day = date ("2025-07-31");

  /* One day: the two jobs that started on it, nothing else. */
  day = ips_caseload_figures_compute_for_period (entries, &today, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->n_period_job_starts, ==, 20);
  g_assert_cmpuint (day->n_referrals_received, ==, 0);
  g_assert_cmpuint (day->n_employer_contacts, ==, 0);

  /* On 2025-07-31 the period is 2024-08-01 to then: 1's meeting that day
   * counts, its job (September) does not, and 2's referral is unknown. */
  earlier = ips_caseload_figures_compute_for_period (entries, &old_day, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (earlier->n_period_contact_measured, ==, 10 + 10);   /* kinds 1 and 4 */
  g_assert_cmpuint (earlier->n_referrals_received, ==, 10 * 9);        /* 0 1 4 7 8 9 14-16 */
  g_assert_cmpuint (earlier->n_period_job_starts, ==, 20);             /* 8 and 9 */
  g_assert_cmpuint (earlier->n_closed, ==, 30);                        /* 0 7 8; 9 not yet */

  /* A period that ends after the day, or starts after it ends. */
  none = ips_caseload_figures_compute_for_period (entries, &today, &from, &after, &error);
  g_assert_null (none);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  from = date ("2026-04-01");
  to = date ("2026-03-31");
  none = ips_caseload_figures_compute_for_period (entries, &today, &from, &to, &error);
  g_assert_null (none);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_INVALID_VALUE);
}

/* Boundary days on journeys built by hand */

static IpsCaseloadFigures *
figures_of (IpsJourney  *journey,
            const char  *today_text,
            const char  *from_text,
            const char  *to_text)
{
  g_autoptr(GListStore) store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
  g_autoptr(IpsCaseloadEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  GDate today = date (today_text);
  GDate from = date (from_text);
  GDate to = date (to_text);
  IpsCaseloadFigures *figures;

  entry = ips_caseload_entry_new ("/x.ipsclient", NULL, journey, &today);
  g_list_store_append (store, entry);
  figures = ips_caseload_figures_compute_for_period (G_LIST_MODEL (store), &today, &from, &to, &error);
  g_assert_no_error (error);
  return figures;
}

static void
test_boundaries (void)
{
  /* 13 weeks: measured from day 91, kept when it ends on day 91 or later. */
  {
    g_autoptr(IpsJourney) journey = ips_journey_new ();
    GDate start = date ("2026-01-01");
    GDate end = date ("2026-04-02");     /* day 91 */
    g_autoptr(IpsCaseloadFigures) day90 = NULL;
    g_autoptr(IpsCaseloadFigures) day91 = NULL;

    ips_journey_add_job (journey, &start, &end);
    day90 = figures_of (journey, "2026-04-01", "2026-01-01", "2026-04-01");
    g_assert_cmpuint (day90->n_sustained_measured, ==, 0);
    day91 = figures_of (journey, "2026-04-02", "2026-01-01", "2026-04-02");
    g_assert_cmpuint (day91->n_sustained_measured, ==, 1);
    g_assert_cmpuint (day91->n_sustained, ==, 1);
    /* The end is after day 91, so a job ending on day 90 is the other case. */
    g_date_subtract_days (&((IpsJob *)g_ptr_array_index (journey->jobs, 0))->end, 1);
    {
      g_autoptr(IpsCaseloadFigures) later = figures_of (journey, "2026-05-01", "2026-01-01", "2026-05-01");

      g_assert_cmpuint (later->n_sustained_measured, ==, 1);
      g_assert_cmpuint (later->n_sustained, ==, 0);
    }
  }

  /* Support: the first contact is due within 3 days of the start; a contact
   * on day 4 is late for it but on time for week 1. */
  {
    g_autoptr(IpsJourney) journey = ips_journey_new ();
    GDate start = date ("2026-01-01");
    GDate day4 = date ("2026-01-05");
    g_autoptr(IpsCaseloadFigures) day3 = NULL;
    g_autoptr(IpsCaseloadFigures) day7 = NULL;

    ips_journey_add_job (journey, &start, NULL);
    ips_journey_add_in_work_contact_full (journey, &day4, TRUE);
    day3 = figures_of (journey, "2026-01-04", "2026-01-01", "2026-01-04");
    g_assert_cmpuint (day3->n_support_due, ==, 1);
    g_assert_cmpuint (day3->n_support_on_time, ==, 0);
    day7 = figures_of (journey, "2026-01-08", "2026-01-01", "2026-01-08");
    g_assert_cmpuint (day7->n_support_due, ==, 2);
    g_assert_cmpuint (day7->n_support_on_time, ==, 1);
    g_assert_cmpuint (day7->n_support_on_time_face_to_face, ==, 1);
    /* Slots that closed before the period are not counted in it. */
    {
      g_autoptr(IpsCaseloadFigures) later = figures_of (journey, "2026-01-08", "2026-01-05", "2026-01-08");

      g_assert_cmpuint (later->n_support_due, ==, 1);
    }
  }

  /* The employment rate: a client closed on the period's first day is on
   * the caseload in it; one closed the day before is not. */
  {
    g_autoptr(IpsJourney) journey = ips_journey_new ();
    g_autoptr(IpsCaseloadFigures) on = NULL;
    g_autoptr(IpsCaseloadFigures) before = NULL;

    journey->referral_accepted = date ("2025-01-01");
    journey->employment_status = g_strdup ("out-of-work");
    journey->closure_date = date ("2025-07-01");
    on = figures_of (journey, "2026-06-30", "2025-07-01", "2026-06-30");
    g_assert_cmpuint (on->n_period_out_of_work, ==, 1);
    before = figures_of (journey, "2026-06-30", "2025-07-02", "2026-06-30");
    g_assert_cmpuint (before->n_period_out_of_work, ==, 0);
  }
}

/* The anchors at their boundaries */

static void
test_anchors (void)
{
  const guint caseload[][2] = { { 0, 5 }, { 20, 5 }, { 21, 4 }, { 25, 4 }, { 26, 3 }, { 30, 3 },
                                { 31, 2 }, { 40, 2 }, { 41, 1 }, { 200, 1 } };
  const struct { double days; guint score; } rapid[] = {
    { 0, 5 }, { 30, 5 }, { 30.1, 4 }, { 31, 4 }, { 60, 4 }, { 60.5, 3 }, { 61, 3 }, { 150, 3 },
    { 151, 2 }, { 270, 2 }, { 270.1, 1 }, { 271, 1 },
  };
  /* different, jobs, score */
  const guint diversity[][3] = { { 17, 20, 5 }, { 20, 20, 5 }, { 169, 200, 4 }, { 14, 20, 4 },
                                 { 139, 200, 3 }, { 12, 20, 3 }, { 119, 200, 2 }, { 10, 20, 2 },
                                 { 99, 200, 1 }, { 0, 5, 1 }, { 1, 1, 5 } };
  /* permanent and competitive, current jobs, score */
  const guint competitive[][3] = { { 9, 9, 1 }, { 10, 10, 5 }, { 19, 20, 5 }, { 189, 200, 4 },
                                   { 17, 20, 4 }, { 169, 200, 3 }, { 15, 20, 3 }, { 149, 200, 2 },
                                   { 13, 20, 2 }, { 129, 200, 1 }, { 0, 20, 1 } };
  const guint bands[][2] = { { 0, IPS_FIDELITY_BAND_NOT_IPS }, { 73, IPS_FIDELITY_BAND_NOT_IPS },
                             { 74, IPS_FIDELITY_BAND_FAIR }, { 99, IPS_FIDELITY_BAND_FAIR },
                             { 100, IPS_FIDELITY_BAND_GOOD }, { 114, IPS_FIDELITY_BAND_GOOD },
                             { 115, IPS_FIDELITY_BAND_EXEMPLARY }, { 125, IPS_FIDELITY_BAND_EXEMPLARY } };
  guint lowest, highest;

  for (guint i = 0; i < G_N_ELEMENTS (caseload); i++)
    g_assert_cmpuint (ips_fidelity_score_caseload (caseload[i][0]), ==, caseload[i][1]);
  for (guint i = 0; i < G_N_ELEMENTS (rapid); i++)
    g_assert_cmpuint (ips_fidelity_score_rapid_search (rapid[i].days), ==, rapid[i].score);
  for (guint i = 0; i < G_N_ELEMENTS (diversity); i++)
    g_assert_cmpuint (ips_fidelity_score_diversity (diversity[i][0], diversity[i][1]), ==, diversity[i][2]);
  for (guint i = 0; i < G_N_ELEMENTS (competitive); i++)
    g_assert_cmpuint (ips_fidelity_score_competitive (competitive[i][0], competitive[i][1]), ==, competitive[i][2]);
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    g_assert_cmpint (ips_fidelity_band_for_total (bands[i][0]), ==, bands[i][1]);
  ips_fidelity_band_get_range (IPS_FIDELITY_BAND_GOOD, &lowest, &highest);
  g_assert_cmpuint (lowest, ==, 100);
  g_assert_cmpuint (highest, ==, 114);
  g_assert_cmpstr (ips_fidelity_band_get_label (IPS_FIDELITY_BAND_EXEMPLARY), ==, "Exemplary fidelity");

  /* Nothing to score on: item 21 scores 1 (fewer than 10 current jobs),
   * every other item is left for the reviewer. */
  {
    g_autoptr(GListStore) store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
    GDate today = date (AS_OF);
    g_autoptr(IpsCaseloadFigures) empty = ips_caseload_figures_compute (G_LIST_MODEL (store), &today);
    g_autoptr(GPtrArray) items = ips_fidelity_score (empty);
    guint n_unscored;

    g_assert_cmpuint (ips_fidelity_get_partial_total (items, &n_unscored), ==, 1);
    g_assert_cmpuint (n_unscored, ==, 24);
  }

  /* Item 23, from its counts. */
  {
    IpsCaseloadFigures f = { 0 };

    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 0);
    f.n_follow_along_measured = 10;
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 1);
    f.n_follow_along_after_first_month = 8;
    f.n_follow_along_four_months = 4;
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 2);
    f.n_follow_along_four_months = 5;          /* half */
    f.n_support_due = 100;
    f.n_support_on_time_face_to_face = 89;
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 3);
    f.n_support_on_time_face_to_face = 90;     /* the schedule kept, on average */
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 4);
    f.n_follow_along_before_start = 9;
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 5);
    f.n_jobs_ended_in_period = 10;
    f.n_jobs_ended_contacted = 8;              /* job losses not followed up */
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 4);
    f.n_jobs_ended_contacted = 9;
    g_assert_cmpuint (ips_fidelity_score_follow_along (&f), ==, 5);
  }
}

/* CSV */

/* RFC 4180, strictly: returns rows of fields, or fails the test. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        while (*p != ',' && *p != '\r')
          {
            g_assert_true (*p != '\0' && *p != '\n' && *p != '"');
            g_string_append_c (field, *p++);
          }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
        }
    }
  return rows;
}

static void
test_csv (void)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify)ips_figure_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  const char *awkward = "Said \"yes\", then\r\nno; then\nmaybe";

  g_ptr_array_add (figures, ips_figure_new ("plain", "Plain", "1", "Nothing to quote"));
  g_ptr_array_add (figures, ips_figure_new ("awkward", "A, B", "", awkward));
  csv = ips_figures_to_csv (figures);
  g_assert_true (g_str_has_prefix (csv, "id,label,value,basis\r\nplain,Plain,1,Nothing to quote\r\n"));
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 2))[1], ==, "A, B");
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 2))[2], ==, "");
  g_assert_cmpstr (((char **)g_ptr_array_index (rows, 2))[3], ==, awkward);
}

/* The report command */

typedef struct
{
  char *out;
  char *err;
  int status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_report (Run *run,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("IPS_CASELOAD_EXE"));
  g_ptr_array_add (argv, "report");
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
test_report_csv (void)
{
  const char *dir = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);

  if (g_getenv ("IPS_CASELOAD_EXE") == NULL)
    {
      g_test_skip ("IPS_CASELOAD_EXE is not set");
      return;
    }
  dir = generated_folder ();
  listing_before = ips_test_list_dir (dir);

  run_report (&run, "--as-of=" AS_OF, "--format=csv", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  rows = parse_csv (run.out);
  {
    g_autofree char *header = g_strjoinv (",", g_ptr_array_index (rows, 0));

    g_assert_cmpstr (header, ==, "id,label,value,basis");
  }
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_assert_cmpuint (g_strv_length (row), ==, 4);
      g_assert_false (g_hash_table_contains (values, row[0]));
      g_assert_cmpstr (row[3], !=, "");
      g_hash_table_insert (values, row[0], row[2]);
    }
  g_assert_cmpstr (g_hash_table_lookup (values, "period"), ==, "2025-07-01/2026-06-30");
  g_assert_cmpstr (g_hash_table_lookup (values, "referrals-accepted"), ==, "140");
  g_assert_cmpstr (g_hash_table_lookup (values, "employment-rate"), ==, "30.8");
  g_assert_cmpstr (g_hash_table_lookup (values, "in-work-13-weeks"), ==, "80.0");
  g_assert_cmpstr (g_hash_table_lookup (values, "in-work-support-on-time"), ==, "23.6");
  g_assert_cmpstr (g_hash_table_lookup (values, "fidelity-1"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (values, "fidelity-2"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (values, "fidelity-23"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (values, "fidelity-scored-total"), ==, "14");
  g_assert_null (strstr (run.out, "Client 0"));

  /* A period of its own, and to a file: the same rows as on the terminal. */
  {
    g_auto(Run) period = { 0 };
    g_auto(Run) to_file = { 0 };
    g_autofree char *contents = NULL;
    g_autoptr(GPtrArray) period_rows = NULL;

    out_dir = ips_test_make_dir ();
    out = g_build_filename (out_dir, "figures.csv", NULL);
    run_report (&period, "--as-of=" AS_OF, "--from=2026-03-31", "--to=2026-03-31", "--format=csv", dir, NULL);
    g_assert_cmpint (period.status, ==, 0);
    period_rows = parse_csv (period.out);
    for (guint i = 1; i < period_rows->len; i++)
      {
        char **row = g_ptr_array_index (period_rows, i);

        if (g_str_equal (row[0], "job-starts"))
          g_assert_cmpstr (row[2], ==, "20");
        if (g_str_equal (row[0], "period"))
          g_assert_cmpstr (row[2], ==, "2026-03-31/2026-03-31");
      }
    run_report (&to_file, "--as-of=" AS_OF, "--from=2026-03-31", "--to=2026-03-31", "--format=csv",
                "-o", out, dir, NULL);
    g_assert_cmpint (to_file.status, ==, 0);
    g_assert_cmpstr (to_file.out, ==, "");
    g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, period.out);
    g_assert_cmpuint (ips_test_file_mode (out), ==, 0600);
  }

  /* The text report: the figures, then the fidelity items and the bands. */
  {
    g_auto(Run) text = { 0 };

    run_report (&text, "--as-of=" AS_OF, dir, NULL);
    g_assert_cmpint (text.status, ==, 0);
    g_assert_true (g_str_has_prefix (text.out, "Caseload figures on 2026-06-30, from 203 client files\n"));
    g_assert_nonnull (strstr (text.out, "\n3 files could not be read\n\nFidelity item 1, Number on caseload: 5 of 5."));
    g_assert_nonnull (strstr (text.out, "\nFidelity item 2, Employment services staff: Left for the reviewer"));
    g_assert_true (g_str_has_suffix (text.out, "73 and below not IPS.\n"));
    g_assert_null (strstr (text.out, "Client 0"));
  }

  /* Nothing written in the folder. */
  listing_after = ips_test_list_dir (dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_unlink (out);
  ips_test_remove_tree (out_dir);
}

static void
test_report_errors (void)
{
  g_autofree char *dir = ips_test_make_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *file = g_build_filename (dir, "a.ipsclient", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(IpsClientFile) client = NULL;
  /* argument lists, the exit status and a part of the message */
  const struct { const char *args[5]; int status; const char *message; } cases[] = {
    { { "--as-of=2026-02-30", dir }, 2, "--as-of needs a date written YYYY-MM-DD, not “2026-02-30”" },
    { { "--from=30/06/2025", dir }, 2, "--from needs a date" },
    { { "--to=2026-6-30", dir }, 2, "--to needs a date" },
    { { "--from=2026-04-01", "--to=2026-03-31", "--as-of=" AS_OF, dir }, 2, "--from cannot be after --to" },
    { { "--to=2026-07-01", "--as-of=" AS_OF, dir }, 2, "--to cannot be after --as-of" },
    { { "--to=9999-12-31", dir }, 2, "--to cannot be after today" },
    { { "--format=xml", dir }, 2, "--format must be text or csv" },
    { { "--no-such-option", dir }, 2, "no-such-option" },
    { { dir, dir }, 2, "report needs one FOLDER" },
    { { NULL }, 2, "report needs one FOLDER" },
    { { missing }, 1, "No such folder" },
    { { file }, 1, "not a folder" },
  };

  if (g_getenv ("IPS_CASELOAD_EXE") == NULL)
    {
      g_test_skip ("IPS_CASELOAD_EXE is not set");
      return;
    }
  client = new_client (dir, "a.ipsclient", "Ann");
  g_clear_object (&client);
  listing_before = ips_test_list_dir (dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char *const *a = cases[i].args;

      /* Every case also asks for a file, which must not appear. */
      run_report (&run, "-o", out, "--format=csv", a[0], a[1], a[2], a[3], a[4], NULL);
      g_test_message ("case %u: %d %s", i, run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_true (g_str_has_prefix (run.err, "ips-caseload"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      if (cases[i].status == 1)
        {
          /* One line naming the folder at fault. */
          g_assert_nonnull (strstr (run.err, a[0]));
          g_assert_nonnull (strchr (run.err, '\n'));
          g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
        }
    }

  listing_after = ips_test_list_dir (dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  ips_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  catalog = ips_test_catalog ();

  g_test_add_func ("/core/figures/anchors", test_anchors);
  g_test_add_func ("/core/figures/boundaries", test_boundaries);
  g_test_add_func ("/core/figures/csv", test_csv);
  g_test_add_func ("/core/figures/generated", test_generated);
  g_test_add_func ("/core/figures/generated-periods", test_generated_periods);
  g_test_add_func ("/core/figures/report-csv", test_report_csv);
  g_test_add_func ("/core/figures/report-errors", test_report_errors);

  status = g_test_run ();

  if (folder != NULL)
    ips_test_remove_tree (folder);
  g_free (folder);
  g_object_unref (catalog);
  return status;
}
