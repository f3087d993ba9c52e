/* ips-journey.c
 *
 * The due rules follow the IPS standards in the training workbook and the
 * fidelity scale: a first face-to-face employer contact within 30 days of
 * entry, the action plan reviewed every four weeks, in-work support within
 * 3 days of a job start, weekly for the first four weeks and at least
 * monthly after, a contact soon after a job ends, and no active client left
 * without contact for four weeks. They are pure functions of the recorded
 * dates and of "today", so that they can be tested on fixed dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ips-journey.h"

#define FIRST_EMPLOYER_CONTACT_DAYS 30
#define PLAN_REVIEW_DAYS 28
#define IN_WORK_START_DAYS 3
#define IN_WORK_WEEKLY_DAYS 7
#define IN_WORK_WEEKLY_PERIOD_DAYS 28
#define IN_WORK_MONTHLY_DAYS 28
#define JOB_ENDED_DAYS 3
#define KEEP_IN_TOUCH_DAYS 28

/* Enums */

GType
ips_stage_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { IPS_STAGE_REFERRED, "IPS_STAGE_REFERRED", "referred" },
    { IPS_STAGE_ASSESSMENT, "IPS_STAGE_ASSESSMENT", "assessment" },
    { IPS_STAGE_JOB_SEARCH, "IPS_STAGE_JOB_SEARCH", "job-search" },
    { IPS_STAGE_IN_WORK, "IPS_STAGE_IN_WORK", "in-work" },
    { IPS_STAGE_CLOSED, "IPS_STAGE_CLOSED", "closed" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("IpsStage"), values));
  return type;
}

const char *
ips_stage_get_label (IpsStage stage)
{
  switch (stage)
    {
    case IPS_STAGE_REFERRED:
      return _("Referred");
    case IPS_STAGE_ASSESSMENT:
      return _("Assessment");
    case IPS_STAGE_JOB_SEARCH:
      return _("Job search");
    case IPS_STAGE_IN_WORK:
      return _("In work");
    case IPS_STAGE_CLOSED:
      return _("Closed");
    default:
      g_return_val_if_reached (NULL);
    }
}

GType
ips_due_kind_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { IPS_DUE_NONE, "IPS_DUE_NONE", "none" },
    { IPS_DUE_FIRST_EMPLOYER_CONTACT, "IPS_DUE_FIRST_EMPLOYER_CONTACT", "first-employer-contact" },
    { IPS_DUE_PLAN_REVIEW, "IPS_DUE_PLAN_REVIEW", "plan-review" },
    { IPS_DUE_IN_WORK_START, "IPS_DUE_IN_WORK_START", "in-work-start" },
    { IPS_DUE_IN_WORK_WEEKLY, "IPS_DUE_IN_WORK_WEEKLY", "in-work-weekly" },
    { IPS_DUE_IN_WORK_MONTHLY, "IPS_DUE_IN_WORK_MONTHLY", "in-work-monthly" },
    { IPS_DUE_JOB_ENDED, "IPS_DUE_JOB_ENDED", "job-ended" },
    { IPS_DUE_KEEP_IN_TOUCH, "IPS_DUE_KEEP_IN_TOUCH", "keep-in-touch" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("IpsDueKind"), values));
  return type;
}

const char *
ips_due_kind_get_label (IpsDueKind kind)
{
  switch (kind)
    {
    case IPS_DUE_NONE:
      return NULL;
    case IPS_DUE_FIRST_EMPLOYER_CONTACT:
      return _("First face-to-face employer contact");
    case IPS_DUE_PLAN_REVIEW:
      return _("Action plan review");
    case IPS_DUE_IN_WORK_START:
      return _("In-work support after the job start");
    case IPS_DUE_IN_WORK_WEEKLY:
      return _("Weekly in-work support");
    case IPS_DUE_IN_WORK_MONTHLY:
      return _("Monthly in-work support");
    case IPS_DUE_JOB_ENDED:
      return _("Contact after the job ended");
    case IPS_DUE_KEEP_IN_TOUCH:
      return _("Contact with the client (none for 4 weeks)");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Dates */

GDate
ips_date_parse (const char *text)
{
  GDate date;
  guint year, month, day;

  g_date_clear (&date, 1);
  if (text == NULL || strlen (text) != 10)
    return date;
  for (guint i = 0; i < 10; i++)
    if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return date;

  year = (guint)g_ascii_strtoull (text, NULL, 10);
  month = (guint)g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint)g_ascii_strtoull (text + 8, NULL, 10);
  if (year >= 1 && year <= 9999 && g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year))
    g_date_set_dmy (&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
  return date;
}

char *
ips_date_format (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

GDate
ips_date_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay)g_date_time_get_day_of_month (now),
                  (GDateMonth)g_date_time_get_month (now), (GDateYear)g_date_time_get_year (now));
  return date;
}

/* Julian day numbers make the arithmetic plain; 0 means "not recorded". */
static guint32
julian (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? g_date_get_julian (date) : 0;
}

static GDate
from_day (guint32 number)
{
  GDate date;

  g_date_clear (&date, 1);
  if (number > 0 && g_date_valid_julian (number))
    g_date_set_julian (&date, number);
  return date;
}

/* The journey */

static void
job_clear (gpointer data)
{
  IpsJob *job = data;

  g_free (job->job_type);
  g_free (job->employer);
  g_free (job->permanence);
  g_free (job->competitive);
  g_free (job);
}

IpsJourney *
ips_journey_new (void)
{
  IpsJourney *journey = g_atomic_rc_box_new0 (IpsJourney);

  journey->employer_contacts = g_array_new (FALSE, TRUE, sizeof (IpsEmployerContact));
  journey->plan_reviews = g_array_new (FALSE, TRUE, sizeof (GDate));
  journey->in_work_contacts = g_array_new (FALSE, TRUE, sizeof (GDate));
  journey->jobs = g_ptr_array_new_with_free_func (job_clear);
  journey->in_work_face_to_face = g_array_new (FALSE, TRUE, sizeof (gboolean));
  return journey;
}

IpsJourney *
ips_journey_ref (IpsJourney *journey)
{
  g_return_val_if_fail (journey != NULL, NULL);
  return g_atomic_rc_box_acquire (journey);
}

static void
journey_clear (gpointer data)
{
  IpsJourney *journey = data;

  g_free (journey->employment_status);
  g_array_unref (journey->employer_contacts);
  g_array_unref (journey->plan_reviews);
  g_array_unref (journey->in_work_contacts);
  g_ptr_array_unref (journey->jobs);
  g_array_unref (journey->in_work_face_to_face);
}

void
ips_journey_unref (IpsJourney *journey)
{
  g_return_if_fail (journey != NULL);
  g_atomic_rc_box_release_full (journey, journey_clear);
}

G_DEFINE_BOXED_TYPE (IpsJourney, ips_journey, ips_journey_ref, ips_journey_unref)

static GDate
copy_date (const GDate *date)
{
  return from_day (julian (date));
}

void
ips_journey_add_employer_contact (IpsJourney  *journey,
                                  const GDate *date,
                                  gboolean     face_to_face)
{
  IpsEmployerContact contact = { copy_date (date), face_to_face };

  g_return_if_fail (journey != NULL);
  g_array_append_val (journey->employer_contacts, contact);
}

void
ips_journey_add_plan_review (IpsJourney  *journey,
                             const GDate *date)
{
  GDate copy = copy_date (date);

  g_return_if_fail (journey != NULL);
  g_array_append_val (journey->plan_reviews, copy);
}

void
ips_journey_add_in_work_contact (IpsJourney  *journey,
                                 const GDate *date)
{
  ips_journey_add_in_work_contact_full (journey, date, FALSE);
}

void
ips_journey_add_in_work_contact_full (IpsJourney  *journey,
                                      const GDate *date,
                                      gboolean     face_to_face)
{
  GDate copy = copy_date (date);

  g_return_if_fail (journey != NULL);
  g_array_append_val (journey->in_work_contacts, copy);
  g_array_append_val (journey->in_work_face_to_face, face_to_face);
}

IpsJob *
ips_journey_add_job (IpsJourney  *journey,
                     const GDate *start,
                     const GDate *end)
{
  IpsJob *job = g_new0 (IpsJob, 1);

  g_return_val_if_fail (journey != NULL, NULL);
  job->start = copy_date (start);
  job->end = copy_date (end);
  g_ptr_array_add (journey->jobs, job);
  return job;
}

/* Reading a client file */

static GDate
read_date (IpsClientFile *file,
           const char    *form,
           const char    *key)
{
  g_autofree char *text = ips_client_file_get_value (file, form, key);

  return ips_date_parse (text);
}

static GDate
read_row_date (IpsClientFile *file,
               const char    *row,
               const char    *key)
{
  g_autofree char *text = ips_client_file_get_row_value (file, row, key);

  return ips_date_parse (text);
}

static char *
read_row_text (IpsClientFile *file,
               const char    *row,
               const char    *key)
{
  g_autofree char *text = ips_client_file_get_row_value (file, row, key);

  if (text == NULL)
    return NULL;
  g_strstrip (text);
  return *text ? g_steal_pointer (&text) : NULL;
}

IpsJourney *
ips_journey_read (IpsClientFile *file)
{
  g_autoptr(IpsJourney) journey = ips_journey_new ();
  g_auto(GStrv) contacts = NULL;
  g_auto(GStrv) reviews = NULL;
  g_auto(GStrv) support = NULL;
  g_auto(GStrv) jobs = NULL;

  g_return_val_if_fail (IPS_IS_CLIENT_FILE (file), NULL);

  journey->referral_received = read_date (file, "journey", "referral-received");
  journey->referral_accepted = read_date (file, "journey", "referral-accepted");
  journey->first_contact = read_date (file, "journey", "first-contact");
  journey->profile_completed = read_date (file, "journey", "profile-completed");
  journey->closure_date = read_date (file, "journey", "closure-date");
  journey->plan_date = read_date (file, "action-plan", "date");
  journey->employment_status = ips_client_file_get_value (file, "journey", "employment-status-at-referral");

  contacts = ips_client_file_list_rows (file, "journey", "employer-contacts");
  for (guint i = 0; contacts[i]; i++)
    {
      GDate date = read_row_date (file, contacts[i], "date");
      g_autofree char *face_to_face = ips_client_file_get_row_value (file, contacts[i], "face-to-face");

      ips_journey_add_employer_contact (journey, &date, g_strcmp0 (face_to_face, "yes") == 0);
    }

  reviews = ips_client_file_list_rows (file, "action-plan", "reviews");
  for (guint i = 0; reviews[i]; i++)
    {
      GDate date = read_row_date (file, reviews[i], "date");

      ips_journey_add_plan_review (journey, &date);
    }

  support = ips_client_file_list_rows (file, "journey", "in-work-support");
  for (guint i = 0; support[i]; i++)
    {
      GDate date = read_row_date (file, support[i], "date");
      g_autofree char *face_to_face = ips_client_file_get_row_value (file, support[i], "face-to-face");

      ips_journey_add_in_work_contact_full (journey, &date, g_strcmp0 (face_to_face, "yes") == 0);
    }

  jobs = ips_client_file_list_rows (file, "journey", "jobs");
  for (guint i = 0; jobs[i]; i++)
    {
      GDate start = read_row_date (file, jobs[i], "start-date");
      GDate end = read_row_date (file, jobs[i], "end-date");
      IpsJob *job = ips_journey_add_job (journey, &start, &end);

      job->job_type = read_row_text (file, jobs[i], "job-type");
      job->employer = read_row_text (file, jobs[i], "employer");
      job->permanence = read_row_text (file, jobs[i], "permanence");
      job->competitive = read_row_text (file, jobs[i], "competitive");
    }

  return g_steal_pointer (&journey);
}

/* Questions over the dates */

GDate
ips_journey_get_entry_date (const IpsJourney *journey)
{
  g_return_val_if_fail (journey != NULL, from_day (0));

  if (g_date_valid (&journey->referral_accepted))
    return journey->referral_accepted;
  return copy_date (&journey->referral_received);
}

/* A record counts as done when it is dated, and not after today. */
static gboolean
happened (const GDate *date,
          guint32      today)
{
  guint32 d = julian (date);

  return d > 0 && d <= today;
}

GDate
ips_journey_get_first_face_to_face (const IpsJourney *journey,
                                    const GDate      *today)
{
  guint32 t = julian (today);
  guint32 first = 0;

  g_return_val_if_fail (journey != NULL, from_day (0));

  for (guint i = 0; i < journey->employer_contacts->len; i++)
    {
      const IpsEmployerContact *contact = &g_array_index (journey->employer_contacts, IpsEmployerContact, i);
      guint32 d = julian (&contact->date);

      if (contact->face_to_face && happened (&contact->date, t) && (first == 0 || d < first))
        first = d;
    }
  return from_day (first);
}

static guint32
latest_of (GArray  *dates,
           guint32  after,
           guint32  today)
{
  guint32 latest = 0;

  for (guint i = 0; i < dates->len; i++)
    {
      guint32 d = julian (&g_array_index (dates, GDate, i));

      if (d > 0 && d >= after && d <= today && d > latest)
        latest = d;
    }
  return latest;
}

/* The latest contact of any kind on or after @after (0: any), up to @today. */
static guint32
last_contact (const IpsJourney *journey,
              guint32           after,
              guint32           today)
{
  const GDate *single[] = { &journey->first_contact, &journey->plan_date };
  guint32 latest = MAX (latest_of (journey->plan_reviews, after, today),
                        latest_of (journey->in_work_contacts, after, today));

  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    {
      guint32 d = julian (single[i]);

      if (d > 0 && d >= after && d <= today && d > latest)
        latest = d;
    }
  for (guint i = 0; i < journey->employer_contacts->len; i++)
    {
      guint32 d = julian (&g_array_index (journey->employer_contacts, IpsEmployerContact, i).date);

      if (d > 0 && d >= after && d <= today && d > latest)
        latest = d;
    }
  return latest;
}

GDate
ips_journey_get_last_contact (const IpsJourney *journey,
                              const GDate      *today)
{
  g_return_val_if_fail (journey != NULL, from_day (0));
  return from_day (last_contact (journey, 0, julian (today)));
}

static gboolean
job_current (const IpsJob *job,
             guint32       today)
{
  guint32 end = julian (&job->end);

  return happened (&job->start, today) && (end == 0 || end > today);
}

IpsStage
ips_journey_get_stage (const IpsJourney *journey,
                       const GDate      *today)
{
  guint32 t = julian (today);

  g_return_val_if_fail (journey != NULL, IPS_STAGE_REFERRED);
  g_return_val_if_fail (t > 0, IPS_STAGE_REFERRED);

  /* Closed from the day of closure, as the figures count it. */
  if (happened (&journey->closure_date, t))
    return IPS_STAGE_CLOSED;
  for (guint i = 0; i < journey->jobs->len; i++)
    if (job_current (g_ptr_array_index (journey->jobs, i), t))
      return IPS_STAGE_IN_WORK;
  if (g_date_valid (&journey->profile_completed) || g_date_valid (&journey->plan_date))
    return IPS_STAGE_JOB_SEARCH;
  if (g_date_valid (&journey->referral_accepted) || g_date_valid (&journey->first_contact))
    return IPS_STAGE_ASSESSMENT;
  return IPS_STAGE_REFERRED;
}

static void
add_due (GArray     *list,
         IpsDueKind  kind,
         guint32     number)
{
  IpsDue due = { kind, from_day (number) };

  g_array_append_val (list, due);
}

GArray *
ips_journey_list_due (const IpsJourney *journey,
                      const GDate      *today)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (IpsDue));
  guint32 t = julian (today);
  GDate entry_date;
  guint32 entry;
  gboolean started_work = FALSE;

  g_return_val_if_fail (journey != NULL, NULL);
  g_return_val_if_fail (t > 0, NULL);

  if (happened (&journey->closure_date, t))
    return g_steal_pointer (&list);

  entry_date = ips_journey_get_entry_date (journey);
  entry = julian (&entry_date);

  for (guint i = 0; i < journey->jobs->len; i++)
    {
      const IpsJob *job = g_ptr_array_index (journey->jobs, i);
      guint32 start = julian (&job->start);
      guint32 end = julian (&job->end);

      if (start == 0)
        continue;
      if (start <= t)
        started_work = TRUE;

      if (end > 0 && end <= t)
        {
          /* Ended: any contact from the day it ended on will do. */
          if (last_contact (journey, end, t) == 0)
            add_due (list, IPS_DUE_JOB_ENDED, end + JOB_ENDED_DAYS);
        }
      else
        {
          /* In work (or about to start): support contacts since the start. */
          guint32 last = latest_of (journey->in_work_contacts, start, t);

          if (last == 0)
            add_due (list, IPS_DUE_IN_WORK_START, start + IN_WORK_START_DAYS);
          else if (last + IN_WORK_WEEKLY_DAYS <= start + IN_WORK_WEEKLY_PERIOD_DAYS)
            add_due (list, IPS_DUE_IN_WORK_WEEKLY, last + IN_WORK_WEEKLY_DAYS);
          else
            add_due (list, IPS_DUE_IN_WORK_MONTHLY, last + IN_WORK_MONTHLY_DAYS);
        }
    }

  /* The 30-day clock is for the job search: it stops once a job has started. */
  if (entry > 0 && !started_work)
    {
      GDate first = ips_journey_get_first_face_to_face (journey, today);

      if (!g_date_valid (&first))
        add_due (list, IPS_DUE_FIRST_EMPLOYER_CONTACT, entry + FIRST_EMPLOYER_CONTACT_DAYS);
    }

  if (g_date_valid (&journey->plan_date))
    {
      guint32 last = MAX (julian (&journey->plan_date), latest_of (journey->plan_reviews, 0, t));

      add_due (list, IPS_DUE_PLAN_REVIEW, last + PLAN_REVIEW_DAYS);
    }

  {
    guint32 last = last_contact (journey, 0, t);

    if (last == 0)
      last = entry;
    if (last > 0)
      add_due (list, IPS_DUE_KEEP_IN_TOUCH, last + KEEP_IN_TOUCH_DAYS);
  }

  return g_steal_pointer (&list);
}

gboolean
ips_journey_get_next_due (const IpsJourney *journey,
                          const GDate      *today,
                          IpsDue           *due)
{
  g_autoptr(GArray) list = NULL;
  const IpsDue *best = NULL;

  g_return_val_if_fail (journey != NULL, FALSE);
  g_return_val_if_fail (due != NULL, FALSE);

  list = ips_journey_list_due (journey, today);
  if (list == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      const IpsDue *item = &g_array_index (list, IpsDue, i);
      int order = best ? g_date_compare (&item->date, &best->date) : -1;

      if (order < 0 || (order == 0 && item->kind < best->kind))
        best = item;
    }

  if (best == NULL)
    {
      due->kind = IPS_DUE_NONE;
      g_date_clear (&due->date, 1);
      return FALSE;
    }
  *due = *best;
  return TRUE;
}
