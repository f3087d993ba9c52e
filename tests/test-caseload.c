/* test-caseload.c: what is due, the caseload scan, the figures and the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ips-caseload-entry.h"
#include "ips-caseload-figures.h"
#include "ips-caseload-scan.h"
#include "ips-client-file.h"
#include "ips-error.h"
#include "ips-file-lock.h"
#include "ips-journey.h"
#include "ips-test-util.h"

/* Dates */

static GDate
date (const char *text)
{
  GDate parsed = ips_date_parse (text);

  g_assert_true (g_date_valid (&parsed));
  return parsed;
}

static GDate
plus (const char *text,
      guint       days)
{
  GDate result = date (text);

  g_date_add_days (&result, days);
  return result;
}

static GDate
no_date (void)
{
  GDate cleared;

  g_date_clear (&cleared, 1);
  return cleared;
}

static void
assert_date (const GDate *actual,
             const char  *expected)
{
  g_autofree char *text = ips_date_format (actual);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_date_plus (const GDate *actual,
                  const char  *start,
                  guint        days)
{
  GDate expected = plus (start, days);
  g_autofree char *text = ips_date_format (&expected);

  assert_date (actual, text);
}

static void
test_dates (void)
{
  const char *invalid[] = { "", "2026-1-05", "2026-13-01", "2026-02-30", "+026-01-05",
                            "2026-01-05x", "2026/01/05", " 2026-01-5", "0000-01-01" };
  GDate parsed = ips_date_parse ("2024-02-29");

  assert_date (&parsed, "2024-02-29");
  parsed = ips_date_parse (NULL);
  g_assert_false (g_date_valid (&parsed));
  g_assert_null (ips_date_format (&parsed));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      parsed = ips_date_parse (invalid[i]);
      g_assert_false (g_date_valid (&parsed));
    }
  parsed = ips_date_today ();
  g_assert_true (g_date_valid (&parsed));
}

/* The rules, on journeys built by hand */

/* The next due item on @today, which must exist. */
static IpsDue
next_due (const IpsJourney *journey,
          const GDate      *today)
{
  IpsDue due;

  g_assert_true (ips_journey_get_next_due (journey, today, &due));
  return due;
}

/* The item of @kind among everything due, which must exist once. */
static IpsDue
due_of_kind (const IpsJourney *journey,
             const GDate      *today,
             IpsDueKind        kind)
{
  g_autoptr(GArray) list = ips_journey_list_due (journey, today);
  IpsDue found = { IPS_DUE_NONE };
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, IpsDue, i).kind == kind)
      {
        found = g_array_index (list, IpsDue, i);
        n++;
      }
  g_assert_cmpuint (n, ==, 1);
  return found;
}

static gboolean
has_due (const IpsJourney *journey,
         const GDate      *today,
         IpsDueKind        kind)
{
  g_autoptr(GArray) list = ips_journey_list_due (journey, today);

  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, IpsDue, i).kind == kind)
      return TRUE;
  return FALSE;
}

static int
overdue (const IpsDue *due,
         const GDate  *today)
{
  return MAX (0, g_date_days_between (&due->date, today));
}

static void
test_due_first_employer_contact (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate day30 = plus ("2026-01-05", 30);
  GDate day31 = plus ("2026-01-05", 31);
  GDate today, contact;
  IpsDue due;

  /* From the referral while acceptance is not recorded, */
  journey->referral_received = date ("2026-01-02");
  today = date ("2026-01-03");
  due = due_of_kind (journey, &today, IPS_DUE_FIRST_EMPLOYER_CONTACT);
  assert_date_plus (&due.date, "2026-01-02", 30);

  /* then from acceptance: due on day 30, overdue from day 31. */
  journey->referral_accepted = date ("2026-01-05");
  due = due_of_kind (journey, &day30, IPS_DUE_FIRST_EMPLOYER_CONTACT);
  assert_date (&due.date, "2026-02-04");
  g_assert_cmpint (overdue (&due, &day30), ==, 0);
  due = due_of_kind (journey, &day31, IPS_DUE_FIRST_EMPLOYER_CONTACT);
  g_assert_cmpint (overdue (&due, &day31), ==, 1);

  /* A phone call to an employer is not face to face; */
  contact = date ("2026-01-20");
  ips_journey_add_employer_contact (journey, &contact, FALSE);
  g_assert_true (has_due (journey, &day31, IPS_DUE_FIRST_EMPLOYER_CONTACT));
  /* a meeting planned for next week is not done yet; */
  contact = plus ("2026-01-05", 35);
  ips_journey_add_employer_contact (journey, &contact, TRUE);
  g_assert_true (has_due (journey, &day31, IPS_DUE_FIRST_EMPLOYER_CONTACT));
  /* once it has happened, nothing more is due under this rule. */
  today = plus ("2026-01-05", 35);
  g_assert_false (has_due (journey, &today, IPS_DUE_FIRST_EMPLOYER_CONTACT));
}

static void
test_due_first_employer_contact_after_job (void)
{
  g_autoptr(IpsJourney) working = ips_journey_new ();
  g_autoptr(IpsJourney) starting = ips_journey_new ();
  g_autoptr(IpsJourney) empty = ips_journey_new ();
  g_autoptr(GArray) nothing = NULL;
  GDate start = date ("2026-01-20");
  GDate later = date ("2026-04-01");
  GDate today = date ("2026-03-01");

  /* A client who found a job on their own is past the job search clock. */
  working->referral_accepted = date ("2026-01-05");
  ips_journey_add_job (working, &start, NULL);
  g_assert_false (has_due (working, &today, IPS_DUE_FIRST_EMPLOYER_CONTACT));

  /* A job that starts later does not stop it. */
  starting->referral_accepted = date ("2026-01-05");
  ips_journey_add_job (starting, &later, NULL);
  g_assert_true (has_due (starting, &today, IPS_DUE_FIRST_EMPLOYER_CONTACT));

  /* Nothing is due without a referral or acceptance date. */
  nothing = ips_journey_list_due (empty, &today);
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_due_plan_review (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate today = date ("2026-02-07");
  GDate review;
  IpsDue due;

  journey->plan_date = date ("2026-01-10");
  due = due_of_kind (journey, &today, IPS_DUE_PLAN_REVIEW);
  assert_date (&due.date, "2026-02-07");              /* 28 days */
  g_assert_cmpint (overdue (&due, &today), ==, 0);
  today = date ("2026-02-08");
  g_assert_cmpint (overdue (&due, &today), ==, 1);

  /* Each review starts the four weeks again, from the last one. */
  review = date ("2026-02-05");
  ips_journey_add_plan_review (journey, &review);
  review = date ("2026-01-30");
  ips_journey_add_plan_review (journey, &review);
  due = due_of_kind (journey, &today, IPS_DUE_PLAN_REVIEW);
  assert_date (&due.date, "2026-03-05");

  /* A review dated after today has not happened. */
  review = date ("2026-02-20");
  ips_journey_add_plan_review (journey, &review);
  due = due_of_kind (journey, &today, IPS_DUE_PLAN_REVIEW);
  assert_date (&due.date, "2026-03-05");

  /* An undated review row counts for nothing. */
  ips_journey_add_plan_review (journey, NULL);
  due = due_of_kind (journey, &today, IPS_DUE_PLAN_REVIEW);
  assert_date (&due.date, "2026-03-05");
}

static void
test_due_in_work (void)
{
  const char *start_text = "2026-03-02";
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate start = date (start_text);
  GDate today, contact;
  IpsDue due;
  struct
  {
    guint contact_day;     /* after the start */
    IpsDueKind kind;
    guint due_day;
  } schedule[] = {
    { 1, IPS_DUE_IN_WORK_WEEKLY, 8 },
    { 8, IPS_DUE_IN_WORK_WEEKLY, 15 },
    { 21, IPS_DUE_IN_WORK_WEEKLY, 28 },    /* the last weekly one, on day 28 */
    { 22, IPS_DUE_IN_WORK_MONTHLY, 50 },   /* a week on would be past the fourth week */
    { 40, IPS_DUE_IN_WORK_MONTHLY, 68 },
  };

  journey->referral_accepted = date ("2026-01-05");
  ips_journey_add_job (journey, &start, NULL);

  /* A support contact the week before the start does not count after it. */
  contact = plus (start_text, 0);
  g_date_subtract_days (&contact, 5);
  ips_journey_add_in_work_contact (journey, &contact);

  /* Within 3 days of the start: due on day 3, overdue on day 4. */
  today = plus (start_text, 3);
  due = due_of_kind (journey, &today, IPS_DUE_IN_WORK_START);
  assert_date_plus (&due.date, start_text, 3);
  g_assert_cmpint (overdue (&due, &today), ==, 0);
  today = plus (start_text, 4);
  g_assert_cmpint (overdue (&due, &today), ==, 1);
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_IN_WORK);

  /* Then weekly for the first four weeks, then every 28 days. */
  for (guint i = 0; i < G_N_ELEMENTS (schedule); i++)
    {
      g_autoptr(IpsJourney) step = ips_journey_new ();

      ips_journey_add_job (step, &start, NULL);
      contact = plus (start_text, schedule[i].contact_day);
      ips_journey_add_in_work_contact (step, &contact);
      today = contact;
      due = due_of_kind (step, &today, schedule[i].kind);
      g_test_message ("contact on day %u", schedule[i].contact_day);
      assert_date_plus (&due.date, start_text, schedule[i].due_day);
    }

  /* A job that starts in a few days: the contact after it is the next thing. */
  {
    g_autoptr(IpsJourney) soon = ips_journey_new ();

    ips_journey_add_job (soon, &start, NULL);
    today = date ("2026-02-27");
    due = next_due (soon, &today);
    g_assert_cmpint (due.kind, ==, IPS_DUE_IN_WORK_START);
    assert_date (&due.date, "2026-03-05");
  }
}

static void
test_due_job_ended (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate start = date ("2026-03-02");
  GDate end = date ("2026-05-01");
  GDate today, contact;
  IpsDue due;

  ips_journey_add_job (journey, &start, &end);
  contact = date ("2026-04-20");
  ips_journey_add_in_work_contact (journey, &contact);

  /* The day before it ends, the in-work schedule still runs. */
  today = date ("2026-04-30");
  g_assert_true (has_due (journey, &today, IPS_DUE_IN_WORK_MONTHLY));
  g_assert_false (has_due (journey, &today, IPS_DUE_JOB_ENDED));
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_IN_WORK);

  /* From the end date: a contact within 3 days, and no more in-work support. */
  today = end;
  due = due_of_kind (journey, &today, IPS_DUE_JOB_ENDED);
  assert_date (&due.date, "2026-05-04");
  g_assert_false (has_due (journey, &today, IPS_DUE_IN_WORK_MONTHLY));
  g_assert_cmpint (ips_journey_get_stage (journey, &today), !=, IPS_STAGE_IN_WORK);
  today = date ("2026-05-04");
  g_assert_cmpint (overdue (&due, &today), ==, 0);
  today = date ("2026-05-05");
  g_assert_cmpint (overdue (&due, &today), ==, 1);

  /* Any contact from the end date on will do: here an action plan review. */
  contact = date ("2026-05-02");
  ips_journey_add_plan_review (journey, &contact);
  g_assert_false (has_due (journey, &today, IPS_DUE_JOB_ENDED));
}

static void
test_due_keep_in_touch (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate today = date ("2026-01-06");
  GDate contact;
  IpsDue due;

  /* Without any contact, four weeks from entry. */
  journey->referral_accepted = date ("2026-01-05");
  due = due_of_kind (journey, &today, IPS_DUE_KEEP_IN_TOUCH);
  assert_date (&due.date, "2026-02-02");

  /* Each kind of contact counts: the latest one sets the date. */
  journey->first_contact = date ("2026-01-08");
  due = due_of_kind (journey, &today, IPS_DUE_KEEP_IN_TOUCH);
  assert_date (&due.date, "2026-02-02");        /* not yet: it is after today */
  today = date ("2026-01-10");
  due = due_of_kind (journey, &today, IPS_DUE_KEEP_IN_TOUCH);
  assert_date (&due.date, "2026-02-05");

  contact = date ("2026-01-15");
  ips_journey_add_employer_contact (journey, &contact, FALSE);
  today = date ("2026-02-12");
  due = due_of_kind (journey, &today, IPS_DUE_KEEP_IN_TOUCH);
  assert_date (&due.date, "2026-02-12");        /* 28 days: due today */
  g_assert_cmpint (overdue (&due, &today), ==, 0);
  today = date ("2026-02-13");
  g_assert_cmpint (overdue (&due, &today), ==, 1);

  contact = date ("2026-02-01");
  ips_journey_add_in_work_contact (journey, &contact);
  due = due_of_kind (journey, &today, IPS_DUE_KEEP_IN_TOUCH);
  assert_date (&due.date, "2026-03-01");
  contact = ips_journey_get_last_contact (journey, &today);
  assert_date (&contact, "2026-02-01");
}

static void
test_due_next (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate today = date ("2026-02-10");
  GDate contact;
  IpsDue due;

  /* First employer contact on 02-04 beats keeping in touch on 02-12. */
  journey->referral_accepted = date ("2026-01-05");
  journey->first_contact = date ("2026-01-15");
  due = next_due (journey, &today);
  g_assert_cmpint (due.kind, ==, IPS_DUE_FIRST_EMPLOYER_CONTACT);
  assert_date (&due.date, "2026-02-04");
  g_assert_cmpint (overdue (&due, &today), ==, 6);
  g_assert_cmpstr (ips_due_kind_get_label (due.kind), ==, "First face-to-face employer contact");

  /* On the same day, the rule listed first wins: a plan made on the day of
   * acceptance is reviewed on day 28, as keeping in touch would be. */
  contact = date ("2026-01-20");
  ips_journey_add_employer_contact (journey, &contact, TRUE);
  journey->plan_date = date ("2026-01-20");
  due = next_due (journey, &today);
  g_assert_cmpint (due.kind, ==, IPS_DUE_PLAN_REVIEW);
  assert_date (&due.date, "2026-02-17");

  /* Closed: nothing is due at all. */
  journey->closure_date = date ("2026-02-09");
  g_assert_false (ips_journey_get_next_due (journey, &today, &due));
  g_assert_cmpint (due.kind, ==, IPS_DUE_NONE);
}

static void
test_stage (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  GDate today = date ("2026-04-01");
  GDate start, end;

  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_REFERRED);
  journey->referral_received = date ("2026-01-02");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_REFERRED);
  journey->first_contact = date ("2026-01-08");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_ASSESSMENT);
  journey->first_contact = no_date ();
  journey->referral_accepted = date ("2026-01-05");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_ASSESSMENT);
  journey->plan_date = date ("2026-01-20");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_JOB_SEARCH);
  journey->plan_date = no_date ();
  journey->profile_completed = date ("2026-01-25");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_JOB_SEARCH);

  /* In work from the start date until the end date. */
  start = date ("2026-04-01");
  end = date ("2026-06-01");
  ips_journey_add_job (journey, &start, &end);
  today = date ("2026-03-31");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_JOB_SEARCH);
  today = date ("2026-04-01");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_IN_WORK);
  today = date ("2026-05-31");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_IN_WORK);
  today = date ("2026-06-01");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_JOB_SEARCH);

  /* Closed from the day of closure, whatever else is recorded. */
  today = date ("2026-05-01");
  journey->closure_date = date ("2026-06-30");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_IN_WORK);
  today = date ("2026-06-30");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_CLOSED);
  today = date ("2026-07-01");
  g_assert_cmpint (ips_journey_get_stage (journey, &today), ==, IPS_STAGE_CLOSED);

  g_assert_cmpstr (ips_stage_get_label (IPS_STAGE_JOB_SEARCH), ==, "Job search");
  g_assert_true (G_TYPE_IS_ENUM (IPS_TYPE_STAGE));
}

/* The entry */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

static void
test_entry (void)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  g_autoptr(IpsCaseloadEntry) entry = NULL;
  g_autoptr(IpsCaseloadEntry) broken = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *next_due = NULL;
  g_autofree char *due_date = NULL;
  GDate today = date ("2026-02-06");
  IpsStage stage;
  int days;
  gboolean active;

  journey->referral_accepted = date ("2026-01-05");
  journey->first_contact = date ("2026-01-08");
  entry = ips_caseload_entry_new ("/caseload/john.ipsclient", "John", journey, &today);

  g_object_get (entry, "stage", &stage, "next-due", &next_due, "due-date", &due_date,
                "days-overdue", &days, "active", &active, NULL);
  g_assert_cmpint (stage, ==, IPS_STAGE_ASSESSMENT);
  g_assert_cmpstr (next_due, ==, "First face-to-face employer contact");
  g_assert_cmpstr (due_date, ==, "2026-02-04");
  g_assert_cmpint (days, ==, 2);
  g_assert_true (active);
  g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "John");
  g_assert_null (ips_caseload_entry_get_error (entry));
  g_assert_true (ips_caseload_entry_get_journey (entry) == journey);

  /* Another day: only what changed is notified. */
  g_signal_connect (entry, "notify", G_CALLBACK (on_notify), log);
  today = date ("2026-02-07");
  ips_caseload_entry_set_today (entry, &today);
  g_assert_cmpstr (log->str, ==, "days-overdue ");
  g_assert_cmpint (ips_caseload_entry_get_days_overdue (entry), ==, 3);
  ips_caseload_entry_set_today (entry, &today);
  g_assert_cmpstr (log->str, ==, "days-overdue ");

  broken = ips_caseload_entry_new_error ("/caseload/x.ipsclient", NULL, "The file is damaged");
  g_assert_cmpstr (ips_caseload_entry_get_error (broken), ==, "The file is damaged");
  g_assert_null (ips_caseload_entry_get_name (broken));
  g_assert_null (ips_caseload_entry_get_next_due (broken));
  g_assert_null (ips_caseload_entry_get_journey (broken));
  g_assert_true (ips_caseload_entry_get_active (broken));

  /* Named clients first, by name; unnamed files after them. */
  g_assert_cmpint (ips_caseload_entry_compare (entry, broken), <, 0);
  g_assert_cmpint (ips_caseload_entry_compare (broken, entry), >, 0);
}

/* Client files in a folder */

typedef struct
{
  char *dir;
  IpsFormCatalog *catalog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ips_test_make_dir ();
  fixture->catalog = ips_test_catalog ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ips_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_object_unref (fixture->catalog);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static IpsClientFile *
new_client (Fixture    *fixture,
            const char *file_name,
            const char *client_name)
{
  g_autofree char *path = path_in (fixture, file_name);

  return ips_test_new_client (path, fixture->catalog, client_name);
}

static void
make_newer (Fixture    *fixture,
            const char *file_name)
{
  g_autoptr(IpsClientFile) file = new_client (fixture, file_name, "Nadia");
  g_autofree char *path = path_in (fixture, file_name);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", IPS_CLIENT_FILE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_clear_object (&file);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The small made-up caseload of the figures test, as it stands on 2026-06-30. */
static void
make_caseload (Fixture *fixture)
{
  g_autoptr(IpsClientFile) ann = new_client (fixture, "ann.ipsclient", "Ann");
  g_autoptr(IpsClientFile) ben = new_client (fixture, "ben.ipsclient", "Ben");
  g_autoptr(IpsClientFile) cat = new_client (fixture, "cat.ipsclient", "Cat");
  g_autoptr(IpsClientFile) dan = new_client (fixture, "dan.ipsclient", "Dan");

  /* In work since February: 15 days to her first employer meeting. */
  ips_test_set (ann, "journey", "referral-received", "2026-01-01");
  ips_test_set (ann, "journey", "referral-accepted", "2026-01-05");
  ips_test_set (ann, "journey", "employment-status-at-referral", "out-of-work");
  ips_test_add_row (ann, "journey", "employer-contacts", "date", "2026-01-20", "face-to-face", "yes",
           "employer", "Shop One", NULL);
  ips_test_add_row (ann, "journey", "jobs", "title", "Sales assistant", "employer", "Shop One",
           "start-date", "2026-02-01", "job-type", "retail", "permanence", "permanent",
           "competitive", "yes", NULL);
  ips_test_add_row (ann, "journey", "in-work-support", "date", "2026-06-20", "with", "client", NULL);

  /* Looking, with a plan: 40 days to his first employer meeting. */
  ips_test_set (ben, "journey", "referral-accepted", "2026-02-01");
  ips_test_set (ben, "journey", "employment-status-at-referral", "out-of-work");
  ips_test_add_row (ben, "journey", "employer-contacts", "date", "2026-03-13", "face-to-face", "yes", NULL);
  ips_test_set (ben, "action-plan", "date", "2026-06-10");

  /* Closed after two jobs, one of them more than a year ago. */
  ips_test_set (cat, "journey", "referral-accepted", "2025-03-01");
  ips_test_set (cat, "journey", "employment-status-at-referral", "out-of-work");
  ips_test_add_row (cat, "journey", "employer-contacts", "date", "2025-03-21", "face-to-face", "yes", NULL);
  ips_test_add_row (cat, "journey", "jobs", "employer", "shop one ", "start-date", "2025-04-01",
           "end-date", "2025-06-01", "job-type", "Retail", "permanence", "temporary",
           "competitive", "no", NULL);
  ips_test_add_row (cat, "journey", "jobs", "employer", "Cafe", "start-date", "2025-09-01",
           "job-type", "catering", "competitive", "yes", NULL);
  ips_test_set (cat, "journey", "closure-date", "2026-01-31");

  /* In work at referral, accepted in May, not seen since: overdue. */
  ips_test_set (dan, "journey", "referral-accepted", "2026-05-01");
  ips_test_set (dan, "journey", "employment-status-at-referral", "in-work-at-risk");

  {
    g_autofree char *damaged = path_in (fixture, "damaged.ipsclient");

    ips_test_make_damaged (damaged, fixture->catalog);
  }
}

static GListModel *
scan_sync (IpsCaseloadScan *scan,
           Fixture         *fixture,
           const char      *today_text)
{
  g_autoptr(GError) error = NULL;
  GDate today = date (today_text);
  GListModel *entries = ips_caseload_scan_run (scan, fixture->dir, &today, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static IpsCaseloadEntry *
entry_at (GListModel *entries,
          guint       position)
{
  g_autoptr(IpsCaseloadEntry) entry = g_list_model_get_item (entries, position);

  g_assert_nonnull (entry);
  return entry;   /* the model keeps it alive */
}

/* The scan */

typedef struct
{
  GThread *main_thread;
  guint n_calls;
  guint done;
  guint total;
  GListModel *result;
  GError *error;
  gboolean finished;
} ScanState;

static void
on_progress (IpsCaseloadScan *scan,
             guint            done,
             guint            total,
             ScanState       *state)
{
  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, state->done);
  state->n_calls++;
  state->done = done;
  state->total = total;
}

static void
on_scan_finished (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  ScanState *state = data;

  state->result = ips_caseload_scan_run_finish (IPS_CASELOAD_SCAN (source), result, &state->error);
  state->finished = TRUE;
}

static void
test_scan (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
  g_autoptr(GListModel) again = NULL;
  g_autoptr(GListModel) third = NULL;
  g_autofree char *subfolder = path_in (fixture, "old.ipsclient");
  g_autofree char *link = path_in (fixture, "link.ipsclient");
  g_autofree char *target = path_in (fixture, "ann.ipsclient");
  g_autofree char *notes = path_in (fixture, "notes.txt");
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) ann_before = NULL;
  g_autoptr(GBytes) ann_after = NULL;
  ScanState state = { g_thread_self () };
  GDate today = date ("2026-06-30");
  /* Unnamed last, by file name: the damaged file cannot say its name. */
  const char *expected[] = { "Ann", "Ben", "Cat", "Dan", "Nadia", NULL };
  g_autoptr(IpsClientFile) unnamed = NULL;

  make_caseload (fixture);
  make_newer (fixture, "newer.ipsclient");
  unnamed = new_client (fixture, "unnamed.ipsclient", NULL);
  g_clear_object (&unnamed);
  /* Not listed: a folder, a link, another kind of file. */
  g_assert_cmpint (g_mkdir (subfolder, 0700), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  ips_test_write_file (notes, "notes", 5);

  listing_before = ips_test_list_dir (fixture->dir);
  ann_before = ips_test_read_bytes (target);

  g_signal_connect (scan, "progress", G_CALLBACK (on_progress), &state);
  ips_caseload_scan_run_async (scan, fixture->dir, &today, NULL, on_scan_finished, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);

  /* Every client file, by name, the unnamed one last; damaged and newer
   * files are listed with what is wrong. */
  g_assert_cmpuint (g_list_model_get_n_items (state.result), ==, 7);
  g_assert_cmpuint (ips_caseload_scan_get_n_files_read (scan), ==, 7);
  for (guint i = 0; expected[i]; i++)
    {
      g_autofree char *name = NULL;

      g_object_get (entry_at (state.result, i), "name", &name, NULL);
      g_assert_cmpstr (name, ==, expected[i]);
    }
  g_assert_null (ips_caseload_entry_get_name (entry_at (state.result, 5)));
  g_assert_true (g_str_has_suffix (ips_caseload_entry_get_path (entry_at (state.result, 5)),
                                   "damaged.ipsclient"));
  g_assert_null (ips_caseload_entry_get_name (entry_at (state.result, 6)));
  g_assert_true (g_str_has_suffix (ips_caseload_entry_get_path (entry_at (state.result, 6)),
                                   "unnamed.ipsclient"));

  g_assert_null (ips_caseload_entry_get_error (entry_at (state.result, 0)));
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (state.result, 0)), ==, IPS_STAGE_IN_WORK);
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (state.result, 1)), ==, IPS_STAGE_JOB_SEARCH);
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (state.result, 2)), ==, IPS_STAGE_CLOSED);
  g_assert_false (ips_caseload_entry_get_active (entry_at (state.result, 2)));
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (state.result, 3)), ==, IPS_STAGE_ASSESSMENT);
  g_assert_cmpstr (ips_caseload_entry_get_due_date (entry_at (state.result, 3)), ==, "2026-05-29");
  g_assert_cmpint (ips_caseload_entry_get_days_overdue (entry_at (state.result, 3)), ==, 32);
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (state.result, 6)), ==, IPS_STAGE_REFERRED);
  g_assert_null (ips_caseload_entry_get_next_due (entry_at (state.result, 6)));

  g_assert_nonnull (strstr (ips_caseload_entry_get_error (entry_at (state.result, 4)), "newer version"));
  g_assert_nonnull (strstr (ips_caseload_entry_get_error (entry_at (state.result, 5)), "damaged"));
  g_assert_null (ips_caseload_entry_get_error (entry_at (state.result, 6)));
  g_test_message ("newer: %s", ips_caseload_entry_get_error (entry_at (state.result, 4)));
  g_test_message ("damaged: %s", ips_caseload_entry_get_error (entry_at (state.result, 5)));

  /* Progress from 0 to every file, on this thread. */
  g_assert_cmpuint (state.n_calls, ==, 8);
  g_assert_cmpuint (state.done, ==, 7);
  g_assert_cmpuint (state.total, ==, 7);
  g_signal_handlers_disconnect_by_func (scan, on_progress, &state);

  /* Nothing was written, and nothing left beside the files. */
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  ann_after = ips_test_read_bytes (target);
  g_assert_true (g_bytes_equal (ann_before, ann_after));

  /* A second scan reads nothing again, and says the same. */
  again = scan_sync (scan, fixture, "2026-06-30");
  g_assert_cmpuint (ips_caseload_scan_get_n_files_read (scan), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (again), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      IpsCaseloadEntry *a = entry_at (state.result, i);
      IpsCaseloadEntry *b = entry_at (again, i);

      g_assert_cmpstr (ips_caseload_entry_get_path (a), ==, ips_caseload_entry_get_path (b));
      g_assert_cmpstr (ips_caseload_entry_get_error (a), ==, ips_caseload_entry_get_error (b));
      g_assert_cmpstr (ips_caseload_entry_get_due_date (a), ==, ips_caseload_entry_get_due_date (b));
    }

  /* An edit is seen, by reading that file alone; a removed file is gone. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IpsClientFile) dan = NULL;
    g_autofree char *dan_path = path_in (fixture, "dan.ipsclient");
    g_autofree char *ben_path = path_in (fixture, "ben.ipsclient");

    dan = ips_client_file_open (dan_path, fixture->catalog, IPS_CLIENT_FILE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    ips_test_set (dan, "journey", "closure-date", "2026-06-29");
    g_clear_object (&dan);
    g_assert_cmpint (g_unlink (ben_path), ==, 0);
  }
  third = scan_sync (scan, fixture, "2026-06-30");
  g_assert_cmpuint (ips_caseload_scan_get_n_files_read (scan), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (third), ==, 6);
  g_assert_cmpstr (ips_caseload_entry_get_name (entry_at (third, 2)), ==, "Dan");
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (third, 2)), ==, IPS_STAGE_CLOSED);

  g_clear_object (&state.result);
}

static void
test_scan_folder_errors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *missing = path_in (fixture, "missing");
  g_autofree char *file = path_in (fixture, "a.ipsclient");
  ScanState state = { g_thread_self () };
  g_autoptr(IpsClientFile) client = new_client (fixture, "a.ipsclient", "Ann");

  entries = ips_caseload_scan_run (scan, missing, NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  entries = ips_caseload_scan_run (scan, file, NULL, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, IPS_ERROR, IPS_ERROR_UNREADABLE);
  g_clear_error (&error);

  /* An empty folder is an empty list. */
  g_clear_object (&client);
  g_unlink (file);
  entries = ips_caseload_scan_run (scan, fixture->dir, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_clear_object (&entries);

  /* Cancelled: an error, not a partial list. */
  client = new_client (fixture, "a.ipsclient", "Ann");
  g_cancellable_cancel (cancellable);
  ips_caseload_scan_run_async (scan, fixture->dir, NULL, cancellable, on_scan_finished, &state);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (state.result);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
}

/* A window edits a client while the caseload is scanned: the scan lists it,
 * and every edit goes through at once. */
static void
test_scan_while_editing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
  g_autoptr(IpsClientFile) writer = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *writer_path = NULL;
  ScanState state = { g_thread_self () };
  gint64 slowest = 0;
  guint n_edits = 0;
  guint n_rounds = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *file_name = g_strdup_printf ("client-%02u.ipsclient", i);
      g_autofree char *name = g_strdup_printf ("Client %02u", i);
      g_autoptr(IpsClientFile) file = new_client (fixture, file_name, name);

      ips_test_set (file, "journey", "referral-accepted", "2026-01-05");
      ips_test_add_row (file, "journey", "employer-contacts", "date", "2026-01-20", "face-to-face", "yes", NULL);
    }

  writer = new_client (fixture, "writer.ipsclient", "Wendy");
  writer_path = g_strdup (ips_client_file_get_path (writer));
  ips_test_set (writer, "journey", "referral-accepted", "2026-01-05");

  /* Several scans in a row, with edits all the while. */
  while (n_rounds < 3)
    {
      state.finished = FALSE;
      g_clear_object (&state.result);
      ips_caseload_scan_run_async (scan, fixture->dir, NULL, NULL, on_scan_finished, &state);
      while (!state.finished)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *value = g_strdup_printf ("Edit %u", n_edits);
          gint64 before = g_get_monotonic_time ();
          g_autofree char *row = NULL;

          ips_client_file_set_value (writer, "referral", "current-situation", value, &error);
          g_assert_no_error (error);
          row = ips_client_file_add_row (writer, "journey", "in-work-support", -1, &error);
          g_assert_no_error (error);
          ips_client_file_set_row_value (writer, row, "date", "2026-02-01", &error);
          g_assert_no_error (error);
          slowest = MAX (slowest, g_get_monotonic_time () - before);
          n_edits++;
          g_main_context_iteration (NULL, FALSE);
        }
      g_assert_no_error (state.error);
      g_assert_cmpuint (g_list_model_get_n_items (state.result), ==, 41);
      n_rounds++;
    }

  g_test_message ("%u edits during the scans, the slowest in %" G_GINT64_FORMAT " microseconds", n_edits, slowest);
  g_assert_cmpuint (n_edits, >, 0);
  /* One more edit, so that the next scan has something new to read. */
  ips_test_set (writer, "referral", "current-situation", "After the scans");
  /* The busy timeout is 3 s: an edit that waited for the scan would show. */
  g_assert_cmpint (slowest, <, G_USEC_PER_SEC);

  for (guint i = 0; i < g_list_model_get_n_items (state.result); i++)
    {
      IpsCaseloadEntry *entry = entry_at (state.result, i);

      g_assert_null (ips_caseload_entry_get_error (entry));
      if (g_strcmp0 (ips_caseload_entry_get_path (entry), writer_path) == 0)
        {
          g_assert_cmpstr (ips_caseload_entry_get_name (entry), ==, "Wendy");
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* The writer still holds its lock and its edits are all there. */
  g_assert_true (ips_file_lock_probe (writer_path, NULL, NULL, NULL));
  {
    g_auto(GStrv) rows = ips_client_file_list_rows (writer, "journey", "in-work-support");
    g_autofree char *value = ips_client_file_get_value (writer, "referral", "current-situation");

    g_assert_cmpuint (g_strv_length (rows), ==, n_edits);
    g_assert_cmpstr (value, ==, "After the scans");
  }

  /* What the writer did since is read on the next scan. */
  after = scan_sync (scan, fixture, "2026-02-10");
  g_assert_cmpuint (ips_caseload_scan_get_n_files_read (scan), ==, 1);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      IpsCaseloadEntry *entry = entry_at (after, i);

      if (g_strcmp0 (ips_caseload_entry_get_path (entry), writer_path) == 0)
        {
          IpsJourney *journey = ips_caseload_entry_get_journey (entry);

          g_assert_cmpuint (journey->in_work_contacts->len, ==, n_edits);
        }
    }
  g_clear_object (&state.result);
}

/* Files no window has open are read without making -wal or -shm files beside
 * them (a third of a first scan's time); a file a window has open is read
 * with what the window committed to its -wal file. */
static void
test_scan_at_rest (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
  g_autoptr(IpsClientFile) writer = new_client (fixture, "wendy.ipsclient", "Wendy");
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;
  const char *expected[] = { "Ann", "Ben", "Cat", "Dan", "Nadia", "Wendy Jones", NULL };
  const char *name;
  char events[4096];
  ssize_t length;
  int watch;

  make_caseload (fixture);
  make_newer (fixture, "newer.ipsclient");
  /* Committed, in the writer's -wal file; not yet in the file itself. */
  ips_test_set (writer, "referral", "name", "Wendy Jones");

  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, IPS_CLIENT_FILE_EXTENSION))
      {
        g_autofree char *path = path_in (fixture, name);

        ips_test_age_file (path);
      }
  listing_before = ips_test_list_dir (fixture->dir);

  watch = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (watch, >=, 0);
  g_assert_cmpint (inotify_add_watch (watch, fixture->dir, IN_CREATE | IN_DELETE), >=, 0);
  entries = scan_sync (scan, fixture, "2026-06-30");
  length = read (watch, events, sizeof events);
  if (length > 0)
    {
      const struct inotify_event *event = (const struct inotify_event *)(void *)events;

      g_error ("The scan made or removed %s", event->len > 0 ? event->name : "a file");
    }
  close (watch);

  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 7);
  for (guint i = 0; expected[i]; i++)
    g_assert_cmpstr (ips_caseload_entry_get_name (entry_at (entries, i)), ==, expected[i]);
  g_assert_cmpint (ips_caseload_entry_get_stage (entry_at (entries, 0)), ==, IPS_STAGE_IN_WORK);
  g_assert_cmpstr (ips_caseload_entry_get_due_date (entry_at (entries, 3)), ==, "2026-05-29");
  g_assert_nonnull (strstr (ips_caseload_entry_get_error (entry_at (entries, 4)), "newer version"));
  g_assert_true (g_str_has_suffix (ips_caseload_entry_get_path (entry_at (entries, 6)), "damaged.ipsclient"));
  g_assert_nonnull (strstr (ips_caseload_entry_get_error (entry_at (entries, 6)), "damaged"));
}

/* The figures */

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(IpsCaseloadScan) scan = ips_caseload_scan_new (fixture->catalog);
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(IpsCaseloadFigures) figures = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GDate today = date ("2026-06-30");
  const IpsFigureCount *count;

  make_caseload (fixture);
  entries = scan_sync (scan, fixture, "2026-06-30");
  figures = ips_caseload_figures_compute (entries, &today);

  g_assert_cmpuint (figures->n_files, ==, 5);
  g_assert_cmpuint (figures->n_unreadable, ==, 1);
  g_assert_cmpuint (figures->n_clients, ==, 4);
  g_assert_cmpuint (figures->n_active, ==, 3);
  g_assert_cmpuint (figures->n_active_in_contact, ==, 2);
  g_assert_cmpuint (figures->n_closed, ==, 1);
  g_assert_cmpuint (figures->n_overdue, ==, 1);
  g_assert_cmpuint (figures->caseload_limit, ==, 20);

  /* 15, 20 and 40 days. */
  g_assert_cmpuint (figures->n_employer_contact_measured, ==, 3);
  g_assert_cmpfloat (figures->median_days_to_employer_contact, ==, 20);
  g_assert_cmpuint (figures->n_employer_contact_within_30_days, ==, 2);

  g_assert_cmpuint (figures->n_job_starts, ==, 3);
  g_assert_cmpuint (figures->n_job_starts_last_12_months, ==, 2);
  g_assert_cmpuint (figures->n_clients_into_work, ==, 2);
  g_assert_cmpuint (figures->n_out_of_work_at_referral, ==, 3);
  g_assert_cmpuint (figures->n_out_of_work_into_work, ==, 2);

  /* "retail" and "Retail", "Shop One" and "shop one " are one each. */
  g_assert_cmpuint (figures->job_types->len, ==, 2);
  count = g_ptr_array_index (figures->job_types, 0);
  g_assert_cmpstr (count->label, ==, "retail");
  g_assert_cmpuint (count->count, ==, 2);
  count = g_ptr_array_index (figures->job_types, 1);
  g_assert_cmpstr (count->label, ==, "catering");
  g_assert_cmpuint (count->count, ==, 1);
  g_assert_cmpuint (figures->n_job_type_unknown, ==, 0);
  g_assert_cmpuint (figures->employers->len, ==, 2);
  count = g_ptr_array_index (figures->employers, 0);
  g_assert_cmpuint (count->count, ==, 2);

  g_assert_cmpuint (figures->n_permanent, ==, 1);
  g_assert_cmpuint (figures->n_temporary, ==, 1);
  g_assert_cmpuint (figures->n_permanence_unknown, ==, 1);
  g_assert_cmpuint (figures->n_competitive, ==, 2);
  g_assert_cmpuint (figures->n_not_competitive, ==, 1);
  g_assert_cmpuint (figures->n_competitive_unknown, ==, 0);

  lines = ips_caseload_figures_to_lines (figures);
  text = g_strjoinv ("\n", lines);
  g_test_message ("%s", text);
  g_assert_cmpstr (lines[0], ==, "Caseload figures on 2026-06-30, from 5 client files");
  g_assert_nonnull (strstr (text, "Active caseload: 3 clients against the limit of 20"));
  g_assert_nonnull (strstr (text, "median 20, over 3 clients; 2 within 30 days"));
  g_assert_nonnull (strstr (text, "Job starts: 3 in all, 2 in the last 12 months, by 2 clients"));
  g_assert_nonnull (strstr (text, "Employment rate of clients out of work at referral: 67% (2 of 3"));
  g_assert_nonnull (strstr (text, "Job types: 2 different over 3 jobs (retail 2, catering 1)"));
  g_assert_nonnull (strstr (text, "Employers: 2 different over 3 jobs"));
  g_assert_nonnull (strstr (text, "Permanent jobs: 1; temporary: 1; not recorded: 1"));
  g_assert_nonnull (strstr (text, "Competitive jobs: 67% (2 of 3 jobs with an answer)"));
  g_assert_cmpstr (lines[g_strv_length (lines) - 1], ==, "1 file could not be read");
  /* No names of clients, nor of employers. */
  g_assert_null (strstr (text, "Ann"));
  g_assert_null (strstr (text, "Dan"));
  g_assert_null (strstr (text, "Damaged"));
  g_assert_null (strstr (text, "Shop"));

  /* An even number of clients: the median is halfway. */
  {
    g_autoptr(GListStore) store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
    g_autoptr(IpsCaseloadFigures) two = NULL;

    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(IpsJourney) journey = ips_journey_new ();
        g_autoptr(IpsCaseloadEntry) entry = NULL;
        GDate contact = plus ("2026-01-05", i ? 12 : 7);

        journey->referral_accepted = date ("2026-01-05");
        ips_journey_add_employer_contact (journey, &contact, TRUE);
        entry = ips_caseload_entry_new ("/x.ipsclient", NULL, journey, &today);
        g_list_store_append (store, entry);
      }
    two = ips_caseload_figures_compute (G_LIST_MODEL (store), &today);
    g_assert_cmpfloat (two->median_days_to_employer_contact, ==, 9.5);
  }
}

static void
test_figures_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (IPS_TYPE_CASELOAD_ENTRY);
  g_autoptr(IpsCaseloadFigures) figures = NULL;
  g_auto(GStrv) lines = NULL;
  GDate today = date ("2026-06-30");

  figures = ips_caseload_figures_compute (G_LIST_MODEL (store), &today);
  g_assert_cmpfloat (figures->median_days_to_employer_contact, <, 0);
  lines = ips_caseload_figures_to_lines (figures);
  g_assert_cmpstr (lines[0], ==, "Caseload figures on 2026-06-30, from 0 client files");
  for (guint i = 0; lines[i]; i++)
    g_assert_null (strstr (lines[i], "could not be read"));
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
run_command (Run *run,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("IPS_CASELOAD_EXE");
  const char *arg;
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *)exe);
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

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *missing = path_in (fixture, "no-such-folder");
  g_autofree char *file = path_in (fixture, "ann.ipsclient");
  g_autofree char *listing_before = NULL;
  g_autofree char *listing_after = NULL;

  if (g_getenv ("IPS_CASELOAD_EXE") == NULL)
    {
      g_test_skip ("IPS_CASELOAD_EXE is not set");
      return;
    }

  make_caseload (fixture);
  listing_before = ips_test_list_dir (fixture->dir);

  {
    g_auto(Run) run = { 0 };

    run_command (&run, "report", "--as-of=2026-06-30", fixture->dir, NULL);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_true (g_str_has_prefix (run.out, "Caseload figures on 2026-06-30, from 5 client files\n"));
    g_assert_nonnull (strstr (run.out, "\nActive caseload: 3 clients against the limit of 20"));
    g_assert_nonnull (strstr (run.out, "\nEmployment rate of clients out of work at referral: 67%"));
    /* The figures, then the fidelity items after a blank line. */
    g_assert_nonnull (strstr (run.out, "\n1 file could not be read\n\nFidelity item 1, "));
    g_assert_null (strstr (run.out, "Ann"));
    g_assert_null (strstr (run.out, "damaged.ipsclient"));
  }

  /* The report changes nothing in the folder. */
  listing_after = ips_test_list_dir (fixture->dir);
  g_assert_cmpstr (listing_before, ==, listing_after);

  {
    g_auto(Run) run = { 0 };

    run_command (&run, "report", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, missing));
    g_assert_nonnull (strstr (run.err, "No such folder"));
  }
  {
    g_auto(Run) run = { 0 };

    run_command (&run, "report", file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpuint (count_lines (run.err), ==, 1);
    g_assert_nonnull (strstr (run.err, file));
    g_assert_nonnull (strstr (run.err, "not a folder"));
  }
  {
    g_auto(Run) run = { 0 };

    run_command (&run, "report", "--as-of=30/06/2026", fixture->dir, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };

    run_command (&run, "report", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* "ips-caseload --help" lists the commands; a mistyped command is said to
 * be one, where the window would only fail to open a file of that name. */
static void
test_cli_help (void)
{
  const char *helps[] = { "--help", "-h", "help" };

  if (g_getenv ("IPS_CASELOAD_EXE") == NULL)
    {
      g_test_skip ("IPS_CASELOAD_EXE is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (helps); i++)
    {
      g_auto(Run) run = { 0 };

      run_command (&run, helps[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_true (g_str_has_prefix (run.out, "Usage:\n  ips-caseload [FILE…]\n"));
      g_assert_nonnull (strstr (run.out, "\nCommands:\n"));
      for (const char *const *name = (const char *const[]){ "new", "check", "export", "import", "report", NULL };
           *name != NULL; name++)
        {
          g_autofree char *line = g_strdup_printf ("\n  ips-caseload %s ", *name);

          g_assert_nonnull (strstr (run.out, line));
        }
    }

  {
    g_auto(Run) run = { 0 };

    run_command (&run, "exprot", "--format=odt", "client.ipsclient", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "ips-caseload: “exprot” is neither a command nor a file\n"
                                  "Try “ips-caseload --help”.\n");
  }
}

/* ips-caseload opens the window without loading what the commands need: it
 * links the C library alone (and the sanitizers' runtimes in those builds),
 * and the commands are a module it loads (bench/NOTES.md). */
static void
test_cli_launcher_libraries (void)
{
  const char *exe = g_getenv ("IPS_CASELOAD_EXE");
  g_autofree char *objdump = g_find_program_in_path ("objdump");
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  guint needed = 0;

  if (exe == NULL || objdump == NULL)
    {
      g_test_skip ("IPS_CASELOAD_EXE is not set, or there is no objdump");
      return;
    }
  g_spawn_sync (NULL, (char *[]){ objdump, "-p", (char *) exe, NULL }, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      const char *library = NULL;

      if (g_strcmp0 (words[0], "NEEDED") != 0)
        continue;
      for (guint j = 1; words[j] != NULL && library == NULL; j++)
        if (words[j][0] != '\0')
          library = words[j];
      g_assert_nonnull (library);
      needed++;
      if (!g_str_has_prefix (library, "libasan.") && !g_str_has_prefix (library, "libubsan."))
        g_assert_cmpstr (library, ==, "libc.so.6");
    }
  g_assert_cmpuint (needed, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/caseload/dates", test_dates);
  g_test_add_func ("/core/caseload/due/first-employer-contact", test_due_first_employer_contact);
  g_test_add_func ("/core/caseload/due/first-employer-contact-after-job", test_due_first_employer_contact_after_job);
  g_test_add_func ("/core/caseload/due/plan-review", test_due_plan_review);
  g_test_add_func ("/core/caseload/due/in-work", test_due_in_work);
  g_test_add_func ("/core/caseload/due/job-ended", test_due_job_ended);
  g_test_add_func ("/core/caseload/due/keep-in-touch", test_due_keep_in_touch);
  g_test_add_func ("/core/caseload/due/next", test_due_next);
  g_test_add_func ("/core/caseload/stage", test_stage);
  g_test_add_func ("/core/caseload/entry", test_entry);
  g_test_add ("/core/caseload/scan", Fixture, NULL, fixture_set_up, test_scan, fixture_tear_down);
  g_test_add ("/core/caseload/scan-folder-errors", Fixture, NULL, fixture_set_up,
              test_scan_folder_errors, fixture_tear_down);
  g_test_add ("/core/caseload/scan-at-rest", Fixture, NULL, fixture_set_up,
              test_scan_at_rest, fixture_tear_down);
  g_test_add ("/core/caseload/scan-while-editing", Fixture, NULL, fixture_set_up,
              test_scan_while_editing, fixture_tear_down);
  g_test_add ("/core/caseload/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add_func ("/core/caseload/figures-empty", test_figures_empty);
  g_test_add ("/core/caseload/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add_func ("/core/cli/help", test_cli_help);
  g_test_add_func ("/core/cli/launcher-libraries", test_cli_launcher_libraries);

  return g_test_run ();
}
